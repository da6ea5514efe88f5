"""Likely duplicate nodes, with the evidence for each pair (``pontes duplicates``).

Two nodes of the same type are candidates when one of their labels (name,
alias, other-language name) shares a distinctive word with one of the
other's (a word few nodes have: blocking keeps the comparison near-linear,
so the 35,871 CORDIS organisations take seconds, not hours). A pair is
reported, with every reason found, when

- a label of one is a label of the other, folded (:func:`graph.ids.fold`:
  NFC, case, accents, doubled spaces; ``Trèves`` is ``Treves``), or
- a label of one is an inflected form of the other's
  (:func:`graph.intake.text.name_key`: "Trierer Ausländerbeirat" and
  "Ausländerbeirat Trier"), or
- the best fuzzy similarity of their labels (rapidfuzz's token-sort ratio of
  the folded labels) reaches ``threshold``.

Labels whose numbers differ (``PIC 999616262`` and ``PIC 999616263``,
``Forum 2019`` and ``Forum 2020``) are never the same name. Same place
(a common ``LOCATED_IN`` target) and same country add to the evidence;
different countries are said too, and lower the score.

The score is 1.0 for a shared label, 0.95 for an inflected one, else the
similarity; +0.05 for a shared place, -0.15 for different countries.

Each piece of evidence is a :class:`DuplicateReason`: a ``kind`` and its
``params`` (labels, a share, place ids, country codes), written in English by
:data:`ENGLISH` (the CLI) or by the app's catalogue (``duplicates.reason.<kind>``
in the reader's language, countries and places named in it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from graph.ids import fold, folded_forms
from graph.intake.text import name_key
from graph.model import Node, NodeType, Tie, TieType

#: A word shared by more nodes than this is not distinctive enough to pair them on.
MAX_BLOCK = 60
#: Words that name kinds of bodies rather than bodies.
_COMMON = frozenset(
    fold(w)
    for w in """der die das des und für von de du des la le les et pour the of and for stadt ville city landkreis kreis
    verein association verband netzwerk réseau network initiative gmbh ev e.v. asbl sarl sa ag university universität
    université institut institute centre center zentrum""".split()
)


#: The English sentence of each kind of evidence (the catalogues hold the same under ``duplicates.reason.``).
ENGLISH: dict[str, str] = {
    "same_name": "same name: “{a}” and “{b}”",
    "inflected": "same name, inflected or reordered: “{a}” and “{b}”",
    "bare_name": "“{a}” is “{b}” without “{head}”",
    "similar": "similar names ({share}): “{a}” and “{b}”",
    "same_place": "same place: {places}",
    "same_country": "same country: {country}",
    "different_countries": "different countries: {country} and {other}",
}


@dataclass(frozen=True)
class DuplicateReason:
    """One piece of evidence that two nodes are one: ``kind`` names its sentence
    (:data:`ENGLISH`), ``params`` fill it: labels ``a``, ``b`` and ``head`` as they
    are, ``share`` a number between 0 and 1, ``places`` place ids, ``country`` and
    ``other`` country codes."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(
        self,
        text: Callable[[str], str] | None = None,
        *,
        share: Callable[[float], str] | None = None,
        place: Callable[[str], str] | None = None,
        country: Callable[[str], str] | None = None,
    ) -> str:
        """The sentence: English, places by id and codes as they are, unless given the
        reader's templates (``text(kind)``) and ways to write a share, a place and a country."""
        values = dict(self.params)
        if "share" in values:
            values["share"] = share(values["share"]) if share else f"{values['share']:.0%}"
        if "places" in values:
            values["places"] = ", ".join(sorted(place(p) if place else p for p in values["places"]))
        for key in ("country", "other"):
            if key in values and country:
                values[key] = country(values[key])
        return (text or ENGLISH.__getitem__)(self.kind).format(**values)

    @property
    def text(self) -> str:
        """The sentence in English (:meth:`render` with defaults)."""
        return self.render()


