"""Write-audit-publish: `python -m pipeline.wap.build [--published warehouse.duckdb] [-- dbt args]`.

1. check   every seed CSV (encoding, quoting, header, column count, types) before anything is
           loaded; the data rules are dbt's tests, run in step 2, and a failing one names the
           seed file and line of each bad row (pipeline/checks/seed_failures.py);
2. write   `dbt build` (models, seeds and every dbt test) into a private candidate file next to
           the published one, never the published file itself. Incremental when it can be
           (pipeline/wap/incremental.py): the candidate starts as a copy of the published file and
           the GDELT models load only new files; `--full-refresh` rebuilds from nothing. The
           GDELT lines are not in the file: each build adds its new lines as a Parquet batch
           of the event layer next to it (pipeline/wap/event_layer.py), which the candidate
           records, so the copy holds the marts and small models only;
3. audit   run the great-expectations checkpoint over the candidate (read-only) and export
           every mart to Parquet in a new versioned folder;
4. publish rename the candidate over the published file in one atomic step, then swap the
           `<name>_parquet` symlink to the new exports in another.

A build whose inputs (project files, GDELT files, settings; pipeline/wap/fingerprint.py) are those
of the published build says so and stops: nothing to do, nothing published.

A failure at any step exits 1 with a summary and leaves the published file byte-for-byte as
it was. Builds take an exclusive lock, so a second build waits (FRICTION_LOCK_TIMEOUT seconds,
default 900) or fails cleanly.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from pipeline import dbt_runner
from pipeline.checks.seed_checks import check_seeds, report
from pipeline.checks.seed_failures import seed_problems
from pipeline.project_vars import VarsError, project_vars
from pipeline.wap.compiled_project import warm_cache
from pipeline.wap.event_layer import layer_dir, recorded_batches, remove_unrecorded_batches
from pipeline.wap.exports import (
    MARTS_SCHEMA,
    check_exports_link,
    export_marts,
    exports_link,
    new_version_folder,
    prune_export_sets,
    publish_exports,
    sign_manifest,
)
from pipeline.wap.failure import AGAIN, StepFailed, describe_failure
from pipeline.wap.fingerprint import (
    Inputs,
    build_inputs,
    build_record,
    previous_build,
    record_path,
    write_record,
)
from pipeline.wap.history import carry_snapshots
from pipeline.wap.incremental import BuildPlan, plan_build
from pipeline.wap.integrity import RECOVER, Damaged, check_file
from pipeline.wap.kept_builds import (
    KeptBuild,
    builds_dir,
    finish,
    keep_count,
    kept_builds,
    protected_batches,
    protected_exports,
    prune,
    stage,
)
from pipeline.wap.locking import exclusive_lock
from pipeline.wap.operations import settle
from pipeline.wap.publish import (
    finalize,
    publish,
    sha256_of,
    wal_of,
    writer_message,
    writer_pid,
)
from pipeline.wap.space import check_free_space

# What a build rebuilds when only GDELT files are new: the file record and everything after it.
GDELT_MODELS_AND_DOWNSTREAM = "base_gdelt__export_files+"


def candidate_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.candidate")


def _step(number: int, title: str) -> float:
    STATE.step = f"step {number}/4 ({STEP_NAMES[number]})"
    print(f"\n[{number}/4] {title}", flush=True)
    return time.monotonic()


def _test_purposes(project: Path) -> dict[str, str]:
    """What each singular test checks: the leading `--` comment of its SQL file."""
    manifest_path = project / "target" / "manifest.json"
    if not manifest_path.exists():
        return {}
    purposes = {}
    for unique_id, node in json.loads(manifest_path.read_text()).get("nodes", {}).items():
        if node.get("resource_type") != "test" or node.get("test_metadata"):
            continue
        comment = []
        for line in node.get("raw_code", "").splitlines():
            if not line.startswith("--"):
                break
            comment.append(line.removeprefix("--").strip())
        if comment:
            purposes[unique_id] = " ".join(comment)
    return purposes


def _dbt_summary(project: Path, log: Path) -> str:
    """`dbt build: 452 nodes, 452 passed` from run_results.json, else dbt's last words."""
    results_path = project / "target" / "run_results.json"
    if not results_path.exists():
        return "dbt build: stopped before running anything"
    statuses = [result["status"] for result in json.loads(results_path.read_text())["results"]]
    passed = sum(status in {"success", "pass"} for status in statuses)
    others = {
        status: statuses.count(status)
        for status in sorted(set(statuses))
        if status not in {"success", "pass"}
    }
    shown = "".join(f", {count} {status}" for status, count in others.items())
    return f"dbt build: {len(statuses)} nodes, {passed} passed{shown}"


