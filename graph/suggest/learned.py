"""The learned default scorer: gradient-boosted trees over the pair features,
trained on the graph's own history.

Training (:meth:`LearnedScorer.fit`)
------------------------------------
For each training *window* the graph is rewound: features come from the
graph as it was ``back`` years before its reference time, labels from what
happened in the following ``horizon`` years. Positives are the pairs first
tied in that period; negatives are random pairs of the same actors that were
still not tied at its end. The default windows are (1, 1), (2, 1) and
(2, 2): ties formed last year, the year before, and over the last two years.

Three models are trained: one for pairs of actors who already had partners
(*warm*), one for pairs where an actor had none (*cold*: new actors, scored
from their attributes, activity and the other actor's situation, with
shallow trees that carry over better from one period to the next), and one
for warm pairs where an actor has at most :data:`LOW_DEGREE` partners
(*low*: depth-3 trees trained on the same rows as the warm model; see
:data:`TREE_PARAMS`). Pairs are routed by the smaller of the two actors'
partner counts. Each of them is a bag of :data:`BAG` models that share
the positives and split the negatives, with a third of the trees each; a
pair's probability is their mean calibrated log-odds.

When the graph has too little dated history the model does not train:
fewer than :data:`MIN_HISTORY` new ties between actors that already had
partners in a year of its recent history (``min_history``): the last year, or
the year before when that holds more (a table whose last year has only a few
late entries, like CORDIS H2020's 2022, still trains on 2021). No model can
learn how ties form from a few dozen examples, and a probability fitted on
them would say nothing (on the seed network: "under 1%" for every pair).
The scorer then ranks by the evidence score
(:mod:`graph.suggest.evidence`), shows no probability
(:attr:`LearnedScorer.calibrated` is False) and :attr:`LearnedScorer.state`
says why.

Probabilities
-------------
Scores of a trained model are calibrated probabilities that the two actors
start working together within one year (measured on CORDIS:
docs/suggestions.md, *Calibration*). The trees are trained on a sample; a held-out
fifth of the latest one-year window, weighted back to the true ratio of new
ties to untied pairs, fits a Platt scaling of the trees' log-odds
(Platt 1999). For small training sets a logistic regression replaces the
trees and only the sampling ratio is corrected.

References
----------
.. [1] R. N. Lichtenwalter, J. T. Lussier and N. V. Chawla, "New perspectives
   and methods in link prediction", KDD 2010.
.. [2] J. Platt, "Probabilistic outputs for support vector machines and
   comparisons to regularized likelihood methods", 1999.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from graph.suggest.collab import CollabGraph, binary
from graph.suggest.evidence import evidence_score
from graph.suggest.features import pair_features, previous, reference_time
from graph.suggest.models import Bag, CalibratedModel, logit
from graph.suggest.sampling import draw_negatives, sample_pairs
from graph.suggest.scorers import Scorer, register


@dataclass(frozen=True)
class Window:
    """Features ``back`` years before the reference time; labels over the next ``horizon`` years."""

    back: float
    horizon: float


DEFAULT_WINDOWS = (Window(1, 1), Window(2, 1), Window(2, 2))


def _upper_pairs(m: sp.spmatrix) -> tuple[np.ndarray, np.ndarray]:
    c = sp.triu(m, k=1).tocoo()
    return c.row.astype(np.int64), c.col.astype(np.int64)


@dataclass
class _Sample:
    """Training rows of one window and segment, with the population sizes they stand for."""

    x: np.ndarray
    y: np.ndarray
    pos_total: int
    neg_total: float
    window: int
    #: each row's weight: 1 for positives, the negatives' importance weights (mean 1)
    w: np.ndarray | None = None

    def rows(self, rows: np.ndarray) -> _Sample:
        return _Sample(
            self.x[rows],
            self.y[rows],
            self.pos_total,
            self.neg_total,
            self.window,
            None if self.w is None else self.w[rows],
        )


#: The trees of each segment: warm pairs 15-leaf trees; pairs with a
#: low-degree actor (the *low* segment) depth-3 trees; cold pairs depth-2
#: trees, since a new actor is known only by its attributes and deeper
#: trees learn interactions of the training windows that do not carry over.
#: Why these and not others, with the measurements: docs/suggestions.md.
TREE_PARAMS = {
    "warm": dict(max_iter=300, learning_rate=0.1, max_leaf_nodes=15, l2_regularization=1.0),
    "low": dict(max_iter=300, learning_rate=0.1, max_depth=3),
    "cold": dict(max_iter=100, learning_rate=0.1, max_depth=2),
}

#: Each segment's trees are a bag of this many models. Each is trained on the
#: same positives and its own share of the negatives, with a third of the
#: trees of :data:`TREE_PARAMS` at three times the learning rate (the same
#: shrinkage budget), so predicting costs what one model of those trees costs.
#: Why: a single model's figures moved with the seed of its negatives by more
#: than its gaps to the heuristics (docs/suggestions.md, *How far the learned
#: default's own seed moves its figures*).
BAG = 3

#: Warm pairs where an actor has at most this many partners are scored by
#: the *low* model: depth-3 trees trained on all warm pairs (see
#: :data:`TREE_PARAMS`).
LOW_DEGREE = 5


#: The learned model trains from this many new ties (between actors that
#: already had partners) in one year of the graph's recent dated history
#: (:meth:`LearnedScorer.history`); below it the evidence score ranks. A fifth
#: of the latest window's new ties is held out to calibrate the probabilities.
MIN_HISTORY = 500


#: The share of the warm pairs' negatives drawn through a shared partner and
#: weighted back to stand for all untied pairs (:mod:`graph.suggest.sampling`).
#: None: tried at 0.5 on a cut no reported figure uses (CORDIS, 2017), it
#: ranked worse on every figure (docs/suggestions.md, *Negatives through a
#: shared partner*); the option stays so that the measurement can be rerun.
NEAR = 0.0


def _weights(samples: list[_Sample]) -> np.ndarray | None:
    """The rows' weights of ``samples`` stacked, or None when all are 1."""
    if all(s.w is None for s in samples):
        return None
    return np.concatenate([np.ones(len(s.y)) if s.w is None else s.w for s in samples])


