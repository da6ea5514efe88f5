"""The explorer's view on a map: where its organisations, events and agreements are, and their ties.

:func:`map_view` places the nodes of a :class:`~graph.explore.picture.Picture`
(the explorer's current view, with its filters, year and language) by
:func:`graph.facts.node_locations`: an organisation, event or agreement
lies where the place it is ``LOCATED_IN`` lies, inherited along
``PART_OF``. Nodes at the same place make one point; the picture's ties
between nodes at different places make one arc per pair of places, marked
when it crosses a border. What cannot be placed is listed apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph.explore.picture import Picture, PictureNode
from graph.facts import name_in, node_locations
from graph.ids import sort_key
from graph.model import NodeType, Place
from graph.store.base import Subgraph

__all__ = ["MAPPED_TYPES", "MapArc", "MapPoint", "MapView", "map_view"]

#: The node types a map places (persons and topics are not placed; places are the points).
MAPPED_TYPES = frozenset({NodeType.ORGANISATION, NodeType.EVENT, NodeType.AGREEMENT})


@dataclass(frozen=True)
class MapPoint:
    """A place with the view's nodes that lie there (``nodes``: picture nodes, most important first)."""

    place: str
    name: str
    country: str
    lat: float
    lon: float
    nodes: tuple[PictureNode, ...]


@dataclass(frozen=True)
class MapArc:
    """The ties between the nodes of two places (``source`` < ``target``, place ids).

    ``weight`` is the number of the picture's ties (each counted with its
    own weight), ``cross_border`` whether the two places lie in different
    countries.
    """

    source: str
    target: str
    weight: int
    cross_border: bool


@dataclass(frozen=True)
class MapView:
    """Points, arcs, and the view's organisations, events and agreements without a place."""

    points: tuple[MapPoint, ...]
    arcs: tuple[MapArc, ...]
    unplaced: tuple[PictureNode, ...]

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """West, south, east and north of the points (``None`` without points)."""
        if not self.points:
            return None
        lons = [p.lon for p in self.points]
        lats = [p.lat for p in self.points]
        return (min(lons), min(lats), max(lons), max(lats))


def map_view(picture: Picture, context: Subgraph) -> MapView:
    """The map of ``picture``: its mapped nodes by place, arcs between places, the unplaced.

    Parameters
    ----------
    picture : Picture
        What the explorer shows (filters, focus, year and language applied).
    context : Subgraph
        The whole graph: where places, their coordinates and the nodes'
        ``LOCATED_IN`` and ``PART_OF`` ties are read from.
    """
    where = node_locations(context)
    places = {n.id: n for n in context.nodes if isinstance(n, Place)}
    at: dict[str, list[PictureNode]] = defaultdict(list)
    unplaced = []
    for node in picture.nodes:
        if node.type not in MAPPED_TYPES:
            continue
        spot = where.get(node.id)
        if spot in places:
            at[spot].append(node)
        else:
            unplaced.append(node)
    points = []
    for pid in sorted(at, key=lambda p: (sort_key(places[p].name), p)):
        place = places[pid]
        assert place.lat is not None and place.lon is not None  # node_locations only returns placed places
        members = tuple(sorted(at[pid], key=lambda n: (-n.score, sort_key(n.name), n.id)))
        points.append(MapPoint(pid, name_in(place, picture.lang), place.country, place.lat, place.lon, members))
    placed = {n.id: spot for spot, nodes in at.items() for n in nodes}
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for tie in picture.ties:
        a, b = placed.get(tie.source), placed.get(tie.target)
        if a and b and a != b:
            weights[(min(a, b), max(a, b))] += tie.weight
    arcs = tuple(MapArc(a, b, w, places[a].country != places[b].country) for (a, b), w in sorted(weights.items()))
    unplaced.sort(key=lambda n: (n.type.value, sort_key(n.name), n.id))
    return MapView(points=tuple(points), arcs=arcs, unplaced=tuple(unplaced))