def _log_tail(log: Path, lines: int = 25) -> str:
    if not log.exists():
        return ""
    return "\n    ".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _dbt_failures(project: Path, log: Path) -> list[str]:
    results_path = project / "target" / "run_results.json"
    if not results_path.exists():
        return [f"dbt stopped before running anything:\n    {_log_tail(log)}"]
    results = json.loads(results_path.read_text()).get("results", [])
    purposes = _test_purposes(project)
    failures = []
    for result in results:
        if result["status"] in {"fail", "error", "runtime error"}:
            message = (result.get("message") or "").strip().splitlines()[:20]
            shown = "\n    ".join(line.strip() for line in message) if message else result["status"]
            failure = f"{result['unique_id']}: {shown}"
            if result["unique_id"] in purposes:
                failure += f"\n    (the test: {purposes[result['unique_id']]})"
            failures.append(failure)
    return failures or [f"dbt exited non-zero:\n    {_log_tail(log)}"]


def run_dbt(project: Path, candidate: Path, dbt_args: list[str], plan: BuildPlan) -> None:
    """`dbt build` into the candidate: a copy of the published file when incremental."""
    for stale in (candidate, wal_of(candidate), project / "target" / "run_results.json"):
        stale.unlink(missing_ok=True)
    if plan.is_incremental:
        shutil.copyfile(plan.published, candidate)
    else:
        dbt_args = ["--full-refresh", *dbt_args]
        carried = carry_snapshots(plan.published, candidate)
        if carried:
            print(
                f"Fact history: {len(carried)} snapshot table(s) carried over from "
                f"{plan.published.name}"
            )
    env = {"FRICTION_GDELT_EVENT_LAYER": str(layer_dir(plan.published))}
    log = project / "logs" / "make_build.log"
    if os.environ.get("VERBOSE") == "1":
        completed = dbt_runner.run(project, ["build", *dbt_args], candidate, env=env)
    else:
        # One line per phase: dbt's own log (a line per node) goes to a file.
        completed = dbt_runner.run(project, ["build", *dbt_args], candidate, env=env, log=log)
        print(f"{_dbt_summary(project, log)} (every node: {log}; VERBOSE=1 shows it here)")
    if completed.returncode < 0:
        raise StepFailed(
            f"dbt build was killed ({signal.Signals(-completed.returncode).name}) before it "
            f"finished; see {log}",
            AGAIN,
        )
    if completed.returncode != 0:
        problems = seed_problems(project, project / "target", candidate, dbt_args)
        if problems:
            # dbt's tests on the seeds failed: name the rows by their file and line
            report(problems, out=sys.stdout, loaded=True)
        failures = _dbt_failures(project, log)
        if any("No space left on device" in failure for failure in failures):
            raise StepFailed(
                f"dbt build: the disk is full (No space left on device, writing {candidate.name})",
                f"free space in {candidate.parent}, or set FRICTION_WAREHOUSE to a file on a disk "
                f"with more room; then {AGAIN}",
            )
        columns_changed = any(
            failure.startswith("model.") and ("column" in failure.lower() or "schema" in failure)
            for failure in failures
        )
        hint = (
            "\n  (incremental build: a model changed its columns; rebuild with "
            "make build FULL_REFRESH=1)"
            if plan.is_incremental and columns_changed
            else ""
        )
        raise StepFailed(
            f"dbt build: {len(failures)} failing\n  " + "\n  ".join(failures) + hint,
            keep_candidate=True,
        )


