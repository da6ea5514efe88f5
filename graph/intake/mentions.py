"""Mentions: where a sentence names an organisation, a person, a place, an
event or an agreement.

Rules, in German and French (English where it costs nothing):

- **Known names.** Every label of the stored graph and of the packaged places
  (:mod:`graph.intake.gazetteer`), also inflected ("des Landkreises
  Bernkastel-Wittlich") and as a town's adjective ("Trierer").
- **Organisations.** A head word (:data:`~graph.intake.lexicon.ORG_HEADS`:
  Stadt, Landkreis, Jobcenter, Verein, Ville, Association, Conseil, ...) or a
  compound ending in one (*-beirat*, *-büro*, *-kammer*, ...) that is made
  specific by a proper part ("Jobcenter Trier", "Beirat für Migration und
  Integration", "Ville de Metz", "Verein „Miteinander“"), a town adjective
  ("Saarbrücker Ausländerbeirat" -> Ausländerbeirat Saarbrücken), a
  coordinated compound ("Aufsichts- und Dienstleistungsdirektion") or an
  abbreviation in brackets; a name with a legal form ("Nordlicht e.V.");
  a plural head with a list ("der Landkreise Trier-Saarburg und Vulkaneifel");
  abbreviations of three or more capitals.
- **Persons.** A title, a form of address or a role before a name
  ("Dr.", "Frau", "Ministerpräsidentin Malu Dreyer", "le maire Jean Dupont"),
  or a known first name followed by a surname.
- **Events** and **agreements**: a head noun (Workshop, Fachgespräch,
  colloque, réunion; Vereinbarung, convention, ...) named by a quoted title or
  a following phrase, and dated by the sentence.

Generic mentions ("die Jugendämter", "the two chambers") are not proposed:
nothing the text does not name.

The finders share one table of word patterns and :func:`find_mentions`
settles their overlaps against each other, so they stay in one file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.ids import fold
from graph.intake.gazetteer import Entry, Gazetteer, own_name
from graph.intake.lexicon import (
    ABBREVIATIONS,
    ADDRESS,
    AGREEMENT_HEADS,
    ENGLISH_EVENT_HEADS,
    ENGLISH_HEADS,
    ENGLISH_ONLY_EVENT_HEADS,
    EVENT_HEADS,
    EVENT_SUFFIXES,
    FIRST_NAMES,
    FRENCH_EVENT_HEADS,
    FRENCH_HEADS,
    FRENCH_LOWER_HEADS,
    KNOWN_BODIES,
    LEGAL_FORMS,
    MONTHS,
    NAME_PARTICLES,
    NAMED_HEADS,
    NOT_EVENT_DAYS,
    NOT_NAMES,
    OCCASIONS,
    ORG_HEADS,
    ORG_SUFFIXES,
    ROLES,
    TITLES,
    WEAK_EVENT_HEADS,
)
from graph.intake.text import DateMention, Sentence, guess_language
from graph.model import NodeType, OrgKind


@dataclass
class Mention:
    """A name in a sentence (offsets into the document) and what it is taken for."""

    type: NodeType
    start: int
    end: int
    name: str
    confidence: float
    how: str  # name | inflected | pattern | adjective | reference
    entry: Entry | None = None
    kind: str | None = None
    #: Persons: the role the text gives them (English) and whether it is a public office.
    role: str | None = None
    public: bool = False
    #: A place the name itself locates the node in ("Saarbrücker Ausländerbeirat").
    place: Entry | None = None
    aliases: list[str] = field(default_factory=list)
    #: Events and agreements: the date the sentence gives.
    date: DateMention | None = None
    #: Organisations: the body a unit belongs to ("Vorstand der IRT", "QuattroPole-Arbeitsgruppe").
    parent: str | None = None
    #: Organisations: that body's own mention inside the unit's name ("des Eifelkreises Bitburg-Prüm").
    inner: Mention | None = None

    def __post_init__(self) -> None:
        self.name = " ".join(self.name.replace("\u2060", "").split())

    @property
    def length(self) -> int:
        return self.end - self.start


# -- word patterns ------------------------------------------------------------------------------------
_UP = "A-ZÄÖÜÀ-ÖØ-Þ"
_LOW = "a-zäöüßà-öø-ÿ"
CAP = rf"[{_UP}][\w’'&\u2060-]*\w|[{_UP}]"
NAMEWORD = rf"[{_UP}][{_LOW}’'-]*[{_LOW}](?:-[{_UP}][{_LOW}]+)?"
_PARTICLES = r"(?:de|da|do|dos|von|van|der|den|du|la|le|ten|zu|el|al|bin)"
FULLNAME = rf"{NAMEWORD}(?:\s+(?:{_PARTICLES}\s+)*{NAMEWORD}){{1,4}}"
_MONTH_WORDS = frozenset(m.capitalize() for m in MONTHS)
#: A quoted title; its text is the last group that matched (:func:`quoted`).
_QUOTE = r"(?:„\s*([^“”\"„]{2,150}?)\s*[“”\"]|«\s*([^»]{2,150}?)\s*»|“([^”“]{2,150}?)”|\"([^\"]{2,150}?)\")"


def quoted_text(m: re.Match[str]) -> str:
    """The quoted text of a match of a pattern that ends with :data:`_QUOTE`."""
    return next(g for g in reversed(m.groups()) if g is not None)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: A word of an English title-cased name ("Franco-German", "Socio-Economic", "Winegrowers'").
_EN_WORD = rf"[{_UP}][\w’'-]*\w(?:['’]s?)?"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    heads = _alternation(ORG_HEADS)
    suffixes = _alternation(ORG_SUFFIXES)
    roles = _alternation(ROLES)
    events = _alternation(EVENT_HEADS)
    agreements = _alternation(AGREEMENT_HEADS)
    return {
        "head": re.compile(rf"(?<![\w-])(?:([{_UP}][\w-]*er|{_NAME_ADJECTIVE.pattern})\s+)?({heads})(?![\w-])"),
        "compound": re.compile(
            rf"(?<![\w-])(?:([{_UP}][\w-]*er|{_NAME_ADJECTIVE.pattern})\s+)?((?:[{_UP}][\w]*-\s+(?:und|oder|et)\s+)?(?:{_SAINT_PREFIX})?[{_UP}][\w-]*?(?i:{suffixes})(?:es|s|e|n|en)?)(?![\w-])"
        ),
        "legal": re.compile(rf"((?:{CAP})(?:\s+(?:{CAP}|&|und|et|de|für))*)\s+({_alternation(LEGAL_FORMS)})(?![\w])"),
        "acronym": re.compile(
            rf"(?<![\w-])([{_UP}][{_UP}0-9]{{1,6}})(?:-([{_UP}][\w]+))?(?:\s+([{_UP}][\w-]+))?(?![\w])"
        ),
        "title": re.compile(
            rf"(?<![\w])({_alternation(TITLES)})\s+(?:({_alternation(TITLES)})\s+)?({FULLNAME}|{NAMEWORD})"
        ),
        "address": re.compile(
            rf"(?<![\w])({_alternation(ADDRESS)})\s+(?:({_alternation(TITLES)})\s+)?({FULLNAME}|{NAMEWORD})"
        ),
        "role": re.compile(rf"(?<![\w-])({roles})\s+(?:({_alternation(TITLES)})\s+)?({FULLNAME}|{NAMEWORD})(?![\w])"),
        "first": re.compile(
            rf"(?<![\w-])({_alternation(FIRST_NAMES)})\s+((?:{_PARTICLES}\s+)*{NAMEWORD}(?:\s+(?:{_PARTICLES}\s+)*{NAMEWORD}){{0,3}})"
        ),
        "event": re.compile(rf"(?<![\w])({events}|[{_UP}][\w]*(?:{'|'.join(EVENT_SUFFIXES)})(?:s|es)?)(?![\w])"),
        "agreement": re.compile(rf"(?<![\w])((?:{agreements})(?:-[\w]+)?)(?![\w])"),
        "known": re.compile(rf"(?<![\w-])({_alternation(KNOWN_BODIES)})(?![\w-])"),
        "english": re.compile(
            rf"(?<![\w’'-])((?:{_EN_WORD}\s+(?:(?:and|&)\s+)?)*)({_alternation(ENGLISH_HEADS)})"
            rf"((?:\s+(?:of|for|on)\s+(?:the\s+)?{_EN_WORD}(?:\s+(?:(?:and|&)\s+)?{_EN_WORD})*)?)(?![\w’'-])"
        ),
    }


_DE_FUER = re.compile(
    rf"\s+für\s+(?:die\s+|den\s+|das\s+)?(?:[a-zäöü]+(?:e|en|er|es)\s+)?(?:{CAP})(?:(?:,\s*|\s+und\s+)(?:{CAP}))*"
)
_FR_DE = re.compile(rf"\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’])(?:{CAP})(?:\s+(?:{CAP}))*")
_FR_ADJ_WORDS = (
    r"(?:départemental|régional|municipal|général|national|communal|social|consultatif|économique|culturel|"
    r"intercommunal|territorial|franco-allemand|européen|parlementaire|interrégional|fédéral|scientifique|"
    r"luxembourgeois|transfrontalier|local|international|mosellan|lorrain)(?:e|es|s|x|aux)?"
)

_FR_LINK = r"(?:\s+(?:et\s+)?(?:(?:de\s+l|d|pour\s+l|à\s+l)['’]\s*|(?:de\s+la|des|du|de|pour\s+la|pour\s+le|pour\s+les|pour|à\s+la|au|aux|sur\s+la|sur\s+le|en)\s+))"
#: French adjectives by their endings ("familiales", "infirmiers", "maternelles"), past participles left out
#: ("située à"), and a few adverbs with those endings.
_FR_ADJ_ENDING = (
    r"(?!(?:jamais|désormais|autrefois|premier|dernier|premiers|derniers)\b)[a-zà-ÿ]{3,}"
    r"(?:al|ale|ales|aux|aire|aires|ier|iers|ière|ières|el|elle|elles|els|if|ifs|ive|ives|ique|iques|ien|iens|"
    r"ienne|iennes|ais|aise|aises|ois|oise|oises|able|ables|ible|ibles)\b|proches?\b|maladie\b"
)
_FR_ADJ_ANY = rf"(?:{_FR_ADJ_WORDS}|{_FR_ADJ_ENDING})"
#: Adjectives right after a French head ("Conseil départemental", "Mutualité chrétienne").
_FR_ADJ = re.compile(rf"(?:\s+{_FR_ADJ_ANY}){{1,2}}")
_FR_NOT_ARTICLE = r"(?!(?:le|la|les|un|une|ce|cette|son|sa|ses)\b)"
#: The tail of a French name: common nouns joined by prepositions, each with up to two adjectives
#: ("de formation en soins infirmiers", "d'allocations familiales"), then its proper part
#: ("de Bouzonville", "de la Moselle", "Grand Est", "de Forbach Porte de France"); nothing
#: lower-case after the proper part ("du Pays-Haut en lien avec ...").
_FR_TAIL = re.compile(
    rf"(?:{_FR_LINK}{_FR_NOT_ARTICLE}[a-zà-ÿ][\w’'-]*(?:\s+{_FR_ADJ_ANY}){{0,2}}){{0,4}}"
    rf"(?:(?:{_FR_LINK}|\s+)(?:{CAP})(?:\s+(?:{CAP})){{0,2}}(?:{_FR_LINK}(?:{CAP}))*)?"
)
_FR_LOWER = re.compile(
    rf"(?:\b[lL]['’]\s*|\b(?:une?|les?|la|Le|La|L|au|aux|du|des)\s+)({'|'.join(re.escape(h) for h in FRENCH_LOWER_HEADS)})"
    rf"(?:\s+{_FR_ADJ_ANY})?\s+((?:{CAP})(?:\s+(?:{CAP})){{0,3}})"
)
#: "St." and "Ste." abbreviate a word of a name ("Rathaus St. Johann"), also joined by a hyphen ("St.-Elisabeth-Klinik").
_SAINT = rf"S(?:ank)?te?\.(?=\s+[{_UP}])"
_SAINT_PREFIX = r"S(?:ank)?te?\.-"
_PROPER_TAIL = re.compile(
    rf"(?:\s+(?:(?:Am|An\s+der|Zum|Zur|Im|Auf\s+der|am|an\s+der|an\s+dem|auf\s+der|im)\s+)?(?:{_SAINT}|{CAP})(?:\s+(?:und|et|&)\s+(?:{CAP}))?)+"
)
_ACRONYM_AFTER = re.compile(rf"\s*\(([{_UP}][{_UP}0-9-]{{1,8}}(?:\s+[{_UP}][\w-]+)?)\)")
_PLURAL_HEADS = {"Landkreise": "Landkreis", "Landkreisen": "Landkreis", "Städte": "Stadt", "Gemeinden": "Gemeinde",
                 "Verbandsgemeinden": "Verbandsgemeinde", "Villes": "Ville"}  # fmt: skip
_PLURAL_LIST = re.compile(
    rf"(?<![\w-])(Landkreise|Landkreisen|Städte|Gemeinden|Verbandsgemeinden|villes|Villes)\s+((?:{CAP})(?:(?:,\s*|\s+und\s+|\s+et\s+)(?!der\b|die\b|des\b|den\b|dem\b|la\b|le\b|les\b)(?:{CAP}))+)"
)
_ABBREVIATION_OF_PLACE = re.compile(rf"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])([{_UP}][\w-]+)")
#: Abbreviations that are not bodies.
_NOT_ACRONYMS = frozenset(
    "EU EUR USA UK CEO PDF AG GmbH ID OK TV PR IT KI AI BRD DDR NS SGB II III IV VI VII VIII IX XI XII UN UNO NATO CO "
    "SA SAS SARL ASBL MdB MdL MEP ZDF ARD SWR SR RTL FAQ PS CDU SPD FDP CSU AfD LR RN LFI PCF EELV UMP PDF TIP TOP".split()
)
#: Verbs that minutes write in capitals ("Le Conseil DÉCIDE", "Der Rat BESCHLIESST"): not abbreviations.
_MINUTE_VERBS = frozenset(
    "DÉCIDE DECIDE APPROUVE AUTORISE ADOPTE DÉSIGNE DESIGNE CHARGE ARRÊTE ARRETE PREND ACTE DONNE ÉMET EMET VALIDE "
    "ACCEPTE DEMANDE CONSIDÉRANT CONSIDERANT DÉLIBÈRE ABROGE ATTRIBUE DÉCIDENT BESCHLIESST BESCHLIEßT EMPFIEHLT".split()
)
_UNITS = {"Vorstand": ("board", OrgKind.COUNCIL), "Fakultät": ("faculty", OrgKind.RESEARCH),
          "Fachbereich": ("department", OrgKind.RESEARCH), "Abteilung": ("department", OrgKind.OTHER), "Geschäftsführung": ("management office", OrgKind.OTHER),
          "Geschäftsstelle": ("office", OrgKind.OTHER), "Präsidium": ("board", OrgKind.COUNCIL),
          "Bureau": ("board", OrgKind.COUNCIL), "Direction": ("management office", OrgKind.OTHER)}  # fmt: skip
#: Elected councils of a body, named by the body: "des Kreistages des Landkreises X" is the Kreistag of the Landkreis X.
_COUNCILS = {"Kreistag": ("Kreistag", "Kreistages", "Kreistags"), "Stadtrat": ("Stadtrat", "Stadtrates", "Stadtrats"),
             "Gemeinderat": ("Gemeinderat", "Gemeinderates", "Gemeinderats"),
             "Verbandsgemeinderat": ("Verbandsgemeinderat", "Verbandsgemeinderates", "Verbandsgemeinderats"),
             "Ortsbeirat": ("Ortsbeirat", "Ortsbeirates", "Ortsbeirats"), "Bezirkstag": ("Bezirkstag", "Bezirkstages")}  # fmt: skip
_COUNCIL_LEMMA = {form: lemma for lemma, forms in _COUNCILS.items() for form in forms}
#: Capitalised adjectives that may stand before a head word ("Integrierte Leitstelle", "Deutsch-Französisches
#: Gymnasium", "Freiwillige Feuerwehr", "Medizinische Fakultät"): derivational endings only, so that nouns do not.
_NAME_ADJECTIVE_TEXT = rf"(?:[{_UP}][\w-]*(?:isch|lich|ig|iert|al|sam|bar)|Deutsch)(?:e|es|en|er|em)|[{_UP}][{_LOW}]+-[{_UP}][{_LOW}]+(?:e|es|en|er|em)"
#: Councils of a body ("Integrationsbeirat der Stadt Prüm", "Schöffenrat der Gemeinde Schengen",
#: "Verwaltungsrat des SDIS 57") and services of a hospital or an administration ("Service de cardiologie du ...").
_ADVISORY = rf"[{_UP}][{_LOW}]*rat(?:es|s)?"
_SERVICE = rf"Service\s+(?:de\s+|d['’])[{_LOW}]+"
_UNIT_OF = re.compile(
    rf"(?<![\w-])((?:(?:{_NAME_ADJECTIVE_TEXT})\s+)?(?:{'|'.join([*_UNITS, *sorted(_COUNCIL_LEMMA, key=len, reverse=True)])}|{_ADVISORY}|{_SERVICE}))\s+(?:der|des|de\s+la|du|de\s+l['’])\s+"
)
#: The adjectives of French elected councils ("conseil municipal", "Conseil communautaire").
_FR_COUNCILS = r"municipal|communautaire|communal|provincial|départemental|régional|général|métropolitain"
#: An elected council named by its head alone, as minutes name the council that deliberates ("le conseil
#: communautaire", "Le Conseil provincial"): the council of the body the minutes are of.
_FR_COUNCIL_ALONE = re.compile(rf"(?<![\w-])([Cc])onseil\s+({_FR_COUNCILS})(?![\w-])(?!\s+(?:de|du|des|d['’])\b)")
#: A head in lower case before a known place ("la ville de Pirmasens", "la mairie de Bitche", "province de Luxembourg").
_LOWER_HEAD_OF_PLACE = re.compile(
    rf"(?<![\w-])(ville|mairie|commune|province|région|préfecture|département|communauté\s+de\s+communes|"
    rf"communauté\s+d['’]agglomération|conseil\s+(?:{_FR_COUNCILS}))\s+(de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])"
    rf"([{_UP}][\w’'-]+(?:\s+[{_UP}][\w’'-]+)?)"
)
_NAME_ADJECTIVE = re.compile(_NAME_ADJECTIVE_TEXT)


#: Words that may stand before a name (articles, prepositions, conjunctions).
_DETERMINERS = frozenset(
    "der die das des dem den vom zum zur beim im am ins von bei mit für und sowie oder durch über an auf aus nach "
    "la le les l du de d au aux et à par pour avec sur chez entre the of and with by".split()
)


def _proper(word: str) -> bool:
    return word not in NOT_NAMES and word not in _MONTH_WORDS and not word.isdigit()


_TAIL_GLUE = frozenset({"Am", "An", "der", "Zum", "Zur", "Im", "Auf", "am", "an", "zum", "zur", "im", "und", "et", "&"})


def _trim_tail(tail: str) -> str:
    """A proper tail without trailing words that cannot end a name."""
    words = tail.split()
    kept: list[str] = []
    for i, w in enumerate(words):
        if (
            w in _TAIL_GLUE
            and i + 1 < len(words)
            and not kept
            and w.capitalize() in ("Am", "An", "Zum", "Zur", "Im", "Auf")
        ):
            kept.append(w)
            continue
        if w in _TAIL_GLUE and kept:
            kept.append(w)
            continue
        if not _proper(w) or w in ORG_HEADS or w in EVENT_HEADS or w in ROLES:
            break
        kept.append(w)
    while kept and (kept[-1] in _TAIL_GLUE or not _proper(kept[-1])):
        kept.pop()
    return " ".join(kept[:6])


#: Heads whose French names list their portfolios, and the list after the first ("Ministère de l'Éducation
#: nationale, de l'Enfance et de la Jeunesse"), with the polity after it ("de la Sarre").
_PORTFOLIO_HEADS = frozenset({"Ministère", "Ministry"})
_FR_OF = r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+)"
_FR_PORTFOLIO = rf"{_FR_OF}[{_UP}][\w’'-]+(?:\s+(?:{_FR_ADJ_ANY}))?"
_FR_PORTFOLIOS = re.compile(
    rf"(?:,\s+{_FR_PORTFOLIO})*,?\s+et\s+{_FR_PORTFOLIO}(?:\s+{_FR_OF}[{_UP}][\w’'-]+(?![\w’'-]))?"
)
#: A local government in the genitive after a body's head ("des Eifelkreises Bitburg-Prüm",
#: "des Saarpfalz-Kreises", "der Gemeinde Büllingen").
_OF_BODY_GENITIVE = re.compile(
    rf"\s+(des|der)\s+((?:[{_UP}][\w]*-)?[{_UP}][\w]*)((?:\s+(?!der\b|des\b|und\b)[{_UP}][\w-]*\w){{0,2}})(?![\w-])"
)
#: A club's year of founding after its name ("Sportverein Mosella 1920"), not a date nor a number of a list.
_FOUNDED = re.compile(r"\s+(1[89]\d\d)(?![\w.,:/–-]*\d)(?!\s*(?:[-–]|bis|à|to)\s*\d)")
#: A polity named by an adjective and a noun in the genitive ("der Deutschsprachigen Gemeinschaft", "der Französischen Republik").
_POLITY = re.compile(r"\s+(?:des|der)\s+[A-ZÄÖÜ]\w+(?:en|ischen)\s+[A-ZÄÖÜ]\w+")


#: Endings of German head nouns by gender, for citing an adjective before them in the nominative.
_NEUTER_ENDINGS = ("zentrum", "büro", "amt", "werk", "haus", "institut", "gymnasium", "klinikum", "netzwerk", "forum",
                   "ministerium", "kolleg", "bündnis", "komitee", "sekretariat", "museum", "theater", "gericht", "präsidium")  # fmt: skip
_FEMININE_ENDINGS = ("stelle", "schule", "kammer", "feuerwehr", "union", "gesellschaft", "stiftung", "agentur", "kasse",
                     "verwaltung", "fakultät", "klinik", "gruppe", "initiative", "behörde", "versicherung", "kanzlei",
                     "polizei", "gemeinde", "gemeinschaft", "direktion", "akademie", "hochschule", "universität",
                     "genossenschaft", "vereinigung", "organisation", "partei", "stadt", "region")  # fmt: skip
_MASCULINE_ENDINGS = (
    "verein",
    "verband",
    "rat",
    "fonds",
    "ausschuss",
    "kreis",
    "dienst",
    "bund",
    "zweckverband",
    "beirat",
)


def nominative(adjective: str, head: str) -> str:
    """A German adjective before ``head`` as a name cites it, without an article ("Regionalen" before
    "Bildungszentrum" is "Regionales", before "Leitstelle" "Regionale", before "Fonds" "Regionaler");
    as written when the head's gender is not known."""
    low = head.split()[0].lower()
    stem = re.sub(r"(?:en|em|er|es|e)$", "", adjective)
    for endings, ending in ((_NEUTER_ENDINGS, "es"), (_FEMININE_ENDINGS, "e"), (_MASCULINE_ENDINGS, "er")):
        if low.endswith(endings):
            return stem + ending
    return adjective


