"""The Neo4j store: the same contract as the embedded store, on a real server.

The driver is passed in (built at the edge, see :func:`pontes.stores.open_store`)
and closed by :meth:`Neo4jStore.close`. Every query is a named constant of
:mod:`graph.store.cypher`. Every field of a model is a native property
(:mod:`graph.store.properties`; the schema is in ``docs/neo4j.md``) and nodes
cite their sources with ``CITES`` relationships. Writes run as ``UNWIND $rows``
batches (per node type and per tie type) in one managed write transaction per
:meth:`~Neo4jStore.upsert`; rows whose stored content hash is unchanged are
found first (ids and hashes only) and not sent again. A store written by
earlier versions (one JSON ``data`` property per row) is upgraded in place by
:meth:`~Neo4jStore.ensure_schema`. Reads run in managed read transactions on
sessions opened in READ mode and return plain models, never a live result;
whole-graph reads come in batches of one record each, and reads of many rows
for one view (ties among nodes, a node's ties, nodes by id, a view's nodes and
ties, a ranked ego-network step) as one record of lists. Driver errors become
:class:`StoreUnavailable` (server unreachable, bad credentials) or :class:`StoreError`.

The contract is one class, so it is one file; what can live apart (the
queries, the property mapping, the server's lifecycle) lives in its own module.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from pydantic import TypeAdapter, ValidationError

from graph.changes import Change
from graph.errors import PontesError, StoreError, StoreUnavailable
from graph.ids import WORD_STARTS, fold, search_keys, search_words
from graph.model import AuditRecord, Node, NodeType, Source, Tie, TieType
from graph.store import cypher
from graph.store.base import Counts, EgoStep, GraphStore, Link, Reached, Subgraph
from graph.store.gc_pause import bulk_read
from graph.store.properties import from_properties, node_from_properties, to_properties
from graph.store.rows import content_hash

_NODE = TypeAdapter(Node)
_T = TypeVar("_T")

#: The layout rows are kept in (part of their content hash): every field a
#: native property, as :mod:`graph.store.properties` maps it. Change it when
#: the mapping changes, and every row is rewritten once.
PROPERTY_LAYOUT = "pontes-neo4j-properties-1"
#: A tie's fields that the relationship itself holds (its type and its ends).
_TIE_STRUCTURE = frozenset({"type", "source", "target"})

#: Seconds ``ensure_schema`` waits for new indexes to come online.
INDEX_TIMEOUT = 300
#: Key of the version counter node.
VERSION_KEY = "graph"
#: Seconds :meth:`Neo4jStore.snapshot` waits for writers before giving up.
SNAPSHOT_PATIENCE = 180.0
#: Seconds after its last heartbeat at which a writer's mark counts as left
#: behind by a dead writer (a killed loader, a lost connection).
WRITER_LEASE = 30
#: Seconds between two heartbeats of a live writer (well within the lease).
WRITER_HEARTBEAT = 3.0
#: Ids per hash look-up (ids and hashes only, so more than per write statement).
CHECK_ROWS = 20_000
#: Nodes per batch of a whole-graph read.
PAGE_ROWS = 20_000
#: Bytes written (and deleted) after an erasure to rotate the transaction log
#: (more than the local server's 1 MiB rotation size).
LOG_FILLER_BYTES = 1200 * 1024
#: Filler rounds after an erasure (each adds two log files).
LOG_FILLER_ROUNDS = 3
#: Rows per transaction when a store in the old layout is upgraded.
UPGRADE_ROWS = 5_000


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


def _data(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> list:
    """The ``data`` column of every record (one record holding a list, for the
    queries that ``collect``: Bolt costs far more per record than per element)."""
    return [record["data"] for record in tx.run(query, params)]


def _pages(tx: neo4j.ManagedTransaction, *, ties: bool) -> list[dict]:
    """The properties of every node (``NODE_PAGE``) or tie (``TIE_PAGE``), batch after batch."""
    out: list[dict] = []
    after = ""
    while True:
        record = tx.run(cypher.PAGES[ties], {"after": after, "limit": PAGE_ROWS}).single(strict=True)
        last = record["last"]
        out += record["data"]
        if last is None:
            return out
        after = last


def _tie(props: dict) -> Tie:
    """A tie from its relationship's properties plus ``type``, ``source`` and ``target``."""
    return from_properties(Tie, props)


