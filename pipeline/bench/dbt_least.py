"""The least a dbt command costs inside `make build`: `python -m pipeline.bench.dbt_least
<project> <published>`.

`dbt run` of one small mart (dim_scenarios) on a copy of the published warehouse at the
candidate's path, with the build's settings, so that dbt reuses the saved parse of the build
before, as `make build` does: dbt's start-up, partial parsing, one model and its exit. An
incremental `make build` runs dbt once, so it cannot take less than this.

`python -m pipeline.bench.dbt_least <project> <published> parse`: `dbt parse` in the same
setting, on a project whose saved parse was made for another profile (another scale's warehouse
path): the full parse that a first build of a project version pays once, measured on its own so
that the full `make build` timed after it is the rebuild of a project that was built before.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from pipeline import dbt_runner
from pipeline.wap.build import candidate_path
from pipeline.wap.event_layer import layer_dir
from pipeline.wap.publish import wal_of

MODEL = "dim_scenarios"


def main(argv: list[str]) -> int:
    project, published = Path(argv[0]), Path(argv[1])
    candidate = candidate_path(published)
    env = {"FRICTION_GDELT_EVENT_LAYER": str(layer_dir(published))}
    if argv[2:] == ["parse"]:
        return dbt_runner.run(project, ["parse"], candidate, env=env).returncode
    shutil.copyfile(published, candidate)
    try:
        completed = dbt_runner.run(
            project,
            ["run", "--select", MODEL],
            candidate,
            env=env,
        )
    finally:
        for path in (candidate, wal_of(candidate)):
            path.unlink(missing_ok=True)
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
