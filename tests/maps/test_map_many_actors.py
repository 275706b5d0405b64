"""Maps of imported datasets with hundreds of actor names: 20,000 ACLED-shaped events of 400 actors
(units, coalitions, hostile names) and a UCDP GED-shaped export, each in headless Chromium at 1366×768
with the network blocked: the controls cover little of the map, the time window's totals are the
events in it, every legend entry is drawn and distinct, and no name runs as markup."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.maps.actors import TOP, Actors
from tracker.maps.points import read_points

from ..common import ROOT, offline_tab
from .test_map_claims import CONTROLS, DRAWN_KEYS, SCREEN, _overlap
from .test_maps import HOSTILE

sys_path = str(ROOT / "benchmarks")
#: Names that must reach the page as text (each first actor of many events, so named in the legend).
PAYLOADS = (HOSTILE, "</script><script>window.pwned = 1</script>", "{{ 7 * 7 }} ${document.title}")


def _imported_and_mapped(kind: str, csv_path: Path) -> tuple[Path, Path]:
    """``csv_path`` imported with ``tracker import KIND`` and mapped offline: the table and the map."""
    table = csv_path.with_suffix(".parquet")
    result = CliRunner().invoke(main, ["import", kind, str(csv_path), "-o", str(table)])
    assert result.exit_code == 0, result.output
    output = csv_path.with_suffix(".html")
    result = CliRunner().invoke(main, ["map", str(table), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    return table, output


@pytest.fixture(scope="module")
def acled_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """20,000 ACLED-shaped events of 400 actor names, imported and mapped offline: the table and the map."""
    sys.path.insert(0, sys_path)
    from acled_like import write_many_actors

    folder = tmp_path_factory.mktemp("acled400")
    return _imported_and_mapped("acled", write_many_actors(folder / "acled.csv", 20_000, PAYLOADS))


def _ucdp_rows(count: int) -> list[dict[str, str]]:
    """UCDP GED-shaped rows in Syria (the columns of tests/data/interop/ucdp-ged-sample.csv): the dyads
    and sides as GED names them, events of one day and of several."""
    rng = np.random.default_rng(1946)
    dyads = [("Government of Syria", "Syrian insurgents"), ("Government of Syria", "IS"),
             ("Government of Syria, Government of Russia (Soviet Union)", "Syrian insurgents"),
             ("IS", "SDF"), ("Government of Syria", "HTS"), ("Government of Turkey", "SDF"),
             ("IS", "Civilians"), ("Government of Syria", "Civilians"), ("Jaysh al-Islam", "Faylaq al-Rahman")]
    places = [("Aleppo city", 36.2021, 37.1343), ("Tadmur town", 34.5624, 38.2840), ("Douma town", 33.5711, 36.4014),
              ("Deir ez-Zor city", 35.3359, 40.1408), ("Idlib city", 35.9306, 36.6339), ("Daraa city", 32.6189, 36.1021)]
    rows = []
    first = dt.date(2016, 1, 1)
    for number in range(count):
        side_a, side_b = dyads[int(rng.integers(len(dyads)))]
        place, lat, lon = places[int(rng.integers(len(places)))]
        start = first + dt.timedelta(days=int(rng.integers(731)))
        end = start + dt.timedelta(days=int(rng.choice([0, 0, 0, 1, 6, 30])))
        violence = "3" if side_b == "Civilians" else "1"
        rows.append({
            "id": str(300_000 + number), "relid": f"SYR-{start.year}-{violence}-{number}", "year": str(start.year),
            "active_year": "true", "code_status": "Clear", "type_of_violence": violence,
            "conflict_name": "Syria: Government" if side_a.startswith("Government of Syria") else f"{side_a} - {side_b}",
            "dyad_name": f"{side_a} - {side_b}", "side_a": side_a, "side_b": side_b, "number_of_sources": "2",
            "source_article": '"Agence France Presse,2016-01-02,Clashes near the city"', "where_prec": str(
                int(rng.integers(1, 5))), "where_coordinates": place, "where_description": f"near {place}",
            "adm_1": "Syria governorate", "adm_2": "district", "latitude": f"{lat + rng.normal(0, 0.15):.6f}",
            "longitude": f"{lon + rng.normal(0, 0.15):.6f}", "geom_wkt": f"POINT ({lon} {lat})", "country": "Syria",
            "country_id": "652", "region": "Middle East", "event_clarity": "1", "date_prec": "1",
            "date_start": f"{start} 00:00:00.000", "date_end": f"{end} 00:00:00.000", "deaths_a": "0",
            "deaths_b": "1", "deaths_civilians": "0", "deaths_unknown": "0", "best": "1", "high": "1", "low": "1",
        })
    return rows


@pytest.fixture(scope="module")
def ucdp_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """6,000 UCDP GED-shaped events in Syria, 2016-2017, imported and mapped offline."""
    folder = tmp_path_factory.mktemp("ucdp")
    header = (ROOT / "tests/data/interop/ucdp-ged-sample.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    csv_path = folder / "ged.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=header, restval="")
        writer.writeheader()
        writer.writerows(_ucdp_rows(6_000))
    return _imported_and_mapped("ucdp", csv_path)


MAPS = ["acled_map", "ucdp_map"]


@pytest.fixture(scope="module", params=MAPS)
def opened(request: pytest.FixtureRequest, browser):
    """A map at 1366×768 with the network blocked: the tab, the table, its errors and what it requested."""
    table, page = request.getfixturevalue(request.param)
    context, tab, errors, requested = offline_tab(browser, page)
    tab.wait_for_function("() => window.trackerCells && window.trackerCells.length > 0")
    tab.evaluate("() => new Promise(done => setTimeout(done, 300))")
    yield tab, table, errors, requested
    context.close()


def _grouping(table: Path):
    """The points of ``table`` and their actors grouped as the map groups them."""
    _, points, problems = read_points([table])
    assert problems == []
    known = {name for names in points.actors for name in names}
    return points, Actors.group(points.first_counts(), known)


def test_the_controls_cover_little_of_the_map(opened) -> None:
    tab, _, errors, requested = opened
    boxes = tab.evaluate(CONTROLS)
    whole = [0, 0, SCREEN["width"], SCREEN["height"]]
    covered = sum(_overlap(box, whole) for box in boxes)  # overlaps counted twice: an upper bound
    assert covered / (SCREEN["width"] * SCREEN["height"]) <= 0.15, covered
    assert errors == [] and requested == []


def test_the_layer_control_names_a_dozen_groups_at_most(opened) -> None:
    tab, table, errors, _ = opened
    _, actors = _grouping(table)
    labels = [text.strip() for text in tab.locator(".leaflet-control-layers-overlays label").all_inner_texts()]
    assert [name for name in labels if name in actors.names] == list(actors.names)  # by rank
    assert len(actors.names) <= TOP + 1 and len(labels) <= len(actors.names) + 3  # basemap, zones
    assert errors == []


def _whole(tab) -> None:
    """Set the time control to the whole period, as the page opens."""
    tab.evaluate("""() => { const from = document.getElementById('tracker-from'), to = document.getElementById(
        'tracker-until'); from.value = 0; from.dispatchEvent(new Event('input')); to.value = to.max;
        to.dispatchEvent(new Event('input')); }""")


def _window(tab, since: dt.date, until: dt.date) -> tuple[str, int, int]:
    """Set the time control to [since, until]: the total it shows and the sum of the counts of the
    cells shown, and how many are shown."""
    return tab.evaluate("""([since, until]) => {
        const from = document.getElementById('tracker-from'), to = document.getElementById('tracker-until');
        const first = Date.parse(document.getElementById('tracker-window').textContent.slice(0, 10) + 'T00:00:00Z');
        const day = text => Math.round((Date.parse(text + 'T00:00:00Z') - first) / 86400000);
        from.value = day(since); from.dispatchEvent(new Event('input'));
        to.value = day(until); to.dispatchEvent(new Event('input'));
        const shown = window.trackerCells.filter(t => t.group.hasLayer(t.layer));
        return [document.getElementById('tracker-window').textContent + ': ' +
                document.getElementById('tracker-total').textContent,
                shown.reduce((sum, t) => sum + t.shown, 0), shown.length];
    }""", [str(since), str(until)])


@pytest.mark.parametrize("month", [dt.date(2016, 1, 1), dt.date(2017, 1, 1), dt.date(2017, 6, 1)])
def test_the_time_window_counts_the_events_in_it(opened, month: dt.date) -> None:
    tab, table, errors, _ = opened
    points, actors = _grouping(table)
    if points.start.min() > month.toordinal() or points.end.max() < month.toordinal():
        pytest.skip(f"{table.name} has no events in {month:%B %Y}")
    _whole(tab)
    last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    inside = points.select(month, last)
    shown, cells, drawn = _window(tab, month, last)
    assert 0 < len(inside) < len(points)
    assert shown == f"{month} to {last}: {len(inside):,} events"  # each event once
    assert cells == actors.memberships(inside.first_counts())  # once in each group of its first actor
    assert drawn == sum(count > 0 for count in tab.evaluate("() => window.trackerCells.map(t => t.shown)"))
    assert errors == []


def test_every_legend_entry_is_drawn_and_distinct(opened) -> None:
    tab, table, errors, _ = opened
    _whole(tab)
    legend = tab.evaluate("""() => Array.from(document.querySelectorAll('.tracker-legend [data-legend]'))
        .map(e => [e.dataset.legend, getComputedStyle(e.querySelector('span')).borderTopColor,
                   getComputedStyle(e.querySelector('span')).borderTopStyle,
                   getComputedStyle(e.querySelector('span')).backgroundColor])""")
    drawn = tab.evaluate(DRAWN_KEYS)
    assert sorted(key for key, *_ in legend) == sorted(drawn)
    actors = [entry for entry in legend if entry[0].startswith("actor:")]
    assert len(actors) == len(_grouping(table)[1].names)
    assert len({tuple(entry[1:]) for entry in actors}) == len(actors)  # each its own swatch
    patterns = tab.evaluate("""() => window.trackerCells.map(t => [t.layer.options.legend[0], t.layer.options.color,
        t.layer.options.dashArray || null])""")
    style = {"solid": None, "dashed": "6 4", "dotted": "1 4"}
    for key, colour, dash in {tuple(p) for p in patterns}:  # each cell drawn as its legend entry shows
        assert key.split(":")[1] == colour and style[key.split(":")[2] if key.count(":") == 2 else "solid"] == dash
    assert errors == []


def test_actor_names_stay_text(opened) -> None:
    tab, table, errors, _ = opened
    _, actors = _grouping(table)
    legend = tab.inner_text(".tracker-legend")
    control = tab.evaluate("() => document.querySelector('.leaflet-control-layers-overlays').textContent")
    for name in actors.names:
        assert name in legend and name in control, name
    assert tab.evaluate("() => window.pwned === undefined && document.querySelectorAll('.tracker-legend img,"
                        " .leaflet-control-layers img').length === 0")
    assert errors == []


def test_a_cell_opens_to_its_events(opened) -> None:
    """A click on the busiest cell of a month zooms to it, where it is drawn as its events: each of
    that month, of that group, in that cell, where it happened; zoomed out, it is one dot again."""
    from tracker.maps.markup import inert
    from tracker.maps.style import CELL_DEGREES

    tab, table, errors, _ = opened
    points, actors = _grouping(table)
    _whole(tab)
    month = dt.date.fromordinal(int(np.median(points.start))).replace(day=1)
    last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    _window(tab, month, last)
    x, y, index = tab.evaluate("""() => {
        const cells = window.trackerCells, index = cells.reduce((best, t, i) => t.shown > cells[best].shown ? i : best, 0);
        const t = cells[index], map = t.map;
        map.setView(t.layer.getLatLng(), map.getZoom(), {animate: false});
        const p = map.latLngToContainerPoint(t.layer.getLatLng()), box = map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y, index]; }""")
    tab.mouse.move(x, y)  # its tooltip: how many of its events fall in the window
    # (of this cell, or of one of another group on the same spot: a coalition's events are in both)
    assert re.fullmatch(r"\d+ of \d+ events, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, in the window",
                        tab.locator(".leaflet-tooltip").inner_text())
    tab.mouse.click(x, y)
    tab.wait_for_function("(index) => window.trackerCells[index].events !== null", arg=index)
    cell = tab.evaluate("""(index) => { const t = window.trackerCells[index];
        return {zoom: t.map.getZoom(), name: t.name, shown: t.shown, dot: t.group.hasLayer(t.layer),
                lat: t.layer.getLatLng().lat, lon: t.layer.getLatLng().lng,
                events: t.events.getLayers().map(l => [l.getLatLng().lat, l.getLatLng().lng,
                                                       l.getTooltip().getContent()])}; }""", index)
    assert cell["zoom"] >= 11 and not cell["dot"] and len(cell["events"]) == cell["shown"] > 1
    group = [inert(name) for name in actors.names].index(cell["name"])
    inside = points.select(month, last)
    firsts = np.array([names[0] for names in inside.actors], dtype=object)[inside.actor]
    mine = np.array([group in actors.of[name] for name in firsts], dtype=bool)
    row, col = np.floor(inside.lat / CELL_DEGREES), np.floor(inside.lon / CELL_DEGREES)
    mine &= (row == np.floor(cell["lat"] / CELL_DEGREES)) & (col == np.floor(cell["lon"] / CELL_DEGREES))
    expected = sorted(zip(inside.lat[mine].round(3).tolist(), inside.lon[mine].round(3).tolist(), strict=True))
    drawn = sorted((round(lat, 3), round(lon, 3)) for lat, lon, _ in cell["events"])
    assert len(drawn) == len(expected)
    assert all(abs(a - b) <= 2e-4 for one, other in zip(drawn, expected, strict=True) for a, b in zip(one, other,
                                                                                                       strict=True))
    assert all(text.startswith("1 event, ") and text.endswith(cell["name"]) for *_, text in cell["events"])
    tab.evaluate("(index) => { window.trackerCells[index].map.setZoom(7, {animate: false}); }", index)
    assert tab.evaluate("(index) => { const t = window.trackerCells[index];"
                        " return t.events === null && t.group.hasLayer(t.layer); }", index)
    assert errors == []
