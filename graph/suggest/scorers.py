"""Scorers: small pluggable strategies that rate how likely two actors are to work together.

Every scorer is a small class with the same signature::

    scorer.fit(cg)                 # learn from the graph's history (no-op for heuristics)
    scorer.score(cg, u, v)         # one float per pair (u[i], v[i]) of actor indices
    scorer.score_rows(cg, rows)    # optional: rows x all actors as a sparse matrix

and registers itself in :data:`SCORERS` with :func:`register`, so a new
scorer is one small class plus its test. Values of the five neighbourhood
heuristics equal networkx's ``link_prediction`` functions on
:meth:`CollabGraph.to_networkx` (see ``tests/test_suggest_scorers.py``); they
are computed with sparse matrices, never a Python loop over pairs.

References
----------
.. [1] D. Liben-Nowell and J. Kleinberg, "The link-prediction problem for
   social networks", JASIST 58(7), 2007.
.. [2] T. Zhou, L. Lü and Y.-C. Zhang, "Predicting missing links via local
   information", Eur. Phys. J. B 71, 2009 (resource allocation).
.. [3] L. Katz, "A new status index derived from sociometric analysis",
   Psychometrika 18, 1953.
"""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from graph.errors import UnknownName
from graph.suggest.collab import CollabGraph
from graph.suggest.features import decayed, pairdot

#: Every registered scorer by name.
SCORERS: dict[str, type[Scorer]] = {}


def register(cls: type[Scorer]) -> type[Scorer]:
    """Class decorator: make a scorer available by its ``name``."""
    if cls.name in SCORERS:
        raise ValueError(f"scorer {cls.name!r} is registered twice")
    SCORERS[cls.name] = cls
    return cls


def get_scorer(name: str, **options) -> Scorer:
    """A new scorer by name; :class:`UnknownName` (a ``KeyError``) lists the known names."""
    try:
        cls = SCORERS[name]
    except KeyError:
        raise UnknownName("scorer", name, sorted(SCORERS)) from None
    return cls(**options)


def heuristic_names() -> list[str]:
    """Names of the scorers that need no training, in registration order."""
    return [n for n, c in SCORERS.items() if not c.learned]


