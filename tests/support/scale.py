"""A synthetic participation table of moderate size, shaped like CORDIS.

2,000 organisations (``pic``) in 1,200 projects (``rcn``) with 2 to 12
partners each (a few large consortia, many small ones), start years 2014 to
2020, a country and a CORDIS organisation type per organisation. Seeded: the
same table every time.
"""

from __future__ import annotations

import csv
import gzip
import random
from pathlib import Path

COUNTRIES = ["DE", "FR", "LU", "BE", "EL", "UK", "NL"]
TYPES = ["HES", "REC", "PRC", "PUB", "OTH"]
COLUMNS = ["rcn", "role", "pic", "type", "country", "start_year"]


def participation_rows(actors: int = 2000, events: int = 1200, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    pics = [str(900_000_000 + 7919 * i) for i in range(actors)]
    country = {p: rng.choice(COUNTRIES) for p in pics}
    kind = {p: rng.choice(TYPES) for p in pics}
    weights = [1.0 / (i + 1) ** 0.8 for i in range(actors)]  # a few hubs, many occasional partners
    rows = []
    for e in range(events):
        rcn = str(200_000 + e)
        year = str(rng.randint(2014, 2020))
        size = min(12, 2 + int(rng.expovariate(0.4)))
        members = set()
        while len(members) < size:
            members.add(rng.choices(pics, weights)[0])
        for i, p in enumerate(sorted(members)):
            rows.append(
                {
                    "rcn": rcn,
                    "role": "coordinator" if i == 0 else "participant",
                    "pic": p,
                    "type": kind[p],
                    "country": country[p],
                    "start_year": year,
                }
            )
    return rows


def write_table(path: Path, rows: list[dict[str, str]]) -> Path:
    """``rows`` as a gzip-compressed CSV file at ``path``."""
    with gzip.open(path, "wt", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path
