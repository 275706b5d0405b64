"""Geometry sized for the screen: what a map draws of an area, never what is measured.

Every measurement uses a record's full geometry (:mod:`tracker.geo.shapes`). The map draws a copy
simplified to what its view can show: Douglas-Peucker with topology kept
(``shapely.simplify(preserve_topology=True)``), at a tolerance of one screen pixel
(:data:`SCREEN_PIXELS` across the opening view) after zooming in :data:`DETAIL_ZOOMS` levels; a
record's circle (360 vertices, measured) is drawn anew with the few dozen it needs
(:func:`circle_vertices`). Coordinates are then written as whole numbers
of :data:`GRID_DEGREES` (about a metre), each vertex as the step from the one before, and an
area drawn for several records (the same polygon file, the same hull of places) is written once.

>>> from shapely.geometry import Polygon
>>> square = Polygon([(38.0, 34.0), (38.5, 34.0), (38.5, 34.25), (38.0, 34.25)])
>>> encode(square)
[[[3800000, 3400000, 50000, 0, 0, 25000, -50000, 0]]]
>>> decode(encode(square)) == [[[(38.0, 34.0), (38.5, 34.0), (38.5, 34.25), (38.0, 34.25)]]]
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

#: The width in pixels of the view the map is sized for (a laptop's browser window).
SCREEN_PIXELS = 1024
#: How many zoom levels past the opening view areas keep a pixel's detail (each level doubles it).
DETAIL_ZOOMS = 1
#: The unit coordinates are written in, in degrees: 1e-5 is about a metre.
GRID_DEGREES = 1e-5
#: The least extent a tolerance is taken from, degrees: a map of one point still opens on about 10 km
#: (see :data:`~tracker.maps.draw.MIN_VIEW_DEGREES`).
MIN_EXTENT_DEGREES = 0.1

Ring = list[int]
Encoded = list[list[Ring]]


def tolerance(bounds: Sequence[tuple[float, float]]) -> float:
    """The simplification tolerance, degrees, for a map opening on ``bounds`` ((lat, lon) corners):
    a pixel of the opening view zoomed in :data:`DETAIL_ZOOMS` levels, never under
    :data:`GRID_DEGREES`.

    >>> round(tolerance([(32.0, 35.0), (37.0, 42.0)]), 5)  # Syria: about 340 m
    0.00342
    >>> tolerance([(34.0, 38.0), (34.0, 38.0)]) == 0.1 / 2048  # one point: the least view
    True
    """
    if not bounds:
        return GRID_DEGREES
    lats, lons = zip(*bounds, strict=True)
    extent = max(max(lats) - min(lats), max(lons) - min(lons), MIN_EXTENT_DEGREES)
    return float(max(extent / (SCREEN_PIXELS * 2**DETAIL_ZOOMS), GRID_DEGREES))


def simplified(geometries: Sequence[BaseGeometry], tolerance_degrees: float) -> np.ndarray:
    """Each geometry simplified to ``tolerance_degrees``, its topology kept (no ring crosses itself
    or another, no hole leaves its shell), in one vectorised call.

    >>> from tracker.geo.geodesy import geodesic_circle
    >>> zone = geodesic_circle(33.5058, 38.6178, 55_000)  # 361 coordinates
    >>> len(simplified([zone], 0.00342)[0].exterior.coords)
    33
    """
    shapes = np.empty(len(geometries), dtype=object)
    shapes[:] = list(geometries)
    small: np.ndarray = shapely.simplify(shapes, tolerance_degrees, preserve_topology=True)
    return small


def _ring(coords: np.ndarray) -> Ring:
    """A ring as whole :data:`GRID_DEGREES`: the first vertex, then each step from the one before;
    the closing vertex (the first again) left out, and a vertex that rounds onto the one before too."""
    grid = np.round(np.asarray(coords)[:-1, :2] / GRID_DEGREES).astype(np.int64)
    steps = np.diff(grid, axis=0)
    kept = np.concatenate([grid[:1], steps[(steps != 0).any(axis=1)]])
    flat: Ring = kept.ravel().tolist()
    return flat


def encode(geometry: BaseGeometry) -> Encoded:
    """A polygon or multipolygon as a list of polygons, each a list of rings (shell first, then
    holes), each ring ``[x0, y0, dx1, dy1, ...]`` in :data:`GRID_DEGREES` (longitude first, as
    GeoJSON). Anything else (a point, a line) is no area: ``[]``."""
    parts = getattr(geometry, "geoms", [geometry]) if geometry.geom_type == "MultiPolygon" else [geometry]
    encoded: Encoded = []
    for part in parts:
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        rings = [part.exterior, *part.interiors]
        encoded.append([_ring(np.asarray(ring.coords)) for ring in rings])
    return encoded


def decode(encoded: Encoded) -> list[list[list[tuple[float, float]]]]:
    """The (lon, lat) vertices of what :func:`encode` wrote (what ``static/records.js`` draws)."""
    polygons = []
    for polygon in encoded:
        rings = []
        for ring in polygon:
            steps = np.asarray(ring, dtype=np.int64).reshape(-1, 2)
            points = np.cumsum(steps, axis=0) * GRID_DEGREES
            rings.append([(round(float(x), 5), round(float(y), 5)) for x, y in points])
        polygons.append(rings)
    return polygons


def circle_vertices(radius_m: float, tolerance_degrees: float, lat: float) -> int:
    """How many vertices a circle of ``radius_m`` at latitude ``lat`` needs so that no side strays
    from it by more than ``tolerance_degrees`` (of longitude, as the map's pixels are): at least 12,
    at most 360, the vertices of a record's circle.

    >>> circle_vertices(55_000, 0.00342, 33.5), circle_vertices(500, 0.00342, 33.5)
    (30, 12)
    >>> circle_vertices(55_000, 1e-5, 33.5)  # a map of a few hundred metres: every vertex
    360
    """
    sagitta = tolerance_degrees * 111_320 * math.cos(math.radians(lat))
    if radius_m <= sagitta:
        return 12
    return int(min(360, max(12, math.ceil(math.pi / math.acos(1 - sagitta / radius_m)))))


def geometry_key(geometry: BaseGeometry) -> Any:
    """What two equal geometries share (their WKB), so that an area drawn for several records is
    written once."""
    return shapely.to_wkb(geometry)
