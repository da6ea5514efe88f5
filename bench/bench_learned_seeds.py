"""How much the learned default's CORDIS figures moved with the seed of its
own sampling when it was one model per segment, and what a bag of those
models gives (docs/suggestions.md, *How far the learned default's own seed
moves its figures*).

The learned default draws its training negatives (and the held-out fifth
that calibrates it) with ``seed``. For one cut this fits the scorer as it
was until 2026-12-07 (``bag=1``: one model per segment) with seeds 0, 1 and 2 on the same split (split
seed 0, 100,000 negatives, 200 ranked actors: ``bench/bench_evaluate.py``'s
protocol), evaluates each, and a *bag*: the mean of the three models'
log-odds. It prints every figure of the README's table, the calibration
error on the suggestions shown for seed 0 and the bag, and
``bench/bench_hits_top.py``'s bootstrap (200 resamples of the negatives:
the share where each is at least the better of resource allocation and
Adamic–Adar).

Run from the repository root (nice: the machine is shared; three fits and
their evaluation take 30 to 45 minutes per cut)::

    nice python bench/bench_learned_seeds.py --cut 2018 --json /tmp/seeds_2018.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_evaluate import read_table

from graph.suggest import get_scorer
from graph.suggest.calibration import calibration, format_calibration
from graph.suggest.evaluate import evaluate, format_results, hits_at_k, temporal_split
from graph.suggest.learned import LearnedScorer
from graph.suggest.models import logit

KS = (20, 50, 100)
HEURISTICS = ("resource_allocation", "adamic_adar")


class Bag(LearnedScorer):
    """The mean log-odds of fitted learned scorers (each calibrated on its own), as one scorer."""

    name = "learned_bag"

    def __init__(self, members: list[LearnedScorer]):
        super().__init__()
        self.members = members
        self.models, self.state = members[0].models, members[0].state
        self.training, self.feature_names = members[0].training, members[0].feature_names

    def fit(self, cg):
        return self  # the members are fitted

    def score(self, cg, u, v):
        z = np.mean([logit(m.score(cg, u, v)) for m in self.members], axis=0)
        return 1.0 / (1.0 + np.exp(-z))


def bootstrap(split, scorers: dict, seed: int, resamples: int = 200) -> dict:
    """Hits@K with its 90% interval over resamples of the negatives, and for the learned ones the
    share of resamples where they are at least the better heuristic."""
    g = split.graph
    (pu, pv), (nu, nv) = split.positives, split.negatives
    pos = {n: s.score(g, pu, pv) for n, s in scorers.items()}
    neg = {n: s.score(g, nu, nv) for n, s in scorers.items()}
    rng = np.random.default_rng(seed + 1)
    draws = [rng.integers(0, len(nu), len(nu)) for _ in range(resamples)]
    hits = {n: np.array([[hits_at_k(pos[n], neg[n][i], k) for k in KS] for i in draws]) for n in scorers}
    best = np.max([hits[n] for n in HEURISTICS], axis=0)
    out = {}
    for n in scorers:
        for j, k in enumerate(KS):
            lo, hi = np.percentile(hits[n][:, j], [5, 95])
            rec = {"hits": hits_at_k(pos[n], neg[n], k), "lo": float(lo), "hi": float(hi)}
            line = f"{n:20s} Hits@{k:<3d} {rec['hits']:.3f} [{lo:.3f}, {hi:.3f}]"
            if n not in HEURISTICS:
                rec["share_ge_best_heuristic"] = float(np.mean(hits[n][:, j] >= best[:, j]))
                line += f"  >= the better heuristic in {rec['share_ge_best_heuristic']:.0%}"
            out[f"{n}@{k}"] = rec
            print(line, flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cut", type=float, default=2018)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--json", type=Path, help="write every figure here")
    args = ap.parse_args()
    started = time.perf_counter()
    split = temporal_split(read_table(), args.cut, seed=0, country_attribute="country")
    members = [LearnedScorer(seed=s, bag=1) for s in args.seeds]
    for s, m in zip(args.seeds, members):
        m.name = f"learned_s{s}"
    bag = Bag(members)
    results = evaluate(split, [*members, bag], on_progress=lambda r: print(f"  {r.scorer}: {r.seconds:.0f} s"))
    print(format_results(results), flush=True)
    calibrations = {}
    for scorer in (members[0], bag):
        cal = calibration(split, scorer, seed=0)
        print(format_calibration(cal), flush=True)
        calibrations[scorer.name] = cal.to_dict()
    named = {n: get_scorer(n).fit(split.graph) for n in HEURISTICS} | {m.name: m for m in [*members, bag]}
    out = {
        "cut": args.cut,
        "seeds": args.seeds,
        "results": [r.to_dict() for r in results],
        "calibration": calibrations,
        "bootstrap": bootstrap(split, named, 0),
        "seconds": time.perf_counter() - started,
    }
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"{out['seconds']:.0f} s", flush=True)


if __name__ == "__main__":
    main()
