"""Claims read honestly on the map: the claimed size as a ring around the evidence, every claim in a
panel that keeps clear of the controls, one colour channel per meaning and a legend of exactly what is
drawn. The seed events (and the record whose area is drawn) in headless Chromium, network blocked, at
1366×768."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.cli import main
from tracker.maps.markup import ADMIRALTY, grade_words
from tracker.maps.render import PALETTE, VERDICT_COLOURS, requests_in

from ..common import EVENTS, SCREEN, VALID, offline_tab

#: A script that gives the legend keys of every layer drawn on the page's maps.
DRAWN_KEYS = """() => { const keys = new Set();
    Object.values(window).filter(v => v instanceof L.Map).forEach(map => map.eachLayer(layer => {
        (layer.options.legend || []).forEach(key => keys.add(key)); }));
    return Array.from(keys); }"""

def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour '#rrggbb'."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    x = (0.4124 * linear[0] + 0.3576 * linear[1] + 0.1805 * linear[2]) / 0.95047
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    z = (0.0193 * linear[0] + 0.1192 * linear[1] + 0.9505 * linear[2]) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _distance(one: str, other: str) -> float:
    """How far apart two colours look (CIE76 ΔE: about 2.3 is the least a reader notices)."""
    return sum((p - q) ** 2 for p, q in zip(_lab(one), _lab(other), strict=True)) ** 0.5


def test_no_actor_colour_repeats_a_verdict_colour() -> None:
    verdicts = set(VERDICT_COLOURS.values()) | {"#ffffff"}  # white: the dot of an event without claims
    assert min(_distance(actor, verdict) for actor in PALETTE for verdict in verdicts) > 25
    assert min(_distance(one, other) for one in PALETTE for other in PALETTE if one != other) > 25


@given(st.sampled_from("ABCDEF"), st.integers(1, 6))
def test_every_admiralty_grade_is_spelled_out(reliability: str, credibility: int) -> None:
    words = grade_words(reliability, credibility)
    assert words == f"{reliability}{credibility}: {ADMIRALTY[reliability]}, {ADMIRALTY[str(credibility)]}"
    assert grade_words("E", 3) == "E3: unreliable source, possibly true"


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline map of the seed events and the record whose area is drawn (the Badiyeh sliver)."""
    folder = tmp_path_factory.mktemp("events")
    for path in EVENTS.glob("*.yaml"):
        shutil.copy(path, folder)
    shutil.copy(VALID / "badiyeh-drawn.yaml", folder)
    shutil.copytree(VALID / "areas", folder / "areas")
    output = folder.parent / "claims-map.html"
    result = CliRunner().invoke(main, ["map", str(folder), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert requests_in(output.read_text(encoding="utf-8")) == []
    return output


@pytest.fixture(scope="module")
def page(seed_map: Path, browser):
    """The seed map at 1366×768 with the network blocked: the tab, its errors and what it requested."""
    context, tab, errors, requested = offline_tab(browser, seed_map)
    tab.wait_for_selector(".leaflet-interactive")
    # the map has settled on its first view (a zoom still moving would take back any view set meanwhile)
    tab.wait_for_function("() => { const map = Object.values(window).find(v => v instanceof L.Map);"
                          " return map && !map._animatingZoom && !(map._panAnim && map._panAnim._inProgress); }")
    tab.evaluate("() => new Promise(done => setTimeout(done, 300))")
    yield tab, errors, requested
    context.close()


#: The boxes of the controls over the map, as the page opens: Leaflet's (zoom, time, layers, scale,
#: attribution) and ours (legend, claims panel; a comparison's pane titles and summary of changes).
CONTROLS = "() => Array.from(document.querySelectorAll('.leaflet-control, .tracker-legend, .tracker-panel," \
           " .tracker-pane, .tracker-changes'))" \
           ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"


def _overlap(one: list[float], other: list[float]) -> float:
    width = min(one[2], other[2]) - max(one[0], other[0])
    height = min(one[3], other[3]) - max(one[1], other[1])
    return max(0.0, width) * max(0.0, height)


def test_the_controls_cover_little_of_the_map_and_never_each_other(page) -> None:
    tab, errors, requested = page
    boxes = tab.evaluate(CONTROLS)
    whole = [0, 0, SCREEN["width"], SCREEN["height"]]
    covered = sum(_overlap(box, whole) for box in boxes)  # overlaps counted twice: an upper bound
    assert covered / (SCREEN["width"] * SCREEN["height"]) <= 0.15, covered
    assert not tab.evaluate("() => document.querySelector('details.tracker-panel').open")  # closed on a small screen
    tab.click(".tracker-panel summary")
    try:
        opened = tab.evaluate(CONTROLS)
        panel = tab.evaluate("() => { const r = document.querySelector('.tracker-panel').getBoundingClientRect();"
                             " return [r.left, r.top, r.right, r.bottom]; }")
        assert panel[3] - panel[1] > 100  # open, with its rows
        others = [box for box in opened if box != panel]
        assert all(_overlap(panel, box) == 0 for box in others)  # zoom, time, layers, scale, legend
    finally:
        tab.click(".tracker-panel summary")
    assert errors == [] and requested == []


def test_every_legend_entry_is_drawn_and_every_symbol_is_in_the_legend(page) -> None:
    tab, errors, _ = page
    legend = tab.evaluate("""() => Array.from(document.querySelectorAll('.tracker-legend [data-legend]'))
        .map(e => [e.dataset.legend, e.textContent, getComputedStyle(e.querySelector('span')).borderTopColor,
                   getComputedStyle(e.querySelector('span')).backgroundColor])""")
    drawn = tab.evaluate(DRAWN_KEYS)
    assert sorted(key for key, *_ in legend) == sorted(drawn)
    assert {"ring", "uncertainty", "zone", "basis:reported", "stack"} <= set(drawn)
    rgb = tab.evaluate("""(colours) => colours.map(c => { const e = document.createElement('i');
        e.style.color = c; document.body.appendChild(e); const v = getComputedStyle(e).color; e.remove();
        return v; })""", [key.split(":")[1] for key, *_ in legend if key.startswith(("actor:", "fill:"))])
    swatches = [border if key.startswith("actor:") else fill
                for key, _, border, fill in legend if key.startswith(("actor:", "fill:"))]
    assert swatches == rgb  # each entry's swatch in the colour its key names (the colour of what is drawn)
    names = {text for key, text, *_ in legend if key.startswith("actor:")}
    assert names == {e.actors[0].name for e in load_events(EVENTS)}
    assert errors == []


def test_the_uncertainty_discs_take_no_click(page) -> None:
    tab, *_ = page
    discs = tab.evaluate("""() => Object.values(window).filter(v => v instanceof L.Circle && v._map
        && (v.options.legend || []).includes('uncertainty'))
        .map(v => [v.options.interactive, v._path.classList.contains('leaflet-interactive'), v.options.fill])""")
    assert discs and all(d == [False, False, False] for d in discs)


def test_a_click_inside_any_claimed_area_opens_its_popup(page) -> None:
    tab, errors, _ = page
    count = tab.evaluate("() => Object.values(window).filter(v => v instanceof L.GeoJSON).length")
    assert count >= 2  # the Badiyeh sliver and the al-Tanf zone
    for index in range(count):
        found = tab.evaluate("""async (index) => {  // points inside the area, clear of dots and ring strokes
            const map = Object.values(window).find(v => v instanceof L.Map);
            map.closePopup();
            const group = Object.values(window).filter(v => v instanceof L.GeoJSON)[index];
            const area = group.getLayers()[0];
            map.fitBounds(area.getBounds(), {animate: false, padding: [200, 200]});
            await new Promise(done => setTimeout(done, 300));  // drawn again at that zoom
            const ring = area.getLatLngs()[0].map(p => map.latLngToContainerPoint(p));
            const inside = (x, y) => { let hit = false;
                for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                    const a = ring[i], b = ring[j];
                    if ((a.y > y) !== (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) hit = !hit; }
                return hit; };
            // inside by some pixels (Leaflet draws an outline simplified by about a pixel)
            const deep = (x, y) => [[0, 0], [6, 0], [-6, 0], [0, 6], [0, -6]].every(([dx, dy]) => inside(x + dx, y + dy));
            const clear = [];  // dots and the strokes of rings, which take their own clicks
            map.eachLayer(l => { if (l instanceof L.CircleMarker && l.options.interactive !== false)
                clear.push([map.latLngToContainerPoint(l.getLatLng()), l instanceof L.Circle ? l._radius : 0]); });
            const far = (x, y) => clear.every(([c, r]) => Math.abs(Math.hypot(x - c.x, y - c.y) - r) > 12);
            const disc = (x, y) => Object.values(window).some(v => v instanceof L.Circle && v._map
                && (v.options.legend || []).includes('uncertainty')
                && Math.hypot(x - map.latLngToContainerPoint(v.getLatLng()).x,
                              y - map.latLngToContainerPoint(v.getLatLng()).y) < v._radius);
            const box = map.getContainer().getBoundingClientRect(), points = [];
            for (let y = 0; y < box.height; y += 4) for (let x = 0; x < box.width; x += 4) {
                if (deep(x, y) && far(x, y) && !document.elementFromPoint(box.left + x, box.top + y)
                        .closest('.leaflet-control, .tracker-legend, .tracker-panel, .leaflet-tooltip')) {
                    const at = map.containerPointToLatLng([x, y]);
                    points.push([at.lat, at.lng, disc(x, y)]); } }
            // one point under a disc of uncertainty (it takes no click) and one clear of them, where there are
            const under = points.find(p => p[2]), clearOf = points.find(p => !p[2]);
            return [under, clearOf].filter(p => p !== undefined);
        }""", index)
        assert found, index
        for lat, lon, _ in found:
            x, y = tab.evaluate("""(at) => { const map = Object.values(window).find(v => v instanceof L.Map);
                map.closePopup(); const p = map.latLngToContainerPoint(at), box = map.getContainer().getBoundingClientRect();
                return [box.left + p.x, box.top + p.y]; }""", [lat, lon])
            tab.mouse.click(x, y)
            tab.locator(".leaflet-popup-content h4").wait_for()
            source = tab.evaluate("""(index) => { const map = Object.values(window).find(v => v instanceof L.Map);
                return Object.values(window).filter(v => v instanceof L.GeoJSON)[index].hasLayer(map._popup._source);
            }""",
                                  index)
            assert source, (index, lat, lon)
    assert errors == []


def test_the_ring_tells_how_the_claim_compares_with_the_evidence(page) -> None:
    tab, errors, _ = page
    result = next(r for r in check_claims(load_events([EVENTS, VALID])).results if r.event == "badiyeh-drawn")
    rings = tab.evaluate("""() => Object.values(window).filter(v => v instanceof L.Circle && v._map
        && (v.options.legend || []).includes('ring')).map(v => [v.getTooltip().getContent(), v.options.fill,
        v.getLatLng().lat, v.getLatLng().lng])""")
    labels = tab.locator(".leaflet-tooltip.tracker-ring-label").all_inner_texts()
    assert len(rings) == 1 and rings[0][1] is False  # an outline: a click inside reaches the evidence
    times = f"{result.ratio:,.2g}×"
    assert f"{times} what the evidence shows" in rings[0][0] and labels == [f"{times} the evidence"]
    centre = tab.evaluate("""() => { const group = Object.values(window).filter(v => v instanceof L.GeoJSON)
        .find(g => g.getLayers()[0].options.legend.includes('basis:reported'));
        const shape = group.getLayers()[0]; return [shape.getCenter().lat, shape.getCenter().lng]; }""")
    assert rings[0][2:] == pytest.approx(centre, abs=0.05)  # on the evidence, not beside it
    assert errors == []


def test_events_on_one_point_are_set_apart(page) -> None:
    tab, *_ = page
    places = tab.evaluate("""() => { const map = Object.values(window).find(v => v instanceof L.Map);
        const stacked = Object.values(window).filter(v => v instanceof L.CircleMarker && !(v instanceof L.Circle)
            && (v.options.legend || []).includes('stack'));
        return stacked.map(v => { const p = map.latLngToContainerPoint(v.getLatLng()); return [p.x, p.y]; }); }""")
    assert len(places) >= 2
    assert min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
               for i, a in enumerate(places) for b in places[i + 1:]) >= 12  # a dot's width: none hides another


def test_the_panel_lists_every_claim_with_units_quotes_and_grades(page) -> None:
    tab, errors, _ = page
    results = check_claims(load_events([EVENTS, VALID])).results
    tab.click(".tracker-panel summary")
    try:
        rows = tab.locator("#tracker-claims tbody tr")
        assert rows.count() == len(results)
        assert tab.inner_text(".tracker-panel summary").startswith(f"Claims ({len(results)}: ")
        badiyeh = rows.filter(has_text="advanced 1,400 square kilometers earlier this week").filter(has_text="146.3 km²")
        cells = badiyeh.locator("td").all_inner_texts()
        assert cells[2] == "146.3 km²" and cells[4] == "overstated"
        assert cells[6] == "[untitled article on the Syrian army's Badiyeh advance] (graded E3: unreliable source, " \
                           "possibly true)"
        chip = badiyeh.locator(".tracker-chip")
        assert chip.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(238, 136, 102)"  # overstated
        kinds = {r.kind for r in results}
        shown = tab.locator("#tracker-claims .tracker-kind").all_inner_texts()
        assert set(shown) == kinds and len(kinds) >= 5  # every kind, not only areas
        measured = tab.locator("#tracker-claims tbody td:nth-child(3)").all_inner_texts()
        assert all(m == "-" or not m.replace(",", "").replace(".", "").isdigit() for m in measured)  # units always
        tab.click("#tracker-claims th:nth-child(5)")  # by verdict
        verdicts = tab.locator("#tracker-claims tbody td:nth-child(5) .tracker-chip").all_inner_texts()
        assert verdicts == sorted(verdicts)
    finally:
        tab.click(".tracker-panel summary")
    assert errors == []
