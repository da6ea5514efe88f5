"""Drawing the pairs a model learns from: random untied pairs, and pairs
through a shared partner with the weights that make them stand for all.

The learned default (:mod:`graph.suggest.learned`) learns from pairs that
started working together and from pairs that did not. Drawn uniformly, the
pairs that did not are nearly all strangers with no partner in common: easy
to tell apart, and not where a planner's top ten are decided. The pairs that
matter, two actors with shared partners that still did not meet, are a
small share of a uniform sample, so the trees see few of them.

:func:`draw_negatives` can therefore draw part of the negatives *through a
shared partner* (a random partner ``w`` chosen in proportion to the pairs
among its partners, then two of its partners), so a pair is drawn in
proportion to its number of shared partners, and the rest uniformly. Each
drawn pair carries an importance weight, the inverse of how often the
mixture draws it (:meth:`NegativeDraw.weights`), so the weighted sample
stands for the uniform population of untied pairs and the model's
probabilities keep their meaning. Training on pairs near each other follows
Lichtenwalter et al. [1]_, who train link predictors on pairs within a few
steps; the weights are the multiple importance sampling estimator of Veach
and Guibas [2]_ (the balance heuristic).

The learned default does not use it (``near=0``, :data:`graph.suggest.learned.NEAR`):
with half of the negatives drawn this way it ranked worse on CORDIS at a cut
no reported figure uses (docs/suggestions.md, *Negatives through a shared
partner*). With a fixed number of negatives, the ones drawn near take the
place of uniform ones, which then stand for more of the population each.

References
----------
.. [1] R. N. Lichtenwalter, J. T. Lussier and N. V. Chawla, "New perspectives
   and methods in link prediction", KDD 2010.
.. [2] E. Veach and L. J. Guibas, "Optimally combining sampling techniques
   for Monte Carlo rendering", SIGGRAPH 1995.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


def sample_pairs(
    pool: np.ndarray,
    k: int,
    rng: np.random.Generator,
    *,
    exclude: sp.csr_matrix,
    need: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Up to ``k`` distinct random unordered pairs (u < v) of actors in
    ``pool`` that are not tied in ``exclude``; with ``need`` (a mask over all
    actors) at least one end of each pair must be in it.

    Pairs are drawn uniformly; small pools are enumerated, large ones
    sampled with rejection.
    """
    pool = np.unique(np.asarray(pool, dtype=np.int64))
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    if len(pool) < 2 or k <= 0 or (need is not None and not need[pool].any()):
        return empty
    if len(pool) <= 3000:
        iu, iv = np.triu_indices(len(pool), k=1)
        u, v = pool[iu], pool[iv]
        ok = np.asarray(exclude[u, v]).ravel() == 0
        if need is not None:
            ok &= need[u] | need[v]
        u, v = u[ok], v[ok]
        if len(u) > k:
            pick = np.sort(rng.choice(len(u), k, replace=False))
            u, v = u[pick], v[pick]
        return u, v
    seen: set[int] = set()
    out_u: list[np.ndarray] = []
    out_v: list[np.ndarray] = []
    n_total = exclude.shape[0]
    got = 0
    for _ in range(200):
        a = rng.choice(pool, 3 * k + 100)
        b = rng.choice(pool, 3 * k + 100)
        keep = a != b
        if need is not None:
            keep &= need[a] | need[b]
        a, b = a[keep], b[keep]
        u, v = np.minimum(a, b), np.maximum(a, b)
        ok = np.asarray(exclude[u, v]).ravel() == 0
        u, v = u[ok], v[ok]
        key = u * n_total + v
        _, first = np.unique(key, return_index=True)
        first = np.sort(first)
        fresh = np.array([x not in seen for x in key[first]], dtype=bool) if len(first) else np.zeros(0, bool)
        first = first[fresh][: k - got]
        seen.update(key[first].tolist())
        out_u.append(u[first])
        out_v.append(v[first])
        got += len(first)
        if got >= k:
            break
    return np.concatenate(out_u), np.concatenate(out_v)


