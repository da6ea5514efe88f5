"""The learned default: trained on the graph's own history, calibrated, consistent."""

from __future__ import annotations

import numpy as np
import pytest

from graph.suggest import get_scorer
from graph.suggest.evaluate import auc, temporal_split
from graph.suggest.evidence import evidence_score
from graph.suggest.features import pair_features
from graph.suggest.learned import BAG, LOW_DEGREE, MIN_HISTORY, TREE_PARAMS, LearnedScorer, Window
from tests.support.suggest import SMALL, graph, table


def communities(
    seed: int = 0, actors: int = 120, years: range = range(2008, 2018), per_year: int = 40, late: bool = True
):
    """Events mostly within one of four communities; with ``late``, some actors only appear from 2015."""
    rng = np.random.default_rng(seed)
    out = {}
    for y in years:
        for k in range(per_year):
            c = int(rng.integers(0, 4))
            pool = [a for a in range(actors) if a % 4 == c and (a < 90 or y >= 2015 or not late)]
            size = int(rng.integers(2, 6))
            members = sorted({f"a{int(a):03d}" for a in rng.choice(pool, size)})
            if rng.random() < 0.1:
                members.append(f"a{int(rng.integers(0, actors)):03d}")
            out[f"E{y}-{k}"] = (float(y), sorted(set(members)))
    attrs = {"group": {f"a{a:03d}": f"g{a % 4}" for a in range(actors)}}
    return table(out, attrs)


@pytest.fixture(scope="module")
def split():
    return temporal_split(communities(), 2016, negatives=2000, seed=0, rank_actors=0)


#: The test graphs are small: the model trains from this many new ties in the last year.
HISTORY = 20


@pytest.fixture(scope="module")
def fitted(split):
    return LearnedScorer(seed=0, min_history=HISTORY).fit(split.graph)


