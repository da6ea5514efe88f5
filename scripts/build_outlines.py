"""Build the map's country outlines from Natural Earth (world-atlas on npm), once, by hand.

The app's map draws points and arcs over the outlines of the countries
around them, with or without internet: the outlines ship with Pontes as
``graph/draw/data/europe-50m.geojson``. This script makes that file from
the TopoJSON of the npm package ``world-atlas`` (ISC licence; the data are
Natural Earth's 1:50m admin-0 countries, version 4.1.0, in the public
domain)::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_outlines.py /tmp/package/countries-50m.json

It decodes the TopoJSON arcs, keeps the countries whose bounding box meets
Europe (longitude -32..45, latitude 27..72), rounds coordinates to 0.01°
(about a kilometre) and drops repeated points. Each feature keeps the
ISO 3166 numeric code (``id``) and the English ``name`` of world-atlas.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graph" / "draw" / "data" / "europe-50m.geojson"
BOX = (-32.0, 27.0, 45.0, 72.0)  # west, south, east, north
DIGITS = 2


def decode(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            line.append((x * sx + tx, y * sy + ty))
        arcs.append(line)
    return arcs


def ring(arcs, indices) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        line = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(line if not points else line[1:])
    return points


def rounded(points) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def main(path: str) -> None:
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = decode(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        kept = []
        for poly in polys:
            rings = [rounded(ring(arcs, r)) for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if not rings:
                continue
            xs = [p[0] for p in rings[0]]
            ys = [p[1] for p in rings[0]]
            if max(xs) < BOX[0] or min(xs) > BOX[2] or max(ys) < BOX[1] or min(ys) > BOX[3]:
                continue
            kept.append(rings)
        if kept:
            features.append(
                {
                    "type": "Feature",
                    "id": geom.get("id"),
                    "properties": {"name": geom.get("properties", {}).get("name")},
                    "geometry": {"type": "MultiPolygon", "coordinates": kept},
                }
            )
    features.sort(key=lambda f: str(f["id"]))
    doc = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:50m admin-0 countries 4.1.0 (public domain), via world-atlas 2.0.2 (ISC)",
        "features": features,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(features)} countries, {OUT.stat().st_size:,} bytes -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
