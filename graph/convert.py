"""Conversions between the stored graph and networkx.

The typed graph becomes a :class:`networkx.MultiDiGraph`: one node per
:class:`~graph.model.Node` with its fields as attributes (``type``, ``name``,
``aliases``, ...), one edge per :class:`~graph.model.Tie` keyed by the tie id
with ``type``, ``role``, ``start``, ``end``, ``sources``.
"""

from __future__ import annotations

import networkx as nx

from graph.model import Tie
from graph.store.base import Subgraph


def node_attrs(node) -> dict:
    """Plain attributes of a node model (enums as strings, empty values dropped)."""
    data = node.model_dump(mode="json", exclude_none=True)
    data.pop("id")
    return data


def tie_attrs(tie: Tie) -> dict:
    data = tie.model_dump(mode="json", exclude_none=True)
    for key in ("id", "source", "target"):
        data.pop(key)
    return data


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """The typed multigraph of ``sub``. Ties whose endpoints are missing are skipped."""
    g = nx.MultiDiGraph()
    for node in sub.nodes:
        g.add_node(node.id, **node_attrs(node))
    for tie in sub.ties:
        if tie.source in g and tie.target in g:
            g.add_edge(tie.source, tie.target, key=tie.id, **tie_attrs(tie))
    return g
