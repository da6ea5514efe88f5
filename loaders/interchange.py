"""Other tools' files, read into the same models and checks as seed files.

Formats
-------
GraphML (``.graphml``) and GEXF (``.gexf``)
    Pontes' own exports load back unchanged (types, names, aliases,
    other-language names and descriptions ``name_de``, ``description_fr``
    ..., dates, roles, the cited sources).
    Graphs from other tools need a ``type`` on each node (Organisation,
    Person, Event, Agreement, Place, Topic; English, German and French words
    for them are understood; untyped nodes are organisations) and a tie type
    on each edge (``tie_type``, ``type`` or ``label``); attributes Pontes has
    no field for (layout, colours, metrics) are left out.
Node-link JSON (``.json`` with ``nodes`` and ``edges`` or d3's ``links``)
    The same, as networkx writes it.
Popolo JSON (``.json`` with ``organizations``/``persons``/``memberships``)
    Organisations, persons (private unless they carry ``visibility:
    public``; legal basis legitimate interests unless they carry one),
    memberships (``MEMBER_OF`` with the role or the post's label), posts,
    events (their ``organization_id`` is their organiser), an organisation's
    ``parent_id`` (``PART_OF``).
Kumu CSV
    Elements (``Label``, ``Type``, ``Description``, ...) and connections
    (``From``, ``To``, ``Type``), by label; the two tables may be two files
    of the same load.
Gephi CSV
    Nodes (``Id``, ``Label``, ...) and edges (``Source``, ``Target``, with
    the tie type in ``Label``, ``Kind`` or ``Relationship``; Gephi's ``Type``
    column is the direction).

Files without sources of their own (tables, other tools' graphs) cite one
source named after the file. Problems are located like everywhere else:
file, entry (``node a1``, ``row 7``, ``memberships[2]``) and field.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import TypeAdapter, ValidationError

from graph.cells import split_cell
from graph.errors import Problem
from graph.ids import fold, node_id, slug
from graph.model import LANGUAGE_MAPS, NODE_CLASSES, Node, NodeType, Source, Tie, TieType, language_column

GRAPH_SUFFIXES = {".graphml", ".gexf"}

_NODE = TypeAdapter(Node)
_NODE_FIELDS = frozenset(f for cls in NODE_CLASSES.values() for f in cls.model_fields) - {"type", *LANGUAGE_MAPS}
_TIE_FIELDS = frozenset({"role", "start", "end", "description", "sources", "inferred"})
#: ``name_de``, ``description_fr`` ...: a language map flattened (:func:`graph.formats.flat_graph`).
_FLAT_LANGUAGE = re.compile(rf"^({'|'.join(LANGUAGE_MAPS.values())})_([a-z]{{2}})$")
_MAP_OF = {single: field for field, single in LANGUAGE_MAPS.items()}


def _language_texts(k: str, v: Any, data: dict[str, Any]) -> bool:
    """Put ``k``'s value into ``data``'s language map when ``k`` is one (``names``, ``name_de``,
    ``descriptions``, ``description_fr``); whether it was."""
    flat, whole = _FLAT_LANGUAGE.match(k), k in LANGUAGE_MAPS and isinstance(v, dict)
    if flat:
        data.setdefault(_MAP_OF[flat[1]], {})[flat[2]] = v
    elif whole:
        data[k] = v
    return bool(flat or whole)


_NODE_REF = re.compile(r"^[a-z][a-z0-9-]{0,40}:[a-z0-9][a-z0-9._-]{0,160}$")

#: Words other tools use for Pontes' node types (folded).
NODE_TYPE_WORDS: dict[str, NodeType] = {
    fold(w): t
    for t, words in {
        NodeType.ORGANISATION: "organisation organization org company institution body association verein organisation "
        "organisme structure ngo",
        NodeType.PERSON: "person people individual personne personen mensch",
        NodeType.EVENT: "event veranstaltung evenement événement meeting project projekt projet",
        NodeType.AGREEMENT: "agreement vereinbarung accord convention contract vertrag",
        NodeType.PLACE: "place location ort lieu city town stadt ville region country",
        NodeType.TOPIC: "topic thema theme issue subject sujet",
    }.items()
    for w in words.split()
}
#: Words other tools use for Pontes' tie types (folded).
TIE_TYPE_WORDS: dict[str, TieType] = {
    **{fold(t.value): t for t in TieType},
    **{fold(t.value.replace("_", " ")): t for t in TieType},
    **{
        fold(w): t
        for t, words in {
            TieType.MEMBER_OF: ["member", "member of", "membership", "works for", "mitglied", "membre"],
            TieType.PARTICIPATED_IN: ["participant", "participates in", "attended", "participation", "teilnahme"],
            TieType.PARTY_TO: ["party", "signatory", "signed", "partei", "signataire"],
            TieType.LOCATED_IN: ["located in", "location", "based in", "sitz"],
            TieType.PART_OF: ["part of", "subunit", "teil von", "fait partie de"],
            TieType.COOPERATES_WITH: ["cooperates", "cooperation", "partner", "partnership", "collaboration",
                                      "kooperation", "zusammenarbeit", "coopération", "partenariat"],
            TieType.ADDRESSES: ["addresses", "topic", "thema", "thème"],
        }.items()
        for w in words
    },
}  # fmt: skip


def file_source(path: str | Path) -> Source:
    """The source the facts of a file without sources cite: the file itself, titled by its name
    (in no language: every page shows it as it is)."""
    name = Path(path).name
    return Source(id=slug(Path(name).stem, max_len=80), title=name, document=name)


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return split_cell(str(value))


def node_data(key: str | None, attrs: dict[str, Any], *, default_source: str | None = None) -> dict[str, Any]:
    """Model input of a node from a graph file's attributes (scalars or lists)."""
    data: dict[str, Any] = {}
    for k, v in attrs.items():
        if v is None or v == "":
            continue
        if _language_texts(k, v, data):
            continue
        if k in ("aliases", "sources"):
            data[k] = _split(v)
        elif k in _NODE_FIELDS:
            data[k] = v
    kind = attrs.get("type")
    if isinstance(kind, str) and kind not in set(NodeType):
        kind = NODE_TYPE_WORDS.get(fold(kind), kind)
    data["type"] = str(kind) if kind else NodeType.ORGANISATION.value
    if "name" not in data:
        data["name"] = attrs.get("label") or attrs.get("Label") or key
    if "id" not in data and key and _NODE_REF.match(str(key)):
        data["id"] = str(key)
    if not data.get("sources") and default_source:
        data["sources"] = [default_source]
    if data["type"] == NodeType.PERSON.value:
        # privacy by default; a file without a legal basis is kept for the editors' legitimate interests
        data.setdefault("visibility", "private")
        data.setdefault("legal_basis", "legitimate_interests")
    return data


