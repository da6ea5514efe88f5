"""Data-subject requests: what is stored about a person, and erasure.

* :func:`person_report` answers an access request (GDPR Art. 15): the
  person's node with its legal basis and visibility, every tie with the node
  at its other end, and every source cited by any of them.
* :func:`erase_person` answers an erasure request (Art. 17): the node and all
  its ties are deleted in one transaction, and an :class:`~graph.model.AuditRecord`
  is written that holds no personal data: when, why (the operator's reference),
  how many ties went, which sources that named the person were redacted, and
  a *tombstone*: a keyed hash of the node id (the key is kept beside the
  store), which loaders check so that reloading the seed files cannot bring
  the person back.
  Caches keyed on :meth:`GraphStore.version` are invalidated by the write.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph.errors import PontesError
from graph.ids import fold
from graph.lookup import resolve_person
from graph.model import AuditRecord, Node, Person, Source, Tie, Visibility
from graph.privacy import blank_source, names_someone, private_labels, source_texts
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


#: The title a source gets when it named an erased person.
ERASED_SOURCE_TITLE = "‹a document naming an erased person›"


def sources_naming(store: GraphStore, person: Person) -> list[Source]:
    """The stored sources whose title, descriptions, document name or link names
    ``person`` (any of their names or aliases, as whole words, folded)."""
    labels = private_labels([person.model_copy(update={"visibility": Visibility.PRIVATE})])
    return [s for s in store.get_sources() if any(names_someone(text, labels) for text in source_texts(s))]


def erase_person(store: GraphStore, name_or_id: str, *, reason: str, now: datetime | None = None) -> AuditRecord:
    """Delete one person and all their ties; return the audit record written with it.

    ``reason`` is the operator's reference for the request (a ticket number);
    it must not contain the person's name (checked) nor contact data (the
    model checks). Sources that name the person keep their id, publisher and
    date, so that the facts citing them stay cited, but lose their title,
    description, document name and link (:data:`ERASED_SOURCE_TITLE`); the
    record lists them. The tombstone is keyed with the store's secret
    (:meth:`GraphStore.tombstone`), so no one can test names against it.
    """
    person = resolve_person(store, name_or_id)
    if any(fold(label) in fold(reason) for label in person.labels if len(label) > 2):
        raise PontesError("the reason must not contain the person's name: give a reference such as a ticket number")
    naming = sources_naming(store, person)
    redacted = [blank_source(s, ERASED_SOURCE_TITLE) for s in naming]
    record = AuditRecord(
        id=uuid.uuid4().hex,
        action="erase_person",
        at=now or datetime.now(UTC),
        reason=reason,
        nodes_removed=1,
        ties_removed=len(store.ties_of(person.id)),
        tombstones=[store.tombstone(person.id)],
        sources_redacted=sorted(s.id for s in redacted),
    )
    store.erase([person.id], record, sources=redacted)
    return record
