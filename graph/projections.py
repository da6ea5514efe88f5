"""When do two actors count as tied? Two answers, one per purpose, side by side.

Pontes' graph is two-mode: actors (organisations, persons) take part in
events, sign agreements and state ties among themselves. Metrics and
suggestions both need a one-mode graph of actors, but they ask different
questions, so they project differently. Both projections are defined here
and nowhere else.

=================  ==========================================  ================================
                   :data:`COLLABORATION`                       :data:`PARTNERSHIP`
=================  ==========================================  ================================
used by            network metrics (:mod:`graph.analysis`,     suggestions and the forum
                   ``pontes metrics``, the Metrics page)       composer (:mod:`graph.suggest`)
question           who has worked together?                    who already knows whom?
shared event       tie (``PARTICIPATED_IN`` the same event)    tie
shared agreement   tie (``PARTY_TO`` the same agreement)       tie
``COOPERATES_WITH``  only with ``cooperation=True``            tie
``MEMBER_OF``,     no: a person and their employer, a          tie: a member and its body
``PART_OF``        working group and its network did not       know each other; suggesting
(actor to actor)   choose to work together, and counting them  them would be useless
                   would add every organisation's staff to
                   its degree
``PART_OF`` an     no                                          tie: a working group of a
event or                                                       project takes part in it, with
agreement                                                      the project's other actors
weights            shared items (or Newman's 1/(n-1))          0/1, dated per activity
=================  ==========================================  ================================

``FEEDBACK`` ties (planners' decisions) belong to neither. The test
``tests/test_projections.py`` shows on one small graph where the two differ
and that the metrics' network and the suggestion engine's graph are exactly
these projections.

References
----------
.. [1] M. E. J. Newman, "Scientific collaboration networks. II. Shortest
   paths, weighted networks, and centrality", Phys. Rev. E 64, 016132 (2001).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from graph.facts import decimal_year, node_span
from graph.model import ACTOR_TYPES, NodeType, ParticipationRole, TieType, year_of
from graph.store.base import Subgraph

if TYPE_CHECKING:  # pandas (0.3 s to import) only when a table is made: the explorer's projections need none
    import pandas as pd

__all__ = [
    "COLLABORATION",
    "PARTNERSHIP",
    "Activities",
    "Projection",
    "activities",
    "collaboration",
    "item_memberships",
    "shared_items",
    "tied_pairs",
]


@dataclass(frozen=True)
class Projection:
    """Which ties make two actors tied.

    ``item_ties`` lead from an actor to an item (event, agreement): two
    actors with the same item are tied. ``pair_ties`` join two actors
    directly: each such tie is an activity of its two ends.
    """

    name: str
    item_ties: frozenset[TieType]
    pair_ties: frozenset[TieType] = field(default_factory=frozenset)


#: Network metrics: shared events and agreements (stated cooperation on request).
COLLABORATION = Projection("collaboration", frozenset({TieType.PARTICIPATED_IN, TieType.PARTY_TO}))

#: Suggestions: everything by which two actors already know each other. An
#: actor ``PART_OF`` an event or agreement (the working groups of a project)
#: takes part in it; ``PART_OF`` another actor is a pair tie.
PARTNERSHIP = Projection(
    "partnership",
    frozenset({TieType.PARTICIPATED_IN, TieType.PARTY_TO, TieType.PART_OF}),
    frozenset({TieType.COOPERATES_WITH, TieType.MEMBER_OF, TieType.PART_OF}),
)


def collaboration(*, cooperation: bool = False, item_ties: Collection[TieType] | None = None) -> Projection:
    """:data:`COLLABORATION`, with stated ``COOPERATES_WITH`` ties when ``cooperation``
    and, with ``item_ties``, over events or agreements only."""
    rule = COLLABORATION
    if item_ties is not None:
        rule = replace(rule, item_ties=frozenset(item_ties))
    if cooperation:
        rule = replace(rule, pair_ties=frozenset({TieType.COOPERATES_WITH}))
    return rule


def item_memberships(sub: Subgraph, item_ties: Collection[TieType] = COLLABORATION.item_ties) -> pd.DataFrame:
    """One row per actor-item tie: ``actor``, ``item``, ``year`` (the item's year, else the tie's).

    Items are what ``item_ties`` lead to (events through ``PARTICIPATED_IN``,
    agreements through ``PARTY_TO``); an event's year is its last year, an
    agreement's the year signed. Sorted by actor and item, each pair once.
    """
    wanted = frozenset(item_ties)
    by_id = {n.id: n for n in sub.nodes}
    rows = []
    for t in sub.ties:
        if t.type not in wanted:
            continue
        actor, item = by_id.get(t.source), by_id.get(t.target)
        if actor is None or item is None or actor.type not in ACTOR_TYPES:
            continue
        span = node_span(item)
        year = span[1] if span and span[1] is not None else (span[0] if span else None)
        if year is None:
            year = year_of(t.start)
        rows.append((actor.id, item.id, year))
    import pandas as pd

    df = pd.DataFrame(rows, columns=["actor", "item", "year"]).drop_duplicates(["actor", "item"])
    df["year"] = df["year"].astype("Float64")
    return df.sort_values(["actor", "item"], ignore_index=True)


@dataclass
class Activities:
    """What a projection makes of the typed graph: dated activities and who took part.

    ``actors`` are the actor ids (sorted); per activity its id (the event or
    agreement id, or ``tie:<tie id>`` for a pair tie), name, kind
    (``event``, ``agreement``, ``cooperation``, ``membership``), time
    (decimal years, ``nan`` when undated) and ``members`` (actor indices).
    ``sources`` holds, per (actor index, activity index), the sources of
    the ties behind the participation; ``leads`` the participations as
    organiser or host.
    """

    actors: list[str]
    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)
    sources: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    leads: set[tuple[int, int]] = field(default_factory=set)


_PAIR_KINDS = {
    TieType.COOPERATES_WITH: "cooperation",
    TieType.MEMBER_OF: "membership",
    TieType.PART_OF: "membership",
}
_LEADING = frozenset({ParticipationRole.ORGANISER.value, ParticipationRole.HOST.value})
_ITEM_TYPES = frozenset({NodeType.EVENT, NodeType.AGREEMENT})


def activities(sub: Subgraph, projection: Projection = PARTNERSHIP) -> Activities:
    """The activities of ``sub`` under ``projection``, each dated.

    - an event, with the actors ``PARTICIPATED_IN`` it (its ``start``; when
      undated, the earliest dated participation);
    - an agreement, with the actors ``PARTY_TO`` it (``signed``);
    - each pair tie of the projection between two actors, an activity of
      its two ends (the tie's ``start``).

    An item tie counts only when it leads to an event or an agreement (a
    ``PART_OF`` tie may lead to an actor: then it is a pair tie).

    Ties are read in id order, so the result does not depend on the order of ``sub``.
    """
    nodes = {n.id: n for n in sub.nodes}
    out = Activities(actors=sorted(i for i, n in nodes.items() if n.type in ACTOR_TYPES))
    index = {a: i for i, a in enumerate(out.actors)}
    by_key: dict[str, int] = {}

    def activity(key: str, name: str, kind: str, time: float) -> int:
        if key not in by_key:
            by_key[key] = len(out.ids)
            out.ids.append(key)
            out.times.append(time)
            out.kinds.append(kind)
            out.names.append(name)
            out.members.append([])
        return by_key[key]

    def join(j: int, actor: str, tie) -> None:
        i = index[actor]
        if i not in out.members[j]:
            out.members[j].append(i)
        out.sources[(i, j)] = tuple(sorted(set(out.sources.get((i, j), ())) | set(tie.sources)))

    for tie in sorted(sub.ties, key=lambda t: t.id):
        if tie.source not in nodes or tie.target not in nodes:
            continue
        target = nodes[tie.target]
        if tie.type in projection.item_ties and tie.source in index and target.type in _ITEM_TYPES:
            if target.type is NodeType.EVENT:
                when = decimal_year(getattr(target, "start", None))
                kind = "event"
            else:
                when = decimal_year(getattr(target, "signed", None))
                kind = "agreement"
            j = activity(target.id, target.name, kind, when)
            if np.isnan(out.times[j]) and tie.start:
                out.times[j] = decimal_year(tie.start)
            elif (
                tie.start
                and not np.isnan(decimal_year(tie.start))
                and out.kinds[j] == "event"
                and not getattr(target, "start", None)
            ):
                out.times[j] = min(out.times[j], decimal_year(tie.start))
            join(j, tie.source, tie)
            if tie.type is TieType.PARTICIPATED_IN and tie.role in _LEADING:
                out.leads.add((index[tie.source], j))
        elif tie.type in projection.pair_ties and tie.source in index and tie.target in index:
            label = f"{nodes[tie.source].name} – {nodes[tie.target].name}"
            j = activity(f"tie:{tie.id}", label, _PAIR_KINDS[tie.type], decimal_year(tie.start))
            join(j, tie.source, tie)
            join(j, tie.target, tie)
    return out


def tied_pairs(sub: Subgraph, projection: Projection) -> set[tuple[str, str]]:
    """The actor pairs ``(a, b)``, ``a < b``, that ``projection`` ties in ``sub``."""
    acts = activities(sub, projection)
    pairs: set[tuple[str, str]] = set()
    for members in acts.members:
        ids = sorted(acts.actors[i] for i in members)
        pairs.update((a, b) for k, a in enumerate(ids) for b in ids[k + 1 :])
    return pairs


def shared_items(
    sub: Subgraph, actors: Collection[str], projection: Projection = COLLABORATION
) -> dict[tuple[str, str], tuple[str, ...]]:
    """The items (events, agreements) each pair of ``actors`` shares in ``sub`` under ``projection``.

    Keys are pairs ``(a, b)`` with ``a < b``, both in ``actors``, that reach
    the same item through the projection's item ties (``PARTICIPATED_IN``
    the same event, ``PARTY_TO`` the same agreement); values the ids of
    those items, sorted. The explorer draws these pairs as ties when the
    items themselves are filtered out (organisations only), weighted by
    their number: the projection of :data:`COLLABORATION`, restricted to
    the actors drawn.
    """
    wanted = set(actors)
    members: dict[str, set[str]] = {}
    for t in sub.ties:
        if t.type in projection.item_ties and t.source in wanted:
            members.setdefault(t.target, set()).add(t.source)
    pairs: dict[tuple[str, str], list[str]] = {}
    for item in sorted(members):
        ids = sorted(members[item])
        for k, a in enumerate(ids):
            for b in ids[k + 1 :]:
                pairs.setdefault((a, b), []).append(item)
    return {pair: tuple(items) for pair, items in pairs.items()}
