"""The evaluation protocol on a tiny table worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from graph.suggest import get_scorer
from graph.suggest.calibration import calibration, reliability
from graph.suggest.evaluate import (
    auc,
    average_precision,
    evaluate,
    hits_at_k,
    reciprocal_rank,
    score_pairs,
    temporal_split,
)
from graph.suggest.scorers import Scorer
from tests.support.graphs import TINY
from tests.support.suggest import table


def test_hits_counts_ties_with_the_kth_negative_as_misses():
    pos = np.array([3.0, 2.0, 1.0])
    neg = np.array([2.5, 2.0, 0.5, 0.0])
    assert hits_at_k(pos, neg, 1) == pytest.approx(1 / 3)
    assert hits_at_k(pos, neg, 2) == pytest.approx(1 / 3)  # 2.0 ties the 2nd negative: a miss
    assert hits_at_k(pos, neg, 3) == 1.0
    assert hits_at_k(pos, neg, 10) == 1.0  # fewer negatives than K


def test_auc_counts_ties_as_half():
    # 3 beats all four; 2 beats two and ties one; 1 beats two: (4 + 2.5 + 2) / 12
    assert auc(np.array([3.0, 2.0, 1.0]), np.array([2.5, 2.0, 0.5, 0.0])) == pytest.approx(8.5 / 12)


def test_average_precision_by_hand():
    # ranking: pos, neg, pos -> precisions 1 and 2/3 at the two positives
    assert average_precision(np.array([3.0, 1.0]), np.array([2.0])) == pytest.approx((1 + 2 / 3) / 2)


def test_reciprocal_rank_is_pessimistic_about_ties():
    scores = np.array([1.0, 1.0, 0.0])
    assert reciprocal_rank(scores, np.array([True, False, False])) == 0.5


def test_split_by_hand():
    split = temporal_split(table(TINY), 2019, negatives=100_000, seed=0)
    g = split.graph

    def name(pairs):
        return sorted(tuple(sorted((g.actors[a], g.actors[b]))) for a, b in zip(*pairs))

    assert name(split.positives) == [("A", "D"), ("D", "E")]
    assert name(split.cold_positives) == [("A", "G")]
    # every pair of known actors (A..F) tied neither before nor after the cut: 15 - 5 - 2
    assert name(split.negatives) == [
        ("A", "E"),
        ("A", "F"),
        ("B", "D"),
        ("B", "E"),
        ("B", "F"),
        ("C", "E"),
        ("C", "F"),
        ("D", "F"),
    ]
    # G ties A from 2020 on: a positive, never a negative
    assert name(split.cold_negatives) == [(x, "G") for x in "BCDEF"]
    assert sorted(g.actors[split.rank_sources]) == ["A", "D", "E"]


def test_evaluate_common_neighbours_by_hand():
    split = temporal_split(table(TINY), 2019, negatives=100_000, seed=0)
    (result,) = evaluate(split, [get_scorer("common_neighbours")], ks=(1, 3))
    # positives A-D (shared partner C) and D-E (none); negatives: B-D scores 1, the other seven 0
    assert result.hits == {1: 0.0, 3: 0.5}
    # A-D beats seven and ties B-D (7.5); D-E ties seven (3.5)
    assert result.auc == pytest.approx(11 / 16)
    # per actor: A ranks D first; D ranks A level with B (1/2); E has D behind A, B, C level at 0 (1/4)
    assert result.mrr == pytest.approx((1 + 1 / 2 + 1 / 4) / 3)
    assert result.hits10 == 1.0
    assert result.cold_auc == 0.5  # no partners, no signal


@pytest.mark.parametrize("actors", [60, 3100])  # all pairs enumerated; pairs drawn with rejection
def test_no_negative_ties_before_or_after_the_cut(actors):
    """Half the actors meet at one event after the cut, so a draw that ignored the future
    would take about a quarter of its negatives among the positives."""
    events = {f"H{i}": (2010.0, [f"a{i}", f"a{i + 1}"]) for i in range(actors - 1)}
    events["F"] = (2015.0, [f"a{i}" for i in range(0, actors, 2)])
    split = temporal_split(table(events), 2014, negatives=500, seed=1)
    g = split.graph
    assert len(split.negatives[0]) == 500
    even = np.array([int(name[1:]) % 2 == 0 for name in g.actors])
    u, v = split.negatives
    assert not np.asarray(g.adjacency[u, v]).any()  # untied in the history
    assert not (even[u] & even[v]).any()  # and not meeting at F
    assert len(split.positives[0]) == (actors // 2) * (actors // 2 - 1) // 2


def test_negatives_are_reproducible():
    events = {f"E{i}": (2010.0 + i % 5, [f"a{(i * 7 + j) % 50}" for j in range(4)]) for i in range(80)}
    events["F"] = (2015.0, ["a1", "a2", "a3"])
    one = temporal_split(table(events), 2014, negatives=200, seed=3)
    two = temporal_split(table(events), 2014, negatives=200, seed=3)
    np.testing.assert_array_equal(one.negatives[0], two.negatives[0])
    np.testing.assert_array_equal(one.negatives[1], two.negatives[1])
    assert len(set(zip(*one.negatives))) == len(one.negatives[0])


def test_score_pairs_uses_only_the_past():
    scores = score_pairs(table(TINY), 2019, [("A", "D"), ("B", "C"), ("A", "Z")], [get_scorer("common_neighbours")])
    # A-D: shared partner C before 2019; B-C: tied, both partners of A; Z: unknown actor
    np.testing.assert_array_equal(scores["common_neighbours"], [1.0, 1.0, 0.0])


def test_year_positives_are_the_ties_formed_within_a_year_of_the_cut():
    split = temporal_split(table(TINY), 2019, negatives=100_000, seed=0)
    g = split.graph
    assert sorted(tuple(sorted((g.actors[a], g.actors[b]))) for a, b in zip(*split.year_positives)) == [
        ("A", "D"),
        ("D", "E"),
    ]
    # from 2020 on only A-G forms, with G new: no pair of known actors
    assert len(temporal_split(table(TINY), 2020, negatives=10, seed=0).year_positives[0]) == 0


def test_reliability_by_hand():
    p, y = np.array([0.1, 0.1, 0.9, 0.9]), np.array([0, 0, 1, 0])
    ece, bins = reliability(p, y)
    assert ece == pytest.approx(0.5 * 0.1 + 0.5 * 0.4)
    assert bins == [(0.1, 0.2, 2.0, pytest.approx(0.1), 0.0), (0.9, 1.0, 2.0, pytest.approx(0.9), 0.5)]
    weighted, _ = reliability(p, y, np.array([1, 1, 1, 3]))
    assert weighted == pytest.approx(2 / 6 * 0.1 + 4 / 6 * 0.65)


class Constant(Scorer):
    """Claims the same probability for every pair."""

    name = "constant"
    description = "test"
    calibrated = True

    def __init__(self, p: float):
        self.p = p

    def score(self, cg, u, v):
        return np.full(len(u), self.p)


def test_calibration_by_hand():
    """History: A-B-C triangle and C-D; E-F apart. The ten untied pairs of
    known actors, two of which tie within a year (A-D, D-E): 20 %. Shown: A
    and B get D, D gets A and B (the only actors two or three steps apart);
    A-D ties within the year, twice shown: 50 %."""
    split = temporal_split(table(TINY), 2019, negatives=100_000, seed=0)
    c = calibration(split, Constant(0.3))
    assert (c.shown, c.shown_ties) == (4, 2)
    assert c.ece_shown == pytest.approx(0.2)
    assert c.ece_pairs == pytest.approx(0.1)
    assert c.bins_pairs == [(0.3, 0.4, pytest.approx(10.0), pytest.approx(0.3), pytest.approx(0.2))]
