"""Planners' feedback on suggestions, stored in the graph as ``FEEDBACK`` ties.

A planner can dismiss a suggested pair ("already in contact", "not
relevant") or mark it as acted on. Each decision is one
:class:`~graph.model.Tie` of type ``FEEDBACK`` between the two actors, with
the decision as its ``role``, the day as its ``start``, an optional note as
its ``description`` and :data:`FEEDBACK_SOURCE` as its source. The tie runs
from the smaller actor id to the larger, so a pair has one direction.

Feedback is append-only: a later decision on the same pair is a new tie
(another day, or another decision) and the latest one counts; on the same
day "acted on" outranks "already in contact", which outranks "not
relevant". A pair with any feedback is never suggested again. Because the
decisions are ordinary ties, both stores keep them and every export
includes them; analysis skips them (:data:`graph.model.ANNOTATION_TIES`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from graph.errors import NotFound, Problem, ValidationFailed
from graph.model import ACTOR_TYPES, FeedbackKind, Source, Tie, TieType

#: The source every feedback tie cites.
FEEDBACK_SOURCE = Source(
    id="pontes-feedback",
    title="Planners' decisions on suggested ties",
    publisher="Pontes users",
)

_PRECEDENCE = {FeedbackKind.NOT_RELEVANT: 0, FeedbackKind.ALREADY_IN_CONTACT: 1, FeedbackKind.ACTED_ON: 2}


def feedback_tie(
    a: str, b: str, kind: FeedbackKind | str, *, on: dt.date | None = None, note: str | None = None
) -> Tie:
    """The ``FEEDBACK`` tie recording ``kind`` for the pair (a, b) on day ``on`` (today by default)."""
    source, target = sorted((a, b))
    return Tie(
        type=TieType.FEEDBACK,
        source=source,
        target=target,
        role=FeedbackKind(kind).value,
        start=(on or dt.date.today()).isoformat(),
        description=note or None,
        sources=[FEEDBACK_SOURCE.id],
    )


@dataclass(frozen=True)
class FeedbackEntry:
    """One recorded decision."""

    a: str
    b: str
    kind: FeedbackKind
    on: str
    note: str | None
    tie_id: str

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    @property
    def dismissed(self) -> bool:
        return self.kind is not FeedbackKind.ACTED_ON

    #: The columns of :meth:`to_row`, in order (CSV exports).
    CSV_COLUMNS: ClassVar[tuple[str, ...]] = ("date", "actor_a", "name_a", "actor_b", "name_b", "decision", "note")

    def to_row(self, names: Mapping[str, str]) -> dict[str, str]:
        """The decision as a row of plain data, the actors named by ``names`` (id -> name)."""
        return {
            "date": self.on,
            "actor_a": self.a,
            "name_a": names.get(self.a, ""),
            "actor_b": self.b,
            "name_b": names.get(self.b, ""),
            "decision": self.kind.value,
            "note": self.note or "",
        }


def feedback_entries(ties: Iterable[Tie]) -> list[FeedbackEntry]:
    """Every feedback decision among ``ties``, oldest first."""
    out = [
        FeedbackEntry(t.source, t.target, FeedbackKind(t.role), t.start or "", t.description, t.id)
        for t in ties
        if t.type is TieType.FEEDBACK and t.role is not None  # a feedback tie always has one (checked)
    ]
    return sorted(out, key=lambda e: (e.on, _PRECEDENCE[e.kind], e.tie_id))


def latest_feedback(ties: Iterable[Tie]) -> dict[frozenset[str], FeedbackEntry]:
    """The decision that counts for each pair (the latest; see the module docstring)."""
    latest: dict[frozenset[str], FeedbackEntry] = {}
    for entry in feedback_entries(ties):
        latest[entry.pair] = entry
    return latest


def excluded_pairs(ties: Iterable[Tie]) -> set[frozenset[str]]:
    """Pairs never to suggest again: every pair with any feedback."""
    return {e.pair for e in feedback_entries(ties)}


def record_feedback(
    store, a: str, b: str, kind: FeedbackKind | str, *, on: dt.date | None = None, note: str | None = None
) -> Tie:
    """Store a planner's decision on the pair (a, b) and return its tie.

    Raises :class:`~graph.errors.NotFound` for an unknown actor and
    :class:`~graph.errors.ValidationFailed` when an end is not an actor, both
    ends are the same or the kind is unknown.
    """
    problems: list[Problem] = []
    try:
        kind = FeedbackKind(kind)
    except ValueError:
        problems.append(
            Problem("(feedback)", f"{a} / {b}", "kind", f"one of {', '.join(k.value for k in FeedbackKind)}")
        )
    if a == b:
        problems.append(Problem("(feedback)", f"{a} / {b}", "actors", "the two actors must differ"))
    found = {n.id: n for n in store.get_nodes([a, b])}
    for actor in (a, b):
        if actor not in found:
            raise NotFound(actor)
        if found[actor].type not in ACTOR_TYPES:
            problems.append(Problem("(feedback)", actor, "type", "feedback is about organisations and persons"))
    if problems:
        raise ValidationFailed(problems)
    tie = feedback_tie(a, b, kind, on=on, note=note)
    store.upsert(sources=[FEEDBACK_SOURCE], ties=[tie])
    return tie


__all__ = [
    "FEEDBACK_SOURCE",
    "FeedbackEntry",
    "excluded_pairs",
    "feedback_entries",
    "feedback_tie",
    "latest_feedback",
    "record_feedback",
]
