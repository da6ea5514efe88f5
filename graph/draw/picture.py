"""Render a :class:`~graph.explore.picture.Picture`: the app's interactive graph and the standalone page.

- :func:`echarts_spec`: the option object of an Apache ECharts ``graph``
  series for Streamlit's built-in ``st.echarts_chart`` (ECharts ships with
  Streamlit: nothing is fetched from elsewhere). Nodes sit where the picture
  puts them (``layout: "none"``), sized by importance; the labelled nodes'
  names are written at every zoom, the others' where they do not overlap
  (ECharts hides overlapping labels, larger nodes first), so more appear as
  the reader zooms in, and every name on hover. A click selects a node: the
  app reads the selection and focuses the explorer on it.
- :func:`picture_html`: a self-contained vis-network page of the same
  picture (vis-network inlined, the same positions, labels and legend),
  which opens in any browser without a server or internet.

Names are data: tooltips are escaped text joined with ``<br>``, and
ECharts' template characters are escaped too. Display strings come from
the caller (:class:`Texts`): this module knows no language.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from graph.draw.page import (
    COUNTRY_PALETTE,
    MIXED_COUNTRY,
    NO_COUNTRY,
    TYPE_COLOURS,
    LegendEntry,
    finish_page,
)
from graph.explore.picture import SHARED, Picture, PictureNode, PictureTie
from graph.model import NodeType

__all__ = [
    "ECHARTS_SYMBOLS",
    "Texts",
    "echarts_renderer",
    "echarts_spec",
    "tooltip_html",
    "node_lines",
    "palette",
    "picture_html",
    "tie_lines",
]

#: ECharts symbol of each node type (the shapes of :data:`graph.draw.page.TYPE_SHAPES`).
ECHARTS_SYMBOLS: dict[NodeType, str] = {
    NodeType.ORGANISATION: "circle",
    NodeType.PERSON: "diamond",
    NodeType.EVENT: "rect",
    NodeType.AGREEMENT: "triangle",
    NodeType.PLACE: "pin",
    NodeType.TOPIC: "roundRect",
}
#: Colour of ties, of ties through shared events and agreements, and of ties across a border.
TIE_COLOUR, SHARED_COLOUR = "#b8b8b8", "#6a8fc7"
#: Up to this many ties each carry their own tooltip (types, roles, years); a larger picture's ties show
#: ECharts' own (the two names): the tooltips were two thirds of a 500-node picture's option.
LINK_TOOLTIPS = 1000
#: Above this many shapes an option is drawn on a canvas, else as SVG (:func:`echarts_renderer`).
CANVAS_ABOVE = 1000
#: Grey of nodes whose colour key has no colour.
FALLBACK = NO_COUNTRY
#: The picture's frame at the default zoom (pixels: the explorer's, in a window 1400 pixels wide), about;
#: the share of it that ECharts fills with the nodes, keeping their aspect ratio; the widest name written.
FRAME_WIDTH, FRAME_HEIGHT, FILL, LABEL_WIDTH = 930.0, 640.0, 0.8, 260.0
#: Pixels kept between two names: ECharts puts a name a few pixels off the estimate (a pin's name sits
#: higher, a name above a square lower), and names that touch read as one.
PAD = 6.0
#: Pixels the legend's row takes at the top of the frame (below its title): 12 px text, padding 6.
LEGEND_ROW = 28.0
#: Pixels a name written small may take; a longer one is cut, and its tooltip has it whole.
SMALL_LABEL_WIDTH = 170.0
#: The label of a labelled node: always shown, long names cut with an ellipsis (whole in the tooltip).
_STRONG = {"show": True, "fontWeight": "bold", "minMargin": 2, "width": LABEL_WIDTH, "overflow": "truncate"}


@dataclass(frozen=True)
class Texts:
    """Everything a rendered picture writes that is not a node's name, in the reader's language.

    ``types``, ``ties``, ``kinds``, ``roles`` and ``countries`` map codes
    (node types, tie types, kinds, roles, country codes, ``""`` no country,
    ``"*"`` several) to labels; ``shared`` names a tie through shared events
    and agreements (e.g. ``"shared events and agreements"``); ``original``
    labels the stored name where the picture names a node in another
    language (``"Original name"``); ``colon``
    joins a title to its count (``" : "`` in French); ``legend`` is
    the legend's title; ``title`` a heading for files; ``years`` formats a
    span (default ``2015–2017``).
    """

    types: Mapping[str, str] = field(default_factory=dict)
    ties: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)
    countries: Mapping[str, str] = field(default_factory=dict)
    shared: str = "shared events and agreements"
    original: str = "Original name"
    colon: str = ": "
    legend: str = ""
    title: str = ""

    def colour_label(self, picture: Picture, key: str) -> str:
        source = self.types if picture.color_by == "type" else self.countries
        return source.get(key, key)


def palette(color_by: str, countries: list[str] | tuple[str, ...] = ()) -> dict[str, str]:
    """A colour per colour key: node types, or every country of ``countries`` (the whole graph's,
    so that a country keeps its colour in every view), several countries and none."""
    if color_by == "type":
        return {t.value: c for t, c in TYPE_COLOURS.items()}
    out = {c: COUNTRY_PALETTE[i % len(COUNTRY_PALETTE)] for i, c in enumerate(sorted(countries))}
    out.update({"*": MIXED_COUNTRY, "": NO_COUNTRY})
    return out


def _years(span) -> str:
    if not span:
        return ""
    lo, hi = span
    if lo == hi:
        return str(lo)
    return f"{lo if lo is not None else ''}–{hi if hi is not None else ''}"


def node_lines(node: PictureNode, texts: Texts) -> list[str]:
    """What a node's tooltip says (plain text lines): name, stored name, type and kind, country, years."""
    lines = [node.name]
    if node.canonical != node.name:
        lines.append(f"{texts.original}{texts.colon}{node.canonical}")
    kind = texts.kinds.get(node.kind, node.kind) if node.kind and node.kind != "other" else ""
    lines.append(" · ".join(x for x in (texts.types.get(node.type.value, node.type.value), kind) if x))
    if node.country:
        lines.append(texts.countries.get(node.country, node.country))
    years = _years(node.span)
    if years:
        lines.append(years)
    return lines


