"""Geodesic maths against GeographicLib's exact solutions, and the laws they obey."""

from __future__ import annotations

import warnings

import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon, shape

from tracker.errors import GeometryError
from tracker.geo import geodesy as geo

from ..common import AL_TANF_GARRISON, MULTIPOLYGON, POLYGON_WITH_HOLE

WGS84 = Geodesic.WGS84


def _exact_ring_area(ring: list[tuple[float, float]]) -> float:
    polygon = WGS84.Polygon()
    for lon, lat in ring[:-1] if ring[0] == ring[-1] else ring:
        polygon.AddPoint(lat, lon)
    return abs(polygon.Compute(False, True)[2])


def _exact_area(geometry) -> float:
    polygons = getattr(geometry, "geoms", [geometry])
    return sum(
        _exact_ring_area(list(p.exterior.coords)) - sum(_exact_ring_area(list(h.coords)) for h in p.interiors)
        for p in polygons
    )


@pytest.mark.parametrize(
    "geometry",
    [
        shape(POLYGON_WITH_HOLE),
        shape(MULTIPOLYGON),
        geo.geodesic_circle(AL_TANF_GARRISON["lat"], AL_TANF_GARRISON["lon"], 55_000),
        geo.countries()["SYR"][1],
    ],
    ids=["polygon with a hole", "multipolygon", "55 km circle", "Syria"],
)
def test_areas_agree_with_geographiclib(geometry) -> None:
    assert geo.geodesic_area(geometry) == pytest.approx(_exact_area(geometry), rel=1e-6)


def test_the_55_km_circle_is_a_true_geodesic_circle() -> None:
    circle = geo.geodesic_circle(AL_TANF_GARRISON["lat"], AL_TANF_GARRISON["lon"], 55_000)
    lons, lats = circle.exterior.xy
    for lon, lat in zip(lons, lats, strict=True):
        assert WGS84.Inverse(AL_TANF_GARRISON["lat"], AL_TANF_GARRISON["lon"], lat, lon)["s12"] == pytest.approx(55_000, abs=1e-6)
    # its area is within 0.01 % of the disc's; the hole is subtracted in the polygon with a hole
    assert geo.geodesic_area(circle) / 1e6 == pytest.approx(9_503.3, rel=1e-4)
    assert geo.geodesic_area(shape(POLYGON_WITH_HOLE)) < geo.geodesic_area(Polygon(POLYGON_WITH_HOLE["coordinates"][0]))


def test_country_areas_are_those_of_the_reference_data() -> None:
    assert round(geo.country_area("SYR") / 1e6) == 185_939
    assert round(geo.country_area("IRQ") / 1e6) == 437_367
    assert round(geo.country_area("JOR") / 1e6) == 88_863


