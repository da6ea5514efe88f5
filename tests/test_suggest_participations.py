"""The participation-table loader: validation with file, row and column; conversion to the graph model."""

from __future__ import annotations

import gzip

import pytest

from graph.errors import ValidationFailed
from graph.model import EventKind, OrgKind, Source, TieType
from loaders.participations import participations_to_graph, read_participations

CSV = """pic,rcn,start_year,country,type
1,p1,2015,DE,HES
2,p1,2015,FR,PRC
2,p2,2016-07-02,FR,PRC
3,p2,2016-07-02,,REC
1,p1,2015,DE,HES
4,p3,NA,LU,PUB
"""


def write(tmp_path, text, name="t.csv", compress=False):
    path = tmp_path / name
    if compress:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(path, **kw):
    return read_participations(path, actor="pic", event="rcn", time="start_year", **kw)


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("name", ["t.csv", "t.csv.gz", "table.txt"])
def test_reads_plain_and_gzip_whatever_the_name(tmp_path, compress, name):
    t = read(write(tmp_path, CSV, name, compress), attributes=["country", "type"])
    assert len(t) == 4  # the repeated row is kept once, the NA-time row is left out
    assert t.skipped == 1
    assert list(t.actors) == ["1", "2", "3"]
    assert t.event_times() == {"p1": 2015.0, "p2": pytest.approx(2016.5, abs=0.01)}
    assert t.attributes["country"] == {"1": "DE", "2": "FR", "4": "LU"}
    assert t.attributes["type"]["3"] == "REC"


def test_semicolon_tables(tmp_path):
    t = read(write(tmp_path, CSV.replace(",", ";")))
    assert len(t) == 4


def test_attribute_is_the_most_frequent_value(tmp_path):
    text = "pic,rcn,start_year,type\n1,a,2015,HES\n1,b,2016,REC\n1,c,2017,REC\n2,a,2015,PRC\n2,b,2016,PUB\n"
    t = read(write(tmp_path, text), attributes=["type"])
    assert t.attributes["type"] == {"1": "REC", "2": "PUB"}  # 2: a tie, the latest row wins


def test_event_time_is_the_earliest(tmp_path):
    text = "pic,rcn,start_year\n1,a,2016\n2,a,2015\n"
    assert read(write(tmp_path, text)).event_times() == {"a": 2015.0}


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(ValidationFailed) as e:
        read_participations(write(tmp_path, CSV), actor="pic", event="project", time="year")
    assert [(p.entry, p.field) for p in e.value.problems] == [("(header)", "project"), ("(header)", "year")]


def test_bad_cells_name_row_and_column(tmp_path):
    text = "pic,rcn,start_year\n1,p1,2015\n,p1,2015\n2,,2015\n3,p2,sometime\n4,p2,2015-13-01\n"
    path = write(tmp_path, text)
    with pytest.raises(ValidationFailed) as e:
        read(path)
    found = sorted((p.file, p.entry, p.field) for p in e.value.problems)
    assert found == [
        (str(path), "row 3", "pic"),
        (str(path), "row 4", "rcn"),
        (str(path), "row 5", "start_year"),
        (str(path), "row 6", "start_year"),
    ]


def test_missing_file(tmp_path):
    with pytest.raises(ValidationFailed) as e:
        read(tmp_path / "nope.csv")
    assert e.value.problems[0].field == "(path)"


def test_to_graph(tmp_path):
    t = read(write(tmp_path, CSV), attributes=["country", "type"])
    src = Source(id="cordis", title="CORDIS", publisher="European Commission")
    sub = participations_to_graph(
        t,
        src,
        kind_attribute="type",
        kind_map={"HES": OrgKind.RESEARCH, "PRC": OrgKind.COMPANY, "REC": OrgKind.RESEARCH},
        country_attribute="country",
    )
    orgs = {n.name: n for n in sub.nodes if n.type == "Organisation"}
    events = {n.name: n for n in sub.nodes if n.type == "Event"}
    assert set(orgs) == {"1", "2", "3"}
    assert orgs["1"].kind is OrgKind.RESEARCH and orgs["1"].country == "DE"
    assert orgs["3"].country is None
    assert events["p2"].start == "2016" and events["p2"].kind is EventKind.PROJECT
    assert len(sub.ties) == 4 and all(x.type is TieType.PARTICIPATED_IN for x in sub.ties)
    assert all(x.sources == ["cordis"] for x in [*sub.nodes, *sub.ties])


def test_to_graph_reports_unusable_attributes(tmp_path):
    t = read(write(tmp_path, CSV), attributes=["country", "type"])
    src = Source(id="cordis", title="CORDIS", publisher="European Commission")
    with pytest.raises(ValidationFailed) as e:
        participations_to_graph(t, src, kind_attribute="type", country_attribute="type")
    fields = {(p.entry, p.field) for p in e.value.problems}
    assert ("actor 1", "type") in fields  # "HES" is neither an OrgKind nor a country code
