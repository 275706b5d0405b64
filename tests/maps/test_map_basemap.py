"""The basemap under a map's records: the world's countries, rivers and lakes, and place names that appear
with the zoom (tracker/maps/basemap.py), in the file and in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import pytest

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.geo import basemap as geo_basemap
from tracker.geo import geodesy
from tracker.maps.basemap import CAPITAL, RECORD, draw_basemap, record_labels, town_labels, world_layers
from tracker.maps.offline import inline_assets
from tracker.maps.render import render_map, requests_in, write_map

from ..common import EVENTS, VALID

HOSTILE = "<img src=x onerror=alert(1)> `${alert(2)}` {{ 7*7 }}"


def test_the_world_is_drawn_as_shipped_and_the_region_as_measured() -> None:
    """The shipped world is simplified for drawing by the build (tests/geo/test_basemap.py checks how):
    the map draws every country as shipped, without properties, in a few hundred kB."""
    drawn, shipped = world_layers()["countries"]["features"], geo_basemap.layers()["countries"]["features"]
    assert len(drawn) == len(shipped) == 241
    region = set(geodesy.countries())
    assert all(mine["geometry"] == theirs["geometry"] and mine["properties"] == {}
               for mine, theirs in zip(drawn, shipped, strict=True))
    assert sum(theirs["properties"]["ISO_A3"] in region for theirs in shipped) == len(region)
    world = len(json.dumps([f for f, s in zip(drawn, shipped, strict=True) if s["properties"]["ISO_A3"] not in region]))
    assert world < 300_000 and len(geo_basemap.WORLD_FILE.read_bytes()) < 300_000
    for name in ("rivers", "lakes"):
        assert len(world_layers()[name]["features"]) == len(geo_basemap.layers()[name]["features"]) > 0


def test_the_records_places_are_named_once_at_their_resolved_point() -> None:
    events = load_events(EVENTS)
    report = check_claims(events)
    named = {row[0]: row for row in record_labels(events, report)}
    tadmur = next(e for e in events if e.location == "Tadmur")
    point = report.shape(tadmur.id).point  # type: ignore[union-attr]
    assert named["Tadmur"] == ["Tadmur", round(point[0], 5), round(point[1], 5), 0, RECORD]
    assert {e.location for e in events if isinstance(e.location, str)} == set(named)
    assert record_labels([], report) == []
    towns = town_labels()
    assert [t[0] for t in towns if t[4] == CAPITAL] == ["Baghdad", "Damascus", "Beirut", "Amman"]
    assert len(towns) == len(geo_basemap.labels())


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("basemap")
    return write_map(render_map(load_events([EVENTS, VALID]), offline=True), folder / "seed.html")


def test_the_file_stays_small_and_offline(seed_map: Path) -> None:
    text = seed_map.read_text(encoding="utf-8")
    assert requests_in(text) == []
    assert len(text.encode()) < 900_000
    assert "Made with Natural Earth" in text


def _open(browser, path: Path):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else route.abort())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("dialog", lambda dialog: (errors.append(dialog.message), dialog.dismiss()))
    tab.goto(path.as_uri())
    tab.wait_for_selector(".tracker-label span")
    return context, tab, errors


def test_place_names_are_text_that_appears_with_the_zoom(seed_map: Path, browser) -> None:
    context, tab, errors = _open(browser, seed_map)
    try:
        names = tab.locator(".tracker-label span").all_inner_texts()
        assert {"Damascus", "Tadmur", "Aleppo"} <= set(names)
        assert tab.locator(".leaflet-trackerBasemap-pane path").count() > 241
        assert tab.locator(".leaflet-trackerBasemap-pane path.leaflet-interactive").count() == 0
        counts = {}
        for zoom in (5, 9):
            tab.evaluate("""(zoom) => { const map = Object.values(window).find(v => v instanceof L.Map);
                map.setView([33.5, 37.5], zoom, {animate: false}); }""", zoom)
            counts[zoom] = tab.locator(".tracker-label").count()
            assert "Damascus" in tab.locator(".tracker-label span").all_inner_texts(), zoom
        assert 0 < counts[5] < counts[9]
        assert errors == []
    finally:
        context.close()


def test_a_click_on_a_name_reaches_the_area_beneath(seed_map: Path, browser) -> None:
    context, tab, errors = _open(browser, seed_map)
    try:
        label = tab.locator(".tracker-label span", has_text="Badiyeh")
        box = label.bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        beneath = tab.evaluate("""([x, y]) => { const found = document.elementFromPoint(x, y);
            return [found.tagName, found.getAttribute('class') || '', found.closest('.tracker-label') === null]; }""",
                               [x, y])
        assert beneath[0] == "path" and "leaflet-interactive" in beneath[1] and beneath[2]
        assert errors == []
    finally:
        context.close()


def test_a_hostile_name_shows_as_text(tmp_path: Path, browser) -> None:
    fmap = folium.Map(tiles=None, location=[35.0, 38.0], zoom_start=7)
    inline_assets(fmap)
    draw_basemap(fmap, [[HOSTILE, 35.0, 38.0, 0, RECORD]])
    path = write_map(fmap, tmp_path / "hostile.html")
    text = path.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "{{ 7*7 }}" in text  # escaped for the script; never run as a template
    context, tab, errors = _open(browser, path)
    try:
        assert HOSTILE in tab.locator(".tracker-label span").all_inner_texts()
        assert tab.locator(".tracker-label img").count() == 0
        assert errors == []
    finally:
        context.close()
