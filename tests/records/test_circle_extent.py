"""A circle that would hold a pole or cross the antimeridian is refused when the records are
validated, not only when they are checked: for a centre given as coordinates by the record format,
for a named centre when the places are resolved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from gazetteer import Gazetteer, PlaceTable
from tracker import read_events
from tracker.cli import main
from tracker.geo.places import resolve_places

from ..common import MINIMAL

POLE = ("a circle of 50 km around (89.9, 38.2) holds a pole; an area may not hold a pole, or its geodesic area is "
        "ambiguous: give a smaller radius")
ANTIMERIDIAN = ("the circle of 50 km around (0, 179.9): the area spans 359.992° of longitude (-179.999 to 179.993); "
                "an area must span less than 180°, or its geodesic area is ambiguous (a ring around the globe "
                "measures nothing); split it into smaller areas")


def _circle(folder: Path, center: Any, radius: str = "50 km") -> Path:
    record = folder / "circle.yaml"
    record.write_text(yaml.safe_dump({**MINIMAL, "location": {"lat": 34.5, "lon": 38.2}, "area": {"circle": {"center": center, "radius": radius}}},
                                     sort_keys=False), encoding="utf-8")
    return record


def _line(record: Path, text: str) -> int:
    return next(n for n, line in enumerate(record.read_text().splitlines(), 1) if text in line)


def test_a_circle_around_a_pole_is_refused_at_validation(tmp_path: Path) -> None:
    record = _circle(tmp_path, {"lat": 89.9, "lon": 38.2})
    result = CliRunner().invoke(main, ["validate", "--no-places", str(record)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{record}:{_line(record, 'center:')}:5: area.circle: {POLE}"


def test_a_circle_across_the_antimeridian_is_refused_at_validation(tmp_path: Path) -> None:
    record = _circle(tmp_path, {"lat": 0, "lon": 179.9})
    _, problems = read_events(record)
    assert [str(p) for p in problems] == [f"{record}:{_line(record, 'center:')}:5: area.circle: {ANTIMERIDIAN}"]


def test_a_circle_clear_of_poles_and_antimeridian_is_valid(tmp_path: Path) -> None:
    _, problems = read_events(_circle(tmp_path, {"lat": 0, "lon": 179.0}))
    assert problems == []


def test_a_named_centre_is_checked_when_places_are_resolved(tmp_path: Path) -> None:
    row = {"id": "geonames:1", "name": "Taveuni", "latitude": "0", "longitude": "179.9", "country": "FJ",
           "feature": "populated place", "population": "0", "names": "", "keys": "", "source": ""}
    record = _circle(tmp_path, "Taveuni")
    events, problems = read_events(record)
    assert problems == []
    resolution = resolve_places(events, Gazetteer(PlaceTable([row]), user=False))
    line = _line(record, "center:")
    assert [str(p) for p in resolution.problems] == [f"{record}:{line}:13: area.circle.center: {ANTIMERIDIAN}"]
