"""Suggestions and forums on the curated seed network, tried as a planner would
(issue 17): honest confidence, the right kind of partner, sane and stable
rankings, plain reasons in three languages, a forum composer that always
answers, one country per actor everywhere."""

from __future__ import annotations

import re

import numpy as np
import pytest

from graph.facts import SEVERAL, crosses_border, node_countries, node_country
from graph.privacy import STAND_IN_PREFIX, redact
from graph.store.base import Subgraph
from graph.suggest.collab import collab_from_subgraph
from graph.suggest.engine import SuggestionEngine, SuggestionFilter
from graph.suggest.evidence import BANDS, components
from graph.suggest.forum import compose_forum
from graph.suggest.structure import unit_parents
from graph.suggest.text import render
from loaders import read_paths
from pontes.cli import main
from pontes.settings import REPO_ROOT
from tests.support.suggest import far_away
from ui.i18n import LANGUAGES, label, t


@pytest.fixture(scope="module")
def whole() -> Subgraph:
    plan = read_paths([REPO_ROOT / "seeds"])
    return Subgraph(nodes=list(plan.nodes), ties=list(plan.ties))


@pytest.fixture(scope="module")
def public(whole) -> Subgraph:
    return redact(whole)


@pytest.fixture(scope="module")
def engine(public) -> SuggestionEngine:
    return SuggestionEngine.from_subgraph(public)  # the default, as the app and the CLI use it


def organisations(sub: Subgraph) -> list[str]:
    return sorted(n.id for n in sub.nodes if n.id.startswith("org:"))


def names(found) -> list[str]:
    return [s.name for s in found]


# -- 1. honest confidence --------------------------------------------------------------------
def test_no_percentage_on_a_network_with_little_history(engine, public):
    assert not engine.probabilistic
    note, params = engine.confidence_note()
    assert (note, params) == ("no_percentage", {"new_ties": 15, "needed": 500})
    assert render(note, params).startswith("No percentage: this network formed at most 15 new ties a year")
    for actor in organisations(public):
        for s in engine.suggest(actor, k=10):
            assert s.probability is None and s.band in BANDS
            assert s.strength() == f"{s.band} evidence"


# -- 2. the right kind of partner ----------------------------------------------------------------
@pytest.mark.parametrize("view", ["public", "whole"])
def test_organisations_only_by_default_persons_on_request_stand_ins_never(view, request):
    sub = request.getfixturevalue(view)
    engine = SuggestionEngine.from_subgraph(sub)
    asked = SuggestionFilter(actor_type="Person")
    persons = set()
    for actor in organisations(sub):
        assert {s.type for s in engine.suggest(actor, k=100)} <= {"Organisation"}
        found = engine.suggest(actor, k=100, filters=asked)
        assert {s.type for s in found} <= {"Person"}
        assert not [s for s in found if s.other.startswith(STAND_IN_PREFIX)]
        persons |= {s.other for s in found}
    assert persons  # persons are there when asked for
    if view == "public":
        assert any(n.id.startswith(STAND_IN_PREFIX) for n in sub.nodes)  # and stand-ins exist to be left out


def test_own_units_and_parents_are_never_candidates(engine, whole):
    parents = unit_parents(whole)
    family: dict[str, set[str]] = {}
    for unit, ps in parents.items():
        for p in ps:
            family.setdefault(unit, set()).add(p)
            family.setdefault(p, set()).add(unit)
    assert family["org:beirat-fuer-migration-und-integration-trier"] >= {
        "org:arbeitsgruppe-gesundheit-und-pflege-integrationskonzept-trier"
    }
    for actor, related in family.items():
        for s in engine.suggest(actor, k=100, filters=SuggestionFilter(actor_type="Organisation")):
            assert s.other not in related


def test_a_unit_is_named_through_its_parent_when_the_parent_is_a_candidate(engine, public):
    cg = engine.cg
    up = cg.ancestors
    for actor in organisations(public):
        found = engine.suggest(actor, k=1000)
        shown = {s.other for s in found}
        for s in found:
            mine = {str(cg.actors[p]) for p in up[cg.index[s.other]].indices}
            assert not mine & shown, f"{s.other} is suggested to {actor} next to its parent"
            for r in s.reasons:
                if r.kind == "units":
                    for unit in r.params["ids"]:
                        assert s.other in {str(cg.actors[p]) for p in up[cg.index[unit]].indices}
    metz = engine.suggest("org:ville-de-metz", k=10)
    assert not [s for s in metz if s.kind == "working_group"]
    beirat = next(s for s in metz if s.other == "org:beirat-fuer-migration-und-integration-trier")
    units = next(r for r in beirat.reasons if r.kind == "units")
    assert units.params["n"] == 6 and "Arbeitsgruppe Gesundheit und Pflege (Integrationskonzept Trier)" in units.text


