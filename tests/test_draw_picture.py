"""Renderers of a picture: the app's ECharts option, SVG, PNG, the standalone page, the map."""

from __future__ import annotations

import io
import json
import re

import pytest

from graph.draw.image import picture_png, picture_svg, short
from graph.draw.map import (
    CROSS_COLOUR,
    LAND_REACH,
    MapTexts,
    arc_points,
    clip_ring,
    frame,
    map_option,
    map_spec,
    named_points,
    outlines_within,
)
from graph.draw.page import asset_text
from graph.draw.picture import (
    CANVAS_ABOVE,
    ECHARTS_SYMBOLS,
    SMALL_LABEL_WIDTH,
    Texts,
    echarts_renderer,
    echarts_spec,
    legible,
    palette,
    picture_html,
)
from graph.draw.remote import remote_references
from graph.explore.mapview import map_view
from graph.explore.picture import compose
from graph.model import Event, Organisation, Place, Tie, TieType
from graph.store.base import Subgraph
from tests.support.graphs import S, tiny

EVIL = '<img src=x onerror="alert(1)"> {a} & <b>bold</b>'
TEXTS = Texts(types={"Organisation": "Organisation <x>"}, legend="Typen", title="Pontes")


def evil_picture():
    a = Organisation(name=EVIL, country="DE", sources=S)
    b = Organisation(name="Zoë", country="FR", sources=S)
    tie = Tie(type=TieType.COOPERATES_WITH, source=a.id, target=b.id, role="<i>x</i>", start="2019", sources=S)
    return compose(Subgraph(nodes=[a, b], ties=[tie]), palette=palette("type")), a, b


def test_echarts_spec_holds_the_picture_in_order():
    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    spec = echarts_spec(pic, TEXTS)
    (series,) = spec["series"]
    assert series["type"] == "graph" and series["layout"] == "none" and series["selectedMode"] == "single"
    assert series["legendHoverLink"] is False  # a legend entry names a colour, not a node to highlight
    order = [d["id"] for d in series["data"]]
    assert sorted(order) == sorted(n.id for n in pic.nodes)
    ends = sorted(tuple(sorted((order[link["source"]], order[link["target"]]))) for link in series["links"])
    assert ends == sorted(tuple(sorted((t.source, t.target))) for t in pic.ties)  # links by data index
    labelled = {d["id"] for d in series["data"] if d.get("label", {}).get("fontWeight") == "bold"}
    assert labelled == {n.id for n in pic.nodes if n.labelled}
    # drawn last is on top: the focus last, the others in the picture's order
    assert order == [n.id for n in pic.nodes if n.id != ids["buero"]] + [ids["buero"]]
    assert pic.nodes[-1].id != ids["buero"]  # it did move
    assert [c["name"] for c in series["categories"]] == [
        "Organisation <x>",
        "Person",
        "Event",
        "Agreement",
        "Place",
        "Topic",
    ]
    assert spec["legend"][0]["data"] == [{"name": c["name"], "icon": c["symbol"]} for c in series["categories"]]
    assert spec["legend"][0]["orient"] == "horizontal" and spec["legend"][0]["type"] == "scroll"  # one row
    # names written small are cut, not run across the picture (the tooltip has them whole)
    assert series["label"]["width"] == SMALL_LABEL_WIDTH and series["label"]["overflow"] == "truncate"
    json.dumps(spec)  # plain JSON


def star_picture(leaves: int):
    hub = Organisation(name="Hub", sources=S)
    others = [Organisation(name=f"Partner {i}", sources=S) for i in range(leaves)]
    ties = [Tie(type=TieType.COOPERATES_WITH, source=hub.id, target=o.id, sources=S) for o in others]
    return compose(Subgraph(nodes=[hub, *others], ties=ties), palette=palette("type"))


