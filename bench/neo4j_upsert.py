"""Write throughput of the two stores on a synthetic graph (prints figures).

    python bench/neo4j_upsert.py [--nodes 10000] [--ties 20000] [--batch-size 2000]

Uses the server in NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD if set (its
database is cleared!), else starts a throwaway local server in a temporary
folder (jars from .neo4j/lib). Each store gets the graph twice: a first load
(creates) and a re-load (MERGE finds everything).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graph.model import Organisation, Source, Tie, TieType, Topic  # noqa: E402
from graph.store.base import GraphStore  # noqa: E402

# -- the naive baseline of bench/bench_scale.py: one row, one statement, one transaction --------
#: The same properties and ``CITES`` as the store writes (rows from
#: ``graph.store.neo4j_store.node_properties``/``tie_properties``), a row at a time.
NAIVE_UPSERT_NODE = """
MERGE (n:Node {id: $id})
SET n = $props, n:$($type)
WITH n
UNWIND $props.sources AS source
MATCH (s:Source {id: source})
MERGE (n)-[:CITES]->(s)
"""
NAIVE_UPSERT_PARTICIPATION = """
MATCH (a:Node {id: $source})
MATCH (b:Node {id: $target})
MERGE (a)-[r:PARTICIPATED_IN {id: $id}]->(b)
SET r = $props
"""


def synthetic(n_nodes: int, n_ties: int, seed: int = 1):
    rng = random.Random(seed)
    src = Source(id="bench", title="Synthetic", publisher="bench")
    orgs = [
        Organisation(name=f"Organisation {i}", aliases=[f"O{i}"], sources=["bench"]) for i in range(n_nodes * 9 // 10)
    ]
    topics = [Topic(name=f"Topic {i}", sources=["bench"]) for i in range(n_nodes - len(orgs))]
    ties: dict[str, Tie] = {}
    while len(ties) < n_ties:
        a = rng.choice(orgs)
        if rng.random() < 0.5:
            b, kind = rng.choice(topics), TieType.ADDRESSES
        else:
            b, kind = rng.choice(orgs), TieType.COOPERATES_WITH
        if a.id != b.id:
            t = Tie(type=kind, source=a.id, target=b.id, sources=["bench"])
            ties[t.id] = t
    return [src], [*orgs, *topics], list(ties.values())


def run(name: str, store: GraphStore, sources, nodes, ties) -> None:
    store.ensure_schema()
    store.clear()
    rows = len(nodes) + len(ties)
    for label in ("first load", "re-load"):
        t0 = time.perf_counter()
        store.upsert(sources=sources, nodes=nodes, ties=ties)
        dt = time.perf_counter() - t0
        print(f"{name:9} {label:10} {rows:7} rows in {dt:6.2f} s = {rows / dt:8.0f} rows/s")
    t0 = time.perf_counter()
    hits = sum(len(store.search(f"organisation {i}")) for i in range(200))
    print(f"{name:9} search     200 queries in {time.perf_counter() - t0:6.2f} s ({hits} hits)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--ties", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args()
    sources, nodes, ties = synthetic(args.nodes, args.ties)

    import neo4j

    from graph.store.embedded import EmbeddedStore
    from graph.store.neo4j_store import Neo4jStore
    from pontes import neo4j_server as ns
    from pontes.settings import load_settings

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        run("embedded", stack.enter_context(EmbeddedStore(tmp / "bench.sqlite")), sources, nodes, ties)
        settings = load_settings()
        if settings.neo4j_uri:
            uri, auth = settings.neo4j_uri, (settings.neo4j_username, settings.neo4j_password.get_secret_value())
        else:
            home = ns.Home(tmp / "neo4j", lib_dir=REPO / ".neo4j" / "lib")
            ns.fetch(home.lib, REPO / "neo4j" / "pom.xml")
            t0 = time.perf_counter()
            creds = ns.start(home, die_with_parent=True)
            print(f"(throwaway server started in {time.perf_counter() - t0:.1f} s)")
            stack.callback(ns.stop, home)
            uri, auth = creds.uri, (creds.username, creds.password)
        driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        store = stack.enter_context(Neo4jStore(driver, batch_size=args.batch_size))
        run("neo4j", store, sources, nodes, ties)


if __name__ == "__main__":
    main()
