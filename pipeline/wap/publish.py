"""Atomic publish: swap a finished, audited candidate file into the published path."""

from __future__ import annotations

import fcntl
import hashlib
import os
import struct
import time
from pathlib import Path

import duckdb


class PublishError(RuntimeError):
    """The candidate cannot be published safely; the published file is untouched."""


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# struct flock on Linux: l_type, l_whence (short), l_start, l_len (off_t), l_pid (pid_t).
_FLOCK = "hhqqi"


def writer_pid(path: Path) -> int | None:
    """The process holding `path` open read-write (DuckDB's write lock on it), if any.

    DuckDB locks its file with fcntl: a read lock when opened read-only, a write lock when
    opened read-write. Asking whether a read lock could be taken finds only a writer.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        request = struct.pack(_FLOCK, fcntl.F_RDLCK, os.SEEK_SET, 0, 0, 0)
        lock_type, _, _, _, pid = struct.unpack(
            _FLOCK, fcntl.fcntl(descriptor, fcntl.F_GETLK, request)
        )
    finally:
        os.close(descriptor)
    return pid if lock_type == fcntl.F_WRLCK else None


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "a process"


def writer_message(path: Path, pid: int) -> str:
    return (
        f"{path}: another program holds it open for writing ({process_name(pid)}, PID {pid}), "
        "and its changes would land in whatever file has that name next. DuckDB allows one "
        "writer or many readers, never both: close that connection (a DuckDB shell, notebook "
        "or BI tool that opened it without read_only; `duckdb -readonly` opens it safely)"
    )


def set_aside_stale_wal(published: Path) -> Path | None:
    """Move a write-ahead log no process writes any more out of the published file's way.

    It was left by a process that opened the published file read-write and died before a
    checkpoint; its changes were never part of any build, and DuckDB would apply them to
    whatever file next has the name (or refuse to open it). Kept beside, never deleted.
    """
    wal = wal_of(published)
    if not wal.exists() or writer_pid(published) is not None:
        return None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    kept = wal.with_name(f"{wal.name}.stale-{stamp}")
    os.replace(wal, kept)
    return kept


def finalize(candidate: Path) -> None:
    """Fold the candidate's write-ahead log into the file so that one file is the whole database."""
    connection = duckdb.connect(str(candidate))
    try:
        connection.execute("checkpoint")
    finally:
        connection.close()
    if wal_of(candidate).exists():
        raise PublishError(f"{candidate} still has a write-ahead log after a checkpoint")


def fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(candidate: Path, published: Path) -> None:
    """Replace `published` with `candidate` in one rename (same folder, so same filesystem).

    Readers that already have the old file open keep reading it (POSIX keeps the old inode
    alive); connections opened after the rename see the new warehouse.
    """
    pid = writer_pid(published)
    if pid is not None:
        raise PublishError(f"publish: {writer_message(published, pid)}, and build again")
    set_aside_stale_wal(published)
    if candidate.parent.resolve() != published.parent.resolve():
        raise PublishError(f"{candidate} must be in the same folder as {published}")
    fsync_path(candidate)
    os.replace(candidate, published)
    fsync_path(published.parent)
