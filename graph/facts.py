"""Derived facts about nodes and ties: the shared core of every feature.

A node's countries, places, topics and years are not all stored on the node:
most are read from its ties (an organisation lies in a country because it is
``LOCATED_IN`` a city of that country). The explorer, the analysis, the
suggestions and the drawings all derive them here, in one way.

Pure functions over a :class:`~graph.store.base.Subgraph`, graph first,
options after. Facts are read from the ties of a *context* graph, usually the
whole network, so that a view of part of it (an ego network) still knows that
an organisation at its rim lies in a city one step further out. Each fact is
computed once per subgraph object (:func:`memo`); subgraphs are not modified
once built.

Derivation rules
----------------
country
    Own ``country`` (organisations, places); otherwise the countries of the
    places it is ``LOCATED_IN``. Persons take the countries of the
    organisations they are ``MEMBER_OF``. Where one country is shown (a
    column, a reason, a forum's coverage), :func:`node_country` gives it: the
    one code, :data:`SEVERAL` for a node in several countries (QuattroPole),
    ``""`` when unknown.
place
    A place is its own place; other nodes are in the places they are
    ``LOCATED_IN``; persons in the places of their organisations. Every place
    also counts its ancestors along ``PART_OF``/``LOCATED_IN`` (an
    organisation in Saarbrücken is also in the Saarland).
topic
    A topic is its own topic; organisations, events and agreements have the
    topics they ``ADDRESSES``; actors also take the topics of the events they
    ``PARTICIPATED_IN`` and the agreements they are ``PARTY_TO``.
years
    Events span ``start``..``end``, agreements the year ``signed``,
    organisations ``founded``..``dissolved`` (open when not stated); ties
    span ``start``..``end``, where a missing end means ongoing. Other nodes
    and undated ties have no years.
facts
    Annotation ties (planners' feedback) record decisions, not the network:
    :func:`facts_only` leaves them out, and nothing that describes the
    network counts them.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from graph.model import ANNOTATION_TIES, Node, NodeType, Tie, TieType, year_of
from graph.store.base import Subgraph

__all__ = [
    "SEVERAL",
    "Span",
    "decimal_year",
    "facts_only",
    "memo",
    "node_countries",
    "node_country",
    "node_places",
    "node_span",
    "node_topics",
    "overlaps",
    "tie_span",
    "within_years",
]

#: A closed range of years; ``None`` at either end means open.
Span = tuple[int | None, int | None]

#: Facts computed once per subgraph object (a large context is read for every
#: page run): ``id(sub)`` -> {fact name: value}; an entry goes with its subgraph.
_MEMO: dict[int, dict[str, Any]] = {}


def memo(sub: Subgraph, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, computed once per ``sub`` and ``key``; the entry lives as long as ``sub``.

    The one memo of everything derived from a subgraph (facts here, the
    explorer's facets and rankings). Subgraphs are not modified once built,
    so a value never goes stale; callers must not modify what it returns.
    """
    box = _MEMO.get(id(sub))
    if box is None:
        box = _MEMO[id(sub)] = {}
        weakref.finalize(sub, _MEMO.pop, id(sub), None)
    if key not in box:
        box[key] = make()
    return box[key]


class _Ties:
    """Adjacency of a subgraph by tie type, in both directions."""

    def __init__(self, sub: Subgraph):
        self.nodes: dict[str, Node] = {n.id: n for n in sub.nodes}
        self.out: dict[tuple[str, TieType], list[str]] = defaultdict(list)
        self.inc: dict[tuple[str, TieType], list[str]] = defaultdict(list)
        for t in sub.ties:
            self.out[(t.source, t.type)].append(t.target)
            self.inc[(t.target, t.type)].append(t.source)

    def targets(self, node_id: str, *types: TieType) -> list[str]:
        return [x for tt in types for x in self.out.get((node_id, tt), ()) if x in self.nodes]


