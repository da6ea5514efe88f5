"""The explorer's filter and the values its widgets offer (facets).

:class:`GraphFilter` is what the sidebar selects; :func:`apply_filter` keeps
the part of a graph it selects, reading countries, places and topics from a
context graph (:mod:`graph.facts`); :func:`facets` lists the types,
countries, places, topics and years a graph holds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, model_validator

from graph.facts import memo, node_countries, node_places, node_span, node_topics, overlaps, tie_span
from graph.ids import sort_key
from graph.model import ANNOTATION_TIES, NodeType
from graph.store.base import Subgraph

__all__ = ["Facets", "GraphFilter", "apply_filter", "facets"]


class GraphFilter(BaseModel):
    """What the explorer's sidebar selects. An empty selection means "all".

    ``places`` and ``topics`` hold node ids; ``countries`` ISO codes;
    ``years`` a closed range.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: frozenset[NodeType] = frozenset()
    countries: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    years: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _years_ordered(self):
        if self.years is not None and self.years[0] > self.years[1]:
            raise ValueError(f"year range {self.years[0]}..{self.years[1]} is empty")
        return self

    @property
    def is_empty(self) -> bool:
        return not (self.types or self.countries or self.places or self.topics or self.years)


def apply_filter(
    sub: Subgraph,
    flt: GraphFilter,
    *,
    context: Subgraph | None = None,
    keep: Collection[str] = (),
) -> Subgraph:
    """The part of ``sub`` that ``flt`` selects.

    A node is kept when

    - its type is selected, and
    - (year range) its :func:`node_span` meets the range; **nodes without any
      date are kept**, and
    - (countries, places, topics) for each of these that is set, the node's
      derived values meet the selection. A node that has *no* value for a
      set criterion (a topic has no country, a person may have no topic) is
      kept only as context: when a tie (passing the year range) links it to a
      node that meets every criterion itself.

    Ties are kept when both ends are kept and their :func:`tie_span` meets
    the year range (undated ties always do). Derived values are read from
    ``context`` (default: ``sub`` itself). Ids in ``keep`` that are in
    ``sub`` (the focus of an ego network) are always kept.
    """
    ctx = sub if context is None else context
    criteria: list[tuple[dict[str, frozenset[str]], frozenset[str]]] = []
    if flt.countries:
        criteria.append((node_countries(ctx), flt.countries))
    if flt.places:
        criteria.append((node_places(ctx), flt.places))
    if flt.topics:
        criteria.append((node_topics(ctx), flt.topics))

    ties = [t for t in sub.ties if flt.years is None or overlaps(tie_span(t), flt.years)]
    meets: set[str] = set()
    context_only: set[str] = set()
    for node in sub.nodes:
        if flt.types and node.type not in flt.types:
            continue
        if flt.years is not None and not overlaps(node_span(node), flt.years):
            continue
        verdict: bool | None = True
        for values, selected in criteria:
            mine = values.get(node.id, frozenset())
            if not mine:
                verdict = None
            elif not mine & selected:
                verdict = False
                break
        if verdict is True:
            meets.add(node.id)
        elif verdict is None:
            context_only.add(node.id)

    kept = set(meets)
    for t in ties:
        for a, b in ((t.source, t.target), (t.target, t.source)):
            if a in context_only and b in meets:
                kept.add(a)
    kept |= set(keep) & sub.node_ids
    return Subgraph(
        nodes=sorted((n for n in sub.nodes if n.id in kept), key=lambda n: n.id),
        ties=sorted((t for t in ties if t.source in kept and t.target in kept), key=lambda t: t.id),
    )


# -- facets --------------------------------------------------------------------


@dataclass(frozen=True)
class Facets:
    """The values the explorer's filter widgets offer for a graph.

    ``places`` and ``topics`` are ``(id, name)`` pairs sorted by name;
    ``years`` is the earliest and latest year any node or tie mentions, or
    ``None`` when nothing is dated.
    """

    types: list[NodeType] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)
    years: tuple[int, int] | None = None


def facets(sub: Subgraph) -> Facets:
    """The node types, countries, places, topics and year span present in ``sub`` (once per ``sub``)."""
    return memo(sub, "facets", lambda: _facets(sub))


def _facets(sub: Subgraph) -> Facets:
    present = {n.type for n in sub.nodes}
    years: list[int] = []
    # planners' feedback is dated when it was given, not when anything in the network happened
    spans = [node_span(n) for n in sub.nodes] + [tie_span(t) for t in sub.ties if t.type not in ANNOTATION_TIES]
    for span in spans:
        if span is not None:
            years.extend(y for y in span if y is not None)

    def named(kind: NodeType) -> list[tuple[str, str]]:
        return sorted(((n.id, n.name) for n in sub.nodes if n.type is kind), key=lambda p: (sort_key(p[1]), p[0]))

    return Facets(
        types=[t for t in NodeType if t in present],
        countries=sorted(set().union(*node_countries(sub).values())),
        places=named(NodeType.PLACE),
        topics=named(NodeType.TOPIC),
        years=(min(years), max(years)) if years else None,
    )
