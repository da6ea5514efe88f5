"""Draw a :class:`~graph.explore.mapview.MapView`: a map that needs no internet.

:func:`map_option` returns an ECharts option (plain JSON) and the outlines
it names, for the explorer's own picture component (``ui/picture.py``, which
registers them with ECharts); :func:`map_spec` returns the same map as a
Vega-Lite specification for Streamlit's built-in ``st.vega_lite_chart``,
where the app does not serve ECharts. Both draw the outlines of the countries
around the points, from Natural Earth's 1:50,000,000 admin-0 countries
shipped with Pontes (``graph/draw/data/europe-50m.geojson``, public domain,
via the npm package world-atlas, ISC; built by ``scripts/build_outlines.py``),
clipped to the map's frame; arcs between places (curved, width by the
number of ties, cross-border arcs in a colour of their own); a circle per
place (area by the number of nodes there) with its name; tooltips listing
what lies there. ECharts is served by the app, Vega ships with Streamlit:
nothing is fetched from elsewhere, and no tile server is needed. The
ECharts map is drawn in plain longitude and latitude, stretched by the
cosine of the frame's middle latitude (true to shape at that latitude,
as a Mercator map is within a region this size); a click on a place
names it.

Display strings come from the caller (:class:`MapTexts`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

from graph.draw.picture import tooltip_html
from graph.explore.mapview import MapPoint, MapView

__all__ = [
    "OUTLINES",
    "MapTexts",
    "arc_points",
    "clip_ring",
    "map_option",
    "map_spec",
    "named_points",
    "outlines_within",
]

#: The packaged country outlines (GeoJSON).
OUTLINES = Path(__file__).resolve().parent / "data" / "europe-50m.geojson"
#: Colours of arcs within a country and across a border, and of the points.
ARC_COLOUR, CROSS_COLOUR, POINT_COLOUR = "#8a8a8a", "#d55e00", "#0072b2"
#: Degrees of margin around the points (at least), and the smallest frame.
MARGIN, MIN_SPAN = 0.25, 1.6
#: Width / height of the map's frame (the app's map is wide).
ASPECT = 1.7
#: Points along each arc.
ARC_STEPS = 16
#: How far beyond its frame (times its width and height, each side) the ECharts map has outlines.
LAND_REACH = 2.0


@dataclass(frozen=True)
class MapTexts:
    """What the map writes besides place names: tooltip field titles and the legend; ``colon``
    joins a field title to its value (``" : "`` in French)."""

    place: str = "Place"
    count: str = "Nodes here"
    here: str = "Here"
    ties: str = "Ties"
    within: str = "within a country"
    across: str = "across a border"
    colon: str = ": "


@functools.cache
def _outlines() -> dict:
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


def clip_ring(ring: list[list[float]], box: tuple[float, float, float, float]) -> list[list[float]]:
    """``ring`` (closed, ``[lon, lat]`` points) clipped to ``box`` (west, south, east, north).

    Sutherland–Hodgman polygon clipping [1]_ against the box's four edges;
    the result is closed, or empty when the ring lies outside.

    .. [1] I. E. Sutherland and G. W. Hodgman, "Reentrant polygon clipping",
       Communications of the ACM 17 (1974) 32–42.
    """
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        points = out
    if len(points) < 3:
        return []
    return [[round(x, 3), round(y, 3)] for x, y in points] + [[round(points[0][0], 3), round(points[0][1], 3)]]


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return [x, a[1] + t * (b[1] - a[1])]


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return [a[0] + t * (b[0] - a[0]), y]


def outlines_within(box: tuple[float, float, float, float]) -> list[dict]:
    """The packaged country outlines that meet ``box``, clipped to it (GeoJSON features)."""
    features = []
    for feature in _outlines()["features"]:
        polygons = []
        for polygon in feature["geometry"]["coordinates"]:
            rings = [clip_ring(r, box) for r in polygon]
            if rings and rings[0]:
                polygons.append([r for r in rings if r])
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": feature["properties"]["name"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    return features


def frame(view: MapView, aspect: float = ASPECT) -> tuple[float, float, float, float]:
    """The map's frame: the points' bounds with a margin, at least :data:`MIN_SPAN` degrees high,
    widened or heightened to ``aspect`` (width / height on the map, near the frame's middle)."""
    bounds = view.bounds or (5.5, 49.0, 7.5, 50.5)  # the Greater Region when there is nothing to place
    west, south, east, north = bounds
    cx, cy = (west + east) / 2, (south + north) / 2
    stretch = math.cos(math.radians(cy))  # a degree of longitude is this much of a degree of latitude
    half_x = (east - west) / 2 + MARGIN
    half_y = max((north - south) / 2 + MARGIN, MIN_SPAN / 2)
    if half_x * stretch < half_y * aspect:
        half_x = half_y * aspect / stretch
    else:
        half_y = half_x * stretch / aspect
    return (round(cx - half_x, 3), round(cy - half_y, 3), round(cx + half_x, 3), round(cy + half_y, 3))


def arc_points(a: tuple[float, float], b: tuple[float, float], *, bend: float = 0.2) -> list[tuple[float, float]]:
    """A curved line from ``a`` to ``b`` (lon, lat): a quadratic Bézier curve bent to the left
    by ``bend`` times the distance, :data:`ARC_STEPS` segments."""
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    cx, cy = mx - dy * bend, my + dx * bend
    out = []
    for i in range(ARC_STEPS + 1):
        t = i / ARC_STEPS
        out.append(
            (
                round((1 - t) ** 2 * x1 + 2 * (1 - t) * t * cx + t**2 * x2, 4),
                round((1 - t) ** 2 * y1 + 2 * (1 - t) * t * cy + t**2 * y2, 4),
            )
        )
    return out


def named_points(view: MapView, box: tuple[float, float, float, float], *, apart: float = 0.06) -> set[str]:
    """The places whose names are written: the busiest first, each at least ``apart`` of the
    frame's height from one already named (the others are named in their tooltips)."""
    west, south, east, north = box
    room = apart * (north - south)
    named: list[tuple[float, float]] = []
    out = set()
    for p in sorted(view.points, key=lambda p: (-len(p.nodes), p.name, p.place)):
        if all(abs(p.lat - lat) > room or abs(p.lon - lon) > room * 2.5 for lon, lat in named):
            named.append((p.lon, p.lat))
            out.add(p.place)
    return out


def _here(point: MapPoint) -> str:
    """What lies at ``point``, for its tooltip: the first six names, "…" for more."""
    return "; ".join(n.name for n in point.nodes[:6]) + (" …" if len(point.nodes) > 6 else "")


def map_spec(view: MapView, texts: MapTexts | None = None, *, height: int = 600) -> dict:
    """The Vega-Lite specification of ``view`` (outlines, arcs, points and names)."""
    texts = texts or MapTexts()
    box = frame(view)
    west, south, east, north = box
    fit = {
        "type": "Feature",
        "properties": {},
        # corners as points: a polygon's winding would decide whether it means the frame or the rest of the globe
        "geometry": {"type": "MultiPoint", "coordinates": [[west, south], [east, south], [east, north], [west, north]]},
    }
    where = {p.place: p for p in view.points}
    arcs = []
    for k, arc in enumerate(view.arcs):
        a, b = where[arc.source], where[arc.target]
        kind = texts.across if arc.cross_border else texts.within
        for order, (lon, lat) in enumerate(arc_points((a.lon, a.lat), (b.lon, b.lat))):
            arcs.append(
                {
                    "arc": k,
                    "order": order,
                    "lon": lon,
                    "lat": lat,
                    "kind": kind,
                    "weight": arc.weight,
                    "pair": f"{a.name} – {b.name}",
                }
            )
    named = named_points(view, box)
    points = [
        {
            "lon": p.lon,
            "lat": p.lat,
            "name": p.name,
            "label": p.name if p.place in named else "",
            "count": len(p.nodes),
            "here": _here(p),
        }
        for p in view.points
    ]
    projection = {"type": "mercator", "fit": fit}
    land = _land(box)  # marks are clipped to the frame
    layers: list[dict] = [
        {
            "data": {"values": outlines_within(land)},
            "mark": {"type": "geoshape", "fill": "#f2f0eb", "stroke": "#b5b0a6", "strokeWidth": 0.8, "clip": True},
        }
    ]
    if arcs:
        layers.append(
            {
                "data": {"values": arcs},
                "mark": {"type": "line", "opacity": 0.75, "clip": True, "strokeCap": "round"},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "detail": {"field": "arc", "type": "nominal"},
                    "order": {"field": "order", "type": "quantitative"},
                    "color": {
                        "field": "kind",
                        "type": "nominal",
                        "scale": {"domain": [texts.within, texts.across], "range": [ARC_COLOUR, CROSS_COLOUR]},
                        "legend": {"title": texts.ties, "orient": "top-left"},
                    },
                    "strokeWidth": {
                        "field": "weight",
                        "type": "quantitative",
                        "scale": {"range": [1.5, 7], "zero": False},
                        "legend": None,
                    },
                    "tooltip": [
                        {"field": "pair", "type": "nominal", "title": texts.place},
                        {"field": "weight", "type": "quantitative", "title": texts.ties},
                    ],
                },
            }
        )
    if points:
        layers += [
            {
                "data": {"values": points},
                "mark": {"type": "circle", "color": POINT_COLOUR, "opacity": 0.85, "stroke": "#ffffff", "clip": True},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {"field": "count", "type": "quantitative", "scale": {"range": [60, 900]}, "legend": None},
                    "tooltip": [
                        {"field": "name", "type": "nominal", "title": texts.place},
                        {"field": "count", "type": "quantitative", "title": texts.count},
                        {"field": "here", "type": "nominal", "title": texts.here},
                    ],
                },
            },
            {
                "data": {"values": points},
                "mark": {"type": "text", "dx": 9, "dy": -9, "align": "left", "fontSize": 12, "clip": True},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "text": {"field": "label", "type": "nominal"},
                },
            },
        ]
    return {
        "width": "container",
        "height": height,
        "autosize": {"type": "fit", "contains": "padding"},
        "projection": projection,
        "layer": layers,
        "config": {"view": {"stroke": None}, "background": "#dfeaf2"},
    }