def gdelt_files(project: Path, dbt_args: list[str] = ()) -> tuple[Path, list[Path]]:
    """The GDELT folder (FRICTION_GDELT_DIR, else the gdelt_dir var) and its export files."""
    try:
        configured = (
            os.environ.get("FRICTION_GDELT_DIR") or project_vars(project, dbt_args)["gdelt_dir"]
        )
    except VarsError as error:
        raise StepFailed(str(error)) from error
    folder = Path(configured) if Path(configured).is_absolute() else project / configured
    return folder, sorted(folder.glob("*.export.CSV")) if folder.is_dir() else []


def check_gdelt_folder(folder: Path, files: list[Path]) -> str:
    """The GDELT folder must hold export files."""
    if not files:
        raise StepFailed(
            f"GDELT input: no *.export.CSV files in {folder}; set FRICTION_GDELT_DIR to a folder "
            "of GDELT 2.0 event exports (unzipped), or unset it to use the shipped sample"
        )
    return f"GDELT input: {len(files)} export file(s) in {folder}"


def gdelt_summary(candidate: Path) -> str:
    """How many GDELT export lines were read, kept and quarantined (nothing is dropped silently)."""
    connection = duckdb.connect(str(candidate), read_only=True)
    try:
        lines, files, quarantined = connection.execute(
            "select count(*), count(distinct file_name), count(rejection_reason) "
            "from staging.base_gdelt__export_rows"
        ).fetchone()
        events = connection.execute("select count(*) from staging.stg_gdelt__events").fetchone()[0]
        try:
            bad_files = connection.execute(
                "select file_name, quarantine_reason from staging.stg_gdelt__quarantined_files "
                "order by file_name"
            ).fetchall()
        except duckdb.CatalogException:  # (a build that did not select it)
            bad_files = []
    finally:
        connection.close()
    summary = (
        f"GDELT: {lines} lines read from {files} file(s); {events} events kept "
        f"({lines - quarantined - events} duplicates dropped), {quarantined} quarantined "
        "(see staging.stg_gdelt__quarantined_rows)"
    )
    if bad_files:
        summary += (
            f"\nGDELT: {len(bad_files)} file(s) not loaded, quarantined whole (see "
            "staging.stg_gdelt__quarantined_files); each loads once fixed:\n  "
            + "\n  ".join(f"{name}: {reason}" for name, reason in bad_files)
        )
    return summary


def rebuilt_marts(project: Path) -> set[str]:
    """The marts the dbt build just wrote (run_results.json, schemas from the manifest)."""
    target = project / "target"
    nodes = json.loads((target / "manifest.json").read_text())["nodes"]
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {
        nodes[result["unique_id"]]["name"]
        for result in results
        if result["unique_id"] in nodes
        and nodes[result["unique_id"]]["resource_type"] == "model"
        and nodes[result["unique_id"]]["schema"] == MARTS_SCHEMA
        and result["status"] == "success"
    }


def run_audit(candidate: Path, docs: Path | None, marts: set[str] | None, variables: dict) -> None:
    """The GX checkpoint over every mart, or (marts given) over the marts this build rebuilt."""
    from pipeline.checks.gx_audit import (
        run_checkpoint,
    )  # GX takes seconds to import: only when needed

    audit = run_checkpoint(candidate, docs, marts, variables)
    scope = (
        ""
        if marts is None
        else f" ({len(audit.audited)} suites: those of the {len(marts)} marts this build rebuilt)"
    )
    print(f"great-expectations: {audit.evaluated} expectations evaluated{scope}")
    if audit.docs_index:
        print(f"Data docs: {audit.docs_index}")
    elif docs is not None and marts is not None:
        print("Data docs: not written by an incremental build (make audit writes them)")
    if not audit.success:
        raise StepFailed(
            f"great-expectations checkpoint: {len(audit.failures)} failing\n  "
            + "\n  ".join(audit.failures),
            keep_candidate=True,
        )


