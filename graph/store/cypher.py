"""Every Cypher statement of Pontes, as named constants, in one module (STYLE.md: all Cypher in one place, so one test can read it all).

Rules (see ``/work/shared/STYLE.md``):

- Every value is a ``$parameter``; no query is built with f-strings,
  ``.format`` or concatenation at run time.
- Labels and relationship types come only from the model's enums, plus the
  fixed label ``Node`` (every node of the graph; it holds the uniqueness
  constraint on ``id``), the label ``Source`` and the relationship type
  ``CITES``. Each node also carries its :class:`~graph.model.NodeType` as a
  label; ties are relationships whose type is the :class:`~graph.model.TieType`.
- Where a label or type cannot be a parameter, or a dynamic one is too slow
  (relationship ``MERGE``), there is one literal statement per enum value in
  a dict keyed by the enum.

Layout (what users query; ``docs/neo4j.md`` documents it in full):
``(:Node:<NodeType> {id, type, name, ..., search, hash})``,
``()-[:<TieType> {id, role, start, ..., sources, hash}]->()``,
``(:Source {id, title, ..., hash})`` and ``(:Node)-[:CITES]->(:Source)``.
Every field of a model is a property of its own (see
:mod:`graph.store.properties`): the store sends each row's properties as one
map, ``row.props``, and ``SET n = row.props`` replaces them all. ``hash`` is
the row's content hash (:func:`graph.store.rows.content_hash`) and
``search`` the folded search keys (:func:`graph.ids.search_keys`). A node's
``CITES`` relationships mirror its ``sources`` list (for the sources that are
stored); a tie keeps its ``sources`` as a list property.

Bulk reads return one record per batch holding lists (``collect``): Bolt
costs far more per record than per list element. Nodes and sources come back
as their property maps, ties as theirs plus ``type``, ``source`` and ``target``.
Traversals name ``:Node`` ends (or tie types): ``CITES`` leads to sources,
which are no part of the network.
"""

from __future__ import annotations

from graph.model import NodeType, TieType

# -- schema ---------------------------------------------------------------------
NODE_ID_CONSTRAINT = "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE"
SOURCE_ID_CONSTRAINT = "CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE"

#: A relationship uniqueness constraint cannot take its type as a parameter:
#: one literal statement per tie type.
TIE_ID_CONSTRAINTS: dict[TieType, str] = {
    TieType.MEMBER_OF: "CREATE CONSTRAINT tie_member_of_id IF NOT EXISTS "
    "FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE",
    TieType.PARTICIPATED_IN: "CREATE CONSTRAINT tie_participated_in_id IF NOT EXISTS "
    "FOR ()-[r:PARTICIPATED_IN]-() REQUIRE r.id IS UNIQUE",
    TieType.PARTY_TO: "CREATE CONSTRAINT tie_party_to_id IF NOT EXISTS FOR ()-[r:PARTY_TO]-() REQUIRE r.id IS UNIQUE",
    TieType.LOCATED_IN: "CREATE CONSTRAINT tie_located_in_id IF NOT EXISTS "
    "FOR ()-[r:LOCATED_IN]-() REQUIRE r.id IS UNIQUE",
    TieType.PART_OF: "CREATE CONSTRAINT tie_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE",
    TieType.SUCCESSOR_OF: "CREATE CONSTRAINT tie_successor_of_id IF NOT EXISTS "
    "FOR ()-[r:SUCCESSOR_OF]-() REQUIRE r.id IS UNIQUE",
    TieType.ADDRESSES: "CREATE CONSTRAINT tie_addresses_id IF NOT EXISTS "
    "FOR ()-[r:ADDRESSES]-() REQUIRE r.id IS UNIQUE",
    TieType.COOPERATES_WITH: "CREATE CONSTRAINT tie_cooperates_with_id IF NOT EXISTS "
    "FOR ()-[r:COOPERATES_WITH]-() REQUIRE r.id IS UNIQUE",
    TieType.FEEDBACK: "CREATE CONSTRAINT tie_feedback_id IF NOT EXISTS FOR ()-[r:FEEDBACK]-() REQUIRE r.id IS UNIQUE",
}

