"""Merging duplicates and undoing it, on both stores (the store contract's change log, redirects, records)."""

from __future__ import annotations

import json

import pytest

from graph.changes import Change
from graph.errors import NotFound, ValidationFailed
from graph.intake.duplicates import find_duplicates
from graph.intake.merge import merge, undo
from graph.lookup import resolve
from graph.model import Event, Organisation, Person, Place, Source, Tie, TieType
from loaders import load_paths

S = [Source(id="s1", title="Report", publisher="Council"), Source(id="s2", title="Minutes", publisher="City")]
CITY = Organisation(
    name="Stadt Trier", names={"fr": "Ville de Trèves"}, country="DE", kind="local_government", sources=["s1"]
)
DUP = Organisation(name="Stadtverwaltung Trier", aliases=["Rathaus Trier"], founded="1950", sources=["s2"])
TRIER = Place(name="Trier", kind="city", country="DE", sources=["s1"])
ANNA = Person(name="Anna Weiß", legal_basis="legitimate_interests", sources=["s1"])
FORUM = Event(name="Forum", start="2019", sources=["s1"])


def _tie(kind, a, b, source="s1", **kw) -> Tie:
    return Tie(type=kind, source=a.id, target=b.id, sources=[source], **kw)


TIES = [
    _tie(TieType.LOCATED_IN, CITY, TRIER),
    _tie(TieType.LOCATED_IN, DUP, TRIER, "s2"),  # becomes the same tie as the one above
    _tie(TieType.MEMBER_OF, ANNA, DUP, "s2", role="head"),  # moves to the city
    _tie(TieType.PARTICIPATED_IN, DUP, FORUM, "s2", role="host"),
    _tie(TieType.COOPERATES_WITH, CITY, DUP),  # between the two: dropped
]


@pytest.fixture
def graph(store):
    store.upsert(sources=S, nodes=[CITY, DUP, TRIER, ANNA, FORUM], ties=TIES)
    return store


def test_merge_moves_names_sources_and_ties_to_the_node_kept(graph):
    before = graph.version()
    change = merge(graph, CITY.id, DUP.id, by="editor")
    assert graph.version() > before
    assert graph.get_node(DUP.id) is None
    kept = graph.get_node(CITY.id)
    assert kept.aliases == ["Stadtverwaltung Trier", "Rathaus Trier"] and kept.names == CITY.names
    assert kept.sources == ["s1", "s2"] and kept.founded == "1950" and kept.country == "DE"
    ties = {(t.type, t.source, t.target, t.role): t for t in graph.ties_touching([CITY.id])}
    assert set(ties) == {
        (TieType.LOCATED_IN, CITY.id, TRIER.id, None),
        (TieType.MEMBER_OF, ANNA.id, CITY.id, "head"),
        (TieType.PARTICIPATED_IN, CITY.id, FORUM.id, "host"),
    }
    assert ties[(TieType.LOCATED_IN, CITY.id, TRIER.id, None)].sources == ["s1", "s2"]
    assert graph.redirects() == {DUP.id: CITY.id}
    assert [c.id for c in graph.changes()] == [change.id] and graph.changes()[0] == change


def test_undo_restores_both_nodes_and_every_tie(graph):
    original = graph.snapshot()
    change = merge(graph, CITY.id, DUP.id, by="editor")
    back = undo(graph, change.id, by="editor")
    assert graph.snapshot() == original
    assert graph.redirects() == {}
    assert [(c.action, c.undoes) for c in graph.changes()] == [("merge", None), ("undo", change.id)]
    assert back.by == "editor" and back.at >= change.at
    with pytest.raises(ValidationFailed):
        undo(graph, change.id, by="editor")  # already undone


