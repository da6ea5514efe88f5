"""From a view to a picture: what is drawn where, how large, and which names are written.

:func:`compose` turns an :class:`~graph.explore.view.Exploration` (or any
subgraph) into a :class:`Picture`, the one description of a drawing that
every renderer reads (the app's interactive graph, SVG, PNG, the standalone
HTML page, the CSV and GEXF downloads; :mod:`graph.draw`):

- **ties** between the same two nodes are drawn as one line whose width
  grows with their number; ties through hidden events and agreements
  (:class:`~graph.explore.view.SharedTie`, organisations only) with the
  number of items shared;
- **importance** (:func:`~graph.explore.layout.importance`): a node's degree and its betweenness
  in the picture, each relative to the largest; the larger of the two sets
  the node's size;
- **labels** (:func:`~graph.explore.layout.label_set`): the focus, its most important neighbours
  and the most important nodes by degree and by betweenness are written at
  every zoom; the others show their names on hover and, where there is
  room, as the reader zooms in;
- **positions** (:func:`~graph.explore.layout.layout`): Kamada–Kawai per connected part, the
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
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from graph.explore.layout import importance, label_set, layout
from graph.explore.view import SharedTie
from graph.facts import (
    Span,
    activity_spans,
    activity_spans_of,
    crosses_border,
    hull,
    memo,
    name_in,
    node_countries,
    overlaps,
)
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
        ties.append(
            PictureTie(
                source=typed[0].source if typed else pair[0],
                target=typed[0].target if typed else pair[1],
                kinds=kinds,
                weight=weights[pair],
                width=_scaled(weights[pair] - 1, top_weight - 1, MIN_WIDTH, MAX_WIDTH),
                span=None if any(s is None for s in spans) else hull(spans),
                cross_border=crosses_border(countries.get(pair[0], frozenset()), countries.get(pair[1], frozenset())),
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
