"""Every output: written whole or not at all with a one-line error; private
persons only as stand-ins, through sources too; no name breaks a view or a file.
"""

from __future__ import annotations

import errno
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.draw.page import render_html
from graph.draw.remote import remote_references
from graph.formats import export
from graph.model import Organisation, Person, Source, Tie, TieType
from graph.output import OutputError, atomic_path, write_text
from graph.privacy import REDACTED_SOURCE_TITLE, redact, redact_all, roles_label
from graph.store.base import Subgraph
from pontes.cli import main
from pontes.settings import REPO_ROOT

SEEDS = REPO_ROOT / "seeds"


def _one_line_error(capsys) -> str:
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("Store: ")]
    assert len(err) == 1 and err[0].startswith("Error: cannot write "), err
    assert "Traceback" not in err[0]
    return err[0]


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part")]


# -- output paths ----------------------------------------------------------------------------------------------


def _writers(out: Path) -> list[list[str]]:
    """Every command that writes a file or folder, aimed at ``out``."""
    return [
        ["export", "--format", "json", "--out", str(out)],
        ["export", "--format", "graphml", "--out", str(out)],
        ["export", "--format", "gexf", "--out", str(out)],
        ["schema", "--out", str(out)],
    ]


def test_out_onto_a_folder_below_a_file_or_onto_a_device_is_one_line(seeded_cli, capsys):
    folder = seeded_cli / "a-folder"
    folder.mkdir()
    plain = seeded_cli / "a-file"
    plain.write_text("keep me", encoding="utf-8")
    for target, reason in (
        (folder, "it is a folder"),
        (plain / "x.json", "a part of the path is a file"),
        (Path("/dev/full"), "not a regular file"),
        (Path("/dev/null"), "not a regular file"),
    ):
        for args in _writers(target):
            assert main(args) == 2, args
            assert reason in _one_line_error(capsys)
    assert plain.read_text(encoding="utf-8") == "keep me"
    assert _leftovers(seeded_cli) == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.ENOSPC, "the device is full"), (errno.EACCES, "permission denied"), (errno.EROFS, "read-only")],
)
def test_a_full_device_or_an_unwritable_folder_leaves_no_half_file(seeded_cli, capsys, monkeypatch, code, reason):
    """The write fails half-way (simulated: the tests run as root, who may write anywhere):
    a one-line error, the old file untouched, no temporary file left."""
    target = seeded_cli / "graph.json"
    target.write_text("the old export", encoding="utf-8")
    real = Path.write_text

    def failing(self, data, *args, **kwargs):
        real(self, data[: len(data) // 2], *args, **kwargs)  # half of it lands, then the disk is full
        raise OSError(code, "simulated")

    monkeypatch.setattr(Path, "write_text", failing)
    assert main(["export", "--format", "json", "--out", str(target)]) == 2
    assert reason in _one_line_error(capsys)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "the old export"
    assert _leftovers(seeded_cli) == []


def test_metrics_into_a_file_or_below_one_is_one_line(seeded_cli, capsys):
    plain = seeded_cli / "a-file"
    plain.write_text("x", encoding="utf-8")
    for target in (plain, plain / "sub"):
        assert main(["metrics", "--out", str(target)]) == 2
        _one_line_error(capsys)


def test_the_csv_export_writes_a_folder_and_says_so(seeded_cli, capsys):
    assert main(["export", "--format", "csv", "--out", str(seeded_cli / "graph.csv")]) == 2
    assert "writes nodes.csv, ties.csv, sources.csv into a folder" in _one_line_error(capsys)
    assert not (seeded_cli / "graph.csv").exists()
    assert main(["export", "--format", "csv", "--out", str(seeded_cli / "tables")]) == 0
    assert sorted(p.name for p in (seeded_cli / "tables").iterdir()) == ["nodes.csv", "sources.csv", "ties.csv"]


def test_atomic_path_replaces_only_when_complete(tmp_path):
    target = tmp_path / "x.txt"
    write_text(target, "first")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("the producer failed")
    assert target.read_text(encoding="utf-8") == "first"
    assert list(tmp_path.iterdir()) == [target]
    with pytest.raises(OutputError) as info:
        write_text(tmp_path, "a folder")
    assert info.value.path == str(tmp_path) and "folder" in info.value.reason


# -- stand-ins never fail -------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    roles=st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(min_size=1, max_size=300).filter(str.strip)),
            st.text(min_size=1, max_size=300).filter(str.strip),
        ),
        max_size=40,
    )
)
def test_a_stand_in_is_always_a_valid_short_name(roles):
    label = roles_label(roles)
    assert label.startswith("‹") and label.endswith("›") and len(label) <= 300


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=60),
    org_len=st.integers(min_value=1, max_value=300),
    role=st.sampled_from(["chair", "x" * 300, "Vorsitzende (kommissarisch) / Sprecherin", None]),
)
def test_redaction_never_fails_for_many_long_or_odd_memberships(n, org_len, role):
    person = Person(name="Petra Privat", legal_basis="consent", sources=["s"])
    orgs = [Organisation(name=f"{i:02d} " + "O" * (org_len - 3 if org_len > 3 else 1), sources=["s"]) for i in range(n)]
    ties = [Tie(type=TieType.MEMBER_OF, source=person.id, target=o.id, role=role, sources=["s"]) for o in orgs]
    shown = redact(Subgraph(nodes=[person, *orgs], ties=ties))
    stand_in = next(x for x in shown.nodes if x.type.value == "Person")
    assert stand_in.id.startswith("person:private-") and "Petra" not in stand_in.name
    assert len(stand_in.name) <= 300