def check_property_files(project: Path) -> None:
    """Unknown keys in the models' YAML files fail the build (scripts/check_yaml_keys.py)."""
    script = project / "scripts" / "check_yaml_keys.py"
    completed = subprocess.run(
        [sys.executable, str(script), str(project)], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        print(completed.stdout + completed.stderr, end="")
        raise StepFailed("property files: unknown keys (listed above)")


@dataclass
class BuildState:
    """Where the build is and what it wrote, so that a failure can say so and clean up."""

    step: str = "step 1/4 (check)"
    before_sha256: str | None = None
    exports: Path | None = None
    pending: KeptBuild | None = None
    published_new: bool = False
    candidate: Path | None = None
    notes: list[str] = field(default_factory=list)


STATE = BuildState()
STEP_NAMES = {1: "check", 2: "write", 3: "audit", 4: "publish"}


def _newest_good_build(published: Path) -> Path | None:
    """The database of the newest kept build whose sha256 is as recorded."""
    for kept in reversed(kept_builds(published)):
        try:
            check_file(kept.database, kept.folder / "build.json", "the kept build")
        except Damaged:
            continue
        return kept.database
    return None


def _settle(published: Path, full_refresh: bool) -> Path:
    """Check the published file before anything reads it; the file to build from."""
    keep_count()  # a bad FRICTION_KEEP_BUILDS fails now, not after the build
    pid = writer_pid(published)
    if pid is not None:
        raise StepFailed(writer_message(published, pid) + ", then build again")
    candidate = candidate_path(published)
    for stale in (candidate, wal_of(candidate)):
        if stale.exists():  # left by a build that was killed (we hold the lock: none runs now)
            stale.unlink()
            print(f"Removed {stale.name}, left by an earlier build that failed or was killed")
    try:
        done, STATE.before_sha256 = settle(published)
    except Damaged as error:
        if not full_refresh:
            raise StepFailed(str(error), RECOVER) from error
        good = _newest_good_build(published)
        print(
            f"WARNING: {error}. A full refresh does not read it: the fact history (snapshots) "
            + (f"comes from the kept build {good.parent.name}." if good else "starts anew.")
        )
        STATE.before_sha256 = sha256_of(published)
        return good or published.with_name(f".{published.name}.absent")
    for line in done:
        print(line)
    return published


def _publish_build(
    published: Path, candidate: Path, exports: Path, counts: dict[str, int], inputs: Inputs
) -> str:
    """Step 4: keep the build, rename it over the published file, swap the exports, record."""
    sha = sha256_of(candidate)
    sign_manifest(exports, sha)
    check_exports_link(published)
    record = build_record(
        candidate,
        inputs.digest,
        inputs.project_digest,
        sha256=sha,
        size=candidate.stat().st_size,
        row_counts=counts,
        exports=exports.name,
        event_batches=sorted(recorded_batches(candidate)),
    )
    STATE.pending = stage(published, candidate, record)
    publish(candidate, published)
    STATE.published_new = True
    link = publish_exports(exports, published, protected_exports(published))
    write_record(record_path(published), record)
    finish(STATE.pending)
    STATE.pending = None
    pruned = prune(published, sha)
    prune_export_sets(published, protected_exports(published))
    kept = len(kept_builds(published))
    print(
        f"Published {published} (sha256 {sha[:12]}) and {link}/; {kept} build(s) kept in "
        f"{builds_dir(published).name}/ for make rollback"
        + (f" ({len(pruned)} older pruned)" if pruned else "")
    )
    return sha


def build(
    project: Path, published: Path, docs: Path | None, dbt_args: list[str], full_refresh: bool
) -> None:
    candidate = candidate_path(published)
    STATE.candidate = candidate
    folder, files = gdelt_files(project, dbt_args)
    source = _settle(published, full_refresh)
    inputs = build_inputs(project, files, dbt_args)
    previous = previous_build(published)
    if previous and previous.digest == inputs.digest and not full_refresh:
        print(
            f"Nothing changed since the build published at {previous.published_at} (same "
            f"project files, seeds, settings and {len(files)} GDELT file(s) in {folder}).\n"
            f"Nothing to do: {published} is unchanged (make build FULL_REFRESH=1 rebuilds anyway)."
        )
        return
    project_unchanged = previous is not None and previous.project_digest == inputs.project_digest
    started = _step(1, "check seeds")
    check_exports_link(published)
    if project_unchanged:
        print("Seeds and project files are those of the published build (checked then)")
    else:
        check_property_files(project)
        problems, row_count = check_seeds(project)
        if problems:
            report(problems, out=sys.stdout)
            raise StepFailed(f"seed checks: {len(problems)} problem(s) in seeds/ (listed above)")
        print(
            f"Seed files read: {row_count} rows, well formed ({time.monotonic() - started:.1f} s;"
            " their data rules are dbt's tests, run in step 2)"
        )
    print(check_gdelt_folder(folder, files))
    plan = plan_build(source, files, full_refresh)
    if source == published:
        removed = remove_unrecorded_batches(published, protected_batches(published))
        if removed:
            print(
                f"Event layer: removed {len(removed)} batch(es) no published or kept build records"
            )
    only_gdelt = plan.is_incremental and not dbt_args and project_unchanged
    if only_gdelt:
        # Only GDELT files changed: the curated models and their tests are as published, and
        # so is the logic the unit tests check.
        dbt_args = [
            "--select",
            GDELT_MODELS_AND_DOWNSTREAM,
            "--exclude-resource-type",
            "unit_test",
        ]
        plan = replace(
            plan,
            reason=plan.reason + "; project unchanged: GDELT models and what depends on them only",
        )
    started = _step(2, f"write: dbt build into {candidate.name} ({plan.reason})")
    print(check_free_space(published, plan.new_bytes))
    # GX takes seconds to import: import it while dbt builds, in a thread (dbt is another process).
    threading.Thread(
        target=importlib.import_module, args=("pipeline.checks.gx_audit",), daemon=True
    ).start()
    # `make ask` compiles the analyses once per project version, so that the first question
    # after a build answers at once: its own dbt run, with its own target folder, while dbt
    # builds (after the audit it made a first build of a project version about 9 s longer).
    warmed: list[str] = []
    warm = threading.Thread(
        target=lambda: warmed.append(warm_cache(project, published)), daemon=True
    )
    warm.start()
    run_dbt(project, candidate, dbt_args, plan)
    finalize(candidate)
    print(f"dbt build passed ({time.monotonic() - started:.1f} s)")
    print(gdelt_summary(candidate))
    started = _step(3, "audit: great-expectations checkpoint")
    rebuilt = rebuilt_marts(project) if only_gdelt else None
    run_audit(candidate, docs, rebuilt, project_vars(project, dbt_args))
    exports = STATE.exports = new_version_folder(published)
    link = exports_link(published)
    previous_exports = link.resolve() if link.is_symlink() else None
    counts, reused = export_marts(candidate, exports, rebuilt, previous_exports)
    warm.join()
    print(warmed[0] if warmed else "make ask: analyses not compiled")
    elapsed = time.monotonic() - started
    unchanged = f" ({len(reused)} unchanged, linked from the previous set)" if reused else ""
    print(f"Audit passed; exported {len(counts)} marts to Parquet{unchanged} ({elapsed:.1f} s)")
    _step(4, f"publish: {candidate.name} -> {published}")
    _publish_build(published, candidate, exports, counts, inputs)


def _describe_published(published: Path) -> str:
    if not published.exists():
        return f"Nothing was published ({published} does not exist yet)."
    sha = sha256_of(published)
    if STATE.published_new and sha != STATE.before_sha256:
        return (
            f"The new build was published ({published}, sha256 {sha[:12]}) but the step after "
            "did not finish: the next make build finishes it."
        )
    return f"The published {published} was not changed (sha256 {sha[:12]})."


def _clean_up(published: Path, error: BaseException) -> list[str]:
    """Remove what the failed build wrote and nobody reads (its candidate, exports, kept copy).

    A candidate that failed a data check (a dbt test, the GX audit) is kept to be queried."""
    removed = []
    if STATE.published_new:
        return removed
    paths = [STATE.candidate, wal_of(STATE.candidate)] if STATE.candidate else []
    if getattr(error, "keep_candidate", False) and STATE.candidate.exists():
        print(
            f"The rejected candidate is kept to be read: {STATE.candidate} (open it read-only; "
            "the next build replaces it)",
            file=sys.stderr,
        )
        paths = []
    for path in paths:
        if path.exists():
            path.unlink()
            removed.append(path.name)
    link = exports_link(published)
    current = link.resolve() if link.is_symlink() else None
    for folder in [STATE.exports, STATE.pending.folder if STATE.pending else None]:
        if folder is not None and folder.exists() and folder.resolve() != current:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


class Interrupted(BaseException):
    """SIGTERM or SIGHUP, raised where the build is so that it stops like on Ctrl-C."""


def _raise_interrupted(number: int, _frame: object) -> None:
    raise Interrupted(signal.Signals(number).name)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Write-audit-publish build of the warehouse.")
    default_path = os.environ.get("FRICTION_WAREHOUSE", "warehouse.duckdb")
    parser.add_argument("--published", type=Path, default=Path(default_path))
    parser.add_argument("--docs", type=Path, default=Path("reports/data_docs"))
    parser.add_argument("--project-dir", type=Path, default=Path.cwd())
    parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every incremental model from all files instead of loading new ones",
    )
    parser.add_argument("dbt_args", nargs="*", help="extra arguments for dbt build (after --)")
    args = parser.parse_args(argv)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _raise_interrupted)
    published = args.published.resolve()
    project = args.project_dir.resolve()
    timeout = float(os.environ.get("FRICTION_LOCK_TIMEOUT", "900"))
    try:
        if not published.parent.is_dir():
            published.parent.mkdir(parents=True)
            print(f"Created the folder {published.parent} for the warehouse")
        with exclusive_lock(published.with_name(published.name + ".lock"), timeout):
            build(project, published, args.docs.resolve(), args.dbt_args, args.full_refresh)
    except BaseException as error:  # noqa: BLE001 - every failure ends in the same summary
        if isinstance(error, SystemExit):
            raise
        what, remedy = describe_failure(error, published, project)
        print(f"\nBUILD FAILED at {STATE.step}: {what}", file=sys.stderr)
        if remedy:
            print(f"What to do: {remedy}", file=sys.stderr)
        try:
            removed = _clean_up(published, error)
            if removed:
                print(f"Removed what the failed build wrote: {', '.join(removed)}", file=sys.stderr)
            print(_describe_published(published), file=sys.stderr)
        except OSError as cleanup_error:
            print(f"(could not clean up: {cleanup_error})", file=sys.stderr)
        return 130 if isinstance(error, KeyboardInterrupt | Interrupted) else 1
    return 0


if __name__ == "__main__":
    status = main(sys.argv[1:])
    # Everything is written and closed by now. Tearing down the interpreter after GX, pandas and
    # their imports took about 1 s of every build; skip it.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
