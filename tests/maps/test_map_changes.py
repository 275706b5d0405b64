"""The comparison shows what changed: `tracker map events --compare 2017-05-01 2017-06-30` rings each
event first dated in between and haloes the area it brings in the second pane, says so in their popups,
counts and lists them in a summary, and names each new symbol in the legend; all within the controls'
budget of a small laptop's screen. Headless Chromium, network blocked, at 1366×768."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyproj import Geod

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.cli import main
from tracker.maps.gains import GAINED_COLOUR, LOST_COLOUR
from tracker.maps.render import PALETTE, VERDICT_COLOURS, requests_in
from tracker.maps.style import NEW_COLOUR

from ..common import EVENTS, offline_tab
from .test_map_claims import CONTROLS, DRAWN_KEYS, SCREEN, _distance, _overlap

FIRST, SECOND = dt.date(2017, 5, 1), dt.date(2017, 6, 30)
#: The seed records first dated between the two dates, and those among them that bring an area no
#: claim is about (a reference zone): worked out here from the records' dates, not by the library.
NEW = [e for e in load_events(EVENTS) if FIRST < e.start <= SECOND]
ZONES = [e for e in NEW if e.area is not None and not e.claims]
OLD = [e for e in load_events(EVENTS) if e.start <= FIRST]


def test_the_colour_of_what_is_new_is_neither_an_actor_nor_a_verdict() -> None:
    others = {*PALETTE, *VERDICT_COLOURS.values(), "#ffffff", GAINED_COLOUR, LOST_COLOUR}
    assert min(_distance(NEW_COLOUR, other) for other in others) > 25


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, browser):
    """The comparison of the seed events at 1366×768 with the network blocked: the tab, its errors and
    what it requested."""
    assert len(NEW) >= 5 and len(ZONES) == 1  # the dates show new events and the al-Tanf zone
    output = tmp_path_factory.mktemp("changes") / "compare.html"
    result = CliRunner().invoke(main, ["map", str(EVENTS), "--offline", "--compare", str(FIRST), str(SECOND),
                                       "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert requests_in(output.read_text(encoding="utf-8")) == []
    context, tab, errors, requested = offline_tab(browser, output)
    tab.wait_for_selector(".leaflet-interactive")
    tab.wait_for_function("() => Object.values(window).filter(v => v instanceof L.Map).every(map =>"
                          " !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress))")
    tab.evaluate("() => new Promise(done => setTimeout(done, 300))")
    yield tab, errors, requested
    context.close()


def test_the_summary_counts_and_lists_the_new_events(page) -> None:
    tab, errors, requested = page
    heading = tab.inner_text(".tracker-changes summary")
    assert heading == f"Since {FIRST}: {len(NEW)} new events; {len(ZONES)} reference zone"
    inside = tab.evaluate("() => { const maps = Object.values(window).filter(v => v instanceof L.Map);"
                          " return maps.map(m => m.getContainer().contains(document.querySelector('.tracker-changes'))); }")
    assert inside == [False, True]  # in the second pane
    tab.click(".tracker-changes summary")
    try:
        items = tab.locator(".tracker-changes li").all_inner_texts()
        assert len(items) == len(NEW)
        for event in NEW:
            assert sum(event.title in item for item in items) == 1, event.id
        zone = next(item for item in items if ZONES[0].title in item)
        assert f"new reference zone since {FIRST} of " in zone
        box = tab.evaluate("() => { const r = document.querySelector('.tracker-changes').getBoundingClientRect();"
                           " return [r.left, r.top, r.right, r.bottom]; }")
        others = [b for b in tab.evaluate(CONTROLS) if b != box]
        assert all(_overlap(box, other) == 0 for other in others)  # open, it hides no control
    finally:
        tab.click(".tracker-changes summary")
    assert errors == [] and requested == []


def test_new_events_are_ringed_in_the_second_pane_only(page) -> None:
    tab, errors, _ = page
    rings = tab.evaluate("""() => Object.values(window).filter(v => v instanceof L.Map).map(map => {
        const found = [];
        map.eachLayer(l => { if ((l.options.legend || []).includes('new')) found.push(l); });
        return found.map(l => [l.options.interactive, l.getLatLng().lat, l.getLatLng().lng]); })""")
    assert rings[0] == [] and len(rings[1]) == len(NEW)
    assert all(interactive is False for interactive, *_ in rings[1])  # the dot inside keeps its click
    dots = tab.evaluate("""() => { const map = Object.values(window).filter(v => v instanceof L.Map)[1], at = [];
        map.eachLayer(l => { if (l._trackerHalo) at.push([l.getLatLng().lat, l.getLatLng().lng]); }); return at; }""")
    assert sorted(map(tuple, dots)) == sorted((lat, lon) for _, lat, lon in rings[1])  # each ring on its dot, set apart or not
    haloes = tab.evaluate("""() => Object.values(window).filter(v => v instanceof L.Map).map(map => {
        let n = 0; map.eachLayer(l => { if ((l.options.legend || []).includes('new-area')) n += 1; }); return n; })""")
    assert haloes == [0, len(ZONES)] and errors == []


def test_a_new_record_says_so_in_its_popup_with_the_ground_of_its_area(page) -> None:
    tab, errors, _ = page
    zone = ZONES[0]
    area = check_claims(load_events(EVENTS)).shape(zone.id).area
    km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(area)[0]) / 1e6
    texts = tab.evaluate("""() => { const map = Object.values(window).filter(v => v instanceof L.Map)[1], said = [];
        map.eachLayer(l => { if (l.getPopup && l.getPopup()) { const c = l.getPopup().getContent();
            said.push(typeof c === 'function' ? c(l) : String(c)); } }); return said; }""")
    plain = [tab.evaluate("(html) => { const t = document.createElement('template'); t.innerHTML = html;"
                          " return t.content.textContent; }", text) for text in texts]
    assert sum(f"new reference zone since {FIRST} of {km2:,.1f} km²" in text for text in plain) >= 1
    for event in NEW:
        if event.area is None:
            assert any(event.title in text and f"new since {FIRST}" in text for text in plain), event.id
    assert not any("new since" in text for text in plain if any(e.title in text for e in OLD))
    assert errors == []


def test_the_legend_names_what_is_drawn_new_symbols_too(page) -> None:
    tab, errors, _ = page
    legend = tab.evaluate("() => Array.from(document.querySelectorAll('.tracker-legend [data-legend]'))"
                          ".map(e => e.dataset.legend)")
    drawn = tab.evaluate(DRAWN_KEYS)
    assert sorted(legend) == sorted(drawn)
    assert {"new", "new-area"} <= set(drawn) and "grown-area" not in drawn
    assert errors == []


def test_the_controls_and_the_summary_cover_little_of_the_screen(page) -> None:
    tab, errors, _ = page
    boxes = tab.evaluate(CONTROLS)
    whole = [0, 0, SCREEN["width"], SCREEN["height"]]
    covered = sum(_overlap(box, whole) for box in boxes)  # overlaps counted twice: an upper bound
    assert covered / (SCREEN["width"] * SCREEN["height"]) <= 0.15, covered
    assert tab.locator(".tracker-changes").count() == 1 and errors == []


def test_grown_and_new_ground_reach_the_page_as_measured(tmp_path: Path) -> None:
    """The records of tests/control/test_record_changes.py: the summary in the page carries the ground
    the new and grown areas add, and each grown area's popup note, as pyproj's Geod measures them."""
    from ..control.test_record_changes import BESIDE, BIGGER, OLD, STRIP, _geod_m2, _record

    _record(tmp_path, "old", "2017-01-10", ring=OLD)
    _record(tmp_path, "bigger", "2017-02-10", ring=BIGGER)
    _record(tmp_path, "partly", "2017-02-11", ring=[[38.5, 34.0], [39.5, 34.0], [39.5, 35.0], [38.5, 35.0]])
    _record(tmp_path, "beside", "2017-02-13", ring=BESIDE)
    output = tmp_path / "compare.html"
    result = CliRunner().invoke(main, ["map", str(tmp_path), "--offline", "--compare", "2017-01-31", "2017-03-01",
                                       "-o", str(output)])
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    grown = _geod_m2(BIGGER) - _geod_m2(OLD)
    total = grown + _geod_m2(STRIP) + _geod_m2(BESIDE)
    assert f"Since 2017-01-31: 3 new events; 1 new area, 2 grown (+{total / 1e6:,.1f} km²)</summary>" in page
    assert (f"grown since 2017-01-31: adds {grown / 1e6:,.1f} km² to the areas Syrian Arab Army&#x27;s records "
            "claimed by then (from old)") in page
