"""The last good builds, kept beside the published warehouse for `make rollback`.

Each publish keeps its build in `<name>_builds/<published at>/`: a copy of the database (a copy,
not a hard link, so that nothing done to the published file, a program writing it or bytes
overwritten, reaches the kept one; the file holds the marts and small models only, the events
are in the event layer) and `build.json` (its sha256, size, marts' row counts, its Parquet
export set and event-layer batches). The export sets and batches a kept build names are kept
with it. The newest FRICTION_KEEP_BUILDS builds (default 3) are kept; older ones are pruned,
oldest first.

A build's folder is written as `.pending-<stamp>` before the candidate is renamed over the
published file and renamed to its final name after, so an interrupted publish can always be
told apart and finished (the rename happened) or dropped (it did not): `settle`.

Files are never written once published (a build copies the published file, readers open it
read-only); `make verify` hashes every kept build to prove it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.wap.publish import PublishError

DEFAULT_KEEP = 3
PENDING = ".pending-"


@dataclass(frozen=True)
class KeptBuild:
    folder: Path
    record: dict

    @property
    def database(self) -> Path:
        return self.folder / self.record["database"]

    @property
    def name(self) -> str:
        return self.folder.name.removeprefix(PENDING)

    @property
    def sha256(self) -> str:
        return self.record["sha256"]

    @property
    def exports(self) -> str:
        return self.record.get("exports", "")


def builds_dir(published: Path) -> Path:
    """`warehouse.duckdb` -> `warehouse_builds/`, next to it."""
    return published.with_name(f"{published.name.removesuffix('.duckdb')}_builds")


def keep_count() -> int:
    value = os.environ.get("FRICTION_KEEP_BUILDS", str(DEFAULT_KEEP))
    if not value.isdigit() or int(value) < 1:
        raise PublishError(
            f"FRICTION_KEEP_BUILDS={value!r}: it must be a whole number of builds to keep, 1 or "
            f"more (default {DEFAULT_KEEP})"
        )
    return int(value)


def _read(folder: Path) -> KeptBuild | None:
    try:
        record = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return KeptBuild(folder, record) if "sha256" in record and "database" in record else None


def kept_builds(published: Path, pending: bool = False) -> list[KeptBuild]:
    """The kept builds, oldest first (with `pending`, only the folders of unfinished publishes)."""
    root = builds_dir(published)
    if not root.is_dir():
        return []
    folders = sorted(
        path
        for path in root.iterdir()
        if path.is_dir() and path.name.startswith(PENDING) == pending
    )
    return [build for build in map(_read, folders) if build is not None]


def stage(published: Path, candidate: Path, record: dict) -> KeptBuild:
    """Keep a copy of the audited candidate as a pending build, before it is published."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    folder = builds_dir(published) / f"{PENDING}{stamp}"
    folder.mkdir(parents=True)
    shutil.copyfile(candidate, folder / published.name)
    saved = {**record, "database": published.name}
    (folder / "build.json").write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    return KeptBuild(folder, saved)


def finish(build: KeptBuild) -> KeptBuild:
    """The build was published: give its folder its final name."""
    final = build.folder.with_name(build.name)
    os.replace(build.folder, final)
    return KeptBuild(final, build.record)


def prune(published: Path, current_sha256: str) -> list[Path]:
    """Remove kept builds beyond FRICTION_KEEP_BUILDS, oldest first (never the published one)."""
    builds = kept_builds(published)
    removed = []
    excess = len(builds) - keep_count()
    for build in builds:
        if excess <= 0:
            break
        if build.sha256 == current_sha256:
            continue
        shutil.rmtree(build.folder, ignore_errors=True)
        removed.append(build.folder)
        excess -= 1
    return removed


def drop_pending(published: Path, keep_sha256: str | None = None) -> list[Path]:
    """Remove the pending folders of publishes that never happened."""
    dropped = []
    for build in kept_builds(published, pending=True):
        if build.sha256 != keep_sha256:
            shutil.rmtree(build.folder, ignore_errors=True)
            dropped.append(build.folder)
    root = builds_dir(published)
    for stray in root.glob(f"{PENDING}*") if root.is_dir() else []:
        if _read(stray) is None:  # killed while the folder was being written
            shutil.rmtree(stray, ignore_errors=True)
            dropped.append(stray)
    return dropped


def protected_exports(published: Path) -> set[Path]:
    """The export sets that kept (or pending) builds name."""
    builds = kept_builds(published) + kept_builds(published, pending=True)
    return {(published.parent / build.exports).resolve() for build in builds if build.exports}


def protected_batches(published: Path) -> set[str]:
    """The event-layer batches that kept (or pending) builds record."""
    builds = kept_builds(published) + kept_builds(published, pending=True)
    return {batch for build in builds for batch in build.record.get("event_batches", [])}
