"""A composed forum (:func:`graph.suggest.forum.compose_forum`): its invitees with their reasons,
its coverage and notes, and its one serialisation (JSON, CSV) for the CLI and the app's downloads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import ClassVar

from graph.formats import csv_text
from graph.suggest.text import CODES, Header, Label, Rename, Text, raw_label, render, yes_no


@dataclass(frozen=True)
class Invitee:
    """One invitee: ``params`` holds its reasons as (kind, params) pairs,
    rendered by :meth:`reason_texts` (templates ``forum_reason.<kind>``)."""

    actor: str
    name: str
    country: str
    sector: str
    gain: float
    invited: bool
    params: tuple[tuple[str, dict], ...] = ()

    def reason_texts(
        self, text: Text | None = None, label: Label | None = None, rename: Rename | None = None
    ) -> list[str]:
        """The reasons as sentences (English, raw codes and stored names by default)."""
        return [render(f"forum_reason.{kind}", p, text, label, rename) for kind, p in self.params]

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons in English (:meth:`reason_texts` with defaults)."""
        return tuple(self.reason_texts())


@dataclass(frozen=True)
class ForumPlan:
    """A composed forum: the invitees, what they cover of the target
    countries and sectors, and notes as (kind, params) pairs (``forum_note.<kind>``)."""

    topic: str | None
    invitees: list[Invitee]
    countries: list[str]
    countries_missing: list[str]
    sectors: list[str]
    sectors_missing: list[str]
    new_pairs: int
    pairs: int
    notes: list[tuple[str, dict]] = field(default_factory=list)

    #: The columns of :meth:`rows`, in order (CSV exports).
    CSV_COLUMNS: ClassVar[tuple[str, ...]] = (
        "rank",
        "actor",
        "name",
        "country",
        "sector",
        "invited",
        "gain",
        "reasons",
    )

    def note_texts(
        self, text: Text | None = None, label: Label | None = None, rename: Rename | None = None
    ) -> list[str]:
        return [render(f"forum_note.{kind}", p, text, label, rename) for kind, p in self.notes]

    def summary(self, text: Text | None = None, label: Label | None = None) -> list[str]:
        """Three lines: countries covered and missing, sectors covered and missing, pairs not yet met."""
        return [
            render(
                "forum_countries",
                {"countries": self.countries, "missing_countries": self.countries_missing},
                text,
                label,
            ),
            render("forum_sectors", {"sectors": self.sectors, "missing_sectors": self.sectors_missing}, text, label),
            render("forum_pairs", {"new": self.new_pairs, "pairs": self.pairs}, text, label),
        ]

    def to_dict(self, text: Text | None = None, label: Label | None = None, rename: Rename | None = None) -> dict:
        """The plan as plain JSON data (the CLI's ``--format json``, the app's download): keys, ids
        and codes as stored, names and sentences in the reader's language with ``rename``."""
        return {
            "topic": rename(self.topic) if rename and self.topic else self.topic,
            "countries": self.countries,
            "countries_missing": self.countries_missing,
            "sectors": self.sectors,
            "sectors_missing": self.sectors_missing,
            "new_pairs": self.new_pairs,
            "pairs": self.pairs,
            "notes": self.note_texts(text, label, rename),
            "invitees": [
                {
                    "actor": i.actor,
                    "name": rename(i.name) if rename else i.name,
                    "country": i.country,
                    "sector": i.sector,
                    "invited": i.invited,
                    "gain": i.gain,
                    "reasons": i.reason_texts(text, label, rename),
                    "reason_kinds": [{"kind": kind, "params": p} for kind, p in i.params],
                }
                for i in self.invitees
            ],
        }

    def rows(
        self,
        text: Text | None = None,
        label: Label | None = None,
        rename: Rename | None = None,
        *,
        words: bool = False,
    ) -> list[dict[str, object]]:
        """One CSV row per invitee (:data:`CSV_COLUMNS`), reasons joined with `` | ``. Country,
        sector and whether invited are codes, or with ``words`` the reader's words (``text``, ``label``)."""
        word = label or raw_label

        def cell(group: str, code: str) -> str:
            return word(CODES[group], code) if words and code else code

        return [
            {
                "rank": n,
                "actor": i.actor,
                "name": rename(i.name) if rename else i.name,
                "country": cell("country", i.country),
                "sector": cell("sector", i.sector),
                "invited": yes_no(i.invited, text) if words else i.invited,
                "gain": f"{i.gain:.6g}",
                "reasons": " | ".join(i.reason_texts(text, label, rename)),
            }
            for n, i in enumerate(self.invitees, start=1)
        ]


def forum_json(
    plan: ForumPlan, text: Text | None = None, label: Label | None = None, rename: Rename | None = None
) -> str:
    """A forum plan as JSON (:meth:`ForumPlan.to_dict`)."""
    return json.dumps(plan.to_dict(text, label, rename), indent=2, ensure_ascii=False)


def forum_csv(
    plan: ForumPlan,
    text: Text | None = None,
    label: Label | None = None,
    rename: Rename | None = None,
    header: Header | None = None,
) -> str:
    """A forum plan's invitees as CSV (:meth:`ForumPlan.rows`); ``header`` writes the file for a
    reader, in words, as in :func:`graph.suggest.engine.suggestions_csv`."""
    rows = plan.rows(text, label, rename, words=header is not None)
    return csv_text(ForumPlan.CSV_COLUMNS, rows, header=header)


__all__ = ["ForumPlan", "Invitee", "forum_csv", "forum_json"]