META_KEY_CONSTRAINT = "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE"
AUDIT_ID_CONSTRAINT = "CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (a:Audit) REQUIRE a.id IS UNIQUE"
TOMBSTONE_CONSTRAINT = "CREATE CONSTRAINT tombstone_hash IF NOT EXISTS FOR (t:Tombstone) REQUIRE t.hash IS UNIQUE"

CHANGE_ID_CONSTRAINT = "CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE"
REDIRECT_CONSTRAINT = "CREATE CONSTRAINT redirect_old IF NOT EXISTS FOR (r:Redirect) REQUIRE r.old IS UNIQUE"
RECORD_CONSTRAINT = "CREATE CONSTRAINT record_key IF NOT EXISTS FOR (r:Record) REQUIRE (r.kind, r.id) IS UNIQUE"

NODE_TYPE_INDEX = "CREATE INDEX node_type IF NOT EXISTS FOR (n:Node) ON (n.type)"
#: Text indexes (trigram provider) serve ``CONTAINS`` on the folded search keys.
NODE_SEARCH_INDEX = "CREATE TEXT INDEX node_search IF NOT EXISTS FOR (n:Node) ON (n.search)"

#: Range and point indexes on what users filter and sort by (the queries of
#: docs/neo4j.md): countries, kinds, years, places. Each serves queries that
#: name the label (``MATCH (o:Organisation {country: 'LU'})``).
PROPERTY_INDEXES: tuple[str, ...] = (
    "CREATE INDEX organisation_country IF NOT EXISTS FOR (n:Organisation) ON (n.country)",
    "CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
    "CREATE INDEX place_country IF NOT EXISTS FOR (n:Place) ON (n.country)",
    "CREATE INDEX event_kind IF NOT EXISTS FOR (n:Event) ON (n.kind)",
    "CREATE INDEX event_start_year IF NOT EXISTS FOR (n:Event) ON (n.start_year)",
    "CREATE INDEX agreement_signed_year IF NOT EXISTS FOR (n:Agreement) ON (n.signed_year)",
    "CREATE POINT INDEX place_location IF NOT EXISTS FOR (n:Place) ON (n.location)",
)

#: Full-text index (Lucene) over every name of a node, folding case and
#: accents: ``CALL db.index.fulltext.queryNodes('node_names', 'letzebuerg')``.
#: One literal property per language of :class:`~graph.model.Lang` (Neo4j
#: has no map properties; a test checks the list against the model).
NODE_NAMES_INDEX = (
    "CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR (n:Node) "
    "ON EACH [n.name, n.name_de, n.name_en, n.name_fr, n.name_lb, n.aliases] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}"
)

#: Which ties cite a source: a full-text index with the ``keyword`` analyzer
#: holds each element of the ``sources`` list whole (range and text indexes
#: take a list property only as a whole value, so ``$id IN r.sources`` cannot
#: use them). Query it with a quoted id:
#: ``CALL db.index.fulltext.queryRelationships('tie_sources', '"irt-2016-atem"')``.
TIE_SOURCES_INDEX = (
    "CREATE FULLTEXT INDEX tie_sources IF NOT EXISTS "
    "FOR ()-[r:MEMBER_OF|PARTICIPATED_IN|PARTY_TO|LOCATED_IN|PART_OF|SUCCESSOR_OF|ADDRESSES|COOPERATES_WITH|FEEDBACK]-() "
    "ON EACH [r.sources] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}"
)

#: In the order :meth:`Neo4jStore.ensure_schema` runs them: constraints before any MERGE.
SCHEMA: tuple[str, ...] = (
    NODE_ID_CONSTRAINT,
    SOURCE_ID_CONSTRAINT,
    *TIE_ID_CONSTRAINTS.values(),
    META_KEY_CONSTRAINT,
    AUDIT_ID_CONSTRAINT,
    TOMBSTONE_CONSTRAINT,
    CHANGE_ID_CONSTRAINT,
    REDIRECT_CONSTRAINT,
    RECORD_CONSTRAINT,
    NODE_TYPE_INDEX,
    NODE_SEARCH_INDEX,
    *PROPERTY_INDEXES,
    NODE_NAMES_INDEX,
    TIE_SOURCES_INDEX,
)

AWAIT_INDEXES = "CALL db.awaitIndexes($timeout)"

