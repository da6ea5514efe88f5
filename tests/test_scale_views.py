"""The explorer at scale: capped views, strongest ties first, what was left out.

Known answers on a hand-made two-mode graph (organisations take part in
projects; ``-`` is PARTICIPATED_IN)::

    F - E1, E2, E3        A - E1, E2, E3        B - E1
    C - E3, E4            D - E4

Degrees: F 3, A 3, E1 3, E3 3, E2 2, E4 2, C 2, B 1, D 1.
"""

from __future__ import annotations

import re

import pytest

from graph.draw.page import STATIC_LAYOUT_NODES, render_html, static_layout
from graph.explore import DEFAULT_LIMIT, Exploration, GraphFilter, ego_ranking, explore
from graph.model import Organisation, Person, Tie, TieType
from graph.store.base import Subgraph
from tests.support.graphs import PROJECTS_SOURCE as SOURCE
from tests.support.graphs import S
from tests.support.graphs import projects as build


@pytest.fixture
def projects(store):
    nodes, ties, ids = build()
    store.upsert(sources=[SOURCE], nodes=nodes, ties=ties)
    return store, ids


def keys(ids, got):
    back = {v: k for k, v in ids.items()}
    return [back[x] for x in got]


def test_ego_ranking_nearer_first_then_strongest(projects):
    store, ids = projects
    ranked, cut, complete = ego_ranking(store, ids["F"], 1)
    assert keys(ids, ranked) == ["F", "E1", "E2", "E3"] and (cut, complete) == (0, True)
    ranked, cut, complete = ego_ranking(store, ids["F"], 2)
    # A shares three projects with F; B and C one each (then by id)
    assert keys(ids, ranked) == ["F", "E1", "E2", "E3", "A", "B", "C"] and (cut, complete) == (0, True)
    ranked, cut, complete = ego_ranking(store, ids["F"], 3)
    assert keys(ids, ranked)[-1] == "E4"


def test_ego_ranking_with_a_budget_keeps_strong_and_well_connected_nodes(projects):
    store, ids = projects
    # depth 2, budget 3: the first step may take half the room (1 of 2): E1 or E3
    # (strength 1, degree 3), E1 by id; then A (degree 3) before B (degree 1).
    ranked, cut, complete = ego_ranking(store, ids["F"], 2, budget=3)
    assert keys(ids, ranked) == ["F", "E1", "A"]
    assert (cut, complete) == (3, False)  # E2, E3 and B; beyond E2 and E3 nothing was explored
    ranked, cut, complete = ego_ranking(store, ids["F"], 1, budget=3)
    assert keys(ids, ranked) == ["F", "E1", "E3"]  # degree 3 before E2's 2
    assert (cut, complete) == (1, True)  # the last step: every node reached is counted


def test_explore_caps_an_ego_network_and_says_what_it_left_out(projects):
    store, ids = projects
    view = explore(store, focus=ids["F"], depth=2, limit=3)
    assert isinstance(view, Exploration) and isinstance(view, Subgraph)
    assert set(keys(ids, [n.id for n in view.nodes])) == {"F", "E1", "A"}
    assert {(t.source, t.target) for t in view.ties} == {(ids["F"], ids["E1"]), (ids["A"], ids["E1"])}
    assert (view.total_nodes, view.exact, view.left_out, view.capped) == (6, False, 3, True)
    full = explore(store, focus=ids["F"], depth=2)
    assert (len(full.nodes), full.total_nodes, full.exact, full.capped) == (7, 7, True, False)


def test_explore_caps_the_whole_network_best_connected_first(projects):
    store, ids = projects
    view = explore(store, limit=4)
    # degree 3: A, E1, E3, F (by id: org:org-a, event:project-e1-2019, event:project-e3-2019, org:org-f)
    assert set(keys(ids, [n.id for n in view.nodes])) == {"A", "E1", "E3", "F"}
    assert (view.total_nodes, view.left_out, view.exact) == (9, 5, True)
    assert explore(store, limit=None).capped is False


def test_explore_filters_before_it_caps(projects):
    store, ids = projects
    view = explore(store, GraphFilter(countries={"FR"}), limit=3)
    # of the FR organisations C and D and their projects (context): E3 (degree 3), then C and E4 (2) by id
    assert set(keys(ids, [n.id for n in view.nodes])) == {"C", "E3", "E4"}
    assert (view.total_nodes, view.left_out) == (4, 1)
    ego = explore(store, GraphFilter(types={"Organisation"}), focus=ids["F"], depth=2, limit=3)
    assert set(keys(ids, [n.id for n in ego.nodes])) == {"F", "A", "B"}  # the strongest partners
    assert ego.ties == []


