"""Who could be suggested to whom.

For an actor, the candidates are

- actors two or three steps away in the collaboration graph (partners of
  partners, and their partners), and
- actors in another country that share a topic, a working group or network,
  or a pair of linked cities with it, even with no path between them: new
  actors have no ties yet, and about half of new ties in real collaboration
  data involve such an actor.

Current partners, the actor itself and excluded pairs (planner feedback) are
never candidates.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from graph.suggest.collab import CollabGraph


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


def candidates(
    cg: CollabGraph,
    source: int,
    *,
    max_steps: int = 3,
    context: bool = True,
    exclude: Collection[int] = (),
) -> Candidates:
    """The candidates of actor index ``source`` (see the module docstring)."""
    a = cg.adjacency
    n = cg.n
    dist = np.full(n, -1, dtype=np.int64)
    dist[source] = 0
    frontier = sp.csr_matrix(([1.0], ([0], [source])), shape=(1, n))
    for step in range(1, max_steps + 1):
        reached = _row_nonzero(frontier @ a)
        fresh = reached[dist[reached] < 0]
        dist[fresh] = step
        if len(fresh) == 0:
            break
        frontier = sp.csr_matrix((np.ones(len(fresh)), (np.zeros(len(fresh), dtype=np.int64), fresh)), shape=(1, n))
    shared = np.zeros(n, dtype=bool)
    if context:
        for m in (cg.topics, cg.groups):
            if m.shape[1]:
                shared[_row_nonzero(m[source] @ m.T)] = True
        shared &= cg.crosses_border(np.full(n, source), np.arange(n))
    keep = (dist >= 2) | (shared & (dist != 0) & (dist != 1))
    keep[source] = False
    if len(exclude):
        keep[np.asarray(list(exclude), dtype=np.int64)] = False
    targets = np.flatnonzero(keep)
    steps = np.where(dist[targets] >= 2, dist[targets], 0)
    return Candidates(source=source, targets=targets, steps=steps, context=shared[targets])


def prescore(cg: CollabGraph, source: int, targets: np.ndarray) -> np.ndarray:
    """A cheap ranking of candidates for pruning: resource allocation over
    two steps plus its three-step analogue (walks s-a-b-t weighted by
    1 / (deg a * deg b))."""
    a = cg.adjacency
    deg = cg.degree.astype(float)
    inv = sp.diags(np.where(deg > 0, 1 / np.maximum(deg, 1), 0.0))
    row = a[source] @ inv
    two = row @ a
    three = (two @ inv) @ a
    return np.asarray((two + three).todense()).ravel()[targets]


def prune(cg: CollabGraph, cand: Candidates, limit: int) -> Candidates:
    """At most ``limit`` candidates: the best by :func:`prescore`, keeping
    context candidates (no path) up to a quarter of the limit."""
    if len(cand) <= limit:
        return cand
    score = prescore(cg, cand.source, cand.targets)
    ctx_only = np.flatnonzero(cand.steps == 0)
    ctx_keep = ctx_only[np.argsort(-cg.activity_count[cand.targets[ctx_only]], kind="stable")[: limit // 4]]
    path = np.flatnonzero(cand.steps > 0)
    path_keep = path[np.argsort(-score[path], kind="stable")[: limit - len(ctx_keep)]]
    keep = np.sort(np.r_[path_keep, ctx_keep])
    return Candidates(cand.source, cand.targets[keep], cand.steps[keep], cand.context[keep])


__all__ = ["Candidates", "candidates", "prescore", "prune"]
