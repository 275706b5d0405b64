"""All geodesic maths of the package, on the WGS84 ellipsoid through pyproj's ``Geod``.

Areas, lengths, distances and bearings are never taken in planar degrees nor in Web Mercator.
Functions take and return numpy arrays where there can be many of a thing, so a caller makes one
call for all its claims instead of one per claim.

>>> round(float(geodesic_area(geodesic_circle(33.5058, 38.6178, 55_000))) / 1e6, 1)  # the al-Tanf zone, km²
9502.8
>>> round(float(distances([34.5624], [38.2840], [33.5058], [38.6178])[0]) / 1000, 3)  # Tadmur to the garrison, km
121.187
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, shape  # noqa: F401 (Point: the examples use it)
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.validation import explain_validity

from ..errors import GeometryError
from ..records.extent import circle_problem, circle_ring, load_geojson, ring_problem
from .countries import COUNTRIES_FILE as COUNTRIES_FILE
from .countries import ISO2 as ISO2
from .countries import NEIGHBOUR_GAP_DEGREES as NEIGHBOUR_GAP_DEGREES
from .countries import border as border
from .countries import countries as countries
from .countries import countries_of as countries_of
from .countries import country_named as country_named
from .countries import neighbours as neighbours

GEOD = Geod(ellps="WGS84")
#: Vertices of the polygon that stands for a geodesic circle: its area is within 0.01 % of the circle's.
CIRCLE_VERTICES = 360
#: Edges of areas are cut to at most this many degrees before measuring distances to them.
DENSIFY_DEGREES = 0.01


#: The largest change of area (a fraction of it) a repair of an invalid drawn area may make; a
#: larger change (a crossed "bow tie" ring, a hole outside its shell) is refused, not measured.
MAX_REPAIR_CHANGE = 0.01


class GeometryWarning(UserWarning):
    """A drawn area was invalid and has been repaired; the message says what was wrong.

    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     spiked = polygon([(38.0, 34.0), (38.5, 34.0), (38.5, 34.5), (38.6, 34.5), (38.5, 34.5), (38.0, 34.5)])
    >>> [(w.category.__name__, str(w.message)) for w in caught]
    [('GeometryWarning',
      'polygon: the drawn area was invalid (Ring Self-intersection[38.5 34.5]); it has been repaired')]
    """


# --- measuring ----------------------------------------------------------------------------------


def geodesic_area(geometry: BaseGeometry) -> float:
    """The area in m² of a Polygon or MultiPolygon (holes subtracted), oriented first because pyproj's
    area is signed. Points and lines have no area.

    >>> square = shapely.box(38.0, 34.0, 39.0, 35.0)  # one degree on a side, east of Tadmur
    >>> round(geodesic_area(square) / 1e6), round(geodesic_area(orient(square, sign=-1.0)) / 1e6)  # km², both ways
    (10188, 10188)
    >>> round(geodesic_area(square.difference(shapely.box(38.25, 34.25, 38.75, 34.75))) / 1e6)  # with a hole
    7641
    >>> geodesic_area(Point(38.28, 34.56)), geodesic_area(Polygon())
    (0.0, 0.0)
    """
    if isinstance(geometry, Polygon):
        # Each ring's area taken unsigned: the same as orienting the polygon first, without copying it.
        # ``Geod.geometry_area_perimeter`` on the oriented polygon gives the same areas, but measured
        # 1.3 to 1.7 times slower (it copies each ring's coordinates one by one through ``.xy``).
        exterior = _ring_area(geometry.exterior)
        return exterior - sum(_ring_area(hole) for hole in geometry.interiors)
    if isinstance(geometry, MultiPolygon):
        return sum(geodesic_area(part) for part in geometry.geoms)
    return 0.0


def _ring_area(ring: BaseGeometry) -> float:
    xy = shapely.get_coordinates(ring)
    return abs(float(GEOD.polygon_area_perimeter(xy[:, 0], xy[:, 1])[0]))


def distances(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Geodesic distances in metres between arrays of points (GeographicLib's inverse solution).

    >>> (distances([34.5624, 0.0], [38.2840, 0.0], [33.5058, 0.0], [38.6178, 1.0]) / 1000).round(3).tolist()
    [121.187, 111.319]
    """
    lat1, lon1, lat2, lon2 = (np.asarray(a, dtype=float) for a in (lat1, lon1, lat2, lon2))
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


