"""Trust: several readers while a loader writes see the old or the new graph.

The store holds the seed network. A ``python -m pontes.cli load`` child
process adds a large batch to it in one (atomic, the default) load: 3,000
organisations and topics, 6,000 ties among them and 300 ties into the seed
network's places. Meanwhile reader threads in the test process loop on
``version()``, ``snapshot()``, ``version()`` and classify every snapshot by
its exact node and tie ids. Every snapshot must be exactly the old graph or
exactly the new one; when the version did not move across the read, it must
also be the version of that graph (the load is one committed write); no
reader may fail. Every reader reads before the loader starts and after it
ends, so each sees both graphs.

Readers have a store instance each (a connection or driver of their own,
like separate app processes) or all share one (like the sessions of one
Streamlit server, which share the cached store). Both stores.

The same with the app itself: several :class:`~streamlit.testing.v1.AppTest`
sessions run the explorer in a loop while the loader writes. ``AppTest`` is
not thread-safe (every run swaps process-wide state: ``Runtime._instance``
is replaced by a mock and reset to ``None`` when the run ends, config
options are patched and restored), so each session runs in a process of
its own (``tests/fault_app_reader.py``).
"""

from __future__ import annotations

import csv
import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph.store.base import GraphStore
from loaders import load_paths, read_paths
from tests.support.faults import REPO, child_env, load_process, write_dataset

pytestmark = pytest.mark.slow

READERS = 4
SEEDS = REPO / "seeds"


@dataclass(frozen=True)
class Graphs:
    """The ids of the graph before and after the load, and the new batch's folder."""

    folder: Path
    old_nodes: frozenset[str]
    old_ties: frozenset[str]
    new_nodes: frozenset[str]
    new_ties: frozenset[str]


@pytest.fixture(scope="module")
def graphs(tmp_path_factory) -> Graphs:
    folder = tmp_path_factory.mktemp("batch")
    batch = write_dataset(folder, prefix="Reader", seed=3)
    seeds = read_paths([SEEDS])
    places = [n.id for n in seeds.nodes if n.type == "Place"]
    rng = random.Random(4)
    with open(folder / "links.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["type", "source", "target", "sources"])
        for org in rng.sample([n.id for n in batch.nodes if n.type == "Organisation"], 300):
            w.writerow(["LOCATED_IN", org, rng.choice(places), batch.sources[0].id])
    whole = read_paths([SEEDS, folder])
    assert len(whole.ties) == len(seeds.ties) + len(batch.ties) + 300
    return Graphs(
        folder,
        frozenset(n.id for n in seeds.nodes),
        frozenset(t.id for t in seeds.ties),
        frozenset(n.id for n in whole.nodes),
        frozenset(t.id for t in whole.ties),
    )


@dataclass
class Reader:
    """One reader thread's observations: (graph, nodes, ties, version before, version after)."""

    seen: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    first: threading.Event = field(default_factory=threading.Event)


def classify(graphs: Graphs, nodes: set[str], ties: set[str]) -> str:
    if nodes == graphs.old_nodes and ties == graphs.old_ties:
        return "old"
    if nodes == graphs.new_nodes and ties == graphs.new_ties:
        return "new"
    return "mixed"


def read_until(store_for: Callable[[], GraphStore], close: bool, graphs: Graphs, stop: threading.Event, me: Reader):
    """Read until ``stop`` is set, then once more."""
    store = None
    try:
        store = store_for()
        while True:
            last = stop.is_set()
            before = store.version()
            snap = store.snapshot()
            after = store.version()
            nodes = snap.node_ids
            ties = {t.id for t in snap.ties}
            assert all(t.source in nodes and t.target in nodes for t in snap.ties), "a tie without its ends"
            me.seen.append((classify(graphs, nodes, ties), len(nodes), len(ties), before, after))
            me.first.set()
            if last:
                break
    except BaseException as e:
        me.errors.append(e)
        me.first.set()
    finally:
        if store is not None and close:
            store.close()


def readers_while_loading(
    store_for: Callable[[], GraphStore], *, shared: bool, graphs: Graphs, settings: dict[str, str], version: int
) -> list[Reader]:
    """Start READERS readers, let each read once, run the loader to its end,
    let each read once more; returns what they saw."""
    common = store_for() if shared else None
    stop = threading.Event()
    readers = [Reader() for _ in range(READERS)]
    threads = [
        threading.Thread(
            target=read_until,
            args=((lambda: common) if shared else store_for, not shared, graphs, stop, r),
            name=f"reader-{i}",
        )
        for i, r in enumerate(readers)
    ]
    try:
        for th in threads:
            th.start()
        for r in readers:
            assert r.first.wait(120), "a reader never finished its first read"
        t0 = time.monotonic()
        proc = load_process([graphs.folder], settings, batched=False)
        out, err = proc.communicate(timeout=300)
        took = time.monotonic() - t0
        assert proc.returncode == 0, f"load failed:\n{out}\n{err}"
    finally:
        stop.set()
        for th in threads:
            th.join(timeout=300)
        if common is not None:
            common.close()
    assert not any(th.is_alive() for th in threads)

    for r in readers:
        assert not r.errors, r.errors
    kinds = Counter(kind for r in readers for kind, *_ in r.seen)
    assert set(kinds) <= {"old", "new"}, kinds
    for r in readers:
        assert r.seen[0][0] == "old" and r.seen[-1][0] == "new"
        for kind, _n, _t, before, after in r.seen:
            if before == after:
                assert after == (version if kind == "old" else version + 1), (kind, before, after)
    reads = sum(len(r.seen) for r in readers)
    print(f"\n{READERS} {'shared' if shared else 'own'} readers, load {took:.1f} s: {reads} snapshots {dict(kinds)}")
    return readers


@pytest.fixture
def embedded_db(tmp_path) -> Path:
    from graph.store.embedded import EmbeddedStore

    path = tmp_path / "readers.sqlite"
    with EmbeddedStore(path) as store:
        store.ensure_schema()
        load_paths(store, [SEEDS])
    return path


@pytest.mark.parametrize("shared", [False, True], ids=["own-store", "shared-store"])
def test_readers_see_old_or_new_embedded(embedded_db, graphs, shared):
    from graph.store.embedded import EmbeddedStore

    def store_for():
        return EmbeddedStore(embedded_db)

    with EmbeddedStore(embedded_db) as store:
        version = store.version()
    readers_while_loading(
        store_for,
        shared=shared,
        graphs=graphs,
        version=version,
        settings={"PONTES_STORE": "embedded", "PONTES_DB_PATH": str(embedded_db)},
    )


@pytest.mark.neo4j
@pytest.mark.parametrize("shared", [False, True], ids=["own-driver", "shared-driver"])
def test_readers_see_old_or_new_neo4j(neo4j_store, neo4j_server, graphs, shared):
    import neo4j

    from graph.store.neo4j_store import Neo4jStore

    creds, database = neo4j_server
    load_paths(neo4j_store, [SEEDS])

    def store_for():
        return Neo4jStore(neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password)), database)

    readers_while_loading(
        store_for,
        shared=shared,
        graphs=graphs,
        version=neo4j_store.version(),
        settings={
            "PONTES_STORE": "neo4j",
            "NEO4J_URI": creds.uri,
            "NEO4J_USERNAME": creds.username,
            "NEO4J_PASSWORD": creds.password,
            "NEO4J_DATABASE": database,
        },
    )


