"""A clock set wrong, for dbt only: on PYTHONPATH with SKEWED_CLOCK_OFFSET_S=<seconds>,
every dbt started from this environment takes its run_started_at that far from the real time
(what a machine with its clock set ahead or behind gives every GDELT row as loaded_at)."""

import datetime
import os

_offset = float(os.environ.get("SKEWED_CLOCK_OFFSET_S", "0") or 0)
if _offset:
    from dbt import tracking

    _init = tracking.User.__init__

    def _skewed_init(self, *args, **kwargs):
        _init(self, *args, **kwargs)
        self.run_started_at += datetime.timedelta(seconds=_offset)

    tracking.User.__init__ = _skewed_init
