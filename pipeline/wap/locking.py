"""One build at a time: an exclusive advisory lock on `<published>.lock`."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockTimeout(RuntimeError):
    """Another build held the lock for longer than we were willing to wait."""


@contextmanager
def exclusive_lock(path: Path, timeout_seconds: float, poll_seconds: float = 0.2) -> Iterator[None]:
    """Hold an exclusive lock on `path`, waiting up to `timeout_seconds` for another holder."""
    handle = path.open("a+")
    try:
        deadline = time.monotonic() + timeout_seconds
        waiting = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"another build still holds {path} after {timeout_seconds:g} s; "
                        "nothing was built or published (try again when it finishes)"
                    ) from None
                if not waiting:
                    print(f"Another build holds {path}; waiting up to {timeout_seconds:g} s ...")
                    waiting = True
                time.sleep(poll_seconds)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the descriptor releases the lock
