"""The pairs the learned default learns from (graph.suggest.sampling):
known answers on hand-drawn graphs, and importance weights that stand for the
uniform population of untied pairs."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from graph.suggest.sampling import NegativeDraw, draw_negatives, sample_near_pairs, sample_pairs
from tests.support.suggest import SMALL, graph

#: a square a-b-c-d-a with e hanging on a: (a, c) and (b, d) have two shared
#: partners, (b, e) and (d, e) one, (c, e) none; 6 open wedges in all.
SQUARE = {f"E{i}": (2018.0, list(pair)) for i, pair in enumerate(["ab", "bc", "cd", "da", "ae"])}


def names(g, u, v):
    return [tuple(sorted((g.actors[a], g.actors[b]))) for a, b in zip(u, v, strict=True)]


def test_sample_pairs_respects_exclusions():
    g = graph(SMALL)
    rng = np.random.default_rng(0)
    u, v = sample_pairs(np.arange(g.n), 100, rng, exclude=g.adjacency)
    assert len(u) == 10 - 5  # five untied pairs among five actors
    assert not g.tied(u, v).any() and (u < v).all()
    need = np.zeros(g.n, bool)
    need[g.index["e"]] = True
    u, v = sample_pairs(np.arange(g.n), 100, rng, exclude=g.adjacency, need=need)
    assert all(g.actors[a] == "e" or g.actors[b] == "e" for a, b in zip(u, v, strict=True))


def test_near_pairs_are_drawn_in_proportion_to_their_shared_partners():
    g = graph(SQUARE)
    u, v, open_wedges = sample_near_pairs(g.adjacency, 60_000, np.random.default_rng(1), exclude=g.adjacency)
    assert len(u) == 60_000 and (u < v).all() and not g.tied(u, v).any()
    share = {pair: n / len(u) for pair, n in Counter(names(g, u, v)).items()}
    # (c, e) has no shared partner and is never drawn
    assert set(share) == {("a", "c"), ("b", "d"), ("b", "e"), ("d", "e")}
    assert share[("a", "c")] == pytest.approx(1 / 3, abs=0.01)
    assert share[("b", "d")] == pytest.approx(1 / 3, abs=0.01)
    assert share[("b", "e")] == pytest.approx(1 / 6, abs=0.01)
    # wedges: at a {b, d, e} three, at b, c and d one each; all six are open
    assert open_wedges == pytest.approx(6, rel=0.01)


def test_closed_wedges_are_drawn_again_and_counted_out():
    g = graph(SMALL)  # a-b-c triangle, c-d, d-e: 6 wedges, 3 of them open
    u, v, open_wedges = sample_near_pairs(g.adjacency, 30_000, np.random.default_rng(2), exclude=g.adjacency)
    assert set(names(g, u, v)) == {("a", "d"), ("b", "d"), ("c", "e")}
    assert open_wedges == pytest.approx(3, rel=0.03)


def test_no_wedges_no_pairs():
    g = graph({"E1": (2018.0, ["a", "b"]), "E2": (2018.0, ["c", "d"])})
    u, v, open_wedges = sample_near_pairs(g.adjacency, 10, np.random.default_rng(0), exclude=g.adjacency)
    assert len(u) == 0 and open_wedges == 0


def test_weights_are_the_inverse_of_how_often_the_two_draws_take_a_pair():
    """5 uniform draws among 5 untied pairs and 6 near draws among 6 open
    wedges: a pair with two shared partners is expected 1 + 2 = 3 times, one
    with one 2 times, one with none once; weights 1/3, 1/2, 1, scaled to mean 1."""
    draw = NegativeDraw(u=np.zeros(3), v=np.ones(3), uniform=5, near=6, untied=5, open_wedges=6)
    w = draw.weights(np.array([2, 1, 0]))
    raw = np.array([1 / 3, 1 / 2, 1])
    np.testing.assert_allclose(w, raw / raw.mean())
    # without near draws every pair weighs the same
    flat = NegativeDraw(u=np.zeros(3), v=np.ones(3), uniform=5, near=0, untied=5, open_wedges=6)
    np.testing.assert_allclose(flat.weights(np.array([2, 1, 0])), 1.0)


def test_weighted_negatives_stand_for_all_untied_pairs():
    """On a clustered graph, the weighted share of pairs with a shared partner
    and their weighted mean number of shared partners agree with the exact
    figures over every untied pair, while the drawn pairs themselves have
    far more shared partners."""
    g = nx.powerlaw_cluster_graph(400, 3, 0.3, seed=1)
    a = sp.csr_matrix(nx.to_scipy_sparse_array(g, format="csr", dtype=float))
    a.data[:] = 1
    shared = (a @ a).toarray()
    iu, iv = np.triu_indices(a.shape[0], 1)
    untied = np.asarray(a[iu, iv]).ravel() == 0
    exact = shared[iu[untied], iv[untied]]
    rng = np.random.default_rng(0)
    mean, share, raw = [], [], []
    for _ in range(10):
        d = draw_negatives(a, np.arange(a.shape[0]), 4000, rng, exclude=a, near=0.5, untied=float(untied.sum()))
        assert d.uniform == d.near == 2000
        c = shared[d.u, d.v]
        w = d.weights(c)
        mean.append(np.mean(w * c))
        share.append(np.mean(w * (c > 0)))
        raw.append(np.mean(c > 0))
    assert np.mean(mean) == pytest.approx(exact.mean(), rel=0.03)
    assert np.mean(share) == pytest.approx(np.mean(exact > 0), rel=0.03)
    assert np.mean(raw) > 3 * np.mean(exact > 0)


def test_no_near_share_is_the_uniform_draw():
    g = graph(SQUARE)
    pool = np.arange(g.n)
    d = draw_negatives(g.adjacency, pool, 3, np.random.default_rng(5), exclude=g.adjacency, near=0.0, untied=5)
    u, v = sample_pairs(pool, 3, np.random.default_rng(5), exclude=g.adjacency)
    np.testing.assert_array_equal(d.u, u)
    np.testing.assert_array_equal(d.v, v)
    assert d.near == 0 and d.uniform == 3
