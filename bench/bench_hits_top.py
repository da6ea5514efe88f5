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
  the other scorers;
- *per actor*: the same for the per-actor ranking's MRR and Hits@10,
  resampling the ranked actors (200 at seed 0, the same resamples for every
  scorer, so the comparison is paired): the 90% interval of each figure,
  of the learned default's ratio to the better heuristic in each resample,
  and the share of resamples where it is at least that heuristic.

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
from graph.suggest.evaluate import hits_at_k, reciprocal_ranks, temporal_split

KS = (20, 50, 100)
SCORERS = ("learned", "resource_allocation", "adamic_adar")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cut", type=float, default=2018)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resamples", type=int, default=200)
    ap.add_argument(
        "--near", type=float, default=None, help="the learned default's share of negatives through a shared partner"
    )
    args = ap.parse_args()
    table = read_table()
    split = temporal_split(table, args.cut, seed=args.seed, country_attribute="country")
    g = split.graph
    (pu, pv), (nu, nv) = split.positives, split.negatives
    print(f"cut {args.cut:g}: {len(pu)} positives, {len(nu)} negatives")
    pos, neg, rr = {}, {}, {}
    for name in SCORERS:
        learned = {"seed": args.seed} | ({} if args.near is None else {"near": args.near})
        scorer = get_scorer(name, **learned) if name == "learned" else get_scorer(name)
        scorer.fit(g)
        pos[name], neg[name] = scorer.score(g, pu, pv), scorer.score(g, nu, nv)
        rr[name] = reciprocal_ranks(split, scorer)
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
    per_actor(rr, np.random.default_rng(args.seed + 2), args.resamples)


def per_actor(rr: dict[str, np.ndarray], rng: np.random.Generator, resamples: int) -> None:
    """MRR and Hits@10 per actor over paired resamples of the ranked actors (see the module docstring)."""
    n_actors = len(rr["learned"])
    draws = rng.integers(0, n_actors, (resamples, n_actors))
    figures = {"MRR": lambda r: r.mean(axis=-1), "Hits@10": lambda r: (r >= 0.1).mean(axis=-1)}
    print(f"per actor: {n_actors} ranked actors, {resamples} paired resamples", flush=True)
    for label, figure in figures.items():
        boot = {n: figure(rr[n][draws]) for n in SCORERS}
        best_other = np.max([boot[n] for n in SCORERS if n != "learned"], axis=0)
        for n in SCORERS:
            lo, hi = np.percentile(boot[n], [5, 95])
            print(f"{n:20s} {label:8s} {figure(rr[n]):.3f}  bootstrap 90% [{lo:.3f}, {hi:.3f}]", flush=True)
        ratio = boot["learned"] / np.maximum(best_other, 1e-12)
        lo, hi = np.percentile(ratio, [5, 95])
        print(
            f"{'learned / better heuristic':28s} {label}: ratio 90% [{lo:.2f}, {hi:.2f}], "
            f"learned >= better heuristic in {np.mean(boot['learned'] >= best_other):.0%}",
            flush=True,
        )


if __name__ == "__main__":
    main()