def _place_ancestors(ties: _Ties) -> dict[str, frozenset[str]]:
    """Each place with every place it lies in (itself included)."""
    result: dict[str, frozenset[str]] = {}
    for pid, node in ties.nodes.items():
        if node.type is not NodeType.PLACE:
            continue
        seen, stack = {pid}, [pid]
        while stack:
            for up in ties.targets(stack.pop(), TieType.PART_OF, TieType.LOCATED_IN):
                if up not in seen and ties.nodes[up].type is NodeType.PLACE:
                    seen.add(up)
                    stack.append(up)
        result[pid] = frozenset(seen)
    return result


def node_countries(sub: Subgraph) -> dict[str, frozenset[str]]:
    """The countries (ISO codes) of every node of ``sub`` (empty when unknown).

    See the module docstring for the rules. Example: an organisation without
    a ``country`` that is ``LOCATED_IN`` Metz (``FR``) is in ``{"FR"}``; a
    person who is ``MEMBER_OF`` it is too. Computed once per ``sub``: do not
    modify the result.
    """
    return memo(sub, "countries", lambda: _node_countries(sub))


def _node_countries(sub: Subgraph) -> dict[str, frozenset[str]]:
    ties = memo(sub, "adjacency", lambda: _Ties(sub))
    result: dict[str, frozenset[str]] = {}
    for nid, node in ties.nodes.items():
        own = getattr(node, "country", None)
        if own:
            result[nid] = frozenset({own})
        else:
            result[nid] = frozenset(
                ties.nodes[p].country
                for p in ties.targets(nid, TieType.LOCATED_IN)
                if ties.nodes[p].type is NodeType.PLACE
            )
    for nid, node in ties.nodes.items():
        if node.type is NodeType.PERSON:
            result[nid] = frozenset().union(*(result[o] for o in ties.targets(nid, TieType.MEMBER_OF)))
    return result


#: :func:`node_country` of a node in more than one country (translated as
#: ``country.several``, "several countries").
SEVERAL = "several"


def node_country(sub: Subgraph) -> dict[str, str]:
    """The one country of every node of ``sub``, as shown wherever one country is shown.

    The ISO code when :func:`node_countries` finds exactly one, :data:`SEVERAL`
    when it finds more (a network located in four cities of three countries),
    ``""`` when it finds none. Every page and output that shows an actor's
    country shows this value (through the catalogue's ``country.*`` labels),
    so a node is in the same country everywhere.

    >>> from graph.model import Organisation
    >>> org = Organisation(name="Réseau", country="FR", sources=["s"])
    >>> node_country(Subgraph(nodes=[org], ties=[]))[org.id]
    'FR'
    """
    return memo(sub, "country", lambda: {nid: _one_country(cs) for nid, cs in node_countries(sub).items()})


def _one_country(countries: frozenset[str]) -> str:
    if len(countries) > 1:
        return SEVERAL
    return next(iter(countries), "")


def node_places(sub: Subgraph) -> dict[str, frozenset[str]]:
    """The place ids every node of ``sub`` lies in, ancestors included (empty when unknown)."""
    return memo(sub, "places", lambda: _node_places(sub))


def _node_places(sub: Subgraph) -> dict[str, frozenset[str]]:
    ties = memo(sub, "adjacency", lambda: _Ties(sub))
    up = _place_ancestors(ties)
    result: dict[str, frozenset[str]] = {}
    for nid, node in ties.nodes.items():
        if node.type is NodeType.PLACE:
            result[nid] = up[nid]
        else:
            result[nid] = frozenset().union(*(up.get(p, ()) for p in ties.targets(nid, TieType.LOCATED_IN)))
    for nid, node in ties.nodes.items():
        if node.type is NodeType.PERSON:
            result[nid] = frozenset().union(*(result[o] for o in ties.targets(nid, TieType.MEMBER_OF)))
    return result


