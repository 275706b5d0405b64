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
