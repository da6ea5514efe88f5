"""Ties a sentence states between the mentions in it.

Each rule looks at the words between two mentions (German, French and English cues):

- ``MEMBER_OF`` person -> organisation with the role the text gives:
  "Silke Meyer, Flüchtlingskoordinatorin des Landkreises ...", "Manfred Greis
  vom Jobcenter ...", "la présidente de l'association X, Marie Dupont".
- ``PARTICIPATED_IN`` actor -> event: organiser ("Veranstaltung von A und
  B", "organisé par", "gemeinsam mit"), host ("in der Handwerkskammer",
  "dans les locaux de"), speaker ("Podiumsdiskussion mit", "stellte ... vor",
  "a présenté"), participant ("nahmen teil", "en présence de").
- ``PARTY_TO`` organisation -> agreement: the parties an agreement names
  ("Vereinbarung der Stadt ..., der Landkreise ...", "entre A et B", "A und
  B haben ... abgeschlossen"); "auf Initiative der X" is the initiating party.
- ``LOCATED_IN``: "X in Saarbrücken", "X à Metz", a town adjective
  ("Metzer Verein Dounia").
- ``PART_OF``: a unit of a body ("Vorstand der X", "Arbeitsgruppe ... des
  Netzwerks Y", "QuattroPole-Arbeitsgruppe"), a member of a network
  ("Mitglied im Netzwerk Y", "membre du réseau Y").
- ``COOPERATES_WITH``: organisations a sentence says work together
  ("verstärken Zusammenarbeit", "kooperiert mit", "en partenariat avec").

A sentence with no cue yields no tie: nothing the text does not state.

It stays one module: the rules are one table of cues per tie type, read
together so that a sentence's mentions are paired once and each pair gets
at most one tie of a kind; split per tie type, each part would repeat the
pairing and the cue matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.intake.events import programme_roles, referred_event, session_roles
from graph.intake.lexicon import ROLES
from graph.intake.mentions import Mention
from graph.intake.text import Sentence
from graph.model import NodeType, TieType

_O, _P, _E, _A, _L = NodeType.ORGANISATION, NodeType.PERSON, NodeType.EVENT, NodeType.AGREEMENT, NodeType.PLACE
_ACTORS = (_O, _P)


@dataclass(frozen=True)
class TieMention:
    type: TieType
    source: Mention
    target: Mention
    role: str | None
    confidence: float


def _between(s: Sentence, a: Mention, b: Mention) -> str:
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return s.flat[lo.end - s.start : hi.start - s.start]


_ROLE_WORDS = sorted(ROLES, key=len, reverse=True)
_ROLE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(r) for r in _ROLE_WORDS) + r")(?![\w])")
_OF = re.compile(
    r"(?:\b(?:des|der|vom|von\s+der|von\s+den|von|beim|bei\s+der|bei\s+dem|im|in\s+der|am|an\s+der|an\s+dem|de\s+la|de\s+l['’]|du|des|de|d['’]|auprès\s+de|à\s+la|au|of\s+the|of|at\s+the|at)\s*)$"
)
#: A role the lexicon does not list, one capitalised noun between a name and its body.
_UNLISTED_ROLE = re.compile(
    r"^\s*,\s*[A-ZÄÖÜ][a-zäöüß-]{3,}\s+(?:beim|bei\s+der|bei\s+dem|vom|von\s+der|im)\s*$"
    # or a title of up to four words before "of"/"at"/"du"/"des" ("First Alderman of the", "State Secretary at the",
    # "chef du service environnement du"), not a clause ("who", "qui", "die seit")
    r"|^\s*,\s*(?!(?:who|which|whose|qui|que|dont|die|der|das|welche|welcher|seit|depuis|since|born|née?)\b)"
    r"[A-Za-zÄÖÜäöüßÀ-ÿ-]{2,}(?:\s+[A-Za-zÄÖÜäöüßÀ-ÿ-]{2,}){0,4}\s+"
    r"(?:of\s+the|of|at\s+the|at|du|de\s+la|de\s+l['’]|des|der|des|beim|bei\s+der|vom|von\s+der)\s*$"
)
#: A body, then who represents or leads it, then the person: "ORG, vertreten durch seinen Generaldirektor X",
#: "ORG unter Leitung von Herrn X", "ORG, représentée par sa présidente, Mme X", "ORG, led by X".
_LED_BY = re.compile(
    r"^\s*(?:\([^)]{0,25}\))?\s*,?\s*(?:vertreten\s+durch|représentée?\s+par|represented\s+by|"
    r"(unter\s+(?:der\s+)?Leitung\s+von|sous\s+la\s+(?:présidence|direction)\s+de|présidée?\s+par|dirigée?\s+par|"
    r"led\s+by|chaired\s+by|headed\s+by))"
    r"[^.;:()]{0,60}$",
    re.I,
)
_APPOSITION = re.compile(r"^\s*(?:\([^)]{0,25}\))?\s*,?\s*$")


def _member_of(s: Sentence, people: list[Mention], orgs: list[Mention]) -> list[TieMention]:
    out: list[TieMention] = []
    for p in people:
        # "Name (r.), Rolle des/der ORG [und des ORG2]" or "Name vom ORG"
        for o in orgs:
            if o.start < p.end:
                continue
            gap = s.flat[p.end - s.start : o.start - s.start]
            if len(gap) > 90 or any(x.start < o.start and x.start > p.end for x in people):
                continue
            role_m = _ROLE.search(gap)
            head = gap[: role_m.start()] if role_m else gap
            if role_m and not _APPOSITION.match(head):
                continue
            if not role_m and re.match(r"^\s*\(\s*$", gap) and s.flat[o.end - s.start : o.end - s.start + 1] == ")":
                # "Hauptgeschäftsführer Axel Bender (Handwerkskammer Trier)": the body in brackets
                out.append(TieMention(TieType.MEMBER_OF, p, o, _office_of(s, p), 0.65))
                continue
            if not role_m and not re.match(
                r"^\s*(?:\([^)]{0,25}\))?\s*,?\s*(?:vom|von\s+der|von\s+den|de\s+la|du|de\s+l['’])\s*$", gap
            ):
                if _UNLISTED_ROLE.match(gap):  # "Paul Reuter, Gewerkschaftssekretär beim Pendlerverband ..."
                    out.append(TieMention(TieType.MEMBER_OF, p, o, None, 0.6))
                continue
            tail = gap[role_m.end() :] if role_m else gap
            if role_m and not (_OF.search(tail) or re.search(r"\b(?:und|et)\s+(?:des|der|de\s+la|du)\s*$", tail)):
                continue
            if len(tail) > 60:
                continue
            role, public = ROLES[role_m.group(1)] if role_m else (None, False)
            if role is None:  # "die Projektleiterin Petra Hollmann vom Verein ...": the office before the name
                role = _office_of(s, p)
            p.public = p.public or public
            out.append(TieMention(TieType.MEMBER_OF, p, o, role, 0.8 if role else 0.65))
        # "Rolle des ORG, Name" / "Rolle ORG Name"
        for o in orgs:
            if o.end > p.start:
                continue
            gap_po = s.flat[o.end - s.start : p.start - s.start]
            led = _LED_BY.match(gap_po)
            if led and not any(o.end <= x.start and x.end <= p.start for x in [*orgs, *people]):
                # "ORG, vertreten durch seinen Verbandsvorsteher, Herrn Landrat X", "ORG unter Leitung von X"
                role_m = _ROLE.search(gap_po) or _ROLE.search(s.flat[p.end - s.start : p.end - s.start + 40])
                role = ROLES[role_m.group(1)][0] if role_m else _office_of(s, p) or ("head" if led.group(1) else None)
                p.public = p.public or bool(role_m and ROLES[role_m.group(1)][1])
                out.append(TieMention(TieType.MEMBER_OF, p, o, role, 0.7))
                continue
            if not re.match(r"^\s*,?\s*(?:(?:Dr|Prof)\.\s*|(?:Herr|Frau|M\.|Mme\.?|Madame|Monsieur)\s+)*$", gap_po):
                continue
            before = s.flat[max(0, o.start - s.start - 60) : o.start - s.start]
            role_m = None
            for m in _ROLE.finditer(before):
                role_m = m
            if role_m and _OF.search(before[role_m.end() :]) and len(before) - role_m.end() < 25:
                role_at = o.start - len(before) + role_m.start()
                if any(
                    q is not p
                    and q.end <= role_at
                    and role_at - q.end < 30
                    and not re.search(r"\b(?:und|et)\b", s.flat[q.end - s.start : role_at - s.start])
                    for q in people
                ):
                    continue  # "Name (r.), Vorsitzende des X, Other": the role is the first person's
                role, public = ROLES[role_m.group(1)]
                p.public = p.public or public
                out.append(TieMention(TieType.MEMBER_OF, p, o, role, 0.75))
    return out


#: Offices held in one kind of body, by the body's head word: a mayor in a town's administration,
#: a Landrat in a Landkreis.
_OFFICE_BODIES = {
    "mayor": frozenset(
        "Stadt Gemeinde Verbandsgemeinde Ortsgemeinde Kreisstadt Landeshauptstadt Stadtverwaltung Ville Commune Mairie".split()
    ),
    "deputy mayor": frozenset(
        "Stadt Gemeinde Verbandsgemeinde Ortsgemeinde Kreisstadt Stadtverwaltung Ville Commune Mairie".split()
    ),
    "district administrator": frozenset({"Landkreis", "Kreisverwaltung", "Eifelkreis"}),
}
_ADDRESS_GAP = re.compile(r"^\s*,?\s*(?:(?:Dr|Prof)\.?\s*|(?:Herr|Herrn|Frau|M\.|Mme\.?|Madame|Monsieur)\s+)*$")


def _office_of(s: Sentence, p: Mention) -> str | None:
    """The office a sentence gives a person right before or after the name: "Bürgermeister Thomas
    Lenz", "la bourgmestre, Mme Georgette Mathieu", "Philippe Klein, adjoint au maire"."""
    before = s.flat[max(0, p.start - s.start - 40) : p.start - s.start]
    last = None
    for m in _ROLE.finditer(before):
        last = m
    if last and _ADDRESS_GAP.match(before[last.end() :]):
        return ROLES[last.group(1)][0]
    after = re.match(r"^\s*,\s*(?:la\s+|le\s+|l['’])?", s.flat[p.end - s.start :])
    if after:
        role = _ROLE.match(s.flat, p.end - s.start + after.end())
        if role:
            return ROLES[role.group(1)][0]
    return None


