# The two commands of the README:
#   make app    opens the explorer on the embedded store with the seed network
#   make test   runs the whole test suite: linters, type checks and pytest
#               (starts a local Neo4j unless NEO4J_URI is set)
# Both work in a virtual environment of the project's own (.venv), so they run
# on a system Python that refuses pip installs (PEP 668).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: app test install lint

app:
	PYTHON=$(PYTHON) VENV=$(VENV) scripts/install.sh app
	$(BIN)/pontes app

test:
	PYTHON=$(PYTHON) VENV=$(VENV) scripts/install.sh test
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

install:
	PYTHON=$(PYTHON) VENV=$(VENV) scripts/install.sh test
