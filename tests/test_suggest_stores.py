"""Feedback on suggestions in both stores, on the seed network: stored as ties,
never suggested again, kept in exports, ignored by the explorer and the
metrics, and purged with the person it concerns."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from graph.analysis.views import collaboration_network, full_network
from graph.explore import explore
from graph.formats import export
from graph.gdpr import erase_person
from graph.model import FeedbackKind, TieType
from graph.suggest.engine import SuggestionEngine, SuggestionFilter
from graph.suggest.feedback import FEEDBACK_SOURCE, feedback_entries, record_feedback
from loaders import load_paths
from pontes.settings import REPO_ROOT

PERSON = "person:silke-meyer"


@pytest.fixture
def seeded(store):
    load_paths(store, [REPO_ROOT / "seeds"])
    return store


def suggested(store, actor: str, **filters) -> list[str]:
    engine = SuggestionEngine.from_subgraph(store.snapshot(), scorer="resource_allocation")
    return [s.other for s in engine.suggest(actor, k=200, filters=SuggestionFilter(**filters))]


def units_of(store, parent: str) -> set[str]:
    from graph.suggest.structure import unit_parents

    return {u for u, ps in unit_parents(store.snapshot()).items() if parent in ps}


def test_dismissed_pair_is_stored_and_never_suggested_again(seeded, tmp_path):
    before = suggested(seeded, PERSON)
    assert len(before) >= 2
    first = before[0]
    counts = seeded.counts()
    tie = record_feedback(seeded, PERSON, first, FeedbackKind.NOT_RELEVANT, note="different field")

    assert seeded.counts().ties[TieType.FEEDBACK] == counts.ties.get(TieType.FEEDBACK, 0) + 1
    assert seeded.counts().sources == counts.sources + 1
    assert {s.id for s in seeded.get_sources()} >= {FEEDBACK_SOURCE.id}
    [entry] = feedback_entries(seeded.snapshot().ties)
    assert (entry.kind, entry.note, entry.tie_id) == (FeedbackKind.NOT_RELEVANT, "different field", tie.id)
    assert {entry.a, entry.b} == {PERSON, first}

    after = suggested(seeded, PERSON)
    assert first not in after
    assert [x for x in after if x in before] == [x for x in before if x != first]  # the others keep their order
    assert set(after) - set(before) <= units_of(seeded, first)  # units no longer folded into a dismissed parent
    assert PERSON not in suggested(seeded, first)  # from either end

    files = export(seeded.snapshot(), seeded.get_sources(), "json", tmp_path / "out.json")
    data = json.loads(files[0].read_text(encoding="utf-8"))
    exported = [e for e in data["edges"] if e["type"] == "FEEDBACK"]
    assert [(e["role"], e["description"]) for e in exported] == [("not_relevant", "different field")]


def test_feedback_is_not_part_of_the_drawn_or_measured_network(seeded):
    far = suggested(seeded, PERSON)[-1]
    before_full = full_network(seeded.snapshot())
    before_collab = collaboration_network(seeded.snapshot())
    record_feedback(seeded, PERSON, far, FeedbackKind.ACTED_ON)

    view = explore(seeded, focus=PERSON, depth=1, show_private=True)
    assert far not in {n.id for n in view.nodes}
    assert not [t for t in view.ties if t.type is TieType.FEEDBACK]
    whole = explore(seeded, show_private=True)
    assert not [t for t in whole.ties if t.type is TieType.FEEDBACK]

    after_full = full_network(seeded.snapshot())
    after_collab = collaboration_network(seeded.snapshot())
    assert (after_full.n, after_full.m) == (before_full.n, before_full.m)
    assert (after_collab.n, after_collab.m) == (before_collab.n, before_collab.m)


def test_erasing_a_person_purges_their_feedback_and_suggestions(seeded):
    other = suggested(seeded, PERSON)[0]
    record_feedback(seeded, PERSON, other, FeedbackKind.ALREADY_IN_CONTACT)
    assert feedback_entries(seeded.snapshot().ties)
    assert PERSON in {
        s for a in ("org:caritas", "org:deutsches-rotes-kreuz") for s in suggested(seeded, a, actor_type="Person")
    }

    erase_person(seeded, PERSON, reason="ticket 17", now=datetime(2026, 11, 21, tzinfo=UTC))

    snapshot = seeded.snapshot()
    assert feedback_entries(snapshot.ties) == []
    assert PERSON not in snapshot.node_ids
    engine = SuggestionEngine.from_subgraph(snapshot, scorer="learned")
    assert PERSON not in {
        s.other
        for a in ("org:caritas", "org:deutsches-rotes-kreuz")
        for s in engine.suggest(a, k=200, filters=SuggestionFilter(actor_type="Person"))
    }


def test_forum_on_the_seed_network_covers_every_country_first(embedded_store):
    from graph.suggest.collab import collab_from_subgraph
    from graph.suggest.forum import compose_forum

    load_paths(embedded_store, [REPO_ROOT / "seeds"])
    cg = collab_from_subgraph(embedded_store.snapshot())
    plan = compose_forum(cg, "Refugee integration", 6)
    assert plan.countries == ["DE", "FR", "LU"] and plan.countries_missing == []
    assert sorted(i.country for i in plan.invitees[:3]) == ["DE", "FR", "LU"]  # one of each before the rest
    assert len({i.actor for i in plan.invitees}) == 6
