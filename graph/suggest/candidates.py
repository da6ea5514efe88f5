"""Who could be suggested to whom.

For an actor, the candidates are

- actors two or three steps away in the collaboration graph (partners of
  partners, and their partners), and
- actors in another country that share a topic, a working group or network,
  or a pair of linked cities with it, even with no path between them: new
  actors have no ties yet, and about half of new ties in real collaboration
  data involve such an actor.

Current partners, the actor itself, its own units and parents (at any
depth) and excluded pairs (planner feedback) are never candidates.

A unit (a working group, a board, a service; :mod:`graph.suggest.structure`)
is not suggested to an outsider when its parent is a candidate too:
:func:`fold_units` folds it into its parent's suggestion, which then names it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from graph.suggest.collab import CollabGraph, binary


@dataclass(frozen=True)
class Candidates:
    """The candidates of one actor (``source``), as actor indices.

    ``steps`` is 2 or 3 (the distance in the collaboration graph), or 0 when
    the candidate is only reachable through shared context; ``context`` is
    True where it shares a topic, group or city pair across a border.
    """

    source: int
    targets: np.ndarray
    steps: np.ndarray
    context: np.ndarray

    def __len__(self) -> int:
        return len(self.targets)


def _row_nonzero(m: sp.spmatrix) -> np.ndarray:
    return np.asarray(sp.csr_matrix(m).indices, dtype=np.int64)


def _memberships(cg: CollabGraph) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """The 0/1 incidence matrix (actors x activities) and its transpose, both
    CSR, made once per graph. Two actors are partners exactly when they share
    an activity, so a search over them follows the collaboration graph."""

    def make():
        b = binary(cg.incidence)
        return b, b.T.tocsr()

    return cg.cached("candidates:memberships", make)


def _inverse_degrees(cg: CollabGraph) -> sp.csr_matrix:
    """diag(1 / degree) (0 for actors without partners), made once per graph."""

    def make():
        deg = cg.degree.astype(float)
        return sp.diags(np.where(deg > 0, 1 / np.maximum(deg, 1), 0.0)).tocsr()

    return cg.cached("candidates:inverse_degrees", make)


def candidates(
    cg: CollabGraph,
    source: int,
    *,
    max_steps: int = 3,
    context: bool = True,
    exclude: Collection[int] = (),
) -> Candidates:
    """The candidates of actor index ``source`` (see the module docstring)."""
    n = cg.n
    dist = np.full(n, -1, dtype=np.int64)
    dist[source] = 0
    b, members = _memberships(cg)
    frontier = np.zeros(n)
    frontier[source] = 1.0
    for step in range(1, max_steps + 1):
        # Breadth-first on the two-mode graph: the frontier's activities,
        # then everyone in them (the partners, and the frontier itself, which
        # has a distance already). Two products with vectors over the
        # incidence matrix cost far less than one sparse product with the
        # adjacency: on CORDIS the incidence has a tenth of its entries.
        acts = (members @ frontier) > 0
        reached = (b @ acts.astype(float)) > 0
        fresh = np.flatnonzero(reached & (dist < 0))
        dist[fresh] = step
        if len(fresh) == 0:
            break
        frontier = np.zeros(n)
        frontier[fresh] = 1.0
    shared = np.zeros(n, dtype=bool)
    if context:
        for m in (cg.topics, cg.groups):
            if m.shape[1]:
                shared[_row_nonzero(m[source] @ m.T)] = True
        hits = np.flatnonzero(shared)  # compare countries only where it matters
        shared[hits] = cg.crosses_border(np.full(len(hits), source), hits)
    keep = (dist >= 2) | (shared & (dist != 0) & (dist != 1))
    keep[source] = False
    keep[family(cg, source)] = False
    if len(exclude):
        keep[np.asarray(list(exclude), dtype=np.int64)] = False
    targets = np.flatnonzero(keep)
    steps = np.where(dist[targets] >= 2, dist[targets], 0)
    return Candidates(source=source, targets=targets, steps=steps, context=shared[targets])


def family(cg: CollabGraph, source: int) -> np.ndarray:
    """The units of ``source`` and the actors it is a unit of, at any depth (indices)."""
    up = cg.ancestors
    if up.nnz == 0:
        return np.zeros(0, dtype=np.int64)
    parents = up.indices[up.indptr[source] : up.indptr[source + 1]]
    units = np.flatnonzero(np.asarray(up[:, source].todense()).ravel() > 0)
    return np.union1d(parents, units).astype(np.int64)


def fold_units(cg: CollabGraph, targets: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Fold units into their parents where both are candidates.

    ``targets`` are the candidates of one actor and ``scores`` theirs. A
    candidate with a parent (at any depth) among the candidates is dropped;
    its outermost candidate parent (the highest-scoring one, the first on
    ties) takes the higher of the two scores. Returns the new scores (folded
    units ``-inf``) and, per position of a parent, the positions of its
    folded units, best first.
    """
    up = cg.ancestors
    scores = np.asarray(scores, dtype=float).copy()
    if up.nnz == 0 or len(targets) == 0:
        return scores, {}
    pos = {int(t): k for k, t in enumerate(targets)}
    above = [[pos[int(p)] for p in up.indices[up.indptr[t] : up.indptr[t + 1]] if int(p) in pos] for t in targets]
    folded: dict[int, list[int]] = {}
    for k, parents in enumerate(above):
        tops = [q for q in parents if not above[q]]  # fold into the outermost candidate (ancestors are transitive)
        if tops:
            best = max(tops, key=lambda q: (scores[q], -q))
            folded.setdefault(best, []).append(k)
    out = scores.copy()
    for parent, units in folded.items():
        units.sort(key=lambda q: (-scores[q], int(targets[q])))
        out[parent] = max(scores[parent], *(scores[q] for q in units))
        out[units] = -np.inf
    return out, folded