def _is_place(word: str, gaz: Gazetteer) -> bool:
    """Whether ``word`` names a place for certain: a village of the small-town list may be a word of a name
    ("Netzwerk Willkommen im Westrich")."""
    return any(h.type is NodeType.PLACE and not h.minor for h in gaz.lookup(word)[0])


def _place_named(text: str, gaz: Gazetteer) -> Entry | None:
    """The place ``text`` names, if any (the stored one, else the own name's, else the larger)."""
    hits = gaz.places(text) if text else []
    return gaz.best_place(hits, text) if hits else None


def _where_within(kept: str, rest: str, gaz: Gazetteer) -> str:
    """A proper tail with "im" kept where it is part of the name ("Netzwerk Willkommen im
    Grenzland,"): one word that ends the name, not a place ("Büro im Saarland" is located there)
    and not followed by more text ("Verein Lichtblick im Gespräch mit ...")."""
    words = kept.split()
    for i, w in enumerate(words):
        if w != "im":
            continue
        after = words[i + 1 :]
        ends = rest[rest.find(kept) + len(kept) :] if kept in rest else ""
        if len(after) != 1 or _is_place(after[0], gaz) or not re.match(r"^\s*(?:[,.;:)]|$)", ends):
            return " ".join(words[:i])
    return kept


