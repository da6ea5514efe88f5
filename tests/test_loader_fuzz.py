"""Property-based tests: whatever the input, a load either succeeds or fails
with located problems (never a traceback), and a failed load writes nothing."""

from __future__ import annotations

import copy
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ValidationFailed
from graph.store.embedded import EmbeddedStore
from loaders import load_paths
from tests.support.graphs import GOOD

BASE = yaml.safe_load(GOOD)
BASE["sources"][0]["date"] = "2016-12-01"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.text(min_size=5000, max_size=6000),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def mutated_documents(draw):
    """The good document with a few fields replaced, deleted or added, or entries duplicated."""
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        section = draw(st.sampled_from(["sources", "nodes", "ties"]))
        entries = doc[section]
        if not entries:
            continue
        entry = entries[draw(st.integers(min_value=0, max_value=len(entries) - 1))]
        action = draw(st.sampled_from(["replace", "delete", "add", "duplicate", "retarget"]))
        keys = sorted(entry)
        if action == "replace":
            entry[draw(st.sampled_from(keys))] = draw(scalars)
        elif action == "delete":
            entry.pop(draw(st.sampled_from(keys)))
        elif action == "add":
            entry[draw(st.text(min_size=1, max_size=8))] = draw(scalars)
        elif action == "duplicate":
            twin = copy.deepcopy(entry)
            if "name" in twin:
                twin["description"] = draw(st.text(max_size=20))
            entries.append(twin)
        elif action == "retarget" and section == "ties":
            entry["target"] = draw(st.text(max_size=30))
    return doc


def _check_failure(exc: ValidationFailed, path) -> None:
    assert exc.problems
    for p in exc.problems:
        assert p.file == str(path)
        assert p.entry and p.field and p.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=mutated_documents(), as_json=st.booleans())
def test_mutated_documents_fail_cleanly(tmp_path_factory, doc, as_json):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / ("a.json" if as_json else "a.yaml")
    text = json.dumps(doc, default=str) if as_json else yaml.safe_dump(doc, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    with EmbeddedStore(folder / "s.sqlite") as store:
        store.ensure_schema()
        try:
            load_paths(store, [path])
        except ValidationFailed as e:
            _check_failure(e, path)
            assert store.counts().total_nodes == 0 and store.counts().total_ties == 0


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".yaml", ".json", ".csv"]))
def test_arbitrary_bytes_fail_cleanly(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / f"a{suffix}"
    path.write_bytes(data)
    with EmbeddedStore(":memory:") as store:
        store.ensure_schema()
        try:
            load_paths(store, [path])
        except ValidationFailed as e:
            _check_failure(e, path)
            assert store.counts().total_nodes == 0


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=1, max_size=10),
        max_size=6,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_tables_fail_cleanly(tmp_path_factory, rows, delimiter):
    import csv
    import io

    header = ["type", "name", "kind", "country", "sources"]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "nodes.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    with EmbeddedStore(":memory:") as store:
        store.ensure_schema()
        try:
            load_paths(store, [path])
        except ValidationFailed as e:
            _check_failure(e, path)
            assert store.counts().total_nodes == 0


def test_yaml_bomb_is_refused_quickly(tmp_path):
    lines = ["pontes: 1", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with EmbeddedStore(":memory:") as store:
        store.ensure_schema()
        try:
            load_paths(store, [path])
        except ValidationFailed as e:
            assert [(p.entry, p.field) for p in e.problems] == [("(file)", "(syntax)")]
        else:  # pragma: no cover - would mean the bomb was accepted
            raise AssertionError("a YAML bomb was accepted")
