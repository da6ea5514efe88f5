"""Communities: groups of actors more densely tied among themselves than to others.

Leiden [1]_ (default) or Louvain [2]_ modularity optimisation, run by
igraph's C core. Both are randomised; with the same ``seed`` and the same
input graph the partition is identical from run to run. Communities are
numbered by size (largest first; ties broken by their first node), so the
labels are stable too.

References
----------
.. [1] V. A. Traag, L. Waltman and N. J. van Eck, "From Louvain to Leiden:
   guaranteeing well-connected communities", Scientific Reports 9 (2019) 5233.
.. [2] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast
   unfolding of communities in large networks", J. Statistical Mechanics
   (2008) P10008.
.. [3] M. E. J. Newman, "Analysis of weighted networks", Physical Review E 70
   (2004) 056131 (weighted modularity).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from typing import Literal

import numpy as np

from graph.analysis.network import IGRAPH_RNG_LOCK, Network, as_network

__all__ = ["communities", "community_labels", "modularity"]

Method = Literal["leiden", "louvain"]


def community_labels(
    G,
    *,
    method: Method = "leiden",
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int | None = None,
) -> dict:
    """Node -> community number (0 = the largest community).

    Parameters
    ----------
    G : graph
    method : {"leiden", "louvain"}
        Leiden runs until an iteration no longer improves modularity; its
        communities are guaranteed to be connected [1]_.
    weight : str or None
        Edge attribute of tie strength (weighted modularity [3]_).
    resolution : float
        Higher values give more, smaller communities.
    seed : int or None
        Seed of igraph's random number generator for this call.
    """
    net = as_network(G, weight=weight or "weight")
    return dict(zip(net.nodes, _labels(net, method, weight is not None, resolution, seed).tolist()))


def communities(G, **options) -> list[set]:
    """The communities as a list of node sets, largest first (options as :func:`community_labels`)."""
    labels = community_labels(G, **options)
    out: list[set] = [set() for _ in range(max(labels.values(), default=-1) + 1)]
    for node, c in labels.items():
        out[c].add(node)
    return out


def _labels(net: Network, method: str, weighted: bool, resolution: float, seed: int | None) -> np.ndarray:
    if net.n == 0:
        return np.zeros(0, dtype=np.int64)
    if method not in ("leiden", "louvain"):
        raise ValueError(f"unknown community method {method!r}; use 'leiden' or 'louvain'")
    g = net.igraph
    w = "weight" if weighted else None
    import igraph as ig

    with IGRAPH_RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            if method == "leiden":
                part = g.community_leiden(
                    objective_function="modularity", weights=w, resolution=resolution, n_iterations=-1
                )
            else:
                part = g.community_multilevel(weights=w, resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
    return _renumber(np.asarray(part.membership, dtype=np.int64))


def _renumber(raw: np.ndarray) -> np.ndarray:
    """Labels ordered by community size (descending), then by first member."""
    _, first, inverse, counts = np.unique(raw, return_index=True, return_inverse=True, return_counts=True)
    order = np.lexsort((first, -counts))
    new = np.empty(len(order), dtype=np.int64)
    new[order] = np.arange(len(order))
    return new[inverse]


def modularity(
    G, partition: Mapping | Iterable[Iterable], *, weight: str | None = "weight", resolution: float = 1.0
) -> float:
    """Newman's modularity of a partition [3]_, as :func:`networkx.community.modularity`.

    ``Q = sum over communities c of L_c / m - resolution * (d_c / 2m)^2``
    with ``L_c`` the (weighted) ties inside ``c``, ``d_c`` the (weighted)
    degree of its members and ``m`` the total tie weight.

    Parameters
    ----------
    G : graph
    partition : dict or iterable of node sets
        Node -> community, or the communities themselves.
    """
    net = as_network(G, weight=weight or "weight")
    labels = _label_array(net, partition)
    w = net.weights if weight is not None else np.ones(len(net.indices))
    m2 = w.sum()  # twice the total weight
    if m2 == 0:
        return float("nan")
    rows = net.rows
    inside = np.bincount(labels[rows], weights=w * (labels[rows] == labels[net.indices]), minlength=labels.max() + 1)
    deg = np.bincount(labels[rows], weights=w, minlength=labels.max() + 1)
    return float((inside / m2).sum() - resolution * ((deg / m2) ** 2).sum())


def _label_array(net: Network, partition) -> np.ndarray:
    if isinstance(partition, Mapping):
        mapping = partition
    else:
        mapping = {node: i for i, block in enumerate(partition) for node in block}
    missing = [x for x in net.nodes if x not in mapping]
    if missing:
        raise ValueError(f"partition does not cover {len(missing)} node(s), e.g. {missing[0]!r}")
    _, codes = np.unique(np.array([str(mapping[x]) for x in net.nodes]), return_inverse=True)
    return codes.astype(np.int64)
