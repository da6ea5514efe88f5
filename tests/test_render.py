"""graph.draw.page: offline, escaped, coloured pyvis pages, self-contained or loading vis-network from the app."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from graph.draw.page import (
    ASSET_FILES,
    MIXED_COUNTRY,
    NO_COUNTRY,
    TYPE_COLOURS,
    TYPE_SHAPES,
    asset_text,
    build_network,
    node_colours,
    render_html,
)
from graph.draw.remote import remote_references
from graph.model import NodeType, Organisation, Person, Tie, TieType
from graph.store.base import Subgraph
from tests.support.graphs import S, tiny

ROOT = Path(__file__).resolve().parent.parent
ASSETS = "/app/static/pyvis/"
EVIL = '<img src=x onerror="alert(1)"> & <b>bold</b> href'


def evil_graph() -> Subgraph:
    a = Organisation(name=EVIL, aliases=["<script>alert(2)</script>"], sources=S)
    b = Person(legal_basis="legitimate_interests", name="Zoë", sources=S)
    t = Tie(type=TieType.MEMBER_OF, source=b.id, target=a.id, role="<i>chair</i>", start="2019", sources=S)
    return Subgraph(nodes=[a, b], ties=[t])


def vis_data(page: str, name: str) -> list[dict]:
    """The JSON array handed to ``new vis.DataSet`` for ``nodes`` or ``edges``."""
    m = re.search(rf"{name} = new vis\.DataSet\(pontesTooltips\((\[.*?\])\)\);", page, re.DOTALL)
    assert m, f"no {name} data in page"
    return json.loads(m.group(1))


def test_page_has_no_remote_resources_and_inlines_vis():
    page = render_html(tiny()[0])
    assert remote_references(page) == []
    assert "bootstrap" not in page.lower()
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    assert not re.search(r"<link\b", page)
    assert "vis.Network" in page and len(page) > 100_000  # vis-network is inlined
    assert asset_text("vis-9.1.2/vis-network.min.js") in page


def test_page_with_assets_loads_vis_network_from_the_app():
    sub = tiny()[0]
    inline, page = render_html(sub), render_html(sub, assets=ASSETS)
    assert remote_references(page) == []
    assert re.findall(r'<script src="([^"]+)"></script>', page) == [
        ASSETS + "bindings/utils.js",
        ASSETS + "vis-9.1.2/vis-network.min.js",
    ]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', page) == [ASSETS + "vis-9.1.2/vis-network.css"]
    assert "vis.js is dual licensed" not in page and "function neighbourhoodHighlight" not in page
    assert len(page) < 20_000 < 700_000 < len(inline)
    # the same drawing: data, options and legend are those of the self-contained page
    assert vis_data(page, "nodes") == vis_data(inline, "nodes") and vis_data(page, "edges") == vis_data(inline, "edges")
    assert page.split("<body", 1)[1] == inline.split("<body", 1)[1]


@pytest.mark.parametrize(
    "assets",
    [
        "https://cdn.example.org/vis/",
        "//cdn.example.org/vis/",
        "http:/x/",
        "app/static/pyvis/",
        "/app/static/pyvis",
        '/app/"onload="alert(1)/',
        "/app/{{nodes}}/",
        "javascript:alert(1)//",
        "",
    ],
)
def test_assets_must_be_a_path_on_the_same_server(assets):
    with pytest.raises(ValueError):
        render_html(tiny()[0], assets=assets)


@pytest.mark.parametrize("name", ASSET_FILES)
def test_the_app_serves_pyvis_own_copies(name):
    """static/pyvis/ (served at /app/static/pyvis/) holds exactly what pyvis inlines."""
    served = (ROOT / "static" / "pyvis" / name).read_bytes()
    assert served == asset_text(name).encode("utf-8")
    assert remote_references(served.decode("utf-8")) == []


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.example.org/x.js"></script>',
        "<link rel='stylesheet' href='http://example.org/x.css'>",
        '<script src="//cdn.example.org/x.js"></script>',
        "<style>@import url(https://fonts.example.org/f.css);</style>",
        "<div style=\"background:url('https://example.org/a.png')\"></div>",
        '<img src="https://example.org/a.png">',
    ],
)
def test_remote_references_finds_remote_resources(snippet):
    assert remote_references(f"<html><head>{snippet}</head></html>")


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="lib/x.js"></script>',
        '<div style="background:url(data:image/png;base64,AAA)"></div>',
        "<p>see https://example.org</p>",
        '<script src="/app/static/pyvis/vis-9.1.2/vis-network.min.js"></script>',
        '<link rel="stylesheet" href="/app/static/pyvis/vis-9.1.2/vis-network.css">',
    ],
)
def test_remote_references_ignores_local_and_inline(snippet):
    assert remote_references(snippet) == []


def test_all_nodes_and_ties_are_drawn():
    sub, ids = tiny()
    page = render_html(sub)
    nodes, edges = vis_data(page, "nodes"), vis_data(page, "edges")
    assert {n["id"] for n in nodes} == sub.node_ids
    assert len(edges) == len(sub.ties)


def test_names_are_escaped_in_tooltips_and_never_markup():
    page = render_html(evil_graph(), type_labels={"Organisation": "Org <x>"})
    nodes = {n["label"]: n for n in vis_data(page, "nodes")}
    org = nodes[EVIL]  # the canvas label is the plain name (drawn as text)
    assert org["title"] == "<br>".join(
        [html.escape(EVIL), html.escape("<script>alert(2)</script>"), html.escape("Org <x>")]
    )
    # the only markup in a tooltip is the <br> separator
    assert re.sub(r"&[a-z]+;", "", org["title"].replace("<br>", "")).count("<") == 0
    edge = vis_data(page, "edges")[0]
    assert edge["title"] == "MEMBER_OF<br>&lt;i&gt;chair&lt;/i&gt;<br>2019–"
    # nothing from the data reaches the page source unescaped
    assert "<img src=x" not in page and "<script>alert(2)" not in page and "<b>bold" not in page
    # pyvis' own innerHTML popup (switched on by 'href' in a title) stays off
    assert "popup.innerHTML" not in page


def test_legend_labels_are_escaped():
    page = render_html(evil_graph(), type_labels={"Person": "<u>P</u>"}, legend_title="<h1>t</h1>")
    legend = re.search(r'<div id="pontes-legend".*?</div></div>', page, re.DOTALL).group(0)
    assert "&lt;u&gt;P&lt;/u&gt;" in legend and "&lt;h1&gt;t&lt;/h1&gt;" in legend
    assert "<u>" not in legend and "<h1>" not in legend


def test_colour_and_shape_by_type():
    sub, ids = tiny()
    net, legend = build_network(sub, color_by="type", type_labels={"Topic": "Thema"})
    by_id = {n["id"]: n for n in net.nodes}
    assert by_id[ids["migration"]]["color"] == TYPE_COLOURS[NodeType.TOPIC]
    assert by_id[ids["migration"]]["shape"] == TYPE_SHAPES[NodeType.TOPIC]
    assert by_id[ids["anna"]]["shape"] == TYPE_SHAPES[NodeType.PERSON]
    assert "Thema" in by_id[ids["migration"]]["title"]
    assert [e.key for e in legend] == [t.value for t in NodeType]  # all six types occur
    assert len(set(TYPE_SHAPES.values())) == len(NodeType)


def test_colour_by_country():
    sub, ids = tiny()
    colours, legend = node_colours(sub, "country")
    assert [e.key for e in legend] == ["DE", "FR", "LU", ""]
    palette = {e.key: e.colour for e in legend}
    assert colours[ids["anna"]] == palette["DE"]  # via her organisation
    assert colours[ids["conf"]] == palette["FR"]  # via Metz
    assert colours[ids["migration"]] == NO_COUNTRY
    assert len({palette["DE"], palette["FR"], palette["LU"]}) == 3


def test_colour_by_country_marks_several_countries():
    sub, ids = tiny()
    # Anna joins the LU chamber too: two countries
    extra = Tie(type=TieType.MEMBER_OF, source=ids["anna"], target=ids["chamber"], sources=S)
    colours, legend = node_colours(Subgraph(nodes=sub.nodes, ties=[*sub.ties, extra]), "country")
    assert colours[ids["anna"]] == MIXED_COUNTRY
    assert "*" in [e.key for e in legend]


def test_country_legend_uses_labels_and_context():
    sub, ids = tiny()
    anna_only = Subgraph(nodes=[n for n in sub.nodes if n.id == ids["anna"]])
    page = render_html(
        anna_only, color_by="country", context=sub, country_labels={"DE": "Deutschland", "": "unbekannt"}
    )
    assert "Deutschland" in page and "unbekannt" not in page


def test_a_large_view_says_what_all_nodes_and_ties_share_once():
    """Above STATIC_LAYOUT_NODES the page is sent on every interaction: shared looks go in the options."""
    from graph.draw.page import STATIC_LAYOUT_NODES

    hub = Organisation(name="Hub", sources=S)
    rim = [Organisation(name=f"Partner {i:04d}", sources=S) for i in range(STATIC_LAYOUT_NODES)]
    ties = [Tie(type=TieType.COOPERATES_WITH, source=hub.id, target=o.id, role="lead", sources=S) for o in rim]
    net, _ = build_network(Subgraph(nodes=[hub, *rim], ties=ties), focus=hub.id, tie_labels={"COOPERATES_WITH": "c"})
    assert net.options["nodes"] == {"size": 14, "borderWidth": 1, "font": {"size": 14}}
    assert net.options["edges"]["color"]["color"] == "#bbbbbb" and net.options["edges"]["arrows"]["to"]["enabled"]
    by_id = {n["id"]: n for n in net.nodes}
    assert by_id[hub.id]["size"] == 26 and "size" not in by_id[rim[0].id]  # only the focus differs
    assert all(set(e) == {"from", "to", "title"} for e in net.edges)  # the tooltip stays on each tie
    assert {e["title"] for e in net.edges} == {"c<br>lead"} and len(net.edges) == len(ties)


def test_focus_is_drawn_larger():
    sub, ids = tiny()
    net, _ = build_network(sub, focus=ids["buero"])
    sizes = {n["id"]: n["size"] for n in net.nodes}
    assert sizes[ids["buero"]] > sizes[ids["anna"]]


def test_unknown_colour_mode_is_rejected():
    with pytest.raises(ValueError):
        node_colours(tiny()[0], "size")  # type: ignore[arg-type]


def test_empty_graph_renders():
    page = render_html(Subgraph())
    assert vis_data(page, "nodes") == [] and remote_references(page) == []


def test_tie_roles_are_named_in_the_readers_words_and_tie_types_can_stay_off_the_lines():
    """The suggestion drawing's recorded ties said "Teil von / member city" on a German page."""
    city = Organisation(name="Stadt Trier", sources=["s"])
    network = Organisation(name="QuattroPole", sources=["s"])
    tie = Tie(type=TieType.PART_OF, source=city.id, target=network.id, role="member city", start="2000", sources=["s"])
    sub = Subgraph(nodes=[city, network], ties=[tie])
    net, _ = build_network(
        sub, tie_labels={"PART_OF": "Teil von"}, role_labels={"member city": "Mitgliedsstadt"}, tie_names=False
    )
    (edge,) = net.edges
    assert edge["title"] == "Teil von<br>Mitgliedsstadt<br>2000–" and "label" not in edge
    net, _ = build_network(sub, tie_labels={"PART_OF": "Teil von"})  # no labels: the role as stored
    (edge,) = net.edges
    assert edge["title"] == "Teil von<br>member city<br>2000–" and edge["label"] == "Teil von"


def test_tooltips_wrap():
    page = render_html(tiny()[0])
    assert "div.vis-tooltip{white-space:normal;max-width:28em}" in page