def _source(props: dict) -> Source:
    return from_properties(Source, props)


def source_properties(source: Source) -> dict[str, Any]:
    """The properties a ``Source`` node holds: the model's and its ``hash``."""
    props = to_properties(source)
    props["hash"] = content_hash(source.model_dump_json(), PROPERTY_LAYOUT)
    return props


def node_properties(node: Node) -> dict[str, Any]:
    """The properties a node holds: the model's, its folded ``search`` keys and its ``hash``."""
    props = to_properties(node)
    props["search"] = search_keys(node.labels)
    props["hash"] = content_hash(node.model_dump_json(), PROPERTY_LAYOUT)
    return props


def tie_properties(tie: Tie) -> dict[str, Any]:
    """The properties a tie's relationship holds: the model's but its type and ends, and its ``hash``."""
    props = to_properties(tie, skip=_TIE_STRUCTURE)
    props["hash"] = content_hash(tie.model_dump_json(), PROPERTY_LAYOUT)
    return props


@dataclass
class _Rows:
    """What one write sends: the rows of sources, of nodes per type and of ties per
    type, each ``{id, hash, props}`` (ties also ``source`` and ``target``)."""

    sources: list[dict] = field(default_factory=list)
    nodes: dict[NodeType, list[dict]] = field(default_factory=dict)
    ties: dict[TieType, list[dict]] = field(default_factory=dict)

    @classmethod
    def of(cls, sources: Sequence[Source] = (), nodes: Sequence[Node] = (), ties: Sequence[Tie] = ()) -> _Rows:
        out = cls()
        for s in sources:
            props = source_properties(s)
            out.sources.append({"id": s.id, "hash": props["hash"], "props": props})
        for n in nodes:
            props = node_properties(n)
            out.nodes.setdefault(NodeType(n.type), []).append({"id": n.id, "hash": props["hash"], "props": props})
        for t in ties:
            props = tie_properties(t)
            row = {"id": t.id, "source": t.source, "target": t.target, "hash": props["hash"], "props": props}
            out.ties.setdefault(TieType(t.type), []).append(row)
        return out

    def __len__(self) -> int:
        return len(self.sources) + sum(map(len, self.nodes.values())) + sum(map(len, self.ties.values()))


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

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str = "neo4j",
        *,
        batch_size: int = 2000,
        tombstone_key: bytes | None = None,
    ):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if tombstone_key is not None:
            self.__dict__["_tombstone_key"] = tombstone_key
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
        # Statements name every label and relationship type of the model (one
        # literal statement per enum value), also those with no data yet: the
        # server's "unknown label" notifications say nothing here.
        return self._driver.session(
            database=self.database,
            default_access_mode=mode,
            bookmark_manager=self._bookmarks,
            notifications_disabled_categories=[neo4j.NotificationDisabledCategory.UNRECOGNIZED],
        )

    def _read(self, action: str, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        with translate_errors(action), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work)

    def _write(self, action: str, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        with translate_errors(action), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work)

    def _write_announced(self, action: str, work: Callable[[neo4j.ManagedTransaction], _T]) -> _T:
        """Run a data-changing transaction between a writer mark and its removal (see :meth:`_announced`)."""
        with self._announced():
            return self._write(action, work)

    @contextmanager
    def _announced(self) -> Iterator[None]:
        """A writer mark for the transactions run inside.

        Neo4j reads at read-committed isolation, and a reader can see a
        transaction's changes while they are being applied; the mark lets
        :meth:`snapshot` wait until no writer is at work. A heartbeat renews
        the mark while the transactions run, so the mark of a writer that
        died expires soon (``WRITER_LEASE``) instead of blocking readers.
        """
        mark = {"key": VERSION_KEY, "token": secrets.token_hex(16), "lease": WRITER_LEASE}
        self._write("announcing a write", lambda tx: tx.run(cypher.MARK_WRITING, mark).consume())
        done = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(mark, done), name="pontes-writer-heartbeat", daemon=True)
        beat.start()
        try:
            yield
        finally:
            done.set()
            beat.join()
            self._write("ending a write", lambda tx: tx.run(cypher.UNMARK_WRITING, mark).consume())

    def _heartbeat(self, mark: dict[str, Any], done: threading.Event) -> None:
        """Renew the writer mark every ``WRITER_HEARTBEAT`` seconds until ``done``."""
        while not done.wait(WRITER_HEARTBEAT):
            try:
                self._write("renewing the writer mark", lambda tx: tx.run(cypher.RENEW_WRITING, mark).consume())
            except PontesError:
                pass  # the data transaction meets the same trouble and reports it

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
        """Create the constraints and indexes if missing, then :meth:`upgrade_layout`."""

        def work(tx: neo4j.ManagedTransaction) -> None:
            for statement in cypher.SCHEMA:
                tx.run(statement).consume()

        self._write("creating the schema", work)
        with translate_errors("waiting for indexes"), self._session(neo4j.READ_ACCESS) as session:
            session.run(cypher.AWAIT_INDEXES, {"timeout": INDEX_TIMEOUT}).consume()
        self.upgrade_layout()

    def upgrade_layout(self) -> int:
        """Rewrite the rows that earlier versions of Pontes wrote as one JSON
        ``data`` property each into today's layout (native properties,
        ``CITES``), in place and in batches; returns the number of rows rewritten.

        Sources first, then nodes, then ties, :data:`UPGRADE_ROWS` per
        transaction, under one writer mark (readers of the whole graph wait).
        Each row is rewritten whole from its JSON, with the upserts of
        :meth:`upsert`, so nothing is lost; an interrupted upgrade goes on
        where it stopped the next time. Idempotent: a store in today's layout
        costs one read.
        """
        old = self._read("checking the layout", lambda tx: tx.run(cypher.OLD_LAYOUT_PRESENT).single(strict=True)["old"])
        if not old:
            return 0
        parse: tuple[Callable[[list[str]], _Rows], ...] = (
            lambda data: _Rows.of(sources=[Source.model_validate_json(d) for d in data]),
            lambda data: _Rows.of(nodes=[_NODE.validate_json(d) for d in data]),
            lambda data: _Rows.of(ties=[Tie.model_validate_json(d) for d in data]),
        )

        def batch(tx: neo4j.ManagedTransaction, step: int) -> int:
            data = tx.run(cypher.OLD_LAYOUT[step], {"limit": UPGRADE_ROWS}).single(strict=True)["data"]
            if data:
                try:
                    rows = parse[step](data)
                except ValidationError as e:
                    raise StoreError(f"a row in the old layout does not fit the model: {e}") from e
                self._write_rows(tx, rows, skip_unchanged=False)
            return len(data)

        done = 0
        with self._announced():
            for step in range(len(cypher.OLD_LAYOUT)):
                while n := self._write("upgrading the layout", partial(batch, step=step)):
                    done += n
        return done

    # -- writes ------------------------------------------------------------
    def upsert(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self._write_graph(sources, nodes, ties, on_progress, replace=False)

    def replace_graph(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        # One transaction deletes the old graph and writes the new one: a
        # killed process or an error leaves the old graph (Neo4j rolls back).
        self._write_graph(sources, nodes, ties, on_progress, replace=True)

    def _write_graph(
        self,
        sources: Sequence[Source],
        nodes: Sequence[Node],
        ties: Sequence[Tie],
        on_progress: Callable[[int], None] | None,
        *,
        replace: bool,
    ) -> None:
        rows = _Rows.of(sources, nodes, ties)
        n_rows = len(rows)
        if not n_rows and not replace:
            return

        def work(tx: neo4j.ManagedTransaction) -> None:
            # Progress is reported once the transaction commits: a retried
            # transaction function must not count its rows twice.
            if replace:
                tx.run(cypher.DELETE_GRAPH).consume()
            self._write_rows(tx, rows, skip_unchanged=not replace)

        def guarded(tx: neo4j.ManagedTransaction) -> None:
            try:
                work(tx)
            except TransientError as e:
                if e.code and "MemoryPoolOutOfMemoryError" in e.code:
                    # Retrying cannot help: a non-driver error ends the retries (and rolls back).
                    raise StoreError(
                        f"{n_rows} rows are too many for one Neo4j transaction "
                        "(dbms.memory.transaction.total.max); write them in batches "
                        "(pontes load --batched, or write_plan(atomic=False))"
                    ) from e
                raise

        self._write_announced("the replacement" if replace else "the upsert", guarded)
        if on_progress and n_rows:
            on_progress(n_rows)

    def _write_rows(self, tx: neo4j.ManagedTransaction, rows: _Rows, *, skip_unchanged: bool = True) -> None:
        """Write ``rows`` in batches of :attr:`batch_size` within ``tx`` and bump the version.

        With ``skip_unchanged``, rows whose stored hash is the same are left
        out first. Raises :class:`StoreError` (rolling back ``tx``) if ties
        reference nodes that do not exist.
        """
        size = self.batch_size

        def changed(kind: TieType | str, todo: list[dict]) -> list[dict]:
            """The rows of ``kind`` (see ``cypher.UNCHANGED_ROWS``) whose stored hash differs, or that are new."""
            if not skip_unchanged:
                return todo
            same: set[str] = set()
            for batch in _batches(todo, CHECK_ROWS):
                keys = [{"id": r["id"], "hash": r["hash"]} for r in batch]
                same.update(tx.run(cypher.UNCHANGED_ROWS[kind], {"rows": keys}).single(strict=True)["ids"])
            return [r for r in todo if r["id"] not in same] if same else todo

        created: list[str] = []
        for batch in _batches(changed("sources", rows.sources), size):
            created += tx.run(cypher.UPSERT_SOURCES, {"rows": batch}).single(strict=True)["created"]
        if created:
            tx.run(cypher.LINK_CITING_NODES, {"ids": created}).consume()
        for node_type, todo in rows.nodes.items():
            for batch in _batches(changed("nodes", todo), size):
                tx.run(cypher.UPSERT_NODES_OF_TYPE[node_type], {"rows": batch}).consume()
        expected = written = 0
        to_write: list[dict] = []
        for tie_type, todo in rows.ties.items():
            todo = changed(tie_type, todo)
            expected += len(todo)
            to_write += todo
            for batch in _batches(todo, size):
                written += tx.run(cypher.UPSERT_TIES[tie_type], {"rows": batch}).single(strict=True)["written"]
        tx.run(cypher.BUMP_VERSION, {"key": VERSION_KEY}).consume()
        if written < expected:
            ends = list(dict.fromkeys(e for row in to_write for e in (row["source"], row["target"])))
            missing = tx.run(cypher.MISSING_NODES, {"ids": ends}).single(strict=True)["missing"]
            # Raising inside the transaction function rolls the whole upsert back.
            raise StoreError(f"ties reference nodes that do not exist: {', '.join(missing)}")

    def clear(self) -> None:
        def work(tx: neo4j.ManagedTransaction) -> int:
            deleted = tx.run(cypher.DELETE_BATCH, {"limit": 10_000}).single(strict=True)["deleted"]
            tx.run(cypher.BUMP_VERSION, {"key": VERSION_KEY}).consume()
            return deleted

        # Batches keep each transaction within the server's memory cap.
        while self._write_announced("clearing", work):
            pass
        self._write("clearing the change log", lambda tx: tx.run(cypher.CLEAR_CHANGES).consume())

    def erase(self, node_ids: Collection[str], record: AuditRecord, *, sources: Sequence[Source] = ()) -> int:
        ids = list(dict.fromkeys(node_ids))
        source_rows = _Rows.of(sources=sources).sources

        def work(tx: neo4j.ManagedTransaction) -> int:
            if source_rows:
                tx.run(cypher.UPSERT_SOURCES, {"rows": source_rows}).consume()
            removed = tx.run(cypher.ERASE_TIES, {"ids": ids}).single(strict=True)["removed"]
            tx.run(cypher.ERASE_NODES, {"ids": ids}).consume()
            tx.run(
                cypher.ADD_AUDIT, {"id": record.id, "at": record.at.isoformat(), "data": record.model_dump_json()}
            ).consume()
            tx.run(cypher.ADD_TOMBSTONES, {"hashes": record.tombstones}).consume()
            tx.run(cypher.BUMP_VERSION, {"key": VERSION_KEY}).consume()
            return removed

        removed = self._write_announced("the erasure", work)
        self._rotate_log()
        return removed

    def _rotate_log(self) -> None:
        """Write and delete fillers of :data:`LOG_FILLER_BYTES`, so that the
        transaction log files holding what an erasure deleted are followed by
        :data:`LOG_FILLER_ROUNDS` times two newer ones: with the local server's
        retention (``pontes server``: 1 MiB a file, keep none but the latest)
        Neo4j prunes them at the next checkpoint (it keeps the two files before
        the current one; tests/test_neo4j_server.py checks it on a real server)."""
        pad = "0" * LOG_FILLER_BYTES
        for _ in range(LOG_FILLER_ROUNDS):
            self._write(
                "rotating the transaction log", lambda tx: tx.run(cypher.ADD_LOG_FILLER, {"pad": pad}).consume()
            )
            self._write("rotating the transaction log", lambda tx: tx.run(cypher.DROP_LOG_FILLER).consume())

    def replace(self, change: Change, *, remove_nodes: Collection[str] = (), remove_ties: Collection[str] = ()) -> None:
        # The nodes and ties after the change are written like any other
        # (native properties, CITES to their sources); the change itself is a
        # log entry (see ``cypher.UPSERT_CHANGE``).
        rows = _Rows.of(nodes=change.after_nodes, ties=change.after_ties)
        gone_nodes = list(dict.fromkeys(remove_nodes))
        gone_ties = list(dict.fromkeys(remove_ties))
        anchors = list(dict.fromkeys([change.keep, change.other, *gone_nodes]))
        entry = {
            "id": change.id,
            "action": change.action,
            "at": change.at.isoformat(),
            "by": change.by,
            "keep": change.keep,
            "other": change.other,
            "undoes": change.undoes,
            "data": change.model_dump_json(),
        }
        redirects = [{"old": old, "new": new} for old, new in change.redirects.items()]

        def work(tx: neo4j.ManagedTransaction) -> None:
            if gone_ties:
                tx.run(cypher.DELETE_TIES_BY_ID, {"nodes": anchors, "ids": gone_ties}).consume()
            if gone_nodes:
                tx.run(cypher.DELETE_NODES_BY_ID, {"ids": gone_nodes}).consume()
            if change.action == "undo" and change.undoes:
                undone = tx.run(cypher.GET_CHANGE, {"id": change.undoes}).single()
                if undone is not None:
                    olds = list(Change.model_validate_json(undone["data"]).redirects)
                    tx.run(cypher.REMOVE_REDIRECTS, {"olds": olds}).consume()
            tx.run(cypher.UPSERT_CHANGE, entry).consume()
            if redirects:
                tx.run(cypher.SET_REDIRECTS, {"rows": redirects}).consume()
            # Last: writes the rows in batches, bumps the version, and rolls
            # everything back if a tie names a node that does not exist.
            self._write_rows(tx, rows, skip_unchanged=False)

        self._write_announced("the change", work)

    def changes(self) -> list[Change]:
        rows = self._read("reading the change log", lambda tx: _data(tx, cypher.CHANGES))
        return [Change.model_validate_json(d) for d in rows]

    def redirects(self) -> dict[str, str]:
        return dict(
            self._read("reading redirects", lambda tx: [(r["old"], r["new"]) for r in tx.run(cypher.REDIRECTS)])
        )

    def save_record(self, kind: str, record_id: str, data: str) -> None:
        self._write(
            "saving a record",
            lambda tx: tx.run(cypher.SAVE_RECORD, {"kind": kind, "id": record_id, "data": data}).consume(),
        )

    def records(self, kind: str) -> list[tuple[str, str]]:
        return self._read(
            "reading records", lambda tx: [(r["id"], r["data"]) for r in tx.run(cypher.RECORDS, {"kind": kind})]
        )

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
            nodes = [(r["type"], r["count"]) for r in tx.run(cypher.COUNT_NODES_BY_LABEL) if r["count"]]
            ties = [(r["type"], r["count"]) for r in tx.run(cypher.COUNT_TIES_BY_TYPE) if r["count"]]
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
        rows = self._read("reading nodes", lambda tx: _data(tx, cypher.GET_NODES, ids=ids)[0])
        return [node_from_properties(d) for d in rows]

    def get_sources(self, ids: Collection[str] | None = None) -> list[Source]:
        if ids is None:
            rows = self._read("reading sources", lambda tx: _data(tx, cypher.ALL_SOURCES))
        else:
            wanted = list(dict.fromkeys(ids))
            rows = self._read("reading sources", lambda tx: _data(tx, cypher.GET_SOURCES, ids=wanted))
        return [_source(d) for d in rows]

    def search(self, text: str, *, types: Collection[NodeType] | None = None, limit: int = 20) -> list[Node]:
        needle = fold(text.strip())
        if not needle:
            return []
        type_list = [NodeType(t).value for t in types] if types else None
        words, starts = search_words(needle), list(WORD_STARTS)
        params = {"needle": needle, "words": words, "starts": starts, "types": type_list, "limit": int(limit)}
        rows = self._read("searching", lambda tx: _data(tx, cypher.SEARCH, **params))
        return [node_from_properties(d) for d in rows]

    def ties_touching(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        type_list = [TieType(t).value for t in types] if types else None
        rows = self._read("reading ties", lambda tx: _data(tx, cypher.TIES_TOUCHING, ids=ids, types=type_list)[0])
        return [_tie(d) for d in rows]

    def _consistent_read(self) -> tuple[int, list[dict], list[dict]]:
        """The version and the properties of every node (in id order) and tie, as of one committed version.

        Read in batches (:data:`PAGE_ROWS` nodes, or the ties of as many
        nodes, per record) within one read transaction. Neo4j reads at
        read-committed isolation, so a write landing between (or during) the
        batches would mix two states. The read
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
            nodes, ties = _pages(tx, ties=False), _pages(tx, ties=True)
            return (before[0], nodes, ties) if state(tx) == before else None

        deadline = time.monotonic() + SNAPSHOT_PATIENCE
        pause = 0.05
        while True:
            got = self._read("reading the graph", work)
            if got is not None:
                return got
            if time.monotonic() > deadline:
                raise StoreError("a write is in progress and did not finish in time; try again")
            time.sleep(pause)
            pause = min(pause * 2, 1.0)

    def snapshot(self) -> Subgraph:
        """The whole graph as of one committed version (see :meth:`_consistent_read`)."""
        return self._versioned_snapshot()[1]

    # -- reads at scale --------------------------------------------------------
    def _versioned_snapshot(self) -> tuple[int, Subgraph]:
        version, nodes, ties = self._consistent_read()
        with bulk_read():  # models by the hundred thousand: the collector once, after
            return version, Subgraph(
                nodes=[node_from_properties(d) for d in nodes],
                ties=sorted((_tie(d) for d in ties), key=lambda t: t.id),
            )

    def links(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Link]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        type_list = [TieType(t).value for t in types] if types else None
        ids_, types_, sources, targets = self._read(
            "reading ties",
            lambda tx: tx.run(cypher.LINKS, {"ids": ids, "types": type_list}).single(strict=True).values(),
        )
        kinds = {t.value: t for t in TieType}
        return [Link(i, kinds[t], a, b) for i, t, a, b in zip(ids_, types_, sources, targets)]

    def ties_among(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return []
        type_list = [TieType(t).value for t in types] if types else None
        rows = self._read("reading ties", lambda tx: _data(tx, cypher.TIES_AMONG, ids=ids, types=type_list)[0])
        return [_tie(d) for d in rows]

    def subgraph(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> Subgraph:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return Subgraph()
        type_list = [TieType(t).value for t in types] if types else None
        nodes, ties = self._read(
            "reading a view",
            lambda tx: tx.run(cypher.SUBGRAPH, {"ids": ids, "types": type_list}).single(strict=True).values(),
        )
        return Subgraph(nodes=[node_from_properties(d) for d in nodes], ties=[_tie(d) for d in ties])

    def degrees(self, ids: Collection[str]) -> dict[str, int]:
        ids = list(dict.fromkeys(ids))
        out = dict.fromkeys(ids, 0)
        if ids:
            found, degrees = self._read(
                "counting ties", lambda tx: tx.run(cypher.DEGREES, {"ids": ids}).single(strict=True).values()
            )
            out.update(zip(found, degrees))
        return out

    def ego_step(
        self,
        frontier: Collection[str],
        seen: Collection[str] = (),
        *,
        limit: int | None = None,
        types: Collection[TieType] | None = None,
    ) -> EgoStep:
        near = list(dict.fromkeys(frontier))
        if not near:
            return EgoStep(0, [])
        params = {
            "frontier": near,
            "seen": list(set(near).union(seen)),
            "limit": None if limit is None else max(int(limit), 0),
            "types": [TieType(t).value for t in types] if types else None,
        }
        found, top = self._read(
            "reading an ego network", lambda tx: tx.run(cypher.EGO_STEP, params).single(strict=True).values()
        )
        return EgoStep(found, [Reached(*row) for row in top])