def _member_by_office(s: Sentence, people: list[Mention], orgs: list[Mention], done: set[int]) -> list[TieMention]:
    """MEMBER_OF from a person whose office belongs to one kind of body to the one body of that
    kind the sentence names: "Für den Landkreis unterschrieb Landrat Markus Brenner"."""
    out: list[TieMention] = []
    for p in people:
        if id(p) in done:
            continue
        office = _office_of(s, p)
        bodies = [o for o in orgs if office in _OFFICE_BODIES and o.name.split()[0] in _OFFICE_BODIES[office]]
        if len({o.name for o in bodies}) == 1:
            p.public = True
            out.append(TieMention(TieType.MEMBER_OF, p, bodies[0], office, 0.65))
    return out


_ORGANISER = re.compile(
    r"\b(von|organisiert\w*|veranstalte\w*|durchgeführt|durchführte\w*|ausgerichtet|richtete\w*\s+aus|gemeinsam\s+mit|zusammen\s+mit|lud\w*|"
    r"initiiert\w*|organisé\w*|organise\w*|organisent|co-organisé\w*|à\s+l['’]initiative|à\s+l['’]invitation|par|mit\s+dem|mit\s+der|"
    r"by|organi[sz]ed|together\s+with)\b",
    re.I,
)
#: Verbs that make the actors of a sentence the organisers of its event.
_ORGANISING = re.compile(
    r"\b(organisier\w*|veranstalte\w*|durchführ\w*|durchgeführt|ausgerichtet|auszurichten|richte\w*\s+\w*\s*aus|"
    r"lad(?:en|t)\b[^;]{0,160}\bein\b|lädt|eingeladen|anbiet\w*|bieten\b[^;]{0,120}\ban\b|bietet\b[^;]{0,120}\ban\b|organis(?:e|ent|é|ée|és|ées)|"
    r"co-organis\w*|lancent|lance|proposent|invitent|invite|Mitveranstalter|Veranstalter|initiiert\w*|"
    r"organi[sz]e[sd]?|invites|launch(?:es|ed)|runs|presented|holds|held\s+by|anzubieten|auszurichten|durchzuführen|zu\s+organisieren)",
    re.I,
)
_HOST = re.compile(
    r"(?:\b(?:in\s+der|im|in\s+den\s+Räumen\s+der|bei\s+der|beim|dans\s+les\s+locaux\s+de|accueilli\w*\s+par(?:\s+la|\s+le|\s+l['’])?|chez|"
    r"at\s+the|hosted\s+by(?:\s+the)?|on\s+the\s+premises\s+of(?:\s+the)?|au|à\s+la|à\s+l['’])(?:\s*(?:centre|salle|espace|foyer)(?:\s+[a-zéèêô]+)?)?\s*)$",
    re.I,
)
_SPEAKER = re.compile(
    r"\b(Podiumsdiskussion|Vortrag|Referent\w*|referierte|berichtete\w*|stellte\w*|präsentierte\w*|sprach|spricht|sprechen|sagt|sagte|"
    r"Grußwort|eröffne\w*|begrüßte?|intervention|allocution|discours|a\s+ouvert|ouvert\w*\s+par|welcome\s+by|welcomed|intervenant\w*|a\s+présenté|présentera|présente\b|présenté\w*\b[^.]{0,80}\bpar|a\s+pris\s+la\s+parole|conférence\s+de|exposé|"
    r"said|says|spoke|speakers?|lectures?|opened|opening|keynote|talks?\s+by|presented|"
    r"anim(?:e|era|eront|ent|é|ée)|moderiert\w*|moderated|chaired)\b",
    re.I,
)
_PARTICIPANT = re.compile(
    r"\b(Teilnehmer\w*|teilgenommen|(?:nahmen?|nehmen|nimmt)\b[^.;:]{0,200}?\bteil\b|beteilig(?:en|t|ten)\s+sich|participeront|participent|zu\s+Gast|"
    r"brought\s+together|brings\s+together|bring\s+together|gathered|(?:a|ont|avait)\s+réuni|réuni(?:t|ssait|ra|ront)|"
    r"rassembl(?:e|ent|é|ait|era)|brachte\w*\b[^.;:]{0,200}?\bzusammen\b|versammelte\w*|waren\s+vertreten|Gäste|participants?|ont\s+participé|a\s+participé|"
    r"Vertreter\w*\s+(?:der|des|von|aus)|représentant\w*\s+(?:de|du|des|d['’])|délégations?\s+(?:de|du|des|d['’])|"
    r"en\s+présence\s+de|Experten\s+(?:von|des|der)|attended|took\s+part|take\s+part|representatives\s+of)\b",
    re.I,
)


