"""Any input: a located error, never a traceback, nothing written (issue "trust, round two").

Each class of hostile input is generated (hypothesis or tables), not only its
first example: deep nesting anywhere, impossible dates, repeated keys, cells
past the csv module's limit, control characters, participation tables that
are empty or whose years or codes are out of range. Each goes through the
door a user takes: ``pontes load`` (exit code 2, ``file: entry: field:
message`` lines on stderr, the store unchanged) and the app's upload
(problems listed, nothing written).
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ValidationFailed
from graph.model import Event, Tie, TieType
from loaders import load_paths
from loaders.plan import read_paths
from loaders.uploads import load_uploads
from pontes.cli import main

PROBLEM_LINE = re.compile(r"^  (?P<file>.+?): (?P<entry>.+?): (?P<field>[^:]+?): (?P<message>.+)$")
HEADER = (
    "pontes: 1\n"
    "sources:\n  - {id: s, title: Report, publisher: Council}\n"
    "nodes:\n  - {type: Organisation, name: Stadt Trier, sources: [s]}\n"
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def cli_store(monkeypatch, tmp_path):
    """The CLI on a fresh embedded store holding one organisation (so 'unchanged' means something)."""
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "cli.sqlite"))
    base = tmp_path / "base.yaml"
    base.write_text(HEADER, encoding="utf-8")
    assert main(["load", str(base)]) == 0
    return tmp_path


def _state(capsys) -> str:
    """What the store holds, as `pontes stats` prints it."""
    capsys.readouterr()
    assert main(["stats"]) == 0
    return capsys.readouterr().out


def assert_refused(args: list[str], path, capsys) -> list[dict]:
    """``pontes ARGS`` exits with 2, names the file, entry and field of every
    problem on stderr, prints no traceback and leaves the store as it was."""
    before = _state(capsys)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.startswith("Store: ")]
    assert re.fullmatch(r"Error: \d+ problem\(s\) in the input; nothing was written", lines[0]), err
    problems = [PROBLEM_LINE.match(line) for line in lines[1:]]
    assert problems and all(problems), err
    assert all(p["file"] == str(path) for p in problems), err
    assert _state(capsys) == before
    return [p.groupdict() for p in problems]


def assert_upload_refused(store, name: str, data: bytes) -> None:
    """The app's upload lists the problems (no exception) and writes nothing."""
    before = (store.version(), store.counts())
    outcome = load_uploads(store, [(name, data)])
    assert not outcome.ok and outcome.problems
    assert all(p.file == name and p.entry and p.field and p.message for p in outcome.problems)
    assert (store.version(), store.counts()) == before


# -- seed documents ------------------------------------------------------------------------------------


@st.composite
def deep_documents(draw):
    """A seed document nested a few hundred to thousands of levels deep somewhere."""
    depth = draw(st.integers(min_value=200, max_value=6000))
    opener, closer = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ('{"a": ', "}")]))
    inner = opener * depth + "1" + closer * depth if opener != "[" else "[" * depth + "]" * depth
    where = draw(st.sampled_from(["top", "nodes", "description", "names"]))
    if where == "top":
        text = f"pontes: 1\nextra: {inner}\n"
    elif where == "nodes":
        text = f"pontes: 1\nnodes: {inner}\n"
    elif where == "description":
        text = HEADER + f"  - {{type: Topic, name: T, description: {inner}, sources: [s]}}\n"
    else:
        text = HEADER + f"  - {{type: Topic, name: T, names: {{de: {inner}}}, sources: [s]}}\n"
    return text


@FUZZ
@given(text=deep_documents(), as_json=st.booleans())
def test_deeply_nested_documents_are_located_errors(cli_store, capsys, embedded_store, text, as_json):
    path = cli_store / ("deep.json" if as_json else "deep.yaml")
    if as_json:
        depth = text.count("[") or text.count("{")
        text = '{"pontes": 1, "nodes": ' + "[" * depth + "]" * depth + "}"
    path.write_text(text, encoding="utf-8")
    assert_refused(["load", str(path)], path, capsys)
    assert_upload_refused(embedded_store, path.name, text.encode())


