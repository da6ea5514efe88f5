"""Citable exports of the metric suite.

:func:`write_metrics` writes, into one folder,

``node_metrics.csv`` / ``node_metrics.parquet``
    one row per node: ``id``, then one snake_case column per metric;
``summary.json``
    graph-level figures, with the metadata;
``group_metrics.csv``, ``mixing_matrix.csv``, ``border_bridges.csv``
    the E-I index per group, tie counts between groups, and the actors and
    ties that alone connect a pair of groups;
``metadata.json``
    the provenance (also embedded in the Parquet schema, ``summary.json``
    and the graph files);
``metrics.gexf`` / ``metrics.graphml`` (optional)
    the analysed network with every metric as a node attribute.

The metadata (:func:`metadata`) holds the Pontes version, the exact
parameters (with the resolved sample sizes and error bounds) and random
seeds, the time window, content hashes of the graph snapshot and of the
analysed network, the export time and the sources the data came from.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx
import numpy as np
import pandas as pd

from graph import __version__
from graph.analysis.network import Network
from graph.analysis.suite import METRIC_COLUMNS, MetricsResult
from graph.cells import inert_cell
from graph.errors import AnalysisError
from graph.formats import xml_safe
from graph.model import Source
from graph.output import atomic_path, output_folder
from graph.store.base import Subgraph

__all__ = [
    "GRAPH_FORMATS",
    "snapshot_hash",
    "network_hash",
    "file_hash",
    "read_graph",
    "metadata",
    "metrics_graph",
    "write_metrics",
]

GRAPH_FORMATS = ("gexf", "graphml")


# -- content hashes ---------------------------------------------------------------


def snapshot_hash(sub: Subgraph) -> str:
    """SHA-256 of the snapshot's content (nodes and ties, in id order, as canonical JSON).

    The same stored facts give the same hash whatever the store or the
    order they were loaded in.
    """
    h = hashlib.sha256()
    for node in sorted(sub.nodes, key=lambda n: n.id):
        h.update(json.dumps(node.model_dump(mode="json"), sort_keys=True, ensure_ascii=False).encode())
        h.update(b"\n")
    h.update(b"--\n")
    for tie in sorted(sub.ties, key=lambda t: t.id):
        h.update(json.dumps(tie.model_dump(mode="json"), sort_keys=True, ensure_ascii=False).encode())
        h.update(b"\n")
    return "sha256:" + h.hexdigest()


def network_hash(net: Network, attribute: str | None = None) -> str:
    """SHA-256 of the analysed network: node keys, ties with weights, and the group attribute."""
    h = hashlib.sha256()
    h.update(json.dumps([str(x) for x in net.nodes], ensure_ascii=False).encode())
    for arr in (net.indptr, net.indices, net.weights):
        h.update(np.ascontiguousarray(arr, dtype=np.float64 if arr is net.weights else np.int64).tobytes())
    if attribute is not None:
        h.update(json.dumps([None if v is None else str(v) for v in net.node_attrs.get(attribute, [])]).encode())
    return "sha256:" + h.hexdigest()


def file_hash(path: str | Path) -> str:
    """SHA-256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


# -- user graph files ---------------------------------------------------------------


