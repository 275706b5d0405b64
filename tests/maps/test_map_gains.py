"""Control layers on the maps: `tracker map --compare D1 D2` draws what each assessor says was gained and
lost between the dates, and a panel sets the claims of each group against the assessed gains; `tracker
map` alone shows that chart as a section of its claims panel. Pages opened in Chromium, network blocked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tracker.cli import main
from tracker.control import import_layers
from tracker.maps.chart import ASSESSED_COLOUR
from tracker.maps.gains import GAINED_COLOUR, LOST_COLOUR
from tracker.maps.render import VERDICT_COLOURS, requests_in

from ..common import offline_tab
from ..control.control_series import AREA_B, AREA_DISC, LAYERS, write_series
from .test_map_safety import PAYLOADS

ACTOR = "Syrian Arab Army"
#: Two claims about the army's gain in January 2024, in overlapping windows (one group): the series
#: gains the square B (about 10,642 km²) from 2024-01-01 to 2024-02-01, so 12,000 km² in that window
#: is consistent with it and 30,000 km² by 2024-02-05 is overstated.
CLAIMS = (("a", "2024-01-01", "2024-02-01", "12000 km2"), ("b", "2024-01-10", "2024-02-05", "30000 km2"))


def _record(name: str, since: str, until: str, area: str, actor: str = ACTOR, publisher: str | None = None) -> dict:
    return {"id": f"claim-{name}", "date": until, "title": f"claim {name}", "type": "Battles", "actors": [actor],
            "location": {"lat": 30.5, "lon": 31.5}, "claims": [{"total_area": area, "actor": actor, "since": since}],
            "sources": [{"publisher": publisher or f"Agency {name}", "reliability": "C", "credibility": 3}]}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The two claims in events/, and ISW's series (graded B) for the army in control/."""
    root = tmp_path_factory.mktemp("gains")
    events = root / "events"
    events.mkdir()
    for name, since, until, area in CLAIMS:
        (events / f"{name}.yaml").write_text(yaml.safe_dump(_record(name, since, until, area)), encoding="utf-8")
    import_layers([write_series(root)], root / "control", assessor="ISW", actor=ACTOR, date_field="date",
                  reliability="B")
    return events, root / "control"


