# Convertly: `make run` starts the whole local stack, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export AWS_DEFAULT_REGION ?= us-east-1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run reset test lint types unit functional e2e infra synth bench format clean openapi layer

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements-dev.txt -e . 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
	touch $@

install: $(STAMP)

run: install
	$(BIN)/python -m devstack run

reset: install
	$(BIN)/python -m devstack reset

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

types: install
	$(BIN)/mypy layers/shared/python/convertly functions app.py devstack infra/cdk $(wildcard bench)

test: install lint types
	$(BIN)/pytest tests

unit functional e2e infra: install
	$(BIN)/pytest tests/$@

synth: install
	$(BIN)/python infra/cdk/app.py
	$(BIN)/cfn-lint cdk.out/*.template.json

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) cdk.out .pytest_cache .mypy_cache .ruff_cache

openapi: install
	$(BIN)/python -m functions.docs.build

layer: install
	$(SHELL) infra/cdk/build_layer.sh 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
