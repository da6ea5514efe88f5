"""The embedded store's SQLite file: opened with the store's settings, and
whatever cannot be opened as one (a folder, a device or pipe, a path below
a file, a file that is no SQLite database) as one error naming the file."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.errors import StoreUnavailable


@contextmanager
def unavailable(path: str, on_error: Callable[[], None] | None = None) -> Iterator[None]:
    """Errors of SQLite or the file system inside the block as :class:`StoreUnavailable` naming
    ``path``; ``on_error`` (e.g. closing the connection) runs first."""
    try:
        yield
    except StoreUnavailable:
        if on_error is not None:
            on_error()
        raise
    except (sqlite3.Error, OSError) as e:
        if on_error is not None:
            on_error()
        raise StoreUnavailable(f"cannot open the embedded store {path}: {e}") from e


def connect(path: str) -> sqlite3.Connection:
    """A connection to the SQLite file ``path`` (``":memory:"`` for a throwaway one), its folder
    made; shared by Streamlit's script threads (SQLite serialises access, the store's lock keeps
    transactions from interleaving)."""
    conn: sqlite3.Connection | None = None

    def close() -> None:
        if conn is not None:
            conn.close()

    with unavailable(path, close):
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            if Path(path).exists() and not Path(path).is_file():  # SQLite would write beside it
                what = "a folder" if Path(path).is_dir() else "no regular file (a device or pipe)"
                raise StoreUnavailable(f"cannot open the embedded store {path}: it is {what}")
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Deleted content is overwritten with zeros, not only unlinked (erasure).
        conn.execute("PRAGMA secure_delete = ON")
    return conn


__all__ = ["connect", "unavailable"]