def test_trained_from_history(split, fitted):
    assert fitted.state["kind"] == "trained" and fitted.calibrated
    assert fitted.status.startswith("trained on")
    assert {"warm", "low", "cold"} <= set(fitted.models)
    # each segment's trees follow its own settings (small segments get a linear model)
    assert fitted.models["warm"].kind == "trees"
    for seg, model in fitted.models.items():
        if model.kind == "trees":
            # a bag of BAG models, each with a third of the trees at three times the learning rate
            assert len(model.members) == BAG
            for member in model.members:
                trees = [p for (p,) in member.estimator._predictors]
                if "max_depth" in TREE_PARAMS[seg]:
                    assert max(t.get_max_depth() for t in trees) <= TREE_PARAMS[seg]["max_depth"]
                if "max_leaf_nodes" in TREE_PARAMS[seg]:
                    assert max(t.get_n_leaf_nodes() for t in trees) <= TREE_PARAMS[seg]["max_leaf_nodes"]
                assert member.estimator.max_iter == -(-TREE_PARAMS[seg]["max_iter"] // BAG)
                assert member.estimator.learning_rate == pytest.approx(TREE_PARAMS[seg]["learning_rate"] * BAG)
            # each model saw its own negatives: their predictions differ; the bag's is their mean log-odds
            g = split.graph
            _, x = pair_features(g, *split.negatives)
            odds = np.array([m.log_odds(x) for m in model.members])
            assert not np.allclose(odds[0], odds[1])
            np.testing.assert_allclose(model.proba(x), 1 / (1 + np.exp(-odds.mean(axis=0))), rtol=1e-12)


def test_a_bag_of_one_is_one_model_of_all_the_trees(split):
    """``bag=1``: the learned default as it was before the bag (bench/bench_learned_seeds.py)."""
    single = LearnedScorer(seed=0, min_history=HISTORY, bag=1).fit(split.graph)
    warm = single.models["warm"]
    assert not hasattr(warm, "members") and warm.estimator.max_iter == TREE_PARAMS["warm"]["max_iter"]
    assert warm.estimator.learning_rate == TREE_PARAMS["warm"]["learning_rate"]


def test_pairs_go_to_the_model_of_their_segment(split, fitted):
    """Cold pairs (an actor without partners), low pairs (an actor with 1 to
    LOW_DEGREE partners) and the other warm pairs each get their own model."""
    g = split.graph
    assert set(fitted.models) == {"warm", "low", "cold"}
    iu, iv = np.triu_indices(g.n, k=1)
    least = np.minimum(g.degree[iu], g.degree[iv])
    segments = {"cold": least == 0, "low": (least > 0) & (least <= LOW_DEGREE), "warm": least > LOW_DEGREE}
    assert all(mask.sum() >= 10 for mask in segments.values())
    scores = fitted.score(g, iu, iv)
    # the features as score() computes them for many pairs per actor: the two
    # ways differ in the last bits of the walks, and a tree threshold may sit
    # exactly on a value of the training rows
    names, x = pair_features(g, iu, iv, by_source=True)
    for seg, mask in segments.items():
        np.testing.assert_allclose(scores[mask], fitted.models[seg].proba(x[mask]), rtol=1e-12)
    # the segments' models differ, so routing matters
    low = segments["low"]
    assert not np.allclose(fitted.models["warm"].proba(x[low]), scores[low])


def test_learns_the_communities(split, fitted):
    g = split.graph
    pos = fitted.score(g, *split.positives)
    neg = fitted.score(g, *split.negatives)
    assert ((0 <= pos) & (pos <= 1)).all() and ((0 <= neg) & (neg <= 1)).all()
    assert auc(pos, neg) > 0.8
    cold_pos = fitted.score(g, *split.cold_positives)
    cold_neg = fitted.score(g, *split.cold_negatives)
    assert auc(cold_pos, cold_neg) > 0.7  # same group attribute as the partner


def test_probabilities_are_calibrated():
    """In a steady process, the mean probability of random untied pairs is
    close to the share of untied pairs that tie within a year."""
    steady = temporal_split(
        communities(seed=1, late=False, years=range(2008, 2017)), 2016, negatives=3000, seed=0, rank_actors=0
    )
    g = steady.graph
    predicted = LearnedScorer(seed=0, min_history=HISTORY).fit(g).score(g, *steady.negatives).mean()
    known = len(steady.known)
    untied = known * (known - 1) / 2 - g.adjacency[steady.known][:, steady.known].nnz / 2
    observed = len(steady.positives[0]) / untied  # one year after the cut
    assert predicted == pytest.approx(observed, rel=0.5)


def test_pair_and_source_paths_agree(split, fitted):
    g = split.graph
    s = int(split.known[0])
    others = np.array([i for i in range(g.n) if i != s])
    names, by_pairs = pair_features(g, np.full(len(others), s), others)
    _, by_source = pair_features(g, np.full(len(others), s), others, by_source=True)
    np.testing.assert_allclose(np.nan_to_num(by_pairs), np.nan_to_num(by_source), rtol=1e-9, atol=1e-12)
    assert len(names) == by_pairs.shape[1]


def test_too_little_history_ranks_by_the_evidence_and_says_so():
    """Below ``min_history`` new ties in a recent year no model trains: the
    scores are the evidence score's, and no probability is claimed."""
    g = graph(SMALL)
    s = get_scorer("learned").fit(g)
    assert s.state == {"kind": "evidence", "new_ties": LearnedScorer().history(g), "needed": MIN_HISTORY}
    assert not s.calibrated and s.status.startswith("ranked by the evidence")
    u, v = np.triu_indices(g.n, k=1)
    np.testing.assert_array_equal(s.score(g, u, v), evidence_score(g, u, v))
    # the communities graph has 41 new ties in its last year and 75 in the year
    # before: the busier year counts (a last year of a few late entries does not
    # stop training); enough for 75, not for 76
    history = temporal_split(communities(), 2016, negatives=10, seed=0, rank_actors=0).graph
    assert LearnedScorer(windows=(Window(1, 1),)).history(history) == 41
    assert LearnedScorer(windows=(Window(2, 1),)).history(history) == 75
    assert LearnedScorer().history(history) == 75
    assert LearnedScorer(min_history=75).fit(history).calibrated
    assert not LearnedScorer(min_history=76).fit(history).calibrated


def test_undated_graph_has_no_history():
    events = {f"E{k}": (float("nan"), [f"a{(k * 3 + j) % 25}" for j in range(3)]) for k in range(60)}
    g = graph(events)
    s = LearnedScorer(seed=1, min_history=1).fit(g)
    assert s.state["kind"] == "evidence" and s.state["new_ties"] == 0
    assert np.isfinite(s.score(g, np.array([0, 1]), np.array([5, 7]))).all()


def test_negatives_through_shared_partners_train_a_calibrated_model(split, fitted):
    """``near``: half of the warm negatives drawn through a shared partner and
    weighted back (graph.suggest.sampling). The model still trains every
    segment, and its expected number of new ties over all untied pairs stays
    within a fifth of the default's (both are weighted back to the population)."""
    g = split.graph
    near = LearnedScorer(seed=0, min_history=HISTORY, near=0.5).fit(g)
    assert set(near.models) == {"warm", "low", "cold"}
    iu, iv = np.triu_indices(g.n, k=1)
    untied = ~g.tied(iu, iv)
    expected = near.score(g, iu[untied], iv[untied]).sum()
    default = fitted.score(g, iu[untied], iv[untied]).sum()
    assert expected == pytest.approx(default, rel=0.2)
    assert not np.allclose(near.score(g, iu[untied], iv[untied]), fitted.score(g, iu[untied], iv[untied]))
