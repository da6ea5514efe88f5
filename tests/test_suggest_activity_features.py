"""What a participation table says beyond who and when: event fields (also
from a second table of events), lead participations and amounts; read,
validated, cut in time, and turned into pair features worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from graph.errors import ValidationFailed
from graph.model import SeedDocument
from graph.store.base import Subgraph
from graph.suggest.activity_features import NAMES, activity_columns
from graph.suggest.collab import collab_from_participations, collab_from_subgraph
from graph.suggest.features import pair_features
from graph.suggest.reasons import reasons
from loaders.participations import read_participations
from pontes.cli import cli
from tests.support.graphs import DOC

PARTS = """pic,rcn,start_year,role,contribution
A,e1,2015,coordinator,100
B,e1,2015,participant,NA
A,e2,2016,participant,50
C,e2,2016,COORDINATOR,30
C,e3,2017,participant,
"""
EVENTS = """rcn,part
e1,X
e2,Y
e2,Z
e3,X
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def table(tmp_path, **kw):
    options = dict(
        event_attributes=["part"],
        events=write(tmp_path, "events.csv", EVENTS),
        lead=("role", "coordinator"),
        amount="contribution",
    )
    options.update(kw)
    return read_participations(write(tmp_path, "p.csv", PARTS), actor="pic", event="rcn", time="start_year", **options)


def test_reads_event_fields_from_an_events_table_with_several_values_per_event(tmp_path):
    t = table(tmp_path)
    assert t.event_attributes == {"part": {"e1": frozenset({"X"}), "e2": frozenset({"Y", "Z"}), "e3": frozenset({"X"})}}
    rows = {(a, e): (bool(lead), amount) for a, e, lead, amount in zip(t.actor, t.event, t.lead, t.amount)}
    assert rows[("A", "e1")] == (True, 100.0)
    assert rows[("C", "e2")] == (True, 30.0)  # the lead value is matched case-insensitively
    assert rows[("B", "e1")][0] is False and math.isnan(rows[("B", "e1")][1])  # NA: unknown
    assert math.isnan(rows[("C", "e3")][1])  # empty: unknown
    assert t.columns["lead"] == "role=coordinator" and t.columns["event_attr:part"] == "part"


def test_event_fields_can_come_from_the_participation_table_itself(tmp_path):
    text = "pic,rcn,start_year,part\nA,e1,2015,X\nB,e1,2015,X\nB,e2,2016,NA\n"
    t = read_participations(
        write(tmp_path, "p.csv", text), actor="pic", event="rcn", time="start_year", event_attributes=["part"]
    )
    assert t.event_attributes == {"part": {"e1": frozenset({"X"})}}
    assert t.lead is None and t.amount is None


def test_repeated_participations_lead_if_any_row_does_and_add_their_amounts(tmp_path):
    text = "pic,rcn,start_year,role,eur\nA,e1,2015,partner,10\nA,e1,2015,coordinator,5\nB,e1,2015,partner,NA\n"
    t = read_participations(
        write(tmp_path, "p.csv", text),
        actor="pic",
        event="rcn",
        time="start_year",
        lead=("role", "coordinator"),
        amount="eur",
    )
    assert len(t) == 2
    assert list(zip(t.actor, t.lead)) == [("A", True), ("B", False)]
    assert t.amount[0] == 15.0 and math.isnan(t.amount[1])


def test_a_bad_amount_names_file_row_and_column(tmp_path):
    path = write(tmp_path, "p.csv", PARTS.replace("A,e2,2016,participant,50", "A,e2,2016,participant,fifty"))
    with pytest.raises(ValidationFailed) as e:
        read_participations(path, actor="pic", event="rcn", time="start_year", amount="contribution")
    [problem] = e.value.problems
    assert (problem.file, problem.entry, problem.field) == (str(path), "row 4", "contribution")
    assert "fifty" in problem.message


def test_the_events_table_is_checked_too(tmp_path):
    events = write(tmp_path, "bad_events.csv", "rcn,programme\ne1,X\n")
    with pytest.raises(ValidationFailed) as e:
        table(tmp_path, events=events)
    [problem] = e.value.problems
    assert (problem.file, problem.entry, problem.field) == (str(events), "(header)", "part")

    events = write(tmp_path, "bad_events.csv", "rcn,part\ne1,X\n,Y\n")
    with pytest.raises(ValidationFailed) as e:
        table(tmp_path, events=events)
    [problem] = e.value.problems
    assert (problem.file, problem.entry, problem.field, problem.message) == (str(events), "row 3", "rcn", "empty value")