# -- the app --------------------------------------------------------------------------
APP_SESSIONS = 3


def app_sessions_while_loading(settings: dict[str, str], graphs: Graphs, tmp_path: Path) -> None:
    """APP_SESSIONS app sessions (processes running ``tests/fault_app_reader.py``)
    rerun the explorer while the loader writes; each run must say exactly what
    the first run (the old graph) or the last run (the new one) says about the
    graph, and show no error."""
    stop = tmp_path / "stop-reading"
    env = child_env({**settings, "PONTES_LANGUAGE": "en", "PONTES_SEEDS": str(tmp_path / "no-seeds")})
    lines: list[list[str]] = [[] for _ in range(APP_SESSIONS)]
    procs, pumps, logs = [], [], []
    try:
        for i in range(APP_SESSIONS):
            log = open(tmp_path / f"session-{i}.log", "wb")
            logs.append(log)
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.fault_app_reader", str(stop)],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            procs.append(proc)
            pump = threading.Thread(target=lambda p=proc, out=lines[i]: out.extend(p.stdout), name=f"session-{i}")
            pump.start()
            pumps.append(pump)
        deadline = time.monotonic() + 300
        while not all(lines):
            assert time.monotonic() < deadline, "an app session never finished its first run"
            assert all(p.poll() is None for p in procs), "an app session ended early"
            time.sleep(0.05)
        t0 = time.monotonic()
        proc = load_process([graphs.folder], settings, batched=False)
        out, err = proc.communicate(timeout=300)
        took = time.monotonic() - t0
        assert proc.returncode == 0, f"load failed:\n{out}\n{err}"
    finally:
        stop.touch()
        for p in procs:
            try:
                p.wait(timeout=300)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for pump in pumps:
            pump.join()
        for p in procs:
            p.stdout.close()
        for log in logs:
            log.close()
    logs_text = [(tmp_path / f"session-{i}.log").read_text()[-2000:] for i in range(APP_SESSIONS)]
    assert all(p.returncode == 0 for p in procs), logs_text

    runs = [json.loads(line) for session in lines for line in session]
    for run in runs:
        assert run["exceptions"] == [] and run["errors"] == [], run
    old = json.loads(lines[0][0])["texts"]  # what the page says about the graph, before
    new = json.loads(lines[0][-1])["texts"]  # and after the load
    # counts as the page writes them in English (Babel: 3,113)
    assert any(f"{len(graphs.old_nodes):,}" in text for text in old), old
    assert any(f"{len(graphs.new_nodes):,}" in text for text in new), new
    for session in lines:
        assert json.loads(session[0])["texts"] == old and json.loads(session[-1])["texts"] == new
    assert all(run["texts"] in (old, new) for run in runs), [r["texts"] for r in runs if r["texts"] not in (old, new)]
    kinds = Counter("old" if run["texts"] == old else "new" for run in runs)
    print(f"\n{APP_SESSIONS} app sessions, load {took:.1f} s: {len(runs)} runs {dict(kinds)}")


def test_app_sessions_see_old_or_new_embedded(embedded_db, graphs, tmp_path):
    app_sessions_while_loading({"PONTES_STORE": "embedded", "PONTES_DB_PATH": str(embedded_db)}, graphs, tmp_path)


@pytest.mark.neo4j
def test_app_sessions_see_old_or_new_neo4j(neo4j_store, neo4j_server, graphs, tmp_path):
    creds, database = neo4j_server
    load_paths(neo4j_store, [SEEDS])
    settings = {
        "PONTES_STORE": "neo4j",
        "NEO4J_URI": creds.uri,
        "NEO4J_USERNAME": creds.username,
        "NEO4J_PASSWORD": creds.password,
        "NEO4J_DATABASE": database,
    }
    app_sessions_while_loading(settings, graphs, tmp_path)