# -- 3. sane and stable rankings --------------------------------------------------------------------
def test_top_fives_of_ville_de_metz_and_caritas(engine):
    """The figures docs/suggestions.md shows (after)."""
    assert names(engine.suggest("org:ville-de-metz", k=5)) == [
        "Beirat für Migration und Integration Trier",
        "Stadtrat Trier",
        "Handwerkskammer Trier",
        "Industrie- und Handelskammer Trier",
        "Initiative Region Trier",
    ]
    caritas = engine.suggest("org:caritas", k=5)
    assert names(caritas) == [
        "Initiative Region Trier",
        "Jobcenter Trier",
        "Landkreis Bernkastel-Wittlich",
        "Eifelkreis Bitburg-Prüm",
        "Lernende Region",
    ]
    shared = next(r for r in caritas[0].reasons if r.kind == "shared_partners")
    assert shared.text == (
        "6 shared partners: Bundesamt für Migration und Flüchtlinge, Aufsichts- und Dienstleistungsdirektion, "
        "Industrie- und Handelskammer Trier, Agentur für Arbeit Trier, Handwerkskammer Trier and one more"
    )
    assert caritas[0].band == "strong"


def test_more_shared_partners_never_rank_lower_on_the_seed_network(engine, public):
    cg = engine.cg
    for actor in organisations(public):
        found = [f for f in engine.suggest(actor, k=1000) if not any(r.kind == "units" for r in f.reasons)]
        parts = components(cg, np.full(len(found), cg.index[actor]), cg.ids(f.other for f in found))
        rest = [k for k in parts if k != "partners"]
        for a in range(len(found)):
            for b in range(len(found)):
                if all(parts[k][a] == parts[k][b] for k in rest) and parts["partners"][a] > parts["partners"][b]:
                    assert found[a].rank < found[b].rank


def test_two_new_organisations_and_an_event_between_them_change_no_top_five(engine, public):
    nodes, ties = far_away()
    grown = SuggestionEngine.from_subgraph(Subgraph(nodes=[*public.nodes, *nodes], ties=[*public.ties, *ties]))
    for actor in organisations(public):
        assert names(grown.suggest(actor, k=5)) == names(engine.suggest(actor, k=5)), actor


# -- 4. plain, complete reasons in de, fr and en ---------------------------------------------------------
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(?:DE|FR|LU)\b|\bseveral\b(?! countries)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reasons_show_no_raw_codes_in_any_language(engine, public, lang):
    def text(key):
        return t(f"suggest.{key}", lang)

    def lab(group, value):
        return label(group, value, lang)

    seen = 0
    for actor in organisations(public):
        for s in engine.suggest(actor, k=10):
            for r in s.reasons:
                sentence = r.render(text, lab)
                assert not CODE.search(sentence), sentence
                seen += 1
            assert not CODE.search(s.strength(text))
    assert seen > 200


def test_group_reasons_say_what_they_mean(engine):
    found = engine.suggest("org:ville-de-metz", k=100)
    jgr = next(s for s in found if s.other == "org:jugendgemeinderat-luxemburg")
    assert "Luxembourg and Metz are linked through the QuattroPole network" in [r.text for r in jgr.reasons]
    assert not [r for s in found for r in s.reasons if r.text.startswith("Both belong to Luxembourg")]


def test_reasons_in_german_and_french(engine):
    [irt] = [s for s in engine.suggest("org:caritas", k=1) if s.other == "org:initiative-region-trier"]
    shared = irt.reasons[1]
    assert shared.kind == "shared_partners"
    de = shared.render(lambda k: t(f"suggest.{k}", "de"), lambda g, v: label(g, v, "de"))
    fr = shared.render(lambda k: t(f"suggest.{k}", "fr"), lambda g, v: label(g, v, "fr"))
    assert de.startswith("6 gemeinsame Partner: ") and de.endswith("„Handwerkskammer Trier“ (+1)")
    assert fr.startswith("6 partenaires communs : ") and fr.endswith(
        "Handwerkskammer Trier et 1 autre"
    )  # the French list's "et" is in none of these names
    border = next(r for s in engine.suggest("org:ville-de-metz", k=3) for r in s.reasons if r.kind == "cross_border")
    assert border.render(lambda k: t(f"suggest.{k}", "de"), lambda g, v: label(g, v, "de")) == (
        "Grenzüberschreitend: Frankreich und Deutschland"
    )