#: Organisers named after a word for them: "Veranstalter sind die Stadt X und ...", "organisateurs : ...".
_ORGANISERS_ARE = re.compile(
    r"\b(?:Veranstalter(?:in)?|Mitveranstalter|Ausrichter|Träger|organisateurs?|organisatrices?|(?:mené|porté)e?s?\s+par|"
    r"(?:co-)?organisée?s?\s+par|(?:organisiert|veranstaltet|ausgerichtet)\s+(?:von|vom|durch)|"
    r"organi[sz]ers?|organi[sz]ed\s+by|run\s+by|led\s+by)"
    r"\s*(?:ist|sind|waren|war|:)?\s*(?:die|der|das|den|dem|le|la|les|l['’])?\s*$",
    re.I,
)


#: Supporters and funders of an event, who take part in it: "avec le soutien du X et de la Y", "soutenu par",
#: "gefördert von", "mit Unterstützung der", "Finanziert wird ... von", "funded by", "with the support of".
_SUPPORTED_BY = re.compile(
    r"(?:\b(?:avec\s+le\s+soutien|avec\s+l['’]appui|grâce\s+au\s+soutien|with\s+the\s+support|"
    r"mit\s+(?:der\s+)?Unterstützung|mit\s+(?:der\s+)?Förderung)\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’]|der|des|von|of\s+the|of)|"
    r"\b(?:soutenue?s?|financée?s?|cofinancée?s?|subventionnée?s?)\s+par|"
    r"\b(?:gefördert|unterstützt|finanziert|getragen)\s+(?:von|durch)|"
    r"\b(?:[Ff]inanziert|[Gg]efördert|[Uu]nterstützt)\s+wird\s+[^;:]{0,80}?\b(?:von|durch)|"
    r"\b(?:funded|co-funded|supported|sponsored|financed)\s+by)"
    r"\s*(?:the|la|le|les|l['’]|der|die|das|dem|den)?\s*$"
)
#: The partners an event is organised with: "organisée avec la X", "in Zusammenarbeit mit der X", "in cooperation with".
_ORGANISED_WITH = re.compile(
    r"\b(?:(?:organisée?s?|organisiert|organi[sz]ed|veranstaltet|durchgeführt)\s+(?:avec|mit|with)|"
    r"in\s+Zusammenarbeit\s+mit|in\s+Kooperation\s+mit|en\s+partenariat\s+avec|en\s+collaboration\s+avec|"
    r"avec\s+le\s+concours\s+d(?:e\s+la|e\s+l['’]|u|es|e)|in\s+(?:cooperation|partnership|collaboration)\s+with)"
    r"\s*(?:the|la|le|les|l['’]|der|die|das|dem|den)?\s*$",
    re.I,
)
#: Who invites to an event hosts it: "à l'invitation de la Commune de X", "auf Einladung der Stadt X".
_INVITED_BY = re.compile(
    r"(?:\b(?:à\s+l['’]invitation|sur\s+(?:l['’])?invitation|auf\s+Einladung|on\s+the\s+invitation|at\s+the\s+invitation)\s+"
    r"(?:de\s+la|de\s+l['’]|du|des|de|d['’]|der|des|von|vom|of\s+the|of))\s*(?:the|der|die|das|dem|den)?\s*$",
    re.I,
)
#: Verbs of hosting, the host before them: "X hosted the workshop", "X accueille à Eupen une rencontre", "X empfing ...".
_HOSTING = re.compile(
    r"\b(?:host(?:s|ed)|(?:will|to)\s+host|accueill(?:e|ent|ait|aient|era|eront)|a\s+accueilli|empf(?:ängt|ing|ingen)|ist\s+Gastgeber\w*)\b",
    re.I,
)
#: A German passive of funding, its verb at the end: "wird von der X und dem Y gefördert".
_FUNDED_AT_END = re.compile(
    r"\b(?:gefördert|unterstützt|finanziert|kofinanziert)\s*(?:werden|wird|worden)?\s*[.!]?\s*$"
)
_BY = re.compile(r"\b(?:von|durch)\s*(?:der|die|das|dem|den)?\s*$")
#: From one listed body to the next after a cue, the cue's preposition repeated or not
#: ("par X et par Y", "du X et de la Y", "von der X und dem Y").
_LIST_NEXT = re.compile(
    r"^\s*(?:,|und|et|sowie|ainsi\s+que|and|,\s*and|or|oder|ou)\s*"
    r"(?:(?:par|de\s+la|de\s+l['’]|du|des|de|d['’]|von|vom|by|durch|of)\s*)?"
    r"(?:the|der|die|das|dem|den|la|le|les|l['’])?\s*$"
)