def read_graph(path: str | Path) -> nx.Graph:
    """Read a graph file a researcher brings: GraphML (``.graphml``, ``.xml``),
    GEXF (``.gexf``) or networkx node-link JSON (``.json``).

    Raises
    ------
    AnalysisError
        (``parameter="input"``) when the file is missing, of an unknown
        kind, or cannot be parsed.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise AnalysisError(f"no graph file at {path}", parameter="input")
    try:
        if suffix in (".graphml", ".xml"):
            return nx.read_graphml(path)
        if suffix == ".gexf":
            return nx.read_gexf(path)
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
                raise AnalysisError(
                    f"cannot read {path}: not node-link JSON (an object with a list of 'nodes' and of 'links')",
                    parameter="input",
                )
            edges = "links" if "links" in data else "edges"
            return nx.node_link_graph(data, edges=edges)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, SyntaxError, nx.NetworkXError) as e:
        # XML parse errors (xml.etree.ElementTree.ParseError) are SyntaxErrors.
        raise AnalysisError(f"cannot read {path}: {e}", parameter="input") from e
    raise AnalysisError(f"unknown graph file type {suffix!r} (use .graphml, .gexf or .json)", parameter="input")


# -- metadata -------------------------------------------------------------------------


def metadata(
    result: MetricsResult,
    *,
    input: dict,
    snapshot_sha256: str,
    network_sha256: str,
    sources: Iterable[Source | dict] = (),
    window: dict | None = None,
    view: dict | None = None,
    exported_at: datetime | None = None,
) -> dict:
    """The provenance every export carries.

    Parameters
    ----------
    result : MetricsResult
    input : dict
        Where the graph came from, e.g. ``{"kind": "store", "backend": "embedded"}``
        or ``{"kind": "file", "path": ..., "format": "graphml"}``.
    snapshot_sha256, network_sha256 : str
        Content hashes of the stored snapshot (or input file) and of the analysed network.
    sources : iterable of Source or dict
        The documents the data came from.
    window : dict, optional
        ``{"start": Y1, "end": Y2}`` (``None`` = open).
    view : dict, optional
        The view analysed (projection kind, weighting, decay).
    """
    stamp = (exported_at or datetime.now(UTC)).isoformat(timespec="seconds")
    params = result.parameters
    return {
        "generator": f"Pontes {__version__}",
        "pontes_version": __version__,
        "networkx_version": nx.__version__,
        "exported_at": stamp,
        "input": input,
        "view": view or {},
        "window": window or {"start": None, "end": None},
        "parameters": params,
        "seeds": {
            "betweenness_pivots": params.get("seed"),
            "closeness_pivots": params.get("seed"),
            "communities": params.get("seed"),
        },
        "snapshot_sha256": snapshot_sha256,
        "network_sha256": network_sha256,
        "sources": [
            s.model_dump(mode="json", exclude_none=True) if isinstance(s, Source) else dict(s) for s in sources
        ],
        "columns": {"id": "node id", **{c: c for c in METRIC_COLUMNS}},
        "timings_seconds": {k: round(v, 4) for k, v in result.timings.items()},
    }


# -- writers --------------------------------------------------------------------------


def _json_safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.generic):
        return _json_safe(value.item())
    return value


def _dump(data) -> str:
    return json.dumps(_json_safe(data), ensure_ascii=False, indent=2, allow_nan=False)


def metrics_graph(
    net: Network, result: MetricsResult, meta: dict, *, names: Mapping[str, str] | None = None
) -> nx.Graph:
    """The analysed network with every metric as a node attribute (NaN left out);
    ``names`` (node id -> name) names the nodes as the reader reads them."""
    g = net.to_networkx()
    table = _named(result.table, names).set_index("id")
    for node, name in table["name"].items() if "name" in table.columns else ():
        if node in g and isinstance(name, str):
            g.nodes[node]["name"] = name
    for col in [c for c in table.columns if c not in ("name",)]:
        values = table[col]
        for node, value in values.items():
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            g.nodes[node][col] = value.item() if isinstance(value, np.generic) else value
    for node, data in g.nodes(data=True):
        data.setdefault("label", str(data.get("name", node)))
        for key, value in list(data.items()):
            if not isinstance(value, (str, int, float, bool)):
                data[key] = str(value)
    g.graph.clear()
    g.graph["pontes_metadata"] = json.dumps(_json_safe(meta), ensure_ascii=False)
    return g


def _write_gexf(g: nx.Graph, path: Path, meta_json: str) -> None:
    graph_attrs = dict(g.graph)
    g.graph.clear()
    nx.write_gexf(g, path, encoding="utf-8")
    g.graph.update(graph_attrs)
    text = path.read_text(encoding="utf-8")
    text = text.replace("</meta>", f"<description>{escape(meta_json)}</description></meta>", 1)
    path.write_text(text, encoding="utf-8")


#: Numbers in the CSV tables: 15 significant digits, all a double holds for sure, so a sum of
#: weights that is 7 reads 7, not 7.000000000000002 (the Parquet and graph files keep every bit).
FLOAT_FORMAT = "%.15g"


def _named(table: pd.DataFrame, names: Mapping[str, str] | None) -> pd.DataFrame:
    """The node table with each node's name from ``names`` (by id) where it has one."""
    if not names or "name" not in table.columns:
        return table
    return table.assign(name=[names.get(i, n) for i, n in zip(table["id"], table["name"], strict=True)])