def bearings(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Forward azimuths in degrees (0..360, clockwise from north) from the first points to the second.

    >>> bearings([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, -1.0]).tolist()
    [0.0, 90.0, 270.0]
    >>> bearings([33.5058], [38.6178], [34.5624], [38.2840]).round(1).tolist()  # Tadmur from the al-Tanf garrison
    [345.4]
    """
    lat1, lon1, lat2, lon2 = (np.asarray(a, dtype=float) for a in (lat1, lon1, lat2, lon2))
    azimuths: np.ndarray = np.mod(np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[0]), 360.0)
    return azimuths


def inverse(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> tuple[np.ndarray, np.ndarray]:
    """Forward azimuths in degrees (0..360) and geodesic distances in metres, from the first points
    to the second, in one call.

    >>> azimuths, metres = inverse([33.5058], [38.6178], [34.5624], [38.2840])  # the garrison to Tadmur
    >>> azimuths.round(1).tolist(), (metres / 1000).round(3).tolist()
    ([345.4], [121.187])
    """
    lat1, lon1, lat2, lon2 = (np.asarray(a, dtype=float) for a in (lat1, lon1, lat2, lon2))
    azimuths, _, metres = GEOD.inv(lon1, lat1, lon2, lat2)
    return np.mod(np.asarray(azimuths), 360.0), np.asarray(metres)


def distance_to(lat: float, lon: float, geometry: BaseGeometry) -> float:
    """Geodesic distance in metres from a point to the nearest point of ``geometry`` (0 inside an area);
    :func:`distances_to` for one pair.

    >>> zone = geodesic_circle(33.5058, 38.6178, 55_000)  # the al-Tanf zone
    >>> round(distance_to(34.5624, 38.2840, zone) / 1000, 1)  # from Tadmur, km
    66.2
    >>> distance_to(33.5058, 38.6178, zone)  # from the garrison, inside
    0.0
    >>> round(distance_to(34.5624, 38.2840, Point(38.6178, 33.5058)) / 1000, 3)
    121.187
    """
    return float(distances_to([lat], [lon], [geometry])[0])


def distances_to(lats: Any, lons: Any, geometries: Sequence[BaseGeometry | None] | np.ndarray) -> np.ndarray:
    """Geodesic distances in metres from each point to the nearest point of its geometry: 0 for a point
    an area covers, nan for an empty (or missing) geometry.

    An area's edges are taken as drawn, straight in longitude and latitude (as shapely's tests of what
    lies inside take them). They are cut to at most :data:`DENSIFY_DEGREES`; all the cut points of
    every pair are measured in one ``Geod.inv`` call, whose azimuths and distances place them on the
    azimuthal equidistant projection centred on their pair's point (distances from the centre are
    exact there). The nearest foot of each point on the segments between them is then found in that
    plane, carried back to the edge in degrees and measured again on the ellipsoid, so a distance is
    always the exact geodesic distance to a point of the edge. A cut edge departs from its chord in that
    plane by far less than a metre, which bounds the error (a test holds it to a metre against
    GeographicLib along the edges).

    >>> zone = geodesic_circle(33.5058, 38.6178, 55_000)
    >>> square = shapely.box(38.0, 34.0, 39.0, 35.0)
    >>> metres = distances_to([34.5624, 33.5058, 34.5624, 0.0], [38.2840, 38.6178, 37.0, 0.0],
    ...                       [zone, zone, square, Polygon()])
    >>> (metres / 1000).round(3).tolist()  # Tadmur to the zone, inside it, west of the square, empty
    [66.189, 0.0, 91.77, nan]
    """
    lats, lons = np.asarray(lats, dtype=float).ravel(), np.asarray(lons, dtype=float).ravel()
    shapes = np.empty(len(lats), dtype=object)
    shapes[:] = list(geometries)
    result = np.full(len(lats), np.nan)
    present = ~(shapely.is_missing(shapes) | shapely.is_empty(shapes))
    inside = np.zeros(len(lats), dtype=bool)
    areas = present & np.isin(shapely.get_type_id(shapes), (3, 6))  # Polygon, MultiPolygon
    if areas.any():
        inside[areas] = shapely.intersects_xy(shapes[areas], lons[areas], lats[areas])  # covers: on an edge too
    result[inside] = 0.0
    todo = np.flatnonzero(present & ~inside)
    if not len(todo):
        return result
    lines, owner, points, point_owner = _edges(shapes[todo])
    xy, line = shapely.get_coordinates(shapely.segmentize(lines, DENSIFY_DEGREES), return_index=True)
    if len(points):  # a point is a line of its own, of one point
        xy = np.concatenate([xy, points])
        line = np.concatenate([line, len(lines) + np.arange(len(points))])
        owner = np.concatenate([owner, point_owner])
    at = todo[owner[line]]  # the pair each cut point belongs to
    azimuths, _, metres = GEOD.inv(lons[at], lats[at], xy[:, 0], xy[:, 1])
    metres = np.asarray(metres)
    theta = np.radians(np.asarray(azimuths))
    x, y = metres * np.sin(theta), metres * np.cos(theta)  # the azimuthal equidistant plane of each pair
    nearest = np.full(len(lats), np.inf)
    np.minimum.at(nearest, at, metres)  # the cut points themselves
    segment = np.flatnonzero(line[1:] == line[:-1])  # a segment from point i to i + 1 of one line
    if len(segment):
        dx, dy = x[segment + 1] - x[segment], y[segment + 1] - y[segment]
        length2 = dx * dx + dy * dy
        with np.errstate(invalid="ignore", divide="ignore"):
            t = np.clip(-(x[segment] * dx + y[segment] * dy) / length2, 0.0, 1.0)
        t[~(length2 > 0)] = 0.0
        planar = np.hypot(x[segment] + t * dx, y[segment] + t * dy)
        pair = at[segment]
        best = _argmin_by(pair, planar)  # the segment of each pair whose foot is nearest in the plane
        k, tk = segment[best], t[best]
        foot_lon = xy[k, 0] + tk * (xy[k + 1, 0] - xy[k, 0])
        foot_lat = xy[k, 1] + tk * (xy[k + 1, 1] - xy[k, 1])
        refined = np.asarray(GEOD.inv(lons[pair[best]], lats[pair[best]], foot_lon, foot_lat)[2])
        np.minimum.at(nearest, pair[best], refined)
    result[todo] = nearest[todo]
    return result


def _edges(geometries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The lines that bound ``geometries`` (an area's rings, a line itself) with the index of the
    geometry each belongs to; and the coordinates of their points, with theirs."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    kind = shapely.get_type_id(parts)
    polygons, points = kind == 3, kind == 0
    rings, ring_owner = shapely.get_rings(parts[polygons], return_index=True)
    others = ~(polygons | points)
    lines = np.concatenate([rings, parts[others]])
    line_owner = np.concatenate([owner[polygons][ring_owner], owner[others]])
    return lines, line_owner, shapely.get_coordinates(parts[points]), owner[points]


def _argmin_by(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each distinct value of ``groups``, the position of its least value in ``values``."""
    order = np.lexsort((values, groups))
    first = np.ones(len(order), dtype=bool)
    first[1:] = groups[order][1:] != groups[order][:-1]
    return order[first]


