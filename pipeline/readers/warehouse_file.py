"""Opening the published warehouse read-only, with a clear message when that cannot be done."""

from __future__ import annotations

from pathlib import Path

import duckdb


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing or held open for writing; the message says what to do."""


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to `path`, or WarehouseUnavailable saying what, why and what to do."""
    if not path.exists():
        raise WarehouseUnavailable(
            f"there is no warehouse at {path}: run `make build` first (or point "
            "FRICTION_WAREHOUSE at a published file)."
        )
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        if "Could not set lock" not in str(error):
            raise WarehouseUnavailable(
                f"{path} cannot be read: {str(error).splitlines()[0]}. The file is damaged: "
                "roll back to the last good build with `make rollback`, or rebuild it with "
                "`make build FULL_REFRESH=1`."
            ) from error
        raise WarehouseUnavailable(
            f"{path} cannot be opened read-only: another program holds it open for writing "
            f"({str(error).splitlines()[0]}). DuckDB allows one writer or many readers, never "
            "both: close that connection (a DuckDB shell, notebook or BI tool that opened it "
            "without read_only) and run the command again."
        ) from error
    except duckdb.Error as error:
        raise WarehouseUnavailable(
            f"{path} is not a DuckDB warehouse DuckDB can open ({str(error).splitlines()[0]}). "
            "Rebuild it with `make build FULL_REFRESH=1`."
        ) from error
