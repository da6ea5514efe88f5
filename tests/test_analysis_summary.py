"""Graph-level summary and the whole suite on the classic networks."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analysis import border
from graph.analysis.suite import METRIC_COLUMNS, MetricParams, compute_metrics
from graph.analysis.summary import diameter, summary
from graph.errors import AnalysisError
from tests.support.analysis import CLASSIC, random_graph
from tests.support.graphs import five


@pytest.mark.parametrize("seed", range(15))
def test_diameter_agrees_with_networkx(seed):
    g = nx.connected_watts_strogatz_graph(60 + seed * 7, 4, 0.1 * (seed % 5), seed=seed)
    assert diameter(g) == nx.diameter(g)


def test_diameter_of_the_largest_component():
    g = nx.disjoint_union(nx.path_graph(6), nx.path_graph(3))
    assert diameter(g) == 5
    assert diameter(nx.empty_graph(3)) == 0


@pytest.mark.parametrize("name", list(CLASSIC))
def test_summary_agrees_with_networkx(name):
    g = CLASSIC[name]()
    s = summary(g, "group")
    assert s["nodes"] == g.number_of_nodes() and s["ties"] == g.number_of_edges()
    assert s["density"] == pytest.approx(nx.density(g))
    assert s["components"] == nx.number_connected_components(g)
    assert s["diameter"] == nx.diameter(g)
    assert s["average_clustering"] == pytest.approx(nx.average_clustering(g), abs=1e-12)
    assert s["transitivity"] == pytest.approx(nx.transitivity(g), abs=1e-12)
    assert s["assortativity"] == pytest.approx(nx.attribute_assortativity_coefficient(g, "group"), abs=1e-9)
    crossing = sum(1 for u, v in g.edges() if g.nodes[u]["group"] != g.nodes[v]["group"])
    assert s["cross_border_ties"] == crossing


def test_summary_by_hand():
    s = summary(five(), "country")
    assert s == {
        "nodes": 5,
        "ties": 5,
        "density": 0.5,
        "isolates": 0,
        "components": 1,
        "largest_component": 5,
        "diameter": 3,
        "average_clustering": pytest.approx((1 + 1 + 1 / 3) / 5),
        "transitivity": pytest.approx(3 / 6),  # one triangle, six two-paths
        "groups": 3,
        "nodes_without_group": 0,
        "cross_border_ties": 3,
        "within_group_ties": 2,
        "cross_border_share": 0.6,
        "ei_index": pytest.approx(0.2),
        "expected_ei_index": pytest.approx(0.6),
        "assortativity": pytest.approx(nx.attribute_assortativity_coefficient(five(), "country")),
    }


@pytest.mark.parametrize("name", list(CLASSIC))
def test_suite_table_matches_the_single_functions(name):
    g = CLASSIC[name]()
    r = compute_metrics(g, MetricParams(group_attr="group", seed=3))
    t = r.table.set_index("id")
    assert list(r.table.columns[: len(METRIC_COLUMNS) + 1]) == ["id", *METRIC_COLUMNS]
    assert len(t) == len(g)
    bc = nx.betweenness_centrality(g)
    pr = nx.pagerank(g)
    con = nx.constraint(g, weight="weight")
    ei = border.ei_index(g, "group")
    for v in g:
        assert t.loc[v, "degree"] == g.degree(v)
        assert t.loc[v, "betweenness"] == pytest.approx(bc[v], abs=1e-9)
        assert t.loc[v, "pagerank"] == pytest.approx(pr[v], abs=1e-9)
        assert t.loc[v, "constraint"] == pytest.approx(con[v], abs=1e-9)
        assert t.loc[v, "ei_index"] == pytest.approx(ei[v], nan_ok=True)
    assert r.parameters["betweenness_method"] == "exact" and r.parameters["pivots_used"] is None
    assert set(r.timings) >= {"betweenness", "communities", "brokerage", "summary"}
    assert r.summary["modularity"] == pytest.approx(
        nx.community.modularity(g, [set(t.index[t["community"] == c]) for c in set(t["community"])]), abs=1e-9
    )
    assert compute_metrics(g, MetricParams(group_attr="group", seed=3)).table.equals(r.table)


def test_suite_samples_above_the_threshold():
    g = random_graph(1, n=120, p=0.05)
    r = compute_metrics(g, MetricParams(group_attr="group", exact_max_nodes=100, pivots=30, seed=2))
    assert r.parameters["pivots_used"] == 30
    assert 0 < r.parameters["betweenness_error_bound"] < 1
    bc = nx.betweenness_centrality(g, k=30, seed=2)
    t = r.table.set_index("id")
    assert all(t.loc[v, "betweenness"] == pytest.approx(bc[v], abs=1e-9) for v in g)


def test_suite_progress_and_directed_brokerage():
    g = nx.DiGraph([("p", "b"), ("b", "q")])
    nx.set_node_attributes(g, {"p": "X", "b": "Y", "q": "Z"}, "group")
    steps = []
    r = compute_metrics(g, MetricParams(group_attr="group"), on_progress=lambda s, i, n: steps.append(s))
    assert steps[-1] == "done" and "brokerage" in steps
    t = r.table.set_index("id")
    assert t.loc["b", "brokerage_liaison"] == 1  # p -> b -> q only, not q -> b -> p
    assert r.parameters["directed_input"] is True


def test_suite_needs_the_group_attribute():
    with pytest.raises(AnalysisError) as err:
        compute_metrics(nx.path_graph(3), MetricParams(group_attr="country"))
    assert err.value.parameter == "group_attr"


def test_suite_on_a_graph_without_ties():
    g = nx.empty_graph(3)
    nx.set_node_attributes(g, "X", "group")
    r = compute_metrics(g, MetricParams(group_attr="group"))
    assert (r.table["degree"] == 0).all()
    assert math.isnan(r.summary["modularity"])
