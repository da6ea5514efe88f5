"""Cross-border metrics: how ties run within and across groups.

A *grouping* assigns each node one label (a country, a city, a sector, a
language); ties between different labels cross a border. ``attribute`` is
the name of a node attribute, or a mapping node -> label. Nodes without a
label (``None``, empty, NaN) take no part: their ties count neither as
internal nor as external, and their own values are NaN.

Ties are undirected, except in :func:`brokerage`, which follows the direction
of a directed networkx graph.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from graph.analysis._triangles import chunks
from graph.analysis.network import Network, as_network, group_codes

__all__ = [
    "ROLES",
    "groups_of",
    "ei_index",
    "cross_border_share",
    "group_ei",
    "network_ei",
    "mixing_matrix",
    "assortativity",
    "brokerage",
    "BorderBridge",
    "border_bridges",
]

#: Gould and Fernandez's brokerage roles, in the order of their paper.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def groups_of(G, attribute: str | Mapping) -> tuple[Network, np.ndarray, list]:
    """``(network, codes, labels)``: each node's group code (-1 = none) and the labels."""
    net = as_network(G)
    if isinstance(attribute, Mapping):
        values = [attribute.get(x) for x in net.nodes]
    else:
        found = net.node_attrs.get(attribute)
        values = [None] * net.n if found is None else list(found)
    codes, labels = group_codes(values)
    return net, codes, labels


def _external_internal(net: Network, codes: np.ndarray, weight: str | None):
    """Per node: weight of ties to other groups and to its own group (known groups only)."""
    rows, cols = net.rows, net.indices
    w = net.weights if weight is not None else np.ones(len(cols))
    known = (codes[rows] >= 0) & (codes[cols] >= 0)
    same = known & (codes[rows] == codes[cols])
    ext = np.bincount(rows, weights=w * (known & ~same), minlength=net.n)
    internal = np.bincount(rows, weights=w * same, minlength=net.n)
    return ext, internal


def ei_index(G, attribute: str | Mapping, *, weight: str | None = None) -> dict:
    """Krackhardt and Stern's E-I index of each node.

    ``EI = (E - I) / (E + I)`` with ``E`` the node's ties to other groups
    and ``I`` its ties within its own group [1]_: +1 when all ties cross a
    border, -1 when none does. NaN for nodes without a group or without
    ties to labelled nodes.

    Parameters
    ----------
    G : graph
    attribute : str or mapping
        Node attribute (or node -> label mapping) that defines the groups.
    weight : str, optional
        Count tie weights instead of ties.

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern, "Informal networks and
       organizational crises: an experimental simulation", Social Psychology
       Quarterly 51 (1988) 123-140.
    """
    net, codes, _ = groups_of(_weighted(G, weight), attribute)
    ext, internal = _external_internal(net, codes, weight)
    tot = ext + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        ei = np.where((tot > 0) & (codes >= 0), (ext - internal) / tot, np.nan)
    return dict(zip(net.nodes, ei.tolist()))


def cross_border_share(G, attribute: str | Mapping, *, weight: str | None = None) -> dict:
    """Share of each node's ties (to labelled nodes) that cross a border: ``E / (E + I)``.

    Equal to ``(EI + 1) / 2`` of :func:`ei_index`; NaN where that is NaN.
    """
    net, codes, _ = groups_of(_weighted(G, weight), attribute)
    ext, internal = _external_internal(net, codes, weight)
    tot = ext + internal
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where((tot > 0) & (codes >= 0), ext / tot, np.nan)
    return dict(zip(net.nodes, share.tolist()))


