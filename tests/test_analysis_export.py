"""Citable exports: files, columns, provenance, graph files, user graph files."""

from __future__ import annotations

import json
import math
import re

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from graph.analysis.export import file_hash, network_hash, read_graph, snapshot_hash
from graph.analysis.network import as_network
from graph.analysis.pipeline import ViewSpec, analyse_file, analyse_snapshot, write_analysis
from graph.analysis.suite import METRIC_COLUMNS, MetricParams
from graph.errors import AnalysisError
from graph.model import Source
from tests.support.analysis import florentine
from tests.support.graphs import collaboration_tiny as tiny

META_KEYS = {
    "pontes_version",
    "parameters",
    "seeds",
    "window",
    "snapshot_sha256",
    "network_sha256",
    "exported_at",
    "sources",
    "input",
    "view",
}


def test_snapshot_export_writes_every_file_with_provenance(tmp_path):
    sub, ids = tiny()
    sources = [Source(id="s1", title="Minutes", publisher="Council"), Source(id="unused", title="X", publisher="Y")]
    analysis = analyse_snapshot(sub, sources, ViewSpec(end=2018), MetricParams(seed=5))
    files = write_analysis(analysis, tmp_path, graph_formats=("gexf", "graphml"))
    assert {f.name for f in files} == {
        "metadata.json",
        "node_metrics.csv",
        "node_metrics.parquet",
        "summary.json",
        "group_metrics.csv",
        "mixing_matrix.csv",
        "border_bridges.csv",
        "metrics.gexf",
        "metrics.graphml",
    }
    table = pd.read_csv(tmp_path / "node_metrics.csv")
    assert list(table.columns[: len(METRIC_COLUMNS) + 1]) == ["id", *METRIC_COLUMNS]
    assert set(table["id"]) == {ids[x] for x in "ABCDP"}
    meta = json.loads((tmp_path / "metadata.json").read_text())
    assert META_KEYS <= set(meta)
    assert meta["window"] == {"start": None, "end": 2018}
    assert meta["parameters"]["seed"] == 5 and meta["seeds"]["communities"] == 5
    assert [s["id"] for s in meta["sources"]] == ["s1"]  # only sources the data cites
    assert meta["snapshot_sha256"] == snapshot_hash(sub)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["metadata"] == meta and summary["summary"]["nodes"] == 5
    parquet = pq.read_table(tmp_path / "node_metrics.parquet")
    assert json.loads(parquet.schema.metadata[b"pontes"]) == meta
    assert parquet.to_pandas()["degree"].tolist() == table["degree"].tolist()
    # the CSV writes numbers with 15 significant digits: every one the Parquet file holds, no float noise
    full = parquet.to_pandas().set_index("id")
    for column in full.select_dtypes("number").columns:
        np.testing.assert_allclose(table.set_index("id").loc[full.index, column], full[column], rtol=1e-14)
    assert not re.search(r"\d\.\d*(?:0{6,}|9{6,})\d", (tmp_path / "node_metrics.csv").read_text(encoding="utf-8"))
    gexf = nx.read_gexf(tmp_path / "metrics.gexf")
    assert "pontes_version" in (tmp_path / "metrics.gexf").read_text()
    assert gexf.nodes[ids["A"]]["pagerank"] == pytest.approx(table.set_index("id").loc[ids["A"], "pagerank"])
    graphml = nx.read_graphml(tmp_path / "metrics.graphml")
    assert json.loads(graphml.graph["pontes_metadata"])["network_sha256"] == meta["network_sha256"]
    assert graphml.nodes[ids["B"]]["country"] == "FR"