def test_a_large_picture_is_drawn_on_a_canvas_a_small_one_as_svg():
    # a star of n leaves: n + 1 symbols, n + 1 names, n ties: 3n + 2 shapes
    fits = (CANVAS_ABOVE - 2) // 3
    assert echarts_renderer(echarts_spec(star_picture(fits), TEXTS)) == "svg"
    assert echarts_renderer(echarts_spec(star_picture(fits + 1), TEXTS)) == "canvas"
    sub, _ = tiny()
    assert echarts_renderer(echarts_spec(compose(sub, palette=palette("type")), TEXTS)) == "svg"
    # a map: two shapes per point (its circle and its name), one per arc
    points = [{"value": [6.0, 49.0, 1]}] * 400
    assert (
        echarts_renderer({"series": [{"type": "lines", "data": [{}] * 200}, {"type": "scatter", "data": points}]})
        == "svg"
    )
    assert (
        echarts_renderer({"series": [{"type": "lines", "data": [{}] * 201}, {"type": "scatter", "data": points}]})
        == "canvas"
    )
    assert echarts_renderer({"series": []}) == "svg"


def test_echarts_tooltips_are_escaped_text():
    pic, a, _ = evil_picture()
    spec = echarts_spec(pic, TEXTS)
    data = {d["id"]: d for d in spec["series"][0]["data"]}
    tip = data[a.id]["tooltip"]["formatter"]
    assert "<img" not in tip and "&lt;img" in tip and "{a}" not in tip and "&#123;a&#125;" in tip
    assert "<br>" in tip  # the only markup
    link_tip = spec["series"][0]["links"][0]["tooltip"]["formatter"]
    assert "<i>" not in link_tip and "&lt;i&gt;" in link_tip
    assert data[a.id]["name"] == EVIL  # labels are drawn as text by ECharts


def test_svg_is_deterministic_escaped_and_labelled():
    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    svg = picture_svg(pic, TEXTS)
    assert svg == picture_svg(pic, TEXTS)
    assert svg.startswith("<svg") and svg.count("<line ") == len(pic.ties)
    assert ">Integrationsbüro</text>" in svg  # the focus is written
    assert "Organisation &lt;x&gt;" in svg and "<x>" not in svg  # the legend, escaped
    evil, _, _ = evil_picture()
    assert "<img" not in picture_svg(evil, TEXTS)


def test_long_names_are_shortened_at_a_word():
    assert short("Wege in Ausbildung und Arbeit für unbegleitete minderjährige Flüchtlinge", 30) == (
        "Wege in Ausbildung und Arbeit…"
    )
    assert short("Trier") == "Trier"


def test_png_draws_the_picture():
    from PIL import Image

    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    data = picture_png(pic, TEXTS, width=800)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.size[0] == 800
    colours = {c for _, c in img.convert("RGB").getcolors(800 * img.size[1])}
    assert (0x00, 0x72, 0xB2) in colours  # organisations are drawn in their colour
    assert data == picture_png(pic, TEXTS, width=800)


SVG_TAGS = {"circle": "circle", "rect": "rect", "roundRect": "rect", "diamond": "polygon", "triangle": "polygon"}


@pytest.mark.parametrize("colour", ["type", "country"])
def test_the_image_legends_show_each_type_by_its_symbol(colour):
    """A legend by type shows each type's own symbol, as the picture does; by country all are dots."""
    from PIL import Image

    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], color_by=colour, palette=palette(colour))
    types = [next(n.type for n in pic.nodes if n.colour == k) for k in pic.legend]
    symbols = [ECHARTS_SYMBOLS[t] if colour == "type" else "circle" for t in types]
    assert colour == "country" or len(set(symbols)) > 2
    legend = picture_svg(pic, TEXTS).split('<g id="legend">')[1]
    drawn = re.findall(r"<(circle|rect|polygon)\b", legend)
    assert drawn[0] == "rect" and drawn[1:] == [SVG_TAGS.get(s, "polygon") for s in symbols]  # the box, then rows
    # the PNG: a square's corner is painted, a dot's is not (the row's centre at x 22, radius 6)
    img = Image.open(io.BytesIO(picture_png(pic, TEXTS, width=800))).convert("RGB")
    for i, symbol in enumerate(symbols):
        y = 12 + 20 + 13 + 22 * i
        corner = img.getpixel((22 - 5, y - 5))
        assert (max(255 - c for c in corner) > 60) == (symbol in ("rect", "roundRect")), (i, symbol, corner)