def group_ei(G, attribute: str | Mapping, *, weight: str | None = None) -> dict:
    """E-I index of each group: ``{label: {"members", "internal", "external", "ei_index"}}``.

    ``internal`` counts ties with both ends in the group (each once),
    ``external`` ties with exactly one end in it [1]_.

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern (1988), see :func:`ei_index`.
    """
    net, codes, labels = groups_of(_weighted(G, weight), attribute)
    ext, internal = _external_internal(net, codes, weight)
    k = len(labels)
    mask = codes >= 0
    members = np.bincount(codes[mask], minlength=k)
    e = np.bincount(codes[mask], weights=ext[mask], minlength=k)
    i = np.bincount(codes[mask], weights=internal[mask], minlength=k) / 2  # each internal tie seen from both ends
    out = {}
    for j, label in enumerate(labels):
        tot = e[j] + i[j]
        out[label] = {
            "members": int(members[j]),
            "internal": float(i[j]),
            "external": float(e[j]),
            "ei_index": float((e[j] - i[j]) / tot) if tot > 0 else float("nan"),
        }
    return out


def network_ei(G, attribute: str | Mapping, *, weight: str | None = None) -> dict:
    """E-I index of the whole network, with the value expected by chance.

    Returns ``{"internal", "external", "ei_index", "expected_ei_index"}``.
    ``internal`` and ``external`` count ties between labelled nodes (each
    tie once). ``expected_ei_index`` is the E-I index if every pair of
    labelled nodes were equally likely to be tied: ``(P_E - P_I) / (P_E +
    P_I)`` over the possible cross-group and within-group pairs, the
    baseline of [1]_; an index above it means more border crossing than
    group sizes alone imply.

    References
    ----------
    .. [1] D. Krackhardt and R. N. Stern (1988), see :func:`ei_index`.
    """
    net, codes, labels = groups_of(_weighted(G, weight), attribute)
    ext, internal = _external_internal(net, codes, weight)
    e, i = ext.sum() / 2, internal.sum() / 2
    sizes = np.bincount(codes[codes >= 0], minlength=len(labels)).astype(float)
    total_pairs = sizes.sum() * (sizes.sum() - 1) / 2
    within = (sizes * (sizes - 1) / 2).sum()
    across = total_pairs - within
    return {
        "internal": float(i),
        "external": float(e),
        "ei_index": float((e - i) / (e + i)) if e + i > 0 else float("nan"),
        "expected_ei_index": float((across - within) / total_pairs) if total_pairs > 0 else float("nan"),
    }


def _weighted(G, weight):
    return as_network(G, weight=weight or "weight")


def mixing_matrix(G, attribute: str | Mapping, *, normalized: bool = True) -> tuple[np.ndarray, list]:
    """Ties between each pair of groups: ``(matrix, labels)``.

    Entry ``[a, b]`` counts ties from group ``a`` to group ``b``, each tie
    in both directions (so the matrix is symmetric and its sum is twice the
    number of ties), as :func:`networkx.attribute_mixing_matrix` counts them
    [1]_. Normalised, it sums to 1.

    References
    ----------
    .. [1] M. E. J. Newman, "Mixing patterns in networks", Physical Review E
       67 (2003) 026126.
    """
    net, codes, labels = groups_of(G, attribute)
    rows, cols = net.rows, net.indices
    known = (codes[rows] >= 0) & (codes[cols] >= 0)
    k = len(labels)
    m = np.bincount(codes[rows][known] * k + codes[cols][known], minlength=k * k).reshape(k, k).astype(float)
    if normalized and m.sum() > 0:
        m /= m.sum()
    return m, labels


def assortativity(G, attribute: str | Mapping) -> float:
    """Newman's attribute assortativity coefficient [1]_.

    ``r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i)`` from the
    normalised :func:`mixing_matrix`: 1 when all ties stay within groups,
    0 when ties ignore groups, negative when they prefer to cross. Equal to
    :func:`networkx.attribute_assortativity_coefficient`.

    References
    ----------
    .. [1] M. E. J. Newman, "Mixing patterns in networks", Physical Review E
       67 (2003) 026126.
    """
    m, _ = mixing_matrix(G, attribute, normalized=True)
    if m.sum() == 0:
        return float("nan")
    s = float((m.sum(axis=0) * m.sum(axis=1)).sum())
    return float((np.trace(m) - s) / (1 - s)) if s != 1 else float("nan")


# -- brokerage -------------------------------------------------------------------


