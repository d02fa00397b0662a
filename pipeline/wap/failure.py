"""Every way a build can fail, as what happened and what to do: never a traceback.

`make build` prints `BUILD FAILED at step N/4 (<step>): <what>`, then `What to do: <remedy>`,
then whether the published warehouse changed (pipeline/wap/build.py). The foreseeable faults
(a failing check, a full disk, a folder that cannot be written, a damaged or locked published
file, an interrupted build, a timed-out lock) each have their own remedy; anything else is an
unexpected error whose traceback goes to logs/make_build_error.log for a report.
"""

from __future__ import annotations

import errno
import traceback
from pathlib import Path

import duckdb

from pipeline.readers.warehouse_file import WarehouseUnavailable
from pipeline.wap.integrity import RECOVER, Damaged
from pipeline.wap.locking import LockTimeout
from pipeline.wap.publish import PublishError
from pipeline.wap.space import NoSpace

AGAIN = "run make build again: it starts over from the published warehouse, nothing to clean up"
ERROR_LOG = Path("logs") / "make_build_error.log"


class StepFailed(RuntimeError):
    """A step of the build failed; the message says what to look at, `remedy` what to do."""

    def __init__(self, what: str, remedy: str = "", keep_candidate: bool = False) -> None:
        super().__init__(what)
        self.remedy = remedy
        # a candidate that failed a data check is kept to be read (the next build replaces it)
        self.keep_candidate = keep_candidate


def _disk_full(where: Path) -> str:
    return (
        f"free space on the disk of {where} (the build's message above says how much it needs), "
        f"or set FRICTION_WAREHOUSE to a file on a disk with more room; then {AGAIN}"
    )


def _os_error(error: OSError, published: Path) -> tuple[str, str] | None:
    name = f" ({error.filename})" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full: no space left on device{name}", _disk_full(published.parent)
    if error.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
        return (
            f"cannot write in {published.parent}: {error.strerror}{name}",
            "make that folder writable, or set FRICTION_WAREHOUSE to a file in a folder you "
            f"can write; then {AGAIN}",
        )
    if error.errno == errno.ENOENT:
        return f"a file or folder went missing during the build: {error.strerror}{name}", AGAIN
    return None


def _unexpected(error: BaseException, project: Path) -> tuple[str, str]:
    log = project / ERROR_LOG
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        where = f"the traceback is in {log}"
    except OSError:
        where = "the traceback could not be written to logs/"
    first = (str(error).splitlines() or [""])[0]
    return (
        f"unexpected error {type(error).__name__}: {first}",
        f"{where}; {AGAIN}; if it fails the same way, report it with that file",
    )


def describe_failure(error: BaseException, published: Path, project: Path) -> tuple[str, str]:
    """(what happened, what to do) for any exception a build can end with."""
    if isinstance(error, KeyboardInterrupt):
        return "interrupted (Ctrl-C)", AGAIN
    if type(error).__name__ == "Interrupted":
        return f"stopped by {error}", AGAIN
    if isinstance(error, StepFailed):
        return str(error), error.remedy
    if isinstance(error, NoSpace):
        return str(error), _disk_full(published.parent)
    if isinstance(error, Damaged):
        return str(error), RECOVER
    if isinstance(error, LockTimeout):
        return str(error), "wait for the other build to finish (or stop it), then make build"
    if isinstance(error, PublishError | WarehouseUnavailable):
        return str(error), ""
    if isinstance(error, OSError):
        known = _os_error(error, published)
        if known:
            return known
    if isinstance(error, duckdb.Error):
        message = str(error)
        if "No space left on device" in message:
            return f"the disk is full: {message.splitlines()[0]}", _disk_full(published.parent)
        if "Permission denied" in message or "Read-only file system" in message:
            return (
                f"cannot write in {published.parent}: {message.splitlines()[0]}",
                f"make that folder writable, or set FRICTION_WAREHOUSE elsewhere; then {AGAIN}",
            )
    return _unexpected(error, project)