# -- 5. a forum composer that always answers ----------------------------------------------------------------
@pytest.fixture(scope="module")
def cg(public):
    return collab_from_subgraph(public)


def test_every_topic_can_be_composed_and_a_topic_without_actors_says_so(cg, public):
    topics = [n for n in public.nodes if n.id.startswith("topic:")]
    assert len(topics) == 14
    for topic in topics:
        plan = compose_forum(cg, topic.id, 8)
        assert len(plan.invitees) == 8
        k = list(cg.topic_ids).index(topic.id)
        if cg.topics[:, k].nnz == 0:
            assert [kind for kind, _ in plan.notes] == ["no_actors"]
            assert plan.note_texts()[0].startswith(f"No actor works on {topic.name} yet")
    assert cg.topics[:, list(cg.topic_ids).index("topic:labour-mobility")].nnz == 0


def test_when_few_work_on_the_topic_every_one_of_them_is_invited(cg, public):
    """The plan's note "only N actors work on T; the others are chosen for
    coverage" holds: those N are all invited (Public administration had
    Stadtrat Trier left out for actors that only brought a sector)."""
    checked = 0
    for topic in [n.id for n in public.nodes if n.id.startswith("topic:")]:
        plan = compose_forum(cg, topic, 8)
        notes = dict(plan.notes)
        if "few_actors" not in notes:
            continue
        on_topic = [i.name for i in plan.invitees if "works_on_topic" in {kind for kind, _ in i.params}]
        assert len(on_topic) == notes["few_actors"]["n"], (topic, on_topic)
        checked += 1
    assert checked >= 3


def test_every_invitee_brings_a_reason_beyond_not_having_met(cg, public):
    for topic in [None, *[n.id for n in public.nodes if n.id.startswith("topic:")]]:
        for invited in ((), ("org:caritas",)):
            plan = compose_forum(cg, topic, 8, invited=invited)
            for i in plan.invitees:
                assert {kind for kind, _ in i.params} - {"unmet"}, (topic, i.name)
                assert not i.actor.startswith(("person:", STAND_IN_PREFIX))


def test_health_forum_is_not_filled_with_working_groups(cg):
    plan = compose_forum(cg, "Health and care", 8)
    assert [i.sector for i in plan.invitees].count("working_group") == 1
    assert plan.invitees[0].name == "Arbeitsgruppe Gesundheit und Pflege (Integrationskonzept Trier)"
    assert plan.countries == ["DE", "FR", "LU"] and plan.countries_missing == []
    assert [kind for kind, _ in plan.notes] == ["few_actors"]


def test_coverage_against_the_region_or_the_planners_set(cg):
    plan = compose_forum(cg, "Refugee integration", 4)
    region = {"DE", "FR", "LU"}
    assert set(plan.countries) | set(plan.countries_missing) == region
    sectors = set(cg.attribute("kind")[cg.attribute("type") == "Organisation"]) - {"other"}
    # the region's sectors but working groups: on refugee integration each stands behind its parent,
    # so none can be invited, and none is reported missing (--size 500 said "Missing: working group")
    assert set(plan.sectors) | set(plan.sectors_missing) == sectors - {"working_group"} and plan.sectors_missing
    everyone = compose_forum(cg, None, 500)
    assert everyone.sectors_missing == [] and everyone.countries_missing == []
    picked = compose_forum(cg, "Refugee integration", 4, countries=["DE", "BE"], sectors=["ngo", "school"])
    assert picked.countries == ["DE"] and picked.countries_missing == ["BE"]
    assert picked.sectors == ["ngo", "school"] and picked.sectors_missing == []


def test_a_forum_can_start_from_invitees_alone(cg):
    plan = compose_forum(cg, None, 6, invited=["org:caritas", "org:ville-de-metz"])
    assert [i.actor for i in plan.invitees[:2]] == ["org:caritas", "org:ville-de-metz"]
    kinds = [{kind for kind, _ in i.params} for i in plan.invitees[2:]]
    assert all(k & {"invitees_topics", "new_country", "new_sector", "broker"} for k in kinds)
    assert any("invitees_topics" in k for k in kinds)


