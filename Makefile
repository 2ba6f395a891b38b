# Convertly: `make run` starts the whole local stack, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export AWS_DEFAULT_REGION ?= us-east-1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: reconcile every-test install run reset backfill-contacts rebuild-analytics chaos test lint types unit functional e2e infra synth bench format clean openapi lock layer runtime-check \
	web-install web-build web-test browser chromium stripe-setup

WEB := web
WEB_STAMP := $(WEB)/node_modules/.installed-stamp
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f 2>/dev/null) \
	$(wildcard $(WEB)/index.html $(WEB)/vite.config.ts $(WEB)/tsconfig*.json)

$(STAMP): requirements.txt requirements-dev.txt layers/ai/requirements.txt functions/import_runner/requirements.txt \
		functions/ai_training/requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --no-compile -r requirements-dev.txt -e . 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
	touch $@

install: $(STAMP)

run: install web-build
	$(BIN)/python -m devstack run

reset: install
	$(BIN)/python -m devstack reset

# Gives leads from before contacts their contacts and companies, in the running local stack.
backfill-contacts: install
	$(BIN)/python -m devstack backfill-contacts

rebuild-analytics: install
	$(BIN)/python -m devstack rebuild-analytics

# On the running stack (`make run` in another terminal): wins 300 leads across 3 new workspaces while
# Google Ads, Meta and the mail sink fail 30% of requests on cue, then counts what was lost or doubled
# (devstack/chaos.py). CHAOS_ARGS="--wins 60 --json" to change it.
chaos: install
	$(BIN)/python -m devstack chaos $(CHAOS_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

types: install
	$(BIN)/mypy layers/shared/python/convertly functions app.py devstack infra/cdk $(wildcard bench)

# pytest-xdist workers (PYTEST_WORKERS=4 to choose), each with its own moto server and state: one per
# core plus one, as an e2e worker often waits on its stack and a smaller moto state per worker makes
# every functional test cheaper. The tests/e2e tests run in two groups (--dist loadgroup in
# pyproject.toml, tests/conftest.py), so a run starts two local stacks, the second from the demo the
# first seeded (tests/e2e/conftest.py). Each run lists its 15 slowest
# tests.
PYTEST_WORKERS ?= $(shell echo $$(( $$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1) + 1 )))
PYTEST := $(BIN)/pytest --durations=15

# The Python packages install while the web app's install and build (the browser tests serve it)
# (each mostly waits on the registry or the disk, not both at once), then the checks run beside the
# tests: the tests' local stacks spend their first minutes seeding and waiting, time the checks use
# (-O keeps each one's output in one piece, the tests' last).
test:
	$(MAKE) --no-print-directory -j3 -O install web-build chromium
	$(MAKE) --no-print-directory -j4 -O lint types runtime-check web-test every-test

# Every handler imports under Lambda's Python (constants.LAMBDA_PYTHON_VERSION) with the locked packages,
# when that interpreter is on the machine (infra/cdk/runtime_check.py; it says so when it is not).
runtime-check: install
	$(BIN)/python infra/cdk/runtime_check.py 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

every-test: install web-build chromium
	$(PYTEST) -n $(PYTEST_WORKERS) tests

unit functional infra: install
	$(PYTEST) -n $(PYTEST_WORKERS) tests/$@

# The web app (web/): npm ci once per lockfile change, a build when a source changes.
$(WEB_STAMP): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund
	touch $@

web-install: $(WEB_STAMP)

$(WEB)/dist/index.html: $(WEB_STAMP) $(WEB_SOURCES)
	cd $(WEB) && npm run --silent build

web-build: $(WEB)/dist/index.html

web-test: web-install
	cd $(WEB) && npm run --silent check:api && npm run --silent typecheck && npm run --silent lint && npm run --silent test

# The browser tests drive Debian's Chromium (Playwright's own browser downloads are not used).
chromium:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# One local stack for the run, its tests in one process: no -n.
browser: install web-build chromium
	$(PYTEST) tests/e2e/browser

e2e: install web-build chromium  # tests/e2e includes the browser tests
	$(PYTEST) tests/e2e

synth: install
	$(BIN)/python infra/cdk/app.py
	$(BIN)/cfn-lint cdk.out/*.template.json

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) cdk.out .pytest_cache .mypy_cache .ruff_cache $(WEB)/node_modules $(WEB)/dist

# openapi.json and the web app's permission table from Python, then the web app's API types from openapi.json.
openapi: install web-install
	$(BIN)/python -m functions.docs.build
	cd $(WEB) && npm run --silent gen:api

# Creates or updates the Stripe products and prices from convertly/billing/plans.py (idempotent).
# Needs STRIPE_SECRET_KEY (or STRIPE_SECRET_ARN); `make run` does the same against localstripe itself.
stripe-setup: install
	$(BIN)/python -m convertly.billing.setup

# The affiliate program's books: every ledger against its balances, every referred tenant's paid
# invoice against its commission (or the recorded reason for none). Exits 1 on a problem. Against the
# running local stack; on AWS the same check is `python -m convertly.affiliates.reconcile`.
reconcile: install
	$(BIN)/python -m devstack reconcile-affiliates

# Pins every package the functions run, resolved for Lambda's platform and Python (infra/cdk/lock.py);
# run after changing requirements.txt or a function's requirements.txt (tests/infra checks they agree).
lock: install
	$(BIN)/python infra/cdk/lock.py

layer: install
	$(SHELL) infra/cdk/build_layer.sh 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
