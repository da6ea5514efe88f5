"""A :class:`~graph.explore.picture.Picture` as a still image: SVG text and PNG bytes.

Both draw the same thing as the app, from the picture alone: the ties as
lines (width by strength), the nodes as their type's shape in their colour
(size by importance), the names of the labelled nodes beside them, and the
legend of what the picture shows. Same picture, same image: nothing is
random and nothing depends on the time of drawing.

SVG is written by hand (names are escaped text); PNG is drawn with Pillow
(a dependency of Streamlit) at twice the size and scaled down, so lines and
text are smooth. Display strings come from the caller (:class:`~graph.draw.picture.Texts`).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

from graph.draw.picture import ECHARTS_SYMBOLS, FALLBACK, SHARED_COLOUR, TIE_COLOUR, Texts
from graph.explore.picture import SHARED, Picture

__all__ = ["picture_png", "picture_svg", "short"]

#: Room around the drawing, and to the right of it for the last labels (pixels).
MARGIN, LABEL_ROOM = 40, 180
#: Width of the legend box.
LEGEND_WIDTH = 190


#: Names longer than this are shortened on the image (the whole name is in the SVG's tooltip).
LABEL_CHARS = 42


@dataclass(frozen=True)
class _Canvas:
    width: int
    height: int
    points: dict[str, tuple[float, float]]


@dataclass(frozen=True)
class _Label:
    text: str
    x: float  # where the text starts (left edge), and its vertical middle
    y: float
    size: int
    bold: bool


def short(name: str, limit: int = LABEL_CHARS) -> str:
    """``name``, cut at a word boundary with ``…`` when longer than ``limit`` characters."""
    if len(name) <= limit:
        return name
    cut = name[: limit - 1]
    if name[limit - 1] != " " and " " in cut:  # do not end inside a word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def _labels(picture: Picture, c: _Canvas) -> list[_Label]:
    """Where the labelled nodes' names go: beside the node (right, left, above, below, the first
    place that is free), most important first; a name that finds no free place is left out.

    Widths are estimated (0.6 of the font size per character), so the SVG
    and the PNG place the same names at the same places.
    """
    placed: list[tuple[float, float, float, float]] = []
    out = []
    ranked = sorted(
        (n for n in picture.nodes if n.labelled),
        key=lambda n: (n.id != picture.focus, -n.score, -n.betweenness, -n.degree, n.id),
    )
    for n in ranked:
        text = short(n.name)
        focus = n.id == picture.focus
        size = 15 if focus else 13
        w, h = 0.6 * size * len(text), 1.3 * size
        x, y = c.points[n.id]
        r = n.size / 2 + 4
        for left, mid in ((x + r, y), (x - r - w, y), (x - w / 2, y - r - h / 2), (x - w / 2, y + r + h / 2)):
            box = (left, mid - h / 2, left + w, mid + h / 2)
            inside = box[0] >= 2 and box[2] <= c.width - 2 and box[1] >= 2 and box[3] <= c.height - 2
            free = all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed)
            if inside and free:
                placed.append(box)
                out.append(_Label(text, left, mid, size, focus))
                break
    return out


def _canvas(picture: Picture, width: int) -> _Canvas:
    if not picture.nodes:
        return _Canvas(width, 200, {})
    xs = [n.x for n in picture.nodes]
    ys = [n.y for n in picture.nodes]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    left = MARGIN + LEGEND_WIDTH
    inner = width - left - MARGIN - LABEL_ROOM
    scale = inner / span_x
    height = int(min(max(span_y * scale + 2 * MARGIN, 300), 2.5 * width))
    scale = min(scale, (height - 2 * MARGIN) / span_y)
    points = {n.id: (left + (n.x - min(xs)) * scale, MARGIN + (n.y - min(ys)) * scale) for n in picture.nodes}
    return _Canvas(width, height, points)


def _shape_points(symbol: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    if symbol == "diamond":
        return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    if symbol == "triangle":
        return [(x, y - r), (x + r * 0.87, y + r * 0.5), (x - r * 0.87, y + r * 0.5)]
    if symbol == "pin":  # drawn as a triangle pointing down
        return [(x - r * 0.87, y - r * 0.5), (x + r * 0.87, y - r * 0.5), (x, y + r)]
    return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]


def _svg_shape(symbol: str, x: float, y: float, r: float, paint: str, title: str = "") -> str:
    """One node's symbol (ECharts' name) of radius ``r`` at ``(x, y)`` as an SVG element; ``paint``
    holds its fill and stroke attributes, ``title`` (escaped) its tooltip."""
    inner = f"<title>{title}</title>" if title else ""
    if symbol == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {paint}>{inner}</circle>'
    if symbol in ("rect", "roundRect"):
        rx = f' rx="{r / 3:.1f}"' if symbol == "roundRect" else ""
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}"{rx} {paint}>{inner}</rect>'
        )
    pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in _shape_points(symbol, x, y, r))
    return f'<polygon points="{pts}" {paint}>{inner}</polygon>'


def _png_shape(draw, symbol: str, x: float, y: float, r: float, **paint) -> None:
    """One node's symbol (ECharts' name) of radius ``r`` at ``(x, y)`` on a Pillow drawing; ``paint``:
    ``fill``, and ``outline`` with its ``width``."""
    if symbol == "circle":
        draw.ellipse([x - r, y - r, x + r, y + r], **paint)
    elif symbol in ("rect", "roundRect"):
        draw.rounded_rectangle([x - r, y - r, x + r, y + r], radius=r / 3 if symbol == "roundRect" else 0, **paint)
    else:
        draw.polygon(_shape_points(symbol, x, y, r), **paint)


def _legend_rows(picture: Picture, texts: Texts) -> list[tuple[str, str, str]]:
    """(label, colour, symbol) per legend entry: the types' own symbols when colours are by type."""
    return [
        (
            texts.colour_label(picture, k),
            picture.palette.get(k, FALLBACK),
            ECHARTS_SYMBOLS[next(n.type for n in picture.nodes if n.colour == k)]
            if picture.color_by == "type"
            else "circle",
        )
        for k in picture.legend
    ]