def test_export_metrics_and_explorer_survive_a_person_with_fifty_memberships(monkeypatch, tmp_path, capsys):
    orgs = [{"type": "Organisation", "name": f"Verein {i} " + "lang " * 50, "sources": ["s"]} for i in range(50)]
    doc = {
        "pontes": 1,
        "sources": [{"id": "s", "title": "T", "publisher": "P"}],
        "nodes": [{"type": "Person", "name": "Petra Privat", "legal_basis": "consent", "sources": ["s"]}, *orgs],
        "ties": [
            {
                "type": "MEMBER_OF",
                "source": "person:petra-privat",
                "target": Organisation.model_validate(o).id,
                "role": "member",
                "sources": ["s"],
            }
            for o in orgs
        ],
    }
    path = tmp_path / "many.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    assert main(["load", str(path)]) == 0
    assert main(["export", "--format", "json", "--out", str(tmp_path / "g.json")]) == 0
    assert main(["metrics", "--out", str(tmp_path / "m"), "--group-attr", "type", "--view", "full"]) == 0
    assert "Petra" not in (tmp_path / "g.json").read_text(encoding="utf-8")
    assert "Petra" not in (tmp_path / "m" / "node_metrics.csv").read_text(encoding="utf-8")


# -- a source is no way around a stand-in ----------------------------------------------------------------------


def test_a_source_naming_a_private_person_is_redacted_in_every_output(monkeypatch, tmp_path, capsys):
    doc = {
        "pontes": 1,
        "sources": [
            {"id": "talk", "title": "Interview mit Petra Privat", "publisher": "Lokalzeitung"},
            {"id": "plain", "title": "Jahresbericht", "publisher": "Stadt"},
        ],
        "nodes": [
            {"type": "Person", "name": "Petra Privat", "legal_basis": "consent", "sources": ["talk"]},
            {"type": "Organisation", "name": "Verein", "sources": ["plain", "talk"]},
        ],
        "ties": [{"type": "MEMBER_OF", "source": "person:petra-privat", "target": "org:verein", "sources": ["talk"]}],
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    assert main(["load", str(path)]) == 0
    for fmt, out in (("json", "g.json"), ("graphml", "g.graphml"), ("gexf", "g.gexf")):
        assert main(["export", "--format", fmt, "--out", str(tmp_path / out)]) == 0
        assert "Petra" not in (tmp_path / out).read_text(encoding="utf-8")
    exported = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["graph"]["sources"]
    sources = {s["id"]: s["title"] for s in exported}
    assert sources == {"talk": REDACTED_SOURCE_TITLE, "plain": "Jahresbericht"}
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "t")]) == 0
    assert "Petra" not in (tmp_path / "t" / "sources.csv").read_text(encoding="utf-8")
    assert main(["metrics", "--out", str(tmp_path / "m"), "--group-attr", "type", "--view", "full"]) == 0
    assert "Petra" not in (tmp_path / "m" / "metadata.json").read_text(encoding="utf-8")
    assert main(["export", "--format", "json", "--out", str(tmp_path / "all.json"), "--include-private"]) == 0
    assert "Interview mit Petra Privat" in (tmp_path / "all.json").read_text(encoding="utf-8")


