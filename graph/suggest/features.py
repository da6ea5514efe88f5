"""Pair features for the learned scorer, computed with sparse matrices.

Every feature is symmetric in the pair: per-actor quantities enter as the
smaller and the larger of the two values. Groups:

neighbourhood
    common neighbours, Jaccard, Adamic-Adar, resource allocation,
    preferential attachment and degrees [1]_; common partners weighted by the
    number of shared activities and discounted by activity size (a
    100-partner consortium says less about two partners than a workshop of
    five); walks of length three, plain and degree-normalised [3]_.
recency
    shared activity with exponential time decay, common partners met in the
    last year, and per actor: activities and partners of the last one and two
    years, partners first met in the last year, partner slots of recent
    activities, years since first and last activity.
attributes
    for each actor attribute (country, type ...): same value or not, and how
    often actors with the two values are tied (all ties, and ties new in the
    last year) relative to the number of possible pairs, with a smoothing
    prior.
context
    topic cosine and number of shared groups (working groups, networks,
    cross-border city pairs).
activities
    field profiles, lead shares and amounts, where the data say them
    (:mod:`graph.suggest.activity_features`).

Derived matrices are cached on the :class:`CollabGraph` they come from.

References
----------
.. [1] D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for
   social networks", JASIST 58(7), 2007.
.. [2] R. N. Lichtenwalter, J. T. Lussier and N. V. Chawla, "New perspectives
   and methods in link prediction", KDD 2010 (features, time-based training).
.. [3] L. Lü, C.-H. Jin and T. Zhou, "Similarity index based on local paths
   for link prediction of complex networks", Phys. Rev. E 80, 2009.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from graph.suggest.activity_features import activity_columns
from graph.suggest.collab import CollabGraph, binary, offdiag

#: Time constant of the recency decay, in years.
TAU = 2.0
#: Pairs per block when multiplying sparse rows pairwise (bounds memory).
CHUNK = 40_000


def reference_time(cg: CollabGraph) -> float:
    """``cg.now``, or the year after the last dated activity when ``now`` is open."""
    if np.isfinite(cg.now):
        return float(cg.now)
    t = cg.activity_time[np.isfinite(cg.activity_time)]
    return float(np.floor(t.max()) + 1) if len(t) else 0.0


def _weighted_projection(cg: CollabGraph, weights: np.ndarray) -> sp.csr_matrix:
    b = binary(cg.incidence)
    return offdiag((b @ sp.diags(weights) @ b.T).tocsr())


def size_weighted(cg: CollabGraph) -> sp.csr_matrix:
    """Tie strength discounted by activity size: sum over shared activities of 1 / (size - 1)."""

    def make():
        s = cg.activity_size
        return _weighted_projection(cg, np.where(s > 1, 1.0 / np.maximum(s - 1, 1), 0.0))

    return cg.cached("size_weighted", make)


def decay_weights(cg: CollabGraph, tau: float = TAU) -> np.ndarray:
    """exp(-age / tau) per activity; undated activities count as ``tau`` years old."""
    now = reference_time(cg)
    age = np.where(np.isfinite(cg.activity_time), now - cg.activity_time, tau)
    return np.exp(-np.clip(age, 0, None) / tau)


def decayed(cg: CollabGraph) -> sp.csr_matrix:
    """Tie strength with time decay: sum over shared activities of exp(-age / TAU)."""
    return cg.cached("decayed", lambda: _weighted_projection(cg, decay_weights(cg)))


def recent(cg: CollabGraph, years: float = 1.0) -> CollabGraph:
    """The graph of the dated activities of the last ``years`` only."""

    def make():
        now = reference_time(cg)
        cols = np.flatnonzero(np.isfinite(cg.activity_time) & (cg.activity_time >= now - years))
        return cg.activities(cols, keep_sources=False)

    return cg.cached(f"recent{years}", make)


def previous(cg: CollabGraph) -> CollabGraph:
    """The graph as it was a year before :func:`reference_time`."""
    return cg.cached("previous", lambda: cg.before(reference_time(cg) - 1.0))


def new_ties(cg: CollabGraph) -> sp.csr_matrix:
    """Ties first formed in the last year."""

    def make():
        a = cg.adjacency
        return binary(a - a.multiply(previous(cg).adjacency))

    return cg.cached("new_ties", make)


def actor_stats(cg: CollabGraph) -> dict[str, np.ndarray]:
    """Per-actor activity statistics (see the module docstring)."""

    def make():
        now = reference_time(cg)
        b = binary(cg.incidence)
        coo = b.tocoo()
        t = cg.activity_time[coo.col]
        ok = np.isfinite(t)
        first = np.full(cg.n, np.inf)
        last = np.full(cg.n, -np.inf)
        np.minimum.at(first, coo.row[ok], t[ok])
        np.maximum.at(last, coo.row[ok], t[ok])
        rec1, rec2 = recent(cg, 1.0), recent(cg, 2.0)
        new = np.asarray(new_ties(cg).sum(axis=1)).ravel()
        slots = np.asarray(binary(rec1.incidence) @ np.maximum(rec1.activity_size - 1, 0)).ravel()
        return {
            "activities": cg.activity_count.astype(float),
            "activities_recent": rec1.activity_count.astype(float),
            "activities_recent2": rec2.activity_count.astype(float),
            "partners_recent": rec1.degree.astype(float),
            "partners_new": new,
            "slots_recent": slots,
            "strength_decayed": np.asarray(b @ decay_weights(cg)).ravel(),
            "novelty": np.where(rec1.degree > 0, new / np.maximum(rec1.degree, 1), np.nan),
            "years_since_first": np.where(np.isfinite(first), now - first, np.nan),
            "years_since_last": np.where(np.isfinite(last), now - last, np.nan),
        }

    return cg.cached("actor_stats", make)


#: Per-actor statistics that enter as log1p (the others enter as they are).
_LOGGED = {
    "activities",
    "activities_recent",
    "activities_recent2",
    "partners_recent",
    "partners_new",
    "slots_recent",
    "strength_decayed",
}


def pairdot(x: sp.csr_matrix, y: sp.csr_matrix, u: np.ndarray, v: np.ndarray, weights=None) -> np.ndarray:
    """sum over w of x[u, w] * y[v, w] (* weights[w]) for every pair, block by block."""
    out = np.empty(len(u))
    for s in range(0, len(u), CHUNK):
        p = x[u[s : s + CHUNK]].multiply(y[v[s : s + CHUNK]]).tocsr()
        out[s : s + CHUNK] = (p @ weights) if weights is not None else np.asarray(p.sum(axis=1)).ravel()
    return out


def _middle(a: sp.csr_matrix, weights: np.ndarray | None) -> sp.csr_matrix:
    return a if weights is None else (sp.diags(weights) @ a @ sp.diags(weights)).tocsr()


def paths3(
    a: sp.csr_matrix,
    u: np.ndarray,
    v: np.ndarray,
    *,
    weights: np.ndarray | None = None,
    mid: sp.csr_matrix | None = None,
    block: int = 256,
) -> np.ndarray:
    """Walks of length three between u and v, (A^3)[u, v]; with per-actor
    ``weights`` a walk u-a-b-v counts ``weights[a] * weights[b]`` (``mid``:
    the precomputed ``diag(weights) A diag(weights)``).

    Per block of sources, their two-step rows ``A[u] @ mid`` are made dense
    and read at each target's partners: a pair costs its target's partners,
    not its source's two-step row, which reaches most of a large network.
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    out = np.zeros(len(u))
    if len(u) == 0:
        return out
    mid = _middle(a, weights) if mid is None else mid
    order = np.argsort(u, kind="stable")
    us = u[order]
    uniq, starts = np.unique(us, return_index=True)
    bounds = [*starts, len(us)]
    for s in range(0, len(uniq), block):
        rows = uniq[s : s + block]
        two = (a[rows] @ mid).toarray()
        lo, hi = bounds[s], bounds[min(s + block, len(uniq))]
        sel = order[lo:hi]
        out[sel] = _read_at(two, np.searchsorted(rows, us[lo:hi]), a[v[sel]])
    return out


