"""The scripts a map runs besides drawing its records (``static/records.js``): aggregated dots per
grid cell (``static/cells.js``), the time control (``static/time.js``) and the sorting of the
claims panel (``static/sort.js``).

Only numbers, dates, colours and the names folium gives its elements reach these scripts, never
record text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .assets import add_script, call
from .markup import Markup

if TYPE_CHECKING:
    from branca.element import Figure


def add_cells(page: Figure, groups: dict[Any, tuple[str, str | None, str, str, list[list[Any]]]], origin: int,
              days: list[list[int]], *, canvas: bool = False) -> None:
    """Dots for aggregated events: per layer of ``groups`` (layer -> its colour, line pattern, legend key,
    its name as inert markup and its cells as columns, see :meth:`~tracker.maps.points.Points.cells`,
    days counted from the ordinal ``origin``), one per grid cell, sized by the count of its events in the
    time window; they join ``window.trackerCells`` for the time control, which counts ``days`` (the
    first and last days of the events, as :meth:`~tracker.maps.points.Points.days` gives them) in its
    window. With ``canvas``, on the map's canvas. A click on a cell zooms to it; close in, each cell
    is drawn as its events."""
    if not groups:
        return
    entries = [[layer.get_name(), colour, pattern, key, columns, name]
               for layer, (colour, pattern, key, name, columns) in groups.items()]
    add_script(page, "cells.js")
    page.script.add_child(Markup(call("cells", entries, origin, days, canvas)))


def add_time_control(page: Figure, map_name: str, days: Sequence[int]) -> None:
    """A control with two sliders, from and until, that shows only what may have happened between;
    ``days`` are the first and last days (ordinals) of what the map draws."""
    if not days:
        return
    first, last = dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))
    add_script(page, "time.js")
    page.script.add_child(Markup(call("timeControl", map_name, str(first), (last - first).days)))


def add_sorting(page: Figure) -> None:
    """Sort the claims panel by the column whose heading is clicked."""
    add_script(page, "sort.js")