def tie_lines(tie: PictureTie, picture: Picture, texts: Texts) -> list[str]:
    """What a tie's tooltip says: each typed tie (type, role, years), the shared items by name."""
    names = {n.id: n.name for n in picture.nodes}
    lines = [f"{names.get(tie.source, tie.source)} — {names.get(tie.target, tie.target)}"]
    for t in tie.ties:
        role = texts.roles.get(t.role, t.role) if t.role else ""
        years = _years((int(t.start[:4]), int(t.end[:4]) if t.end else None)) if t.start else ""
        lines.append(" · ".join(x for x in (texts.ties.get(t.type.value, t.type.value), role, years) if x))
    if tie.items:
        from graph.facts import name_in

        lines.append(f"{texts.shared}{texts.colon}{len(tie.items)}")
        lines += [f"– {name_in(i, picture.lang)}" for i in tie.items[:8]]
        if len(tie.items) > 8:
            lines.append("…")
    return lines


def tooltip_html(lines: list[str]) -> str:
    """An ECharts tooltip of ``lines``: escaped text and ``<br>`` only, braces written as entities
    (ECharts replaces ``{a}``, ``{b}`` ... in formatter strings)."""
    safe = "<br>".join(html.escape(line, quote=True) for line in lines if line)
    return safe.replace("{", "&#123;").replace("}", "&#125;")


