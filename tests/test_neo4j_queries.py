"""The Cypher of ``docs/neo4j.md``, run as it stands against the real server on the seed network.

The queries live only in the documentation: this module reads every
```` ```cypher ```` block of ``docs/neo4j.md`` (first line ``// <name>``,
second line ``// params: {json}``) and runs it, so the page and the tests
cannot drift apart. :data:`EXPECTED` holds every answer, worked out from the
seed files (``seeds/*.yaml``); when the seed network changes, update the
answers here. The page's property tables are checked against the model too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import neo4j
import pytest

from graph.model import NODE_CLASSES, Source, Tie
from graph.store import cypher
from graph.store.neo4j_store import Neo4jStore
from graph.store.properties import describe
from loaders import load_paths
from tests.support.neo4j import SharedDriver

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "neo4j.md"

#: The answer of each documented query on the seed network, row by row, in the query's order.
EXPECTED: dict[str, list[tuple]] = {
    # Ville de Metz (FR): the QuattroPole members (PART_OF the network) and everyone at the 2008
    # workshop it attended (13-quattropole); Dounia is French, QuattroPole and its working group
    # have no country.
    "cross-border-partners": [
        ("Ausländerbeirat Saarbrücken", "DE"),
        ("Ausländerbeirat Trier", "DE"),
        ("Café Bär", "DE"),
        ("Landeshauptstadt Saarbrücken", "DE"),
        ("Quartiersmanagement Trier-Nord", "DE"),
        ("Stadt Trier", "DE"),
        ("Wohnungsgenossenschaft Am Beutelweg", "DE"),
        ("Zuwanderungs- und Integrationsbüro Saarbrücken", "DE"),
        ("Ville de Luxembourg", "LU"),
    ],
    # signed: "2016": the IRT board's decision to continue the project (10-irt, the board its
    # one party), the Bernkastel-Wittlich cooperation (12-bernkastel-wittlich: four
    # organisations and the two signing persons) and the regional agreement (10-irt, eight).
    "agreements-of-a-year": [
        ("Beschluss zur Fortführung des IRT-Flüchtlingsprojekts", "2016", ["Vorstand der Initiative Region Trier"]),
        (
            "Kooperation zur Integration von Flüchtlingen und Asylbegehrenden in Ausbildung und Arbeit",
            "2016",
            [
                "Agentur für Arbeit Trier",
                "Christian Thömmes",
                "Jobcenter Bernkastel-Wittlich",
                "Koordinierungsstelle Flüchtlingshilfe Bernkastel-Wittlich",
                "Landkreis Bernkastel-Wittlich",
                "Manfred Greis",
            ],
        ),
        (
            "Vereinbarung zur Integration von Flüchtlingen in den Arbeits- und Ausbildungsmarkt",
            "2016",
            [
                "Eifelkreis Bitburg-Prüm",
                "Handwerkskammer Trier",
                "Industrie- und Handelskammer Trier",
                "Initiative Region Trier",
                "Landkreis Bernkastel-Wittlich",
                "Landkreis Trier-Saarburg",
                "Landkreis Vulkaneifel",
                "Stadt Trier",
            ],
        ),
    ],
    # Events addressing young and unaccompanied refugees: the expert talk of 2016-07 (eight
    # participants) and the exchange on the 18+ pilot classes of 2017-02 (five); the pilot
    # classes themselves have no date and no participants (10-irt).
    "topic-participants": [
        ("Aufsichts- und Dienstleistungsdirektion", 2, ["participant"]),
        ("Handwerkskammer Trier", 2, ["participant"]),
        ("Industrie- und Handelskammer Trier", 2, ["participant"]),
        ("Initiative Region Trier", 2, ["organiser", "participant"]),
        ("Agentur für Arbeit Trier", 1, ["participant"]),
        ("Berufsbildende Schule Gewerbe und Technik Trier", 1, ["participant"]),
        ("Bundesamt für Migration und Flüchtlinge", 1, ["participant"]),
        ("Jobcenter Trier", 1, ["participant"]),
        ("Stadt Trier", 1, ["organiser"]),
    ],
    # QuattroPole is LOCATED_IN Metz and Luxembourg (one step); Ville de Luxembourg (LU) is
    # PART_OF QuattroPole (two). The Jugendgemeinderat Luxemburg is three steps away.
    "near-metz-in-luxembourg": [("QuattroPole", 1), ("Ville de Luxembourg", 2)],
    # The SUCCESSOR_OF tie cites the 2008 article (its full title; the article names no
    # publisher, so none is stored) and the undated council page (03-organisations).
    "documents-behind-a-tie": [
        (
            "SUCCESSOR_OF",
            "Neue Perspektiven für Migranten der Großregion – QuattroPole plant grenzüberschreitende Strukturen",
            None,
            dt.date(2008, 5, 13),
        ),
        ("SUCCESSOR_OF", "Integrationskonzept für die Stadt Trier", "Beirat für Migration und Integration Trier", None),
    ],
    # Everything citing the 2016 press release kvbkw-2016-kooperation: in 01-places the
    # Bernkastel-Wittlich district; 02-topics five topics; 03-organisations five organisations
    # and their ties; 04-persons three persons and four MEMBER_OF; 12-bernkastel-wittlich the
    # agreement, three events and their ties (no COOPERATES_WITH: the partners' ties are the
    # agreement and the meetings).
    "facts-from-a-document": [
        ("ADDRESSES", 6),
        ("Agreement", 1),
        ("Event", 3),
        ("LOCATED_IN", 5),
        ("MEMBER_OF", 4),
        ("Organisation", 5),
        ("PARTICIPATED_IN", 12),
        ("PARTY_TO", 6),
        ("PART_OF", 2),
        ("Person", 3),
        ("Place", 1),
        ("Topic", 5),
    ],
    # "Lëtzebuerg": the Luxembourgish name and an alias of the city, the Luxembourgish name
    # ("Stad Lëtzebuerg") of its administration.
    "find-by-name": [
        ("Luxembourg", "Place", "place:luxembourg"),
        ("Ville de Luxembourg", "Organisation", "org:ville-de-luxembourg"),
    ],
    # From Trier (49.7567, 6.6414; 01-places): the district seat has the same coordinates, the
    # two quarters lie 1.5 and 1.6 km away, the Region's centre 22.9 km, Bitburg 25.7 km;
    # Wittlich (31 km) and Luxembourg (40 km) are farther.
    "places-nearby": [
        ("Landkreis Trier-Saarburg", "district", 0.0),
        ("Trier-West", "quarter", 1.5),
        ("Trier-Nord", "quarter", 1.6),
        ("Region Trier", "region", 22.9),
        ("Eifelkreis Bitburg-Prüm", "district", 25.7),
    ],
    # The four city administrations are PART_OF QuattroPole (role member city, 03-organisations).
    "local-governments-in-networks": [
        ("QuattroPole", "DE", "Landeshauptstadt Saarbrücken"),
        ("QuattroPole", "DE", "Stadt Trier"),
        ("QuattroPole", "FR", "Ville de Metz"),
        ("QuattroPole", "LU", "Ville de Luxembourg"),
    ],
    # 39 organisations share an event or agreement with another, in 167 pairs (each
    # relationship counted in both directions by GDS); counted from the PARTICIPATED_IN and
    # PARTY_TO ties of organisations in the seed files, grouped by event or agreement.
    "collaboration-projection": [("collaboration", 39, 334)],
    # Weighted degree: the events and agreements shared, summed over partners (PART_OF
    # QuattroPole is no participation). Stadt Trier: 11 others at the 2008 workshop + 4 other
    # parties to the 2008 network decision + 7 at the expert talk of 2016-07 + 7 other parties
    # to the regional agreement + 8 others at the coordination meeting of 2017 = 37.
    "collaboration-degree": [
        ("Stadt Trier", 37.0),
        ("Handwerkskammer Trier", 31.0),
        ("Industrie- und Handelskammer Trier", 31.0),
        ("Initiative Region Trier", 31.0),
        ("Agentur für Arbeit Trier", 28.0),
    ],
    "collaboration-drop": [("collaboration",)],
}

#: The queries of the Graph Data Science section, which build on each other (run in this order).
GDS = ("collaboration-projection", "collaboration-degree", "collaboration-drop")


def documented_queries() -> dict[str, tuple[str, dict]]:
    """Every ```` ```cypher ```` block of the page: name -> (query, parameters)."""
    out: dict[str, tuple[str, dict]] = {}
    for block in re.findall(r"```cypher\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL):
        name, params, *query = block.splitlines()
        assert name.startswith("// ") and params.startswith("// params: "), block
        out[name.removeprefix("// ").strip()] = ("\n".join(query), json.loads(params.removeprefix("// params: ")))
    return out