def _lemma_of_compound(word: str) -> str:
    """``Ausländerbeirates`` -> ``Ausländerbeirat``: the compound cut after its org suffix."""
    if word in ORG_HEADS:
        return ORG_HEADS[word][1]
    low = word.lower()
    best = None
    for suffix in ORG_SUFFIXES:
        i = low.rfind(suffix)
        if i > 0 and len(low) - (i + len(suffix)) <= 2:
            end = i + len(suffix)
            if best is None or end > best:
                best = end
    return word[:best] if best else word


def _kind_of(head: str) -> OrgKind:
    if head in ORG_HEADS:
        return ORG_HEADS[head][0]
    low = head.lower()
    for suffix, kind in sorted(ORG_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if suffix in low:
            return kind
    return OrgKind.OTHER


# -- the finders --------------------------------------------------------------------------------------
def _organisations(s: Sentence, gaz: Gazetteer) -> list[Mention]:
    flat, base = s.flat, s.start
    out: list[Mention] = []
    p = _patterns()

    def add(start: int, end: int, name: str, kind: OrgKind, conf: float, place: Entry | None = None, **kw) -> None:
        out.append(
            Mention(
                NodeType.ORGANISATION,
                base + start,
                base + end,
                name,
                conf,
                "pattern",
                kind=kind.value,
                place=place,
                **kw,
            )
        )

    for pattern in (p["head"], p["compound"]):
        for m in pattern.finditer(flat):
            adjective, head = m.group(1), m.group(2)
            if pattern is p["compound"] and (head in ORG_HEADS or head in ROLES):
                continue  # the head pattern has it; "Landrat", "Stadtrat" before a name are roles
            place = gaz.place_of_adjective(adjective) if adjective else None
            name_adjective = bool(adjective) and place is None and bool(_NAME_ADJECTIVE.fullmatch(adjective or ""))
            if name_adjective and (adjective in NOT_NAMES or (adjective or "").lower() in _SEQUENCE):
                adjective, name_adjective = None, False
            if (
                adjective
                and place is None
                and not name_adjective
                and not (adjective.endswith("er") and len(adjective) > 4)
            ):
                adjective = None
            unknown_adjective = bool(adjective) and place is None and not name_adjective
            start = m.start(1) if adjective else m.start(2)
            end = m.end(2)
            lemma = ORG_HEADS[head][1] if head in ORG_HEADS else _lemma_of_compound(head)
            rest = flat[end:]
            tail = ""
            quoted = re.match(rf"\s+{_QUOTE}", rest)
            # heads both languages share ("Institut", "Union", "Fonds") are German before "für"
            french = head.split()[0] in FRENCH_HEADS and not re.match(r"\s+für\s", rest)
            fuer = None if french else _DE_FUER.match(rest)
            fr = (_FR_ADJ.match(rest) or None) if french else None
            if quoted:
                tail, end = quoted_text(quoted), end + quoted.end()
            else:
                if fuer:
                    tail = fuer.group(0).strip()
                    end += fuer.end()
                    rest = flat[end:]
                if fr:
                    lemma += fr.group(0)
                    end += fr.end()
                    rest = flat[end:]
                frde = _FR_TAIL.match(rest) if french else None
                if frde and frde.group(0).strip() and frde.group(0).split()[-1] not in NOT_NAMES:
                    tail = (tail + " " + frde.group(0).strip()).strip()
                    end += frde.end()
                    listed = _FR_PORTFOLIOS.match(flat[end:]) if head in _PORTFOLIO_HEADS else None
                    if listed:  # "Ministère de l'Environnement, du Climat et de la Mobilité de la Sarre"
                        tail, end = f"{tail}{' '.join(listed.group(0).split(' '))}".strip(), end + listed.end()
                        tail = re.sub(r"\s+", " ", tail).replace(" ,", ",")
                    proper = _PROPER_TAIL.match(flat[end:]) if re.match(r"^\w", frde.group(0).strip()) else None
                else:
                    proper = _PROPER_TAIL.match(rest)
                    if proper:
                        kept = _where_within(_trim_tail(proper.group(0)), rest, gaz)
                        if kept:
                            tail = (tail + " " + kept).strip()
                            end += proper.group(0).index(kept.split()[-1]) + len(kept.split()[-1])
            if unknown_adjective and tail:
                adjective, start = None, m.start(2)  # "Newsletter Netzwerk Integration Eifel": not an adjective
            genitive = re.match(r"\s+(des|der)\s+([A-ZÄÖÜ][\w-]+)", flat[end:])
            if genitive and not quoted and any(h.type is NodeType.PLACE for h in gaz.lookup(genitive.group(2))[0]):
                tail = (tail + " " + " ".join(genitive.group(0).split())).strip()  # "Handwerkskammer des Saarlandes"
                end += genitive.end()
            of_body = _OF_BODY_GENITIVE.match(flat[end:]) if not (tail or quoted or adjective) else None
            body_head = of_body.group(2).split("-")[-1] if of_body else ""
            inner = None
            if (
                of_body
                and ORG_HEADS.get(body_head, (None,))[0] is OrgKind.LOCAL_GOVERNMENT
                and ("-" in of_body.group(2) or of_body.group(3))
            ):
                # "Pflegeschule des Eifelkreises Bitburg-Prüm", "Wirtschaftsförderung des Saarpfalz-Kreises": a
                # body of a local government, part of it; the government is named too
                own = of_body.group(2)[: -len(body_head)] + ORG_HEADS[body_head][1]
                parent_name = " ".join(f"{own} {of_body.group(3) or ''}".split())
                tail = " ".join(of_body.group(0).split())
                at = end + of_body.start(2)
                end += of_body.end()
                inner = Mention(
                    NodeType.ORGANISATION, base + at, base + end, parent_name, 0.7, "pattern",
                    kind=OrgKind.LOCAL_GOVERNMENT.value,
                )  # fmt: skip
            polity = _POLITY.match(flat[end:]) if not tail else None
            if polity:  # "Ministerium der Deutschsprachigen Gemeinschaft": a government of a polity it names
                tail, end = " ".join(polity.group(0).split()), end + polity.end()
            founded = (
                _FOUNDED.match(flat[end:]) if tail and not quoted and _kind_of(head) is OrgKind.ASSOCIATION else None
            )
            if founded:  # "Angelsportverein Rehlingen 1962": a club's year of founding is part of its name
                tail, end = f"{tail} {founded.group(1)}", end + founded.end()
            acronym = _ACRONYM_AFTER.match(flat[end:])
            coordinated = bool(re.search(r"-\s+(?:und|oder|et)\s+", head)) and bool(
                re.search(r"(?:\b(?:der|die|das|des|dem|den|vom|zum|zur|beim|im)\s+)$", flat[:start])
            )
            if re.search(
                r"\b(?:ein|eine|eines|einer|einem|einen|un|une|kein|keine)\s+(?:[a-zäöü]\w*\s+)?$", flat[:start]
            ):
                continue  # "eines grenzüberschreitenden Netzwerkes": not a name
            before = re.search(r"(\w+)\s+$", flat[:start])
            if before and before.group(1)[0].islower() and before.group(1) not in _DETERMINERS:
                continue  # "der neuen Kooperationspartner", "die zuständige Stelle": a description
            if before and before.group(1) in ("Neue", "Neues", "Neuer", "Neuen", "Nouveau", "Nouvelle"):
                continue
            two_adjectives = fr is not None and len(fr.group(0).split()) >= 2
            if not (tail or adjective or coordinated or acronym or two_adjectives or head in NAMED_HEADS):
                continue
            aliases = [acronym.group(1)] if acronym else []
            if name_adjective and adjective:
                # "dem Regionalen Bildungszentrum Saarlouis": the name as cited, "Regionales Bildungszentrum Saarlouis"
                name = f"{nominative(adjective, lemma)} {lemma}" + (f" {tail}" if tail else "")
                if tail:
                    aliases.append(f"{lemma} {tail}")
            elif adjective and place is None:
                # an adjective of a place not known ("Himmeroder Forum"): the name as written
                name = f"{adjective} {lemma}" + (f" {tail}" if tail else "")
            else:
                name = f"{lemma} {tail}".strip() if tail else lemma
                if place is not None and not tail:
                    name = f"{lemma} {place.name}"
            conf = 0.8 if (tail or place) else 0.65
            if inner is not None:
                add(start, end, name, _kind_of(head), conf, place=place, aliases=aliases, parent=inner.name)
                out[-1].inner = inner
                continue
            add(start, end, name, _kind_of(head), conf, place=place, aliases=aliases)
    for m in _FR_LOWER.finditer(flat):
        head, name = m.group(1), _trim_tail(" " + m.group(2))
        if name:
            kind = OrgKind.ASSOCIATION if head.lower() in ("association", "asbl") else OrgKind.OTHER
            add(
                m.start(1),
                m.start(2) + len(name),
                name,
                kind,
                0.75,
                aliases=[f"{head.capitalize() if head.islower() else head} {name}"],
            )
    for m in _LOWER_HEAD_OF_PLACE.finditer(flat):
        # "la ville de Pirmasens", "la mairie de Bitche": the body of a place the text names
        head, of, where = m.group(1), m.group(2), m.group(3)
        if _place_named(where, gaz) is None:
            where = where.split()[0]
            if _place_named(where, gaz) is None:
                continue
        head = " ".join(head.split())
        lemma = head[0].upper() + head[1:]
        kind = ORG_HEADS.get(lemma.split()[0] if " " not in lemma else lemma, (OrgKind.LOCAL_GOVERNMENT, lemma))[0]
        add(m.start(), m.start(3) + len(where), f"{lemma} {of}{where}", kind, 0.75, place=_place_named(where, gaz))
    for m in re.finditer(r"(?<![\w-])ministère(?=\s+(?:de|du|des|d['’]))", flat):
        # "le ministère de l'Environnement, du Climat et de la Mobilité de la Sarre": a ministry in running text
        frde = _FR_TAIL.match(flat, m.end())
        if not frde or not re.search(rf"[{_UP}]", frde.group(0)) or frde.group(0).split()[-1] in NOT_NAMES:
            continue
        end = frde.end()
        listed = _FR_PORTFOLIOS.match(flat, end)
        end = listed.end() if listed else end
        add(m.start(), end, "Ministère " + " ".join(flat[m.end() : end].split()), OrgKind.GOVERNMENT, 0.75)
    for m in _FR_COUNCIL_ALONE.finditer(flat):
        add(m.start(), m.end(), f"Conseil {m.group(2)}", OrgKind.COUNCIL, 0.6)
    for m in _PLURAL_LIST.finditer(flat):
        head = m.group(1)
        lemma = _PLURAL_HEADS.get(head, _PLURAL_HEADS.get(head.capitalize(), head))
        for part in re.finditer(CAP, m.group(2)):
            if _proper(part.group(0)):
                add(
                    m.start(2) + part.start(),
                    m.start(2) + part.end(),
                    f"{lemma} {part.group(0)}",
                    ORG_HEADS[lemma][0],
                    0.75,
                )
    for m in p["legal"].finditer(flat):
        words = [w for w in m.group(1).split() if w]
        while words and not _proper(words[0]):
            words.pop(0)
        if words:
            start = m.start(1) + m.group(1).index(words[0])
            if words[0] in ORG_HEADS:
                words[0] = ORG_HEADS[words[0]][1]  # "des Vereins Miteinander e.V." is the Verein Miteinander e.V.
            add(start, m.end(2), " ".join(words) + " " + m.group(2), LEGAL_FORMS[m.group(2)], 0.85)
    for m in p["known"].finditer(flat):
        kind, name = KNOWN_BODIES[m.group(1)]
        add(m.start(), m.end(), name, kind, 0.8, aliases=[m.group(1)] if m.group(1) != name else [])
    for m in p["acronym"].finditer(flat):
        word, rest, town = m.group(1), m.group(2), m.group(3)
        plain = word not in _NOT_ACRONYMS and word not in LEGAL_FORMS and word not in _MINUTE_VERBS
        served = (
            _ABBREVIATION_OF_PLACE.match(flat, m.end(1))
            if not rest and (word in ABBREVIATIONS or (plain and len(word) >= 3))
            else None
        )
        if served and any(h.type is NodeType.PLACE for h in gaz.lookup(served.group(1))[0]):
            # "CPAS d'Arlon", "CCI de Moselle": the abbreviation of a head word and the place it serves
            kind = _kind_of(ABBREVIATIONS[word].split()[0]) if word in ABBREVIATIONS else OrgKind.OTHER
            add(m.start(), served.end(), f"{word}{served.group(0)}", kind, 0.8)
            continue
        regions = re.match(rf"\s+([{_UP}][\w-]+(?:/[{_UP}][\w-]+)+)(?![\w/-])", flat[m.end(1) :]) if not rest else None
        if regions and plain and len(word) >= 3 and all(_is_place(x, gaz) for x in regions.group(1).split("/")):
            # "AOK Rheinland-Pfalz/Saarland": an abbreviation and the places it serves, joined by a slash
            add(m.start(), m.end(1) + regions.end(), f"{word} {regions.group(1)}", OrgKind.OTHER, 0.75)
            continue
        if town and not rest and word in ABBREVIATIONS and any(h.type is NodeType.PLACE for h in gaz.lookup(town)[0]):
            # "IHK Saarland", "HWK Trier": the abbreviation of a head word and its place
            add(m.start(), m.end(), f"{word} {town}", _kind_of(ABBREVIATIONS[word].split()[-1]), 0.8)
            continue
        if word in _NOT_ACRONYMS or word in LEGAL_FORMS or len(word) < 2 or word.isdigit():
            continue
        numbered = re.match(r"\s+(\d{2,3}|2A|2B)(?![\w.,:/-])", flat[m.end(1) :]) if not rest else None
        if numbered and len(word) >= 3 and word not in _MINUTE_VERBS:
            # "SDIS 57", "CD 54": a body named by its département's number
            add(m.start(), m.end(1) + numbered.end(), f"{word} {numbered.group(1)}", OrgKind.OTHER, 0.7)
            continue
        if word in _MINUTE_VERBS or re.search(r"[À-ÖØ-Þ]", word):
            continue  # a verb of minutes in capitals; abbreviations have no accents
        if rest and any(fold(rest).endswith(fold(sfx)) for sfx in ORG_SUFFIXES):
            add(m.start(), m.end(), f"{word}-{rest}", _kind_of(rest), 0.75, aliases=[word])
        elif not rest and len(word) >= 3 and sum(c.isupper() for c in word) >= 3:
            add(m.start(), m.end(), word, OrgKind.OTHER, 0.45)
    for m in p["english"].finditer(flat):
        # "Saarland University", "University of the Greater Region", "Interregional Labour Market Observatory"
        lead = m.group(1).split()
        while lead and (lead[0] in NOT_NAMES or lead[0] in ("and", "&")):
            lead.pop(0)  # "The University of ...": the article is no part of the name
        after = m.group(3).split()
        if not lead and not after:
            continue  # a head alone ("the Council") names nothing
        words = [*lead, m.group(2), *after]
        end = m.end()
        of_place = re.match(rf"\s+of\s+((?:{_EN_WORD})(?:\s+{_EN_WORD})?)(?![\w’'-])", flat[end:]) if after else None
        if of_place and _place_named(of_place.group(1), gaz) is not None:
            # "Chamber of Commerce and Industry of Saarland": a second "of" that names the body's place
            words += ["of", *of_place.group(1).split()]
            end += of_place.end()
        town_after = re.match(rf"\s+({_EN_WORD})(?![\w’'-])", flat[end:]) if lead and not after else None
        if town_after and _is_place(town_after.group(1), gaz):
            # "Welcome Center Saarland", "Science Park Belval": an English name that ends in its place
            words.append(town_after.group(1))
            end += town_after.end()
        start = flat.rindex(lead[0], 0, m.start(2)) if lead else m.start(2)
        acronym = _ACRONYM_AFTER.match(flat[m.end() :])
        named = " ".join(w for w in after if w not in ("of", "for", "on", "the"))
        place = _place_named(named, gaz) or _place_named(after[-1] if after else "", gaz)
        place = place or _place_named(lead[0] if lead else "", gaz)
        add(
            start,
            end,
            " ".join(words),
            ENGLISH_HEADS[m.group(2)],
            0.8,
            place=place,
            aliases=[acronym.group(1)] if acronym else [],
        )
    for m in _UNIT_OF.finditer(flat):
        # "Vorstand der Initiative Region Trier": a unit of the body that follows
        follower = [o for o in out if o.start - base == m.end()]
        known, _ = _known_at(flat, m.end(), gaz)
        parent = follower[0].name if follower else (known.name if known else None)
        if parent is None:
            continue
        end = follower[0].end - base if follower else m.end() + len(_known_span(flat, m.end(), gaz))
        service = m.group(1).startswith("Service")
        written_unit = m.group(1).split()
        described = len(written_unit) > 1 and not service  # "Medizinischen Fakultät": an adjective before the unit
        unit = m.group(1) if service or described else _COUNCIL_LEMMA.get(m.group(1), _lemma_of_compound(m.group(1)))
        noun = written_unit[-1] if described else unit
        role, kind = _UNITS.get(noun, ("service", OrgKind.OTHER) if service else ("council", OrgKind.COUNCIL))
        written = " ".join(flat[m.end(1) : end].split())  # "des Landkreises Merzig-Wadern", as the text inflects it
        name = f"{unit} {written}" if unit in _COUNCILS else f"{unit} {flat[m.end(1) : m.end()].strip()} {parent}"
        add(m.start(), end, name, kind, 0.7, parent=parent)
    for m in _INTERREG.finditer(flat):
        # "Interreg VI A Großregion", "Interreg Grande Région": a programme of the EU named by its area
        add(m.start(), m.end(), " ".join(m.group(0).split()), OrgKind.OTHER, 0.75)
    return _split_coordinated(flat, base, _with_branches(flat, base, out))


#: Where a name runs on into the next one: "Région Grand Est et du Département de ...", "Chambre des salariés
#: Luxembourg et de la CSC", "Luxembourg Institute of Vine and Wine and Marc Ruppert".
_NEXT_NAME = re.compile(r"\s+(?:(et\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*)|and\s+|und\s+|et\s+)(?=([A-ZÄÖÜÉ][\w-]*))")


def _split_coordinated(flat: str, base: int, found: list[Mention]) -> list[Mention]:
    """``found`` with each name cut where it runs on into another: before "et du"/"et de la" and a
    capitalised head word or an abbreviation (which then names the next body), before "and"/"und"/"et"
    and a known first name (a person), and between two English names each with its head ("Trier Tourism
    Agency and Metz University"; not "Tourism and Marketing Board")."""
    out: list[Mention] = []
    for m in found:
        text = flat[m.start - base : m.end - base]
        cut, english = None, False
        for c in _NEXT_NAME.finditer(text):
            word = c.group(2)
            english = (
                c.group(0).strip() == "and"
                and text[: c.start()].split()[-1] in ENGLISH_HEADS
                and any(w in ENGLISH_HEADS for w in text[c.end() :].split())
            )
            if (
                (c.group(1) and (word in ORG_HEADS or word in FRENCH_HEADS or (word.isupper() and len(word) > 1)))
                or (not c.group(1) and word in FIRST_NAMES)
                or english
            ):
                cut = c
                break
        written_tail = " ".join(text[cut.start() :].split()) if cut else ""
        if cut is None or not " ".join(m.name.split()).endswith(written_tail):
            out.append(m)
            continue
        m.name = " ".join(m.name.split())[: -len(written_tail)].strip()
        rest = text[cut.end() :]
        m.end = m.start + cut.start()
        out.append(m)
        if english:
            head = next(w for w in rest.split() if w in ENGLISH_HEADS)
            at = m.start + cut.end()
            out.append(
                Mention(NodeType.ORGANISATION, at, at + len(rest), rest, 0.7, "pattern", kind=ENGLISH_HEADS[head].value)
            )
        elif cut.group(1) and (cut.group(2) in ORG_HEADS or cut.group(2) in FRENCH_HEADS) and len(rest.split()) > 1:
            kind = ORG_HEADS.get(cut.group(2), (OrgKind.OTHER, ""))[0]
            at = m.start + cut.end()
            out.append(Mention(NodeType.ORGANISATION, at, at + len(rest), rest, 0.65, "pattern", kind=kind.value))
    return out


#: A branch named after its body ("Deutsches Rotes Kreuz, Landesverband Saarland", "Caritas, Kreisverband Trier").
_BRANCH = re.compile(r"(?:Landes|Kreis|Bezirks|Orts|Regional|Stadt)(?:verband|verbandes|verein|vereins|gruppe)\b")
#: European Territorial Cooperation programmes ("Interreg VI A Großregion", "Interreg Grande Région").
_INTERREG = re.compile(rf"(?<![\w-])Interreg\s+(?:[IVX]+\b\s*)?(?:[A-C]\b\s*)?(?:{CAP})(?:\s+(?:{CAP}))?(?![\w-])")


def _with_branches(flat: str, base: int, found: list[Mention]) -> list[Mention]:
    """``found`` plus one mention for a body and its branch written after a comma: the branch's name
    is the body's and the branch's ("Deutsches Rotes Kreuz Landesverband Saarland")."""
    extra = []
    for a in found:
        for b in found:
            if b.start < a.end or not _BRANCH.match(b.name):
                continue
            if re.fullmatch(r",\s*", flat[a.end - base : b.start - base]):
                extra.append(
                    Mention(
                        NodeType.ORGANISATION,
                        a.start,
                        b.end,
                        f"{a.name} {b.name}",
                        0.75,
                        "pattern",
                        kind=b.kind,
                        place=b.place,
                        aliases=[a.name],
                    )  # fmt: skip
                )
    return found + extra


def _known_span(flat: str, at: int, gaz: Gazetteer) -> str:
    words = re.findall(r"\S+", flat[at : at + 120])
    for n in range(min(len(words), gaz.max_words), 0, -1):
        text = " ".join(words[:n]).rstrip('.,;:!?)“”"»')
        hits, _ = gaz.lookup(text)
        if hits and any(h.type is NodeType.ORGANISATION for h in hits):
            return text
    return ""


def _known_at(flat: str, at: int, gaz: Gazetteer) -> tuple[Entry | None, str]:
    span = _known_span(flat, at, gaz)
    if not span:
        return None, ""
    hits, how = gaz.lookup(span)
    orgs = [h for h in hits if h.type is NodeType.ORGANISATION]
    return (orgs[0] if orgs else None), how


def _before_a_body(words: list[str]) -> list[str]:
    """A name's words up to a particle that introduces a body ("Hannah Wirtz von der Hochschule Trier")."""
    for i, w in enumerate(words[1:], start=1):
        if w not in NAME_PARTICLES:
            continue
        rest = [x for x in words[i:] if x not in NAME_PARTICLES]
        if rest and (rest[0] in ORG_HEADS or _lemma_of_compound(rest[0]) != rest[0]):
            return words[:i]
    return words


def _persons(s: Sentence) -> list[Mention]:
    flat, base = s.flat, s.start
    p = _patterns()
    out: list[Mention] = []
    for kind in ("title", "address", "role", "first"):
        for m in p[kind].finditer(flat):
            if kind == "first":
                first, rest = m.group(1), m.group(2)
                words = _before_a_body(rest.split())
                while words and (
                    not _proper(words[-1])
                    or words[-1] in ORG_HEADS
                    or words[-1] in ROLES
                    or words[-1] in NAME_PARTICLES
                ):
                    words.pop()  # "Thomas Berger de la Chambre ...": a name does not end in a particle
                if not words or words[0] in ORG_HEADS:
                    continue
                name = f"{first} {' '.join(words)}"
                start, conf, role, public = m.start(1), 0.8, None, False
            else:
                lead, title, name = m.group(1), m.group(2), m.group(3)
                words = _before_a_body(name.split())
                office = None
                if kind in ("title", "address") and len(words) > 1 and words[0] in ROLES:
                    office = words.pop(0)  # "Herrn Landrat Stefan Weiland": the role is no part of the name
                while len(words) > 1 and (
                    not _proper(words[-1])
                    or words[-1] in ORG_HEADS
                    or words[-1] in ROLES
                    or words[-1] in NAME_PARTICLES
                ):
                    words.pop()
                if not words or not _proper(words[0]) or words[0] in ORG_HEADS or words[0] in EVENT_HEADS:
                    continue
                if words[0] in _MONTH_WORDS or fold(words[0]) in {fold(w) for w in ("Stadt", "Region")}:
                    continue
                name = " ".join(words)
                start = m.start(3) + (flat[m.start(3) :].index(words[0]) if office else 0)
                role, public = ROLES.get(lead, (None, False)) if kind == "role" else (None, False)
                if office:
                    role, public = ROLES[office]
                if kind == "role" and len(words) == 1 and words[0] not in FIRST_NAMES and lead not in ROLES:
                    continue
                conf = 0.85 if len(words) > 1 else 0.5
                if kind == "title" and lead.startswith(("Dr", "Prof")):
                    title = (lead + (" " + title if title else "")).strip()
            end = start + flat[start:].index(name.split()[-1]) + len(name.split()[-1])
            out.append(
                Mention(
                    NodeType.PERSON,
                    base + start,
                    base + end,
                    name,
                    conf,
                    "pattern",
                    role=role,
                    public=public,
                    kind=title if kind == "title" else None,
                )  # fmt: skip
            )
    return out + _named_before_role(s, out)


#: A name followed by its role of a body: "Jeff Gloden, Mayor of Remich", "Anne Koch, directrice de ...".
_ROLE_AFTER = re.compile(
    rf"(?<![\w-])({NAMEWORD}\s+{NAMEWORD}),\s+(?:the\s+)?({_alternation(ROLES)})\s+(?:of|at|de|du|des|d['’]|der|des)\b"
)


def _named_before_role(s: Sentence, found: list[Mention]) -> list[Mention]:
    """Persons known only by the role after their name (an unknown first name, no title)."""
    out = []
    for m in _ROLE_AFTER.finditer(s.flat):
        words = m.group(1).split()
        if any(w in ORG_HEADS or w in ENGLISH_HEADS or w in FRENCH_HEADS or w in NOT_NAMES for w in words):
            continue
        start = s.start + m.start(1)
        if any(f.start <= start < f.end for f in found):
            continue
        role, public = ROLES[m.group(2)]
        out.append(
            Mention(
                NodeType.PERSON, start, start + len(m.group(1)), m.group(1), 0.7, "pattern", role=role, public=public
            )
        )
    return out


_ORDINALS = re.compile(
    r"(?:(erste|ersten|erstes|zweite|zweiten|zweites|dritte|dritten|nächste|nächsten|gemeinsame|gemeinsamen|"
    r"weitere|weiteren|wissenschaftliche|wissenschaftliches|wissenschaftlichen|regionale|regionalen|öffentliche|"
    r"öffentlichen|grenzüberschreitende|grenzüberschreitenden|premier|première|[a-zé]+ième|prochaine?|grand|grande|"
    r"[A-ZÄÖÜ][\w]*-)\s+)$"
)
#: Ordinals and "next": where an event stands in a series, not part of its name.
_SEQUENCE = frozenset(
    "erste ersten erstes zweite zweiten zweites dritte dritten nächste nächsten weitere weiteren premier première "
    "deuxième prochain prochaine".split()
)
_NEXT = frozenset({"nächste", "nächsten", "prochaine", "prochain"})
_QUALIFIER = re.compile(
    rf"\s+((?:in\s+der|in|im|zur|zum|zu|der|des|über|für|sur\s+le|sur\s+la|sur|de\s+la|du|des|de|pour|à)\s+"
    rf"(?:[\w-]+\s+){{0,1}}(?:{CAP})(?:\s+(?:und|et|de|la|le)?\s*(?:{CAP})){{0,3}})"
)
_FR_DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|\d)"
#: What opens a sentence with an occasion (:data:`graph.intake.lexicon.OCCASIONS`).
_OCCASION = re.compile(
    r"^\W*(?:Zur|Zum|Bei\s+der|Beim|Nach\s+der|Nach\s+dem|À\s+l['’]|Lors\s+de\s+l['’]|Pour\s+l['’])\s*$"
)
#: What stands before an event's head that opens a programme's item: nothing, or the time.
_PROGRAMME_ITEM = re.compile(r"^\W*(?:\d{1,2}[.:h]\d{2}(?:\s*(?:Uhr|h))?\s*)?$")
#: An item's title after a colon, to the end of the line (not a quote: :data:`_TOPIC_QUOTE`).
_COLON_TITLE = re.compile(r"^\s*:\s*([^„“\"«»\s][^„“\"«»]{2,148}?)\s*[.;]?\s*$")
#: What names a German event right after its head: hyphenated or inner-capital names, acronyms, a year.
_DE_PROPER = re.compile(
    rf"\s+((?:[{_UP}][{_LOW}]+-[{_UP}][\w-]*|[{_UP}][{_LOW}]+[{_UP}][\w]*|[{_UP}]{{2,6}})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d)(?![\w.-])"
)
#: French events are named by common nouns ("réunion d'information", "colloque sur la mobilité des frontaliers").
_FR_QUALIFIER = re.compile(
    r"\s*((?:de\s+la|de\s+l['’]|des|du|de|d['’]|sur\s+la|sur\s+le|sur\s+les|sur|pour\s+la|pour\s+le|pour)\s*"
    rf"(?!(?:le|la|les|un|une)\b)[\w’'-]+(?:\s+{_FR_ADJ_ANY})?"
    rf"(?:\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*(?!{_FR_DAYS})[\w’'-]+(?:\s+{_FR_ADJ_ANY})?){{0,2}})"
)
#: English events named by what follows their head ("summer school on the energy transition in border regions").
_EN_QUALIFIER = re.compile(
    r"\s+((?:on|about)\s+(?!\d|(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:the\s+)?[\w-]+(?:\s+(?!(?:to|at|from|on|by|with|and|will|is|was|for|which|that)\b)[\w-]+){0,4})"
)
_TOPIC_QUOTE = re.compile(
    rf"^[\s,:]*(?:zum\s+Thema|zu\s+dem\s+Thema|zu\s+den\s+Themen|unter\s+dem\s+(?:Motto|Titel)|mit\s+dem\s+Titel|intitulée?|sur\s+le\s+thème|consacrée?\s+à|:)?\s*{_QUOTE}"
)


