"""Exports: node-link JSON fields, GraphML/GEXF readable by networkx, CSV round trip."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.formats import export
from graph.model import Organisation, Person, Place, Source, Tie
from graph.store.base import Subgraph
from loaders import read_paths

SRC = Source(
    id="doc-a",
    title="Report",
    titles={"fr": "Rapport"},
    publisher="City of Trier",
    date="2016-12-01",
    description="A yearly report.",
    descriptions={"de": "Ein Jahresbericht.", "fr": "Un rapport annuel."},
)


@pytest.fixture
def sub():
    trier = Place(
        name="Trier",
        names={"fr": "Trèves"},
        description="A city on the Moselle.",
        descriptions={"de": "Eine Stadt an der Mosel.", "fr": "Une ville sur la Moselle."},
        kind="city",
        country="DE",
        lat=49.75,
        lon=6.64,
        sources=["doc-a"],
    )
    irt = Organisation(name="Initiative Region Trier", aliases=["IRT"], kind="network", country="DE", sources=["doc-a"])
    chair = Person(legal_basis="legitimate_interests", name="Jane Example", sources=["doc-a"])
    return Subgraph(
        nodes=[trier, irt, chair],
        ties=[
            Tie(
                type="LOCATED_IN",
                source=irt.id,
                target=trier.id,
                description="Its office is there.",
                descriptions={"fr": "Son bureau s’y trouve."},
                sources=["doc-a"],
            ),
            Tie(type="MEMBER_OF", source=chair.id, target=irt.id, role="chair", start="2015", sources=["doc-a"]),
        ],
    )


def test_json_is_node_link_with_required_fields(sub, tmp_path):
    (path,) = export(sub, [SRC], "json", tmp_path / "g.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["org:initiative-region-trier"]["aliases"] == ["IRT"]
    assert nodes["place:trier"]["type"] == "Place" and nodes["place:trier"]["names"] == {"fr": "Trèves"}
    assert all({"id", "type", "name", "aliases"} <= n.keys() for n in data["nodes"])
    links = {(link["source"], link["target"], link["type"]) for link in data["edges"]}
    assert links == {
        ("org:initiative-region-trier", "place:trier", "LOCATED_IN"),
        ("person:jane-example", "org:initiative-region-trier", "MEMBER_OF"),
    }
    assert data["graph"]["sources"][0]["id"] == "doc-a"
    g = nx.node_link_graph(data)
    assert (g.number_of_nodes(), g.number_of_edges()) == (3, 2)


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back(sub, tmp_path, fmt, reader):
    (path,) = export(sub, [SRC], fmt, tmp_path / f"g.{fmt}")
    g = reader(path)
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    tie_types = sorted(d["tie_type"] for _, _, d in g.edges(data=True))
    assert tie_types == ["LOCATED_IN", "MEMBER_OF"]
    assert g.nodes["place:trier"]["name_fr"] == "Trèves"
    assert g.nodes["place:trier"]["description_fr"] == "Une ville sur la Moselle."
    assert {d.get("description_fr") for _, _, d in g.edges(data=True)} == {"Son bureau s’y trouve.", None}


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_descriptions_in_other_languages_load_back(sub, tmp_path, fmt):
    """Names and descriptions in other languages of nodes, ties and sources survive every format
    that loads back, each in its own field (a description never becomes a name)."""
    files = export(sub, [SRC], fmt, tmp_path / ("out" if fmt == "csv" else f"g.{fmt}"))
    plan = read_paths(sorted(files, key=lambda f: f.name != "sources.csv"))
    nodes = {n.id: n for n in plan.nodes}
    assert nodes["place:trier"].names == {"fr": "Trèves"}
    assert nodes["place:trier"].descriptions == {"de": "Eine Stadt an der Mosel.", "fr": "Une ville sur la Moselle."}
    (located,) = [t for t in plan.ties if t.type == "LOCATED_IN"]
    assert located.descriptions == {"fr": "Son bureau s’y trouve."}
    assert plan.sources == [SRC]


def test_gexf_edge_type_attribute_is_valid_for_gephi(sub, tmp_path):
    (path,) = export(sub, [SRC], "gexf", tmp_path / "g.gexf")
    edges = [el for el in ET.parse(path).iter() if el.tag.endswith("}edge")]
    assert edges and all(e.get("type") in (None, "directed", "undirected", "mutual") for e in edges)


def test_csv_export_loads_back_identically(sub, tmp_path):
    files = export(sub, [SRC], "csv", tmp_path / "out")
    assert [f.name for f in files] == ["nodes.csv", "ties.csv", "sources.csv"]
    with files[0].open(encoding="utf-8") as fh:
        assert {row["id"] for row in csv.DictReader(fh)} == {n.id for n in sub.nodes}
    plan = read_paths([files[2], files[0], files[1]])
    assert sorted(plan.nodes, key=lambda n: n.id) == sorted(sub.nodes, key=lambda n: n.id)
    assert sorted(plan.ties, key=lambda t: t.id) == sorted(sub.ties, key=lambda t: t.id)
    assert plan.sources == [SRC]
