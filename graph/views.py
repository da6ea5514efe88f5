"""What the explorer shows: derived facts about nodes, filters and facets.

Pure functions over a :class:`~graph.store.base.Subgraph`, graph first,
options after. Derived facts (a node's countries, places, topics, years) are
read from the ties in a *context* graph, usually the whole network, so that
filtering an ego network still knows that an organisation at its rim lies in
a city that is one step further out.

Derivation rules
----------------
country
    Own ``country`` (organisations, places); otherwise the countries of the
    places it is ``LOCATED_IN``. Persons take the countries of the
    organisations they are ``MEMBER_OF``.
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
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from graph.errors import NotFound
from graph.model import ANNOTATION_TIES, FACT_TIES, Node, NodeType, Source, Tie, TieType, year_of
from graph.privacy import hide_private, is_private, redact
from graph.store.base import GraphStore, Subgraph

#: A closed range of years; ``None`` at either end means open.
Span = tuple[int | None, int | None]


# -- derived facts -------------------------------------------------------------

#: Facts computed once per subgraph object (a large context is read for every
#: page run): ``id(sub)`` -> {fact name: value}; an entry goes with its subgraph.
_MEMO: dict[int, dict[str, Any]] = {}


def _memo(sub: Subgraph, key: str, make: Callable[[], Any]) -> Any:
    """``make()``, computed once per ``sub`` (subgraphs are not modified once built)."""
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
    return _memo(sub, "countries", lambda: _node_countries(sub))


def _node_countries(sub: Subgraph) -> dict[str, frozenset[str]]:
    ties = _memo(sub, "adjacency", lambda: _Ties(sub))
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


def node_places(sub: Subgraph) -> dict[str, frozenset[str]]:
    """The place ids every node of ``sub`` lies in, ancestors included (empty when unknown)."""
    return _memo(sub, "places", lambda: _node_places(sub))


def _node_places(sub: Subgraph) -> dict[str, frozenset[str]]:
    ties = _memo(sub, "adjacency", lambda: _Ties(sub))
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
    return _memo(sub, "topics", lambda: _node_topics(sub))


def _node_topics(sub: Subgraph) -> dict[str, frozenset[str]]:
    ties = _memo(sub, "adjacency", lambda: _Ties(sub))
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


# -- filter --------------------------------------------------------------------


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
    return _memo(sub, "facets", lambda: _facets(sub))


def _facets(sub: Subgraph) -> Facets:
    present = {n.type for n in sub.nodes}
    years: list[int] = []
    spans = [node_span(n) for n in sub.nodes] + [tie_span(t) for t in sub.ties]
    for span in spans:
        if span is not None:
            years.extend(y for y in span if y is not None)

    def named(kind: NodeType) -> list[tuple[str, str]]:
        return sorted(((n.id, n.name) for n in sub.nodes if n.type is kind), key=lambda p: (p[1].casefold(), p[0]))

    return Facets(
        types=[t for t in NodeType if t in present],
        countries=sorted(set().union(*node_countries(sub).values())),
        places=named(NodeType.PLACE),
        topics=named(NodeType.TOPIC),
        years=(min(years), max(years)) if years else None,
    )


# -- what a page asks for ------------------------------------------------------


#: Nodes the explorer draws at most: a browser draws a few hundred nodes
#: fluently, tens of thousands not at all.
DEFAULT_LIMIT = 500
#: With a filter set, an ego network is explored this many times further than
#: the cap before filtering, so that the cap is filled with nodes that match.
FILTER_REACH = 4


@dataclass(frozen=True)
class Exploration(Subgraph):
    """What the explorer draws, and what the cap left out.

    ``total_nodes`` is the number of nodes the view holds without the cap;
    when ``exact`` is false it is a lower bound (an ego network was not
    explored past the cap). ``limit`` is the cap that applied (``None``: none).
    """

    total_nodes: int = 0
    exact: bool = True
    limit: int | None = None

    @property
    def left_out(self) -> int:
        """Nodes of the view that are not drawn (at least this many when not ``exact``)."""
        return max(self.total_nodes - len(self.nodes), 0)

    @property
    def capped(self) -> bool:
        return self.left_out > 0 or not self.exact


def ego_ranking(
    store: GraphStore,
    focus: str,
    depth: int = 1,
    *,
    budget: int | None = None,
    tie_types: Collection[TieType] | None = None,
) -> tuple[list[str], int, bool]:
    """The nodes within ``depth`` steps of ``focus``, strongest ties first, at most ``budget``.

    Breadth-first from the store, one :meth:`~GraphStore.ego_step` query per
    step: the store ranks the nodes a step reaches and returns only those
    that can still be kept, with the number of all of them. Nearer nodes
    come before farther ones; within a step, a node with more ties to the
    nodes kept one step nearer comes first, then the better-connected one
    (:meth:`~GraphStore.degrees`), then by id. A step that is not the last
    takes at most half of the remaining budget, so that the farther steps
    are shown too. (When a step's nodes all fit, they are ordered by
    strength, then id.)

    Returns the ranked ids (``focus`` first), how many nodes that were
    reached were left out for the budget, and whether that count is complete
    (false when nodes were left out before the last step: what lies beyond
    them was not explored).
    """
    ranked, seen, frontier, cut, complete = [focus], {focus}, [focus], 0, True
    for step in range(1, depth + 1):
        if not frontier:
            break
        room = None if budget is None else max(budget - len(ranked), 0)
        reached = store.ego_step(frontier, seen, limit=room, types=tie_types)
        if room is not None and reached.found > room:
            if step < depth:
                room = (room + 1) // 2
            found = [node.id for node in reached.nodes[:room]]
            cut += reached.found - room
            complete = complete and step == depth
        else:
            found = [node.id for node in sorted(reached.nodes, key=lambda node: (-node.strength, node.id))]
        ranked += found
        seen.update(found)
        frontier = found
    return ranked, cut, complete


def degree_ranking(sub: Subgraph) -> list[str]:
    """The node ids of ``sub``, best connected first (then by id); once per ``sub``."""

    def make() -> list[str]:
        degree: Counter[str] = Counter()
        for t in sub.ties:
            degree[t.source] += 1
            degree[t.target] += 1
        return sorted((n.id for n in sub.nodes), key=lambda x: (-degree[x], x))

    return _memo(sub, "degree_ranking", make)


def _cap(sub: Subgraph, ranked: list[str], limit: int, focus: str | None) -> Subgraph:
    """The first ``limit`` nodes of ``ranked`` that are in ``sub`` (the focus always), and the ties among them."""
    present = sub.node_ids
    keep: set[str] = {focus} if focus in present else set()
    for node_id in ranked:
        if len(keep) >= limit:
            break
        if node_id in present:
            keep.add(node_id)
    return Subgraph(
        nodes=[n for n in sub.nodes if n.id in keep],
        ties=[t for t in sub.ties if t.source in keep and t.target in keep],
    )


def _role_context(store: GraphStore, sub: Subgraph) -> Subgraph:
    """What :func:`graph.privacy.redact` needs to describe the private persons of ``sub``:
    their memberships and the organisations at the other end (read from the store)."""
    private = [n.id for n in sub.nodes if is_private(n)]
    if not private:
        return sub
    memberships = store.ties_touching(private, types=[TieType.MEMBER_OF])
    orgs = store.get_nodes({m.target for m in memberships})
    return Subgraph(nodes=[*sub.nodes, *orgs], ties=[*sub.ties, *memberships])


def facts_only(sub: Subgraph) -> Subgraph:
    """``sub`` without annotation ties (planners' feedback, :data:`graph.model.ANNOTATION_TIES`):
    they record decisions, not the network, so neither the explorer nor any metric counts them."""
    if not any(t.type in ANNOTATION_TIES for t in sub.ties):
        return sub
    return Subgraph(nodes=sub.nodes, ties=[t for t in sub.ties if t.type not in ANNOTATION_TIES])


def explore(
    store: GraphStore,
    flt: GraphFilter | None = None,
    *,
    focus: str | None = None,
    depth: int = 1,
    context: Subgraph | None = None,
    max_nodes: int | None = None,
    limit: int | None = DEFAULT_LIMIT,
    show_private: bool = False,
) -> Exploration:
    """The graph the explorer draws, at most ``limit`` nodes of it.

    The ego network of ``focus`` at ``depth`` (the focus itself always
    stays), or the whole network when there is no focus, filtered by ``flt``.
    An ego network comes from the store step by step (:func:`ego_ranking`,
    indexed queries only); the whole network is ``context``, the whole graph
    when the caller already has it, else :meth:`GraphStore.cached_snapshot`.
    Derived facts for the filter (countries, places, topics) are read from
    ``context`` (or the cached snapshot when a filter needs them).

    The cap keeps the strongest ties first: in an ego network the ranking of
    :func:`ego_ranking`, in the whole network the best-connected nodes
    (:func:`degree_ranking`). The result says how many nodes it left out.
    ``max_nodes`` bounds how far an ego network is explored (default: the
    cap, or :data:`FILTER_REACH` times the cap when a filter is set).
    Private persons are replaced by role stand-ins (:func:`graph.privacy.redact`)
    unless ``show_private``. Raises :class:`~graph.errors.NotFound` for an
    unknown focus.
    """
    flt = flt or GraphFilter()
    cut, complete = 0, True
    if focus:
        if depth < 1:
            raise ValueError("depth must be at least 1")
        budget = max_nodes
        if budget is None and limit is not None:
            budget = limit if flt.is_empty else limit * FILTER_REACH
        # An unknown focus reaches nothing, and is not among the nodes read:
        # no round trip of its own to check that it exists.
        ranked, cut, complete = ego_ranking(store, focus, depth, budget=budget, tie_types=FACT_TIES)
        base = store.subgraph(ranked, types=FACT_TIES)
        if not any(n.id == focus for n in base.nodes):
            raise NotFound(focus)
        if context is None and (flt.countries or flt.places or flt.topics):
            context = store.cached_snapshot()
        whole = context if context is not None else base
    else:
        whole = base = facts_only(context if context is not None else store.cached_snapshot())
        ranked = degree_ranking(whole)
    shown = base if flt.is_empty else apply_filter(base, flt, context=whole, keep=[focus] if focus else ())
    total = len(shown.nodes) + (cut if flt.is_empty else 0)
    exact = complete and (cut == 0 or flt.is_empty)
    if limit is not None and len(shown.nodes) > limit:
        shown = _cap(shown, ranked, limit, focus)
    roles = context if context is not None else _role_context(store, shown)
    drawn = redact(shown, context=roles, show_private=show_private)
    return Exploration(nodes=drawn.nodes, ties=drawn.ties, total_nodes=total, exact=exact, limit=limit)


def find(store: GraphStore, text: str, *, limit: int = 25, show_private: bool = False) -> list[Node]:
    """Search results for the search box: private persons cannot be found by name."""
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
        """The node's own fields except name, names, aliases, type, id and sources."""
        data = self.node.model_dump(mode="json", exclude_none=True)
        for key in ("id", "type", "name", "names", "aliases", "sources"):
            data.pop(key, None)
        return data


def node_detail(store: GraphStore, node_id: str, *, show_private: bool = False) -> NodeDetail:
    """Everything the detail panel shows about one node (raises :class:`NotFound`).

    Unless ``show_private``, a private person cannot be opened (NotFound) and
    appears at the other end of a tie only as a role stand-in.
    """
    node = store.get_node(node_id)
    if node is None or (is_private(node) and not show_private):
        raise NotFound(node_id)
    ties = store.ties_of(node_id)
    others = {n.id: n for n in store.get_nodes({t.target if t.source == node_id else t.source for t in ties})}
    hidden = [o for o in others.values() if is_private(o)] if not show_private else []
    if hidden:
        memberships = store.ties_touching([p.id for p in hidden], types=[TieType.MEMBER_OF])
        orgs = store.get_nodes({m.target for m in memberships})
        context = Subgraph(nodes=[*hidden, *orgs], ties=memberships)
        stand_ins = redact(Subgraph(nodes=hidden, ties=[]), context=context).nodes
        others.update({p.id: s for p, s in zip(hidden, stand_ins)})
    source_ids = set(node.sources).union(*(t.sources for t in ties))
    sources = {s.id: s for s in store.get_sources(source_ids)} if source_ids else {}

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
    details.sort(key=lambda d: (d.tie.type, (d.other.name if d.other else "").casefold(), d.tie.start or ""))
    return NodeDetail(node=node, ties=details, sources=cited(node.sources))
