"""What an operator runs on the published warehouse: `make verify`, `make builds`, `make rollback`.

verify    hash the published file and every kept build against the sha256 their builds
          recorded, count the marts' rows against the recorded counts, and check that the
          Parquet exports belong to the published database; exit 1 naming what is wrong and
          how to recover;
builds    list the kept builds (pipeline/wap/kept_builds.py): when, sha256, rows, which is
          published;
rollback  republish the kept build before the published one (or TO=<name or sha256 prefix>)
          in one rename, with its exports, under the build lock: readers see the old or the
          new warehouse, never an error.

`settle` runs first in every build: it finishes a publish interrupted after its rename, drops
one interrupted before, and refuses a published file that is not the one its build published.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

from pipeline.readers.warehouse_file import WarehouseUnavailable
from pipeline.wap.exports import exports_link, manifest_of, publish_exports
from pipeline.wap.fingerprint import record_path, write_record
from pipeline.wap.integrity import RECOVER, Damaged, check_file, check_readable, recorded
from pipeline.wap.kept_builds import (
    KeptBuild,
    drop_pending,
    finish,
    kept_builds,
    protected_exports,
)
from pipeline.wap.locking import LockTimeout, exclusive_lock
from pipeline.wap.publish import (
    PublishError,
    fsync_path,
    set_aside_stale_wal,
    sha256_of,
    wal_of,
    writer_message,
    writer_pid,
)


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


def _state(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def _point_exports(published: Path, build: KeptBuild) -> None:
    folder = published.parent / build.exports
    if not build.exports or not folder.is_dir():
        raise PublishError(
            f"the export set of the kept build {build.name} ({build.exports or 'none'}) is gone"
        )
    publish_exports(folder, published, protected_exports(published))


def _record_published(published: Path, build: KeptBuild, **extra: str) -> None:
    saved = {key: value for key, value in build.record.items() if key != "database"}
    write_record(record_path(published), {**saved, "published": _state(published), **extra})


def settle(published: Path) -> tuple[list[str], str | None]:
    """Make the published file and its record agree, or raise Damaged.

    Returns what was done and the published file's sha256 (None when there is none)."""
    done = []
    stale = set_aside_stale_wal(published)
    if stale:
        done.append(
            f"Moved a stale write-ahead log aside to {stale.name} (left by a program that had "
            f"{published.name} open read-write; its changes were never part of a build)"
        )
    if not published.exists():
        drop_pending(published)
        return done, None
    expected = recorded(record_path(published)).get("sha256")
    actual = sha256_of(published)
    if actual != expected:
        for build in kept_builds(published, pending=True):
            if build.sha256 == actual:
                # The candidate was renamed over the published file; what follows it was not done.
                _point_exports(published, build)
                _record_published(published, build)
                finish(build)
                done.append(
                    f"Finished publishing the build of {build.record.get('published_at')} "
                    "(interrupted after its rename: exports and record now match it)"
                )
                expected = actual
                break
    dropped = drop_pending(published)
    if dropped:
        done.append(f"Removed {len(dropped)} kept build(s) of publishes that never happened")
    if expected:
        check_file(published, record_path(published))
    else:
        check_readable(published)  # no sha256 recorded (an older build): at least it opens
    return done, actual


def verify(published: Path) -> list[str]:
    """Every problem found (empty: all good); prints what it checked."""
    if not published.exists():
        raise WarehouseUnavailable(f"there is no warehouse at {published}: run `make build` first")
    problems = []
    record = recorded(record_path(published))
    try:
        check = check_file(published, record_path(published))
        counts = check_readable(published)
    except Damaged as error:
        problems.append(str(error))
        check, counts = None, {}
    if check is not None:
        said = "matches its build record" if check.checked else "has no sha256 recorded"
        print(f"{published.name}: sha256 {check.sha256[:12]} {said}")
        expected = record.get("row_counts")
        if expected is not None and expected != counts:
            changed = sorted(
                name for name in {*expected, *counts} if expected.get(name) != counts.get(name)
            )
            problems.append(f"mart row counts differ from the build record: {', '.join(changed)}")
        elif expected is not None:
            print(f"{published.name}: {len(counts)} marts, {sum(counts.values())} rows as recorded")
        manifest = manifest_of(exports_link(published))
        if manifest.get("database_sha256") not in (None, check.sha256):
            problems.append(
                f"{exports_link(published).name}/ belongs to the database with sha256 "
                f"{manifest['database_sha256'][:12]}, not to the published one"
            )
        elif manifest.get("tables") is not None and manifest["tables"] != counts:
            problems.append(f"{exports_link(published).name}/ row counts differ from the marts'")
        elif manifest:
            print(f"{exports_link(published).name}/: the exports of this database")
    pid = writer_pid(published)
    if pid is not None:
        problems.append(writer_message(published, pid))
    elif wal_of(published).exists():
        problems.append(
            f"{wal_of(published).name}: a stale write-ahead log (make build sets it aside)"
        )
    for build in kept_builds(published):
        try:
            check_file(build.database, build.folder / "build.json", "the kept build")
            print(f"kept build {build.name}: sha256 {build.sha256[:12]} as recorded")
        except Damaged as error:
            problems.append(str(error))
    return problems


