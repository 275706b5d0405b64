"""Maps that compare claimed territorial gains: ``tracker map``.

One HTML file (folium over Leaflet): a layer per actor with its events and the areas they claim, each
area coloured by the verdict on its area claim with a disc of the claimed size beside it, reference
zones, country borders that need no tiles, a legend and a layer control. Every string that comes
from a record is HTML-escaped before it reaches the page. ``offline=True`` inlines Leaflet from the
django-js-lib-leaflet package installed with the project and draws no tiles, so the file makes no
network request at all.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import importlib.util
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from branca.element import Element
from jinja2 import Template

from ..claims.check import ClaimResult, check_claims
from ..errors import MapError as MapError  # still importable from here
from ..errors import RecordError
from ..files.outputs import check_output, write_text
from ..geo import evidence
from ..geo import geodesy as geo
from ..records.model import Event
from ..records.point_claims import own_point

if TYPE_CHECKING:
    import folium
    from branca.element import Figure

    from gazetteer import Gazetteer

    from ..records.collection import EventCollection

#: Fill colours of claimed areas by the verdict on their area claim.
VERDICT_COLOURS = {
    "consistent": "#1a9850",
    "overstated": "#d73027",
    "understated": "#4575b4",
    "impossible": "#000000",
    "undetermined": "#fee08b",
    "unverifiable": "#878787",
}
#: Outline colours of event dots by ACLED event type (the fill is the actor's colour).
TYPE_COLOURS = {
    "Battles": "#000000",
    "Explosions/Remote violence": "#e41a1c",
    "Violence against civilians": "#984ea3",
    "Protests": "#4daf4a",
    "Riots": "#ff7f00",
    "Strategic developments": "#377eb8",
}
#: Actor colours, picked by a hash of the name so that an actor keeps its colour from run to run.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
#: Radius of the uncertainty disc drawn for an event of ACLED geo-precision 2 (near a place) and 3
#: (only the region is known).
UNCERTAINTY_M = {**evidence.UNCERTAINTY_M, 3: 50_000.0}
#: Past this many events, events that are only a point (no area, no claim) are aggregated: one dot
#: per actor and grid cell of :data:`CELL_DEGREES`, sized by its count, so that the file stays small
#: and the page responsive with hundreds of thousands of events.
AGGREGATE_ABOVE = 2_000
CELL_DEGREES = 0.1


def actor_colours(names: Iterable[str]) -> dict[str, str]:
    """A colour for each actor: the palette slot its name hashes to, or the next free one, taking
    the names in alphabetical order, so the same actors get the same colours in every run and no two
    share one while the palette lasts.

    >>> colours = actor_colours(["Islamic State", "Syrian Arab Army", "US-led coalition"])
    >>> len(set(colours.values())), colours == actor_colours(["US-led coalition", "Islamic State", "Syrian Arab Army"])
    (3, True)
    """
    colours: dict[str, str] = {}
    for name in sorted(set(names), key=str.casefold):
        slot = hashlib.sha1(name.casefold().encode()).digest()[0] % len(PALETTE)
        for step in range(len(PALETTE)):
            colour = PALETTE[(slot + step) % len(PALETTE)]
            if colour not in colours.values():
                break
        colours[name] = colour
    return colours


def _e(text: Any) -> str:
    r"""Text made inert for every language it meets on the way to the browser: HTML-escaped; the
    backtick, dollar and backslash that could end, interpolate or escape the JavaScript template
    literals folium puts popups and tooltips in, as entities; and the braces of Jinja, the template
    language folium renders pages with, as entities too, so no ``{{``, ``{%`` or ``{#`` survives.
    The result is only ever markup, shown by the browser as the text it was.

    >>> _e("<img src=x onerror=alert(1)> `${alert(2)}`")
    '&lt;img src=x onerror=alert(1)&gt; &#96;&#36;&#123;alert(2)&#125;&#96;'
    >>> _e("{{ lipsum }} C:\\users")
    '&#123;&#123; lipsum &#125;&#125; C:&#92;users'
    """
    return html.escape(str(text), quote=True).translate(_INERT)


#: What :func:`_e` turns into entities after HTML escaping.
_INERT = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})


class _Markup(Element):
    """Markup or script that reaches the page as it is, as a template *variable*, never as template
    source: folium's ``Element(text)`` compiles ``text`` as a Jinja template, which would run any
    ``{{ ... }}`` in it."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup


def select(events: Iterable[Event], since: dt.date | None = None, until: dt.date | None = None,
           actor: str | None = None) -> list[Event]:
    """The events that may fall in [since, until] and, if ``actor`` is given, that involve it."""
    wanted = actor.casefold() if actor else None
    return [
        e for e in events
        if (since is None or e.end >= since) and (until is None or e.start <= until)
        and (wanted is None or any(a.name.casefold() == wanted for a in e.actors))
    ]


def render_map(events: EventCollection, *, offline: bool = False, since: dt.date | None = None,
               until: dt.date | None = None, actor: str | None = None,
               gazetteer: Gazetteer | None = None) -> folium.Map:
    """A folium map of ``events`` (filtered by date window and actor), their areas and verdicts.

    ``RecordError`` with the problems :func:`~tracker.claims.check.check_claims` reports (an unknown place,
    an area that cannot be drawn) rather than a map that leaves those records out."""
    import folium

    from ..records.collection import EventCollection

    selected = select(events, since, until, actor)
    chosen = EventCollection(selected, [events.origin(e.id) for e in selected])
    if not len(chosen):
        raise MapError("no event falls in that window for that actor; widen --since/--until or drop --actor")
    report = check_claims(events, gazetteer)  # verdicts use every record (areas of other events count)
    if report.problems:  # a record that cannot be drawn is not left out unsaid
        raise RecordError(report.problems)
    fmap = folium.Map(tiles=None if offline else "OpenStreetMap", control_scale=True, prefer_canvas=False)
    if offline:
        _inline_assets(fmap)
    colours = actor_colours(event.actors[0].name for event in chosen)
    _draw(fmap, chosen, report, colours, controls=True)
    return fmap


def render_comparison(events: EventCollection, first: dt.date, second: dt.date, *, offline: bool = False,
                      actor: str | None = None, gazetteer: Gazetteer | None = None) -> Figure:
    """Two synchronised maps side by side: what each actor had claimed by ``first`` and by ``second``."""
    import folium
    from branca.element import Figure

    from ..records.collection import EventCollection

    if first > second:
        raise MapError(f"--compare {first} {second}: the first date is after the second; give the earlier date "
                       f"first: --compare {second} {first}")
    report = check_claims(events, gazetteer)
    if report.problems:
        raise RecordError(report.problems)
    figure = Figure()
    panes = []
    everyone = select(events, None, max(first, second), actor)
    if not everyone:
        raise MapError("no event falls before those dates for that actor; choose later dates or drop --actor")
    colours = actor_colours(event.actors[0].name for event in everyone)
    drawn: list[tuple[float, float]] = []
    for side, day in (("0%", first), ("50%", second)):
        chosen = select(events, None, day, actor)
        fmap = folium.Map(tiles=None if offline else "OpenStreetMap", control_scale=True, width="50%",
                          left=side, position="absolute")
        fmap.add_to(figure)
        if offline:
            fmap.default_js, fmap.default_css = [], []
        drawn += _draw(fmap, EventCollection(chosen, [events.origin(e.id) for e in chosen]), report, colours,
                       controls=False)
        title = _Markup(
            f"<div class='tracker-pane'>claimed by {_e(day)} ({len(chosen)} record{'s' * (len(chosen) != 1)})</div>")
        _root(fmap).html.add_child(title)
        panes.append(fmap)
    for pane in panes:  # both open on everything either shows
        _fit(pane, drawn)
    figure.html.add_child(_Markup(_legend_html(colours)))
    if offline:
        _inline_assets(panes[0])
    a, b = panes[0].get_name(), panes[1].get_name()
    figure.html.add_child(_Markup(
        "<style>.tracker-pane{position:absolute;top:8px;left:50%;transform:translateX(-50%);z-index:1000;"
        "background:#fff;padding:3px 8px;font:13px sans-serif;border:1px solid #999}</style>"
    ))
    figure.script.add_child(_Markup(
        "document.addEventListener('DOMContentLoaded', function () {\n"
        f"  var maps = [{a}, {b}], busy = false;\n"
        "  maps.forEach(function (source, i) { var target = maps[1 - i];\n"
        "    source.on('move', function () { if (busy) { return; } busy = true;\n"
        "      target.setView(source.getCenter(), source.getZoom(), {animate: false}); busy = false; }); });\n"
        "  document.querySelectorAll('.tracker-pane').forEach(function (pane, i) {\n"
        "    maps[i].getContainer().appendChild(pane); });\n"
        "});\n"
    ))
    return figure


def _draw(fmap: folium.Map, chosen: EventCollection, report: Any, colours: dict[str, str], *,
          controls: bool) -> list[tuple[float, float]]:
    """Draw ``chosen`` on ``fmap``; with ``controls``, also the time control and the claims panel, and
    fit the view to what was drawn. Returns the (lat, lon) corners of what was drawn."""
    import folium

    by_claim = {(r.event, r.index): r for r in report.results}
    _borders(fmap)
    zones = folium.FeatureGroup(name="Reference zones", show=True)
    layers: dict[str, folium.FeatureGroup] = {}
    bounds: list[tuple[float, float]] = []
    timed: list[tuple[Any, Any, Event]] = []  # (drawn element, its layer, its event), for the time control
    compared: list[tuple[Event, ClaimResult]] = []  # area claims, for the comparison panel
    aggregate = len(chosen) > AGGREGATE_ABOVE
    cells: dict[str, list[list[float]]] = {}  # actor -> [lat, lon, start day, end day] of its plain events
    for event in chosen:
        primary = event.actors[0].name
        if aggregate and event.area is None and not event.claims:
            point = own_point(event)
            if point is None:
                known = report.shape(event.id)
                point = known.point if known is not None else None
            if point is not None:
                cells.setdefault(primary, []).append(
                    [point[0], point[1], event.start.toordinal(), event.end.toordinal()])
                if primary not in layers:
                    layers[primary] = folium.FeatureGroup(name=f"{_e(primary)}", show=True)
                continue
        shape = report.shape(event.id)
        if shape is None:
            continue
        layer = layers.get(primary)
        if layer is None:
            layer = layers[primary] = folium.FeatureGroup(name=f"{_e(primary)}", show=True)
        results = [by_claim[event.id, i] for i in range(len(event.claims)) if (event.id, i) in by_claim]
        compared += [(event, r) for r in results if r.kind in ("area", "total_area")]
        popup = _popup(event, results)
        colour = colours[primary]
        if shape.area is not None:
            area_results = [r for r in results if r.kind in ("area", "total_area")]
            verdict = area_results[0].verdict if area_results else None
            reference = verdict is None and not event.claims  # an area no claim is about: a zone
            style = (
                {"color": "#444444", "weight": 2, "dashArray": "2 6", "fillColor": "#ffffff", "fillOpacity": 0.15}
                if reference else
                {"color": colour, "weight": 2, "fillColor": VERDICT_COLOURS.get(verdict or "unverifiable"),
                 "fillOpacity": 0.45}
            )
            drawn = folium.GeoJson(
                shape.area.__geo_interface__,
                style_function=lambda _, style=style: style,
                tooltip=folium.Tooltip(_e(event.title)),
            )
            drawn.add_child(popup)
            drawn.add_to(zones if reference else layer)
            if not reference:
                timed.append((drawn, layer, event))
            minx, miny, maxx, maxy = shape.area.bounds
            bounds += [(miny, minx), (maxy, maxx)]
            for result in area_results:
                if isinstance(result.claimed, int | float) and result.claimed > 0:
                    timed.append((_claimed_disc(shape.area, event, result).add_to(layer), layer, event))
        if shape.point is not None:
            lat, lon = shape.point
            radius = UNCERTAINTY_M.get(event.precision or 1)
            if radius:
                disc = folium.Circle((lat, lon), radius=radius, color=colour, weight=1, fill=True, fill_opacity=0.03,
                                     dash_array="4 4").add_to(layer)
                timed.append((disc, layer, event))
            dot = folium.CircleMarker((lat, lon), radius=6, color=TYPE_COLOURS.get(event.type, colour), weight=2.5,
                                      fill=True, fill_color=colour,
                                      fill_opacity=0.9, tooltip=folium.Tooltip(_e(event.title)),
                                      popup=_popup(event, results)).add_to(layer)
            timed.append((dot, layer, event))
            bounds.append((lat, lon))
    zones.add_to(fmap)
    for layer in layers.values():
        layer.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    root = _root(fmap)
    aggregated = _aggregated_js({layers[name]: (colours[name], rows) for name, rows in cells.items()}, bounds)
    root.script.add_child(_Markup(aggregated))
    if controls:
        root.html.add_child(_Markup(_legend_html({name: colours[name] for name in layers})))
        root.html.add_child(_Markup(_panel_html(compared)))
        root.script.add_child(_Markup(_time_control_js(fmap.get_name(), timed, cells)))
    if bounds and controls:
        _fit(fmap, bounds)
    return bounds


#: The least height and width of the box a map opens on, in degrees (about ten kilometres): a box of
#: none (every event on one point) has no zoom that fits it, and Leaflet would compute NaN.
MIN_VIEW_DEGREES = 0.1


def _fit(fmap: folium.Map, bounds: list[tuple[float, float]]) -> None:
    edges = [(min(axis), max(axis)) for axis in zip(*bounds, strict=True)]
    (south, north, lat_pad), (west, east, lon_pad) = [(low, high, max(0.0, MIN_VIEW_DEGREES - (high - low)) / 2)
                                                      for low, high in edges]
    fmap.fit_bounds([(south - lat_pad, west - lon_pad), (north + lat_pad, east + lon_pad)])


def _root(fmap: folium.Map) -> Figure:
    """The page the map is drawn in."""
    return cast("Figure", fmap.get_root())


def _claimed_disc(area: Any, event: Event, result: ClaimResult) -> folium.GeoJson:
    """A geodesic disc with the claimed area, centred on the drawn area, dashed: claimed vs drawn."""
    import folium

    claim = event.claims[result.index]
    quantity = getattr(claim, "area", None) or getattr(claim, "total_area", None)
    square_metres = quantity.value * quantity.si_factor  # type: ignore[union-attr]
    centre = area.centroid
    disc = geo.geodesic_circle(centre.y, centre.x, math.sqrt(square_metres / math.pi))
    label = f"claimed: {_e(claim_text(result))} ({_e(result.verdict)})"
    return folium.GeoJson(
        disc.__geo_interface__,
        style_function=lambda _: {"color": "#333333", "weight": 2, "dashArray": "6 6", "fillOpacity": 0.0},
        tooltip=folium.Tooltip(label),
    )


def claim_text(result: ClaimResult) -> str:
    """'1,400 km²' for a numeric claim, the claim itself otherwise."""
    if isinstance(result.claimed, int | float) and not isinstance(result.claimed, bool):
        return f"{result.claimed:,g} {result.unit or ''}".strip()
    return str(result.claimed)


def _popup(event: Event, results: list[ClaimResult]) -> folium.Popup:
    """A popup whose HTML, built from escaped text only, is shown as HTML."""
    import folium

    return folium.Popup(folium.Html(_popup_html(event, results), script=True), max_width=420)


def _popup_html(event: Event, results: list[ClaimResult]) -> str:
    date = str(event.start) if event.start == event.end else f"{event.start} to {event.end}"
    sources = "".join(
        f"<li>{_e(s.publisher or s.title or s.url)}"
        + (f" (graded {_e(s.reliability or '?')}{_e(s.credibility or '?')})" if s.reliability or s.credibility else "")
        + "</li>"
        for s in event.sources
    )
    claims = "".join(
        f"<tr><td>{_e(r.kind)}</td><td>{_e(claim_text(r))}</td>"
        f"<td>{_e('-' if r.measured is None else format(r.measured, ',.4g'))} {_e(r.unit or '')}</td>"
        f"<td><b>{_e(r.verdict)}</b></td></tr>"
        f"<tr class='tracker-why'><td colspan='4' style='font-size:11px;color:#444;padding-bottom:4px'>"
        f"{_e(r.explanation)}</td></tr>"
        for r in results
    )
    basis = ""
    if event.area is not None:
        word = event.area.source_basis
        basis = f"<p class='tracker-basis'>Area: {_e(word)} ({_e(evidence.BASIS_MEANING[word])})</p>"
    return (
        f"<div class='tracker-popup'><h4>{_e(event.title)}</h4>"
        f"<p>{_e(date)} &middot; {_e(event.type)}<br>{_e(', '.join(a.name for a in event.actors))}</p>"
        + basis
        + (f"<table><tr><th>claim</th><th>claimed</th><th>measured</th><th>verdict</th></tr>{claims}</table>"
           if claims else "")
        + (f"<p>Sources:</p><ul>{sources}</ul>" if sources else "")
        + "</div>"
    )


def _aggregated_js(groups: dict[Any, tuple[str, list[list[float]]]], bounds: list[tuple[float, float]]) -> str:
    """Dots for aggregated events: per layer, one per grid cell, sized by its count, its position the
    mean of its events rounded to about a metre; they join ``window.trackerCells`` for the time control.
    Only numbers reach the page: counts, dates and coordinates."""
    if not groups:
        return ""
    import numpy as np

    layers = []
    for layer, (colour, rows) in groups.items():
        data = np.asarray(rows, dtype=float)
        keys = np.floor(data[:, :2] / CELL_DEGREES).astype(np.int64)
        _, cell, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
        cell = cell.ravel()
        lat = np.round(np.bincount(cell, data[:, 0]) / counts, 5)
        lon = np.round(np.bincount(cell, data[:, 1]) / counts, 5)
        first = np.full(len(counts), np.inf)
        last = np.full(len(counts), -np.inf)
        np.minimum.at(first, cell, data[:, 2])
        np.maximum.at(last, cell, data[:, 3])
        bounds += [(float(lat.min()), float(lon.min())), (float(lat.max()), float(lon.max()))]
        columns = [lat.tolist(), lon.tolist(), counts.tolist(), first.astype(int).tolist(), last.astype(int).tolist()]
        layers.append(f"[{layer.get_name()}, {json.dumps(colour)}, {json.dumps(columns, separators=(',', ':'))}]")
    return (
        "document.addEventListener('DOMContentLoaded', function () {\n"
        "  window.trackerCells = window.trackerCells || [];\n"
        "  var iso = function (ordinal) {  // a Python date ordinal: day 719163 is 1970-01-01\n"
        "    return new Date((ordinal - 719163) * 86400000).toISOString().slice(0, 10); };\n"
        f"  [{', '.join(layers)}].forEach(function (entry) {{\n"
        "    var group = entry[0], colour = entry[1], c = entry[2];\n"
        "    for (var i = 0; i < c[0].length; i++) {\n"
        "      var dot = L.circleMarker([c[0][i], c[1][i]], {radius: 3 + 2 * Math.log2(c[2][i]), color: colour,\n"
        "        weight: 1, fillColor: colour, fillOpacity: 0.6});\n"
        "      dot.bindTooltip(c[2][i] + ' event' + (c[2][i] === 1 ? '' : 's') + ', ' + iso(c[3][i]) + ' to ' +\n"
        "        iso(c[4][i]));\n"
        "      group.addLayer(dot);\n"
        "      window.trackerCells.push({layer: dot, group: group, start: iso(c[3][i]), end: iso(c[4][i])});\n"
        "    }\n"
        "  });\n"
        "});\n"
    )


def _time_control_js(map_name: str, timed: list[tuple[Any, Any, Event]], cells: dict[str, list[list[float]]]) -> str:
    """A control with two sliders, from and until, that shows only what may have happened between."""
    dates = [day for _, _, event in timed for day in (event.start, event.end)]
    ordinals = [day for rows in cells.values() for row in rows for day in row[2:4]]
    if ordinals:
        dates += [dt.date.fromordinal(int(min(ordinals))), dt.date.fromordinal(int(max(ordinals)))]
    if not dates:
        return ""
    entries = [
        {"layer": element.get_name(), "group": group.get_name(), "start": str(event.start), "end": str(event.end)}
        for element, group, event in timed
    ]
    first, last = min(dates), max(dates)
    days = (last - first).days
    return (
        "document.addEventListener('DOMContentLoaded', function () {\n"
        f"  var timed = {json.dumps(entries)};\n"
        f"  var first = new Date('{first}T00:00:00Z'), days = {days};\n"
        "  var day = function (n) { return new Date(first.getTime() + n * 86400000).toISOString().slice(0, 10); };\n"
        "  var control = L.control({position: 'topleft'});\n"
        "  control.onAdd = function () {\n"
        "    var box = L.DomUtil.create('div', 'tracker-time leaflet-bar');\n"
        "    box.innerHTML = '<label>from <input id=\"tracker-from\" type=\"range\" min=\"0\" max=\"' + days +\n"
        "      '\" value=\"0\"></label><label>until <input id=\"tracker-until\" type=\"range\" min=\"0\" max=\"' +\n"
        "      days + '\" value=\"' + days + '\"></label><div id=\"tracker-window\"></div>';\n"
        "    L.DomEvent.disableClickPropagation(box);\n"
        "    return box;\n"
        "  };\n"
        f"  control.addTo({map_name});\n"
        "  var from = document.getElementById('tracker-from'), until = document.getElementById('tracker-until');\n"
        "  var update = function () {\n"
        "    var a = day(Math.min(+from.value, +until.value)), b = day(Math.max(+from.value, +until.value));\n"
        "    document.getElementById('tracker-window').textContent = a + ' to ' + b;\n"
        "    var toggle = function (layer, group, start, end) { var show = end >= a && start <= b;\n"
        "      if (show && !group.hasLayer(layer)) { group.addLayer(layer); }\n"
        "      if (!show && group.hasLayer(layer)) { group.removeLayer(layer); } };\n"
        "    timed.forEach(function (t) { toggle(window[t.layer], window[t.group], t.start, t.end); });\n"
        "    (window.trackerCells || []).forEach(function (t) { toggle(t.layer, t.group, t.start, t.end); });\n"
        "  };\n"
        "  from.addEventListener('input', update); until.addEventListener('input', update); update();\n"
        "});\n"
    )


def _panel_html(compared: list[tuple[Event, ClaimResult]]) -> str:
    """A table of the area claims, sortable by clicking a column's heading."""
    if not compared:
        return ""
    rows = "".join(
        f"<tr><td>{_e(event.title)}</td>"
        f"<td data-value='{_e(result.claimed)}'>{_e(claim_text(result))}</td>"
        f"<td data-value='{result.measured if result.measured is not None else ''}'>"
        f"{_e('-' if result.measured is None else format(result.measured, ',.0f'))}</td>"
        f"<td data-value='{result.ratio if result.ratio is not None else ''}'>"
        f"{_e('-' if result.ratio is None else format(result.ratio, '.2f') + '×')}</td>"
        f"<td>{_e(result.verdict)}</td><td class='tracker-why'>{_e(result.explanation)}</td></tr>"
        for event, result in compared
    )
    return (
        "<style>.tracker-panel{position:fixed;bottom:60px;left:10px;z-index:1000;background:#fff;"
        "border:1px solid #999;font:12px sans-serif;max-width:46vw;max-height:30vh;overflow:auto}"
        ".tracker-panel th{cursor:pointer;text-align:left;background:#eee}.tracker-panel td,.tracker-panel th"
        "{padding:2px 6px}.tracker-panel td.tracker-why{min-width:24em;white-space:normal}"
        ".tracker-time{background:#fff;padding:4px 8px;font:12px sans-serif}"
        ".tracker-time label{display:block}</style>"
        "<div class='tracker-panel'><table id='tracker-claims'><thead><tr><th>area claim</th><th>claimed</th>"
        f"<th>measured</th><th>claimed / measured</th><th>verdict</th><th>why</th></tr></thead><tbody>{rows}</tbody>"
        "</table></div>"
        "<script>document.querySelectorAll('#tracker-claims th').forEach(function (th, column) {"
        " th.addEventListener('click', function () {"
        "  var body = th.closest('table').tBodies[0], rows = Array.from(body.rows);"
        "  var up = th.dataset.order !== 'up'; th.dataset.order = up ? 'up' : 'down';"
        "  var key = function (row) { var cell = row.cells[column];"  # a cell with nothing measured: null
        "   if (cell.dataset.value === undefined) { return cell.textContent; }"
        "   return cell.dataset.value === '' ? null : +cell.dataset.value; };"
        "  rows.sort(function (a, b) { var x = key(a), y = key(b);"  # rows with nothing measured go last
        "   if (x === null || y === null) { return (x === null) - (y === null); }"
        "   return (x > y ? 1 : x < y ? -1 : 0) * (up ? 1 : -1); });"
        "  rows.forEach(function (row) { body.appendChild(row); });"
        " }); });</script>"
    )


def _legend_html(colours: dict[str, str]) -> str:
    actors = "".join(
        f"<div><span style='background:{colour}'></span>{_e(name)}</div>" for name, colour in colours.items()
    )
    verdicts = "".join(
        f"<div><span style='background:{colour}'></span>{_e(verdict)} area claim</div>"
        for verdict, colour in VERDICT_COLOURS.items()
    )
    types = "".join(
        f"<div><span style='border:2px solid {colour};border-radius:50%;width:8px;height:8px'></span>"
        f"{_e(event_type)}</div>"
        for event_type, colour in TYPE_COLOURS.items()
    )
    return (
        "<style>.tracker-legend{position:fixed;bottom:28px;right:12px;z-index:1000;background:#fff;"
        "padding:8px 10px;border:1px solid #999;font:12px sans-serif;max-height:45vh;overflow:auto}"
        ".tracker-legend span{display:inline-block;width:12px;height:12px;margin-right:6px;"
        "vertical-align:middle}</style>"
        f"<div class='tracker-legend'><b>Actors</b> (fill){actors}<b>Event types</b> (outline){types}"
        f"<b>Areas</b>{verdicts}"
        "<div><span style='border:2px dashed #333;width:9px;height:9px'></span>disc of the claimed size</div>"
        "<div><span style='border:2px dotted #444;width:9px;height:9px'></span>reference zone</div>"
        "</div>"
    )


def _borders(fmap: folium.Map) -> None:
    import folium

    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": polygon.__geo_interface__}
        for name, polygon in geo.countries().values()
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Country borders",
        style_function=lambda _: {"color": "#555555", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 0.6},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
    ).add_to(fmap)


def _package_static() -> Path:
    spec = importlib.util.find_spec("js_lib_leaflet")
    if spec is None or not spec.submodule_search_locations:
        raise MapError("--offline needs the package django-js-lib-leaflet, which ships Leaflet: "
                       "pip install django-js-lib-leaflet (it is installed with conflict-tracker)")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "js_lib_leaflet"


def _inline_assets(fmap: folium.Map) -> None:
    """Replace folium's CDN links by Leaflet's own JavaScript and CSS, inlined."""

    static = _package_static()
    css = (static / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        image = (static / match[1]).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode()})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    script = (static / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    fmap.default_js = []
    fmap.default_css = []
    header = _root(fmap).header
    header.add_child(_Markup(f"<style>{css}</style>"), name="leaflet_css_inline")
    header.add_child(_Markup(f"<script>{script}</script>"), name="leaflet_js_inline")
    # folium turns popup markup into an element with jQuery's $(markup)[0], its only use of jQuery;
    # offline pages carry no jQuery, so this does that one thing
    header.add_child(_Markup(
        "<script>window.$ = window.$ || function (markup) {"
        " var t = document.createElement('template'); t.innerHTML = markup.trim();"
        " return [t.content.firstElementChild]; };</script>"
    ), name="popup_markup")


def write_map(fmap: folium.Map | Figure, path: str | Path, *, force: bool = False,
              inputs: Iterable[str | Path] = ()) -> Path:
    """Write the map's HTML to ``path`` by the output policy of :mod:`tracker.files.outputs`: an existing file
    is replaced only with ``force``, an input (of ``inputs``) never; written to a temporary, then
    renamed."""
    check_output(path, force=force, inputs=inputs)  # before the work of rendering
    return write_text(path, fmap.get_root().render(), force=force, inputs=inputs)


def requests_in(html_text: str) -> list[str]:
    """The addresses an HTML page would fetch: script and link sources, images, CSS ``url(...)``."""
    found = re.findall(r"""<(?:script|link|img)[^>]+(?:src|href)=["']([^"']+)["']""", html_text)
    found += [u for u in re.findall(r"url\(([^)]+)\)", html_text) if not u.startswith(("data:", "#"))]
    found += [u for u in re.findall(r"""['"](https?://[^'"]*\{[sxyz]\}[^'"]*)['"]""", html_text)]
    return [u.strip("'\"") for u in found]

