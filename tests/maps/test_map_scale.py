"""`tracker map` at scale: geometry sized for the screen and written once, the claims checked once, a
large table drawn from its columns, and a page of thousands of areas that opens quickly and still
opens each area's popup where it is clicked (Debian's Chromium, headless, network blocked)."""

from __future__ import annotations

import json
import math
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from shapely.geometry import Polygon

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.cli import main
from tracker.geo import geodesy as geo
from tracker.load import read_events
from tracker.maps.geometry import decode
from tracker.maps.points import read_points
from tracker.maps.render import select
from tracker.maps.style import OUTLINE_ABOVE

from ..common import EVENTS, MINIMAL, VALID, write_acled_like

TADMUR = {"lat": 34.5624, "lon": 38.2840}


def _arguments(text: str, call: str) -> list:
    """The arguments of the first ``tracker.<call>(...)`` in a page (JSON)."""
    start = text.index(f"tracker.{call}(") + len(f"tracker.{call}(")
    decoder = json.JSONDecoder()
    value, end = decoder.raw_decode(text, start)
    values = [value]
    while text[end:end + 2] == ", ":
        value, end = decoder.raw_decode(text, end + 2)
        values.append(value)
    return values


def _argument(text: str, call: str):
    """The last argument of the first ``tracker.<call>(...)`` in a page: the scene, a map's rows."""
    return _arguments(text, call)[-1]


