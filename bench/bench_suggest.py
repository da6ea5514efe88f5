"""Benchmark: suggestions on the CORDIS Horizon 2020 organisation network,
next to networkx's link-prediction functions over the same candidate pairs.

Run from the repository root (nice: the machine is shared)::

    nice python bench/bench_suggest.py --runs 3 --json /tmp/bench_suggest.json

Figures (median of ``--runs`` runs each, printed; nothing is asserted):

1. *every organisation*: top-20 suggestions for all organisations at once
   with resource allocation in matrix form (:func:`graph.suggest.engine.top_k_all`).
2. *one organisation*: :meth:`SuggestionEngine.suggest` (candidates two or
   three steps away, scores, ranking, reasons) for a random sample of
   organisations, median time per organisation; for resource allocation
   and for the learned default (its training time is reported apart).
3. *networkx*: ``nx.resource_allocation_index`` over exactly the candidate
   pairs of the same sampled organisations, in the same process; the time
   for every organisation is extrapolated from the sample (time per
   candidate pair times the number of candidate pairs of all organisations).

The table is read as in the README's evaluation: with the projects'
programme parts (``programme_parts.csv.gz`` beside it), coordinators and
contributions, which the learned default uses; ``--plain`` reads actor,
event, time, country and type only.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.suggest import get_scorer
from graph.suggest.candidates import candidates
from graph.suggest.collab import collab_from_participations
from graph.suggest.engine import SuggestionEngine, top_k_all
from loaders.participations import read_participations

DATA = Path(
    os.environ.get(
        "PONTES_CORDIS", Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis_h2020" / "h2020.csv.gz"
    )
)
PARTS = DATA.parent / "programme_parts.csv.gz"


def timed(fn, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def per_organisation(engine: SuggestionEngine, sample: np.ndarray, runs: int) -> tuple[float, float]:
    """Median and 90th percentile (ms) over ``sample`` of each organisation's
    median time for its top-20 suggestions with reasons."""
    per_org = [timed(lambda s=s: engine.suggest(str(engine.cg.actors[s]), k=20), runs)[0] for s in sample]
    return 1000 * statistics.median(per_org), 1000 * float(np.quantile(per_org, 0.9))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sample", type=int, default=50, help="organisations timed one by one")
    ap.add_argument("--nx-sample", type=int, default=10, help="organisations timed with networkx")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-learned", action="store_true", help="skip the learned default")
    ap.add_argument(
        "--baseline-bag",
        type=int,
        default=None,
        help="also time the learned default with this many models in each segment's bag, in the same run "
        "(1: one model of all the trees, as before 2026-12-07)",
    )
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--plain", action="store_true", help="without programme parts, coordinators and contributions")
    args = ap.parse_args()
    out: dict = {"runs": args.runs, "plain": args.plain}

    t = time.perf_counter()
    extras = (
        {}
        if args.plain
        else dict(
            event_attributes=["programme_part"], events=PARTS, lead=("role", "coordinator"), amount="contribution"
        )
    )
    table = read_participations(
        DATA, actor="pic", event="rcn", time="start_year", attributes=["country", "type"], **extras
    )
    cg = collab_from_participations(table, country_attribute="country")
    _ = cg.adjacency, cg.degree
    out["build_s"] = time.perf_counter() - t
    orgs = np.flatnonzero(cg.degree > 0)
    out["organisations"] = int(len(orgs))
    out["ties"] = int(cg.adjacency.nnz // 2)
    print(f"CORDIS: {cg.n} organisations ({len(orgs)} with ties), {out['ties']} ties; built in {out['build_s']:.1f} s")

    ra = get_scorer("resource_allocation")
    secs, _ = timed(lambda: top_k_all(cg, ra, k=20, actors=orgs), args.runs)
    out["all_top20_ra_s"] = secs
    print(f"top-20 for every organisation (resource allocation): {secs:.1f} s")

    rng = np.random.default_rng(args.seed)
    sample = rng.choice(orgs, args.sample, replace=False)
    out["one_org_ra_median_ms"], out["one_org_ra_p90_ms"] = per_organisation(
        SuggestionEngine(cg, ra), sample, args.runs
    )
    print(
        f"one organisation (resource allocation, with reasons): median {out['one_org_ra_median_ms']:.1f} ms, "
        f"p90 {out['one_org_ra_p90_ms']:.1f} ms"
    )

    # networkx over the same candidate pairs
    g = cg.to_networkx()
    nx_sample = sample[: args.nx_sample]
    ours, theirs, n_pairs = [], [], []
    for s in nx_sample:
        cand = candidates(cg, int(s))
        pairs = [(cg.actors[s], cg.actors[t]) for t in cand.targets]
        n_pairs.append(len(pairs))
        secs_nx, nx_scores = timed(lambda pairs=pairs: [p for _, _, p in nx.resource_allocation_index(g, pairs)], 1)
        secs_us, our_scores = timed(
            lambda cand=cand, s=s: ra.score(cg, np.full(len(cand.targets), s), cand.targets), args.runs
        )
        theirs.append(secs_nx)
        ours.append(secs_us)
        np.testing.assert_allclose(our_scores, nx_scores, rtol=1e-12, atol=1e-12)
    out["nx_pairs_median"] = float(np.median(n_pairs))
    out["nx_one_org_median_ms"] = 1000 * statistics.median(theirs)
    out["ours_same_pairs_median_ms"] = 1000 * statistics.median(ours)
    out["speedup_same_pairs"] = statistics.median(theirs) / statistics.median(ours)
    all_pairs = sum(len(candidates(cg, int(s)).targets) for s in sample) / len(sample) * len(orgs)
    out["nx_all_extrapolated_s"] = sum(theirs) / sum(n_pairs) * all_pairs
    out["speedup_all"] = out["nx_all_extrapolated_s"] / out["all_top20_ra_s"]
    print(
        f"networkx resource_allocation_index over the same candidates ({out['nx_pairs_median']:.0f} pairs per "
        f"organisation): median {out['nx_one_org_median_ms']:.0f} ms vs {out['ours_same_pairs_median_ms']:.1f} ms "
        f"({out['speedup_same_pairs']:.0f}x); every organisation, extrapolated: {out['nx_all_extrapolated_s']:.0f} s "
        f"({out['speedup_all']:.0f}x); values agree to 1e-12"
    )

    variants = [("learned", {})] if not args.no_learned else []
    if variants and args.baseline_bag is not None:
        variants.append((f"learned_bag{args.baseline_bag}", {"bag": args.baseline_bag}))
    for key, options in variants:
        t = time.perf_counter()
        learned = get_scorer("learned", seed=args.seed, **options).fit(cg)
        out[f"{key}_fit_s"] = time.perf_counter() - t
        out[f"one_org_{key}_median_ms"], out[f"one_org_{key}_p90_ms"] = per_organisation(
            SuggestionEngine(cg, learned), sample, args.runs
        )
        what = "learned default" if key == "learned" else f"learned, {args.baseline_bag} model(s) per segment"
        print(
            f"{what}: trained in {out[f'{key}_fit_s']:.0f} s; one organisation: median "
            f"{out[f'one_org_{key}_median_ms']:.0f} ms, p90 {out[f'one_org_{key}_p90_ms']:.0f} ms"
        )

    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
