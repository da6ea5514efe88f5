"""What the explorer draws: the whole network or an actor's ego network, capped.

:func:`explore` reads the view from the store (an ego network step by step
through indexed queries, :func:`ego_ranking`; the whole network from the
store's cached snapshot), applies the filter (:mod:`graph.explore.filters`),
keeps the strongest part when the view is larger than a browser can draw,
and replaces private persons by role stand-ins (:mod:`graph.privacy`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from graph.errors import NotFound
from graph.explore.filters import GraphFilter, apply_filter
from graph.facts import facts_only, induced, memo
from graph.model import FACT_TIES, Node, NodeType, TieType
from graph.privacy import StandInWords, redact, role_context
from graph.store.base import GraphStore, Subgraph

__all__ = [
    "DEFAULT_LIMIT",
    "FILTER_REACH",
    "PROJECTED_STEP_TIES",
    "Exploration",
    "SharedTie",
    "degree_ranking",
    "ego_ranking",
    "explore",
    "hidden_items",
]


#: Nodes the explorer draws at most: a browser draws a few hundred nodes
#: fluently, tens of thousands not at all.
DEFAULT_LIMIT = 500
#: With a filter set, an ego network is explored this many times further than
#: the cap before filtering, so that the cap is filled with nodes that match.
FILTER_REACH = 4


#: Ties an ego network follows when events or agreements are filtered out and
#: organisations are tied through them (:func:`hidden_items`): through items
#: and between actors, not through places or topics.
PROJECTED_STEP_TIES = frozenset(
    {
        TieType.PARTICIPATED_IN,
        TieType.PARTY_TO,
        TieType.COOPERATES_WITH,
        TieType.MEMBER_OF,
        TieType.PART_OF,
        TieType.SUCCESSOR_OF,
    }
)


@dataclass(frozen=True)
class SharedTie:
    """Two organisations of a view that share events or agreements the filter hides.

    ``items`` are those events and agreements (sorted by id): the tie's
    strength is their number, its years theirs. The collaboration
    projection (:data:`graph.projections.COLLABORATION`) of the view's
    organisations.
    """

    source: str
    target: str
    items: tuple[Node, ...]

    @property
    def weight(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Exploration(Subgraph):
    """What the explorer draws, and what the cap left out.

    ``total_nodes`` is the number of nodes the view holds without the cap;
    when ``exact`` is false it is a lower bound (an ego network was not
    explored past the cap). ``limit`` is the cap that applied (``None``: none).
    ``shared`` are the ties between organisations through events and
    agreements the filter hides (:func:`hidden_items`), sorted by their ends.
    """

    total_nodes: int = 0
    exact: bool = True
    limit: int | None = None
    shared: tuple[SharedTie, ...] = ()

    @property
    def left_out(self) -> int:
        """Nodes of the view that are not drawn (at least this many when not ``exact``)."""
        return max(self.total_nodes - len(self.nodes), 0)

    @property
    def capped(self) -> bool:
        return self.left_out > 0 or not self.exact


def hidden_items(flt: GraphFilter) -> frozenset[NodeType]:
    """The item types (events, agreements) through which the view of ``flt`` ties organisations.

    When the type filter keeps organisations but not events or agreements,
    organisations that took part in the same event or signed the same
    agreement are tied through it (:class:`SharedTie`) instead of standing
    apart as dots. Empty otherwise.
    """
    if not flt.types or NodeType.ORGANISATION not in flt.types:
        return frozenset()
    return frozenset({NodeType.EVENT, NodeType.AGREEMENT} - flt.types)


def _shared(items_view: Subgraph, shown: Subgraph, hidden: frozenset[NodeType]) -> tuple[SharedTie, ...]:
    """The :class:`SharedTie` among the organisations of ``shown`` through hidden items of ``items_view``."""
    orgs = [n.id for n in shown.nodes if n.type is NodeType.ORGANISATION]
    if not orgs or not hidden:
        return ()
    from graph.projections import COLLABORATION, shared_items  # with pandas: only when needed

    nodes = {n.id: n for n in items_view.nodes}
    pairs = shared_items(items_view, orgs, COLLABORATION)
    out = []
    for (a, b), ids in sorted(pairs.items()):
        items = tuple(nodes[i] for i in ids if i in nodes and nodes[i].type in hidden)
        if items:
            out.append(SharedTie(a, b, items))
    return tuple(out)


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

    return memo(sub, "degree_ranking", make)


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
    words: Mapping[str, StandInWords] | None = None,
) -> Exploration:
    """The graph the explorer draws, at most ``limit`` nodes of it.

    The ego network of ``focus`` at ``depth`` (the focus itself always
    stays), or the whole network when there is no focus, filtered by ``flt``.
    An ego network is ranked by the store step by step (:func:`ego_ranking`,
    indexed queries only), and its nodes and ties are read from ``context``
    (:func:`graph.facts.induced`), the whole graph at the store's version when
    the caller already has it, else from the store; the whole network is
    ``context``, else :meth:`GraphStore.cached_snapshot`.
    Derived facts for the filter (countries, places, topics) are read from
    ``context`` (or the cached snapshot when a filter needs them).

    The cap keeps the strongest ties first: in an ego network the ranking of
    :func:`ego_ranking`, in the whole network the best-connected nodes
    (:func:`degree_ranking`). The result says how many nodes it left out.
    ``max_nodes`` bounds how far an ego network is explored (default: the
    cap, or :data:`FILTER_REACH` times the cap when a filter is set).
    Private persons are replaced by role stand-ins (:func:`graph.privacy.redact`,
    named in the languages of ``words``) unless ``show_private``. Raises :class:`~graph.errors.NotFound` for an
    unknown focus.

    When the filter hides events or agreements but keeps organisations
    (:func:`hidden_items`), the organisations drawn are tied through the
    hidden items (``shared``), and a step of an ego network goes through
    them: depth 1 reaches the organisations that shared an event or an
    agreement with the focus (two steps in the typed graph, along
    :data:`PROJECTED_STEP_TIES`).
    """
    flt = flt or GraphFilter()
    hidden = hidden_items(flt)
    cut, complete = 0, True
    if focus:
        if depth < 1:
            raise ValueError("depth must be at least 1")
        budget = max_nodes
        if budget is None and limit is not None:
            budget = limit if flt.is_empty else limit * FILTER_REACH
        steps, follow = (2 * depth, PROJECTED_STEP_TIES) if hidden else (depth, FACT_TIES)
        # An unknown focus reaches nothing, and is not among the nodes read:
        # no round trip of its own to check that it exists.
        ranked, cut, complete = ego_ranking(store, focus, steps, budget=budget, tie_types=follow)
        # the nodes reached and their ties: from the whole graph when the caller has it (the same
        # version), else from the store (at CORDIS size, reading and checking 3,000 ties: 0.1 s)
        base = (
            induced(context, ranked, types=FACT_TIES)
            if context is not None
            else store.subgraph(ranked, types=FACT_TIES)
        )
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
    shared: tuple[SharedTie, ...] = ()
    if hidden:
        rest = flt.model_copy(update={"types": frozenset()})
        items_view = base if rest.is_empty else apply_filter(base, rest, context=whole)
        shared = _shared(items_view, shown, hidden)
    roles = context if context is not None else role_context(store, shown)
    drawn = redact(shown, context=roles, show_private=show_private, words=words)
    return Exploration(nodes=drawn.nodes, ties=drawn.ties, total_nodes=total, exact=exact, limit=limit, shared=shared)
