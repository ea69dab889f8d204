# Every dev task of the conflict news tracker. `make demo` and `make test` are the two
# commands a newcomer needs; both create the virtualenv and install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev demo test lint fmt worker bench up serve migrate clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the declared or locked dependencies change. The app alone for the
# demo; the dev tools (pytest, ruff, mypy, playwright) for tests and linting.
$(STAMP): $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet -c requirements.lock -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py create_demo_users
	$(PY) manage.py import_articles "articles/samples/*.txt" "articles/samples/*.html" \
		"articles/samples/*.jsonl" --label "Demo samples" --once
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy articles/parsing casualties/extraction

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy articles/parsing casualties/extraction

fmt: install-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

worker: install
	$(VENV)/bin/celery -A tracker worker --loglevel=INFO --concurrency=$${WORKER_CONCURRENCY:-2}

serve: install
	$(VENV)/bin/gunicorn tracker.wsgi --bind 127.0.0.1:$(PORT) --worker-class gthread --workers 2 --threads 4

bench: install-dev
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev,bench]"
	$(PY) -m bench

up:
	docker compose up --build

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache .mypy_cache
