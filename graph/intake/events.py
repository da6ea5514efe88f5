"""Events a sentence refers back to, and who takes part in a council's session by the
minutes' header ("Vorsitz: ...", "Sous la présidence de ...", "Secrétaire de séance : ...").

Both look past the sentence to the event of a sentence before it (:func:`graph.intake.extract`
passes the mentions of the latest sentence, up to three back, that named an event):

- :func:`referred_event`: "La journée était organisée par ...", "Die Veranstaltung wird von ...
  gefördert", "The event was hosted by ...": a sentence that names no event but opens with an
  article and a word for an event speaks of the one event of that sentence; its actors are
  then paired as in a sentence that names it.
- :func:`session_roles`: a person named after a chair's cue presides over (organises) that one
  event; after a secretary's, guest's or attendance cue, takes part in it.
- :func:`programme_roles`: a line of a programme ("9.30 Uhr Begrüßung durch X", "10:45 ... with A,
  B and C") that names no event of its own: its persons, and the bodies it names after "mit",
  "with", "avec", speak at that one event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.intake.lexicon import EVENT_HEADS
from graph.intake.mentions import Mention
from graph.intake.text import Sentence
from graph.model import NodeType

_E, _P = NodeType.EVENT, NodeType.PERSON

_GENERIC = sorted(
    {*EVENT_HEADS, "manifestation", "événement", "évènement", "event", "day", "Feier"}, key=len, reverse=True
)
#: An article or demonstrative and a word for an event at the start of a sentence.
_REFERENCE = re.compile(
    r"^\W*(?:La|Le|L['’]|Cette|Ce|Cet|Die|Der|Das|Diese|Dieser|Dieses|The|This)\s*"
    r"(?:[a-zäöüéèà-]+\s+)?"  # one adjective: "Die zweitägige Veranstaltung", "La grande journée"
    rf"({'|'.join(re.escape(w) for w in _GENERIC)})(?![\w-])",
    re.I,
)


def referred_event(s: Sentence, mentions: list[Mention], previous: list[Mention]) -> Mention | None:
    """The one event of ``previous``, placed where ``s`` refers to it, if ``s`` names no event and opens with it."""
    events = [m for m in previous if m.type is _E]
    if len(events) != 1 or any(m.type is _E for m in mentions):
        return None
    ref = _REFERENCE.match(s.flat)
    if ref is None or any(m.start < s.start + ref.end(1) for m in mentions):
        return None
    if ref.group(1).lower() in events[0].name.lower():
        return None  # "the forum" for "Mosel Wine Forum": by the document's events with that word (mentions.py)
    return replace(events[0], start=s.start + ref.start(1), end=s.start + ref.end(1))


#: Who presides over a session, and who takes part, in the minutes' words.
_CHAIR = re.compile(
    r"(?:\bVorsitz\s*:|\bunter\s+(?:dem\s+)?Vorsitz\s+(?:von|der|des)\b|\bSous\s+la\s+présidence\s+de\b|"
    r"\bPrésidente?\s+de\s+(?:la\s+)?séance\s*:|\bprésidée?\s+par\b|\bchaired\s+by\b|\bChair\s*:|\bSitzungsleitung\s*:)",
    re.I,
)
_ATTENDING = re.compile(
    r"(?:\bSecrétaire\s+de\s+(?:la\s+)?séance\s*:|\bProtokoll(?:führ\w*)?\s*:|\bSchriftführ\w*\s*:|\bAnwesend\s*:|"
    r"\bPrésents?\s*:|\bals\s+Gäste?\b|\bGäste?\s*:|\binvités?\s*:|\bPresent\s*:|\bGuests?\s*:)",
    re.I,
)
_SESSION_HEADS = re.compile(r"(?:séance|sitzung|session|meeting|réunion|conseil|rat)", re.I)


def session_roles(s: Sentence, mentions: list[Mention], previous: list[Mention]) -> list[tuple[Mention, Mention, str]]:
    """(person, event, role) for the persons the minutes' header names after a cue (see the module docstring)."""
    events = [m for m in previous if m.type is _E]
    if len(events) != 1 or any(m.type is _E for m in mentions) or not _SESSION_HEADS.search(events[0].name):
        return []
    cues = sorted(
        [(c.end(), "organiser") for c in _CHAIR.finditer(s.flat)]
        + [(c.end(), "participant") for c in _ATTENDING.finditer(s.flat)]
    )
    out = []
    for p in (m for m in mentions if m.type is _P):
        at = p.start - s.start
        before = [(end, role) for end, role in cues if end <= at]
        if before and at - before[-1][0] < 160:
            out.append((p, events[0], before[-1][1]))
    return out


#: A programme's line: a time first ("9.30 Uhr", "10:45", "14h30"), or the next line of the item before ("with ...").
_PROGRAMME_LINE = re.compile(r"^\W*(?:\d{1,2}[.:h]\d{2}(?:\s*(?:Uhr|h))?\b|(?:with|mit|avec)\b)", re.I)
#: Before the bodies a programme's line names as its speakers: "mit Vertreterinnen und Vertretern der", "with".
_WITH_BODIES = re.compile(
    r"\b(?:mit|with|avec)\s+(?:(?:Vertreter\w*|représentant\w*|representatives)\s+(?:und\s+Vertreter\w*\s+|et\s+représentant\w*\s+)?"
    r"(?:der|des|von|de\s+la|de\s+l['’]|du|des|de|of(?:\s+the)?)\s*)?(?:the|der|die|das|dem|den|la|le|les|l['’])?\s*$",
    re.I,
)
_NEXT_BODY = re.compile(
    r"^\s*(?:,|und|et|and|,\s*and|sowie)\s*(?:der|des|die|dem|den|de\s+la|de\s+l['’]|du|the|la|le|les|l['’])?\s*"
    r"(?:[a-zäöüéè-]+\s+){0,5}$"
)


def programme_roles(s: Sentence, mentions: list[Mention], previous: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(actor, event) for the speakers a programme's line names (see the module docstring)."""
    events = [m for m in previous if m.type is _E]
    if len(events) != 1 or any(m.type is _E for m in mentions) or not _PROGRAMME_LINE.match(s.flat):
        return []
    out = [(p, events[0]) for p in mentions if p.type is _P]
    chain: list[Mention] = []
    for o in sorted((m for m in mentions if m.type is NodeType.ORGANISATION), key=lambda m: m.start):
        before = s.flat[max(0, o.start - s.start - 60) : o.start - s.start]
        if _WITH_BODIES.search(before) or (
            chain and _NEXT_BODY.match(s.flat[chain[-1].end - s.start : o.start - s.start])
        ):
            chain.append(o)
    return out + [(o, events[0]) for o in chain]


def is_programme_line(s: Sentence) -> bool:
    """Whether ``s`` is a line of a programme (a time first, or "with ..." continuing the item before)."""
    return bool(_PROGRAMME_LINE.match(s.flat))
