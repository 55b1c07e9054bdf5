# Kruispunt — project tasks. Run `make help` for a summary.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_BOOT := $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY   := $(VENV)/bin/python
PIP  := $(PY) -m pip
REQ_STAMP := $(VENV)/.req-stamp
DEV_STAMP := $(VENV)/.dev-stamp
CHROMIUM  := /usr/bin/chromium

.PHONY: help venv run dev chromium lint test bench clean distclean

help:
	@echo "make venv   - create .venv and install requirements.txt"
	@echo "make run    - start the app on 127.0.0.1:\$${STREAMLIT_SERVER_PORT:-8501}"
	@echo "make dev    - install requirements-dev.txt and Debian chromium"
	@echo "make lint   - ruff (lint and format check), mypy on decision/, import-linter layers"
	@echo "make test   - lint, then the test suite (unit, page and real-browser tests)"
	@echo "make bench  - run the benchmarks"
	@echo "make clean  - remove caches and test artifacts (keeps .venv)"
	@echo "make distclean - clean, and remove .venv"

$(PY):
	$(PYTHON_BOOT) -m venv $(VENV)

$(REQ_STAMP): requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	touch $@

venv: $(REQ_STAMP)

run: venv
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $${STREAMLIT_SERVER_PORT:-8501}

$(DEV_STAMP): requirements-dev.txt $(REQ_STAMP)
	$(PIP) install -r requirements-dev.txt
	touch $@

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  SUDO=""; \
	  if [ "$$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi; \
	  echo "installing Debian chromium ($(CHROMIUM) missing)"; \
	  $$SUDO apt-get update && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

dev: $(DEV_STAMP) chromium

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# Every test in one run on three workers, a test file per worker: the browser files wait on their
# app server and Chromium much of the time, so a third worker keeps both cores busy. Each browser
# test file starts its own server on a free port with its own data directory (tests/browser/conftest.py).
test: dev lint
	$(PY) -m pytest -n 3 --dist loadfile

bench: dev
	$(PY) -m decision bench
	$(PY) bench/sensitivity.py
	$(PY) bench/latency.py
	$(PY) bench/library.py

clean:
	rm -rf tests/artifacts .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -path ./$(VENV) -prune -o -name '*.egg-info' -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
