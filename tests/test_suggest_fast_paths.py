"""The shortcuts that make one actor's suggestions fast give the same answers
as the plain computations: reasons for many partners at once, the two ways
of reading pair sums, the breadth-first candidate search, the partial sort
of the pruning and single-threaded tree predictions."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import graph.suggest.features as features
from graph.suggest.candidates import _best, candidates
from graph.suggest.features import pair_features
from graph.suggest.models import ONE_THREAD_ROWS, CalibratedModel, logit, sigmoid, threadpools, threads_for
from graph.suggest.reasons import reasons, reasons_for
from tests.support.suggest import graph, random_events

#: u works with p1 (three partners) and the hub p2 (six); v1 shares both,
#: v2 only the hub, v3 is three steps away (u - p1 - q - v3).
AROUND_U = {
    "E1": (2018.0, ["u", "p1"]),
    "E2": (2019.0, ["u", "p2"]),
    "E3": (2017.0, ["p1", "v1"]),
    "E4": (2020.0, ["p2", "v1", "v2"]),
    "E5": (2016.0, ["p1", "q"]),
    "E6": (2015.0, ["q", "v3"]),
    "E7": (2014.0, ["p2", "h1", "h2", "h3"]),
}


def test_reasons_for_many_partners_equal_reasons_one_by_one():
    cg = graph(AROUND_U)
    u, v1, v2, v3 = (cg.index[x] for x in ("u", "v1", "v2", "v3"))
    together = reasons_for(cg, u, [v1, v2, v3])
    assert together == [reasons(cg, u, v) for v in (v1, v2, v3)]

    first, second, third = together
    assert [r.text for r in first] == [
        "2 shared partners: p1 and p2",  # the more specific partner first
        "Their shared partners were last active together in 2020",
    ]
    assert [e.label for e in first[0].evidence] == [
        "u – p1: E1 (2018)",
        "p1 – v1: E3 (2017)",
        "u – p2: E2 (2019)",
        "p2 – v1: E4 (2020)",
    ]
    # the link u - p2 is worked out once and told the same way for v2
    assert [e.label for e in second[0].evidence] == ["u – p2: E2 (2019)", "p2 – v2: E4 (2020)"]
    assert [r.text for r in third] == ["Connected in three steps: u – p1 – q – v3"]
    assert [e.label for e in third[0].evidence] == ["u – p1: E1 (2018)", "p1 – q: E5 (2016)", "q – v3: E6 (2015)"]


@pytest.fixture
def gather_calls(monkeypatch):
    """Counts how often pair sums were read by gathering the targets' rows."""
    calls = []
    original = features._gathered

    def spy(*args):
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(features, "_gathered", spy)
    return calls


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pair_sums_read_either_way_equal_the_pairwise_ones(seed, gather_calls):
    cg = graph(random_events(seed, actors=60, events=120, max_size=8))
    busy = np.argsort(-cg.degree, kind="stable")
    sources = busy[:3]
    # few targets each (gathering is cheaper) and every actor (spreading is)
    few_u = np.repeat(sources, 4)
    few_v = np.concatenate([busy[-4:], busy[5:9], busy[10:14]])
    all_u = np.full(cg.n - 1, busy[0])
    all_v = np.array([i for i in range(cg.n) if i != busy[0]])
    for u, v in ((few_u, few_v), (all_u, all_v)):
        names, by_pairs = pair_features(cg, u, v)
        again, by_source = pair_features(cg, u, v, by_source=True)
        assert again == names
        np.testing.assert_allclose(np.nan_to_num(by_source), np.nan_to_num(by_pairs), rtol=1e-12, atol=1e-12)
    assert gather_calls, "no pair sum was read by gathering"


@pytest.mark.parametrize("seed", [0, 1])
def test_walks_of_three_steps_equal_matrix_powers_in_any_block(seed):
    """Two-step rows made dense per block of sources and read at the targets'
    partners give (A W A W A)[u, v], with repeated pairs, both orders of a pair
    and blocks of one, two and all sources."""
    cg = graph(random_events(seed, actors=50, events=90, max_size=6))
    a = cg.adjacency
    rng = np.random.default_rng(seed)
    weights = rng.random(cg.n)
    dense = a.toarray()
    w = np.diag(weights)
    expected_plain = dense @ dense @ dense
    expected_weighted = dense @ w @ dense @ w @ dense
    u = rng.integers(0, cg.n, 400)
    v = rng.integers(0, cg.n, 400)
    u, v = np.r_[u, v[:50]], np.r_[v, u[:50]]
    for block in (1, 2, 256):
        np.testing.assert_allclose(features.paths3(a, u, v, block=block), expected_plain[u, v], rtol=1e-12)
        got = features.paths3(a, u, v, weights=weights, block=block)
        np.testing.assert_allclose(got, expected_weighted[u, v], rtol=1e-12, atol=1e-12)
    assert features.paths3(a, u[:0], v[:0]).shape == (0,)


@pytest.mark.parametrize("seed", [0, 3, 4])
def test_candidate_steps_are_shortest_path_lengths(seed):
    cg = graph(random_events(seed, actors=80, events=70, max_size=4))
    g = cg.to_networkx()
    for s in range(0, cg.n, 7):
        c = candidates(cg, s, context=False)
        lengths = nx.single_source_shortest_path_length(g, cg.actors[s], cutoff=3)
        expected = {cg.index[a]: d for a, d in lengths.items() if d >= 2}
        assert dict(zip(c.targets.tolist(), c.steps.tolist())) == expected


def test_best_is_the_head_of_a_stable_sort():
    rng = np.random.default_rng(0)
    for trial in range(500):
        n = int(rng.integers(0, 40))
        values = rng.integers(0, 4, n).astype(float) if trial % 2 else rng.random(n)
        if trial % 5 == 0 and n:
            values[rng.integers(0, n)] = np.nan
        k = int(rng.integers(0, 45))
        np.testing.assert_array_equal(_best(values, k), np.sort(np.argsort(-values, kind="stable")[:k]))


def _openmp_threads() -> set[int]:
    return {p["num_threads"] for p in threadpools().info() if p["user_api"] == "openmp"}


def test_small_tree_predictions_run_on_one_thread_with_the_same_values():
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(2000, 5))
    x[rng.random(x.shape) < 0.05] = np.nan
    y = (np.nan_to_num(x[:, 0]) + rng.normal(size=2000) > 0).astype(float)
    est = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    expected = sigmoid(0.9 * logit(est.predict_proba(x[:300])[:, 1]) - 0.2)  # default threads

    before = _openmp_threads()
    with threads_for(300):
        assert _openmp_threads() <= {1}
    assert _openmp_threads() == before
    with threads_for(ONE_THREAD_ROWS + 1):
        assert _openmp_threads() == before
    np.testing.assert_array_equal(CalibratedModel(est, "trees", a=0.9, b=-0.2).proba(x[:300]), expected)
