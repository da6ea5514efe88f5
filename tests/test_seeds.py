"""The curated seed network (``seeds/``): known answers worked out by hand from
the five source documents in ``shared/seeds``.

The seeds are read with :func:`loaders.read_paths`, which already rejects
unknown tie ends, endpoint types a tie does not allow, unresolved sources and
conflicting duplicate ids. These tests check the content: that the actors,
places, events and agreements the documents name are there, once each, with
the stated dates, roles and ties, and that nothing is copied or leaks contact
data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from graph.ids import fold, node_id
from graph.model import NodeType, TieType
from loaders import read_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

# ids used in several tests
IRT = "org:initiative-region-trier"
IHK = "org:industrie-und-handelskammer-trier"
HWK = "org:handwerkskammer-trier"
AA_TRIER = "org:agentur-fuer-arbeit-trier"
STADT_TRIER = "org:stadt-trier"
LK_TS = "org:landkreis-trier-saarburg"
LK_BKW = "org:landkreis-bernkastel-wittlich"
LK_BIT = "org:eifelkreis-bitburg-pruem"
LK_VUL = "org:landkreis-vulkaneifel"
JC_BKW = "org:jobcenter-bernkastel-wittlich"
BEIRAT = "org:beirat-fuer-migration-und-integration-trier"
AUSLAENDERBEIRAT = "org:auslaenderbeirat-trier"
QP = "org:quattropole"
QP_AG = "org:quattropole-arbeitsgruppe-migration-partizipation-citoyennete"
ZIB = "org:zuwanderungs-und-integrationsbuero-saarbruecken"
PHASE_TWO = "event:integrationskonzept-fuer-die-stadt-trier-zweite-phase-2015"
IRT_PROJECT = "event:fluechtlingsprojekt-der-initiative-region-trier-2015"
REGIONAL_AGREEMENT = "agreement:vereinbarung-zur-integration-von-fluechtlingen-in-den-arbeits-und-ausbildungsmarkt-2016"
BKW_COOPERATION = (
    "agreement:kooperation-zur-integration-von-fluechtlingen-und-asylbegehrenden-in-ausbildung-und-arbeit-2016"
)
INTEGRATION_CONCEPT = "agreement:integrationskonzept-fuer-die-stadt-trier-2011-12-13"


@pytest.fixture(scope="module")
def plan():
    return read_paths([SEEDS])


@pytest.fixture(scope="module")
def nodes(plan):
    return {n.id: n for n in plan.nodes}


@pytest.fixture(scope="module")
def ties(plan):
    return plan.ties


def _ties(ties, type_, *, source=None, target=None):
    return [
        t
        for t in ties
        if t.type is type_ and (source is None or t.source == source) and (target is None or t.target == target)
    ]


def _find(nodes, label, type_=None):
    """Ids of the nodes (of ``type_``) that have ``label`` as name, other-language name or alias."""
    key = fold(label)
    return {n.id for n in nodes.values() if (type_ is None or n.type is type_) and key in {fold(x) for x in n.labels}}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


# -- the load as a whole --------------------------------------------------------


def test_the_seed_folder_loads_and_is_not_trivial(plan):
    assert {p.name for p in plan.files} >= {"00-sources.yaml", "03-organisations.yaml", "04-persons.yaml"}
    assert len(plan.sources) == 5
    assert len(plan.nodes) >= 100
    assert len(plan.ties) >= 250


def test_one_source_per_document_in_german(plan):
    by_doc = {s.document: s for s in plan.sources}
    assert set(by_doc) == {
        "000_bd5923a1852a6aac.txt",
        "001_e09440e4f7492dc0.txt",
        "002_a0433d068e654772.txt",
        "003_4b12f3d7d8327544.txt",
        "004_affa9a9b017a2daf.txt",
    }
    assert all(s.language == "de" for s in plan.sources)
    assert str(by_doc["000_bd5923a1852a6aac.txt"].date) == "2016-12-01"
    assert str(by_doc["003_4b12f3d7d8327544.txt"].date) == "2016-10-06"
    assert str(by_doc["004_affa9a9b017a2daf.txt"].date) == "2008-05-13"
    assert SHARED_SEEDS.is_dir(), f"source documents not found at {SHARED_SEEDS}"
    assert all((SHARED_SEEDS / name).is_file() for name in by_doc)


def test_every_node_and_tie_cites_a_known_source(plan):
    known = {s.id for s in plan.sources}
    for item in [*plan.nodes, *plan.ties]:
        assert item.sources, item
        assert set(item.sources) <= known, item


def test_every_source_is_cited(plan):
    cited = {s for item in [*plan.nodes, *plan.ties] for s in item.sources}
    assert cited == {s.id for s in plan.sources}


def test_ids_are_the_derived_ones(plan):
    """Written-out ids equal the content-derived ones, so other loads of the same facts merge."""
    for n in plan.nodes:
        assert n.id == node_id(n.type, n.name, n._id_qualifier()), n.name


def test_every_node_has_a_tie(plan):
    ends = {e for t in plan.ties for e in (t.source, t.target)}
    assert [n.id for n in plan.nodes if n.id not in ends] == []


# -- one node per actor, however it is spelt ------------------------------------


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("IRT", IRT),
        ("Initiative Region Trier", IRT),
        ("IHK", IHK),
        ("IHK Trier", IHK),
        ("Industrie- und Handelskammer Trier", IHK),
        ("HWK", HWK),
        ("HWK Trier", HWK),
        ("Handwerkskammer Trier", HWK),
        ("Arbeitsagentur Trier", AA_TRIER),
        ("Agentur für Arbeit Trier", AA_TRIER),
        ("BAMF", "org:bundesamt-fuer-migration-und-fluechtlinge"),
        ("Bundesamt für Migration und Flüchtlinge", "org:bundesamt-fuer-migration-und-fluechtlinge"),
        ("ADD", "org:aufsichts-und-dienstleistungsdirektion"),
        ("Aufsichts- und Dienstleistungsdirektion", "org:aufsichts-und-dienstleistungsdirektion"),
        ("ZIB", ZIB),
        ("Zuwanderungs- und Integrationsbüro", ZIB),
        ("Migrationsbeirat", BEIRAT),
        ("Beirat für Migration und Integration", BEIRAT),
        ("Trierer Ausländerbeirat", AUSLAENDERBEIRAT),
        ("Saarbrücker Ausländerbeirat", "org:auslaenderbeirat-saarbruecken"),
        ("Landesregierung", "org:landesregierung-rheinland-pfalz"),
        ("Stadtrat Trier", "org:stadtrat-trier"),
        ("Stadt Trier", STADT_TRIER),
        ("Stadt Luxemburg", "org:ville-de-luxembourg"),
        ("Ville de Metz", "org:ville-de-metz"),
        ("Stadt Saarbrücken", "org:landeshauptstadt-saarbruecken"),
        ("QuattroPole", QP),
        ("Lernende Region", "org:lernende-region"),
        ("Himmeroder Forum", "org:himmeroder-forum"),
        ("KAUSA-Servicestelle", "org:kausa-servicestelle"),
        ("Kreishandwerkerschaft", "org:kreishandwerkerschaft"),
        ("Caritas", "org:caritas"),
        ("DRK", "org:deutsches-rotes-kreuz"),
        ("Berufsbildende Schule Gewerbe und Technik Trier", "org:berufsbildende-schule-gewerbe-und-technik-trier"),
        ("Bildungskoordinationsstelle", "org:bildungskoordinationsstelle-eifelkreis-bitburg-pruem"),
        ("Jobcenter Trier", "org:jobcenter-trier"),
        ("Jobcenter Bernkastel-Wittlich", JC_BKW),
        ("Kreisverwaltung Bernkastel-Wittlich", LK_BKW),
        ("Koordinierungsstelle Flüchtlingshilfe", "org:koordinierungsstelle-fluechtlingshilfe-bernkastel-wittlich"),
        ("Verein Dounia", "org:dounia"),
        ("Wohnungsgenossenschaft Am Beutelweg", "org:wohnungsgenossenschaft-am-beutelweg"),
        ("Café Bär", "org:cafe-baer"),
        ("Jugendgemeinderat", "org:jugendgemeinderat-luxemburg"),
        ("Chamber of Commerce and Industry Trier", IHK),
        ("Chambre de commerce et d'industrie de Trèves", IHK),
    ],
)
def test_organisation_found_by_any_of_its_names(nodes, label, expected):
    assert _find(nodes, label, NodeType.ORGANISATION) == {expected}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Malu Dreyer", "person:malu-dreyer"),
        ("Ministerpräsidentin Dreyer", "person:malu-dreyer"),
        ("Maria de Jesus Duran Kremer", "person:maria-de-jesus-duran-kremer"),
        ("Silke Meyer", "person:silke-meyer"),
        ("Christian Thömmes", "person:christian-thoemmes"),
        ("Manfred Greis", "person:manfred-greis"),
        ("Naima Hassani", "person:naima-hassani"),
        ("Mohamed Maiga", "person:mohamed-maiga"),
        ("Veronika Kabis", "person:veronika-kabis"),
        ("Maria Ohlig", "person:maria-ohlig"),
        ("Ingrid Schmitt", "person:ingrid-schmitt"),
    ],
)
def test_person_found(nodes, label, expected):
    assert _find(nodes, label, NodeType.PERSON) == {expected}


def test_exactly_the_ten_named_persons(nodes):
    assert len([n for n in nodes.values() if n.type is NodeType.PERSON]) == 10


def test_organisations_have_kind_and_country(nodes):
    for n in nodes.values():
        if n.type is NodeType.ORGANISATION and n.id not in {QP, QP_AG}:
            assert n.country in {"DE", "FR", "LU"}, n.id
    assert nodes[QP].country is None and nodes[QP].kind == "network"
    assert nodes["org:ville-de-luxembourg"].country == "LU"
    assert nodes["org:ville-de-metz"].country == "FR"
    assert nodes["org:dounia"].country == "FR"
    assert nodes[IHK].kind == "chamber" and nodes[HWK].kind == "chamber"
    assert nodes["org:berufsbildende-schule-gewerbe-und-technik-trier"].kind == "school"


# -- places -------------------------------------------------------------------------

CITIES = {
    # id: (country, lat, lon, {lang: name})
    "place:luxembourg": (
        "LU",
        49.61,
        6.13,
        {"de": "Luxemburg", "fr": "Luxembourg", "en": "Luxembourg", "lb": "Lëtzebuerg"},
    ),
    "place:metz": ("FR", 49.12, 6.18, {"de": "Metz", "fr": "Metz", "en": "Metz"}),
    "place:saarbruecken": ("DE", 49.24, 7.00, {"de": "Saarbrücken", "fr": "Sarrebruck", "en": "Saarbrücken"}),
    "place:trier": ("DE", 49.76, 6.64, {"de": "Trier", "fr": "Trèves", "en": "Trier"}),
}


@pytest.mark.parametrize("place_id", sorted(CITIES))
def test_quattropole_city(nodes, ties, place_id):
    country, lat, lon, names = CITIES[place_id]
    city = nodes[place_id]
    assert city.type is NodeType.PLACE and city.kind == "city"
    assert city.country == country
    assert abs(city.lat - lat) < 0.05 and abs(city.lon - lon) < 0.05
    for lang, name in names.items():
        assert city.names[lang] == name
    # the network is located in the city, and the city's administration is a member
    assert _ties(ties, TieType.LOCATED_IN, source=QP, target=place_id)
    admins = {
        t.source
        for t in _ties(ties, TieType.LOCATED_IN, target=place_id)
        if nodes[t.source].type is NodeType.ORGANISATION and nodes[t.source].kind == "local_government"
    }
    assert len(admins) == 1
    (admin,) = admins
    assert _ties(ties, TieType.PART_OF, source=admin, target=QP)
    assert nodes[admin].country == country


def test_quattropole_has_exactly_the_four_city_administrations(ties):
    members = {t.source for t in _ties(ties, TieType.PART_OF, target=QP) if t.role == "member city"}
    assert members == {"org:ville-de-luxembourg", "org:ville-de-metz", "org:landeshauptstadt-saarbruecken", STADT_TRIER}
    assert _ties(ties, TieType.PART_OF, source=QP_AG, target=QP)


LANDKREISE = {
    # place id: (organisation id, seat lat, seat lon)
    "place:landkreis-trier-saarburg": (LK_TS, 49.76, 6.64),  # Trier
    "place:landkreis-bernkastel-wittlich": (LK_BKW, 49.99, 6.89),  # Wittlich
    "place:eifelkreis-bitburg-pruem": (LK_BIT, 49.97, 6.53),  # Bitburg
    "place:landkreis-vulkaneifel": (LK_VUL, 50.20, 6.83),  # Daun
}


@pytest.mark.parametrize("place_id", sorted(LANDKREISE))
def test_landkreis(nodes, ties, place_id):
    org, lat, lon = LANDKREISE[place_id]
    place = nodes[place_id]
    assert place.kind == "district" and place.country == "DE"
    assert abs(place.lat - lat) < 0.05 and abs(place.lon - lon) < 0.05
    assert _ties(ties, TieType.PART_OF, source=place_id, target="place:region-trier")
    assert nodes[org].kind == "local_government"
    assert _ties(ties, TieType.LOCATED_IN, source=org, target=place_id)


def test_other_places(nodes, ties):
    assert nodes["place:pruem"].kind == "town"
    assert _ties(ties, TieType.PART_OF, source="place:pruem", target="place:eifelkreis-bitburg-pruem")
    for quarter in ("place:trier-nord", "place:trier-west"):
        assert nodes[quarter].kind == "quarter"
        assert _ties(ties, TieType.PART_OF, source=quarter, target="place:trier")
    assert _ties(ties, TieType.LOCATED_IN, source="org:cafe-baer", target="place:trier-west")
    assert _ties(ties, TieType.LOCATED_IN, source="org:wohnungsgenossenschaft-am-beutelweg", target="place:trier-nord")
    assert _ties(ties, TieType.LOCATED_IN, source="org:dounia", target="place:metz")
    for n in nodes.values():
        if n.type is NodeType.PLACE:
            assert n.lat is not None and n.lon is not None, n.id


# -- the renamed council and its chair ---------------------------------------------


def test_renamed_council_is_two_nodes_with_a_successor_tie(ties):
    (succ,) = _ties(ties, TieType.SUCCESSOR_OF)
    assert (succ.source, succ.target) == (BEIRAT, AUSLAENDERBEIRAT)


def test_chair_of_both_councils(nodes, ties):
    chair = "person:maria-de-jesus-duran-kremer"
    assert nodes[chair].title == "Dr."
    (old,) = _ties(ties, TieType.MEMBER_OF, source=chair, target=AUSLAENDERBEIRAT)
    (new,) = _ties(ties, TieType.MEMBER_OF, source=chair, target=BEIRAT)
    assert old.role == new.role == "chair"
    assert old.start == "2008-05-13" and old.sources == ["quattropole-2008-migration"]
    assert new.start is None and new.sources == ["mib-trier-integrationskonzept"]


# -- working groups -----------------------------------------------------------------


def test_six_working_groups_of_the_second_phase(nodes, ties):
    groups = {
        t.source
        for t in _ties(ties, TieType.PART_OF, target=PHASE_TWO)
        if nodes[t.source].type is NodeType.ORGANISATION
    }
    names = {nodes[g].name.removesuffix(" (Integrationskonzept Trier)").removeprefix("Arbeitsgruppe ") for g in groups}
    assert names == {
        "Arbeit und Ausbildung",
        "Gesundheit und Pflege",
        "Schule, Bildung, Sprache",
        "Verwaltung",
        "Wohnen und Leben im Stadtteil",
        "Soziale und politische Teilnahme und Teilhabe",
    }
    for g in groups:
        assert nodes[g].kind == "working_group"
        assert _ties(ties, TieType.ADDRESSES, source=g)
    assert _ties(ties, TieType.PARTICIPATED_IN, source=BEIRAT, target=PHASE_TWO)[0].role == "organiser"


@pytest.mark.parametrize(
    ("group", "topic"),
    [
        ("org:arbeitsgruppe-arbeit-und-ausbildung-integrationskonzept-trier", "topic:work-and-vocational-training"),
        ("org:arbeitsgruppe-gesundheit-und-pflege-integrationskonzept-trier", "topic:health-and-care"),
        ("org:arbeitsgruppe-schule-bildung-sprache-integrationskonzept-trier", "topic:language"),
        ("org:arbeitsgruppe-verwaltung-integrationskonzept-trier", "topic:public-administration"),
        (
            "org:arbeitsgruppe-wohnen-und-leben-im-stadtteil-integrationskonzept-trier",
            "topic:housing-and-neighbourhood-life",
        ),
        (
            "org:arbeitsgruppe-soziale-und-politische-teilnahme-und-teilhabe-integrationskonzept-trier",
            "topic:participation",
        ),
        (QP_AG, "topic:participation"),
    ],
)
def test_working_group_addresses_its_topic(ties, group, topic):
    assert _ties(ties, TieType.ADDRESSES, source=group, target=topic)


def test_quattropole_working_group(nodes):
    assert nodes[QP_AG].kind == "working_group"
    assert "Migration, Partizipation, Citoyenneté" in nodes[QP_AG].name


# -- agreements -----------------------------------------------------------------------


def _parties(ties, agreement):
    return {t.source for t in _ties(ties, TieType.PARTY_TO, target=agreement)}


def test_regional_agreement_2016_has_exactly_its_eight_parties(nodes, ties):
    assert nodes[REGIONAL_AGREEMENT].signed == "2016"
    assert _parties(ties, REGIONAL_AGREEMENT) == {STADT_TRIER, LK_TS, LK_BKW, LK_BIT, LK_VUL, HWK, IHK, IRT}
    (irt,) = _ties(ties, TieType.PARTY_TO, source=IRT, target=REGIONAL_AGREEMENT)
    assert irt.role == "initiating party"


def test_bernkastel_wittlich_cooperation_2016_has_exactly_its_three_parties(nodes, ties):
    assert nodes[BKW_COOPERATION].signed == "2016"
    assert _parties(ties, BKW_COOPERATION) == {AA_TRIER, LK_BKW, JC_BKW}
    (aa,) = _ties(ties, TieType.PARTY_TO, source=AA_TRIER, target=BKW_COOPERATION)
    assert aa.role == "initiating party"


def test_integration_concept_adopted_by_the_council(nodes, ties):
    assert nodes[INTEGRATION_CONCEPT].signed == "2011-12-13"
    (council,) = _ties(ties, TieType.PARTY_TO, source="org:stadtrat-trier", target=INTEGRATION_CONCEPT)
    assert council.role == "adopting body" and council.start == "2011-12-13"
    assert _parties(ties, INTEGRATION_CONCEPT) >= {BEIRAT, AUSLAENDERBEIRAT}


# -- persons: affiliation, role, date -------------------------------------------------


@pytest.mark.parametrize(
    ("person", "org", "role", "start"),
    [
        ("person:silke-meyer", LK_BKW, "refugee coordinator", "2016-10-06"),
        ("person:christian-thoemmes", AA_TRIER, "team leader, migration counselling", "2016-10-06"),
        ("person:manfred-greis", JC_BKW, "representative", "2016-10-06"),
        ("person:malu-dreyer", "org:landesregierung-rheinland-pfalz", "Minister-President", "2015"),
        ("person:naima-hassani", "org:dounia", "representative", "2008-05-13"),
        ("person:mohamed-maiga", "org:auslaenderbeirat-saarbruecken", "member", "2008-05-13"),
        ("person:veronika-kabis", QP_AG, "head", "2008-05-13"),
        ("person:veronika-kabis", ZIB, "head", "2008-05-13"),
        ("person:maria-ohlig", "org:quartiersmanagement-trier-nord", "neighbourhood manager", "2008-05-13"),
        ("person:ingrid-schmitt", "org:cafe-baer", "project leader", "2008-05-13"),
    ],
)
def test_person_affiliation(ties, person, org, role, start):
    (tie,) = _ties(ties, TieType.MEMBER_OF, source=person, target=org)
    assert (tie.role, tie.start) == (role, start)


def test_every_person_has_an_affiliation(nodes, ties):
    for n in nodes.values():
        if n.type is NodeType.PERSON:
            assert _ties(ties, TieType.MEMBER_OF, source=n.id), n.id


# -- events ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "start"),
    [
        ("event:runder-tisch-integration-auftaktveranstaltung-2015-04", "2015-04"),
        ("event:auftaktworkshop-zur-zweiten-phase-des-integrationskonzepts-2015-11-19", "2015-11-19"),
        ("event:gemeinsame-veranstaltung-von-irt-und-himmeroder-forum-2016-04", "2016-04"),
        (
            "event:wege-in-ausbildung-und-arbeit-fuer-unbegleitete-minderjaehrige-und-junge-volljaehrige-fluechtlinge-2016-07",
            "2016-07",
        ),
        ("event:austausch-zu-den-pilotklassen-18-2017-02", "2017-02"),
        ("event:koordinierungstreffen-zur-fluechtlingsarbeit-2017", "2017"),
        ("event:workshop-der-quattropole-arbeitsgruppe-migration-partizipation-citoyennete-2008", "2008"),
        ("event:wissenschaftliches-kolloquium-migration-arbeitnehmermobilitaet-und-integration-2008-10", "2008-10"),
        ("event:zweite-regionalkonferenz-in-der-fluechtlingshilfe-2016-10", "2016-10"),
        ("event:erstes-fachgespraech-der-kooperationspartner-2016-09", "2016-09"),
        ("event:zweites-treffen-der-kooperationspartner-2016-10-10", "2016-10-10"),
        ("event:perspektiven-fuer-fluechtlinge-in-der-region-trier-2015", "2015"),
    ],
)
def test_event_start(nodes, event, start):
    assert nodes[event].type is NodeType.EVENT
    assert nodes[event].start == start


def _participants(ties, event, role=None):
    return {t.source for t in _ties(ties, TieType.PARTICIPATED_IN, target=event) if role is None or t.role == role}


def test_year_end_2015_event(ties):
    event = "event:perspektiven-fuer-fluechtlinge-in-der-region-trier-2015"
    assert _participants(ties, event, "organiser") == {IRT, "org:lernende-region", HWK, IHK, AA_TRIER}
    assert _participants(ties, event, "speaker") == {"person:malu-dreyer"}


def test_expert_talk_july_2016(ties):
    event = "event:wege-in-ausbildung-und-arbeit-fuer-unbegleitete-minderjaehrige-und-junge-volljaehrige-fluechtlinge-2016-07"
    assert _participants(ties, event, "organiser") == {IRT, STADT_TRIER}
    assert _participants(ties, event) == {
        IRT,
        STADT_TRIER,
        "org:bundesamt-fuer-migration-und-fluechtlinge",
        "org:aufsichts-und-dienstleistungsdirektion",
        AA_TRIER,
        "org:jobcenter-trier",
        IHK,
        HWK,
    }


def test_coordination_meeting_at_the_ihk_early_2017(ties):
    event = "event:koordinierungstreffen-zur-fluechtlingsarbeit-2017"
    assert _participants(ties, event, "host") == {IHK}
    assert _participants(ties, event) == {
        IHK,
        HWK,
        "org:aufsichts-und-dienstleistungsdirektion",
        AA_TRIER,
        "org:bundesamt-fuer-migration-und-fluechtlinge",
        "org:kreishandwerkerschaft",
        "org:caritas",
        "org:deutsches-rotes-kreuz",
        STADT_TRIER,
    }
    assert _ties(ties, TieType.LOCATED_IN, source=event, target="place:trier")


def test_kickoff_workshop_2015_at_the_hwk(ties):
    event = "event:auftaktworkshop-zur-zweiten-phase-des-integrationskonzepts-2015-11-19"
    assert _participants(ties, event, "host") == {HWK}
    assert _ties(ties, TieType.PART_OF, source=event, target=PHASE_TWO)


def test_forum_in_pruem(ties):
    event = "event:fachforum-sprache-und-mobilitaet-2017"
    assert _participants(ties, event, "organiser") == {
        IRT,
        LK_BIT,
        "org:bildungskoordinationsstelle-eifelkreis-bitburg-pruem",
    }
    assert _ties(ties, TieType.LOCATED_IN, source=event, target="place:pruem")
    assert {t.target for t in _ties(ties, TieType.ADDRESSES, source=event)} == {"topic:language", "topic:mobility"}


def test_quattropole_workshop_2008(ties):
    event = "event:workshop-der-quattropole-arbeitsgruppe-migration-partizipation-citoyennete-2008"
    assert _ties(ties, TieType.LOCATED_IN, source=event, target="place:trier")
    assert _participants(ties, event, "speaker") >= {"person:maria-ohlig", "person:ingrid-schmitt"}
    assert _participants(ties, event) >= {
        "person:maria-de-jesus-duran-kremer",
        "person:naima-hassani",
        "person:mohamed-maiga",
        "person:veronika-kabis",
        "org:ville-de-luxembourg",
        "org:ville-de-metz",
        "org:landeshauptstadt-saarbruecken",
        STADT_TRIER,
    }


def test_irt_project_events_are_part_of_the_project(nodes, ties):
    parts = {t.source for t in _ties(ties, TieType.PART_OF, target=IRT_PROJECT)}
    assert len(parts) == 12
    assert all(nodes[p].type is NodeType.EVENT and nodes[p].start >= "2015" for p in parts)
    assert _participants(ties, IRT_PROJECT, "organiser") == {IRT}


def test_regional_conference_and_cooperation_meetings(ties):
    conference = "event:zweite-regionalkonferenz-in-der-fluechtlingshilfe-2016-10"
    assert _participants(ties, conference, "speaker") == {"person:silke-meyer"}
    for meeting in (
        "event:erstes-fachgespraech-der-kooperationspartner-2016-09",
        "event:zweites-treffen-der-kooperationspartner-2016-10-10",
    ):
        assert _participants(ties, meeting) == {AA_TRIER, LK_BKW, JC_BKW}


def test_kausa_is_based_at_the_hwk(ties):
    assert _ties(ties, TieType.PART_OF, source="org:kausa-servicestelle", target=HWK)


def test_every_event_and_agreement_addresses_a_topic(nodes, ties):
    addressed = {t.source for t in _ties(ties, TieType.ADDRESSES)}
    for n in nodes.values():
        if n.type in (NodeType.EVENT, NodeType.AGREEMENT):
            assert n.id in addressed, n.id


def test_participation_roles_are_the_allowed_ones(ties):
    assert {t.role for t in _ties(ties, TieType.PARTICIPATED_IN)} <= {"organiser", "speaker", "participant", "host"}


# -- data minimisation and own wording ------------------------------------------------

_PHONE = re.compile(r"(?:\+|\b0)\d[\d /()-]{6,}\d")


def _seed_files():
    return sorted(p for p in SEEDS.iterdir() if p.is_file())


def test_no_contact_data_anywhere_in_seeds():
    files = _seed_files()
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "@" not in text, path.name
        assert not _PHONE.search(text), (path.name, _PHONE.search(text))
        assert "06571" not in text and "Tel." not in text, path.name


def _description_texts(plan):
    for item in [*plan.nodes, *plan.ties]:
        if item.description:
            yield getattr(item, "name", None) or f"{item.type} {item.source} -> {item.target}", item.description
    yield "seeds/README.md", (SEEDS / "README.md").read_text(encoding="utf-8")


def test_descriptions_are_not_copied_from_the_documents(plan):
    # The documents sit beside the checkout (as in CI); without them this must fail, not pass quietly.
    assert SHARED_SEEDS.is_dir(), f"source documents not found at {SHARED_SEEDS}"
    n = 10
    runs: set[tuple[str, ...]] = set()
    for doc in sorted(SHARED_SEEDS.glob("*.txt")):
        words = _words(doc.read_text(encoding="utf-8"))
        runs.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    assert runs
    copied = defaultdict(list)
    for where, text in _description_texts(plan):
        words = _words(text)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) in runs:
                copied[where].append(" ".join(words[i : i + n]))
    assert not copied, dict(copied)


# -- the seed network in both stores --------------------------------------------


def test_seeds_load_twice_with_identical_counts(store):
    from loaders import load_paths

    first = load_paths(store, [SEEDS])
    counts = store.counts()
    assert (counts.total_nodes, counts.total_ties, counts.sources) == (len(first.nodes), len(first.ties), 5)
    load_paths(store, [SEEDS])
    assert store.counts() == counts


def test_one_invalid_field_in_a_seed_file_fails_and_leaves_the_store_unchanged(store, tmp_path):
    import shutil

    from graph.errors import ValidationFailed
    from loaders import load_paths

    load_paths(store, [SEEDS])
    before = (store.counts(), store.version())
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    persons = copy / "04-persons.yaml"
    text = persons.read_text(encoding="utf-8")
    persons.write_text(text.replace("legal_basis: legitimate_interests", "legal_basis: because", 1), encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_paths(store, [copy])
    assert [(p.file, p.entry, p.field) for p in info.value.problems] == [
        (str(persons), "nodes[0] (person:maria-de-jesus-duran-kremer)", "legal_basis")
    ]
    assert (store.counts(), store.version()) == before
