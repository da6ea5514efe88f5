"""Precision and recall of ``pontes extract`` per entity and tie type (docs/intake.md).

    nice python bench/intake_eval.py                 # seeds (../shared/seeds), dev set, the six held-out sets
    nice python bench/intake_eval.py --store others  # seeds with the other documents' nodes stored

Seeds: each of the five documents in ``../shared/seeds`` against the nodes and
ties of ``seeds/*.yaml`` that cite it. Dev and held-out sets: the texts in
``bench/intake/dev``, ``bench/intake/heldout``, ``bench/intake/heldout2``,
``bench/intake/heldout3``, ``bench/intake/heldout4``, ``bench/intake/heldout5``
and ``bench/intake/heldout6`` (the second to sixth held-out sets, each written and
labelled before a round of rules), each labelled in the seed format next
to it (``NAME.txt`` or ``NAME.html`` and ``NAME.yaml``). ``--store empty`` (the
default) extracts with nothing stored (every match is ``new``); ``--store
others`` stores, for each seed document, the seed nodes that other documents
cite, and for the dev sets the whole seed network.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.intake.documents import read_document_file  # noqa: E402
from graph.intake.evaluate import NODE_TYPES, SENTENCE_TIES, TIE_TYPES, score, sentence_ties, total  # noqa: E402
from graph.intake.extract import extract, gazetteer_of  # noqa: E402
from graph.model import SeedDocument  # noqa: E402
from loaders import read_paths  # noqa: E402

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
#: The labelled sets under bench/intake and the title of each one's table.
SETS = {
    "dev": "Development set",
    "heldout": "Held-out set",
    "heldout2": "Second held-out set",
    "heldout3": "Third held-out set",
    "heldout4": "Fourth held-out set",
    "heldout5": "Fifth held-out set",
    "heldout6": "Sixth held-out set",
}
#: The document formats a labelled set may hold (each beside its NAME.yaml).
SUFFIXES = (".txt", ".html")


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def table(title: str, scores) -> str:
    rows = [
        f"**{title}**",
        "",
        "| | proposed | right | precision | labelled | found | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key in [*(t.value for t in NODE_TYPES), *(t.value for t in TIE_TYPES), SENTENCE_TIES]:
        s = scores.get(key)
        if s is None:
            continue
        rows.append(
            f"| {key} | {s.proposed} | {s.right} | {_fmt(s.precision)} | {s.labelled} | {s.found} | {_fmt(s.recall)} |"
        )
    return "\n".join(rows)


def seed_scores(store: str) -> list:
    plan = read_paths([ROOT / "seeds"])
    docs = {s.document: s.id for s in plan.sources if s.document}
    out = []
    for path in sorted(SHARED_SEEDS.glob("*.txt")):
        sid = docs[path.name]
        gold_nodes = [n for n in plan.nodes if sid in n.sources]
        gold_ties = [t for t in plan.ties if sid in t.sources]
        stored = [n for n in plan.nodes if sid not in n.sources] if store == "others" else []
        doc = read_document_file(path)
        draft = extract(doc, gazetteer_of(stored))
        out.append(score(draft, gold_nodes, gold_ties, in_one_sentence=sentence_ties(doc.text, gold_nodes, gold_ties)))
    return out


def set_scores(folder: Path, store: str) -> list:
    stored = read_paths([ROOT / "seeds"]).nodes if store == "others" else []
    gaz = gazetteer_of(stored)
    out = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES):
        labels = SeedDocument.model_validate(yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8")))
        doc = read_document_file(path)
        draft = extract(doc, gaz)
        out.append(
            score(
                draft,
                list(labels.nodes),
                list(labels.ties),
                in_one_sentence=sentence_ties(doc.text, list(labels.nodes), list(labels.ties)),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", choices=["empty", "others"], default="empty")
    parser.add_argument("--sets", nargs="*", default=["seeds", *SETS])
    args = parser.parse_args()
    t0 = time.perf_counter()
    for name in args.sets:
        if name == "seeds":
            if not SHARED_SEEDS.is_dir():
                print(f"(no {SHARED_SEEDS}: seeds skipped)")
                continue
            scores = seed_scores(args.store)
            title = f"Seed documents (5, German), store {args.store}"
        else:
            folder = ROOT / "bench" / "intake" / name
            scores = set_scores(folder, args.store)
            title = f"{SETS.get(name, name)} ({len(scores)} texts), store {args.store}"
        print(table(title, total(scores)))
        print()
    print(f"({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