def test_the_collaboration_graph_cuts_fields_lead_and_amount_in_time(tmp_path):
    cg = collab_from_participations(table(tmp_path))
    assert list(cg.field_ids) == ["part:X", "part:Y", "part:Z"]
    assert cg.fields.toarray().tolist() == [[1, 0, 0], [0, 1, 1], [1, 0, 0]]  # e1, e2, e3
    assert cg.lead.toarray().tolist() == [[1, 0, 0], [0, 0, 0], [0, 1, 0]]  # A led e1, C led e2
    assert cg.amount.toarray().tolist() == [[100, 50, 0], [0, 0, 0], [0, 30, 0]]
    early = cg.before(2016)
    assert list(early.activity_ids) == ["e1"]
    assert early.fields.toarray().tolist() == [[1, 0, 0]]
    assert early.lead.toarray().tolist() == [[1], [0], [0]]
    assert early.amount.toarray().tolist() == [[100], [0], [0]]


def test_pair_columns_by_hand(tmp_path):
    cg = collab_from_participations(table(tmp_path))
    a, b, c = cg.ids(["A", "B", "C"])
    cols = activity_columns(cg, np.array([a, a, b]), np.array([b, c, c]))
    # fields: A (X, Y, Z) = (1, 1, 1) from e1 and e2, B (1, 0, 0), C (1, 1, 1) from e2 and e3
    assert cols["field_cos"] == pytest.approx([1 / math.sqrt(3), 1.0, 1 / math.sqrt(3)])
    assert cols["field_overlap"] == pytest.approx([1 / 3, 1.0, 1 / 3])
    # lead: A led 1 of 2, B 0 of 1, C 1 of 2
    assert cols["lead_share_min"] == pytest.approx([0, 0.5, 0]) and cols["lead_share_max"] == pytest.approx(
        [0.5, 0.5, 0.5]
    )
    assert cols["leads_max"] == pytest.approx([math.log1p(1)] * 3)
    # amount per participation, unknown as 0: A 150 / 2, B 0 / 1, C 30 / 2
    assert cols["amount_min"] == pytest.approx([0, math.log1p(15), 0])
    assert cols["amount_max"] == pytest.approx([math.log1p(75), math.log1p(75), math.log1p(15)])

    early = cg.before(2016)  # only e1: C has no activity yet, so nothing is known about it
    cols = activity_columns(early, np.array([a, a]), np.array([b, c]))
    assert cols["field_cos"][0] == pytest.approx(1.0) and math.isnan(cols["field_cos"][1])
    assert cols["lead_share_max"][0] == 1.0
    assert cols["lead_share_min"][1] == cols["lead_share_max"][1] == 1.0  # min and max of what is known: A's


def test_without_such_data_the_columns_are_unknown(tmp_path):
    cg = collab_from_participations(table(tmp_path, event_attributes=[], events=None, lead=None, amount=None))
    cols = activity_columns(cg, np.array([0, 0]), np.array([1, 2]))
    assert set(cols) == set(NAMES)
    assert all(np.isnan(x).all() for x in cols.values())


def test_the_learned_features_include_the_columns(tmp_path):
    cg = collab_from_participations(table(tmp_path))
    names, x = pair_features(cg, np.array([0]), np.array([1]))
    assert names[-len(NAMES) :] == list(NAMES)
    assert x[0, names.index("field_overlap")] == pytest.approx(1 / 3)


def test_evaluate_checks_the_new_options(tmp_path):
    p = write(tmp_path, "p.csv", PARTS)
    base = [
        "evaluate",
        "--participations",
        str(p),
        "--actor",
        "pic",
        "--event",
        "rcn",
        "--time",
        "start_year",
        "--cut",
        "2017",
    ]
    out = CliRunner().invoke(cli, [*base, "--lead", "coordinator"])
    assert out.exit_code == 2 and "COLUMN=VALUE" in out.output
    out = CliRunner().invoke(cli, [*base, "--events", str(write(tmp_path, "events.csv", EVENTS))])
    assert out.exit_code == 2 and "--events needs at least one --event-attr" in out.output


def test_the_typed_graph_gives_event_topics_as_fields_and_organisers_as_leads():
    doc = SeedDocument.model_validate(yaml.safe_load(DOC))
    cg = collab_from_subgraph(Subgraph(nodes=list(doc.nodes), ties=list(doc.ties)))
    assert list(cg.field_ids) == ["topic:migration"]
    fields = {cg.activity_ids[j]: list(cg.field_ids[cg.fields[j].indices]) for j in range(len(cg.activity_ids))}
    assert fields == {"event:workshop-2016": ["topic:migration"], "event:meeting-2017-03": []}
    led = {(cg.actors[i], cg.activity_ids[j]) for i, j in zip(*cg.lead.nonzero())}
    assert led == {("org:stadt-trier", "event:workshop-2016")}
    s, c = cg.ids(["org:stadt-trier", "org:caritas-trier"])
    cols = activity_columns(cg, np.array([s]), np.array([c]))
    # Stadt Trier: the workshop only (migration; led). Caritas: the workshop and the meeting (no field).
    assert cols["field_cos"] == pytest.approx([1.0]) and cols["field_overlap"] == pytest.approx([1.0])
    assert cols["lead_share_max"] == pytest.approx([1.0]) and cols["lead_share_min"] == pytest.approx([0.0])
    assert np.isnan(cols["amount_min"]).all()  # no amounts in a typed graph


