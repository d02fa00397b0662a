"""A throwaway local PostgreSQL server for tests and trying the `postgres` target.

`python -m pipeline.engines.postgres_server start <dir>` creates a cluster in <dir> (initdb), starts
it on a free localhost port and prints the environment variables the `postgres` dbt target reads;
`... stop <dir>` stops it. The tests use `LocalPostgres` as a context manager.

The server binaries come from /usr/lib/postgresql/<version>/bin (Debian's postgresql package,
installed with apt-get when missing and running as root). PostgreSQL refuses to run as root, so
when this runs as root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SERVER_USER = "postgres"  # the system user the server runs as when we are root
DATABASE = "friction"
DBT_USER = "friction"  # owns the database; what the dbt target connects as
READER_ROLE = "friction_reader"  # read-only BI role granted on the marts (dbt grants)


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here, and they cannot be installed."""


def find_binaries() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin, installing Debian's package when missing."""
    found = sorted(DEBIAN_BINARIES.glob("*/bin/initdb"), key=lambda path: int(path.parts[-3]))
    if found:
        return found[-1].parent
    if not shutil.which("apt-get") or os.geteuid() != 0:
        raise PostgresUnavailable(
            f"no PostgreSQL server under {DEBIAN_BINARIES} and apt-get cannot install one "
            "(needs root): install Debian's `postgresql` package"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"],
    ):
        subprocess.run(command, env=env, check=True, capture_output=True)
    return find_binaries()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LocalPostgres:
    """A PostgreSQL cluster in `directory`, listening on 127.0.0.1:`port` while started."""

    directory: Path
    port: int = 0

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def env(self) -> dict[str, str]:
        """What the `postgres` dbt target (profiles.yml) and psql read."""
        return {
            "FRICTION_PG_HOST": "127.0.0.1",
            "FRICTION_PG_PORT": str(self.port),
            "FRICTION_PG_USER": DBT_USER,
            "FRICTION_PG_PASSWORD": "",
            "FRICTION_PG_DATABASE": DATABASE,
        }

    def _as_server_user(self, command: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", SERVER_USER, "--", *command]
        return command

    def _run(self, command: list[str]) -> None:
        result = subprocess.run(
            self._as_server_user(command), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"`{' '.join(command)}` failed:\n{result.stdout}{result.stderr}")

    def start(self) -> LocalPostgres:
        binaries = find_binaries()
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            server = pwd.getpwnam(SERVER_USER)
            os.chown(self.directory, server.pw_uid, server.pw_gid)
        self.port = self.port or free_port()
        if not (self.data / "PG_VERSION").exists():
            # trust: the server only listens on localhost and on a socket in this directory
            self._run(
                [str(binaries / "initdb"), "-D", str(self.data), "-U", SERVER_USER, "-A", "trust"]
                + ["-E", "UTF8", "--locale", "C"]
            )
        options = f"-p {self.port} -h 127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(
            [str(binaries / "pg_ctl"), "-D", str(self.data), "-o", options]
            + ["-l", str(self.directory / "server.log"), "-w", "start"]
        )
        self._wait_ready()
        self.setup()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"PostgreSQL did not listen on port {self.port}; see server.log")

    def sql(self, statement: str, user: str = SERVER_USER, database: str = "postgres") -> None:
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=user, dbname=database)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
        finally:
            connection.close()

    def setup(self) -> None:
        """The dbt user owning the database, allowed to read GDELT files on the server, and
        the read-only role the marts are granted to (it cannot log in by itself)."""
        self.sql(
            f"""
            do $$ begin
                if not exists (select from pg_roles where rolname = '{DBT_USER}') then
                    create role {DBT_USER} login;
                end if;
                if not exists (select from pg_roles where rolname = '{READER_ROLE}') then
                    create role {READER_ROLE} login;
                end if;
            end $$;
            grant pg_read_server_files to {DBT_USER};
            """
        )
        import psycopg2

        with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
            self.sql(f"create database {DATABASE} owner {DBT_USER}")
        self.grant_file_access(DATABASE)

    def grant_file_access(self, database: str) -> None:
        """Let the dbt user list, stat, hash and read server files in `database` (function
        privileges live in each database's catalog)."""
        self.sql(
            f"""
            grant execute on function pg_ls_dir(text) to {DBT_USER};
            grant execute on function pg_read_file(text) to {DBT_USER};
            grant execute on function pg_stat_file(text) to {DBT_USER};
            grant execute on function pg_read_binary_file(text) to {DBT_USER};
            """,
            database=database,
        )

    def stage_files(self, folder: Path, name: str) -> Path:
        """A copy of `folder`'s files where the server process can read them (pg_read_file
        reads as the server's user), as for files placed on a real database server."""
        staged = self.directory / "files" / name
        shutil.copytree(folder, staged)
        if os.geteuid() == 0:
            server = pwd.getpwnam(SERVER_USER)
            for path in [staged.parent, staged, *staged.rglob("*")]:
                os.chown(path, server.pw_uid, server.pw_gid)
        return staged

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            binaries = find_binaries()
            self._run([str(binaries / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"])

    def __enter__(self) -> LocalPostgres:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    server = LocalPostgres(args.directory.resolve(), args.port)
    if args.action == "stop":
        server.stop()
        return 0
    server.start()
    for name, value in server.env.items():
        print(f"export {name}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