def test_explore_keeps_private_persons_redacted_in_a_capped_view(store):
    nodes, ties, ids = build()
    anna = Person(name="Anna Beispiel", legal_basis="legitimate_interests", sources=S)
    member = Tie(type=TieType.MEMBER_OF, source=anna.id, target=ids["A"], role="chair", sources=S)
    store.upsert(sources=[SOURCE], nodes=[*nodes, anna], ties=[*ties, member])
    view = explore(store, focus=ids["A"], depth=1, limit=3)
    names = [n.name for n in view.nodes]
    assert "Anna Beispiel" not in names
    assert any(n.startswith("‹chair · Org A") for n in names) or len(view.nodes) == 3
    assert "Anna Beispiel" in [n.name for n in explore(store, focus=ids["A"], depth=1, show_private=True).nodes]


def test_default_cap():
    assert DEFAULT_LIMIT == 500


# -- drawing large views -------------------------------------------------------------
def star(n: int) -> Subgraph:
    hub = Organisation(name="Hub", sources=S)
    rim = [Organisation(name=f"Partner {i:04d}", sources=S) for i in range(n - 1)]
    ties = [Tie(type=TieType.COOPERATES_WITH, source=hub.id, target=o.id, sources=S) for o in rim]
    return Subgraph(nodes=[hub, *rim], ties=ties)


def test_a_large_view_is_laid_out_in_python_and_drawn_without_physics():
    sub = star(STATIC_LAYOUT_NODES + 50)
    page = render_html(sub, focus="org:hub")
    assert '"physics": {"enabled": false}' in page
    data = re.search(r"nodes = new vis\.DataSet\(pontesTooltips\((\[.*?\])\)\);", page, re.DOTALL).group(1)
    assert data.count('"x": ') == len(sub.nodes)
    assert render_html(sub, focus="org:hub") == page  # the same layout every time
    small = render_html(star(10))
    assert '"x": ' not in small and "barnesHut" in small  # small views keep vis-network's physics


def test_static_layout_spreads_nodes_apart():
    pos = static_layout(star(200))
    assert len(pos) == 200
    xs = sorted(x for x, _ in pos.values())
    assert xs[-1] - xs[0] > 500  # pixels: not a heap in one spot
    assert len(set(pos.values())) == 200


def test_explore_reads_an_ego_network_from_the_whole_graph_as_the_store_would(embedded_store):
    """With the whole graph as ``context`` an ego network's nodes and ties come from it
    (graph.facts.induced), not from the store: the same answers, feedback left out."""
    import datetime as dt
    import random

    from graph.facts import induced
    from graph.model import FACT_TIES, NodeType
    from graph.suggest.feedback import feedback_tie
    from loaders import load_paths
    from pontes.settings import REPO_ROOT

    load_paths(embedded_store, [REPO_ROOT / "seeds"])
    whole = embedded_store.snapshot()
    orgs = sorted(n.id for n in whole.nodes if n.type is NodeType.ORGANISATION)
    note = feedback_tie(orgs[0], orgs[1], "not_relevant", on=dt.date(2026, 1, 1))
    embedded_store.upsert(sources=[], nodes=[], ties=[note])
    whole = embedded_store.snapshot()
    assert note.id in {t.id for t in whole.ties}

    rng = random.Random(7)
    ids = [n.id for n in whole.nodes]
    for size in (1, 5, 40, len(ids)):
        some = rng.sample(ids, size) + ["org:not-there"]
        for types in (None, FACT_TIES, {TieType.PARTICIPATED_IN}):
            assert induced(whole, some, types=types) == embedded_store.subgraph(some, types=types)

    filters = [
        GraphFilter(),
        GraphFilter(types={NodeType.ORGANISATION}),
        GraphFilter(countries={"DE"}),
    ]
    for focus in orgs[:12] + rng.sample(ids, 12):
        for depth in (1, 2):
            for flt in filters:
                for limit in (500, 6):
                    read = explore(embedded_store, flt, focus=focus, depth=depth, limit=limit)
                    given = explore(embedded_store, flt, focus=focus, depth=depth, limit=limit, context=whole)
                    assert (given.nodes, given.ties, given.shared) == (read.nodes, read.ties, read.shared)
                    assert (given.total_nodes, given.exact) == (read.total_nodes, read.exact)
                    assert note.id not in {t.id for t in given.ties}
