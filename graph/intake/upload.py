"""Files uploaded in the app, loaded as ``pontes load`` loads them: validated, written in one
transaction, and checked for new nodes that look like stored ones (which the load names, as the
CLI does, so that an editor can merge them on the Duplicates page).
"""

from __future__ import annotations

from graph.intake.duplicates import Pair, stored_lookalikes
from graph.store.base import GraphStore
from loaders.uploads import UploadOutcome, load_uploads

__all__ = ["upload"]


def upload(store: GraphStore, files: list[tuple[str, bytes]]) -> UploadOutcome:
    """:func:`loaders.uploads.load_uploads`, whose ``found`` lists the :class:`Pair` of every new node
    that looks like a stored one (``pair.a`` new, ``pair.b`` stored), found before the write."""

    def lookalikes(plan) -> list[Pair]:
        return stored_lookalikes(store, plan.nodes)

    return load_uploads(store, files, inspect=lookalikes)
