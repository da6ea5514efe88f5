"""The explorer's first page from disk (ui/frontpage.py): a new process shows it before reading the graph.

The threshold (``ui.context.FREEZE_NODES``) is lowered so that the tiny
seeded store counts as large; a "new process" is simulated by emptying
Streamlit's caches and the app's record of the whole graphs it has read.
"""

from __future__ import annotations

import pytest
import streamlit as st

import ui.context
from graph.store.embedded import EmbeddedStore
from pontes.settings import load_settings
from tests.support.app import IRT, drawn_ids, start


def new_process() -> None:
    for event in ui.context._URGENT.values():
        event.set()
    for _, future in list(ui.context._BACKGROUND.values()):
        future.result(timeout=60)  # a read under way finishes before its store is closed
    st.cache_resource.clear()
    ui.context._BACKGROUND.clear()
    ui.context._URGENT.clear()
    ui.context._SEEN.clear()


@pytest.fixture
def large(app_env, monkeypatch):
    monkeypatch.setattr(ui.context, "FREEZE_NODES", 1)
    yield load_settings().data_dir / "cache"
    new_process()


def test_a_new_process_shows_the_first_page_from_disk_then_reads_the_graph(large, monkeypatch):
    first = start()
    drawn = drawn_ids(first)
    assert len(list(large.glob("front-*.pickle"))) == 1
    new_process()

    reads = []
    real = EmbeddedStore.cached_snapshot
    monkeypatch.setattr(EmbeddedStore, "cached_snapshot", lambda self: reads.append(1) or real(self))
    at = start()
    assert drawn_ids(at) == drawn  # the same picture, drawn before the graph was read
    for event in ui.context._URGENT.values():
        event.set()
    for _, future in list(ui.context._BACKGROUND.values()):
        future.result(timeout=60)
    assert len(reads) == 1  # then read once, in the background, for the next step
    at.text_input(key="search").set_value("IRT").run()
    assert not at.exception and at.selectbox(key="focus").options == [f"{IRT.name} · Organisation"]


def test_a_write_retires_the_kept_page(large):
    start()
    new_process()
    from graph.model import Topic

    with EmbeddedStore(load_settings().embedded_path) as store:
        store.upsert(nodes=[Topic(name="Housing", sources=["s1"])])
    at = start()  # a newer version: the graph is read, the new page kept, the old one removed
    assert "topic:housing" in drawn_ids(at)
    kept = list(large.glob("front-*.pickle"))
    assert len(kept) == 1 and "-v" in kept[0].name


def test_editors_never_use_the_kept_page(large, monkeypatch):
    from tests.support.app import PASSWORD, unlock

    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    start()
    new_process()
    at = unlock(start(), PASSWORD)
    assert not at.exception
    assert not [f for f in large.glob("front-*.pickle") if f.stat().st_size == 0]


def test_a_load_keeps_the_first_page_the_app_would_make_in_every_language(large, seeds, monkeypatch, capsys):
    """``pontes load`` of a large graph keeps the explorer's first page of the new version (de, en,
    fr): the first app process after the load draws it before it has read the graph."""
    import pickle

    import ui.frontpage
    from pontes.cli import main

    monkeypatch.setattr(ui.frontpage, "LARGE_GRAPH", 1)
    assert main(["load", str(seeds)]) == 0
    assert "Kept the explorer's first page (de, en, fr)" in capsys.readouterr().err
    kept = {f.name: pickle.loads(f.read_bytes()) for f in large.glob("front-*.pickle")}
    assert len(kept) == 3
    with EmbeddedStore(load_settings().embedded_path) as store:  # kept already for this version: not made again
        assert ui.frontpage.prepare(load_settings(), store, ["de", "fr"], words={}) == []

    reads = []
    real = EmbeddedStore.cached_snapshot
    monkeypatch.setattr(EmbeddedStore, "cached_snapshot", lambda self: reads.append(1) or real(self))
    at = start()
    assert not reads  # drawn from the kept page (the graph is read afterwards, in the background)
    shown_from = [page for page in kept.values() if drawn_ids(at) == {n.id for n in page.shown.picture.nodes}]
    assert shown_from

    # the very page the app makes itself for this version, in its language
    new_process()
    for f in large.glob("front-*.pickle"):
        f.unlink()
    start()
    (made,) = list(large.glob("front-*.pickle"))
    assert pickle.loads(made.read_bytes()) == kept[made.name]


def test_a_small_graph_has_no_kept_page_after_a_load(app_env, seeds, capsys):
    from pontes.cli import main

    assert main(["load", str(seeds)]) == 0
    assert "first page" not in capsys.readouterr().err
    assert not list((load_settings().data_dir / "cache").glob("front-*.pickle"))


def test_a_new_page_retires_older_formats_and_pages_of_stores_long_unused(large):
    """Kept pages of this store in an older format are removed with the next one written, and so are
    other stores' pages no process has shown for STALE_DAYS days; a recent one of another store stays."""
    import os
    import time

    from ui import frontpage

    start()  # the store exists (its file names it) and one page is kept
    new_process()
    settings = load_settings()
    older_format = large / f"front-{frontpage._stem(settings, frontpage.FORMAT - 1)}-v1-abc.pickle"
    gone_store = large / "front-00000000000000000000-v3-abc.pickle"
    other_store = large / "front-11111111111111111111-v3-abc.pickle"
    for path in (older_format, gone_store, other_store):
        path.write_bytes(b"x")
    long_ago = time.time() - (frontpage.STALE_DAYS + 1) * 86_400
    os.utime(gone_store, (long_ago, long_ago))
    from graph.model import Topic

    with EmbeddedStore(settings.embedded_path) as store:
        store.upsert(nodes=[Topic(name="Housing", sources=["s1"])])
    start()  # a newer version: its page is kept, and the folder tidied
    kept = {p.name for p in large.glob("front-*.pickle")}
    assert older_format.name not in kept and gone_store.name not in kept
    assert other_store.name in kept and len(kept) == 2
