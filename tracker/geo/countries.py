"""The shipped countries: Natural Earth's outlines (``tracker/data/countries.geojson``) of the
countries of the country table (:mod:`gazetteer.countries`), by ISO 3166 three-letter code.

A record names a country by any of its names or codes (:func:`country_named`); the claims about
countries (``inside:``, ``reaches:``, an area larger than its countries) are tested against these
outlines. Their areas are measured in :mod:`tracker.geo.geodesy`.

>>> list(countries())
['ISR', 'PSE', 'LBN', 'SYR', 'TUR', 'IRQ', 'SAU', 'JOR']
>>> name, outline = countries()["SYR"]
>>> name, outline.geom_type, outline.bounds[0] < 38.28 < outline.bounds[2]
('Syria', 'Polygon', True)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from gazetteer.countries import BY_ALPHA3, TABLE, Country, lookup

__all__ = ["COUNTRIES_FILE", "ISO2", "NEIGHBOUR_GAP_DEGREES", "TABLE", "Country", "border", "countries",
           "countries_of", "country_named", "neighbours"]

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "data" / "countries.geojson"

#: ISO 3166 two-letter code of each country of the table, by three-letter code.
ISO2 = {country.alpha3: country.alpha2 for country in TABLE}

#: Countries whose shipped outlines come this near (in degrees) border each other: the outlines leave
#: gaps, such as the Golan's between Syria and Israel.
NEIGHBOUR_GAP_DEGREES = 0.2


@cache
def countries() -> dict[str, tuple[str, BaseGeometry]]:
    """ISO code -> (name, polygon) of the shipped Natural Earth countries, named as in the country
    table (read on first use; the polygons are prepared, so point and area tests against them are fast).

    >>> countries()["IRQ"][0], countries()["TUR"][1].geom_type
    ('Iraq', 'MultiPolygon')
    """
    data = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    found = {}
    for feature in data["features"]:
        code = feature["properties"]["ISO_A3"]
        polygon = shape(feature["geometry"])
        shapely.prepare(polygon)
        found[code] = (BY_ALPHA3[code].name, polygon)
    return found


def country_named(name: str) -> str | None:
    """The ISO code of a shipped country from any of its names (those the news uses, and ISO 3166's)
    or its two- or three-letter code, case aside; ``None`` for any other name and for countries not shipped.

    >>> country_named("Iraq"), country_named("iq"), country_named("IRQ"), country_named("IR")
    ('IRQ', 'IRQ', 'IRQ', None)
    >>> country_named("Syrian Arab Republic"), country_named("türkiye"), country_named("Kingdom of Saudi Arabia")
    ('SYR', 'TUR', 'SAU')
    """
    found = lookup(name)
    return found.alpha3 if found is not None and found.alpha3 in countries() else None


@cache
def border(a: str, b: str) -> BaseGeometry:
    """The border line between two shipped countries (ISO codes); empty when they do not touch.

    >>> line = border("SYR", "IRQ")
    >>> line.geom_type, [round(degrees, 1) for degrees in line.bounds]  # from al-Tanf north to the Tigris
    ('LineString', [38.8, 33.4, 42.4, 37.1])
    >>> border("SYR", "SAU").is_empty
    True
    """
    shape_a, shape_b = countries()[a][1], countries()[b][1]
    line = shape_a.boundary.intersection(shape_b.buffer(1e-6))
    return shapely.line_merge(line) if not line.is_empty and line.geom_type == "MultiLineString" else line


def neighbours(codes: Sequence[str]) -> list[str]:
    """The shipped countries, other than ``codes``, that border any of them, in the shipped order.

    >>> neighbours(["JOR"])
    ['ISR', 'PSE', 'SYR', 'IRQ', 'SAU']
    """
    given = [countries()[g][1] for g in codes]
    return [c for c, (_, shape_c) in countries().items()
            if c not in codes and any(shapely.dwithin(shape_c, g, NEIGHBOUR_GAP_DEGREES) for g in given)]


def countries_of(geometry: BaseGeometry) -> list[str]:
    """The shipped countries ``geometry`` lies in or touches, in the shipped order.

    >>> from shapely.geometry import LineString, Point
    >>> countries_of(Point(38.28, 34.56)), countries_of(LineString([(38.28, 34.56), (43.0, 33.0)]))
    (['SYR'], ['SYR', 'IRQ'])
    >>> countries_of(Point(2.35, 48.86))  # Paris: no shipped country
    []
    """
    return [code for code, (_, polygon) in countries().items() if polygon.intersects(geometry)]
