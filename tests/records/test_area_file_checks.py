"""GeoJSON area files whose rings cannot be measured as drawn: refused at validation and by every
reader, with the file, the ring and the fix, never repaired into another shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tracker import read_events
from tracker.errors import GeometryError
from tracker.geo.geodesy import read_geojson

from ..common import MINIMAL

SHELL = [[38.2, 34.5], [38.8, 34.5], [38.8, 34.8], [38.2, 34.8], [38.2, 34.5]]


def _area(folder: Path, coordinates: Any) -> Path:
    (folder / "a.geojson").write_text(json.dumps({"type": "Polygon", "coordinates": coordinates}), encoding="utf-8")
    record = folder / "drawn.yaml"
    record.write_text(yaml.safe_dump({**MINIMAL, "area": {"geojson": "a.geojson"}}), encoding="utf-8")
    return record


def _problems(folder: Path) -> list[str]:
    _, problems = read_events(folder)
    return [str(p) for p in problems]


HOLE_OUTSIDE = ("a.geojson: ring 2 (a hole) is not inside ring 1 (the shell); a hole must lie within its polygon's "
                "outer ring: give an outside area as a polygon of its own (a MultiPolygon)")


def test_a_hole_outside_its_shell_is_refused_at_validation(tmp_path: Path) -> None:
    record = _area(tmp_path, [SHELL, [[10, 10], [11, 10], [11, 11], [10, 10]]])
    assert _problems(tmp_path) == [f"{record}:4:12: area.geojson: {HOLE_OUTSIDE}"]


def test_a_hole_outside_its_shell_is_refused_when_read(tmp_path: Path) -> None:
    _area(tmp_path, [SHELL, [[10, 10], [11, 10], [11, 11], [10, 10]]])
    with pytest.raises(GeometryError) as caught:
        read_geojson(tmp_path / "a.geojson")
    assert str(caught.value) == HOLE_OUTSIDE


def test_a_hole_inside_its_shell_is_read(tmp_path: Path) -> None:
    _area(tmp_path, [SHELL, [[38.4, 34.6], [38.6, 34.6], [38.6, 34.7], [38.4, 34.6]]])
    assert _problems(tmp_path) == []
    assert len(read_geojson(tmp_path / "a.geojson").interiors) == 1


def test_a_bow_tie_whose_repair_changes_the_area_is_refused(tmp_path: Path) -> None:
    bow_tie = [[38.2, 34.5], [38.8, 34.8], [38.8, 34.5], [38.2, 34.8], [38.2, 34.5]]
    _area(tmp_path, [bow_tie])
    with pytest.raises(GeometryError) as caught:
        read_geojson(tmp_path / "a.geojson")
    assert str(caught.value).startswith(f"{tmp_path / 'a.geojson'}: the drawn area is invalid (")
    assert str(caught.value).endswith("); repairing it would change its area by 100%, more than the 1% a repair may "
                                      "change; redraw the area so that its rings do not cross")


def test_a_repair_that_keeps_the_area_still_only_warns(tmp_path: Path) -> None:
    # a ring with a repeated spike of no width: repaired without changing the area
    spiked = [[38.2, 34.5], [38.8, 34.5], [38.8, 34.8], [38.9, 34.8], [38.8, 34.8], [38.2, 34.8], [38.2, 34.5]]
    _area(tmp_path, [spiked])
    with pytest.warns(UserWarning, match="it has been repaired"):
        assert read_geojson(tmp_path / "a.geojson").area == pytest.approx(0.6 * 0.3)


@pytest.mark.parametrize(("coordinate", "shown"), [(True, "True"), ("38.2", "'38.2'"), (None, "None")])
def test_a_coordinate_that_is_not_a_number_is_refused(tmp_path: Path, coordinate: Any, shown: str) -> None:
    ring = [[coordinate, 34.5], [38.8, 34.8], [38.5, 34.6], [coordinate, 34.5]]
    record = _area(tmp_path, [ring])
    message = (f"a.geojson: ring 1, point 1: longitude {shown} is not a number; write each coordinate as a number "
               "of degrees")
    assert _problems(tmp_path) == [f"{record}:4:12: area.geojson: {message}"]
    with pytest.raises(GeometryError) as caught:
        read_geojson(tmp_path / "a.geojson")
    assert str(caught.value) == message
