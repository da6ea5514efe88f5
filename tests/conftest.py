"""Shared fixtures.

- The environment variables the app reads are cleared for every test
  (autouse), so a developer's own NEO4J_URI never leaks into a test.
- ``embedded_store`` is a fresh SQLite store in a temporary folder.
- ``neo4j_store`` is the real Neo4j server (see ``tests/neo4j_plugin.py``),
  emptied before each test.
- ``store`` runs a test once on each of them (the store contract).
"""

from __future__ import annotations

import pytest

from pontes.settings import ENV_VARS

pytest_plugins = ["tests.neo4j_plugin"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)


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
