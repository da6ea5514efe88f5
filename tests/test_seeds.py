"""The curated seed network (``seeds/``): known answers worked out by hand from
the five source documents in ``shared/seeds``.

The seeds are read with :func:`loaders.read_paths`, which already rejects
unknown tie ends, endpoint types a tie does not allow, unresolved sources and
conflicting duplicate ids. These tests check the content: that the actors,
places, events and agreements the documents name are there, once each, with
the stated dates, roles and ties, and that nothing is copied or leaks contact
data. General checks tie every citation to the text: a German document a node
cites mentions it, a stated tie's documents are cited by both its ends, and
whatever no document contains (translations, coordinates, geography) cites
the editors' reference data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from graph.ids import fold, node_id
from graph.model import NodeType, TieType
from loaders import read_paths
from tests.support.shared import SEED_DOCUMENTS, need

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_SEEDS = SEED_DOCUMENTS

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
IRT_BOARD = "org:vorstand-der-initiative-region-trier"
IRT_OFFICE = "org:geschaeftsfuehrung-der-initiative-region-trier"
STATE_GOVERNMENT = "org:landesregierung-rheinland-pfalz"
LETTERS = "event:schreiben-der-initiative-region-trier-an-die-landesregierung"
CONTINUATION = "agreement:beschluss-zur-fortfuehrung-des-irt-fluechtlingsprojekts-2016"
SURVEY = "event:umfrage-der-irt-unter-den-integrationsakteuren-der-region-trier-2017"
QP_WORKSHOP = "event:quattropole-workshop-in-trier-2008"
QP_DECISION = (
    "agreement:beschluss-zum-aufbau-eines-grenzueberschreitenden-netzwerkes-fuer-die-arbeit-mit-zuwanderern-2008"
)
COLLOQUIUM = "event:wissenschaftliches-kolloquium-migration-arbeitnehmermobilitaet-und-integration-2008-10"
REGIONAL_CONFERENCE = "event:zweite-regionalkonferenz-in-der-fluechtlingshilfe-2016"
CITY_ADMINISTRATIONS = {
    "org:ville-de-luxembourg",
    "org:ville-de-metz",
    "org:landeshauptstadt-saarbruecken",
    STADT_TRIER,
}
EDITORIAL = "pontes-editorial-2026"
DOCUMENTS = {
    "irt-2016-atem": "000_bd5923a1852a6aac.txt",
    "irt-2017-integration": "001_e09440e4f7492dc0.txt",
    "mib-trier-integrationskonzept": "002_a0433d068e654772.txt",
    "kvbkw-2016-kooperation": "003_4b12f3d7d8327544.txt",
    "quattropole-2008-migration": "004_affa9a9b017a2daf.txt",
}


@pytest.fixture(scope="module")
def plan():
    return read_paths([SEEDS])


@pytest.fixture(scope="module")
def nodes(plan):
    return {n.id: n for n in plan.nodes}


@pytest.fixture(scope="module")
def ties(plan):
    return plan.ties


#: Places with no name in use in French: two Trier quarters (a French page shows their German name).
NO_FRENCH_NAME = {"place:trier-nord", "place:trier-west"}


def test_every_node_but_persons_has_a_french_and_an_english_name(nodes):
    """French and English pages name places, topics, organisations, events and agreements in their
    language (the standard form, else the editors' translation): a new node without ``names.fr`` or
    ``names.en`` is caught here. A French page without one showed "Koordinierungstreffen zur
    Flüchtlingsarbeit" beside "réunion de coordination" in its description."""
    districts = {LK_TS, LK_BKW, LK_BIT, LK_VUL}
    wanted = [n for n in nodes.values() if n.type is not NodeType.PERSON]
    for lang, unnamed in (("fr", NO_FRENCH_NAME), ("en", set())):
        assert [n.id for n in wanted if lang not in {str(k) for k in n.names} and n.id not in unnamed] == []
    assert {nodes[d].names["fr"] for d in districts} == {
        "Arrondissement de Trèves-Sarrebourg",
        "Arrondissement de Bernkastel-Wittlich",
        "Arrondissement d’Eifel-Bitburg-Prüm",
        "Arrondissement de Vulkaneifel",
    }


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


def test_every_description_is_in_each_language_of_the_app(plan):
    """A reader of the German or French pages gets every description in their language: each
    node, tie and source with a (canonical, English) description has one in German and French."""
    items = [*plan.nodes, *plan.ties, *plan.sources]
    described = [x for x in items if x.description]
    assert len(described) > 150
    missing = [x.id for x in described if not {"de", "fr"} <= {str(k) for k in x.descriptions}]
    assert missing == []
    assert not [x for x in items if x.descriptions and not x.description]  # never a translation of nothing


def test_the_seed_folder_loads_and_is_not_trivial(plan):
    assert {p.name for p in plan.files} >= {"00-sources.yaml", "03-organisations.yaml", "04-persons.yaml"}
    assert len(plan.sources) == 6  # the five documents and the editors' reference data
    assert len(plan.nodes) >= 100
    assert len(plan.ties) >= 250


def test_one_source_per_document_in_german(plan):
    by_doc = {s.document: s for s in plan.sources if s.document}
    assert set(by_doc) == set(DOCUMENTS.values())
    assert {s.id: s.document for s in plan.sources if s.document} == DOCUMENTS
    assert all(s.language == "de" for s in by_doc.values())
    assert str(by_doc["000_bd5923a1852a6aac.txt"].date) == "2016-12-01"
    assert str(by_doc["003_4b12f3d7d8327544.txt"].date) == "2016-10-06"
    assert str(by_doc["004_affa9a9b017a2daf.txt"].date) == "2008-05-13"


def test_every_cited_document_lies_beside_the_checkout(plan):
    need(SHARED_SEEDS, "the five seed documents")
    assert all((SHARED_SEEDS / s.document).is_file() for s in plan.sources if s.document)


def test_only_the_editors_own_source_has_titles_in_other_languages(plan):
    """A document's title is a fact, kept as written; the editors' reference data is ours, titled
    in each language of the app."""
    titled = {s.id: {str(k) for k in s.titles} for s in plan.sources if s.titles}
    assert titled == {EDITORIAL: {"de", "fr"}}


def test_sources_read_as_documents(plan):
    """Titles, publishers and dates as the documents give them; no document links to itself, so no url."""
    sources = {s.id: s for s in plan.sources}
    expected = {
        # id: (title, publisher, date)
        "irt-2016-atem": (
            "Integration braucht einen langen Atem – Flüchtlingsprojekt der Initiative Region Trier wird fortgesetzt",
            "IHK Trier",  # the site's header; "Dieser Text ist vom 01.12.2016"
            "2016-12-01",
        ),
        "irt-2017-integration": ("Integration", None, None),  # neither publisher nor date in the text
        "mib-trier-integrationskonzept": (
            "Integrationskonzept für die Stadt Trier",
            "Beirat für Migration und Integration Trier",  # the site's header "Beirat für Migration"
            None,
        ),
        "kvbkw-2016-kooperation": (
            "Agentur für Arbeit Trier, Landkreis Bernkastel-Wittlich und Jobcenter Bernkastel-Wittlich "
            "verstärken Zusammenarbeit bei Flüchtlingsbetreuung",
            "Kreisverwaltung Bernkastel-Wittlich",  # "Quelle: Kreisverwaltung Bernkastel-Wittlich"
            "2016-10-06",  # "Pressemeldung vom 6. Oktober 2016"
        ),
        "quattropole-2008-migration": (
            "Neue Perspektiven für Migranten der Großregion – QuattroPole plant grenzüberschreitende Strukturen",
            None,
            "2008-05-13",
        ),
    }
    for sid, (title, publisher, date) in expected.items():
        s = sources[sid]
        assert s.title == title, sid
        if publisher is None:
            assert s.publisher is None, sid  # not named in the document: none is made up
        else:
            assert s.publisher == publisher, sid
        assert (str(s.date) if s.date else None) == date, sid
        assert s.url is None, sid
        assert s.description, sid
    editorial = sources[EDITORIAL]
    assert editorial.document is None and editorial.url is None and editorial.language == "en"
    assert editorial.publisher == "Pontes project" and editorial.description


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
        ("Vorstand der Initiative Region Trier", IRT_BOARD),
        ("Vorstand der IRT", IRT_BOARD),
        ("Geschäftsführung der Initiative Region Trier", IRT_OFFICE),
        ("Chambre de commerce et d’industrie de Trèves", IHK),
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
    partners = {
        t.source
        for t in _ties(ties, TieType.PARTY_TO, target=BKW_COOPERATION)
        if nodes[t.source].type is NodeType.ORGANISATION and t.role in {"party", "initiating party"}
    }
    assert partners == {AA_TRIER, LK_BKW, JC_BKW}
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
        (QP_WORKSHOP, "2008"),
        (COLLOQUIUM, "2008-10"),
        # "anlässlich der zweiten Regionalkonferenz" in a release of 6 October 2016: no month is given
        (REGIONAL_CONFERENCE, "2016"),
        (SURVEY, "2017"),
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
    event = QP_WORKSHOP
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
    assert len(parts) == 14  # 12 events, the letters and the survey
    assert all(nodes[p].type is NodeType.EVENT for p in parts)
    assert all(nodes[p].start >= "2015" for p in parts - {LETTERS})
    assert nodes[LETTERS].start is None  # neither document dates the letters
    # The IRT's project: launched by its board, coordinated by its management office.
    assert _participants(ties, IRT_PROJECT, "organiser") == {IRT, IRT_BOARD, IRT_OFFICE}


def test_regional_conference_and_cooperation_meetings(ties):
    conference = REGIONAL_CONFERENCE
    assert _participants(ties, conference, "speaker") == {
        "person:silke-meyer",
        "person:christian-thoemmes",
        "person:manfred-greis",
    }
    # Only Meyer is quoted "on the occasion of" the conference; the others are our reading.
    inferred = {t.source for t in _ties(ties, TieType.PARTICIPATED_IN, target=conference) if t.inferred}
    assert inferred == {"person:christian-thoemmes", "person:manfred-greis", AA_TRIER, LK_BKW, JC_BKW}
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


def test_participation_roles_are_the_allowed_ones(nodes, ties):
    participations = _ties(ties, TieType.PARTICIPATED_IN)
    assert {t.role for t in participations} <= {"organiser", "speaker", "participant", "host", "sender", "recipient"}
    for t in participations:
        # letters have a sender and a recipient, and nothing else has
        assert (t.role in {"sender", "recipient"}) == (nodes[t.target].kind == "correspondence"), t


# -- corrections and additions of the fact check -------------------------------------


def test_the_irt_wrote_letters_to_the_state_government_and_does_not_cooperate_with_it(nodes, ties):
    """000: "richtete die IRT ein Schreiben an die Landesregierung"; 001: "mehrere Schreiben". Letters, not a partnership."""
    assert not [
        t for t in ties if {t.source, t.target} == {IRT, STATE_GOVERNMENT} and t.type is TieType.COOPERATES_WITH
    ]
    assert not _ties(ties, TieType.COOPERATES_WITH, source=IRT)
    assert nodes[LETTERS].kind == "correspondence"
    assert _participants(ties, LETTERS, "sender") == {IRT}
    assert _participants(ties, LETTERS, "recipient") == {STATE_GOVERNMENT}
    assert _ties(ties, TieType.PART_OF, source=LETTERS, target=IRT_PROJECT)  # a political initiative of the project
    topics = {t.target for t in _ties(ties, TieType.ADDRESSES, source=LETTERS)}
    assert topics >= {"topic:young-and-unaccompanied-refugees", "topic:school-and-education", "topic:language"}


def test_irt_board_and_management_office(nodes, ties):
    """000: "der Vorstand der Initiative Region Trier" launched the project; "Die Koordination des
    Gesamtprojekts liegt bei der Geschäftsführung"; "hat der Vorstand der IRT eine Fortführung beschlossen"."""
    for unit, role in ((IRT_BOARD, "board"), (IRT_OFFICE, "management office")):
        (part,) = _ties(ties, TieType.PART_OF, source=unit, target=IRT)
        assert part.role == role and not part.inferred
    (launch,) = _ties(ties, TieType.PARTICIPATED_IN, source=IRT_BOARD, target=IRT_PROJECT)
    assert (launch.role, launch.start) == ("organiser", "2015")
    (coordination,) = _ties(ties, TieType.PARTICIPATED_IN, source=IRT_OFFICE, target=IRT_PROJECT)
    assert coordination.role == "organiser"


def test_decision_of_late_2016_to_continue_the_project_in_2017(nodes, ties):
    """Reported on 1 December 2016 ("Projekt wird 2017 fortgesetzt"); the day of the decision is not given."""
    assert nodes[CONTINUATION].type is NodeType.AGREEMENT and nodes[CONTINUATION].signed == "2016"
    (board,) = _ties(ties, TieType.PARTY_TO, target=CONTINUATION)
    assert (board.source, board.role) == (IRT_BOARD, "adopting body")
    assert nodes[CONTINUATION].sources[0] == "irt-2016-atem"


def test_survey_of_integration_actors(nodes, ties):
    """001: the IRT surveyed the region's paid and volunteer integration actors (2017)."""
    survey = nodes[SURVEY]
    assert survey.kind == "survey" and survey.start == "2017"
    assert _participants(ties, SURVEY, "organiser") == {IRT}
    assert _ties(ties, TieType.PART_OF, source=SURVEY, target=IRT_PROJECT)
    assert _ties(ties, TieType.LOCATED_IN, source=SURVEY, target="place:region-trier")


@pytest.mark.parametrize(
    ("event", "attendance", "qualifier"),
    [
        ("event:runder-tisch-integration-auftaktveranstaltung-2015-04", 100, "about"),  # "rund 100 Vertretern"
        ("event:perspektiven-fuer-fluechtlinge-in-der-region-trier-2015", 150, "over"),  # "Über 150 Gäste"
        (QP_WORKSHOP, 20, "over"),  # "über 20 Mitarbeiter"
        (IRT_PROJECT, 200, "about"),  # "rund 200 Teilnehmer", "rd. 200 Teilnehmer"
    ],
)
def test_attendance_keeps_the_documents_qualifier(nodes, event, attendance, qualifier):
    assert (nodes[event].attendance, nodes[event].attendance_qualifier) == (attendance, qualifier)


def test_every_attendance_figure_is_qualified_as_in_the_documents(nodes):
    """No document gives a plain head count: every figure in the seeds is "rund" or "über"."""
    figures = {n.id: n.attendance_qualifier for n in nodes.values() if n.type is NodeType.EVENT and n.attendance}
    assert len(figures) == 4 and None not in figures.values()


def test_quattropole_2008_decision_with_the_four_cities_as_parties(nodes, ties):
    """004: the QuattroPole experts decided in 2008 to build a cross-border network for work with
    immigrants; mutual visits and job shadowing were to follow."""
    decision = nodes[QP_DECISION]
    assert decision.type is NodeType.AGREEMENT and decision.signed == "2008"
    (network,) = _ties(ties, TieType.PARTY_TO, source=QP, target=QP_DECISION)
    assert network.role == "adopting body" and not network.inferred
    cities = _ties(ties, TieType.PARTY_TO, target=QP_DECISION)
    assert {t.source for t in cities if t.role == "party"} == CITY_ADMINISTRATIONS
    # the experts decided; that their cities are parties through them is our reading
    assert all(t.inferred for t in cities if t.role == "party")
    assert _ties(ties, TieType.ADDRESSES, source=QP_DECISION, target="topic:migration")


def test_colloquium_belongs_to_quattropole_and_has_no_invented_venue(nodes, ties):
    """004: "Ein wissenschaftliches Kolloquium im Oktober ... Visionen für den QuattroPole-Raum" - no venue given."""
    (part,) = _ties(ties, TieType.PART_OF, source=COLLOQUIUM, target=QP)
    assert part.inferred  # announced in the network's article; no organiser named
    assert _ties(ties, TieType.LOCATED_IN, source=COLLOQUIUM) == []
    assert nodes[COLLOQUIUM].start == "2008-10"


def test_workshop_2008_cooperative_and_youth_council(nodes, ties):
    """The cooperative's neighbourhood work was shown at the workshop; the Luxembourg youth council was only
    named by Veronika Kabis as an example, so it gets no participation."""
    assert nodes["org:wohnungsgenossenschaft-am-beutelweg"].kind == "cooperative"
    (coop,) = _ties(ties, TieType.PARTICIPATED_IN, source="org:wohnungsgenossenschaft-am-beutelweg", target=QP_WORKSHOP)
    assert coop.inferred and coop.role == "participant"
    assert _ties(ties, TieType.PARTICIPATED_IN, source="org:jugendgemeinderat-luxemburg") == []
    assert _ties(ties, TieType.ADDRESSES, source="org:jugendgemeinderat-luxemburg", target="topic:participation")
    # the people pictured are our reading of who was there; the presenters are stated
    pictured = {"person:maria-de-jesus-duran-kremer", "person:naima-hassani", "person:mohamed-maiga"}
    for t in _ties(ties, TieType.PARTICIPATED_IN, target=QP_WORKSHOP):
        assert t.inferred == (
            t.source
            not in CITY_ADMINISTRATIONS
            | {
                "org:quartiersmanagement-trier-nord",
                "org:cafe-baer",
                "person:maria-ohlig",
                "person:ingrid-schmitt",
            }
        ), t.source
    assert pictured <= _participants(ties, QP_WORKSHOP)


def test_council_tie_to_the_2011_concept_does_not_predate_it(nodes, ties):
    """The 2008 article attests the Ausländerbeirat leading a draft; the concept is from 2011-12-13."""
    (lead,) = _ties(ties, TieType.PARTY_TO, source=AUSLAENDERBEIRAT, target=INTEGRATION_CONCEPT)
    assert lead.role == "drafting lead" and lead.inferred and lead.start is None


def test_no_party_joins_an_agreement_before_it_exists(nodes, ties):
    for t in _ties(ties, TieType.PARTY_TO):
        signed = nodes[t.target].signed
        if t.start and signed:
            assert t.start >= signed[: len(t.start)], (t.source, t.target, t.start, signed)


def test_bernkastel_wittlich_roles_of_thoemmes_greis_and_the_coordination_office(ties):
    """003: Manfred Greis (Jobcenter) is named a cooperation partner; Thömmes speaks for the agency on the
    agreement; the district's refugee-aid coordination office coordinates the cooperation."""
    (greis,) = _ties(ties, TieType.PARTY_TO, source="person:manfred-greis", target=BKW_COOPERATION)
    (thoemmes,) = _ties(ties, TieType.PARTY_TO, source="person:christian-thoemmes", target=BKW_COOPERATION)
    assert greis.role == thoemmes.role == "cooperation partner"
    assert not greis.inferred and thoemmes.inferred
    office = "org:koordinierungsstelle-fluechtlingshilfe-bernkastel-wittlich"
    (coordination,) = _ties(ties, TieType.PARTY_TO, source=office, target=BKW_COOPERATION)
    assert coordination.role == "coordinator"
    assert not _ties(ties, TieType.COOPERATES_WITH, source=office)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # "den beiden Wirtschaftskammern" / "Kammern" / "Wirtschaftskammern" read as IHK and HWK
        (
            IHK,
            "event:wege-in-ausbildung-und-arbeit-fuer-unbegleitete-minderjaehrige-und-junge-volljaehrige-fluechtlinge-2016-07",
        ),
        (HWK, "event:koordinierungstreffen-zur-fluechtlingsarbeit-2017"),
        (HWK, "event:austausch-zu-den-pilotklassen-18-2017-02"),
        # the round tables name no organiser
        (IRT, "event:runder-tisch-integration-auftaktveranstaltung-2015-04"),
        # the renaming of the council is not in either document
        (BEIRAT, AUSLAENDERBEIRAT),
        # "Mohamed Maiga vom Saarbrücker Ausländerbeirat": no function given
        ("person:mohamed-maiga", "org:auslaenderbeirat-saarbruecken"),
    ],
)
def test_readings_are_marked_as_inferred(ties, source, target):
    found = [t for t in ties if (t.source, t.target) == (source, target)]
    assert found and all(t.inferred and t.description for t in found)


