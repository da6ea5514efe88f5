"""Neo4j-only behaviour: schema, injection safety, error mapping, transaction modes.

The shared behaviour of both stores is in ``test_store_contract.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable

from graph.errors import ConfigError, StoreError, StoreUnavailable
from graph.model import NodeType, Organisation, Person, Place, PlaceKind, Source, Tie, TieType, Topic
from graph.store import cypher
from graph.store.neo4j_store import Neo4jStore
from pontes.neo4j_server import free_port
from pontes.settings import load_settings
from pontes.stores import open_store

REPO = Path(__file__).resolve().parent.parent
SRC = Source(id="src-a", title="Report", publisher="Publisher")


def org(name: str, **kw) -> Organisation:
    return Organisation(name=name, sources=["src-a"], **kw)


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
    assert (indexes["node_search"]["type"], indexes["node_search"]["properties"]) == ("TEXT", ["search"])
    assert (indexes["node_type"]["type"], indexes["node_type"]["properties"]) == ("RANGE", ["type"])
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
