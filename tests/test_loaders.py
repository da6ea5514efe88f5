"""Loaders: every problem is named by file, entry and field, and nothing is written."""

from __future__ import annotations

import json

import pytest

from graph.errors import ValidationFailed
from graph.model import NodeType, TieType
from loaders import load_paths, read_paths
from tests.support.graphs import GOOD


@pytest.fixture
def write(tmp_path):
    """Factory: write a file into a fresh folder and return its path."""

    def _write(name: str, text: str | bytes):
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


def test_good_document_reads_with_derived_ids(write):
    plan = read_paths([write("a.yaml", GOOD)])
    assert sorted(n.id for n in plan.nodes) == [
        "event:runder-tisch-integration-2015-04",
        "org:initiative-region-trier",
        "place:trier",
    ]
    assert {t.type for t in plan.ties} == {TieType.LOCATED_IN, TieType.PARTICIPATED_IN}
    assert [s.id for s in plan.sources] == ["doc-a"]


def test_json_and_yaml_give_the_same_plan(write):
    import yaml

    data = yaml.safe_load(GOOD)
    data["sources"][0]["date"] = "2016-12-01"
    from_yaml = read_paths([write("a.yaml", GOOD)])
    from_json = read_paths([write("b.json", json.dumps(data))])
    assert from_yaml.nodes == from_json.nodes
    assert from_yaml.ties == from_json.ties
    assert from_yaml.sources == from_json.sources


def test_loading_twice_keeps_counts(embedded_store, write):
    path = write("a.yaml", GOOD)
    load_paths(embedded_store, [path])
    first = embedded_store.counts()
    load_paths(embedded_store, [path], batch_size=1)
    assert embedded_store.counts() == first
    assert first.nodes == {NodeType.PLACE: 1, NodeType.ORGANISATION: 1, NodeType.EVENT: 1}
    assert first.total_ties == 2


def _bad(path_name: str, old: str, new: str) -> tuple[str, str]:
    assert old in GOOD
    return path_name, GOOD.replace(old, new)


BAD_CASES = [
    # (description, file name, text, expected entry, expected field)
    (
        "bad country code",
        *_bad("a.yaml", "country: DE, sources", "country: Germany, sources"),
        "nodes[1] (Initiative Region Trier)",
        "country",
    ),
    (
        "unknown field",
        *_bad("a.yaml", "kind: network,", "kind: network, phone: 12345,"),
        "nodes[1] (Initiative Region Trier)",
        "phone",
    ),
    ("unknown node type", *_bad("a.yaml", "{type: Place,", "{type: Village,"), "nodes[0] (Trier)", "type"),
    (
        "missing sources",
        *_bad("a.yaml", "kind: round_table, sources: [doc-a]", "kind: round_table"),
        "nodes[2] (Runder Tisch Integration)",
        "sources",
    ),
    (
        "bad partial date",
        *_bad("a.yaml", "start: 2015-04", "start: April 2015"),
        "nodes[2] (Runder Tisch Integration)",
        "start",
    ),
    (
        "bad participation role",
        *_bad("a.yaml", "role: organiser", "role: boss"),
        "ties[1] (org:initiative-region-trier -PARTICIPATED_IN-> event:runder-tisch-integration-2015-04)",
        "role",
    ),
    (
        "dangling tie end",
        *_bad("a.yaml", 'target: "place:trier"', 'target: "place:metz"'),
        "ties[0] (org:initiative-region-trier -LOCATED_IN-> place:metz)",
        "target",
    ),
    (
        "unknown source",
        *_bad("a.yaml", "role: organiser, sources: [doc-a]", "role: organiser, sources: [doc-z]"),
        "ties[1] (org:initiative-region-trier -PARTICIPATED_IN-> event:runder-tisch-integration-2015-04)",
        "sources.0",
    ),
    (
        "wrong endpoint type",
        *_bad(
            "a.yaml",
            'source: "org:initiative-region-trier", target: "place:trier"',
            'source: "place:trier", target: "org:initiative-region-trier"',
        ),
        "ties[0] (place:trier -LOCATED_IN-> org:initiative-region-trier)",
        "target",
    ),
    (
        "e-mail in a description",
        *_bad("a.yaml", "kind: network,", "kind: network, description: write to a@b.de,"),
        "nodes[1] (Initiative Region Trier)",
        "description",
    ),
    ("wrong version", *_bad("a.yaml", "pontes: 1", "pontes: 2"), "(document)", "pontes"),
    (
        "yaml alias",
        *_bad("a.yaml", "lon: 6.64, sources: [doc-a]}", "lon: 6.64, sources: &s [doc-a]}"),
        "(file)",
        "(syntax)",
    ),
]


