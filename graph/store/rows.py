"""What both stores keep next to each model's JSON.

:func:`content_hash` is a short hash of a model's stored JSON. Both stores
keep it next to the JSON and skip a row whose hash is unchanged, so loading
the same data again costs a lookup per row, not a write. :data:`ROW_FORMAT`
is part of the hash: rows written by an older layout are rewritten once.
"""

from __future__ import annotations

import hashlib

#: Changes whenever what a store keeps per row changes (then every row is rewritten once).
ROW_FORMAT = "pontes-row-1"


def content_hash(data: str) -> str:
    """Hash of a row's stored JSON (and the row format), 24 hex digits."""
    h = hashlib.blake2b(ROW_FORMAT.encode(), digest_size=12)
    h.update(data.encode("utf-8"))
    return h.hexdigest()


__all__ = ["ROW_FORMAT", "content_hash"]