#: Words joined by hyphens right before an event's head ("Mentoring-" of "Mentoring-Programm").
_JOINED_TO_HEAD = re.compile(r"(?<![\w-])\w+(?:-\w+)*-$")


def _nearest_date(dates: list[DateMention], at: int) -> DateMention | None:
    return min(dates, key=lambda d: abs(d.start - at)) if dates else None


def _adjective_form(word: str) -> str:
    for end, repl in (("ten", "te"), ("ten", "te"), ("men", "me"), ("len", "le"), ("nen", "ne"), ("sten", "ste")):
        if word.endswith(end):
            return word[: -len(end)] + repl
    return word


_SUFFIX_KINDS = {"treffen": "meeting", "konferenz": "conference", "tagung": "conference", "workshop": "workshop",
                 "gespräch": "expert_talk", "veranstaltung": "info_event", "sitzung": "meeting", "kolloquium": "colloquium",
                 "versammlung": "meeting", "fachtag": "conference", "diskussion": "expert_talk", "forum": "other",
                 "tag": "info_event", "messe": "info_event", "fest": "other", "ausstellung": "other",
                 "seminar": "colloquium", "kongress": "conference", "symposium": "colloquium", "empfang": "other"}  # fmt: skip


def _event_kind(head: str) -> str:
    if head in EVENT_HEADS:
        return EVENT_HEADS[head].value
    low = head.lower()
    return next((kind for sfx, kind in _SUFFIX_KINDS.items() if sfx in low), "other")