def tie_data(
    source: str, target: str, attrs: dict[str, Any], *, key: Any = None, default_source: str | None = None
) -> dict[str, Any]:
    """Model input of a tie from a graph file's edge attributes."""
    data: dict[str, Any] = {"source": source, "target": target}
    kind = (
        attrs.get("tie_type")
        or attrs.get("type")
        or attrs.get("label")
        or attrs.get("kind")
        or attrs.get("relationship")
    )
    data["type"] = TIE_TYPE_WORDS.get(fold(str(kind)), kind) if kind else None
    for k in _TIE_FIELDS:
        v = attrs.get(k)
        if v is not None and v != "":
            data[k] = _split(v) if k == "sources" else v
    for k, v in attrs.items():
        if v is not None and v != "":
            _language_texts(k, v, data)
    if isinstance(key, str) and re.fullmatch(r"[0-9a-f]{20}", key):
        data["id"] = key
    if not data.get("sources") and default_source:
        data["sources"] = [default_source]
    return data


class _Sink:
    """Collects models read from one file into a loader's :class:`loaders.readers.Parsed`."""

    def __init__(self, out: Any, file: str):
        self.out, self.file = out, file

    def problem(self, entry: str, field: str, message: str) -> None:
        self.out.problems.append(Problem(self.file, entry, field, message))

    def _errors(self, e: ValidationError, entry: str) -> None:
        for err in e.errors():
            loc = [str(p) for p in err["loc"] if str(p) not in set(NodeType)]
            self.out.problems.append(Problem.of(self.file, entry, ".".join(loc) or "(entry)", err))

    def source(self, data: dict[str, Any], entry: str) -> None:
        try:
            self.out.sources.append((Source.model_validate(data), self.file, entry))
        except ValidationError as e:
            self._errors(e, entry)

    def node(self, data: dict[str, Any], entry: str) -> Node | None:
        try:
            node = _NODE.validate_python(data)
        except ValidationError as e:
            self._errors(e, entry)
            self.out.node_failed(data)
            return None
        self.out.nodes.append((node, self.file, entry))
        return node

    def tie(self, data: dict[str, Any], entry: str) -> None:
        if data.get("type") is None:
            self.problem(entry, "type", f"no tie type: give one of {', '.join(t.value for t in TieType)}")
            return
        try:
            self.out.ties.append((Tie.model_validate(data), self.file, entry))
        except ValidationError as e:
            self._errors(e, entry)


