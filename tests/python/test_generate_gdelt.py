"""The synthetic GDELT generator: deterministic, in the export layout, and clean to the parser."""

import hashlib
from pathlib import Path

import duckdb
from conftest import PROJECT_ROOT, ProjectCopy

from pipeline.synthetic.generate_gdelt import generate

EVENTS = 3_000


def digest(folder: Path) -> str:
    files = sorted(folder.glob("*.export.CSV"))
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    first = generate(PROJECT_ROOT, tmp_path / "a", EVENTS, 1, seed=7)
    generate(PROJECT_ROOT, tmp_path / "b", EVENTS, 1, seed=7)
    generate(PROJECT_ROOT, tmp_path / "c", EVENTS, 1, seed=8)
    assert len(first) == 365
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")
    lines = [line for path in first for line in path.read_text().splitlines()]
    assert len(lines) == EVENTS
    assert {len(line.split("\t")) for line in lines} == {61}


def test_generated_files_parse_without_quarantine(project_copy: ProjectCopy, tmp_path: Path):
    folder = tmp_path / "synthetic"
    generate(PROJECT_ROOT, folder, EVENTS, 1, seed=7)
    run = project_copy.run_dbt(
        "build",
        "--select",
        "+path:models/staging/gdelt",
        "--indirect-selection",
        "cautious",
        "--vars",
        f"{{gdelt_dir: '{folder}'}}",
        env={"FRICTION_GDELT_ALLOW_SYNTHETIC": "1"},
    )
    assert run.returncode == 0, run.output
    with duckdb.connect(str(project_copy.path / "planted.duckdb"), read_only=True) as connection:
        quarantined = connection.execute(
            "select count(*) from staging.stg_gdelt__quarantined_rows"
        ).fetchone()[0]
        events = connection.execute("select count(*) from staging.stg_gdelt__events").fetchone()[0]
    assert (quarantined, events) == (0, EVENTS)


def test_generated_events_carry_the_synthetic_marker_dbt_recognises(tmp_path: Path) -> None:
    import yaml

    prefix = yaml.safe_load((PROJECT_ROOT / "dbt_project.yml").read_text())["vars"][
        "gdelt_synthetic_url_prefix"
    ]
    files = generate(PROJECT_ROOT, tmp_path / "marked", 50, 1, seed=7, days=2)
    urls = [line.split("\t")[60] for path in files for line in path.read_text().splitlines()]
    assert len(urls) == 50
    assert all(url.startswith(prefix) for url in urls)
