"""Apache Superset on the published warehouse: a local server and a friction dashboard as code.

Superset runs in its own environment (.superset-venv, from bi/superset/requirements.lock: it pins
SQLAlchemy < 2); this package runs in .venv and drives it through its command line and REST API.
"""
