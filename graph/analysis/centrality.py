"""Node centrality: degree, betweenness, closeness, eigenvector, PageRank,
clustering and k-core.

Every function takes a graph first (a networkx graph or a
:class:`~graph.analysis.network.Network`; ties are read as undirected) and
returns ``{node: value}`` like its networkx namesake, with the same
definition and normalisation, so results can be checked against networkx.
Randomised estimates take ``seed=``.

Betweenness and closeness cost one breadth-first search per source node,
too much for networks of tens of thousands of actors. With ``k=`` they are
estimated from ``k`` sampled source nodes ("pivots"); :func:`pivots_for`
gives the sample size for a stated error bound and :func:`pivot_error`
the bound a given sample size achieves.
"""

from __future__ import annotations

import math
import random

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

from graph.analysis._triangles import chunks
from graph.analysis.network import Network, as_network

__all__ = [
    "degree",
    "betweenness",
    "pivots_for",
    "pivot_error",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core_number",
    "components",
]


def _as_dict(net: Network, values) -> dict:
    return dict(zip(net.nodes, np.asarray(values, dtype=float).tolist()))


def degree(G, *, weight: str | None = None) -> dict:
    """Degree (number of neighbours) or, with ``weight``, weighted degree.

    Parameters
    ----------
    G : graph
    weight : str or None
        ``None`` counts neighbours; an edge attribute name sums tie weights
        ("strength" in [1]_).

    Returns
    -------
    dict
        Node -> degree (a float).

    References
    ----------
    .. [1] A. Barrat, M. Barthelemy, R. Pastor-Satorras and A. Vespignani,
       "The architecture of complex weighted networks", PNAS 101 (2004) 3747-3752.
    """
    net = as_network(G, weight=weight)
    return _as_dict(net, net.strength if weight is not None else net.degree)


# -- betweenness ----------------------------------------------------------------


def pivots_for(n: int, epsilon: float, delta: float = 0.1) -> int:
    """Number of pivots that bound the error of sampled betweenness.

    With ``k = ceil(ln(2n/delta) / (2 epsilon^2))`` pivots drawn uniformly
    without replacement, every node's normalised betweenness estimate is
    within ``epsilon`` of the exact value with probability at least
    ``1 - delta`` (Hoeffding's inequality [1]_ for each node's mean
    dependency, which lies in ``[0, 1]`` after normalisation, and a union
    bound over the ``n`` nodes). The result is capped at ``n``.

    References
    ----------
    .. [1] W. Hoeffding, "Probability inequalities for sums of bounded random
       variables", J. American Statistical Association 58 (1963) 13-30
       (Theorem 4 covers sampling without replacement).
    .. [2] U. Brandes and C. Pich, "Centrality estimation in large networks",
       Int. J. Bifurcation and Chaos 17 (2007) 2303-2318.
    """
    if not (0 < epsilon < 1 and 0 < delta < 1):
        raise ValueError("epsilon and delta must lie strictly between 0 and 1")
    return min(n, math.ceil(math.log(2 * max(n, 1) / delta) / (2 * epsilon**2)))


def pivot_error(n: int, k: int, delta: float = 0.1) -> float:
    """The error bound ``epsilon`` that ``k`` pivots give (see :func:`pivots_for`); 0 when ``k >= n``."""
    if k >= n:
        return 0.0
    return math.sqrt(math.log(2 * max(n, 1) / delta) / (2 * k))


def _sample(nodes: list, k: int, seed) -> list:
    """The pivots networkx draws for ``k`` and ``seed`` (same generator, same call)."""
    rng = seed if isinstance(seed, random.Random) else (random.Random(seed) if seed is not None else random._inst)
    return rng.sample(nodes, k)


