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
    loaded like any seed entry, rejected ones are left out.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from graph.model import NodeRef, SourceRef, Strict, Text

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


__all__ = [
    "PROPOSAL_KEYS",
    "Evidence",
    "Match",
    "NodeRef",
    "ProposalMeta",
    "ReviewStatus",
    "is_draft",
    "split_proposal",
]
