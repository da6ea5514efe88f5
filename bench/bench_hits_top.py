"""How far to trust the README's Hits@20/50/100 on CORDIS: what decides the
top of the ranking, for the learned default and the best heuristics.

Hits@K compares every positive with one number, the K-th highest of the
100,000 negatives' scores, so it rests on the top K negatives. For one cut
this prints, per scorer:

- *ties*: how many negatives score exactly the K-th highest score, the
  K-th included (1: no plateau; a positive tied with it is a miss, so
  plateaus of equal scores would cost hits);
- *bootstrap*: the 90% interval of Hits@K over 200 resamples of the
  negatives (with replacement, the same resamples for every scorer), and
  the share of resamples where the learned default is at least the best of
  the other scorers.

Same protocol and seed as ``bench/bench_evaluate.py`` (seed 0, 100,000
negatives). Run from the repository root (nice: the machine is shared;
training the learned default takes 5 to 20 minutes)::

    nice python bench/bench_hits_top.py --cut 2018
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_evaluate import read_table

from graph.suggest import get_scorer
from graph.suggest.evaluate import hits_at_k, temporal_split

KS = (20, 50, 100)
SCORERS = ("learned", "resource_allocation", "adamic_adar")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cut", type=float, default=2018)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resamples", type=int, default=200)
    args = ap.parse_args()
    table = read_table()
    split = temporal_split(table, args.cut, seed=args.seed, country_attribute="country")
    g = split.graph
    (pu, pv), (nu, nv) = split.positives, split.negatives
    print(f"cut {args.cut:g}: {len(pu)} positives, {len(nu)} negatives")
    pos, neg = {}, {}
    for name in SCORERS:
        scorer = get_scorer(name, seed=args.seed) if name == "learned" else get_scorer(name)
        scorer.fit(g)
        pos[name], neg[name] = scorer.score(g, pu, pv), scorer.score(g, nu, nv)
    rng = np.random.default_rng(args.seed + 1)
    draws = [rng.integers(0, len(nu), len(nu)) for _ in range(args.resamples)]
    boot = {n: np.array([[hits_at_k(pos[n], neg[n][i], k) for k in KS] for i in draws]) for n in SCORERS}
    best_other = np.max([boot[n] for n in SCORERS if n != "learned"], axis=0)
    for n in SCORERS:
        order = np.argsort(-neg[n], kind="stable")
        for j, k in enumerate(KS):
            kth = neg[n][order[k - 1]]
            lo, hi = np.percentile(boot[n][:, j], [5, 95])
            line = (
                f"{n:20s} Hits@{k:<3d} {hits_at_k(pos[n], neg[n], k):.3f}  ties {int(np.sum(neg[n] == kth)):3d}  "
                f"bootstrap 90% [{lo:.3f}, {hi:.3f}]"
            )
            if n == "learned":
                line += f"  learned >= best other in {np.mean(boot[n][:, j] >= best_other[:, j]):.0%}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