SHOW_CONSTRAINTS = (
    "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
    "RETURN name, type, entityType, labelsOrTypes, properties ORDER BY name"
)
SHOW_INDEXES = (
    "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties, owningConstraint "
    "RETURN name, type, state, labelsOrTypes, properties, owningConstraint ORDER BY name"
)
DROP_CONSTRAINT = "DROP CONSTRAINT $name IF EXISTS"
DROP_INDEX = "DROP INDEX $name IF EXISTS"

# -- writes -----------------------------------------------------------------------
#: Sources, with the ids of those that did not exist before (nodes that
#: already cite them get their ``CITES`` from ``LINK_CITING_NODES``).
UPSERT_SOURCES = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Source {id: row.id})
WITH row, old IS NULL AS created
MERGE (s:Source {id: row.id})
SET s = row.props
RETURN collect(CASE WHEN created THEN row.id END) AS created
"""

#: ``CITES`` from every stored node that cites one of the new sources ``$ids``.
LINK_CITING_NODES = """
MATCH (n:Node)
WHERE any(id IN n.sources WHERE id IN $ids)
UNWIND n.sources AS id
WITH n, id WHERE id IN $ids
MATCH (s:Source {id: id})
MERGE (n)-[:CITES]->(s)
"""

#: Of the given ``{id, hash}`` rows, the sources stored with that very hash.
UNCHANGED_SOURCES = """
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
WHERE s.hash = row.hash
RETURN collect(row.id) AS ids
"""

#: Nodes of one type, with literal labels (about twice as fast in bulk as
#: dynamic ones): the other type labels are removed, so a node whose type
#: changed loses its old one. ``SET n = row.props`` replaces every property
#: (a field that became empty loses its property); the node's ``CITES``
#: follow its ``sources``: stale ones go, missing ones to stored sources come.
UPSERT_NODES_OF_TYPE: dict[NodeType, str] = {
    NodeType.ORGANISATION: """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
REMOVE n:Person:Event:Agreement:Place:Topic
SET n = row.props, n:Organisation
WITH n, row.props.sources AS cited
CALL (n, cited) {
  MATCH (n)-[c:CITES]->(s:Source) WHERE NOT s.id IN cited
  DELETE c
}
CALL (n, cited) {
  UNWIND cited AS id
  MATCH (s:Source {id: id})
  MERGE (n)-[:CITES]->(s)
}
""",
    NodeType.PERSON: """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
REMOVE n:Organisation:Event:Agreement:Place:Topic
SET n = row.props, n:Person
WITH n, row.props.sources AS cited
CALL (n, cited) {
  MATCH (n)-[c:CITES]->(s:Source) WHERE NOT s.id IN cited
  DELETE c
}
CALL (n, cited) {
  UNWIND cited AS id
  MATCH (s:Source {id: id})
  MERGE (n)-[:CITES]->(s)
}
""",
    NodeType.EVENT: """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
REMOVE n:Organisation:Person:Agreement:Place:Topic
SET n = row.props, n:Event
WITH n, row.props.sources AS cited
CALL (n, cited) {
  MATCH (n)-[c:CITES]->(s:Source) WHERE NOT s.id IN cited
  DELETE c
}
CALL (n, cited) {
  UNWIND cited AS id
  MATCH (s:Source {id: id})
  MERGE (n)-[:CITES]->(s)
}
""",
    NodeType.AGREEMENT: """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
REMOVE n:Organisation:Person:Event:Place:Topic
SET n = row.props, n:Agreement
WITH n, row.props.sources AS cited
CALL (n, cited) {
  MATCH (n)-[c:CITES]->(s:Source) WHERE NOT s.id IN cited
  DELETE c
}
CALL (n, cited) {
  UNWIND cited AS id
  MATCH (s:Source {id: id})
  MERGE (n)-[:CITES]->(s)
}
""",
    NodeType.PLACE: """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
