"""The review queue: a document's proposals wait here until an editor decides.

A :class:`Batch` holds one draft of ``pontes extract`` (one or more
documents): its sources and one :class:`Proposal` per proposed node and tie,
each with a :class:`Decision` (who decided what, when). The store keeps
batches as records (:meth:`graph.store.base.GraphStore.save_record`, kind
``review``), so the queue survives a restart on both stores.

:func:`decide` applies decisions, one proposal or many at a time:

``accept``
    The proposal (with an editor's ``edits`` to its fields) goes through the
    normal validation (:func:`loaders.plan.check_plan`, against the stored
    graph) and is written citing the document. A node that matches a stored
    one adds the document to that node's sources (and its name as an alias
    if it differs). A tie needs its two nodes in the graph: accept them first,
    or in the same call.
``merge``
    The proposed node is the stored node ``into``: that node takes the
    proposal's name as an alias and cites the document; ties of the proposal
    are written to it when they are accepted.
``reject``
    Nothing is written; the decision is kept.

Nothing enters the graph unreviewed: only accepted and merged proposals are
ever written.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal

from pydantic import Field, TypeAdapter, ValidationError

from graph.draft import Evidence, merged_node, split_proposal
from graph.errors import NotFound, Problem, ValidationFailed
from graph.ids import fold
from graph.intake.documents import Document
from graph.intake.text import FUNCTION_WORDS, name_key
from graph.model import Name, Node, NodeRef, Source, Strict, Tie
from graph.store.base import GraphStore

RECORD_KIND = "review"
_NODE = TypeAdapter(Node)

Action = Literal["accept", "reject", "merge"]


class Decision(Strict):
    status: Literal["pending", "accepted", "rejected", "merged"] = "pending"
    by: Name | None = None
    at: dt.datetime | None = None
    #: The node written: the proposal's id, its id after an edit, or the stored node it was merged into.
    node: NodeRef | None = None
    edits: dict[str, Any] = Field(default_factory=dict)


class Proposal(Strict):
    kind: Literal["node", "tie"]
    #: The draft entry: the seed entry plus evidence, confidence and match.
    entry: dict[str, Any]
    decision: Decision = Field(default_factory=Decision)

    @property
    def id(self) -> str:
        return str(self.entry["id"])

    @property
    def type(self) -> str:
        return str(self.entry["type"])

    @property
    def evidence(self) -> list[Evidence]:
        return [Evidence.model_validate(e) for e in self.entry.get("evidence", [])]

    @property
    def confidence(self) -> float:
        return float(self.entry.get("confidence", 0))

    @property
    def label(self) -> str:
        if self.kind == "node":
            return f"{self.entry['type']} {self.entry.get('name', '')}"
        role = f" ({self.entry['role']})" if self.entry.get("role") else ""
        return f"{self.entry['source']} {self.entry['type']}{role} {self.entry['target']}"


class Batch(Strict):
    id: str = Field(pattern=r"^[0-9a-f]{32}$")
    name: Name
    added_at: dt.datetime
    added_by: Name
    sources: list[Source]
    proposals: list[Proposal]

    def counts(self) -> dict[str, int]:
        out = {"pending": 0, "accepted": 0, "rejected": 0, "merged": 0}
        for p in self.proposals:
            out[p.decision.status] += 1
        return out


# -- the queue in the store ---------------------------------------------------------------------------------
def enqueue(store: GraphStore, draft: Mapping[str, Any], *, name: str, by: str) -> Batch:
    """Put a draft's proposals in the queue, every one pending (a review in the file is not taken over)."""
    sources = [Source.model_validate(s) for s in draft.get("sources", [])]
    proposals = [
        Proposal(kind="node", entry={k: v for k, v in e.items() if k != "review"}) for e in draft.get("nodes", [])
    ] + [Proposal(kind="tie", entry={k: v for k, v in e.items() if k != "review"}) for e in draft.get("ties", [])]
    batch = Batch(id=uuid.uuid4().hex, name=name, added_at=_now(), added_by=by, sources=sources, proposals=proposals)
    _save(store, batch)
    return batch


def batches(store: GraphStore) -> list[Batch]:
    """Every batch of the queue, oldest first."""
    return [Batch.model_validate_json(data) for _, data in store.records(RECORD_KIND)]


def get_batch(store: GraphStore, batch_id: str) -> Batch:
    """The batch whose id is or starts with ``batch_id`` (8 characters are enough)."""
    found = [b for b in batches(store) if b.id.startswith(batch_id)] if len(batch_id) >= 4 else []
    if len(found) != 1:
        raise NotFound(batch_id, what="batch in the review queue")
    return found[0]


