"""Geometry and numbers checked when a record is read: refused with a located message, never
measured wrongly, never a traceback (validate, check, map, export)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.errors import GeometryError
from tracker.geo import geodesy as geo

RECORD = """\
id: {id}
date: 2017-06-08
title: Test area
type: Battles
actors: [Syrian Arab Army]
location: {{lat: 34.56, lon: 38.28}}
{rest}"""


def write(folder: Path, rest: str, id: str = "a") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{id}.yaml"
    path.write_text(RECORD.format(id=id, rest=rest), encoding="utf-8")
    return path


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


AREA_FILE = "area:\n  geojson: a.geojson\nclaims:\n  - area: 1400 km2\n"


def ring(points: list[list[Any]]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [points]})


@pytest.mark.parametrize(("content", "message"), [
    (ring([[380, 34], [385, 34], [385, 35], [380, 35], [380, 34]]),
     "a.geojson: ring 1, point 1: longitude 380.0 is outside -180..180; write it as 20"),
    (ring([[38, 34], [39, 34], [39, 95], [38, 34]]),
     "a.geojson: ring 1, point 3: latitude 95.0 is outside -90..90; points are [lon, lat] (GeoJSON order): "
     "is this pair [lat, lon]?"),
    ('{"type": "Polygon", "coordinates": [[[NaN, 34], [38, 34], [38, 35], [NaN, 34]]]}',
     "a.geojson: ring 1, point 1: longitude nan is not a number; write each coordinate as a number of degrees"),
    (json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
        "type": "Polygon", "coordinates": [[[-180, 0], [180, 0], [180, 80], [-180, 80], [-180, 0]]]}}]}),
     "a.geojson: feature 1, ring 1, the area spans 360° of longitude (-180 to 180); an area must span less than "
     "180°, or its geodesic area is ambiguous (a ring around the globe measures nothing); split it into smaller "
     "areas"),
    ("[" * 200_000 + "]" * 200_000,
     "a.geojson is nested more than 32 levels deep; an area file holds a Polygon, a MultiPolygon, a Feature or a "
     "FeatureCollection of them"),
    ("[" * 40 + "]" * 40,
     "a.geojson is nested more than 32 levels deep; an area file holds a Polygon, a MultiPolygon, a Feature or a "
     "FeatureCollection of them"),
])
@pytest.mark.parametrize("command", ["validate", "check", "map", "export-csv", "export-kml", "export-geojson",
                                     "export-parquet"])
def test_a_geojson_area_unfit_to_measure_is_refused_by_every_command(here: Path, content: str, message: str,
                                                                     command: str) -> None:
    write(here / "ev", AREA_FILE)
    (here / "ev" / "a.geojson").write_text(content, encoding="utf-8")
    args = {"validate": ["validate", "ev"], "check": ["check", "ev"], "map": ["map", "ev", "-o", "m.html"],
            **{f"export-{kind}": ["export", "ev", "-o", f"x.{kind}"] for kind in ("csv", "kml", "geojson", "parquet")},
            }[command]
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"ev/a.yaml:8:12: area.geojson: {message}" in result.output
    assert sorted(path.name for path in here.iterdir()) == ["ev"]


@pytest.mark.parametrize(("area", "message"), [
    ("polygon: [[-180, 0], [180, 0], [180, 80], [-180, 80]]",
     "ev/a.yaml:8:3: area.polygon: the area spans 360° of longitude (-180 to 180); an area must span less than "
     "180°, or its geodesic area is ambiguous (a ring around the globe measures nothing); split it into smaller "
     "areas"),
    ("polygon: [[0, 0], [90, 0], [90, 90], [0, 80]]",
     "ev/a.yaml:8:3: area.polygon: point 3 lies on a pole (latitude 90); an area may not touch a pole, or its "
     "geodesic area is ambiguous; split it into smaller areas"),
    ("circle: {center: {lat: 34, lon: 38}, radius: 20000 km}",
     "ev/a.yaml:8:48: area.circle.radius: a radius of 20,000 km is over the 2,000 km a circle may have; for a "
     "larger area, give a polygon or a geojson file"),
])
def test_an_area_that_wraps_the_globe_or_a_huge_circle_is_refused(here: Path, area: str, message: str) -> None:
    write(here / "ev", f"area:\n  {area}\nclaims:\n  - area: 1400 km2\n")
    result = run("validate", "ev")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == message


def test_a_circle_of_the_largest_radius_is_measured() -> None:
    circle = geo.geodesic_circle(34.0, 38.0, 2_000_000)
    assert geo.geodesic_area(circle) / 1e6 == pytest.approx(3.141592653589793 * 2000**2, rel=0.01)


@pytest.mark.parametrize(("lat", "lon", "radius", "message"), [
    (85.0, 38.0, 1_000_000, "a circle of 1,000 km around (85, 38) holds a pole; an area may not hold a pole, or "
     "its geodesic area is ambiguous: give a smaller radius"),
    (0.0, 179.9, 100_000, "the circle of 100 km around (0, 179.9): the area spans "),
    (34.0, 38.0, 20_000_000, "a radius of 20,000 km is over the 2,000 km a circle may have"),
])
def test_a_circle_around_a_pole_or_over_the_antimeridian_is_refused(lat: float, lon: float, radius: float,
                                                                    message: str) -> None:
    with pytest.raises(GeometryError) as error:
        geo.geodesic_circle(lat, lon, radius)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(("value", "shown"), [
    ("true", "true, which is not a number"), ("'34.56'", "'34.56'"), ('"34.56"', "'34.56'"), ("no", "false, which is not a number"),
])
@pytest.mark.parametrize("key", ["lat", "lon"])
def test_a_coordinate_must_be_a_plain_number(here: Path, value: str, shown: str, key: str) -> None:
    path = write(here / "ev", "")
    text = path.read_text().replace(f"{key}: {'34.56' if key == 'lat' else '38.28'}", f"{key}: {value}")
    path.write_text(text)
    result = run("validate", "ev", "--no-places")
    assert result.exit_code == 1
    column = 17 if key == "lat" else text.index(f"lon: {value}") - text.index("location") + 6
    assert result.output.splitlines()[0] == (
        f"ev/a.yaml:6:{column}: location.{key}: expected a plain number of degrees, like 34.56, got {shown}; "
        "write the number without quotes")


@pytest.mark.parametrize(("value", "shown"), [(".nan", "nan"), ("-.inf", "-inf")])
def test_a_coordinate_must_be_finite(here: Path, value: str, shown: str) -> None:
    write(here / "ev", "").write_text(RECORD.format(id="a", rest="").replace("34.56", value))
    result = CliRunner().invoke(main, ["validate", "ev", "--no-places"])
    assert result.output.splitlines()[0] == (
        f"ev/a.yaml:6:17: location.lat: expected a number of degrees, like 34.56, got {shown}")


def test_a_number_of_5001_digits_is_a_message(here: Path) -> None:
    write(here / "ev", "").write_text(RECORD.format(id="a", rest="").replace("34.56", "1" * 5001))
    result = run("validate", "ev")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "ev/a.yaml:6:17: not valid YAML: a number of 5,001 characters is too long; a number in a record has at "
        "most 100 (quote it to keep it as text)")


def test_a_quantity_of_5001_digits_is_a_message(here: Path) -> None:
    write(here / "ev", f"claims:\n  - area: {'1' * 5001} km2\n")
    result = run("validate", "ev")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "ev/a.yaml:8:11: claims[0].area: '11111111111111111111...11111111 km2' is not a quantity: its number of "
        "5,001 characters is too large; write at most 100 digits, like '1400 km2'")


def test_a_record_cannot_be_inside_itself(here: Path) -> None:
    write(here / "ev", "area:\n  polygon: [[38, 34], [39, 34], [39, 35]]\nclaims:\n  - inside: a\n")
    result = run("validate", "ev")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "ev/a.yaml:10:5: claims[0].inside: a record cannot be inside itself ('a'); name another record's id or a "
        "country")


def test_inside_an_unknown_record_names_the_nearest_ids(here: Path) -> None:
    write(here / "ev", "area:\n  polygon: [[38, 34], [39, 34], [39, 35]]\n", id="al-tanf-deconfliction-zone")
    write(here / "ev", "claims:\n  - inside: al-tanf-zone\n  - inside: Syria\n", id="strike")
    result = run("validate", "ev")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "ev/strike.yaml:8:13: claims[0].inside: 'al-tanf-zone' is neither the id of a record read nor a shipped "
        "country; did you mean 'al-tanf-deconfliction-zone'?")
    assert len(result.output.splitlines()) == 2


def test_map_fails_with_the_message_check_gives_for_an_area_it_cannot_draw(here: Path) -> None:
    write(here / "ev", "", id="fine")
    write(here / "ev", AREA_FILE)
    (here / "ev" / "a.geojson").write_text(ring([[38, 34], [38.5, 34.5], [38, 34]]), encoding="utf-8")
    checked = run("check", "ev")
    problem = next(line for line in checked.output.splitlines() if line.startswith("ev/a.yaml"))
    assert problem == ("ev/a.yaml:7:1: area: the drawn area has no surface (Too few points in geometry component"
                       "[38 34]); give at least three points not in a line")
    result = run("map", "ev", "-o", "m.html")
    assert result.exit_code == 1
    assert result.output.splitlines() == [problem, "tracker: no map was written: fix the problem above"]
    assert not (here / "m.html").exists()


def test_the_pole_and_span_rules_hold_for_any_ring_written_in_range() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tracker.records.extent import ring_problem

    lons = st.floats(-180, 180, allow_nan=False)
    lats = st.floats(-89.9, 89.9, allow_nan=False)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.tuples(lons, lats), min_size=3, max_size=8))
    def law(points: list[tuple[float, float]]) -> None:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        assert (ring_problem(xs, ys) is None) == (max(xs) - min(xs) < 180)

    law()



def test_an_area_file_that_is_not_json_is_refused_when_the_record_is_read(here: Path) -> None:
    write(here / "ev", AREA_FILE)
    (here / "ev" / "a.geojson").write_text("{not json", encoding="utf-8")
    result = run("validate", "ev")
    assert result.output.splitlines()[0] == (
        "ev/a.yaml:8:12: area.geojson: a.geojson is not readable GeoJSON (Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1))")


@pytest.mark.parametrize(("points", "message"), [
    ([[38.0, 34.0], [39.0, 34.0], [float("nan"), 35.0]],
     "area: point 3: longitude nan is not a number; write each coordinate as a number of degrees"),
    ([[380.0, 34.0], [385.0, 34.0], [385.0, 35.0]],
     "area: point 1: longitude 380.0 is outside -180..180; write it as 20"),
])
def test_the_library_refuses_a_polygon_it_cannot_measure(points: list[list[float]], message: str) -> None:
    with pytest.raises(GeometryError) as error:
        geo.polygon(points, "area")
    assert str(error.value) == message
