"""The rules of dbt-project-evaluator (dbt Labs), re-implemented over target/manifest.json: the
entry point of the package scripts/project_evaluator/, whose __init__.py lists the rules, the
defaults used and their sources.

Run: python scripts/check_project_evaluator.py [path/to/manifest.json]   (default
target/manifest.json). Prints `<rule>: <node or edge>: <why>` per finding, then each exception's
use, then a count per rule; exits 1 if there is any finding or stale exception (one that matches
no finding), 0 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The package stands next to this script: importable however the script is loaded (run by path,
# or loaded from its file by the tests).
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from project_evaluator.config import CONFIG, DOCS, EXCEPTIONS  # noqa: E402
from project_evaluator.graph import Finding, Project, Resource, build_project  # noqa: E402
from project_evaluator.run import RULES, evaluate, is_excepted, main, summary  # noqa: E402

__all__ = [
    "CONFIG",
    "DOCS",
    "EXCEPTIONS",
    "RULES",
    "Finding",
    "Project",
    "Resource",
    "build_project",
    "evaluate",
    "is_excepted",
    "main",
    "summary",
]

if __name__ == "__main__":
    sys.exit(main(sys.argv))
