"""The scripts a map runs: aggregated dots per grid cell (``static/cells.js``), the time control
(``static/time.js``) and the sorting of the claims panel (``static/sort.js``).

Only numbers, dates, colours and the names folium gives its elements reach these scripts, never
record text.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .assets import add_script, call
from .markup import Markup
from .style import CELL_DEGREES

if TYPE_CHECKING:
    from branca.element import Figure

    from ..records.model import Event


def _cell_columns(rows: list[list[float]], bounds: list[tuple[float, float]]) -> list[list[Any]]:
    """The grid cells of ``rows`` ([lat, lon, first day, last day] per event) as columns: the mean
    position of each cell's events rounded to about a metre, its count, its first and last day.
    Widens ``bounds`` to the cells."""
    import numpy as np

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
    return [lat.tolist(), lon.tolist(), counts.tolist(), first.astype(int).tolist(), last.astype(int).tolist()]


def add_cells(page: Figure, groups: dict[Any, tuple[str, list[list[float]]]],
              bounds: list[tuple[float, float]]) -> None:
    """Dots for aggregated events: per layer of ``groups`` (layer -> its colour and its events'
    rows), one per grid cell, sized by its count; they join ``window.trackerCells`` for the time
    control. Widens ``bounds`` to the cells."""
    if not groups:
        return
    entries = [[layer.get_name(), colour, _cell_columns(rows, bounds)] for layer, (colour, rows) in groups.items()]
    add_script(page, "cells.js")
    page.script.add_child(Markup(call("cells", entries)))


def add_time_control(page: Figure, map_name: str, timed: list[tuple[Any, Any, Event]],
                     cells: dict[str, list[list[float]]]) -> None:
    """A control with two sliders, from and until, that shows only what may have happened between."""
    dates = [day for _, _, event in timed for day in (event.start, event.end)]
    ordinals = [day for rows in cells.values() for row in rows for day in row[2:4]]
    if ordinals:
        dates += [dt.date.fromordinal(int(min(ordinals))), dt.date.fromordinal(int(max(ordinals)))]
    if not dates:
        return
    entries = [
        {"layer": element.get_name(), "group": group.get_name(), "start": str(event.start), "end": str(event.end)}
        for element, group, event in timed
    ]
    first, last = min(dates), max(dates)
    add_script(page, "time.js")
    page.script.add_child(Markup(call("timeControl", map_name, entries, str(first), (last - first).days)))


def add_sorting(page: Figure) -> None:
    """Sort the claims panel by the column whose heading is clicked."""
    add_script(page, "sort.js")