#: (year, month, day) that no calendar has.
IMPOSSIBLE = st.one_of(
    st.tuples(st.integers(1, 9999), st.sampled_from([2]), st.integers(30, 31)),
    st.tuples(st.integers(1, 9999), st.sampled_from([4, 6, 9, 11]), st.just(31)),
    st.tuples(st.integers(1, 9999).filter(lambda y: y % 4 != 0), st.just(2), st.just(29)),
    st.tuples(st.just(0), st.integers(1, 12), st.integers(1, 28)),
)


@FUZZ
@given(ymd=IMPOSSIBLE, field=st.sampled_from(["event", "tie", "source", "founded"]), quoted=st.booleans())
def test_impossible_dates_are_located_errors(cli_store, capsys, embedded_store, ymd, field, quoted):
    y, m, d = ymd
    date = f"{y:04d}-{m:02d}-{d:02d}"
    value = f'"{date}"' if quoted else date
    if field == "event":
        body = HEADER + f"  - {{type: Event, name: E, start: {value}, sources: [s]}}\n"
    elif field == "founded":
        body = HEADER + f"  - {{type: Organisation, name: O, founded: {value}, sources: [s]}}\n"
    elif field == "tie":
        body = HEADER + (
            "ties:\n  - {type: LOCATED_IN, source: 'org:stadt-trier', target: 'place:p', "
            f"start: {value}, sources: [s]}}\n"
        )
        body = body.replace("nodes:\n", "nodes:\n  - {type: Place, name: P, kind: city, country: DE, sources: [s]}\n")
    else:
        body = f"pontes: 1\nsources:\n  - {{id: t, title: T, publisher: P, date: {value}}}\n"
    path = cli_store / "dates.yaml"
    path.write_text(body, encoding="utf-8")
    problems = assert_refused(["load", str(path)], path, capsys)
    assert any(p["field"] in {"start", "founded", "date"} for p in problems), problems
    assert_upload_refused(embedded_store, path.name, body.encode())


@FUZZ
@given(
    key=st.sampled_from(["sources", "nodes", "pontes", "name", "type"]),
    as_json=st.booleans(),
)
def test_a_key_twice_in_one_mapping_is_an_error(cli_store, capsys, key, as_json):
    if key in ("name", "type"):
        entry = {"type": "Topic", "name": "T", "sources": ["s"]}
        first = json.dumps(entry)[:-1] + f', "{key}": "again"}}'
        text = '{"pontes": 1, "sources": [{"id": "s", "title": "R", "publisher": "C"}], "nodes": [' + first + "]}"
    else:
        text = '{"pontes": 1, "sources": [], "nodes": [], ' + f'"{key}": []' + "}"
    # JSON text is YAML too: as twice.yaml the YAML loader reads the same repeated key
    path = cli_store / ("twice.json" if as_json else "twice.yaml")
    path.write_text(text, encoding="utf-8")
    problems = assert_refused(["load", str(path)], path, capsys)
    assert any("appears twice" in p["message"] for p in problems), problems


@pytest.mark.parametrize("date", ["٢٠١٦", "２０１６-０９", "2016-1٠-06", "२०१६"])
def test_dates_in_other_scripts_digits_are_located_errors(cli_store, capsys, date):
    """Arabic-Indic, full-width and Devanagari digits are digits to a regex's \\d, not to a date."""
    path = cli_store / "digits.yaml"
    path.write_text(HEADER + f'  - {{type: Event, name: E, start: "{date}", sources: [s]}}\n', encoding="utf-8")
    problems = assert_refused(["load", str(path)], path, capsys)
    assert [p["field"] for p in problems] == ["start"], problems


