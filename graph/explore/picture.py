"""From a view to a picture: what is drawn where, how large, and which names are written.

:func:`compose` turns an :class:`~graph.explore.view.Exploration` (or any
subgraph) into a :class:`Picture`, the one description of a drawing that
every renderer reads (the app's interactive graph, SVG, PNG, the standalone
HTML page, the CSV and GEXF downloads; :mod:`graph.draw`):

- **ties** between the same two nodes are drawn as one line whose width
  grows with their number; ties through hidden events and agreements
  (:class:`~graph.explore.view.SharedTie`, organisations only) with the
  number of items shared;
- **importance** (:func:`importance`): a node's degree and its betweenness
  in the picture, each relative to the largest; the larger of the two sets
  the node's size;
- **labels** (:func:`label_set`): the focus, its most important neighbours
  and the most important nodes by degree and by betweenness are written at
  every zoom; the others show their names on hover and, where there is
  room, as the reader zooms in;
- **positions** (:func:`layout`): Kamada–Kawai per connected part, the
  parts packed side by side, largest first; no randomness beyond ``seed``,
  so a view is drawn the same way on every reload;
- **time** (:meth:`Picture.as_of`): every node and tie carries the years it
  is active (:func:`graph.facts.activity_spans`), so the picture of a year
  keeps the positions of the whole view and the network grows in place.

Display strings (type names, tie names) are the renderers' callers' to give;
node names are taken in the picture's language (:func:`graph.facts.name_in`).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from graph.explore.view import SharedTie
from graph.facts import Span, activity_spans, activity_spans_of, hull, memo, name_in, node_countries, overlaps
from graph.model import Node, NodeType, Tie
from graph.privacy import STAND_IN_PREFIX
from graph.store.base import Subgraph

__all__ = [
    "SHARED",
    "ColorBy",
    "Picture",
    "PictureNode",
    "PictureTie",
    "compose",
    "importance",
    "label_set",
    "layout",
]

ColorBy = Literal["type", "country"]

#: The kind of a drawn tie between organisations through hidden events and agreements.
SHARED = "SHARED"
#: Key of the colour of nodes without a country, and with several.
NO_COUNTRY, SEVERAL_COUNTRIES = "", "*"
#: Symbol sizes (pixels at the default zoom) of the least and the most important node.
MIN_SIZE, MAX_SIZE = 8.0, 34.0
#: Line widths of the weakest and the strongest tie.
MIN_WIDTH, MAX_WIDTH = 1.0, 6.0


@dataclass(frozen=True)
class PictureNode:
    """One node as drawn.

    ``name`` is the name in the picture's language, ``canonical`` the
    stored name; ``colour`` the key of its colour (a type, a country code,
    ``""`` no country, ``"*"`` several); ``score`` its importance (0..1,
    :func:`importance`), ``size`` its symbol size; ``labelled`` whether its
    name is written at every zoom; ``x``, ``y`` its position; ``span`` the
    years it is active (``None``: always); ``focusable`` whether clicking
    it may focus the explorer on it (role stand-ins of private persons may
    not).
    """

    id: str
    name: str
    canonical: str
    type: NodeType
    kind: str
    country: str
    colour: str
    degree: int
    betweenness: float
    score: float
    size: float
    labelled: bool
    x: float
    y: float
    span: Span | None
    focusable: bool


@dataclass(frozen=True)
class PictureTie:
    """The ties between two nodes, drawn as one line.

    ``kinds`` are the tie types (:class:`~graph.model.TieType` values) or
    :data:`SHARED`; ``ties`` the typed ties, ``items`` the events and
    agreements of a shared tie; ``weight`` their number, ``width`` the line
    width; ``span`` the years the line is active; ``cross_border`` whether
    its ends lie in different countries.
    """

    source: str
    target: str
    kinds: tuple[str, ...]
    weight: int
    width: float
    span: Span | None
    cross_border: bool
    ties: tuple[Tie, ...] = ()
    items: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Picture:
    """A drawing's content: nodes with positions, ties, the focus and the legend's keys.

    ``legend`` lists the colour keys of the nodes drawn, in a fixed order
    (types in :class:`~graph.model.NodeType` order; countries by code, then
    several, then none); ``palette`` maps every colour key the picture may
    use to a colour, stable across views of the same graph.
    """

    nodes: tuple[PictureNode, ...]
    ties: tuple[PictureTie, ...]
    focus: str | None = None
    color_by: ColorBy = "type"
    lang: str | None = None
    legend: tuple[str, ...] = ()
    palette: Mapping[str, str] = field(default_factory=dict)
    year: int | None = None

    @property
    def years(self) -> tuple[int, int] | None:
        """The first and last year any node or tie of the picture mentions (``None``: undated)."""
        found = [y for s in [n.span for n in self.nodes] + [t.span for t in self.ties] if s for y in s if y is not None]
        return (min(found), max(found)) if found else None

    def as_of(self, year: int | None) -> Picture:
        """The picture as it was in ``year``: the nodes and ties active then, where they are drawn now.

        The rule of :func:`graph.facts.as_of` (the nodes and ties of
        :func:`graph.facts.activity_spans` that meet the year; a tie needs
        both ends), applied to what is drawn; the focus stays, as it does
        under a filter. ``None``: the whole picture.
        """
        if year is None:
            return self
        nodes = tuple(n for n in self.nodes if n.id == self.focus or overlaps(n.span, (year, year)))
        kept = {n.id for n in nodes}
        ties = tuple(t for t in self.ties if t.source in kept and t.target in kept and overlaps(t.span, (year, year)))
        legend = tuple(k for k in self.legend if any(n.colour == k for n in nodes))
        return replace(self, nodes=nodes, ties=ties, legend=legend, year=year)

    def node(self, node_id: str) -> PictureNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)


# -- importance and labels ---------------------------------------------------------


def _pairs(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> list[tuple[int, int]]:
    index = {x: i for i, x in enumerate(ids)}
    return sorted(
        {(min(index[a], index[b]), max(index[a], index[b])) for a, b in links if a in index and b in index and a != b}
    )


def importance(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> dict[str, tuple[int, float, float]]:
    """Degree, betweenness and importance of every node of a picture.

    Parameters
    ----------
    ids : sequence of str
        The nodes.
    links : iterable of (str, str)
        The lines between them (undirected; repeated pairs count once).

    Returns
    -------
    dict
        Per node id: the number of neighbours, the betweenness centrality
        [1]_ (normalised to 0..1 over pairs of other nodes, as networkx's
        ``betweenness_centrality`` does), and the importance: the larger
        of the degree relative to the largest degree and the betweenness
        relative to the largest betweenness, so that hubs and brokers
        both stand out.

    References
    ----------
    .. [1] L. C. Freeman, "A set of measures of centrality based on
       betweenness", Sociometry 40 (1977) 35–41.
    """
    import igraph as ig

    ids = list(ids)
    if not ids:
        return {}
    edges = _pairs(ids, links)
    g = ig.Graph(n=len(ids), edges=edges, directed=False)
    degree = g.degree()
    n = len(ids)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    between = [b * scale for b in g.betweenness(directed=False)] if edges else [0.0] * n
    top_d = max(degree) or 1
    top_b = max(between) or 1.0
    return {
        x: (int(d), float(b), max(d / top_d, b / top_b if max(between) > 0 else 0.0))
        for x, d, b in zip(ids, degree, between)
    }


def label_set(
    scores: Mapping[str, tuple[int, float, float]],
    links: Iterable[tuple[str, str]],
    *,
    focus: str | None = None,
    top: int | None = None,
    neighbours: int = 12,
) -> set[str]:
    """The nodes whose names are written at every zoom.

    The focus; its ``neighbours`` most important neighbours; and the ``top``
    nodes by degree and the ``top`` nodes by betweenness (default: an
    eighth of the picture, at least 5 and at most 15 each). Nodes without
    any tie count only as the focus. Ties in order of importance, then id.
    """
    n = len(scores)
    k = top if top is not None else min(15, max(5, n // 8))
    chosen: set[str] = set()
    if focus is not None and focus in scores:
        chosen.add(focus)
        near = {b if a == focus else a for a, b in links if focus in (a, b)} - {focus}
        near_ranked = sorted((x for x in near if x in scores), key=lambda x: (-scores[x][2], x))
        chosen.update(near_ranked[:neighbours])
    tied = [x for x, (d, _, _) in scores.items() if d > 0]
    chosen.update(sorted(tied, key=lambda x: (-scores[x][0], -scores[x][2], x))[:k])
    by_between = [x for x in tied if scores[x][1] > 0]
    chosen.update(sorted(by_between, key=lambda x: (-scores[x][1], -scores[x][2], x))[:k])
    return chosen


# -- positions -----------------------------------------------------------------------


#: Nodes without ties stand in rows this many ``spacing`` apart (room for a name), rows closer.
SINGLE_STEP, SINGLE_ROW = 3.0, 0.5


def layout(
    ids: Sequence[str],
    links: Iterable[tuple[str, str]],
    *,
    seed: int = 0,
    spacing: float = 60.0,
    aspect: float | None = 1.6,
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes: clusters apart, parts side by side, the same every time.

    Clusters are the communities of greedy modularity optimisation [1]_
    (igraph's ``community_fastgreedy``, which draws no random numbers).
    Each connected part of more than two nodes is laid out by Kamada–Kawai
    [2]_ with ties between clusters three times as long as ties within one,
    starting from a circle of its nodes ordered by cluster (the order within
    a cluster depends only on ``seed`` and the ids); so clusters sit apart.
    Parts are then placed on shelves, largest first, and single nodes line
    up below them (:data:`SINGLE_STEP`). The same nodes, ties and seed
    always give the same positions. ``spacing`` is the typical distance
    between tied nodes.
    A drawing narrower than ``aspect`` (width / height; screens are wide) is
    stretched sideways towards it, by at most half again.

    .. [1] A. Clauset, M. E. J. Newman and C. Moore, "Finding community
       structure in very large networks", Phys. Rev. E 70, 066111 (2004).
    .. [2] T. Kamada and S. Kawai, "An algorithm for drawing general
       undirected graphs", Information Processing Letters 31 (1989) 7–15.
    """
    import igraph as ig

    order = sorted(ids)
    if not order:
        return {}
    edges = _pairs(order, links)
    g = ig.Graph(n=len(order), edges=edges, directed=False)
    cluster = g.community_fastgreedy().as_clustering().membership if edges else [0] * len(order)
    parts = sorted(g.connected_components(), key=lambda c: (-len(c), min(c)))
    boxes: list[tuple[list[int], np.ndarray]] = []
    singles: list[int] = []
    for members in parts:
        if len(members) == 1:
            singles.append(members[0])
            continue
        if len(members) == 2:
            xy = np.array([[0.0, 0.0], [spacing, 0.0]])
        else:
            sub = g.subgraph(members)
            shuffled = list(members)
            random.Random(f"{seed}:{order[members[0]]}").shuffle(shuffled)
            rank = {m: k for k, m in enumerate(shuffled)}
            around = sorted(range(len(members)), key=lambda i: (cluster[members[i]], rank[members[i]]))
            angle = np.zeros(len(members))
            angle[around] = np.linspace(0, 2 * np.pi, len(members), endpoint=False)
            start = np.column_stack([np.cos(angle), np.sin(angle)]) * math.sqrt(len(members))
            tied = sub.get_edgelist()
            lengths = [1.0 if cluster[members[a]] == cluster[members[b]] else 3.0 for a, b in tied]
            xy = np.asarray(
                sub.layout_kamada_kawai(seed=start.tolist(), maxiter=10 * len(members), weights=lengths).coords,
                dtype=float,
            )
            # scale so that tied nodes are about ``spacing`` apart
            ends = np.asarray(tied, dtype=int).reshape(-1, 2)
            drawn = np.hypot(*(xy[ends[:, 0]] - xy[ends[:, 1]]).T)
            typical = float(np.median(drawn)) if len(drawn) else 1.0
            xy *= spacing / (typical or 1.0)
        xy -= xy.min(axis=0)
        boxes.append((members, xy))
    positions: dict[str, tuple[float, float]] = {}
    area = sum((xy[:, 0].max() + spacing) * (xy[:, 1].max() + spacing) for _, xy in boxes)
    area += len(singles) * SINGLE_STEP * SINGLE_ROW * spacing * spacing
    width = max(math.sqrt(area) * 1.6, spacing * 4)
    x = y = shelf = 0.0
    for members, xy in boxes:
        w, h = xy[:, 0].max() + spacing, xy[:, 1].max() + spacing
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        for i, (a, b) in zip(members, xy):
            positions[order[i]] = (x + float(a), y + float(b))
        x, shelf = x + w, max(shelf, h)
    if singles:
        y, step = y + shelf, SINGLE_STEP * spacing  # room for a name beside each
        per_row = max(int(max(width, x) // step), 1)
        for k, i in enumerate(sorted(singles, key=lambda i: order[i])):
            positions[order[i]] = ((k % per_row) * step, y + (k // per_row) * SINGLE_ROW * spacing)
    if aspect and len(positions) > 2:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        wide, high = max(xs) - min(xs), max(ys) - min(ys)
        if wide > 0 and high > 0 and wide / high < aspect:
            factor = min(aspect * high / wide, 1.5)
            positions = {k: (x * factor, y) for k, (x, y) in positions.items()}
    return {k: (round(v[0], 1), round(v[1], 1)) for k, v in positions.items()}


# -- composition -----------------------------------------------------------------------


def _country_key(countries: frozenset[str]) -> str:
    if not countries:
        return NO_COUNTRY
    return next(iter(countries)) if len(countries) == 1 else SEVERAL_COUNTRIES


def _legend(keys: Iterable[str], color_by: ColorBy) -> tuple[str, ...]:
    present = set(keys)
    if color_by == "type":
        return tuple(t.value for t in NodeType if t.value in present)
    codes = sorted(k for k in present if k not in (NO_COUNTRY, SEVERAL_COUNTRIES))
    return tuple(codes + [k for k in (SEVERAL_COUNTRIES, NO_COUNTRY) if k in present])


def _scaled(value: float, top: float, low: float, high: float) -> float:
    return round(low + (high - low) * math.sqrt(max(value, 0.0) / top if top > 0 else 0.0), 1)


def compose(
    sub: Subgraph,
    *,
    shared: Sequence[SharedTie] = (),
    context: Subgraph | None = None,
    focus: str | None = None,
    lang: str | None = None,
    color_by: ColorBy = "type",
    palette: Mapping[str, str] | None = None,
    seed: int = 0,
) -> Picture:
    """The :class:`Picture` of ``sub`` (an exploration): positions, sizes, labels, legend.

    Parameters
    ----------
    sub : Subgraph
        What to draw (e.g. :func:`graph.explore.explore`'s result).
    shared : sequence of SharedTie
        Ties between organisations through hidden items (the exploration's ``shared``).
    context : Subgraph, optional
        Where countries and years are derived from (default: ``sub``).
    focus : str, optional
        The node the view is centred on: drawn largest and always labelled,
        with its most important neighbours.
    lang : str, optional
        Names are taken in this language where a node has one.
    color_by : {"type", "country"}
        What a node's colour key is.
    palette : mapping, optional
        Colour of each key; keys missing from it get none here (renderers
        fall back to grey).
    seed : int
        Seed of :func:`layout`.
    """
    ctx = context if context is not None else sub
    countries = node_countries(ctx)
    if context is None:
        node_years, tie_years = activity_spans(sub)
    else:  # the years of the view's nodes read from the context's ties at them (not the whole graph's)
        item_ids = [i.id for s in shared for i in s.items]
        known = memo(context, "nodes_by_id", lambda: {n.id: n for n in context.nodes})
        from_context, tie_years = activity_spans_of(context, [*(n.id for n in sub.nodes), *item_ids], ties=sub.ties)
        own_nodes, own_ties = activity_spans(sub)  # for what the context does not hold (role stand-ins)
        node_years = {nid: span if nid in known else own_nodes.get(nid) for nid, span in from_context.items()}
        tie_years = {**own_ties, **tie_years}
    nodes = sorted(sub.nodes, key=lambda n: n.id)
    ids = [n.id for n in nodes]
    present = set(ids)

    grouped: dict[tuple[str, str], list[Tie]] = defaultdict(list)
    for t in sub.ties:
        if t.source in present and t.target in present and t.source != t.target:
            grouped[(min(t.source, t.target), max(t.source, t.target))].append(t)
    through: dict[tuple[str, str], list[Node]] = {}
    for s in shared:
        if s.source in present and s.target in present:
            through[(min(s.source, s.target), max(s.source, s.target))] = list(s.items)
    links = sorted(set(grouped) | set(through))
    scores = importance(ids, links)
    labelled = label_set(scores, links, focus=focus)
    positions = layout(ids, links, seed=seed)

    def single(nid: str) -> str:
        return _country_key(countries.get(nid, frozenset()))

    weights = {pair: len(grouped.get(pair, ())) + len(through.get(pair, ())) for pair in links}
    top_weight = max(weights.values(), default=1)
    ties = []
    for pair in links:
        typed = sorted(grouped.get(pair, ()), key=lambda t: (t.type.value, t.id))
        items = tuple(sorted(through.get(pair, ()), key=lambda n: n.id))
        kinds = tuple(dict.fromkeys([t.type.value for t in typed] + ([SHARED] if items else [])))
        spans = [tie_years.get(t.id) for t in typed] + [node_years.get(i.id) for i in items]
        a, b = single(pair[0]), single(pair[1])
        ties.append(
            PictureTie(
                source=typed[0].source if typed else pair[0],
                target=typed[0].target if typed else pair[1],
                kinds=kinds,
                weight=weights[pair],
                width=_scaled(weights[pair] - 1, top_weight - 1, MIN_WIDTH, MAX_WIDTH),
                span=None if any(s is None for s in spans) else hull(spans),
                cross_border=a not in (NO_COUNTRY, SEVERAL_COUNTRIES)
                and b not in (NO_COUNTRY, SEVERAL_COUNTRIES)
                and a != b,
                ties=tuple(typed),
                items=items,
            )
        )
    drawn = []
    for node in nodes:
        degree, between, score = scores[node.id]
        if node.id == focus:
            score = 1.0
        key = node.type.value if color_by == "type" else single(node.id)
        drawn.append(
            PictureNode(
                id=node.id,
                name=name_in(node, lang),
                # a stand-in's stored name is no name of anyone, only its roles in other words
                canonical=name_in(node, lang) if node.id.startswith(STAND_IN_PREFIX) else node.name,
                type=node.type,
                kind=str(getattr(node, "kind", "") or ""),
                country=single(node.id),
                colour=key,
                degree=degree,
                betweenness=between,
                score=round(score, 4),
                size=_scaled(score, 1.0, MIN_SIZE, MAX_SIZE) + (4.0 if node.id == focus else 0.0),
                labelled=node.id in labelled,
                x=positions[node.id][0],
                y=positions[node.id][1],
                span=node_years.get(node.id),
                focusable=not node.id.startswith(STAND_IN_PREFIX),
            )
        )
    return Picture(
        nodes=tuple(drawn),
        ties=tuple(ties),
        focus=focus if focus in present else None,
        color_by=color_by,
        lang=lang,
        legend=_legend((n.colour for n in drawn), color_by),
        palette=dict(palette or {}),
    )
