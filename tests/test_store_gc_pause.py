"""The garbage collector paused during bulk reads (graph/store/gc_pause.py).

The pause nests and overlaps across threads, gives the collector back in
the state it found it (also when the block raises), runs one full
collection after the outermost block when asked to, and changes nothing
that the reads return (both stores' snapshots, the participation table's
models).
"""

from __future__ import annotations

import contextlib
import gc
import threading

import pytest

import graph.store.embedded
import graph.store.neo4j_store
import loaders.participations
from graph.model import Source
from graph.store.gc_pause import GC_PAUSE, GcPause, bulk_read
from loaders import write_plan
from loaders.participations import participations_to_graph, read_participations
from loaders.tables import read_participation_plan
from tests.support.scale import participation_rows, write_table

TABLE = {"actor": "pic", "event": "rcn", "time": "start_year", "attributes": ["country", "type"]}
SOURCE = Source(id="synthetic", title="Synthetic projects", publisher="Tests")


@pytest.fixture(autouse=True)
def _collector_on():
    """Every test starts with the collector on, and leaves it on."""
    assert gc.isenabled()
    yield
    was_on = gc.isenabled()
    gc.enable()
    assert was_on


class FullCollections:
    """Counts full (generation 2) collections inside ``with``."""

    def __init__(self) -> None:
        self.count = 0

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "stop" and info.get("generation") == 2:
            self.count += 1

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self._callback)


def test_pauses_nest_and_the_collector_is_on_again_after_the_outermost():
    pause = GcPause()
    with pause:
        assert not gc.isenabled()
        with pause:
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still runs
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off_and_is_not_run():
    pause = GcPause()
    gc.disable()
    try:
        with FullCollections() as full:
            with pause:
                pause.collect_after()
            assert not gc.isenabled() and full.count == 0
    finally:
        gc.enable()


def test_an_exception_inside_restores_the_collector_and_the_pause_still_works():
    pause = GcPause()
    with pytest.raises(ZeroDivisionError):
        with pause:
            with pause:
                _ = 1 / 0
    assert gc.isenabled()
    with pause:
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), FullCollections() as full:
        with bulk_read():
            _ = 1 / 0
    assert gc.isenabled() and full.count == 1  # what was built before the error is collected


def test_one_full_collection_after_the_outermost_block_however_many_asked():
    pause = GcPause()
    with FullCollections() as full:
        with pause:
            pause.collect_after()
            with pause:
                pause.collect_after()
            assert full.count == 0  # not while a block runs
        assert full.count == 1
        with pause:  # nobody asks: no collection
            pass
        assert full.count == 1


def test_a_bulk_read_inside_the_shared_pause_collects_when_the_outer_block_ends():
    with FullCollections() as full:
        with GC_PAUSE:
            with bulk_read():
                assert not gc.isenabled()
            assert not gc.isenabled() and full.count == 0
        assert gc.isenabled() and full.count == 1


def test_collect_after_can_freeze_what_the_process_holds():
    pause = GcPause()
    gc.unfreeze()
    try:
        with pause:
            pause.collect_after(freeze=True)
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()


def test_overlapping_pauses_in_two_threads_end_with_the_last():
    pause = GcPause()
    entered, release = threading.Event(), threading.Event()

    def other() -> None:
        with pause:
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=other)
    with pause:
        thread.start()
        assert entered.wait(10)
    assert not gc.isenabled()  # the other thread's block still runs
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_many_threads_leave_the_collector_on():
    pause = GcPause()
    start = threading.Barrier(8)

    def work() -> None:
        start.wait(10)
        for i in range(100):
            with pause:
                with pause:
                    if i % 25 == 0:
                        pause.collect_after()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert gc.isenabled()


@pytest.fixture
def table(tmp_path):
    return write_table(tmp_path / "projects.csv.gz", participation_rows(actors=300, events=200))


def _without_pause(monkeypatch) -> None:
    """The library as before the pause: bulk reads run with the collector as it is."""
    for module in (graph.store.embedded, graph.store.neo4j_store, loaders.participations):
        monkeypatch.setattr(module, "bulk_read", contextlib.nullcontext)


def test_the_participation_models_are_the_same_with_and_without_the_pause(table, monkeypatch):
    with FullCollections() as full:
        paused = read_participation_plan(table, **TABLE, source=SOURCE)
    assert full.count >= 1 and gc.isenabled()
    _without_pause(monkeypatch)
    plain = read_participation_plan(table, **TABLE, source=SOURCE)
    assert paused.nodes == plain.nodes and paused.ties == plain.ties and plain.ties
    sub = participations_to_graph(read_participations(table, actor="pic", event="rcn", time="start_year"), SOURCE)
    assert len(sub.ties) == len(plain.ties)


def test_the_stores_whole_graph_is_the_same_with_and_without_the_pause(store, table, monkeypatch):
    plan = read_participation_plan(table, **TABLE, source=SOURCE)
    write_plan(store, plan)
    with FullCollections() as full:
        paused = store.snapshot()
        cached = store.cached_snapshot()
    assert full.count >= 2 and gc.isenabled()  # one after each read
    _without_pause(monkeypatch)
    plain = store.snapshot()
    assert paused == plain == cached
    assert {n.id for n in plain.nodes} == {n.id for n in plan.nodes} and len(plain.ties) == len(plan.ties)
    assert [t.id for t in plain.ties] == sorted(t.id for t in plain.ties)
