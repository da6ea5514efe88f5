"""A hostile new user's round: the classes of failure found by trying every command with
what it should refuse, each a test that failed before its fix.

Options: numbers that are no numbers (``nan``, ``inf``) or out of any sensible range
(a negative seed, year 99999) are refused while the options are read, naming the option.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import threading
import time
from pathlib import Path

import click
import numpy as np
import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.cells import cell_as_written, inert_cell
from graph.errors import AnalysisError, ConfigError, StoreUnavailable, UnknownName, ValidationFailed, input_file_problem
from graph.ids import node_id
from graph.intake import read_document_file
from graph.model import NodeType
from graph.output import OutputError, json_text
from graph.store.embedded import EmbeddedStore
from loaders import read_paths
from loaders.participations import read_participations
from loaders.readers import read_draft
from pontes.cli import cli, main
from pontes.settings import REPO_ROOT, load_settings
from pontes.stores import open_store

SEEDS = REPO_ROOT / "seeds"


PARTICIPATIONS = ["--participations", "table.csv", "--actor", "pic", "--event", "rcn", "--time", "year"]


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["duplicates", "--threshold", "nan"], "threshold"),
        (["review", "accept", "b", "--all", "--min-confidence", "nan"], "min_confidence"),
        (["metrics", "--out", "m", "--resolution", "nan"], "resolution"),
        (["metrics", "--out", "m", "--half-life", "inf"], "half_life"),
        (["metrics", "--out", "m", "--epsilon", "nan"], "epsilon"),
        (["metrics", "--out", "m", "--seed", "-1"], "seed"),
        (["metrics", "--out", "m", "--as-of", "99999"], "as_of"),
        (["metrics", "--out", "m", "--from", "0"], "start"),
        (["evaluate", *PARTICIPATIONS, "--cut", "nan"], "cut"),
        (["evaluate", *PARTICIPATIONS, "--cut", "inf"], "cut"),
        (["evaluate", *PARTICIPATIONS, "--cut", "2018", "--seed", "-1"], "seed"),
        (["server", "start", "--timeout", "nan"], "timeout"),
    ],
)
def test_numbers_no_option_can_use_are_refused_naming_the_option(args, option):
    with pytest.raises(click.BadParameter) as caught:
        cli.main(args=args, prog_name="pontes", standalone_mode=False)
    assert caught.value.param is not None and caught.value.param.name == option


def test_an_unknown_scorer_is_a_pontes_error_listing_the_known_ones(seeded_cli, capsys):
    with pytest.raises(UnknownName) as caught:
        cli.main(args=["suggest", "org:cafe-baer", "--scorer", "nope"], prog_name="pontes", standalone_mode=False)
    assert caught.value.what == "scorer" and caught.value.name == "nope" and "learned" in caught.value.known
    assert isinstance(caught.value, KeyError)  # what callers of get_scorer catch
    capsys.readouterr()
    assert main(["suggest", "org:cafe-baer", "--scorer", "nope"]) == 2
    assert "Traceback" not in capsys.readouterr().err


# -- CSV cells no spreadsheet runs (CSV injection) ---------------------------------------------------------

#: Names a spreadsheet would run. A leading quote in a table typed by hand means "text", as in a
#: spreadsheet, so "'=x" reads as "=x" (the property test below covers quotes written by Pontes).
FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "- a dash"]


def _runs_in_a_spreadsheet(cell: str) -> bool:
    return bool(cell) and cell[0] in "=+-@\t\r" and not re.fullmatch(r"[+-]?\d+(\.\d*)?([eE][+-]?\d+)?", cell)


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@given(st.text(max_size=30))
def test_an_inert_cell_reads_back_as_written(text):
    cell = inert_cell(text)
    assert not _runs_in_a_spreadsheet(cell)
    assert cell_as_written(cell) == text


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def test_no_csv_output_holds_a_formula_and_the_export_loads_back(seeded_cli, capsys, monkeypatch):
    """Names that would run in a spreadsheet, in the CSV export, the metrics tables and the
    suggestions as CSV: each starts with a quote there, and the export loads back unchanged."""
    (seeded_cli / "sources.csv").write_text("id,title\ns1,Formulas\n", encoding="utf-8")
    nodes = [f"Organisation,{_quoted(name)},DE,s1" for name in FORMULAS]
    (seeded_cli / "nodes.csv").write_text("type,name,country,sources\n" + "\n".join(nodes) + "\n", encoding="utf-8")
    assert main(["load", str(seeded_cli / "sources.csv"), str(seeded_cli / "nodes.csv")]) == 0
    ties = [f"COOPERATES_WITH,{node_id('Organisation', name)},org:stadt-trier,s1" for name in FORMULAS]
    (seeded_cli / "ties.csv").write_text("type,source,target,sources\n" + "\n".join(ties) + "\n", encoding="utf-8")
    assert main(["load", str(seeded_cli / "ties.csv")]) == 0
    assert main(["export", "--format", "csv", "--out", str(seeded_cli / "csv")]) == 0
    assert main(["metrics", "--out", str(seeded_cli / "metrics")]) == 0
    capsys.readouterr()
    assert main(["suggest", "org:cafe-baer", "--top", "1000", "--format", "csv"]) == 0
    written = {path.name: path.read_text(encoding="utf-8") for path in (seeded_cli / "csv").glob("*.csv")}
    written |= {path.name: path.read_text(encoding="utf-8") for path in (seeded_cli / "metrics").glob("*.csv")}
    written["suggestions"] = capsys.readouterr().out
    for name in ("nodes.csv", "node_metrics.csv", "suggestions"):
        assert "HYPERLINK" in written[name], name
    for name, text in written.items():
        assert not [cell for cell in _cells(text) if _runs_in_a_spreadsheet(cell)], name

    monkeypatch.setenv("PONTES_DB_PATH", str(seeded_cli / "again.sqlite"))
    folder = seeded_cli / "csv"
    assert main(["load", str(folder / "sources.csv"), str(folder / "nodes.csv"), str(folder / "ties.csv")]) == 0
    assert main(["export", "--format", "json", "--out", str(seeded_cli / "again.json")]) == 0
    names = {node["name"] for node in json.loads((seeded_cli / "again.json").read_text(encoding="utf-8"))["nodes"]}
    assert set(FORMULAS) <= names


# -- private persons in the review queue and the merge log -----------------------------------------------------

#: How the seed network's private persons are named and known (their ids are their names).
PRIVATE = re.compile(r"ohlig|hassani|ohlik", re.IGNORECASE)


def _queued_minutes(folder: Path, capsys) -> str:
    """The batch of minutes naming two private persons of the seed network (proposals 1 and 5)
    and Quartiersmanagement Trier-Nord (2)."""
    text = folder / "minutes.txt"
    text.write_text(
        "Maria Ohlig, Quartiersmanagerin des Quartiersmanagement Trier-Nord, sprach am 3. Mai 2019 in Metz. "
        "Frau Naima Hassani vom Verein Dounia war auch da.",
        encoding="utf-8",
    )
    assert main(["review", "add", str(text)]) == 0
    capsys.readouterr()
    assert main(["review", "list"]) == 0
    return capsys.readouterr().out.split()[0]


def test_the_review_queue_names_no_private_person_not_even_by_the_id_matched(seeded_cli, capsys):
    batch = _queued_minutes(seeded_cli, capsys)
    assert main(["review", "show", batch]) == 0
    shown = capsys.readouterr().out
    assert "matches person:" in shown and not PRIVATE.search(shown), shown
    assert main(["review", "show", batch, "--include-private"]) == 0
    assert "matches person:maria-ohlig" in capsys.readouterr().out


def test_merging_private_persons_names_them_only_with_the_flag(seeded_cli, capsys):
    twin = seeded_cli / "twin.yaml"
    twin.write_text(
        "pontes: 1\nsources: [{id: s1, title: Minutes}]\nnodes:\n"
        "  - {type: Person, name: Maria Ohlik, visibility: private, legal_basis: legitimate_interests, sources: [s1]}\n",
        encoding="utf-8",
    )
    assert main(["load", str(twin)]) == 0
    capsys.readouterr()
    assert main(["merge", "person:maria-ohlig", "person:maria-ohlik"]) == 0
    merged = capsys.readouterr().out
    change = merged.split("--undo ")[1].split()[0]
    assert main(["merge", "--list"]) == 0
    listed = capsys.readouterr().out
    assert main(["merge", "--undo", change]) == 0
    undone = capsys.readouterr().out
    for shown in (merged, listed, undone):
        assert "person:‹private›" in shown and not PRIVATE.search(shown), shown
    assert main(["merge", "--list", "--include-private"]) == 0
    assert "person:maria-ohlik -> person:maria-ohlig" in capsys.readouterr().out


# -- the kind of an entry: its type missing or unknown, in every format ----------------------------------------

GRAPHML = """<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="t" for="node" attr.name="type" attr.type="string"/>
<graph edgedefault="undirected"><node id="a"><data key="t">{kind}</data></node></graph></graphml>
"""


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("d.yaml", "pontes: 1\nsources: [{id: s, title: T}]\nnodes:\n  - {type: Spaceship, name: A, sources: [s]}\n"),
        ("d.csv", "type,name,sources\nSpaceship,A,s\n"),
        ("d.graphml", GRAPHML.format(kind="Spaceship")),
    ],
)
def test_an_unknown_node_type_is_located_at_the_type_with_the_allowed_values(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_paths([path])
    (problem,) = caught.value.problems
    assert (problem.field, problem.code) == ("type", "one_of")
    assert problem.params["values"] == [t.value for t in NodeType]
    assert "NodeType" not in problem.message


def test_a_node_without_a_type_is_a_missing_type(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("pontes: 1\nsources: [{id: s, title: T}]\nnodes:\n  - {name: A, sources: [s]}\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_paths([path])
    (problem,) = caught.value.problems
    assert (problem.entry, problem.field, problem.code) == ("nodes[0] (A)", "type", "missing")


# -- inputs that are no regular file: a named pipe would wait for ever, a device be read for ever ---------------


@pytest.fixture
def fifo_feeder():
    """Named pipes in a folder, each fed one byte should anything open it for reading (so that a
    reader that does not refuse it returns instead of waiting for ever)."""
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def feed(path: Path) -> None:
        while not stop.is_set():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # fails while nobody reads
            except OSError:
                time.sleep(0.01)
                continue
            os.write(fd, b"x")
            os.close(fd)
            return

    def make(path: Path) -> Path:
        os.mkfifo(path)
        thread = threading.Thread(target=feed, args=(path,), daemon=True)
        thread.start()
        threads.append(thread)
        return path

    yield make
    stop.set()
    for thread in threads:
        thread.join(timeout=5)


@pytest.mark.parametrize(
    ("suffix", "read"),
    [
        (".yaml", lambda p: read_paths([p])),
        (".csv", lambda p: read_paths([p])),
        (".txt", read_document_file),
        (".json", read_draft),
        (".csv", lambda p: read_participations(p, actor="a", event="e", time="t")),
    ],
)
def test_a_named_pipe_is_refused_before_it_is_read(tmp_path, fifo_feeder, suffix, read):
    pipe = fifo_feeder(tmp_path / f"pipe{suffix}")
    with pytest.raises(ValidationFailed) as caught:
        read(pipe)
    (problem,) = caught.value.problems
    assert (problem.file, problem.entry, problem.field) == (str(pipe), "(file)", "(path)")


def test_a_device_is_no_input_file_and_the_commands_say_so(seeded_cli, capsys):
    assert input_file_problem("/dev/zero") is not None and input_file_problem(SEEDS / "00-sources.yaml") is None
    out = seeded_cli / "draft.json"
    for args in (["extract", "/dev/zero", "--out", str(out)], ["review", "add", "/dev/zero"], ["load", "/dev/zero"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "/dev/zero: (file): (path): " in err and "Traceback" not in err
    assert not out.exists()


# -- values typed on the command line that a model refuses -----------------------------------------------------


@pytest.mark.parametrize("note", ["a\x1bb", "call +49 651 1234567", "x" * 5000])
def test_a_value_a_model_refuses_is_a_located_error_and_nothing_is_written(seeded_cli, capsys, note):
    args = ["feedback", "org:cafe-baer", "org:dounia", "--acted-on", "--note", note]
    with pytest.raises(pydantic.ValidationError):  # what the command raises: the models check typed values too
        cli.main(args=args, prog_name="pontes", standalone_mode=False)
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\n  (command line): Tie: description: " in err, err
    assert main(["feedback", "--list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    "args",
    [["edit", "1", "--set", "nope=1"], ["edit", "1", "--set", "title=a\x07"], ["merge", "1", "place:metz"]],
)
def test_refused_decisions_on_a_private_person_do_not_name_them(seeded_cli, capsys, args):
    batch = _queued_minutes(seeded_cli, capsys)
    command = ["review", args[0], batch, *args[1:]]
    with pytest.raises(ValidationFailed) as caught:
        cli.main(args=command, prog_name="pontes", standalone_mode=False)
    assert caught.value.problems and all(p.entry == "Person ‹person›" for p in caught.value.problems)
    assert not PRIVATE.search(str(caught.value))


def test_review_edit_refuses_an_empty_value_and_splits_lists(seeded_cli, capsys):
    batch = _queued_minutes(seeded_cli, capsys)
    with pytest.raises(click.BadParameter):
        cli.main(args=["review", "edit", batch, "2", "--set", "name="], prog_name="pontes", standalone_mode=False)
    capsys.readouterr()
    assert main(["review", "list"]) == 0
    assert "0 accepted" in capsys.readouterr().out  # nothing was decided
    assert main(["review", "edit", batch, "2", "--set", "aliases=QM|Q-Nord"]) == 0
    assert main(["export", "--format", "json", "--out", str(seeded_cli / "g.json")]) == 0
    nodes = json.loads((seeded_cli / "g.json").read_text(encoding="utf-8"))["nodes"]
    (node,) = [n for n in nodes if n["id"] == "org:quartiersmanagement-trier-nord"]
    assert {"QM", "Q-Nord"} <= set(node["aliases"])


# -- the extract draft: written whole, where it can be read back, or not at all ----------------------------------


@pytest.mark.parametrize("where", ["below-a-file/draft.json", "draft.docx", "draft"])
def test_a_draft_that_cannot_be_written_or_read_back_is_one_output_error(seeded_cli, capsys, where):
    (seeded_cli / "below-a-file").write_text("keep me", encoding="utf-8")
    out = seeded_cli / where
    args = ["extract", str(SEEDS / "README.md"), "--out", str(out)]
    with pytest.raises(OutputError) as caught:
        cli.main(args=args, prog_name="pontes", standalone_mode=False)
    assert caught.value.path == str(out)
    capsys.readouterr()
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not out.exists() and (seeded_cli / "below-a-file").read_text(encoding="utf-8") == "keep me"


def test_a_draft_written_half_way_leaves_the_old_one(seeded_cli, capsys, monkeypatch):
    out = seeded_cli / "draft.json"
    out.write_text("the old draft", encoding="utf-8")
    real = Path.write_bytes

    def failing(self, data, *args, **kwargs):
        real(self, data[: len(data) // 2], *args, **kwargs)  # half of it lands, then the disk is full
        raise OSError(errno.ENOSPC, "simulated")

    monkeypatch.setattr(Path, "write_bytes", failing)
    monkeypatch.setattr(Path, "write_text", lambda self, data, *a, **k: failing(self, data.encode()))
    assert main(["extract", str(SEEDS / "README.md"), "--out", str(out)]) == 2
    monkeypatch.undo()
    assert out.read_text(encoding="utf-8") == "the old draft"
    assert [p.name for p in seeded_cli.iterdir() if p.name.startswith("draft")] == ["draft.json"]


# -- options that contradict each other ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "event", "time", "fields"),
    [("pic", "pic", "year", ["pic"]), ("pic", "rcn", "rcn", ["rcn"]), ("year", "year", "year", ["year"] * 3)],
)
def test_one_column_as_two_roles_of_a_participation_table_is_refused(tmp_path, actor, event, time, fields):
    table = tmp_path / "t.csv"
    table.write_text("pic,rcn,year\n1,a,2015\n2,a,2015\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_participations(table, actor=actor, event=event, time=time)
    assert [(p.entry, p.field) for p in caught.value.problems] == [("(header)", f) for f in fields]


# -- a researcher's graph file for metrics --input -------------------------------------------------------------

WEIGHTED = """<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="w" for="edge" attr.name="weight" attr.type="double"/>
<key id="c" for="node" attr.name="country" attr.type="string"/>
<graph edgedefault="undirected">
<node id="a"><data key="c">DE</data></node><node id="b"><data key="c">FR</data></node>
<node id="c"><data key="c">LU</data></node>
<edge source="a" target="b"><data key="w">{weight}</data></edge><edge source="b" target="c"/>
</graph></graphml>
"""


@pytest.mark.parametrize(
    ("name", "text", "parameter"),
    [
        ("nan.graphml", WEIGHTED.format(weight="NaN"), "weight_attr"),
        ("inf.graphml", WEIGHTED.format(weight="INF"), "weight_attr"),
        ("negative.graphml", WEIGHTED.format(weight="-5"), "weight_attr"),
        ("list.json", "[1, 2, 3]", "input"),
        ("popolo.json", '{"persons": [], "organizations": []}', "input"),
        ("nodes.json", '{"nodes": "abc", "links": []}', "input"),
    ],
)
def test_a_graph_file_no_metric_can_use_is_an_analysis_error(seeded_cli, capsys, name, text, parameter):
    path = seeded_cli / name
    path.write_text(text, encoding="utf-8")
    out = seeded_cli / "metrics"
    args = ["metrics", "--input", str(path), "--out", str(out)]
    with pytest.raises(AnalysisError) as caught:
        cli.main(args=args, prog_name="pontes", standalone_mode=False)
    assert caught.value.parameter == parameter
    capsys.readouterr()
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not out.exists()


def test_a_graph_file_with_plain_weights_still_reads(seeded_cli):
    path = seeded_cli / "ok.graphml"
    path.write_text(WEIGHTED.format(weight="2.5"), encoding="utf-8")
    assert main(["metrics", "--input", str(path), "--out", str(seeded_cli / "metrics")]) == 0


# -- a store file that is no store ---------------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["folder", "text file", "below a file", "named pipe"])
def test_a_store_path_that_is_no_sqlite_file_is_store_unavailable_and_left_alone(
    tmp_path, monkeypatch, capsys, fifo_feeder, what
):
    text = tmp_path / "notes.txt"
    text.write_text("my notes, not a database\n", encoding="utf-8")
    path = {
        "folder": tmp_path,
        "text file": text,
        "below a file": text / "pontes.sqlite",
        "named pipe": tmp_path / "pipe.sqlite",
    }[what]
    if what == "named pipe":
        fifo_feeder(path)
    with pytest.raises(StoreUnavailable):
        EmbeddedStore(path).ensure_schema()
    monkeypatch.setenv("PONTES_STORE", "embedded")
    monkeypatch.setenv("PONTES_DB_PATH", str(path))
    assert main(["stats"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert text.read_text(encoding="utf-8") == "my notes, not a database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["notes.txt", *(["pipe.sqlite"] if what == "named pipe" else [])]
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PONTES_LANGUAGE", "xx"), ("PONTES_BATCH_SIZE", "-1"), ("PONTES_PORT", "abc"), ("PONTES_STORE", "bogus")],
)
def test_a_bad_setting_names_the_environment_variable_to_fix(monkeypatch, capsys, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{variable}: ")
    assert main(["stats"]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "uri", ["bolt://[::1", "bolt://neo4j:s3cr3t@host:abc", "bolt://u:s3cr3t@[::1", "http://u:s3cr3t@host:7687"]
)
def test_an_unreadable_neo4j_uri_is_a_config_error_that_shows_no_password(monkeypatch, capsys, uri):
    monkeypatch.setenv("PONTES_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    with pytest.raises(ConfigError) as caught:
        open_store(load_settings())
    assert "s3cr3t" not in str(caught.value)
    assert main(["stats"]) == 2
    shown = capsys.readouterr()
    assert "Traceback" not in shown.err and "s3cr3t" not in shown.err + shown.out


# -- a load of nothing: a wrong folder, or --replace with files that hold no graph ------------------------------


def _stats(capsys) -> str:
    capsys.readouterr()
    assert main(["stats"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", ["load", "validate"])
def test_a_folder_with_no_file_to_read_is_a_located_error(seeded_cli, capsys, command):
    folder = seeded_cli / "wrong-folder"
    folder.mkdir()
    (folder / "data.xlsx").write_bytes(b"PK")
    before = _stats(capsys)
    with pytest.raises(ValidationFailed) as caught:
        cli.main(args=[command, str(folder)], prog_name="pontes", standalone_mode=False)
    assert [(p.file, p.entry, p.field) for p in caught.value.problems] == [(str(folder), "(files)", "(path)")]
    assert _stats(capsys) == before


@pytest.mark.parametrize("content", ["type,name,sources\n", "pontes: 1\n"])
def test_load_replace_with_files_that_hold_no_nodes_keeps_the_store(seeded_cli, capsys, content):
    path = seeded_cli / ("empty.csv" if content.startswith("type") else "empty.yaml")
    path.write_text(content, encoding="utf-8")
    before = _stats(capsys)
    with pytest.raises(click.UsageError):
        cli.main(args=["load", "--replace", str(path)], prog_name="pontes", standalone_mode=False)
    assert _stats(capsys) == before


# -- JSON every reader accepts ----------------------------------------------------------------------------------


def _strict_json(text: str):
    def refuse(constant: str):
        raise ValueError(f"{constant} is no JSON")

    return json.loads(text, parse_constant=refuse)


def test_figures_that_do_not_exist_are_null_in_json(tmp_path, monkeypatch, capsys):
    assert _strict_json(json_text({"a": float("nan"), "b": [np.float64("inf"), 1.5]})) == {"a": None, "b": [None, 1.5]}
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    table = tmp_path / "part.csv"
    table.write_text("pic,rcn,year\n1,a,2015\n2,a,2015\n1,b,2019\n3,b,2019\n2,c,2016\n3,c,2016\n", encoding="utf-8")
    out = tmp_path / "figures.json"
    args = ["evaluate", "--participations", str(table), "--actor", "pic", "--event", "rcn", "--time", "year"]
    assert main([*args, "--cut", "2018", "--scorer", "common_neighbours", "--json", str(out)]) == 0
    (result,) = _strict_json(out.read_text(encoding="utf-8"))["results"]
    assert result["scorer"] == "common_neighbours" and result["auc_cold"] is None  # no cold pair: no figure
