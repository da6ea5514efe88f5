"""A temporal evaluation of the scorers that anyone can rerun.

Protocol (:func:`temporal_split`, :func:`evaluate`)
---------------------------------------------------
Given a participation table and a cut year:

1. The *history* is every participation dated before the cut; two actors
   are tied when they share an event of the history. *Known actors* are the
   actors with at least one tie in the history.
2. *Positives* are the pairs of known actors that share an event dated at
   or after the cut and were not tied in the history (new ties).
3. *Negatives* are ``negatives`` (100,000) distinct pairs of known actors
   drawn uniformly at random (NumPy ``default_rng(seed)``) among the pairs
   that are tied neither in the history nor from the cut on, so that no
   positive is also counted as a negative (as in ``ogbl-collab``, whose
   negatives are pairs that never tie).
4. Every scorer sees only the history (the learned one trains on the
   history's own past) and scores positives and negatives.
5. Hits@K is the share of positives scored *strictly above* the K-th highest
   negative score (a positive tied with it is a miss), as in the OGB
   ``ogbl-collab`` benchmark. AUC is the probability that a random positive
   outscores a random negative (ties count one half). AP is the average
   precision of the ranking of positives and negatives together.
6. *Low-degree* AUC restricts both sets to pairs in which an actor has at most
   ``low_degree`` (5) partners in the history.
7. *Cold* pairs are scored separately: pairs in which at least one actor had
   no tie in the history, either because all its earlier events were solo or
   because it first appears from the cut on (then only its attributes are
   known). Positives are such pairs that share an event from the cut on;
   negatives are ``negatives`` random pairs with a cold actor that never tie.
8. *Per-actor ranking*: for ``rank_actors`` (200) known actors drawn at random
   among those with at least one new partner, every other known actor not
   yet tied to it is ranked; the reciprocal rank of its best-ranked actual
   new partner (ties ranked pessimistically) is averaged into the MRR, and
   Hits@10 is the share of these actors with an actual new partner in their
   top ten.

Calibration: :mod:`graph.suggest.calibration`.

References
----------
.. [1] C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of
   modern neural networks", ICML 2017.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from graph.suggest.collab import CollabGraph, binary, collab_from_participations
from graph.suggest.sampling import sample_pairs
from graph.suggest.scorers import Scorer

Pairs = tuple[np.ndarray, np.ndarray]


# -- metrics ----------------------------------------------------------------------
def hits_at_k(pos: np.ndarray, neg: np.ndarray, k: int) -> float:
    """Share of positive scores strictly above the k-th highest negative score."""
    pos = np.asarray(pos, dtype=float)
    neg = np.asarray(neg, dtype=float)
    if len(pos) == 0:
        return float("nan")
    if len(neg) < k:
        return 1.0
    threshold = np.partition(neg, len(neg) - k)[len(neg) - k]
    return float(np.mean(pos > threshold))


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """P(random positive > random negative), ties counting one half (Mann-Whitney U / (n_pos n_neg))."""
    from scipy.stats import rankdata

    pos = np.asarray(pos, dtype=float)
    neg = np.asarray(neg, dtype=float)
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    ranks = rankdata(np.concatenate([pos, neg]))
    u_stat = ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2
    return float(u_stat / (len(pos) * len(neg)))


def average_precision(pos: np.ndarray, neg: np.ndarray) -> float:
    """Average precision of the combined ranking (tied scores form one threshold, as in scikit-learn)."""
    from sklearn.metrics import average_precision_score

    if len(pos) == 0:
        return float("nan")
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    return float(average_precision_score(y, np.r_[pos, neg]))


def reciprocal_rank(scores: np.ndarray, truth: np.ndarray) -> float:
    """1 / rank of the best-scored true item; every item scored at least as high counts ahead."""
    best = scores[truth].max()
    ahead = int(np.sum(scores[~truth] >= best))
    return 1.0 / (ahead + 1)


# -- split ------------------------------------------------------------------------
@dataclass
class Split:
    """What :func:`evaluate` needs: the history graph and the pairs to score."""

    cut: float
    graph: CollabGraph
    positives: Pairs
    negatives: Pairs
    cold_positives: Pairs
    cold_negatives: Pairs
    rank_sources: np.ndarray
    rank_truth: dict[int, np.ndarray] = field(default_factory=dict)
    known: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    #: pairs of known actors first tied from the cut to a year after it (upper triangle, u < v)
    year_positives: Pairs = field(default_factory=lambda: (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)))


def _upper(m: sp.spmatrix) -> Pairs:
    c = sp.triu(m, k=1).tocoo()
    return c.row.astype(np.int64), c.col.astype(np.int64)


def temporal_split(
    table,
    cut: float,
    *,
    negatives: int = 100_000,
    seed: int = 0,
    rank_actors: int = 200,
    country_attribute: str | None = None,
) -> Split:
    """The evaluation sets for ``cut`` (see the module docstring)."""
    rng = np.random.default_rng(seed)
    full = collab_from_participations(table, country_attribute=country_attribute)
    history = collab_from_participations(table, before=cut, country_attribute=country_attribute)
    future_inc = binary(full.incidence[:, np.flatnonzero(full.activity_time >= cut)])
    future = binary(future_inc @ future_inc.T)
    future.setdiag(0)
    future.eliminate_zeros()
    a = history.adjacency
    new = binary(future - future.multiply(a))
    known = history.degree > 0
    pu, pv = _upper(new)
    warm = known[pu] & known[pv]
    positives = (pu[warm], pv[warm])
    ever = binary(a + new)  # a negative is tied neither before the cut nor after it
    negatives_ = sample_pairs(np.flatnonzero(known), negatives, rng, exclude=ever)
    cold_positives = (pu[~warm], pv[~warm])
    cold_negatives = sample_pairs(np.arange(history.n), negatives, rng, exclude=ever, need=~known)
    # ties formed within a year of the cut, for calibration
    year_inc = binary(full.incidence[:, np.flatnonzero((full.activity_time >= cut) & (full.activity_time < cut + 1))])
    year = binary(year_inc @ year_inc.T)
    year = binary(year - year.multiply(a))
    yu, yv = _upper(year)
    keep = known[yu] & known[yv]
    # per-actor ranking
    only_known = sp.diags(known.astype(float))
    new_known = (only_known @ new @ only_known).tocsr()
    new_known.eliminate_zeros()
    has_new = np.flatnonzero(np.diff(new_known.indptr) > 0)
    sources = np.sort(rng.choice(has_new, min(rank_actors, len(has_new)), replace=False)) if len(has_new) else has_new
    truth = {int(s): new_known.indices[new_known.indptr[s] : new_known.indptr[s + 1]].astype(np.int64) for s in sources}
    return Split(
        cut=float(cut),
        graph=history,
        positives=positives,
        negatives=negatives_,
        cold_positives=cold_positives,
        cold_negatives=cold_negatives,
        rank_sources=sources,
        rank_truth=truth,
        known=np.flatnonzero(known),
        year_positives=(yu[keep], yv[keep]),
    )


# -- evaluation ---------------------------------------------------------------------
@dataclass
class Result:
    """The figures of one scorer on one split."""

    scorer: str
    hits: dict[int, float]
    auc: float
    ap: float
    low_auc: float
    cold_auc: float
    cold_ap: float
    mrr: float
    hits10: float
    seconds: float
    status: str = ""

    def to_dict(self) -> dict:
        """The figures as plain JSON data (``pontes evaluate --json``)."""
        return {
            "scorer": self.scorer,
            "hits": {str(k): v for k, v in self.hits.items()},
            "auc": self.auc,
            "ap": self.ap,
            "auc_low_degree": self.low_auc,
            "auc_cold": self.cold_auc,
            "ap_cold": self.cold_ap,
            "mrr": self.mrr,
            "hits10_actor": self.hits10,
            "seconds": self.seconds,
            "status": self.status,
        }


def reciprocal_ranks(split: Split, scorer: Scorer) -> np.ndarray:
    """The reciprocal rank of each ranked actor's first actual new partner, in the order of
    ``split.rank_sources`` (actors with no new partner among the candidates left out)."""
    g = split.graph
    a = g.adjacency
    rr = []
    for s in split.rank_sources:
        tied = a.indices[a.indptr[s] : a.indptr[s + 1]]
        cand = np.setdiff1d(split.known, np.r_[tied, s])
        scores = scorer.score(g, np.full(len(cand), s, dtype=np.int64), cand)
        truth = np.isin(cand, split.rank_truth[int(s)])
        if truth.any():
            rr.append(reciprocal_rank(scores, truth))
    return np.array(rr, dtype=float)


def rank_metrics(split: Split, scorer: Scorer) -> tuple[float, float]:
    """(MRR, Hits@10) of the per-actor ranking (see the module docstring)."""
    rr = reciprocal_ranks(split, scorer)
    return (float(np.mean(rr)), float(np.mean(rr >= 0.1))) if len(rr) else (float("nan"), float("nan"))


def evaluate(
    split: Split,
    scorers: list[Scorer],
    *,
    ks: tuple[int, ...] = (20, 50, 100),
    low_degree: int = 5,
    on_progress=None,
) -> list[Result]:
    """Fit (when learned) and evaluate every scorer on ``split``."""
    g = split.graph
    deg = g.degree
    pu, pv = split.positives
    nu, nv = split.negatives
    low_p = np.minimum(deg[pu], deg[pv]) <= low_degree
    low_n = np.minimum(deg[nu], deg[nv]) <= low_degree
    results = []
    for scorer in scorers:
        started = time.perf_counter()
        scorer.fit(g)
        sp_ = scorer.score(g, pu, pv)
        sn = scorer.score(g, nu, nv)
        cp = scorer.score(g, *split.cold_positives)
        cn = scorer.score(g, *split.cold_negatives)
        mrr, h10 = rank_metrics(split, scorer)
        results.append(
            Result(
                scorer=scorer.name,
                hits={k: hits_at_k(sp_, sn, k) for k in ks},
                auc=auc(sp_, sn),
                ap=average_precision(sp_, sn),
                low_auc=auc(sp_[low_p], sn[low_n]),
                cold_auc=auc(cp, cn),
                cold_ap=average_precision(cp, cn),
                mrr=mrr,
                hits10=h10,
                seconds=time.perf_counter() - started,
                status=getattr(scorer, "status", ""),
            )
        )
        if on_progress is not None:
            on_progress(results[-1])
    return results


def describe(split: Split, *, low_degree: int = 5) -> dict[str, int]:
    """Sizes of the evaluation sets."""
    deg = split.graph.degree
    pu, pv = split.positives
    nu, nv = split.negatives
    return {
        "known_actors": int(len(split.known)),
        "history_ties": int(split.graph.adjacency.nnz // 2),
        "positives": int(len(pu)),
        "negatives": int(len(nu)),
        "low_degree_positives": int(np.sum(np.minimum(deg[pu], deg[pv]) <= low_degree)),
        "low_degree_negatives": int(np.sum(np.minimum(deg[nu], deg[nv]) <= low_degree)),
        "cold_positives": int(len(split.cold_positives[0])),
        "cold_negatives": int(len(split.cold_negatives[0])),
        "ranked_actors": int(len(split.rank_sources)),
        "year_positives": int(len(split.year_positives[0])),
    }


def format_results(results: list[Result], ks: tuple[int, ...] = (20, 50, 100)) -> str:
    """A plain-text table, one row per scorer."""
    head = (
        ["scorer"]
        + [f"Hits@{k}" for k in ks]
        + ["AUC", "AP", "AUC low-deg", "AUC cold", "AP cold", "MRR", "Hits@10 actor", "s"]
    )
    rows = [
        [r.scorer]
        + [f"{r.hits[k]:.3f}" for k in ks]
        + [
            f"{r.auc:.3f}",
            f"{r.ap:.3f}",
            f"{r.low_auc:.3f}",
            f"{r.cold_auc:.3f}",
            f"{r.cold_ap:.3f}",
            f"{r.mrr:.3f}",
            f"{r.hits10:.3f}",
            f"{r.seconds:.0f}",
        ]
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]

    def line(cells: list) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def score_pairs(
    table,
    cut: float,
    pairs: list[tuple[str, str]],
    scorers: list[Scorer],
    *,
    country_attribute: str | None = None,
) -> dict[str, np.ndarray]:
    """Scores of exactly the given actor pairs, using only participations before ``cut``.

    Actors that do not occur in the table are added as new actors with no
    known attributes. Returns one array per scorer name, aligned with ``pairs``.
    """
    extra = {a for pair in pairs for a in pair} - set(table.actor)
    actors = sorted(set(table.actor) | extra)
    g = collab_from_participations(table, before=cut, actors=actors, country_attribute=country_attribute)
    u = g.ids(p[0] for p in pairs)
    v = g.ids(p[1] for p in pairs)
    out = {}
    for scorer in scorers:
        scorer.fit(g)
        out[scorer.name] = scorer.score(g, u, v)
    return out


__all__ = [
    "Result",
    "Split",
    "auc",
    "average_precision",
    "describe",
    "evaluate",
    "format_results",
    "hits_at_k",
    "rank_metrics",
    "reciprocal_rank",
    "reciprocal_ranks",
    "score_pairs",
    "temporal_split",
]
