"""The draft an extraction writes: the seed format plus, for every proposed
node and tie, its evidence, a confidence and whether it matches a stored node.

A draft is a seed document (``pontes: 1``, ``sources``, ``nodes``, ``ties``)
whose entries carry four more keys:

``evidence``
    ``[{source, start, end, text}]``: the source id, the character offsets of
    the mention in the document's extracted text, and the sentence (contact
    data in it replaced by ``[…]``).
``confidence``
    Between 0 and 1: how sure the rule that found it is.
``match``
    ``{status: existing, id: ...}`` when the proposal is a node already stored
    (by name, alias, other-language name or an inflected form), else
    ``{status: new}``. Ties match when the same tie is stored.
``review``
    ``pending`` (as extracted), ``accepted`` or ``rejected``. ``pontes load``
    reads a draft only once every entry is reviewed: accepted entries are
    loaded like any seed entry, rejected ones are left out; an accepted entry
    that matches a stored node is joined to it (:func:`merged_node`), as the
    review queue joins it, so that the stored record keeps what the draft
    does not repeat.

Of a stored private person a draft repeats only what the document states
(under the stored id), never the stored record: a draft is a file that
leaves the store.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from graph.ids import fold
from graph.model import Node, NodeRef, SourceRef, Strict, Text

#: The keys a draft adds to a seed entry.
PROPOSAL_KEYS = ("evidence", "confidence", "match", "review")

ReviewStatus = Literal["pending", "accepted", "rejected"]


class Evidence(Strict):
    """Where a document states a proposal: the mention's offsets and its sentence."""

    source: SourceRef
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: Text


class Match(Strict):
    """Whether a proposal is a stored node (``existing``, with its id) or ``new``."""

    status: Literal["existing", "new"]
    id: Annotated[str, StringConstraints(max_length=300)] | None = None


class ProposalMeta(Strict):
    """The keys a draft adds to a seed entry (see the module docstring)."""

    evidence: list[Evidence] = Field(min_length=1)
    confidence: float = Field(ge=0, le=1)
    match: Match
    review: ReviewStatus = "pending"


def split_proposal(entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A draft entry as (the seed entry, its proposal keys)."""
    seed = {k: v for k, v in entry.items() if k not in PROPOSAL_KEYS}
    meta = {k: entry[k] for k in PROPOSAL_KEYS if k in entry}
    return seed, meta


def is_draft(raw: dict[str, Any]) -> bool:
    """True when a seed document's entries carry proposal keys (a draft of ``pontes extract``)."""
    return any(
        isinstance(e, dict) and "evidence" in e
        for kind in ("nodes", "ties")
        for e in (raw.get(kind) or [])
        if isinstance(raw.get(kind), list)
    )


def merged_node(keep: Node, other: Node) -> Node:
    """``keep`` with ``other``'s names as aliases, its sources, and its values where ``keep`` has none
    (its descriptions in other languages with its description: they say the same)."""
    data = keep.model_dump(mode="json", exclude_none=True)
    labels = {fold(x) for x in keep.labels}
    names = dict(data.get("names", {}))
    aliases = list(data.get("aliases", []))
    for lang, name in other.names.items():
        if lang.value not in names and fold(name) not in labels:
            names[lang.value] = name
            labels.add(fold(name))
    for label in [other.name, *other.aliases, *other.names.values()]:
        if fold(label) not in labels:
            aliases.append(label)
            labels.add(fold(label))
    data["names"], data["aliases"] = names, aliases
    data["sources"] = list(dict.fromkeys([*keep.sources, *other.sources]))
    if not keep.description and not keep.descriptions:
        data.pop("descriptions", None)
    for key, value in other.model_dump(mode="json", exclude_none=True).items():
        if key not in data and key not in ("id", "name"):
            data[key] = value
    return type(keep).model_validate(data)


__all__ = [
    "PROPOSAL_KEYS",
    "Evidence",
    "Match",
    "NodeRef",
    "ProposalMeta",
    "ReviewStatus",
    "is_draft",
    "merged_node",
    "split_proposal",
]
