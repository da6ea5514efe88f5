"""Graph-level figures: size, density, components, diameter, clustering, border crossing."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from graph.analysis._triangles import node_triangles
from graph.analysis.border import assortativity, network_ei
from graph.analysis.centrality import components
from graph.analysis.network import Network, as_network

__all__ = ["diameter", "summary"]


def diameter(G) -> int:
    """Diameter (longest shortest path, in steps) of the largest connected component.

    Exact, by the bounding-diameters algorithm of Takes and Kosters [1]_:
    eccentricity bounds from a few breadth-first searches rule out most
    nodes, so small-world networks need far fewer than ``n`` searches. The
    value equals ``networkx.diameter`` of that component.

    References
    ----------
    .. [1] F. W. Takes and W. A. Kosters, "Determining the diameter of small
       world networks", CIKM 2011, 1191-1196.
    """
    net = as_network(G)
    if net.n == 0:
        return 0
    labels = components(net)
    big = np.flatnonzero(labels == np.bincount(labels).argmax())
    if len(big) == 1:
        return 0
    g = net.igraph
    lo = np.zeros(len(big))
    hi = np.full(len(big), np.inf)
    candidates = np.ones(len(big), dtype=bool)
    deg = net.degree[big]
    best_lo, best_hi = 0.0, np.inf
    pick_high = False
    while candidates.any() and best_lo < best_hi:
        cand = np.flatnonzero(candidates)
        if pick_high:
            i = cand[np.lexsort((-deg[cand], -hi[cand]))[0]]
        else:
            i = cand[np.lexsort((-deg[cand], lo[cand]))[0]]
        pick_high = not pick_high
        d = np.asarray(g.distances(source=[int(big[i])], target=big.tolist())[0], dtype=float)
        ecc = d.max()
        lo = np.maximum(lo, np.maximum(ecc - d, d))
        hi = np.minimum(hi, ecc + d)
        lo[i] = hi[i] = ecc
        candidates[i] = False
        best_lo = max(best_lo, lo.max())
        best_hi = hi.max()
        # A node can no longer matter when its upper bound cannot beat the
        # best lower bound and its lower bound is at most half the best upper.
        candidates &= ~((hi <= best_lo) & (lo >= best_hi / 2))
        candidates &= lo != hi
    return int(best_lo)


def summary(
    G,
    attribute: str | Mapping | None = None,
    *,
    clustering: np.ndarray | None = None,
    with_diameter: bool = True,
) -> dict:
    """Graph-level figures of ``G`` as plain numbers.

    Keys: ``nodes``, ``ties``, ``density``, ``isolates``, ``components``,
    ``largest_component``, ``diameter`` (of the largest component),
    ``average_clustering`` (mean local clustering over all nodes, as
    :func:`networkx.average_clustering`), ``transitivity`` (share of closed
    two-paths); with ``attribute`` also ``groups``, ``nodes_without_group``,
    ``cross_border_ties``, ``within_group_ties``, ``cross_border_share``,
    ``ei_index``, ``expected_ei_index`` and ``assortativity``.

    Parameters
    ----------
    G : graph
    attribute : str or mapping, optional
        The grouping that defines borders.
    clustering : array, optional
        Local clustering already computed (saves one pass over triangles).
    with_diameter : bool
        Skip the diameter search when False (``diameter`` is then None).
    """
    net = as_network(G)
    n, m = net.n, net.m
    labels = components(net) if n else np.zeros(0, dtype=np.int64)
    sizes = np.bincount(labels) if n else np.zeros(0, dtype=np.int64)
    deg = net.degree.astype(float)
    tri = node_triangles(net)
    if clustering is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            clustering = np.where(deg > 1, 2 * tri / (deg * (deg - 1)), 0.0)
    wedges = (deg * (deg - 1) / 2).sum()
    out: dict = {
        "nodes": n,
        "ties": m,
        "density": 2 * m / (n * (n - 1)) if n > 1 else 0.0,
        "isolates": int((deg == 0).sum()),
        "components": int(len(sizes)),
        "largest_component": int(sizes.max()) if n else 0,
        "diameter": diameter(net) if with_diameter else None,
        "average_clustering": float(np.mean(clustering)) if n else 0.0,
        "transitivity": float(tri.sum() / wedges) if wedges else 0.0,
    }
    if attribute is not None:
        out.update(_border_summary(net, attribute))
    return out


def _border_summary(net: Network, attribute) -> dict:
    from graph.analysis.border import groups_of

    _, codes, labels = groups_of(net, attribute)
    ei = network_ei(net, attribute)
    crossing, within = ei["external"], ei["internal"]
    return {
        "groups": len(labels),
        "nodes_without_group": int((codes < 0).sum()),
        "cross_border_ties": int(crossing),
        "within_group_ties": int(within),
        "cross_border_share": crossing / (crossing + within) if crossing + within else float("nan"),
        "ei_index": ei["ei_index"],
        "expected_ei_index": ei["expected_ei_index"],
        "assortativity": assortativity(net, attribute),
    }
