"""Trust: Neo4j stopped while the app runs.

A server of this module's own (temporary home, own port, like
``tests/test_neo4j_server.py``) holds the seed network; the app runs on it
through :class:`streamlit.testing.v1.AppTest` and draws the explorer. The
server is stopped: the next run of the *same* app (same process, same cached
store and driver) shows the "database cannot be reached" message, no
traceback, and the note that it keeps checking (:mod:`ui.health`). The
server is started again (same home, same port): the next run draws the
graph again, with no restart of the app. The same when the app is opened
while the server is down (nothing broken is cached).

In a real browser (``streamlit run app.py``, headless Chromium) the page
also comes back by itself: nobody touches it after the server is started
again, the retry fragment notices and reruns the app.

Also here: a server's generated password never starts with ``-`` (neo4j-admin
took such a password for an option, and one fresh server in 64 failed to
start).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from pontes import neo4j_server as ns
from pontes.neo4j_server import Credentials, Home, ServerError
from tests.support.app import pictures
from tests.support.browser import drawn_picture, poll, streamlit_server
from tests.support.neo4j import JARS
from ui.health import RETRY_SECONDS
from ui.i18n import t

REPO = Path(__file__).resolve().parent.parent
SMALL = {"heap": "512m", "pagecache": "64m", "transaction_max": "128m"}
RETRYING = t("status.retrying", "en", seconds=RETRY_SECONDS)


def context_store():
    """The store the app has cached (opened by an earlier run)."""
    from pontes.settings import load_settings
    from ui.context import _open_store

    return _open_store(load_settings())


def test_generated_passwords_never_look_like_options(monkeypatch):
    tokens = iter(["-starts-with-a-dash", "--two", "fine-password"])
    monkeypatch.setattr(ns.secrets, "token_urlsafe", lambda n: next(tokens))
    assert ns._new_password() == "fine-password"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server of this module's own (home, credentials, the loaded seed plan),
    running at the start of every test."""
    import neo4j

    from graph.store.neo4j_store import Neo4jStore
    from loaders import load_paths

    home = Home(tmp_path_factory.mktemp("outage") / "home", lib_dir=JARS)
    problem = None
    try:
        ns.fetch(home.lib, ns.POM)
        creds = ns.start(home, die_with_parent=True, **SMALL)
    except ServerError as e:
        problem = e
    if problem is not None:
        pytest.fail(f"could not start a Neo4j server: {problem}", pytrace=False)
    try:
        with Neo4jStore(neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password))) as store:
            store.ensure_schema()
            plan = load_paths(store, [REPO / "seeds"])
        yield home, creds, plan
    finally:
        ns.stop(home)


@pytest.fixture
def running(server):
    home, creds, plan = server
    assert ns.start(home, die_with_parent=True, **SMALL) == creds  # no-op unless a test left it stopped
    return server


@pytest.fixture
def app_on(running, monkeypatch):
    """The app's environment pointed at the server, with empty caches."""
    _home, creds, _plan = running
    monkeypatch.setenv("PONTES_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", creds.uri)
    monkeypatch.setenv("NEO4J_USERNAME", creds.username)
    monkeypatch.setenv("NEO4J_PASSWORD", creds.password)
    monkeypatch.setenv("PONTES_LANGUAGE", "en")
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()  # closes the cached store


def unavailable_prefix(lang: str = "en") -> str:
    return t("error.unavailable", lang, detail="")


def assert_graph_drawn(at: AppTest, plan) -> None:
    assert not at.exception, at.exception
    assert len(at.error) == 0, [e.value for e in at.error]
    assert len(pictures(at)) == 1
    shown = t("explorer.shown", "en", nodes=len(plan.nodes), ties=len(plan.ties))
    assert shown in [c.value for c in at.caption]
    assert RETRYING not in [c.value for c in at.caption]


def assert_unavailable(at: AppTest, creds: Credentials) -> None:
    assert not at.exception, at.exception
    assert len(at.error) == 1, [e.value for e in at.error]
    message = at.error[0].value
    assert message.startswith(unavailable_prefix()), message
    assert creds.password not in message
    assert pictures(at) == []
    assert RETRYING in [c.value for c in at.caption]  # the app keeps checking by itself


@pytest.mark.neo4j
@pytest.mark.slow
def test_app_shows_unavailable_and_recovers_without_restart(running, app_on):
    home, creds, plan = running
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    assert_graph_drawn(at, plan)
    store = context_store()

    assert ns.stop(home)
    t0 = time.monotonic()
    at.run()
    down = time.monotonic() - t0
    assert_unavailable(at, creds)

    again = ns.start(home, die_with_parent=True, **SMALL)
    assert again.uri == creds.uri  # same home, same port
    t0 = time.monotonic()
    at.run()
    up = time.monotonic() - t0
    assert_graph_drawn(at, plan)
    assert context_store() is store  # the same cached store (and driver) recovered
    print(f"\nrun while down: {down:.1f} s; first run after the restart: {up:.1f} s")


@pytest.mark.neo4j
@pytest.mark.slow
def test_app_opened_while_the_server_is_down_recovers(running, app_on):
    """The store cannot even be opened: nothing broken is cached, the next run opens it."""
    home, creds, plan = running
    assert ns.stop(home)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    assert_unavailable(at, creds)
    assert ns.start(home, die_with_parent=True, **SMALL) == creds
    at.run()
    assert_graph_drawn(at, plan)


@pytest.mark.neo4j
@pytest.mark.slow
@pytest.mark.browser
def test_page_comes_back_by_itself_in_a_browser(running, tmp_path, browser):
    """``streamlit run app.py`` in headless Chromium: while the server is
    down the page shows the message; once it is up again the graph comes
    back with nobody touching the page (the retry fragment reruns the app)."""
    from selenium.webdriver.common.by import By

    home, creds, plan = running
    env = {
        "PONTES_STORE": "neo4j",
        "NEO4J_URI": creds.uri,
        "NEO4J_USERNAME": creds.username,
        "NEO4J_PASSWORD": creds.password,
        "PONTES_LANGUAGE": "en",
    }

    def graph_drawn():
        return drawn_picture(browser)

    def page_says(text: str):
        return True if text in browser.find_element(By.TAG_NAME, "body").text else None

    with streamlit_server(tmp_path, **env) as url:
        browser.get(url)
        poll(graph_drawn, timeout=120)
        assert ns.stop(home)
        browser.refresh()  # a visitor arrives while the database is down
        poll(lambda: page_says(unavailable_prefix().strip()), timeout=150)
        poll(lambda: page_says(RETRYING), timeout=30)
        assert graph_drawn() is None
        t0 = time.monotonic()
        assert ns.start(home, die_with_parent=True, **SMALL) == creds
        poll(graph_drawn, timeout=120)  # nobody touches the page
        back = time.monotonic() - t0
        assert page_says(unavailable_prefix().strip()) is None
    print(f"\nthe page came back {back:.1f} s after the server was started again")