lat = st.floats(-80, 80, allow_nan=False)
lon = st.floats(-179, 179, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(lat, lon, lat, lon)
def test_distances_agree_with_geographiclib_to_a_millimetre_and_are_symmetric(a, b, c, d) -> None:
    there = float(geo.distances([a], [b], [c], [d])[0])
    back = float(geo.distances([c], [d], [a], [b])[0])
    assert there == pytest.approx(WGS84.Inverse(a, b, c, d)["s12"], abs=1e-3)
    assert there == pytest.approx(back, abs=1e-3)


rings = st.lists(
    st.tuples(st.floats(35.5, 42.0, allow_nan=False), st.floats(32.5, 37.0, allow_nan=False)), min_size=3, max_size=12
).map(lambda pts: list(Polygon(pts).convex_hull.exterior.coords) if Polygon(pts).convex_hull.geom_type == "Polygon" else None)


@settings(max_examples=150, deadline=None)
@given(rings, st.integers(0, 20))
def test_area_is_unchanged_by_reversing_or_rotating_the_ring(ring, turn) -> None:
    if ring is None:
        return
    open_ring = ring[:-1]
    k = turn % len(open_ring)
    rotated = open_ring[k:] + open_ring[:k]
    base = geo.geodesic_area(Polygon(open_ring))
    assert geo.geodesic_area(Polygon(open_ring[::-1])) == pytest.approx(base, rel=1e-9)
    assert geo.geodesic_area(Polygon(rotated)) == pytest.approx(base, rel=1e-9)


def test_distance_to_an_area_is_zero_inside_and_geodesic_outside() -> None:
    zone = geo.geodesic_circle(AL_TANF_GARRISON["lat"], AL_TANF_GARRISON["lon"], 55_000)
    assert geo.distance_to(AL_TANF_GARRISON["lat"], AL_TANF_GARRISON["lon"], zone) == 0
    tadmur = (34.5624, 38.28402)
    to_centre = float(geo.distances([tadmur[0]], [tadmur[1]], [AL_TANF_GARRISON["lat"]], [AL_TANF_GARRISON["lon"]])[0])
    assert geo.distance_to(*tadmur, zone) == pytest.approx(to_centre - 55_000, abs=5)


def test_bearings_are_clockwise_from_north() -> None:
    assert geo.bearings([0], [0], [1], [0])[0] == pytest.approx(0)
    assert geo.bearings([0], [0], [0], [1])[0] == pytest.approx(90)
    assert geo.bearings([0], [0], [-1], [0])[0] == pytest.approx(180)


def test_the_border_between_two_countries_is_a_line() -> None:
    line = geo.border("SYR", "IRQ")
    assert line.geom_type in ("LineString", "MultiLineString") and line.length > 5
    assert geo.border("SYR", "SAU").is_empty
    abu_kamal = (34.45226, 40.91854)
    assert geo.distance_to(*abu_kamal, line) < 10_000


def test_an_invalid_polygon_is_repaired_with_a_warning_that_says_why() -> None:
    spiked = [(38.0, 34.0), (38.5, 34.0), (38.5, 34.5), (38.6, 34.5), (38.5, 34.5), (38.0, 34.5)]
    with pytest.warns(geo.GeometryWarning, match=r"invalid \(Ring Self-intersection\[38.5 34.5\]\)"):
        fixed = geo.polygon(spiked, "events/x.yaml: area.polygon")
    assert fixed.is_valid and geo.geodesic_area(fixed) > 0


def test_a_crossed_polygon_is_refused_with_the_reason_rather_than_repaired_into_another_area() -> None:
    bow_tie = [(38.0, 34.0), (38.5, 34.5), (38.5, 34.0), (38.0, 34.5)]
    with pytest.raises(GeometryError, match=r"^events/x.yaml: area.polygon: the drawn area is invalid "
                       r"\(Self-intersection\[38.25 34.25\]\); repairing it would change its area by 100%"):
        geo.polygon(bow_tie, "events/x.yaml: area.polygon")


def test_an_area_without_surface_is_refused() -> None:
    with pytest.raises(GeometryError, match="no surface"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        geo.polygon([(38.0, 34.0), (38.5, 34.5), (39.0, 35.0)], "events/x.yaml: area.polygon")
    assert geo.geodesic_area(LineString([(38, 34), (39, 35)])) == 0 and geo.geodesic_area(Point(38, 34)) == 0


def _nearest_on_edges(lat: float, lon: float, geometry) -> float:
    """The reference: geodesic distances (GeographicLib's, through pyproj) to many points along every
    edge (straight in longitude and latitude, as drawn), then a ternary search on the continuous edges
    around the nearest of them."""
    import numpy as np
    from pyproj import Geod
    from shapely import get_coordinates, get_parts, get_rings

    geod = Geod(ellps="WGS84")
    parts = get_parts(geometry)
    lines = parts if geometry.geom_type.endswith("LineString") else get_rings(parts)
    edges = np.concatenate([np.hstack([xy[:-1], xy[1:]]) for xy in map(get_coordinates, lines)])
    steps = np.linspace(0.0, 1.0, 201)

    def at(edge: np.ndarray, t: np.ndarray) -> np.ndarray:
        x0, y0, x1, y1 = (edge[..., i, None] for i in range(4))
        lons, lats = (x0 + t * (x1 - x0)).ravel(), (y0 + t * (y1 - y0)).ravel()
        return np.asarray(geod.inv(np.full(lons.size, lon), np.full(lons.size, lat), lons, lats)[2]).reshape(
            np.broadcast_shapes(x0.shape, np.shape(t)))

    samples = at(edges, steps)  # one row of samples per edge
    best = float(samples.min())
    for row in np.argsort(samples.min(axis=1))[:4]:  # the nearest edges, searched finely around their nearest sample
        i = int(samples[row].argmin())
        low, high = steps[max(i - 1, 0)], steps[min(i + 1, 200)]
        for _ in range(40):
            a, b = low + (high - low) / 3, high - (high - low) / 3
            near = at(edges[row], np.array([a, b]))
            low, high = (low, b) if near[0] < near[1] else (a, high)
        best = min(best, float(at(edges[row], np.array([(low + high) / 2]))[0]))
    return best


corners = st.lists(st.tuples(st.floats(-1.5, 1.5), st.floats(-1.5, 1.5)), min_size=3, max_size=7)


@settings(max_examples=60, deadline=None)
@given(st.floats(-60, 60), st.floats(-170, 170), corners, st.booleans(), st.floats(1_000, 80_000),
       st.floats(-4, 4), st.floats(-4, 4))
def test_distances_from_areas_agree_with_geographiclib_to_a_metre(lat0, lon0, offsets, circle, radius, dlat, dlon):
    if circle:
        area = geo.geodesic_circle(lat0, lon0, radius)
    else:
        area = Polygon([(lon0 + x, lat0 + y) for x, y in offsets]).convex_hull
        if area.geom_type != "Polygon" or geo.geodesic_area(area) < 1e6:
            return
    lat, lon = lat0 + dlat, lon0 + dlon
    measured = geo.distance_to(lat, lon, area)
    if area.covers(Point(lon, lat)):
        assert measured == 0
        return
    assert measured == pytest.approx(_nearest_on_edges(lat, lon, area), abs=1.0)
    # in a batch, the same distance: each pair is measured on its own
    batch = geo.distances_to([lat, lat0], [lon, lon0], [area, Point(lon, lat)])
    assert batch[0] == measured
    assert batch[1] == pytest.approx(float(WGS84.Inverse(lat0, lon0, lat, lon)["s12"]), abs=1e-3)


def test_distances_from_holes_lines_and_many_parts_are_to_their_nearest_edge() -> None:
    holed, parts = shape(POLYGON_WITH_HOLE), shape(MULTIPOLYGON)
    in_the_hole = (34.56, 38.285)  # Tadmur itself, left out of the polygon
    line = LineString([(38.0, 34.0), (39.0, 34.0), (39.0, 35.0)])
    metres = geo.distances_to([in_the_hole[0], 34.45226, 35.5, 34.5], [in_the_hole[1], 40.91854, 38.5, 38.5],
                              [holed, parts, line, line])
    assert metres[0] == pytest.approx(_nearest_on_edges(*in_the_hole, holed), abs=1.0) and metres[0] > 0
    assert metres[1] == 0  # Abu Kamal, inside the second part
    assert metres[2] == pytest.approx(_nearest_on_edges(35.5, 38.5, line), abs=1.0)
    # inside the line's bend: nearer its eastern leg than its southern one
    assert metres[3] == pytest.approx(_nearest_on_edges(34.5, 38.5, line), abs=1.0)
    assert metres[3] < float(WGS84.Inverse(34.5, 38.5, 34.0, 38.5)["s12"]) - 5_000
