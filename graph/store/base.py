"""The one store interface that the app, the CLI and the loaders use.

Two implementations honour it: :class:`graph.store.embedded.EmbeddedStore`
(SQLite, the zero-setup default) and :class:`graph.store.neo4j_store.Neo4jStore`
(a real Neo4j server). ``tests/test_store_contract.py`` runs the same tests
against both.

Writes are idempotent upserts keyed by the content-derived ids; one call of
:meth:`GraphStore.upsert` is one transaction. Reads return plain model
objects, never live cursors or results.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from graph.ids import legacy_tombstone, tombstone
from graph.model import AuditRecord, Node, NodeType, Source, Tie, TieType

if TYPE_CHECKING:
    from graph.changes import Change


@dataclass(frozen=True)
class Subgraph:
    """Nodes and the ties among them, as plain models."""

    nodes: list[Node] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)

    @property
    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}


class CacheKey(NamedTuple):
    """What everything derived from a store's graph is kept under: the store and its version.

    ``store`` identifies one store object (two stores, even on the same
    file or server, never share an entry); ``version`` moves with every
    committed write, so nothing erased or changed is served from a cache.
    Every cache of Pontes keys on it (:meth:`GraphStore.cache_key`).
    """

    store: str
    version: int


class Link(NamedTuple):
    """A tie without its details: what traversals and degree counts need."""

    id: str
    type: TieType
    source: str
    target: str


class Reached(NamedTuple):
    """A node that one step of an ego network reaches (see :meth:`GraphStore.ego_step`)."""

    id: str
    #: Ties between it and the frontier.
    strength: int
    #: Its ties of any type, in either direction (as :meth:`GraphStore.degrees`).
    degree: int


class EgoStep(NamedTuple):
    """What one breadth-first step reached: how many nodes, and the strongest of them."""

    #: Number of nodes reached (all of them, also those beyond the limit).
    found: int
    #: The strongest of them, at most the limit: most ties to the frontier
    #: first, then the higher degree, then by id.
    nodes: list[Reached]


@dataclass(frozen=True)
class Counts:
    nodes: dict[NodeType, int]
    ties: dict[TieType, int]
    sources: int

    @property
    def total_nodes(self) -> int:
        return sum(self.nodes.values())

    @property
    def total_ties(self) -> int:
        return sum(self.ties.values())


class GraphStore(ABC):
    """Persistent, transactional storage of the typed, sourced graph."""

    # -- lifecycle ---------------------------------------------------------
    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release connections. Idempotent."""

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables/constraints/indexes if missing. Idempotent."""

    # -- writes ------------------------------------------------------------
    @abstractmethod
    def upsert(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        """Insert or replace the given rows in one transaction.

        Ties must reference nodes that exist in the store or in ``nodes``;
        otherwise :class:`~graph.errors.StoreError` and nothing is written.
        ``on_progress(n)`` is told as rows are written (an implementation may
        report all of them once, at commit).
        """

    @abstractmethod
    def clear(self) -> None:
        """Delete the graph (used by tests and ``pontes load --replace``), with its
        change log and redirects (they name nodes of the graph deleted).

        The audit log and its tombstones are kept: an erasure outlives a reload.
        So are records (review queues): they name documents, not nodes.
        """

    @abstractmethod
    def replace_graph(
        self,
        *,
        sources: Sequence[Source] = (),
        nodes: Sequence[Node] = (),
        ties: Sequence[Tie] = (),
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        """Replace the whole graph by the given rows, atomically: whatever
        happens (an error, a killed process), the store holds the old graph
        or the new one, never a mix or nothing. The audit log and its
        tombstones are kept (``pontes load --replace``)."""

    @abstractmethod
    def erase(self, node_ids: Collection[str], record: AuditRecord, *, sources: Sequence[Source] = ()) -> int:
        """Delete these nodes with every tie touching them, write ``sources``
        (the redacted versions of sources that named them) and append
        ``record`` (with its tombstones) to the audit log, in one transaction;
        then make sure no copy of what was deleted is left in the store's
        files or logs that the store controls.

        Returns the number of ties removed.
        """

    @abstractmethod
    def replace(self, change: Change, *, remove_nodes: Collection[str] = (), remove_ties: Collection[str] = ()) -> None:
        """Apply a change in one transaction: delete the ties ``remove_ties`` and the
        nodes ``remove_nodes`` (with every tie still touching them), upsert
        ``change.after_nodes`` and ``change.after_ties``, record ``change`` in the
        change log (a change with the id of a logged one replaces it), and
        point each id of ``change.redirects`` at its node; an ``undo`` change
        removes the redirects of the change it undoes. Moves the version.
        """

    @abstractmethod
    def changes(self) -> list[Change]:
        """The change log (merges and their undoing), oldest first."""

    @abstractmethod
    def redirects(self) -> dict[str, str]:
        """Ids that now name another node (a merged-away id -> the id kept)."""

    @abstractmethod
    def save_record(self, kind: str, record_id: str, data: str) -> None:
        """Keep a JSON document (``kind`` "review": a review queue) under ``record_id``, replacing
        an earlier one. Records are not part of the graph: saving one does not move the version."""

    @abstractmethod
    def records(self, kind: str) -> list[tuple[str, str]]:
        """Every record of ``kind`` as ``(id, JSON)``, in the order they were first saved."""

    # -- accountability ----------------------------------------------------
    @abstractmethod
    def audit_log(self) -> list[AuditRecord]:
        """Every audit record, oldest first."""

    @abstractmethod
    def tombstones(self) -> set[str]:
        """Keyed hashes of erased node ids (see :func:`graph.ids.tombstone`)."""

    @property
    def tombstone_key(self) -> bytes:
        """The secret the store's tombstones are keyed with (see :func:`graph.ids.tombstone`).

        Kept beside the store, never in it: stores take it when they are
        opened (:func:`pontes.stores.open_store`); without one, a store makes
        one that lives as long as the object (:meth:`_default_tombstone_key`).
        """
        key = self.__dict__.get("_tombstone_key")
        if key is None:
            key = self.__dict__.setdefault("_tombstone_key", self._default_tombstone_key())
        return key

    def _default_tombstone_key(self) -> bytes:
        return secrets.token_bytes(32)

    def tombstone(self, node_id: str) -> str:
        """The tombstone an erasure of ``node_id`` leaves in this store."""
        return tombstone(node_id, self.tombstone_key)

    def erased(self, ids: Collection[str]) -> set[str]:
        """The ids among ``ids`` that were erased on request (a tombstone of
        this store's key, or an older store's unkeyed one, matches)."""
        stones = self.tombstones()
        if not stones:
            return set()
        return {i for i in ids if self.tombstone(i) in stones or legacy_tombstone(i) in stones}

    @abstractmethod
    def version(self) -> int:
        """A number that grows with every committed write (for cache keys)."""

    def cache_key(self) -> CacheKey:
        """The :class:`CacheKey` of this store as it is now (one :meth:`version` read)."""
        token = self.__dict__.get("_cache_token")
        if token is None:
            token = self.__dict__.setdefault("_cache_token", f"{type(self).__name__}:{uuid.uuid4().hex}")
        return CacheKey(token, self.version())

    # -- reads -------------------------------------------------------------
    @abstractmethod
    def counts(self) -> Counts:
        """Number of nodes per type, ties per type, and sources."""

    @abstractmethod
    def get_nodes(self, ids: Collection[str]) -> list[Node]:
        """The nodes with these ids (unknown ids are skipped), in no particular order."""

    def get_node(self, node_id: str) -> Node | None:
        found = self.get_nodes([node_id])
        return found[0] if found else None

    @abstractmethod
    def get_sources(self, ids: Collection[str] | None = None) -> list[Source]:
        """The sources with these ids, or all sources when ``ids`` is None."""

    @abstractmethod
    def search(self, text: str, *, types: Collection[NodeType] | None = None, limit: int = 20) -> list[Node]:
        """Nodes whose name, translated names or aliases contain ``text``.

        Case- and accent-insensitive (``treves`` finds ``Trèves``; ``saarbruecken``
        finds ``Saarbrücken``). Exact matches first, then prefix matches, then
        the rest, each by name; last, nodes whose labels hold each word of a
        text of several words in any order (``caritas trier`` finds
        ``Caritasverband Trier``).
        """

    @abstractmethod
    def ties_touching(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        """Every tie with at least one endpoint in ``ids`` (optionally of these types)."""

    @abstractmethod
    def snapshot(self) -> Subgraph:
        """The whole graph."""

    # -- reads at scale (defaults here; both stores answer them with indexed queries) --
    def cached_snapshot(self) -> Subgraph:
        """The whole graph, as :meth:`snapshot`, read once per :meth:`version`.

        For analyses and overviews of large stores: the store reads the
        graph in batches (without validating again what it validated when it
        was written) and keeps it until the next write. Callers must not
        modify it.
        """
        lock = self.__dict__.setdefault("_snapshot_lock", threading.Lock())
        with lock:
            version = self.version()
            hit = self.__dict__.get("_snapshot_cache")
            if hit is not None and hit[0] == version:
                return hit[1]
            read_version, sub = self._versioned_snapshot()
            # A write between version() and the read gives a newer graph under
            # an older version: it is simply read again next time.
            self.__dict__["_snapshot_cache"] = (min(version, read_version), sub)
            return sub

    def _versioned_snapshot(self) -> tuple[int, Subgraph]:
        """The whole graph and the version it was read at (stores override with a faster read)."""
        version = self.version()
        return version, self.snapshot()

    def links(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Link]:
        """Every tie touching ``ids`` as a :class:`Link` (no details), in no particular order."""
        return [Link(t.id, t.type, t.source, t.target) for t in self.ties_touching(ids, types=types)]

    def ties_among(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> list[Tie]:
        """Every tie with both ends in ``ids``, sorted by id."""
        wanted = set(ids)
        return [t for t in self.ties_touching(wanted, types=types) if t.source in wanted and t.target in wanted]

    def subgraph(self, ids: Collection[str], *, types: Collection[TieType] | None = None) -> Subgraph:
        """The nodes with these ids (unknown ids are skipped), sorted by id, and
        the ties among them (:meth:`ties_among`): a view's whole read, which a
        store with round trips to a server answers in one."""
        return Subgraph(nodes=sorted(self.get_nodes(ids), key=lambda n: n.id), ties=self.ties_among(ids, types=types))

    def degrees(self, ids: Collection[str]) -> dict[str, int]:
        """Number of ties of each of ``ids`` (either direction; unknown ids count 0)."""
        wanted = set(ids)
        out = dict.fromkeys(wanted, 0)
        for link in self.links(wanted):
            for end in (link.source, link.target):
                if end in wanted:
                    out[end] += 1
        return out

    def ego_step(
        self,
        frontier: Collection[str],
        seen: Collection[str] = (),
        *,
        limit: int | None = None,
        types: Collection[TieType] | None = None,
    ) -> EgoStep:
        """One breadth-first step of an ego network, ranked and capped by the store.

        The nodes that ties (of ``types``; all when None) lead to from
        ``frontier``, except the nodes of ``frontier`` and ``seen``. Each
        comes with its *strength*, the number of those ties between it and
        the frontier, and its degree (:meth:`degrees`). Returns how many nodes
        were reached and the first ``limit`` of them (all when None): the
        strongest first, then the better-connected, then by id. Stores
        answer it in one query, so that only what can be drawn is read.
        """
        near = set(frontier)
        skip = near | set(seen)
        strength: dict[str, int] = {}
        for link in self.links(near, types=types):
            for a, b in ((link.source, link.target), (link.target, link.source)):
                if a in near and b not in skip:
                    strength[b] = strength.get(b, 0) + 1
        degree = self.degrees(strength)
        ranked = sorted(strength, key=lambda x: (-strength[x], -degree[x], x))
        if limit is not None:
            ranked = ranked[: max(limit, 0)]
        return EgoStep(len(strength), [Reached(x, strength[x], degree[x]) for x in ranked])

    # -- derived reads (shared by both stores) ------------------------------
    def ties_of(self, node_id: str) -> list[Tie]:
        """All ties of one node, incoming and outgoing."""
        return self.ties_touching([node_id])

    def neighbourhood(
        self,
        node_id: str,
        depth: int = 1,
        *,
        tie_types: Collection[TieType] | None = None,
        max_nodes: int | None = None,
    ) -> Subgraph:
        """The ego network of ``node_id``: nodes within ``depth`` steps (ties
        taken in either direction), and every tie among them.

        Breadth-first, one store round trip per step. ``max_nodes`` stops
        adding nodes once reached (nearer nodes are kept first).
        """
        if depth < 1:
            raise ValueError("depth must be at least 1")
        if self.get_node(node_id) is None:
            from graph.errors import NotFound

            raise NotFound(node_id)
        seen = {node_id}
        frontier = {node_id}
        for _ in range(depth):
            if not frontier:
                break
            nxt: set[str] = set()
            for tie in self.ties_touching(frontier, types=tie_types):
                for end in (tie.source, tie.target):
                    if end not in seen and end not in nxt:
                        if max_nodes is not None and len(seen) + len(nxt) >= max_nodes:
                            continue
                        nxt.add(end)
            seen |= nxt
            frontier = nxt
        nodes = self.get_nodes(seen)
        ties = [t for t in self.ties_touching(seen, types=tie_types) if t.source in seen and t.target in seen]
        return Subgraph(nodes=sorted(nodes, key=lambda n: n.id), ties=sorted(ties, key=lambda t: t.id))
