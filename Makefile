# The two commands a newcomer needs: `make build` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
UV_VERSION := 0.13.9

# Where `make build` publishes the warehouse, and the private file `make test` builds into.
FRICTION_DUCKDB_PATH ?= warehouse.duckdb
TEST_DUCKDB_PATH ?= .build/test.duckdb

.PHONY: help install build test lint check-yaml dbt-test pytest lint-py clean

help:
	@echo "make build  - install from requirements.lock into .venv, build and test the warehouse ($(FRICTION_DUCKDB_PATH))"
	@echo "make test   - everything CI checks (ruff, sqlfluff, YAML keys, dbt build with all tests, pytest)"
	@echo "make lint   - sqlfluff over models/, tests/ and analyses/"

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	touch $@

install: $(VENV)/.installed

build: install check-yaml
	FRICTION_DUCKDB_PATH=$(FRICTION_DUCKDB_PATH) $(DBT) build
	@echo "Published $(FRICTION_DUCKDB_PATH)"

test: install lint-py lint check-yaml dbt-test pytest

# SQL style (house style in .sqlfluff); the dbt templater uses the in-memory `lint` target.
lint: install
	$(BIN)/sqlfluff lint models tests/*.sql analyses

# dbt validates property-file keys only on some adapters: check ours ourselves.
check-yaml: install
	$(BIN)/python scripts/check_yaml_keys.py

dbt-test: install
	mkdir -p $(dir $(TEST_DUCKDB_PATH))
	rm -f $(TEST_DUCKDB_PATH)
	FRICTION_DUCKDB_PATH=$(TEST_DUCKDB_PATH) $(DBT) build

pytest: install
	$(BIN)/pytest

lint-py: install
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

clean:
	rm -rf target logs .build dbt_packages