def brokerage(G, attribute: str | Mapping) -> dict[Hashable, dict[str, float]]:
    """Gould and Fernandez's brokerage roles counted for each node.

    Node ``B`` brokers on every two-step path ``A -> B -> C`` with no direct
    tie ``A -> C`` (and ``A != C``) [1]_. The role depends on the groups:

    ============== ====================================================
    coordinator    A, B and C in the same group
    itinerant      A and C in one group, B in another
    representative A and B in one group, C in another (B speaks for its group)
    gatekeeper     B and C in one group, A in another (B controls access to it)
    liaison        A, B and C in three different groups
    ============== ====================================================

    Parameters
    ----------
    G : graph
        A directed networkx graph is read with its directions. An undirected
        graph counts as the symmetric directed graph (each tie both ways), as
        UCINET and R's ``sna::brokerage`` do [2]_: every open pair ``{A, C}``
        is counted in both orders, so representative and gatekeeper counts
        are equal.
    attribute : str or mapping

    Returns
    -------
    dict
        Node -> ``{role: count}`` (NaN counts for nodes without a group;
        paths through an endpoint without a group are not counted).

    References
    ----------
    .. [1] R. V. Gould and R. M. Fernandez, "Structures of mediation: a
       formal approach to brokerage in transaction networks", Sociological
       Methodology 19 (1989) 89-126.
    .. [2] C. T. Butts, "sna: tools for social network analysis", R package,
       function ``brokerage``.
    """
    if isinstance(G, nx.Graph) and G.is_directed():
        return _brokerage_directed(G, attribute)
    net, codes, labels = groups_of(G, attribute)
    counts = _brokerage_arrays(net, codes, len(labels))
    return {x: dict(zip(ROLES, counts[i].tolist())) for i, x in enumerate(net.nodes)}


def _brokerage_arrays(net: Network, codes: np.ndarray, k: int) -> np.ndarray:
    """Role counts (n x 5) of an undirected network from group counts and triangles."""
    n = net.n
    rows, cols = net.rows, net.indices
    known = codes[cols] >= 0
    own = codes[rows]
    # Neighbours per group: K known neighbours, c_b in the node's own group, Q = sum over other groups of c_g^2.
    K = np.bincount(rows[known], minlength=n).astype(float)
    same = known & (codes[cols] == own)
    cb = np.bincount(rows[same], minlength=n).astype(float)
    per_group = sp.coo_array((np.ones(known.sum()), (rows[known], codes[cols][known])), shape=(n, max(k, 1))).tocsr()
    per_group.sum_duplicates()
    Q = np.bincount(np.repeat(np.arange(n), np.diff(per_group.indptr)), weights=per_group.data**2, minlength=n) - cb**2
    # Closed pairs: classify each triangle corner by how the other two corners' groups relate to its own.
    sss, pair, odd, ddd = (np.zeros(n) for _ in range(4))
    for uv, vw, _uw in chunks(net):
        u, v, w = rows[uv], cols[uv], cols[vw]
        gu, gv, gw = codes[u], codes[v], codes[w]
        ok = (gu >= 0) & (gv >= 0) & (gw >= 0)
        u, v, w, gu, gv, gw = u[ok], v[ok], w[ok], gu[ok], gv[ok], gw[ok]
        for x, gx, gy, gz in ((u, gu, gv, gw), (v, gv, gu, gw), (w, gw, gu, gv)):
            xy, xz, yz = gx == gy, gx == gz, gy == gz
            sss += np.bincount(x, weights=xy & xz, minlength=n)
            odd += np.bincount(x, weights=yz & ~xy, minlength=n)
            pair += np.bincount(x, weights=xy ^ xz, minlength=n)
            ddd += np.bincount(x, weights=~xy & ~xz & ~yz, minlength=n)
    out_b = K - cb
    result = np.column_stack(
        [
            cb * (cb - 1) - 2 * sss,  # coordinator
            Q - out_b - 2 * odd,  # itinerant: sum over other groups of c_g (c_g - 1)
            cb * out_b - pair,  # representative
            cb * out_b - pair,  # gatekeeper
            out_b**2 - Q - 2 * ddd,  # liaison
        ]
    )
    result[codes < 0] = np.nan
    return result