def _events(s: Sentence, dates: list[DateMention]) -> list[Mention]:
    flat, base = s.flat, s.start
    out: list[Mention] = []
    seen_untitled = False
    english = guess_language(flat) == "en"
    for m in _patterns()["event"].finditer(flat):
        head = m.group(1)
        if head[0].islower() and flat[max(0, m.start() - 1) : m.start()].isalpha():
            continue
        if head in NOT_EVENT_DAYS or (head.lower().endswith(("tag", "tags", "tages")) and len(head) < 6):
            continue  # "Dienstag", "Nachmittag", "Kreistag": no event
        if (
            not english
            and head in ENGLISH_ONLY_EVENT_HEADS
            and (head[0].islower() or head in AGREEMENT_HEADS or head.endswith("s"))
        ):
            continue  # "la convention de coopération": an English head, a French agreement; English plurals
        before = _ORDINALS.search(flat[: m.start()])
        start = m.start() - (len(before.group(0)) if before else 0)
        # "Mentoring-Programm", "Sprachcafé-Projekt": the words joined to the head by hyphens are its name's
        joined = _JOINED_TO_HEAD.search(flat, 0, m.start())
        shown = head
        if joined:
            start, shown = joined.start(), flat[joined.start() : m.end()]
            before = None
        after = flat[m.end() :]
        title = _TOPIC_QUOTE.match(after)
        if title is None and _PROGRAMME_ITEM.match(flat[: m.start()]):
            # a programme's item titled after a colon: "10:45 Panel: Steel, chemicals and trucks – who needs ...?"
            title = _COLON_TITLE.match(after)
        if title is None:
            later = re.search(
                rf"(?:zum\s+Thema|zu\s+den\s+Themen|sur\s+le\s+thème|intitulée?)\s*:?\s*{_QUOTE}", after[:200]
            )
            if later and not _patterns()["event"].search(after[: later.start()]):
                title = later
        date = _nearest_date(dates, m.start())
        if title is None and head in ENGLISH_EVENT_HEADS and english:
            # "the third Moselle Wine Tourism Forum", "a summer school on the energy transition"
            lead = re.search(rf"((?:{_EN_WORD}\s+){{1,5}})$", flat[: m.start()]) if head[0].isupper() else None
            words_before = [w for w in (lead.group(1).split() if lead else []) if w not in NOT_NAMES]
            on = _EN_QUALIFIER.match(after)
            if words_before or on:
                if words_before:
                    start = flat.rindex(words_before[0], 0, m.start())
                name = " ".join([*words_before, shown, *([on.group(1)] if on else [])])
                end = m.end() + (on.end() if on else 0)
                out.append(
                    Mention(
                        NodeType.EVENT,
                        base + start,
                        base + end,
                        name[0].upper() + name[1:],
                        0.6 if date else 0.5,
                        "pattern",
                        kind=_event_kind(head),
                        date=date,
                    )  # fmt: skip
                )
                continue
        if title:
            name, end, conf = quoted_text(title).strip(), m.end() + title.end(), 0.75
        else:
            if seen_untitled:
                continue
            french = head.lower() in FRENCH_EVENT_HEADS
            # "réunion publique", "Rencontre transfrontalière des conseils communaux": adjectives, then "de ..."
            adjectives = _FR_ADJ.match(after) if french else None
            tail = after[adjectives.end() :] if adjectives else after
            qualifier = _QUALIFIER.match(after) if head[:1].isupper() and not french else _FR_QUALIFIER.match(tail)
            if qualifier is None and head[:1].isupper() and not french:
                # "Jobmesse Bliesgau-Moselle 2026", "Grenzgängertag 2025", "Fachtag SaarLorLux": a name after the head
                qualifier = _DE_PROPER.match(after)
            prefix = (before.group(1) if before and before.group(1) else "") if before else ""
            # "der nächste Grenzgängertag", "une première réunion": the count is not the name
            counted = prefix in _SEQUENCE or prefix.endswith("ième")
            # "la prochaine rencontre", "das nächste Treffen": a word too general to name an event alone names the next one
            upcoming = prefix in _NEXT and head in WEAK_EVENT_HEADS
            words = [_adjective_form(prefix).capitalize()] if prefix and (not counted or upcoming) else []
            words.append(shown)
            end = m.end()
            if adjectives:
                words.append(adjectives.group(0).strip())
                end += adjectives.end()
            if qualifier and qualifier.group(1).split()[-1] in _MONTH_WORDS:
                qualifier = None
            if qualifier and re.match(r"\s+(?:am|le|du)\s+\d", tail):
                qualifier = None  # "le 3 mai", "du 24 mars": a date, not a name
            if qualifier:
                words.append(qualifier.group(1))
                end += qualifier.end()
            dated = re.match(r"\s+(?:du|vom)\s+", tail) if _event_kind(head) == "meeting" and not qualifier else None
            day = next(
                (d for d in dates if dated and d.start - base == end + dated.end() and d.precision == "day"), None
            )
            if day is not None and dated is not None:
                # "Séance du 14 novembre 2024", "Sitzung vom 3. März 2025": a meeting named by its day
                words.append(flat[end : day.end - base].strip())
                end, date = day.end - base, day
            occasion = head in OCCASIONS and date is not None and _OCCASION.match(flat[: m.start()])
            if head in WEAK_EVENT_HEADS and not (date and (qualifier or adjectives or upcoming)) and not occasion:
                continue
            if not (date or qualifier or adjectives or prefix):
                continue
            if not date and re.search(r"\b(?:ein|eine|einen|einem|un|une)\s+$", flat[: m.start()]):
                continue  # "un atelier sur l'accès à l'emploi": a kind of event, not one
            name = " ".join(words)
            name = name[0].upper() + name[1:]
            conf = 0.6 if date else 0.45
            seen_untitled = True
        out.append(
            Mention(NodeType.EVENT, base + start, base + end, name, conf, "pattern", kind=_event_kind(head), date=date)
        )
    return out


