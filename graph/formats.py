"""Pontes' graph in other tools' file formats: node-link JSON, GraphML, GEXF and CSV tables.

Formats
-------
``json``
    networkx node-link data as ``networkx.node_link_graph(data)`` reads it
    with its defaults (networkx 3.6): ``nodes`` (each with ``id``, ``type``,
    ``name``, ``aliases`` and its other fields), ``edges`` (each with
    ``source``, ``target``, ``type``, ``key`` = tie id and its other fields),
    and the cited ``sources`` in the graph attributes. d3's force layouts
    want the ties under ``links``: ``data.links = data.edges`` in the page.
``graphml`` / ``gexf``
    For Gephi, yEd, Cytoscape. Attribute values must be scalars there, so
    lists are joined with ``|`` and other-language names and descriptions
    become ``name_de``, ``description_fr`` ... attributes. The cited sources travel as JSON: a graph
    attribute ``sources`` in GraphML, the ``<meta><description>`` in GEXF
    (whose graphs carry no attributes). Nodes and ties with a ``start`` or
    ``end`` make the GEXF dynamic (Gephi's timeline); networkx then declares
    ``timeformat="date"`` while Pontes' dates are as precise as their sources
    (``2017``, ``2017-04``): Gephi 0.10 reads them, the GEXF schema's
    ``date`` (xsd:date) does not define them.
``csv``
    A folder with ``nodes.csv``, ``ties.csv`` and ``sources.csv`` (the
    export refuses a name ending in ``.csv``: it writes a folder).
``popolo``
    Popolo JSON (https://www.popoloproject.com): ``organizations``,
    ``persons``, ``posts`` (an organisation's roles), ``memberships``
    (``MEMBER_OF`` ties), ``events`` (with their organising organisation),
    and Pontes' ``sources``; persons carry ``visibility`` and
    ``legal_basis``. Other node and tie types have no place in Popolo.

Every format but ``csv`` and ``popolo`` loads back into Pontes unchanged
(``pontes load``, :mod:`loaders.interchange`).

No contact data exists in the model, so none can be exported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import networkx as nx
from pydantic import BaseModel

from graph import __version__
from graph.cells import inert_cell, join_cell
from graph.convert import to_networkx
from graph.model import LANGUAGE_MAPS, Source
from graph.output import OutputError, atomic_path, output_folder
from graph.store.base import Subgraph


class ExportFormat(StrEnum):
    JSON = "json"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    POPOLO = "popolo"


def _metadata() -> dict:
    return {
        "generator": f"Pontes {__version__}",
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def node_link(sub: Subgraph, sources: list[Source]) -> dict:
    """The node-link dict of ``sub`` with metadata and the cited sources."""
    g = to_networkx(sub)
    g.graph.update(_metadata())
    g.graph["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in sources]
    return nx.node_link_data(g, edges="edges")


def sources_json(sources: list[Source]) -> str:
    """The cited sources as one JSON string (a scalar attribute for GraphML and GEXF)."""
    return json.dumps([s.model_dump(mode="json", exclude_none=True) for s in sources], ensure_ascii=False)


def _write_gexf(g: nx.MultiDiGraph, out: Path) -> None:
    """GEXF with the graph's metadata and sources in ``<meta><description>`` (GEXF graphs have no attributes)."""
    import xml.etree.ElementTree as ET

    buffer = io.BytesIO()
    nx.write_gexf(g, buffer, encoding="utf-8")
    ET.register_namespace("", "http://www.gexf.net/1.2draft")
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    ET.register_namespace("viz", "http://www.gexf.net/1.2draft/viz")
    root = ET.fromstring(buffer.getvalue())
    meta = root.find("{http://www.gexf.net/1.2draft}meta")
    if meta is not None:
        description = ET.SubElement(meta, "{http://www.gexf.net/1.2draft}description")
        description.text = json.dumps(
            {k: g.graph[k] for k in ("generator", "exported_at")} | {"sources": json.loads(g.graph["sources"])},
            ensure_ascii=False,
        )
    ET.indent(root)
    out.write_bytes(b"<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(root, encoding="utf-8") + b"\n")


def popolo(sub: Subgraph, sources: list[Source]) -> dict:
    """``sub`` as Popolo JSON (see the module docstring)."""
    from graph.ids import slug
    from graph.model import NodeType, TieType

    def other_names(n) -> list[dict]:
        return [{"name": a} for a in n.aliases] + [{"name": v, "note": f"name.{k}"} for k, v in n.names.items()]

    def cited(x) -> list[dict]:
        return [{"note": s} for s in x.sources]

    types = {n.id: n.type for n in sub.nodes}
    out: dict = {"meta": _metadata(), "organizations": [], "persons": [], "posts": [], "memberships": [], "events": []}
    organiser: dict[str, str] = {}
    for t in sub.ties:
        if t.type is TieType.PARTICIPATED_IN and t.role == "organiser" and types.get(t.source) is NodeType.ORGANISATION:
            organiser.setdefault(t.target, t.source)
    for n in sub.nodes:
        row: dict = {"id": n.id, "name": n.name}
        if other_names(n):
            row["other_names"] = other_names(n)
        if n.description:
            row["summary"] = n.description
        if n.type is NodeType.ORGANISATION:
            row |= {"classification": str(n.kind)} | ({"founding_date": n.founded} if n.founded else {})
            row |= ({"dissolution_date": n.dissolved} if n.dissolved else {}) | (
                {"country": n.country} if n.country else {}
            )
            out["organizations"].append(row | {"sources": cited(n)})
        elif n.type is NodeType.PERSON:
            row |= {"honorific_prefix": n.title} if n.title else {}
            row |= {"visibility": str(n.visibility), "legal_basis": str(n.legal_basis)}
            out["persons"].append(row | {"sources": cited(n)})
        elif n.type is NodeType.EVENT:
            row |= {"classification": str(n.kind)} | ({"start_date": n.start} if n.start else {})
            row |= ({"end_date": n.end} if n.end else {}) | (
                {"organization_id": organiser[n.id]} if n.id in organiser else {}
            )
            out["events"].append(row | {"sources": cited(n)})
    posts: dict[str, dict] = {}
    for t in sub.ties:
        if t.type is not TieType.MEMBER_OF:
            continue
        row = {"id": t.id, "organization_id": t.target}
        row["person_id" if types.get(t.source) is NodeType.PERSON else "member_id"] = t.source
        if t.role:
            post_id = f"post:{slug(t.target.split(':', 1)[1])}:{slug(t.role)}"
            posts.setdefault(post_id, {"id": post_id, "label": t.role, "role": t.role, "organization_id": t.target})
            row |= {"role": t.role, "post_id": post_id}
        row |= ({"start_date": t.start} if t.start else {}) | ({"end_date": t.end} if t.end else {})
        out["memberships"].append(row | {"sources": cited(t)})
    out["posts"] = sorted(posts.values(), key=lambda p: p["id"])
    out["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in sources]
    return out


def _flat(attrs: dict) -> dict:
    """Scalar-only attributes for GraphML/GEXF."""
    out = {}
    for key, value in attrs.items():
        if isinstance(value, dict):  # names, descriptions
            for lang, text in value.items():
                out[f"{LANGUAGE_MAPS[key]}_{lang}"] = text
        elif isinstance(value, list):
            out[key] = join_cell(value)
        else:
            out[key] = value
    return out


def flat_graph(sub: Subgraph, sources: list[Source]) -> nx.MultiDiGraph:
    """A copy of the typed graph whose attributes are all scalars (the sources as a JSON graph attribute)."""
    g = to_networkx(sub)
    flat = nx.MultiDiGraph()
    flat.graph.update(_metadata())
    flat.graph["sources"] = sources_json(sources)
    for n, attrs in g.nodes(data=True):
        flat.add_node(n, label=attrs["name"], **_flat(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        attrs = _flat(attrs)
        # GEXF reserves an edge's ``type`` for directed/undirected.
        tie_type = attrs.pop("type")
        flat.add_edge(u, v, key=k, label=tie_type, tie_type=tie_type, **attrs)
    return flat


_CSV_NODE_COLUMNS = [
    "id",
    "type",
    "name",
    "aliases",
    "kind",
    "country",
    "start",
    "end",
    "signed",
    "lat",
    "lon",
    "title",
    "founded",
    "dissolved",
    "attendance",
    "attendance_qualifier",
    "description",
    "sources",
]
_CSV_TIE_COLUMNS = ["id", "type", "source", "target", "role", "start", "end", "description", "sources", "inferred"]


def csv_text(
    columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, header: Callable[[str], str] | None = None
) -> str:
    """``rows`` as CSV text with a header of ``columns`` (lists joined with ``|``, :func:`graph.cells.join_cell`):
    how every result table (suggestions, forum plans) is written as CSV.
    ``header`` writes each column's header (the reader's words); default: the column itself."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns))
    writer.writerow({c: header(c) if header else c for c in columns})
    for row in rows:
        writer.writerow({k: inert_cell(join_cell(v) if isinstance(v, list | tuple) else v) for k, v in row.items()})
    return out.getvalue()


def _csv_row(item: BaseModel) -> dict:
    """A node, tie or source as a row of the CSV export: other-language texts in
    ``names.de``, ``descriptions.fr`` ... columns, as :mod:`loaders.readers` reads them."""
    row = item.model_dump(mode="json", exclude_none=True)
    for key in LANGUAGE_MAPS:
        for lang, text in row.pop(key, {}).items():
            row[f"{key}.{lang}"] = text
    return row


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    extra = sorted({k for r in rows for k in r} - set(columns))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns + extra)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: inert_cell(join_cell(v) if isinstance(v, list) else v) for k, v in row.items()})


#: The files of the CSV export, written into one folder.
CSV_FILES = ("nodes.csv", "ties.csv", "sources.csv")

#: Characters XML 1.0 does not allow anywhere in a document.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(g: nx.Graph) -> nx.Graph:
    """``g`` with every string attribute (of the graph, nodes and edges) stripped
    of the characters XML forbids, so GraphML and GEXF files stay well-formed
    whatever a name holds (input validation refuses them; graph files a user
    brings may still carry them). Changes ``g`` in place and returns it."""

    def clean(attrs: dict) -> None:
        for key, value in attrs.items():
            if isinstance(value, str) and _XML_FORBIDDEN.search(value):
                attrs[key] = _XML_FORBIDDEN.sub("", value)

    clean(g.graph)
    for _, attrs in g.nodes(data=True):
        clean(attrs)
    for *_, attrs in g.edges(data=True):
        clean(attrs)
    return g


def export(sub: Subgraph, sources: list[Source], fmt: ExportFormat | str, out: str | Path) -> list[Path]:
    """Write ``sub`` in format ``fmt`` to ``out``; return the files written.

    ``json``, ``graphml`` and ``gexf`` write the file ``out``; ``csv`` writes
    :data:`CSV_FILES` into the folder ``out`` (a name ending in ``.csv`` is
    refused: it would be a folder, not a file). Each file is written whole or
    not at all (:mod:`graph.output`); a path that cannot be written raises
    :class:`~graph.output.OutputError`.
    """
    fmt = ExportFormat(fmt)
    out = Path(out)
    if fmt is ExportFormat.CSV:
        if out.suffix.lower() == ".csv":
            raise OutputError(
                out, f"the CSV export writes {', '.join(CSV_FILES)} into a folder; give a folder name, not a .csv file"
            )
        folder = output_folder(out)
        tables = (
            (_CSV_NODE_COLUMNS, [_csv_row(n) for n in sub.nodes]),
            (_CSV_TIE_COLUMNS, [_csv_row(t) for t in sub.ties]),
            (
                ["id", "title", "publisher", "date", "document", "url", "language", "description"],
                [_csv_row(s) for s in sources],
            ),
        )
        files = []
        for name, (columns, rows) in zip(CSV_FILES, tables, strict=True):
            with atomic_path(folder / name) as tmp:
                _write_csv(tmp, columns, rows)
            files.append(folder / name)
        return files
    with atomic_path(out) as tmp:
        if fmt is ExportFormat.JSON:
            tmp.write_text(json.dumps(node_link(sub, sources), ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt is ExportFormat.POPOLO:
            tmp.write_text(json.dumps(popolo(sub, sources), ensure_ascii=False, indent=1), encoding="utf-8")
        elif fmt is ExportFormat.GRAPHML:
            nx.write_graphml(xml_safe(flat_graph(sub, sources)), tmp, encoding="utf-8")
        else:
            _write_gexf(xml_safe(flat_graph(sub, sources)), tmp)
    return [out]


# -- the explorer's current view -------------------------------------------------

#: Columns of a picture's node table and tie table (:func:`picture_tables`).
PICTURE_NODE_COLUMNS = [
    "id",
    "name",
    "canonical_name",
    "type",
    "kind",
    "country",
    "degree",
    "betweenness",
    "importance",
    "labelled",
    "x",
    "y",
    "active_from",
    "active_until",
]
PICTURE_TIE_COLUMNS = ["source", "target", "kinds", "weight", "cross_border", "active_from", "active_until", "items"]


def _span_cells(span) -> tuple[object, object]:
    return (span[0], span[1]) if span else (None, None)


def _picture_rows(picture, yes_no: tuple[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    def flag(value: bool) -> object:
        return value if yes_no is None else yes_no[0 if value else 1]

    nodes = []
    for n in picture.nodes:
        lo, hi = _span_cells(n.span)
        nodes.append(
            {
                "id": n.id,
                "name": n.name,
                "canonical_name": n.canonical,
                "type": n.type.value,
                "kind": n.kind,
                "country": n.country,
                "degree": n.degree,
                "betweenness": round(n.betweenness, 6),
                "importance": n.score,
                "labelled": flag(n.labelled),
                "x": n.x,
                "y": n.y,
                "active_from": lo,
                "active_until": hi,
            }
        )
    ties = []
    for t in picture.ties:
        lo, hi = _span_cells(t.span)
        ties.append(
            {
                "source": t.source,
                "target": t.target,
                "kinds": list(t.kinds),
                "weight": t.weight,
                "cross_border": flag(t.cross_border),
                "active_from": lo,
                "active_until": hi,
                "items": [i.id for i in t.items],
            }
        )
    return nodes, ties


def picture_tables(
    picture, *, header: Callable[[str], str] | None = None, yes_no: tuple[str, str] | None = None
) -> tuple[str, str]:
    """The nodes and the ties of an explorer picture (:class:`graph.explore.picture.Picture`) as CSV text.

    Nodes: id, name in the picture's language and stored name, type, kind,
    country (``*`` several, empty unknown), degree and betweenness in the
    view, importance, whether labelled, position, and the years active
    (empty: always). Ties: ends, kinds (tie types, ``SHARED`` for shared
    events and agreements, ``|``-joined), weight, whether across a border,
    years active, the shared items' ids. ``header`` writes the column headers
    in the reader's language (see :func:`csv_text`), ``yes_no`` the reader's
    words for whether labelled and across a border (default ``True``/``False``).
    """
    nodes, ties = _picture_rows(picture, yes_no)
    return csv_text(PICTURE_NODE_COLUMNS, nodes, header=header), csv_text(PICTURE_TIE_COLUMNS, ties, header=header)


def _year_text(year: object) -> str:
    return "" if year is None else str(year)


def picture_gexf(picture) -> bytes:
    """An explorer picture as GEXF (for Gephi): the node and tie tables' columns as attributes,
    positions and sizes as GEXF's ``viz``, undirected."""
    nodes, ties = _picture_rows(picture)
    g = nx.Graph()
    g.graph.update(_metadata())
    for row, n in zip(nodes, picture.nodes):
        # years as text: GEXF types an attribute by its first value, and a year may be missing
        attrs = {k: v for k, v in row.items() if k not in ("id", "x", "y", "active_from", "active_until")}
        attrs.update(active_from=_year_text(row["active_from"]), active_until=_year_text(row["active_until"]))
        attrs["label"] = row["name"]
        attrs["viz"] = {"position": {"x": n.x, "y": -n.y, "z": 0.0}, "size": n.size}
        g.add_node(n.id, **attrs)
    for row in ties:
        g.add_edge(
            row["source"],
            row["target"],
            weight=row["weight"],
            kinds=join_cell(row["kinds"]),
            cross_border=row["cross_border"],
            active_from=_year_text(row["active_from"]),
            active_until=_year_text(row["active_until"]),
            items=join_cell(row["items"]),
        )
    out = io.BytesIO()
    nx.write_gexf(g, out, encoding="utf-8")
    return out.getvalue()
