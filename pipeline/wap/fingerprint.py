"""What a build was made from, so that a build with nothing new can say so and publish nothing.

A build's inputs are the project's files (models, macros, seeds, dbt's tests, dbt_project.yml,
the profiles, the GX suite in pipeline/, the lock file; not the pytest suite in tests/python),
the GDELT export files it read (name, size and modification time of each), the dbt arguments and
the settings that change what dbt builds (FRICTION_* and DBT_* environment variables). Their
digest is recorded next to the published file at each publish (`.<name>.build.json`, with the
published file's own size and modification time). A later build whose digest is the same, over
the same published file, has nothing to do; one where only the GDELT files changed rebuilds only
the GDELT models and what depends on them (the project digest, without the GDELT files, is
recorded too). Reading the inputs costs a stat per file and a hash of the project's own text
files, never a read of the published warehouse or of the GDELT files.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_INPUTS = ["models", "macros", "seeds", "tests", "analyses", "snapshots", "pipeline"]
PROJECT_FILES = ["dbt_project.yml", "profiles.yml", "requirements.lock", "Makefile"]
# The pytest suite lives under tests/ beside dbt's singular tests but builds nothing.
EXCLUDED_FOLDERS = [("tests", "python")]
SETTING_PREFIXES = ("FRICTION_", "DBT_")
# Settings that say where things go or how long to wait, not what is built.
IGNORED_SETTINGS = {
    "FRICTION_WAREHOUSE",
    "FRICTION_LOCK_TIMEOUT",
    "FRICTION_KEEP_BUILDS",
    "DBT_PROFILES_DIR",
}
PROJECT_SUFFIXES = {".sql", ".yml", ".yaml", ".csv", ".md", ".py", ".json"}


@dataclass(frozen=True)
class PreviousBuild:
    digest: str
    published_at: str
    project_digest: str | None = None


@dataclass(frozen=True)
class Inputs:
    """The digest of everything (`digest`) and of the project alone (no GDELT files)."""

    digest: str
    project_digest: str


def record_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.build.json")


def _project_files(project: Path) -> list[Path]:
    files = [project / name for name in PROJECT_FILES if (project / name).is_file()]
    for folder in PROJECT_INPUTS:
        root = project / folder
        if root.is_dir():
            files += [
                path
                for path in root.rglob("*")
                if path.is_file()
                and path.suffix in PROJECT_SUFFIXES
                and "__pycache__" not in path.parts
                and path.relative_to(project).parts[:2] not in EXCLUDED_FOLDERS
            ]
    return sorted(files)


def _files_hash(project: Path) -> hashlib._Hash:
    digest = hashlib.sha256()
    for path in _project_files(project):
        digest.update(str(path.relative_to(project)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest


def project_files_digest(project: Path) -> str:
    """The digest of the project's files alone (no settings, no GDELT files)."""
    return _files_hash(project).hexdigest()


def build_inputs(project: Path, gdelt_files: list[Path], dbt_args: list[str]) -> Inputs:
    """Digests of everything that decides what a build publishes, and of the project alone."""
    digest = _files_hash(project)
    settings = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith(SETTING_PREFIXES) and name not in IGNORED_SETTINGS
    )
    digest.update(json.dumps([settings, dbt_args]).encode())
    project_digest = digest.hexdigest()
    for path in gdelt_files:
        status = path.stat()
        digest.update(f"{path.resolve()}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return Inputs(digest.hexdigest(), project_digest)


def inputs_digest(project: Path, gdelt_files: list[Path], dbt_args: list[str]) -> str:
    """One digest of everything that decides what a build publishes."""
    return build_inputs(project, gdelt_files, dbt_args).digest


def _published_state(published: Path) -> list[int]:
    status = published.stat()
    return [status.st_size, status.st_mtime_ns]


def previous_build(published: Path) -> PreviousBuild | None:
    """The record of the build that published `published`, if it still describes that file."""
    record = record_path(published)
    if not (published.exists() and record.exists()):
        return None
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("published") != _published_state(published):
        return None  # the published file was replaced or changed since
    return PreviousBuild(saved["inputs_digest"], saved["published_at"], saved.get("project_digest"))


def build_record(
    database: Path, digest: str, project_digest: str | None = None, **checks: object
) -> dict:
    """The record of a build of `database`; `checks` are kept with it (its sha256 and size, its
    marts' row counts, its export set, its event batches: pipeline/wap/integrity.py)."""
    return {
        "inputs_digest": digest,
        "project_digest": project_digest,
        "published": _published_state(database),
        "published_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        **checks,
    }


def record_build(published: Path, digest: str, project_digest: str | None = None) -> None:
    """Write the record atomically after a publish."""
    write_record(record_path(published), build_record(published, digest, project_digest))


def write_record(record: Path, saved: dict) -> None:
    staging = record.with_name(record.name + ".new")
    staging.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    os.replace(staging, record)