@dataclass(frozen=True)
class Pair:
    """Two nodes that look like one, the evidence, and a score between 0 and 1."""

    a: str
    b: str
    type: NodeType
    score: float
    reasons: tuple[DuplicateReason, ...] = field(default_factory=tuple)
    names: tuple[str, str] = ("", "")

    @property
    def reason_texts(self) -> list[str]:
        """The evidence in English, one sentence each (the CLI's)."""
        return [r.text for r in self.reasons]


def _numbers(label: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", label))


def _words(label: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(label)) if len(w) > 2 and w not in _COMMON and not w.isdigit()}


def _places(ties: Iterable[Tie]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for t in ties:
        if t.type is TieType.LOCATED_IN:
            out[t.source].add(t.target)
    return out


def _residues_alike(a: str, b: str) -> bool:
    """Whether what two labels do not share is alike too ("Jobcenter"/"Jobcentre"), not two
    different words around a shared place ("IHK Trier"/"HWK Trier", "Stadt Trier"/"Stadtrat Trier")."""
    from rapidfuzz import fuzz

    wa, wb = fold(a).split(), fold(b).split()
    ra = " ".join(w for w in wa if w not in wb)
    rb = " ".join(w for w in wb if w not in wa)
    return not ra or not rb or fuzz.ratio(ra, rb) >= 80


def _bare_name(bare: Node, full: Node) -> DuplicateReason | None:
    """An organisation called by its place alone ("Trier") and the administration of that
    place ("Stadt Trier", "Ville de Trèves"): the evidence, or None."""
    from graph.intake.lexicon import ORG_HEADS
    from graph.model import OrgKind

    if any(w in ORG_HEADS for w in bare.name.split()):
        return None
    for label in full.labels:
        words = label.split()
        for n in (1, 2, 3):
            head, rest = " ".join(words[:n]), " ".join(words[n:])
            rest = re.sub(r"^(?:de|d['’]|du)\s*", "", rest)
            if ORG_HEADS.get(head, (None,))[0] is OrgKind.LOCAL_GOVERNMENT and rest and fold(rest) == fold(bare.name):
                return DuplicateReason("bare_name", {"a": bare.name, "b": label, "head": head})
    return None


def compare(a: Node, b: Node, *, places: dict[str, set[str]] | None = None, threshold: float = 0.88) -> Pair | None:
    """The evidence that ``a`` and ``b`` are one node, or None (see the module docstring)."""
    from rapidfuzz import fuzz

    if a.type is not b.type or a.id == b.id:
        return None
    reasons: list[DuplicateReason] = []
    score = 0.0
    a_forms = {f: label for label in a.labels for f in folded_forms(label)}
    for label in b.labels:
        shared = next((a_forms[f] for f in folded_forms(label) if f in a_forms), None)
        if shared is not None and _numbers(shared) == _numbers(label):
            reasons.append(DuplicateReason("same_name", {"a": shared, "b": label}))
            score = 1.0
            break
    if not score:
        a_keys = {name_key(label): label for label in a.labels}
        for label in b.labels:
            key = name_key(label)
            if key and key in a_keys and _numbers(a_keys[key]) == _numbers(label):
                reasons.append(DuplicateReason("inflected", {"a": a_keys[key], "b": label}))
                score = 0.95
                break
    if not score and a.type is NodeType.ORGANISATION:
        bare = _bare_name(a, b) or _bare_name(b, a)
        if bare:
            reasons.append(bare)
            score = 0.85
    if not score:
        best, pair = 0.0, ("", "")
        for la in a.labels:
            for lb in b.labels:
                if _numbers(la) != _numbers(lb) or not _residues_alike(la, lb):
                    continue
                ratio = fuzz.token_sort_ratio(fold(la), fold(lb)) / 100
                if ratio > best:
                    best, pair = ratio, (la, lb)
        if best < threshold:
            return None
        reasons.append(DuplicateReason("similar", {"share": best, "a": pair[0], "b": pair[1]}))
        score = best
    ca, cb = getattr(a, "country", None), getattr(b, "country", None)
    if places is not None:
        common = places.get(a.id, set()) & places.get(b.id, set())
        if common:
            reasons.append(DuplicateReason("same_place", {"places": tuple(sorted(common))}))
            score += 0.05
    if ca and cb:
        if ca == cb:
            reasons.append(DuplicateReason("same_country", {"country": ca}))
        else:
            reasons.append(DuplicateReason("different_countries", {"country": ca, "other": cb}))
            score -= 0.15
    return Pair(a.id, b.id, a.type, round(max(0.0, min(score, 1.0)), 3), tuple(reasons), (a.name, b.name))


def find_duplicates(
    nodes: Sequence[Node],
    ties: Iterable[Tie] = (),
    *,
    types: Iterable[NodeType] | None = None,
    threshold: float = 0.88,
    against: Sequence[Node] | None = None,
) -> list[Pair]:
    """Likely duplicate pairs among ``nodes`` (or between ``nodes`` and ``against``), best first.

    ``ties`` give the places (``LOCATED_IN``) that count as evidence;
    ``types`` limits the node types compared (default: all but topics).
    """
    wanted = frozenset(types) if types else frozenset(NodeType) - {NodeType.TOPIC}
    places = _places(ties)
    pool = [n for n in nodes if n.type in wanted]
    others = [n for n in against if n.type in wanted] if against is not None else None
    blocks: dict[tuple[NodeType, str], list[int]] = defaultdict(list)
    everyone = pool + (others or [])
    for i, node in enumerate(everyone):
        keys = set().union(*(_words(label) for label in node.labels))
        keys |= {"=" + name_key(label) for label in node.labels if name_key(label)}
        for key in keys:
            blocks[(node.type, key)].append(i)
    seen: set[tuple[int, int]] = set()
    out: list[Pair] = []
    split = len(pool)
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for i, j in combinations(members, 2):
            if others is not None and (i < split) == (j < split):
                continue  # compare the new nodes with the stored ones only
            if (i, j) in seen:
                continue
            seen.add((i, j))
            pair = compare(everyone[i], everyone[j], places=places, threshold=threshold)
            if pair is not None:
                out.append(pair)
    return sorted(out, key=lambda p: (-p.score, p.a, p.b))


__all__ = ["ENGLISH", "MAX_BLOCK", "DuplicateReason", "Pair", "compare", "find_duplicates", "stored_lookalikes"]


def stored_lookalikes(store, nodes: Sequence[Node], *, max_nodes: int = 100, threshold: float = 0.88) -> list[Pair]:
    """For nodes about to be loaded that the store does not hold yet, the stored nodes
    they look like (``pair.a`` the new node, ``pair.b`` the stored one).

    Candidates come from the store's search (every label, and its most
    distinctive word), so a large store is not read whole. Loads of more
    than ``max_nodes`` new nodes are not checked (imports of tables or other
    tools' graphs): run ``pontes duplicates`` after them.
    """
    new = [n for n in nodes if n.type is not NodeType.TOPIC]
    stored = {n.id for n in store.get_nodes([n.id for n in new])}
    new = [n for n in new if n.id not in stored]
    if not new or len(new) > max_nodes:
        return []
    out: list[Pair] = []
    for node in new:
        candidates: dict[str, Node] = {}
        for label in node.labels:
            for text in [label, *sorted(_words(label), key=len, reverse=True)[:1]]:
                for hit in store.search(text, types=[node.type], limit=20):
                    candidates.setdefault(hit.id, hit)
        for other in candidates.values():
            pair = compare(node, other, threshold=threshold)
            if pair is not None:
                out.append(pair)
    return sorted(out, key=lambda p: (-p.score, p.a, p.b))
