"""Neo4j-only behaviour: schema, injection safety, error mapping, transaction modes.

The shared behaviour of both stores is in ``test_store_contract.py``.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable
from neo4j.spatial import WGS84Point

from graph.errors import ConfigError, StoreError, StoreUnavailable
from graph.model import (
    NODE_CLASSES,
    AuditRecord,
    Event,
    EventKind,
    Lang,
    NodeType,
    Organisation,
    Person,
    Place,
    PlaceKind,
    Source,
    Tie,
    TieType,
    Topic,
)
from graph.store import cypher
from graph.store import neo4j_store as neo4j_store_module
from graph.store.neo4j_store import Neo4jStore, node_properties
from graph.store.properties import describe
from loaders import read_paths
from pontes.neo4j_server import free_port
from pontes.settings import load_settings
from pontes.stores import open_store
from tests.support.neo4j import SharedDriver
from tests.support.old_layout import write_old_layout

REPO = Path(__file__).resolve().parent.parent
SRC = Source(id="src-a", title="Report", publisher="Publisher")


def org(name: str, **kw) -> Organisation:
    return Organisation(name=name, **{"sources": ["src-a"], **kw})


@pytest.fixture
def base(neo4j_store):
    """Two organisations, a place and two ties, stored."""
    a, b = org("Eurodistrict SaarMoselle"), org("Grande Région")
    metz = Place(name="Metz", kind=PlaceKind.CITY, country="FR", sources=["src-a"])
    ties = [
        Tie(type=TieType.COOPERATES_WITH, source=a.id, target=b.id, sources=["src-a"]),
        Tie(type=TieType.LOCATED_IN, source=a.id, target=metz.id, sources=["src-a"]),
    ]
    neo4j_store.upsert(sources=[SRC], nodes=[a, b, metz], ties=ties)
    return neo4j_store


class Spy:
    """Wraps a driver and records, per session, the access mode and which
    kind of transaction ran on it."""

    def __init__(self, driver):
        self._driver = driver
        self.calls: list[tuple[str, str | None]] = []
        self.closed = 0

    def close(self):
        self.closed += 1

    def session(self, **config):
        spy, mode, inner = self, config.get("default_access_mode"), self._driver.session(**config)

        class Session:
            def __enter__(self):
                inner.__enter__()
                return self

            def __exit__(self, *exc):
                return inner.__exit__(*exc)

            def execute_read(self, work, *a, **kw):
                spy.calls.append(("read", mode))
                return inner.execute_read(work, *a, **kw)

            def execute_write(self, work, *a, **kw):
                spy.calls.append(("write", mode))
                return inner.execute_write(work, *a, **kw)

            def run(self, *a, **kw):
                spy.calls.append(("auto-commit", mode))
                return inner.run(*a, **kw)

        return Session()

    def __getattr__(self, name):
        return getattr(self._driver, name)


# -- schema ------------------------------------------------------------------------
def _drop_schema(driver, database):
    for c in driver.execute_query(cypher.SHOW_CONSTRAINTS, database_=database).records:
        driver.execute_query(cypher.DROP_CONSTRAINT, {"name": c["name"]}, database_=database)
    for i in driver.execute_query(cypher.SHOW_INDEXES, database_=database).records:
        if i["type"] != "LOOKUP":
            driver.execute_query(cypher.DROP_INDEX, {"name": i["name"]}, database_=database)


@pytest.mark.neo4j
def test_constraints_and_indexes_exist_after_ensure_schema(neo4j_store, neo4j_driver, neo4j_server):
    database = neo4j_server[1]
    _drop_schema(neo4j_driver, database)
    assert neo4j_driver.execute_query(cypher.SHOW_CONSTRAINTS, database_=database).records == []

    neo4j_store.ensure_schema()
    neo4j_store.ensure_schema()  # idempotent

    constraints = {
        r["name"]: r for r in neo4j_driver.execute_query(cypher.SHOW_CONSTRAINTS, database_=database).records
    }
    expected = {"node_id": ("NODE", ["Node"]), "source_id": ("NODE", ["Source"])}
    expected |= {f"tie_{t.value.lower()}_id": ("RELATIONSHIP", [t.value]) for t in TieType}
    expected |= {"audit_id": ("NODE", ["Audit"])}
    bookkeeping = {"meta_key": ("NODE", ["Meta"], ["key"]), "tombstone_hash": ("NODE", ["Tombstone"], ["hash"])}
    # the change log of merges, its redirects, and records such as review queues
    bookkeeping |= {"change_id": ("NODE", ["Change"], ["id"]), "redirect_old": ("NODE", ["Redirect"], ["old"])}
    bookkeeping |= {"record_key": ("NODE", ["Record"], ["kind", "id"])}
    assert set(constraints) == set(expected) | set(bookkeeping)
    for name, (entity, labels, props) in bookkeeping.items():
        c = constraints[name]
        assert (c["entityType"], c["labelsOrTypes"], c["properties"]) == (entity, labels, props)
    for name, (entity, labels) in expected.items():
        c = constraints[name]
        assert (c["entityType"], c["labelsOrTypes"], c["properties"]) == (entity, labels, ["id"])
        assert c["type"] in {"UNIQUENESS", "RELATIONSHIP_UNIQUENESS"}

    indexes = {r["name"]: r for r in neo4j_driver.execute_query(cypher.SHOW_INDEXES, database_=database).records}
    found = {
        name: (i["type"], i["labelsOrTypes"], i["properties"])
        for name, i in indexes.items()
        if i["type"] != "LOOKUP" and i["owningConstraint"] is None
    }
    assert found == {
        "node_search": ("TEXT", ["Node"], ["search"]),
        "node_type": ("RANGE", ["Node"], ["type"]),
        "organisation_country": ("RANGE", ["Organisation"], ["country"]),
        "organisation_kind": ("RANGE", ["Organisation"], ["kind"]),
        "place_country": ("RANGE", ["Place"], ["country"]),
        "event_kind": ("RANGE", ["Event"], ["kind"]),
        "event_start_year": ("RANGE", ["Event"], ["start_year"]),
        "agreement_signed_year": ("RANGE", ["Agreement"], ["signed_year"]),
        "place_location": ("POINT", ["Place"], ["location"]),
        "node_names": ("FULLTEXT", ["Node"], ["name", "name_de", "name_en", "name_fr", "name_lb", "aliases"]),
        "tie_sources": ("FULLTEXT", [t.value for t in TieType], ["sources"]),
    }
    assert {i["state"] for i in indexes.values()} == {"ONLINE"}  # awaitIndexes waited


@pytest.mark.neo4j
def test_constraint_rejects_a_duplicate_id(base, neo4j_driver, neo4j_server):
    with pytest.raises(ClientError) as err:
        neo4j_driver.execute_query("CREATE (:Node {id: $id})", {"id": "place:metz"}, database_=neo4j_server[1])
    assert err.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"


# -- labels and types -------------------------------------------------------------------
@pytest.mark.neo4j
def test_labels_and_relationship_types_come_from_the_enums(base, neo4j_driver, neo4j_server):
    nodes = neo4j_driver.execute_query(cypher.NODE_LABELS, database_=neo4j_server[1]).records
    # Besides the graph there is one bookkeeping node: the version counter.
    assert [r["labels"] for r in nodes if "Meta" in r["labels"]] == [["Meta"]]
    nodes = [r for r in nodes if "Meta" not in r["labels"]]
    assert [(r["id"], sorted(r["labels"])) for r in nodes] == [
        ("org:eurodistrict-saarmoselle", ["Node", "Organisation"]),
        ("org:grande-region", ["Node", "Organisation"]),
        ("place:metz", ["Node", "Place"]),
        ("src-a", ["Source"]),
    ]
    ties = neo4j_driver.execute_query(cypher.TIE_TYPES, database_=neo4j_server[1]).records
    assert sorted((r["type"], r["source"], r["target"]) for r in ties) == [
        ("COOPERATES_WITH", "org:eurodistrict-saarmoselle", "org:grande-region"),
        ("LOCATED_IN", "org:eurodistrict-saarmoselle", "place:metz"),
    ]


@pytest.mark.neo4j
def test_a_node_whose_type_changes_loses_its_old_label(neo4j_store, neo4j_driver, neo4j_server):
    neo4j_store.upsert(sources=[SRC], nodes=[org("Kim Muster", id="org:kim")])
    neo4j_store.upsert(
        nodes=[Person(legal_basis="legitimate_interests", name="Kim Muster", id="org:kim", sources=["src-a"])]
    )
    records = neo4j_driver.execute_query(cypher.NODE_LABELS, database_=neo4j_server[1]).records
    assert [sorted(r["labels"]) for r in records if r["id"] == "org:kim"] == [["Node", "Person"]]
    assert neo4j_store.counts().nodes == {NodeType.PERSON: 1}


# -- native properties and provenance --------------------------------------------------------
def _props(driver, database, query, **params):
    return [dict(r["p"]) for r in driver.execute_query(query, params, database_=database).records]


@pytest.mark.neo4j
def test_every_field_is_a_property_of_its_own_with_a_fitting_type(neo4j_store, neo4j_driver, neo4j_server):
    database = neo4j_server[1]
    source = Source(id="src-a", title="Report", publisher="Publisher", date=dt.date(2016, 10, 6), language=Lang.DE)
    metz = Place(
        name="Metz",
        names={Lang.DE: "Metz", Lang.FR: "Metz"},
        kind=PlaceKind.CITY,
        country="FR",
        lat=49.1193,
        lon=6.1757,
        sources=["src-a"],
    )
    forum = Event(name="Forum", kind=EventKind.CONFERENCE, start="2016-09", attendance=120, sources=["src-a"])
    tie = Tie(type=TieType.LOCATED_IN, source=forum.id, target=metz.id, start="2016-10-06", sources=["src-a"])
    neo4j_store.upsert(sources=[source], nodes=[metz, forum], ties=[tie])

    [place] = _props(neo4j_driver, database, "MATCH (p:Place {country: 'FR'}) RETURN properties(p) AS p")
    assert {k: v for k, v in place.items() if k not in {"hash", "search"}} == {
        "id": "place:metz",
        "type": "Place",
        "name": "Metz",
        "name_de": "Metz",
        "name_fr": "Metz",
        "kind": "city",
        "country": "FR",
        "lat": 49.1193,
        "lon": 6.1757,
        "location": WGS84Point((6.1757, 49.1193)),
        "sources": ["src-a"],
    }
    [event] = _props(neo4j_driver, database, "MATCH (e:Event) WHERE e.start_year = 2016 RETURN properties(e) AS p")
    assert (event["start"], event["start_year"], event["attendance"]) == ("2016-09", 2016, 120)
    assert "start_date" not in event  # the month is known, not the day
    [rel] = _props(neo4j_driver, database, "MATCH ()-[r:LOCATED_IN]->() RETURN properties(r) AS p")
    assert (rel["start"], rel["start_year"], rel["start_date"].to_native()) == (
        "2016-10-06",
        2016,
        dt.date(2016, 10, 6),
    )
    assert rel["sources"] == ["src-a"] and "type" not in rel and "source" not in rel  # the relationship holds those
    [src] = _props(neo4j_driver, database, "MATCH (s:Source) RETURN properties(s) AS p")
    assert (src["date"], src["date_year"], src["date_date"].to_native()) == ("2016-10-06", 2016, dt.date(2016, 10, 6))
    assert src["language"] == "de"
    every = "MATCH (n) WHERE n.data IS NOT NULL RETURN count(n) AS c"
    assert neo4j_driver.execute_query(every, database_=database).records[0]["c"] == 0
    assert sorted(neo4j_store.get_nodes([metz.id, forum.id]), key=lambda n: n.id) == [forum, metz]


def _citations(driver, database):
    return [(r["node"], r["source"]) for r in driver.execute_query(cypher.CITATIONS, database_=database).records]


@pytest.mark.neo4j
def test_cites_follow_the_sources_of_each_node(neo4j_store, neo4j_driver, neo4j_server):
    database = neo4j_server[1]
    a, b, c = (Source(id=f"src-{x}", title=x, publisher="P") for x in "abc")
    node = org("Task Force Grenzgänger", sources=["src-a", "src-b", "src-c"])
    neo4j_store.upsert(sources=[a, b], nodes=[node])
    # src-c is not stored yet: the node keeps citing it, without a CITES
    assert _citations(neo4j_driver, database) == [(node.id, "src-a"), (node.id, "src-b")]
    neo4j_store.upsert(sources=[c])  # a new source: the nodes that cite it get their CITES
    assert _citations(neo4j_driver, database) == [(node.id, "src-a"), (node.id, "src-b"), (node.id, "src-c")]
    fewer = node.model_copy(update={"sources": ["src-c"]})
    neo4j_store.upsert(nodes=[fewer])
    assert _citations(neo4j_driver, database) == [(node.id, "src-c")]  # the stale ones went
    assert neo4j_store.get_node(node.id) == fewer
    record = AuditRecord(
        id="0" * 32,
        action="erase_person",
        at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        reason="test",
        nodes_removed=1,
        ties_removed=0,
    )
    assert neo4j_store.erase([node.id], record) == 0  # CITES are no ties
    assert _citations(neo4j_driver, database) == []
    assert neo4j_store.counts().sources == 3


@pytest.mark.neo4j
def test_a_merge_and_its_undoing_keep_native_properties_and_cites(neo4j_store, neo4j_driver, neo4j_server):
    from graph.intake.merge import merge, undo

    database = neo4j_server[1]
    a, b = (Source(id=f"src-{x}", title=x, publisher="P") for x in "ab")
    keep = org("Stadt Trier", country="DE", sources=["src-a"])
    other = org("Stadtverwaltung Trier", founded="1950", sources=["src-b"])
    trier = Place(name="Trier", kind=PlaceKind.CITY, country="DE", sources=["src-a"])
    tie = Tie(type=TieType.LOCATED_IN, source=other.id, target=trier.id, start="2016-10-06", sources=["src-b"])
    neo4j_store.upsert(sources=[a, b], nodes=[keep, other, trier], ties=[tie])
    before = _citations(neo4j_driver, database)

    change = merge(neo4j_store, keep.id, other.id, by="editor")
    assert _citations(neo4j_driver, database) == [(keep.id, "src-a"), (keep.id, "src-b"), (trier.id, "src-a")]
    [kept] = _props(neo4j_driver, database, "MATCH (o:Organisation {id: $id}) RETURN properties(o) AS p", id=keep.id)
    assert (kept["founded"], kept["founded_year"], kept["aliases"]) == ("1950", 1950, ["Stadtverwaltung Trier"])
    [moved] = _props(
        neo4j_driver, database, "MATCH (:Node {id: $id})-[r:LOCATED_IN]->() RETURN properties(r) AS p", id=keep.id
    )
    assert (moved["start_year"], moved["sources"]) == (2016, ["src-b"])
    graph_blobs = "MATCH (n) WHERE (n:Node OR n:Source) AND n.data IS NOT NULL RETURN count(n) AS c"
    assert neo4j_driver.execute_query(graph_blobs, database_=database).records[0]["c"] == 0
    entry = "MATCH (c:Change) RETURN c.action AS action, c.keep AS keep, c.other AS other, c.by AS by"
    [logged] = neo4j_driver.execute_query(entry, database_=database).records
    assert dict(logged) == {"action": "merge", "keep": keep.id, "other": other.id, "by": "editor"}

    undo(neo4j_store, change.id, by="editor")
    assert _citations(neo4j_driver, database) == before
    assert sorted(neo4j_store.get_nodes([keep.id, other.id]), key=lambda n: n.id) == sorted(
        [keep, other], key=lambda n: n.id
    )
    assert neo4j_store.ties_touching([other.id]) == [tie] and neo4j_store.redirects() == {}


@pytest.mark.neo4j
def test_provenance_is_one_short_query_each_way(base, neo4j_driver, neo4j_server):
    database = neo4j_server[1]
    other = Source(id="src-b", title="Other", publisher="P")
    extra = org("Zuwanderungs- und Integrationsbüro", sources=["src-b"])
    tie = Tie(
        type=TieType.COOPERATES_WITH,
        source=extra.id,
        target="org:grande-region",
        sources=["src-b", "src-a"],
    )
    base.upsert(sources=[other], nodes=[extra], ties=[tie])
    facts = neo4j_driver.execute_query(
        "MATCH (n:Node)-[:CITES]->(:Source {id: $id}) RETURN n.id AS id ORDER BY id",
        {"id": "src-b"},
        database_=database,
    ).records
    assert [r["id"] for r in facts] == [extra.id]
    ties = neo4j_driver.execute_query(
        "CALL db.index.fulltext.queryRelationships('tie_sources', $q) YIELD relationship "
        "RETURN relationship.id AS id ORDER BY id",
        {"q": '"src-b"'},
        database_=database,
    ).records
    assert [r["id"] for r in ties] == [tie.id]
    documents = neo4j_driver.execute_query(
        "MATCH ()-[r {id: $id}]->() MATCH (s:Source) WHERE s.id IN r.sources RETURN s.title AS title ORDER BY title",
        {"id": tie.id},
        database_=database,
    ).records
    assert [r["title"] for r in documents] == ["Other", "Report"]


@pytest.mark.neo4j
def test_the_names_index_finds_any_name_without_accents(neo4j_store, neo4j_driver, neo4j_server):
    trier = Place(name="Trier", names={Lang.FR: "Trèves"}, kind=PlaceKind.CITY, country="DE", sources=["src-a"])
    lux = org("Ville de Luxembourg", names={Lang.LB: "Stad Lëtzebuerg"}, aliases=["Rathaus Luxemburg"])
    neo4j_store.upsert(sources=[SRC], nodes=[trier, lux])
    neo4j_store.ensure_schema()  # waits for the full-text index to catch up
    find = "CALL db.index.fulltext.queryNodes('node_names', $q) YIELD node RETURN node.id AS id ORDER BY id"
    for text, expected in [("treves", [trier.id]), ("letzebuerg", [lux.id]), ("rathaus", [lux.id])]:
        records = neo4j_driver.execute_query(find, {"q": text}, database_=neo4j_server[1]).records
        assert [r["id"] for r in records] == expected, text


@pytest.mark.neo4j
def test_neo4j_keeps_an_empty_list_apart_from_no_property(neo4j_store, neo4j_driver, neo4j_server):
    """graph.store.properties writes ``[]`` for a list field that may also be None."""
    query = "CREATE (p:Probe {xs: $xs}) WITH p, p.xs AS xs DELETE p RETURN xs"
    for xs in ([], None, ["a"]):
        assert neo4j_driver.execute_query(query, {"xs": xs}, database_=neo4j_server[1]).records[0]["xs"] == xs


@pytest.mark.neo4j
def test_stored_rows_carry_the_hash_of_todays_layout(base, neo4j_driver, neo4j_server):
    record = neo4j_driver.execute_query(
        "MATCH (n:Node {id: 'place:metz'}) RETURN n.hash AS hash", database_=neo4j_server[1]
    ).records[0]
    [metz] = base.get_nodes(["place:metz"])
    assert record["hash"] == node_properties(metz)["hash"] != metz.model_dump_json()


# -- upgrading a store written by the previous version ----------------------------------------
@pytest.mark.neo4j
def test_a_store_in_the_old_json_layout_is_upgraded_in_place(neo4j_driver, neo4j_server, monkeypatch):
    database = neo4j_server[1]
    neo4j_driver.execute_query(cypher.DELETE_ALL, database_=database)
    _drop_schema(neo4j_driver, database)
    plan = read_paths([REPO / "seeds"])
    write_old_layout(neo4j_driver, database, plan.sources, plan.nodes, plan.ties)
    old = "MATCH (n) WHERE n.data IS NOT NULL AND NOT n:Audit RETURN count(n) AS c"
    assert neo4j_driver.execute_query(old, database_=database).records[0]["c"] == len(plan.sources) + len(plan.nodes)

    monkeypatch.setattr(neo4j_store_module, "UPGRADE_ROWS", 40)  # several batches of each kind
    store = Neo4jStore(SharedDriver(neo4j_driver), database=database)
    version = store.version()
    store.ensure_schema()  # upgrades on first use

    assert store.get_sources() == sorted(plan.sources, key=lambda s: s.id)
    snap = store.snapshot()
    assert [n.model_dump() for n in snap.nodes] == [n.model_dump() for n in sorted(plan.nodes, key=lambda n: n.id)]
    assert [t.model_dump() for t in snap.ties] == [t.model_dump() for t in sorted(plan.ties, key=lambda t: t.id)]
    assert neo4j_driver.execute_query(old, database_=database).records[0]["c"] == 0
    old_ties = "MATCH ()-[r]->() WHERE r.data IS NOT NULL RETURN count(r) AS c"
    assert neo4j_driver.execute_query(old_ties, database_=database).records[0]["c"] == 0
    assert len(_citations(neo4j_driver, database)) == sum(len(n.sources) for n in plan.nodes)
    hashes = {
        r["id"]: r["hash"]
        for r in neo4j_driver.execute_query(
            "MATCH (n:Node) RETURN n.id AS id, n.hash AS hash", database_=database
        ).records
    }
    assert hashes == {n.id: node_properties(n)["hash"] for n in plan.nodes}
    assert store.version() > version  # readers' caches see the change
    assert store.upgrade_layout() == 0  # nothing left: a second start costs a look only
    assert store.search("treves", types=[NodeType.PLACE])[0].id == "place:trier"


# -- injection ---------------------------------------------------------------------------
CRAFTED = [
    'x"}) DETACH DELETE n //',
    "x'}) MATCH (m) DETACH DELETE m //",
    "`) SET n:Admin //",
    "$(row.type) }]->() DELETE r //",
]


@pytest.mark.neo4j
@pytest.mark.parametrize("crafted", CRAFTED)
def test_crafted_text_is_stored_verbatim_and_changes_nothing_else(base, crafted):
    before = base.snapshot()
    evil = org(crafted, aliases=[crafted + " alias"], description=crafted)
    other = before.nodes[0]
    tie = Tie(type=TieType.COOPERATES_WITH, source=evil.id, target=other.id, role=crafted, sources=["src-a"])
    source = Source(id="src-evil", title=crafted, publisher=crafted)
    base.upsert(sources=[source], nodes=[evil], ties=[tie])

    assert base.get_node(evil.id) == evil
    assert base.get_node(evil.id).name == crafted.strip()
    assert base.ties_touching([evil.id]) == [tie]
    assert base.get_sources(["src-evil"]) == [source]
    assert [n.id for n in base.search(crafted)] == [evil.id]
    after = base.snapshot()
    assert [n for n in after.nodes if n.id != evil.id] == before.nodes
    assert [t for t in after.ties if t.id != tie.id] == before.ties
    assert base.counts().total_nodes == len(before.nodes) + 1


# -- transactions ----------------------------------------------------------------------
@pytest.mark.neo4j
def test_reads_run_in_read_transactions_on_read_sessions(base, neo4j_driver, neo4j_server):
    spy = Spy(neo4j_driver)
    store = Neo4jStore(spy, database=neo4j_server[1])
    some_id = "org:eurodistrict-saarmoselle"
    store.counts()
    store.get_nodes([some_id])
    store.get_sources()
    store.get_sources(["src-a"])
    store.search("metz", types=[NodeType.PLACE])
    store.ties_touching([some_id], types=[TieType.LOCATED_IN])
    store.snapshot()
    store.neighbourhood(some_id, 2)
    assert spy.calls
    assert set(spy.calls) == {("read", neo4j.READ_ACCESS)}


@pytest.mark.neo4j
def test_the_server_refuses_writes_in_a_read_transaction(base, neo4j_driver, neo4j_server):
    with neo4j_driver.session(database=neo4j_server[1], default_access_mode=neo4j.READ_ACCESS) as session:
        with pytest.raises(ClientError) as err:
            session.execute_read(lambda tx: tx.run(cypher.DELETE_ALL).consume())
    assert err.value.code == "Neo.ClientError.Statement.AccessMode"
    assert base.counts().total_nodes == 3


@pytest.mark.neo4j
def test_one_upsert_is_one_write_transaction_in_batches(neo4j_store, neo4j_driver, neo4j_server):
    spy = Spy(neo4j_driver)
    store = Neo4jStore(spy, database=neo4j_server[1], batch_size=2)
    topics = [Topic(name=f"Topic {i}", sources=["src-a"]) for i in range(7)]
    orgs = [org(f"Org {i}") for i in range(5)]
    ties = [Tie(type=TieType.ADDRESSES, source=o.id, target=t.id, sources=["src-a"]) for o in orgs for t in topics]
    store.upsert(sources=[SRC], nodes=[*topics, *orgs], ties=ties)
    # One data transaction, between the writer mark and its removal (see Neo4jStore.snapshot).
    assert spy.calls == [("write", neo4j.WRITE_ACCESS)] * 3
    counts = store.counts()
    assert (counts.nodes, counts.ties, counts.sources) == (
        {NodeType.TOPIC: 7, NodeType.ORGANISATION: 5},
        {TieType.ADDRESSES: 35},
        1,
    )


@pytest.mark.neo4j
def test_a_dangling_tie_in_a_late_batch_rolls_back_earlier_batches(neo4j_store, neo4j_driver, neo4j_server):
    store = Neo4jStore(Spy(neo4j_driver), database=neo4j_server[1], batch_size=2)
    orgs = [org(f"Org {i}") for i in range(6)]
    ties = [
        Tie(type=TieType.COOPERATES_WITH, source=orgs[i].id, target=orgs[i + 1].id, sources=["src-a"]) for i in range(5)
    ]
    ties.append(Tie(type=TieType.COOPERATES_WITH, source=orgs[0].id, target="org:ghost", sources=["src-a"]))
    with pytest.raises(StoreError, match="org:ghost"):
        store.upsert(sources=[SRC], nodes=orgs, ties=ties)
    assert store.counts().total_nodes == 0
    assert store.counts().sources == 0


@pytest.mark.neo4j
def test_clear_in_batches_empties_everything(base):
    base.clear()
    assert base.snapshot().nodes == [] and base.get_sources() == []


# -- errors and lifecycle ---------------------------------------------------------------------
@pytest.mark.neo4j
def test_closed_port_raises_store_unavailable():
    driver = neo4j.GraphDatabase.driver(
        f"bolt://127.0.0.1:{free_port()}", auth=("neo4j", "x"), max_transaction_retry_time=0.2
    )
    with Neo4jStore(driver) as store:
        with pytest.raises(StoreUnavailable) as err:
            store.counts()
        assert isinstance(err.value.__cause__, ServiceUnavailable)
        with pytest.raises(StoreUnavailable):
            store.verify_connectivity()
        with pytest.raises(StoreUnavailable):
            store.upsert(sources=[SRC])


@pytest.mark.neo4j
def test_wrong_password_raises_store_unavailable(neo4j_server):
    creds, database = neo4j_server
    # Another user name, so the failed login does not lock out the real user.
    driver = neo4j.GraphDatabase.driver(creds.uri, auth=("pontes-nobody", "wrong-password"))
    with Neo4jStore(driver, database=database) as store:
        with pytest.raises(StoreUnavailable) as err:
            store.counts()
    assert isinstance(err.value.__cause__, AuthError)


@pytest.mark.neo4j
def test_open_store_builds_a_ready_neo4j_store(neo4j_server, neo4j_store):
    creds, database = neo4j_server
    settings = load_settings(
        store="neo4j",
        neo4j_uri=creds.uri,
        neo4j_username=creds.username,
        neo4j_password=creds.password,
        neo4j_database=database,
        batch_size=50,
    )
    with open_store(settings) as store:
        assert isinstance(store, Neo4jStore)
        assert (store.database, store.batch_size) == (database, 50)
        store.upsert(sources=[SRC])
        assert store.get_sources() == [SRC]


@pytest.mark.neo4j
def test_open_store_fails_fast_when_the_server_is_down():
    settings = load_settings(store="neo4j", neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="x")
    with pytest.raises(StoreUnavailable):
        open_store(settings)


def test_open_store_rejects_an_unusable_uri():
    with pytest.raises(ConfigError):
        open_store(load_settings(store="neo4j", neo4j_uri="http://example.invalid:7687"))


def test_open_store_defaults_to_the_embedded_store(tmp_path):
    from graph.store.embedded import EmbeddedStore

    with open_store(load_settings(db_path=tmp_path / "x.sqlite")) as store:
        assert isinstance(store, EmbeddedStore)
        assert store.counts().total_nodes == 0


def test_store_close_closes_the_driver_once():
    spy = Spy(driver=None)
    with Neo4jStore(spy) as store:
        pass
    store.close()
    assert spy.closed == 1


# -- the Cypher module ------------------------------------------------------------------------
def test_every_node_type_has_its_literal_upsert():
    assert set(cypher.UPSERT_NODES_OF_TYPE) == set(NodeType)
    for node_type, statement in cypher.UPSERT_NODES_OF_TYPE.items():
        assert f"SET n = row.props, n:{node_type.value}\n" in statement
        others = [t.value for t in NodeType if t is not node_type]
        assert f"REMOVE n:{':'.join(others)}\n" in statement


def test_the_full_text_indexes_name_every_tie_type_and_every_name_property():
    types = "|".join(t.value for t in TieType)
    assert f"FOR ()-[r:{types}]-()" in cypher.TIE_SOURCES_INDEX
    for cls in NODE_CLASSES.values():
        names = ["name", *(p.name for p in describe(cls) if p.field == "names"), "aliases"]
        assert "ON EACH [" + ", ".join(f"n.{n}" for n in names) + "]" in cypher.NODE_NAMES_INDEX


def test_every_tie_type_has_its_literal_statements():
    assert set(cypher.TIE_ID_CONSTRAINTS) == set(TieType) == set(cypher.UPSERT_TIES)
    for tie_type in TieType:
        assert f"()-[r:{tie_type.value}]-()" in cypher.TIE_ID_CONSTRAINTS[tie_type]
        assert cypher.TIE_ID_CONSTRAINTS[tie_type] in cypher.SCHEMA
        assert f"MERGE (a)-[r:{tie_type.value} {{id: row.id}}]->(b)" in cypher.UPSERT_TIES[tie_type]
        others = [t.value for t in TieType if t is not tie_type]
        assert not any(f":{o} " in cypher.UPSERT_TIES[tie_type] for o in others)


@pytest.mark.parametrize("module", ["graph/store/cypher.py", "graph/store/neo4j_store.py"])
def test_no_query_is_built_with_string_formatting(module):
    tree = ast.parse((REPO / module).read_text())
    offenders = []
    for node in ast.walk(tree):
        if module.endswith("cypher.py") and isinstance(node, ast.JoinedStr):
            offenders.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            offenders.append(node.lineno)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "run":
            query = node.args[0]
            if isinstance(query, ast.Subscript):  # cypher.UPSERT_TIES[tie_type]
                query = query.value
            is_constant = isinstance(query, ast.Attribute) and getattr(query.value, "id", None) == "cypher"
            if not (is_constant or isinstance(query, ast.Name)):
                offenders.append(node.lineno)
    assert offenders == []
