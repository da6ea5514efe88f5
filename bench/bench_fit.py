"""Benchmark: how long the learned default takes to train on CORDIS, this
checkout against an earlier revision, measured in the same run.

Each run fits the learned default on the whole CORDIS Horizon 2020 table
(as ``bench/bench_suggest.py`` reads it: countries, types, programme parts,
coordinators, contributions; ``PONTES_CORDIS`` names another copy of the
table) in a fresh process, once with this checkout's
code and once with ``--before``'s (extracted with ``git archive`` into a
temporary folder), alternating, so both meet the same load. Printed: the
median fit time and peak memory of each, their ratio, and whether the two
fitted models score a sample of pairs alike (they should, up to rounding,
when a change only makes training faster).

Run from the repository root (nice: the machine is shared)::

    nice python bench/bench_fit.py --runs 3 --before 390fb74
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from bench_suggest import DATA

ROOT = Path(__file__).resolve().parents[1]

#: One fit, in the process of the code under test (``sys.path[0]`` is that code's folder).
_FIT = """
import json, resource, sys, time
import numpy as np
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + "/bench")
from pathlib import Path
DATA = Path(sys.argv[3])
PARTS = DATA.parent / "programme_parts.csv.gz"
from graph.suggest import get_scorer
from graph.suggest.collab import collab_from_participations
from loaders.participations import read_participations
table = read_participations(DATA, actor="pic", event="rcn", time="start_year", attributes=["country", "type"],
    event_attributes=["programme_part"], events=PARTS, lead=("role", "coordinator"), amount="contribution")
cg = collab_from_participations(table, country_attribute="country")
_ = cg.adjacency, cg.degree
t = time.perf_counter()
scorer = get_scorer("learned", seed=0).fit(cg)
seconds = time.perf_counter() - t
rng = np.random.default_rng(1)
u, v = rng.integers(0, cg.n, 20000), rng.integers(0, cg.n, 20000)
keep = u != v
np.save(sys.argv[2], scorer.score(cg, u[keep], v[keep]))
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))
"""


def fit_once(code: Path, scores: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _FIT, str(code), str(scores), str(DATA)], capture_output=True, text=True, cwd=code
    )
    if out.returncode:
        raise SystemExit(f"the fit with the code in {code} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", required=True, help="the revision to compare with (a commit, tag or branch)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        trees = {"now": ROOT, args.before: before}
        runs: dict[str, list[dict]] = {name: [] for name in trees}
        for i in range(args.runs):
            for name, code in trees.items():
                result = fit_once(code, Path(tmp) / f"{i}-{name}.npy")
                runs[name].append(result)
                print(
                    f"run {i + 1}, {name}: fit {result['seconds']:.1f} s, peak {result['peak_mb']:.0f} MB", flush=True
                )
        median = {name: statistics.median(r["seconds"] for r in rs) for name, rs in runs.items()}
        for name, rs in runs.items():
            peak = statistics.median(r["peak_mb"] for r in rs)
            print(f"{name}: median fit {median[name]:.1f} s, peak memory {peak:.0f} MB")
        print(f"now / {args.before}: {median['now'] / median[args.before]:.2f}x the time")
        a, b = (np.load(Path(tmp) / f"0-{name}.npy") for name in trees)
        print(f"scores of 20,000 random pairs: largest difference {np.max(np.abs(a - b)):.2e}")


if __name__ == "__main__":
    main()