def test_standalone_page_inlines_vis_network_and_keeps_positions():
    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    page = picture_html(pic, TEXTS)
    assert remote_references(page) == [] and not re.search(r"<script[^>]*\bsrc=", page)
    assert asset_text("vis-9.1.2/vis-network.min.js") in page
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\(pontesTooltips\((\[.*?\])\)\);", page, re.DOTALL).group(1))
    at = {n["id"]: (n["x"], n["y"]) for n in nodes}
    assert at == {n.id: (n.x * 2, n.y * 2) for n in pic.nodes}
    assert "<title>Pontes</title>" in page
    evil, _, _ = evil_picture()
    assert "<img src=x" not in picture_html(evil, TEXTS)


def placed_graph():
    metz = Place(name="Metz", kind="city", country="FR", lat=49.12, lon=6.18, sources=S)
    trier = Place(name="Trier", names={"fr": "Trèves"}, kind="city", country="DE", lat=49.76, lon=6.64, sources=S)
    a = Organisation(name="Stadt Trier", sources=S)
    b = Organisation(name="Ville de Metz", sources=S)
    c = Organisation(name="Nowhere", sources=S)
    e = Event(name="Workshop", start="2008", sources=S)
    ties = [
        Tie(type=TieType.LOCATED_IN, source=a.id, target=trier.id, sources=S),
        Tie(type=TieType.LOCATED_IN, source=b.id, target=metz.id, sources=S),
        Tie(type=TieType.LOCATED_IN, source=e.id, target=trier.id, sources=S),
        *(Tie(type=TieType.PARTICIPATED_IN, source=x.id, target=e.id, sources=S) for x in (a, b, c)),
    ]
    return Subgraph(nodes=[metz, trier, a, b, c, e], ties=ties), (metz, trier, a, b, c, e)


def test_map_view_points_arcs_and_unplaced():
    sub, (metz, trier, a, b, c, e) = placed_graph()
    view = map_view(compose(sub, lang="fr"), sub)
    assert [(p.name, {n.id for n in p.nodes}) for p in view.points] == [
        ("Metz", {b.id}),
        ("Trèves", {a.id, e.id}),
    ]
    (arc,) = view.arcs  # Metz's organisation took part in the workshop in Trier; Trier's own tie stays inside
    assert (arc.source, arc.target, arc.weight, arc.cross_border) == (metz.id, trier.id, 1, True)
    assert [n.id for n in view.unplaced] == [c.id]
    assert view.bounds == (6.18, 49.12, 6.64, 49.76)


def test_clip_ring_to_a_box():
    square = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    inner = clip_ring(square, (1, 1, 2, 2))
    assert inner[0] == inner[-1] and len(inner) == 5
    assert sorted(map(tuple, inner[:-1])) == [(1, 1), (1, 2), (2, 1), (2, 2)]
    assert clip_ring(square, (5, 5, 6, 6)) == []
    clipped = clip_ring(square, (2, -1, 6, 6))
    assert sorted(map(tuple, clipped[:-1])) == [(2, 0), (2, 4), (4, 0), (4, 4)]


def test_map_spec_is_offline_and_framed():
    sub, _ = placed_graph()
    view = map_view(compose(sub), sub)
    west, south, east, north = frame(view)
    assert west < 6.18 and east > 6.64 and south < 49.12 and north > 49.76
    spec = map_spec(view, MapTexts(across="über die Grenze"))
    text = json.dumps(spec)
    assert "http" not in text and "url" not in text  # outlines are inline data, nothing is fetched
    outlines = spec["layer"][0]["data"]["values"]
    assert {f["properties"]["name"] for f in outlines} >= {"Germany", "France", "Luxembourg"}
    margin = (east - west) * 0.75 + 1e-6  # outlines reach past the frame, clipped there
    xs = [x for f in outlines for poly in f["geometry"]["coordinates"] for ring in poly for x, _ in ring]
    assert west - margin <= min(xs) and max(xs) <= east + margin
    arcs = spec["layer"][1]["data"]["values"]
    assert {r["kind"] for r in arcs} == {"über die Grenze"}
    assert arc_points((0, 0), (2, 0))[8] == (1.0, 0.2)  # bent to the left, a fifth of the way


