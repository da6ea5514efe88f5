"""Text primitives of the extractor: sentences with offsets, dates, language,
and the inflection-insensitive key that matches a name however it is declined.

Offsets are always into the document's extracted text; a sentence keeps its
line breaks (a PDF's hard wraps), and patterns treat them as spaces.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.ids import fold
from graph.intake.lexicon import MONTHS, STOPWORDS

# -- sentences --------------------------------------------------------------------------------------
#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    dr prof bzw ca rd etc evtl ggf inkl insb max min mio mrd nr str tel vgl zb usw ua u a z b d h s bspw bzgl
    abs art hr fr st jh jhd mme mlle m av bd ev e v ggmbh gmbh vs resp cf env n no dipl ing h c sog gem
    """.split()
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    #: The sentence with line breaks as spaces: same length, same offsets.
    flat: str

    @property
    def text(self) -> str:
        """The sentence as a reader sees it: runs of whitespace as one space."""
        return " ".join(self.flat.replace(WORD_JOINER, "").split())


_END = re.compile(r"[.!?…]+[\"“”»«'’)]*(?=\s)")


def _breaks(text: str) -> Iterator[int]:
    """Positions after which a sentence ends."""
    for m in _END.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        word = re.search(r"([\w.-]+)$", before)
        token = word.group(1).lower().replace(".", " ").split()[-1:] if word else []
        nxt = re.match(r"\s*(\S)", text[m.end() :])
        if text[m.start()] == "." and token:
            last = token[0]
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            if last.isdigit() and nxt and (nxt.group(1).isalpha()) and len(last) <= 2:
                # "6. Oktober", "1. Arbeit": an ordinal, not an end
                if nxt.group(1).isupper() and re.match(r"\s*\w+", text[m.end() :]):
                    following = re.match(r"\s*(\w+)", text[m.end() :])
                    if following and following.group(1).lower() in MONTHS:
                        continue
        if nxt and nxt.group(1).islower():
            continue
        yield m.end()
    # line breaks that end a block: a blank line (unless the text is hard-wrapped
    # with blank lines between its lines, as text taken from some PDFs), a line
    # after terminal punctuation, a heading (short line, no end punctuation) or a list item
    # (wrapped lines are long; a web page's headings and list items before blank lines are short)
    before_blank = [m.group(1).rstrip() for m in re.finditer(r"([^\n]+)\n[ \t]*\n", text)]
    unended = sum(line[-1:] not in '.!?:…"“”»' and len(line) >= 50 for line in before_blank)
    wrapped = len(before_blank) > 6 and unended > 0.5 * len(before_blank)
    for m in re.finditer(r"\n", text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()].strip()
        rest = text[m.end() :].lstrip()
        if not line:
            continue
        if line[-1] in '.!?:…"“”»':
            yield m.start()
        elif not wrapped and re.match(r"\n[ \t]*\n", text[m.start() :]) and line[-1] not in ",;-–(":
            yield m.start()
        elif len(line) < 60 and line[-1] not in ",;-–(" and (rest[:1].isupper() or rest[:1].isdigit()):
            yield m.start()
        elif rest[:1] in "•*–-" or re.match(r"\d+\.\s", rest):
            yield m.start()