@pytest.mark.parametrize("desc,name,text,entry,field", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_entry_names_file_entry_field_and_writes_nothing(embedded_store, write, desc, name, text, entry, field):
    if desc == "yaml alias":
        text = text.replace("kind: network, country: DE, sources: [doc-a]", "kind: network, country: DE, sources: *s")
    path = write(name, text)
    with pytest.raises(ValidationFailed) as info:
        load_paths(embedded_store, [path])
    problems = info.value.problems
    assert (str(path), entry, field) in {(p.file, p.entry, p.field) for p in problems}, problems
    assert embedded_store.counts().total_nodes == 0
    assert embedded_store.counts().total_ties == 0


def test_one_bad_file_among_good_ones_writes_nothing(embedded_store, write, tmp_path):
    write("a.yaml", GOOD)
    write("b.yaml", GOOD.replace("country: DE, lat", "country: de, lat"))
    with pytest.raises(ValidationFailed) as info:
        load_paths(embedded_store, [tmp_path])
    assert [(p.file, p.entry, p.field) for p in info.value.problems] == [
        (str(tmp_path / "b.yaml"), "nodes[0] (Trier)", "country")
    ]
    assert embedded_store.counts().total_nodes == 0


def test_all_problems_are_reported_at_once(write):
    text = GOOD.replace("country: DE, lat", "country: de, lat").replace("start: 2015-04", "start: 15")
    with pytest.raises(ValidationFailed) as info:
        read_paths([write("a.yaml", text)])
    assert {(p.entry, p.field) for p in info.value.problems} >= {
        ("nodes[0] (Trier)", "country"),
        ("nodes[2] (Runder Tisch Integration)", "start"),
    }


def test_same_id_with_different_content_is_a_conflict(write, tmp_path):
    write("a.yaml", GOOD)
    write("b.yaml", GOOD.replace("lat: 49.75", "lat: 40.0"))
    with pytest.raises(ValidationFailed) as info:
        read_paths([tmp_path])
    (problem,) = info.value.problems
    assert (problem.file, problem.entry, problem.field) == (str(tmp_path / "b.yaml"), "nodes[0] (Trier)", "id")


def test_same_entry_in_two_files_is_not_a_conflict(write, tmp_path):
    write("a.yaml", GOOD)
    write("b.yaml", GOOD)
    plan = read_paths([tmp_path])
    assert len(plan.nodes) == 3


def test_broken_encoding_and_syntax(write):
    bad_utf8 = write("a.yaml", GOOD.encode("utf-8").replace(b"Tr\xc3\xa8ves", b"Tr\xe8ves"))
    broken = write("b.json", '{"pontes": 1, "nodes": [')
    with pytest.raises(ValidationFailed) as info:
        read_paths([bad_utf8, broken])
    got = {(p.file, p.entry, p.field) for p in info.value.problems}
    assert got == {(str(bad_utf8), "(file)", "(encoding)"), (str(broken), "(file)", "(syntax)")}


def test_missing_path_and_unknown_suffix(write, tmp_path):
    other = write("notes.txt", "hello")
    with pytest.raises(ValidationFailed) as info:
        read_paths([tmp_path / "nope.yaml", other])
    assert {(p.entry, p.field) for p in info.value.problems} == {("(file)", "(path)"), ("(file)", "(format)")}


# -- CSV tables --------------------------------------------------------------

SOURCES_CSV = "id,title,publisher,date\ndoc-a,Report,City of Trier,2016-12-01\n"
NODES_CSV = (
    "type,name,aliases,names.fr,kind,country,lat,lon,sources\n"
    "Place,Trier,,Trèves,city,DE,49.75,6.64,doc-a\n"
    "Organisation,Initiative Region Trier,IRT|Region Trier initiative,,network,DE,,,doc-a\n"
)
TIES_CSV = "type,source,target,role,start,sources\nLOCATED_IN,org:initiative-region-trier,place:trier,,,doc-a\n"


def test_csv_tables_load_like_seed_documents(embedded_store, write, tmp_path):
    write("1-sources.csv", SOURCES_CSV)
    write("2-nodes.csv", NODES_CSV)
    write("3-ties.csv", TIES_CSV)
    load_paths(embedded_store, [tmp_path])
    irt = embedded_store.get_node("org:initiative-region-trier")
    assert irt.aliases == ["IRT", "Region Trier initiative"]
    trier = embedded_store.get_node("place:trier")
    assert (trier.names, trier.lat) == ({"fr": "Trèves"}, 49.75)
    assert embedded_store.counts().total_ties == 1


def test_a_source_table_needs_no_publisher_column(embedded_store, write, tmp_path):
    """A source table is told by its id and title, as a seed document's source needs no publisher."""
    write("1-sources.csv", "id,title,date\ndoc-a,Report,2016-12-01\n")
    write("2-nodes.csv", NODES_CSV)
    load_paths(embedded_store, [tmp_path])
    (source,) = embedded_store.get_sources()
    assert (source.id, source.title, source.publisher, str(source.date)) == ("doc-a", "Report", None, "2016-12-01")


def test_csv_ties_may_reference_nodes_already_in_the_store(embedded_store, write, tmp_path):
    a = write("1-sources.csv", SOURCES_CSV)
    b = write("2-nodes.csv", NODES_CSV)
    load_paths(embedded_store, [a, b])
    load_paths(embedded_store, [write("3-ties.csv", TIES_CSV)])
    assert embedded_store.counts().total_ties == 1


@pytest.mark.parametrize(
    "text,entry,field",
    [
        (NODES_CSV.replace("49.75", "north"), "row 2 (Trier)", "lat"),
        (NODES_CSV.replace("Place,Trier", "Place,"), "row 2", "name"),
        (NODES_CSV.replace(",DE,49.75", ",DE,99.0"), "row 2 (Trier)", "lat"),
        # an attendance in digits that str.isdigit() accepts and int() does not, or in another script's digits
        *[
            (f"type,name,start,attendance,sources\nEvent,Fachtag,2018,{n},doc-a\n", "row 2 (Fachtag)", "attendance")
            for n in ("²", "٤٠")
        ],
    ],
)
def test_csv_bad_cell_named_by_row_and_column(embedded_store, write, tmp_path, text, entry, field):
    write("1-sources.csv", SOURCES_CSV)
    nodes = write("2-nodes.csv", text)
    with pytest.raises(ValidationFailed) as info:
        load_paths(embedded_store, [tmp_path])
    assert (str(nodes), entry, field) in {(p.file, p.entry, p.field) for p in info.value.problems}
    assert embedded_store.counts().total_nodes == 0


def test_csv_with_wrong_delimiter_is_named(write):
    path = write("nodes.csv", NODES_CSV.replace(",", ";"))
    with pytest.raises(ValidationFailed) as info:
        read_paths([path])
    (problem,) = info.value.problems
    assert (problem.file, problem.entry, problem.field) == (str(path), "(header)", "(columns)")


def test_csv_row_with_too_many_cells(write):
    path = write("ties.csv", TIES_CSV.replace("doc-a\n", "doc-a,extra\n"))
    with pytest.raises(ValidationFailed) as info:
        read_paths([path])
    assert [(p.entry, p.field) for p in info.value.problems][0] == ("row 2", "(row)")


def test_ties_to_an_invalid_node_are_not_reported_twice(write):
    text = GOOD.replace("kind: network, country: DE", "kind: network, country: D")
    with pytest.raises(ValidationFailed) as info:
        read_paths([write("a.yaml", text)])
    assert [(p.entry, p.field) for p in info.value.problems] == [("nodes[1] (Initiative Region Trier)", "country")]


def test_a_load_names_the_stored_sources_it_replaces(embedded_store, write, tmp_path):
    from loaders import replaced_sources, source_changes

    first = write("1-sources.csv", SOURCES_CSV)
    load_paths(embedded_store, [first])
    same = read_paths([first]).sources
    assert replaced_sources(embedded_store, same) == []  # loading the same file again changes nothing
    other = read_paths([write("2-sources.csv", SOURCES_CSV.replace("Report,City of Trier", "Bericht,Stadt Trier"))])
    ((stored, new),) = replaced_sources(embedded_store, other.sources)
    assert (stored.id, new.id) == ("doc-a", "doc-a")
    assert source_changes(stored, new) == [
        ("title", "Report", "Bericht"),
        ("publisher", "City of Trier", "Stadt Trier"),
    ]


@pytest.mark.parametrize(
    "entry_text,field,message",
    [
        (
            "{type: Place, name: X, kind: city, country: Deutschland, sources: [doc-a]}",
            "country",
            "two-letter country code",
        ),
        ("{type: Event, name: X, start: 12.5.2018, sources: [doc-a]}", "start", "a date: YYYY, YYYY-MM or YYYY-MM-DD"),
        ("{type: Organisation, name: X, colour: red, sources: [doc-a]}", "colour", "unknown field"),
        ("{type: Organisation, sources: [doc-a]}", "name", "required, but missing"),
    ],
)
def test_problems_say_in_words_what_a_field_should_be(write, entry_text, field, message):
    """No regular expression and no pydantic wording ("String should match pattern '^[A-Z]{2}$'")."""
    path = write(
        "d.yaml", "pontes: 1\nsources: [{id: doc-a, title: T, publisher: P}]\nnodes:\n  - " + entry_text + "\n"
    )
    with pytest.raises(ValidationFailed) as info:
        read_paths([path])
    found = [(p.field, p.message) for p in info.value.problems]
    assert any(f == field and message in m for f, m in found), found
    assert not any("^" in m or "Value error" in m or "Input should" in m for _, m in found)


def test_every_pattern_of_the_model_has_words():
    import re
    from pathlib import Path

    import graph.model as model
    from graph.errors import PATTERN_WORDS

    source = Path(model.__file__).read_text(encoding="utf-8")
    patterns = set(re.findall(r'pattern=r"([^"]+)"', source)) | set(
        re.findall(r'^_PARTIAL_DATE = r"([^"]+)"', source, re.M)
    )
    assert len(patterns) >= 6
    internal = {r"^[0-9a-f]{32}$", r"^[0-9a-f]{64}$"}  # ids the software writes, never a person
    assert patterns - internal <= set(PATTERN_WORDS)
