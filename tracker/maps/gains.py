"""Assessed control on the comparison map: for each assessor whose control layers (see
:mod:`tracker.control`) reach the second date, the ground the actor gained and lost between the two
dates, drawn in the second pane, each in the legend, with a popup naming the assessor, the actor, the
dates of the layers used and the area in km².

Assessor and actor names come from imported files: they reach the page only through
:func:`~tracker.maps.markup.inert`, like record text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..control.gains import Gains, gains_between
from ..control.layers import Series, load_series
from .markup import inert
from .style import actor_colours

if TYPE_CHECKING:
    import folium

#: Fill of the ground an assessor says the actor gained, and of the ground it lost; the outline is
#: the assessor's colour. Neither is a verdict colour, so a gain is not read as a verdict.
GAINED_COLOUR = "#01665e"
LOST_COLOUR = "#bf812d"


@dataclass(frozen=True)
class Change:
    """The ground ``series``' actor gained or lost (``change``) in ``gains``, of ``area_m2``."""

    series: Series
    gains: Gains
    change: str  # "gained" or "lost"

    @property
    def area_m2(self) -> float:
        """The area gained or lost, m²."""
        return self.gains.gained_m2 if self.change == "gained" else self.gains.lost_m2

    @property
    def fill(self) -> str:
        """The fill colour of the change."""
        return GAINED_COLOUR if self.change == "gained" else LOST_COLOUR

    def name(self) -> str:
        """'ISW (B), Syrian Arab Army: gained', the name of its layer (plain text, not yet escaped)."""
        grade = f" ({self.series.reliability})" if self.series.reliability else ""
        return f"{self.series.assessor}{grade}, {self.series.actor}: {self.change}"

    def label(self) -> str:
        """'ISW (B), Syrian Arab Army: gained 10,642.5 km²', its entry in the legend (plain text)."""
        return f"{self.name()} {self.area_m2 / 1e6:,.1f} km²"


def assessed_changes(control: str | Path, first: dt.date, second: dt.date,
                     actor: str | None = None) -> list[Change]:
    """What each series in the folder ``control`` (only ``actor``'s, if given) gained and lost from
    ``first`` to ``second``: two changes per series that has a layer in force on ``second``."""
    changes = []
    for series in load_series(control, actor=actor):
        if series.in_force(second) is None:
            continue  # the series begins after the second date: it says nothing of the window
        gains = gains_between(series, first, second)
        changes += [Change(series, gains, "gained"), Change(series, gains, "lost")]
    return changes


def popup_html(change: Change) -> str:
    """The popup of a gained or lost area: assessor and grade, actor, the dates asked, the layers
    used, the area, and the notes on layers far from the dates."""
    gains, series = change.gains, change.series
    grade = f" (graded {inert(series.reliability)})" if series.reliability else ""
    notes = "".join(f"<li>{inert(note)}</li>" for note in gains.notes)
    return (
        f"<div class='tracker-popup tracker-gain'><h4>{inert(series.assessor)}{grade}: "
        f"{inert(series.actor)} {inert(change.change)}</h4>"
        f"<p>{inert(format(change.area_m2 / 1e6, ',.1f'))} km² {inert(change.change)} from {inert(gains.since)} to "
        f"{inert(gains.until)}, between the layers of {inert(gains.since_layer.date)} and "
        f"{inert(gains.until_layer.date)}; net {inert(format(gains.net_m2 / 1e6, '+,.1f'))} km²</p>"
        + (f"<ul>{notes}</ul>" if notes else "")
        + (f"<p>Source: {inert(series.source)}</p>" if series.source else "")
        + "</div>"
    )


def draw_gains(fmap: folium.Map, changes: list[Change]) -> tuple[list[tuple[float, float]], list[tuple[str, str, str]]]:
    """Draw each change that has any ground on ``fmap``, a layer each, filled by gained or lost and
    outlined in its assessor's colour. Returns the (lat, lon) corners of what was drawn and the legend
    entries: (label, fill, outline) per change, drawn or not."""
    import folium

    outlines = actor_colours(change.series.assessor for change in changes)
    bounds: list[tuple[float, float]] = []
    legend = []
    for change in changes:
        outline = outlines[change.series.assessor]
        legend.append((change.label(), change.fill, outline))
        geometry = change.gains.gained if change.change == "gained" else change.gains.lost
        if geometry.is_empty:
            continue
        layer = folium.FeatureGroup(name=inert(change.name()), show=True)
        style = {"color": outline, "weight": 2, "fillColor": change.fill, "fillOpacity": 0.5}
        drawn = folium.GeoJson(geometry.__geo_interface__, style_function=lambda _, style=style: style,
                               tooltip=folium.Tooltip(inert(change.label())))
        drawn.add_child(folium.Popup(folium.Html(popup_html(change), script=True), max_width=420))
        drawn.add_to(layer)
        layer.add_to(fmap)
        minx, miny, maxx, maxy = geometry.bounds
        bounds += [(miny, minx), (maxy, maxx)]
    return bounds, legend
