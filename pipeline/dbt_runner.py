"""The dbt executable of this environment: every module that starts dbt takes it from here."""

from __future__ import annotations

import sys
from pathlib import Path

DBT = str(Path(sys.executable).with_name("dbt"))
