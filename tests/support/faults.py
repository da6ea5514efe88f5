"""Helpers of the fault-tolerance tests (``tests/test_fault_*.py``).

- :func:`write_dataset` writes a valid, moderately large network as CSV
  tables (``sources.csv``, ``nodes.csv``, ``ties.csv``) and returns the
  :class:`~loaders.plan.LoadPlan` a load of that folder writes, in the order
  it writes it.
- :func:`load_process` starts ``python -m pontes.cli load`` as a child
  process with exactly the Pontes settings given (nothing of the test
  process's own Pontes/Neo4j environment leaks in).
- :func:`embedded_state` and :func:`neo4j_state` read what a store holds
  *raw* (SQLite rows, every Neo4j node and relationship), bypassing the
  store classes, so duplicates or torn rows could not be hidden by them.
- :func:`check_whole_batches` asserts that a state is what a batched load
  leaves behind after any number of whole batches, and nothing else.
"""

from __future__ import annotations

import csv
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.store import cypher
from loaders.plan import LoadPlan, read_paths
from pontes.settings import ENV_VARS, REPO_ROOT

REPO = REPO_ROOT


# -- the data ---------------------------------------------------------------------
def write_dataset(
    folder: Path,
    *,
    organisations: int = 2700,
    topics: int = 300,
    cooperations: int = 4500,
    addresses: int = 1500,
    prefix: str = "Fault",
    seed: int = 0,
) -> LoadPlan:
    """Write a random, valid network as three CSV tables into ``folder``.

    Organisations cooperate with each other (``COOPERATES_WITH``) and address
    topics (``ADDRESSES``); every pair occurs once, so every tie has its own
    id. Returns the validated plan of the folder (what a load writes).
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    src = [f"{prefix.lower()}-src-{i}" for i in range(3)]
    with open(folder / "sources.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "publisher", "date"])
        for i, sid in enumerate(src):
            w.writerow([sid, f"{prefix} report {i}", "Fault Injection Office", f"20{10 + i}-0{i + 1}-15"])
    countries = ["DE", "FR", "LU", "BE"]
    org_ids = [f"org:{prefix.lower()}-org-{i:05d}" for i in range(organisations)]
    topic_ids = [f"topic:{prefix.lower()}-topic-{i:04d}" for i in range(topics)]
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["type", "name", "names.fr", "aliases", "country", "description", "sources"])
        for i in range(organisations):
            w.writerow(
                [
                    "Organisation",
                    f"{prefix} Org {i:05d}",
                    f"Organisation {prefix} {i}",
                    f"FO{i}|{prefix[0]}{i}",
                    rng.choice(countries),
                    f"Generated organisation number {i}.",
                    rng.choice(src),
                ]
            )
        for i in range(topics):
            w.writerow(["Topic", f"{prefix} Topic {i:04d}", "", "", "", "", rng.choice(src)])
    pairs: set[tuple[str, str, str]] = set()
    while sum(1 for p in pairs if p[0] == "COOPERATES_WITH") < cooperations:
        a, b = rng.sample(range(organisations), 2)
        pairs.add(("COOPERATES_WITH", org_ids[a], org_ids[b]))
    while len(pairs) < cooperations + addresses:
        pairs.add(("ADDRESSES", rng.choice(org_ids), rng.choice(topic_ids)))
    rows = sorted(pairs)
    rng.shuffle(rows)  # both tie types in every batch
    with open(folder / "ties.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["type", "source", "target", "start", "sources"])
        for kind, a, b in rows:
            w.writerow([kind, a, b, str(rng.randint(2000, 2024)), rng.choice(src)])
    plan = read_paths([folder])
    assert (len(plan.sources), len(plan.nodes), len(plan.ties)) == (
        len(src),
        organisations + topics,
        cooperations + addresses,
    )
    return plan


# -- the loader as a child process -------------------------------------------------
def child_env(settings: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any Pontes/Neo4j setting, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(settings)
    return env


def load_process(
    paths: Sequence[Path],
    settings: Mapping[str, str],
    *,
    batched: bool,
    batch_size: int | None = None,
    replace: bool = False,
) -> subprocess.Popen:
    """``python -m pontes.cli load [--batched --batch-size N] [--replace] PATHS`` (output captured)."""
    cmd = [sys.executable, "-m", "pontes.cli", "load", "--no-progress"]
    if replace:
        cmd.append("--replace")
    if batched:
        cmd.append("--batched")
    if batch_size is not None:
        cmd += ["--batch-size", str(batch_size)]
    cmd += [str(p) for p in paths]
    return subprocess.Popen(
        cmd, cwd=REPO, env=child_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def run_load(
    paths: Sequence[Path],
    settings: Mapping[str, str],
    *,
    batched: bool,
    batch_size: int | None = None,
    timeout: float = 300,
    replace: bool = False,
) -> str:
    """Run a load to its end; returns its output, fails the test if it fails."""
    proc = load_process(paths, settings, batched=batched, batch_size=batch_size, replace=replace)
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, f"load failed ({proc.returncode}):\n{out}\n{err}"
    return out


def time_load(
    paths: Sequence[Path],
    settings: Mapping[str, str],
    version: Callable[[], int],
    *,
    batched: bool,
    batch_size: int | None = None,
    replace: bool = False,
) -> tuple[float, float]:
    """Run a load to its end, watching ``version()``: seconds from the start
    of the process until its first commit, and until its last one."""
    seen = version()
    t0 = time.monotonic()
    proc = load_process(paths, settings, batched=batched, batch_size=batch_size, replace=replace)
    commits: list[float] = []
    while proc.poll() is None:
        now = version()
        if now != seen:
            seen = now
            commits.append(time.monotonic() - t0)
        time.sleep(0.005)
    out, err = proc.communicate()
    assert proc.returncode == 0, f"load failed ({proc.returncode}):\n{out}\n{err}"
    if version() != seen or not commits:  # the last commit came as the process ended
        commits.append(time.monotonic() - t0)
    return commits[0], commits[-1]


def kill_after(proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` seconds after now; False if it had already ended."""
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.kill()  # SIGKILL
        proc.communicate()
        return True
    proc.communicate()
    return False


