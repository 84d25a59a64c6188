# The partnership site. `make run` serves it with demo content; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help install run test lint format bench load-test clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the requirements

# Links in the mail it prints (and feeds, exports, printable briefings) name where it serves.
run: export DJANGO_SITE_URL ?= http://127.0.0.1:$(PORT)
run: install ## Migrate, build the demo content, serve on 127.0.0.1:$PORT (default 8000) with the scheduler
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	PYTHONUNBUFFERED=1 $(BIN)/honcho start --port $(PORT)

test: install ## Run the whole test suite (DATABASE_URL=postgres://... to run it on PostgreSQL)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff (lint and format) and djhtml, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install ## Format Python and templates in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# A scratch site served by gunicorn with production settings (needs wrk): on SQLite, or on the
# PostgreSQL database DATABASE_URL names, whose name must say bench (dropped, made, dropped).
bench: install ## One table: server time, queries, bytes, req/s against a static file
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# A scratch database on a PostgreSQL cluster of the load test's own, which it restarts
# (benchmarks/load_and_faults.py says how to create one): never a cluster anything else uses.
LOAD_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5433/safeguarding_loadtest
LOAD_TEST_RESTART ?= pg_ctlcluster 15 loadtest restart
load-test: install ## 32 connections for 60 s, then again with PostgreSQL restarted half-way
	DATABASE_URL=$(LOAD_TEST_DATABASE_URL) $(BIN)/python benchmarks/load_and_faults.py \
		--restart-command "$(LOAD_TEST_RESTART)" $(LOAD_TEST_ARGS)

clean: ## Remove the virtual environment, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media staticfiles