# --- making areas -------------------------------------------------------------------------------


def geodesic_circle(lat: float, lon: float, radius_m: float, vertices: int = CIRCLE_VERTICES) -> Polygon:
    """The polygon of points at ``radius_m`` metres (geodesic) from a centre; ``GeometryError`` for a
    radius over :data:`~tracker.records.extent.MAX_CIRCLE_RADIUS_KM` or a circle that would hold a pole or
    cross the antimeridian (see :mod:`tracker.records.extent`).

    >>> zone = geodesic_circle(33.5058, 38.6178, 55_000)
    >>> len(zone.exterior.coords), round(geodesic_area(zone) / (3.14159265 * 55_000**2), 4)  # within 0.01 % of πr²
    (361, 0.9999)
    >>> geodesic_circle(34.0, 38.0, 20_000_000)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tracker.errors.GeometryError: a radius of 20,000 km is over the 2,000 km a circle may have; ...
    """
    ring = circle_ring(lat, lon, radius_m, vertices)
    problem = circle_problem(lat, lon, radius_m, vertices, ring)
    if problem:
        raise GeometryError(problem)
    # the ring runs clockwise (azimuths grow clockwise); an area's shell runs anticlockwise: reversed,
    # as ``orient(..., sign=1.0)`` would turn it, without building it twice
    lons, lats = ring
    xy = np.column_stack([np.append(lons, lons[0]), np.append(lats, lats[0])])[::-1]
    made: Polygon = shapely.polygons(xy)
    return made if made.exterior.is_ccw else orient(made, sign=1.0)