def test_later_loads_resolve_the_merged_id(graph, tmp_path):
    merge(graph, CITY.id, DUP.id, by="editor")
    doc = {
        "pontes": 1,
        "sources": [{"id": "s3", "title": "News", "publisher": "Paper"}],
        "nodes": [{"type": "Organisation", "name": "Stadtverwaltung Trier", "sources": ["s3"]}],
        "ties": [
            {"type": "PARTICIPATED_IN", "source": DUP.id, "target": FORUM.id, "role": "organiser", "sources": ["s3"]}
        ],
    }
    path = tmp_path / "later.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    plan = load_paths(graph, [path])
    assert plan.redirected == 1 and graph.get_node(DUP.id) is None
    assert any(t.source == CITY.id and t.role == "organiser" for t in graph.ties_touching([FORUM.id]))
    assert resolve(graph, DUP.id).id == CITY.id


def test_merge_refusals(graph):
    with pytest.raises(NotFound):
        merge(graph, CITY.id, "org:nobody", by="editor")
    with pytest.raises(ValidationFailed) as e:
        merge(graph, CITY.id, TRIER.id, by="editor")
    assert e.value.problems[0].field == "type"
    with pytest.raises(ValidationFailed):
        merge(graph, CITY.id, CITY.id, by="editor")


def test_a_merge_is_undone_only_after_later_merges_of_its_nodes(graph):
    other = Organisation(name="Rathaus der Stadt Trier", sources=["s1"])
    graph.upsert(nodes=[other])
    first = merge(graph, CITY.id, DUP.id, by="editor")
    second = merge(graph, CITY.id, other.id, by="editor")
    with pytest.raises(ValidationFailed):
        undo(graph, first.id, by="editor")
    undo(graph, second.id, by="editor")
    undo(graph, first.id, by="editor")
    assert {n.id for n in graph.snapshot().nodes} >= {CITY.id, DUP.id, other.id}


def test_records_persist_and_do_not_move_the_version(store):
    version = store.version()
    store.save_record("review", "b1", '{"n": 1}')
    store.save_record("review", "b2", '{"n": 2}')
    store.save_record("review", "b1", '{"n": 3}')
    store.save_record("other", "x", "{}")
    assert store.records("review") == [("b1", '{"n": 3}'), ("b2", '{"n": 2}')]
    assert store.version() == version


def test_records_survive_a_restart(tmp_path):
    from graph.store.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "s.sqlite") as first:
        first.ensure_schema()
        first.save_record("review", "b1", "{}")
    with EmbeddedStore(tmp_path / "s.sqlite") as again:
        again.ensure_schema()
        assert again.records("review") == [("b1", "{}")]


def test_clear_forgets_changes_and_redirects_but_keeps_records(graph):
    merge(graph, CITY.id, DUP.id, by="editor")
    graph.save_record("review", "b1", "{}")
    graph.clear()
    assert graph.changes() == [] and graph.redirects() == {}
    assert graph.records("review") == [("b1", "{}")]


def test_duplicates_finds_the_pair_with_evidence(graph):
    ville = Organisation(name="Ville de Trèves", sources=["s1"])
    pairs = find_duplicates([ville], graph.snapshot().ties, against=graph.snapshot().nodes)
    assert [(p.a, p.b) for p in pairs] == [(ville.id, CITY.id)]
    assert pairs[0].reasons[0].kind == "same_name" and pairs[0].score == 1.0


def test_change_model_round_trips():
    change = Change(
        id="0" * 32, action="merge", at="2026-01-01T00:00:00Z", by="x", keep=CITY.id, other=DUP.id, before_nodes=[CITY]
    )
    assert Change.model_validate_json(change.model_dump_json()) == change


def test_a_merged_node_keeps_descriptions_that_say_the_same():
    """The descriptions in other languages go with the description they translate: the node kept
    keeps its own, and takes the other's only with the other's description."""
    from graph.draft import merged_node

    own = Organisation.model_validate(
        CITY.model_dump() | {"description": "The city.", "descriptions": {"de": "Die Stadt."}}
    )
    other = Organisation.model_validate(
        DUP.model_dump() | {"description": "Its offices.", "descriptions": {"fr": "Ses bureaux."}}
    )
    kept = merged_node(own, other)
    assert (kept.description, kept.descriptions) == ("The city.", {"de": "Die Stadt."})
    bare = merged_node(CITY, other)
    assert (bare.description, bare.descriptions) == ("Its offices.", {"fr": "Ses bureaux."})
