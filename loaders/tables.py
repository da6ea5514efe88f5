"""Participation tables as a load: read, name, validate, then the usual write.

A participation table (one row per actor taking part in an event, e.g. the
CORDIS Horizon 2020 table: organisation ``pic``, project ``rcn``,
``start_year``, ``country``, ``type``) is read by
:func:`loaders.participations.read_participations`, turned into nodes and
``PARTICIPATED_IN`` ties by :func:`loaders.participations.participations_to_graph`,
named for display here, and cross-checked by :func:`loaders.plan.check_plan`
like every other load. :func:`loaders.plan.write_plan` writes the result
(one transaction, or batches).

Display names
-------------
Tables such as CORDIS carry codes, not names. Unless a ``name`` column is
given, an actor is called by its column and code, followed by the values of
its attribute columns: ``PIC 999616262 (BE, PRC)``; an event likewise:
``RCN 221856``. The node *ids* depend on the code only (``org:999616262``,
``event:221856-2019``, see :mod:`graph.ids`), so a load that later learns
real names or other attribute values updates the same nodes.

Attribute columns become fields where the model has one: the ``country``
column (CORDIS' ``EL`` and ``UK`` become the ISO codes ``GR`` and ``GB``) and
the organisation kind column (CORDIS' ``HES``/``REC`` research, ``PRC``
company, ``PUB`` public authority, ``OTH`` other; any :class:`~graph.model.OrgKind`
value is taken as it is).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from graph.errors import Problem
from graph.ids import slug
from graph.model import Event, Node, NodeType, Organisation, OrgKind, Source, TieType
from graph.store.gc_pause import bulk_read
from loaders.participations import participations_to_graph, read_participations
from loaders.plan import LoadPlan, check_plan

#: Organisation-type codes of CORDIS (and the OrgKind values themselves).
KIND_CODES: dict[str, OrgKind] = {
    "HES": OrgKind.RESEARCH,  # higher or secondary education
    "REC": OrgKind.RESEARCH,  # research organisation
    "PRC": OrgKind.COMPANY,  # private for-profit company
    "PUB": OrgKind.PUBLIC_AUTHORITY,  # public body
    "OTH": OrgKind.OTHER,
    **{k.value: k for k in OrgKind},
}
#: Country codes used by the EU that differ from ISO 3166-1.
COUNTRY_CODES: dict[str, str] = {"EL": "GR", "UK": "GB"}

_TABLE_SUFFIXES = re.compile(r"(\.(csv|tsv|txt|gz))+$", re.IGNORECASE)


def default_source(path: str | Path) -> Source:
    """A source for a table when the user names none: id, title and document from the file name
    (a title in no language: every page shows it as it is)."""
    name = Path(path).name
    stem = _TABLE_SUFFIXES.sub("", name) or name
    return Source(id=slug(stem, max_len=80), title=name, document=name)


def _pick(attrs: Sequence[str], given: str | None, *candidates: str) -> str | None:
    if given is not None:
        return given
    return next((a for a in attrs if a.lower() in candidates), None)


# Models by the hundred thousand: the collector is paused and runs once, after
# (CORDIS: 3 full collections in 3 reads instead of 6; docs/scale.md).
@bulk_read()
def read_participation_plan(
    path: str | Path,
    *,
    actor: str,
    event: str,
    time: str,
    attributes: Sequence[str] = (),
    name: str | None = None,
    country_attribute: str | None = None,
    kind_attribute: str | None = None,
    source: Source | None = None,
    known_sources: Callable[[set[str]], set[str]] | None = None,
    erased: Callable[[set[str]], set[str]] | None = None,
    event_attributes: Sequence[str] = (),
    events: str | Path | None = None,
    lead: tuple[str, str] | None = None,
) -> LoadPlan:
    """Read a participation table and validate it as a load (nothing is written).

    Parameters
    ----------
    path : the table (delimited text, plain or gzip)
    actor, event, time : its actor, event and time columns
    attributes : actor attribute columns; their values go into display names
    name : a column holding actor names (the most frequent value per actor)
    country_attribute, kind_attribute : which attribute is the country and the
        organisation kind (default: an attribute called ``country``; one called
        ``type`` or ``kind``)
    source : the source every node and tie cites (default: :func:`default_source`)
    event_attributes, events : event-attribute columns whose values become
        topics the events address (from ``events``, a table of events, when
        given; CORDIS: ``programme_part`` from ``programme_parts.csv.gz``)
    lead : (column, value): participations that lead their event get the
        role ``organiser`` (CORDIS: ``("role", "coordinator")``)

    Raises
    ------
    ValidationFailed
        Every problem with file, row or actor, and column; nothing is returned.
    """
    attributes = list(dict.fromkeys(attributes))
    country_attribute = _pick(attributes, country_attribute, "country")
    kind_attribute = _pick(attributes, kind_attribute, "type", "kind")
    for extra in (country_attribute, kind_attribute):
        if extra is not None and extra not in attributes:
            attributes.append(extra)
    columns = attributes + ([name] if name and name not in attributes else [])
    table = read_participations(
        path,
        actor=actor,
        event=event,
        time=time,
        attributes=columns,
        event_attributes=event_attributes,
        events=events,
        lead=lead,
    )
    source = source or default_source(path)
    sub = participations_to_graph(
        table,
        source,
        kind_attribute=kind_attribute,
        kind_map=KIND_CODES,
        country_attribute=country_attribute,
        country_map=COUNTRY_CODES,
        topics=event_attributes,
    )
    where = str(path)
    names = table.attributes.get(name, {}) if name else {}
    problems: list[Problem] = []
    nodes: list[tuple[Node, str, str]] = []
    cls: type[Organisation] | type[Event]
    for node in sub.nodes:
        code = node.name
        if node.type is NodeType.ORGANISATION:
            shown = [table.attributes[a][code] for a in attributes if code in table.attributes.get(a, {})]
            label = names.get(code) or f"{actor.upper()} {code}" + (f" ({', '.join(shown)})" if shown else "")
            entry, column = f"actor {code}", name or actor
            cls = Organisation
        elif node.type is NodeType.TOPIC:
            nodes.append((node, str(events) if events else where, f"topic {code}"))
            continue
        else:
            label, entry, column, cls = f"{event.upper()} {code}", f"event {code}", event, Event
        try:
            nodes.append((cls.model_validate({**node.model_dump(), "name": label}), where, entry))
        except ValidationError as e:
            problems += [Problem.of(where, entry, column, err) for err in e.errors()]
    return check_plan(
        [(source, where, "source")],
        nodes,
        [
            (t, where, f"{'participation' if t.type is TieType.PARTICIPATED_IN else 'topic'} {t.source} -> {t.target}")
            for t in sub.ties
        ],
        problems=problems,
        known_sources=known_sources,
        erased=erased,
    )


__all__ = ["COUNTRY_CODES", "KIND_CODES", "default_source", "read_participation_plan"]
