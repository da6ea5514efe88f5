"""Growing the graph from documents: extraction of proposals with evidence (``pontes extract``).

:func:`extract_documents` reads documents (:mod:`graph.intake.documents`) and
returns one draft (:mod:`graph.draft`) of everything they state,
matched against the nodes a store holds. The extraction is rule-based
(:mod:`graph.intake.mentions`, :mod:`graph.intake.relations`): no model is
downloaded or loaded, and it is imported only when a document is read, so
that the app starts without it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from graph.intake.documents import DOCUMENT_SUFFIXES, Document, read_document, read_document_file
from graph.intake.extract import extract, gazetteer_of
from graph.model import Node
from graph.output import OutputError, write_text

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Document",
    "extract_documents",
    "merge_drafts",
    "read_document",
    "read_document_file",
    "write_draft",
]


def merge_drafts(drafts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One draft of several: sources side by side, a node or tie proposed by several
    documents once, with the evidence and sources of all and the highest confidence."""
    out: dict[str, Any] = {"pontes": 1, "sources": [], "nodes": [], "ties": []}
    index: dict[tuple[str, str], dict[str, Any]] = {}
    for draft in drafts:
        known = {s["id"] for s in out["sources"]}
        out["sources"] += [s for s in draft["sources"] if s["id"] not in known]
        for kind in ("nodes", "ties"):
            for entry in draft[kind]:
                first = index.get((kind, entry["id"]))
                if first is None:
                    index[(kind, entry["id"])] = entry
                    out[kind].append(entry)
                    continue
                first["sources"] = list(dict.fromkeys([*first["sources"], *entry["sources"]]))
                first["evidence"] = [*first["evidence"], *entry["evidence"]]
                first["confidence"] = max(first["confidence"], entry["confidence"])
    return out


def extract_documents(
    documents: Iterable[Document],
    stored: Iterable[Node] = (),
    *,
    language: str = "auto",
    stored_ties: Iterable[str] = (),
) -> dict[str, Any]:
    """The draft of ``documents`` against the ``stored`` nodes (see :func:`graph.intake.extract.extract`)."""
    gazetteer = gazetteer_of(stored)
    tie_ids = frozenset(stored_ties)
    return merge_drafts(extract(doc, gazetteer, language=language, stored_ties=tie_ids) for doc in documents)


def write_draft(draft: dict[str, Any], path: str | Path) -> Path:
    """Write ``draft`` as JSON (``.json``) or YAML (``.yaml``/``.yml``), whole or not at all
    (:func:`graph.output.write_text`); another name is an :class:`~graph.output.OutputError`:
    no command would read the draft back."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        text = yaml.safe_dump(draft, allow_unicode=True, sort_keys=False, width=120)
    elif suffix == ".json":
        text = json.dumps(draft, ensure_ascii=False, indent=1) + "\n"
    else:
        raise OutputError(path, "a draft is written as .json or .yaml")
    return write_text(path, text)
