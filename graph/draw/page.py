"""Draw a subgraph as an interactive HTML page (pyvis / vis-network).

The page works without internet. By default vis-network's JavaScript and CSS
are inlined (``cdn_resources="in_line"``): a self-contained page of about
0.7 MB plus the graph, for files and tests. With ``assets`` (a URL path on
the page's own server, e.g. ``/app/static/pyvis/``) the page loads the same
files (:data:`ASSET_FILES`, copies of pyvis' own) from there instead and
carries only the graph: the app serves them once (``static/pyvis/``), so an
interaction does not ship vis-network again. The remote Bootstrap that
pyvis' template links unconditionally is removed. :func:`remote_references`
finds anything that would still be fetched from another host;
:func:`render_html` refuses to return such a page.

Node and tie names are data, never markup: every tooltip line is escaped with
:func:`html.escape` and joined with ``<br>``; the page turns that into a DOM
element for vis-network, so names like ``<b>x</b>`` show as typed. Labels on
the canvas are drawn as text by vis-network. Display strings (type names,
legend title) come from the caller, so this module knows no language.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from graph.draw.remote import remote_references
from graph.facts import node_countries
from graph.model import Node, NodeType, Tie
from graph.store.base import Subgraph

if TYPE_CHECKING:  # pyvis (and the IPython it imports) is loaded when a page is drawn, not with the library
    from pyvis.network import Network

ColorBy = Literal["type", "country"]

#: Colour of each node type (colour-blind-friendly, after Okabe & Ito).
TYPE_COLOURS: dict[NodeType, str] = {
    NodeType.ORGANISATION: "#0072B2",
    NodeType.PERSON: "#E69F00",
    NodeType.EVENT: "#009E73",
    NodeType.AGREEMENT: "#CC79A7",
    NodeType.PLACE: "#56B4E9",
    NodeType.TOPIC: "#D55E00",
}

#: A long name wraps (pixels) instead of running across its neighbours.
WRAP = {"widthConstraint": {"maximum": 260}}
#: Shape of each node type (vis-network shapes with the label below).
TYPE_SHAPES: dict[NodeType, str] = {
    NodeType.ORGANISATION: "dot",
    NodeType.PERSON: "diamond",
    NodeType.EVENT: "square",
    NodeType.AGREEMENT: "triangle",
    NodeType.PLACE: "triangleDown",
    NodeType.TOPIC: "star",
}

#: Views with more nodes than this are laid out here (:func:`static_layout`) and
#: only drawn by vis-network, with straight ties whose type shows in the tooltip:
#: its own physics takes minutes for a few hundred nodes in a browser without a
#: GPU (headless Chromium on the 2-core machine, see docs/scale.md).
STATIC_LAYOUT_NODES = 150

#: vis-network's files as pyvis ships them (paths under its ``lib/`` folder).
#: A self-contained page inlines them; with ``assets`` they are loaded from
#: ``assets + name`` (the app serves copies from ``static/pyvis/``).
ASSET_FILES = ("bindings/utils.js", "vis-9.1.2/vis-network.css", "vis-9.1.2/vis-network.min.js")

#: Colours handed out to countries in alphabetical order of their codes.
COUNTRY_PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#F0E442",
    "#8C564B",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
    "#9467BD",
)
#: Colour of nodes without a country, or with several.
NO_COUNTRY = "#BBBBBB"
MIXED_COUNTRY = "#555555"


@dataclass(frozen=True)
class LegendEntry:
    key: str  # a NodeType value, a country code, "" (no country) or "*" (several)
    label: str
    colour: str
    shape: str | None = None


def display_label(mapping: Mapping[str, str] | None, key: str) -> str:
    """The display text of ``key`` in ``mapping`` (``key`` itself when it has none)."""
    return (mapping or {}).get(key, key)


def tooltip(lines: list[str]) -> str:
    """Escaped lines joined with ``<br>``: markup only from here, text from the data."""
    return "<br>".join(html.escape(line, quote=True) for line in lines if line)


def node_tooltip(node: Node, type_label: str) -> str:
    """Name, other names, aliases and type of ``node`` as safe tooltip HTML."""
    lines = [node.name]
    others = [n for n in node.names.values() if n != node.name]
    if others:
        lines.append(" / ".join(others))
    if node.aliases:
        lines.append(", ".join(node.aliases))
    lines.append(type_label)
    return tooltip(lines)


def tie_tooltip(tie: Tie, type_label: str, role_labels: Mapping[str, str] | None = None) -> str:
    """Type, role (named by ``role_labels`` where it has a label) and years of ``tie`` as safe tooltip HTML."""
    role = display_label(role_labels, tie.role) if tie.role else ""
    return _tie_tooltip(type_label, role, tie.start, tie.end)


@functools.lru_cache(maxsize=4096)
def _tie_tooltip(type_label: str, role: str, start: str | None, end: str | None) -> str:
    # Many ties of a large view share their tooltip (CORDIS: type, role, start year).
    dates = "–".join(x for x in (start, end) if x)
    if start and not end:
        dates += "–"
    return tooltip([type_label, role, dates])


def country_colours(codes: list[str]) -> dict[str, str]:
    """A stable colour per country code (alphabetical, cycling the palette)."""
    return {c: COUNTRY_PALETTE[i % len(COUNTRY_PALETTE)] for i, c in enumerate(sorted(codes))}


def node_colours(
    sub: Subgraph, color_by: ColorBy = "type", *, context: Subgraph | None = None
) -> tuple[dict[str, str], list[LegendEntry]]:
    """Colour of each node id and the legend explaining them (labels are keys;
    :func:`render_html` swaps in display labels)."""
    if color_by == "type":
        colours = {n.id: TYPE_COLOURS[n.type] for n in sub.nodes}
        present = {n.type for n in sub.nodes}
        legend = [LegendEntry(t.value, t.value, TYPE_COLOURS[t], TYPE_SHAPES[t]) for t in NodeType if t in present]
        return colours, legend
    if color_by != "country":
        raise ValueError(f"color_by must be 'type' or 'country', not {color_by!r}")
    countries = node_countries(sub if context is None else context)
    mine = {n.id: countries.get(n.id, frozenset()) for n in sub.nodes}
    palette = country_colours(sorted(set().union(*mine.values())))
    colours = {}
    for nid, cs in mine.items():
        colours[nid] = palette[next(iter(cs))] if len(cs) == 1 else (MIXED_COUNTRY if cs else NO_COUNTRY)
    legend = [LegendEntry(c, c, col) for c, col in palette.items()]
    if any(len(cs) > 1 for cs in mine.values()):
        legend.append(LegendEntry("*", "*", MIXED_COUNTRY))
    if any(not cs for cs in mine.values()):
        legend.append(LegendEntry("", "", NO_COUNTRY))
    return colours, legend


def build_network(
    sub: Subgraph,
    *,
    color_by: ColorBy = "type",
    context: Subgraph | None = None,
    focus: str | None = None,
    type_labels: Mapping[str, str] | None = None,
    tie_labels: Mapping[str, str] | None = None,
    height: int = 650,
    tie_names: bool = True,
    role_labels: Mapping[str, str] | None = None,
) -> tuple[Network, list[LegendEntry]]:
    """The pyvis network of ``sub`` and its legend (keys not yet translated); ``tie_names=False``:
    no tie type on the lines (tooltips keep it), where they would stack at one actor's centre.
    ``role_labels`` names roles in the tooltips (``member city``: ``Mitgliedsstadt``)."""
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    colours, legend = node_colours(sub, color_by, context=context)
    large = len(sub.nodes) > STATIC_LAYOUT_NODES
    positions = static_layout(sub) if large else {}
    for node in sub.nodes:
        place = {"x": positions[node.id][0], "y": positions[node.id][1], "physics": False} if large else {}
        # names in vis-network units, scaled with the zoom: a small view fitted to its frame is drawn at
        # about half, so 18 reads as 9 px (14 was 5-6 px, at the edge of vis-network's threshold)
        if node.id == focus:
            look = {"size": 26, "borderWidth": 4, "font": {"size": 24}}
        else:  # large views: the defaults of net.options below, not repeated for each node
            look = {} if large else {"size": 16, "borderWidth": 1, "font": {"size": 18}, **WRAP}
        net.add_node(
            node.id,
            label=node.name,
            title=node_tooltip(node, display_label(type_labels, node.type.value)),
            shape=TYPE_SHAPES[node.type],
            color=colours[node.id],
            **look,
            **place,
        )
    for tie in sub.ties:
        if tie.source in net.node_map and tie.target in net.node_map:
            label = display_label(tie_labels, tie.type.value)
            if large:  # the tie type stays in the tooltip; hundreds of labels would hide the drawing
                # colour and arrow come from net.options (add_edge would repeat arrows="to" on every tie)
                net.edges.append({"from": tie.source, "to": tie.target, "title": tie_tooltip(tie, label, role_labels)})
            else:
                named = {"label": label, "font": {"size": 16, "align": "middle"}} if tie_names else {}
                net.add_edge(
                    tie.source,
                    tie.target,
                    **named,  # at font size 10 a fitted drawing wrote it at 6 px
                    title=tie_tooltip(tie, label, role_labels),
                    color="#999999",
                    arrows="to",
                )
    if large:  # what every node and tie shares is said once here: the page is sent on every interaction
        net.options = {
            "physics": {"enabled": False},
            "layout": {"improvedLayout": False},
            "nodes": {"size": 14, "borderWidth": 1, "font": {"size": 14}},
            "edges": {
                "smooth": False,
                "color": {"color": "#bbbbbb", "inherit": False},
                "arrows": {"to": {"enabled": True}},
            },
            "interaction": {"dragNodes": True, "hideEdgesOnDrag": True, "tooltipDelay": 200},
        }
    else:
        net.barnes_hut(gravity=-3000, spring_length=100)  # compact: fitted to the frame, names stay legible
    return net, legend


def static_layout(sub: Subgraph, *, spacing: float = 90.0) -> dict[str, tuple[float, float]]:
    """Positions (pixels) of the nodes of ``sub``: Kamada–Kawai [1]_ by igraph,
    started from a circle in id order (no randomness: the same subgraph is
    always drawn the same way).

    .. [1] T. Kamada and S. Kawai, "An algorithm for drawing general undirected
       graphs", Information Processing Letters 31 (1989) 7–15.
    """
    import igraph as ig

    ids = sorted(n.id for n in sub.nodes)
    if not ids:
        return {}
    index = {x: i for i, x in enumerate(ids)}
    edges = sorted({(index[t.source], index[t.target]) for t in sub.ties if t.source in index and t.target in index})
    g = ig.Graph(n=len(ids), edges=edges, directed=False)
    angle = np.linspace(0, 2 * np.pi, len(ids), endpoint=False)
    start = np.column_stack([np.cos(angle), np.sin(angle)]) * np.sqrt(len(ids))
    xy = np.asarray(g.layout_kamada_kawai(seed=start.tolist(), maxiter=10 * len(ids)).coords, dtype=float)
    xy -= xy.mean(axis=0)
    spread = np.sqrt((xy**2).sum(axis=1).mean()) or 1.0
    xy *= spacing * np.sqrt(len(ids)) / (2 * spread)
    return {x: (round(float(a), 1), round(float(b), 1)) for x, (a, b) in zip(ids, xy)}


# -- the page ------------------------------------------------------------------

# pyvis 0.3.2's template links Bootstrap from jsDelivr even in "in_line" mode:
# these are removed from the template before rendering.
_REMOTE_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
LEGEND_MARK = "<!--pontes-legend-->"

# Tooltips: hand vis-network DOM elements built from our escaped text, so it
# never parses a string itself; and never use pyvis' own innerHTML popup
# (switched on when a title contains "href").
_TOOLTIP_JS = """
              function pontesTooltips(items) {
                  items.forEach(function (item) {
                      if (typeof item.title === "string") {
                          var el = document.createElement("div");
                          el.innerHTML = item.title;  // escaped text and <br> only (graph/draw/page.py)
                          item.title = el;
                      }
                  });
                  return items;
              }
