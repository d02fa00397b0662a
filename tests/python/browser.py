"""Find Chromium for the docs test, installing Debian's package when it is missing."""

import os
import shutil
import subprocess

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def ensure_chromium() -> tuple[str | None, str]:
    """(path to a Chromium binary, or None with the reason it cannot be had here)."""
    found = find_chromium()
    if found:
        return found, ""
    if not shutil.which("apt-get"):
        return None, "Chromium is missing and apt-get is not available to install it"
    if os.geteuid() != 0:
        return None, "Chromium is missing; installing it with apt-get needs root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"],
    ):
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return None, f"`{' '.join(command)}` failed: {result.stderr.strip()[-300:]}"
    found = find_chromium()
    return (found, "") if found else (None, "apt-get installed chromium but no binary was found")
