"""Find a system tool a test needs (Chromium, node), installing Debian's package when missing."""

import os
import shutil
import subprocess


def _find(binaries: tuple[str, ...]) -> str | None:
    return next((path for name in binaries if (path := shutil.which(name))), None)


def ensure_tool(binaries: tuple[str, ...], packages: tuple[str, ...]) -> tuple[str | None, str]:
    """(path to the first of `binaries` found, or None with the reason it cannot be had here)."""
    found = _find(binaries)
    if found:
        return found, ""
    what = "/".join(binaries)
    if not shutil.which("apt-get"):
        return None, f"{what} is missing and apt-get is not available to install it"
    if os.geteuid() != 0:
        return None, f"{what} is missing; installing it with apt-get needs root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return None, f"`{' '.join(command)}` failed: {result.stderr.strip()[-300:]}"
    found = _find(binaries)
    return (found, "") if found else (None, f"apt-get installed {packages} but found no {what}")


def ensure_chromium() -> tuple[str | None, str]:
    return ensure_tool(("chromium", "chromium-browser", "google-chrome"), ("chromium",))


def ensure_npm() -> tuple[str | None, str]:
    return ensure_tool(("npm",), ("nodejs", "npm"))
