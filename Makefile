# The two commands a newcomer needs: `make build` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
UV_VERSION := 0.13.9

# Where `make build` publishes the warehouse, and where `make test` publishes its own copy.
FRICTION_WAREHOUSE ?= warehouse.duckdb
TEST_DUCKDB_PATH ?= .build/test.duckdb
DATA_DOCS ?= reports/data_docs
DOCS_SITE ?= reports/docs/index.html
DOCS_PORT ?= 8080
PY_DIRS := pipeline scripts tests

.PHONY: help install build test lint check-yaml evaluate check-seeds audit build-test pytest lint-py clean docs docs-serve docs-images report ask mf test-fast generate bench gdelt-fetch superset superset-install superset-screenshot verify builds rollback

help:
	@echo "make build        - install from requirements.lock into .venv, then write-audit-publish $(FRICTION_WAREHOUSE)"
	@echo "                    VARS='{dispute_weight: 0.5}' builds with other weights (dbt vars); FULL_REFRESH=1 rebuilds from nothing"
	@echo "make test         - everything CI checks (ruff, sqlfluff, YAML keys, the evaluator rules, then pytest: seed checks, the write-audit-publish build with every dbt test and GX; the project on Postgres and Spark too)"
	@echo "make test-fast    - the inner loop: ruff, YAML keys and the tests that need no Spark, Postgres, browser or npm"
	@echo "make lint         - sqlfluff over models/, tests/, analyses/ and the macro bodies in macros/"
	@echo "make evaluate     - dbt-project-evaluator's rules (structure, naming, tests, docs, DAG) over a fresh manifest"
	@echo "make check-seeds  - only the seed pre-checks (file, line and rule of every bad row)"
	@echo "make audit        - make verify, then the great-expectations checkpoint over the published warehouse"
	@echo "make verify       - check the published warehouse, its exports and the kept builds against the sha256 and row counts recorded at publish"
	@echo "make builds       - list the kept builds (time, sha256, rows); FRICTION_KEEP_BUILDS=3 keeps the newest 3"
	@echo "make rollback     - republish the build before the published one (TO=<name or sha256 prefix> picks one), atomically"
	@echo "make docs         - the static dbt docs site (lineage) at reports/docs/index.html"
	@echo "make docs-serve   - serve the docs site on http://localhost:$(DOCS_PORT)"
	@echo "make docs-images  - redraw docs/images (charts, dbt docs screenshots) from the published build"
	@echo "make ask Q=<name> - run one cookbook question from analyses/ on the published warehouse"
	@echo "make mf ARGS='...'- MetricFlow (semantic layer) on a copy of the published warehouse"
	@echo "make bench        - benchmark: dbt vs raw DuckDB at BENCH_SCALES events, incremental, BI (BENCHMARKS.md)"
	@echo "make generate EVENTS=n - synthetic GDELT exports (deterministic) in .build/gdelt_synthetic"
	@echo "make gdelt-fetch START=YYYY-MM-DD [END=...] - real GDELT exports, checked against GDELT's master list, into $(GDELT_OUT)"
	@echo "make report       - charts (reports/charts/index.html) from the published $(FRICTION_WAREHOUSE)"
	@echo "make superset     - Apache Superset on http://127.0.0.1:8088 with the friction dashboard, reading $(FRICTION_WAREHOUSE) read-only"

# --compile-bytecode: every dbt, GX and pytest start imports hundreds of modules; with the
# bytecode compiled once here, a dbt command starts about 2 s sooner (more where
# PYTHONDONTWRITEBYTECODE is set, as on CI machines).
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	touch $@

install: $(VENV)/.installed

# Write-audit-publish (pipeline/wap/build.py): seed checks, `dbt build` into a private candidate file,
# the GX checkpoint, then an atomic rename over $(FRICTION_WAREHOUSE). A failure publishes nothing.
build: install
	@$(BIN)/python -m pipeline.wap.build --published "$(FRICTION_WAREHOUSE)" --docs $(DATA_DOCS) \
		$(if $(FULL_REFRESH),--full-refresh) $(if $(VARS),-- --vars '$(VARS)')

# The clean project is built once, by the write-audit-publish path, in pytest's session fixture
# built_warehouse (tests/python/conftest.py); the tests that read a clean build share it.
test: install lint-py lint check-yaml evaluate pytest

# The same write-audit-publish path as `make build`, published to a private test file (by hand).
build-test: install
	$(BIN)/python -m pipeline.wap.build --published $(TEST_DUCKDB_PATH) --docs $(DATA_DOCS)

check-seeds: install
	$(BIN)/python -m pipeline.checks.seed_checks

audit: install
	@$(BIN)/python -m pipeline.wap.operations verify --published "$(FRICTION_WAREHOUSE)"
	$(BIN)/python -m pipeline.checks.gx_audit "$(FRICTION_WAREHOUSE)" --docs $(DATA_DOCS)

# The published warehouse against what its build recorded; the kept builds; going back to one
# (pipeline/wap/operations.py).
verify: install
	@$(BIN)/python -m pipeline.wap.operations verify --published "$(FRICTION_WAREHOUSE)"

builds: install
	@$(BIN)/python -m pipeline.wap.operations builds --published "$(FRICTION_WAREHOUSE)"

rollback: install
	@$(BIN)/python -m pipeline.wap.operations rollback --published "$(FRICTION_WAREHOUSE)" \
		$(if $(TO),--to "$(TO)")

# dbt docs (descriptions, columns, lineage) as one static page, from a copy of the published file.
docs: install
	$(BIN)/python -m pipeline.readers.docs --warehouse "$(FRICTION_WAREHOUSE)" --site $(DOCS_SITE)

