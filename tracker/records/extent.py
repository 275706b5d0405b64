"""What geometry a record may give: coordinates in range, areas that do not wrap the globe.

An area is measured on the ellipsoid, edge by edge; drawn and compared with countries in plain
longitude and latitude. The two agree only for areas that neither touch a pole nor span half the
globe's longitudes, so larger ones are refused with a message, never measured wrongly.

Limits:

* longitudes -180..180, latitudes -90..90, finite (no NaN, no infinity);
* an area spans less than :data:`MAX_SPAN_DEGREES` of longitude and touches no pole;
* a circle's radius is at most :data:`MAX_CIRCLE_RADIUS_KM` (and the circle holds no pole);
* a GeoJSON area file is nested at most :data:`MAX_GEOJSON_DEPTH` levels deep and holds at most
  :data:`MAX_GEOJSON_RINGS` polygon rings (their union is taken once, each ring checked on its own).

>>> ring_problem([38.0, 38.6, 38.6], [34.3, 34.3, 34.8]) is None
True
>>> ring_problem([380.0, 385.0, 385.0], [34.0, 34.0, 35.0])
'point 1: longitude 380.0 is outside -180..180; write it as 20'
>>> ring_problem([-180.0, 180.0, 180.0, -180.0], [0.0, 0.0, 80.0, 80.0])  # doctest: +ELLIPSIS
'the area spans 360° of longitude (-180 to 180); an area must span less than 180°...'
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..errors import InputTooLarge, NotRegularFile
from ..text import GEOJSON_TOO_LARGE, MAX_GEOJSON_BYTES, read_limited

#: The largest circle radius accepted, in km: beyond it a circle is no longer a local area.
MAX_CIRCLE_RADIUS_KM = 2000.0
#: An area spanning this many degrees of longitude or more is refused.
MAX_SPAN_DEGREES = 180.0
#: The deepest nesting of arrays and objects a GeoJSON area file may have (a FeatureCollection of
#: MultiPolygons needs 7).
MAX_GEOJSON_DEPTH = 32
#: The most polygon rings (outer boundaries and holes, over all parts) a GeoJSON area file may hold.
MAX_GEOJSON_RINGS = 10_000

_WRAP_HINT = ("an area must span less than 180°, or its geodesic area is ambiguous (a ring around the globe "
              "measures nothing); split it into smaller areas")


def point_problem(lon: float, lat: float) -> str | None:
    """What is wrong with one ``[lon, lat]`` point, or ``None``.

    >>> point_problem(38.28, 123.4)
    'latitude 123.4 is outside -90..90; points are [lon, lat] (GeoJSON order): is this pair [lat, lon]?'
    >>> point_problem(float("nan"), 34.5)
    'longitude nan is not a number; write each coordinate as a number of degrees'
    """
    for name, value in (("longitude", lon), ("latitude", lat)):
        if not math.isfinite(value):
            return f"{name} {value} is not a number; write each coordinate as a number of degrees"
    if not -90 <= lat <= 90:
        hint = "; points are [lon, lat] (GeoJSON order): is this pair [lat, lon]?" if -90 <= lon <= 90 else ""
        return f"latitude {lat} is outside -90..90{hint}"
    if not -180 <= lon <= 180:
        return f"longitude {lon} is outside -180..180; write it as {(lon + 180) % 360 - 180:g}"
    return None


def ring_problem(lons: Sequence[float] | Any, lats: Sequence[float] | Any) -> str | None:
    """What makes a ring of points unfit to measure (a point out of range, a pole, a span of half
    the globe or more), or ``None``."""
    with np.errstate(invalid="ignore"):
        xs, ys = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        if (len(xs) and np.isfinite(xs).all() and np.isfinite(ys).all() and (np.abs(ys) < 90).all()
                and (np.abs(xs) <= 180).all() and xs.max() - xs.min() < MAX_SPAN_DEGREES):
            return None  # the usual case, told at once
    for index, (lon, lat) in enumerate(zip(lons, lats, strict=True)):
        problem = point_problem(float(lon), float(lat))
        if problem:
            return f"point {index + 1}: {problem}"
        if abs(lat) == 90:
            return (f"point {index + 1} lies on a pole (latitude {lat:g}); an area may not touch a pole, or its "
                    "geodesic area is ambiguous; split it into smaller areas")
    if len(lons):
        low, high = min(lons), max(lons)
        if high - low >= MAX_SPAN_DEGREES:
            return f"the area spans {high - low:g}° of longitude ({low:g} to {high:g}); {_WRAP_HINT}"
    return None


def radius_problem(radius_km: float) -> str | None:
    """What is wrong with a circle's radius, or ``None``.

    >>> radius_problem(20000.0)
    'a radius of 20,000 km is over the 2,000 km a circle may have; for a larger area, give a polygon or a geojson file'
    """
    if not math.isfinite(radius_km):
        return f"a radius of {radius_km} km is not a number"
    if radius_km > MAX_CIRCLE_RADIUS_KM:
        shown = f"{radius_km:,.1f}".removesuffix(".0")
        return (f"a radius of {shown} km is over the {MAX_CIRCLE_RADIUS_KM:,.0f} km a circle may have; "
                "for a larger area, give a polygon or a geojson file")
    return None


def load_geojson(path: Path) -> Any:
    """The data of a GeoJSON area file, read and checked: nesting bounded, every polygon's rings
    fit to measure. ``ValueError`` (its text names the file and the fix) otherwise."""
    try:
        text = read_limited(path, MAX_GEOJSON_BYTES, GEOJSON_TOO_LARGE).decode("utf-8")
    except (NotRegularFile, InputTooLarge) as error:
        raise ValueError(str(error)) from None
    except UnicodeDecodeError:
        raise ValueError(f"{path.name} is not UTF-8; save it as UTF-8") from None
    except OSError as error:
        raise ValueError(f"{path.name} cannot be read ({error.strerror or error})") from None
    too_deep = (f"{path.name} is nested more than {MAX_GEOJSON_DEPTH} levels deep; an area file holds a Polygon, "
                "a MultiPolygon, a Feature or a FeatureCollection of them")
    if _depth(text) > MAX_GEOJSON_DEPTH:
        raise ValueError(too_deep)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"{path.name} is not readable GeoJSON ({error})") from None
    rings = _rings(data)
    if len(rings) > MAX_GEOJSON_RINGS:
        raise ValueError(f"{path.name} has {len(rings):,} polygon rings, over the {MAX_GEOJSON_RINGS:,} an area file "
                         "may have; dissolve the parts into one polygon (in QGIS: Vector > Geoprocessing Tools > "
                         "Dissolve) or split them into several records")
    for where, ring in rings:
        problem = _number_problem(ring)
        if problem:
            raise ValueError(f"{path.name}: {where}, {problem}")
        try:
            points = np.asarray(ring, dtype=float)
        except (TypeError, ValueError):
            points = np.zeros((0, 0))
        if points.ndim != 2 or points.shape[1] not in (2, 3):
            raise ValueError(f"{path.name}: {where} is not a list of [lon, lat] points")
        problem = ring_problem(points[:, 0], points[:, 1])
        if problem:
            raise ValueError(f"{path.name}: {where}, {problem}")
    problem = _hole_problem(data)
    if problem:
        raise ValueError(f"{path.name}: {problem}")
    return data


def _number_problem(ring: Any) -> str | None:
    """The first coordinate of a ring that is not a JSON number (``true``, ``"38.2"``, ``null``), or ``None``.

    >>> _number_problem([[38.2, 34.5], [True, 34.8]])
    'point 2: longitude True is not a number; write each coordinate as a number of degrees'
    """
    for index, point in enumerate(ring if isinstance(ring, list) else []):
        for name, value in zip(("longitude", "latitude"), point if isinstance(point, list) else [], strict=False):
            if isinstance(value, bool) or not isinstance(value, int | float):
                return (f"point {index + 1}: {name} {value!r} is not a number; write each coordinate as a number "
                        "of degrees")
    return None


def _hole_problem(data: Any) -> str | None:
    """The first hole of a polygon that does not lie inside its shell, or ``None``: repairing such a
    polygon would turn the hole into new land.

    >>> _hole_problem({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]],
    ...                                                   [[5, 5], [6, 5], [6, 6], [5, 5]]]})  # doctest: +ELLIPSIS
    "ring 2 (a hole) is not inside ring 1 (the shell); a hole must lie within ..."
    """
    for where, rings in _polygons(data):
        if len(rings) < 2 or len(rings[0]) < 4:
            continue
        shell = shapely.Polygon([point[:2] for point in rings[0]]).buffer(0)
        for index, hole in enumerate(rings[1:], start=2):
            if len(hole) >= 2 and not shell.covers(shapely.LineString([point[:2] for point in hole])):
                return (f"{where}ring {index} (a hole) is not inside ring 1 (the shell); a hole must lie within its "
                        "polygon's outer ring: give an outside area as a polygon of its own (a MultiPolygon)")
    return None


def _depth(text: str) -> int:
    """How deep arrays and objects nest in the JSON ``text`` (brackets inside strings left out),
    counted at once over the whole text, before it is parsed.

    >>> _depth('{"a": [[1, 2], "[[["], "b": {}}')
    3
    """
    bare = _STRINGS.sub("", text).encode("utf-8", "replace")
    codes = np.frombuffer(bare, dtype=np.uint8)
    # '[' and '{' are 0x5b and 0x7b, ']' and '}' 0x5d and 0x7d: the bracket bytes, with bit 0x20 cleared,
    # are 0x5b or 0x5d
    folded = codes & 0xDF
    brackets = folded[(folded == 0x5B) | (folded == 0x5D)]
    steps = np.where(brackets == 0x5B, 1, -1)
    return int(np.cumsum(steps).max()) if len(steps) else 0


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')


def _rings(data: Any) -> list[tuple[str, Any]]:
    """Each polygon ring of a GeoJSON object, with where it is ('feature 2, polygon 1, ring 1')."""
    return [(f"{where}ring {r + 1}", ring) for where, rings in _polygons(data, checked=False)
            for r, ring in enumerate(rings)]


def _polygons(data: Any, checked: bool = True) -> list[tuple[str, list[Any]]]:
    """Each polygon of a GeoJSON object as its list of rings, with where it is ('feature 2, polygon 1, ');
    ``checked`` when the rings are known to be lists of points."""
    found: list[tuple[str, list[Any]]] = []

    def geometry(node: Any, where: str) -> None:
        if not isinstance(node, dict):
            return
        kind, coordinates = node.get("type"), node.get("coordinates")
        polygons = ([coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else [])
        if not isinstance(polygons, list):
            return
        for p, rings in enumerate(polygons):
            label = f"polygon {p + 1}, " if kind == "MultiPolygon" else ""
            listed = rings if isinstance(rings, list) else [rings]
            found.append((f"{where}{label}", listed if checked else
                          [ring if isinstance(ring, list) else [ring] for ring in listed]))

    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        for index, feature in enumerate(features if isinstance(features, list) else []):
            if isinstance(feature, dict):
                geometry(feature.get("geometry"), f"feature {index + 1}, ")
    elif isinstance(data, dict) and data.get("type") == "Feature":
        geometry(data.get("geometry"), "")
    else:
        geometry(data, "")
    return found


def circle_ring(lat: float, lon: float, radius_m: float, vertices: int = 360) -> tuple[np.ndarray, np.ndarray]:
    """The longitudes and latitudes of ``vertices`` points at ``radius_m`` metres (geodesic, WGS84)
    around a centre, clockwise from north."""
    azimuths = np.linspace(0.0, 360.0, vertices, endpoint=False)
    lons, lats, _ = _geod().fwd(np.full(vertices, lon), np.full(vertices, lat), azimuths, np.full(vertices, radius_m))
    return lons, lats


@cache
def _geod() -> Any:
    from pyproj import Geod  # here, not at import: reading records needs no projection library

    return Geod(ellps="WGS84")


def circle_problem(lat: float, lon: float, radius_m: float, vertices: int = 360,
                   ring: tuple[np.ndarray, np.ndarray] | None = None) -> str | None:
    """What makes a circle unfit to measure (a radius too large, a pole inside, the antimeridian
    crossed), or ``None``; ``ring``: the circle's :func:`circle_ring`, when it is already made.

    >>> circle_problem(89.9, 38.2, 50_000)  # doctest: +ELLIPSIS
    'a circle of 50 km around (89.9, 38.2) holds a pole; an area may not hold a pole, ...'
    >>> circle_problem(34.5, 38.2, 50_000) is None
    True
    """
    problem = radius_problem(radius_m / 1000)
    if problem:
        return problem
    _, _, pole = _geod().inv(lon, lat, lon, 90.0 if lat >= 0 else -90.0)
    if pole <= radius_m:
        return (f"a circle of {radius_m / 1000:,.0f} km around ({lat:g}, {lon:g}) holds a pole; an area "
                "may not hold a pole, or its geodesic area is ambiguous: give a smaller radius")
    lons, lats = ring if ring is not None else circle_ring(lat, lon, radius_m, vertices)
    problem = ring_problem(lons, lats)
    if problem:
        return f"the circle of {radius_m / 1000:,.0f} km around ({lat:g}, {lon:g}): {problem}"
    return None