def _inert(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell, column and row label as a spreadsheet shows it but never
    runs (:func:`graph.cells.inert_cell`): names and groups come from the user's data."""
    out = frame.copy(deep=False)
    for column in out.columns:
        if pd.api.types.is_object_dtype(out[column]) or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(inert_cell)
    out.columns = pd.Index([inert_cell(c) for c in out.columns], name=out.columns.name)
    if pd.api.types.is_object_dtype(out.index) or pd.api.types.is_string_dtype(out.index):
        out.index = pd.Index([inert_cell(i) for i in out.index], name=out.index.name)
    return out


def write_metrics(
    result: MetricsResult,
    out: str | Path,
    *,
    meta: dict,
    network: Network | None = None,
    graph_formats: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write the exports described in the module docstring to the folder ``out``.

    Returns the files written. ``graph_formats`` (``"gexf"``, ``"graphml"``)
    need ``network``. ``names`` (node id -> name) writes the nodes' names as
    the reader reads them (the app: ``names.<lang>``, role stand-ins in the
    reader's words); default: the analysed names.
    """
    table = _named(result.table, names)
    folder = output_folder(out)
    files: list[Path] = []

    def write(name: str, produce: Callable[[Path], object]) -> None:
        """Write one file whole (beside, then renamed: a failure leaves no half file)."""
        with atomic_path(folder / name) as tmp:
            produce(tmp)
        files.append(folder / name)

    meta_json = json.dumps(_json_safe(meta), ensure_ascii=False)
    write("metadata.json", lambda p: p.write_text(_dump(meta) + "\n", encoding="utf-8"))
    write("node_metrics.csv", lambda p: _inert(table).to_csv(p, index=False, float_format=FLOAT_FORMAT))
    write("node_metrics.parquet", lambda p: _write_parquet(table, p, meta_json))
    write(
        "summary.json",
        lambda p: p.write_text(_dump({"summary": result.summary, "metadata": meta}) + "\n", encoding="utf-8"),
    )
    write("group_metrics.csv", lambda p: _inert(result.groups).to_csv(p, index=False, float_format=FLOAT_FORMAT))
    write(
        "mixing_matrix.csv", lambda p: _inert(result.mixing).rename_axis("group").to_csv(p, float_format=FLOAT_FORMAT)
    )
    write("border_bridges.csv", lambda p: _inert(result.bridges).to_csv(p, index=False, float_format=FLOAT_FORMAT))
    for fmt in graph_formats:
        if fmt not in GRAPH_FORMATS:
            raise AnalysisError(
                f"unknown graph format {fmt!r} (use {', '.join(GRAPH_FORMATS)})", parameter="graph_format"
            )
        if network is None:
            raise AnalysisError("a graph export needs the analysed network", parameter="graph_format")
        graph = xml_safe(metrics_graph(network, result, meta, names=names))

        def gexf(p: Path, graph: nx.Graph = graph) -> None:
            _write_gexf(graph, p, meta_json)

        def graphml(p: Path, graph: nx.Graph = graph) -> None:
            nx.write_graphml(graph, p, encoding="utf-8")

        write(f"metrics.{fmt}", gexf if fmt == "gexf" else graphml)
    return files


def _write_parquet(table: pd.DataFrame, path: Path, meta_json: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = table.copy()
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(lambda v: None if v is None else str(v))
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    schema_meta = dict(arrow.schema.metadata or {})
    schema_meta[b"pontes"] = meta_json.encode("utf-8")
    pq.write_table(arrow.replace_schema_metadata(schema_meta), path)
