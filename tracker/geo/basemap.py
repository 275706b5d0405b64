"""The offline basemap: what a map draws under the records so that a reader sees where they are, with no
tiles and no network.

:func:`layers` gives the shipped Natural Earth layers as GeoJSON: the countries (Syria and its neighbours
at 1:10m, the same outlines claims are measured against, and the rest of the world at 1:50m), and the
rivers and lakes around the region at 1:50m, with their names. :func:`labels` gives the gazetteer's own
towns to write on the map, capitals and large towns first, spaced so that no two crowd each other.
``tracker/data/build.py`` makes the files from registry packages; ``tracker/data/ATTRIBUTION.md`` says
where they come from and what a map must credit.

>>> found = layers()
>>> sorted(found), found["countries"]["type"]
(['countries', 'lakes', 'rivers'], 'FeatureCollection')
>>> [label.name for label in labels(limit=3)]
['Baghdad', 'Damascus', 'Beirut']
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from gazetteer.context import prominence
from gazetteer.table import PlaceTable

from .countries import COUNTRIES_FILE
from .geodesy import distances

__all__ = ["ATTRIBUTION", "CAPITALS", "FILES", "LAKES_FILE", "LAYERS", "RIVERS_FILE", "WORLD_FILE", "Label",
           "labels", "layers"]

DATA = COUNTRIES_FILE.parent
#: Every country but Syria's region, at 1:50m (properties ``ISO_A3``, ``NAME``).
WORLD_FILE = DATA / "world.geojson"
#: Rivers and lake centre lines around the region at 1:50m (property ``name``, ``null`` when unnamed).
RIVERS_FILE = DATA / "rivers.geojson"
#: Lakes and reservoirs around the region at 1:50m (property ``name``).
LAKES_FILE = DATA / "lakes.geojson"
#: The files of each layer, drawn in this order (the region's 1:10m countries after, so above, the world's).
FILES: dict[str, tuple[Path, ...]] = {
    "countries": (WORLD_FILE, COUNTRIES_FILE),
    "rivers": (RIVERS_FILE,),
    "lakes": (LAKES_FILE,),
}
LAYERS = tuple(FILES)
#: The credit a map that draws these layers shows.
ATTRIBUTION = "Made with Natural Earth"
#: The capitals among the gazetteer's places (its table has no capitals of Turkey, Israel, Palestine or
#: Saudi Arabia, which lie outside the area it covers).
CAPITALS = {"geonames:170654": "Damascus", "geonames:98182": "Baghdad", "geonames:250441": "Amman",
            "geonames:276781": "Beirut"}


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def layers() -> dict[str, dict[str, Any]]:
    """The basemap's layers by name (:data:`LAYERS`), each a GeoJSON FeatureCollection (plain dicts, in
    longitude, latitude order). The files are read once; each call parses them anew, so a caller may change
    what it gets.

    The countries have ``ISO_A3`` (``None`` where Natural Earth has no code, as for Kosovo) and ``NAME``;
    the Golan Heights lie in none of them. Rivers and lakes have ``name``, ``None`` where unnamed.

    >>> found = layers()
    >>> countries = found["countries"]["features"]
    >>> len(countries), countries[-1]["properties"]["NAME"], countries[0]["properties"]["NAME"]
    (241, 'Jordan', 'Zimbabwe')
    >>> sorted({f["properties"]["name"] for f in found["rivers"]["features"]} - {None})
    ['Euphrates', 'Jordan', 'Shatt al-Arab', 'Shatt al-Gharraf', 'Tigris']
    >>> "Dead Sea" in {f["properties"]["name"] for f in found["lakes"]["features"]}
    True
    >>> layers() == found and layers() is not found
    True
    """
    found = {}
    for name, paths in FILES.items():
        parts = [json.loads(_text(path)) for path in paths]
        found[name] = {"type": "FeatureCollection", "features": [f for part in parts for f in part["features"]]}
    return found


@dataclass(frozen=True)
class Label:
    """A town to write on the map: a place of the gazetteer, with its population and whether it is a
    capital.

    >>> Label("Tadmur", 34.56, 38.28, "SY", 51323, False, "geonames:170252").capital
    False
    """

    name: str
    latitude: float
    longitude: float
    country: str
    population: int
    capital: bool
    place_id: str


def labels(limit: int | None = None, *, min_population: int = 10_000, spacing_km: float = 20.0) -> list[Label]:
    """The shipped gazetteer's towns of at least ``min_population`` people, in the order a map should write
    them: the capitals, then by half an order of magnitude of population (1 to 3.16 million, 316,000 to a
    million...), within one the place known by more names first (how widely it is written about: Mosul before
    the larger quarter New Mosul), then the more populous. A town within ``spacing_km`` of one before it
    is left out, so the labels do not crowd; ``limit`` keeps the first so many.

    >>> first = labels(limit=8)
    >>> [(label.name, label.capital) for label in first[:4]]
    [('Baghdad', True), ('Damascus', True), ('Beirut', True), ('Amman', True)]
    >>> [label.name for label in first[4:]]  # New Mosul, 2 km away and larger, makes way for Mosul
    ['Mosul', 'Diyarbakır', 'Aleppo', 'Antalya']
    >>> labels(limit=0), labels(min_population=10**9)
    ([], [])
    """
    return list(_ordered(min_population, spacing_km)[:limit])


@lru_cache(maxsize=8)
def _ordered(min_population: int, spacing_km: float) -> tuple[Label, ...]:
    places = [p for p in PlaceTable.default(user=False).places
              if p.population >= max(min_population, 1) and p.feature.startswith("populated place")]
    places.sort(key=lambda p: (p.id not in CAPITALS, -prominence(p), -int(2 * math.log10(p.population)),
                               -len(p.names), -p.population, p.id))
    chosen: list[Label] = []
    lats, lons = np.empty(len(places)), np.empty(len(places))
    window = spacing_km / 110.0  # degrees of latitude: a degree is never shorter than 110 km
    for place in places:
        count = len(chosen)
        # only labels inside a window around the place can be too near; measure those geodesically
        stretch = window / max(math.cos(math.radians(min(abs(place.latitude) + window, 89.0))), 1e-6)
        near = (np.abs(lats[:count] - place.latitude) <= window) \
            & (np.abs((lons[:count] - place.longitude + 180.0) % 360.0 - 180.0) <= stretch)
        if near.any():
            others = int(near.sum())
            metres = distances(lats[:count][near], lons[:count][near], [place.latitude] * others,
                               [place.longitude] * others)
            if float(metres.min()) < spacing_km * 1000:
                continue
        chosen.append(Label(place.name, place.latitude, place.longitude, place.country, place.population,
                            place.id in CAPITALS, place.id))
        lats[count], lons[count] = place.latitude, place.longitude
    return tuple(chosen)