docs-serve: docs
	@echo "Serving http://localhost:$(DOCS_PORT)/index.html (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(DOCS_PORT) --bind 127.0.0.1 --directory $(dir $(DOCS_SITE))

# Static charts (PNG + index.html) from the published warehouse, opened read-only.
report: install
	$(BIN)/python -m pipeline.readers.report --warehouse "$(FRICTION_WAREHOUSE)" --out reports/charts

# Redraw the pictures in docs/images (charts and dbt docs screenshots) from the published warehouse.
docs-images: install
	$(BIN)/python -m pipeline.readers.docs_images --warehouse "$(FRICTION_WAREHOUSE)"

# One cookbook question (analyses/<Q>.sql), compiled by dbt and run read-only.
ask: install
	$(BIN)/python -m pipeline.readers.ask $(Q) --warehouse "$(FRICTION_WAREHOUSE)"

# MetricFlow on a copy of the published warehouse, e.g. make mf ARGS="list metrics".
mf: install
	FRICTION_WAREHOUSE=$(FRICTION_WAREHOUSE) $(BIN)/python -m pipeline.readers.metricflow $(ARGS)

# Apache Superset in its own environment (it pins SQLAlchemy < 2), from its own lock file.
SUPERSET_VENV := .superset-venv
$(SUPERSET_VENV)/.installed: bi/superset/requirements.lock $(VENV)/.installed
	rm -rf $(SUPERSET_VENV)
	$(PYTHON) -m venv $(SUPERSET_VENV)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(SUPERSET_VENV)/bin/python bi/superset/requirements.lock
	touch $@

superset-install: $(SUPERSET_VENV)/.installed

# Initialise Superset (admin FRICTION_SUPERSET_USER / FRICTION_SUPERSET_PASSWORD, local defaults
# admin / admin), register the published warehouse read-only, create the dashboard of
# bi/superset/dashboard.yml and serve on 127.0.0.1:$${FRICTION_SUPERSET_PORT:-8088} until Ctrl-C.
superset: superset-install
	$(BIN)/python -m pipeline.superset serve --warehouse "$(FRICTION_WAREHOUSE)"

# With `make superset` running: redraw the README's screenshot of the dashboard.
superset-screenshot: install
	$(BIN)/python -m pipeline.superset screenshot --out docs/images/superset_dashboard.png

# Synthetic GDELT exports at scale (build with FRICTION_GDELT_DIR=$(GENERATE_OUT) make build).
EVENTS ?= 1000000
YEARS ?= 1
GENERATE_OUT ?= .build/gdelt_synthetic
BENCH_SCALES ?= 1000000 10000000
BENCH_SEED_FACTOR ?= 20
# BENCH_STEPS=user: only the user's commands (make build: full, no change, +1%) beside the
# read_csv floor; BENCH_STEPS=dbt: only the dbt-level steps.
BENCH_STEPS ?= all
# Benchmark (not part of `make test`): the user's make build (full, no change, +1% events) beside
# DuckDB's native read_csv of the same files; full dbt build vs the same SQL in raw DuckDB at each
# scale, incremental loads of 1% new events, BI query latency, peak memory. Writes benchmarks/results.json
# and the "Latest run" section of BENCHMARKS.md. Data is generated once into .build/bench.
bench: install
	$(BIN)/python -m pipeline.bench --scales $(BENCH_SCALES) --seed-factor $(BENCH_SEED_FACTOR) \
		--steps $(BENCH_STEPS)

# Real GDELT 2.0 exports for a date range (size and MD5 from GDELT's master file list; resumes;
# a rerun skips files already there). Build them with FRICTION_GDELT_DIR=$(GDELT_OUT) make build.
GDELT_OUT ?= data/gdelt/raw
# GDELT_MASTER_LIST=<url>: another master file list (a mirror; the tests' local server)
gdelt-fetch: install
	$(BIN)/python -m pipeline.ingest.gdelt_fetch --start $(START) $(if $(END),--end $(END)) --out $(GDELT_OUT) \
		$(if $(GDELT_MASTER_LIST),--master-list-url $(GDELT_MASTER_LIST))

generate: install
	$(BIN)/python -m pipeline.synthetic.generate_gdelt --events $(EVENTS) --years $(YEARS) --out $(GENERATE_OUT)

# SQL style (house style in .sqlfluff); the dbt templater uses the in-memory `lint` target.
# The dbt templater skips macro files, so scripts/lint_macros.py lints the macro bodies.
# A file sqlfluff cannot compile is skipped with only a warning: that fails the lint here.
lint: install
	@mkdir -p .build
	$(BIN)/sqlfluff lint models tests/*.sql analyses 2>&1 | tee .build/sqlfluff.log; \
		test $${PIPESTATUS[0]} -eq 0
	@if grep -q "Skipped file" .build/sqlfluff.log; then \
		echo "sqlfluff skipped the files above (it could not compile them)"; exit 1; fi
	$(BIN)/python scripts/lint_macros.py macros

# dbt validates property-file keys only on some adapters: check ours ourselves.
check-yaml: install
	$(BIN)/python scripts/check_yaml_keys.py

# dbt-project-evaluator's rules at its defaults (the package cannot be installed here): a fresh
# manifest from dbt parse, in a target folder of its own, checked by scripts/check_project_evaluator.py.
evaluate: install
	$(DBT) parse --quiet --target-path .build/evaluator
	$(BIN)/python scripts/check_project_evaluator.py .build/evaluator/manifest.json

pytest: install
	$(BIN)/pytest

# The inner loop: Python lint, YAML keys and every test that needs no Spark, Postgres, browser or npm.
test-fast: install lint-py check-yaml evaluate
	$(BIN)/pytest -m "not heavy"

lint-py: install
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)

clean:
	rm -rf target logs .build dbt_packages reports
