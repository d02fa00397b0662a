"""One build at a time: an exclusive advisory lock on `<published>.lock` and on its folder.

The lock file names the holder (its PID). The folder is locked too because a lock file can be
deleted while a build holds it: a second build would then create a new one, lock it and share
the first build's candidate. A folder that holds the published warehouse cannot be deleted
while the build runs, so its lock stays, and a build whose lock file was replaced under it
opens the new one and waits like any other.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockTimeout(RuntimeError):
    """Another build held the lock for longer than we were willing to wait."""


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def exclusive_lock(path: Path, timeout_seconds: float, poll_seconds: float = 0.2) -> Iterator[None]:
    """Hold an exclusive lock on `path` and its folder, waiting up to `timeout_seconds` for
    another holder."""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    handle = path.open("a+")
    try:
        deadline = time.monotonic() + timeout_seconds
        waiting = False
        while not (_try_lock(folder) and _try_lock(handle.fileno())):
            fcntl.flock(folder, fcntl.LOCK_UN)
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"another build still holds {path} after {timeout_seconds:g} s; "
                    "nothing was built or published (try again when it finishes)"
                )
            if not waiting:
                print(f"Another build holds {path}; waiting up to {timeout_seconds:g} s ...")
                waiting = True
            time.sleep(poll_seconds)
        if not path.exists() or os.stat(path).st_ino != os.fstat(handle.fileno()).st_ino:
            handle.close()  # (deleted or replaced before we locked it: lock the file there now)
            handle = path.open("a+")
            if not _try_lock(handle.fileno()):  # (a holder that did not lock the folder)
                raise LockTimeout(f"another program holds {path}; nothing was built or published")
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the descriptors releases the locks
        os.close(folder)
