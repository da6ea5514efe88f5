"""What both stores keep next to each row: a content hash.

:func:`content_hash` is a short hash of a model's JSON and of the layout the
store keeps it in. Both stores keep it with the row and skip a row whose hash
is unchanged, so loading the same data again costs a lookup per row, not a
write. The layout is part of the hash: rows written in an older layout are
rewritten once. :data:`ROW_FORMAT` is the embedded store's (JSON columns);
the Neo4j store passes its own (native properties, see
:mod:`graph.store.properties`).
"""

from __future__ import annotations

import hashlib

#: Changes whenever what the embedded store keeps per row changes (then every row is rewritten once).
ROW_FORMAT = "pontes-row-1"


def content_hash(data: str, layout: str = ROW_FORMAT) -> str:
    """Hash of a row's JSON and the store's ``layout``, 24 hex digits."""
    h = hashlib.blake2b(layout.encode(), digest_size=12)
    h.update(data.encode("utf-8"))
    return h.hexdigest()


__all__ = ["ROW_FORMAT", "content_hash"]
