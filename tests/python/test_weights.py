"""Weights are dbt vars: `make build VARS=...` (docs/method.md) moves the score as the formula
says."""

import os
import re
import subprocess
from pathlib import Path

import duckdb
from conftest import PROJECT_ROOT, ProjectCopy

METHOD_VARS = re.compile(r"^make build VARS='(\{(\w+): ([0-9.]+)\})'$", re.MULTILINE)
DEFAULT_DISPUTE_WEIGHT = 0.25  # dbt_project.yml; checked below
PAIR_MONTHS = """
    select country_a_code, country_b_code, month_start_date,
        tariff_component, dispute_component, cooperation_component, gdelt_component, friction_score
    from marts.fct_country_pair_friction_monthly
    order by all
"""


def pair_months(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(PAIR_MONTHS).fetchall()


def test_make_build_with_the_documented_vars_scales_the_dispute_component(
    published_copy: ProjectCopy, built_warehouse: Path
) -> None:
    method = (PROJECT_ROOT / "docs" / "method.md").read_text()
    command, name, value = METHOD_VARS.search(method).groups()
    assert name == "dispute_weight"
    assert (
        f"dispute_weight: {DEFAULT_DISPUTE_WEIGHT} "
        in (PROJECT_ROOT / "dbt_project.yml").read_text()
    )
    (published_copy.path / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    result = subprocess.run(
        f"make build VARS='{command}'",
        shell=True,
        cwd=published_copy.path,
        env={**os.environ, "DBT_PROFILES_DIR": str(published_copy.path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    before, after = pair_months(built_warehouse), pair_months(published_copy.published)
    assert [row[:3] for row in after] == [row[:3] for row in before]
    factor = float(value) / DEFAULT_DISPUTE_WEIGHT
    moved = 0
    for old, new in zip(before, after, strict=True):
        tariff, dispute, cooperation, gdelt, score = new[3:]
        assert (tariff, cooperation, gdelt) == old[3:4] + old[5:7], old[:3]
        assert abs(dispute - factor * old[4]) < 1e-9, old[:3]
        assert abs(score - (tariff + dispute + cooperation + gdelt)) < 1e-9, old[:3]
        moved += dispute != old[4]
    assert moved > 0, "the dispute weight changed no pair-month"