def test_shared_fields_are_a_reason_most_shared_first(tmp_path):
    text = (
        "pic,rcn,start_year\nA,e1,2015\nB,e1,2015\nA,e2,2016\nC,e2,2016\nA,e4,2016\nC,e3,2017\nC,e5,2017\nB,e6,2017\n"
    )
    events = write(tmp_path, "ev.csv", "rcn,part\ne1,X\ne2,Y\ne3,X\ne4,Y\ne5,Y\ne6,Q\n")
    t = read_participations(
        write(tmp_path, "p.csv", text),
        actor="pic",
        event="rcn",
        time="start_year",
        event_attributes=["part"],
        events=events,
    )
    cg = collab_from_participations(t)
    a, b, c = cg.ids(["A", "B", "C"])
    # A: X 1, Y 2; C: X 1, Y 2 -> Y (2 each) before X (1 each); B: X 1, Q 1 shares X with A only
    [fields] = [r for r in reasons(cg, a, c) if r.kind == "shared_fields"]
    assert fields.params == {"n": 2, "names": ["Y", "X"]} and fields.text == "Both are active in Y and X"
    assert [e.label for e in fields.evidence] == ["Y", "X"]
    [fields] = [r for r in reasons(cg, a, b) if r.kind == "shared_fields"]
    assert fields.params == {"n": 1, "names": ["X"]}
    assert not [r for r in reasons(cg, b, c) if r.kind == "shared_fields" and "Q" in r.params["names"]]


def test_event_topics_are_not_named_twice(tmp_path):
    doc = SeedDocument.model_validate(yaml.safe_load(DOC))
    cg = collab_from_subgraph(Subgraph(nodes=list(doc.nodes), ties=list(doc.ties)))
    s, c = cg.ids(["org:stadt-trier", "org:caritas-trier"])
    kinds = [r.kind for r in reasons(cg, s, c)]
    assert "shared_topics" in kinds and "shared_fields" not in kinds


def test_event_fields_become_topics_and_leads_organisers_in_the_graph_model(tmp_path):
    from graph.model import NodeType, Source, TieType
    from loaders.participations import participations_to_graph

    src = Source(id="t", title="T", publisher="P")
    sub = participations_to_graph(table(tmp_path), src, topics=["part"])
    topics = sorted(n.name for n in sub.nodes if n.type is NodeType.TOPIC)
    assert topics == ["X", "Y", "Z"]
    names = {n.id: n.name for n in sub.nodes}
    addressed = sorted((names[t.source], names[t.target]) for t in sub.ties if t.type is TieType.ADDRESSES)
    assert addressed == [("e1", "X"), ("e2", "Y"), ("e2", "Z"), ("e3", "X")]
    roles = {(names[t.source], names[t.target]): t.role for t in sub.ties if t.type is TieType.PARTICIPATED_IN}
    assert roles == {
        ("A", "e1"): "organiser",
        ("B", "e1"): "participant",
        ("A", "e2"): "participant",
        ("C", "e2"): "organiser",
        ("C", "e3"): "participant",
    }


def test_pontes_load_with_event_topics_and_leads_feeds_the_app_model(tmp_path, monkeypatch, capsys):
    from graph.store.embedded import EmbeddedStore
    from pontes.cli import main

    db = tmp_path / "cli.sqlite"
    monkeypatch.setenv("PONTES_DB_PATH", str(db))
    args = [
        "load",
        "--participations",
        str(write(tmp_path, "p.csv", PARTS)),
        "--actor",
        "pic",
        "--event",
        "rcn",
        "--time",
        "start_year",
        "--events",
        str(write(tmp_path, "events.csv", EVENTS)),
        "--event-attr",
        "part",
        "--lead",
        "role=coordinator",
    ]
    assert main(args) == 0
    assert "Store now holds 9 nodes and 9 ties" in capsys.readouterr().out  # 3 actors, 3 events, 3 topics; 5 + 4 ties
    assert main(args) == 0  # a second load changes nothing
    assert "Store now holds 9 nodes and 9 ties" in capsys.readouterr().out
    store = EmbeddedStore(db)
    try:
        cg = collab_from_subgraph(store.snapshot())
    finally:
        store.close()
    assert sorted(str(x) for x in cg.topic_names) == ["X", "Y", "Z"]
    assert cg.fields.shape[1] == 3 and cg.lead.nnz == 2
    a, c = cg.ids(["org:a", "org:c"])
    assert activity_columns(cg, np.array([a]), np.array([c]))["field_cos"] == pytest.approx([1.0])


def test_pontes_load_rejects_a_bad_lead(tmp_path, monkeypatch, capsys):
    from pontes.cli import main

    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    args = [
        "load",
        "--participations",
        str(write(tmp_path, "p.csv", PARTS)),
        "--actor",
        "pic",
        "--event",
        "rcn",
        "--time",
        "start_year",
        "--lead",
        "coordinator",
    ]
    assert main(args) == 2
    assert "COLUMN=VALUE" in capsys.readouterr().err
