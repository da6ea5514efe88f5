"""Communities: reproducible per seed, modularity as networkx computes it."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.communities import communities, community_labels, modularity
from tests.support.analysis import CLASSIC, karate


@pytest.mark.parametrize("method", ["leiden", "louvain"])
@pytest.mark.parametrize("name", list(CLASSIC))
def test_same_seed_same_partition_and_modularity_agrees(method, name):
    g = CLASSIC[name]()
    first = community_labels(g, method=method, seed=7)
    assert community_labels(g, method=method, seed=7) == first
    blocks = communities(g, method=method, seed=7)
    assert set().union(*blocks) == set(g)
    assert modularity(g, first) == pytest.approx(nx.community.modularity(g, blocks), abs=1e-9)
    assert modularity(g, blocks, weight=None) == pytest.approx(
        nx.community.modularity(g, blocks, weight=None), abs=1e-9
    )


def test_labels_are_ordered_by_size():
    g = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(3))
    labels = community_labels(g, seed=1)
    assert [labels[v] for v in range(8)] == [0] * 5 + [1] * 3


def test_karate_finds_a_good_partition():
    g = karate()
    q = modularity(g, community_labels(g, weight=None, seed=1), weight=None)
    # the best known modularity of the unweighted karate club is 0.4198
    assert 0.40 <= q <= 0.4198 + 1e-9


def test_resolution_matches_networkx():
    g = karate()
    blocks = communities(g, seed=3, resolution=0.5)
    assert modularity(g, blocks, resolution=0.5) == pytest.approx(
        nx.community.modularity(g, blocks, resolution=0.5), abs=1e-9
    )


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda g: community_labels(g, method="walktrap"), ValueError),
        (lambda g: modularity(g, [{0, 1}]), ValueError),
    ],
)
def test_errors(call, error):
    with pytest.raises(error):
        call(nx.path_graph(4))
