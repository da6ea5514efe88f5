"""One cache key for everything derived from a store: (store identity, version).

Two stores at the same version never share an entry; a write moves the key.
"""

from __future__ import annotations

import threading

import pytest

from graph.cache import Memo
from graph.model import Event, Organisation, Source, Tie, TieType
from graph.store.base import CacheKey
from graph.store.embedded import EmbeddedStore
from graph.suggest.service import FALLBACK_SCORER, SuggestionService, SuggestionUnavailable

SRC = Source(id="s", title="T", publisher="P")


def _store(path, names: list[str]) -> EmbeddedStore:
    """A store where every organisation of ``names`` took part in one event."""
    store = EmbeddedStore(path)
    store.ensure_schema()
    orgs = [Organisation(name=n, country="DE", sources=["s"]) for n in names]
    ev = Event(name="Workshop", start="2019", sources=["s"])
    ties = [Tie(type=TieType.PARTICIPATED_IN, source=o.id, target=ev.id, sources=["s"]) for o in orgs]
    store.upsert(sources=[SRC], nodes=[*orgs, ev], ties=ties)
    return store


@pytest.fixture
def two(tmp_path):
    a = _store(tmp_path / "a.sqlite", ["Alpha", "Beta", "Gamma"])
    b = _store(tmp_path / "b.sqlite", ["Alpha", "Delta", "Epsilon"])
    yield a, b
    a.close()
    b.close()


def test_two_stores_at_the_same_version_have_different_keys(two):
    a, b = two
    assert a.version() == b.version()
    ka, kb = a.cache_key(), b.cache_key()
    assert isinstance(ka, CacheKey) and ka != kb and ka.version == kb.version
    assert a.cache_key() == ka  # stable while nothing is written


def test_a_write_moves_the_key(two):
    a, _b = two
    before = a.cache_key()
    a.upsert(nodes=[Organisation(name="Zeta", sources=["s"])])
    after = a.cache_key()
    assert after.store == before.store and after.version > before.version


def test_a_second_store_object_on_the_same_file_has_its_own_key(tmp_path):
    first = _store(tmp_path / "x.sqlite", ["Alpha"])
    second = EmbeddedStore(tmp_path / "x.sqlite")
    try:
        assert first.version() == second.version()
        assert first.cache_key() != second.cache_key()
    finally:
        first.close()
        second.close()


def test_memo_never_serves_one_stores_entry_to_another(two):
    a, b = two
    memo = Memo(4)
    assert memo.get_or_make(a.cache_key(), "q", make=lambda: "from a") == "from a"
    assert memo.get(b.cache_key(), "q") is None
    assert memo.get_or_make(b.cache_key(), "q", make=lambda: "from b") == "from b"
    assert memo.get(a.cache_key(), "q") == "from a"


def test_memo_keeps_the_most_recent_entries(two):
    a, _b = two
    memo = Memo(2)
    key = a.cache_key()
    for i in range(3):
        memo.put(key, i, value=i)
    assert memo.get(key, 0) is None and memo.get(key, 1) == 1 and memo.get(key, 2) == 2
    with pytest.raises(ValueError):
        Memo(0)


def test_the_suggestion_service_answers_each_store_from_its_own_graph(two):
    a, b = two
    service = SuggestionService(background_actors=10_000)
    for store, partners in ((a, {"Beta", "Gamma"}), (b, {"Delta", "Epsilon"})):
        whole = store.snapshot()
        ranking = service.suggest(store.cache_key(), "public", whole, "org:alpha", scorer="common_neighbours")
        # Alpha's partners are its workshop's other participants: no suggestion, but the
        # engine's graph is this store's (its actors are this store's organisations)
        engine = service.engine(store.cache_key(), "public", whole, "common_neighbours")
        assert set(engine.cg.names) - {"Alpha"} == partners
        assert ranking.suggestions == [] and ranking.scorer == "common_neighbours"


def test_a_failed_background_training_reaches_the_caller_as_a_pontes_error(two, monkeypatch):
    from graph.suggest.learned import LearnedScorer

    a, _b = two

    asked = threading.Event()

    def broken(self, cg):
        assert asked.wait(30)  # fail only once the first request has been answered
        raise RuntimeError("out of memory")

    monkeypatch.setattr(LearnedScorer, "fit", broken)
    service = SuggestionService(background_actors=1)
    key, whole = a.cache_key(), a.snapshot()
    first = service.suggest(key, "public", whole, "org:alpha", scorer="learned")
    assert first.training and first.scorer == FALLBACK_SCORER
    asked.set()
    for thread in threading.enumerate():
        if thread.name == "pontes-learned":
            thread.join(30)
    with pytest.raises(SuggestionUnavailable) as info:
        service.suggest(key, "public", whole, "org:alpha", scorer="learned")
    assert isinstance(info.value.__cause__, RuntimeError)
