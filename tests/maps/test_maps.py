"""`tracker map`: the HTML it writes, and the page in a real browser (Debian's Chromium, headless)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.cli import main
from tracker.maps.render import VERDICT_COLOURS, render_map, requests_in, write_map

from ..common import EVENTS, MINIMAL, SEED_COUNT, VALID, offline_tab

#: The folders the seed map is drawn from (the seed records, and the record with a drawn area).
MAPPED = [EVENTS, VALID]
HOSTILE = "<img src=x onerror=alert(1)> `${alert(2)}`"


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline map of the seed events, a record whose area is drawn (the Badiyeh triangle of
    tests/data/valid, reported by the record) and one record with a hostile title."""
    folder = tmp_path_factory.mktemp("events")
    for path in EVENTS.glob("*.yaml"):
        shutil.copy(path, folder)
    shutil.copy(VALID / "badiyeh-drawn.yaml", folder)
    shutil.copytree(VALID / "areas", folder / "areas")
    hostile = {**MINIMAL, "id": "hostile", "title": HOSTILE, "location": {"lat": 35.0, "lon": 38.0},
               "actors": [HOSTILE], "claims": [{"count": 1, "of": HOSTILE}]}
    (folder / "hostile.yaml").write_text(yaml.safe_dump(hostile, allow_unicode=True), encoding="utf-8")
    output = folder.parent / "seed-map.html"
    result = CliRunner().invoke(main, ["map", str(folder), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"wrote {output} (offline, {SEED_COUNT + 2} records)"
    return output


def test_an_offline_map_requests_nothing(seed_map: Path) -> None:
    text = seed_map.read_text(encoding="utf-8")
    assert requests_in(text) == []
    assert "tile.openstreetmap" not in text and "cdn.jsdelivr" not in text


def test_an_online_map_uses_folium_cdn_links_and_tiles(tmp_path: Path) -> None:
    path = write_map(render_map(load_events(EVENTS)), tmp_path / "map.html")
    urls = requests_in(path.read_text(encoding="utf-8"))
    assert any("leaflet" in u and u.startswith("https://") for u in urls)
    assert any("tile.openstreetmap.org" in u for u in urls)


def test_record_text_never_reaches_the_page_as_markup(seed_map: Path) -> None:
    text = seed_map.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "${alert(2)}" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; &#96;&#36;&#123;alert(2)&#125;&#96;" in text


def test_filters_and_an_empty_window(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["map", str(EVENTS), "-o", str(tmp_path / "m.html"), "--until", "2010-01-01"])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("tracker: no event falls in that window for that actor; widen --since/--until "
                                     "or drop --actor")
    assert not (tmp_path / "m.html").exists()
    result = runner.invoke(main, ["map", str(EVENTS), "-o", str(tmp_path / "m.html"), "--actor", "Islamic State",
                                  "--since", "2016-12-01", "--until", "2016-12-31"])
    assert result.exit_code == 0
    text = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "ISIS attack on Palmyra by 300 fighters" in text and "Badiyeh east of Tadmur" not in text


@pytest.fixture(scope="module")
def page(seed_map: Path, browser):
    dialogs: list[str] = []
    context, tab, errors, requested = offline_tab(browser, seed_map, screen={"width": 1400, "height": 900},
                                                  dialogs=dialogs)
    tab.wait_for_selector(".leaflet-interactive")
    yield tab, errors, dialogs, requested
    context.close()


def test_the_page_loads_offline_without_errors(page) -> None:
    _, errors, dialogs, requested = page
    assert errors == [] and requested == [] and dialogs == []


def _mapped() -> list:
    """The records on the seed map, but the hostile one."""
    return list(load_events(MAPPED))


def test_the_page_draws_the_areas_and_the_events(page) -> None:
    tab, *_ = page
    events = _mapped()
    discs = sum((e.precision or 1) > 1 for e in events)  # an uncertainty disc around each imprecise event
    # SVG paths that take a click: the zone, the drawn Badiyeh area and the ring of its claimed size, a dot
    # per event (the records and the hostile one); the discs of uncertainty and the basemap's countries take none
    assert tab.locator("path.leaflet-interactive").count() == 3 + len(events) + 1
    assert tab.evaluate("() => Object.values(window).filter(v => v instanceof L.Circle && v._map"
                        " && v.options.interactive === false).length") == discs
    assert tab.locator(".leaflet-trackerBasemap-pane path:not(.leaflet-interactive)").count() > 241
    actors = {e.actors[0].name for e in events} | {HOSTILE}
    assert tab.locator(".leaflet-control-layers-overlays label").count() == 2 + len(actors)  # basemap, zones


def _badiyeh_results() -> list:
    results = check_claims(load_events(MAPPED)).results
    return [r for r in results if r.event == "badiyeh-drawn"]


def test_a_popup_shows_the_claim_its_verdict_and_why(page) -> None:
    tab, errors, *_ = page
    results = _badiyeh_results()
    colour = VERDICT_COLOURS[results[0].verdict]  # the hull is filled by the verdict on its area claim
    hull = tab.locator(f"path.leaflet-interactive[fill='{colour}']")
    assert hull.count() == 2  # the drawn Badiyeh area, and its dot, filled by the same verdict
    opened = tab.evaluate("""(colour) => {
        let opened = 0;
        for (const group of Object.values(window).filter(v => v instanceof L.GeoJSON)) {
            group.eachLayer(layer => {
                if (layer.options.fillColor === colour) { group.openPopup(layer.getCenter()); opened += 1; }
            });
        }
        return opened;
    }""", colour)
    assert opened == 1
    popup = tab.locator(".leaflet-popup-content", has_text="Badiyeh")
    popup.wait_for()
    text = popup.inner_text()
    assert "Syrian army advances into the Badiyeh east of Tadmur" in text
    assert results[0].verdict in text and "1,400 km²" in text and errors == []
    for result in results:  # each claim's sentence, under its row
        assert " ".join(result.explanation.split()) in " ".join(text.split())
    assert "Area: reported (the report itself gives this geometry)" in text


def test_a_hostile_title_shows_as_text_and_runs_nothing(page) -> None:
    tab, errors, dialogs, _ = page
    opened = tab.evaluate("""() => {
        const dots = Object.values(window).filter(
            v => v instanceof L.CircleMarker && v.getLatLng().lat === 35 && v.getLatLng().lng === 38);
        dots.forEach(dot => dot.openPopup());
        return dots.length;
    }""")
    assert opened == 1
    popup = tab.locator(".leaflet-popup-content", has_text="onerror")
    popup.wait_for()
    assert HOSTILE in popup.inner_text()
    assert tab.locator(".leaflet-popup-content img").count() == 0
    assert HOSTILE in tab.locator(".tracker-legend").inner_text()
    assert dialogs == [] and errors == []


def _dots(tab) -> int:
    return tab.evaluate("() => Object.values(window).filter("
                        "v => v instanceof L.CircleMarker && !(v instanceof L.Circle) && v._map).length")


def test_the_time_control_shows_only_what_falls_in_the_window(page) -> None:
    tab, errors, *_ = page
    everything = _dots(tab)
    assert everything == len(_mapped()) + 1
    days = int(tab.get_attribute("#tracker-until", "max"))
    tab.evaluate("(value) => { const until = document.getElementById('tracker-until');"
                 " until.value = value; until.dispatchEvent(new Event('input')); }", str(days // 3))
    window = tab.inner_text("#tracker-window")
    assert window.startswith("2016-03-27 to 2016-")
    in_2016 = sum(e.start.year == 2016 for e in _mapped() if str(e.start) <= window[-10:])
    assert _dots(tab) == in_2016 < everything
    tab.evaluate("() => { const until = document.getElementById('tracker-until');"
                 " until.value = until.max; until.dispatchEvent(new Event('input')); }")
    assert _dots(tab) == everything and errors == []


def test_the_claims_panel_lists_every_claim_and_sorts(page) -> None:
    tab, errors, *_ = page
    if not tab.evaluate("() => document.querySelector('details.tracker-panel').open"):
        tab.click(".tracker-panel summary")  # closed on a small screen, open on its heading
    rows = tab.locator("#tracker-claims tbody tr")
    results = check_claims(load_events(MAPPED)).results
    assert rows.count() == len(results) + 1  # every claim of every kind, and the hostile record's count
    def ratios() -> list[float | None]:
        cells = tab.locator("#tracker-claims tbody td:nth-child(4)").all_inner_texts()
        return [None if cell == "-" else float(cell.replace("×", "")) for cell in cells]

    tab.click("#tracker-claims th:nth-child(4)")
    up = ratios()
    measured = [r for r in up if r is not None]
    assert up == measured + [None] * (len(up) - len(measured))  # nothing measured: last, either way
    assert measured == sorted(measured) and measured[-1] > 20 and len(measured) >= 2
    tab.click("#tracker-claims th:nth-child(4)")
    down = ratios()
    assert down == sorted(measured, reverse=True) + [None] * (len(up) - len(measured)) and errors == []
    month = next(r for r in results if r.event == "saa-5000-km2-in-a-month")
    shown = tab.locator("#tracker-claims tbody tr", has_text="5,000 km²").locator("td.tracker-why").inner_text()
    assert shown == month.explanation and month.verdict == "undetermined"
    assert tab.locator("#tracker-claims th:nth-child(6)").inner_text() == "why"


def test_two_dates_side_by_side_in_synchronised_panes(tmp_path: Path, browser) -> None:
    output = tmp_path / "compare.html"
    result = CliRunner().invoke(main, ["map", str(EVENTS), "--offline", "--compare", "2016-12-31", "2017-06-30",
                                       "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert requests_in(output.read_text(encoding="utf-8")) == []
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(output.as_uri())
    tab.wait_for_selector(".tracker-pane", state="attached")
    panes = tab.locator(".tracker-pane").all_inner_texts()
    by_first = sum(e.start.isoformat() <= "2016-12-31" for e in load_events(EVENTS))
    assert panes == [f"claimed by 2016-12-31 ({by_first} records)", f"claimed by 2017-06-30 ({SEED_COUNT} records)"]
    centres = tab.evaluate("""() => {
        const maps = Object.values(window).filter(v => v instanceof L.Map);
        maps[0].setView([34.5, 40.0], 9, {animate: false});
        return maps.map(m => [m.getCenter().lat.toFixed(3), m.getCenter().lng.toFixed(3), m.getZoom()]);
    }""")
    assert centres[0] == centres[1] == ["34.500", "40.000", 9]
    assert errors == []
    tab.close()


def test_many_events_are_aggregated_into_cells(tmp_path: Path, browser) -> None:
    from tracker import Event, EventCollection
    from tracker.maps.render import AGGREGATE_ABOVE, CELL_DEGREES

    count = AGGREGATE_ABOVE + 500
    events = EventCollection([
        Event.model_validate({
            "id": f"e-{i}", "date": f"2017-0{1 + i % 2}-15", "title": f"Clash {i}", "type": "Battles",
            "actors": ["Syrian Arab Army" if i % 2 else "Islamic State"],
            "location": {"lat": 34.0 + (i % 50) * 0.02 + 0.0012345678, "lon": 38.0 + (i // 50) * 0.02},
        })
        for i in range(count)
    ])
    path = write_map(render_map(events, offline=True), tmp_path / "many.html")
    text = path.read_text(encoding="utf-8")
    assert len(text) < 1_000_000 and "Clash 1" not in text  # no per-event element, no per-event text
    assert "34.0012345678" not in text  # positions rounded to about a metre
    expected = {(e.actors[0].name, math.floor(e.location.lat / CELL_DEGREES), math.floor(e.location.lon / CELL_DEGREES))
                for e in events}
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(path.as_uri())
    tab.wait_for_function("() => (window.trackerCells || []).length > 0")
    cells = tab.evaluate("() => window.trackerCells.length")
    shown = tab.evaluate("() => window.trackerCells.filter(c => c.group.hasLayer(c.layer)).length")
    total = tab.evaluate("() => window.trackerCells.reduce((n, c) => n + +c.layer.getTooltip().getContent()"
                         ".split(' ')[0], 0)")
    assert cells == shown == len(expected) and total == count
    tab.evaluate("() => { const until = document.getElementById('tracker-until');"
                 " until.value = 20; until.dispatchEvent(new Event('input')); }")  # January only
    january = tab.evaluate("() => window.trackerCells.filter(c => c.group.hasLayer(c.layer)).length")
    assert 0 < january < cells and errors == []
    tab.close()


def test_dots_are_outlined_by_actor_and_filled_by_verdict(page) -> None:
    from collections import Counter

    from tracker.maps.actors import Actors
    from tracker.maps.style import dot_fill

    tab, *_ = page
    events = _mapped()
    results = check_claims(load_events(MAPPED)).results
    actors = Actors.group(Counter([*(e.actors[0].name for e in events), HOSTILE]),
                          {a.name for e in events for a in e.actors})
    looks = actors.styles()
    assert len(actors.names) == 7 and len(set(looks)) == 7  # a seventh actor: a colour again, dashed
    dots = tab.evaluate("() => Object.values(window).filter(v => v instanceof L.CircleMarker"
                        " && !(v instanceof L.Circle)).map(v => [v.options.color, v.options.dashArray || null,"
                        " v.options.fillColor])")
    expected = [(*looks[actors.first(e.actors[0].name)], dot_fill(r.verdict for r in results if r.event == e.id))
                for e in events]
    expected.append((*looks[actors.first(HOSTILE)], VERDICT_COLOURS["unverifiable"]))  # its count claim
    assert sorted(map(tuple, dots), key=str) == sorted(expected, key=str)
    assert "Event types" not in tab.inner_text(".tracker-legend")  # a type is named in the tooltip and popup
