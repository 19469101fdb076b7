# kring — every target creates .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export KRING_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test test-clock bench lint format messages vendor migrations-check clean cluster cluster-down

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

## make run: install, migrate, load the demo caseload and serve kring on http://127.0.0.1:8000 (SQLite),
## with the background worker (reminders) beside it; stopping the server stops the worker.
run: $(STAMP)
	mkdir -p $(KRING_VAR_DIR)
	KRING_DEBUG=True $(BIN)/python manage.py migrate --no-input
	KRING_DEBUG=True $(BIN)/python manage.py seed_demo
	KRING_DEBUG=True $(BIN)/python manage.py pathway_reminders
	KRING_DEBUG=True $(BIN)/python manage.py portal_notices
	KRING_DEBUG=True $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	KRING_DEBUG=True $(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: lint, type check (mypy, files in pyproject), migration check, then the whole test suite (SQLite, or DATABASE_URL if set),
## spread over the machine's cores (TEST_WORKERS=0 runs it in one process; PYTEST_ARGS=... passes more options)
TEST_WORKERS ?= auto
test: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	PYTHONPATH=src $(BIN)/mypy
	DJANGO_SETTINGS_MODULE=kring.config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## make test-clock: the tests most at risk around midnight, every test started at 23:59 and at 00:01 Amsterdam
## time (when Amsterdam's date is a day ahead of UTC's), and at 00:01 on the night summer time begins
## (tests/conftest.py: KRING_TEST_CLOCK, KRING_TEST_CLOCK_EACH); CLOCK_TESTS=... runs others
CLOCK_TESTS ?= tests/chain/test_api.py tests/chain/index/test_feed.py tests/pathways/test_schedule.py \
	tests/pathways/test_running.py tests/pathways/test_reminders.py tests/cases/test_history.py \
	tests/cases/test_contacts.py tests/safety/test_plan.py
test-clock: $(DEV_STAMP)
	for start in 2026-12-06T23:59:00+01:00 2026-12-07T00:01:00+01:00 2027-03-28T00:01:00+01:00; do \
		echo "== the clock at $$start"; \
		KRING_TEST_CLOCK=$$start KRING_TEST_CLOCK_EACH=1 $(BIN)/python -m pytest -q -p no:cacheprovider \
			-m "not browser" $(CLOCK_TESTS) || exit 1; \
	done

## make migrations-check: no model change without its migration, and every migration reverses (SQLite
## in a throw-away directory, or DATABASE_URL if set)
migrations-check: $(DEV_STAMP)
	DJANGO_SETTINGS_MODULE=kring.config.test_settings $(BIN)/python manage.py makemigrations --check --dry-run
	scratch=$$(mktemp -d); KRING_VAR_DIR=$$scratch KRING_DEBUG=True $(BIN)/python scripts/migration_round_trip.py; \
	status=$$?; rm -rf $$scratch; exit $$status

## make bench: the benchmarks in bench/ (not tests; BENCH_DB=postgres runs the page benchmarks on PostgreSQL),
## among them bench/load.py: 100 users with faults against the `make cluster` topology (needs PostgreSQL
## on 127.0.0.1:5432 and nginx, installed with apt when missing)
bench: $(DEV_STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py $(if $(BENCH_DB),--db $(BENCH_DB))

## make cluster: kring as it runs in production, on this machine: PostgreSQL, an S3-compatible store (moto),
## two gunicorn app servers, the background worker and nginx in front (https://127.0.0.1:18000/, demo data).
## Ctrl-C stops it all; `make cluster-down` stops one whose terminal was killed. See docs/operations.md.
cluster: $(DEV_STAMP)
	$(BIN)/python scripts/cluster.py up $(CLUSTER_ARGS)

cluster-down: $(DEV_STAMP)
	$(BIN)/python scripts/cluster.py down

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

format: $(DEV_STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

## make messages: refresh the Dutch and English translation files and compile them (needs GNU gettext)
messages: $(DEV_STAMP)
	cd src/kring && KRING_DEBUG=True ../../$(BIN)/python ../../manage.py makemessages -l nl -l en --no-obsolete --no-location
	cd src/kring && KRING_DEBUG=True ../../$(BIN)/python ../../manage.py compilemessages

## make vendor: fetch the pinned front-end assets (NL Design System, htmx; axe-core for the tests) from npm into static/vendor/
vendor:
	bash scripts/vendor_static.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