def _brokerage_directed(G: nx.DiGraph, attribute) -> dict:
    groups = attribute if isinstance(attribute, Mapping) else nx.get_node_attributes(G, attribute)
    _, labels = group_codes(groups.get(x) for x in G)
    label_set = set(labels)

    def group(x):
        g = groups.get(x)
        return g if g in label_set else None

    out = {}
    for b in G:
        gb = group(b)
        counts = dict.fromkeys(ROLES, 0.0 if gb is not None else float("nan"))
        if gb is not None:
            for a in G.predecessors(b):
                ga = group(a)
                if a == b or ga is None:
                    continue
                for c in G.successors(b):
                    gc = group(c)
                    if c in (a, b) or gc is None or G.has_edge(a, c):
                        continue
                    if ga == gb == gc:
                        role = "coordinator"
                    elif ga == gc:
                        role = "itinerant"
                    elif ga == gb:
                        role = "representative"
                    elif gb == gc:
                        role = "gatekeeper"
                    else:
                        role = "liaison"
                    counts[role] += 1
        out[b] = counts
    return out


# -- bridges between groups ------------------------------------------------------


@dataclass(frozen=True)
class BorderBridge:
    """An actor or a tie whose removal disconnects two groups.

    ``kind`` is ``"actor"`` (then ``v`` is ``None``) or ``"tie"``. Before the
    removal some member of ``group_a`` reached some member of ``group_b``;
    after it none does, while both groups keep members.
    """

    kind: str
    u: Hashable
    v: Hashable | None
    group_a: Hashable
    group_b: Hashable


def border_bridges(G, attribute: str | Mapping) -> list[BorderBridge]:
    """The actors and ties that alone connect a pair of groups.

    For every pair of groups ``(a, b)`` that are connected (some member of
    ``a`` reaches some member of ``b``): the nodes (articulation points)
    and ties (bridges, [1]_) whose removal leaves no path from any remaining
    member of ``a`` to any remaining member of ``b``. Computed from the
    block-cut tree of the biconnected components [2]_ with the group
    membership of every branch, in ``O(n g + m)`` for ``g`` groups (plus the
    pairs reported).

    Returns
    -------
    list of BorderBridge
        Sorted by kind, then group pair, then node.

    References
    ----------
    .. [1] R. E. Tarjan, "A note on finding the bridges of a graph",
       Information Processing Letters 2 (1974) 160-161.
    .. [2] J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms
       for graph manipulation", Communications of the ACM 16 (1973) 372-378.
    """
    net, codes, labels = groups_of(G, attribute)
    k = len(labels)
    if net.n == 0 or k < 2 or net.m == 0:
        return []
    tree = _BlockCutTree(net, codes, k)
    out: list[BorderBridge] = []
    nodes = net.nodes
    for t_ap, v in zip(tree.ap_nodes, tree.aps):
        parts = tree.parts_without(t_ap)
        for a, b in tree.separated(parts, tree.comp_of[t_ap]):
            out.append(BorderBridge("actor", nodes[v], None, labels[a], labels[b]))
    for t_b, (x, y) in tree.bridges():
        for a, b in tree.separated(tree.sides(t_b, x, y), tree.comp_of[t_b]):
            u, v = sorted((nodes[x], nodes[y]), key=repr)
            out.append(BorderBridge("tie", u, v, labels[a], labels[b]))
    out.sort(key=lambda r: (r.kind, repr(r.group_a), repr(r.group_b), repr(r.u), repr(r.v)))
    return out