"""
_TEMPLATE_EDITS = (
    ("nodes = new vis.DataSet({{nodes|tojson}});", "nodes = new vis.DataSet(pontesTooltips({{nodes|tojson}}));"),
    ("edges = new vis.DataSet({{edges|tojson}});", "edges = new vis.DataSet(pontesTooltips({{edges|tojson}}));"),
    ("function drawGraph() {", _TOOLTIP_JS + "\n              function drawGraph() {"),
    ("{% if tooltip_link %}", "{% if false %}"),
    ("<body>", '<body style="margin:0;position:relative;overflow:hidden">' + LEGEND_MARK),
    ("#mynetwork {", "#mynetwork {\n                 box-sizing: border-box;"),
)


# What ``assets`` may be: a URL path on the page's own server, ending in "/".
_LOCAL_PATH = re.compile(r"/(?!/)[A-Za-z0-9._~%/-]*/")


def asset_text(name: str) -> str:
    """The text of pyvis' copy of one of the :data:`ASSET_FILES`."""
    if name not in ASSET_FILES:
        raise ValueError(f"not one of vis-network's files: {name!r}")
    from pyvis.network import Network

    net = Network()
    return net.templateEnv.loader.get_source(net.templateEnv, f"lib/{name}")[0]


def _asset_edits(assets: str) -> tuple[tuple[str, str], ...]:
    """Template edits that load :data:`ASSET_FILES` from ``assets`` instead of inlining them."""
    if not _LOCAL_PATH.fullmatch(assets):
        raise ValueError(f"assets must be a URL path on the page's own server ending in '/', not {assets!r}")
    edits = []
    for name in ASSET_FILES:
        url = html.escape(assets + name, quote=True)
        if name.endswith(".css"):
            edits.append((f"<style>{{%  include 'lib/{name}' %}}</style>", f'<link rel="stylesheet" href="{url}">'))
        else:
            edits.append((f"<script>{{%  include 'lib/{name}' %}}</script>", f'<script src="{url}"></script>'))
    return tuple(edits)