def _frame(picture: Picture) -> tuple[float, float, float]:
    """(pixels per unit, left edge, right edge) of ``picture`` in its frame (:data:`FRAME_WIDTH`), in
    pixels: ECharts scales the nodes to fill :data:`FILL` of the frame's width or height, whichever
    comes first, and centres them."""
    xs, ys = [n.x for n in picture.nodes], [n.y for n in picture.nodes]
    scale = FILL * min(FRAME_WIDTH / ((max(xs) - min(xs)) or 1.0), FRAME_HEIGHT / ((max(ys) - min(ys)) or 1.0))
    centre = (min(xs) + max(xs)) / 2 * scale
    return scale, centre - FRAME_WIDTH / 2, centre + FRAME_WIDTH / 2


def left_named(picture: Picture, *, size: float = 10) -> set[str]:
    """The nodes whose small name (``size`` px, cut at :data:`SMALL_LABEL_WIDTH`) would run past the
    frame's right edge if written on their right (ECharts' default): they are written on the left,
    unless that runs past the left edge."""
    if not picture.nodes:
        return set()
    scale, lo, hi = _frame(picture)
    out = set()
    for n in picture.nodes:
        x, w, gap = n.x * scale, min(0.6 * size * len(n.name), SMALL_LABEL_WIDTH), n.size / 2 + 5
        if x + gap + w > hi and x - gap - w >= lo:
            out.add(n.id)
    return out


def legible(picture: Picture, *, band: float = 0.0) -> dict[str, str]:
    """Where the labelled nodes' names go at the default zoom: node id -> ``right``, ``left``,
    ``top`` or ``bottom`` (ECharts' label positions), for those whose name finds room.

    ECharts fits the picture into its frame (:func:`_frame`); at that
    scale each name (13 px, estimated at 0.6 of that per character, cut at
    :data:`LABEL_WIDTH` pixels) goes beside its node, right, left, above or
    below, the first place that covers no name placed before and stays
    within the frame, below its top ``band`` pixels (the legend's); most
    important first (the focus before all). A name that finds no room is
    written small instead, where ECharts finds room for it.
    """
    if not picture.nodes:
        return {}
    scale, lo, hi = _frame(picture)
    placed: list[tuple[float, float, float, float]] = []
    if band:
        ys = [n.y for n in picture.nodes]
        top = (min(ys) + max(ys)) / 2 * scale - FRAME_HEIGHT / 2  # the frame's top edge
        placed.append((lo, top - FRAME_HEIGHT, hi, top + band))
    where: dict[str, str] = {}
    ranked = sorted(
        (n for n in picture.nodes if n.labelled),
        key=lambda n: (n.id != picture.focus, -n.score, -n.betweenness, -n.degree, n.id),
    )
    for n in ranked:
        size = 15 if n.id == picture.focus else 13
        w, h, gap = min(0.6 * size * len(n.name), LABEL_WIDTH), size * 1.4, n.size / 2 + 5
        x, y = n.x * scale, n.y * scale
        for side, box in (
            ("right", (x + gap, y - h / 2, x + gap + w, y + h / 2)),
            ("left", (x - gap - w, y - h / 2, x - gap, y + h / 2)),
            ("top", (x - w / 2, y - gap - h, x + w / 2, y - gap)),
            ("bottom", (x - w / 2, y + gap, x + w / 2, y + gap + h)),
        ):
            if (
                lo <= box[0]
                and box[2] <= hi
                and all(
                    box[2] + PAD <= b[0] or box[0] >= b[2] + PAD or box[3] + PAD <= b[1] or box[1] >= b[3] + PAD
                    for b in placed
                )
            ):
                placed.append(box)
                where[n.id] = side
                break
    return where


