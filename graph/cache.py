"""Keeping what is derived from a store, keyed on :class:`~graph.store.base.CacheKey`.

A :class:`Memo` holds results of expensive computations on a store's graph
(a suggestion engine, a composed forum, an analysis) under the store's
cache key and the request, the most recent ``max_entries`` of them. It is
thread-safe: a Streamlit app shares one per process between sessions. Two
callers asking for the same missing entry at once both compute it; the
first result is kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from graph.store.base import CacheKey

__all__ = ["Memo"]

_T = TypeVar("_T")


class Memo:
    """The last ``max_entries`` results, each under ``(CacheKey, *request)``."""

    def __init__(self, max_entries: int = 8):
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: CacheKey, *request: Hashable) -> Any | None:
        """The entry for ``key`` and ``request``, or ``None``."""
        full = (key, *request)
        with self._lock:
            if full not in self._entries:
                return None
            self._entries.move_to_end(full)
            return self._entries[full]

    def put(self, key: CacheKey, *request: Hashable, value: _T) -> _T:
        """Keep ``value`` (or the entry another caller kept first); return what is kept."""
        full = (key, *request)
        with self._lock:
            if full in self._entries:
                self._entries.move_to_end(full)
                return self._entries[full]
            self._entries[full] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
            return value

    def get_or_make(self, key: CacheKey, *request: Hashable, make: Callable[[], _T]) -> _T:
        """The entry for ``key`` and ``request``, made with ``make()`` if missing."""
        hit = self.get(key, *request)
        if hit is not None:
            return hit
        return self.put(key, *request, value=make())

    def __len__(self) -> int:
        return len(self._entries)
