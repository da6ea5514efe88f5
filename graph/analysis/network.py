"""A compact, array-backed undirected graph for fast analysis.

:class:`Network` holds an undirected simple graph as a symmetric CSR matrix
(``indptr``, ``indices``, ``weights``) plus node keys and node attributes.
Every metric in :mod:`graph.analysis` accepts either a networkx graph or a
:class:`Network`; :func:`as_network` converts once, so a suite of metrics on
a graph with a million ties pays the conversion only once.

Conventions
-----------
- Ties are undirected; parallel ties are merged and their weights summed;
  self-loops are dropped. A directed networkx graph is read as undirected
  (``u -> v`` and ``v -> u`` become one tie whose weight is the sum).
- Node order is the order of the input graph (networkx insertion order), so
  results are reproducible for a given input.
- A missing ``weight`` attribute counts as 1.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

__all__ = ["Network", "as_network"]


@dataclass(frozen=True, eq=False)
class Network:
    """An undirected, weighted simple graph in CSR form.

    Parameters
    ----------
    nodes : list
        Node keys; position ``i`` is node ``i``.
    indptr, indices, weights : numpy.ndarray
        Symmetric CSR adjacency without self-loops, column indices sorted
        within each row. ``weights`` holds tie strengths (all 1 when the
        graph is unweighted).
    node_attrs : dict
        Attribute name -> list of values aligned with ``nodes`` (``None``
        where a node lacks the attribute).
    edge_attrs : dict
        Extra per-tie arrays aligned with ``indices`` (e.g. ``count`` and
        ``first_year`` of a projection).
    graph_attrs : dict
        Free-form description of where the network came from.
    """

    nodes: list
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    node_attrs: dict[str, list] = field(default_factory=dict)
    edge_attrs: dict[str, np.ndarray] = field(default_factory=dict)
    graph_attrs: dict = field(default_factory=dict)
    #: Derived structures computed once per network (triangles, igraph copy).
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    # -- construction --------------------------------------------------------
    @classmethod
    def from_edges(
        cls,
        nodes: Sequence[Hashable],
        u: np.ndarray,
        v: np.ndarray,
        w: np.ndarray | None = None,
        *,
        node_attrs: Mapping[str, list] | None = None,
        graph_attrs: Mapping | None = None,
    ) -> Network:
        """Build from ties given as index arrays (either direction, repeats summed)."""
        n = len(nodes)
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        w = np.ones(len(u)) if w is None else np.asarray(w, dtype=float)
        keep = u != v
        u, v, w = u[keep], v[keep], w[keep]
        m = sp.coo_array((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
        return cls.from_matrix(nodes, m, node_attrs=node_attrs, graph_attrs=graph_attrs)

    @classmethod
    def from_matrix(
        cls,
        nodes: Sequence[Hashable],
        matrix,
        *,
        node_attrs: Mapping[str, list] | None = None,
        edge_attrs: Mapping[str, object] | None = None,
        graph_attrs: Mapping | None = None,
    ) -> Network:
        """Build from a symmetric sparse matrix (the diagonal is dropped).

        ``edge_attrs`` may hold further symmetric sparse matrices with the
        same pattern; they are aligned with the ties.
        """
        a = sp.csr_array(matrix, dtype=float)
        a.setdiag(0)
        a.eliminate_zeros()
        a.sum_duplicates()
        a.sort_indices()
        extra = {}
        for name, other in (edge_attrs or {}).items():
            o = sp.csr_array(other)
            o.setdiag(0)
            o.eliminate_zeros()
            o.sum_duplicates()
            o.sort_indices()
            if o.nnz != a.nnz or not np.array_equal(o.indices, a.indices):
                raise ValueError(f"edge attribute {name!r} does not have the pattern of the weights")
            extra[name] = o.data
        return cls(
            nodes=list(nodes),
            indptr=a.indptr.astype(np.int64),
            indices=a.indices.astype(np.int32),
            weights=a.data.astype(float),
            node_attrs={k: list(vals) for k, vals in (node_attrs or {}).items()},
            edge_attrs=extra,
            graph_attrs=dict(graph_attrs or {}),
        )

    # -- size ----------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def m(self) -> int:
        """Number of (undirected) ties."""
        return len(self.indices) // 2

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of neighbours of each node."""
        return np.diff(self.indptr)

    @cached_property
    def strength(self) -> np.ndarray:
        """Sum of tie weights of each node (weighted degree)."""
        return np.bincount(self.rows, weights=self.weights, minlength=self.n)

    @cached_property
    def rows(self) -> np.ndarray:
        """Row (source node) index of every CSR entry."""
        return np.repeat(np.arange(self.n, dtype=np.int32), self.degree)

    @cached_property
    def reverse(self) -> np.ndarray:
        """Position in the CSR arrays of the reverse of each entry: ``(v, u)`` for ``(u, v)``."""
        return np.lexsort((self.rows, self.indices))

    @cached_property
    def index(self) -> dict:
        """Node key -> position."""
        return {key: i for i, key in enumerate(self.nodes)}

    def matrix(self, weighted: bool = True) -> sp.csr_array:
        """The adjacency as a scipy CSR array."""
        data = self.weights if weighted else np.ones(len(self.indices))
        return sp.csr_array((data, self.indices, self.indptr), shape=(self.n, self.n))

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each tie once as ``(u, v, weight)`` with ``u < v``."""
        rows = self.rows
        upper = rows < self.indices
        return rows[upper], self.indices[upper], self.weights[upper]

    def attr(self, name: str) -> list:
        """Values of node attribute ``name`` (raises ``KeyError`` when absent)."""
        return self.node_attrs[name]

    # -- other libraries ------------------------------------------------------
    @property
    def igraph(self):
        """The same graph as an :class:`igraph.Graph` (weights as ``weight``), built once."""
        g = self.cache.get("igraph")
        if g is None:
            import igraph as ig

            u, v, w = self.edges()
            g = ig.Graph(n=self.n, edges=np.column_stack([u, v]), directed=False)
            g.es["weight"] = w
            self.cache["igraph"] = g
        return g

    def to_networkx(self, *, edge_attrs: bool = True) -> nx.Graph:
        """The network as a :class:`networkx.Graph` with ``weight`` on each tie."""
        g = nx.Graph()
        g.graph.update(self.graph_attrs)
        names = list(self.node_attrs)
        for i, key in enumerate(self.nodes):
            g.add_node(key, **{a: self.node_attrs[a][i] for a in names if self.node_attrs[a][i] is not None})
        u, v, w = self.edges()
        upper = self.rows < self.indices
        extra = {k: arr[upper] for k, arr in self.edge_attrs.items()} if edge_attrs else {}
        nodes = self.nodes
        for j in range(len(u)):
            data = {"weight": float(w[j])}
            for k, arr in extra.items():
                data[k] = arr[j].item()
            g.add_edge(nodes[u[j]], nodes[v[j]], **data)
        return g


def as_network(G, *, weight: str | None = "weight") -> Network:
    """``G`` as a :class:`Network` (returned unchanged when it already is one).

    Parameters
    ----------
    G : networkx.Graph, DiGraph, MultiGraph, MultiDiGraph or Network
    weight : str or None
        Edge attribute holding tie strength; ``None`` makes every tie weigh 1
        (parallel ties then still add up). Non-numeric values count as 1.

    Returns
    -------
    Network
        Node attributes of ``G`` are kept (scalars only).
    """
    if isinstance(G, Network):
        return G
    nodes = list(G.nodes())
    index = {key: i for i, key in enumerate(nodes)}
    us: list[int] = []
    vs: list[int] = []
    ws: list[float] = []
    for a, b, data in G.edges(data=True):
        us.append(index[a])
        vs.append(index[b])
        val = data.get(weight, 1) if weight is not None else 1
        try:
            ws.append(float(val))
        except (TypeError, ValueError):
            ws.append(1.0)
    keys: set[str] = set()
    for _, data in G.nodes(data=True):
        keys.update(k for k, val in data.items() if _scalar(val))
    attrs = {k: [_plain(G.nodes[x].get(k)) for x in nodes] for k in sorted(keys)}
    return Network.from_edges(
        nodes,
        np.array(us, dtype=np.int64),
        np.array(vs, dtype=np.int64),
        np.array(ws),
        node_attrs=attrs,
        graph_attrs={k: v for k, v in G.graph.items() if _scalar(v)},
    )


def _scalar(value) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, np.generic))


def _plain(value):
    if not _scalar(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


#: igraph draws random numbers from one process-wide generator; calls that
#: seed it hold this lock so concurrent sessions (the app) stay reproducible.
IGRAPH_RNG_LOCK = threading.Lock()


def group_codes(values: Iterable) -> tuple[np.ndarray, list]:
    """Integer codes of group labels (``-1`` for ``None``/empty/NaN) and the sorted labels.

    >>> group_codes(["FR", None, "DE", "FR"])
    (array([ 1, -1,  0,  1]), ['DE', 'FR'])
    """
    vals = [None if _missing(x) else x for x in values]
    labels = sorted({x for x in vals if x is not None}, key=lambda x: (str(type(x)), x))
    code = {lab: i for i, lab in enumerate(labels)}
    return np.array([code[x] if x is not None else -1 for x in vals], dtype=np.int64), labels


def _missing(x) -> bool:
    if x is None:
        return True
    if isinstance(x, float) and x != x:
        return True
    return isinstance(x, str) and not x.strip()