# -- graph files ------------------------------------------------------------------------------------------
def _gexf_description(path: Path) -> dict[str, Any]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return {}
    found = root.find("{http://www.gexf.net/1.2draft}meta/{http://www.gexf.net/1.2draft}description")
    if found is None or not found.text:
        return {}
    try:
        data = json.loads(found.text)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _graph_sources(sink: _Sink, raw: Any, path: Path, kind: str) -> str | None:
    """Read the sources a graph file carries; return the id of the file's own source when it carries none."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            sink.problem("(graph)", "sources", "not a JSON list of sources")
            return None
    if isinstance(raw, list) and raw:
        for i, s in enumerate(raw):
            sink.source(s if isinstance(s, dict) else {}, f"sources[{i}]")
        return None
    own = file_source(path)
    sink.out.sources.append((own, sink.file, "(file)"))
    return own.id


def read_graph_data(g: nx.Graph, path: Path, out: Any, *, kind: str, sources: Any = None) -> None:
    """The nodes and ties of a networkx graph read from ``path``."""
    sink = _Sink(out, str(path))
    own = _graph_sources(sink, g.graph.get("sources") if sources is None else sources, path, kind)
    ids: dict[Any, str] = {}
    for key, attrs in g.nodes(data=True):
        node = sink.node(node_data(str(key), dict(attrs), default_source=own), f"node {key}")
        if node is not None:
            ids[key] = node.id
    edges: Iterable = (
        g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    )
    for u, v, k, attrs in edges:
        if u not in ids or v not in ids:
            continue  # the node's own problem is reported
        key = attrs.get("networkx_key", k) if isinstance(attrs, dict) else k
        sink.tie(tie_data(ids[u], ids[v], dict(attrs), key=key, default_source=own), f"edge {u} -> {v}")


def read_graph_file(path: Path, out: Any) -> None:
    """A GraphML or GEXF file (see the module docstring)."""
    try:
        if path.suffix.lower() == ".gexf":
            g = nx.read_gexf(path)
            meta = _gexf_description(path)
            read_graph_data(g, path, out, kind="GEXF", sources=meta.get("sources", []))
        else:
            g = nx.read_graphml(path)
            read_graph_data(g, path, out, kind="GraphML")
    except (OSError, ValueError, KeyError, TypeError, SyntaxError, nx.NetworkXError) as e:
        out.problems.append(Problem(str(path), "(file)", "(syntax)", f"cannot read this graph: {e}"))


def is_node_link(raw: dict[str, Any]) -> bool:
    return isinstance(raw.get("nodes"), list) and ("edges" in raw or "links" in raw) and "pontes" not in raw


def read_node_link(raw: dict[str, Any], path: Path, out: Any) -> None:
    """networkx node-link JSON, with ``edges`` (networkx 3.6) or ``links`` (d3, earlier networkx)."""
    edges = "edges" if "edges" in raw else "links"
    try:
        g = nx.node_link_graph(raw, edges=edges)
    except (KeyError, TypeError, ValueError, nx.NetworkXError) as e:
        out.problems.append(Problem(str(path), "(file)", "(syntax)", f"not node-link data: {e}"))
        return
    read_graph_data(g, path, out, kind="Node-link")


# -- Popolo -----------------------------------------------------------------------------------------------
def is_popolo(raw: dict[str, Any]) -> bool:
    return "pontes" not in raw and any(
        isinstance(raw.get(k), list) for k in ("organizations", "persons", "memberships")
    )


def read_popolo(raw: dict[str, Any], path: Path, out: Any) -> None:
    """Popolo JSON (see the module docstring)."""
    sink = _Sink(out, str(path))
    own = _graph_sources(sink, raw.get("sources"), path, "Popolo")
    ids: dict[str, str] = {}

    def cited(item: dict[str, Any]) -> list[str]:
        found = [str(s["note"]) for s in item.get("sources") or [] if isinstance(s, dict) and s.get("note")]
        return found or ([own] if own else [])

    def names(item: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
        aliases, other = [], {}
        for o in item.get("other_names") or []:
            if isinstance(o, dict) and o.get("name"):
                note = str(o.get("note") or "")
                if note.startswith("name."):
                    other[note[5:]] = o["name"]
                else:
                    aliases.append(o["name"])
        return aliases, other

    def add(kind: NodeType, item: Any, entry: str, fields: dict[str, Any]) -> None:
        if not isinstance(item, dict):
            sink.problem(entry, "(entry)", "expected an object")
            return
        aliases, other = names(item)
        data = {
            "type": kind.value,
            "name": item.get("name"),
            "aliases": aliases,
            "names": other,
            "sources": cited(item),
        }
        if isinstance(item.get("id"), str) and _NODE_REF.match(item["id"]):
            data["id"] = item["id"]
        if item.get("summary"):
            data["description"] = item["summary"]
        data.update({k: v for k, v in fields.items() if v is not None})
        node = sink.node(data, entry)
        if node is not None and item.get("id") is not None:
            ids[str(item["id"])] = node.id

    for i, o in enumerate(raw.get("organizations") or []):
        o = o if isinstance(o, dict) else {}
        classification = o.get("classification")
        from graph.model import OrgKind

        kind = classification if classification in {k.value for k in OrgKind} else None
        add(NodeType.ORGANISATION, o, f"organizations[{i}]", {"kind": kind, "founded": o.get("founding_date"),
                                                             "dissolved": o.get("dissolution_date"), "country": o.get("country")})  # fmt: skip
    for i, p in enumerate(raw.get("persons") or []):
        p = p if isinstance(p, dict) else {}
        add(NodeType.PERSON, p, f"persons[{i}]", {"title": p.get("honorific_prefix"), "visibility": p.get("visibility") or "private",
                                                  "legal_basis": p.get("legal_basis") or "legitimate_interests"})  # fmt: skip
    for i, e in enumerate(raw.get("events") or []):
        e = e if isinstance(e, dict) else {}
        from graph.model import EventKind

        kind = e.get("classification") if e.get("classification") in {k.value for k in EventKind} else None
        add(NodeType.EVENT, e, f"events[{i}]", {"kind": kind, "start": e.get("start_date"), "end": e.get("end_date")})
    posts = {str(p.get("id")): p for p in raw.get("posts") or [] if isinstance(p, dict)}

    def ref(value: Any, entry: str, field: str) -> str | None:
        if value is None:
            return None
        if str(value) in ids:
            return ids[str(value)]
        sink.problem(entry, field, f"unknown id {value!r}")
        return None

    for i, o in enumerate(raw.get("organizations") or []):
        if isinstance(o, dict) and o.get("parent_id") is not None and str(o.get("id")) in ids:
            parent = ref(o["parent_id"], f"organizations[{i}]", "parent_id")
            if parent:
                sink.tie(
                    {"type": "PART_OF", "source": ids[str(o["id"])], "target": parent, "sources": cited(o)},
                    f"organizations[{i}]",
                )
    for i, e in enumerate(raw.get("events") or []):
        if isinstance(e, dict) and e.get("organization_id") is not None and str(e.get("id")) in ids:
            org = ref(e["organization_id"], f"events[{i}]", "organization_id")
            if org:
                sink.tie({"type": "PARTICIPATED_IN", "source": org, "target": ids[str(e["id"])], "role": "organiser",
                          "sources": cited(e)}, f"events[{i}]")  # fmt: skip
    for i, m in enumerate(raw.get("memberships") or []):
        entry = f"memberships[{i}]"
        if not isinstance(m, dict):
            sink.problem(entry, "(entry)", "expected an object")
            continue
        post = posts.get(str(m.get("post_id"))) or {}
        member = ref(m.get("person_id", m.get("member_id")), entry, "person_id")
        org = ref(m.get("organization_id", post.get("organization_id")), entry, "organization_id")
        if member and org:
            data = {"type": "MEMBER_OF", "source": member, "target": org, "role": m.get("role") or post.get("role") or post.get("label"),
                    "start": m.get("start_date"), "end": m.get("end_date"), "sources": cited(m)}  # fmt: skip
            if isinstance(m.get("id"), str) and re.fullmatch(r"[0-9a-f]{20}", m["id"]):
                data["id"] = m["id"]
            sink.tie({k: v for k, v in data.items() if v is not None}, entry)


# -- Kumu and Gephi tables --------------------------------------------------------------------------------
def tool_table(header: list[str]) -> str | None:
    """Which tool's table a CSV header is: kumu-elements, kumu-connections, gephi-nodes, gephi-edges, or None."""
    lower = {h.strip().lower() for h in header}
    exact = {h.strip() for h in header}
    if {"from", "to"} <= lower:
        return "kumu-connections"
    if {"Source", "Target"} <= exact:
        return "gephi-edges"
    if {"Id", "Label"} <= exact:
        return "gephi-nodes"
    if "label" in lower and "name" not in lower:
        return "kumu-elements"
    return None