def test_yaml_date_precision_compares_as_intervals(cli_store, capsys):
    """A start 2015-06 with an end 2015 is valid (the end's year holds June); an end before the start is not."""
    ok = HEADER + (
        "  - {type: Event, name: E, start: 2015-06, end: 2015, sources: [s]}\n"
        "  - {type: Organisation, name: O, founded: 2015-06-15, dissolved: 2015-06, sources: [s]}\n"
    )
    path = cli_store / "intervals.yaml"
    path.write_text(ok, encoding="utf-8")
    assert main(["load", str(path)]) == 0
    bad = HEADER + "  - {type: Event, name: E, start: 2015-06, end: 2015-05, sources: [s]}\n"
    path.write_text(bad, encoding="utf-8")
    problems = assert_refused(["load", str(path)], path, capsys)
    assert [(p["field"], p["message"]) for p in problems] == [("end", "end 2015-05 is before start 2015-06")]


@pytest.mark.parametrize(
    ("start", "end", "valid"),
    [
        ("2015-06", "2015", True),
        ("2015", "2015-01", True),
        ("2015-06-15", "2015-06", True),
        ("2015-06", "2015-06-01", True),
        ("2016", "2015-12-31", False),
        ("2015-06-02", "2015-06-01", False),
        ("2015-07", "2015-06", False),
    ],
)
def test_tie_dates_compare_as_intervals(start, end, valid):
    kwargs = dict(type=TieType.MEMBER_OF, source="person:a", target="org:b", start=start, end=end, sources=["s"])
    if valid:
        Tie(**kwargs)
    else:
        with pytest.raises(ValueError, match="is before start"):
            Tie(**kwargs)


@FUZZ
@given(
    size=st.integers(min_value=131_073, max_value=400_000),
    column=st.sampled_from(["name", "description", "aliases"]),
)
def test_csv_cells_beyond_the_csv_limit_are_located_errors(cli_store, capsys, embedded_store, size, column):
    header = "type,name,description,aliases,sources"
    cells = {"name": "N", "description": "", "aliases": ""}
    cells[column] = "x" * size
    text = f"{header}\nOrganisation,{cells['name']},{cells['description']},{cells['aliases']},s\n"
    path = cli_store / "long.csv"
    path.write_text(text, encoding="utf-8")
    problems = assert_refused(["load", str(path)], path, capsys)
    assert problems[0]["entry"] == "row 2"
    assert_upload_refused(embedded_store, path.name, text.encode())


CONTROL = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\x7f", "\x85", "\ufffe"]


@FUZZ
@given(
    char=st.sampled_from(CONTROL),
    where=st.sampled_from(["name", "alias", "description", "role", "title"]),
    fmt=st.sampled_from(["yaml", "json", "csv"]),
)
def test_control_characters_are_refused_on_input(cli_store, capsys, char, where, fmt):
    name = "Ver" + char + "ein" if where == "name" else "Verein"
    node = {"type": "Organisation", "name": name, "sources": ["s"]}
    if where == "alias":
        node["aliases"] = ["V" + char + "E"]
    if where == "description":
        node["description"] = "eins" + char + "zwei"
    source = {"id": "s", "title": "Rep" + (char if where == "title" else "") + "ort", "publisher": "Council"}
    ties = []
    if where == "role":
        ties = [
            {
                "type": "MEMBER_OF",
                "source": "org:verein",
                "target": "org:stadt-trier",
                "role": "x" + char + "y",
                "sources": ["s"],
            }
        ]
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["type", "name", "aliases", "description", "sources"])
        writer.writerow(["Organisation", name, "|".join(node.get("aliases", [])), node.get("description", ""), "s"])
        if char in "\x00" or where in ("role", "title"):
            return  # the csv module refuses NUL bytes itself (covered above); roles and titles are not node columns
        path = cli_store / "ctrl.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
    else:
        doc = {"pontes": 1, "sources": [source], "nodes": [node], "ties": ties}
        path = cli_store / f"ctrl.{fmt}"
        path.write_text(json.dumps(doc), encoding="utf-8")  # JSON escapes are valid YAML as well
    problems = assert_refused(["load", str(path)], path, capsys)
    assert any("control character" in p["message"] or "special characters" in p["message"] for p in problems), problems
    shown = capsys.readouterr().err
    assert char not in shown  # the message shows an escape, not the character itself