def test_the_cli_composes_a_topic_nobody_works_on(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "seeds.sqlite"))
    assert main(["load", str(REPO_ROOT / "seeds")]) == 0
    capsys.readouterr()
    assert main(["forum", "--topic", "Labour mobility", "--size", "5"]) == 0
    out = capsys.readouterr().out
    assert "Note: No actor works on Labour mobility yet" in out
    assert "Countries covered: France, Germany and Luxembourg. Missing: none." in out
    assert not CODE.search(out.replace("org:", "").replace("-", " "))


# -- one country per actor, everywhere ------------------------------------------------------------------
def test_a_network_in_several_countries_is_several_everywhere(public, engine, cg):
    qp = "org:quattropole"
    assert node_country(public)[qp] == SEVERAL == cg.country[cg.index[qp]]
    shown = [s for a in organisations(public) for s in engine.suggest(a, k=100) if s.other == qp]
    assert shown and {s.country for s in shown} == {SEVERAL}
    plan = compose_forum(cg, None, 3, invited=[qp])
    assert plan.invitees[0].country == SEVERAL
    assert [label("country", SEVERAL, lang) for lang in LANGUAGES] == [
        "mehrere Länder",
        "several countries",
        "plusieurs pays",
    ]
    # a network in Germany, France and Luxembourg crosses no border with an actor of one of them (the
    # explorer drew its ties as within a country while the reasons said "Germany and several countries"),
    # and covers no country by itself
    assert not any(r.kind == "cross_border" for s in shown for r in s.reasons)
    alone = compose_forum(cg, None, 1, invited=[qp])
    assert alone.countries == [] and alone.countries_missing == ["DE", "FR", "LU"]


def test_one_rule_for_crossing_a_border(public, cg):
    """The suggestions' graph crosses a border exactly where graph.facts says so, for every pair of actors."""
    countries = node_countries(public)
    iu, iv = np.triu_indices(cg.n, k=1)
    got = cg.crosses_border(iu, iv)
    want = [crosses_border(countries[cg.actors[a]], countries[cg.actors[b]]) for a, b in zip(iu, iv, strict=True)]
    assert got.tolist() == want and 0 < sum(want) < len(want)


def test_a_topic_filter_says_why_each_suggestion_passed_it(engine, public):
    """With a topic asked for, each suggestion's first reason names it: Stadt Trier's one suggestion
    on Mobility (Bildungskoordinationsstelle Eifelkreis Bitburg-Prüm) had only a shared topic, Language."""
    asked = 0
    for topic in ("topic:mobility", "Migration", "topic:public-administration"):
        for actor in ("org:stadt-trier", "org:caritas", "org:ville-de-metz"):
            for s in engine.suggest(actor, k=10, filters=SuggestionFilter(topic=topic)):
                first = s.reasons[0]
                assert first.kind == "works_on" and len(first.params["names"]) == 1, (actor, topic, s.name)
                asked += 1
    assert asked >= 10
    (s, *_) = engine.suggest("org:stadt-trier", k=10, filters=SuggestionFilter(topic="topic:mobility"))
    assert s.reasons[0].render() == "Works on Mobility, the topic asked for"
    german = s.reasons[0].render(lambda key: t(f"suggest.{key}", "de"), lambda g, v: label(g, v, "de"))
    assert german.startswith("Arbeitet zum gesuchten Thema ")


def test_what_the_planner_asks_for_is_met_or_said_missing_from_the_network(cg):
    """A country no actor is in is named in a note (not only as "missing"); a sector asked for brings
    its units in (a planner who asks for working groups got none: each stood behind its network)."""
    plan = compose_forum(cg, "Migration", 4, countries=["DE", "BE"], sectors=["working_group", "school"])
    assert plan.countries_missing == ["BE"] and plan.sectors_missing == []
    notes = dict(plan.notes)
    assert notes["absent_countries"] == {"countries": ["BE"], "n": 1} and "absent_sectors" not in notes
    assert "working_group" in {i.sector for i in plan.invitees}
    assert plan.note_texts()[0] == "The network has no actor in BE: invite one from outside it to cover it"
    french = plan.note_texts(text=lambda key: t(f"suggest.{key}", "fr"), label=lambda g, v: label(g, v, "fr"))
    assert french[0].startswith("Le réseau ne compte aucun acteur de ce pays : Belgique ;")
    # a sector no actor has
    none = compose_forum(cg, "Migration", 4, sectors=["company", "research"])
    assert dict(none.notes)["absent_sectors"] == {"sectors": ["company", "research"], "n": 2}
