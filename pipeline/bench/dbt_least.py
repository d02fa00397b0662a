"""The least a dbt command costs inside `make build`: `python -m pipeline.bench.dbt_least
<project> <published>`.

`dbt run` of one small mart (dim_scenarios) on a copy of the published warehouse at the
candidate's path, with the build's settings, so that dbt reuses the saved parse of the build
before, as `make build` does: dbt's start-up, partial parsing, one model and its exit. An
incremental `make build` runs dbt once, so it cannot take less than this.
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
    shutil.copyfile(published, candidate)
    try:
        completed = dbt_runner.run(
            project,
            ["run", "--select", MODEL],
            candidate,
            env={"FRICTION_GDELT_EVENT_LAYER": str(layer_dir(published))},
        )
    finally:
        for path in (candidate, wal_of(candidate)):
            path.unlink(missing_ok=True)
    return completed.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
