"""The embedded store: one SQLite file, no server, the zero-setup default.

Layout: each model is stored whole as JSON next to the columns that queries
need (type, name, folded search keys, tie endpoints) and a content hash
(:func:`graph.store.rows.content_hash`), with indexes on tie endpoints and
node type. SQLite gives durable, atomic transactions (WAL journal): one
:meth:`EmbeddedStore.upsert` is one transaction, so a failure leaves the file
as it was before the call. A row whose hash is unchanged is not rewritten.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

from pydantic import TypeAdapter

from graph.changes import Change
from graph.errors import StoreError
from graph.ids import WORD_STARTS, fold, search_keys, search_words
from graph.model import AuditRecord, Node, NodeType, Source, Tie, TieType
from graph.store.base import Counts, EgoStep, GraphStore, Link, Reached, Subgraph
from graph.store.gc_pause import bulk_read
from graph.store.keys import key_file
from graph.store.rows import content_hash
from graph.store.sqlite_file import connect, unavailable

_NODE = TypeAdapter(Node)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    id   TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS nodes (
    id     TEXT PRIMARY KEY,
    type   TEXT NOT NULL,
    name   TEXT NOT NULL,
    search TEXT NOT NULL,
    data   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_type ON nodes(type);
CREATE TABLE IF NOT EXISTS ties (
    id     TEXT PRIMARY KEY,
    type   TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES nodes(id),
    target TEXT NOT NULL REFERENCES nodes(id),
    data   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ties_source ON ties(source, type);
CREATE INDEX IF NOT EXISTS ties_target ON ties(target, type);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta(key, value) VALUES ('version', 0);
CREATE TABLE IF NOT EXISTS audit (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    id   TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tombstones (
    hash TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS changes (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    id   TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS redirects (
    old TEXT PRIMARY KEY,
    new TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (kind, id)
);
"""

_BUMP_VERSION = "UPDATE meta SET value = value + 1 WHERE key = 'version'"

#: Added after the first layout: created by :meth:`EmbeddedStore.ensure_schema` when missing.
_HASH_COLUMNS = ("nodes", "ties")

_UPSERT_SOURCES = (
    "INSERT INTO sources(id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data "
    "WHERE sources.data IS NOT excluded.data"
)
# Unchanged rows (same content hash) are looked up but not written again.
_UPSERT_NODES = (
    "INSERT INTO nodes(id, type, name, search, data, hash) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET type = excluded.type, name = excluded.name, "
    "search = excluded.search, data = excluded.data, hash = excluded.hash "
    "WHERE nodes.hash IS NOT excluded.hash"
)
_UPSERT_TIES = (
    "INSERT INTO ties(id, type, source, target, data, hash) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(id) DO UPDATE SET data = excluded.data, hash = excluded.hash "
    "WHERE ties.hash IS NOT excluded.hash"
)

#: What LIKE would read as wildcards, escaped (with ESCAPE '\\').
_LIKE_ESCAPES = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})
# SQLite limits the number of host parameters per statement; stay well below.
_CHUNK = 900

