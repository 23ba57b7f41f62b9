# Thin wrapper over the `scrutiny` CLI. Every target sets up the environment first, so on a
# fresh clone `make pack` or `make test` alone is enough.
SHELL := /bin/bash
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_SHA := $(shell sha256sum requirements.lock | cut -c1-16)
STAMP := $(VENV)/.lock-$(LOCK_SHA)
QUARTER ?= 2022Q1
JOBS ?= $(shell nproc)
SCRUTINY := $(BIN)/scrutiny

.PHONY: setup test unit validate pack lab strip bench data synth pdf lock lint clean clean-cache

setup: $(STAMP)

# Rebuild the virtualenv only when the lock's content changes.
$(STAMP): requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

lock:
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock

# Everything CI checks: lint, unit/property/notebook/browser tests, then nbval over the
# committed pack (a second pytest run: --nbval must not see the tests folder).
# --no-loadscope-reorder keeps tests/conftest.py's order: the slow modules first, so the two
# workers do not end with one building a pack while the other waits.
test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -rs -n 2 --dist loadscope --no-loadscope-reorder tests
	$(MAKE) --no-print-directory validate QUARTER=2022Q1

unit: setup
	$(BIN)/python -m pytest -rs -n 2 --dist loadscope -m "not slow and not browser" tests

# Re-execute the quarter's executed notebooks and compare every output with the stored one
# (loadscope keeps each notebook's cells on one worker, in one kernel).
validate: setup
	@ls rendered/$(QUARTER)/*.ipynb >/dev/null 2>&1 || \
	  { echo "validate: no notebooks in rendered/$(QUARTER); run make pack QUARTER=$(QUARTER)" >&2; exit 2; }
	$(BIN)/python -m pytest -p no:cacheprovider -p scrutiny.pack.nbval_kernel -n 2 --dist loadscope --nbval \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-current-env rendered/$(QUARTER)/*.ipynb

pack: setup
	$(SCRUTINY) pack --quarter $(QUARTER) --jobs $(JOBS)

# The project's jupyter_server_config.py strips outputs on every save; root (containers) may run it.
lab: setup
	JUPYTER_CONFIG_PATH="$(CURDIR)$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

# Strip outputs from notebooks saved outside `make lab` (NOTEBOOKS=... for others).
NOTEBOOKS ?= $(wildcard notebooks/*.ipynb)
strip: setup
	$(BIN)/python -m scrutiny.lab $(NOTEBOOKS)

bench: setup
	$(BIN)/python bench/run.py

# MIRROR=folder|URL holding the official files; without one, lists them and where to get them.
data: setup
	$(SCRUTINY) data fetch $(if $(MIRROR),--mirror "$(MIRROR)")
	$(SCRUTINY) data extract

synth: setup
	$(SCRUTINY) synth --out evidence/data/synthetic

pdf: setup
	$(SCRUTINY) pdf rendered/$(QUARTER)

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The parsed-data cache holds child-level tables: remove it when done with an extract.
clean-cache:
	rm -rf "$${SCRUTINY_CACHE:-.cache}/903"

clean:
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache .hypothesis test-artifacts rendered/.building-* rendered/.previous-* rendered/.failed-*
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
