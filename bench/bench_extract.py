"""Time ``pontes extract`` on a 10-page PDF (README figure).

    nice python bench/bench_extract.py [--runs 5]

The PDF is made here from the development texts (bench/intake/dev, our own
writing), repeated to fill ten A4 pages of about 3,000 characters each. It
is extracted against the seed network (113 nodes), as ``pontes extract``
does: read the PDF, build the gazetteer (stored names and the packaged
towns), read the text twice, write nothing. The first run is a fresh process
(imports, GeoNames list); the others reuse what it loaded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.documents import pdf_bytes  # noqa: E402

_COLD = """
import sys, time
t0 = time.perf_counter()
from graph.intake import extract_documents, read_document_file
from loaders import read_paths
nodes = read_paths([sys.argv[2]]).nodes
t1 = time.perf_counter()
draft = extract_documents([read_document_file(sys.argv[1])], nodes)
print(time.perf_counter() - t1, time.perf_counter() - t0, len(draft["nodes"]), len(draft["ties"]))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bench" / "intake" / "dev").glob("*.txt"))]
    pages, page = [], ""
    for text in texts * 10:
        if len(page) + len(text) > 3000 and page:
            pages.append(page)
            page = ""
        page += text + "\n"
        if len(pages) == 10:
            break
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "ten-pages.pdf"
        pdf.write_bytes(pdf_bytes(pages[:10], title="Bench"))
        cold = subprocess.run(
            [sys.executable, "-c", _COLD, str(pdf), str(ROOT / "seeds")],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        from graph.intake import extract_documents, read_document_file
        from loaders import read_paths

        nodes = read_paths([ROOT / "seeds"]).nodes
        warm = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            draft = extract_documents([read_document_file(pdf)], nodes)
            warm.append(time.perf_counter() - t0)
        chars = len(read_document_file(pdf).text)
    print(
        f"10-page PDF ({chars} characters): fresh process {float(cold[1]):.2f} s in all "
        f"({float(cold[0]):.2f} s reading and extracting), then {statistics.median(warm):.2f} s median of {args.runs}; "
        f"{len(draft['nodes'])} nodes and {len(draft['ties'])} ties proposed; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