def hull(points: Sequence[tuple[float, float]]) -> BaseGeometry:
    """The convex hull of ``(lat, lon)`` points (in lon/lat; for areas of a few hundred km the
    difference from a geodesic hull is far below the uncertainty of a reported area).

    >>> area = hull([(34.5624, 38.2840), (34.4503, 38.8812), (34.8752, 38.8733), (34.6, 38.6)])  # Tadmur, ...
    >>> area.geom_type, len(area.exterior.coords) - 1, round(geodesic_area(area) / 1e6)  # the inner point left out
    ('Polygon', 3, 1287)
    >>> hull([(34.5624, 38.2840), (34.4503, 38.8812)]).geom_type  # two places: no surface
    'LineString'
    """
    return shapely.MultiPoint([(lon, lat) for lat, lon in points]).convex_hull


def polygon(lon_lat: Sequence[tuple[float, float]] | np.ndarray, where: str = "polygon") -> BaseGeometry:
    """A polygon from ``[lon, lat]`` pairs, repaired (with a :class:`GeometryWarning`) if invalid;
    ``GeometryError`` for a ring unfit to measure (see :func:`tracker.records.extent.ring_problem`).

    >>> round(geodesic_area(polygon([[38.0, 34.0], [39.0, 34.0], [39.0, 35.0], [38.0, 35.0]])) / 1e6)  # km²
    10188
    >>> polygon([[38.0, 34.0], [39.0, 34.0], [float("nan"), 35.0]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tracker.errors.GeometryError: polygon: point 3: longitude nan is not a number; ...
    """
    points = np.asarray(lon_lat, dtype=float)
    problem = ring_problem(points[:, 0], points[:, 1]) if points.ndim == 2 and points.shape[1] == 2 else None
    if problem:
        raise GeometryError(f"{where}: {problem}")
    return repaired(shapely.polygons(points), where)