def _map(arguments: list[str], output: Path) -> str:
    result = CliRunner().invoke(main, ["map", *arguments, "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four records drawing the same polygon file, one the al-Tanf zone's 55 km circle with an area
    claim, and one a triangle of its own."""
    folder = tmp_path_factory.mktemp("shared")
    shutil.copytree(VALID / "areas", folder / "areas")
    drawn = yaml.safe_load((VALID / "badiyeh-drawn.yaml").read_text(encoding="utf-8"))
    for number in range(4):
        record = {**drawn, "id": f"badiyeh-{number}", "title": f"Badiyeh advance, report {number}",
                  "sources": [{"publisher": "The same agency", "reliability": "E", "credibility": 3}]}
        (folder / f"badiyeh-{number}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    circle = {**MINIMAL, "id": "zone", "title": "The zone", "location": {"lat": 33.5058, "lon": 38.6178},
              "area": {"circle": {"center": {"lat": 33.5058, "lon": 38.6178}, "radius": "55 km"}},
              "claims": [{"area": "9500 km2"}]}
    triangle = {**MINIMAL, "id": "triangle", "title": "A triangle", "location": TADMUR,
                "area": {"polygon": [[38.0, 34.0], [38.5, 34.0], [38.25, 34.4]]}, "claims": [{"area": "900 km2"}]}
    for record in (circle, triangle):
        (folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def shared_page(shared: Path) -> str:
    return _map([str(shared)], shared.parent / "shared.html")


def _shape_of(page: str, record_id: str, events) -> int:
    """The index of the shape drawn for the record ``record_id``."""
    rows = _argument(page, "drawRecords")
    scene = _argument(page, "scene")
    titles = [scene["strings"][record[0]] for record in scene["records"]]
    title = next(e.title for e in events if e.id == record_id)
    return next(area[1] for area in rows["areas"] if titles[area[0]] == title)


def test_an_area_drawn_for_several_records_is_written_once(shared: Path, shared_page: str) -> None:
    scene = _argument(shared_page, "scene")
    rows = _argument(shared_page, "drawRecords")
    events = load_events(shared)
    assert len(rows["areas"]) == 6
    assert len({area[1] for area in rows["areas"]}) == 3  # the polygon file, the circle, the triangle
    assert len(scene["shapes"]) == 3  # the countries are the basemap's, drawn apart from the records
    assert len({_shape_of(shared_page, f"badiyeh-{n}", events) for n in range(4)}) == 1
    assert shared_page.count("The same agency") == 1  # each piece of text once, in the scene
    assert sum(text.startswith("Badiyeh advance, report") for text in scene["strings"]) == 4


def test_a_circle_is_drawn_with_the_vertices_it_needs_and_measured_on_all(shared: Path, shared_page: str) -> None:
    events = load_events(shared)
    scene = _argument(shared_page, "scene")
    ring = decode(scene["shapes"][_shape_of(shared_page, "zone", events)])[0][0]
    full = check_claims(events).shape("zone").area
    assert len(full.exterior.coords) == 361 and 12 <= len(ring) <= 64  # a few dozen, not hundreds
    from_centre = geo.distances([33.5058] * len(ring), [38.6178] * len(ring), [y for _, y in ring],
                                [x for x, _ in ring])
    assert max(abs(from_centre - 55_000)) < 2  # each vertex on the circle, to the metre it is rounded to
    drawn = geo.geodesic_area(Polygon(ring))
    result = next(r for r in check_claims(events).results if r.event == "zone")
    assert result.measured == pytest.approx(geo.geodesic_area(full) / 1e6)  # the claim is measured on all of it
    assert abs(drawn / 1e6 - result.measured) > 0.001 * result.measured  # not on what is drawn
    assert f"{result.measured:,.4g} km²" in scene["strings"]


def test_coordinates_are_written_to_about_a_metre(shared_page: str) -> None:
    scene = _argument(shared_page, "scene")
    rows = _argument(shared_page, "drawRecords")
    assert all(isinstance(v, int) for shape in scene["shapes"] for polygon in shape for ring in polygon for v in ring)
    for dot in rows["dots"]:
        assert dot[1] == round(dot[1], 5) and dot[2] == round(dot[2], 5)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count every call of check_claims, wherever it was imported."""
    import tracker.claims.check as check

    original = check.check_claims
    calls: list[int] = []

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("tracker") and getattr(module, "check_claims", None) is original:
            monkeypatch.setattr(module, "check_claims", counted)
    return calls


@pytest.mark.parametrize("extra", [[], ["--compare", "2017-05-01", "2017-06-30"]], ids=["map", "compare"])
def test_the_claims_are_checked_once_per_map(shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             extra: list[str]) -> None:
    calls = _counting(monkeypatch)
    _map([str(EVENTS), str(shared), *extra], tmp_path / "m.html")
    assert len(calls) == 1


@pytest.fixture(scope="module")
def large_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An event table of 2,500 imported ACLED-like rows (plain points) and the seed records (claims and
    areas), as GeoParquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path_factory.mktemp("table")
    csv = write_acled_like(folder / "acled.csv", 2_500)
    result = CliRunner().invoke(main, ["import", "acled", str(csv), "-o", str(folder / "acled.parquet")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["export", str(EVENTS), "-o", str(folder / "seeds.parquet")])
    assert result.exit_code == 0, result.output
    imported, seeds = pq.read_table(folder / "acled.parquet"), pq.read_table(folder / "seeds.parquet")

    def nullable(table: pa.Table) -> pa.Table:  # of the imported table's types, every column nullable
        types = {field.name: field.type for field in imported.schema}
        return table.cast(pa.schema([pa.field(field.name, types.get(field.name, field.type)) for field in table.schema]))

    both = pa.concat_tables([nullable(imported), nullable(seeds)], promote_options="default")
    path = folder / "both.parquet"
    pq.write_table(both.replace_schema_metadata(imported.schema.metadata), path)
    return path


def test_a_large_table_is_mapped_from_its_columns(large_table: Path, tmp_path: Path) -> None:
    events, points, problems = read_points([large_table])
    seeds = load_events(EVENTS)
    plain = [e for e in seeds if e.area is None and not e.claims]
    assert problems == [] and len(points) == 2_500 + len(plain)  # no record made of a plain row
    assert sorted(e.id for e in events) == sorted(e.id for e in seeds if e not in plain)  # those with claims or areas
    output = tmp_path / "table.html"
    result = CliRunner().invoke(main, ["map", str(large_table), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote {output} (offline, {2_500 + len(seeds)} records)"
    cells = _arguments(output.read_text(encoding="utf-8"), "cells")[0]
    assert sum(sum(entry[4][2]) for entry in cells) == 2_500 + len(plain)  # every plain row in a cell


def test_rows_without_a_point_dates_or_actors_are_left_off_and_named(large_table: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(large_table)
    broken = {9: ("latitude", 123.4), 19: ("longitude", None), 29: ("actors", ""), 39: ("start", None),
              49: ("end", None)}  # rows 10, 20, ... counted from 1
    for row, (name, value) in broken.items():
        column = table[name].to_pylist()
        column[row] = value
        table = table.set_column(table.schema.get_field_index(name), pa.field(name, table.schema.field(name).type),
                                 pa.array(column, table.schema.field(name).type))
    path = tmp_path / "broken.parquet"
    pq.write_table(table, path)
    _, points, problems = read_points([path])
    plain = int(pc.sum(pc.and_(pc.is_null(table["claims"]), pc.is_null(table["area"]))).as_py())
    assert len(points) == plain - len(broken)
    assert [str(p) for p in problems] == [
        *(f"{path}: row {row}: no valid point, dates and actors (latitude, longitude, start, end, actors); left off "
          "the map" for row in (10, 20, 30)),
        f"{path}: 2 more rows like those left off"]


def test_ids_stay_unique_across_records_and_columns(large_table: Path, tmp_path: Path) -> None:
    """The seed records read from their folder, then again from the table: each row of the table
    that repeats one is a problem naming where it was read first, and is drawn once."""
    seeds = load_events(EVENTS)
    output = tmp_path / "twice.html"
    result = CliRunner().invoke(main, ["map", str(EVENTS), str(large_table), "--offline", "-o", str(output)])
    assert result.exit_code == 1  # the map is written, the problems reported
    assert result.stdout.splitlines()[0] == f"wrote {output} (offline, {2_500 + len(seeds)} records)"
    repeated = [line for line in result.stderr.splitlines() if "is already used by" in line]
    plain = next(e for e in seeds if e.area is None and not e.claims)
    assert any(f"'{plain.id}' is already used by {EVENTS / plain.id}.yaml:1" in line for line in repeated)
    assert any("more rows whose ids are already used, left off the map" in line for line in result.stderr.splitlines())


def test_a_large_table_in_two_panes(large_table: Path, tmp_path: Path) -> None:
    output = tmp_path / "both.html"
    result = CliRunner().invoke(main, ["map", str(large_table), "--offline", "--compare", "2017-03-01",
                                       "2017-12-31", "-o", str(output)])
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert page.count("tracker.cells(") == 2 and page.count("tracker.scene(") == 1  # one scene for both panes


def test_choosing_from_columns_is_choosing_records(tmp_path: Path) -> None:
    """The same rows chosen by date window and actor, read as records or as columns."""
    import datetime as dt

    csv = write_acled_like(tmp_path / "acled.csv", 300)
    result = CliRunner().invoke(main, ["import", "acled", str(csv), "-o", str(tmp_path / "a.parquet")])
    assert result.exit_code == 0, result.output
    records, _ = read_events([tmp_path / "a.parquet"])
    _, points, problems = read_points([tmp_path / "a.parquet"], at_least=0)
    assert problems == [] and len(points) == len(records) == 300
    windows = [(None, None), (dt.date(2017, 3, 1), None), (None, dt.date(2017, 6, 30)),
               (dt.date(2017, 5, 1), dt.date(2017, 5, 31)), (dt.date(2018, 1, 1), None)]
    for actor in (None, "Hezbollah", "islamic state (syria)", "Nobody"):
        for since, until in windows:
            assert len(points.select(since, until, actor)) == len(select(records, since, until, actor))


def _grid(folder: Path, side: int) -> list[dict]:
    """``side``² records, each a square area (0.04° apart by 0.01°) with an area claim, its point
    in the square's south-west corner."""
    folder.mkdir()
    records = []
    for row in range(side):
        for column in range(side):
            west, south = 36.0 + column * 0.05, 33.0 + row * 0.05
            record = {"id": f"square-{row}-{column}", "date": f"2017-0{1 + (row + column) % 6}-15",
                      "title": f"Square {row} by {column}", "type": "Battles",
                      "actors": ["Syrian Arab Army" if column % 2 else "Islamic State"],
                      "location": {"lat": round(south + 0.002, 4), "lon": round(west + 0.002, 4)},
                      "area": {"polygon": [[round(west, 2), round(south, 2)], [round(west + 0.04, 2), round(south, 2)],
                                           [round(west + 0.04, 2), round(south + 0.04, 2)],
                                           [round(west, 2), round(south + 0.04, 2)]]},
                      "claims": [{"area": "20 km2"}]}
            records.append(record)
            (folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    return records


def test_thousands_of_areas_load_quickly_and_open_their_popups(tmp_path: Path, browser) -> None:
    side = math.ceil(math.sqrt(OUTLINE_ABOVE + 100))
    records = _grid(tmp_path / "grid", side)
    page = tmp_path / "grid.html"
    text = _map([str(tmp_path / "grid")], page)
    rows = _argument(text, "drawRecords")
    assert rows["canvas"] and rows["outline"] is not None and len(rows["areas"]) == side * side
    assert len(text) < 3_000_000
    tab = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    start = time.perf_counter()
    tab.goto(page.as_uri(), wait_until="load")
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    loaded = time.perf_counter() - start
    assert loaded < 15, loaded  # about 2 s on a quiet machine; shared CI machines are slower
    assert tab.evaluate("() => window.trackerTimed.length") == 2 * side * side  # an area and a dot each
    assert "disc of the claimed size" not in tab.inner_text(".tracker-legend")  # none drawn among so many
    rows_shown = tab.locator("#tracker-claims tbody tr")
    assert rows_shown.count() == 200  # a page of the claims panel, the next when it is scrolled to its end
    tab.evaluate("() => { const box = document.querySelector('.tracker-panel'); box.scrollTop = box.scrollHeight; }")
    tab.wait_for_function("() => document.querySelectorAll('#tracker-claims tbody tr').length === 400")
    tab.click("#tracker-claims th:nth-child(4)")  # claimed / measured, up: sorts them all, not the page
    shown = [float(cell.replace("×", "")) for cell in
             tab.locator("#tracker-claims tbody td:nth-child(4)").all_inner_texts()]
    assert shown == [float(format(ratio, ".2f")) for ratio in sorted(row[4] for row in rows["panel"])][:200]
    for record in records[:: len(records) // 7]:
        (west, south), (east, _), (_, north) = record["area"]["polygon"][:3]
        inside = (south + 0.75 * (north - south), west + 0.75 * (east - west))  # clear of the dot in the corner
        point = tab.evaluate("""(inside) => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            map.closePopup();
            map.setView(inside, 12, {animate: false});
            const p = map.latLngToContainerPoint(inside), box = map.getContainer().getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", list(inside))
        tab.wait_for_selector(".leaflet-popup", state="detached")  # the one before has faded out
        tab.mouse.click(*point)
        popup = tab.locator(".leaflet-popup-content h4")
        popup.wait_for()
        assert popup.inner_text() == record["title"]
        assert tab.locator(".leaflet-tooltip").inner_text() == record["title"]  # its tooltip, under the mouse
    assert errors == []
    tab.close()