class _BlockCutTree:
    """The block-cut forest with group counts of every subtree."""

    def __init__(self, net: Network, codes: np.ndarray, k: int):
        g = net.igraph
        blocks, aps = g.biconnected_components(return_articulation_points=True)
        self.blocks = [list(b) for b in blocks]
        self.aps = list(aps)
        self.codes = codes
        nb = len(self.blocks)
        ap_index = {v: nb + i for i, v in enumerate(self.aps)}
        self.ap_nodes = [nb + i for i in range(len(self.aps))]
        T = nb + len(self.aps)
        # Vertex counts: an articulation point counts at its own tree node,
        # every other vertex at its (only) block.
        counts = np.zeros((T, k), dtype=np.int64)
        tu, tv = [], []
        for b, members in enumerate(self.blocks):
            for v in members:
                if v in ap_index:
                    tu.append(b)
                    tv.append(ap_index[v])
                elif codes[v] >= 0:
                    counts[b, codes[v]] += 1
        for v, t in ap_index.items():
            if codes[v] >= 0:
                counts[t, codes[v]] += 1
        adj = sp.coo_array((np.ones(len(tu)), (tu, tv)), shape=(T, T)).tocsr()
        ncomp, comp = csgraph.connected_components(adj, directed=False)
        parent = np.full(T, -1)
        depth = np.zeros(T, dtype=np.int64)
        for c in range(ncomp):
            root = int(np.flatnonzero(comp == c)[0])
            order, pred = csgraph.breadth_first_order(adj, root, directed=False)
            parent[order[1:]] = pred[order[1:]]
            for t in order[1:]:
                depth[t] = depth[pred[t]] + 1
        sub = counts.copy()
        for d in range(int(depth.max(initial=0)), 0, -1):
            at = np.flatnonzero(depth == d)
            np.add.at(sub, parent[at], sub[at])
        self.parent, self.sub = parent, sub
        self.children: dict[int, list[int]] = {}
        for child in np.flatnonzero(parent >= 0):
            self.children.setdefault(int(parent[child]), []).append(int(child))
        # Group totals per connected component of the graph, and how many
        # components hold each pair of groups.
        self.comp_of = comp
        self.total = np.zeros((ncomp, k), dtype=np.int64)
        np.add.at(self.total, comp, counts)
        present = (self.total > 0).astype(np.int64)
        self.pair_components = present.T @ present
        self.ap_index = ap_index

    def parts_without(self, t: int) -> np.ndarray:
        """Group counts of the pieces left when the vertex at tree node ``t`` is removed."""
        parts = [self.sub[c] for c in self.children.get(t, [])]
        if self.parent[t] >= 0:
            parts.append(self.total[self.comp_of[t]] - self.sub[t])
        return np.array(parts).reshape(len(parts), -1)

    def bridges(self):
        """``(tree node, (x, y))`` of every block that is a single tie."""
        for b, members in enumerate(self.blocks):
            if len(members) == 2:
                yield b, tuple(members)

    def sides(self, b: int, x: int, y: int) -> np.ndarray:
        """Group counts of the two sides of the bridge block ``b`` = ``{x, y}``."""
        total = self.total[self.comp_of[b]]
        if self.parent[b] >= 0:  # one end is the parent articulation point: the other side hangs below b
            below = self.sub[b]
        elif x in self.ap_index:  # root block: x's side is x's subtree ...
            below = self.sub[self.ap_index[x]]
        else:  # ... or x alone
            below = np.zeros_like(total)
            if self.codes[x] >= 0:
                below[self.codes[x]] = 1
        return np.array([below, total - below])

    def separated(self, parts: np.ndarray, comp: int):
        """Pairs of groups with members left in ``parts`` but in no common part and no other component."""
        if len(parts) < 2:
            return []
        present = parts > 0
        remaining = present.any(axis=0)
        idx = np.flatnonzero(remaining)
        if len(idx) < 2:
            return []
        p = present[:, idx].astype(np.int64)
        together = p.T @ p  # parts holding both groups
        here = self.total[comp][idx] > 0
        elsewhere = self.pair_components[np.ix_(idx, idx)] - np.outer(here, here)
        a, b = np.nonzero(np.triu((together == 0) & (elsewhere == 0), 1))
        return list(zip(idx[a].tolist(), idx[b].tolist()))