def test_redact_all_keeps_ids_publisher_and_date_of_a_redacted_source():
    person = Person(name="Jürgen Schmidt", legal_basis="consent", sources=["s"])
    sources = [
        Source(id="s", title="Gespräch mit JUERGEN SCHMIDT", publisher="Zeitung", date="2016-05-01"),
        Source(id="t", title="Schmidtstraße eröffnet", publisher="Stadt"),
    ]
    _sub, shown = redact_all(Subgraph(nodes=[person]), sources)
    assert [(s.id, s.title, s.publisher, str(s.date)) for s in shown] == [
        ("s", REDACTED_SOURCE_TITLE, "Zeitung", "2016-05-01"),
        ("t", "Schmidtstraße eröffnet", "Stadt", "None"),
    ]


# -- no name breaks a view or a file ---------------------------------------------------------------------------

TRICKY = [
    "url(//evil.example/x.png)",
    "url('https://evil.example/a.css')",
    '@import "https://evil.example/x.css"',
    "<img src=https://evil.example/a.png>",
    "<script src='//evil.example/x.js'></script>",
    "</script><link href=//evil.example/x.css>",
    "background:url(http://x)",
]


@pytest.mark.parametrize("name", TRICKY)
def test_a_name_that_looks_like_a_resource_is_text_and_the_view_stays_offline(name):
    org = Organisation(name=name, sources=["s"])
    other = Organisation(name="Stadt", sources=["s"])
    tie = Tie(type=TieType.COOPERATES_WITH, source=org.id, target=other.id, sources=["s"])
    for colour in ("type", "country"):
        page = render_html(Subgraph(nodes=[org, other], ties=[tie]), color_by=colour, focus=org.id)
        assert remote_references(page) == []


@settings(max_examples=60, deadline=None)
@given(text=st.text(min_size=1, max_size=40))
def test_graph_files_stay_well_formed_xml_whatever_their_attributes_hold(tmp_path_factory, text):
    """GraphML and GEXF of a user's graph (metrics --input) or of ours are parseable XML."""
    from graph.analysis.pipeline import analyse_file, write_analysis
    from graph.analysis.suite import MetricParams

    folder = tmp_path_factory.mktemp("xml")
    g = nx.Graph()
    g.add_node("a", name=text, group="x")
    g.add_node("b", name="b\x00\x07" + text, group="y")
    g.add_edge("a", "b")
    source = folder / "in.json"
    source.write_text(json.dumps(nx.node_link_data(g, edges="links")), encoding="utf-8")
    analysis = analyse_file(source, MetricParams(group_attr="group"))
    files = write_analysis(analysis, folder / "out", graph_formats=["gexf", "graphml"])
    for f in files:
        if f.suffix in (".gexf", ".graphml"):
            ET.parse(f)  # raises on malformed XML


def test_our_own_exports_are_well_formed_xml(tmp_path):
    org = Organisation(name="Café Bär & Söhne <GmbH>", sources=["s"])
    sub = Subgraph(nodes=[org])
    for fmt in ("graphml", "gexf"):
        (path,) = export(sub, [Source(id="s", title="T & Co", publisher="P")], fmt, tmp_path / f"g.{fmt}")
        ET.parse(path)
