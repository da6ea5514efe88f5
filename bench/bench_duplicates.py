"""Time ``pontes duplicates`` on the CORDIS Horizon 2020 organisations (README figure).

    nice python bench/bench_duplicates.py [--runs 3]

Loads the participation table into a temporary embedded store (as
``pontes load --participations`` does), then times ``pontes duplicates``
(the library call :func:`graph.intake.duplicates.find_duplicates` on the stored
organisations and their ties) and prints the median, the number of pairs
and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cordis import DATA  # noqa: E402
from graph.intake.duplicates import find_duplicates  # noqa: E402
from graph.model import NodeType  # noqa: E402
from graph.store.embedded import EmbeddedStore  # noqa: E402
from loaders import write_plan  # noqa: E402
from loaders.tables import read_participation_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, EmbeddedStore(Path(tmp) / "cordis.sqlite") as store:
        store.ensure_schema()
        plan = read_participation_plan(
            DATA, actor="pic", event="rcn", time="start_year", attributes=["country", "type"]
        )
        write_plan(store, plan)
        times, pairs = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            sub = store.snapshot()
            pairs = find_duplicates(sub.nodes, sub.ties, types=[NodeType.ORGANISATION])
            times.append(time.perf_counter() - t0)
        orgs = sum(n.type is NodeType.ORGANISATION for n in store.snapshot().nodes)
    print(
        f"pontes duplicates on {orgs} CORDIS organisations: {statistics.median(times):.1f} s median of {args.runs} "
        f"(snapshot read included), {len(pairs)} pairs; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