def repaired(geometry: BaseGeometry, where: str,
             max_change: float | None = MAX_REPAIR_CHANGE) -> BaseGeometry:
    """``geometry`` if valid, else its repair with a warning saying what was wrong (a self-intersection,
    a ring too small...): each invalid part repaired by ``shapely.make_valid``, then the union of all
    the parts, overlapping parts counted once. A repair that changes the area of the invalid parts
    by more than ``max_change`` (a crossed ring) is refused (``None``: any repair is taken).

    >>> bow_tie = Polygon([(38.0, 34.0), (38.5, 34.5), (38.5, 34.0), (38.0, 34.5)])
    >>> repaired(bow_tie, "area")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tracker.errors.GeometryError: area: the drawn area is invalid (Self-intersection[38.25 34.25]); repairing it ...
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", GeometryWarning)
    ...     fixed = repaired(bow_tie, "area", max_change=None)
    >>> fixed.geom_type, fixed.is_valid, len(fixed.geoms)  # its two triangles
    ('MultiPolygon', True, 2)
    >>> square = shapely.box(38.0, 34.0, 39.0, 35.0)
    >>> repaired(square, "area") is square  # a valid area is itself
    True
    """
    if geometry.is_valid:
        return geometry
    reason = explain_validity(geometry)
    parts = shapely.get_parts(geometry)  # repaired one by one: make_valid of many overlapping parts is quadratic
    bad = ~shapely.is_valid(parts)
    parts[bad] = shapely.make_valid(parts[bad])
    fixed = shapely.get_parts(parts)
    polygons = [g for g in fixed if g.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        raise GeometryError(f"the drawn area has no surface ({reason}); give at least three points not in a line")
    original = shapely.get_parts(geometry)[bad]  # what the repair changed: the invalid parts only
    drawn = float(np.abs(shapely.area(original)).sum())
    kept = float(shapely.area(shapely.get_parts(parts[bad])).sum())
    change = abs(kept - drawn) / max(kept, drawn, 1e-300)
    if max_change is not None and change > max_change:
        raise GeometryError(f"{where}: the drawn area is invalid ({reason}); repairing it would change its area by "
                            f"{change:.0%}, more than the {max_change:.0%} a repair may change; redraw the "
                            "area so that its rings do not cross")
    warnings.warn(f"{where}: the drawn area was invalid ({reason}); it has been repaired", GeometryWarning,
                  stacklevel=2)
    return shapely.unary_union(polygons)


def read_geojson(path: Path) -> BaseGeometry:
    """The polygons of a GeoJSON file (a geometry, a Feature or a FeatureCollection) as one geometry;
    ``GeometryError`` when the file is unreadable or a ring is unfit to measure (see
    :func:`tracker.records.extent.load_geojson`).

    >>> import json, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> square = {"type": "Polygon", "coordinates": [[[38, 34], [39, 34], [39, 35], [38, 35], [38, 34]]]}
    >>> _ = (folder / "area.geojson").write_text(json.dumps({"type": "Feature", "properties": {}, "geometry": square}))
    >>> round(geodesic_area(read_geojson(folder / "area.geojson")) / 1e6)
    10188
    >>> _ = (folder / "point.geojson").write_text(json.dumps({"type": "Point", "coordinates": [38, 34]}))
    >>> read_geojson(folder / "point.geojson")
    Traceback (most recent call last):
    ...
    tracker.errors.GeometryError: point.geojson has no polygon; an area file holds a Polygon or MultiPolygon
    """
    try:
        data = load_geojson(path)
    except ValueError as error:
        raise GeometryError(str(error)) from None
    try:
        if data.get("type") == "FeatureCollection":
            parts = [shape(feature["geometry"]) for feature in data.get("features", []) if feature.get("geometry")]
        elif data.get("type") == "Feature":
            parts = [shape(data["geometry"])]
        else:
            parts = [shape(data)]
    except (ValueError, AttributeError, KeyError, TypeError, shapely.errors.ShapelyError) as error:
        raise GeometryError(f"{path.name} is not readable GeoJSON ({error})") from None
    polygons = [repaired(p, str(path)) for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        raise GeometryError(f"{path.name} has no polygon; an area file holds a Polygon or MultiPolygon")
    return shapely.unary_union(polygons)


def union(geometries: Iterable[BaseGeometry]) -> BaseGeometry:
    """The union of areas: overlapping parts counted once.

    >>> halves = [shapely.box(38.0, 34.0, 38.6, 35.0), shapely.box(38.4, 34.0, 39.0, 35.0), Polygon()]
    >>> round(geodesic_area(union(halves)) / 1e6)  # the one-degree square, the overlap counted once
    10188
    """
    return shapely.unary_union([g for g in geometries if not g.is_empty])


# --- countries ----------------------------------------------------------------------------------
# The shipped countries are those of tracker.geo.countries (kept importable from here); their areas
# are measured here.


@cache
def smallest_country_area() -> float:
    """The area in m² of the smallest shipped country: no claim below it can exceed a country.

    >>> round(smallest_country_area() / 1e6)  # Palestine's, km²
    6074
    """
    return min(country_area(code) for code in countries())


@cache
def country_area(code: str) -> float:
    """The geodesic area of a shipped country, in m².

    >>> round(country_area("SYR") / 1e6)  # km²
    185939
    """
    return geodesic_area(countries()[code][1])