_COLUMN_FIELDS = {"description": "description", "country": "country", "kind": "kind", "aliases": "aliases",
                  "start": "start", "end": "end", "signed": "signed", "role": "role", "sources": "sources"}  # fmt: skip


def read_tool_table(kind: str, rows: list[tuple[int, dict[str, str]]], path: Path, out: Any) -> None:
    """The rows of a Kumu or Gephi table (see the module docstring); edges are resolved after every file is read."""
    sink = _Sink(out, str(path))
    own = file_source(path)
    if not any(s.id == own.id for s, _, _ in out.sources):
        out.sources.append((own, str(path), "(file)"))
    labels: dict[str, str] = out.tool_labels
    for line, row in rows:
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        entry = f"row {line}"
        if kind in ("kumu-elements", "gephi-nodes"):
            attrs: dict[str, Any] = {"label": cells.get("label"), "type": cells.get("type") or None}
            attrs.update({field: cells[col] for col, field in _COLUMN_FIELDS.items() if cells.get(col)})
            for col, value in cells.items():
                if (in_language := language_column(col)) and value:
                    attrs[f"{LANGUAGE_MAPS[in_language[0]]}_{in_language[1]}"] = value
            node = sink.node(node_data(None, attrs, default_source=own.id), f"{entry} ({cells.get('label', '')[:60]})")
            labels[fold(cells.get("label") or "")] = node.id if node is not None else ""
            if kind == "gephi-nodes" and cells.get("id"):
                labels[f"id:{cells['id']}"] = node.id if node is not None else ""
            continue
        ends = ("from", "to") if kind == "kumu-connections" else ("source", "target")
        attrs = {field: cells[col] for col, field in _COLUMN_FIELDS.items() if cells.get(col)}
        if kind == "kumu-connections":
            attrs["type"] = cells.get("type") or cells.get("label")
        else:  # Gephi's Type is the direction
            attrs["type"] = (
                cells.get("kind") or cells.get("relationship") or cells.get("tie_type") or cells.get("label")
            )

        def resolve(parsed: Any, ends=ends, cells=cells, attrs=attrs, entry=entry) -> None:
            found = parsed.tool_labels
            refs = []
            for end in ends:
                value = cells.get(end, "")
                ref = found.get(f"id:{value}") if kind == "gephi-edges" else None
                ref = ref if ref is not None else found.get(fold(value))
                if ref is None:
                    parsed.problems.append(Problem(str(path), entry, end, f"no node {value!r} in this load"))
                refs.append(ref)  # "": the node's own problem is reported
            if all(refs):
                _Sink(parsed, str(path)).tie(tie_data(refs[0], refs[1], attrs, default_source=own.id), entry)

        out.deferred.append(resolve)


def run_deferred(out: Any) -> None:
    """Resolve what waited for every file of a load (edges of Kumu and Gephi tables)."""
    deferred: list[Callable[[Any], None]] = list(out.deferred)
    out.deferred.clear()
    for task in deferred:
        task(out)


__all__ = [
    "GRAPH_SUFFIXES",
    "NODE_TYPE_WORDS",
    "TIE_TYPE_WORDS",
    "file_source",
    "is_node_link",
    "is_popolo",
    "node_id",
    "read_graph_file",
    "read_node_link",
    "read_popolo",
    "read_tool_table",
    "run_deferred",
    "tool_table",
]
