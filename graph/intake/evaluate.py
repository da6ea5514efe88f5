"""Precision and recall of a draft against hand-made labels (``bench/intake_eval.py``).

Labels are seed documents: the nodes and ties a document states. A proposed
node is *right* when it names a labelled node of its type: one of the
label's names, aliases or other-language names (folded, or inflected alike:
:func:`graph.intake.text.name_key`), or the stored id it matched. A place
also counts when one of its names in another language (the packaged place
list's, :func:`graph.intake.gazetteer.place_names`) is one of the label's:
"Lothringen" names a place labelled "Lorraine". Events and
agreements, whose labels are often editors' names, also count when half the
words of the shorter name are in the longer one. A proposed tie is right
when a labelled tie of its type joins the nodes its ends name.

Precision counts proposals that are right; recall counts labels that some
proposal finds. Two proposals of one labelled node (an abbreviation and the
full name) are both right: the review merges them.

"Ties stated within one sentence" are the labelled ties that are not
``inferred`` and whose two ends are both named (by a label) in one sentence
of the document: what a sentence-level extractor can find.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.ids import fold
from graph.intake.gazetteer import build_gazetteer, place_names
from graph.intake.mentions import known_mentions
from graph.intake.text import name_key, sentences
from graph.model import Node, NodeType, Tie, TieType

#: The node and tie types the extractor proposes (and that are scored).
NODE_TYPES = (NodeType.ORGANISATION, NodeType.PERSON, NodeType.PLACE, NodeType.EVENT, NodeType.AGREEMENT)
TIE_TYPES = (
    TieType.MEMBER_OF,
    TieType.PARTICIPATED_IN,
    TieType.PARTY_TO,
    TieType.LOCATED_IN,
    TieType.PART_OF,
    TieType.COOPERATES_WITH,
)
SENTENCE_TIES = "ties stated within one sentence"


@dataclass
class Score:
    """Counts behind precision (right / proposed) and recall (found / labelled)."""

    right: int = 0
    proposed: int = 0
    found: int = 0
    labelled: int = 0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.proposed += other.proposed
        self.found += other.found
        self.labelled += other.labelled

    @property
    def precision(self) -> float | None:
        return self.right / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None


def _words(text: str) -> set[str]:
    return set(name_key(text).split())


def _names(labels: Iterable[str]) -> tuple[set[str], set[str]]:
    labels = list(labels)
    return {fold(x) for x in labels}, {name_key(x) for x in labels}


def _same(proposal: Mapping[str, Any], gold: Node) -> bool:
    if proposal.get("match", {}).get("id") == gold.id or proposal.get("id") == gold.id:
        return True
    folded, keys = _names(gold.labels)
    mine = [proposal["name"], *proposal.get("aliases", []), *proposal.get("names", {}).values()]
    if any(fold(x) in folded or name_key(x) in keys for x in mine):
        return True
    if gold.type is NodeType.PLACE and any(place_names(x) & folded for x in mine):
        return True
    if gold.type in (NodeType.EVENT, NodeType.AGREEMENT):
        a = _words(proposal["name"])
        for label in gold.labels:
            b = _words(label)
            shorter = min(len(a), len(b))
            if shorter >= 2 and len(a & b) >= max(2, shorter / 2):
                return True
    return False


def align(proposals: Iterable[Mapping[str, Any]], gold: Iterable[Node]) -> dict[str, set[str]]:
    """For each proposed node id, the ids of the labelled nodes it names."""
    gold = list(gold)
    return {p["id"]: {g.id for g in gold if g.type.value == p["type"] and _same(p, g)} for p in proposals}


def sentence_ties(text: str, gold_nodes: list[Node], gold_ties: list[Tie]) -> set[str]:
    """Ids of the labelled ties stated within one sentence (see the module docstring)."""
    gaz = build_gazetteer(gold_nodes, places=False)
    named: list[set[str]] = []
    for s in sentences(text):
        ids = {m.entry.id for m in known_mentions(s, gaz) if m.entry is not None}
        # names the gazetteer scan skips (lower-case starts, titles inside quotes)
        flat = fold(s.text)
        for n in gold_nodes:
            if any(len(x) > 3 and re.search(rf"(?<!\w){re.escape(fold(x))}(?!\w)", flat) for x in n.labels):
                ids.add(n.id)
        named.append(ids)
    return {t.id for t in gold_ties if not t.inferred and any(t.source in ids and t.target in ids for ids in named)}


def score(
    draft: Mapping[str, Any], gold_nodes: list[Node], gold_ties: list[Tie], *, in_one_sentence: set[str]
) -> dict[str, Score]:
    """Scores of one draft against one document's labels, per node type, per
    tie type, and for the ties stated within one sentence."""
    out: dict[str, Score] = {}
    nodes = [n for n in draft["nodes"] if n["type"] in {t.value for t in NODE_TYPES}]
    mapping = align(nodes, gold_nodes)
    for kind in NODE_TYPES:
        mine = [n for n in nodes if n["type"] == kind.value]
        theirs = [g for g in gold_nodes if g.type is kind]
        hit = set().union(*(mapping[n["id"]] for n in mine)) if mine else set()
        out[kind.value] = Score(
            right=sum(bool(mapping[n["id"]]) for n in mine),
            proposed=len(mine),
            found=sum(g.id in hit for g in theirs),
            labelled=len(theirs),
        )

    def right(t: Mapping[str, Any], pool: Iterable[Tie]) -> set[str]:
        src, tgt = mapping.get(t["source"], set()), mapping.get(t["target"], set())
        return {g.id for g in pool if g.type.value == t["type"] and g.source in src and g.target in tgt}

    ties = [t for t in draft["ties"] if t["type"] in {k.value for k in TIE_TYPES}]
    gold_by_type = [g for g in gold_ties if g.type in TIE_TYPES]
    for tie_kind in TIE_TYPES:
        mine = [t for t in ties if t["type"] == tie_kind.value]
        gold_of_kind = [g for g in gold_by_type if g.type is tie_kind and not g.inferred]
        hit = set().union(*(right(t, gold_by_type) for t in mine)) if mine else set()
        out[tie_kind.value] = Score(
            right=sum(bool(right(t, gold_by_type)) for t in mine),
            proposed=len(mine),
            found=sum(g.id in hit for g in gold_of_kind),
            labelled=len(gold_of_kind),
        )
    in_sentence = [g for g in gold_by_type if g.id in in_one_sentence]
    hit = set().union(*(right(t, gold_by_type) for t in ties)) if ties else set()
    out[SENTENCE_TIES] = Score(
        right=sum(bool(right(t, gold_by_type)) for t in ties),
        proposed=len(ties),
        found=sum(g.id in hit for g in in_sentence),
        labelled=len(in_sentence),
    )
    return out


def total(scores: Iterable[dict[str, Score]]) -> dict[str, Score]:
    """Scores added up over documents (micro-averaged)."""
    out: dict[str, Score] = {}
    for one in scores:
        for key, s in one.items():
            out.setdefault(key, Score()).add(s)
    return out