def echarts_spec(picture: Picture, texts: Texts, *, show_legend: bool = True) -> dict:
    """The ECharts option object drawing ``picture`` (for ``st.echarts_chart``).

    One ``graph`` series: ``data`` holds the nodes in the picture's order
    but the focus last: ECharts draws them in that order, so no neighbour
    covers the focus (a click reports a node's id, never its position). The
    order also settles which of two overlapping names of nodes of the same
    size ECharts hides (the later one), so the others keep the picture's
    order (by id) and names keep their places from one view to the next.
    ``links`` are the ties by data index, ``categories`` the legend's keys.
    Plain JSON: no functions, no remote resources.
    """
    legend_top = 22 if texts.legend else 4
    shown = show_legend and bool(picture.legend)
    strong = legible(picture, band=legend_top + LEGEND_ROW if shown else 0.0)
    nodes = sorted(picture.nodes, key=lambda n: n.id == picture.focus)  # stable: only the focus moves
    index = {n.id: i for i, n in enumerate(nodes)}
    leftward = left_named(picture)
    keys = list(picture.legend)
    category = {k: i for i, k in enumerate(keys)}
    colours = picture.palette
    data = []
    for n in nodes:
        item: dict = {
            "id": n.id,
            "name": n.name,
            "x": n.x,
            "y": n.y,
            "symbolSize": n.size,
            "symbol": ECHARTS_SYMBOLS[n.type],
            "category": category.get(n.colour, 0),
            "itemStyle": {"color": colours.get(n.colour, FALLBACK)},
            "tooltip": {"formatter": tooltip_html(node_lines(n, texts))},
        }
        if n.id in strong:
            item["label"] = {**_STRONG, "fontSize": 13, "color": "#1a1a1a", "position": strong[n.id]}
        elif n.id in leftward:
            item["label"] = {"position": "left"}
        if n.id == picture.focus:
            item["itemStyle"] = {**item["itemStyle"], "borderColor": "#1a1a1a", "borderWidth": 3}
            item["label"] = {**_STRONG, "fontSize": 15, "color": "#000000", "position": strong.get(n.id, "right")}
        if not n.focusable:
            item["cursor"] = "default"
        data.append(item)
    links = []
    described = len(picture.ties) <= LINK_TOOLTIPS
    for t in picture.ties:
        link: dict = {"source": index[t.source], "target": index[t.target]}
        style: dict = {"width": t.width} if t.width != 1.0 else {}
        if SHARED in t.kinds:
            style["color"] = SHARED_COLOUR
        if style:
            link["lineStyle"] = style
        if described:
            link["tooltip"] = {"formatter": tooltip_html(tie_lines(t, picture, texts))}
        links.append(link)
    categories = [
        {
            "name": texts.colour_label(picture, k),
            "itemStyle": {"color": colours.get(k, FALLBACK)},
            **({"symbol": ECHARTS_SYMBOLS[NodeType(k)]} if picture.color_by == "type" else {"symbol": "circle"}),
        }
        for k in keys
    ]
    spec: dict = {
        "animation": False,
        "tooltip": {"trigger": "item", "confine": True},
        "series": [
            {
                "type": "graph",
                "layout": "none",
                "roam": True,
                "scaleLimit": {"min": 0.2, "max": 12},
                "selectedMode": "single",
                "select": {"itemStyle": {"borderColor": "#000000", "borderWidth": 3}},
                "data": data,
                "links": links,
                "categories": categories,
                # other names only where they keep a wide margin to each other (overlapping ones are
                # hidden, those of larger nodes kept): zooming in makes room for more
                "label": {
                    "show": True,
                    "position": "right",
                    "fontSize": 10,
                    "color": "#666666",
                    "minMargin": 28,
                    # a long name written small is cut (its tooltip has it whole), not run across the picture
                    "width": SMALL_LABEL_WIDTH,
                    "overflow": "truncate",
                },
                "labelLayout": {"hideOverlap": True},
                "emphasis": {"focus": "adjacency", "label": {"show": True}},
                # a legend entry is a colour key, not a node: hovering it highlights nothing
                # (ECharts would look for a node of that name and dim all the others)
                "legendHoverLink": False,
                "lineStyle": {"color": TIE_COLOUR, "opacity": 0.8},
            }
        ],
    }
    if shown:
        # one row across the top, paged when it is too long (a CORDIS hub's view has dozens of
        # countries): ECharts fits the nodes into the middle 80% of the frame, so the row above them
        # covers none, where a column at the left covered the nodes and names in its corner
        if texts.legend:
            spec["title"] = {"text": texts.legend, "left": 6, "top": 4, "textStyle": {"fontSize": 12}}
        spec["legend"] = [
            {
                "type": "scroll",
                "data": [{"name": c["name"], "icon": c["symbol"]} for c in categories],  # the types' own shapes
                "orient": "horizontal",
                "left": 4,
                "right": 4,
                "top": legend_top,
                "backgroundColor": "rgba(255,255,255,0.85)",
                "borderColor": "#dddddd",
                "borderWidth": 1,
                "padding": 6,
                "textStyle": {"fontSize": 12},
            }
        ]
    return spec


