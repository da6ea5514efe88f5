"""Listing every triangle of a :class:`~graph.analysis.network.Network` in batches.

Clustering, Burt's constraint and effective size, and the brokerage roles
all sum something over the triangles around a node. Listing them once, in
vectorised batches, makes these metrics linear in the number of triangles.

Algorithm: the "forward" scheme of Schank & Wagner (2005) with degree
ordering (Latapy 2008): orient each tie from the lower- to the higher-ranked
end (rank = degree, ties broken by position); every triangle ``u -> v -> w``
with ``u -> w`` is then found exactly once, from its lowest-ranked corner,
in ``O(m^1.5)`` time at worst.

References
----------
.. [1] T. Schank and D. Wagner, "Finding, counting and listing all triangles
   in large graphs, an experimental study", WEA 2005, LNCS 3503, 606-609.
.. [2] M. Latapy, "Main-memory triangle computations for very large (sparse
   (power-law)) graphs", Theoretical Computer Science 407 (2008) 458-473.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from graph.analysis.network import Network

#: Candidate wedges examined per batch (bounds the memory of a batch).
BATCH = 1 << 21
#: Cells of the table that marks the forward ties of a run of sources.
CELLS = 1 << 24


def triangles(net: Network, *, batch: int = BATCH) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Yield batches of triangles as CSR positions of three of their ties.

    Each triangle appears exactly once, as ``(uv, vw, uw)``: positions in
    ``net.indices`` of the entries ``u -> v``, ``v -> w`` and ``u -> w``
    (so ``net.rows[uv] == u`` and ``net.indices[uv] == v``). The reverse
    entries are ``net.reverse[...]``.
    """
    n = net.n
    if net.m == 0:
        return
    rows, cols, deg = net.rows, net.indices, net.degree
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    fwd = np.flatnonzero(rank[rows] < rank[cols])  # CSR positions of forward entries, by row
    it = np.int32 if len(cols) < 2**31 - 1 else np.int64
    fwd = fwd.astype(it)
    osrc = rows[fwd].astype(it)
    odst = cols[fwd].astype(it)
    optr = np.zeros(n + 1, dtype=it)
    np.cumsum(np.bincount(osrc, minlength=n), out=optr[1:])
    outdeg = np.diff(optr)
    lens = outdeg[odst]  # candidate wedges behind each forward entry
    # Cut the sources into runs of at most ``batch`` candidates (a single
    # source with more candidates forms its own run) and at most ``span``
    # sources, whose forward entries are marked in a dense table of
    # ``span * n`` cells (reset after each run).
    span = max(1, CELLS // n)
    mark = np.zeros(span * n, dtype=it)
    cum = np.cumsum(np.bincount(osrc, weights=lens, minlength=n))
    u0 = 0
    while u0 < n:
        base = cum[u0 - 1] if u0 else 0.0
        u1 = int(np.searchsorted(cum, base + batch, side="right"))
        u1 = min(max(u1, u0 + 1), u0 + span, n)
        e0, e1 = optr[u0], optr[u1]
        total = int(lens[e0:e1].sum())
        if total:
            cells = np.add((osrc[e0:e1] - u0) * n, odst[e0:e1])
            mark[cells] = np.arange(e0 + 1, e1 + 1, dtype=it)
            runs = lens[e0:e1]
            first = np.repeat(np.arange(e0, e1, dtype=it), runs)  # forward entry u -> v
            starts = np.cumsum(runs, dtype=it) - runs
            second = np.repeat(optr[odst[e0:e1]] - starts, runs) + np.arange(total, dtype=it)  # forward entry v -> w
            third = mark[(osrc[first] - u0) * n + odst[second]]  # forward entry u -> w, plus 1
            hit = third > 0
            mark[cells] = 0
            if hit.any():
                yield fwd[first[hit]], fwd[second[hit]], fwd[third[hit] - 1]
        u0 = u1


def triangle_list(net: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All triangles as three arrays of CSR positions (see :func:`triangles`), cached on ``net``."""
    cached = net.cache.get("triangles")
    if cached is None:
        parts = list(triangles(net))
        if parts:
            cached = tuple(np.concatenate([p[i] for p in parts]) for i in range(3))
        else:
            empty = np.zeros(0, dtype=np.int64)
            cached = (empty, empty, empty)
        net.cache["triangles"] = cached
    return cached


def chunks(net: Network, size: int = 1 << 21) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The cached triangle list in slices of at most ``size`` triangles."""
    uv, vw, uw = triangle_list(net)
    for i in range(0, len(uv), size):
        yield uv[i : i + size], vw[i : i + size], uw[i : i + size]


def node_triangles(net: Network) -> np.ndarray:
    """Number of triangles at each node."""
    uv, vw, _ = triangle_list(net)
    n = net.n
    return (
        np.bincount(net.rows[uv], minlength=n)
        + np.bincount(net.indices[uv], minlength=n)
        + np.bincount(net.indices[vw], minlength=n)
    ).astype(float)
