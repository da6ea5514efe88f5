"""The README's figures of suggestions on CORDIS: every scorer at several cuts,
the learned default against the best heuristic on each figure, and how well
its claimed probabilities are calibrated (with a reliability plot).

Run from the repository root (nice: the machine is shared; about 20 minutes
per cut)::

    nice python bench/bench_evaluate.py --cuts 2018 2019 2020 \\
        --json bench/evaluate_results.json --svg docs/calibration.svg

prints the README's table (Markdown) and writes the JSON and the plot.
``--from-json FILE`` prints the table and draws the plot from a JSON
written before, without evaluating again. The protocol is
``pontes evaluate``'s (graph/suggest/evaluate.py, docs/suggestions.md):
the same as

    pontes evaluate --participations ../shared/data/cordis_h2020/h2020.csv.gz --actor pic --event rcn \\
        --time start_year --attr country --attr type --events ../shared/data/cordis_h2020/programme_parts.csv.gz \\
        --event-attr programme_part --lead role=coordinator --amount contribution --cut YEAR --calibration

with seed 0, 100,000 negatives and 200 actors ranked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.suggest import get_scorer, heuristic_names
from graph.suggest.calibration import calibration, format_calibration
from graph.suggest.evaluate import describe, evaluate, format_results, temporal_split
from loaders.participations import read_participations

DATA = Path(
    os.environ.get(
        "PONTES_CORDIS", Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis_h2020" / "h2020.csv.gz"
    )
)
PARTS = DATA.parent / "programme_parts.csv.gz"

#: The figures of the table: (JSON key, column title); higher is better for each.
FIGURES = (
    ("hits.20", "Hits@20"),
    ("hits.50", "Hits@50"),
    ("hits.100", "Hits@100"),
    ("auc", "AUC"),
    ("ap", "AP"),
    ("auc_low_degree", "AUC low degree"),
    ("auc_cold", "AUC cold"),
    ("mrr", "MRR per actor"),
    ("hits10_actor", "Hits@10 per actor"),
)


def figure(result: dict, key: str) -> float:
    if key.startswith("hits."):
        return float(result["hits"][key.split(".", 1)[1]])
    return float(result[key])


def read_table():
    """The CORDIS table as ``pontes evaluate`` reads it for the README (countries, types, programme
    parts, coordinators, contributions)."""
    return read_participations(
        DATA,
        actor="pic",
        event="rcn",
        time="start_year",
        attributes=["country", "type"],
        event_attributes=["programme_part"],
        events=PARTS,
        lead=("role", "coordinator"),
        amount="contribution",
    )


def run(cuts: list[float], seed: int) -> dict:
    table = read_table()
    out: dict = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "seed": seed, "cuts": []}
    for cut in cuts:
        started = time.perf_counter()
        split = temporal_split(table, cut, seed=seed, country_attribute="country")
        scorers = [get_scorer(n) for n in heuristic_names()] + [get_scorer("learned", seed=seed)]
        results = evaluate(split, scorers, on_progress=lambda r: print(f"  {r.scorer}: {r.seconds:.0f} s", flush=True))
        print(format_results(results), flush=True)
        learned = scorers[-1]
        cal = calibration(split, learned, seed=seed) if getattr(learned, "calibrated", False) else None
        if cal is not None:
            print(format_calibration(cal), flush=True)
        out["cuts"].append(
            {
                "cut": cut,
                "sizes": describe(split),
                "results": [r.to_dict() for r in results],
                "calibration": cal.to_dict() if cal is not None else None,
                "status": learned.status,
                "seconds": time.perf_counter() - started,
            }
        )
    return out


def markdown(data: dict) -> str:
    """The README's table: the learned default per cut, each figure with its ratio to the best heuristic."""
    head = ["cut", *(title for _, title in FIGURES), "calibration error (shown / all pairs)"]
    rows = []
    for c in data["cuts"]:
        by = {r["scorer"]: r for r in c["results"]}
        learned = by["learned"]
        heuristics = [r for name, r in by.items() if name != "learned"]
        cells = [f"{c['cut']:g}"]
        for key, _ in FIGURES:
            best = max(figure(r, key) for r in heuristics)
            value = figure(learned, key)
            cells.append(f"{value:.3f} ({value / best:.2f}×)" if best > 0 else f"{value:.3f}")
        cal = c.get("calibration")
        cells.append(f"{cal['ece_shown']:.3f} / {cal['ece_pairs']:.4f}" if cal else "–")
        rows.append(cells)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def best_heuristics(data: dict) -> str:
    """Which heuristic is best on each figure at each cut (for docs/suggestions.md)."""
    lines = []
    for c in data["cuts"]:
        by = {r["scorer"]: r for r in c["results"] if r["scorer"] != "learned"}
        parts = []
        for key, title in FIGURES:
            name = max(by, key=lambda n: figure(by[n], key))
            parts.append(f"{title} {name} {figure(by[name], key):.3f}")
        lines.append(f"{c['cut']:g}: " + "; ".join(parts))
    return "\n".join(lines)