def _listed_after(s: Sentence, cue: re.Pattern[str], orgs: list[Mention]) -> list[Mention]:
    """The organisations a cue right before names, and those listed after the first ("par X et par Y")."""
    out: list[Mention] = []
    for o in sorted(orgs, key=lambda x: x.start):
        if out and _LIST_NEXT.match(s.flat[out[-1].end - s.start : o.start - s.start]):
            out.append(o)
        elif cue.search(s.flat[max(0, o.start - s.start - 90) : o.start - s.start]):
            out.append(o)
        elif out and not any(o is x for x in out) and o.start > out[-1].end:
            break
    return out


#: What makes an organisation before a verb of organising no subject of it: a place, a beneficiary, a venue.
_NOT_SUBJECT = re.compile(
    r"\b(?:in|im|ins|dans|à|au|aux|at|bei|beim|für|pour|for|nach|vers|to|aus|from|an|auf|sur|on)\s+"
    r"(?:der|die|das|dem|den|des|la|le|les|l['’]|the)?\s*$",
    re.I,
)


def _organises(s: Sentence, a: Mention) -> bool:
    """Whether the organisation ``a`` is named before a verb of organising and not after a preposition:
    "Die Stadt X und die Y laden ... zum Runden Tisch ein", "das die Stadt X ... anbietet", "Z invites ..."."""
    if a.type is not _O or _NOT_SUBJECT.search(s.flat[max(0, a.start - s.start - 20) : a.start - s.start]):
        return False
    return any(v.start() >= a.end - s.start for v in _ORGANISING.finditer(s.flat))


#: A word of partnership after the named organisers, before their partners.
_PARTNERS_AFTER = re.compile(
    r"^[^.;:]{0,80}?\b(?:together\s+with|gemeinsam\s+mit|zusammen\s+mit|en\s+partenariat\s+avec|en\s+lien\s+avec|"
    r"in\s+(?:partnership|cooperation)\s+with)\b"
)
#: From one partner to the next in a list, the place the first is from allowed in between ("Y from A and Z").
_LISTED_WITH_PLACE = re.compile(
    r"^(?:\s*(?:from|aus|de|d['’]|in)\s+[^,;]{1,40}?)?\s*(?:,|and|und|et|sowie|,\s*and)\s*"
    r"(?:the|der|die|das|dem|den|la|le|les|l['’])?\s*$"
)


#: Who is present at an event: "en présence de la X", "im Beisein der X", "in the presence of the X".
_PRESENCE = re.compile(
    r"\b(?:en\s+présence|in\s+(?:the\s+)?presence|im\s+Beisein|in\s+Anwesenheit)\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]|der|des|von|of\s+the|of)\s*$",
    re.I,
)
#: Between a person and the body the person is from: "Tom Schmit of the", "Axel Bender (", "Lena Hoffmann vom".
_AFFILIATION_GAP = re.compile(
    r"^\s*(?:,\s*[^,;()]{0,60}?\s+)?(?:of\s+the|of|at\s+the|from\s+the|from|vom|von\s+der|von\s+den|beim|bei\s+der|"
    r"de\s+la|de\s+l['’]|du|des|der|d['’]|\()\s*$"
)
#: The dash between an event and its organiser in a page's title.
_TITLE_DASH = re.compile(r"^\s+[–—|]\s+$")
#: A body's session, named by the body: its members take part, the body is not said to organise it.
_SESSION = re.compile(r"^(?:\w+\s+)?(?:séance|sitzung|session|\w*ratssitzung)\b", re.I)
#: A sentence that opens at its event: "In a panel on ..., A and B announced", "Beim Fachtag stellten A und B ... vor".
_AT_EVENT = re.compile(
    r"^\W*(?:In|At|During|Bei|Beim|Auf|Während|Zur|Zum|Au|Aux|À\s+la|À\s+l['’]|Lors\s+d|Au\s+cours\s+d|Pendant)\b"
)


