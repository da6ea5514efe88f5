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
once built. The rules below are one table that every feature reads, so they
stay in one file.

Derivation rules
----------------
country
    Own ``country`` (organisations, places); otherwise the countries of the
    places it is ``LOCATED_IN``; an organisation with neither, a unit, those
    of what it is ``PART_OF`` (a network's working group is where the network
    is), up the chain. Persons take the countries of the
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
activity
    When a node or tie takes part in the network, for the view "as of a
    year" (:func:`activity_spans`, :func:`as_of`): its own years when it is
    dated; an undated tie takes the years its ends share (a participation
    those of the event); an undated node the hull of its ties' years (an
    organisation is active from its first to its last dated activity).
    What stays undated (places, topics without dated ties) is always there.
location
    Where a node is on a map (:func:`node_locations`): a place with
    coordinates is where it is; a place without them lies where the nearest
    place it is ``PART_OF`` (or ``LOCATED_IN``) with coordinates lies; an
    organisation, event or agreement where the place it is ``LOCATED_IN``
    lies, else where what it is ``PART_OF`` lies (a working group where its
    network is). Persons and topics are not placed.
names
    A node's name in a language (:func:`name_in`) is ``names.<lang>`` when it
    has one, else its canonical name; a node's, tie's or source's description
    (:func:`description_in`) likewise ``descriptions.<lang>``.