def echarts_renderer(option: dict) -> Literal["svg", "canvas"]:
    """Which ECharts renderer draws ``option``: ``"svg"`` up to :data:`CANVAS_ABOVE` shapes, else ``"canvas"``.

    A shape is a symbol or a name of a ``graph`` or ``scatter`` series (two
    per node or point) or a tie or an arc. ECharts' handbook ("Render with
    SVG or Canvas") advises the canvas above about a thousand elements: the
    SVG renderer keeps every shape an element of the page, which the browser
    styles, lays out and paints again with every new picture (a 500-node
    CORDIS view: 500 symbols, up to 500 names, 3,000 ties). Below it SVG
    keeps names sharp at any browser zoom, and each one an element a test can
    find.
    """
    shapes = 0
    for series in option.get("series", ()):
        shapes += len(series.get("links", ()))
        shapes += len(series.get("data", ())) * (1 if series.get("type") == "lines" else 2)
    return "svg" if shapes <= CANVAS_ABOVE else "canvas"


def picture_html(picture: Picture, texts: Texts, *, height: int = 750) -> str:
    """A self-contained HTML page of ``picture``: vis-network inlined, nothing fetched, no server needed.

    The same positions, sizes, colours and labels as the app's drawing;
    vis-network hides the names of small nodes until the reader zooms in
    (its ``scaling.label.drawThreshold``), and shows every tooltip on hover.
    """
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=False, cdn_resources="in_line", heading="")
    for n in picture.nodes:
        net.add_node(
            n.id,
            label=n.name,
            title="<br>".join(html.escape(x, quote=True) for x in node_lines(n, texts)),
            shape={"circle": "dot", "rect": "square", "roundRect": "star", "pin": "triangleDown"}.get(
                ECHARTS_SYMBOLS[n.type], ECHARTS_SYMBOLS[n.type]
            ),
            color=picture.palette.get(n.colour, FALLBACK),
            size=round(n.size / 2 + 2, 1),
            x=n.x * 2,
            y=n.y * 2,
            physics=False,
            font={"size": 18 if n.labelled else 9, "bold": n.id == picture.focus},
            borderWidth=3 if n.id == picture.focus else 1,
        )
    for t in picture.ties:
        net.edges.append(
            {
                "from": t.source,
                "to": t.target,
                "width": t.width,
                "color": SHARED_COLOUR if SHARED in t.kinds else TIE_COLOUR,
                "title": "<br>".join(html.escape(x, quote=True) for x in tie_lines(t, picture, texts)),
            }
        )
    net.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {"scaling": {"label": {"enabled": False, "drawThreshold": 6}}},
        "edges": {"smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 150},
    }
    legend = [
        LegendEntry(k, texts.colour_label(picture, k), picture.palette.get(k, FALLBACK), None) for k in picture.legend
    ]
    page = finish_page(net, legend, texts.legend or None)
    title = html.escape(texts.title or "Pontes", quote=True)
    return page.replace("<head>", f'<head>\n<meta charset="utf-8">\n<title>{title}</title>', 1)


def spec_json(spec: dict) -> str:
    """``spec`` as compact JSON (for sizes and tests)."""
    return json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