def betweenness(
    G,
    *,
    k: int | None = None,
    normalized: bool = True,
    weight: str | None = None,
    seed=None,
) -> dict:
    """Shortest-path betweenness centrality, exact or estimated from ``k`` pivots.

    The betweenness of ``v`` is the sum over pairs ``s, t`` (neither being
    ``v``) of the share of shortest ``s``-``t`` paths that pass through ``v``
    [1]_. Normalised, it is divided by ``(n-1)(n-2)`` counting ordered
    pairs, as in :func:`networkx.betweenness_centrality`.

    Parameters
    ----------
    G : graph
    k : int, optional
        Estimate from ``k`` source nodes sampled uniformly without
        replacement and scale up [2]_. The pivots are drawn exactly as
        networkx draws them (``random.Random(seed).sample(list(G), k)``), so
        the estimate equals ``networkx.betweenness_centrality(G, k=k,
        seed=seed)``. See :func:`pivots_for` for the error bound.
    normalized : bool
    weight : str, optional
        Edge attribute read as a *distance* (as in networkx); ``None`` counts steps.
    seed : int, random.Random or None
        Seed of the pivot sample.

    Returns
    -------
    dict
        Node -> betweenness.

    Notes
    -----
    Brandes' algorithm [1]_ runs in igraph's C core, one search per source.

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality",
       J. Mathematical Sociology 25 (2001) 163-177.
    .. [2] U. Brandes and C. Pich, "Centrality estimation in large networks",
       Int. J. Bifurcation and Chaos 17 (2007) 2303-2318.
    """
    net = as_network(G, weight=weight or "weight")
    n = net.n
    if n == 0:
        return {}
    g = net.igraph
    w = "weight" if weight is not None else None
    if k is None:
        sources = None
    else:
        if not 0 < k <= n:
            raise ValueError(f"k must lie between 1 and the number of nodes ({n})")
        sources = [net.index[x] for x in _sample(list(net.nodes), k, seed)]
    if sources is None:
        raw = np.asarray(g.betweenness(directed=False, weights=w), dtype=float) * 2
    else:
        raw = np.asarray(g.betweenness(directed=False, weights=w, sources=sources), dtype=float) * 2
    return _as_dict(net, raw * _rescale(n, normalized, sources))


def _rescale(n: int, normalized: bool, sources: list[int] | None) -> np.ndarray | float:
    """networkx's scaling (``endpoints=False``) of ordered-pair dependency sums."""
    N = n - 1
    if N < 2:
        return 1.0
    if sources is None:
        return 1 / (N * (N - 1)) if normalized else 0.5
    k = len(sources)
    if normalized:
        on, off = (1 / ((k - 1) * (N - 1)) if k > 1 else math.nan), 1 / (k * (N - 1))
    else:
        on, off = (N / ((k - 1) * 2) if k > 1 else math.nan), N / (k * 2)
    scale = np.full(n, off)
    scale[sources] = on
    return scale


# -- closeness ------------------------------------------------------------------


def components(G) -> np.ndarray:
    """Connected-component label of every node (labels ordered by first node)."""
    net = as_network(G)
    _, labels = csgraph.connected_components(net.matrix(weighted=False), directed=False)
    return labels


def _distances(net: Network, sources: np.ndarray) -> np.ndarray:
    """Hop distances from ``sources`` (rows) to every node (``inf`` when unreachable)."""
    g = net.igraph
    return np.asarray(g.distances(source=sources.tolist(), mode="all"), dtype=float)


