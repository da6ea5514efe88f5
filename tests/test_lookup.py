"""graph.lookup: one way from what a user typed to a node, on both stores."""

from __future__ import annotations

import unicodedata

import pytest

from graph.errors import Ambiguous, NotFound
from graph.lookup import resolve, resolve_actor, resolve_person, resolve_topic
from graph.model import NodeType, Organisation, Person, Source, Topic

SRC = Source(id="s", title="Report", publisher="Council")
TRIER = Organisation(name="Stadt Trier", names={"fr": "Ville de Trèves"}, aliases=["Trier"], sources=["s"])
TRIER_NET = Organisation(name="Netzwerk Trierer Vereine", sources=["s"])
SAAR = Organisation(name="Landeshauptstadt Saarbrücken", aliases=["Saarbrücken"], sources=["s"])
JUERGEN = Person(name="Jürgen Schmidt", legal_basis="consent", visibility="public", sources=["s"])
HIDDEN = Person(name="Paula Privat", legal_basis="consent", sources=["s"])
TWIN_A = Person(id="person:sam-doe-a", name="Sam Doe", legal_basis="consent", visibility="public", sources=["s"])
TWIN_B = Person(id="person:sam-doe-b", name="Sam Doe", legal_basis="consent", visibility="public", sources=["s"])
TOPIC = Topic(name="Labour market", names={"de": "Arbeitsmarkt"}, sources=["s"])
EIFEL = Organisation(name="Eifelkreis Bitburg-Prüm", names={"fr": "Arrondissement d’Eifel-Bitburg-Prüm"}, sources=["s"])


@pytest.fixture
def filled(store):
    store.upsert(sources=[SRC], nodes=[TRIER, TRIER_NET, SAAR, JUERGEN, HIDDEN, TWIN_A, TWIN_B, TOPIC, EIFEL])
    return store


@pytest.mark.parametrize(
    "typed",
    [
        "org:stadt-trier",  # the id
        "Stadt Trier",  # the name
        "stadt  trier ",  # case and doubled spaces do not matter
        "Ville de Treves",  # an other-language name, accents folded
        "trier",  # an alias
    ],
)
def test_an_actor_by_id_name_alias_or_other_language_name(filled, typed):
    assert resolve_actor(filled, typed).id == TRIER.id


def test_folding_matches_both_spellings_and_both_unicode_forms(filled):
    assert resolve_person(filled, "Juergen Schmidt").id == JUERGEN.id
    assert resolve_person(filled, "jurgen schmidt").id == JUERGEN.id
    assert resolve_actor(filled, unicodedata.normalize("NFD", "Saarbrücken")).id == SAAR.id
    assert resolve_actor(filled, "Saarbruecken").id == SAAR.id


@pytest.mark.parametrize("typed", ["Arrondissement d'Eifel-Bitburg-Prüm", "arrondissement d’eifel", "d‘Eifel"])
def test_a_name_written_with_a_typographic_apostrophe_is_found_as_typed(filled, typed):
    """French names are written with ’ and typed with ' (and either finds the other)."""
    assert resolve_actor(filled, typed).id == EIFEL.id


def test_an_exact_label_wins_over_partial_matches(filled):
    # "trier" is part of two names, but it is exactly Stadt Trier's alias
    assert resolve_actor(filled, "Trier").id == TRIER.id


def test_a_unique_partial_name_is_enough_for_actors_never_for_persons(filled):
    assert resolve_actor(filled, "Trierer Vereine").id == TRIER_NET.id
    assert resolve_actor(filled, "Jürgen").id == JUERGEN.id
    with pytest.raises(NotFound):
        resolve_person(filled, "Jürgen")


def test_several_matches_raise_ambiguous_with_the_candidates(filled):
    with pytest.raises(Ambiguous) as info:
        resolve_person(filled, "Sam Doe")
    assert info.value.candidates == [(TWIN_A.id, "Sam Doe"), (TWIN_B.id, "Sam Doe")]
    with pytest.raises(Ambiguous) as info:
        resolve_actor(filled, "Tri")  # part of two names, the label of none
    assert [c[0] for c in info.value.candidates] == [TRIER_NET.id, TRIER.id]


def test_private_persons_cannot_be_found_by_name_unless_asked(filled):
    with pytest.raises(NotFound):
        resolve_actor(filled, "Paula Privat")
    with pytest.raises(NotFound):
        resolve_actor(filled, HIDDEN.id)
    assert resolve_actor(filled, "Paula Privat", show_private=True).id == HIDDEN.id
    assert resolve_person(filled, "Paula Privat").id == HIDDEN.id  # data-subject requests


def test_types_are_respected(filled):
    with pytest.raises(NotFound):
        resolve_person(filled, "Stadt Trier")
    with pytest.raises(NotFound):
        resolve(filled, TOPIC.id, types=[NodeType.ORGANISATION])
    assert resolve_topic(filled, "Arbeitsmarkt").id == TOPIC.id


@pytest.mark.parametrize(
    "typed,message",
    [
        ("", "no actor given: the text is empty"),
        ("   ", "no actor given: the text is empty"),
        ("Nobody", "no actor named 'Nobody'"),
        ("org:nothing-here", "no actor with id 'org:nothing-here'"),
    ],
)
def test_nothing_found(filled, typed, message):
    with pytest.raises(NotFound) as info:
        resolve_actor(filled, typed)
    assert (str(info.value), info.value.what) == (message, "actor")


def test_nothing_found_names_what_was_looked_for(filled):
    with pytest.raises(NotFound, match="^no topic named 'Wohnen'$"):
        resolve_topic(filled, "Wohnen")
    with pytest.raises(NotFound, match="^no person named 'Stadt Trier'$"):
        resolve_person(filled, "Stadt Trier")


def test_person_report_finds_a_name_typed_with_ascii_umlauts_and_doubled_spaces(monkeypatch, tmp_path, capsys):
    import json

    from pontes.cli import main

    doc = {
        "pontes": 1,
        "sources": [{"id": "s", "title": "T", "publisher": "P"}],
        "nodes": [{"type": "Person", "name": "Jürgen Schmidt", "legal_basis": "consent", "sources": ["s"]}],
    }
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "s.sqlite"))
    assert main(["load", str(path)]) == 0
    capsys.readouterr()
    assert main(["person", "report", "Juergen  Schmidt"]) == 0
    assert json.loads(capsys.readouterr().out)["person"]["name"] == "Jürgen Schmidt"