def _save(store: GraphStore, batch: Batch) -> None:
    store.save_record(RECORD_KIND, batch.id, batch.model_dump_json())


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- decisions ------------------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What :func:`decide` did: the batch as saved, and how much it wrote."""

    batch: Batch
    nodes: int = 0
    ties: int = 0
    problems: list[Problem] = field(default_factory=list)


def _node_of(p: Proposal, edits: Mapping[str, Any]) -> dict[str, Any]:
    seed, _ = split_proposal(p.entry)
    seed = {**seed, **{k: v for k, v in edits.items() if v not in (None, "")}}
    if edits.get("name") and edits["name"] != p.entry.get("name"):
        seed.pop("id", None)  # a new name is a new id
    return seed


def decide(
    store: GraphStore,
    batch_id: str,
    ids: Collection[str],
    action: Action,
    *,
    by: str,
    edits: Mapping[str, Any] | None = None,
    into: str | None = None,
) -> Outcome:
    """Apply ``action`` to the proposals ``ids`` of a batch (see the module docstring).

    Raises :class:`ValidationFailed` (nothing written, nothing decided) if an
    accepted proposal does not validate; problems name the batch, the
    proposal and the field.
    """
    from loaders.plan import check_plan, store_resolvers, write_plan

    batch = get_batch(store, batch_id)
    by_id = {p.id: p for p in batch.proposals}
    chosen = [by_id[i] for i in ids if i in by_id]
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise ValidationFailed(
            [Problem(batch.name, i, "(proposal)", "no such proposal in this batch") for i in missing]
        )
    now = _now()
    if action == "reject":
        _apply(batch, {p.id: Decision(status="rejected", by=by, at=now) for p in chosen})
        _save(store, batch)
        return Outcome(batch)
    # the node each decided node proposal stands for
    written: dict[str, str] = {p.id: p.decision.node for p in batch.proposals if p.decision.node}
    nodes: list[tuple[Node, str, str]] = []
    problems: list[Problem] = []
    decided: dict[str, Decision] = {}
    for p in [p for p in chosen if p.kind == "node"]:
        entry = f"{p.label}"
        try:
            proposed = _NODE.validate_python(_node_of(p, edits or {}))
        except ValidationError as e:
            problems += [
                Problem.of(batch.name, entry, ".".join(map(str, err["loc"][1:])) or "(entry)", err)
                for err in e.errors()
            ]
            continue
        target = (
            into
            if action == "merge"
            else (p.entry.get("match", {}).get("id") if p.entry.get("match", {}).get("status") == "existing" else None)
        )
        if target:
            stored = store.get_node(target)
            if stored is None:
                problems.append(Problem(batch.name, entry, "match", f"no stored node {target!r}"))
                continue
            if stored.type is not proposed.type:
                problems.append(
                    Problem(batch.name, entry, "type", f"a {proposed.type} cannot be merged into a {stored.type}")
                )
                continue
            node = merged_node(stored, proposed)
        else:
            node = proposed
        nodes.append((node, batch.name, entry))
        written[p.id] = node.id
        decided[p.id] = Decision(
            status="merged" if action == "merge" else "accepted", by=by, at=now, node=node.id, edits=dict(edits or {})
        )
    ties: list[tuple[Tie, str, str]] = []
    end_names = {q.id: str(q.entry.get("name", q.id)) for q in batch.proposals if q.kind == "node"}
    for p in [p for p in chosen if p.kind == "tie"]:
        ends = [end_names.get(p.entry[end], p.entry[end]) for end in ("source", "target")]
        entry = f"{ends[0]} → {ends[1]}"  # named as the page names them, not by ids or codes
        seed, _ = split_proposal(p.entry)
        seed = {**seed, **{k: v for k, v in (edits or {}).items() if k in ("role", "start", "end", "description")}}
        seed.pop("id", None)
        # an end this document proposes, accepted neither before nor now, and not stored
        waiting = [
            end
            for end in ("source", "target")
            if seed[end] in end_names and seed[end] not in written and store.get_node(seed[end]) is None
        ]
        for end in waiting:
            name = end_names[seed[end]]
            message = f"{name} is not accepted yet: accept it first, or together with this tie"
            problems.append(Problem(batch.name, entry, end, message, "end_not_accepted", {"name": name}))
        if waiting:
            continue
        for end in ("source", "target"):
            seed[end] = written.get(seed[end], seed[end])
        try:
            tie = Tie.model_validate(seed)
        except ValidationError as e:
            problems += [
                Problem.of(batch.name, entry, ".".join(map(str, err["loc"])) or "(entry)", err) for err in e.errors()
            ]
            continue
        ties.append((tie, batch.name, entry))
        decided[p.id] = Decision(status="accepted", by=by, at=now, edits=dict(edits or {}))
    plan = check_plan(
        [(s, batch.name, "source") for s in batch.sources],
        nodes,
        ties,
        problems=problems,
        **_resolvers(store_resolvers(store)),
    )
    write_plan(store, plan, atomic=True)
    _apply(batch, decided)
    _save(store, batch)
    return Outcome(batch, nodes=len(plan.nodes), ties=len(plan.ties))


def _apply(batch: Batch, decisions: Mapping[str, Decision]) -> None:
    for i, p in enumerate(batch.proposals):
        if p.id in decisions:
            batch.proposals[i] = p.model_copy(update={"decision": decisions[p.id]})


def _resolvers(resolvers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in resolvers.items() if k in ("known_nodes", "known_sources", "erased", "redirects")}


# -- showing a proposal in its sentence ------------------------------------------------------------------
def highlight(sentence: str, labels: Iterable[str]) -> list[tuple[str, bool]]:
    """``sentence`` cut into parts, those that name one of ``labels`` (folded or
    inflected: "des Landkreises Bernkastel-Wittlich" for "Landkreis Bernkastel-Wittlich") marked True."""
    labels = list(labels)
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w’'.-]+", sentence)]
    keys = {name_key(x) for x in labels if name_key(x)}
    folded = {fold(x) for x in labels}
    starts = {fold(x.split()[0]) for x in labels if x.split()}
    own = {fold(w) for x in labels for w in x.split()}  # the words the names themselves have
    marks: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(12, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            text = sentence[start:end]
            first, last = fold(text.split()[0]), fold(text.split()[-1]).rstrip(".")
            if n > 1 and (last in FUNCTION_WORDS or (first in FUNCTION_WORDS and first not in starts)):
                continue  # "Manfred Greis vom", "in Konz": the name is without them
            # a name read in any order and inflection holds no small word it has not itself: "Trier und
            # die Handwerkskammer" has the words of "Handwerkskammer Trier", but is two names
            loose = not any(fold(w) in FUNCTION_WORDS and fold(w) not in own for w in text.split()[1:])
            for candidate, exact in ((text, True), (text.rstrip("."), True), (text.rstrip("."), False)):
                if (fold(candidate) in folded) if exact else (loose and name_key(candidate) in keys):
                    hit = (n, start, start + len(candidate))
                    break
            if hit:
                break
        if hit:
            marks.append(hit[1:])
            i += hit[0]
        else:
            i += 1
    parts: list[tuple[str, bool]] = []
    at = 0
    for start, end in marks:
        if start > at:
            parts.append((sentence[at:start], False))
        parts.append((sentence[start:end], True))
        at = end
    if at < len(sentence):
        parts.append((sentence[at:], False))
    return parts


def labels_of(batch: Batch, p: Proposal) -> list[str]:
    """What a proposal's evidence may call it: a node's names, or both ends' names for a tie."""
    names = {q.id: [q.entry.get("name", ""), *q.entry.get("aliases", [])] for q in batch.proposals if q.kind == "node"}
    if p.kind == "node":
        return names.get(p.id, [])
    return [*names.get(p.entry["source"], []), *names.get(p.entry["target"], [])]


__all__ = [
    "RECORD_KIND",
    "Batch",
    "Decision",
    "Outcome",
    "Proposal",
    "batches",
    "decide",
    "enqueue",
    "enqueue_document",
    "get_batch",
    "highlight",
    "labels_of",
]


def enqueue_document(store: GraphStore, name: str, data: bytes, *, by: str, language: str = "auto") -> Batch:
    """Read an uploaded document (text, PDF, HTML), extract its proposals against the
    stored graph and queue them (:func:`enqueue_read`). Raises :class:`ValidationFailed`
    for a document that cannot be read."""
    from graph.intake import read_document

    return enqueue_read(store, read_document(name, data), by=by, language=language)


def enqueue_read(store: GraphStore, document: Document, *, by: str, language: str = "auto") -> Batch:
    """Extract a read document's proposals against the stored graph and queue them (:func:`enqueue`)."""
    from graph.intake import extract_documents

    snapshot = store.cached_snapshot()
    draft = extract_documents([document], snapshot.nodes, language=language, stored_ties=(t.id for t in snapshot.ties))
    return enqueue(store, draft, name=PurePath(document.name).name, by=by)