def _write(arguments: list[str], output: Path) -> Path:
    result = CliRunner().invoke(main, ["map", *arguments, "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert requests_in(output.read_text(encoding="utf-8")) == []
    return output


def _open(browser, path: Path):
    """The page in a tab whose every request but the file fails, with its console errors."""
    context, tab, errors, requested = offline_tab(browser, path)
    tab.wait_for_selector(".leaflet-interactive", state="attached")
    return context, tab, errors, requested


@pytest.fixture(scope="module")
def compared(folders: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, browser):
    events, control = folders
    path = _write([str(events), "--compare", "2024-01-01", "2024-03-01", "--control", str(control)],
                  tmp_path_factory.mktemp("compare") / "compare.html")
    context, tab, errors, requested = _open(browser, path)
    yield tab, errors, requested
    context.close()


def _km2(m2: float) -> str:
    return f"{m2 / 1e6:,.1f} km²"


def test_the_gained_and_lost_ground_is_drawn_in_the_second_pane(compared) -> None:
    tab, errors, requested = compared
    gained = tab.locator(f"path.leaflet-interactive[fill='{GAINED_COLOUR}']")
    lost = tab.locator(f"path.leaflet-interactive[fill='{LOST_COLOUR}']")
    assert gained.count() == 1 and lost.count() == 1
    panes = tab.evaluate("""(fills) => Object.values(window).filter(v => v instanceof L.Map).map(m => {
        let n = 0; m.eachLayer(l => { if (l.options && fills.includes(l.options.fillColor) && l.getLatLngs) n += 1; });
        return n; })""", [GAINED_COLOUR, LOST_COLOUR])
    assert panes == [0, 2]  # what changed by the second date, drawn beside what was claimed by it
    legend = tab.inner_text(".tracker-legend")
    assert f"ISW (B), {ACTOR}: gained {_km2(AREA_B)}" in legend
    assert f"ISW (B), {ACTOR}: lost {_km2(AREA_DISC)}" in legend
    overlays = tab.locator(".leaflet-control-layers-overlays").all_inner_texts()
    assert f"ISW (B), {ACTOR}: gained\n" in overlays[1] and f"ISW (B), {ACTOR}: lost\n" in overlays[1]
    assert "gained" not in overlays[0]
    # beside the assessed gains, what the records add: both claims are dated after the first date
    assert tab.inner_text(".tracker-changes summary") == "Since 2024-01-01: 2 new events"
    assert errors == [] and requested == []


def test_a_gain_popup_names_assessor_actor_layers_and_area(compared) -> None:
    tab, errors, _ = compared
    opened = tab.evaluate("""(fill) => {
        let opened = 0;
        for (const group of Object.values(window).filter(v => v instanceof L.GeoJSON)) {
            group.eachLayer(layer => {
                if (layer.options.fillColor === fill) { group.openPopup(layer.getCenter()); opened += 1; }
            });
        }
        return opened;
    }""", GAINED_COLOUR)
    assert opened == 1
    popup = tab.locator(".leaflet-popup-content", has_text="gained")
    popup.wait_for()
    text = " ".join(popup.inner_text().split())
    assert text.startswith(f"ISW (graded B): {ACTOR} gained")
    assert (f"{_km2(AREA_B)} gained from 2024-01-01 to 2024-03-01, between the layers of 2024-01-01 and 2024-03-01; "
            f"net {(AREA_B - AREA_DISC) / 1e6:+,.1f} km²") in text
    assert errors == []


def _bars(tab, scope: str) -> list[tuple[str, str]]:
    return [tuple(pair) for pair in tab.evaluate(
        "(scope) => Array.from(document.querySelectorAll(scope + ' rect.tracker-bar'))"
        ".map(r => [r.getAttribute('fill'), r.classList[1]])", scope)]


def test_the_panel_sets_each_claim_against_the_assessed_gain(compared) -> None:
    tab, errors, _ = compared
    bars = _bars(tab, ".tracker-compare-panel")
    # largest rate first: 30,000 km² in 26 days (overstated against ISW), 12,000 in 31 (consistent); then ISW
    assert bars == [(VERDICT_COLOURS["overstated"], "tracker-claimed"), (VERDICT_COLOURS["consistent"], "tracker-claimed"),
                    (ASSESSED_COLOUR, "tracker-assessed")]
    widths = tab.evaluate("() => Array.from(document.querySelectorAll('.tracker-compare-panel rect.tracker-bar'))"
                          ".map(r => +r.getAttribute('width'))")
    assert widths[0] == max(widths) and widths[0] / widths[1] == pytest.approx((30000 / 26) / (12000 / 31), rel=1e-3)
    grades = tab.evaluate("() => Array.from(document.querySelectorAll('.tracker-compare-panel text.tracker-grade'))"
                          ".map(t => t.lastChild.textContent)")  # the text shown, after its tooltip
    assert grades == ["Agency b C3", "Agency a C3", "B"]
    assert not tab.evaluate("() => document.querySelector('.tracker-compare-panel').open")  # closed on a small screen
    tab.click(".tracker-compare-panel summary")
    try:
        heading = tab.inner_text(".tracker-compare-panel .tracker-chart h4")
    finally:
        tab.click(".tracker-compare-panel summary")
    assert heading == f"{ACTOR}, 2024-01-01 .. 2024-02-05: 2 claims, spread 2.98×"
    tips = tab.evaluate("() => Array.from(document.querySelectorAll('.tracker-compare-panel rect.tracker-claimed'))"
                        ".map(r => r.querySelector('title').textContent)")
    assert tips[0].startswith("overstated against ISW: claims 30,000 km²") and errors == []


def test_the_map_alone_charts_the_group_in_its_claims_panel(folders: tuple[Path, Path], tmp_path: Path,
                                                            browser) -> None:
    events, control = folders
    path = _write([str(events), "--control", str(control)], tmp_path / "map.html")
    context, tab, errors, requested = _open(browser, path)
    assert tab.locator(".tracker-panel #tracker-claims").count() == 1
    assert _bars(tab, ".tracker-panel") == [(VERDICT_COLOURS["overstated"], "tracker-claimed"),
                                            (VERDICT_COLOURS["consistent"], "tracker-claimed"),
                                            (ASSESSED_COLOUR, "tracker-assessed")]
    tab.click(".tracker-panel summary")  # closed on a screen this small, open on its heading
    tab.click("#tracker-claims th:nth-child(2)")  # the table still sorts
    assert tab.locator("path.leaflet-interactive[fill='" + GAINED_COLOUR + "']").count() == 0
    context.close()
    assert errors == [] and requested == []


def test_without_control_layers_the_claims_keep_the_verdicts_of_the_records(folders: tuple[Path, Path],
                                                                           tmp_path: Path, browser) -> None:
    events, _ = folders
    path = _write([str(events), "--compare", "2024-01-01", "2024-03-01", "--control", str(tmp_path / "none")],
                  tmp_path / "compare.html")
    context, tab, errors, _ = _open(browser, path)
    bars = _bars(tab, ".tracker-compare-panel")
    context.close()
    assert bars == [(VERDICT_COLOURS["unverifiable"], "tracker-claimed")] * 2  # no area recorded, no assessor
    text = path.read_text(encoding="utf-8")
    assert GAINED_COLOUR not in text and "Assessed control" not in text and errors == []


def test_a_series_that_starts_after_the_second_date_draws_nothing(folders: tuple[Path, Path], tmp_path: Path) -> None:
    events, _ = folders
    later = {"2024-03-01": LAYERS["2024-01-01"], "2024-04-01": LAYERS["2024-02-01"]}
    import_layers([write_series(tmp_path, layers=later)], tmp_path / "control", assessor="ISW", actor=ACTOR,
                  date_field="date")
    path = _write([str(events), "--compare", "2024-01-01", "2024-02-05", "--control", str(tmp_path / "control")],
                  tmp_path / "before.html")
    text = path.read_text(encoding="utf-8")
    assert "Assessed control" not in text and GAINED_COLOUR not in text


def test_assessor_actor_and_source_names_stay_text(tmp_path: Path, browser) -> None:
    """Names from imported layers and records, in the gains' popups, tooltips, legend and layer control,
    and in the chart's labels and tooltips: shown as written, none of it run."""
    canary = tmp_path / "PWNED"
    texts = [PAYLOADS[i].format(canary=canary) for i in (0, 2, 6, 7, 8)]
    events = tmp_path / "events"
    events.mkdir()
    for index, text in enumerate(texts):
        record = _record(str(index), "2024-01-01", "2024-02-01", "12000 km2", actor=text, publisher=text)
        (events / f"{index}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
        import_layers([write_series(tmp_path, f"{index}.geojson")], tmp_path / "control", assessor=f"{text} {index}",
                      actor=text, date_field="date", source=text)
    path = _write([str(events), "--compare", "2024-01-01", "2024-03-01", "--control", str(tmp_path / "control")],
                  tmp_path / "hostile.html")
    page = path.read_text(encoding="utf-8")
    assert not canary.exists() and not any(text in page for text in texts)
    context, tab, errors, _ = _open(browser, path)
    legend = tab.inner_text(".tracker-legend")
    control = " ".join(tab.locator(".leaflet-control-layers-overlays").all_inner_texts())
    chart = tab.evaluate("() => document.querySelector('.tracker-compare-panel').textContent")
    popups = tab.evaluate("""() => Object.values(window).filter(v => v instanceof L.GeoJSON && v.getPopup())
        .map(v => { const content = v.getPopup().getContent();
                    return content instanceof HTMLElement ? content.textContent : String(content); })
        .join('\\n')""")
    for index, text in enumerate(texts):
        assert f"{text} {index}, {text}: gained" in legend and f"{text} {index}, {text}: gained" in control, text
        assert f"{text} {index}" in chart and text in chart, text
        assert f"{text} {index}: {text} gained" in popups and f"Source: {text}" in popups, text
    assert tab.evaluate("() => window.pwned") is None and tab.locator("img").count() == 0
    context.close()
    assert errors == [] and not canary.exists()