def kill_after_commits(proc: subprocess.Popen, version: Callable[[], int], commits: int, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` seconds after its ``commits``-th commit
    (``version()`` grows by one per committed write); False if it had ended."""
    target = version() + commits
    while proc.poll() is None and version() < target:
        time.sleep(0.005)
    return kill_after(proc, delay)


# -- what a store holds -----------------------------------------------------------
@dataclass(frozen=True)
class State:
    """Ids as stored (a duplicate would appear twice); ties with their ends."""

    sources: list[str]
    nodes: list[str]
    ties: list[tuple[str, str, str]]  # (id, source, target)

    @property
    def shape(self) -> tuple[int, int, int]:
        return len(self.sources), len(self.nodes), len(self.ties)


def embedded_state(path: Path) -> State:
    """The rows of an embedded store file, read in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        sources = [r[0] for r in conn.execute("SELECT id FROM sources")]
        nodes = [r[0] for r in conn.execute("SELECT id FROM nodes")]
        ties = [tuple(r) for r in conn.execute("SELECT id, source, target FROM ties")]
        conn.execute("COMMIT")
    finally:
        conn.close()
    return State(sources, nodes, ties)


def neo4j_state(driver, database: str) -> State:
    """Every ``:Node``/``:Source`` and every relationship of a Neo4j database."""
    import neo4j

    def work(tx):
        labelled = [(r["id"], r["labels"]) for r in tx.run(cypher.NODE_LABELS)]
        ties = [(r["id"], r["source"], r["target"]) for r in tx.run(cypher.TIE_TYPES)]
        return labelled, ties

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        labelled, ties = session.execute_read(work)
    return State(
        sources=[i for i, labels in labelled if "Source" in labels],
        nodes=[i for i, labels in labelled if "Node" in labels],
        ties=ties,
    )


def _no_duplicates(kind: str, ids: list[str]) -> None:
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate {kind}: {dupes[:5]}"


def check_whole_batches(state: State, plan: LoadPlan, batch_size: int) -> str:
    """Assert that ``state`` is what a batched load of ``plan`` into an empty
    store leaves after some whole batches: the sources (one transaction),
    then the first ``k * batch_size`` nodes, then the first ``m * batch_size``
    ties, in plan order; no duplicates, no tie without both ends.

    Returns where the load was (``"empty"``, ``"nodes 1500/3000"`` ...).
    """
    for kind, ids in (("sources", state.sources), ("nodes", state.nodes), ("ties", [t[0] for t in state.ties])):
        _no_duplicates(kind, ids)
    nodes = set(state.nodes)
    dangling = [t for t in state.ties if t[1] not in nodes or t[2] not in nodes]
    assert not dangling, f"{len(dangling)} ties without both ends, e.g. {dangling[:3]}"

    n_src, n_nodes, n_ties = len(plan.sources), len(plan.nodes), len(plan.ties)
    assert set(state.sources) in (set(), {s.id for s in plan.sources}), "a part of the sources"
    k, m = len(state.nodes), len(state.ties)
    assert k % batch_size == 0 or k == n_nodes, f"{k} nodes: not whole batches of {batch_size}"
    assert m % batch_size == 0 or m == n_ties, f"{m} ties: not whole batches of {batch_size}"
    assert nodes == {n.id for n in plan.nodes[:k]}, "the nodes are not the first batches of the load"
    assert {t[0] for t in state.ties} == {t.id for t in plan.ties[:m]}, "the ties are not the first batches"
    assert not k or state.sources, "nodes before the sources"
    assert not m or k == n_nodes, f"ties written before all nodes ({k}/{n_nodes})"
    if not state.sources:
        return "empty"
    if m == n_ties and k == n_nodes:
        return "complete"
    if m:
        return f"ties {m}/{n_ties}"
    return f"nodes {k}/{n_nodes}" if k else f"sources {n_src}"


def check_complete(state: State, plan: LoadPlan) -> None:
    """Assert that ``state`` holds exactly ``plan`` (ids and tie ends)."""
    for kind, ids in (("sources", state.sources), ("nodes", state.nodes), ("ties", [t[0] for t in state.ties])):
        _no_duplicates(kind, ids)
    assert state.shape == (len(plan.sources), len(plan.nodes), len(plan.ties))
    assert set(state.sources) == {s.id for s in plan.sources}
    assert set(state.nodes) == {n.id for n in plan.nodes}
    assert set(state.ties) == {(t.id, t.source, t.target) for t in plan.ties}


def check_content(store, state: State, plan: LoadPlan) -> None:
    """Assert that every stored node and tie is exactly the plan's (no torn rows)."""
    nodes = {n.id: n for n in plan.nodes}
    stored = store.get_nodes(state.nodes)
    assert len(stored) == len(state.nodes)
    assert all(n == nodes[n.id] for n in stored), "a stored node differs from the loaded one"
    ties = {t.id: t for t in plan.ties}
    stored_ties = store.ties_touching(state.nodes) if state.nodes else []
    assert len(stored_ties) == len(state.ties)
    assert all(t == ties[t.id] for t in stored_ties), "a stored tie differs from the loaded one"


#: Open transactions on the Neo4j server (diagnostics of the tests only).
SHOW_TRANSACTIONS = "SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS open"


def wait_neo4j_idle(driver, *, timeout: float = 60.0) -> None:
    """Wait until the server holds no transaction but the asking one: the
    transaction of a killed client is rolled back (or, if it had sent its
    commit, committed) by then."""
    deadline = time.monotonic() + timeout
    while driver.execute_query(SHOW_TRANSACTIONS).records[0]["open"] > 1:
        assert time.monotonic() < deadline, "a killed client's transaction is still open"
        time.sleep(0.05)