REMOVE n:Organisation:Person:Event:Agreement:Topic
SET n = row.props, n:Place
WITH n, row.props.sources AS cited
CALL (n, cited) {
  MATCH (n)-[c:CITES]->(s:Source) WHERE NOT s.id IN cited
  DELETE c
}
CALL (n, cited) {
  UNWIND cited AS id
  MATCH (s:Source {id: id})
  MERGE (n)-[:CITES]->(s)
}
""",
    NodeType.TOPIC: """
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
REMOVE n:Organisation:Person:Event:Agreement:Place
SET n = row.props, n:Topic
WITH n, row.props.sources AS cited
CALL (n, cited) {
  MATCH (n)-[c:CITES]->(s:Source) WHERE NOT s.id IN cited
  DELETE c
}
CALL (n, cited) {
  UNWIND cited AS id
  MATCH (s:Source {id: id})
  MERGE (n)-[:CITES]->(s)
}
""",
}

#: Of the given ``{id, hash}`` rows, those stored with that very hash (left out of the write).
UNCHANGED_NODES = """
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WHERE n.hash = row.hash
RETURN collect(row.id) AS ids
"""

#: One literal statement per tie type. (A dynamic ``MERGE (a)-[r:$(row.type)
#: {id: row.id}]->(b)`` works on 5.26 but slows down as the transaction grows:
#: 20,000 new ties in one transaction took 100 s against 3.7 s for these.)
#: Both ends are matched on the unique ``id``; rows whose ends are missing
#: fall out, so ``written`` < number of rows reveals dangling ties.
UPSERT_TIES: dict[TieType, str] = {
    TieType.MEMBER_OF: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:MEMBER_OF {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.PARTICIPATED_IN: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:PARTICIPATED_IN {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.PARTY_TO: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:PARTY_TO {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.LOCATED_IN: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:LOCATED_IN {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.PART_OF: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:PART_OF {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.SUCCESSOR_OF: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:SUCCESSOR_OF {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.ADDRESSES: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:ADDRESSES {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.COOPERATES_WITH: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:COOPERATES_WITH {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
    TieType.FEEDBACK: """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:FEEDBACK {id: row.id}]->(b)
SET r = row.props
RETURN count(r) AS written
""",
}


#: Of the given ``{id, hash}`` rows of one tie type, those stored with that very hash.
#: (A plain ``MATCH``: ``OPTIONAL MATCH`` on a relationship index seek is very slow on 5.26.)
UNCHANGED_TIES: dict[TieType, str] = {
    TieType.MEMBER_OF: """
