"""Centrality: known answers on tiny graphs and agreement with networkx to 1e-9."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analysis import centrality as C
from graph.analysis.network import as_network
from tests.support.analysis import CLASSIC, random_graph
from tests.support.graphs import assert_agree


@pytest.fixture(params=[*CLASSIC, "random-1", "random-2"])
def graph(request) -> nx.Graph:
    if request.param.startswith("random"):
        g = random_graph(int(request.param[-1]))
        g.add_node("isolate", group="A")
        return g
    return CLASSIC[request.param]()


# -- known answers ---------------------------------------------------------------


def test_path_known_answers():
    g = nx.path_graph(5)  # 0-1-2-3-4
    assert C.degree(g) == {0: 1, 1: 2, 2: 2, 3: 2, 4: 1}
    # node 2 lies on the 4 shortest paths 0-3, 0-4, 1-3, 1-4: 4 unordered pairs of (n-1)(n-2)/2 = 6
    assert C.betweenness(g)[2] == pytest.approx(4 / 6)
    assert C.betweenness(g, normalized=False) == pytest.approx({0: 0, 1: 3, 2: 4, 3: 3, 4: 0})
    # node 0: distances 1+2+3+4 = 10 to 4 others
    assert C.closeness(g)[0] == pytest.approx(4 / 10)
    assert C.clustering(g) == {0: 0, 1: 0, 2: 0, 3: 0, 4: 0}
    assert C.core_number(g) == dict.fromkeys(range(5), 1)


def test_star_and_triangle_known_answers():
    star = nx.star_graph(4)  # centre 0
    assert C.betweenness(star)[0] == pytest.approx(1.0)
    assert C.closeness(star)[0] == pytest.approx(1.0)
    tri = nx.complete_graph(3)
    assert C.clustering(tri) == pytest.approx({0: 1, 1: 1, 2: 1})
    assert C.eigenvector(tri) == pytest.approx(dict.fromkeys(range(3), 1 / math.sqrt(3)))
    assert C.pagerank(tri) == pytest.approx(dict.fromkeys(range(3), 1 / 3))
    assert C.core_number(tri) == dict.fromkeys(range(3), 2)


def test_weighted_degree_and_disconnected_closeness():
    g = nx.Graph([(0, 1, {"weight": 2.5}), (1, 2, {"weight": 1})])
    g.add_edge(3, 4)
    assert C.degree(g, weight="weight") == {0: 2.5, 1: 3.5, 2: 1, 3: 1, 4: 1}
    # 3 reaches one node at distance 1: (1/1) * (1/4) with Wasserman-Faust's correction
    assert C.closeness(g)[3] == pytest.approx(0.25)
    assert C.closeness(g, wf_improved=False)[3] == pytest.approx(1.0)


# -- agreement with networkx -------------------------------------------------------


def test_betweenness_agrees(graph):
    assert_agree(C.betweenness(graph), nx.betweenness_centrality(graph))
    assert_agree(C.betweenness(graph, normalized=False), nx.betweenness_centrality(graph, normalized=False))
    assert_agree(C.betweenness(graph, weight="weight"), nx.betweenness_centrality(graph, weight="weight"))


@pytest.mark.parametrize("k", [2, 7, 15])
def test_sampled_betweenness_is_networkx_sampled(graph, k):
    for seed in (0, 11):
        assert_agree(C.betweenness(graph, k=k, seed=seed), nx.betweenness_centrality(graph, k=k, seed=seed))


def test_closeness_agrees(graph):
    assert_agree(C.closeness(graph), nx.closeness_centrality(graph))
    assert_agree(C.closeness(graph, wf_improved=False), nx.closeness_centrality(graph, wf_improved=False))
    # as many pivots as nodes: every component is computed exactly
    assert_agree(C.closeness(graph, k=len(graph), seed=3), nx.closeness_centrality(graph))


def test_eigenvector_agrees_on_connected(graph):
    lcc = graph.subgraph(max(nx.connected_components(graph), key=len)).copy()
    assert_agree(C.eigenvector(lcc), nx.eigenvector_centrality_numpy(lcc))
    assert_agree(C.eigenvector(lcc, weight="weight"), nx.eigenvector_centrality_numpy(lcc, weight="weight"))


@pytest.mark.parametrize("n", [20, 200])  # the dense and the sparse solver
def test_eigenvector_is_exactly_zero_off_the_leading_component(n):
    """A clique beside smaller components: the nodes off the clique score exactly 0, never the
    solver's 1e-16 noise or a negative value; the clique agrees with networkx."""
    g = nx.complete_graph(10)
    g.add_edges_from((i, i + 1) for i in range(10, n - 1))  # a path: a smaller eigenvalue
    scores = C.eigenvector(g)
    off = [scores[v] for v in g if v >= 10]
    assert off and all(x == 0.0 for x in off)
    assert min(scores.values()) >= 0.0
    clique = g.subgraph(range(10))
    assert_agree({v: scores[v] for v in clique}, nx.eigenvector_centrality_numpy(clique))