_QUOTED = re.compile(r"„[^“”„]{0,300}[“”]|«[^»]{0,300}»|\"[^\"\n]{0,300}\"")
#: A word broken at a line end ("Trier-\n\nSaarburg"): the whitespace becomes word joiners in the flat text.
_WRAPPED = re.compile(r"(?<=\w-)[ \t]*\n\s*(?=\w)")
WORD_JOINER = "\u2060"


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets (blank ones left out).

    No sentence ends inside quotation marks ("zum Thema „Wie klappt es? –
    Unternehmer beraten“"). In the flat text, line breaks are spaces and a
    word broken at a line end ("Trier-" / "Saarburg") is joined by
    :data:`WORD_JOINER` characters (same length).
    """
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    cuts = sorted({c for c in _breaks(text) if not any(a < c < b - 1 for a, b in quoted)} | {len(text)})
    out: list[Sentence] = []
    start = 0
    for cut in cuts:
        chunk = text[start:cut]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            s, e = start + lead, start + trail
            flat = _WRAPPED.sub(lambda m: WORD_JOINER * len(m.group(0)), text[s:e])
            out.append(Sentence(s, e, flat.replace("\n", " ").replace("\t", " ")))
        start = cut
    return out


# -- language ---------------------------------------------------------------------------------------
def guess_language(text: str) -> str:
    """``de``, ``fr`` or ``en``: the language whose frequent words the text uses most."""
    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in STOPWORDS.items()}
    return max(scores, key=lambda k: scores[k]) if any(scores.values()) else "de"


# -- matching keys ----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("german")


#: Function words left out of a name's key ("Beirat *für* Migration", "Ville *de* Metz").
FUNCTION_WORDS = _FUNCTION_WORDS = frozenset(
    "der die das des dem den und fur von vom zum zur im in am an bei de du des la le les l d et pour a au aux en "
    "the of and for".split()
)


@lru_cache(maxsize=100_000)
def word_stem(word: str) -> str:
    """The stem of one folded word: ``landkreises`` -> ``landkreis``, ``trierer`` -> ``trier``."""
    return _stemmer().stemWord(word) if len(word) > 3 else word


@lru_cache(maxsize=100_000)
def name_key(text: str) -> str:
    """An inflection- and order-insensitive key of a name: the stems of its
    folded words (:func:`graph.ids.fold`) without function words, sorted.

    "des Landkreises Bernkastel-Wittlich" and "Landkreis Bernkastel-Wittlich"
    share it, and so do "Trierer Ausländerbeirat" and "Ausländerbeirat Trier".
    """
    words = re.findall(r"\w+", fold(text))
    stems = sorted(word_stem(w) for w in words if w not in _FUNCTION_WORDS)
    return " ".join(stems)


# -- dates ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    #: A partial date: ``2016``, ``2016-10`` or ``2016-10-06``.
    value: str
    precision: str  # day | month | year
    #: Resolved against the document's date ("im Juli", "am 10. Oktober", "gestern").
    relative: bool = False


_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), "dmy"),
    (re.compile(rf"\b(\d{{1,2}})(?:\.|er)?\s+({_MONTH_NAMES})\.?\s+(\d{{4}})\b", re.I), "d_month_y"),
    (re.compile(rf"\b({_MONTH_NAMES})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), "month_d_y"),
    (re.compile(rf"\b({_MONTH_NAMES})\.?\s+(\d{{4}})\b", re.I), "month_y"),
    (re.compile(rf"\b(?:am|le|du|ce|on)\s+(\d{{1,2}})(?:\.|er)?\s+({_MONTH_NAMES})\b(?!\.?\s+\d)", re.I), "d_month"),
    (
        re.compile(
            rf"\b(?:im|Anfang|Mitte|Ende|en|début|fin|mi-|in|seit|depuis)\s+({_MONTH_NAMES})\b(?!\.?\s+\d)", re.I
        ),
        "month",
    ),
    (re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d.,]\d|\+|-\d)"), "year"),
]
_RELATIVE_DAYS = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "aujourd'hui": 0, "hier": -1, "demain": 1}
_RELATIVE = re.compile(r"\b(heute|gestern|vorgestern|aujourd'hui|hier)\b", re.I)
_RELATIVE_YEAR = re.compile(
    r"\b(?:(im\s+)?(vergangenen|letzten|nächsten|kommenden)\s+Jahr(?:es)?|l'an(?:née)?\s+(dernière?|prochaine?)|"
    r"dieses\s+Jahr(?:es)?|cette\s+année)\b",
    re.I,
)


def _ok(y: int, m: int = 1, d: int = 1) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def find_dates(text: str, *, reference: dt.date | None = None, language: str | None = None) -> list[DateMention]:
    """Dates stated in ``text``, most precise first where they overlap.

    Absolute dates ("6. Oktober 2016", "13.05.2008", "le 3 mars 2019",
    "April 2015", "2015") are taken as they are. Relative ones ("am 10.
    Oktober", "im Juli", "gestern", "l'an dernier") are resolved against
    ``reference`` (the document's date) and left out when it is unknown.
    ``hier`` (French: yesterday) counts only when ``language`` is ``fr``.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str, precision: str, relative: bool = False) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, value, precision, relative))

    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groups()
            if kind == "iso" and _ok(int(g[0]), int(g[1]), int(g[2])):
                add(m.start(), m.end(), f"{g[0]}-{g[1]}-{g[2]}", "day")
            elif kind == "dmy" and _ok(int(g[2]), int(g[1]), int(g[0])):
                add(m.start(), m.end(), f"{g[2]}-{int(g[1]):02d}-{int(g[0]):02d}", "day")
            elif kind == "d_month_y":
                month = MONTHS[g[1].lower()]
                if _ok(int(g[2]), month, int(g[0])):
                    add(m.start(), m.end(), f"{g[2]}-{month:02d}-{int(g[0]):02d}", "day")
            elif kind == "month_d_y":
                month = MONTHS[g[0].lower()]
                if _ok(int(g[2]), month, int(g[1])):
                    add(m.start(), m.end(), f"{g[2]}-{month:02d}-{int(g[1]):02d}", "day")
            elif kind == "month_y":
                if len(g[0]) < 4 and not g[0][0].isupper():
                    continue
                add(m.start(), m.end(), f"{g[1]}-{MONTHS[g[0].lower()]:02d}", "month")
            elif kind == "d_month" and reference is not None:
                month = MONTHS[g[1].lower()]
                if len(g[1]) >= 4 and _ok(reference.year, month, int(g[0])):
                    add(m.start(1), m.end(), f"{reference.year}-{month:02d}-{int(g[0]):02d}", "day", True)
            elif kind == "month" and reference is not None:
                if len(g[0]) >= 4 and g[0].lower() not in ("mai", "may") or g[0] in ("Mai", "May"):
                    add(m.start(), m.end(), f"{reference.year}-{MONTHS[g[0].lower()]:02d}", "month", True)
            elif kind == "year" and _ok(int(g[0])):
                add(m.start(), m.end(), g[0], "year")
    if reference is not None:
        for m in _RELATIVE.finditer(text):
            word = m.group(1).lower()
            if word == "hier" and language != "fr":
                continue
            day = reference + dt.timedelta(days=_RELATIVE_DAYS[word])
            add(m.start(), m.end(), day.isoformat(), "day", True)
        for m in _RELATIVE_YEAR.finditer(text):
            said = m.group(0).lower()
            delta = -1 if any(w in said for w in ("vergangen", "letzt", "dernier", "derniere")) else 0
            delta = 1 if any(w in said for w in ("nächst", "kommend", "prochain")) else delta
            add(m.start(), m.end(), str(reference.year + delta), "year", True)
    return sorted(found, key=lambda d: d.start)
