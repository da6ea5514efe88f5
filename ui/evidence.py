"""The evidence that two nodes look like one (:class:`graph.intake.duplicates.DuplicateReason`) in the
reader's words: for the Duplicates page and the warnings of an upload."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from graph.facts import name_in
from graph.intake.duplicates import DuplicateReason, Pair
from graph.store.base import GraphStore
from ui.i18n import label, percent, t


def reason_writer(store: GraphStore, pairs: Sequence[Pair], lang: str) -> Callable[[DuplicateReason], str]:
    """A function writing one reason of ``pairs``: places by their names in ``lang``, countries by name."""
    wanted = {p for pair in pairs for r in pair.reasons for p in r.params.get("places", ())}
    places = {n.id: n for n in store.get_nodes(wanted)} if wanted else {}

    def write(reason: DuplicateReason) -> str:
        return reason.render(
            lambda kind: t(f"duplicates.reason.{kind}", lang),
            share=lambda x: percent(x, lang),
            place=lambda pid: name_in(places[pid], lang) if pid in places else pid,
            country=lambda code: label("country", code, lang),
        )

    return write
