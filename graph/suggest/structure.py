"""What the typed graph says about how actors hang together beyond shared activities.

Three structures that :func:`graph.suggest.collab.collab_from_subgraph` puts
into the collaboration graph, derived here from the ties of a
:class:`~graph.store.base.Subgraph`:

units
    An organisation that is ``PART_OF`` another organisation is one of its
    *units* (a board, a management office, a city council, a service of a
    district), except that a member of a *network* is a member, not a unit
    (the QuattroPole cities), unless it is a working group. An organisation
    ``PART_OF`` an event or agreement (the working groups of Trier's
    integration concept) is a unit of the actors that lead it (organiser or
    host). Suggestions name a unit through its parent (see
    :mod:`graph.suggest.candidates`).
series
    An event's parts (``PART_OF`` another event: the round tables of a
    project) make a *series* with it: every actor that took part in the
    event or in one of its parts, at any depth, belongs to the series. Two
    actors in the same series who did not meet in one of its events share
    the series ("shared events").
linked places
    Two places in two countries that belong to the same body (``PART_OF``
    the same node, or hosting the same organisation, like the QuattroPole
    cities) are *linked*; actors located in either share the pair, and the
    pair remembers the body that links it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.model import NodeType, OrgKind, ParticipationRole, TieType
from graph.store.base import Subgraph

__all__ = ["LinkedPlaces", "linked_places", "series_members", "unit_parents"]

_LEADING = frozenset({ParticipationRole.ORGANISER.value, ParticipationRole.HOST.value})


def unit_parents(sub: Subgraph) -> dict[str, frozenset[str]]:
    """Each organisation that is a unit, with the actors it is a unit of (see the module docstring)."""
    nodes = {n.id: n for n in sub.nodes}
    leaders: dict[str, set[str]] = defaultdict(set)
    for t in sub.ties:
        if t.type is TieType.PARTICIPATED_IN and t.role in _LEADING and t.source in nodes:
            leaders[t.target].add(t.source)
    parents: dict[str, set[str]] = defaultdict(set)
    for t in sub.ties:
        unit, parent = nodes.get(t.source), nodes.get(t.target)
        if t.type is not TieType.PART_OF or unit is None or parent is None or unit.type is not NodeType.ORGANISATION:
            continue
        if parent.type is NodeType.ORGANISATION:
            if parent.kind is OrgKind.NETWORK and unit.kind is not OrgKind.WORKING_GROUP:
                continue  # a member of the network, not a part of it
            parents[unit.id].add(parent.id)
        elif parent.type in (NodeType.EVENT, NodeType.AGREEMENT):
            parents[unit.id] |= {a for a in leaders.get(parent.id, ()) if a != unit.id}
    return {u: frozenset(p) for u, p in parents.items() if p}


def _event_ancestors(sub: Subgraph) -> dict[str, list[str]]:
    """Each event with the events it is part of, at any depth (nearest first)."""
    nodes = {n.id: n for n in sub.nodes}
    up: dict[str, list[str]] = defaultdict(list)
    for t in sub.ties:
        s, p = nodes.get(t.source), nodes.get(t.target)
        if t.type is TieType.PART_OF and s is not None and p is not None:
            if s.type is NodeType.EVENT and p.type is NodeType.EVENT:
                up[s.id].append(p.id)
    out: dict[str, list[str]] = {}
    for event in up:
        seen: list[str] = []
        stack = sorted(up[event])
        while stack:
            e = stack.pop(0)
            if e not in seen and e != event:
                seen.append(e)
                stack.extend(sorted(up.get(e, ())))
        out[event] = seen
    return out


def series_members(sub: Subgraph, actors: set[str]) -> dict[str, set[str]]:
    """Each event that has parts, with the ``actors`` that took part in it or
    in one of its parts (directly, or as a unit ``PART_OF`` it)."""
    ancestors = _event_ancestors(sub)
    heads = {a for chain in ancestors.values() for a in chain}
    members: dict[str, set[str]] = defaultdict(set)
    for t in sub.ties:
        if t.source not in actors or t.type not in (TieType.PARTICIPATED_IN, TieType.PART_OF):
            continue
        for event in (t.target, *ancestors.get(t.target, ())):
            if event in heads:
                members[event].add(t.source)
    return dict(members)


@dataclass(frozen=True)
class LinkedPlaces:
    """Two places in two countries linked by a body (``via``, a node id)."""

    a: str
    b: str
    via: str


def linked_places(sub: Subgraph) -> list[LinkedPlaces]:
    """Every pair of places in two countries that belong to the same body,
    with the first such body (by id), sorted by the two places."""
    nodes = {n.id: n for n in sub.nodes}
    linked: dict[str, set[str]] = defaultdict(set)
    for tie in sub.ties:
        source = nodes.get(tie.source)
        if source is None or tie.target not in nodes:
            continue
        if source.type is NodeType.PLACE and tie.type is TieType.PART_OF:
            linked[tie.target].add(tie.source)
        if tie.type is TieType.LOCATED_IN and source.type is NodeType.ORGANISATION:
            linked[tie.source].add(tie.target)
    pairs: dict[tuple[str, str], str] = {}
    for body in sorted(linked):
        ps = sorted(p for p in linked[body] if nodes[p].type is NodeType.PLACE)
        for x in range(len(ps)):
            for y in range(x + 1, len(ps)):
                if getattr(nodes[ps[x]], "country", None) != getattr(nodes[ps[y]], "country", None):
                    pairs.setdefault((ps[x], ps[y]), body)
    return [LinkedPlaces(a, b, via) for (a, b), via in sorted(pairs.items())]
