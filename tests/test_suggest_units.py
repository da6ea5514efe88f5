"""The right kind of partner on a small hand-made graph: units and their
parents, persons, private stand-ins, and the texts that name them."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Event, Organisation, Person, Tie, TieType, Topic
from graph.privacy import redact
from graph.store.base import Subgraph
from graph.suggest.collab import collab_from_subgraph
from graph.suggest.engine import SuggestionEngine, SuggestionFilter
from graph.suggest.feedback import feedback_tie
from graph.suggest.forum import compose_forum
from graph.suggest.structure import series_members, unit_parents
from graph.suggest.text import ENGLISH, PLURAL, name_list, render
from ui.i18n import LANGUAGES, catalogue

S = ["s"]


def hand_made() -> tuple[Subgraph, dict[str, str]]:
    """S (FR) met X; X met the city P and its working group U; P organised a
    concept whose working group V is part of it; X's network N has S as a
    member, its working group G is a unit of N; M is a public person at X,
    Q a private one at S; T is a topic of U only.

    Events: E1 S-X (2015), E2 X-P (2016), E3 X-U (2016), K the concept (P organiser)."""
    nodes = {
        "S": Organisation(name="Ville S", country="FR", kind="local_government", sources=S),
        "X": Organisation(name="Verein X", country="DE", kind="ngo", sources=S),
        "P": Organisation(name="Stadt P", country="DE", kind="local_government", sources=S),
        "U": Organisation(name="AG U", country="DE", kind="working_group", sources=S),
        "V": Organisation(name="AG V", country="DE", kind="working_group", sources=S),
        "N": Organisation(name="Netz N", kind="network", sources=S),
        "G": Organisation(name="AG G", kind="working_group", sources=S),
        "M": Person(name="Mia Public", visibility="public", legal_basis="public_task", sources=S),
        "Q": Person(name="Quinn Private", legal_basis="consent", sources=S),
        "T": Topic(name="Health", sources=S),
        "E1": Event(name="E1", start="2015", sources=S),
        "E2": Event(name="E2", start="2016", sources=S),
        "E3": Event(name="E3", start="2016", sources=S),
        "K": Event(name="Konzept", start="2014", kind="project", sources=S),
    }
    ids = {k: n.id for k, n in nodes.items()}

    def tie(kind, a, b, **kw):
        return Tie(type=kind, source=ids[a], target=ids[b], sources=S, **kw)

    ties = [
        tie(TieType.PARTICIPATED_IN, "S", "E1"),
        tie(TieType.PARTICIPATED_IN, "X", "E1"),
        tie(TieType.PARTICIPATED_IN, "X", "E2"),
        tie(TieType.PARTICIPATED_IN, "P", "E2"),
        tie(TieType.PARTICIPATED_IN, "X", "E3"),
        tie(TieType.PARTICIPATED_IN, "U", "E3"),
        tie(TieType.PART_OF, "U", "P"),
        tie(TieType.PARTICIPATED_IN, "P", "K", role="organiser"),
        tie(TieType.PART_OF, "V", "K"),
        tie(TieType.MEMBER_OF, "X", "N"),
        tie(TieType.MEMBER_OF, "S", "N"),
        tie(TieType.PART_OF, "G", "N"),
        tie(TieType.MEMBER_OF, "M", "X", role="member"),
        tie(TieType.MEMBER_OF, "Q", "S", role="member"),
        tie(TieType.ADDRESSES, "U", "T"),
    ]
    return Subgraph(nodes=list(nodes.values()), ties=ties), ids


@pytest.fixture
def hand():
    return hand_made()


def test_units_parents_and_series_by_hand(hand):
    sub, ids = hand
    assert unit_parents(sub) == {ids["U"]: {ids["P"]}, ids["V"]: {ids["P"]}, ids["G"]: {ids["N"]}}
    assert series_members(sub, {n.id for n in sub.nodes}) == {}  # no event has parts here
    cg = collab_from_subgraph(sub)
    assert cg.tied(cg.ids([ids["V"]]), cg.ids([ids["P"]]))[0]  # a working group of a project takes part in it


def test_a_unit_is_suggested_through_its_parent(hand):
    sub, ids = hand
    engine = SuggestionEngine.from_subgraph(redact(sub))
    found = {s.other: s for s in engine.suggest(ids["S"], k=20)}
    assert ids["P"] in found and ids["U"] not in found and ids["V"] not in found
    units = next(r for r in found[ids["P"]].reasons if r.kind == "units")
    assert units.params["ids"] == [ids["U"], ids["V"]] and units.text == "Its units AG U and AG V fit as well"
    assert found[ids["P"]].score >= max(
        engine.scorer.score(engine.cg, engine.cg.ids([ids["S"]] * 2), engine.cg.ids([ids["U"], ids["V"]]))
    )
    # G is a working group of the network S belongs to: a unit of S's parent? No: S is a member, not a unit
    assert ids["G"] in found


def test_own_units_and_parents_are_never_candidates(hand):
    sub, ids = hand
    engine = SuggestionEngine.from_subgraph(sub)
    assert {ids["U"], ids["V"]}.isdisjoint(s.other for s in engine.suggest(ids["P"], k=20))
    for unit in ("U", "V"):
        assert ids["P"] not in {s.other for s in engine.suggest(ids[unit], k=20)}


def test_a_dismissed_parent_no_longer_hides_its_units(hand):
    sub, ids = hand
    dismissed = feedback_tie(ids["S"], ids["P"], "not_relevant", on=dt.date(2025, 1, 1))
    engine = SuggestionEngine.from_subgraph(Subgraph(nodes=sub.nodes, ties=[*sub.ties, dismissed]))
    found = [s.other for s in engine.suggest(ids["S"], k=20)]
    assert ids["P"] not in found and ids["U"] in found


def test_persons_only_on_request_and_stand_ins_never(hand):
    sub, ids = hand
    public = redact(sub)
    engine = SuggestionEngine.from_subgraph(public)
    assert {s.type for s in engine.suggest(ids["P"], k=20)} == {"Organisation"}
    persons = [s.other for s in engine.suggest(ids["P"], k=20, filters=SuggestionFilter(actor_type="Person"))]
    assert persons == [ids["M"]]  # the private person's stand-in is a partner of S's partners, never suggested
    assert any(n.id.startswith("person:private-") for n in public.nodes)
    editor = SuggestionEngine.from_subgraph(sub)  # an editor asks for persons by name
    assert ids["Q"] in [s.other for s in editor.suggest(ids["P"], k=20, filters=SuggestionFilter(actor_type="Person"))]


def test_forum_invites_a_unit_only_where_it_is_more_relevant_than_its_parent(hand):
    sub, ids = hand
    cg = collab_from_subgraph(redact(sub))
    health = compose_forum(cg, "Health", 4)
    assert health.invitees[0].actor == ids["U"]  # the working group on health, whose city does not work on it
    general = compose_forum(cg, None, 6)
    assert ids["U"] not in {i.actor for i in general.invitees}  # the city comes instead
    assert not [i for i in general.invitees if i.actor.startswith("person:")]


# -- texts ------------------------------------------------------------------------------------------
def test_name_lists():
    text = ENGLISH.__getitem__
    assert name_list([], 0, text) == "none"
    assert name_list(["A"], 1, text) == "A"
    assert name_list(["A", "B"], 2, text) == "A and B"
    assert name_list(["A", "B", "C"], 3, text) == "A, B and C"
    assert name_list(["A", "B", "C", "D", "E"], 6, text) == "A, B, C, D, E and one more"
    assert name_list(["A", "B", "C", "D", "E"], 8, text) == "A, B, C, D, E and 3 more"
    # a name that holds the list's "and" beside it, or any comma: every name quoted, read one way
    assert name_list(["Language", "Participation", "Work and training"], 3, text) == (
        "“Language”, “Participation” and “Work and training”"
    )
    assert name_list(["Work and training", "Migration"], 2, text) == "“Work and training” and “Migration”"
    assert name_list(["Work and training"], 2, text) == "“Work and training” and one more"
    assert name_list(["Trier, city", "Metz"], 2, text) == "“Trier, city” and “Metz”"
    assert name_list(["Chamber of Crafts and Trades", "IHK", "City of Trier"], 3, text) == (
        "“Chamber of Crafts and Trades”, “IHK” and “City of Trier”"
    )
    assert name_list(["Work and training"], 1, text) == "Work and training"
    assert name_list(["Sandwich"], 1, text) == "Sandwich"


def test_render_plurals_and_codes():
    assert render("reason.shared_partners", {"n": 1, "names": ["A"]}) == "1 shared partner: A"
    assert render("reason.cross_border", {"a": "FR", "b": "DE"}, label=lambda g, v: f"<{g}:{v}>") == (
        "Crosses a border: <country:FR> and <country:DE>"
    )
    assert render("forum_countries", {"countries": ["DE"], "missing_countries": []}) == (
        "Countries covered: DE. Missing: none."
    )
    assert "reason.shared_partners" in PLURAL and "forum_reason.unmet" in PLURAL


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_template_is_in_every_catalogue(lang):
    """The app translates with ``suggest.<key>``; the English catalogue is the library's English."""
    found = catalogue(lang)
    assert [k for k in ENGLISH if f"suggest.{k}" not in found] == []
    if lang == "en":
        assert {k: found[f"suggest.{k}"] for k in ENGLISH} == ENGLISH
    else:
        same = [k for k in ENGLISH if found[f"suggest.{k}"] == ENGLISH[k]]
        assert same == []  # translated, not copied


def test_a_network_in_several_countries_crosses_a_border_only_with_other_countries():
    from graph.model import Place

    metz = Place(name="Metz", kind="city", country="FR", sources=S)
    lux = Place(name="Luxembourg", kind="city", country="LU", sources=S)
    net = Organisation(name="Netz", kind="network", sources=S)
    de = Organisation(name="Verein", country="DE", kind="ngo", sources=S)
    fr = Organisation(name="Ville", country="FR", kind="local_government", sources=S)
    ties = [
        Tie(type=TieType.LOCATED_IN, source=net.id, target=metz.id, sources=S),
        Tie(type=TieType.LOCATED_IN, source=net.id, target=lux.id, sources=S),
    ]
    cg = collab_from_subgraph(Subgraph(nodes=[metz, lux, net, de, fr], ties=ties))
    i = cg.index
    u = [i[net.id], i[net.id], i[de.id]]
    v = [i[de.id], i[fr.id], i[fr.id]]
    assert cg.crosses_border(u, v).tolist() == [True, False, True]