_AGREEMENT_PHRASE = re.compile(
    r"\b(zur|zum|über\s+die|über\s+den|für\s+die|sur\s+la|sur\s+le|relative\s+à|relatif\s+à|pour\s+la|pour\s+le|pour|en\s+faveur\s+de)\s+"
)
_SIGNING = re.compile(
    r"\b(abgeschlossen|abschließen|geschlossen|unterzeichnet|unterzeichneten|unterschrieben|vereinbart|besiegelt|"
    r"beschlossen|beschloss|beschließt|verabschiedet|initiiert|initiierte|signé|signée|signent|ont\s+signé|conclu|conclue|adopté|adoptée|"
    r"paraphé|scellé|approuvé|approuvée|approuve|approuvent|adopte|adoptent)\b",
    re.I,
)
_WEAK_AGREEMENTS = frozenset(
    {
        "Kooperation",
        "Partnerschaft",
        "Beschluss",
        "partenariat",
        "Partenariat",
        "Resolution",
        "résolution",
        "délibération",
        "accord",
        "Accord",
        "contrat",
        "Contrat",
    }
)


def _agreements(s: Sentence, dates: list[DateMention]) -> list[Mention]:
    flat, base = s.flat, s.start
    out: list[Mention] = []
    for m in _patterns()["agreement"].finditer(flat):
        head = m.group(1)
        kind_word = head
        # "Kooperations-Vereinbarung": the words joined to the head by hyphens are its name's
        joined = _JOINED_TO_HEAD.search(flat, 0, m.start())
        begin = joined.start() if joined else m.start()
        head = flat[begin : m.end()]
        after = flat[m.end() :]
        quoted = re.match(rf"\s*(?:zur|zum|über|sur|pour|de)?\s*{_QUOTE}", after)
        phrase = _AGREEMENT_PHRASE.search(after)
        signing = _SIGNING.search(flat)
        if quoted:
            prep = re.match(r"\s*(zur|zum|über|sur|pour|de)?", after)
            name = f"{head} {prep.group(1) + ' ' if prep and prep.group(1) else ''}{quoted_text(quoted)}"
            end = m.end() + quoted.end()
        elif phrase and phrase.start() < 320:
            rest = after[phrase.start() :]
            stop = re.search(
                r"[,.;:!?()]|\s(?:und|et)\s+(?:der|die|des|la|le|les)\s|\s(?:abgeschlossen|unterzeichnet|signé|conclu|zwischen|entre)\b",
                rest,
            )
            text = rest[: stop.start()] if stop else rest
            words = text.split()[:14]
            if len(words) < 2:
                continue
            name = f"{head} {' '.join(words)}"
            end = m.end() + phrase.start() + len(" ".join(words))
        else:
            continue
        if kind_word in _WEAK_AGREEMENTS and not (quoted or signing):
            continue
        if head.startswith("Kooperation") and not (quoted or signing):
            continue
        date = _nearest_date([d for d in dates if not d.relative or d.precision != "day"], m.start())
        conf = 0.7 if (quoted or signing) else 0.5
        out.append(
            Mention(NodeType.AGREEMENT, base + begin, base + end, name.strip(' “”"»«'), conf, "pattern", date=date)
        )
    return out