def _scaled(value: float, low: float, high: float, out: tuple[float, float]) -> float:
    """``value`` of ``[low, high]`` mapped linearly onto ``out`` (its middle when ``low == high``)."""
    if high <= low:
        return round((out[0] + out[1]) / 2, 2)
    return round(out[0] + (value - low) / (high - low) * (out[1] - out[0]), 2)


def _land(box: tuple[float, float, float, float], reach: float = 0.75) -> tuple[float, float, float, float]:
    """``box`` widened by ``reach`` times its width and height on each side: outlines beyond the
    frame too, for a chart wider or taller than the frame."""
    west, south, east, north = box
    half_x, half_y = (east - west) * reach, (north - south) * reach
    return (west - half_x, south - half_y, east + half_x, north + half_y)


def map_option(view: MapView, texts: MapTexts | None = None) -> tuple[dict, dict[str, dict]]:
    """The ECharts option of ``view`` and the outlines it draws: ``(option, {name: GeoJSON})``.

    The option's ``geo`` names the outlines (a name derived from their
    content); the caller registers them under that name before drawing.
    Arcs are ``lines`` series, within a country and across a border (the
    legend), width by the number of ties; places a ``scatter`` series, area
    by the number of nodes there, each point's ``id`` the place's node id.
    """
    texts = texts or MapTexts()
    box = frame(view)
    west, south, east, north = box
    # a narrow window shows 2.5 times the frame's height (and a reader may zoom out): outlines far beyond it
    land = {"type": "FeatureCollection", "features": outlines_within(_land(box, LAND_REACH))}
    text = json.dumps(land, separators=(",", ":"), sort_keys=True)
    name = "pontes-" + hashlib.sha1(text.encode()).hexdigest()[:12]
    where = {p.place: p for p in view.points}
    weights = [a.weight for a in view.arcs]
    kinds = ((texts.within, ARC_COLOUR, False), (texts.across, CROSS_COLOUR, True))
    series: list[dict] = []
    for label, colour, across in kinds:
        data = []
        for arc in view.arcs:
            if arc.cross_border != across:
                continue
            a, b = where[arc.source], where[arc.target]
            data.append(
                {
                    "coords": [list(p) for p in arc_points((a.lon, a.lat), (b.lon, b.lat))],
                    "lineStyle": {"width": _scaled(arc.weight, min(weights), max(weights), (1.5, 7.0))},
                    "tooltip": {
                        "formatter": tooltip_html([f"{a.name} – {b.name}", f"{texts.ties}{texts.colon}{arc.weight}"])
                    },
                }
            )
        if data:
            series.append(
                {
                    "type": "lines",
                    "name": label,
                    "coordinateSystem": "geo",
                    "polyline": True,
                    "data": data,
                    "lineStyle": {"color": colour, "opacity": 0.75, "cap": "round"},
                    "itemStyle": {"color": colour},
                    "emphasis": {"focus": "self"},
                }
            )
    named = named_points(view, box)
    counts = [len(p.nodes) for p in view.points]
    points = []
    for p in view.points:
        here = _here(p)
        area = _scaled(len(p.nodes), min(counts), max(counts), (60.0, 900.0))
        points.append(
            {
                "id": p.place,
                "name": p.name,
                "value": [p.lon, p.lat, len(p.nodes)],
                "symbolSize": round(math.sqrt(area), 1),
                "label": {"show": p.place in named},
                "tooltip": {
                    "formatter": tooltip_html(
                        [
                            f"{texts.place}{texts.colon}{p.name}",
                            f"{texts.count}{texts.colon}{len(p.nodes)}",
                            f"{texts.here}{texts.colon}{here}",
                        ]
                    )
                },
            }
        )
    if points:
        series.append(
            {
                "type": "scatter",
                "coordinateSystem": "geo",
                "data": points,
                "itemStyle": {"color": POINT_COLOUR, "opacity": 0.85, "borderColor": "#ffffff", "borderWidth": 1},
                "label": {"position": [12, -14], "fontSize": 12, "color": "#1a1a1a", "formatter": "{b}"},
                "labelLayout": {"hideOverlap": True},
                "z": 3,
            }
        )
    option: dict = {
        "animation": False,
        "backgroundColor": "#dfeaf2",
        "tooltip": {"trigger": "item", "confine": True},
        "geo": {
            "map": name,
            "roam": True,
            "boundingCoords": [[west, north], [east, south]],
            "aspectScale": round(math.cos(math.radians((south + north) / 2)), 4),
            "silent": True,
            "itemStyle": {"areaColor": "#f2f0eb", "borderColor": "#b5b0a6", "borderWidth": 0.8},
            "label": {"show": False},
        },
        "series": series,
    }
    shown = [s["name"] for s in series if s["type"] == "lines"]
    if shown:
        option["title"] = {"text": texts.ties, "left": 6, "top": 4, "textStyle": {"fontSize": 12}}
        option["legend"] = {
            "data": shown,
            "orient": "vertical",
            "left": 4,
            "top": 24,
            "backgroundColor": "rgba(255,255,255,0.85)",
            "borderColor": "#dddddd",
            "borderWidth": 1,
            "padding": 6,
            "textStyle": {"fontSize": 12},
        }
    return option, {name: land}
