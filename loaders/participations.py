"""Participation tables: who took part in which event, when.

A participation table is any delimited text file (plain or gzip-compressed)
with one row per (actor, event) participation: an actor column, an event
column, a time column and optionally columns of actor attributes (country,
organisation type ...). The CORDIS Horizon 2020 table is one:
``pic`` (organisation), ``rcn`` (project), ``start_year``, ``country``, ``type``.

:func:`read_participations` is a pure reader: it returns a validated
:class:`ParticipationTable` or raises :class:`graph.errors.ValidationFailed`
listing every problem with file, row and column. :func:`participations_to_graph`
turns a table into :mod:`graph.model` nodes and ties (an Organisation per
actor, an Event per event, ``PARTICIPATED_IN`` ties) for the normal store
load path.

Rules
-----
- The delimiter is detected from the header line (``,``, ``;``, tab or ``|``);
  gzip is detected from the file's first bytes, whatever its name.
- Row numbers count lines as a spreadsheet does: the header is row 1.
- Actor and event must not be empty. Time is a year (``2019``), a date
  (``2019-05-01``, ``2019-05``) or a decimal year; dates become decimal years
  (``2019-07-02`` is 2019.5). An empty or ``NA`` time leaves the row out
  (counted in :attr:`ParticipationTable.skipped`); any other unreadable
  time is an error.
- An event whose rows disagree on the time takes the earliest.
- An actor attribute is the actor's most frequent value (the latest row wins
  a tie); empty and ``NA`` cells are unknown values.
- Repeated (actor, event) rows are kept once (a lead in any of them leads;
  their amounts add up).

What else a table may say (all optional, for the suggestion features):

- *event attributes*: columns describing the event, not the actor (CORDIS:
  the programme part of a project). They come from the participation table
  itself or from a second table of events keyed by the same event column
  (CORDIS: ``programme_parts.csv.gz``); an event may have several values.
- *lead*: a column and the value that marks the participation that leads the
  event (CORDIS: ``role`` = ``coordinator``).
- *amount*: a numeric column per participation (CORDIS: ``contribution``);
  an empty cell is unknown, any other non-number is an error.

Reading a table and turning it into nodes and ties share the column checks
and their located errors, so they stay in one file.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import ValidationError

from graph.errors import Problem, ValidationFailed, input_file_problem
from graph.model import (
    Event,
    EventKind,
    Organisation,
    OrgKind,
    ParticipationRole,
    Source,
    Tie,
    TieType,
    Topic,
)
from graph.store.base import Subgraph
from graph.store.gc_pause import bulk_read

#: Cells read as "no value".
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "-"})
#: At most this many problems are listed; the last entry says how many more there were.
MAX_PROBLEMS = 200

_DELIMITERS = [",", ";", "\t", "|"]
# ASCII digits, as the model's dates (graph.model): \d matches any script's ("２０１８", "٢٠١٨")
_YEAR = re.compile(r"^[0-9]{4}$")
_DECIMAL_YEAR = re.compile(r"^[0-9]{4}\.[0-9]+$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?(?:[T ].*)?$")


@dataclass(frozen=True, eq=False)
class ParticipationTable:
    """A validated participation table, one entry per distinct (actor, event).

    ``actor``, ``event`` and ``time`` are aligned arrays (strings, strings,
    decimal years). ``attributes[name]`` maps each actor to its value of that
    attribute (unknown values are absent). ``event_attributes[name]`` maps
    each event to its values of that attribute; ``lead`` (whether the
    participation leads its event) and ``amount`` (nan when unknown) are
    aligned with the rows, or None when the table was read without them.
    """

    path: str
    actor: np.ndarray
    event: np.ndarray
    time: np.ndarray
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    skipped: int = 0
    event_attributes: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    lead: np.ndarray | None = None
    amount: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.actor)

    @property
    def actors(self) -> np.ndarray:
        """Distinct actors, sorted."""
        return np.unique(self.actor)

    @property
    def events(self) -> np.ndarray:
        """Distinct events, sorted."""
        return np.unique(self.event)

    def event_times(self) -> dict[str, float]:
        """The time of each event."""
        frame = pd.DataFrame({"event": self.event, "time": self.time})
        return frame.groupby("event", sort=True)["time"].min().to_dict()

    def before(self, time: float) -> ParticipationTable:
        """The rows strictly before ``time`` (attributes are kept for every actor)."""
        keep = self.time < time
        return ParticipationTable(
            path=self.path,
            actor=self.actor[keep],
            event=self.event[keep],
            time=self.time[keep],
            attributes=self.attributes,
            columns=self.columns,
            skipped=self.skipped,
            event_attributes=self.event_attributes,
            lead=None if self.lead is None else self.lead[keep],
            amount=None if self.amount is None else self.amount[keep],
        )


def _open_text(path: Path) -> io.TextIOBase:
    with path.open("rb") as raw:
        magic = raw.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    return path.open("r", encoding="utf-8-sig", newline="")


def _parse_time(text: str) -> float | None:
    """Decimal year of a cell, ``nan`` for a missing value, None when unreadable."""
    if text.strip().lower() in MISSING:
        return float("nan")
    t = text.strip()
    if _YEAR.match(t) or _DECIMAL_YEAR.match(t):
        value = float(t)
        return value if 1 <= value < 10_000 else None
    m = _DATE.match(t)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
        if year < 1:
            return None
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
        return year + (date.toordinal() - dt.date(year, 1, 1).toordinal()) / days
    return None


def read_participations(
    path: str | Path,
    *,
    actor: str,
    event: str,
    time: str,
    attributes: Sequence[str] = (),
    event_attributes: Sequence[str] = (),
    events: str | Path | None = None,
    lead: tuple[str, str] | None = None,
    amount: str | None = None,
) -> ParticipationTable:
    """Read and validate a participation table.

    Parameters
    ----------
    path : file, plain or gzip-compressed delimited text with a header row
    actor, event, time : names of the actor, event and time columns
    attributes : names of actor-attribute columns (country, type ...)
    event_attributes : names of event-attribute columns (a project's programme ...),
        read from ``events`` when given, else from this table
    events : a second table (same formats) with the ``event`` column and the
        ``event_attributes`` columns, one or more rows per event
    lead : (column, value): the participations whose cell is ``value``
        (case-insensitive) lead their event
    amount : a numeric column per participation

    Raises
    ------
    ValidationFailed
        With one :class:`~graph.errors.Problem` per missing column or bad
        cell (file, ``row N``, column); nothing is returned then.
    """
    where = str(path)
    roles = {"actor": actor, "event": event, "time": time}
    shared = [(a, b) for i, a in enumerate(roles) for b in list(roles)[i + 1 :] if roles[a] == roles[b]]
    if shared:  # one column as two roles: each actor its own event, or its own time
        raise ValidationFailed(
            [Problem(where, "(header)", roles[a], f"is given as both the {a} and the {b} column") for a, b in shared]
        )
    wanted = [actor, event, time, *attributes]
    wanted += [c for c in (lead[0] if lead else None, amount) if c]
    if events is None:
        wanted += list(event_attributes)
    frame = _read_frame(Path(path), wanted)
    event_frame = frame if events is None else _read_frame(Path(events), [event, *event_attributes])

    if frame.empty:
        raise ValidationFailed([Problem(where, "(table)", "(rows)", "holds no participations (only a header)")])
    problems: list[Problem] = []
    total = 0

    def problem(row: int, column: str, message: str) -> None:
        nonlocal total
        total += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(where, f"row {row + 2}", column, message))

    actors = frame[actor].str.strip().to_numpy(dtype=object)
    events_col = frame[event].str.strip().to_numpy(dtype=object)
    for column, values in ((actor, actors), (event, events_col)):
        empty = np.flatnonzero(pd.Series(values).str.lower().isin(MISSING).to_numpy())
        for row in empty:
            problem(int(row), column, "empty value")

    uniq, inverse = np.unique(frame[time].to_numpy(dtype=object).astype(str), return_inverse=True)
    parsed = np.array([_parse_time(u) for u in uniq], dtype=object)
    bad = np.flatnonzero(np.array([x is None for x in parsed], dtype=bool))
    bad_rows = np.flatnonzero(np.isin(inverse, bad))
    for row in bad_rows:
        problem(int(row), time, f"not a year (0001 to 9999) or date: {frame[time].iat[row]!r}")
    amounts = None
    if amount is not None:
        cells = frame[amount].str.strip()
        amounts = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float)
        for row in np.flatnonzero(np.isnan(amounts) & ~cells.str.lower().isin(MISSING).to_numpy()):
            problem(int(row), amount, f"not a number: {frame[amount].iat[row]!r}")
    if events is not None:
        event_problems = _empty_cells(event_frame, event, str(events))
        problems.extend(event_problems[: max(MAX_PROBLEMS - len(problems), 0)])
        total += len(event_problems)
    if total:
        if total > len(problems):
            problems.append(Problem(where, "(more)", "(more)", f"{total - len(problems)} further problems not listed"))
        raise ValidationFailed(problems)

    times = np.array([np.nan if x is None else x for x in parsed], dtype=float)[inverse]
    keep = ~np.isnan(times)
    skipped = int((~keep).sum())
    rows = pd.DataFrame({"actor": actors[keep], "event": events_col[keep], "time": times[keep]})
    # One row per (actor, event); an event's time is its earliest.
    rows["time"] = rows.groupby("event")["time"].transform("min")
    if lead is not None:
        rows["lead"] = frame[lead[0]].str.strip().str.casefold().to_numpy()[keep] == lead[1].strip().casefold()
        rows["lead"] = rows.groupby(["actor", "event"])["lead"].transform("max")
    if amounts is not None:
        rows["amount"] = amounts[keep]
        rows["amount"] = rows.groupby(["actor", "event"])["amount"].transform("sum", min_count=1)
    rows = rows.drop_duplicates(["actor", "event"]).reset_index(drop=True)

    attrs: dict[str, dict[str, str]] = {}
    for column in attributes:
        values = frame[column].str.strip()
        known = ~values.str.lower().isin(MISSING)
        sub = pd.DataFrame(
            {"actor": frame[actor].str.strip()[known], "value": values[known], "order": np.flatnonzero(known)}
        )
        if sub.empty:
            attrs[column] = {}
            continue
        stats = sub.groupby(["actor", "value"]).agg(n=("order", "size"), last=("order", "max")).reset_index()
        stats = stats.sort_values(["actor", "n", "last"], ascending=[True, False, False])
        best = stats.drop_duplicates("actor")
        attrs[column] = dict(zip(best["actor"], best["value"]))

    return ParticipationTable(
        path=where,
        actor=rows["actor"].to_numpy(dtype=object),
        event=rows["event"].to_numpy(dtype=object),
        time=rows["time"].to_numpy(dtype=float),
        attributes=attrs,
        columns={
            "actor": actor,
            "event": event,
            "time": time,
            **{f"attr:{a}": a for a in attributes},
            **{f"event_attr:{a}": a for a in event_attributes},
            **({"lead": f"{lead[0]}={lead[1]}"} if lead else {}),
            **({"amount": amount} if amount else {}),
        },
        skipped=skipped,
        event_attributes={c: _per_event(event_frame, event, c) for c in event_attributes},
        lead=rows["lead"].to_numpy(dtype=bool) if lead is not None else None,
        amount=rows["amount"].to_numpy(dtype=float) if amounts is not None else None,
    )


def _read_frame(path: Path, wanted: Sequence[str]) -> pd.DataFrame:
    """A delimited file as strings, or ValidationFailed naming the file and
    each of the ``wanted`` columns it lacks."""
    where = str(path)
    unreadable = input_file_problem(path)
    if unreadable is not None:
        raise ValidationFailed([unreadable])
    try:
        with _open_text(path) as fh:
            header_line = fh.readline()
            delimiter = max(_DELIMITERS, key=header_line.count) if header_line.strip() else ","
            fh.seek(0)
            frame = pd.read_csv(fh, sep=delimiter, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    except FileNotFoundError as e:
        raise ValidationFailed([Problem(where, "(file)", "(path)", "no such file")]) from e
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, EOFError) as e:
        raise ValidationFailed([Problem(where, "(file)", "(format)", f"cannot read as a delimited table: {e}")]) from e
    missing = [c for c in dict.fromkeys(wanted) if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns))
        raise ValidationFailed(
            [Problem(where, "(header)", c, f"no such column (the file has: {have})") for c in missing]
        )
    return frame


def read_pairs(path: str | Path) -> list[tuple[str, str]]:
    """Actor pairs from a delimited file (plain or gzip, delimiter detected as for
    participation tables): a header row, then the two actor ids in the first
    two columns of each row. Raises :class:`ValidationFailed` naming every bad row."""
    where = str(path)
    frame = _read_frame(Path(path), [])
    if frame.shape[1] < 2:
        raise ValidationFailed(
            [Problem(where, "(header)", "(columns)", "needs two columns: the actor ids of each pair")]
        )
    problems = []
    pairs = []
    for line, (a, b) in enumerate(zip(frame.iloc[:, 0], frame.iloc[:, 1]), start=2):
        a, b = str(a).strip(), str(b).strip()
        if not a or not b:
            problems.append(Problem(where, f"row {line}", "(pair)", "needs two actor ids"))
            continue
        pairs.append((a, b))
    if problems:
        raise ValidationFailed(problems)
    return pairs


def _empty_cells(frame: pd.DataFrame, column: str, where: str) -> list[Problem]:
    """A problem per row whose ``column`` is empty."""
    empty = np.flatnonzero(frame[column].str.strip().str.lower().isin(MISSING).to_numpy())
    return [Problem(where, f"row {int(row) + 2}", column, "empty value") for row in empty]


def _per_event(frame: pd.DataFrame, event: str, column: str) -> dict[str, frozenset[str]]:
    """Each event's known values of ``column``."""
    sub = pd.DataFrame({"event": frame[event].str.strip(), "value": frame[column].str.strip()})
    sub = sub[~sub["value"].str.lower().isin(MISSING) & ~sub["event"].str.lower().isin(MISSING)]
    return {ev: frozenset(values) for ev, values in sub.groupby("event")["value"]}


def _located(file: str, entry: str, column: str, error: ValidationError) -> list[Problem]:
    """The model's complaints about one actor, event or topic, named by the table's column."""
    return [Problem.of(file, entry, column, err) for err in error.errors()]


def participations_to_graph(
    table: ParticipationTable,
    source: Source,
    *,
    kind_attribute: str | None = None,
    kind_map: Mapping[str, OrgKind] | None = None,
    country_attribute: str | None = None,
    country_map: Mapping[str, str] | None = None,
    event_kind: EventKind = EventKind.PROJECT,
    topics: Sequence[str] = (),
) -> Subgraph:
    """The table as graph-model nodes and ties, all citing ``source``.

    One :class:`~graph.model.Organisation` per actor (named by the actor
    value; ``kind`` and ``country`` from the given attribute columns through
    the optional maps, e.g. CORDIS ``EL`` -> ``GR``), one
    :class:`~graph.model.Event` per event (``start`` = its year) and one
    ``PARTICIPATED_IN`` tie (role ``participant``, ``start`` = the year)
    per row. The values of the event-attribute columns named in ``topics``
    become :class:`~graph.model.Topic` nodes that their events ``ADDRESSES``
    (CORDIS programme parts); a participation that leads its event (the
    table's ``lead``) has the role ``organiser``.

    Raises
    ------
    ValidationFailed
        When an attribute value cannot become a kind or country code, or two
        actors or events would get the same id.
    """
    with bulk_read():  # models by the hundred thousand: the collector once, after
        return _to_graph(table, source, kind_attribute, kind_map, country_attribute, country_map, event_kind, topics)


def _to_graph(
    table: ParticipationTable,
    source: Source,
    kind_attribute: str | None,
    kind_map: Mapping[str, OrgKind] | None,
    country_attribute: str | None,
    country_map: Mapping[str, str] | None,
    event_kind: EventKind,
    topics: Sequence[str],
) -> Subgraph:
    problems: list[Problem] = []
    kinds = table.attributes.get(kind_attribute, {}) if kind_attribute else {}
    countries = table.attributes.get(country_attribute, {}) if country_attribute else {}
    code = re.compile(r"^[A-Z]{2}$")
    orgs: dict[str, Organisation] = {}
    seen_ids: dict[str, str] = {}
    for name in table.actors:
        kind = OrgKind.OTHER
        if name in kinds:
            raw = kinds[name]
            try:
                kind = OrgKind(kind_map[raw]) if kind_map is not None and raw in kind_map else OrgKind(raw)
            except ValueError:
                problems.append(
                    Problem(table.path, f"actor {name}", kind_attribute or "", f"{raw!r} is not an organisation kind")
                )
        country = countries.get(name)
        if country is not None:
            country = (country_map or {}).get(country, country)
            if not code.match(country):
                problems.append(
                    Problem(
                        table.path,
                        f"actor {name}",
                        country_attribute or "",
                        f"{country!r} is not a two-letter country code",
                    )
                )
                country = None
        try:
            org = Organisation(name=str(name), kind=kind, country=country, sources=[source.id])
        except ValidationError as e:
            problems += _located(table.path, f"actor {str(name)[:80]}", table.columns["actor"], e)
            continue
        if org.id in seen_ids:
            problems.append(
                Problem(
                    table.path,
                    f"actor {name}",
                    table.columns["actor"],
                    f"same id {org.id} as actor {seen_ids[org.id]!r}",
                )
            )
        seen_ids[org.id] = name
        orgs[name] = org
    events: dict[str, Event] = {}
    for name, t in table.event_times().items():
        try:
            ev = Event(name=str(name), kind=event_kind, start=f"{int(t):04d}", sources=[source.id])
        except ValidationError as e:
            problems += _located(table.path, f"event {str(name)[:80]}", table.columns["event"], e)
            continue
        if ev.id in seen_ids:
            problems.append(
                Problem(table.path, f"event {name}", table.columns["event"], f"same id {ev.id} as {seen_ids[ev.id]!r}")
            )
        seen_ids[ev.id] = name
        events[name] = ev
    topic_nodes: dict[str, Topic] = {}
    addresses: list[Tie] = []
    for column in topics:
        for name, values in sorted(table.event_attributes.get(column, {}).items()):
            if name not in events:
                continue
            for value in sorted(values):
                if value not in topic_nodes:
                    try:
                        topic = Topic(name=value, sources=[source.id])
                    except ValidationError as e:
                        problems += _located(table.path, f"topic {value[:80]}", column, e)
                        continue
                    if topic.id in seen_ids:
                        problems.append(
                            Problem(
                                table.path, f"topic {value}", column, f"same id {topic.id} as {seen_ids[topic.id]!r}"
                            )
                        )
                    seen_ids[topic.id] = value
                    topic_nodes[value] = topic
                addresses.append(
                    Tie(
                        type=TieType.ADDRESSES,
                        source=events[name].id,
                        target=topic_nodes[value].id,
                        sources=[source.id],
                    )
                )
    if problems:
        raise ValidationFailed(problems)
    lead = table.lead if table.lead is not None else np.zeros(len(table.actor), dtype=bool)
    ties = [
        Tie(
            type=TieType.PARTICIPATED_IN,
            source=orgs[a].id,
            target=events[e].id,
            role=(ParticipationRole.ORGANISER if led else ParticipationRole.PARTICIPANT).value,
            start=f"{int(t):04d}",
            sources=[source.id],
        )
        for a, e, t, led in zip(table.actor, table.event, table.time, lead)
    ]
    return Subgraph(nodes=[*orgs.values(), *events.values(), *topic_nodes.values()], ties=[*ties, *addresses])


__all__ = ["MISSING", "ParticipationTable", "participations_to_graph", "read_participations"]