def list_builds(published: Path) -> None:
    builds = kept_builds(published)
    current = recorded(record_path(published)).get("sha256")
    if not builds:
        print(f"No kept builds beside {published} yet (each make build keeps one).")
        return
    print(f"Kept builds of {published} (newest last; FRICTION_KEEP_BUILDS keeps the newest):")
    for build in builds:
        counts = build.record.get("row_counts", {})
        marker = "  <- published" if build.sha256 == current else ""
        print(
            f"  {build.name}  published {build.record.get('published_at', '?')}  "
            f"sha256 {build.sha256[:12]}  {len(counts)} marts, {sum(counts.values())} rows"
            f"{marker}"
        )


def _target(published: Path, builds: list[KeptBuild], to: str | None) -> KeptBuild:
    if not builds:
        raise PublishError(f"no kept builds beside {published}: there is nothing to roll back to")
    if to:
        matches = [build for build in builds if build.name == to or build.sha256.startswith(to)]
        if len(matches) != 1:
            raise PublishError(
                f"TO={to} names {len(matches)} kept builds; `make builds` lists their names"
            )
        return matches[0]
    actual = sha256_of(published) if published.exists() else None
    positions = [index for index, build in enumerate(builds) if build.sha256 == actual]
    if not positions:
        return builds[-1]  # the published file is damaged or foreign: the newest good build
    if positions[-1] == 0:
        raise PublishError(
            f"the published build is the oldest kept one ({builds[0].name}): nothing older to "
            "roll back to"
        )
    return builds[positions[-1] - 1]


def rollback(published: Path, to: str | None = None) -> str:
    started = time.monotonic()
    target = _target(published, kept_builds(published), to)
    check_file(target.database, target.folder / "build.json", "the kept build")
    pid = writer_pid(published)
    if pid is not None:
        raise PublishError(writer_message(published, pid))
    set_aside_stale_wal(published)
    staging = published.with_name(f".{published.name}.rollback")
    staging.unlink(missing_ok=True)
    try:
        shutil.copyfile(target.database, staging)  # a copy: the kept build stays as it is
        fsync_path(staging)
        os.replace(staging, published)
    finally:
        staging.unlink(missing_ok=True)
    fsync_path(published.parent)
    _point_exports(published, target)
    _record_published(
        published, target, rolled_back_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    )
    counts = target.record.get("row_counts", {})
    return (
        f"Rolled back {published} to the build {target.name} (published "
        f"{target.record.get('published_at')}, sha256 {target.sha256[:12]}, {len(counts)} marts, "
        f"{sum(counts.values())} rows) and its exports in {time.monotonic() - started:.2f} s. "
        "The builds after it are still kept (make builds); make build builds again."
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["verify", "builds", "rollback"])
    parser.add_argument(
        "--published",
        type=Path,
        default=Path(os.environ.get("FRICTION_WAREHOUSE", "warehouse.duckdb")),
    )
    parser.add_argument("--to", default=None)
    args = parser.parse_args(argv)
    published = args.published.resolve()
    try:
        if args.command == "builds":
            list_builds(published)
            return 0
        if args.command == "verify":
            problems = verify(published)
            if problems:
                print(f"\nVERIFY FAILED: {len(problems)} problem(s)", file=sys.stderr)
                for problem in problems:
                    print(f"  - {problem}", file=sys.stderr)
                print(f"What to do: {RECOVER}.", file=sys.stderr)
                return 1
            print("Verified: the published warehouse, its exports and the kept builds are intact.")
            return 0
        with exclusive_lock(
            lock_path(published), float(os.environ.get("FRICTION_LOCK_TIMEOUT", "900"))
        ):
            print(rollback(published, args.to))
        return 0
    except (PublishError, Damaged, LockTimeout, WarehouseUnavailable, OSError) as error:
        print(f"\n{args.command.upper()} FAILED: {error}", file=sys.stderr)
        if published.exists():
            print(
                f"The published {published} is as it was (sha256 {sha256_of(published)[:12]}).",
                file=sys.stderr,
            )
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
