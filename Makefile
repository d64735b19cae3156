# Hearth: `make run` brings up the demo partnership; `make test` runs the whole suite;
# `make lint` checks which app may import which, style and types.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
ASSETS := frontend/build/.built
HOST ?= 127.0.0.1:8000
PYTEST_WORKERS ?= auto

.PHONY: run test lint typecheck bench assets install migrate demo lock clean

$(STAMP): requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

$(ASSETS): frontend/package.json frontend/package-lock.json $(wildcard frontend/scss/*.scss) $(wildcard frontend/js/*.js) frontend/build.mjs
	cd frontend && npm ci --no-audit --no-fund
	cd frontend && npm run build
	touch $(ASSETS)

assets: $(ASSETS)

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py demo_seed

run: $(STAMP) $(ASSETS) demo
	$(PY) manage.py demo_signins --addr $(HOST)
	$(PY) manage.py run_embedded --addr $(HOST)

test: $(STAMP) $(ASSETS)
	$(PY) -m pytest -n $(PYTEST_WORKERS)

lint: $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

typecheck: lint

bench: $(STAMP)
	$(PY) -m bench

lock: $(STAMP)
	cd requirements && ../$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-header --no-emit-index-url --no-emit-find-links base.in -o base.txt
	cd requirements && ../$(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe --no-header --no-emit-index-url --no-emit-find-links dev.in -o dev.txt

clean:
	rm -rf $(VENV) frontend/node_modules frontend/build var/static
