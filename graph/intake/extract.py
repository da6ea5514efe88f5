"""From a document to a draft: proposals of nodes and ties with evidence.

:func:`extract` reads the sentences of a :class:`~graph.intake.documents.Document`,
finds the mentions in each (:mod:`graph.intake.mentions`) and the ties each
sentence states (:mod:`graph.intake.relations`), merges what names the same
node, and returns the draft (:mod:`graph.draft`) as a dict ready to be
written as JSON or YAML. The document becomes the draft's one source.

Every proposal is validated by the model before it is kept (a proposal
the model refuses, e.g. a place without a country, is left out), and every
evidence sentence has its contact data replaced by ``[…]``.

It stays one module: its steps (reading, coreference, abbreviations, names
the document itself gives, places implied by names, validation) are passes
of one pipeline over the same private proposal records, and split apart
they would have to share those records as public API.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from graph.contact import has_contact_data
from graph.ids import fold, node_id, slug
from graph.intake.documents import Document
from graph.intake.events import is_programme_line
from graph.intake.gazetteer import Entry, Gazetteer, build_gazetteer
from graph.intake.lexicon import (
    ABBREVIATIONS,
    ENGLISH_EVENT_HEADS,
    ENGLISH_HEADS,
    EVENT_HEADS,
    EVENT_SUFFIXES,
    LEGAL_FORMS,
    ORG_HEADS,
)
from graph.intake.mentions import Mention, find_mentions
from graph.intake.relations import TieMention, relations
from graph.intake.text import DateMention, Sentence, find_dates, name_key, sentences
from graph.model import (
    TIE_ENDPOINTS,
    Lang,
    LegalBasis,
    Node,
    NodeType,
    Source,
    Tie,
    TieType,
    Visibility,
)
from graph.privacy import is_private

_NODE = TypeAdapter(Node)
#: Kinds of place a gazetteer entry may carry.
_PLACE_KINDS = {"country", "region", "district", "city", "town", "quarter"}


#: Proposals merged into others (an abbreviation into the full name): old key -> new key.
_Merged = dict[str, str]


@dataclass
class _Proposal:
    key: str
    type: NodeType
    name: str
    entry: Entry | None = None
    mentions: list[tuple[Mention, Sentence]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)

    @property
    def confidence(self) -> float:
        best = max(m.confidence for m, _ in self.mentions)
        return round(min(0.95, best + 0.03 * (len(self.mentions) - 1)), 2)


def _key(m: Mention) -> str:
    if m.entry is not None:
        return m.entry.id
    return f"{m.type}:{fold(m.name)}"


def document_source(doc: Document) -> Source:
    """The source a draft cites: the document, with its title, date, publisher and URL where found."""
    title = doc.title or re.sub(r"\.\w+$", "", doc.name.replace("\\", "/").rsplit("/", 1)[-1])
    base = slug(title, max_len=60)
    sid = f"{base}-{doc.date.isoformat()}" if doc.date else base
    return Source(
        id=sid[:80].rstrip("-."),
        title=title[:300],
        publisher=doc.publisher[:300] if doc.publisher else None,
        date=doc.date,
        document=doc.name.replace("\\", "/").rsplit("/", 1)[-1],
        url=doc.url,
        language=Lang(doc.language) if doc.language in ("de", "fr", "en") else None,
    )


def _shift(dates: list[DateMention], by: int) -> list[DateMention]:
    return [DateMention(d.start + by, d.end + by, d.value, d.precision, d.relative) for d in dates]


def without_contact_data(text: str, mark: str = "[…]") -> str:
    """``text`` with every run of words that holds contact data
    (:func:`graph.contact.find_contact_data`, the one detector) replaced by ``mark``."""
    if not has_contact_data(text):
        return text
    words = re.split(r"(\s+)", text)
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = next((j for j in range(i, len(words)) if has_contact_data("".join(words[i : j + 1]))), None)
        if hit is None:
            out += words[i:]
            break
        # the shortest run that ends there, then every following word that belongs to it
        start = max(k for k in range(i, hit + 1) if has_contact_data("".join(words[k : hit + 1])))
        end = hit
        while end + 2 < len(words) and re.fullmatch(r"[\d/().+\-]+[.,;]?", words[end + 2]):
            end += 2
        out += words[i:start]
        out.append(mark)
        trailing = re.search(r"[.,;:!?]$", words[end])
        if trailing:
            out.append(trailing.group(0))
        i = end + 1
    return "".join(out)


def _evidence(source: str, m_start: int, m_end: int, s: Sentence) -> dict[str, Any]:
    return {"source": source, "start": m_start, "end": m_end, "text": without_contact_data(s.text)[:4000]}


def _coreference(props: dict[str, _Proposal], found: list[tuple[Sentence, list[Mention]]], merged: _Merged) -> None:
    """A person named by surname only ("Ministerpräsidentin Dreyer", "beschreibt
    Thömmes") is the person of that surname named in full elsewhere in the document."""
    full = {p.name.split()[-1]: p for p in props.values() if p.type is NodeType.PERSON and len(p.name.split()) > 1}
    for key, p in list(props.items()):
        if p.type is NodeType.PERSON and len(p.name.split()) == 1 and p.name in full and p.entry is None:
            full[p.name].mentions += p.mentions
            merged[key] = full[p.name].key
            del props[key]
    for s, mentions in found:
        for surname, p in full.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", s.flat):
                start = s.start + m.start()
                if any(x.start <= start < x.end for x in mentions):
                    continue
                p.mentions.append(
                    (Mention(NodeType.PERSON, start, start + len(surname), p.name, 0.6, "coreference"), s)
                )


def _initials(name: str) -> str:
    """ "Initiative Region Trier" -> IRT; "Industrie- und Handelskammer" -> IH (compounds count once)."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _event_words(name: str) -> set[str]:
    return {w for w in name_key(name).split() if not w.isdigit()}


def _merge_events(props: dict[str, _Proposal], merged: _Merged) -> None:
    """An event named again with more words is one event: "Jobmesse Bliesgau-Moselle 2026" in a page's
    title is the "dritte grenzüberschreitende Jobmesse Bliesgau-Moselle" of its text (not where the two
    are dated on different days)."""
    events = [p for p in props.values() if p.type is NodeType.EVENT and p.entry is None]

    def day(p: _Proposal) -> str | None:
        return next((m.date.value for m, _ in p.mentions if m.date is not None and m.date.precision == "day"), None)

    for p in events:
        words = _event_words(p.name)
        if len(words) < 2 or p.key not in props:
            continue
        targets = [
            q
            for q in events
            if q is not p
            and q.key in props
            and words < _event_words(q.name)
            and (day(p) is None or day(q) is None or day(p) == day(q))
        ]
        if len({t.key for t in targets}) == 1:
            targets[0].mentions += p.mentions
            targets[0].aliases.add(p.name)
            merged[p.key] = targets[0].key
            del props[p.key]


def _merge_abbreviations(props: dict[str, _Proposal], merged: _Merged) -> None:
    """An organisation found by its abbreviation alone ("ZIB", "IRT", "IHK") is the one
    the document names in full: introduced with it ("Zuwanderungs- und
    Integrationsbüro (ZIB)"), with the same initials ("Initiative Region Trier"), or
    whose name is the abbreviation written out ("IHK Trier", "Industrie- und Handelskammer Trier")."""
    orgs = [p for p in props.values() if p.type is NodeType.ORGANISATION]
    for key, p in list(props.items()):
        if (
            p.type is not NodeType.ORGANISATION
            or p.entry is not None
            or not re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,7}", p.name)
        ):
            continue
        written = ABBREVIATIONS.get(p.name)
        targets = [
            o
            for o in orgs
            if o is not p
            and key in props
            and (
                p.name in o.aliases
                or (len(p.name) >= 3 and _initials(o.name) == p.name)
                or (written and (fold(o.name).startswith(fold(written)) or fold(o.name).startswith(fold(p.name) + " ")))
            )
        ]
        if len({t.key for t in targets}) == 1:
            targets[0].mentions += p.mentions
            targets[0].aliases.add(p.name)
            merged[key] = targets[0].key
            del props[key]


def _merge_short_forms(props: dict[str, _Proposal], merged: _Merged) -> None:
    """An organisation named again without the word its name starts with is the one named in full:
    "Brückenbauer Trier e.V." under a press release is the "Verein Brückenbauer Trier e.V." of its
    text. The shorter name keeps at least two words, and only one organisation of the document may
    be its full form."""
    orgs = [p for p in props.values() if p.type is NodeType.ORGANISATION]
    for key, p in list(props.items()):
        words = fold(p.name).split()
        if p.type is not NodeType.ORGANISATION or p.entry is not None or len(words) < 2:
            continue
        targets = [o for o in orgs if o is not p and o.key in props and fold(o.name).split()[1:] == words]
        if len({t.key for t in targets}) == 1:
            targets[0].mentions += p.mentions
            targets[0].aliases.add(p.name)
            merged[key] = targets[0].key
            del props[key]


def _read(
    dated: list[tuple[Sentence, list[DateMention]]], gazetteer: Gazetteer
) -> tuple[dict[str, _Proposal], list[tuple[TieMention, Sentence]], list[tuple[Sentence, list[Mention]]], _Merged]:
    """One reading of the document: proposals by key, tie mentions, mentions by sentence, merges."""
    props: dict[str, _Proposal] = {}
    tie_mentions: list[tuple[TieMention, Sentence]] = []
    found: list[tuple[Sentence, list[Mention]]] = []
    for s, dates in dated:
        mentions = find_mentions(s, gazetteer, dates)
        found.append((s, mentions))
        for m in mentions:
            p = props.setdefault(_key(m), _Proposal(_key(m), m.type, m.name, m.entry))
            p.mentions.append((m, s))
            p.aliases.update(m.aliases)
            written = s.flat[m.start - s.start : m.end - s.start]
            if m.type is NodeType.PLACE and m.how in ("name", "inflected") and fold(written) != fold(m.name):
                p.aliases.add(written)  # "St. Vith" (Saint-Vith), "Luxembourg" (Luxemburg): as the text writes it
        # the sentence before, or the latest of the three before that named an event (a programme's
        # lines in a row count as one)
        before: list[list[Mention]] = []  # latest first
        counted = 0
        for x, ms in reversed(found[:-1]):
            before.append(ms)
            counted += not is_programme_line(x)
            if counted == 3:
                break
        previous = next((ms for ms in before if any(m.type is NodeType.EVENT for m in ms)), None)
        previous = previous if previous is not None else (found[-2][1] if len(found) > 1 else None)
        tie_mentions += [(t, s) for t in relations(s, mentions, previous)]
    merged: _Merged = {}
    _coreference(props, found, merged)
    _merge_abbreviations(props, merged)
    _merge_short_forms(props, merged)
    _merge_events(props, merged)
    return props, tie_mentions, found, merged


#: Head words too general to stand for one body of a document.
_GENERIC_HEADS = frozenset(
    {"Land", "AG", "Amt", "Amtes", "Amts", "Kreis", "Kreises", "Office", "Centre", "Union", "Forum"}
)


def _with_document_names(gazetteer: Gazetteer, props: dict[str, _Proposal]) -> Gazetteer:
    """``gazetteer`` plus the organisations and persons a first reading found (by name and alias),
    and a body's head word alone ("Conseil municipal", "der Landkreis") where one body of the document has it."""
    g = Gazetteer(
        dict(gazetteer.exact), dict(gazetteer.keyed), gazetteer.adjectives, gazetteer.max_words, gazetteer.small_towns
    )
    heads: dict[str, list[_Proposal]] = {}
    for p in props.values():
        if p.type is not NodeType.ORGANISATION or (p.entry is not None and p.entry.stored):
            continue
        first = p.mentions[0][0]
        entry = Entry(p.key, p.type, p.name, kind=first.kind, population=-1)
        words = p.name.split()
        # a body with a legal form is named without it as well ("MoselLink EGTC" is "MoselLink")
        bare = " ".join(words[:-1]) if len(words) > 1 and words[-1] in LEGAL_FORMS else ""
        bare = bare if len(bare) > 3 and not gazetteer.lookup(bare)[0] and bare not in ORG_HEADS else ""
        for label in [p.name, *p.aliases, *([bare] if bare else [])]:
            g.exact[fold(label)] = [*g.exact.get(fold(label), []), entry]
            key = name_key(label)
            if key:
                g.keyed[key] = [*g.keyed.get(key, []), entry]
            g.max_words = max(g.max_words, len(label.split()) + 1)
        found = re.match(r"^(.+?)\s+(?:de|du|des|d['’])\s*\S", p.name) if p.type is NodeType.ORGANISATION else None
        if found and len(found.group(1).split()) <= 3:
            heads.setdefault(found.group(1), []).append(p)
        elif first.kind and p.name.split()[0] in ORG_HEADS and len(p.name.split()) > 1:
            # "die Beratungsstelle", "den Landkreis": the German head word of the one body that has it
            lemma = p.name.split()[0]
            for form, (_kind, of) in ORG_HEADS.items():
                if of == lemma and form not in _GENERIC_HEADS:
                    heads.setdefault(form, []).append(p)
    by_head: dict[str, list[_Proposal]] = {}
    for p in props.values():
        if p.type is NodeType.EVENT:
            m, s = p.mentions[0]
            written = s.flat[m.start - s.start : m.end - s.start]
            words = re.findall(r"[\w-]+", written)
            event_heads = {fold(w) for w in words if w in EVENT_HEADS or w in ENGLISH_EVENT_HEADS}
            # a compound's last part ("die Messe" for "Jobmesse", "das Treffen" for "Netzwerktreffen")
            event_heads |= {sfx for w in words for sfx in EVENT_SUFFIXES if len(sfx) > 3 and fold(w).endswith(sfx)}
            for head in event_heads:
                by_head.setdefault(head, []).append(p)
    g.events = {}
    for h, ps in by_head.items():
        # an event named by its head alone, maybe with an adjective ("Gemeinsame Fachtag"), gives way
        # to the one event with that head named otherwise (its title): the text refers to that one
        named = [p for p in ps if not (len(p.name.split()) <= 2 and fold(p.name.split()[-1]).endswith(h))] or ps
        if len(named) == 1:
            g.events[h] = Entry(named[0].key, NodeType.EVENT, named[0].name)
    bodies: dict[str, list[_Proposal]] = {}
    for p in props.values():
        if p.type is NodeType.ORGANISATION and not (p.entry is not None and p.entry.stored):
            words = p.name.split()
            own = [w for w in words if w in ENGLISH_HEADS] if len(words) > 1 else []
            if not own and len(words) > 1 and words[0] not in _GENERIC_HEADS:
                own = [words[0]]  # "Réseau transfrontalier ...", "Pflegebildungszentrum Saar-Lor"
            for head in {fold(h) for h in own if h not in _GENERIC_HEADS and len(h) > 4}:
                bodies.setdefault(head, []).append(p)
    g.bodies = {h: Entry(ps[0].key, NodeType.ORGANISATION, ps[0].name) for h, ps in bodies.items() if len(ps) == 1}
    for head, owners in heads.items():
        # a head the first reading also took for a name of its own ("Conseil municipal" alone) is the one body's
        alone = all(e.population == -1 and fold(e.name) == fold(head) for e in g.exact.get(fold(head), []))
        alone = alone and (fold(head) not in g.exact or head.split()[0] in ORG_HEADS)
        if len(owners) == 1 and alone:
            owner = owners[0]
            g.exact[fold(head)] = [
                Entry(owner.key, owner.type, owner.name, kind=owner.mentions[0][0].kind, population=-1)
            ]
    return g


#: The body a unit's name ends in ("... des CGDIS", "... der Gemeinde Büllingen", "... of the Observatory").
_OF_BODY = re.compile(r"\s(?:des|der|du|de\s+la|de\s+l['’]|of\s+the)\s+")

_DISTRICT_HEADS = ("Landkreis", "Eifelkreis", "Kreis", "Rhein-Kreis")


#: Heads of a territory's administration whose name is also the territory's ("Province de Luxembourg").
_TERRITORY_HEADS = {"Province": ("region", "BE"), "Provinz": ("region", "BE")}
_ELIDED = re.compile(r"^(?:d|l)['’]")


def _place_in_name(words: list[str], places: Mapping[str, Any], gaz: Gazetteer) -> str | None:
    """The place an organisation's name ends in, written as in the name: the last one to three
    words ("Jobcenter Trier"), without an elided article ("Ville d'Esch-sur-Alzette"); where that
    is a country, a town named before it ("de Forbach Porte de France") is the name's place."""

    def place(first: int, n: int) -> tuple[str, bool] | None:
        text = _ELIDED.sub("", " ".join(words[first : first + n]))
        if not text[:1].isupper():
            return None
        hits = gaz.places(text)
        if fold(text) not in places and not hits:
            return None
        return text, bool(hits) and all(h.kind == "country" for h in hits)

    if len(words) > 2 and re.fullmatch(r"1[89]\d\d", words[-1]):
        words = words[:-1]  # "Angelsportverein Rehlingen 1962": the year a club was founded
    if len(words) > 2 and words[-1] in LEGAL_FORMS:
        # "Kreisverkehrsbetriebe Saarlouis GmbH": a town of the packaged list before the legal form
        # (not one of the small towns: "Verein Brücken e.V." is no body of Brücken)
        hits = gaz.places(words[-2])
        if words[-2][:1].isupper() and hits and all(not h.minor and h.kind != "country" for h in hits):
            return words[-2]
    if len(words) > 1 and any(w in ENGLISH_HEADS for w in words[1:]):
        found = place(0, 1)  # "Saarland University", "Trier Tourism and Marketing Board": English names lead with it
        if found is not None and not found[1]:
            return found[0]
    for n in range(min(3, len(words) - 1), 0, -1):
        found = place(len(words) - n, n)
        if found is None:
            continue
        text, country = found
        if country:
            for first in range(len(words) - n - 1, 0, -1):
                earlier = place(first, 1)
                if earlier is not None and not earlier[1]:
                    return earlier[0]
        return text
    return _place_within(words, gaz)


def _place_within(words: list[str], gaz: Gazetteer) -> str | None:
    """The town a name holds before its other words, where it does not end in one: right after the
    head words ("Communauté d'agglomération Sarreguemines Confluences", "Office de tourisme de
    Sierck-les-Bains et de la Vallée de la Moselle") or before a quarter ("Klinikum Saarbrücken-Rastpfuhl").
    A town of the packaged list, not a village of the small-town list nor a country or region."""

    def town(text: str) -> bool:
        hits = gaz.places(text)
        return text[:1].isupper() and bool(hits) and all(not h.minor and h.kind in ("city", "town") for h in hits)

    for i, word in enumerate(words[1:], 1):
        word = _ELIDED.sub("", word)
        if not word[:1].isupper():
            continue
        if words[i - 1] in ("des", "der", "und", "et", "and"):
            return None  # "des Rives de la Nied": a common noun; "Landkreis X und Partner"
        if town(word):
            return word
        parts = word.split("-")
        if len(parts) == 2 and town(parts[0]) and not any(h.type is NodeType.PLACE for h in gaz.lookup(parts[1])[0]):
            return parts[0]  # "Saarbrücken-Rastpfuhl": a quarter; "Merzig-Wadern" joins two towns
        return None  # only the first proper word of the name
    return None


def _joined_places(words: list[str], named: str | None, gaz: Gazetteer) -> list[str]:
    """The places of a name's word that joins several ("Sozialstation Irrel-Ferschweiler",
    "AOK Rheinland-Pfalz/Saarland", "Centre culturel de Rossignol-Tintigny"): each part a place, a
    part a hyphen joins only where every part is a village (towns joined by a hyphen name their
    district: "Merzig-Wadern", "Trier-Saarburg")."""

    def is_place(text: str, village: bool = False) -> bool:
        hits = gaz.places(text)
        return text[:1].isupper() and bool(hits) and (not village or all(h.minor for h in hits))

    out: list[str] = []
    for word in words[1:]:
        word = _ELIDED.sub("", word)
        if word == named or not re.search(r"[-/]", word) or is_place(word):
            continue
        pieces = word.split("/")
        if len(pieces) > 1 and all(is_place(x) for x in pieces):
            out += pieces
            continue
        for piece in pieces:
            parts = piece.split("-")
            if is_place(piece):
                out.append(piece)
            elif len(parts) > 1 and all(is_place(x, village=True) for x in parts):
                out += parts
    return [x for x in dict.fromkeys(out) if x != named]


def _implied_places(props: dict[str, _Proposal], gaz: Gazetteer) -> list[tuple[str, str, TieType, Mention, Sentence]]:
    """Places that names state, and the ties to them: an organisation named after
    its place ("Jobcenter Trier" LOCATED_IN Trier), a district's administration
    and its territory ("Landkreis Vulkaneifel", a Place of kind district in
    Germany), a quarter and its town ("Trier-Nord" PART_OF Trier), a region named
    after its town ("Region Trier")."""
    out: list[tuple[str, str, TieType, Mention, Sentence]] = []
    places = {fold(label): p for p in props.values() if p.type is NodeType.PLACE for label in [p.name, *p.aliases]}

    def place_for(
        text: str, m: Mention, s: Sentence, *, kind: str | None = None, country: str | None = None
    ) -> str | None:
        if fold(text) in places:
            return places[fold(text)].key
        hits = gaz.places(text)
        if hits:
            entry = gaz.best_place(hits, text)
            key = entry.id
            p = props.setdefault(key, _Proposal(key, NodeType.PLACE, entry.name, entry))
        elif country:
            key = f"{NodeType.PLACE}:{fold(text)}"
            p = props.setdefault(key, _Proposal(key, NodeType.PLACE, text))
        else:
            return None
        p.mentions.append(
            (
                Mention(
                    NodeType.PLACE,
                    m.start,
                    m.end,
                    p.name,
                    0.65,
                    "implied",
                    kind=kind or (p.entry.kind if p.entry else None),
                    entry=p.entry,
                    place=p.entry or _country_entry(country),
                ),
                s,
            )
        )
        places[fold(text)] = p
        return key

    for key, p in list(props.items()):
        for m, s in p.mentions[:1]:
            if p.type is NodeType.ORGANISATION:
                words = p.name.split()
                if words[0] in _DISTRICT_HEADS and len(words) == 2:
                    target = place_for(p.name, m, s, kind="district", country="DE")
                    if target is not None:
                        places[fold(words[1])] = props[target]
                        props[target].aliases.add(words[1])
                        out.append((key, target, TieType.LOCATED_IN, m, s))
                        continue
                if words[0] in _TERRITORY_HEADS and len(words) >= 3:
                    kind, country = _TERRITORY_HEADS[words[0]]
                    target = place_for(p.name, m, s, kind=kind, country=country)
                    if target is not None:
                        out.append((key, target, TieType.LOCATED_IN, m, s))
                        continue
                named = _place_in_name(words, places, gaz)
                for text in [*([named] if named is not None else []), *_joined_places(words, named, gaz)]:
                    target = place_for(text, m, s)
                    if target is not None and target != key:
                        out.append((key, target, TieType.LOCATED_IN, m, s))
            elif p.type is NodeType.PLACE and m.kind == "quarter" and m.place is not None:
                city = place_for(m.place.name, m, s)
                if city is not None:
                    out.append((key, city, TieType.PART_OF, m, s))
            elif p.type is NodeType.PLACE and m.kind == "region" and m.place is not None:
                town = p.name.split()[-1]
                del town
    return out


def _country_entry(country: str | None) -> Entry | None:
    if country is None:
        return None
    return Entry(f"place:{country.lower()}", NodeType.PLACE, country, country=country)


def _node_data(p: _Proposal, source: Source, stored_tie: Any = None) -> dict[str, Any] | None:
    """The seed entry of a proposal (None when the model refuses it).

    A stored node is repeated whole, with the document added to its sources,
    except a private person: of them the draft holds only what the document
    states, under the stored id (a draft is a file that leaves the store; a
    load or the review queue joins the entry to the stored record).
    """
    first = p.mentions[0][0]
    stored_node = p.entry.node if p.entry is not None else None
    if stored_node is not None and not is_private(stored_node):
        stored = stored_node.model_dump(mode="json", exclude_none=True)
        stored["sources"] = list(dict.fromkeys([*stored["sources"], source.id]))
        if p.type is NodeType.PERSON and any(m.public for m, _ in p.mentions):
            stored["visibility"] = Visibility.PUBLIC.value
        return _valid(stored)
    data: dict[str, Any] = {"type": p.type.value, "name": p.name, "sources": [source.id]}
    aliases = sorted(a for a in p.aliases if fold(a) != fold(p.name))
    if aliases:
        data["aliases"] = aliases
    if p.type is NodeType.ORGANISATION:
        kinds = [m.kind for m, _ in p.mentions if m.kind and m.how in ("pattern", "inflected", "name")]
        if kinds:
            data["kind"] = kinds[0]
        place = next((m.place for m, _ in p.mentions if m.place is not None), None)
        if place is not None and place.country:
            data["country"] = place.country
    elif p.type is NodeType.PERSON:
        titles = [m.kind for m, _ in p.mentions if m.kind]
        if titles:
            data["title"] = titles[0]
        data["visibility"] = (Visibility.PUBLIC if any(m.public for m, _ in p.mentions) else Visibility.PRIVATE).value
        data["legal_basis"] = LegalBasis.LEGITIMATE_INTERESTS.value
    elif p.type is NodeType.PLACE:
        entry = p.entry or first.place
        if entry is None or not entry.country:
            return None
        data["kind"] = (
            first.kind if first.kind in _PLACE_KINDS else (entry.kind if entry.kind in _PLACE_KINDS else "town")
        )
        data["country"] = entry.country
        if p.entry is not None:
            if entry.lat is not None and entry.lon is not None:
                data["lat"], data["lon"] = entry.lat, entry.lon
    elif p.type in (NodeType.EVENT, NodeType.AGREEMENT):
        if first.kind and p.type is NodeType.EVENT:
            data["kind"] = first.kind
        date = next((m.date for m, _ in p.mentions if m.date is not None), None)
        if date is not None:
            data["start" if p.type is NodeType.EVENT else "signed"] = date.value
    if stored_node is not None:  # a stored private person
        data["id"] = stored_node.id
    return _valid(data)


def _valid(data: dict[str, Any]) -> dict[str, Any] | None:
    try:
        node = _NODE.validate_python(data)
    except ValidationError:
        return None
    out = node.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    out["type"], out["id"], out["sources"] = node.type.value, node.id, data["sources"]
    if node.type is NodeType.PERSON:
        out["legal_basis"], out["visibility"] = (
            data.get("legal_basis", out.get("legal_basis")),
            str(getattr(node, "visibility", "")),
        )
    if node.type is NodeType.PLACE:
        out["kind"], out["country"] = data["kind"], data["country"]
    return out


def extract(
    doc: Document,
    gazetteer: Gazetteer,
    *,
    language: str = "auto",
    stored_ties: Collection[str] = frozenset(),
) -> dict[str, Any]:
    """The draft of ``doc``: proposals of nodes and ties, each with evidence,
    confidence and match (see :mod:`graph.draft`).

    ``gazetteer`` holds the stored graph's names (:func:`graph.intake.gazetteer.build_gazetteer`);
    ``language`` is ``de``, ``fr``, ``en`` or ``auto`` (the document's);
    ``stored_ties`` are the ids of stored ties, so that a proposed tie already
    stored is marked ``existing``.
    """
    lang = doc.language if language == "auto" else language
    source = document_source(doc)
    dated = [(s, _shift(find_dates(s.flat, reference=doc.date, language=lang), s.start)) for s in sentences(doc.text)]
    # Two passes: the second knows the names the first found, so that a body
    # introduced in full ("l'ASBL Espace Amitié") is found again by its name alone.
    props, tie_mentions, found, merged = _read(dated, gazetteer)
    props, tie_mentions, found, merged = _read(dated, _with_document_names(gazetteer, props))
    implied = _implied_places(props, gazetteer)
    # the body a unit belongs to, where the document names it
    by_name = {fold(p.name): p for p in props.values() if p.type is NodeType.ORGANISATION}
    by_name.update({fold(a): p for p in props.values() if p.type is NodeType.ORGANISATION for a in p.aliases})

    nodes: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}
    for key, p in props.items():
        data = _node_data(p, source)
        if data is None:
            continue
        ids[key] = data["id"]
        evidence = [_evidence(source.id, m.start, m.end, s) for m, s in sorted(p.mentions, key=lambda ms: ms[0].start)]
        entry = p.entry if p.entry is not None and p.entry.stored else None
        nodes[data["id"]] = {
            **data,
            "evidence": _unique(evidence),
            "confidence": p.confidence,
            "match": {"status": "existing", "id": entry.id} if entry else {"status": "new"},
        }

    ties: dict[str, dict[str, Any]] = {}
    node_types = {nid: NodeType(n["type"]) for nid, n in nodes.items()}

    def add_tie(kind, src_key: str, tgt_key: str, role: str | None, conf: float, s: Sentence) -> None:
        src, tgt = ids.get(merged.get(src_key, src_key)), ids.get(merged.get(tgt_key, tgt_key))
        if src is None or tgt is None or src == tgt:
            return
        allowed_src, allowed_tgt = TIE_ENDPOINTS[kind]
        if node_types[src] not in allowed_src or node_types[tgt] not in allowed_tgt:
            return
        try:
            tie = Tie(type=kind, source=src, target=tgt, role=role, sources=[source.id])
        except ValidationError:
            return
        ev = _evidence(source.id, s.start, s.end, s)
        if tie.id in ties:
            ties[tie.id]["evidence"] = _unique([*ties[tie.id]["evidence"], ev])
            ties[tie.id]["confidence"] = round(min(0.95, max(ties[tie.id]["confidence"], conf) + 0.03), 2)
            return
        ties[tie.id] = {
            **tie.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
            "type": kind.value,
            "id": tie.id,
            "sources": [source.id],
            "evidence": [ev],
            "confidence": conf,
            "match": {"status": "existing", "id": tie.id} if tie.id in stored_ties else {"status": "new"},
        }

    for t, s in tie_mentions:
        add_tie(t.type, _key(t.source), _key(t.target), t.role, t.confidence, s)
    for src_key, tgt_key, kind, _m, s in implied:
        add_tie(kind, src_key, tgt_key, None, 0.7, s)
    for key, p in props.items():
        for m, s in p.mentions:
            if m.parent and fold(m.parent) in by_name:
                add_tie(TieType.PART_OF, key, by_name[fold(m.parent)].key, None, 0.7, s)
            prefix = re.match(r"^([\w]+)-(Arbeitsgruppe|AG|Netzwerk|Initiative)\b", m.name)
            if prefix and fold(prefix.group(1)) in by_name:
                add_tie(TieType.PART_OF, key, by_name[fold(prefix.group(1))].key, "working group", 0.7, s)
        if p.type is NodeType.ORGANISATION:
            # a unit named by its body, the document's other organisation: "Centre de gestion des opérations
            # des CGDIS", "Jugendbüro der Gemeinde X", "UniGR Center for Border Studies"
            words = p.name.split()
            body = next(
                (
                    by_name[fold(p.name[o.end() :])]
                    for o in _OF_BODY.finditer(p.name)
                    if fold(p.name[o.end() :]) in by_name
                ),
                None,
            )
            if body is None and len(words) > 2 and sum(c.isupper() for c in words[0]) >= 2 and words[1][0].isupper():
                body = by_name.get(fold(words[0]))
            if body is not None and body.key != key:
                add_tie(TieType.PART_OF, key, body.key, None, 0.6, p.mentions[0][1])
    return {
        "pontes": 1,
        "sources": [source.model_dump(mode="json", exclude_none=True)],
        "nodes": sorted(nodes.values(), key=lambda n: (n["evidence"][0]["start"], n["id"])),
        "ties": sorted(ties.values(), key=lambda t: (t["evidence"][0]["start"], t["id"])),
    }


def _unique(evidence: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[int, int]] = set()
    out = []
    for e in evidence:
        if (e["start"], e["end"]) not in seen:
            seen.add((e["start"], e["end"]))
            out.append(e)
    return out


def gazetteer_of(nodes: Iterable[Node], *, places: bool = True) -> Gazetteer:
    """The gazetteer of a store's nodes (see :func:`graph.intake.gazetteer.build_gazetteer`)."""
    return build_gazetteer(nodes, places=places)


def reference_date(doc: Document) -> dt.date | None:
    """The date relative dates of ``doc`` are resolved against (its own)."""
    return doc.date


__all__ = ["document_source", "extract", "gazetteer_of", "node_id"]
