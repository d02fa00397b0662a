"""Atomic publish: swap a finished, audited candidate file into the published path."""

from __future__ import annotations

import hashlib
import os
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


def finalize(candidate: Path) -> None:
    """Fold the candidate's write-ahead log into the file so that one file is the whole database."""
    connection = duckdb.connect(str(candidate))
    try:
        connection.execute("checkpoint")
    finally:
        connection.close()
    if wal_of(candidate).exists():
        raise PublishError(f"{candidate} still has a write-ahead log after a checkpoint")


def _fsync(path: Path) -> None:
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
    if wal_of(published).exists():
        raise PublishError(
            f"{wal_of(published)} exists: a process has {published} open read-write. "
            "Close it (BI tools must connect read-only) and build again."
        )
    if candidate.parent.resolve() != published.parent.resolve():
        raise PublishError(f"{candidate} must be in the same folder as {published}")
    _fsync(candidate)
    os.replace(candidate, published)
    _fsync(published.parent)