def closeness(G, *, k: int | None = None, wf_improved: bool = True, seed=None, batch: int = 64) -> dict:
    """Closeness centrality: the inverse of the mean distance to reachable nodes.

    ``C(u) = (r-1) / sum of distances from u`` over the ``r-1`` other nodes
    ``u`` reaches; with ``wf_improved`` it is further multiplied by
    ``(r-1)/(n-1)`` (Wasserman and Faust's correction for disconnected
    networks [1]_), as :func:`networkx.closeness_centrality` does.

    Parameters
    ----------
    G : graph
    k : int, optional
        Estimate from ``k`` pivots per large component (Eppstein and Wang
        [2]_): the sum of distances from ``u`` is scaled up from the
        distances to the pivots. Components with at most ``k`` nodes are
        computed exactly. For every node of a component of ``r`` nodes and
        diameter ``D``, the estimated mean distance is within ``epsilon * D``
        of the exact one with probability ``1 - delta`` when ``k =``
        :func:`pivots_for` ``(r, epsilon, delta)`` (Hoeffding's inequality
        and a union bound).
    wf_improved : bool
    seed : int or None
        Seed of the pivot sample (``numpy.random.default_rng``).
    batch : int
        Breadth-first searches per batch (bounds memory).

    Returns
    -------
    dict
        Node -> closeness.

    References
    ----------
    .. [1] S. Wasserman and K. Faust, *Social Network Analysis: Methods and
       Applications*, Cambridge University Press, 1994, p. 201.
    .. [2] D. Eppstein and J. Wang, "Fast approximation of centrality",
       J. Graph Algorithms and Applications 8 (2004) 39-45.
    """
    net = as_network(G)
    n = net.n
    if n == 0:
        return {}
    if k is not None and k < 2:
        raise ValueError("closeness needs at least 2 pivots")
    labels = components(net)
    sizes = np.bincount(labels)
    rng = np.random.default_rng(seed)
    total = np.zeros(n)
    for c in np.flatnonzero(sizes > 1):
        members = np.flatnonzero(labels == c)
        r = len(members)
        if k is None or r <= k:
            pivots, scale_exact = members, True
        else:
            pivots, scale_exact = np.sort(rng.choice(members, size=k, replace=False)), False
        acc = np.zeros(n)
        for i in range(0, len(pivots), batch):
            d = _distances(net, pivots[i : i + batch])
            d[~np.isfinite(d)] = 0.0
            acc += d.sum(axis=0)
        if scale_exact:
            total[members] = acc[members]
        else:
            is_pivot = np.zeros(n, dtype=bool)
            is_pivot[pivots] = True
            others = k - is_pivot[members]  # pivots other than the node itself
            total[members] = acc[members] * (r - 1) / others
    r_of = sizes[labels]
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(total > 0, (r_of - 1) / total, 0.0)
    if wf_improved and n > 1:
        values = values * (r_of - 1) / (n - 1)
    return _as_dict(net, values)


# -- spectral -------------------------------------------------------------------


def eigenvector(G, *, weight: str | None = None, tol: float = 0.0) -> dict:
    """Eigenvector centrality: the leading eigenvector of the adjacency matrix.

    A node is central when its neighbours are central [1]_. The vector has
    unit Euclidean norm and a positive sum, as in
    :func:`networkx.eigenvector_centrality_numpy`; on a disconnected network
    only the component with the largest eigenvalue gets non-zero scores
    (the others exactly 0: entries below the solver's accuracy are zeroed).

    Parameters
    ----------
    G : graph
    weight : str, optional
        Edge attribute of tie strength; ``None`` counts ties.
    tol : float
        Relative accuracy of the eigenvector (0 = machine precision).

    References
    ----------
    .. [1] P. Bonacich, "Power and centrality: a family of measures",
       American J. Sociology 92 (1987) 1170-1182.
    """
    net = as_network(G, weight=weight or "weight")
    n = net.n
    if n == 0:
        raise ValueError("eigenvector centrality of an empty graph is undefined")
    a = net.matrix(weighted=weight is not None)
    if n < 64:
        vals, vecs = np.linalg.eigh(a.toarray())
        vec = vecs[:, -1]
    else:
        vals, vecs = eigsh(a, k=1, which="LA", tol=tol, v0=np.ones(n) / math.sqrt(n))
        vec = vecs[:, 0]
    vec = vec / (np.sign(vec.sum()) * np.linalg.norm(vec))
    # Entries below the solver's accuracy (n machine epsilons of the largest) are zeros it left as
    # noise, such as 2.2e-16 or -1.1e-16 for the nodes of another component: they are written 0.
    vec[np.abs(vec) <= n * np.finfo(float).eps * np.abs(vec).max()] = 0.0
    return _as_dict(net, vec)


