"""The forum composer's brokers: betweenness in igraph from networkx's pivots equals networkx's estimate."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graph.suggest.collab import CollabGraph, _csr
from graph.suggest.forum import broker_scores


def random_collab(n_actors: int, n_events: int, seed: int) -> CollabGraph:
    rng = np.random.default_rng(seed)
    rows, cols = [], []
    for e in range(n_events):
        members = rng.choice(n_actors, size=int(rng.integers(2, 5)), replace=False)
        rows += members.tolist()
        cols += [e] * len(members)
    return CollabGraph(
        actors=np.array([f"a{i:03d}" for i in range(n_actors)], dtype=object),
        incidence=_csr(rows, cols, (n_actors, n_events)),
        activity_ids=np.array([f"e{j}" for j in range(n_events)], dtype=object),
        activity_time=np.full(n_events, 2019.0),
    )


@pytest.mark.parametrize("samples", [1000, 25])  # exact (fewer actors than samples), and estimated from 25 pivots
def test_brokers_equal_networkx_betweenness_scaled_to_one(samples):
    cg = random_collab(120, 150, seed=3)
    g = cg.to_networkx()
    bc = nx.betweenness_centrality(g, k=None if cg.n <= samples else samples, seed=0, normalized=True)
    expected = np.array([bc[a] for a in cg.actors])
    expected /= expected.max()
    assert broker_scores(cg, samples=samples) == pytest.approx(expected, abs=1e-12)


def test_brokers_are_computed_once_per_graph():
    cg = random_collab(40, 30, seed=1)
    assert broker_scores(cg) is broker_scores(cg)
