"""`make superset`: initialise Superset, serve it on 127.0.0.1 and publish the friction dashboard.

    python -m pipeline.superset serve --warehouse warehouse.duckdb   # until Ctrl-C
    python -m pipeline.superset screenshot --out reports/superset/dashboard.png  # a server runs

The admin is FRICTION_SUPERSET_USER / FRICTION_SUPERSET_PASSWORD (local defaults admin/admin),
the port FRICTION_SUPERSET_PORT (8088), Superset's state FRICTION_SUPERSET_HOME (.superset/).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from pipeline.superset.api import Client
from pipeline.superset.dashboard import load_spec, register
from pipeline.superset.screenshot import screenshot
from pipeline.superset.server import Settings, SupersetError, initialise, start, stop


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(warehouse: Path) -> None:
    # Ctrl-C and a plain `kill` both stop the server, even where the shell started this in the
    # background with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    if not warehouse.exists():
        raise SupersetError(f"{warehouse} does not exist: run `make build` first")
    settings = Settings.from_env()
    started = time.monotonic()
    print(f"Initialising Superset in {settings.home} ...", flush=True)
    initialise(settings)
    process = start(settings)
    try:
        registered = register(Client(settings), warehouse)
        print(
            f"Superset is ready in {time.monotonic() - started:.0f} s: {registered.dashboard_url}\n"
            f"Log in as {settings.username} (FRICTION_SUPERSET_USER / FRICTION_SUPERSET_PASSWORD)."
            f" It reads {warehouse.resolve()} read-only; later builds show on the next refresh."
            "\nCtrl-C stops it.",
            flush=True,
        )
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(process)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.superset", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_command = commands.add_parser("serve", help="initialise, register and serve")
    serve_command.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    shot = commands.add_parser("screenshot", help="a PNG of the dashboard of a running server")
    shot.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "serve":
            serve(args.warehouse)
        else:
            settings = Settings.from_env()
            screenshot(settings, load_spec()["dashboard"]["slug"], [args.out])
            print(args.out)
    except SupersetError as error:
        print(f"superset: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
