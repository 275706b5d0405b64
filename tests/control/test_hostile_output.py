"""Names from records and from ``--assessor``/``--actor`` stay data in the JSON that ``compare`` and
``control gains`` print: no control character or bidirectional control reaches the terminal raw, and
the JSON still reads back to exactly the text that was written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.control import import_layers

from .control_series import write_series

#: An OSC title, a clear screen, a one-byte CSI, a line separator, and two bidirectional controls
#: (a right-to-left override and an isolate) that reorder what a terminal shows.
HOSTILE = "Army \x1b]0;owned\x07\x1b[2J\x9b31m\u2028\u202egnp.exe\u2066"
RAW = "\x1b\x07\x9b\u2028\u202e\u2066"


def _clean(output: str) -> None:
    assert not set(output) & set(RAW), output


def test_compare_json_shows_controls_in_an_actor_and_a_source_as_escapes(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    (events / "claim.yaml").write_text(json.dumps({
        "id": "claim", "date": "2024-02-01", "title": "t", "type": "Battles", "actors": [HOSTILE],
        "location": {"lat": 30.5, "lon": 30.5},
        "claims": [{"total_area": "3000 km2", "actor": HOSTILE, "since": "2024-01-01", "gain": "dawn"}],
        "sources": [{"publisher": HOSTILE, "reliability": "C", "credibility": 3}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(events), "--control", str(tmp_path / "none"), "--json"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    (group,) = json.loads(result.output)
    assert group["actor"] == HOSTILE
    assert group["claims"][0]["sources"] == [f"{HOSTILE} C3"]


def test_control_gains_json_shows_controls_in_the_assessor_and_actor_as_escapes(tmp_path: Path) -> None:
    control = tmp_path / "control"
    import_layers([write_series(tmp_path)], control, assessor=HOSTILE, actor=HOSTILE, date_field="date",
                  source=HOSTILE)
    result = CliRunner().invoke(main, ["control", "gains", "--actor", HOSTILE, "--since", "2024-01-01",
                                       "--until", "2024-03-01", "--folder", str(control), "--json"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    (gains,) = json.loads(result.output)
    assert gains["assessor"] == HOSTILE and gains["source"] == HOSTILE


def _feature_file(folder: Path, ring: list[list[float]]) -> Path:
    path = folder / "layer.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"date": "2024-01-01"}, "geometry": {"type": "Polygon",
                                                                           "coordinates": [ring]}}]}).replace(
        "Infinity", "NaN"), encoding="utf-8")
    return path


@pytest.mark.parametrize(("ring", "problem"), [
    ([[30, 30], [float("inf"), 30], [31, 31], [30, 30]], "a coordinate that is not a number (NaN or infinite)"),
    ([[30, 30], [200, 30], [31, 31], [30, 30]], "longitude 200 is outside -180..180"),
    ([[30, 30], [31, 30], [31, 95], [30, 30]], "latitude 95 is outside -90..90"),
])
def test_a_layer_with_coordinates_off_the_earth_is_refused_with_where_and_the_fix(
        tmp_path: Path, ring: list[list[float]], problem: str) -> None:
    layer = _feature_file(tmp_path, ring)
    into = tmp_path / "control"
    result = CliRunner().invoke(main, ["control", "import", str(layer), "--assessor", "ISW", "--actor", "Army",
                                       "--date-field", "date", "--into", str(into)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output == (f"tracker: {layer}: feature 1: {problem}; a control layer is in longitude and "
                             "latitude (WGS84), so check the layer's coordinate reference system\n")
    assert not into.exists()
