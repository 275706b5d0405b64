"""Gained, lost and net area of an actor between two dates, from an assessor's control layers.

The layer in force on a date is the latest on or before it. Areas are geodesic on WGS84
(:func:`tracker.geometry.geodesic_area`); the differences are shapely's, over arrays of layers at once.

>>> import datetime as dt
>>> from shapely.geometry import box
>>> from tracker.control.layers import Layer, Series
>>> series = Series("ISW", "Syrian Arab Army", (Layer(dt.date(2024, 1, 1), box(30, 30, 31, 31), "a"),
...                                               Layer(dt.date(2024, 2, 1), box(30, 30, 32, 31), "b")))
>>> result = gains_between(series, dt.date(2024, 1, 1), dt.date(2024, 2, 1))
>>> round(result.gained_m2 / 1e6, 1), result.lost_m2, round(result.net_m2 / 1e6, 1)
(10642.5, 0.0, 10642.5)
>>> consecutive_gains(series)[0].round(-6).tolist()  # gained per step, m²
[10642000000.0]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geo.geodesy import geodesic_area
from .layers import ControlError, Layer, Series

#: A layer more than this many days from the date asked is named as far from it.
FAR_DAYS = 7


@dataclass(frozen=True)
class Gains:
    """What ``actor`` gained and lost between ``since`` and ``until`` in ``assessor``'s layers: the
    layers used (``since_layer``, ``until_layer``), the areas in m², the gained and lost polygons, and
    ``notes`` saying where the layers are far from the dates asked."""

    assessor: str
    actor: str
    since: dt.date
    until: dt.date
    since_layer: Layer
    until_layer: Layer
    gained_m2: float
    lost_m2: float
    gained: BaseGeometry
    lost: BaseGeometry
    notes: tuple[str, ...]

    @property
    def net_m2(self) -> float:
        """Gained less lost, m² (negative for a net loss)."""
        return self.gained_m2 - self.lost_m2

    def to_dict(self) -> dict[str, object]:
        """The result as JSON-ready data, areas in km²."""
        return {
            "assessor": self.assessor, "actor": self.actor, "since": self.since.isoformat(),
            "until": self.until.isoformat(), "since_layer": self.since_layer.date.isoformat(),
            "until_layer": self.until_layer.date.isoformat(), "gained_km2": self.gained_m2 / 1e6,
            "lost_km2": self.lost_m2 / 1e6, "net_km2": self.net_m2 / 1e6, "notes": list(self.notes),
        }


def areas(geometries: np.ndarray) -> np.ndarray:
    """The geodesic area in m² of each geometry of an array.

    >>> from shapely.geometry import Point
    >>> areas(np.array([Point(0, 0), None], dtype=object)).tolist()
    [0.0, 0.0]
    """
    return np.array([0.0 if g is None else geodesic_area(g) for g in geometries], dtype=float)


def consecutive_gains(series: Series) -> tuple[np.ndarray, np.ndarray]:
    """The gained and lost area in m² between each layer and the next (arrays one shorter than the
    series), differences taken over the whole series at once."""
    geometries = np.array([layer.geometry for layer in series.layers], dtype=object)
    if len(geometries) < 2:
        return np.zeros(0), np.zeros(0)
    before, after = geometries[:-1], geometries[1:]
    return areas(shapely.difference(after, before)), areas(shapely.difference(before, after))


def _notes(series: Series, since: dt.date, until: dt.date, first: Layer, last: Layer) -> tuple[str, ...]:
    notes = []
    name = f"{series.assessor}'s layers for {series.actor}"
    if since < series.layers[0].date:
        notes.append(f"{since} is before the first of {name} ({first.date}, {(first.date - since).days} days "
                     f"later); what changed before {first.date} is not counted")
    elif (since - first.date).days > FAR_DAYS:
        notes.append(f"the layer in force on {since} is of {first.date}, {(since - first.date).days} days earlier")
    latest = series.layers[-1].date
    if until > latest:
        notes.append(f"{until} is after the last of {name} ({latest}, {(until - latest).days} days earlier); what "
                     f"changed after {latest} is not counted")
    elif (until - last.date).days > FAR_DAYS:
        notes.append(f"the layer in force on {until} is of {last.date}, {(until - last.date).days} days earlier")
    return tuple(notes)


def gains_between(series: Series, since: dt.date, until: dt.date) -> Gains:
    """What the series' actor gained and lost between the layers in force on ``since`` and on
    ``until`` (the first layer where ``since`` is before it), with a note wherever a layer is more
    than :data:`FAR_DAYS` from the date asked or the window runs past the series. ``ControlError``
    when ``until`` is before ``since`` or before the first layer."""
    if until < since:
        raise ControlError(f"--until {until} is before --since {since}; give the earlier date as --since")
    if not series.layers:
        raise ControlError(f"{series.assessor} has no layer for {series.actor}; import some with "
                           "`tracker control import`")
    start = series.in_force(since) or series.layers[0]
    end = series.in_force(until)
    if end is None:
        raise ControlError(f"{until} is before the first of {series.assessor}'s layers for {series.actor} "
                           f"({series.layers[0].date}); ask about a window that ends on or after it")
    gained = shapely.difference(end.geometry, start.geometry)
    lost = shapely.difference(start.geometry, end.geometry)
    return Gains(series.assessor, series.actor, since, until, start, end, geodesic_area(gained),
                 geodesic_area(lost), gained, lost, _notes(series, since, until, start, end))
