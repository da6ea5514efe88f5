# The two commands of the README:
#   make app    opens the explorer on the embedded store with the seed network
#   make test   runs the whole test suite (starts a local Neo4j unless NEO4J_URI is set)
PYTHON ?= python3

.PHONY: app test install bench

app:
	scripts/install.sh
	$(PYTHON) -m pontes.cli app

test:
	scripts/install.sh test
	$(PYTHON) -m pytest

install:
	scripts/install.sh test