def _participated(
    s: Sentence, events: list[Mention], actors: list[Mention], affiliations: frozenset[int] = frozenset()
) -> list[TieMention]:
    """PARTICIPATED_IN from ``actors`` to ``events``; a body named as a person's affiliation
    (``affiliations``, by id: "Tom Schmit of the Ministry", "Axel Bender (Handwerkskammer Trier)")
    takes part only where a cue names it itself."""
    out: list[TieMention] = []
    orgs = [o for o in actors if o.type is _O]
    named: list[Mention] = []
    for o in orgs:
        if _ORGANISERS_ARE.search(s.flat[max(0, o.start - s.start - 40) : o.start - s.start]):
            named += [x for x in _coordinated(s, o, orgs, backwards=False) if all(x is not y for y in named)]
    # "organisée par X et par Y", "organisiert von der X und vom Y"; "organisée avec X", "in Zusammenarbeit mit X"
    named += [x for x in _listed_after(s, _ORGANISERS_ARE, orgs) if all(x is not y for y in named)]
    if events:
        named += [x for x in _listed_after(s, _ORGANISED_WITH, orgs) if all(x is not y for y in named)]
    if named:
        # their partners: "organised by X, ..., together with Y from A and Z from B"
        after = s.flat[named[-1].end - s.start :]
        with_ = _PARTNERS_AFTER.search(after)
        partners = [o for o in orgs if with_ and o.start - named[-1].end >= with_.end()]
        for o in sorted(partners, key=lambda x: x.start):
            if o is partners[0] or _LISTED_WITH_PLACE.match(s.flat[named[-1].end - s.start : o.start - s.start]):
                named.append(o)
            else:
                break
    supporters = _listed_after(s, _SUPPORTED_BY, orgs)
    funded = _FUNDED_AT_END.search(s.flat)
    if funded:
        supporters += [
            o
            for o in _listed_after(s, _BY, orgs)
            if o.end - s.start <= funded.start() and all(o is not x for x in supporters)
        ]
    supporters = [o for o in supporters if all(o is not x for x in named)]
    # hosts: "à l'invitation de la Commune de X", "auf Einladung der Stadt X", "X hosted the workshop", "X accueille ... une rencontre"
    hosts = [o for o in _listed_after(s, _INVITED_BY, orgs) if all(o is not x for x in [*named, *supporters])]
    for verb in _HOSTING.finditer(s.flat):
        subject = [o for o in orgs if o.end - s.start <= verb.start()]
        if subject and not re.search(r"[;:]", s.flat[subject[-1].end - s.start : verb.start()]):
            hosts += [
                o
                for o in _coordinated(s, subject[-1], orgs, backwards=True)
                if not _NOT_SUBJECT.search(s.flat[max(0, o.start - s.start - 20) : o.start - s.start])
                and all(o is not x for x in [*named, *supporters, *hosts])
            ]
    for e in events:
        for a in named:
            out.append(TieMention(TieType.PARTICIPATED_IN, a, e, "organiser", 0.7))
        for a in supporters:
            if not (e.start <= a.start < e.end):
                out.append(TieMention(TieType.PARTICIPATED_IN, a, e, "participant", 0.6))
        for a in hosts:
            hosting = _HOSTING.search(s.flat, a.end - s.start)
            if not (e.start <= a.start < e.end) and (hosting is None or e.start - s.start >= hosting.end()):
                out.append(TieMention(TieType.PARTICIPATED_IN, a, e, "host", 0.6))
        for a in actors:
            if any(a is o for o in [*named, *supporters, *hosts]) or id(a) in affiliations:
                continue
            if any(o is not a and o.start <= a.start and a.end <= o.end for o in actors):
                continue  # the body a unit's name holds ("Kreistag des Landkreises X") is the unit's, not the event's
            if e.start <= a.start < e.end:
                # inside the event's name, or begun in it ("Veranstaltung des Vereins Brücken e.V.") ("Veranstaltung von IRT und Himmeroder Forum"), not the body
                # whose session it is ("Séance du Conseil municipal", "Sitzung des Arbeitskreises")
                role = (
                    "organiser"
                    if re.search(r"\b(von|vom|der|de|des|du)\b", s.flat[e.start - s.start : a.start - s.start])
                    and not _SESSION.match(e.name)
                    else None
                )
                if role:
                    out.append(TieMention(TieType.PARTICIPATED_IN, a, e, role, 0.75))
                continue
            gap = _between(s, a, e)
            before_a = s.flat[max(0, a.start - s.start - 40) : a.start - s.start]
            role, conf = None, 0.0
            if _PRESENCE.search(before_a):
                role, conf = "participant", 0.6  # "en présence de X", "im Beisein von X"
            elif a.start > e.end and _TITLE_DASH.match(gap) and not s.flat[a.end - s.start :].strip():
                role, conf = (
                    "organiser",
                    0.55,
                )  # a page's title "Jobmesse Bliesgau-Moselle 2026 – Wirtschaftsförderung X"
            elif a.type is _O and a.start > e.end and _HOST.search(before_a) and len(gap) < 60:
                role, conf = "host", 0.7
            elif a.start > e.end and re.match(r"^\s*(?:von|de|des|du|der)\s*$", gap):
                role, conf = "organiser", 0.8
            elif a.start > e.end and re.search(r"\b(?:von|de)\s+(?:\w+,\s+)*$", gap) and len(gap) < 80 and "," in gap:
                role, conf = "organiser", 0.7
            elif a.type is _P and _SPEAKER.search(s.flat):
                role, conf = "speaker", 0.65
            elif _ORGANISER.search(gap if len(gap) < 80 else "") or re.search(
                r"\b(organisierte|veranstaltete|durchführte|organise|organisent|a\s+organisé|ont\s+organisé)\b",
                s.flat,
                re.I,
            ):
                role, conf = "organiser", 0.6
            elif _organises(s, a):
                role, conf = "organiser", 0.55
            elif _PARTICIPANT.search(s.flat) or (
                _AT_EVENT.match(s.flat) and e.start - s.start < 40 and a.start > e.end
            ):
                role, conf = "participant", 0.5
            if role:
                out.append(TieMention(TieType.PARTICIPATED_IN, a, e, role, conf))
    return out


