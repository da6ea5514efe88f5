"""The Neo4j layout of Pontes before native properties (until issue 19), for upgrade tests.

Each row kept its model as one JSON string, ``data``, next to a few
columns: ``(:Node:<NodeType> {id, type, name, search, data, hash})``,
``()-[:<TieType> {id, data, hash}]->()`` and ``(:Source {id, data})``; no
``CITES``. These are the statements that version wrote with (the node and tie
statements in their dynamic-label form, which wrote the same), kept here
and not in ``graph.store.cypher``: nothing but the upgrade tests writes this
layout any more.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.ids import search_keys
from graph.model import Node, Source, Tie
from graph.store import cypher
from graph.store.rows import content_hash

#: The constraints and indexes that version created (all still part of today's schema).
OLD_SCHEMA = (
    cypher.NODE_ID_CONSTRAINT,
    cypher.SOURCE_ID_CONSTRAINT,
    *cypher.TIE_ID_CONSTRAINTS.values(),
    cypher.META_KEY_CONSTRAINT,
    cypher.AUDIT_ID_CONSTRAINT,
    cypher.TOMBSTONE_CONSTRAINT,
    cypher.NODE_TYPE_INDEX,
    cypher.NODE_SEARCH_INDEX,
)

OLD_UPSERT_SOURCES = """
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s.data = row.data
"""

OLD_UPSERT_NODES = """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n:$(row.type), n.type = row.type, n.name = row.name, n.search = row.search, n.data = row.data,
    n.hash = row.hash
"""

OLD_UPSERT_TIES = """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:$(row.type) {id: row.id}]->(b)
SET r.data = row.data, r.hash = row.hash
"""


def write_old_layout(driver, database: str, sources: Sequence[Source], nodes: Sequence[Node], ties: Sequence[Tie]):
    """Create the old schema and write the rows as the old version did (its hashes included)."""
    source_rows = [{"id": s.id, "data": s.model_dump_json()} for s in sources]
    node_rows = []
    for n in nodes:
        data = n.model_dump_json()
        node_rows.append(
            {
                "id": n.id,
                "type": n.type.value,
                "name": n.name,
                "search": search_keys(n.labels),
                "data": data,
                "hash": content_hash(data),
            }
        )
    tie_rows = []
    for t in ties:
        data = t.model_dump_json()
        tie_rows.append(
            {
                "id": t.id,
                "type": t.type.value,
                "source": t.source,
                "target": t.target,
                "data": data,
                "hash": content_hash(data),
            }
        )

    def schema(tx):
        for statement in OLD_SCHEMA:
            tx.run(statement).consume()

    def work(tx):
        tx.run(OLD_UPSERT_SOURCES, {"rows": source_rows}).consume()
        tx.run(OLD_UPSERT_NODES, {"rows": node_rows}).consume()
        tx.run(OLD_UPSERT_TIES, {"rows": tie_rows}).consume()
        tx.run(cypher.BUMP_VERSION, {"key": "graph"}).consume()

    with driver.session(database=database) as session:
        session.execute_write(schema)  # schema changes and data need transactions of their own
        session.execute_write(work)
