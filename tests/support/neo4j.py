"""The real Neo4j server for tests marked ``neo4j`` (a pytest plugin).

- If ``NEO4J_URI`` (with ``NEO4J_USERNAME``/``NEO4J_PASSWORD``, optionally
  ``NEO4J_DATABASE``) is set when pytest starts, the tests use that server.
  They empty its database before every test: never point them at data you
  want to keep. The variables are read here, at import, because an autouse
  fixture of ``conftest.py`` clears them for every test.
- Otherwise the session starts a throwaway server of its own with
  :mod:`pontes.neo4j_server`: the jars are those of ``pontes server fetch``
  (:data:`JARS`, with the Graph Data Science plugin in :data:`PLUGINS`,
  fetched once with Maven), the server home (config, data, logs, a random
  password) lives in pytest's temporary folder and a free port, so a
  developer's own server and other test runs are left alone. It is stopped
  at the end of the session and its data deleted (logs are kept).

Neo4j tests are never skipped: if no server can be had, they fail (always,
and so also in CI). Deselect them with ``-m "not neo4j"``. A skip raised
inside a ``neo4j`` test is turned into a failure too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from pontes.neo4j_server import PLUGINS_POM, POM, Credentials, Home, ServerError, fetch, fetch_plugins, start, stop
from pontes.settings import load_settings

#: The jars of the local Neo4j server (``pontes server fetch``), shared by every
#: test server: read here, at import, before the tests clear the environment.
JARS = load_settings().server_home / "lib"
#: The Graph Data Science plugin's jars, beside them.
PLUGINS = load_settings().server_home / "plugins"
_ENV = {name: os.environ.get(name) for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")}


class SharedDriver:
    """The session's driver handed to each test's store: ``close()`` is a
    no-op, so a test closing its store does not break the next one."""

    def __init__(self, driver):
        self._driver = driver

    def close(self) -> None:
        pass

    def __getattr__(self, name):
        return getattr(self._driver, name)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory) -> Iterator[tuple[Credentials, str]]:
    """Credentials and database name of the server the tests use."""
    if _ENV["NEO4J_URI"]:
        creds = Credentials(_ENV["NEO4J_URI"], _ENV["NEO4J_USERNAME"] or "neo4j", _ENV["NEO4J_PASSWORD"] or "")
        yield creds, _ENV["NEO4J_DATABASE"] or "neo4j"
        return
    home = Home(tmp_path_factory.mktemp("neo4j"), lib_dir=JARS, plugins_dir=PLUGINS)
    problem = None
    try:
        fetch(home.lib, POM)
        fetch_plugins(home.plugins, PLUGINS_POM)
        creds = start(home, die_with_parent=True)
    except ServerError as e:
        problem = e
    if problem is not None:
        pytest.fail(f"could not start the test Neo4j server: {problem}\n(deselect with -m 'not neo4j')", pytrace=False)
    try:
        yield creds, "neo4j"
    finally:
        stop(home)
        shutil.rmtree(home.data, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    import neo4j

    creds, _database = neo4j_server
    driver = neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password))
    problem = None
    try:
        driver.verify_connectivity()
    except Exception as e:  # any failure here means no usable server
        problem = e
    if problem is not None:
        driver.close()
        pytest.fail(f"Neo4j at {creds.uri} is not usable: {problem}\n(deselect with -m 'not neo4j')", pytrace=False)
    yield driver
    driver.close()


@pytest.fixture
def neo4j_store(neo4j_driver, neo4j_server):
    """A :class:`Neo4jStore` on an emptied database with the schema in place."""
    from graph.store import cypher
    from graph.store.neo4j_store import Neo4jStore

    _creds, database = neo4j_server
    neo4j_driver.execute_query(cypher.DELETE_ALL, database_=database)
    store = Neo4jStore(SharedDriver(neo4j_driver), database=database)
    store.ensure_schema()
    yield store
    store.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and item.get_closest_marker("neo4j") is not None and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"neo4j tests must not be skipped ({reason})"