_AGREEMENT_TOPIC = re.compile(r"\b(zur|zum|über|sur|relative|relatif|pour|on)\b")
_BETWEEN_PARTIES = re.compile(r"\b(zwischen|entre|between)\b", re.I)
_INITIATIVE = re.compile(r"(?:\b(?:Initiative|initiative)\s+(?:der|des|von|de\s+la|du|de\s+l['’])\s*)$")


#: Verbs of signing: the persons a sentence names before them sign the agreement it names after them.
_SIGNED = re.compile(
    r"\b(unterzeichne\w*|unterschreib\w*|unterschrieb\w*|signé\w*|signent|signe|paraphé\w*|paraphent|signed|sign|signs)\b",
    re.I,
)


def _signatories(s: Sentence, agreements: list[Mention], people: list[Mention]) -> list[TieMention]:
    """PARTY_TO (signatory) from persons to the agreement they are said to sign:
    "Le maire, Pierre Lambert, et la présidente, Sophie Renard, ont signé une convention"."""
    out: list[TieMention] = []
    for g in agreements:
        for p in people:
            if p.end > g.start:
                continue
            verb = _SIGNED.search(s.flat[p.end - s.start : g.start - s.start])
            if verb and not re.search(r"[.;:]", s.flat[p.end - s.start : p.end - s.start + verb.start()]):
                out.append(TieMention(TieType.PARTY_TO, p, g, "signatory", 0.6))
    return out


def _party_to(s: Sentence, agreements: list[Mention], orgs: list[Mention]) -> list[TieMention]:
    out: list[TieMention] = []
    for g in agreements:
        for o in orgs:
            if g.start <= o.start and o.end <= g.end:
                # "Vereinbarung der Stadt X, der Landkreise Y und Z sowie der W zur Integration ...":
                # the parties named between the head and what the agreement is about
                inside = s.flat[g.start - s.start : o.start - s.start]
                if not _AGREEMENT_TOPIC.search(inside):
                    out.append(TieMention(TieType.PARTY_TO, o, g, "party", 0.75))
                continue
            before_o = s.flat[max(0, o.start - s.start - 40) : o.start - s.start]
            if _INITIATIVE.search(before_o):
                out.append(TieMention(TieType.PARTY_TO, o, g, "initiating party", 0.7))
                continue
            gap = _between(s, o, g)
            if o.start > g.end:
                # "Vereinbarung der Stadt ..., der Landkreise ... sowie der IRT zur ..." (inside the agreement's span
                # the parties are skipped, so they follow the head) or "entre A et B"
                out.append(
                    TieMention(
                        TieType.PARTY_TO,
                        o,
                        g,
                        "party",
                        0.7 if _BETWEEN_PARTIES.search(s.flat) or len(gap) < 200 else 0.5,
                    )
                )
            elif re.search(
                r"\b(haben|hat|unterzeichne\w*|abgeschlossen|geschlossen|signé\w*|signent|ont|a\s+signé|conclu\w*|aufgegriffen|"
                r"signed|concluded|have)\b",
                s.flat,
            ):
                out.append(TieMention(TieType.PARTY_TO, o, g, "party", 0.6))
    return out


_IN_PLACE = re.compile(
    r"^\s*(?:\([^)]{0,25}\)\s*(?:du|de|d['’])|(?:\([^)]{0,25}\))?\s*(?:in|im|à|au|aux|en|bei|près\s+de|near|aus|from))?\s*$"
)
_UNIT_PART = re.compile(r"^\s*(?:des|der|de\s+la|du|de\s+l['’]|im|in\s+der|dans\s+le)\s*$")
_MEMBER_OF_NETWORK = re.compile(
    r"\b(Mitglied\w*\s+(?:im|in\s+der|des|der)|membres?\s+(?:du|de\s+la|de)|members?\s+of(?:\s+the)?)\s*$"
)
_COOPERATION = re.compile(
    r"\b(gemeinsam\s+mit|zusammen\s+mit|conjointement\s+avec|en\s+collaboration\s+avec|Zusammenarbeit\s+(?:mit|zwischen)|arbeite\w*\s+(?:\w+\s+){0,4}zusammen|kooperier\w*|Kooperation\s+(?:mit|zwischen)|"
    r"Partnerschaft\s+(?:mit|zwischen)|en\s+partenariat\s+avec|partenariat\s+entre|coopèrent|coopère\s+avec|collaborent|"
    r"collabore\s+avec|en\s+coopération\s+avec|travaillent\s+ensemble|mit\s+Rat\s+zur\s+Seite|gemeinsam(?!e)|vereinbar(?:en|ten)|"
    r"ensemble|conjointement|s['’]associent|en\s+lien\s+avec|together\s+with|in\s+(?:cooperation|partnership|collaboration)\s+with|"
    r"jointly|work(?:s|ed)?\s+together|cooperat\w*|joint)\b",
    re.I,
)


_AT_PLACE = re.compile(r"\b(?:in|im|à|nach)\s*$")
#: A venue before the place it is in: "in der Stadthalle Saarburg", "à la salle des fêtes de
#: Mont-Saint-Martin", "à la médiathèque de Sarreguemines", "im Bürgerhaus Konz".
_AT_VENUE = re.compile(
    r"\b(?:in|im|à|au)\s+(?:der\s+|dem\s+|das\s+|den\s+|la\s+|le\s+|l['’]\s*)?"
    r"(?:[A-ZÄÖÜ][\w-]*(?:halle|haus|saal|zentrum|hof|bibliothek|schule|kirche|forum|museum)|"
    r"(?i:salle(?:\s+des\s+fêtes|\s+polyvalente|\s+communale)?|médiathèque|bibliothèque|mairie|hôtel\s+de\s+ville|"
    r"maison\s+des\s+associations|espace\s+culturel|centre\s+culturel|foyer\s+rural|gymnase|théâtre|musée))"
    r"\s*(?:de\s+la\s+|de\s+l['’]|du\s+|de\s+|d['’])?$"
)