def prescore(cg: CollabGraph, source: int, targets: np.ndarray) -> np.ndarray:
    """A cheap ranking of candidates for pruning: resource allocation over
    two steps plus its three-step analogue (walks s-a-b-t weighted by
    1 / (deg a * deg b))."""
    a = cg.adjacency
    inv = _inverse_degrees(cg)
    row = a[source] @ inv
    two = row @ a
    three = (two @ inv) @ a
    return np.asarray((two + three).todense()).ravel()[targets]


def _best(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest values, ties going to the earlier
    position, in increasing order: the set ``np.argsort(-values,
    kind="stable")[:k]``, found with a partition instead of sorting all
    (an actor on CORDIS has some 30,000 candidates, of which 1,000 stay)."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k >= len(values):
        return np.arange(len(values))
    if np.isnan(values).any():
        return np.sort(np.argsort(-values, kind="stable")[:k])
    kth = np.partition(values, len(values) - k)[len(values) - k]  # the k-th largest value
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: k - len(above)]
    return np.union1d(above, tied)


def prune(cg: CollabGraph, cand: Candidates, limit: int) -> Candidates:
    """At most ``limit`` candidates: the best by :func:`prescore`, keeping
    context candidates (no path) up to a quarter of the limit."""
    if len(cand) <= limit:
        return cand
    score = prescore(cg, cand.source, cand.targets)
    ctx_only = np.flatnonzero(cand.steps == 0)
    ctx_keep = ctx_only[_best(cg.activity_count[cand.targets[ctx_only]], limit // 4)]
    path = np.flatnonzero(cand.steps > 0)
    path_keep = path[_best(score[path], limit - len(ctx_keep))]
    keep = np.sort(np.r_[path_keep, ctx_keep])
    return Candidates(cand.source, cand.targets[keep], cand.steps[keep], cand.context[keep])


__all__ = ["Candidates", "candidates", "family", "fold_units", "prescore", "prune"]