def _places(s: Sentence, gaz: Gazetteer) -> list[Mention]:
    """Quarters ("Trier-Nord") and town adjectives ("Metzer"); the rest comes from the gazetteer scan."""
    flat, base = s.flat, s.start
    out: list[Mention] = []
    for m in re.finditer(rf"(?<![\w-])([{_UP}][\w]+)-(Nord|Süd|Ost|West|Mitte|Centre|Nord-Est|Sud)(?![\w-])", flat):
        hits, _ = gaz.lookup(m.group(0))
        if hits:
            continue
        city = gaz.places(m.group(1))
        if city:
            out.append(
                Mention(
                    NodeType.PLACE,
                    base + m.start(),
                    base + m.end(),
                    m.group(0),
                    0.7,
                    "pattern",
                    kind="quarter",
                    place=city[0],
                )
            )
    for m in re.finditer(rf"(?<![\w-])(Region|Großregion|Région|Pays)\s+(?:de\s+|du\s+|d['’])?([{_UP}][\w-]+)", flat):
        hits = gaz.places(m.group(0))
        town = gaz.places(m.group(2))
        if not hits and town:
            out.append(
                Mention(
                    NodeType.PLACE,
                    base + m.start(),
                    base + m.end(),
                    m.group(0),
                    0.7,
                    "pattern",
                    kind="region",
                    place=town[0],
                )
            )
    for m in re.finditer(rf"(?<![\w-])([{_UP}][\w]+er)(?=\s+[{_UP}])", flat):
        place = gaz.place_of_adjective(m.group(1))
        if place is not None:
            out.append(
                Mention(NodeType.PLACE, base + m.start(), base + m.end(), place.name, 0.6, "adjective", entry=place)
            )
    return out


#: A venue named after its town ("Stadthalle Saarburg", "Bürgerhaus Konz"): the town is a place.
_VENUE_BEFORE = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]*(?:halle|haus|saal|zentrum|bibliothek|museum)\s+$")
_WORD = re.compile(r"[\w„“\"«»‚'’.-]+")