def test_map_option_draws_the_same_map_in_echarts():
    import math

    sub, (metz, trier, a, b, c, e) = placed_graph()
    view = map_view(compose(sub), sub)
    west, south, east, north = frame(view)
    option, maps = map_option(view, MapTexts(across="über die Grenze", ties="Beziehungen"))
    assert "http" not in json.dumps([option, maps])  # outlines are inline data, nothing is fetched
    (name,) = maps
    assert option["geo"]["map"] == name and name.startswith("pontes-")
    assert {f["properties"]["name"] for f in maps[name]["features"]} >= {"Germany", "France", "Luxembourg"}
    assert map_option(view)[1] == maps and map_option(view)[0]["geo"]["map"] == name  # named by content
    assert option["geo"]["boundingCoords"] == [[west, north], [east, south]]
    assert option["geo"]["aspectScale"] == round(math.cos(math.radians((south + north) / 2)), 4)
    lines, points = option["series"]
    assert (lines["type"], lines["name"], lines["lineStyle"]["color"]) == ("lines", "über die Grenze", CROSS_COLOUR)
    (arc,) = lines["data"]  # Metz - Trier, across the border; the only arc, so the middle width
    assert arc["coords"][0] == [metz.lon, metz.lat] and arc["coords"][-1] == [trier.lon, trier.lat]
    assert arc["coords"] == [list(p) for p in arc_points((metz.lon, metz.lat), (trier.lon, trier.lat))]
    assert arc["lineStyle"]["width"] == 4.25
    assert option["legend"]["data"] == ["über die Grenze"] and option["title"]["text"] == "Beziehungen"
    by_id = {p["id"]: p for p in points["data"]}  # a click on a point names its place
    assert set(by_id) == {metz.id, trier.id}
    assert by_id[trier.id]["value"] == [trier.lon, trier.lat, 2]
    # areas 60 (one node) to 900 (two) square pixels, as the Vega map's circles
    assert (by_id[metz.id]["symbolSize"], by_id[trier.id]["symbolSize"]) == (round(math.sqrt(60), 1), 30.0)
    assert all(p["label"]["show"] for p in points["data"])  # far enough apart to name both
    assert "Stadt Trier" in by_id[trier.id]["tooltip"]["formatter"]
    assert "tooltip" not in option["geo"]  # the geo's own setting would silence the points' and arcs' tooltips
    french, _ = map_option(view, MapTexts(place="Lieu", ties="Liens", colon=" : "))
    assert french["series"][1]["data"][0]["tooltip"]["formatter"].startswith("Lieu : Metz<br>")
    assert french["series"][0]["data"][0]["tooltip"]["formatter"].endswith("<br>Liens : 1")
    # outlines far beyond the frame, for a narrow window or a reader who zooms out
    xs = [x for f in maps[name]["features"] for poly in f["geometry"]["coordinates"] for ring in poly for x, _ in ring]
    reach = (east - west) * LAND_REACH
    assert (
        west - reach - 1e-6 <= min(xs) < west - (east - west) and east + (east - west) < max(xs) <= east + reach + 1e-6
    )


def test_map_option_of_an_empty_view_has_outlines_and_no_marks():
    empty = map_view(compose(Subgraph(nodes=[], ties=[])), Subgraph(nodes=[], ties=[]))
    option, maps = map_option(empty)
    assert option["series"] == [] and "legend" not in option
    assert {f["properties"]["name"] for f in maps[option["geo"]["map"]]["features"]} >= {"Germany", "Luxembourg"}


@pytest.mark.parametrize("box", [(5.0, 48.5, 8.0, 50.5), (-10.0, 35.0, 30.0, 60.0)])
def test_packaged_outlines_cover_the_region(box):
    names = {f["properties"]["name"] for f in outlines_within(box)}
    assert {"Germany", "France", "Luxembourg"} <= names


def test_map_names_the_busiest_places_and_keeps_the_others_apart():
    sub, (metz, trier, a, b, c, e) = placed_graph()
    nord = Place(name="Trier-Nord", kind="quarter", country="DE", lat=49.77, lon=6.65, sources=S)
    org = Organisation(name="Quartiersmanagement", sources=S)
    more = Subgraph(
        nodes=[*sub.nodes, nord, org],
        ties=[*sub.ties, Tie(type=TieType.LOCATED_IN, source=org.id, target=nord.id, sources=S)],
    )
    view = map_view(compose(more), more)
    assert named_points(view, frame(view)) == {trier.id, metz.id}  # Trier-Nord is too close to busier Trier