@register
class LearnedScorer(Scorer):
    """Gradient-boosted trees over ~60 pair features, trained on the graph's
    own history, returning calibrated one-year probabilities; the evidence
    score on a graph with too little history (see the module docstring)."""

    name = "learned"
    description = "A model trained on how ties formed in this network before, combining all the other signals."
    learned = True

    def __init__(
        self,
        *,
        windows: tuple[Window, ...] = DEFAULT_WINDOWS,
        max_positives: int = 100_000,
        negative_ratio: float = 3.0,
        max_negatives: int = 300_000,
        min_history: int = MIN_HISTORY,
        bag: int = BAG,
        near: float = NEAR,
        seed: int = 0,
    ):
        self.windows = tuple(windows)
        self.max_positives = max_positives
        self.negative_ratio = negative_ratio
        self.max_negatives = max_negatives
        self.min_history = min_history
        self.bag = bag
        self.near = near
        self.seed = seed
        self.models: dict[str, CalibratedModel | Bag] = {}
        self.feature_names: list[str] = []
        self.state: dict[str, Any] = {"kind": "unfitted"}
        self.training: dict[str, int] = {}

    @property
    def calibrated(self) -> bool:
        """Whether scores are calibrated probabilities (a model was trained)."""
        return "warm" in self.models

    @property
    def status(self) -> str:
        """:attr:`state` in English (the CLI, ``pontes evaluate``); the app translates ``state``."""
        kind = self.state["kind"]
        if kind == "trained":
            return "trained on " + ", ".join(f"{n} new ties ({seg} pairs)" for seg, n in self.training.items())
        if kind == "evidence":
            return (
                f"ranked by the evidence: at most {self.state['new_ties']} new ties a year in the last two years, "
                f"the model needs {self.state['needed']}"
            )
        return "not fitted"

    # -- training ---------------------------------------------------------------
    def _graphs(self, cg: CollabGraph):
        """(feature graph, label graph, window number) per training window."""
        now = reference_time(cg)
        out = []
        for i, w in enumerate(self.windows):
            feat = cg.before(now - w.back)  # not previous(cg): training's derived matrices are not kept
            label = cg.before(now - w.back + w.horizon) if w.back > w.horizon else cg
            out.append((feat, label, i))
        return out

    def history(self, cg: CollabGraph) -> int:
        """The most new ties formed in one year of the training windows of one
        year (the last year of ``cg``'s history, the year before it) between
        actors that had partners before that year."""
        now = reference_time(cg)
        best = 0
        for w in self.windows:
            if w.horizon != 1:
                continue
            before = previous(cg) if w.back == 1 else cg.before(now - w.back)
            label = cg if w.back == 1 else cg.before(now - w.back + 1)
            warm = before.degree > 0
            new = binary(label.adjacency - label.adjacency.multiply(before.adjacency))
            u, v = _upper_pairs(new)
            best = max(best, int(np.sum(warm[u] & warm[v])))
        return best

    def _samples(self, feat: CollabGraph, label: CollabGraph, window: int, rng) -> dict[str, _Sample]:
        new = binary(label.adjacency - label.adjacency.multiply(feat.adjacency))
        pu, pv = _upper_pairs(new)
        seen = label.activity_count > 0
        warm = feat.degree > 0
        out: dict[str, _Sample] = {}
        for segment in ("warm", "cold"):
            if segment == "warm":
                mask = warm[pu] & warm[pv]
                pool, need = np.flatnonzero(warm), None
                n_pool = len(pool)
                total_pairs = n_pool * (n_pool - 1) / 2
            else:
                mask = (~warm[pu] | ~warm[pv]) & seen[pu] & seen[pv]
                pool, need = np.flatnonzero(seen), ~warm
                n_seen, n_cold = len(pool), int((seen & ~warm).sum())
                total_pairs = n_seen * (n_seen - 1) / 2 - (n_seen - n_cold) * (n_seen - n_cold - 1) / 2
            qu, qv = pu[mask], pv[mask]
            pos_total = len(qu)
            if pos_total == 0:
                continue
            if pos_total > self.max_positives:
                pick = rng.choice(pos_total, self.max_positives, replace=False)
                qu, qv = qu[pick], qv[pick]
            # Pairs of this segment still untied at the end of the window.
            ties = label.adjacency[pool][:, pool].nnz / 2 if segment == "warm" else pos_total
            untied = total_pairs - ties
            # negatives for each model of the bag; for warm pairs a share of
            # them through a shared partner, weighted back (graph.suggest.sampling)
            k = self.bag * int(min(self.max_negatives, max(self.negative_ratio * len(qu), 50)))
            draw = None
            if segment == "warm" and self.near > 0:
                draw = draw_negatives(
                    feat.adjacency, pool, k, rng, exclude=label.adjacency, near=self.near, untied=untied
                )
                nu, nv = draw.u, draw.v
            else:
                nu, nv = sample_pairs(pool, k, rng, exclude=label.adjacency, need=need)
            if len(nu) == 0:
                continue
            names, xp = pair_features(feat, qu, qv)
            _, xn = pair_features(feat, nu, nv)
            self.feature_names = names
            neg_total = max(untied, len(nu))
            w = None
            if draw is not None:  # the shared partners, from the feature cn = log1p(count)
                w = np.r_[np.ones(len(xp)), draw.weights(np.rint(np.expm1(xn[:, names.index("cn")])))]
            out[segment] = _Sample(
                x=np.vstack([xp, xn]),
                y=np.r_[np.ones(len(xp)), np.zeros(len(xn))],
                pos_total=pos_total,
                neg_total=float(neg_total),
                window=window,
                w=w,
            )
        return out

    def fit(self, cg: CollabGraph) -> LearnedScorer:
        self.models = {}
        self.training = {}
        recent = self.history(cg)
        if recent < self.min_history:
            self.state = {"kind": "evidence", "new_ties": recent, "needed": self.min_history}
            return self
        rng = np.random.default_rng(self.seed)
        per_segment: dict[str, list[_Sample]] = {"warm": [], "cold": []}
        for feat, label, i in self._graphs(cg):
            for seg, s in self._samples(feat, label, i, rng).items():
                per_segment[seg].append(s)
        for seg, samples in per_segment.items():
            model = self._train(samples, rng, TREE_PARAMS[seg])
            if model is not None:
                self.models[seg] = model
                self.training[seg] = model.positives
        if self.models.get("warm") is not None and self.models["warm"].kind == "trees":
            # Pairs with a low-degree actor: shallower trees on the same rows.
            low = self._train(per_segment["warm"], rng, TREE_PARAMS["low"])
            if low is not None:
                self.models["low"] = low
        self.state = {"kind": "trained", "new_ties": recent, "needed": self.min_history}
        if "warm" not in self.models:
            self.state = {"kind": "evidence", "new_ties": recent, "needed": self.min_history}
        return self

    def _train(self, samples: list[_Sample], rng, params: dict) -> CalibratedModel | Bag | None:
        if not samples:
            return None
        positives = int(sum(s.y.sum() for s in samples))
        negatives = int(sum(len(s.y) - s.y.sum() for s in samples))
        if positives < 3 or negatives < 3:
            return None
        if positives < 200:
            return self._linear(samples, positives)
        if self.bag == 1:  # one model of all the trees, as before the bag (bench/bench_learned_seeds.py)
            return self._trees(samples, rng, params, positives, random_state=self.seed)
        # Each model of the bag gets the positives and its own share of the negatives.
        shares = [np.array_split(rng.permutation(np.flatnonzero(s.y == 0)), self.bag) for s in samples]
        each = dict(
            params,
            max_iter=-(-params["max_iter"] // self.bag),
            learning_rate=params["learning_rate"] * self.bag,
        )
        members = []
        for j in range(self.bag):
            part = []
            for s, share in zip(samples, shares, strict=True):
                part.append(s.rows(np.r_[np.flatnonzero(s.y == 1), share[j]]))
            members.append(self._trees(part, rng, each, positives))
        return Bag(members)

    @staticmethod
    def _ratio(latest: _Sample) -> float:
        """How much rarer a positive is in the latest window than in its sample, against a negative."""
        return (latest.pos_total / max(latest.y.sum(), 1)) / (latest.neg_total / max(len(latest.y) - latest.y.sum(), 1))

    def _linear(self, samples: list[_Sample], positives: int) -> CalibratedModel:
        """A logistic regression for small training sets, corrected for the sampling ratio only."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        latest = min(samples, key=lambda s: s.window)
        x = np.vstack([s.x for s in samples])
        y = np.concatenate([s.y for s in samples])
        est = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000))
        est.fit(np.nan_to_num(x, nan=0.0), y, logisticregression__sample_weight=_weights(samples))
        return CalibratedModel(est, "linear", a=1.0, b=float(np.log(self._ratio(latest))), positives=positives)

    def _trees(
        self, samples: list[_Sample], rng, params: dict, positives: int, *, random_state: int | None = None
    ) -> CalibratedModel:
        """Gradient-boosted trees, Platt-scaled on a held-out fifth of the latest window (their
        ``random_state``, for the early-stopping split, drawn from ``rng`` when not given)."""
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.linear_model import LogisticRegression

        latest = min(samples, key=lambda s: s.window)
        hold = rng.random(len(latest.y)) < 0.2
        part = [s if s is not latest else s.rows(np.flatnonzero(~hold)) for s in samples]
        x = np.vstack([s.x for s in part])
        # Columns the data never fill (no fields, leads or amounts in this
        # graph) are left out: they carry nothing, and the trees' binning
        # cannot take a column without a single value.
        columns = np.flatnonzero(~np.isnan(x).all(axis=0))
        if random_state is None:
            random_state = int(rng.integers(2**31))
        est = HistGradientBoostingClassifier(**params, random_state=random_state)
        est.fit(x[:, columns], np.concatenate([s.y for s in part]), sample_weight=_weights(part))
        model = CalibratedModel(est, "trees", positives=positives, columns=columns)
        xh, yh = latest.x[hold], latest.y[hold]
        if yh.sum() >= 10 and (len(yh) - yh.sum()) >= 10:
            z = logit(est.predict_proba(xh[:, columns])[:, 1]).reshape(-1, 1)
            w = np.where(
                yh == 1,
                latest.pos_total / max(latest.y.sum(), 1),
                latest.neg_total / max(len(latest.y) - latest.y.sum(), 1),
            )
            if latest.w is not None:
                w = w * latest.w[hold]
            platt = LogisticRegression(C=1e6, max_iter=1000).fit(z, yh, sample_weight=w / w.mean())
            model.a, model.b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        else:
            model.b = float(np.log(self._ratio(latest)))
        return model

    # -- scoring ----------------------------------------------------------------
    def score(self, cg: CollabGraph, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        if "warm" not in self.models:
            return self._fallback(cg, u, v)
        out = np.zeros(len(u))
        if len(u) == 0:
            return out
        by_source = len(np.unique(u)) * 20 < len(u)
        names, x = pair_features(cg, u, v, by_source=by_source)
        if names != self.feature_names:
            raise ValueError("the graph has other attributes than the one the model was trained on; fit again")
        least = np.minimum(cg.degree[u], cg.degree[v])
        warm = least > 0
        low = warm & (least <= LOW_DEGREE) if "low" in self.models else np.zeros(len(u), dtype=bool)
        out[warm & ~low] = self.models["warm"].proba(x[warm & ~low])
        if low.any():
            out[low] = self.models["low"].proba(x[low])
        cold_model = self.models.get("cold", self.models["warm"])
        if (~warm).any():
            out[~warm] = cold_model.proba(x[~warm])
        return out

    def _fallback(self, cg, u, v):
        return evidence_score(cg, u, v)

    def __repr__(self) -> str:
        return f"LearnedScorer(status={self.status!r})"


__all__ = ["BAG", "DEFAULT_WINDOWS", "LOW_DEGREE", "MIN_HISTORY", "NEAR", "LearnedScorer", "Window"]
