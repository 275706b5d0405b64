"""GeoJSON area files of many parts: overlapping parts counted once, repaired part by part, and a
bounded number of rings, refused beyond it with a message saying how to proceed."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
import shapely
from click.testing import CliRunner

from tracker.cli import main
from tracker.geo import geodesy as geo
from tracker.records.extent import MAX_GEOJSON_RINGS

from ..common import DATA

TRIANGLES = DATA / "areas" / "overlapping-triangles.geojson"  # 150 triangles that overlap one another
RECORD = """\
id: a
date: 2017-06-08
title: Test area
type: Battles
actors: [Syrian Arab Army]
location: {lat: 34.56, lon: 38.28}
area:
  geojson: a.geojson
claims:
  - area: 100 km2
"""


def test_overlapping_parts_are_counted_once_each_repaired_on_its_own() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", geo.GeometryWarning)
        area = geo.read_geojson(TRIANGLES)
    assert area.is_valid
    # every triangle is a valid ring: the union of the 150 covers 154.58 km² (repairing the whole
    # MultiPolygon at once by its linework drops slivers: 154.4 km²)
    assert geo.geodesic_area(area) / 1e6 == pytest.approx(154.5798, abs=0.001)


def test_a_repaired_multipolygon_holds_no_part_twice() -> None:
    squares = shapely.MultiPolygon([shapely.box(38, 34, 39, 35), shapely.box(38.5, 34, 39.5, 35)])
    with pytest.warns(geo.GeometryWarning):
        area = geo.repaired(squares, "squares")
    # the outline of both, with the corners of each on its edges
    whole = geo.geodesic_area(shapely.Polygon([(38, 34), (38.5, 34), (39, 34), (39.5, 34), (39.5, 35), (39, 35),
                                               (38.5, 35), (38, 35)]))
    assert geo.geodesic_area(area) == pytest.approx(whole, rel=1e-9)


def _triangles(count: int) -> str:
    corners = np.random.default_rng(7).uniform([38.0, 34.4], [39.0, 35.0], (count, 1, 2))
    triangles = corners + np.array([[0.0, 0.0], [0.05, 0.0], [0.0, 0.05]])
    return json.dumps({"type": "MultiPolygon",
                       "coordinates": [[[*t.round(4).tolist(), t[0].round(4).tolist()]] for t in triangles]})


@pytest.mark.parametrize("command", ["validate", "check"])
def test_an_area_file_of_more_rings_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             command: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev" / "a.yaml").write_text(RECORD, encoding="utf-8")
    (tmp_path / "ev" / "a.geojson").write_text(_triangles(MAX_GEOJSON_RINGS + 1), encoding="utf-8")
    result = CliRunner().invoke(main, [command, "ev"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        "ev/a.yaml:8:12: area.geojson: a.geojson has 10,001 polygon rings, over the 10,000 an area file may "
        "have; dissolve the parts into one polygon (in QGIS: Vector > Geoprocessing Tools > Dissolve) or split "
        "them into several records")


def test_an_area_file_at_the_limit_is_measured(tmp_path: Path) -> None:
    path = tmp_path / "a.geojson"
    path.write_text(_triangles(MAX_GEOJSON_RINGS), encoding="utf-8")
    with pytest.warns(geo.GeometryWarning, match="it has been repaired"):  # the triangles overlap
        area = geo.read_geojson(path)
    assert 0 < geo.geodesic_area(area) / 1e6 < geo.geodesic_area(shapely.box(38.0, 34.4, 39.05, 35.05)) / 1e6
