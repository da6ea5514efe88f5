"""Scorers: known answers on a hand-drawn graph, agreement with networkx."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from graph.suggest import SCORERS, get_scorer, heuristic_names
from graph.suggest.features import paths3
from tests.support.suggest import SMALL, graph, random_events


@pytest.fixture
def small():
    return graph(SMALL, before=2020.0)


def pair(cg, a, b):
    return np.array([cg.index[a]]), np.array([cg.index[b]])


@pytest.mark.parametrize(
    ("name", "a", "b", "expected"),
    [
        ("common_neighbours", "a", "d", 1.0),
        ("common_neighbours", "a", "e", 0.0),
        ("jaccard", "a", "d", 1 / 3),
        ("jaccard", "c", "e", 1 / 3),
        ("adamic_adar", "a", "d", 1 / math.log(3)),
        ("adamic_adar", "c", "e", 1 / math.log(2)),
        ("resource_allocation", "a", "d", 1 / 3),
        ("resource_allocation", "c", "e", 1 / 2),
        ("preferential_attachment", "a", "d", 4.0),
        ("preferential_attachment", "c", "e", 3.0),
        # a and b share two activities: M[a,b] = 2, so (M^3)[a,d] = M[a,b] M[b,c] M[c,d] = 2
        ("katz", "a", "d", 0.05**2 * 1 + 0.05**3 * 2),
        # a-c via E1 (2018, age 2 years), c-d via E2 (2019, age 1 year); TAU = 2 years
        ("recency", "a", "d", math.exp(-2 / 2) * math.exp(-1 / 2)),
    ],
)
def test_known_answers(small, name, a, b, expected):
    got = get_scorer(name).score(small, *pair(small, a, b))
    assert got[0] == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_walks_of_length_three(small):
    # a-c-d-e is the only walk of length three from a to e
    assert paths3(small.adjacency, *pair(small, "a", "e"))[0] == 1.0


def test_scores_are_symmetric(small):
    u, v = pair(small, "a", "d")
    for name in heuristic_names():
        s = get_scorer(name)
        assert s.score(small, u, v)[0] == pytest.approx(s.score(small, v, u)[0], rel=1e-12)


def test_attribute_similarity_counts_equal_known_attributes():
    cg = graph(
        SMALL,
        before=2020.0,
        attributes={"country": {"a": "DE", "d": "DE", "e": "FR"}, "type": {"a": "NGO", "d": "PUB"}},
    )
    s = get_scorer("attribute_similarity")
    assert s.score(cg, *pair(cg, "a", "d"))[0] == 0.5  # same country, other type
    assert s.score(cg, *pair(cg, "a", "e"))[0] == 0.0  # type unknown for e; other country
    assert s.score(cg, *pair(cg, "b", "c"))[0] == 0.0  # nothing known


def test_registry_rejects_unknown_and_duplicate_names():
    with pytest.raises(KeyError):
        get_scorer("no-such-scorer")
    from graph.suggest.scorers import register

    with pytest.raises(ValueError):
        register(SCORERS["jaccard"])


NX_FUNCTIONS = {
    "jaccard": nx.jaccard_coefficient,
    "adamic_adar": nx.adamic_adar_index,
    "resource_allocation": nx.resource_allocation_index,
    "preferential_attachment": nx.preferential_attachment,
}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("name", [*NX_FUNCTIONS, "common_neighbours"])
def test_agrees_with_networkx(seed, name):
    cg = graph(random_events(seed))
    g = cg.to_networkx()
    non_edges = list(nx.non_edges(g))
    u = cg.ids(a for a, _ in non_edges)
    v = cg.ids(b for _, b in non_edges)
    ours = get_scorer(name).score(cg, u, v)
    if name == "common_neighbours":
        theirs = np.array([len(list(nx.common_neighbors(g, a, b))) for a, b in non_edges], dtype=float)
    else:
        theirs = np.array([p for _, _, p in NX_FUNCTIONS[name](g, non_edges)], dtype=float)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "name", ["common_neighbours", "jaccard", "adamic_adar", "resource_allocation", "katz", "recency"]
)
def test_row_form_equals_pair_form(name):
    """One actor against every other: the grouped (row) path gives the pair values."""
    cg = graph(random_events(5, actors=60, events=90))
    s = get_scorer(name)
    src = int(np.argmax(cg.degree))
    others = np.array([i for i in range(cg.n) if i != src])
    grouped = s.score(cg, np.full(len(others), src), others)  # many pairs, one source: row form
    one_by_one = np.concatenate([s.score(cg, np.array([src]), np.array([t])) for t in others])
    np.testing.assert_allclose(grouped, one_by_one, rtol=1e-12, atol=1e-15)


def test_katz_matches_matrix_powers():
    cg = graph(random_events(3))
    m = cg.shared.toarray()
    beta = 0.05
    expected = beta * m + beta**2 * m @ m + beta**3 * m @ m @ m
    iu, iv = np.triu_indices(cg.n, 1)
    np.testing.assert_allclose(
        get_scorer("katz", beta=beta).score(cg, iu, iv), expected[iu, iv], rtol=1e-12, atol=1e-15
    )