def known_mentions(s: Sentence, gaz: Gazetteer) -> list[Mention]:
    """Every span of the sentence that is a label of the gazetteer (longest first)."""
    flat, base = s.flat, s.start
    words = [(m.start(), m.end()) for m in re.finditer(r"[^\s,;:!?()„“”\"«»'’]+", flat)]
    out: list[Mention] = []
    listed: list[tuple[int, int, Entry, str]] = []
    i = 0
    while i < len(words):
        first = flat[words[i][0] : words[i][1]]
        if not first[:1].isupper() and not first[:1].isdigit():
            i += 1
            continue
        found = None
        for n in range(min(gaz.max_words, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            text = flat[start:end].rstrip(".’'-")
            end = start + len(text)
            if n == 1 and (len(text) < 3 or (not text.isupper() and len(text) < 4) or text in NOT_NAMES):
                continue  # "Dort" opens a sentence; it is no town's other name
            if not text[-1:].isalnum() and text[-1:] not in "+)":
                continue
            hits, how = gaz.lookup(text)
            if not hits:
                continue
            last = text.split()[-1]
            if how == "inflected" and (not last[:1].isupper() or not text[:1].isupper()):
                continue
            found = (n, start, end, hits, how)
            break
        if found is None:
            i += 1
            continue
        n, start, end, hits, how = found
        entry = _best(hits, flat[start:end])
        small = entry.type is NodeType.PLACE and not entry.stored and (n == 1 or entry.minor)
        small = small and 0 < entry.population < 50_000
        placed = (_PLACED_MINOR if entry.minor else _PLACED).search(flat[max(0, start - 14) : start])
        placed = placed or _MAYOR_OF.search(flat[max(0, start - 30) : start])
        if (
            small
            and not placed
            and not _VENUE_BEFORE.search(flat[max(0, start - 40) : start])
            and not (start == 0 and _DATELINE_AFTER.match(flat, end))
        ):
            # a small town by a one-word name: only where the text places something in
            # it, or in a list of places (checked below)
            listed.append((start, end, entry, how))
            i += n
            continue
        conf = 0.9 if how == "name" else 0.75
        if not entry.stored:
            conf = 0.7
        out.append(Mention(entry.type, base + start, base + end, entry.name, conf, how, entry=entry, kind=entry.kind))
        i += n
    places = [(m.start - base, m.end - base) for m in out if m.type is NodeType.PLACE]
    # small towns listed with other places; a town of the small-town list only beside a place
    # already taken, so that two common nouns ("Berg und Tal") never confirm each other
    pending = list(listed)
    # three or more small towns listed together confirm each other ("Schengen, Perl und Apach")
    chain: list[tuple[int, int, Entry, str]] = []
    for item in [*sorted(pending, key=lambda x: x[0]), None]:
        if item is not None and chain and _adjacent(flat, item[0], item[1], chain[-1][0], chain[-1][1]):
            chain.append(item)
            continue
        if len(chain) >= 3:
            out += [
                Mention(e.type, base + a, base + b, e.name, 0.6, how, entry=e, kind=e.kind) for a, b, e, how in chain
            ]
            places += [(a, b) for a, b, _, _ in chain]
            pending = [x for x in pending if x not in chain]
        chain = [item] if item is not None else []
    while pending:
        taken = []
        for item in pending:
            start, end, entry, how = item
            after = re.match(rf"\s+([{_UP}][{_LOW}]+)\b", flat[end:])
            if after and not _is_place(after.group(1), gaz) and after.group(1) not in NOT_NAMES:
                continue  # "de Gouvy, Yves Lentz": a word of a name before another, not a village in a list
            others = places + ([] if entry.minor else [(a, b) for a, b, e, _ in pending if a != start and not e.minor])
            if _OF_TOWN.search(flat[max(0, start - 4) : start]):
                # "de Troisvierges et de Beho", "aus X und aus Y": two villages, each after its own preposition
                others += [(a, b) for a, b, _, _ in pending if a != start and _OF_TOWN.search(flat[max(0, a - 4) : a])]
            # or listed after a name a place preposition introduces ("aus Wasserbillig und Grevenmacher")
            in_list = _LISTED_AFTER_PLACE.search(flat[max(0, start - 50) : start])
            if in_list or any(_adjacent(flat, start, end, a, b) for a, b in others):
                out.append(
                    Mention(entry.type, base + start, base + end, entry.name, 0.6, how, entry=entry, kind=entry.kind)
                )
                taken.append(item)
        if not taken:
            break
        places += [(a, b) for a, b, _, _ in taken]
        pending = [x for x in pending if x not in taken]
    return sorted(out, key=lambda m: m.start)


#: Words before a small town that place something in it (German, French, English).
_PLACED = re.compile(
    r"(?:\b(?:in|aus|nach|bei|von|zwischen|über|à|de|en|entre|par|près\s+de|from|near|between|at|to|via|of)\s+|\bd['’]\s*)$"
)
#: The same for a town of the small-town list, without "von" and "de", which more often introduce a person or a noun.
_PLACED_MINOR = re.compile(
    r"(?:\b(?:in|aus|nach|bei|zwischen|über|à|en|entre|près\s+de|from|near|between|at|via|of|to)\s+|\bd['’]\s*)$"
)
#: A mayor's office before the town it is of ("maire de Flastroff", "Bürgermeister von Nittel", "Mayor of Mertert").
_MAYOR_OF = re.compile(
    r"\b(?:maire|mairesse|bourgmestre|Bourgmestre|(?:Orts|Ober)?[Bb]ürgermeister(?:in)?|[Mm]ayor)\s+(?:de|von|of)\s+$"
    r"|\b(?:maire|bourgmestre)\s+d['’]\s*$"
)
#: A dateline after a town that opens a sentence ("Esch-sur-Alzette, 18 June 2025", "Metz, le 3 mars").
_DATELINE_AFTER = re.compile(r",\s*(?:le\s+|den\s+|am\s+)?\d{1,2}\.?\s*(?:er\s+)?[A-Za-zÀ-ÿ]+\.?\s+\d{4}")


_LISTED_AFTER_PLACE = re.compile(
    rf"\b(?:in|aus|nach|zwischen|à|entre)\s+[{_UP}][\w-]+(?:\s*,\s*[{_UP}][\w-]+)*\s*(?:,|und|et|oder|ou|sowie)\s+$"
)


#: A preposition of origin right before a town ("de", "d'", "aus", "von"), for two villages each after its own.
_OF_TOWN = re.compile(r"(?:\b(?:de|aus|von|from)\s+|\bd['’]\s*)$")


def _adjacent(flat: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether two names stand next to each other in a list ("Yutz et Hayange", "Daun, Gerolstein")."""
    gap = flat[end:other_start] if other_start >= end else flat[other_end:start]
    return bool(re.fullmatch(r"\s*(?:,|und|et|oder|ou|sowie|and|or|,\s*and)\s*(?:de\s+|d['’]|in\s+)?", gap))


def _best(hits: list[Entry], text: str) -> Entry:
    """Of several nodes a text names: stored before packaged; an organisation when the
    text has an organisation's head word, else a place; then the larger place."""
    has_head = any(w in ORG_HEADS for w in text.split())

    def rank(e: Entry) -> tuple:
        prefer = e.type is NodeType.ORGANISATION if has_head else e.type is NodeType.PLACE
        return (e.stored, prefer, own_name(e, text), e.population)

    return max(hits, key=rank)


#: A body named without a head word the lexicon has, after a word that says what it is ("dem
#: Verkehrsunternehmen Transdev Grand Est", "l'entreprise Cactus", "the operator Arriva") or after a
#: cue of organising ("organised by Visit Moselle").
_DESCRIBED = re.compile(
    rf"(?:(?<![\w-])(?:[{_UP}]\w*(?:unternehmen|konzern|zulieferer|hersteller|betreiber|anbieter|dienstleister)|Firma|"
    r"Unternehmen|Konzern|l['’]entreprise|la\s+société|l['’]opérateur|le\s+transporteur|le\s+groupe|"
    r"the\s+(?:company|operator|firm|carmaker)|(?:organi[sz]ed|hosted|run|funded)\s+by|"
    # a trade before the name, with its own words before it ("the haulier X", "the chemical platform operator Y")
    r"(?<![\w-])(?:operator|haulier|hauler|carrier|supplier|manufacturer|producer|utility|steelmaker|start-?up|"
    r"retailer|brewery|l['’]exploitant|le\s+fournisseur|le\s+constructeur|le\s+producteur|la\s+brasserie|"
    r"Spedition|Brauerei|Reederei)|"
    r"(?:organisiert|veranstaltet|ausgerichtet)\s+(?:von|vom)(?:\s+der|\s+dem)?)\s+)"
    rf"((?:{CAP})(?:\s+(?:{CAP})){{0,2}})"
)
#: A body in a list of bodies from places: "X from Bernkastel-Kues and Y from Metz", "A aus Trier und B aus Wiltz".
_LISTED_FROM = re.compile(rf"(?:,|\band|\bund|\bet)\s+((?:{CAP})(?:\s+(?:{CAP})){{0,2}})\s+(?:from|aus|de)\s+(?={CAP})")


def _unheaded(s: Sentence, gaz: Gazetteer, found: list[Mention]) -> list[Mention]:
    """Bodies whose names have no head word, known by what the sentence says of them (see
    :data:`_DESCRIBED`, :data:`_LISTED_FROM`; the list only after a body already found)."""
    out: list[Mention] = []
    orgs = [m for m in found if m.type is NodeType.ORGANISATION]
    for pattern in (_DESCRIBED, _LISTED_FROM):
        for m in pattern.finditer(s.flat):
            words = m.group(1).split()
            while words and not _proper(words[-1]):
                words.pop()
            if (
                not words
                or words[0] in FIRST_NAMES
                or words[0] in NOT_NAMES
                or any(w in ORG_HEADS or w in ROLES or w in TITLES or w in ADDRESS for w in words)
            ):
                continue
            name = " ".join(words)
            if any(h.type is not NodeType.ORGANISATION for h in gaz.lookup(name)[0]):
                continue  # a place or a person the gazetteer knows
            start = s.start + m.start(1)
            if pattern is _LISTED_FROM and not any(0 <= start - o.end <= 60 for o in orgs):
                continue
            out.append(
                Mention(
                    NodeType.ORGANISATION, start, start + len(name), name, 0.55, "pattern", kind=OrgKind.OTHER.value
                )
            )
    return out


#: What stands before an event's head word when the text refers back to it: an article or a possessive
#: and up to two words ("the forum", "the next forum", "zu ihrem dritten gemeinsamen Fachtag", "la journée").
_EVENT_REFERENCE = re.compile(
    r"\b(?:the|its|their|der|die|das|den|dem|des|zum|zur|beim|vom|ihrem|ihren|seinem|seinen|le|la|l['’]|du|au|son|sa|leur)\s*"
    r"((?:[\wäöüéèà-]+\s+){0,2})$",
    re.I,
)


def _event_references(s: Sentence, gaz: Gazetteer) -> list[Mention]:
    """The document's one event with a head word, where the sentence names it by that word alone."""
    if not gaz.events:
        return []
    out = []
    for w in re.finditer(r"[\wäöüéèà-]+", s.flat):
        entry = gaz.events.get(fold(w.group(0)))
        before = _EVENT_REFERENCE.search(s.flat[max(0, w.start() - 60) : w.start()]) if entry else None
        if entry is not None and before is not None:
            start = w.start() - len(before.group(1))
            out.append(
                Mention(NodeType.EVENT, s.start + start, s.start + w.end(), entry.name, 0.6, "reference", entry=entry)
            )
    return out


#: An article or a preposition with one before a body's head word used alone ("of the observatory", "du réseau",
#: "de l'association", "des Pflegebildungszentrums").
_BODY_REFERENCE = re.compile(
    r"\b(?:the|of\s+the|at\s+the|der|des|dem|den|die|das|beim|vom|im|du|au|de\s+la|à\s+la|la|le|l['’])\s*$", re.I
)


def _body_references(s: Sentence, gaz: Gazetteer) -> list[Mention]:
    """The document's one organisation with a head word, where the sentence names it by that word alone."""
    if not gaz.bodies:
        return []
    out = []
    for w in re.finditer(r"[\wäöüéèà-]+", s.flat):
        word = fold(w.group(0))
        entry = next((gaz.bodies[x] for x in (word, word[:-1], word[:-2]) if x in gaz.bodies), None)
        if entry is not None and _BODY_REFERENCE.search(s.flat[max(0, w.start() - 12) : w.start()]):
            if s.flat[w.end() : w.end() + 1] == "-":
                continue
            out.append(
                Mention(
                    NodeType.ORGANISATION, s.start + w.start(), s.start + w.end(), entry.name, 0.6, "name", entry=entry
                )
            )
    return out


#: How the names of villages of the region end ("Hemmersdorf", "Karlsbrunn", "Launstroff", "Torgny",
#: "Waldweistroff"), for a village no list has: German, Lorraine and Walloon endings, not German nouns'.
_TOWN_ENDING = re.compile(
    r"[a-zäöüéè](?:dorf|dorff|kirchen|brunn|brunnen|bach|heim|hausen|weiler|weiller|scheid|roth|rath|born|bronn|"
    r"hofen|stroff|troff|roff|ville|court|ange|anges|ing|ingen|igny|gny|ach|bourg|mont)$"
)
#: Words before a village that place something in it, as :data:`_PLACED` without "von"/"de" alone
#: (which name persons and nouns as often).
_PLACED_VILLAGE = re.compile(
    r"(?:\b(?:in|aus|nach|bei|zwischen|über|à|entre|près\s+de|from|near|between|at|via)\s+|\bd['’]\s*)$"
)


def _town_shaped(word: str) -> bool:
    """Whether an unknown word looks like a village's name: a village ending (not a German noun in
    -ung/-ungen), or capitalised parts joined by hyphens ("Bliesmengen-Bolchen", "Burg-Reuland")."""
    if word in NOT_NAMES or word in ORG_HEADS or word in ROLES or word in _MONTH_WORDS or word in FIRST_NAMES:
        return False
    if re.search(r"ung(?:en)?$|ling(?:e|en|s)?$", word) or len(word) < 5:
        return False
    parts = word.split("-")
    if len(parts) > 1:
        return (
            all(
                re.fullmatch(rf"[{_UP}][{_LOW}]+", x) or x in ("sur", "sous", "lès", "les", "la", "le", "en")
                for x in parts
            )
            and parts[0][:1].isupper()
            and parts[-1][:1].isupper()
        )
    return bool(re.fullmatch(rf"[{_UP}][{_LOW}]+", word)) and bool(_TOWN_ENDING.search(word))


def _villages(s: Sentence, gaz: Gazetteer, found: list[Mention]) -> list[Mention]:
    """Villages no list has, by the shape of their names (:func:`_town_shaped`) where the text places
    something in them ("à Launstroff", "aus Großrosseln, Karlsbrunn und Petite-Rosselle") or lists them
    beside a place already found; a hyphenated name only in a list of places."""
    flat, base = s.flat, s.start
    taken = [(m.start - base, m.end - base) for m in found]
    places = [(m.start - base, m.end - base) for m in found if m.type is NodeType.PLACE]
    # the country of a village is its neighbours' (the place nearest to it), else its ending's
    near = [(m.start - base, m.entry or m.place) for m in found if m.type is NodeType.PLACE and (m.entry or m.place)]
    pending = []
    for w in re.finditer(rf"(?<![\w'’-])[{_UP}][\w-]*[{_LOW}](?![\w-])", flat):
        a, b = w.start(), w.end()
        if any(x < b and a < y for x, y in taken) or not _town_shaped(w.group(0)):
            continue
        if gaz.lookup(w.group(0))[0] or a == 0:
            continue
        pending.append((a, b, w.group(0)))
    out: list[Mention] = []
    changed = True
    while pending and changed:
        changed = False
        for item in list(pending):
            a, b, word = item
            placed = "-" not in word and _PLACED_VILLAGE.search(flat[max(0, a - 14) : a])
            placed = placed or _MAYOR_OF.search(flat[max(0, a - 30) : a])
            listed = any(_adjacent(flat, a, b, x, y) for x, y in places)
            if placed or listed:
                where = min(near, key=lambda x: abs(x[0] - a))[1] if near else None
                if where is None or not where.country or where.country not in ("DE", "FR", "LU", "BE"):
                    german = re.search(
                        r"(?:dorf|kirchen|brunn|brunnen|bach|heim|hausen|weiler|scheid|roth|rath|born|bronn|hofen|ingen)$",
                        word,
                    )
                    where = Entry(f"place:{fold(word)}", NodeType.PLACE, word, country="DE" if german else "FR")
                out.append(Mention(NodeType.PLACE, base + a, base + b, word, 0.55, "pattern", kind="town", place=where))
                places.append((a, b))
                pending.remove(item)
                changed = True
    return out


def find_mentions(s: Sentence, gaz: Gazetteer, dates: list[DateMention]) -> list[Mention]:
    """The mentions of one sentence, overlaps resolved: the longest span wins,
    a known node before a pattern at equal length."""
    candidates = [*known_mentions(s, gaz), *_organisations(s, gaz), *_persons(s), *_places(s, gaz)]
    candidates += _unheaded(s, gaz, candidates)
    candidates += _villages(s, gaz, candidates)
    candidates += _event_references(s, gaz)
    candidates += _body_references(s, gaz)
    candidates += [*_events(s, dates), *_agreements(s, dates)]
    # a reference to an event gives way to the event its words name ("Der Fachtag Pflege findet am ... statt")
    priority = {"name": 3, "inflected": 2, "adjective": 1, "pattern": 0, "reference": -1}
    chosen: list[Mention] = []
    frames = (NodeType.EVENT, NodeType.AGREEMENT)
    for c in sorted(candidates, key=lambda c: (-(c.length), -priority[c.how], -c.confidence)):
        # events and agreements may hold entities in their names (organisers, parties, places);
        # entities never overlap each other, nor do events and agreements
        rivals = [o for o in chosen if (o.type in frames) == (c.type in frames)]
        if not any(o.start < c.end and c.start < o.end for o in rivals):
            chosen.append(c)
    # the local government a unit's name holds is named as well ("des Saarpfalz-Kreises"), also
    # where the unit is known by then
    inners = {(c.start, c.end): c.inner for c in candidates if c.inner is not None}
    for c in list(chosen):
        c.inner = c.inner or (inners.get((c.start, c.end)) if c.type is NodeType.ORGANISATION else None)
        if c.inner is not None and not any(o is not c and o.start < c.inner.end and c.inner.start < o.end
                                           and o.type not in frames for o in chosen):  # fmt: skip
            chosen.append(c.inner)
    # a unit found by its pattern keeps its parent when the name is also known ("Kreistag des Landkreises X")
    # (by its end and name: a known span may take in an article before it, "Der Schöffenrat der Gemeinde X")
    parents = {(c.end, fold(c.name)): c.parent for c in candidates if c.parent}
    for m in chosen:
        m.parent = m.parent or parents.get((m.end, fold(m.name)))
    # pattern-found organisations and persons that turn out to be known
    for m in chosen:
        if m.how == "pattern" and m.type in (NodeType.ORGANISATION, NodeType.PERSON, NodeType.PLACE):
            for text in (m.name, s.flat[m.start - s.start : m.end - s.start]):
                hits, how = gaz.lookup(text)
                same = [h for h in hits if h.type is m.type]
                if same:
                    m.entry, m.how = _best(same, text), how
                    m.name = m.entry.name
                    m.confidence = max(m.confidence, 0.8)
                    break
    return sorted(chosen, key=lambda m: m.start)


def inner_mentions(s: Sentence, outer: Mention, gaz: Gazetteer) -> list[Mention]:
    """Known organisations and places inside an event's or agreement's name
    (its organisers, its place), for the ties the name states."""
    sub = Sentence(outer.start, outer.end, s.flat[outer.start - s.start : outer.end - s.start])
    return [m for m in known_mentions(sub, gaz) if m.type in (NodeType.ORGANISATION, NodeType.PLACE)]
