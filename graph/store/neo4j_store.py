"""The Neo4j store: the same contract as the embedded store, on a real server.

The driver is passed in (built at the edge, see :func:`pontes.stores.open_store`)
and closed by :meth:`Neo4jStore.close`. Every query is a named constant of
:mod:`graph.store.cypher`. Writes run as ``UNWIND $rows`` batches (per tie type for
ties) in one managed write transaction per :meth:`~Neo4jStore.upsert`; reads run in
managed read transactions on sessions opened in READ mode and return plain
models, never a live result. Driver errors become :class:`StoreUnavailable`
(server unreachable, bad credentials) or :class:`StoreError`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
import time
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired
from pydantic import TypeAdapter

from graph.errors import PontesError, StoreError, StoreUnavailable
from graph.ids import fold, search_keys
from graph.model import AuditRecord, Node, NodeType, Source, Tie, TieType
from graph.store import cypher
from graph.store.base import Counts, GraphStore, Subgraph

_NODE = TypeAdapter(Node)
_T = TypeVar("_T")

#: Seconds ``ensure_schema`` waits for new indexes to come online.
INDEX_TIMEOUT = 300
#: Key of the version counter node.
VERSION_KEY = "graph"
#: Seconds :meth:`Neo4jStore.snapshot` waits for writers before giving up.
SNAPSHOT_PATIENCE = 180.0
#: Seconds after which a writer's mark counts as left behind by a dead writer.
WRITER_LEASE = 900


@contextmanager
def translate_errors(action: str) -> Iterator[None]:
    """Turn driver exceptions into Pontes' own (``from`` the original)."""
    try:
        yield
    except PontesError:
        raise
    except (ServiceUnavailable, SessionExpired, AuthError) as e:
        raise StoreUnavailable(f"Neo4j is unavailable ({action}): {e}") from e
    except (Neo4jError, DriverError) as e:
        raise StoreError(f"Neo4j could not complete {action}: {e}") from e


