"""The explorer page on both stores: the cap and what it left out, and what it keeps per graph version.

The app (AppTest) runs on the same store as the test (the embedded file or
the Neo4j database), holding the two-mode graph of ``tests/test_scale_views.py``
(F, A, B, C, D take part in projects E1..E4; nine nodes). The cap is set to
three nodes (``ui.cached.LIMIT``) so that every view is capped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.model import Organisation, Tie, TieType
from graph.store.embedded import EmbeddedStore
from tests.support.app import graph_spec, static_tables
from tests.support.graphs import PROJECTS_SOURCE as SOURCE
from tests.support.graphs import projects as build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_store(store, request, tmp_path, monkeypatch):
    """(store, ids): the projects graph in ``store``, the app pointed at it, the cap at 3, empty caches."""
    import ui.cached

    nodes, ties, ids = build()
    store.upsert(sources=[SOURCE], nodes=nodes, ties=ties)
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setenv("PONTES_SEEDS", str(empty))
    monkeypatch.setenv("PONTES_LANGUAGE", "en")
    if not isinstance(store, EmbeddedStore):
        creds, database = request.getfixturevalue("neo4j_server")
        for name, value in {
            "PONTES_STORE": "neo4j",
            "NEO4J_URI": creds.uri,
            "NEO4J_USERNAME": creds.username,
            "NEO4J_PASSWORD": creds.password,
            "NEO4J_DATABASE": database,
        }.items():
            monkeypatch.setenv(name, value)
    else:
        monkeypatch.setenv("PONTES_STORE", "embedded")
        monkeypatch.setenv("PONTES_DB_PATH", str(store.path))
    monkeypatch.setattr(ui.cached, "LIMIT", 3)
    st.cache_resource.clear()
    yield store, ids
    st.cache_resource.clear()  # closes the app's store


def start() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def drawn_ids(at: AppTest) -> set[str]:
    return {d["id"] for d in graph_spec(at)["series"][0]["data"]}


def infos(at: AppTest) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", i.value) for i in at.info]


def pick(at: AppTest, name: str, node_id: str) -> None:
    at.text_input(key="search").set_value(name).run()
    at.selectbox(key="focus").select(node_id).run()
    assert not at.exception, at.exception


def test_the_explorer_draws_the_capped_view_and_says_what_it_left_out(app_store):
    _store, ids = app_store
    at = start()
    # the whole network: the three best-connected of nine (F, A, E1: degree 3, by id)
    assert infos(at) == [
        "Showing the 3 best-connected of 9 nodes: 6 are left out. Search for an actor, or set filters, to see others."
    ]
    assert len(drawn_ids(at)) == 3
    # the ego network of F, depth 2: F, then E1 (half the room), then A; E2, E3, B left out,
    # and what lies beyond E2 and E3 was not explored (tests/test_scale_views.py)
    pick(at, "Org F", ids["F"])
    at.slider(key="depth").set_value(2).run()
    assert drawn_ids(at) == {ids["F"], ids["E1"], ids["A"]}
    assert infos(at) == [
        "Showing 3 of at least 6 nodes, strongest ties first: 3 or more are left out. "
        "Filters or fewer steps narrow the view."
    ]
    # depth 1: E1 and E3 (degree 3) before E2; exactly one left out
    at.slider(key="depth").set_value(1).run()
    assert drawn_ids(at) == {ids["F"], ids["E1"], ids["E3"]}
    assert infos(at) == [
        "Showing 3 of 4 nodes, strongest ties first: 1 are left out. Filters or fewer steps narrow the view."
    ]


def test_a_rerun_that_changes_nothing_neither_explores_nor_draws_again(app_store, monkeypatch):
    import graph.draw.shown
    import graph.explore

    _store, ids = app_store
    calls = {"explore": 0, "compose": 0, "node_detail": 0, "find": 0}

    def counting(module, name):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    for name in ("node_detail", "find"):
        counting(graph.explore, name)
    for name in ("explore", "compose"):  # what a view shows is made in graph.draw.shown
        counting(graph.draw.shown, name)
    at = start()
    page = graph_spec(at)
    assert calls == {"explore": 1, "compose": 1, "node_detail": 0, "find": 0}
    at.run()
    at.text_input(key="search").set_value("Org").run()  # a search of several hits leaves the view as it was
    assert calls == {"explore": 1, "compose": 1, "node_detail": 0, "find": 1}
    assert graph_spec(at) == page
    at.selectbox(key="focus").select(ids["F"]).run()
    at.run()
    assert calls == {"explore": 2, "compose": 2, "node_detail": 1, "find": 1}
    at.slider(key="depth").set_value(2).run()  # a new view; the same detail and search
    assert calls == {"explore": 3, "compose": 3, "node_detail": 1, "find": 1}
    at.slider(key="depth").set_value(1).run()  # back to a view already drawn
    assert calls == {"explore": 3, "compose": 3, "node_detail": 1, "find": 1}
    assert not at.exception


def test_a_write_is_shown_at_the_next_run(app_store):
    store, ids = app_store
    at = start()
    at.text_input(key="search").set_value("Org G").run()
    assert at.selectbox(key="focus").disabled  # nothing found (yet)
    pick(at, "Org D", ids["D"])
    at.slider(key="depth").set_value(2).run()
    assert drawn_ids(at) == {ids["D"], ids["E4"], ids["C"]} and infos(at) == []  # all of it
    newcomer = Organisation(name="Org G", sources=["s"])
    store.upsert(
        nodes=[newcomer], ties=[Tie(type=TieType.PARTICIPATED_IN, source=newcomer.id, target=ids["E4"], sources=["s"])]
    )
    at.run()  # the same inputs on a newer graph: computed again, not taken from the cache
    assert drawn_ids(at) == {ids["D"], ids["E4"], ids["C"]}  # cap 3: C (degree 2) before G (degree 1)
    assert infos(at) == [
        "Showing 3 of 4 nodes, strongest ties first: 1 are left out. Filters or fewer steps narrow the view."
    ]
    at.text_input(key="search").set_value("Org G").run()  # found now; typed again, its one hit takes the focus
    assert at.selectbox(key="focus").value == newcomer.id


def test_a_hubs_detail_lists_the_first_ties_and_all_on_request(app_store, monkeypatch):
    import ui.detail

    _store, ids = app_store
    monkeypatch.setattr(ui.detail, "TIES_SHOWN", 2)  # F has 3 ties

    def tie_rows(at):
        (table,) = [d for d in [*(x.value for x in at.dataframe), *static_tables(at)] if "Tie" in d.columns]
        return len(table)

    at = start()
    pick(at, "Org F", ids["F"])
    assert tie_rows(at) == 2
    assert "Showing 2 of 3 ties" in [c.value for c in at.caption]
    at.toggle(key=f"detail_all_{ids['F']}").set_value(True).run()
    assert tie_rows(at) == 3
    assert "Showing 3 of 3 ties" in [c.value for c in at.caption]