def _read_at(dense: np.ndarray, local: np.ndarray, targets: sp.csr_matrix) -> np.ndarray:
    """sum over w of ``dense[local[i], w] * targets[i, w]`` for every row i of ``targets``."""
    targets = sp.csr_matrix(targets)
    pair = np.repeat(np.arange(targets.shape[0]), np.diff(targets.indptr))
    values = dense[local[pair], targets.indices] * targets.data
    return np.bincount(pair, weights=values, minlength=targets.shape[0])


class _PairTerms:
    """Pair sums for arbitrary pairs: row-wise products of sparse rows."""

    def __init__(self, u: np.ndarray, v: np.ndarray):
        self.u, self.v = u, v

    def dot(self, x: sp.csr_matrix, y: sp.csr_matrix, weights: np.ndarray | None = None) -> np.ndarray:
        return pairdot(x, y, self.u, self.v, weights)

    def walks3(self, a: sp.csr_matrix, mid: sp.csr_matrix) -> np.ndarray:
        return paths3(a, self.u, self.v, mid=mid)


class _SourceTerms:
    """Pair sums when few actors are paired with many: per block of sources,
    their rows are multiplied out once and read at each source's targets
    (same values as :class:`_PairTerms`, up to rounding).

    A block is read one of two ways, whichever touches fewer stored entries
    of ``y`` (estimated from the row lengths, before any product):

    *spread*
        ``left @ y`` for all actors, then a lookup: costs the rows of ``y``
        that the sources' rows reach, plus a dense row per source.
    *gather*
        the targets' rows of ``y``, each dotted with its source's row: costs
        the targets' rows.

    Spreading suits short rows (a source's partners reach a few thousand
    entries), gathering suits long ones: for walks of three steps the
    source's two-step row reaches most of a large network's ties, while an
    actor's candidates (at most ``max_candidates``) hold far fewer.
    """

    def __init__(self, u: np.ndarray, v: np.ndarray, block: int = 64):
        self.u, self.v = u, v
        order = np.argsort(u, kind="stable")
        uniq, starts = np.unique(u[order], return_index=True)
        bounds = [*starts, len(u)]
        self.blocks = []
        for s in range(0, len(uniq), block):
            rows = uniq[s : s + block]
            sel = order[bounds[s] : bounds[min(s + block, len(uniq))]]
            # sources in ``sel`` are in increasing order, so ``local`` is sorted
            self.blocks.append((rows, sel, np.searchsorted(rows, u[sel])))
        # the targets' rows of a matrix, per block, once gathered (walks of
        # three steps read the adjacency's twice)
        self._target_rows: dict[tuple[int, int], sp.csr_matrix] = {}

    def _read(self, y: sp.csr_matrix, left_of) -> np.ndarray:
        """sum over w of left[source, w] * y[target, w] for every pair, where
        ``left_of(rows)`` gives the rows of a block of sources."""
        out = np.zeros(len(self.u))
        per_row = np.diff(y.indptr)
        square = y.shape[0] == y.shape[1]
        for b, (rows, sel, local) in enumerate(self.blocks):
            left = sp.csr_matrix(left_of(rows))
            v = self.v[sel]
            spread = (per_row[left.indices].sum() if square else y.nnz) + len(rows) * y.shape[0]
            if per_row[v].sum() < spread:
                key = (id(y), b)
                if key not in self._target_rows:
                    self._target_rows[key] = y[v]
                out[sel] = _gathered(self._target_rows[key], left, local)
            else:
                out[sel] = self._times(y, left)[local, v]
        return out

    @staticmethod
    def _times(y: sp.csr_matrix, left: sp.spmatrix) -> np.ndarray:
        """``left @ y.T`` as a dense array. Square matrices here are symmetric,
        so ``left @ y`` (whose cost grows with the rows ``left`` touches,
        not with all of ``y``); other shapes go through the transpose."""
        if y.shape[0] == y.shape[1]:
            return np.asarray((sp.csr_matrix(left) @ y).toarray())
        return np.asarray((y @ sp.csr_matrix(left).T).T.toarray())

    def dot(self, x, y, weights=None):
        if weights is None:
            return self._read(y, lambda rows: x[rows])
        return self._read(y, lambda rows: x[rows] @ sp.diags(weights))

    def walks3(self, a, mid):
        return self._read(a, lambda rows: a[rows] @ mid)