def test_eigenvector_on_a_large_graph_uses_the_sparse_solver():
    g = nx.barabasi_albert_graph(300, 3, seed=4)
    assert_agree(C.eigenvector(g), nx.eigenvector_centrality_numpy(g))


def test_pagerank_clustering_core_agree(graph):
    assert_agree(C.pagerank(graph), nx.pagerank(graph))
    assert_agree(C.pagerank(graph, alpha=0.7, weight=None), nx.pagerank(graph, alpha=0.7, weight=None))
    assert_agree(C.clustering(graph), nx.clustering(graph))
    assert_agree(C.clustering(graph, weight="weight"), nx.clustering(graph, weight="weight"))
    assert C.core_number(graph) == nx.core_number(graph)
    assert C.degree(graph) == dict(graph.degree())
    assert_agree(C.degree(graph, weight="weight"), dict(graph.degree(weight="weight")))


def test_pagerank_raises_like_networkx_when_not_converged():
    with pytest.raises(nx.PowerIterationFailedConvergence):
        C.pagerank(nx.karate_club_graph(), max_iter=2)


def test_network_input_gives_the_same_values():
    g = random_graph(5)
    net = as_network(g)
    assert C.betweenness(net) == C.betweenness(g)
    assert C.pagerank(net) == C.pagerank(g)


# -- sampling error bounds ---------------------------------------------------------


def test_pivot_counts_and_bounds():
    k = C.pivots_for(10_000, 0.05, 0.1)
    assert k == math.ceil(math.log(2 * 10_000 / 0.1) / (2 * 0.05**2))
    assert C.pivot_error(10_000, k, 0.1) <= 0.05
    assert C.pivots_for(50, 0.01) == 50  # capped at n
    assert C.pivot_error(50, 50) == 0.0
    with pytest.raises(ValueError):
        C.pivots_for(100, 0.0)


def test_sampled_estimates_stay_within_their_bounds():
    g = nx.barabasi_albert_graph(400, 2, seed=7)
    k = 120
    bound = C.pivot_error(len(g), k, 0.1)
    exact_b = C.betweenness(g)
    est_b = C.betweenness(g, k=k, seed=1)
    assert max(abs(est_b[v] - exact_b[v]) for v in g) <= bound
    exact_c = nx.closeness_centrality(g)
    est_c = C.closeness(g, k=k, seed=1)
    # mean distance within epsilon * diameter
    diam = nx.diameter(g)
    for v in g:
        assert abs(1 / est_c[v] - 1 / exact_c[v]) <= C.pivot_error(len(g), k, 0.1) * diam


def test_sampling_is_reproducible():
    g = nx.barabasi_albert_graph(200, 2, seed=1)
    assert C.closeness(g, k=20, seed=5) == C.closeness(g, k=20, seed=5)
    assert C.betweenness(g, k=20, seed=5) == C.betweenness(g, k=20, seed=5)


@pytest.mark.parametrize("call", [lambda g: C.betweenness(g, k=0), lambda g: C.closeness(g, k=1)])
def test_bad_sample_sizes_raise(call):
    with pytest.raises(ValueError):
        call(nx.path_graph(4))


def test_empty_graph():
    g = nx.Graph()
    assert C.betweenness(g) == {} and C.closeness(g) == {} and C.pagerank(g) == {}
    with pytest.raises(ValueError):
        C.eigenvector(g)
