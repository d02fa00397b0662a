"""The benchmark's workspace: a copy of the project with scaled seeds, and GDELT files."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

from pipeline.synthetic.generate_gdelt import DEFAULT_START, generate
from pipeline.synthetic.generate_seeds import scale_seeds

PROJECT_PARTS = [
    "dbt_project.yml",
    "profiles.yml",
    "models",
    "macros",
    "tests",
    "analyses",
    "snapshots",
]
# What `make build` needs besides the dbt project (the user-command steps run it in the copy).
MAKE_PARTS = ["Makefile", "pipeline", "scripts", "requirements.lock", "pyproject.toml"]
DAYS = 360  # 2019-01-01 to 2019-12-26: appended days land in December, a month with data


def project_copy(project: Path, root: Path, seed_factor: int) -> Path:
    """The dbt project copied under root/project, its seeds scaled seed_factor times."""
    target = root / "project"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for part in PROJECT_PARTS + MAKE_PARTS:
        source = project / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / ".venv").symlink_to((project / ".venv").resolve())
    scale_seeds(project, target / "seeds", seed_factor)
    return target


def gdelt_folder(project: Path, root: Path, events: int) -> Path:
    """`events` synthetic events over a year, generated once and reused by later runs."""
    folder = root / f"gdelt_{events}"
    marker = folder / "_generated.json"
    wanted = {"events": events, "days": DAYS, "seed": 42}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    print(f"Generating {events:,} synthetic GDELT events in {folder} ...", flush=True)
    generate(project, folder, events, 1, 42, DEFAULT_START, DAYS)
    marker.write_text(json.dumps(wanted))
    return folder


def append_days(project: Path, folder: Path, events: int, days: int, skip: int) -> list[Path]:
    """`events` more events in `days` files, `skip` days after the folder's last day."""
    first = DEFAULT_START + timedelta(days=DAYS + skip)
    return generate(project, folder, events, 1, 4242 + skip, first, days)
