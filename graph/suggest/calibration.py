"""How well a scorer's claimed probabilities match what happened, on the
splits of :mod:`graph.suggest.evaluate` (:func:`calibration`, :func:`reliability`).

A calibrated scorer claims a probability that two actors start working
together *within a year*; the label is therefore a tie first formed from the
cut to one year after it (``year_positives``), not any later one. The
*expected calibration error* (ECE) is the mean absolute gap between the
claimed probability and the observed share, over ten equal-width bins of the
claimed probability, each bin weighted by its share of the pairs (Guo et
al. 2017). Two sets of pairs:

- *shown*: what a planner sees. ``actors`` (500) known actors
  drawn uniformly (``default_rng(seed + 1)``), each with its top ten
  suggestions from :class:`~graph.suggest.engine.SuggestionEngine` (the
  page's and the CLI's candidates and pruning);
- *all pairs*: every untied pair of known actors, estimated from the
  new ties (all of them, labelled by whether they form within the year)
  and the random negatives (pairs that never tie, each standing for its
  share of the other untied pairs). Almost all of these
  pairs have a probability near zero, so this error is small for any
  scorer that is right about rare ties; the shown set is the strict test.

References
----------
.. [1] C. Guo, G. Pleiss, Y. Sun and K. Q. Weinberger, "On calibration of
   modern neural networks", ICML 2017.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graph.suggest.evaluate import Split
from graph.suggest.scorers import Scorer


@dataclass
class Calibration:
    """How well claimed one-year probabilities match what happened (see :mod:`graph.suggest.calibration`).

    ``bins`` per set: ``(low, high, pairs, mean claimed, observed share)``
    for each non-empty bin (``pairs`` weighted for the all-pairs set).
    """

    scorer: str
    ece_shown: float
    ece_pairs: float
    shown: int
    shown_ties: int
    bins_shown: list[tuple[float, float, float, float, float]]
    bins_pairs: list[tuple[float, float, float, float, float]]

    def to_dict(self) -> dict:
        keys = ("low", "high", "pairs", "claimed", "observed")
        return {
            "scorer": self.scorer,
            "ece_shown": self.ece_shown,
            "ece_pairs": self.ece_pairs,
            "shown": self.shown,
            "shown_ties": self.shown_ties,
            "bins_shown": [dict(zip(keys, b)) for b in self.bins_shown],
            "bins_pairs": [dict(zip(keys, b)) for b in self.bins_pairs],
        }


def reliability(
    p: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, *, bins: int = 10
) -> tuple[float, list[tuple[float, float, float, float, float]]]:
    """The expected calibration error of claimed probabilities ``p`` against
    outcomes ``y`` (0/1) with pair weights ``w``, over ``bins`` equal-width
    bins of [0, 1], and the non-empty bins as (low, high, weight, mean claimed,
    observed share).

    >>> reliability(np.array([0.1, 0.1, 0.9, 0.9]), np.array([0, 0, 1, 0]))[0]
    0.25
    """
    p = np.clip(np.asarray(p, dtype=float), 0, 1)
    y = np.asarray(y, dtype=float)
    w = np.ones(len(p)) if w is None else np.asarray(w, dtype=float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = w.sum()
    ece, out = 0.0, []
    for b in range(bins):
        m = which == b
        mass = float(w[m].sum())
        if mass == 0:
            continue
        claimed = float(np.average(p[m], weights=w[m]))
        observed = float(np.average(y[m], weights=w[m]))
        ece += mass / total * abs(claimed - observed)
        out.append((b / bins, (b + 1) / bins, mass, claimed, observed))
    return float(ece), out


def calibration(split: Split, scorer: Scorer, *, actors: int = 500, top: int = 10, seed: int = 0) -> Calibration:
    """The calibration of a fitted scorer's probabilities on ``split`` (see :mod:`graph.suggest.calibration`)."""
    from graph.suggest.engine import SuggestionEngine

    g = split.graph
    yu, yv = split.year_positives
    key = yu * g.n + yv
    is_year = set(key.tolist())

    def labels(u: np.ndarray, v: np.ndarray) -> np.ndarray:
        lo, hi = np.minimum(u, v), np.maximum(u, v)
        return np.fromiter(((a * g.n + b) in is_year for a, b in zip(lo, hi)), dtype=float, count=len(lo))

    # all pairs: every new tie (those of the first year labelled 1, later ones 0), and the
    # random negatives, which never tie, standing for the other untied pairs
    tu, tv = split.positives
    nu, nv = split.negatives
    known = len(split.known)
    untied = known * (known - 1) / 2 - g.adjacency[split.known][:, split.known].nnz / 2
    w_neg = (untied - len(tu)) / max(len(nu), 1)
    p = np.r_[scorer.score(g, tu, tv), scorer.score(g, nu, nv)]
    y = np.r_[labels(tu, tv), np.zeros(len(nu))]
    w = np.r_[np.ones(len(tu)), np.full(len(nu), w_neg)]
    ece_pairs, bins_pairs = reliability(p, y, w)

    # shown: the top suggestions of actors drawn uniformly among the known ones
    rng = np.random.default_rng(seed + 1)
    sources = np.sort(rng.choice(split.known, min(actors, len(split.known)), replace=False))
    engine = SuggestionEngine(g, scorer)
    su, sv, sp_ = [], [], []
    for s in sources:
        for f in engine.suggest(str(g.actors[s]), k=top):
            su.append(int(s))
            sv.append(g.index[f.other])
            sp_.append(f.score)
    ys = labels(np.array(su, dtype=np.int64), np.array(sv, dtype=np.int64))
    ece_shown, bins_shown = reliability(np.array(sp_), ys)
    return Calibration(
        scorer=scorer.name,
        ece_shown=ece_shown,
        ece_pairs=ece_pairs,
        shown=len(ys),
        shown_ties=int(ys.sum()),
        bins_shown=bins_shown,
        bins_pairs=bins_pairs,
    )


def format_calibration(c: Calibration) -> str:
    """The calibration of one scorer as plain text: both errors and the shown set's bins."""
    lines = [
        f"{c.scorer}: expected calibration error {c.ece_shown:.4f} on {c.shown} shown suggestions "
        f"({c.shown_ties} tied within a year), {c.ece_pairs:.5f} over all untied pairs",
        "  claimed      pairs  mean claimed  observed",
    ]
    lines += [f"  {lo:.1f}-{hi:.1f}  {n:9.0f}  {p:12.4f}  {o:8.4f}" for lo, hi, n, p, o in c.bins_shown]
    return "\n".join(lines)


__all__ = ["Calibration", "calibration", "format_calibration", "reliability"]