QUERIES = documented_queries()


def _plain(value):
    return value.to_native() if isinstance(value, neo4j.time.Date) else value


def _run(driver, database: str, name: str) -> list[tuple]:
    query, params = QUERIES[name]
    records = driver.execute_query(query, params, database_=database).records
    return [tuple(_plain(v) for v in r.values()) for r in records]


@pytest.fixture(scope="module")
def seeded(neo4j_driver, neo4j_server):
    """The seed network, loaded through Pontes into the emptied test database (read only here)."""
    database = neo4j_server[1]
    neo4j_driver.execute_query(cypher.DELETE_ALL, database_=database)
    store = Neo4jStore(SharedDriver(neo4j_driver), database=database)
    store.ensure_schema()
    load_paths(store, [REPO / "seeds"])
    return database


def test_the_page_has_ten_questions_and_every_query_has_its_answer():
    assert len(re.findall(r"^### \d+\. ", DOC.read_text(encoding="utf-8"), re.MULTILINE)) == 10
    assert list(QUERIES) == list(EXPECTED)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [n for n in EXPECTED if n not in GDS])
def test_a_documented_query_gives_its_known_answer(seeded, neo4j_driver, name):
    assert _run(neo4j_driver, seeded, name) == EXPECTED[name]


@pytest.mark.neo4j
def test_the_collaboration_network_in_graph_data_science(seeded, neo4j_driver):
    neo4j_driver.execute_query("CALL gds.graph.drop('collaboration', false)", database_=seeded)
    try:
        for name in GDS:
            assert _run(neo4j_driver, seeded, name) == EXPECTED[name], name
    finally:
        neo4j_driver.execute_query("CALL gds.graph.drop('collaboration', false)", database_=seeded)


