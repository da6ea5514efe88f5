"""Other tools' files in and out: round trips of every export format, Kumu and Gephi tables, Popolo."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from graph.errors import ValidationFailed
from graph.formats import ExportFormat, export
from graph.store.embedded import EmbeddedStore
from loaders import load_paths, read_paths
from pontes.settings import REPO_ROOT

SEEDS = REPO_ROOT / "seeds"
_TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00|lastmodifieddate="[^"]*"')


def _loaded(path) -> EmbeddedStore:
    store = EmbeddedStore(":memory:")
    store.ensure_schema()
    load_paths(store, [path])
    return store


@pytest.mark.parametrize(("fmt", "suffix"), [("json", ".json"), ("graphml", ".graphml"), ("gexf", ".gexf")])
def test_exports_round_trip_through_an_empty_store(tmp_path, fmt, suffix):
    with _loaded(SEEDS) as first:
        (written,) = export(first.snapshot(), first.get_sources(), fmt, tmp_path / f"one{suffix}")
        with _loaded(written) as second:
            assert second.snapshot() == first.snapshot()
            assert second.get_sources() == first.get_sources()
            (again,) = export(second.snapshot(), second.get_sources(), fmt, tmp_path / f"two{suffix}")
    one, two = (_TIMESTAMP.sub("", p.read_text(encoding="utf-8")) for p in (written, again))
    assert one == two


def test_popolo_round_trips_what_popolo_holds(tmp_path):
    with _loaded(SEEDS) as first:
        (written,) = export(first.snapshot(), first.get_sources(), ExportFormat.POPOLO, tmp_path / "one.json")
        data = json.loads(written.read_text(encoding="utf-8"))
        assert {"organizations", "persons", "posts", "memberships", "events"} <= set(data)
        assert len(data["memberships"]) == sum(t.type == "MEMBER_OF" for t in first.snapshot().ties)
        with _loaded(written) as second:
            (again,) = export(second.snapshot(), second.get_sources(), ExportFormat.POPOLO, tmp_path / "two.json")
    assert _TIMESTAMP.sub("", written.read_text(encoding="utf-8")) == _TIMESTAMP.sub(
        "", again.read_text(encoding="utf-8")
    )


def test_node_link_export_loads_with_networkx_defaults_and_d3_links_load_too(tmp_path):
    with _loaded(SEEDS) as store:
        (path,) = export(store.snapshot(), store.get_sources(), "json", tmp_path / "g.json")
        counts = store.counts()
    data = json.loads(path.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data)
    assert g.number_of_nodes() == counts.total_nodes and g.number_of_edges() == counts.total_ties
    data["links"] = data.pop("edges")  # what d3 (and networkx < 3.4) write
    (tmp_path / "d3.json").write_text(json.dumps(data), encoding="utf-8")
    assert len(read_paths([tmp_path / "d3.json"]).ties) == counts.total_ties


def test_gephi_reads_the_exports_back(tmp_path):
    """The GEXF is dynamic (Gephi's timeline): networkx declares timeformat="date" while the
    dates are as precise as the sources (2017, 2017-04); Gephi 0.10 reads them."""
    with _loaded(SEEDS) as store:
        sub, sources = store.snapshot(), store.get_sources()
    (gexf,) = export(sub, sources, "gexf", tmp_path / "g.gexf")
    (graphml,) = export(sub, sources, "graphml", tmp_path / "g.graphml")
    g = nx.read_gexf(gexf)
    assert g.number_of_nodes() == len(sub.nodes) and g.number_of_edges() == len(sub.ties)
    graph = ET.parse(gexf).getroot().find("{http://www.gexf.net/1.2draft}graph")
    assert graph is not None and graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    assert any(len(str(d.get("start", ""))) == 4 for _, _, d in g.edges(data=True))  # a year on the timeline
    h = nx.read_graphml(graphml)
    assert h.number_of_nodes() == len(sub.nodes) and json.loads(h.graph["sources"])


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_kumu_tables_load_by_label(tmp_path):
    elements = _write(
        tmp_path,
        "elements.csv",
        "Label,Type,Description,Country\nVille de Metz,Organization,City administration,FR\n"
        "Verein Nordlicht,Organisation,,DE\nAnna Weiß,Person,,\n",
    )
    connections = _write(
        tmp_path,
        "connections.csv",
        "From,To,Type\nAnna Weiß,Verein Nordlicht,member of\nVerein Nordlicht,Ville de Metz,partner\n",
    )
    plan = read_paths([connections, elements])  # connections first: resolved after every file
    assert {n.name for n in plan.nodes} == {"Ville de Metz", "Verein Nordlicht", "Anna Weiß"}
    assert {(t.type.value, t.source, t.target) for t in plan.ties} == {
        ("MEMBER_OF", "person:anna-weiss", "org:verein-nordlicht"),
        ("COOPERATES_WITH", "org:verein-nordlicht", "org:ville-de-metz"),
    }
    person = next(n for n in plan.nodes if n.type == "Person")
    assert person.visibility == "private"


def test_gephi_tables_load_by_id(tmp_path):
    nodes = _write(tmp_path, "nodes.csv", "Id,Label,type\nn1,Stadt Trier,Organisation\nn2,Forum 2019,Event\n")
    edges = _write(tmp_path, "edges.csv", "Source,Target,Type,Id,Label,Weight\nn1,n2,Directed,0,PARTICIPATED_IN,1\n")
    plan = read_paths([nodes, edges])
    assert [(t.type.value, t.source, t.target) for t in plan.ties] == [
        ("PARTICIPATED_IN", "org:stadt-trier", "event:forum-2019")
    ]


@pytest.mark.parametrize(
    ("edges", "field"),
    [
        ("Source,Target,Type\nn1,n2,Directed\n", "type"),  # Gephi's Type is the direction: no tie type
        ("Source,Target,Label\nn1,n9,PART_OF\n", "target"),
    ],
)
def test_tool_table_problems_are_located_and_nothing_is_written(tmp_path, embedded_store, edges, field):
    nodes = _write(tmp_path, "nodes.csv", "Id,Label\nn1,Stadt Trier\nn2,Trier Netzwerk\n")
    path = _write(tmp_path, "edges.csv", edges)
    with pytest.raises(ValidationFailed) as e:
        load_paths(embedded_store, [nodes, path])
    assert [(p.file, p.entry, p.field) for p in e.value.problems] == [(str(path), "row 2", field)]
    assert embedded_store.counts().total_nodes == 0


def test_popolo_from_another_tool(tmp_path):
    data = {
        "organizations": [
            {"id": "o1", "name": "Conseil départemental de la Moselle", "classification": "local_government"}
        ],
        "persons": [{"id": "p1", "name": "Marie Dupont", "other_names": [{"name": "M. Dupont"}]}],
        "posts": [{"id": "post1", "label": "présidente", "organization_id": "o1"}],
        "memberships": [{"person_id": "p1", "post_id": "post1", "start_date": "2021"}],
        "events": [
            {"id": "e1", "name": "Assises de l'intégration", "start_date": "2022-05-03", "organization_id": "o1"}
        ],
    }
    path = _write(tmp_path, "popolo.json", json.dumps(data))
    plan = read_paths([path])
    assert {(t.type.value, t.role, t.start) for t in plan.ties} == {
        ("MEMBER_OF", "présidente", "2021"),
        ("PARTICIPATED_IN", "organiser", None),
    }
    person = next(n for n in plan.nodes if n.type == "Person")
    assert person.visibility == "private" and person.aliases == ["M. Dupont"]
    assert [(s.title, s.document, s.publisher) for s in plan.sources] == [("popolo.json", "popolo.json", None)]
    data["memberships"][0]["person_id"] = "p9"
    with pytest.raises(ValidationFailed) as e:
        read_paths([_write(tmp_path, "bad.json", json.dumps(data))])
    assert [(p.entry, p.field) for p in e.value.problems] == [("memberships[0]", "person_id")]