facts
    Annotation ties (planners' feedback) record decisions, not the network:
    :func:`facts_only` leaves them out, and nothing that describes the
    network counts them.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from graph.model import ANNOTATION_TIES, Node, NodeType, Source, Tie, TieType, year_of
from graph.store.base import Subgraph

__all__ = [
    "SEVERAL",
    "Span",
    "activity_spans",
    "activity_spans_of",
    "as_of",
    "decimal_year",
    "description_in",
    "facts_only",
    "hull",
    "induced",
    "memo",
    "name_in",
    "named_in",
    "node_countries",
    "node_country",
    "crosses_border",
    "node_locations",
    "node_places",
    "node_span",
    "node_topics",
    "overlaps",
    "tie_span",
    "ties_by_node",
    "title_in",
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
    direct: dict[str, frozenset[str]] = {}
    for nid, node in ties.nodes.items():
        own = getattr(node, "country", None)
        if own:
            direct[nid] = frozenset({own})
        else:
            direct[nid] = frozenset(
                ties.nodes[p].country
                for p in ties.targets(nid, TieType.LOCATED_IN)
                if ties.nodes[p].type is NodeType.PLACE
            )
    result = dict(direct)
    # a unit with neither is where what it is part of is (its network, its organisation), up the chain
    for nid, node in ties.nodes.items():
        if node.type is not NodeType.ORGANISATION or direct[nid]:
            continue
        seen, stack, found = {nid}, [nid], set[str]()
        while stack:
            for up in ties.targets(stack.pop(), TieType.PART_OF):
                if up not in seen and ties.nodes[up].type not in (NodeType.PERSON, NodeType.TOPIC):
                    seen.add(up)
                    found |= direct[up]
                    if not direct[up]:
                        stack.append(up)
        result[nid] = frozenset(found)
    for nid, node in ties.nodes.items():
        if node.type is NodeType.PERSON:
            result[nid] = frozenset().union(*(result[o] for o in ties.targets(nid, TieType.MEMBER_OF)))
    return result


#: :func:`node_country` of a node in more than one country (translated as
#: ``country.several``, "several countries").
SEVERAL = "several"


def crosses_border(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether a tie between nodes in the countries ``a`` and ``b`` (of
    :func:`node_countries`) crosses a border: both are known and have no
    country in common. A network in several countries crosses a border with
    an actor of a country it is not in, not with one of its own countries.

    >>> crosses_border(frozenset({"DE"}), frozenset({"FR"})), crosses_border(frozenset({"DE"}), frozenset({"DE", "FR"}))
    (True, False)
    """
    return bool(a) and bool(b) and a.isdisjoint(b)


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


def hull(spans) -> Span | None:
    """The smallest span that holds every span given (``None`` entries ignored; open ends stay open).

    >>> hull([(2015, 2015), (2017, None), None])
    (2015, None)
    """
    got = lo_open = hi_open = False
    lo = hi = None
    for span in spans:  # one pass, no generators: a large picture asks this for every line
        if span is None:
            continue
        got = True
        start, end = span
        if start is None:
            lo_open = True
        elif lo is None or start < lo:
            lo = start
        if end is None:
            hi_open = True
        elif hi is None or end > hi:
            hi = end
    if not got:
        return None
    return (None if lo_open else lo, None if hi_open else hi)


def _meet(a: Span | None, b: Span | None) -> Span | None:
    """The years both spans share (``None`` is always); when they share none, the hull."""
    if a is None or b is None:
        return a if b is None else b
    lo = max((x for x in (a[0], b[0]) if x is not None), default=None)
    hi = min((x for x in (a[1], b[1]) if x is not None), default=None)
    if lo is not None and hi is not None and lo > hi:
        return hull([a, b])
    return (lo, hi)


def activity_spans(sub: Subgraph) -> tuple[dict[str, Span | None], dict[str, Span | None]]:
    """When each node and each tie of ``sub`` is active (by id; ``None``: always).

    See "activity" in the module docstring. A node's own span
    (:func:`node_span`) and a tie's own span (:func:`tie_span`) come first;
    an undated tie takes the span of its dated end (both dated: the years
    they share, so a participation of an organisation founded in 2010 in
    an event of 2015 is active in 2015); an undated node the hull of the spans of its ties after that.
    Computed once per ``sub``: do not modify the result.
    """
    return memo(sub, "activity_spans", lambda: _activity_spans(sub))


def _activity_spans(sub: Subgraph) -> tuple[dict[str, Span | None], dict[str, Span | None]]:
    own = {n.id: node_span(n) for n in sub.nodes}
    ties: dict[str, Span | None] = {}
    for t in sub.ties:
        span = tie_span(t)
        if span is None:
            span = _meet(own.get(t.source), own.get(t.target))
        ties[t.id] = span
    by_node: dict[str, list[Span | None]] = defaultdict(list)
    for t in sub.ties:
        if t.type in ANNOTATION_TIES:  # feedback is dated when given: it says nothing of when a node was active
            continue
        by_node[t.source].append(ties[t.id])
        by_node[t.target].append(ties[t.id])
    nodes = {nid: span if span is not None else hull(by_node.get(nid, ())) for nid, span in own.items()}
    return nodes, ties


def ties_by_node(sub: Subgraph) -> dict[str, list[Tie]]:
    """The ties of ``sub`` at each node id (both ends); once per ``sub``, do not modify."""

    def make() -> dict[str, list[Tie]]:
        out: dict[str, list[Tie]] = defaultdict(list)
        for t in sub.ties:
            out[t.source].append(t)
            if t.target != t.source:
                out[t.target].append(t)
        return dict(out)

    return memo(sub, "ties_by_node", make)


def induced(sub: Subgraph, ids: Iterable[str], *, types: Collection[TieType] | None = None) -> Subgraph:
    """The nodes of ``sub`` with these ids (unknown ids skipped) and the ties among them (of
    ``types``, default all), both sorted by id: :meth:`~graph.store.base.GraphStore.subgraph`
    answered from a graph in memory, from the ties at those nodes alone."""
    by_id = memo(sub, "nodes_by_id", lambda: {n.id: n for n in sub.nodes})
    wanted = {i for i in ids if i in by_id}
    kinds = set(types) if types else None
    at = ties_by_node(sub)
    ties = {
        t.id: t
        for nid in wanted
        for t in at.get(nid, ())
        if t.source in wanted and t.target in wanted and (kinds is None or t.type in kinds)
    }
    return Subgraph(
        nodes=sorted((by_id[i] for i in wanted), key=lambda n: n.id),
        ties=sorted(ties.values(), key=lambda t: t.id),
    )


def activity_spans_of(
    sub: Subgraph, ids: Collection[str], *, ties: Iterable[Tie] | None = None
) -> tuple[dict[str, Span | None], dict[str, Span | None]]:
    """:func:`activity_spans` for the nodes ``ids`` and the ties touching them only.

    The same answers, read from the ties at those nodes alone: a view of a
    few hundred nodes within a large graph costs a few thousand ties, not
    the whole graph's; and taken from :func:`activity_spans` when that was
    computed for ``sub`` already (the app does, once per large graph).
    ``ties``: only these of the ties touching ``ids`` (a picture's own: the
    hubs of a large graph touch tens of thousands).
    """
    wanted = list(dict.fromkeys(ids))
    whole = _MEMO.get(id(sub), {}).get("activity_spans")
    if whole is not None:
        all_nodes, all_ties = whole
        if ties is not None:
            touching = set(wanted)
            return (
                {nid: all_nodes.get(nid) for nid in wanted},
                {
                    t.id: all_ties[t.id]
                    for t in ties
                    if t.id in all_ties and (t.source in touching or t.target in touching)
                },
            )
        at_nodes = ties_by_node(sub)
        return (
            {nid: all_nodes.get(nid) for nid in wanted},
            {t.id: all_ties[t.id] for nid in wanted for t in at_nodes.get(nid, ())},
        )
    nodes = memo(sub, "nodes_by_id", lambda: {n.id: n for n in sub.nodes})
    at = ties_by_node(sub)
    own: dict[str, Span | None] = {}

    def own_span(nid: str) -> Span | None:
        if nid not in own:
            node = nodes.get(nid)
            own[nid] = node_span(node) if node is not None else None
        return own[nid]

    spans_of_ties: dict[str, Span | None] = {}
    result: dict[str, Span | None] = {}
    for nid in wanted:
        spans = []
        for t in at.get(nid, ()):
            if t.id not in spans_of_ties:
                span = tie_span(t)
                spans_of_ties[t.id] = span if span is not None else _meet(own_span(t.source), own_span(t.target))
            spans.append(spans_of_ties[t.id])
        mine = own_span(nid)
        result[nid] = mine if mine is not None else hull(spans)
    if ties is not None:
        spans_of_ties = {t.id: spans_of_ties[t.id] for t in ties if t.id in spans_of_ties}
    return result, spans_of_ties


def as_of(sub: Subgraph, year: int) -> Subgraph:
    """The network as it was in ``year``: the point-in-time variant of :func:`within_years`.

    A node is kept when its activity (:func:`activity_spans`) meets
    ``year`` or it is always active; a tie when both ends are kept and its
    activity meets ``year``. Unlike :func:`within_years`, an organisation
    without a founding date appears with its first dated activity, and a
    participation is there in the event's year: the network grows as the
    years go by. Nodes and ties come sorted by id.
    """
    nodes, ties = activity_spans(sub)
    kept = {nid for nid, span in nodes.items() if overlaps(span, (year, year))}
    return Subgraph(
        nodes=sorted((n for n in sub.nodes if n.id in kept), key=lambda n: n.id),
        ties=sorted(
            (t for t in sub.ties if t.source in kept and t.target in kept and overlaps(ties.get(t.id), (year, year))),
            key=lambda t: t.id,
        ),
    )


def _in_language(texts: Mapping[Any, str], lang: str | None) -> str | None:
    """The text of ``texts`` (a language map: ``names``, ``descriptions``, ``titles``) in ``lang``."""
    if lang:
        for code, text in texts.items():
            if str(code) == lang:
                return text
    return None


def name_in(node: Node, lang: str | None) -> str:
    """The name of ``node`` in ``lang`` (``names.<lang>``), else its canonical name.

    >>> from graph.model import Topic
    >>> name_in(Topic(name="Arbeitsmarkt", names={"fr": "Marché du travail"}, sources=["s"]), "fr")
    'Marché du travail'
    """
    return _in_language(node.names, lang) or node.name


def description_in(item: Node | Tie | Source, lang: str | None) -> str | None:
    """The description of a node, tie or source in ``lang`` (``descriptions.<lang>``),
    else its canonical description (English in the seeds), else ``None``.

    >>> from graph.model import Topic
    >>> t = Topic(name="Arbeitsmarkt", description="Jobs.", descriptions={"de": "Arbeit."}, sources=["s"])
    >>> description_in(t, "de"), description_in(t, "fr")
    ('Arbeit.', 'Jobs.')
    """
    return _in_language(item.descriptions, lang) or item.description


def title_in(source: Source, lang: str | None) -> str:
    """The title of ``source`` in ``lang`` (``titles.<lang>``), else its title as written."""
    return _in_language(source.titles, lang) or source.title


def named_in(sub: Subgraph, lang: str | None) -> Subgraph:
    """``sub`` with every node named as :func:`name_in` names it (for drawings
    that write ``node.name``); the same object when no name changes."""

    def make() -> Subgraph:
        nodes = [
            n if name_in(n, lang) == n.name else n.model_copy(update={"name": name_in(n, lang)}) for n in sub.nodes
        ]
        if all(a is b for a, b in zip(nodes, sub.nodes, strict=True)):
            return sub
        return Subgraph(nodes=nodes, ties=sub.ties)

    return memo(sub, f"named_in_{lang}", make)


def node_locations(sub: Subgraph) -> dict[str, str]:
    """The place (id of a place with ``lat`` and ``lon``) where each node of ``sub`` lies on a map.

    Only nodes that can be placed are in the result (see "location" in the
    module docstring). Where several places qualify, the nearest (fewest
    steps), then the first by id. Computed once per ``sub``: do not modify
    the result.
    """
    return memo(sub, "locations", lambda: _node_locations(sub))


def _has_coordinates(node: Node) -> bool:
    return node.type is NodeType.PLACE and node.lat is not None and node.lon is not None


def _node_locations(sub: Subgraph) -> dict[str, str]:
    ties = memo(sub, "adjacency", lambda: _Ties(sub))
    result: dict[str, str] = {}

    def nearest(start: str, *types: TieType) -> str | None:
        # breadth-first along ``types`` to the nearest place with coordinates
        level, seen = [start], {start}
        while level:
            hits = sorted(x for x in level if _has_coordinates(ties.nodes[x]))
            if hits:
                return hits[0]
            following = []
            for x in level:
                for up in ties.targets(x, *types):
                    if up not in seen and ties.nodes[up].type is NodeType.PLACE:
                        seen.add(up)
                        following.append(up)
            level = following
        return None

    for nid, node in ties.nodes.items():
        if node.type is NodeType.PLACE:
            found = nearest(nid, TieType.PART_OF, TieType.LOCATED_IN)
            if found:
                result[nid] = found
    placeable = (NodeType.ORGANISATION, NodeType.EVENT, NodeType.AGREEMENT)

    def located(nid: str, seen: frozenset[str]) -> str | None:
        spots = sorted({result[p] for p in ties.targets(nid, TieType.LOCATED_IN) if p in result})
        if spots:
            return spots[0]
        for whole in sorted(ties.targets(nid, TieType.PART_OF)):
            if whole in result and ties.nodes[whole].type is NodeType.PLACE:
                return result[whole]
            if whole not in seen and ties.nodes[whole].type in placeable:
                found = located(whole, seen | {whole})
                if found:
                    return found
        return None

    for nid, node in ties.nodes.items():
        if node.type in placeable:
            found = located(nid, frozenset({nid}))
            if found:
                result[nid] = found
    return result