#: One step of an ego network (``GraphStore.ego_step``): ?1 the frontier, ?2
#: the ids not to return, ?3 the limit (-1: none), ?4 the tie types (JSON) or
#: NULL for all. Each tie from the frontier counts once towards the node at
#: its other end (a tie between two frontier nodes reaches nothing).
_EGO_STEP = """
WITH reached(id) AS (
    SELECT target FROM ties
    WHERE source IN (SELECT value FROM json_each(?1))
      AND (?4 IS NULL OR type IN (SELECT value FROM json_each(?4)))
    UNION ALL
    SELECT source FROM ties
    WHERE target IN (SELECT value FROM json_each(?1))
      AND (?4 IS NULL OR type IN (SELECT value FROM json_each(?4)))
),
strength(id, n) AS (
    SELECT id, count(*) FROM reached
    WHERE id NOT IN (SELECT value FROM json_each(?2))
    GROUP BY id
)
SELECT id, n,
       (SELECT count(*) FROM ties WHERE source = strength.id)
       + (SELECT count(*) FROM ties WHERE target = strength.id) AS degree,
       count(*) OVER () AS found
FROM strength
ORDER BY n DESC, degree DESC, id
LIMIT ?3
"""


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class EmbeddedStore(GraphStore):
    """A :class:`GraphStore` in one SQLite file (``":memory:"`` for a throwaway one)."""

    def __init__(self, path: str | Path, *, batch_size: int = 2000, tombstone_key: bytes | None = None):
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if tombstone_key is not None:
            self.__dict__["_tombstone_key"] = tombstone_key
        self.batch_size = batch_size
        self.path = str(path)
        self._lock = threading.RLock()
        self._conn = connect(self.path)
        self._closed = False

    def __repr__(self) -> str:
        return f"EmbeddedStore({self.path!r})"

    def _default_tombstone_key(self) -> bytes:
        """The key file beside the store file (``pontes.sqlite.key``), made on first use."""
        if self.path == ":memory:":
            return super()._default_tombstone_key()
        return key_file(self.path + ".key")

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        if not self._closed:
            self._conn.close()
            self._closed = True

    def ensure_schema(self) -> None:
        with self._lock, unavailable(self.path, self.close):
            self._conn.executescript(_SCHEMA)
            for table in _HASH_COLUMNS:
                columns = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
                if "hash" not in columns:
                    self._conn.execute(f"ALTER TABLE {table} ADD COLUMN hash TEXT")

    def _read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # -- writes ------------------------------------------------------------
    @contextmanager
    def _write_tx(self, action: str):
        """One IMMEDIATE transaction that bumps the version; rolled back on any error."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute(_BUMP_VERSION)
                self._conn.execute("COMMIT")
            except BaseException as e:
                self._conn.execute("ROLLBACK")
                if isinstance(e, sqlite3.Error):
                    raise StoreError(f"{action} in {self.path} failed: {e}") from e
                raise

    def _statements(
        self, sources: Sequence[Source], nodes: Sequence[Node], ties: Sequence[Tie]
    ) -> list[tuple[str, list[tuple]]]:
        """The upsert statements and their rows (content hashes included)."""
        node_rows = []
        for n in nodes:
            data = n.model_dump_json()
            node_rows.append((n.id, str(n.type), n.name, search_keys(n.labels), data, content_hash(data)))
        tie_rows = []
        for t in ties:
            data = t.model_dump_json()
            tie_rows.append((t.id, str(t.type), t.source, t.target, data, content_hash(data)))
        return [
            (_UPSERT_SOURCES, [(s.id, s.model_dump_json()) for s in sources]),
            (_UPSERT_NODES, node_rows),
            (_UPSERT_TIES, tie_rows),
        ]

    def _write_rows(self, conn: sqlite3.Connection, statements: list[tuple[str, list[tuple]]], on_progress) -> None:
        for sql, rows in statements:
            for i in range(0, len(rows), self.batch_size):
                batch = rows[i : i + self.batch_size]
                conn.executemany(sql, batch)
                if on_progress:
                    on_progress(len(batch))

    def upsert(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        statements = self._statements(sources, nodes, ties)
        if not any(rows for _, rows in statements):
            return
        with self._write_tx("the upsert") as conn:
            self._write_rows(conn, statements, on_progress)

    def replace_graph(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        statements = self._statements(sources, nodes, ties)
        with self._write_tx("the replacement") as conn:  # one transaction: the old graph or the new one
            for table in ("ties", "nodes", "sources"):
                conn.execute(f"DELETE FROM {table}")
            self._write_rows(conn, statements, on_progress)

    def clear(self) -> None:
        with self._write_tx("clearing") as conn:
            for table in ("ties", "nodes", "sources", "changes", "redirects"):
                conn.execute(f"DELETE FROM {table}")

    def erase(self, node_ids: Collection[str], record: AuditRecord, *, sources: Sequence[Source] = ()) -> int:
        ids = list(dict.fromkeys(node_ids))
        removed = 0
        with self._write_tx("the erasure") as conn:
            conn.executemany("UPDATE sources SET data = ? WHERE id = ?", [(s.model_dump_json(), s.id) for s in sources])
            for chunk in _chunks(ids, _CHUNK // 2):
                marks = ",".join("?" * len(chunk))
                removed += conn.execute(
                    f"DELETE FROM ties WHERE source IN ({marks}) OR target IN ({marks})", [*chunk, *chunk]
                ).rowcount
                conn.execute(f"DELETE FROM nodes WHERE id IN ({marks})", chunk)
            conn.execute("INSERT INTO audit(id, data) VALUES (?, ?)", (record.id, record.model_dump_json()))
            conn.executemany("INSERT OR IGNORE INTO tombstones(hash) VALUES (?)", [(h,) for h in record.tombstones])
        self._checkpoint()
        return removed

    def replace(self, change: Change, *, remove_nodes: Collection[str] = (), remove_ties: Collection[str] = ()) -> None:
        node_rows = []
        for n in change.after_nodes:
            data = n.model_dump_json()
            node_rows.append((n.id, str(n.type), n.name, search_keys(n.labels), data, content_hash(data)))
        tie_rows = []
        for t in change.after_ties:
            data = t.model_dump_json()
            tie_rows.append((t.id, str(t.type), t.source, t.target, data, content_hash(data)))
        with self._write_tx("the change") as conn:
            conn.executemany("DELETE FROM ties WHERE id = ?", [(i,) for i in remove_ties])
            for node in remove_nodes:
                conn.execute("DELETE FROM ties WHERE source = ? OR target = ?", (node, node))
                conn.execute("DELETE FROM nodes WHERE id = ?", (node,))
            conn.executemany(_UPSERT_NODES, node_rows)
            conn.executemany(_UPSERT_TIES, tie_rows)
            conn.execute(
                "INSERT INTO changes(id, data) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                (change.id, change.model_dump_json()),
            )
            conn.executemany(
                "INSERT INTO redirects(old, new) VALUES (?, ?) ON CONFLICT(old) DO UPDATE SET new = excluded.new",
                list(change.redirects.items()),
            )
            if change.action == "undo" and change.undoes:
                undone = conn.execute("SELECT data FROM changes WHERE id = ?", (change.undoes,)).fetchone()
                if undone is not None:
                    olds = list(Change.model_validate_json(undone[0]).redirects)
                    conn.executemany("DELETE FROM redirects WHERE old = ?", [(o,) for o in olds])

    def changes(self) -> list[Change]:
        return [Change.model_validate_json(d) for (d,) in self._read("SELECT data FROM changes ORDER BY seq")]

    def redirects(self) -> dict[str, str]:
        return dict(self._read("SELECT old, new FROM redirects"))

    def save_record(self, kind: str, record_id: str, data: str) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO records(kind, id, data) VALUES (?, ?, ?) ON CONFLICT(kind, id) DO UPDATE SET data = excluded.data",
                (kind, record_id, data),
            )

    def records(self, kind: str) -> list[tuple[str, str]]:
        return [(i, d) for i, d in self._read("SELECT id, data FROM records WHERE kind = ? ORDER BY seq", (kind,))]

    def _checkpoint(self, attempts: int = 50) -> None:
        """Copy the write-ahead log into the database file and empty it, so that
        what an erasure deleted (zeroed there by ``secure_delete``) is in
        neither file. Another process reading at that moment delays it: tried
        again for up to about five seconds, then a :class:`StoreError`."""
        for _ in range(attempts):
            with self._lock:
                busy, _log, _done = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return
            time.sleep(0.1)
        raise StoreError(
            f"the erasure is done, but {self.path}-wal could not be emptied while another process reads the store; "
            "run the erasure again once it is idle"
        )

    # -- accountability ----------------------------------------------------
    def audit_log(self) -> list[AuditRecord]:
        return [AuditRecord.model_validate_json(d) for (d,) in self._read("SELECT data FROM audit ORDER BY seq")]

    def tombstones(self) -> set[str]:
        return {h for (h,) in self._read("SELECT hash FROM tombstones")}

    def version(self) -> int:
        return self._read("SELECT value FROM meta WHERE key = 'version'")[0][0]

    # -- reads -------------------------------------------------------------
    def counts(self) -> Counts:
        nodes = {NodeType(t): c for t, c in self._read("SELECT type, count(*) FROM nodes GROUP BY type")}
        ties = {TieType(t): c for t, c in self._read("SELECT type, count(*) FROM ties GROUP BY type")}
        (n_sources,) = self._read("SELECT count(*) FROM sources")[0]
        return Counts(nodes=nodes, ties=ties, sources=n_sources)

    def get_nodes(self, ids: Collection[str]) -> list[Node]:
        ids = list(dict.fromkeys(ids))
        out: list[Node] = []
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = self._read(f"SELECT data FROM nodes WHERE id IN ({marks})", chunk)
            out.extend(_NODE.validate_json(data) for (data,) in rows)
        return out

    def get_sources(self, ids: Collection[str] | None = None) -> list[Source]:
        if ids is None:
            rows = self._read("SELECT data FROM sources ORDER BY id")
        else:
            ids = list(dict.fromkeys(ids))
            rows = []
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                rows += self._read(f"SELECT data FROM sources WHERE id IN ({marks}) ORDER BY id", chunk)
        return [Source.model_validate_json(data) for (data,) in rows]

    def search(self, text: str, *, types: Collection[NodeType] | None = None, limit: int = 20) -> list[Node]:
        needle = fold(text.strip())
        if not needle:
            return []
        phrase = needle.translate(_LIKE_ESCAPES)
        words = search_words(needle)
        # each word starting a word, in any order ("caritas trier" finds "Caritasverband Trier")
        starts = " OR ".join(["('\n' || search) LIKE ? ESCAPE '\\'"] * len(WORD_STARTS))
        each = " AND ".join([f"({starts})"] * len(words)) or "0"
        sql = (
            "SELECT data, "
            "  CASE WHEN ('\n' || search || '\n') LIKE ? ESCAPE '\\' THEN 0 "
            "       WHEN ('\n' || search) LIKE ? ESCAPE '\\' THEN 1 "
            "       WHEN search LIKE ? ESCAPE '\\' THEN 2 ELSE 3 END AS rank "
            f"FROM nodes WHERE (search LIKE ? ESCAPE '\\' OR ({each}))"
        )
        params: list = [f"%\n{phrase}\n%", f"%\n{phrase}%", f"%{phrase}%", f"%{phrase}%"]
        params += [f"%{(s + w).translate(_LIKE_ESCAPES)}%" for w in words for s in WORD_STARTS]
        if types:
            type_list = [str(NodeType(t)) for t in types]
            sql += f" AND type IN ({','.join('?' * len(type_list))})"
            params += type_list
        sql += " ORDER BY rank, name, id LIMIT ?"
        params.append(int(limit))
        return [_NODE.validate_json(data) for data, _rank in self._read(sql, params)]

    def ties_touching(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        ids = list(dict.fromkeys(ids))
        type_list = [str(TieType(t)) for t in types] if types else []
        type_sql = f" AND type IN ({','.join('?' * len(type_list))})" if type_list else ""
        found: dict[str, Tie] = {}
        for chunk in _chunks(ids, _CHUNK // 2):
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT id, data FROM ties WHERE source IN ({marks}){type_sql} "
                f"UNION SELECT id, data FROM ties WHERE target IN ({marks}){type_sql}"
            )
            for tie_id, data in self._read(sql, [*chunk, *type_list, *chunk, *type_list]):
                if tie_id not in found:
                    found[tie_id] = Tie.model_validate_json(data)
        return sorted(found.values(), key=lambda t: t.id)

    def snapshot(self) -> Subgraph:
        return self._versioned_snapshot()[1]

    # -- reads at scale --------------------------------------------------------
    def _versioned_snapshot(self) -> tuple[int, Subgraph]:
        # Hundreds of thousands of rows and models: the collector runs once, after (bulk_read).
        with bulk_read():
            # One read transaction: with WAL it sees one committed state even
            # while another process writes.
            with self._lock:
                self._conn.execute("BEGIN")
                try:
                    version = self._conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]
                    node_rows = self._conn.execute("SELECT data FROM nodes ORDER BY id").fetchall()
                    tie_rows = self._conn.execute("SELECT data FROM ties ORDER BY id").fetchall()
                finally:
                    self._conn.execute("COMMIT")
            return version, Subgraph(
                nodes=[_NODE.validate_json(d) for (d,) in node_rows],
                ties=[Tie.model_validate_json(d) for (d,) in tie_rows],
            )

    # Id lists go in as one JSON array (``json_each``): no limit on host
    # parameters, and SQLite turns ``IN (SELECT value ...)`` into a look-up table.
    def links(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Link]:
        ids = json.dumps(list(dict.fromkeys(ids)))
        type_list = json.dumps([str(TieType(t)) for t in types]) if types else None
        type_sql = " AND type IN (SELECT value FROM json_each(?2))" if type_list else ""
        sql = (
            f"SELECT id, type, source, target FROM ties WHERE source IN (SELECT value FROM json_each(?1)){type_sql} "
            f"UNION SELECT id, type, source, target FROM ties WHERE target IN (SELECT value FROM json_each(?1)){type_sql}"
        )
        rows = self._read(sql, (ids, type_list) if type_list else (ids,))
        kinds = {t.value: t for t in TieType}
        return [Link(tie_id, kinds[tie_type], source, target) for tie_id, tie_type, source, target in rows]

    def ties_among(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        ids = json.dumps(list(dict.fromkeys(ids)))
        type_list = json.dumps([str(TieType(t)) for t in types]) if types else None
        sql = (
            "SELECT data FROM ties WHERE source IN (SELECT value FROM json_each(?1)) "
            "AND target IN (SELECT value FROM json_each(?1))"
            + (" AND type IN (SELECT value FROM json_each(?2))" if type_list else "")
            + " ORDER BY id"
        )
        rows = self._read(sql, (ids, type_list) if type_list else (ids,))
        return [Tie.model_validate_json(d) for (d,) in rows]

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
        type_list = json.dumps([str(TieType(t)) for t in types]) if types else None
        # LIMIT -1 is no limit; with a limit of 0 one row is still read, for the count.
        cap = -1 if limit is None else max(int(limit), 1)
        params = (json.dumps(near), json.dumps(list(set(near).union(seen))), cap, type_list)
        rows = self._read(_EGO_STEP, params)
        found = rows[0][3] if rows else 0
        kept = rows if limit is None else rows[: max(int(limit), 0)]
        return EgoStep(found, [Reached(node_id, n, degree) for node_id, n, degree, _ in kept])

    def degrees(self, ids: Collection[str]) -> dict[str, int]:
        ids = list(dict.fromkeys(ids))
        out = dict.fromkeys(ids, 0)
        sql = (
            "SELECT source, count(*) FROM ties WHERE source IN (SELECT value FROM json_each(?1)) GROUP BY source "
            "UNION ALL SELECT target, count(*) FROM ties WHERE target IN (SELECT value FROM json_each(?1)) GROUP BY target"
        )
        for node_id, n in self._read(sql, (json.dumps(ids),)):
            out[node_id] += n
        return out