def test_names_that_would_cover_each_other_are_written_small():
    from dataclasses import replace

    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    assert set(legible(pic)) == {n.id for n in pic.nodes if n.labelled}  # room for all on the tiny graph
    focus = pic.node(ids["buero"])
    crowded = replace(
        pic,
        nodes=tuple(replace(n, x=focus.x, y=focus.y) if n.labelled else n for n in pic.nodes),
    )
    # all on one spot: four names fit around it (right, left, above, below), the focus's first
    placed = legible(crowded)
    assert (
        len(placed) == 4
        and placed[ids["buero"]] == "right"
        and set(placed.values()) == {"right", "left", "top", "bottom"}
    )


def test_no_name_goes_into_the_legends_row():
    """The legend is a row across the top of the frame: a name that would go above a node at the
    top goes elsewhere, or is written small."""
    from dataclasses import replace

    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    focus = next(n for n in pic.nodes if n.id == pic.focus)
    crowded = replace(
        pic,
        nodes=tuple(replace(n, x=focus.x, y=focus.y) if n.labelled else n for n in pic.nodes),
    )
    assert set(legible(crowded).values()) == {"right", "left", "top", "bottom"}
    # a band that ends just above the spot: the name above it has no room, the others keep theirs
    from graph.draw.picture import FILL, FRAME_HEIGHT, FRAME_WIDTH

    xs, ys = [n.x for n in crowded.nodes], [n.y for n in crowded.nodes]
    scale = FILL * min(FRAME_WIDTH / (max(xs) - min(xs)), FRAME_HEIGHT / (max(ys) - min(ys)))
    spot = (focus.y - (min(ys) + max(ys)) / 2) * scale + FRAME_HEIGHT / 2  # pixels from the frame's top
    banded = legible(crowded, band=spot - 18)  # beside the spot, a name reaches 10.5 px up, and keeps 6 px
    assert sorted(banded.values()) == ["bottom", "left", "right"]
    # the app's row (title and legend) keeps every name of the tiny graph where it was
    assert legible(pic, band=22 + 28) == legible(pic)


def test_names_near_the_right_edge_go_to_the_left_of_their_node():
    from dataclasses import replace

    from graph.draw.picture import left_named

    sub, ids = tiny()
    pic = compose(sub, focus=ids["buero"], palette=palette("type"))
    xs = [n.x for n in pic.nodes]
    right = max(xs) + (max(xs) - min(xs))  # a node moved far right: the frame's right edge is now at it
    labelled = next(n for n in pic.nodes if n.labelled and n.id != pic.focus)
    small = next(n for n in pic.nodes if not n.labelled)
    moved = replace(
        pic,
        nodes=tuple(
            replace(n, x=right, name="Koordinierungsstelle Flüchtlingshilfe")
            if n.id == labelled.id
            # a small name: 26 characters at 10 px run past the edge
            else replace(n, x=right, y=n.y + 500, name="Arbeitsgruppe Gesundheit X")
            if n.id == small.id
            else n
            for n in pic.nodes
        ),
    )
    assert legible(moved)[labelled.id] in {"left", "top", "bottom"} and legible(pic)[labelled.id] == "right"
    assert small.id in left_named(moved) and left_named(moved) <= {labelled.id, small.id}
    spec = echarts_spec(moved, TEXTS)
    item = next(d for d in spec["series"][0]["data"] if d["id"] == small.id)
    assert item["label"] == {"position": "left"}


def test_a_node_named_in_another_language_tooltips_its_original_name_labelled():
    """A French reader sees "Ville de Trèves" and, in the tooltip, the stored name
    with what it is; a name that is the same in both languages gets no second line."""
    trier = Organisation(name="Stadt Trier", names={"fr": "Ville de Trèves"}, country="DE", sources=S)
    metz = Organisation(name="Ville de Metz", country="FR", sources=S)
    tie = Tie(type=TieType.COOPERATES_WITH, source=trier.id, target=metz.id, sources=S)
    pic = compose(Subgraph(nodes=[trier, metz], ties=[tie]), lang="fr", palette=palette("type"))
    texts = Texts(original="Nom d’origine", colon=" : ")
    data = {d["id"]: d["tooltip"]["formatter"].split("<br>") for d in echarts_spec(pic, texts)["series"][0]["data"]}
    assert data[trier.id][:2] == ["Ville de Trèves", "Nom d’origine : Stadt Trier"]
    assert data[metz.id][0] == "Ville de Metz" and "Nom d’origine" not in " ".join(data[metz.id])