#: Compiled templates of :func:`offline_template`: (template folder, file, assets) -> template.
_TEMPLATES: dict[tuple[str, str, str | None], object] = {}


def offline_template(net: Network, assets: str | None = None):
    """pyvis' template for ``net``, edited: nothing remote, tooltips as DOM
    elements, a legend; vis-network inlined, or loaded from the URL path
    ``assets`` on the page's own server (see :func:`render_html`).

    Compiled once per template and ``assets`` (compiling took about a tenth
    of a large view's drawing); every pyvis network builds the same
    environment, so a compiled template serves them all."""
    key = (net.template_dir, net.path, assets)
    if key not in _TEMPLATES:
        _TEMPLATES[key] = _compile_template(net, assets)
    return _TEMPLATES[key]


def _compile_template(net: Network, assets: str | None):
    source, _, _ = net.templateEnv.loader.get_source(net.templateEnv, net.path)
    source = _REMOTE_TAG.sub("", source)
    source = re.sub(r"<!--.*?-->", "", source, flags=re.DOTALL)  # dead links to node_modules
    for old, new in _TEMPLATE_EDITS + (_asset_edits(assets) if assets is not None else ()):
        if old not in source:  # pragma: no cover - guards against a changed pyvis template
            raise RuntimeError(f"pyvis template changed; cannot find {old!r}")
        source = source.replace(old, new)
    # the heading appears twice in pyvis' template and we never set one
    source = re.sub(r"<center>\s*<h1>\{\{heading\}\}</h1>\s*</center>", "", source)
    return net.templateEnv.from_string(source)