# -- the property tables ----------------------------------------------------------------------
def documented_properties() -> dict[str, set[tuple[str, str]]]:
    """Section heading (``:Organisation``, ``Ties``) -> the (property, type) rows of its table."""
    out: dict[str, set[tuple[str, str]]] = {}
    section = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if heading := re.match(r"^### (?:`(:\w+)`|(Ties))", line):
            section = heading.group(1) or heading.group(2)
            out[section] = set()
        elif line.startswith("## "):
            section = None
        elif section and (row := re.match(r"^\| `(\w+)` \| `([^`]+)` \|", line)):
            out[section].add(row.groups())
    return out


def test_the_property_tables_list_every_property_of_the_model_with_its_type():
    tables = documented_properties()
    node_bookkeeping = {("search", "STRING"), ("hash", "STRING")}
    for node_type, cls in NODE_CLASSES.items():
        model = {(p.name, p.neo4j_type) for p in describe(cls)} | node_bookkeeping
        assert tables[":Node"] | tables.get(f":{node_type.value}", set()) == model, node_type
    assert tables[":Source"] == {(p.name, p.neo4j_type) for p in describe(Source)} | {("hash", "STRING")}
    structure = {"type", "source", "target"}
    ties = {(p.name, p.neo4j_type) for p in describe(Tie) if p.field not in structure}
    assert tables["Ties"] == ties | {("hash", "STRING")}


def test_the_index_table_names_every_constraint_and_index_of_the_schema():
    text = DOC.read_text(encoding="utf-8")
    for statement in cypher.SCHEMA:
        name = re.search(r"(?:INDEX|CONSTRAINT) (\w+) IF NOT EXISTS", statement).group(1)
        assert f"`{name}`" in text or re.fullmatch(r"tie_\w+_id", name), name
