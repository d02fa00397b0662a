"""A local Superset server: initialise its metadata database, start it on 127.0.0.1, stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG = PROJECT_ROOT / "bi" / "superset" / "superset_config.py"
DEFAULT_VENV = PROJECT_ROOT / ".superset-venv"
HOST = "127.0.0.1"


class SupersetError(RuntimeError):
    """Superset could not be installed, initialised, started or driven."""


@dataclass(frozen=True)
class Settings:
    """Where Superset lives and who its local admin is (environment variables, local defaults)."""

    home: Path  # its metadata database and secret key (FRICTION_SUPERSET_HOME)
    port: int
    username: str
    password: str
    venv: Path = DEFAULT_VENV

    @classmethod
    def from_env(cls, port: int | None = None, home: Path | None = None) -> Settings:
        return cls(
            home=(home or Path(os.environ.get("FRICTION_SUPERSET_HOME", ".superset"))).resolve(),
            port=port or int(os.environ.get("FRICTION_SUPERSET_PORT", "8088")),
            username=os.environ.get("FRICTION_SUPERSET_USER", "admin"),
            # A local-only default: the server listens on 127.0.0.1 and reads a read-only file.
            password=os.environ.get("FRICTION_SUPERSET_PASSWORD", "admin"),
        )

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def superset(self) -> Path:
        return self.venv / "bin" / "superset"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "SUPERSET_CONFIG_PATH": str(CONFIG),
            "FRICTION_SUPERSET_HOME": str(self.home),
            "FLASK_APP": "superset",
            # Superset's own venv, not the one this package runs in.
            "PATH": f"{self.venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            "VIRTUAL_ENV": str(self.venv),
        }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _superset(settings: Settings, *args: str) -> str:
    if not settings.superset.exists():
        raise SupersetError(f"{settings.superset} is missing: run `make superset-install` first")
    result = subprocess.run(
        [str(settings.superset), *args],
        env=settings.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-3000:]
        raise SupersetError(f"`superset {' '.join(args)}` failed:\n{output}")
    return result.stdout + result.stderr


def initialise(settings: Settings) -> None:
    """Create or upgrade Superset's metadata database, its admin and its roles (idempotent)."""
    settings.home.mkdir(parents=True, exist_ok=True)
    _superset(settings, "db", "upgrade")
    # fab create-admin exits 0 and says so when the user exists; a changed password is reset.
    created = _superset(
        settings,
        "fab",
        "create-admin",
        "--username",
        settings.username,
        "--firstname",
        "Local",
        "--lastname",
        "Admin",
        "--email",
        f"{settings.username}@localhost",
        "--password",
        settings.password,
    )
    if "already exists" in created:
        _superset(
            settings,
            "fab",
            "reset-password",
            "--username",
            settings.username,
            "--password",
            settings.password,
        )
    _superset(settings, "init")


def start(settings: Settings, log: Path | None = None) -> subprocess.Popen:
    """Start the server on 127.0.0.1:<port> and wait until /health answers."""
    log_path = log or settings.home / "server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log_file:
        process = subprocess.Popen(
            [
                str(settings.superset),
                "run",
                "-h",
                HOST,
                "-p",
                str(settings.port),
                "--with-threads",
            ],
            env=settings.env(),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise SupersetError(f"superset run exited with {process.returncode}:\n{tail}")
        try:
            if requests.get(f"{settings.url}/health", timeout=5).text.strip() == "OK":
                return process
        except requests.RequestException:
            pass
        time.sleep(1)
    stop(process)
    raise SupersetError(f"Superset did not answer {settings.url}/health within 180 s ({log_path})")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