def _batches(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _data(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> list[str]:
    return [record["data"] for record in tx.run(query, params)]


class Neo4jStore(GraphStore):
    """A :class:`GraphStore` on a Neo4j 5 server.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver; the store owns it from now on and closes it in :meth:`close`.
    database : str
        Name of the database (``neo4j`` on Community).
    batch_size : int
        Rows per ``UNWIND`` statement inside the write transaction.
    """

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j", *, batch_size: int = 2000):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._driver = driver
        self.database = database
        self.batch_size = batch_size
        # Sessions share bookmarks, so a read sees every earlier write of this
        # store even on a cluster.
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        self._closed = False

    def __repr__(self) -> str:
        return f"Neo4jStore(database={self.database!r})"

    # -- plumbing ----------------------------------------------------------
    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(
            database=self.database, default_access_mode=mode, bookmark_manager=self._bookmarks
        )

    def _read(self, action: str, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        with translate_errors(action), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def _write(self, action: str, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        with translate_errors(action), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    def _write_announced(self, action: str, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        """Run a data-changing transaction between a writer mark and its removal.

        Neo4j reads at read-committed isolation, and a reader can see a
        transaction's changes while they are being applied; the mark lets
        :meth:`snapshot` wait until no writer is at work.
        """
        key = {"key": VERSION_KEY}
        self._write("announcing a write", lambda tx: tx.run(cypher.MARK_WRITING, key).consume())
        try:
            return self._write(action, work)
        finally:
            self._write("ending a write", lambda tx: tx.run(cypher.UNMARK_WRITING, key).consume())

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._driver.close()

    def verify_connectivity(self) -> None:
        """Fail fast (no retries) with :class:`StoreUnavailable` if the server cannot be reached."""
        with translate_errors("connecting"):
            self._driver.verify_connectivity()

    def ensure_schema(self) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            for statement in cypher.SCHEMA:
                tx.run(statement).consume()

        self._write("creating the schema", work)
        with translate_errors("waiting for indexes"), self._session(neo4j.READ_ACCESS) as session:
            session.run(cypher.AWAIT_INDEXES, {"timeout": INDEX_TIMEOUT}).consume()

    # -- writes ------------------------------------------------------------
    def upsert(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        source_rows = [{"id": s.id, "data": s.model_dump_json()} for s in sources]
        node_rows = [
            {
                "id": n.id,
                "type": NodeType(n.type).value,
                "name": n.name,
                "search": search_keys(n.labels),
                "data": n.model_dump_json(),
            }
            for n in nodes
        ]
        ties_by_type: dict[TieType, list[dict]] = {}
        for t in ties:
            row = {"id": t.id, "source": t.source, "target": t.target, "data": t.model_dump_json()}
            ties_by_type.setdefault(TieType(t.type), []).append(row)
        tie_rows = [row for rows in ties_by_type.values() for row in rows]
        if not (source_rows or node_rows or tie_rows):
            return
        size = self.batch_size

        def work(tx: neo4j.ManagedTransaction) -> None:
            # Progress is reported once the transaction commits: a retried
            # transaction function must not count its rows twice.
            for batch in _batches(source_rows, size):
                tx.run(cypher.UPSERT_SOURCES, {"rows": batch}).consume()
            for batch in _batches(node_rows, size):
                tx.run(cypher.UPSERT_NODES, {"rows": batch}).consume()
            written = 0
            for tie_type, rows in ties_by_type.items():
                for batch in _batches(rows, size):
                    written += tx.run(cypher.UPSERT_TIES[tie_type], {"rows": batch}).single(strict=True)["written"]
            tx.run(cypher.BUMP_VERSION, {"key": VERSION_KEY}).consume()
            if written < len(tie_rows):
                ends = list(dict.fromkeys(e for row in tie_rows for e in (row["source"], row["target"])))
                missing = tx.run(cypher.MISSING_NODES, {"ids": ends}).single(strict=True)["missing"]
                # Raising inside the transaction function rolls the whole upsert back.
                raise StoreError(f"ties reference nodes that do not exist: {', '.join(missing)}")

        self._write_announced("the upsert", work)
        if on_progress:
            on_progress(len(source_rows) + len(node_rows) + len(tie_rows))

    def clear(self) -> None:
        def work(tx: neo4j.ManagedTransaction) -> int:
            deleted = tx.run(cypher.DELETE_BATCH, {"limit": 10_000}).single(strict=True)["deleted"]
            tx.run(cypher.BUMP_VERSION, {"key": VERSION_KEY}).consume()
            return deleted

        # Batches keep each transaction within the server's memory cap.
        while self._write_announced("clearing", work):
            pass

    def erase(self, node_ids: Collection[str], record: AuditRecord) -> int:
        ids = list(dict.fromkeys(node_ids))

        def work(tx: neo4j.ManagedTransaction) -> int:
            removed = tx.run(cypher.ERASE_TIES, {"ids": ids}).single(strict=True)["removed"]
            tx.run(cypher.ERASE_NODES, {"ids": ids}).consume()
            tx.run(cypher.ADD_AUDIT, {"id": record.id, "at": record.at.isoformat(), "data": record.model_dump_json()}).consume()
            tx.run(cypher.ADD_TOMBSTONES, {"hashes": record.tombstones}).consume()
            tx.run(cypher.BUMP_VERSION, {"key": VERSION_KEY}).consume()
            return removed

        return self._write_announced("the erasure", work)

    # -- accountability ----------------------------------------------------
    def audit_log(self) -> list[AuditRecord]:
        rows = self._read("reading the audit log", lambda tx: _data(tx, cypher.AUDIT_LOG))
        return [AuditRecord.model_validate_json(d) for d in rows]

    def tombstones(self) -> set[str]:
        return set(self._read("reading tombstones", lambda tx: [r["hash"] for r in tx.run(cypher.TOMBSTONES)]))

    def version(self) -> int:
        return self._read(
            "reading the version",
            lambda tx: tx.run(cypher.GET_VERSION, {"key": VERSION_KEY}).single(strict=True)["value"],
        )

    # -- reads -------------------------------------------------------------
    def counts(self) -> Counts:
        def work(tx: neo4j.ManagedTransaction) -> tuple[list, list, int]:
            nodes = [(r["type"], r["count"]) for r in tx.run(cypher.COUNT_NODES)]
            ties = [(r["type"], r["count"]) for r in tx.run(cypher.COUNT_TIES)]
            return nodes, ties, tx.run(cypher.COUNT_SOURCES).single(strict=True)["count"]

        nodes, ties, n_sources = self._read("counting", work)
        return Counts(
            nodes={NodeType(t): c for t, c in nodes},
            ties={TieType(t): c for t, c in ties},
            sources=n_sources,
        )

    def get_nodes(self, ids: Collection[str]) -> list[Node]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        rows = self._read("reading nodes", lambda tx: _data(tx, cypher.GET_NODES, ids=ids))
        return [_NODE.validate_json(d) for d in rows]

    def get_sources(self, ids: Collection[str] | None = None) -> list[Source]:
        if ids is None:
            rows = self._read("reading sources", lambda tx: _data(tx, cypher.ALL_SOURCES))
        else:
            wanted = list(dict.fromkeys(ids))
            rows = self._read("reading sources", lambda tx: _data(tx, cypher.GET_SOURCES, ids=wanted))
        return [Source.model_validate_json(d) for d in rows]

    def search(self, text: str, *, types: Collection[NodeType] | None = None, limit: int = 20) -> list[Node]:
        needle = fold(text.strip())
        if not needle:
            return []
        type_list = [NodeType(t).value for t in types] if types else None
        params = {"needle": needle, "types": type_list, "limit": int(limit)}
        rows = self._read("searching", lambda tx: _data(tx, cypher.SEARCH, **params))
        return [_NODE.validate_json(d) for d in rows]

    def ties_touching(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        type_list = [TieType(t).value for t in types] if types else None
        rows = self._read("reading ties", lambda tx: _data(tx, cypher.TIES_TOUCHING, ids=ids, types=type_list))
        return [Tie.model_validate_json(d) for d in rows]

    def snapshot(self) -> Subgraph:
        """The whole graph as of one committed version.

        Neo4j reads at read-committed isolation, so a write landing between
        (or during) the node and tie queries would mix two states. The read
        therefore waits while a writer is at work, and is repeated if the
        version moved or a writer appeared while it ran.
        """
        meta = {"key": VERSION_KEY, "lease": WRITER_LEASE}

        def state(tx: neo4j.ManagedTransaction) -> tuple[int, bool]:
            record = tx.run(cypher.GET_META, meta).single(strict=True)
            return record["version"], bool(record["writing"])

        def work(tx: neo4j.ManagedTransaction):
            before = state(tx)
            if before[1]:
                return None
            nodes, ties = _data(tx, cypher.ALL_NODES), _data(tx, cypher.ALL_TIES)
            return (nodes, ties) if state(tx) == before else None

        deadline = time.monotonic() + SNAPSHOT_PATIENCE
        pause = 0.05
        while True:
            got = self._read("reading the graph", work)
            if got is not None:
                nodes, ties = got
                break
            if time.monotonic() > deadline:
                raise StoreError("a write is in progress and did not finish in time; try again")
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
        return Subgraph(nodes=[_NODE.validate_json(d) for d in nodes], ties=[Tie.model_validate_json(d) for d in ties])