def pagerank(
    G,
    *,
    alpha: float = 0.85,
    weight: str | None = "weight",
    max_iter: int = 100,
    tol: float = 1.0e-6,
) -> dict:
    """PageRank: the share of time a random walker spends at each node.

    The walker follows a tie (chosen in proportion to its weight) with
    probability ``alpha`` and jumps to a uniformly random node otherwise
    [1]_. The power iteration, start vector and stopping rule are those of
    :func:`networkx.pagerank`, so the results agree with it to rounding.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        When ``max_iter`` iterations do not reach ``tol``.

    References
    ----------
    .. [1] S. Brin and L. Page, "The anatomy of a large-scale hypertextual
       Web search engine", Computer Networks and ISDN Systems 30 (1998) 107-117.
    """
    import networkx as nx

    net = as_network(G, weight=weight or "weight")
    N = net.n
    if N == 0:
        return {}
    a = net.matrix(weighted=weight is not None)
    s = np.asarray(a.sum(axis=1)).ravel()
    inv = np.zeros(N)
    inv[s != 0] = 1.0 / s[s != 0]
    at = (sp.dia_array((inv, 0), shape=(N, N)).tocsr() @ a).T.tocsr()  # x @ A == A.T @ x
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    dangling = np.flatnonzero(s == 0)
    for _ in range(max_iter):
        xlast = x
        x = alpha * (at @ x + x[dangling].sum() * p) + (1 - alpha) * p
        if np.absolute(x - xlast).sum() < N * tol:
            return _as_dict(net, x)
    raise nx.PowerIterationFailedConvergence(max_iter)


# -- local structure ------------------------------------------------------------


def clustering(G, *, weight: str | None = None) -> dict:
    """Local clustering coefficient: the share of a node's neighbour pairs that are tied.

    ``c(u) = 2 T(u) / (d(u) (d(u) - 1))`` with ``T(u)`` the triangles at
    ``u`` [1]_. With ``weight``, each triangle counts the geometric mean of
    its three tie weights, each divided by the largest weight in the
    network [2]_ (as :func:`networkx.clustering` does).

    References
    ----------
    .. [1] D. J. Watts and S. H. Strogatz, "Collective dynamics of
       'small-world' networks", Nature 393 (1998) 440-442.
    .. [2] J.-P. Onnela, J. Saramäki, J. Kertész and K. Kaski, "Intensity
       and coherence of motifs in weighted complex networks", Physical
       Review E 71 (2005) 065103.
    """
    net = as_network(G, weight=weight or "weight")
    t = _triangle_sums(net, weight is not None)
    d = net.degree.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(d > 1, 2 * t / (d * (d - 1)), 0.0)
    return _as_dict(net, c)


def _triangle_sums(net: Network, weighted: bool) -> np.ndarray:
    """Triangles at each node, or their weighted intensities (see :func:`clustering`)."""
    n = net.n
    t = np.zeros(n)
    if net.m == 0:
        return t
    wmax = net.weights.max() if weighted else 1.0
    for uv, vw, uw in chunks(net):
        corners = np.concatenate([net.rows[uv], net.indices[uv], net.indices[vw]])
        val = None
        if weighted:
            val = np.tile(np.cbrt(net.weights[uv] * net.weights[vw] * net.weights[uw] / wmax**3), 3)
        t += np.bincount(corners, weights=val, minlength=n)
    return t


def core_number(G) -> dict:
    """The k-core number: the largest ``k`` such that the node lies in a
    subgraph where every node has at least ``k`` neighbours [1]_.

    References
    ----------
    .. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores
       decomposition of networks", arXiv:cs/0310049 (2003).
    """
    net = as_network(G)
    if net.n == 0:
        return {}
    return dict(zip(net.nodes, (int(c) for c in net.igraph.coreness())))