def _where(s: Sentence, frames: list[Mention], places: list[Mention], orgs: list[Mention]) -> list[TieMention]:
    """LOCATED_IN from the one event or agreement of a sentence to the place it says
    things happen in, wherever in the sentence: "am 22. September fand in Daun das
    Netzwerktreffen statt", "ont signé le 29 juin à Sarrebruck l'Accord-cadre",
    "un colloque se tiendra le 14 mai à Esch-sur-Alzette". A place right after an
    organisation ("die Caritas in Trier") is the organisation's."""
    if len(frames) != 1:
        return []
    x = frames[0]
    out: list[TieMention] = []
    for pl in places:
        # a place inside the frame's name counts where the name places it ("Sprechstunde in Konz"),
        # not inside a quoted title ("Willkommen in Koblenz")
        if x.start <= pl.start < x.end and re.search(r"[„“”\"«»]", s.flat[x.start - s.start : pl.start - s.start]):
            continue
        before = s.flat[max(0, pl.start - s.start - 12) : pl.start - s.start]
        prep = _AT_PLACE.search(before)
        if not prep:
            before = s.flat[max(0, pl.start - s.start - 50) : pl.start - s.start]
            prep = _AT_VENUE.search(before)
        if not prep:
            continue
        at = pl.start - len(before) + prep.start()
        if any(0 <= at - o.end <= 2 for o in orgs) or any(o.start <= pl.start < o.end for o in orgs):
            continue
        out.append(TieMention(TieType.LOCATED_IN, x, pl, None, 0.6))
    return out


#: Verbs of working together, with "mit"/"avec" before the partner ("arbeitet seit 2019 mit der X zusammen",
#: "travaille depuis 2016 avec le Y", "coopère avec", "kooperiert mit").
_COOPERATING = re.compile(
    r"\b(arbeite[nt]?|arbeiteten|kooperier\w*|travaill\w*|coop[èe]r\w*|collabor\w*|works?|worked|prepared|partners?)\b",
    re.I,
)
_WITH = re.compile(r"\b(?:mit|avec|with)\b", re.I)
_TOGETHER_WITH = re.compile(
    r"^\W*(?:Gemeinsam|Zusammen|En\s+partenariat|En\s+coopération|En\s+lien|Together|In\s+cooperation|In\s+partnership)"
    r"\s+(?:mit|avec|with)\b",
    re.I,
)
_JOINED = re.compile(
    r"^\s*(?:,|und|et|sowie|ainsi\s+que|and|,\s*and)\s*(?:der|die|das|dem|den|des|la|le|les|l['’]|the)?\s*$"
)


#: What stands between "mit"/"avec" and the partner's name: an article, an adjective ("dem Interregionalen").
_ARTICLE_GAP = re.compile(r"^\s*(?:\w+\s*|l['’]\s*)?(?:[A-ZÄÖÜ]\w*(?:e|en|es|er)\s+)?$")


def _coordinated(s: Sentence, first: Mention, orgs: list[Mention], *, backwards: bool) -> list[Mention]:
    """``first`` and the organisations listed with it ("A, B und C")."""
    chain = [first]
    pool = sorted(orgs, key=lambda o: o.start, reverse=backwards)
    for o in pool:
        last = chain[-1]
        if backwards and o.end <= last.start and _JOINED.match(s.flat[o.end - s.start : last.start - s.start]):
            chain.append(o)
        elif not backwards and o.start >= last.end and _JOINED.match(s.flat[last.end - s.start : o.start - s.start]):
            chain.append(o)
    return chain


