"""Cross-border metrics: hand-worked E-I and brokerage examples, brute force, networkx."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from graph.analysis import border as B
from tests.support.analysis import CLASSIC, random_graph
from tests.support.graphs import five

# -- E-I index ---------------------------------------------------------------------


def test_ei_index_by_hand():
    g = five()
    # c: E = 2 (a, b), I = 1 (d) -> 1/3; d: E = 1 (e), I = 1 (c) -> 0; e: only external -> 1
    assert B.ei_index(g, "country") == pytest.approx({"a": 0, "b": 0, "c": 1 / 3, "d": 0, "e": 1})
    assert B.cross_border_share(g, "country") == pytest.approx({"a": 0.5, "b": 0.5, "c": 2 / 3, "d": 0.5, "e": 1})
    groups = B.group_ei(g, "country")
    assert groups["DE"] == {"members": 2, "internal": 1, "external": 2, "ei_index": pytest.approx(1 / 3)}
    assert groups["FR"] == {"members": 2, "internal": 1, "external": 3, "ei_index": pytest.approx(0.5)}
    assert groups["LU"] == {"members": 1, "internal": 0, "external": 1, "ei_index": 1.0}
    whole = B.network_ei(g, "country")
    # 3 crossing, 2 within; 10 possible pairs of which 2 within a country
    assert whole == {
        "internal": 2,
        "external": 3,
        "ei_index": pytest.approx(0.2),
        "expected_ei_index": pytest.approx(0.6),
    }


def test_ei_index_weighted_and_missing_groups():
    g = five()
    g["a"]["c"]["weight"] = 3
    g.add_edge("e", "x")  # x has no country: its tie counts for neither side
    ei = B.ei_index(g, "country", weight="weight")
    assert ei["a"] == pytest.approx((3 - 1) / 4)
    assert ei["e"] == 1.0
    assert math.isnan(ei["x"])
    assert math.isnan(B.cross_border_share(g, "country")["x"])


def test_grouping_by_mapping():
    g = nx.path_graph(3)
    assert B.ei_index(g, {0: "x", 1: "y", 2: "y"}) == pytest.approx({0: 1, 1: 0, 2: -1})


# -- brokerage -----------------------------------------------------------------------


def test_each_brokerage_role_by_hand():
    # broker b in X; p in X, r in Y, t in Z send to b; b sends to q in X and s in Y.
    g = nx.DiGraph([("p", "b"), ("r", "b"), ("t", "b"), ("b", "q"), ("b", "s")])
    nx.set_node_attributes(g, {"b": "X", "p": "X", "q": "X", "r": "Y", "s": "Y", "t": "Z"}, "g")
    roles = B.brokerage(g, "g")
    # p->b->q coordinator; r->b->s itinerant; p->b->s representative;
    # r->b->q and t->b->q gatekeeper; t->b->s liaison
    assert roles["b"] == {"coordinator": 1, "itinerant": 1, "representative": 1, "gatekeeper": 2, "liaison": 1}
    assert all(v == 0 for x in "pqrst" for v in roles[x].values())
    g.add_edge("r", "s")  # r now reaches s directly: b no longer brokers that pair
    assert B.brokerage(g, "g")["b"]["itinerant"] == 0
    g.add_edge("s", "r")  # the reverse tie does not matter
    assert B.brokerage(g, "g")["b"]["liaison"] == 1


def test_undirected_brokerage_by_hand():
    # star: broker b (X) with x1, x2 (X), y (Y), z (Z); ordered pairs of distinct leaves
    g = nx.star_graph(["b", "x1", "x2", "y", "z"])
    nx.set_node_attributes(g, {"b": "X", "x1": "X", "x2": "X", "y": "Y", "z": "Z"}, "g")
    assert B.brokerage(g, "g")["b"] == {
        "coordinator": 2,
        "itinerant": 0,
        "representative": 4,
        "gatekeeper": 4,
        "liaison": 2,
    }
    g.add_edge("x1", "x2")
    g.add_edge("y", "z")
    assert B.brokerage(g, "g")["b"] == {
        "coordinator": 0,
        "itinerant": 0,
        "representative": 4,
        "gatekeeper": 4,
        "liaison": 0,
    }
    # itinerant: broker in X between two members of Y
    h = nx.path_graph(["y1", "b", "y2"])
    nx.set_node_attributes(h, {"b": "X", "y1": "Y", "y2": "Y"}, "g")
    assert B.brokerage(h, "g")["b"]["itinerant"] == 2


@pytest.mark.parametrize("seed", range(12))
def test_undirected_brokerage_is_the_symmetric_digraph(seed):
    g = random_graph(seed, n=25, p=0.2, groups="ABC", missing=0.1)
    fast = B.brokerage(g, "group")
    slow = B.brokerage(g.to_directed(), "group")
    for v in g:
        for role in B.ROLES:
            a, b = fast[v][role], slow[v][role]
            assert (math.isnan(a) and math.isnan(b)) or a == b, (v, role, a, b)


def test_brokerage_on_classic_graphs_counts_every_open_pair():
    for make in CLASSIC.values():
        g = make()
        roles = B.brokerage(g, "group")
        for v in g:
            nbrs = list(g[v])
            open_pairs = sum(1 for a, c in itertools.permutations(nbrs, 2) if not g.has_edge(a, c))
            assert sum(roles[v].values()) == open_pairs


# -- mixing and assortativity --------------------------------------------------------------


@pytest.mark.parametrize("make", [*CLASSIC.values(), lambda: random_graph(4)])
def test_mixing_and_assortativity_agree_with_networkx(make):
    g = make()
    m, labels = B.mixing_matrix(g, "group")
    expected = nx.attribute_mixing_matrix(g, "group", mapping={x: i for i, x in enumerate(labels)})
    np.testing.assert_allclose(m, expected, atol=1e-12)
    assert B.assortativity(g, "group") == pytest.approx(nx.attribute_assortativity_coefficient(g, "group"), abs=1e-9)


def test_mixing_counts():
    m, labels = B.mixing_matrix(five(), "country", normalized=False)
    assert labels == ["DE", "FR", "LU"]
    np.testing.assert_array_equal(m, [[2, 2, 0], [2, 2, 1], [0, 1, 0]])


# -- border bridges ----------------------------------------------------------------------


def test_bridges_by_hand():
    # a-b-c triangle, then c-d-e. Without c, DE (a, b) is cut off from FR (d)
    # and LU (e); without d, e (LU) is cut off from DE and FR (c). Tie c-d
    # parts DE from LU (FR has members on both sides); tie d-e parts LU from both.
    rows = {(r.kind, r.u, r.v, r.group_a, r.group_b) for r in B.border_bridges(five(), "country")}
    assert rows == {
        ("actor", "c", None, "DE", "FR"),
        ("actor", "c", None, "DE", "LU"),
        ("actor", "d", None, "DE", "LU"),
        ("actor", "d", None, "FR", "LU"),
        ("tie", "c", "d", "DE", "LU"),
        ("tie", "d", "e", "DE", "LU"),
        ("tie", "d", "e", "FR", "LU"),
    }


def _brute_bridges(g: nx.Graph, attr: str) -> set:
    grp = nx.get_node_attributes(g, attr)

    def pairs(h, skip=None):
        out = set()
        for comp in nx.connected_components(h):
            labels = sorted({grp[x] for x in comp if grp.get(x) is not None and x != skip})
            out |= set(itertools.combinations(labels, 2))
        return out

    found = set()
    for v in g:
        h = g.copy()
        h.remove_node(v)
        left = {grp[x] for x in h if grp.get(x) is not None}
        for a, b in pairs(g, v) - pairs(h):
            if a in left and b in left:
                found.add(("actor", v, None, a, b))
    for u, v in g.edges():
        h = g.copy()
        h.remove_edge(u, v)
        x, y = sorted((u, v), key=repr)
        found |= {("tie", x, y, a, b) for a, b in pairs(g) - pairs(h)}
    return found


@pytest.mark.parametrize("seed", range(25))
def test_bridges_match_brute_force(seed):
    g = random_graph(seed, n=18 + seed % 7, p=[0.08, 0.15, 0.25][seed % 3], missing=0.1)
    got = {(r.kind, r.u, r.v, r.group_a, r.group_b) for r in B.border_bridges(g, "group")}
    assert got == _brute_bridges(g, "group")
    assert {r.u for r in B.border_bridges(g, "group") if r.kind == "actor"} <= set(nx.articulation_points(g))


def test_no_groups_no_bridges():
    assert B.border_bridges(nx.path_graph(3), "group") == []