# -- every citation rests on the text ---------------------------------------------------


def _doc_words(source_id: str) -> list[str]:
    need(SHARED_SEEDS, "the five seed documents")
    return _words(fold((SHARED_SEEDS / DOCUMENTS[source_id]).read_text(encoding="utf-8")))


def _stem(word: str) -> str:
    """A German word without its inflection ending: 'Runder' matches 'Runden', 'Lernende' 'Lernender'."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def _said_as_phrase(label: str, words: list[str]) -> bool:
    stems = [_stem(w) for w in _words(fold(label))]
    n = len(stems)
    return any(all(words[i + k].startswith(stems[k]) for k in range(n)) for i in range(len(words) - n + 1))


def _said_in_words(label: str, words: list[str]) -> bool:
    vocabulary = set(words)
    return all(any(w.startswith(_stem(x)) for w in vocabulary) for x in _words(fold(label)))


#: Nodes a document refers to without using any of their names, and how it does.
MENTIONED_INDIRECTLY = {
    (admin, "quattropole-2008-migration"): "the city halls: 'Rathäusern aus Luxemburg, Metz, Saarbrücken und Trier'"
    for admin in CITY_ADMINISTRATIONS
} | {
    ("org:arbeitsgruppe-verwaltung-integrationskonzept-trier", "mib-trier-integrationskonzept"): "'4. Verwaltung'",
}


def test_every_document_a_node_cites_mentions_it(plan):
    """Organisations, persons and places by one of their names as a phrase; events, agreements and topics
    (often named by us) by all the words of one of their German labels. Inflection endings are ignored."""
    need(SHARED_SEEDS, "the five seed documents")
    words = {sid: _doc_words(sid) for sid in DOCUMENTS}
    missing = []
    for n in plan.nodes:
        labels = [n.name, *n.aliases, *([n.names["de"]] if "de" in n.names else [])]
        said = _said_as_phrase if n.type in (NodeType.ORGANISATION, NodeType.PERSON, NodeType.PLACE) else _said_in_words
        for sid in n.sources:
            if sid in DOCUMENTS and (n.id, sid) not in MENTIONED_INDIRECTLY:
                if not any(said(label, words[sid]) for label in labels):
                    missing.append((n.id, sid))
    assert missing == []
    assert all(sid in n.sources for n in plan.nodes for (nid, sid) in MENTIONED_INDIRECTLY if n.id == nid)


def test_a_stated_tie_cites_only_documents_that_mention_both_ends(plan):
    """A tie not marked inferred rests on documents that name both its ends (each end cites them, and the
    test above checks that a cited document mentions the node)."""
    nodes = {n.id: n for n in plan.nodes}
    wrong = [
        (t.type.value, t.source, t.target, sid)
        for t in plan.ties
        if not t.inferred
        for sid in t.sources
        if sid in DOCUMENTS and not (sid in nodes[t.source].sources and sid in nodes[t.target].sources)
    ]
    assert wrong == []


def test_every_node_is_attested_by_a_document(plan):
    assert [n.id for n in plan.nodes if not set(n.sources) & set(DOCUMENTS)] == []


def test_translations_and_coordinates_cite_the_editors_reference_data(plan):
    """No German document holds a French name or a coordinate: those cite the editors, next to the documents."""
    words = {sid: _doc_words(sid) for sid in DOCUMENTS}
    for n in plan.nodes:
        other_languages = {lang for lang in n.names if lang != "de"}
        german_not_in_text = "de" in n.names and not any(
            _said_as_phrase(n.names["de"], words[sid]) for sid in n.sources if sid in DOCUMENTS
        )
        coordinates = getattr(n, "lat", None) is not None
        if other_languages or german_not_in_text or coordinates:
            assert EDITORIAL in n.sources, n.id
    assert EDITORIAL in {s for n in plan.nodes if n.id == "place:trier" for s in n.sources}
    assert {n.names.get("fr") for n in plan.nodes if n.type is NodeType.PLACE and n.kind == "city"} == {
        "Luxembourg",
        "Metz",
        "Sarrebruck",
        "Trèves",
    }


def test_only_administrative_geography_rests_on_the_editors_alone(plan):
    nodes = {n.id: n for n in plan.nodes}
    alone = [t for t in plan.ties if set(t.sources) == {EDITORIAL}]
    assert alone and all(
        t.type is TieType.PART_OF and nodes[t.source].type is nodes[t.target].type is NodeType.PLACE for t in alone
    )


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
    """(where, text) of every description in every language, and of the seeds' README."""
    for item in [*plan.nodes, *plan.ties, *plan.sources]:
        where = (
            getattr(item, "name", None) or getattr(item, "title", None) or f"{item.type} {item.source} -> {item.target}"
        )
        for lang, text in [("", item.description), *item.descriptions.items()]:
            if text:
                yield f"{where} {lang}".strip(), text
    yield "seeds/README.md", (SEEDS / "README.md").read_text(encoding="utf-8")


def test_descriptions_name_no_person(plan):
    """Persons appear only as nodes, so erasing one removes every trace of the name."""
    persons = [n for n in plan.nodes if n.type is NodeType.PERSON]
    names = {label for n in persons for label in (n.name, n.name.split()[-1], *n.aliases)}
    named = [(where, name) for where, text in _description_texts(plan) for name in names if name in text]
    assert [(where, name) for where, name in named if where != "seeds/README.md"] == []


def test_descriptions_are_not_copied_from_the_documents(plan):
    need(SHARED_SEEDS, "the five seed documents")  # present in CI, so there it runs
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
    assert (counts.total_nodes, counts.total_ties, counts.sources) == (len(first.nodes), len(first.ties), 6)
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
