"""The scripts a map runs: aggregated dots per grid cell, and the time control.

Only numbers, dates and the names folium gives its elements reach these scripts, never record text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from .style import CELL_DEGREES

if TYPE_CHECKING:
    from ..records.model import Event


def aggregated_js(groups: dict[Any, tuple[str, list[list[float]]]], bounds: list[tuple[float, float]]) -> str:
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


def time_control_js(map_name: str, timed: list[tuple[Any, Any, Event]], cells: dict[str, list[list[float]]]) -> str:
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