def svg(data: dict, path: Path) -> None:
    """A reliability plot: claimed against observed one-year probability of the
    shown suggestions, one series per cut, the diagonal as perfect calibration."""
    size, pad = 360, 48
    colours = ["#1b6ca8", "#d1495b", "#66a182", "#8d6a9f"]

    def x(p: float) -> float:
        return pad + p * size

    def y(p: float) -> float:
        return pad + (1 - p) * size

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 2 * pad + 150}" height="{size + 2 * pad}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect x="{pad}" y="{pad}" width="{size}" height="{size}" fill="white" stroke="#999"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#999" stroke-dasharray="4 3"/>',
    ]
    for t in (0, 0.2, 0.4, 0.6, 0.8, 1.0):
        parts.append(f'<text x="{x(t)}" y="{y(0) + 16}" text-anchor="middle">{t:.1f}</text>')
        parts.append(f'<text x="{x(0) - 6}" y="{y(t) + 4}" text-anchor="end">{t:.1f}</text>')
    parts.append(f'<text x="{x(0.5)}" y="{y(0) + 34}" text-anchor="middle">claimed probability within a year</text>')
    parts.append(
        f'<text x="{pad - 34}" y="{y(0.5)}" text-anchor="middle" transform="rotate(-90 {pad - 34} {y(0.5)})">'
        "observed share</text>"
    )
    parts.append(f'<text x="{x(0)}" y="{pad - 14}">Shown suggestions on CORDIS (top 10 of 500 actors per cut)</text>')
    for k, c in enumerate(data["cuts"]):
        cal = c.get("calibration")
        if not cal:
            continue
        colour = colours[k % len(colours)]
        pts = [(b["claimed"], b["observed"], b["pairs"]) for b in cal["bins_shown"]]
        parts.append(
            '<polyline fill="none" stroke="{}" points="{}"/>'.format(
                colour, " ".join(f"{x(p):.1f},{y(o):.1f}" for p, o, _ in pts)
            )
        )
        for p, o, n in pts:
            r = 2 + 6 * (n / max(m for _, _, m in pts)) ** 0.5
            parts.append(f'<circle cx="{x(p):.1f}" cy="{y(o):.1f}" r="{r:.1f}" fill="{colour}" fill-opacity="0.6"/>')
        ly = pad + 20 * k + 10
        parts.append(f'<circle cx="{x(1) + 20}" cy="{ly}" r="5" fill="{colour}"/>')
        parts.append(f'<text x="{x(1) + 30}" y="{ly + 4}">cut {c["cut"]:g}: ECE {cal["ece_shown"]:.3f}</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cuts", type=float, nargs="+", default=[2018, 2019, 2020])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    ap.add_argument("--svg", type=Path, default=None, help="write the reliability plot here")
    ap.add_argument("--from-json", type=Path, default=None, help="read the figures instead of evaluating")
    args = ap.parse_args()
    if args.from_json:
        data = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        data = run(args.cuts, args.seed)
    if args.json:
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if args.svg:
        svg(data, args.svg)
    print(markdown(data))
    print()
    print(best_heuristics(data))


if __name__ == "__main__":
    main()
