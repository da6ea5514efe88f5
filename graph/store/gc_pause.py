"""Python's garbage collector paused during bulk reads, and run once after.

Reading a large graph (CORDIS: 212,000 models, about a million objects the
collector tracks) or a large table allocates objects much faster than it
frees them. Python's cyclic collector then runs again and again over the
growing heap, and, as the new objects age, walks everything the process
holds in full collections: several per read, each costing about as much as
the read's own work. :data:`GC_PAUSE` turns the collector off for the read
and runs it once, in full, when the last overlapping pause ends, so the new
objects reach the oldest generation in one walk.

Use ``with bulk_read():`` around code that builds many objects at once (the
stores' whole-graph reads, the participation-table reader), and ``with
GC_PAUSE:`` around a call that may do such a read (the app's whole graph):
pauses nest and overlap across threads, and the collector is on again, if
it was before, only when the last of them ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["GC_PAUSE", "GcPause", "bulk_read"]


class GcPause:
    """The cyclic garbage collector off inside ``with`` (for all threads).

    Re-entrant and thread-safe: the collector goes off when the first of
    overlapping blocks starts, and is on again when the last one ends, if it
    was on when the first started (also when a block raises). A block that
    calls :meth:`collect_after` asks for one full collection when the last
    block ends (several requests, one collection; none when the collector
    was off before, as someone wanted it), optionally followed by
    :func:`gc.freeze`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_on = False
        self._collect = False
        self._freeze = False

    def __enter__(self) -> GcPause:
        with self._lock:
            if self._depth == 0:
                self._was_on = gc.isenabled()
                gc.disable()
            self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth:
                return
            collect, freeze = self._collect and self._was_on, self._freeze
            self._collect = self._freeze = False
            if self._was_on:
                gc.enable()
        # Outside the lock: a collection takes long, and other threads may
        # start their pauses meanwhile (an explicit collection runs anyway).
        if collect:
            gc.collect()
        if freeze:
            gc.freeze()

    def collect_after(self, *, freeze: bool = False) -> None:
        """Ask for one full collection (then :func:`gc.freeze` if ``freeze``)
        when the last overlapping block ends. Call it inside a block."""
        with self._lock:
            self._collect = True
            self._freeze = self._freeze or freeze


#: The one pause of the process (a second one would turn the collector on
#: while the first still wants it off).
GC_PAUSE = GcPause()


@contextmanager
def bulk_read() -> Iterator[None]:
    """Pause the collector (:data:`GC_PAUSE`) while many objects are built,
    and collect once, in full, when the last overlapping pause ends."""
    with GC_PAUSE as pause:
        pause.collect_after()
        yield
