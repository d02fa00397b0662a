"""Superset's configuration for the local friction dashboard (read through SUPERSET_CONFIG_PATH).

Everything Superset keeps (its metadata database, the secret key) lives in
FRICTION_SUPERSET_HOME (default .superset/ in the project), never in the repository.
"""

import os
import secrets
from pathlib import Path

_HOME = Path(os.environ.get("FRICTION_SUPERSET_HOME", ".superset")).resolve()
_HOME.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """FRICTION_SUPERSET_SECRET_KEY, or a random key made once for this machine's local server."""
    if key := os.environ.get("FRICTION_SUPERSET_SECRET_KEY"):
        return key
    key_file = _HOME / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(42))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"
# The server listens on 127.0.0.1 only; the dashboard is read-only over a read-only file.
WTF_CSRF_ENABLED = False
TALISMAN_ENABLED = False
THUMBNAILS = False
# No result cache: after a build's swap, the next chart query reads the new file.
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
FILTER_STATE_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 86400}
EXPLORE_FORM_DATA_CACHE_CONFIG = {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": 86400}
FEATURE_FLAGS = {"DASHBOARD_NATIVE_FILTERS": True}