class Scorer(ABC):
    """A strategy that scores actor pairs; higher means more likely to work together."""

    #: Registry key, also used in the CLI (``--scorer``).
    name: ClassVar[str]
    #: One sentence a coordinator can read.
    description: ClassVar[str]
    #: True when :meth:`fit` learns from the graph.
    learned: ClassVar[bool] = False

    def fit(self, cg: CollabGraph) -> Scorer:
        """Learn what is needed from ``cg`` (heuristics need nothing)."""
        return self

    @abstractmethod
    def score(self, cg: CollabGraph, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Scores of the pairs ``(u[i], v[i])`` (actor row indices)."""

    def score_rows(self, cg: CollabGraph, rows: np.ndarray) -> sp.csr_matrix | None:
        """Scores of ``rows`` against every actor, or None when not available
        in matrix form (pairs scoring zero are then not candidates)."""
        return None

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def _pairs(u, v) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)


def _grouped(score):
    """Decorate ``score``: when few sources are paired with many targets
    (one actor's candidates), compute whole rows with :meth:`Scorer.score_rows`
    block by block and look the pairs up. Same values, far fewer operations."""

    @functools.wraps(score)
    def wrapper(self, cg, u, v):
        u, v = _pairs(u, v)
        sources = np.unique(u)
        if len(u) < 64 or len(sources) * 20 > len(u):
            return score(self, cg, u, v)
        out = np.zeros(len(u))
        for s in range(0, len(sources), 64):
            rows = sources[s : s + 64]
            sel = np.flatnonzero(np.isin(u, rows))
            block = self.score_rows(cg, rows).toarray()
            out[sel] = block[np.searchsorted(rows, u[sel]), v[sel]]
        return out

    return wrapper


def _inv_degree(cg: CollabGraph) -> np.ndarray:
    d = cg.degree.astype(float)
    return np.where(d > 0, 1.0 / np.maximum(d, 1.0), 0.0)


def _inv_log_degree(cg: CollabGraph) -> np.ndarray:
    d = cg.degree.astype(float)
    return np.where(d > 1, 1.0 / np.log(np.maximum(d, 2.0)), 0.0)


def _rows_via(cg: CollabGraph, rows: np.ndarray, weights: np.ndarray | None) -> sp.csr_matrix:
    a = cg.adjacency
    left = a[np.asarray(rows, dtype=np.int64)]
    if weights is not None:
        left = left @ sp.diags(weights)
    return (left @ a).tocsr()


@register
class CommonNeighbours(Scorer):
    """Number of shared partners |N(u) & N(v)| (networkx ``common_neighbors``)."""

    name = "common_neighbours"
    description = "How many partners the two have in common."

    @_grouped
    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        return pairdot(cg.adjacency, cg.adjacency, u, v)

    def score_rows(self, cg, rows):
        return _rows_via(cg, rows, None)


@register
class Jaccard(Scorer):
    """Shared partners over all partners of either, |N(u) & N(v)| / |N(u) | N(v)|
    (networkx ``jaccard_coefficient``; 0 when neither has partners)."""

    name = "jaccard"
    description = "Share of their partners that they have in common."

    @_grouped
    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        cn = pairdot(cg.adjacency, cg.adjacency, u, v)
        union = cg.degree[u] + cg.degree[v] - cn
        return np.where(union > 0, cn / np.maximum(union, 1), 0.0)

    def score_rows(self, cg, rows):
        cn = _rows_via(cg, rows, None).tocoo()
        union = cg.degree[np.asarray(rows)[cn.row]] + cg.degree[cn.col] - cn.data
        return sp.csr_matrix((cn.data / np.maximum(union, 1), (cn.row, cn.col)), shape=cn.shape)


@register
class AdamicAdar(Scorer):
    """Sum over shared partners w of 1 / log(deg w) (networkx ``adamic_adar_index``)."""

    name = "adamic_adar"
    description = "Shared partners, counting a partner more the fewer partners it has."

    @_grouped
    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        return pairdot(cg.adjacency, cg.adjacency, u, v, _inv_log_degree(cg))

    def score_rows(self, cg, rows):
        return _rows_via(cg, rows, _inv_log_degree(cg))


@register
class ResourceAllocation(Scorer):
    """Sum over shared partners w of 1 / deg w (networkx ``resource_allocation_index``)."""

    name = "resource_allocation"
    description = "Shared partners, a partner counting in inverse proportion to its number of partners."

    @_grouped
    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        return pairdot(cg.adjacency, cg.adjacency, u, v, _inv_degree(cg))

    def score_rows(self, cg, rows):
        return _rows_via(cg, rows, _inv_degree(cg))


@register
class PreferentialAttachment(Scorer):
    """deg u * deg v (networkx ``preferential_attachment``): active actors meet more."""

    name = "preferential_attachment"
    description = "Both are well connected."

    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        return cg.degree[u].astype(float) * cg.degree[v].astype(float)


@register
class Katz(Scorer):
    """Truncated Katz index on the two-mode graph.

    ``beta * M + beta^2 * M^2 + beta^3 * M^3`` at (u, v), where ``M[a, b]``
    is the number of activities a and b share (the actor-activity-actor
    steps of the two-mode graph, so repeated cooperation counts more).
    Walks up to three collaborations long; a longer walk counts ``beta``
    times less than a shorter one [3]_.
    """

    name = "katz"
    description = "Many short chains of joint activities lead from one to the other."

    def __init__(self, beta: float = 0.05):
        self.beta = float(beta)

    @_grouped
    def score(self, cg, u, v):
        from graph.suggest.features import paths3

        u, v = _pairs(u, v)
        m = cg.shared
        b = self.beta
        direct = np.asarray(m[u, v]).ravel() if len(u) else np.zeros(0)
        return b * direct + b**2 * pairdot(m, m, u, v) + b**3 * paths3(m, u, v)

    def score_rows(self, cg, rows):
        m = cg.shared
        r = m[np.asarray(rows, dtype=np.int64)]
        r2 = (r @ m).tocsr()
        r3 = (r2 @ m).tocsr()
        b = self.beta
        return (b * r + b**2 * r2 + b**3 * r3).tocsr()


@register
class TopicSimilarity(Scorer):
    """Cosine similarity of the two actors' topics (directly addressed or through their activities)."""

    name = "topic_similarity"
    description = "They work on the same topics."

    @_grouped
    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        t = cg.topics
        if t.shape[1] == 0:
            return np.zeros(len(u))
        norms = np.sqrt(np.asarray(t.multiply(t).sum(axis=1)).ravel())
        dots = pairdot(t, t, u, v)
        den = norms[u] * norms[v]
        return np.where(den > 0, dots / np.maximum(den, 1e-300), 0.0)

    def score_rows(self, cg, rows):
        t = cg.topics
        if t.shape[1] == 0:
            return sp.csr_matrix((len(rows), cg.n))
        norms = np.sqrt(np.asarray(t.multiply(t).sum(axis=1)).ravel())
        inv = np.where(norms > 0, 1 / np.maximum(norms, 1e-300), 0.0)
        tn = sp.diags(inv) @ t
        return (tn[np.asarray(rows, dtype=np.int64)] @ tn.T).tocsr()


@register
class AttributeSimilarity(Scorer):
    """Share of the attributes known for both that are equal, plus the number
    of groups (working groups, networks, city pairs) they share."""

    name = "attribute_similarity"
    description = "They are alike (same type, same country) or belong to the same working groups."

    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        same = np.zeros(len(u))
        known = np.zeros(len(u))
        for name in cg.attributes:
            vals = cg.attribute(name)
            k = (vals[u] != "") & (vals[v] != "")
            known += k
            same += k & (vals[u] == vals[v])
        out = np.where(known > 0, same / np.maximum(known, 1), 0.0)
        if cg.groups.shape[1]:
            out = out + pairdot(cg.groups, cg.groups, u, v)
        return out


@register
class Recency(Scorer):
    """Time-decayed common partners: sum over shared partners w of
    d(u, w) * d(w, v), where d sums exp(-age / 2 years) over the activities
    two actors shared. Recent joint work counts most (undated work counts as
    two years old)."""

    name = "recency"
    description = "They have recently worked with the same partners."

    @_grouped
    def score(self, cg, u, v):
        u, v = _pairs(u, v)
        d = decayed(cg)
        return pairdot(d, d, u, v)

    def score_rows(self, cg, rows):
        d = decayed(cg)
        return (d[np.asarray(rows, dtype=np.int64)] @ d).tocsr()