def legend_html(legend: list[LegendEntry], title: str | None = None) -> str:
    """A small floating legend (escaped labels), and tooltips that wrap (vis-network's do not)."""
    rows = "".join(
        f'<div><span style="display:inline-block;width:12px;height:12px;margin-right:6px;'
        f'border-radius:{"50%" if e.shape in (None, "dot") else "2px"};background:{e.colour}"></span>'
        f"{html.escape(e.label)}</div>"
        for e in legend
    )
    head = f"<div><b>{html.escape(title)}</b></div>" if title else ""
    return (
        "<style>div.vis-tooltip{white-space:normal;max-width:28em}</style>"
        '<div id="pontes-legend" style="position:absolute;top:8px;left:8px;z-index:10;'
        "background:rgba(255,255,255,0.85);padding:6px 8px;border:1px solid #ddd;border-radius:4px;"
        f'font:12px sans-serif">{head}{rows}</div>'
    )


def render_html(
    sub: Subgraph,
    *,
    color_by: ColorBy = "type",
    context: Subgraph | None = None,
    focus: str | None = None,
    type_labels: Mapping[str, str] | None = None,
    tie_labels: Mapping[str, str] | None = None,
    country_labels: Mapping[str, str] | None = None,
    legend_title: str | None = None,
    height: int = 650,
    assets: str | None = None,
) -> str:
    """The HTML page drawing ``sub``: self-contained, or loading vis-network from ``assets``.

    Parameters
    ----------
    sub : Subgraph
        What to draw.
    color_by : {"type", "country"}
        Colour nodes by their type or by their (derived) country; the legend
        says which colour means what. Shapes always show the type.
    context : Subgraph, optional
        The graph countries are derived from (default: ``sub``).
    focus : str, optional
        Node id drawn larger, e.g. the centre of an ego network.
    type_labels, tie_labels, country_labels : mapping, optional
        Display names of node types, tie types and country codes (country
        labels may also name ``""``, no country, and ``"*"``, several).
    legend_title : str, optional
    height : int
        Height of the drawing in pixels.
    assets : str, optional
        ``None`` (default): vis-network's JavaScript and CSS are inlined, a
        self-contained page (about 0.7 MB more) that works anywhere, e.g. as
        a file. A URL path on the server that shows the page, ending in
        ``/`` (the app: ``/app/static/pyvis/``): the page loads
        :data:`ASSET_FILES` from there and carries only the graph. Anything
        else (another host, a scheme) raises :class:`ValueError`.
    """
    net, legend = build_network(
        sub,
        color_by=color_by,
        context=context,
        focus=focus,
        type_labels=type_labels,
        tie_labels=tie_labels,
        height=height,
    )
    labels = type_labels if color_by == "type" else country_labels
    legend = [LegendEntry(e.key, display_label(labels, e.key), e.colour, e.shape) for e in legend]
    return finish_page(net, legend, legend_title, assets=assets)


def finish_page(net: Network, legend: list[LegendEntry], legend_title: str | None, *, assets: str | None = None) -> str:
    """The HTML page of a built pyvis network with its legend: the one way every drawing ends.

    Renders ``net`` with :func:`offline_template` (vis-network inlined, or
    loaded from ``assets``), puts the legend in, and refuses a page that
    would fetch anything from another host (:func:`remote_references`).
    """
    net.template = offline_template(net, assets)
    page = net.generate_html(notebook=True)  # notebook=True: render net.template
    page = page.replace(LEGEND_MARK, legend_html(legend, legend_title), 1)
    remote = remote_references(page)
    if remote:  # pragma: no cover - the tests keep this from happening
        raise RuntimeError(f"rendered page would fetch remote resources: {remote[:3]}")
    return page
