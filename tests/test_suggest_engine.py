"""Suggestions on a small typed graph: candidates, reasons with sources, filters, feedback, forum."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import yaml

from graph.errors import NotFound, ValidationFailed
from graph.model import FeedbackKind, SeedDocument, Tie, TieType
from graph.store.base import Subgraph
from graph.suggest.candidates import candidates
from graph.suggest.collab import collab_from_subgraph
from graph.suggest.engine import SuggestionEngine, SuggestionFilter, top_k_all
from graph.suggest.feedback import excluded_pairs, feedback_tie, latest_feedback, record_feedback
from graph.suggest.forum import compose_forum
from graph.suggest.scorers import get_scorer
from tests.support.graphs import DOC

SOURCES = SeedDocument.model_validate(yaml.safe_load(DOC)).sources


@pytest.fixture
def sub():
    doc = SeedDocument.model_validate(yaml.safe_load(DOC))
    return Subgraph(nodes=list(doc.nodes), ties=list(doc.ties))


def test_collab_graph_of_the_typed_graph(sub):
    cg = collab_from_subgraph(sub)
    assert set(cg.actors) == {
        "org:quattropole",
        "org:stadt-trier",
        "org:caritas-trier",
        "org:ihk-trier",
        "org:ville-de-metz",
        "org:asbl-lux",
    }
    g = cg.to_networkx()
    assert sorted(map(sorted, g.edges)) == [
        ["org:caritas-trier", "org:ihk-trier"],
        ["org:caritas-trier", "org:stadt-trier"],
        ["org:caritas-trier", "org:ville-de-metz"],
        ["org:ihk-trier", "org:stadt-trier"],
    ]
    assert cg.country[cg.index["org:asbl-lux"]] == "LU"
    assert cg.activity_time[list(cg.activity_names).index("Meeting")] == pytest.approx(2017 + 2 / 12, abs=0.01)


def test_candidates_two_steps_and_shared_context_across_a_border(sub):
    cg = collab_from_subgraph(sub)
    c = candidates(cg, cg.index["org:stadt-trier"])
    found = {cg.actors[t]: (int(s), bool(x)) for t, s, x in zip(c.targets, c.steps, c.context)}
    # Metz: two steps via Caritas (and Trier-Metz are QuattroPole cities); ASBL: no path, shared topic and city pair
    assert found == {"org:ville-de-metz": (2, True), "org:asbl-lux": (0, True)}


def test_suggestions_carry_reasons_and_sources(sub):
    engine = SuggestionEngine(collab_from_subgraph(sub), get_scorer("resource_allocation"))
    top = engine.suggest("org:stadt-trier", k=5)
    assert [s.other for s in top] == ["org:ville-de-metz", "org:asbl-lux"]
    metz = top[0]
    assert metz.crosses_border and metz.probability is None and metz.band == "medium"
    kinds = [r.kind for r in metz.reasons]
    assert kinds[0] == "shared_partners" and "cross_border" in kinds
    shared = metz.reasons[0]
    assert shared.params["names"] == ["Caritas Trier"] and shared.text == "1 shared partner: Caritas Trier"
    assert any("Meeting (2017)" in e.label for e in shared.evidence)
    assert metz.sources == ("doc-a", "doc-b")
    lux = top[1]
    assert {r.kind for r in lux.reasons} >= {"shared_topics", "linked_places_network", "cross_border", "new_actor"}
    assert "Luxembourg and Trier are linked through the QuattroPole network" in [r.text for r in lux.reasons]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SuggestionFilter(cross_border=True), ["org:ville-de-metz", "org:asbl-lux"]),
        (SuggestionFilter(country="lu"), ["org:asbl-lux"]),
        (SuggestionFilter(actor_type="ngo"), ["org:asbl-lux"]),
        (SuggestionFilter(actor_type="Organisation"), ["org:ville-de-metz", "org:asbl-lux"]),
        (SuggestionFilter(topic="Migration"), ["org:asbl-lux"]),
        (SuggestionFilter(topic="no such topic"), []),
    ],
)
def test_filters(sub, filters, expected):
    engine = SuggestionEngine(collab_from_subgraph(sub), get_scorer("resource_allocation"))
    assert [s.other for s in engine.suggest("org:stadt-trier", filters=filters)] == expected


@pytest.mark.parametrize(
    "filters,field",
    [
        (SuggestionFilter(actor_type="Banana"), "actor_type"),  # no type or kind any actor has
        (SuggestionFilter(country="ZZ"), "country"),
        (SuggestionFilter(country="IT"), "country"),  # a country, but no actor of the network is there
    ],
)
def test_a_filter_that_names_nothing_in_the_network_is_an_error_not_an_empty_list(sub, filters, field):
    engine = SuggestionEngine(collab_from_subgraph(sub), get_scorer("resource_allocation"))
    with pytest.raises(ValidationFailed) as info:
        engine.suggest("org:stadt-trier", filters=filters)
    ((entry, got, message),) = [(p.entry, p.field, p.message) for p in info.value.problems]
    assert (entry, got) == ("suggestions", field)
    assert ("LU" in message and "DE" in message) if field == "country" else ("ngo" in message)


def test_unknown_actor(sub):
    engine = SuggestionEngine(collab_from_subgraph(sub), get_scorer("common_neighbours"))
    with pytest.raises(NotFound):
        engine.suggest("org:nobody")


def test_learned_default_gives_probabilities(sub):
    engine = SuggestionEngine.from_subgraph(sub)
    top = engine.suggest("org:stadt-trier")
    assert {s.other for s in top} == {"org:ville-de-metz", "org:asbl-lux"}
    if engine.probabilistic:
        assert all(0 <= s.probability <= 1 for s in top)
    assert engine.scorer.status


def test_top_k_for_everyone_matches_one_by_one(sub):
    cg = collab_from_subgraph(sub)
    ra = get_scorer("resource_allocation")
    targets, scores = top_k_all(cg, ra, k=3)
    i = cg.index["org:stadt-trier"]
    assert cg.actors[targets[i, 0]] == "org:ville-de-metz" and scores[i, 0] == pytest.approx(1 / 3)
    assert targets[i, 1] == -1  # ASBL has no path, so no score in matrix form


# -- feedback --------------------------------------------------------------------------
def test_feedback_tie_is_canonical_and_validated():
    t1 = feedback_tie("org:b", "org:a", FeedbackKind.NOT_RELEVANT, on=dt.date(2025, 1, 2))
    t2 = feedback_tie("org:a", "org:b", "not_relevant", on=dt.date(2025, 1, 2))
    assert t1.id == t2.id and (t1.source, t1.target) == ("org:a", "org:b") and t1.type is TieType.FEEDBACK
    with pytest.raises(ValueError):
        Tie(type=TieType.FEEDBACK, source="org:a", target="org:b", sources=["x"])  # no decision


def test_latest_feedback_wins():
    ties = [
        feedback_tie("org:a", "org:b", "not_relevant", on=dt.date(2025, 1, 1)),
        feedback_tie("org:a", "org:b", "acted_on", on=dt.date(2025, 3, 1)),
        feedback_tie("org:a", "org:c", "not_relevant", on=dt.date(2025, 3, 1)),
        feedback_tie("org:a", "org:c", "already_in_contact", on=dt.date(2025, 3, 1)),
    ]
    latest = latest_feedback(ties)
    assert latest[frozenset({"org:a", "org:b"})].kind is FeedbackKind.ACTED_ON
    assert latest[frozenset({"org:a", "org:c"})].kind is FeedbackKind.ALREADY_IN_CONTACT
    assert excluded_pairs(ties) == {frozenset({"org:a", "org:b"}), frozenset({"org:a", "org:c"})}


def test_dismissed_pair_is_never_suggested_again_and_is_exported(embedded_store, sub, tmp_path):
    from graph.formats import export

    embedded_store.upsert(sources=SOURCES, nodes=sub.nodes, ties=sub.ties)
    record_feedback(embedded_store, "org:stadt-trier", "org:ville-de-metz", "already_in_contact", note="met in 2024")
    snapshot = embedded_store.snapshot()
    engine = SuggestionEngine.from_subgraph(snapshot, scorer="resource_allocation")
    assert [s.other for s in engine.suggest("org:stadt-trier")] == ["org:asbl-lux"]
    assert [s.other for s in engine.suggest("org:ville-de-metz")] == [] or "org:stadt-trier" not in [
        s.other for s in engine.suggest("org:ville-de-metz")
    ]
    files = export(snapshot, embedded_store.get_sources(), "csv", tmp_path / "out")
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    assert "FEEDBACK" in text and "already_in_contact" in text


@pytest.mark.parametrize(
    ("a", "b", "kind", "error"),
    [
        ("org:stadt-trier", "org:nobody", "acted_on", NotFound),
        ("org:stadt-trier", "org:stadt-trier", "acted_on", ValidationFailed),
        ("org:stadt-trier", "place:trier", "acted_on", ValidationFailed),
        ("org:stadt-trier", "org:asbl-lux", "maybe", ValidationFailed),
    ],
)
def test_record_feedback_errors(embedded_store, sub, a, b, kind, error):
    embedded_store.upsert(sources=SOURCES, nodes=sub.nodes, ties=sub.ties)
    with pytest.raises(error):
        record_feedback(embedded_store, a, b, kind)


# -- forum --------------------------------------------------------------------------------
def test_forum_covers_countries_and_explains(sub):
    cg = collab_from_subgraph(sub)
    plan = compose_forum(cg, "Migration", 3)
    assert len(plan.invitees) == 3
    assert plan.countries == ["DE", "FR", "LU"] and plan.countries_missing == []
    assert all(i.reasons for i in plan.invitees)
    assert plan.new_pairs == 3 - sum(
        1
        for x in plan.invitees
        for y in plan.invitees
        if x.actor < y.actor and cg.tied(np.array([cg.index[x.actor]]), np.array([cg.index[y.actor]]))[0]
    )


def test_forum_keeps_invited_and_rejects_unknown(sub):
    cg = collab_from_subgraph(sub)
    plan = compose_forum(cg, "Migration", 2, invited=["org:ihk-trier"])
    assert plan.invitees[0].actor == "org:ihk-trier" and plan.invitees[0].invited
    assert plan.invitees[0].reasons[0] == "Already invited"
    with pytest.raises(NotFound):
        compose_forum(cg, "Migration", 2, invited=["org:nobody"])
    with pytest.raises(NotFound):
        compose_forum(cg, "No such topic", 2)


def test_forum_coverage_that_is_no_country_code_or_kind_is_an_error(sub):
    cg = collab_from_subgraph(sub)
    with pytest.raises(ValidationFailed) as info:
        compose_forum(cg, "Migration", 3, countries=["Germany", "LU"], sectors=["banana", "ngo"])
    assert [(p.entry, p.field) for p in info.value.problems] == [("coverage", "countries"), ("coverage", "sectors")]
    assert info.value.problems[0].message == "not a two-letter country code: GERMANY"
    assert info.value.problems[1].message.startswith("not a kind of organisation: banana; kinds: ")
    # real codes: one the network has, one it lacks (a gap the plan names), in any case
    plan = compose_forum(cg, "Migration", 3, countries=["lu", "be"], sectors=["ngo"])
    assert plan.countries == ["LU"] and plan.countries_missing == ["BE"]