def test_hashes_are_content_hashes(tmp_path):
    sub, _ = tiny()
    from graph.store.base import Subgraph

    shuffled = Subgraph(nodes=list(reversed(sub.nodes)), ties=list(reversed(sub.ties)))
    assert snapshot_hash(sub) == snapshot_hash(shuffled)
    assert snapshot_hash(sub) != snapshot_hash(Subgraph(nodes=sub.nodes, ties=sub.ties[1:]))
    g = florentine()
    h = network_hash(as_network(g), "group")
    g.nodes["Medici"]["group"] = "oligarch"
    assert network_hash(as_network(g), "group") != h


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_user_graph_files(tmp_path, suffix):
    g = florentine()
    path = tmp_path / f"flo{suffix}"
    if suffix == ".graphml":
        nx.write_graphml(g, path)
    elif suffix == ".gexf":
        nx.write_gexf(g, path)
    else:
        path.write_text(json.dumps(nx.node_link_data(g, edges="links")))
    assert set(read_graph(path)) == set(g)
    analysis = analyse_file(path, MetricParams(group_attr="group"))
    t = analysis.result.table.set_index("id")
    bc = nx.betweenness_centrality(g)
    assert all(t.loc[v, "betweenness"] == pytest.approx(bc[v], abs=1e-9) for v in g)
    assert analysis.metadata["snapshot_sha256"] == file_hash(path)
    assert analysis.metadata["input"]["format"] == suffix[1:]


@pytest.mark.parametrize(
    "content, name", [(None, "missing.graphml"), ("<graphml", "bad.graphml"), ("{", "bad.json"), ("x", "graph.txt")]
)
def test_unreadable_graph_files(tmp_path, content, name):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(AnalysisError) as err:
        read_graph(path)
    assert err.value.parameter == "input"


def test_empty_view_is_an_error():
    from graph.store.base import Subgraph

    with pytest.raises(AnalysisError) as err:
        analyse_snapshot(Subgraph(), [])
    assert err.value.parameter == "view"


def test_nan_values_are_left_out_of_graph_files(tmp_path):
    g = florentine()
    g.add_node("Loner", group="oligarch")
    path = tmp_path / "g.graphml"
    nx.write_graphml(g, path)
    analysis = analyse_file(path, MetricParams(group_attr="group"))
    write_analysis(analysis, tmp_path / "out", graph_formats=("graphml",))
    back = nx.read_graphml(tmp_path / "out" / "metrics.graphml")
    assert "constraint" not in back.nodes["Loner"]
    assert math.isnan(analysis.result.table.set_index("id").loc["Loner", "constraint"])


def test_no_negative_zero_is_written(tmp_path):
    """Isolated nodes (a window before every tie) get zeros, written 0: the eigen solver's -0.0 is not."""
    sub, _ = tiny()
    analysis = analyse_snapshot(sub, [], ViewSpec(start=1990, end=1991), MetricParams(seed=5))
    write_analysis(analysis, tmp_path)
    text = (tmp_path / "node_metrics.csv").read_text(encoding="utf-8")
    assert not re.search(r"(?:^|,)-0(?:\.0*)?(?:,|$)", text, re.M) and ",0," in text


def test_csv_numbers_carry_no_float_noise(tmp_path):
    """Weights 0.1 and 0.2 sum to 0.30000000000000004 in a double: the CSV writes 0.3 (15
    significant digits), the Parquet file keeps the double as it is."""
    g = nx.Graph()
    g.add_edge("a", "b", weight=0.1)
    g.add_edge("a", "c", weight=0.2)
    nx.set_node_attributes(g, {"a": "x", "b": "x", "c": "y"}, "group")
    path = tmp_path / "w.graphml"
    nx.write_graphml(g, path)
    analysis = analyse_file(path, MetricParams(group_attr="group"))
    strength = analysis.result.table.set_index("id").loc["a", "weighted_degree"]
    assert strength == 0.1 + 0.2 != 0.3  # the noise is there to be written
    write_analysis(analysis, tmp_path / "out")
    table = pd.read_csv(tmp_path / "out" / "node_metrics.csv").set_index("id")
    assert table.loc["a", "weighted_degree"] == 0.3
    assert "0.30000000000000004" not in (tmp_path / "out" / "node_metrics.csv").read_text(encoding="utf-8")
    parquet = pq.read_table(tmp_path / "out" / "node_metrics.parquet").to_pandas().set_index("id")
    assert parquet.loc["a", "weighted_degree"] == 0.1 + 0.2
