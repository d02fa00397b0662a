"""Readers that query the published warehouse in a loop while a build runs."""

import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

TARIFF_COUNT = "select count(*) from marts.fct_tariffs"


def read_only_url(path: Path) -> str:
    """The SQLAlchemy URL of the README (Superset's "SQLAlchemy URI")."""
    return f"duckdb:///{path.resolve()}?access_mode=read_only"


class LoopingReader(threading.Thread):
    """Runs `count()` over and over, recording each result or error, until stopped."""

    def __init__(self, count: Callable[[], int], errors: tuple[type[Exception], ...]) -> None:
        super().__init__(daemon=True)
        self.count, self.expected_errors = count, errors
        self.counts: list[int] = []
        self.errors: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.counts.append(self.count())
            except self.expected_errors as error:
                self.errors.append(repr(error))
            time.sleep(0.03)

    def finish(self) -> None:
        self.stop.set()
        self.join()


def sqlalchemy_reader(path: Path) -> LoopingReader:
    """A BI tool: one read-only engine, a fresh connection per query (NullPool)."""
    engine = sa.create_engine(read_only_url(path), poolclass=sa.pool.NullPool)

    def count() -> int:
        with engine.connect() as connection:
            return connection.execute(sa.text(TARIFF_COUNT)).scalar_one()

    return LoopingReader(count, (sa.exc.SQLAlchemyError,))
