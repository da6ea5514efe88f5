"""Merging two nodes that are one, and undoing it (``pontes merge``).

:func:`merge` keeps ``keep`` and folds ``other`` into it:

- ``other``'s name, aliases and other-language names become ``keep``'s
  aliases (an other-language name ``keep`` lacks becomes its name in that
  language); fields ``keep`` leaves empty take ``other``'s value; the
  sources of both are cited;
- every tie of ``other`` now runs from or to ``keep`` (a tie ``keep`` already
  has with the same type, other end, role and start cites the sources of
  both; a tie between the two is dropped);
- ``other``'s id redirects to ``keep``: later loads that name ``other``
  resolve to ``keep`` (:func:`loaders.plan.check_plan`), and so does
  :func:`graph.lookup.resolve`.

The store applies the merge in one transaction and logs it as a
:class:`graph.changes.Change` holding both nodes and every tie as they were.
:func:`undo` puts them back (ties added to ``keep`` after the merge stay)
and removes the redirect. A merge whose nodes a later change touched is undone
only after that later change.
"""

from __future__ import annotations

import datetime as dt
import uuid

from graph.changes import Change
from graph.draft import merged_node
from graph.errors import NotFound, Problem, ValidationFailed
from graph.model import Tie
from graph.store.base import GraphStore

__all__ = ["merge", "undo", "undone_merges"]


def _refuse(entry: str, field: str, message: str) -> ValidationFailed:
    return ValidationFailed([Problem("(merge)", entry, field, message)])


def _rewired(tie: Tie, other: str, keep: str) -> Tie | None:
    source = keep if tie.source == other else tie.source
    target = keep if tie.target == other else tie.target
    if source == target:
        return None
    data = tie.model_dump(mode="json", exclude_none=True)
    data.update(source=source, target=target)
    data.pop("id")
    return Tie.model_validate(data)


def merge(store: GraphStore, keep_id: str, other_id: str, *, by: str, note: str | None = None) -> Change:
    """Merge node ``other_id`` into ``keep_id`` (see the module docstring); return the logged change.

    Raises :class:`NotFound` for an unknown id and :class:`ValidationFailed`
    when the two are the same node or of different types.
    """
    if keep_id == other_id:
        raise _refuse(keep_id, "other", "a node cannot be merged with itself")
    found = {n.id: n for n in store.get_nodes([keep_id, other_id])}
    for node_id in (keep_id, other_id):
        if node_id not in found:
            raise NotFound(node_id)
    keep, other = found[keep_id], found[other_id]
    if keep.type is not other.type:
        raise _refuse(other_id, "type", f"a {other.type} cannot be merged into a {keep.type}")
    before_ties = store.ties_touching([keep_id, other_id])
    kept = {t.id: t for t in before_ties if other_id not in (t.source, t.target)}
    after: dict[str, Tie] = {}
    for tie in before_ties:
        if other_id not in (tie.source, tie.target):
            continue
        moved = _rewired(tie, other_id, keep_id)
        if moved is None:
            continue
        twin = after.get(moved.id) or kept.get(moved.id)
        if twin is not None:
            data = twin.model_dump(mode="json", exclude_none=True)
            data["sources"] = list(dict.fromkeys([*twin.sources, *moved.sources]))
            moved = Tie.model_validate(data)
        after[moved.id] = moved
    change = Change(
        id=uuid.uuid4().hex,
        action="merge",
        at=dt.datetime.now(dt.UTC),
        by=by,
        keep=keep_id,
        other=other_id,
        before_nodes=[keep, other],
        before_ties=[t for t in before_ties if other_id in (t.source, t.target) or t.id in after],
        after_nodes=[merged_node(keep, other)],
        after_ties=list(after.values()),
        redirects={other_id: keep_id, **{old: keep_id for old, new in store.redirects().items() if new == other_id}},
        note=note,
    )
    store.replace(change, remove_nodes=[other_id], remove_ties=change.removed_ties)
    return change


def undo(store: GraphStore, change_id: str, *, by: str) -> Change:
    """Undo the merge ``change_id``: both nodes and their ties as they were, the redirect removed."""
    log = store.changes()
    found = [i for i, c in enumerate(log) if c.id == change_id]
    if not found:
        raise _refuse(change_id, "change", "no such change in the log (pontes merge --list)")
    done = log[found[0]]
    if done.action != "merge":
        raise _refuse(change_id, "change", "only a merge can be undone")
    undone = undone_merges(log)
    if done.id in undone:
        raise _refuse(change_id, "change", f"already undone by {undone[done.id]}")
    touched = {done.keep, done.other}
    for later in log[found[0] + 1 :]:
        if later.action == "merge" and later.id not in undone and touched & {later.keep, later.other}:
            raise _refuse(change_id, "change", f"a later merge ({later.id}) touches these nodes: undo it first")
    current_keep = store.get_node(done.keep)
    if current_keep is None:
        raise NotFound(done.keep)
    after_ids = {t.id for t in done.after_ties}
    before_ids = {t.id for t in done.before_ties}
    change = Change(
        id=uuid.uuid4().hex,
        action="undo",
        at=dt.datetime.now(dt.UTC),
        by=by,
        keep=done.keep,
        other=done.other,
        before_nodes=[current_keep],
        before_ties=[t for t in store.ties_touching([done.keep]) if t.id in after_ids],
        after_nodes=done.before_nodes,
        after_ties=done.before_ties,
        undoes=done.id,
    )
    store.replace(change, remove_ties=sorted(after_ids - before_ids))
    return change


def undone_merges(log: list[Change]) -> dict[str, str]:
    """The merges of ``log`` that were undone, each with the id of its undo."""
    return {c.undoes: c.id for c in log if c.action == "undo" and c.undoes}