def _gathered(rows: sp.csr_matrix, left: sp.csr_matrix, local: np.ndarray) -> np.ndarray:
    """``rows[i] . left[local[i]]`` for every i (``local`` sorted): per source,
    its targets' rows times the source's row as a dense vector."""
    out = np.zeros(rows.shape[0])
    bounds = np.searchsorted(local, np.arange(left.shape[0] + 1))
    for j in range(left.shape[0]):
        lo, hi = bounds[j], bounds[j + 1]
        if lo < hi:
            out[lo:hi] = rows[lo:hi] @ left[j].toarray().ravel()
    return out


def _actor_weights(cg: CollabGraph) -> dict[str, np.ndarray]:
    """Per-actor weights of the neighbourhood features, made once per graph
    (one actor's suggestions would otherwise sum a large matrix each time)."""

    def make():
        deg = cg.degree.astype(float)
        strength = np.asarray(size_weighted(cg).sum(axis=1)).ravel()
        return {
            "deg": deg,
            "inv_deg": np.where(deg > 0, 1 / np.maximum(deg, 1), 0.0),
            "inv_log": np.where(deg > 1, 1 / np.log(np.maximum(deg, 2)), 0.0),
            "inv_strength": np.where(strength > 0, 1 / np.maximum(strength, 1e-12), 0.0),
        }

    return cg.cached("actor_weights", make)