UNWIND $rows AS row
MATCH ()-[r:MEMBER_OF {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.PARTICIPATED_IN: """
UNWIND $rows AS row
MATCH ()-[r:PARTICIPATED_IN {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.PARTY_TO: """
UNWIND $rows AS row
MATCH ()-[r:PARTY_TO {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.LOCATED_IN: """
UNWIND $rows AS row
MATCH ()-[r:LOCATED_IN {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.PART_OF: """
UNWIND $rows AS row
MATCH ()-[r:PART_OF {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.SUCCESSOR_OF: """
UNWIND $rows AS row
MATCH ()-[r:SUCCESSOR_OF {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.ADDRESSES: """
UNWIND $rows AS row
MATCH ()-[r:ADDRESSES {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.COOPERATES_WITH: """
UNWIND $rows AS row
MATCH ()-[r:COOPERATES_WITH {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
    TieType.FEEDBACK: """
UNWIND $rows AS row
MATCH ()-[r:FEEDBACK {id: row.id}]->()
WHERE r.hash = row.hash
RETURN collect(row.id) AS ids
""",
}

#: The look-up for source rows (key ``"sources"``), node rows (``"nodes"``) or the rows of one tie type.
UNCHANGED_ROWS: dict[TieType | str, str] = {"sources": UNCHANGED_SOURCES, "nodes": UNCHANGED_NODES}
for _type, _query in UNCHANGED_TIES.items():
    UNCHANGED_ROWS[_type] = _query

MISSING_NODES = """
UNWIND $ids AS id
OPTIONAL MATCH (n:Node {id: id})
WITH id, n WHERE n IS NULL
RETURN collect(id) AS missing
"""

#: One batch of :meth:`clear`; repeated until nothing is left. The audit
#: log, tombstones and version counter stay.
DELETE_BATCH = """
MATCH (n)
WHERE n:Node OR n:Source
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

#: Deletes the whole graph (nodes and sources, with every relationship) in one
#: statement, inside the transaction that writes the new one (``replace_graph``).
#: The audit log, tombstones and version counter stay.
DELETE_GRAPH = """
MATCH (n)
WHERE n:Node OR n:Source
DETACH DELETE n
"""

#: After an erasure: a throwaway node whose property fills the current
#: transaction log file, so that the file is rotated (and pruned at the next
#: checkpoint); deleted again right after.
ADD_LOG_FILLER = "CREATE (:LogFiller {pad: $pad})"
DROP_LOG_FILLER = "MATCH (f:LogFiller) DELETE f"

#: Empties the database in one go (tests).
DELETE_ALL = "MATCH (n) DETACH DELETE n"

#: Every write transaction ends with this, so readers can tell that the graph changed.
BUMP_VERSION = """
MERGE (m:Meta {key: $key})
ON CREATE SET m.value = 0
SET m.value = m.value + 1
"""

GET_VERSION = "OPTIONAL MATCH (m:Meta {key: $key}) RETURN coalesce(m.value, 0) AS value"

#: A writer announces itself in a transaction of its own before its data
#: transaction, renews its mark while that runs (a heartbeat) and withdraws
#: after it (see ``Neo4jStore.snapshot``). Every writer has a mark of its own:
#: one that died (killed, cut off) leaves a mark that expires ``$lease``
#: seconds after its last heartbeat, whatever other writers do meanwhile, and
#: the next writer to finish deletes it.
MARK_WRITING = "CREATE (:Writer {key: $key, token: $token, seen: datetime()})"

RENEW_WRITING = "MATCH (w:Writer {key: $key, token: $token}) SET w.seen = datetime()"

UNMARK_WRITING = """
MATCH (w:Writer {key: $key})
WHERE w.token = $token OR w.seen < datetime() - duration({seconds: $lease})
DELETE w
"""

#: The version, and whether a (live) writer is at work.
GET_META = """
OPTIONAL MATCH (m:Meta {key: $key})
OPTIONAL MATCH (w:Writer {key: $key}) WHERE w.seen > datetime() - duration({seconds: $lease})
RETURN coalesce(m.value, 0) AS version, count(w) > 0 AS writing
"""

#: Erasure, step 1: the ties touching the erased nodes (each counted once).
ERASE_TIES = """
UNWIND $ids AS id
MATCH (:Node {id: id})-[r]-(:Node)
WITH DISTINCT r
DELETE r
RETURN count(r) AS removed
"""

#: Erasure, step 2: the nodes themselves (and their ``CITES``).
ERASE_NODES = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n
"""

ADD_AUDIT = "CREATE (:Audit {id: $id, at: $at, data: $data})"

ADD_TOMBSTONES = """
UNWIND $hashes AS hash
MERGE (:Tombstone {hash: hash})
"""

AUDIT_LOG = "MATCH (a:Audit) RETURN a.data AS data ORDER BY a.at, a.id"

# -- changes (merges and their undoing), redirects, records ------------------------
#: A change removes ties by id, found from the nodes it is about (``$nodes``):
#: ties of the network only, never ``CITES``.
DELETE_TIES_BY_ID = """
UNWIND $nodes AS node
MATCH (:Node {id: node})-[r]-(:Node)
WHERE r.id IN $ids
WITH DISTINCT r
DELETE r
"""
#: A change removes nodes by id, with every relationship still touching them (``CITES`` too).
DELETE_NODES_BY_ID = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n
"""
#: One entry of the change log: what users query (``action``, ``at``, ``by``,
#: ``keep``, ``other``, ``undoes``) as properties, and the whole change, with
#: the nodes and ties as they were before and after, as JSON in ``data`` (a
#: log entry, not part of the graph). ``seq`` orders the log: one more than
#: the largest so far.
UPSERT_CHANGE = """
OPTIONAL MATCH (last:Change)
WITH coalesce(max(last.seq), 0) + 1 AS next
MERGE (c:Change {id: $id})
ON CREATE SET c.seq = next
SET c.action = $action, c.at = $at, c.by = $by, c.keep = $keep, c.other = $other, c.undoes = $undoes,
    c.data = $data
"""
GET_CHANGE = "MATCH (c:Change {id: $id}) RETURN c.data AS data"
CHANGES = "MATCH (c:Change) RETURN c.data AS data ORDER BY c.seq"
SET_REDIRECTS = """
UNWIND $rows AS row
MERGE (r:Redirect {old: row.old})
SET r.new = row.new
"""
REMOVE_REDIRECTS = """
UNWIND $olds AS old
MATCH (r:Redirect {old: old})
DELETE r
"""
REDIRECTS = "MATCH (r:Redirect) RETURN r.old AS old, r.new AS new ORDER BY old"
#: Changes and redirects go with the graph (:meth:`clear`); records stay.
CLEAR_CHANGES = "MATCH (n) WHERE n:Change OR n:Redirect DELETE n"
#: A record (e.g. a review queue) is a JSON document kept by ``kind`` and ``id``,
#: in the order first saved (``seq``); records are no part of the graph.
SAVE_RECORD = """
OPTIONAL MATCH (last:Record)
WITH coalesce(max(last.seq), 0) + 1 AS next
MERGE (r:Record {kind: $kind, id: $id})
ON CREATE SET r.seq = next
SET r.data = $data
"""
RECORDS = "MATCH (r:Record {kind: $kind}) RETURN r.id AS id, r.data AS data ORDER BY r.seq"

TOMBSTONES = "MATCH (t:Tombstone) RETURN t.hash AS hash"

# -- reads ------------------------------------------------------------------------
#: Node and tie counts from Neo4j's count store (constant time; one literal
#: part per enum value, zero counts included): every node carries its type
#: label and every relationship of a tie type joins two nodes.
COUNT_NODES_BY_LABEL = """
MATCH (n:Organisation) RETURN 'Organisation' AS type, count(n) AS count
UNION ALL MATCH (n:Person) RETURN 'Person' AS type, count(n) AS count
UNION ALL MATCH (n:Event) RETURN 'Event' AS type, count(n) AS count
UNION ALL MATCH (n:Agreement) RETURN 'Agreement' AS type, count(n) AS count
UNION ALL MATCH (n:Place) RETURN 'Place' AS type, count(n) AS count
UNION ALL MATCH (n:Topic) RETURN 'Topic' AS type, count(n) AS count
"""
COUNT_TIES_BY_TYPE = """
MATCH ()-[r:MEMBER_OF]->() RETURN 'MEMBER_OF' AS type, count(r) AS count
UNION ALL MATCH ()-[r:PARTICIPATED_IN]->() RETURN 'PARTICIPATED_IN' AS type, count(r) AS count
UNION ALL MATCH ()-[r:PARTY_TO]->() RETURN 'PARTY_TO' AS type, count(r) AS count
UNION ALL MATCH ()-[r:LOCATED_IN]->() RETURN 'LOCATED_IN' AS type, count(r) AS count
UNION ALL MATCH ()-[r:PART_OF]->() RETURN 'PART_OF' AS type, count(r) AS count
UNION ALL MATCH ()-[r:SUCCESSOR_OF]->() RETURN 'SUCCESSOR_OF' AS type, count(r) AS count
UNION ALL MATCH ()-[r:ADDRESSES]->() RETURN 'ADDRESSES' AS type, count(r) AS count
UNION ALL MATCH ()-[r:COOPERATES_WITH]->() RETURN 'COOPERATES_WITH' AS type, count(r) AS count
UNION ALL MATCH ()-[r:FEEDBACK]->() RETURN 'FEEDBACK' AS type, count(r) AS count
"""
COUNT_SOURCES = "MATCH (s:Source) RETURN count(s) AS count"

#: The nodes with these ids, as one record (unknown ids are skipped).
GET_NODES = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN collect(properties(n)) AS data
"""

ALL_SOURCES = "MATCH (s:Source) RETURN properties(s) AS data ORDER BY s.id"

GET_SOURCES = """
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN properties(s) AS data ORDER BY s.id
"""

#: ``search`` holds one folded key a line. Rank 0: a whole key equals the
#: needle; 1: a key starts with it; 2: it occurs inside a key; 3: each of its
#: ``$words`` (more than one; :func:`graph.ids.search_words`) starts a word (after
#: one of ``$starts``, :data:`graph.ids.WORD_STARTS`), in any order.
SEARCH = r"""
MATCH (n:Node)
WHERE (n.search CONTAINS $needle
       OR (size($words) > 1 AND all(w IN $words WHERE any(s IN $starts WHERE ('\n' + n.search) CONTAINS (s + w)))))
  AND ($types IS NULL OR n.type IN $types)
WITH n, CASE
    WHEN ('\n' + n.search + '\n') CONTAINS ('\n' + $needle + '\n') THEN 0
    WHEN ('\n' + n.search) CONTAINS ('\n' + $needle) THEN 1
    WHEN n.search CONTAINS $needle THEN 2
    ELSE 3
  END AS rank
RETURN properties(n) AS data
ORDER BY rank, n.name, n.id
LIMIT $limit
"""

TIES_TOUCHING = """
UNWIND $ids AS id
MATCH (:Node {id: id})-[r]-(:Node)
WHERE $types IS NULL OR type(r) IN $types
WITH DISTINCT r
ORDER BY r.id
RETURN collect(r {.*, type: type(r), source: startNode(r).id, target: endNode(r).id}) AS data
"""

#: The whole graph in batches: the next ``$limit`` nodes after ``$after`` in id
#: order (the id index delivers the order), as one record of lists.
NODE_PAGE = """
MATCH (n:Node)
WHERE n.id > $after
WITH n ORDER BY n.id LIMIT $limit
RETURN max(n.id) AS last, collect(properties(n)) AS data
"""

#: The outgoing ties of the next ``$limit`` nodes after ``$after`` (every tie
#: once: by its source), with the last node id of the batch.
TIE_PAGE = """
MATCH (a:Node)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[r]->(b:Node)
RETURN max(a.id) AS last, collect(r {.*, type: type(r), source: a.id, target: b.id}) AS data
"""

#: The paged whole-graph reads: nodes (``False``) and ties (``True``).
PAGES: dict[bool, str] = {False: NODE_PAGE, True: TIE_PAGE}

#: Ties touching ``$ids`` without their details: id, type and ends.
LINKS = """
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]-(m:Node)
WHERE $types IS NULL OR type(r) IN $types
WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b
RETURN collect(r.id) AS ids, collect(type(r)) AS types, collect(a.id) AS sources, collect(b.id) AS targets
"""

#: Ties with both ends in ``$ids``, in id order, as one record. Every such
#: tie is found once, from its source (outgoing ties) or from its target
#: (incoming), whichever the nodes of ``$ids`` have fewer of in all: in a
#: view of organisations and their projects, the few participants of each
#: project instead of every project of each organisation (CORDIS, the 500
#: nodes of the best-connected organisation's depth-2 view: 22,000 instead
#: of 137,000 database hits). The other end is checked as a node of the
#: list, not by reading its id. Outgoing counts leave out ``CITES``.
#: The part of TIES_AMONG and SUBGRAPH that finds the ties among ``nodes``
#: from the sparser side (``outgoing``, ``incoming``: their ties in all).
_TIES_OF_NODES = """\
UNWIND nodes AS n
CALL (n, nodes, outgoing, incoming) {
  MATCH (n)-[r]->(b) WHERE outgoing <= incoming AND b IN nodes RETURN r
  UNION ALL
  MATCH (a)-[r]->(n) WHERE outgoing > incoming AND a IN nodes RETURN r
}
WITH r WHERE $types IS NULL OR type(r) IN $types
WITH r ORDER BY r.id
"""
_TIE_MAP = "r {.*, type: type(r), source: startNode(r).id, target: endNode(r).id}"
TIES_AMONG = (
    """
MATCH (n:Node)
WHERE n.id IN $ids
WITH collect(n) AS nodes, sum(COUNT { (n)-->() } - COUNT { (n)-[:CITES]->() }) AS outgoing,
     sum(COUNT { (n)<--() }) AS incoming
"""
    + _TIES_OF_NODES
    + "RETURN collect("
    + _TIE_MAP
    + """) AS data
"""
)

#: The nodes with ids in ``$ids`` (in id order) and the ties among them (as
#: ``TIES_AMONG``, of ``$types``, in id order): what the explorer draws, in
#: one round trip.
SUBGRAPH = (
    """
MATCH (n:Node)
WHERE n.id IN $ids
WITH n ORDER BY n.id
WITH collect(n) AS nodes, collect(properties(n)) AS data,
     sum(COUNT { (n)-->() } - COUNT { (n)-[:CITES]->() }) AS outgoing, sum(COUNT { (n)<--() }) AS incoming
CALL (nodes, outgoing, incoming) {"""
    + _TIES_OF_NODES
    + "  RETURN collect("
    + _TIE_MAP
    + """) AS ties
}
RETURN data AS nodes, ties
"""
)

#: Number of ties of each node in ``$ids`` (unknown ids are left out; ``CITES`` do not count).
DEGREES = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN collect(id) AS ids, collect(COUNT { (n)--() } - COUNT { (n)-[:CITES]->() }) AS degrees
"""

#: One breadth-first step of an ego network (``GraphStore.ego_step``): the
#: nodes that ties of ``$types`` (all when null) lead to from ``$frontier``,
#: except those in ``$seen``; how many there are, and the first ``$limit``
#: (all when null) as ``[id, strength, degree]``: most ties to the frontier
#: first, then most ties of any type, then by id. The ranking and the cap run
#: in the server, so only what can be drawn travels. A node reached is
#: checked against the nodes of ``$seen``, not by reading its id.
EGO_STEP = """
MATCH (s:Node)
WHERE s.id IN $seen
WITH collect(s) AS seen
MATCH (a:Node)
WHERE a.id IN $frontier
MATCH (a)-[r]-(b:Node)
WHERE ($types IS NULL OR type(r) IN $types) AND NOT b IN seen
WITH b, count(r) AS strength
WITH b.id AS id, strength, COUNT { (b)--() } - COUNT { (b)-[:CITES]->() } AS degree
ORDER BY strength DESC, degree DESC, id
WITH collect([id, strength, degree]) AS found
RETURN size(found) AS found, CASE WHEN $limit IS NULL THEN found ELSE found[..$limit] END AS top
"""

# -- upgrading a store written with JSON blobs (``data``) -------------------------
#: The next ``$limit`` sources, nodes or ties still in the old layout, as
#: their JSON; the store rewrites them with the upserts above (which replace
#: every property, ``data`` included) until none is left.
OLD_SOURCES = """
MATCH (s:Source) WHERE s.data IS NOT NULL
WITH s LIMIT $limit
RETURN collect(s.data) AS data
"""
OLD_NODES = """
MATCH (n:Node) WHERE n.data IS NOT NULL
WITH n LIMIT $limit
RETURN collect(n.data) AS data
"""
OLD_TIES = """
MATCH (:Node)-[r]->(:Node) WHERE r.data IS NOT NULL
WITH r LIMIT $limit
RETURN collect(r.data) AS data
"""
#: The migration steps, in order: sources first, so that nodes find them to cite.
OLD_LAYOUT: tuple[str, ...] = (OLD_SOURCES, OLD_NODES, OLD_TIES)
#: Whether any row is still in the old layout (a scan of what is stored when none is).
OLD_LAYOUT_PRESENT = """
RETURN EXISTS { MATCH (s:Source) WHERE s.data IS NOT NULL }
    OR EXISTS { MATCH (n:Node) WHERE n.data IS NOT NULL }
    OR EXISTS { MATCH (:Node)-[r]->(:Node) WHERE r.data IS NOT NULL } AS old
"""

# -- inspection (tests and diagnostics) -------------------------------------------------
NODE_LABELS = "MATCH (n) RETURN coalesce(n.id, elementId(n)) AS id, labels(n) AS labels ORDER BY id"
TIE_TYPES = (
    "MATCH (a:Node)-[r]->(b:Node) RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target ORDER BY id"
)
CITATIONS = "MATCH (n:Node)-[:CITES]->(s:Source) RETURN n.id AS node, s.id AS source ORDER BY node, source"


# -- the local server's first start (pontes/neo4j_server.py) ------------------------
#: A fresh server's default password is changed through the driver, so the
#: password is never an argument on a command line (runs on the system database).
CHANGE_INITIAL_PASSWORD = "ALTER CURRENT USER SET PASSWORD FROM $old TO $new"