def sample_near_pairs(
    a: sp.csr_matrix, k: int, rng: np.random.Generator, *, exclude: sp.csr_matrix
) -> tuple[np.ndarray, np.ndarray, float]:
    """``k`` random unordered pairs (u < v) with a shared partner in ``a`` (a
    0/1 adjacency without self-ties) that are not tied in ``exclude``, each
    drawn in proportion to its number of shared partners, with repetition.

    A draw picks a middle actor ``w`` with probability proportional to the
    number of pairs among its partners, then two distinct partners of ``w``:
    every *wedge* (u, w, v) is equally likely. Drawn wedges whose ends are
    tied in ``exclude`` are drawn again. Also returns the estimated number of
    open wedges (wedges with untied ends), the total the accepted draws are
    proportional to.
    """
    a = sp.csr_matrix(a)
    deg = np.diff(a.indptr).astype(np.int64)
    wedges = deg * (deg - 1) / 2
    total = float(wedges.sum())
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0.0)
    if k <= 0 or total == 0:
        return empty
    p = wedges / total
    out_u: list[np.ndarray] = []
    out_v: list[np.ndarray] = []
    drawn = got = 0
    for _ in range(200):
        m = rng.choice(len(deg), 2 * (k - got) + 100, p=p)
        i = rng.integers(0, deg[m])
        j = rng.integers(0, deg[m] - 1)
        j = j + (j >= i)  # a second, different partner
        x, y = a.indices[a.indptr[m] + i], a.indices[a.indptr[m] + j]
        u, v = np.minimum(x, y).astype(np.int64), np.maximum(x, y).astype(np.int64)
        take = np.flatnonzero(np.asarray(exclude[u, v]).ravel() == 0)
        if len(take) >= k - got:
            take = take[: k - got]
            drawn += int(take[-1]) + 1  # the draws after the last one kept do not count
        else:
            drawn += len(u)
        u, v = u[take], v[take]
        out_u.append(u)
        out_v.append(v)
        got += len(u)
        if got >= k:
            break
    return np.concatenate(out_u), np.concatenate(out_v), total * got / max(drawn, 1)


@dataclass(frozen=True)
class NegativeDraw:
    """Negatives from two draws: ``uniform`` of them uniformly among the
    ``untied`` pairs, then ``near`` of them through a shared partner among
    ``open_wedges`` open wedges (:func:`sample_near_pairs`)."""

    u: np.ndarray
    v: np.ndarray
    uniform: int
    near: int
    untied: float
    open_wedges: float

    def weights(self, shared: np.ndarray) -> np.ndarray:
        """Importance weights of the pairs, given each pair's number of shared
        partners, with mean 1: the inverse of the number of times the two
        draws together are expected to draw the pair (the balance heuristic).
        A weighted mean over the pairs estimates the mean over all untied pairs."""
        shared = np.asarray(shared, dtype=float)
        expected = np.full(len(shared), self.uniform / max(self.untied, 1.0))
        if self.near:
            expected = expected + self.near * shared / max(self.open_wedges, 1.0)
        w = 1.0 / np.maximum(expected, 1e-300)
        return w / w.mean() if len(w) else w


def draw_negatives(
    a: sp.csr_matrix,
    pool: np.ndarray,
    k: int,
    rng: np.random.Generator,
    *,
    exclude: sp.csr_matrix,
    near: float,
    untied: float,
) -> NegativeDraw:
    """``k`` negatives among the actors of ``pool`` (all of them with partners
    in ``a``): a share ``near`` drawn through a shared partner, the rest
    uniformly (:func:`sample_pairs`); ``untied`` is the number of untied pairs
    of ``pool``. See the module docstring for why."""
    k_near = int(round(k * near))
    nu, nv = sample_pairs(pool, k - k_near, rng, exclude=exclude)
    mu, mv, open_wedges = sample_near_pairs(a, k_near, rng, exclude=exclude)
    return NegativeDraw(
        u=np.r_[nu, mu],
        v=np.r_[nv, mv],
        uniform=len(nu),
        near=len(mu),
        untied=untied,
        open_wedges=open_wedges,
    )


__all__ = ["NegativeDraw", "draw_negatives", "sample_near_pairs", "sample_pairs"]
