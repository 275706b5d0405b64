"""An area that has no surface (a GeoJSON point, an empty file, a polygon on a line) is a located
problem, never an empty area."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tracker import load_events
from tracker.claims.check import check_claims

from ..common import MINIMAL, NEAR_AL_TANF, TADMUR


def _folder(tmp_path: Path, *records: dict) -> Path:
    (tmp_path / "r.yaml").write_text(yaml.safe_dump_all(list(records), sort_keys=False), encoding="utf-8")
    return tmp_path


def test_a_geojson_file_without_a_surface_is_a_problem_not_an_empty_area(tmp_path: Path) -> None:
    (tmp_path / "point.geojson").write_text(json.dumps({"type": "Point", "coordinates": [38.28, 34.56]}))
    folder = _folder(tmp_path, {**MINIMAL, "location": {**TADMUR}, "area": {"geojson": "point.geojson"},
                                "claims": [{"direction": "n", "of": {**NEAR_AL_TANF}},
                                           {"distance": "5000 km", "to": {**NEAR_AL_TANF}}]})
    report = check_claims(load_events(folder))
    assert [p.message for p in report.problems] == [
        "point.geojson has no polygon; an area file holds a Polygon or MultiPolygon"]
    assert report.results == []


@pytest.mark.parametrize("content", ["[]"])  # text that is not JSON is refused when the record is read
def test_an_unreadable_geojson_file_is_a_problem(tmp_path: Path, content: str) -> None:
    (tmp_path / "bad.geojson").write_text(content)
    folder = _folder(tmp_path, {**MINIMAL, "area": {"geojson": "bad.geojson"}, "claims": [{"area": "5 km2"}]},
                     {**MINIMAL, "id": "other", "claims": [{"count": 3}]})
    report = check_claims(load_events(folder))
    assert len(report.problems) == 1 and report.problems[0].field == "area"
    assert [r.event for r in report.results] == ["other"]


def test_a_polygon_without_surface_is_a_problem_with_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {**MINIMAL, "area": {"polygon": [[38.0, 34.0], [38.5, 34.5], [39.0, 35.0]]},
                                "claims": [{"area": "5 km2"}]})
    report = check_claims(load_events(folder))
    assert [(p.field, p.line) for p in report.problems] == [("area", 8)]
    assert "no surface" in report.problems[0].message
