"""Shared fixtures.

- The environment variables the app reads are cleared for every test
  (autouse), so a developer's own NEO4J_URI never leaks into a test, and
  the data folder (default store) is a fresh temporary folder.
- ``embedded_store`` is a fresh SQLite store in a temporary folder.
- ``neo4j_store`` is the real Neo4j server (see ``tests/support/neo4j.py``),
  emptied before each test.
- ``store`` runs a test once on each of them (the store contract).
"""

from __future__ import annotations

import hypothesis  # noqa: F401  (see below)
import pytest

from pontes.settings import ENV_VARS

# hypothesis runs its plugins' hooks when first imported, and trio's (installed
# with selenium) warns there. Imported here, before pytest turns warnings into
# errors, so that a run of files that never import hypothesis does not fail
# at its summary, where hypothesis' pytest plugin imports it late.

pytest_plugins = ["tests.support.neo4j", "tests.support.app", "tests.support.browser", "tests.support.cli"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path_factory):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    # whatever a test opens with default settings lands in a folder of its own,
    # never in the user's data folder
    monkeypatch.setenv("PONTES_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def embedded_store(tmp_path):
    from graph.store.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "pontes.sqlite") as store:
        store.ensure_schema()
        yield store


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """Each contract test runs on both stores."""
    return request.getfixturevalue(f"{request.param}_store")
