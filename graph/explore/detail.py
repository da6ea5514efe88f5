"""Search and the detail panel: finding a node by what a user types, and all about one node.

Private persons cannot be found by name and cannot be opened; at the other
end of a tie they appear as their role stand-ins (:mod:`graph.privacy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.errors import NotFound
from graph.ids import sort_key
from graph.model import Node, Source, Tie
from graph.privacy import StandInWords, hide_private, is_private, redact, redact_sources, role_context
from graph.store.base import GraphStore, Subgraph

__all__ = ["NodeDetail", "TieDetail", "find", "node_detail"]


def find(store: GraphStore, text: str, *, limit: int = 25, show_private: bool = False) -> list[Node]:
    """Search results for the search boxes (at most ``limit``): private persons cannot be found by name."""
    return hide_private(store.search(text, limit=limit), show_private=show_private)


@dataclass(frozen=True)
class TieDetail:
    """One tie of a node, seen from that node."""

    tie: Tie
    outgoing: bool
    other: Node | None
    sources: list[Source]


@dataclass(frozen=True)
class NodeDetail:
    """A node with its ties (and their other ends) and every cited source."""

    node: Node
    ties: list[TieDetail]
    sources: list[Source]

    @property
    def properties(self) -> dict[str, object]:
        """The node's own fields except name, names, aliases, type, id, sources and the
        description in other languages (``descriptions``; the panel shows the reader's one)."""
        data = self.node.model_dump(mode="json", exclude_none=True)
        for key in ("id", "type", "name", "names", "aliases", "sources", "descriptions"):
            data.pop(key, None)
        return data


def node_detail(
    store: GraphStore,
    node_id: str,
    *,
    show_private: bool = False,
    context: Subgraph | None = None,
    words: Mapping[str, StandInWords] | None = None,
) -> NodeDetail:
    """Everything the detail panel shows about one node (raises :class:`NotFound`).

    Unless ``show_private``, a private person cannot be opened (NotFound),
    appears at the other end of a tie only as a role stand-in (named in the
    languages of ``words``), and a source
    that names one is shown redacted (:func:`graph.privacy.redact_sources`;
    ``context`` is the whole graph, read from the store when not given).
    """
    node = store.get_node(node_id)
    if node is None or (is_private(node) and not show_private):
        raise NotFound(node_id)
    ties = store.ties_of(node_id)
    others = {n.id: n for n in store.get_nodes({t.target if t.source == node_id else t.source for t in ties})}
    hidden = [o for o in others.values() if is_private(o)] if not show_private else []
    if hidden:
        alone = Subgraph(nodes=hidden, ties=[])
        stand_ins = redact(alone, context=role_context(store, alone), words=words).nodes
        others.update({p.id: s for p, s in zip(hidden, stand_ins)})
    source_ids = set(node.sources).union(*(t.sources for t in ties))
    found = store.get_sources(source_ids) if source_ids else []
    if found and not show_private:
        found = redact_sources(found, context if context is not None else store.cached_snapshot())
    sources = {s.id: s for s in found}

    def cited(ids: Iterable[str]) -> list[Source]:
        return [sources[i] for i in ids if i in sources]

    details = [
        TieDetail(
            tie=t,
            outgoing=t.source == node_id,
            other=others.get(t.target if t.source == node_id else t.source),
            sources=cited(t.sources),
        )
        for t in ties
    ]
    details.sort(key=lambda d: (d.tie.type, sort_key(d.other.name if d.other else ""), d.tie.start or ""))
    return NodeDetail(node=node, ties=details, sources=cited(node.sources))