def picture_svg(picture: Picture, texts: Texts, *, width: int = 1400) -> str:
    """The SVG document of ``picture`` (UTF-8 text)."""
    c = _canvas(picture, width)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{c.width}" height="{c.height}" '
        f'viewBox="0 0 {c.width} {c.height}" font-family="DejaVu Sans, Arial, sans-serif">',
        f"<title>{escape(texts.title or 'Pontes')}</title>",
        f'<rect width="{c.width}" height="{c.height}" fill="#ffffff"/>',
        '<g id="ties">',
    ]
    for t in picture.ties:
        (x1, y1), (x2, y2) = c.points[t.source], c.points[t.target]
        colour = SHARED_COLOUR if SHARED in t.kinds else TIE_COLOUR
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{t.width}" stroke-opacity="0.8"/>'
        )
    out.append('</g><g id="nodes">')
    for n in picture.nodes:
        x, y = c.points[n.id]
        r = n.size / 2
        fill = picture.palette.get(n.colour, FALLBACK)
        stroke = ' stroke="#1a1a1a" stroke-width="3"' if n.id == picture.focus else ' stroke="#ffffff" stroke-width="1"'
        out.append(_svg_shape(ECHARTS_SYMBOLS[n.type], x, y, r, f'fill="{fill}"{stroke}', escape(n.name)))
    out.append('</g><g id="labels" fill="#1a1a1a">')
    for label in _labels(picture, c):
        weight = "bold" if label.bold else "normal"
        out.append(
            f'<text x="{label.x:.1f}" y="{label.y:.1f}" dominant-baseline="central" font-size="{label.size}" '
            f'font-weight="{weight}" paint-order="stroke" stroke="#ffffff" stroke-width="3">{escape(label.text)}</text>'
        )
    out.append("</g>")
    rows = _legend_rows(picture, texts)
    if rows:
        top = 12
        height = 22 * len(rows) + (26 if texts.legend else 8)
        out.append(
            f'<g id="legend"><rect x="8" y="8" width="{LEGEND_WIDTH - 16}" height="{height}" fill="#ffffff" '
            'fill-opacity="0.9" stroke="#dddddd"/>'
        )
        if texts.legend:
            out.append(f'<text x="16" y="{top + 14}" font-size="13" font-weight="bold">{escape(texts.legend)}</text>')
            top += 20
        for i, (text, colour, symbol) in enumerate(rows):
            y = top + 8 + 22 * i
            out.append(_svg_shape(symbol, 22, y + 5, 6, f'fill="{colour}"'))
            out.append(f'<text x="34" y="{y + 10}" font-size="12">{escape(text)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


_FONT_FILES = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_BOLD_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@functools.lru_cache(maxsize=16)
def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    for name in _BOLD_FILES if bold else _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))


def picture_png(picture: Picture, texts: Texts, *, width: int = 1400) -> bytes:
    """The PNG image of ``picture`` (the SVG's drawing, rasterised with Pillow)."""
    from PIL import Image, ImageDraw

    k = 2  # drawn at twice the size, then scaled down: smooth lines and text
    c = _canvas(picture, width)
    img = Image.new("RGB", (c.width * k, c.height * k), "#ffffff")
    draw = ImageDraw.Draw(img)
    p = {nid: (x * k, y * k) for nid, (x, y) in c.points.items()}
    for t in picture.ties:
        colour = SHARED_COLOUR if SHARED in t.kinds else TIE_COLOUR
        draw.line([p[t.source], p[t.target]], fill=_rgb(colour), width=max(1, round(t.width * k)))
    for n in picture.nodes:
        x, y = p[n.id]
        r = n.size / 2 * k
        fill = _rgb(picture.palette.get(n.colour, FALLBACK))
        outline, line = ((26, 26, 26), 3 * k) if n.id == picture.focus else ((255, 255, 255), k)
        _png_shape(draw, ECHARTS_SYMBOLS[n.type], x, y, r, fill=fill, outline=outline, width=line)
    for label in _labels(picture, c):
        draw.text(
            (label.x * k, label.y * k),
            label.text,
            font=_font(label.size * k, bold=label.bold),
            fill=(26, 26, 26),
            anchor="lm",
            stroke_width=2 * k,
            stroke_fill=(255, 255, 255),
        )
    rows = _legend_rows(picture, texts)
    if rows:
        top = 12 * k
        height = (22 * len(rows) + (26 if texts.legend else 8)) * k
        draw.rectangle(
            [8 * k, 8 * k, (LEGEND_WIDTH - 8) * k, 8 * k + height], fill=(255, 255, 255), outline=(221, 221, 221)
        )
        if texts.legend:
            draw.text(
                (16 * k, top + 7 * k), texts.legend, font=_font(13 * k, bold=True), fill=(26, 26, 26), anchor="lm"
            )
            top += 20 * k
        for i, (text, colour, symbol) in enumerate(rows):
            y = top + (13 + 22 * i) * k
            _png_shape(draw, symbol, 22 * k, y, 6 * k, fill=_rgb(colour))
            draw.text((34 * k, y), text, font=_font(12 * k), fill=(26, 26, 26), anchor="lm")
    img = img.resize((c.width, c.height), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def font_available() -> bool:
    """Whether the DejaVu font is found (else Pillow's own default font is used)."""
    return any(Path(f).is_file() for f in _FONT_FILES if f.startswith("/"))
