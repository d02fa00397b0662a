"""Room on disk for a build, checked before it writes anything.

What a build writes next to the published file, at most: its candidate (a copy of the published
file, or a new one about that size on a full refresh) and room for it to grow; a new Parquet
export set (at most the size of the published one: unchanged marts are hard-links); a new
event-layer batch for the GDELT files it reads (Parquet, measured at 0.1-0.2x the export files'
size: half is allowed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.wap.event_layer import layer_dir
from pipeline.wap.exports import exports_link

MB = 1 << 20
GROWTH = 1.25  # the candidate grows by what the build adds
LAYER_RATIO = 0.5  # event-layer bytes per export-file byte, at most
MARGIN = 32 * MB  # dbt's logs, target/, DuckDB's temporary files


class NoSpace(RuntimeError):
    """Not enough free space for the build; the message has the numbers."""


def _folder_bytes(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def needed_bytes(published: Path, new_gdelt_bytes: int) -> dict[str, int]:
    """What the build will write, by part."""
    size = published.stat().st_size if published.exists() else 0
    return {
        "candidate": int(size * GROWTH),
        "exports": _folder_bytes(exports_link(published).resolve()),
        "event layer": int(new_gdelt_bytes * LAYER_RATIO),
        "margin": MARGIN,
    }


def check_free_space(published: Path, new_gdelt_bytes: int) -> str:
    """Raise NoSpace when the folder of `published` (and of its event layer) has too little."""
    parts = needed_bytes(published, new_gdelt_bytes)
    need = sum(parts.values())
    free = shutil.disk_usage(published.parent).free
    layer = layer_dir(published)
    layer_free = shutil.disk_usage(layer if layer.is_dir() else published.parent).free
    free = min(free, layer_free)
    shown = ", ".join(f"{name} {value / MB:.0f} MB" for name, value in parts.items() if value)
    if free < need:
        raise NoSpace(
            f"not enough free space in {published.parent}: {free / MB:.1f} MB free, this build "
            f"needs about {need / MB:.0f} MB ({shown})"
        )
    return f"Free space: {free / MB:.0f} MB, this build needs about {need / MB:.0f} MB"
