"""Data-subject requests: what is stored about a person, and erasure.

* :func:`person_report` answers an access request (GDPR Art. 15): the
  person's node with its legal basis and visibility, every tie with the node
  at its other end, and every source cited by any of them.
* :func:`erase_person` answers an erasure request (Art. 17): the node and all
  its ties are deleted in one transaction, and an :class:`~graph.model.AuditRecord`
  is written that holds no personal data: when, why (the operator's reference),
  how many ties went, and a *tombstone*: a SHA-256 of the node id, which
  loaders check so that reloading the seed files cannot bring the person back.
  Caches keyed on :meth:`GraphStore.version` are invalidated by the write.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph.errors import PontesError
from graph.ids import fold, tombstone
from graph.lookup import resolve_person
from graph.model import AuditRecord, Node, Person, Source, Tie
from graph.store.base import GraphStore


@dataclass(frozen=True)
class PersonReport:
    """Everything stored about one person."""

    person: Person
    ties: list[tuple[Tie, Node | None]] = field(default_factory=list)  # (tie, node at the other end)
    sources: list[Source] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "person": self.person.model_dump(mode="json"),
            "ties": [
                {
                    **tie.model_dump(mode="json", exclude_none=True),
                    "other_end": None
                    if other is None
                    else {"id": other.id, "type": str(other.type), "name": other.name},
                }
                for tie, other in self.ties
            ],
            "sources": [s.model_dump(mode="json", exclude_none=True) for s in self.sources],
        }


def person_report(store: GraphStore, name_or_id: str) -> PersonReport:
    """The access-request report for one person (see :func:`graph.lookup.resolve_person`)."""
    person = resolve_person(store, name_or_id)
    ties = store.ties_of(person.id)
    others = {n.id: n for n in store.get_nodes({t.source if t.target == person.id else t.target for t in ties})}
    cited = set(person.sources).union(*(t.sources for t in ties)) if ties else set(person.sources)
    return PersonReport(
        person=person,
        ties=[(t, others.get(t.target if t.source == person.id else t.source)) for t in ties],
        sources=store.get_sources(cited),
    )


def erase_person(store: GraphStore, name_or_id: str, *, reason: str, now: datetime | None = None) -> AuditRecord:
    """Delete one person and all their ties; return the audit record written with it.

    ``reason`` is the operator's reference for the request (a ticket number);
    it must not contain the person's name, which is checked.
    """
    person = resolve_person(store, name_or_id)
    if any(fold(label) in fold(reason) for label in person.labels if len(label) > 2):
        raise PontesError("the reason must not contain the person's name: give a reference such as a ticket number")
    record = AuditRecord(
        id=uuid.uuid4().hex,
        action="erase_person",
        at=now or datetime.now(UTC),
        reason=reason,
        nodes_removed=1,
        ties_removed=len(store.ties_of(person.id)),
        tombstones=[tombstone(person.id)],
    )
    store.erase([person.id], record)
    return record