def _cooperation(s: Sentence, orgs: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Pairs of organisations a verb of working together joins through "mit"/"avec",
    and "Gemeinsam mit X will Y ...": X and the next organisation named."""
    pairs: list[tuple[Mention, Mention]] = []
    base = s.start
    together = _TOGETHER_WITH.match(s.flat)
    if together:
        after = sorted((o for o in orgs if o.start - base >= together.end()), key=lambda o: o.start)
        if after:
            partners = _coordinated(s, after[0], orgs, backwards=False)
            rest = [o for o in after if o not in partners]
            if rest:
                pairs += [(rest[0], p) for p in partners]
    for verb in _COOPERATING.finditer(s.flat):
        if verb.group(1).lower().startswith("arbeit") and not re.search(r"\bzusammen\b", s.flat[verb.end() :]):
            continue
        with_ = _WITH.search(s.flat, verb.end(), verb.end() + 60)
        if not with_:
            continue
        left = [o for o in orgs if o.end - base <= verb.start()]
        right = [
            o
            for o in orgs
            if o.start - base >= with_.end() and _ARTICLE_GAP.match(s.flat[with_.end() : o.start - base])
        ]
        if not left or not right:
            continue
        subject = max(left, key=lambda o: o.end)
        if re.search(r"[;:]", s.flat[subject.end - base : verb.start()]):
            continue
        for a in _coordinated(s, subject, orgs, backwards=True):
            for b in _coordinated(s, right[0], orgs, backwards=False):
                pairs.append((a, b))
    return pairs


_UNIT_WORDS = re.compile(
    r"^(?:\w+-)?(Arbeitsgruppe|AG|Arbeitskreis|Regionaldirektion|Geschäftsstelle|Abteilung|Referat|Koordinierungsstelle|Servicestelle|"
    r"Beratungsstelle|Vorstand|Geschäftsführung|Kreistag|Stadtrat|Gemeinderat|Ortsbeirat|Groupe\s+de\s+travail|Commission|Service|"
    r"Direction|Conseil\s+municipal|Bureau)\b",
    re.I,
)


def _is_unit(name: str) -> bool:
    """Names of bodies that belong to another ("Regionaldirektion ... der Bundesagentur", "Groupe de travail ... du Conseil")."""
    return bool(_UNIT_WORDS.match(name))


#: Words that refer back to the event of the sentence before ("nimmt daran teil", "y participeront", "will attend it").
_BACK_TO_EVENT = re.compile(r"\b(daran|dabei|dort|y|there|it|de\s+la\s+partie|mit\s+dabei|auch\s+dabei)\b", re.I)


def _previous_event(s: Sentence, mentions: list[Mention], previous: list[Mention]) -> list[TieMention]:
    """PARTICIPATED_IN from the actors of a sentence that names no event but refers back to the one event
    of the sentence before ("Die Übung findet am 17. Mai statt. Das DRK nimmt daran teil.")."""
    events = [m for m in previous if m.type is _E]
    if len(events) != 1 or any(m.type is _E for m in mentions):
        return []
    orgs = [m for m in mentions if m.type is _O]
    if _ORGANISERS_ARE.match(s.flat.strip()) or re.match(
        r"^\W*(?:Veranstalter|Organisateurs?|Organi[sz]ers?)\b", s.flat
    ):
        # "Veranstalter sind die X und die Y.", "Organisateurs : X, Y": the event of the sentence before
        return [
            TieMention(TieType.PARTICIPATED_IN, o, events[0], "organiser", 0.55)
            for o in _listed_after(s, _ORGANISERS_ARE, orgs)
            or (_coordinated(s, orgs[0], orgs, backwards=False) if orgs else [])
        ]
    if not _BACK_TO_EVENT.search(s.flat):
        return []
    speaking = _SPEAKER.search(s.flat)
    taking_part = _PARTICIPANT.search(s.flat) or re.search(
        r"\b(teil|mit\s+dabei|de\s+la\s+partie|participer\w*|participe\w*|attend\w*|join\w*|vertreten|représenté\w*)\b",
        s.flat,
        re.I,
    )
    out = []
    for a in mentions:
        if a.type is _P and speaking:
            out.append(TieMention(TieType.PARTICIPATED_IN, a, events[0], "speaker", 0.5))
        elif a.type in _ACTORS and taking_part:
            out.append(TieMention(TieType.PARTICIPATED_IN, a, events[0], "participant", 0.5))
    return out


def relations(s: Sentence, mentions: list[Mention], previous: list[Mention] | None = None) -> list[TieMention]:
    """The ties ``s`` states between its ``mentions`` (see the module docstring); ``previous`` are the
    mentions of the sentence before, whose one event a sentence may refer back to."""
    orgs = [m for m in mentions if m.type is _O]
    people = [m for m in mentions if m.type is _P]
    events = [m for m in mentions if m.type is _E]
    agreements = [m for m in mentions if m.type is _A]
    places = [m for m in mentions if m.type is _L]
    out = _member_of(s, people, orgs)
    out += _member_by_office(s, people, orgs, {id(t.source) for t in out})
    referred = referred_event(s, mentions, previous or [])
    if referred is None:
        out += _previous_event(s, mentions, previous or [])
        out += [
            TieMention(TieType.PARTICIPATED_IN, p, e, role, 0.55)
            for p, e, role in session_roles(s, mentions, previous or [])
        ]
        out += [
            TieMention(TieType.PARTICIPATED_IN, a, e, "speaker", 0.5)
            for a, e in programme_roles(s, mentions, previous or [])
        ]
    affiliations = frozenset(
        [id(t.target) for t in out if t.type is TieType.MEMBER_OF]
        + [
            id(o)
            for o in orgs
            for p in people
            if p.end <= o.start and _AFFILIATION_GAP.match(s.flat[p.end - s.start : o.start - s.start])
        ]
    )
    out += _participated(
        s, [referred] if referred else events, [m for m in mentions if m.type in _ACTORS], affiliations
    )
    out += _party_to(s, agreements, orgs)
    out += _signatories(s, agreements, people)
    out += _where(s, [*events, *agreements], places, orgs)
    for x in [*orgs, *events]:
        for pl in places:
            if pl.start >= x.end and _IN_PLACE.match(s.flat[x.end - s.start : pl.start - s.start]):
                out.append(TieMention(TieType.LOCATED_IN, x, pl, None, 0.7))
            if (
                pl.how == "adjective"
                and pl.end <= x.start
                and re.match(r"^\s*$", s.flat[pl.end - s.start : x.start - s.start])
            ):
                out.append(TieMention(TieType.LOCATED_IN, x, pl, None, 0.65))
    for o in orgs:
        if o.place is not None:
            at = next((p for p in places if p.entry is not None and p.entry.id == o.place.id), None)
            if at is not None:
                out.append(TieMention(TieType.LOCATED_IN, o, at, None, 0.7))
        for other in orgs:
            if other is o:
                continue
            gap = s.flat[o.end - s.start : other.start - s.start] if other.start >= o.end else None
            if o.parent is not None and other.name == o.parent:
                out.append(TieMention(TieType.PART_OF, o, other, None, 0.75))
            elif gap is not None and (o.kind == "working_group" or _is_unit(o.name)) and _UNIT_PART.match(gap):
                out.append(TieMention(TieType.PART_OF, o, other, "working group", 0.7))
            elif (
                gap is not None
                and _MEMBER_OF_NETWORK.search(s.flat[: other.start - s.start])
                and len(gap) < 40
                and other.kind == "network"
            ):
                out.append(TieMention(TieType.PART_OF, o, other, "member", 0.6))
    found = _cooperation(s, orgs)
    for a, b in found:
        if a.name != b.name and not (a.start <= b.start and b.end <= a.end):
            out.append(TieMention(TieType.COOPERATES_WITH, a, b, None, 0.6))
    cue = _COOPERATION.search(s.flat)
    if cue and not found and len(orgs) >= 2 and not agreements and not (events and _ORGANISING.search(s.flat)):
        left = [o for o in orgs if o.end - s.start <= cue.start()]
        right = [o for o in orgs if o.start - s.start >= cue.end()]
        pairs = (
            [(a, right[0]) for a in left] if right and cue.group(0).lower().rstrip().endswith(("mit", "avec")) else []
        )
        if not pairs:
            pairs = [(a, b) for i, a in enumerate(left) for b in left[i + 1 :]] or (
                [(left[-1], right[0])] if left and right else []
            )
        for a, b in pairs:
            if a.name != b.name and not (a.start <= b.start and b.end <= a.end):
                out.append(TieMention(TieType.COOPERATES_WITH, a, b, None, 0.55))
    return out