#: Texts that show nothing: spaces (stripped), zero-width and format characters, blank-looking
#: letters, a combining mark alone.
INVISIBLE = [
    "   ",
    "\u00a0",
    "\u3000",
    "\u200b",
    "\u200b\u200c\u200d",
    "\ufeff",
    "\u2060",
    "\u2800",
    "\u3164",
    "\u0301",
]


@pytest.mark.parametrize("text", INVISIBLE)
@pytest.mark.parametrize("where", ["name", "alias", "names.fr", "description", "title"])
def test_a_text_that_shows_nothing_is_a_located_error_with_a_code(cli_store, capsys, text, where):
    node: dict = {"type": "Organisation", "name": text if where == "name" else "Verein", "sources": ["s"]}
    if where == "alias":
        node["aliases"] = [text]
    if where == "names.fr":
        node["names"] = {"fr": text}
    if where == "description":
        node["description"] = text
    source = {"id": "s", "title": text if where == "title" else "Report"}
    path = cli_store / "blank.json"
    path.write_text(json.dumps({"pontes": 1, "sources": [source], "nodes": [node]}), encoding="utf-8")
    assert_refused(["load", str(path)], path, capsys)
    with pytest.raises(ValidationFailed) as caught:
        read_paths([path])
    (problem,) = [p for p in caught.value.problems if p.code == "no_visible_character"]
    assert problem.field.split(".")[0] == {"alias": "aliases", "names.fr": "names"}.get(where, where)
    # the entry is named by its name only where that shows something
    assert problem.entry == {"name": "nodes[0]", "title": "sources[0] (s)"}.get(where, "nodes[0] (Verein)")