def node_topics(sub: Subgraph) -> dict[str, frozenset[str]]:
    """The topic ids of every node of ``sub`` (empty when it has none)."""
    return memo(sub, "topics", lambda: _node_topics(sub))


def _node_topics(sub: Subgraph) -> dict[str, frozenset[str]]:
    ties = memo(sub, "adjacency", lambda: _Ties(sub))
    direct: dict[str, frozenset[str]] = {}
    for nid, node in ties.nodes.items():
        if node.type is NodeType.TOPIC:
            direct[nid] = frozenset({nid})
        else:
            direct[nid] = frozenset(ties.targets(nid, TieType.ADDRESSES))
    result = dict(direct)
    for nid, node in ties.nodes.items():
        if node.type in (NodeType.ORGANISATION, NodeType.PERSON):
            via = ties.targets(nid, TieType.PARTICIPATED_IN, TieType.PARTY_TO)
            result[nid] = direct[nid].union(*(direct[x] for x in via))
    return result


def node_span(node: Node) -> Span | None:
    """The years a node covers, or ``None`` when it carries no date.

    >>> from graph.model import Agreement
    >>> node_span(Agreement(name="Accord", signed="2019-05", sources=["s"]))
    (2019, 2019)
    """
    if node.type is NodeType.EVENT:
        lo, hi = year_of(node.start), year_of(node.end)
        if lo is None and hi is None:
            return None
        return (lo if lo is not None else hi, hi if hi is not None else lo)
    if node.type is NodeType.AGREEMENT:
        y = year_of(node.signed)
        return None if y is None else (y, y)
    if node.type is NodeType.ORGANISATION:
        lo, hi = year_of(node.founded), year_of(node.dissolved)
        return None if lo is None and hi is None else (lo, hi)
    return None


def decimal_year(date: str | None) -> float:
    """A date as a decimal year, for ordering activities in time: ``2016`` -> 2016.0,
    ``2016-07`` -> 2016.5, ``2016-07-01`` -> 2016.5 (approximately); ``None`` -> nan."""
    if not date:
        return float("nan")
    parts = [int(p) for p in str(date).split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return year + ((month - 1) * 30.4375 + (day - 1)) / 365.25


def tie_span(tie: Tie) -> Span | None:
    """The years a tie covers (a missing end means ongoing), or ``None`` when undated."""
    lo, hi = year_of(tie.start), year_of(tie.end)
    return None if lo is None and hi is None else (lo, hi)


def overlaps(span: Span | None, years: tuple[int, int]) -> bool:
    """Whether ``span`` meets the closed range ``years``; undated (``None``) always does."""
    if span is None:
        return True
    lo, hi = span
    return (lo is None or lo <= years[1]) and (hi is None or hi >= years[0])


def facts_only(sub: Subgraph) -> Subgraph:
    """``sub`` without annotation ties (planners' feedback, :data:`graph.model.ANNOTATION_TIES`):
    they record decisions, not the network, so neither the explorer nor any metric counts them."""
    if not any(t.type in ANNOTATION_TIES for t in sub.ties):
        return sub
    return Subgraph(nodes=sub.nodes, ties=[t for t in sub.ties if t.type not in ANNOTATION_TIES])


def within_years(sub: Subgraph, years: tuple[int, int]) -> Subgraph:
    """The part of ``sub`` that meets the closed range ``years``: the network as of then.

    Dated nodes (events, agreements, organisations) and dated ties are kept
    when their span :func:`overlaps` the range, undated ones always; a tie
    also needs both ends kept. Nodes and ties come sorted by id. The
    explorer's year filter and the analysis' time windows both follow this rule.
    """
    kept = {n.id for n in sub.nodes if overlaps(node_span(n), years)}
    return Subgraph(
        nodes=sorted((n for n in sub.nodes if n.id in kept), key=lambda n: n.id),
        ties=sorted(
            (t for t in sub.ties if t.source in kept and t.target in kept and overlaps(tie_span(t), years)),
            key=lambda t: t.id,
        ),
    )
