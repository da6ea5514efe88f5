"""Secrets kept beside a store: the key of its tombstones.

A key file holds 32 random bytes as hex, readable by its owner only. It is
created the first time a store needs it and never changes afterwards:
losing it makes earlier tombstones unrecognisable (erased persons could be
loaded again), so back it up with the store, but never inside it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from graph.errors import StoreError

__all__ = ["key_file"]


def key_file(path: str | Path) -> bytes:
    """The key in ``path``, created (mode 0600) if the file does not exist yet."""
    path = Path(path)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as e:
        raise StoreError(f"the key file {path} cannot be read: {e}") from e
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return key_file(path)
    except OSError as e:
        raise StoreError(f"the key file {path} cannot be created: {e}") from e
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    return key