def test_an_entry_is_named_in_one_line(tmp_path):
    path = tmp_path / "wrapped.json"
    node = {"type": "Organisation", "name": "Initiative Region\nTrier", "founded": "someday", "sources": ["s"]}
    path.write_text(json.dumps({"pontes": 1, "sources": [{"id": "s", "title": "Report"}], "nodes": [node]}), "utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_paths([path])
    assert {p.entry for p in caught.value.problems} == {"nodes[0] (Initiative Region Trier)"}


def test_nfc_and_nfd_spellings_are_one_node(store):
    nfc = "Saarbrücken"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    a = Event(name=nfc, start="2016", sources=["s"])
    b = Event(name=nfd, start="2016", sources=["s"])
    assert a.id == b.id and a.name == b.name == nfc
    from graph.model import Place, Source

    store.upsert(
        sources=[Source(id="s", title="T", publisher="P")],
        nodes=[Place(name=nfd, kind="city", country="DE", sources=["s"])],
    )
    store.upsert(nodes=[Place(name=nfc, kind="city", country="DE", sources=["s"])])
    assert store.counts().total_nodes == 1
    assert [n.name for n in store.search("saarbrucken")] == [nfc]


# -- participation tables ---------------------------------------------------------------------------------------


def _table_args(path) -> list[str]:
    return ["load", "--participations", str(path), "--actor", "pic", "--event", "rcn", "--time", "year"]


@FUZZ
@given(
    year=st.one_of(
        st.integers(min_value=-99999, max_value=0).map(str),
        st.integers(min_value=10_000, max_value=10**9).map(str),
        st.integers(min_value=0, max_value=999).map(str),  # fewer than four digits
        st.sampled_from(["0000", "0000-05-01", "0000.5", "00000", "-2019"]),
    )
)
def test_participation_years_outside_0001_to_9999_are_located_errors(cli_store, capsys, year):
    path = cli_store / "years.csv"
    path.write_text(f"pic,rcn,year\n111,9,2019\n222,9,{year}\n", encoding="utf-8")
    problems = assert_refused(_table_args(path), path, capsys)
    assert [(p["entry"], p["field"]) for p in problems] == [("row 3", "year")]


@FUZZ
@given(
    length=st.integers(min_value=301, max_value=3000),
    column=st.sampled_from(["pic", "rcn"]),
)
def test_participation_codes_longer_than_a_name_are_located_errors(cli_store, capsys, length, column):
    long = "7" * length
    actor, event = (long, "9") if column == "pic" else ("111", long)
    path = cli_store / "codes.csv"
    path.write_text(f"pic,rcn,year\n{actor},{event},2019\n", encoding="utf-8")
    problems = assert_refused(_table_args(path), path, capsys)
    assert {p["field"] for p in problems} == {column}


@pytest.mark.parametrize("body", ["pic,rcn,year\n", "pic,rcn,year\n\n", "\ufeffpic;rcn;year\n"])
def test_an_empty_participation_table_is_a_located_error(cli_store, capsys, body):
    path = cli_store / "empty.csv"
    path.write_text(body, encoding="utf-8")
    problems = assert_refused(_table_args(path), path, capsys)
    assert [(p["entry"], p["field"]) for p in problems] == [("(table)", "(rows)")]


def test_failed_loads_leave_both_stores_unchanged(store, tmp_path):
    """The same hostile files against each store: nothing is written."""
    from graph.errors import ValidationFailed

    good = tmp_path / "good.yaml"
    good.write_text(HEADER, encoding="utf-8")
    load_paths(store, [good])
    before = (store.version(), store.counts())
    cases = {
        "deep.yaml": "pontes: 1\nnodes: " + "[" * 3000 + "]" * 3000 + "\n",
        "date.yaml": HEADER + "  - {type: Event, name: E, start: 2015-02-30, sources: [s]}\n",
        "twice.yaml": HEADER + "sources: []\n",
        "long.csv": "type,name,sources\nOrganisation," + "x" * 200_000 + ",s\n",
        "nul.json": json.dumps({"pontes": 1, "nodes": [{"type": "Topic", "name": "a\x00b", "sources": ["s"]}]}),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValidationFailed) as info:
            load_paths(store, [path])
        assert all(p.file == str(path) for p in info.value.problems), name
        assert (store.version(), store.counts()) == before, name


#: Ways a name is written across lines or with what shows nothing, all of "Caritas Trier".
ONE_NAME = [
    "Caritas\nTrier",
    "Caritas\r\nTrier",
    "Caritas\tTrier",
    "Caritas  Trier",
    "Caritas\u00a0Trier",
    "Caritas\u2028Trier",
    " Caritas \n Trier ",
    "Cari\u200btas Trier",
    "Cari\u00adtas Tri\u2060er",
]


@pytest.mark.parametrize("written", ONE_NAME)
def test_a_name_is_kept_on_one_line_without_invisible_characters(embedded_store, written):
    """A name, alias, other-language name, role or source title written across lines (a
    spreadsheet cell with a line break) or with characters that show nothing is the name as it
    looks: one node, not a second one with the same id and another name."""
    from graph.model import Organisation, Source

    org = Organisation(name=written, aliases=[written], names={"fr": written}, sources=["s"])
    assert (org.name, org.aliases, org.names) == ("Caritas Trier", ["Caritas Trier"], {"fr": "Caritas Trier"})
    assert org.id == Organisation(name="Caritas Trier", sources=["s"]).id
    tie = Tie(type=TieType.MEMBER_OF, source="person:a", target=org.id, role=written, sources=["s"])
    assert tie.role == "Caritas Trier"
    assert Source(id="s", title=written).title == "Caritas Trier"
    doc = {
        "pontes": 1,
        "sources": [{"id": "s", "title": "Report"}],
        "nodes": [{"type": "Organisation", "name": written, "sources": ["s"]}],
    }
    outcome = load_uploads(embedded_store, [("one.json", json.dumps(doc).encode())])
    assert outcome.ok, outcome.problems
    assert [n.name for n in embedded_store.snapshot().nodes if n.id == org.id] == ["Caritas Trier"]