def category_rates(
    cg: CollabGraph, name: str, which: str = "all", prior: float = 1000.0
) -> tuple[np.ndarray, np.ndarray]:
    """How often actors with two values of attribute ``name`` are tied.

    rate(a, b) = (ties(a, b) + prior * density) / (pairs(a, b) + prior), over
    all ties (``which="all"``) or the ties new in the last year (``"new"``).
    Returns the value code of every actor and the matrix of log rates.
    """

    def make():
        adjacency = cg.adjacency if which == "all" else new_ties(cg)
        cats, codes = np.unique(cg.attribute(name).astype(str), return_inverse=True)
        k = len(cats)
        c = sp.csr_matrix((np.ones(cg.n), (np.arange(cg.n), codes)), shape=(cg.n, k))
        ties = (c.T @ adjacency @ c).toarray()
        counts = np.bincount(codes, minlength=k).astype(float)
        pairs = np.outer(counts, counts) - np.diag(counts)
        density = adjacency.sum() / max(cg.n * (cg.n - 1), 1)
        rate = (ties + prior * density) / (pairs + prior)
        return codes, np.log(np.maximum(rate, 1e-12))

    return cg.cached(f"rates:{which}:{name}", make)


def _minmax(x: np.ndarray, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a, b = x[u], x[v]
    return np.fmin(a, b), np.fmax(a, b)


def pair_features(
    cg: CollabGraph, u: np.ndarray, v: np.ndarray, *, by_source: bool = False
) -> tuple[list[str], np.ndarray]:
    """The feature names and the matrix (one row per pair ``(u[i], v[i])``).

    ``by_source=True`` is faster when few distinct actors in ``u`` are each
    paired with many (suggestions for one actor, per-actor evaluation); the
    values are the same.
    """
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    terms = _SourceTerms(u, v) if by_source else _PairTerms(u, v)
    cols: dict[str, np.ndarray] = {}
    a = cg.adjacency
    weights = _actor_weights(cg)
    deg, inv_deg, inv_log = weights["deg"], weights["inv_deg"], weights["inv_log"]
    stats = actor_stats(cg)

    # neighbourhood
    cn = terms.dot(a, a)
    cols["cn"] = np.log1p(cn)
    cols["ra"] = terms.dot(a, a, inv_deg)
    cols["aa"] = terms.dot(a, a, inv_log)
    union = deg[u] + deg[v] - cn
    cols["jaccard"] = np.where(union > 0, cn / np.maximum(union, 1), 0.0)
    cols["log_pa"] = np.log1p(deg[u] * deg[v])
    cols["deg_min"], cols["deg_max"] = (np.log1p(x) for x in _minmax(deg, u, v))
    cols["cn_active"] = np.log1p(terms.dot(a, a, stats["activities_recent"]))
    cols["cn_growing"] = np.log1p(terms.dot(a, a, stats["partners_new"]))
    cols["ra_active"] = terms.dot(a, a, inv_deg * stats["activities_recent"])
    m = cg.shared
    cols["shared2"] = np.log1p(terms.dot(m, m))
    w = size_weighted(cg)
    cols["cn_sized"] = terms.dot(w, w)
    cols["ra_sized"] = terms.dot(w, w, weights["inv_strength"])
    cols["paths3"] = np.log1p(terms.walks3(a, a))
    cols["paths3_norm"] = cols["paths3"] - cols["log_pa"]
    cols["ra3"] = terms.walks3(a, cg.cached("mid:ra3", lambda: _middle(a, inv_deg)))

    # recency
    d = decayed(cg)
    cols["cn_decayed"] = np.log1p(terms.dot(d, d))

    def decayed_mid():
        dst = np.asarray(d.sum(axis=1)).ravel()
        return _middle(d, np.where(dst > 0, 1 / np.maximum(dst, 1e-12), 0.0))

    cols["ra3_decayed"] = terms.walks3(d, cg.cached("mid:ra3_decayed", decayed_mid))
    ar = recent(cg).adjacency
    cols["cn_recent"] = np.log1p(terms.dot(ar, a) + terms.dot(a, ar))
    cols["cn_recent_both"] = np.log1p(terms.dot(ar, ar))
    for key, values in stats.items():
        lo, hi = _minmax(values, u, v)
        if key in _LOGGED:
            lo, hi = np.log1p(lo), np.log1p(hi)
        cols[f"{key}_min"], cols[f"{key}_max"] = lo, hi
    cols["new_x_new"] = np.log1p(stats["partners_new"][u] * stats["partners_new"][v])
    cols["recent_x_recent"] = np.log1p(stats["activities_recent"][u] * stats["activities_recent"][v])

    # attributes
    for name in sorted(cg.attributes):
        values = cg.attribute(name)
        known = (values[u] != "") & (values[v] != "")
        cols[f"same_{name}"] = np.where(known, (values[u] == values[v]).astype(float), np.nan)
        for which in ("all", "new"):
            codes, rate = category_rates(cg, name, which)
            cols[f"rate_{which}_{name}"] = rate[codes[u], codes[v]]

    # context
    t = cg.topics
    if t.shape[1]:
        norms = np.sqrt(np.asarray(t.multiply(t).sum(axis=1)).ravel())
        den = norms[u] * norms[v]
        cols["topic_cos"] = np.where(den > 0, terms.dot(t, t) / np.maximum(den, 1e-300), 0.0)
    else:
        cols["topic_cos"] = np.zeros(len(u))
    cols["shared_groups"] = terms.dot(cg.groups, cg.groups) if cg.groups.shape[1] else np.zeros(len(u))
    # what the activities themselves say: field, lead, amount (nan where unknown)
    cols.update(activity_columns(cg, u, v))

    names = list(cols)
    matrix = np.column_stack([cols[k] for k in names]) if len(u) else np.zeros((0, len(names)))
    return names, matrix
