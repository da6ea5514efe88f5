"""Analysis views: two-mode graphs, projections, decay, time windows."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph.analysis import views as V
from graph.errors import AnalysisError
from tests.support.graphs import collaboration_tiny as tiny


def weights(net, ids, attr=None) -> dict[frozenset, float]:
    back = {v: k for k, v in ids.items()}
    g = net.to_networkx()
    return {frozenset((back[u], back[v])): d[attr or "weight"] for u, v, d in g.edges(data=True)}


def test_projection_counts_by_hand():
    sub, ids = tiny()
    net = V.collaboration_network(sub)
    assert set(net.nodes) == {ids[x] for x in "ABCDP"}  # P has no shared items but is an actor
    assert weights(net, ids) == {frozenset("AB"): 2, frozenset("AC"): 1, frozenset("BC"): 1, frozenset("AD"): 1}
    events = V.collaboration_network(sub, kind="events")
    assert frozenset("AD") not in weights(events, ids)
    coop = V.collaboration_network(sub, cooperation=True)
    assert weights(coop, ids)[frozenset("CD")] == 1
    assert weights(coop, ids, "count")[frozenset("CD")] == 1


def test_newman_weights_and_decay_by_hand():
    sub, ids = tiny()
    newman = weights(V.collaboration_network(sub, weighting="newman"), ids)
    # E1 has 3 members: 1/2 per pair; E2 and G have 2: 1 per pair
    assert newman == pytest.approx(
        {frozenset("AB"): 1.5, frozenset("AC"): 0.5, frozenset("BC"): 0.5, frozenset("AD"): 1}
    )
    decayed = V.collaboration_network(sub, half_life=2, reference_year=2019)
    w = weights(decayed, ids)
    assert w[frozenset("AB")] == pytest.approx(0.5 ** (4 / 2) + 0.5 ** (1 / 2))
    assert w[frozenset("AD")] == pytest.approx(1.0)
    assert weights(decayed, ids, "count")[frozenset("AB")] == 2  # counts never decay


def test_window_as_of_a_year():
    sub, ids = tiny()
    early = V.collaboration_network(V.window(sub, end=2016))
    assert weights(early, ids) == {frozenset("AB"): 1, frozenset("AC"): 1, frozenset("BC"): 1}
    late = V.collaboration_network(V.window(sub, start=2018, end=2019))
    assert weights(late, ids) == {frozenset("AB"): 1, frozenset("AD"): 1}
    with pytest.raises(AnalysisError) as err:
        V.window(sub, start=2020, end=2010)
    assert err.value.parameter == "window"


def test_ties_over_time():
    sub, _ = tiny()
    df = V.ties_over_time(sub)
    assert df.to_dict("list") == {
        "year": [2015, 2018, 2019],
        "items": [1, 1, 1],
        "new_ties": [3, 0, 1],
        "ties": [3, 3, 4],
    }


def test_node_attributes_and_two_mode():
    sub, ids = tiny()
    attrs = V.node_attributes(sub)
    assert attrs[ids["P"]]["country"] == "DE"  # through the organisation P works for
    assert attrs[ids["P"]]["sector"] == "association"
    assert attrs[ids["B"]]["country"] == "FR"
    b = V.two_mode(sub)
    assert nx.is_bipartite(b)
    assert b.nodes[ids["E1"]]["year"] == 2015 and b.nodes[ids["A"]]["bipartite"] == 0
    assert b.degree(ids["A"]) == 3


def test_full_network_merges_parallel_ties():
    sub, ids = tiny()
    net = V.full_network(sub)
    assert net.n == len(sub.nodes) and net.m == len(sub.ties)
    assert net.node_attrs["country"][net.index[ids["C"]]] == "LU"


def test_projection_agrees_with_networkx_on_davis():
    b = nx.davis_southern_women_graph()
    women = [v for v, d in b.nodes(data=True) if d["bipartite"] == 0]
    for ours, theirs in (
        (V.project(b), nx.bipartite.weighted_projected_graph(b, women)),
        (V.project(b, weighting="newman"), nx.bipartite.collaboration_weighted_projected_graph(b, women)),
    ):
        g = ours.to_networkx()
        assert {frozenset(e) for e in g.edges()} == {frozenset(e) for e in theirs.edges()}
        for u, v, d in theirs.edges(data=True):
            assert g[u][v]["weight"] == pytest.approx(d["weight"], abs=1e-12)


def test_project_incidence_options():
    net = V.project_incidence(
        ["x", "y", "z"],
        np.array([0, 1, 0, 1, 2]),
        np.array([0, 0, 1, 1, 1]),
        item_years=np.array([2000.0, np.nan]),
        half_life=1,
    )
    # undated item counts fully; the 2000 item is the reference year itself
    assert net.matrix().toarray()[0, 1] == pytest.approx(2.0)
    for bad in ({"weighting": "jaccard"}, {"half_life": -1}):
        with pytest.raises(ValueError):
            V.project_incidence(["x"], np.array([0]), np.array([0]), item_years=np.array([2000.0]), **bad)
