"""Control layers: a dated series of polygons that one assessor says one actor holds.

A series is stored as one GeoParquet file per assessor and actor in a ``control/`` folder beside
``events/``, one row per date, dates sorted. :func:`import_layers` reads GeoJSON, GeoPackage or
GeoParquet (what QGIS and the trackers export) and writes the series all or nothing.

>>> import datetime as dt
>>> from shapely.geometry import box
>>> series = Series("ISW", "Syrian Arab Army", (Layer(dt.date(2024, 1, 1), box(30, 30, 31, 31), "a.geojson"),
...                                               Layer(dt.date(2024, 2, 1), box(30, 30, 32, 31), "b.geojson")))
>>> series.in_force(dt.date(2024, 1, 20)).date
datetime.date(2024, 1, 1)
>>> series.in_force(dt.date(2023, 12, 31)) is None
True
>>> series_file("control", "ISW", "Syrian Arab Army").name
'isw--syrian-arab-army.parquet'
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..errors import TrackerError
from ..files.batches import folder_lock, write_batch
from ..geo.geodesy import repaired

#: The formats a control layer is read from, by file suffix.
READABLE = (".geojson", ".json", ".gpkg", ".parquet", ".geoparquet")
#: Admiralty codes of a source's reliability.
RELIABILITY = "ABCDEF"


class ControlError(TrackerError, ValueError):
    """A control layer cannot be read or stored; the message names the file, the value and the fix."""


@dataclass(frozen=True)
class Layer:
    """The ground held on ``date`` by the series' actor, as one (Multi)Polygon in lon/lat WGS84;
    ``where`` names the file (and feature) it came from."""

    date: dt.date
    geometry: BaseGeometry
    where: str


@dataclass(frozen=True)
class Series:
    """The layers of one assessor for one actor, sorted by date, each date once. ``source`` and
    ``reliability`` (an Admiralty letter A..F) grade the assessor."""

    assessor: str
    actor: str
    layers: tuple[Layer, ...]
    source: str | None = None
    reliability: str | None = None
    dates: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        dates = tuple(layer.date for layer in self.layers)
        if list(dates) != sorted(set(dates)):
            raise ControlError(f"the layers of {self.assessor} for {self.actor} are not in date order, each date "
                               "once; import them with `tracker control import`")
        if self.reliability is not None and (len(self.reliability) != 1 or self.reliability not in RELIABILITY):
            raise ControlError(f"reliability {self.reliability!r} of {self.assessor} is not an Admiralty letter A..F")
        object.__setattr__(self, "dates", dates)

    def in_force(self, day: dt.date) -> Layer | None:
        """The latest layer on or before ``day``, or ``None`` when ``day`` is before the first."""
        index = bisect.bisect_right(self.dates, day)
        return self.layers[index - 1] if index else None


def slug(text: str) -> str:
    """``text`` in lower-case letters, digits and hyphens, for a file name.

    >>> slug("DeepState (UA)")
    'deepstate-ua'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def series_file(folder: str | Path, assessor: str, actor: str) -> Path:
    """Where the series of ``assessor`` for ``actor`` is stored in ``folder``."""
    return Path(folder) / f"{slug(assessor)}--{slug(actor)}.parquet"


def parse_date(value: Any, where: str) -> dt.date:
    """A date from an ISO string, a date or a timestamp; ``ControlError`` naming ``where`` otherwise.

    >>> parse_date("2024-03-01T00:00:00Z", "x.geojson")
    datetime.date(2024, 3, 1)
    >>> parse_date("March", "x.geojson")
    Traceback (most recent call last):
    ...
    tracker.control.layers.ControlError: x.geojson: date 'March' is not a date; write it as YYYY-MM-DD
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # a pandas Timestamp
        return dt.date.fromisoformat(str(value.date()))
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ControlError(f"{where}: date {text!r} is not a date; write it as YYYY-MM-DD") from None


def _read_frame(path: Path) -> Any:
    import geopandas as gpd

    suffix = path.suffix.lower()
    if suffix not in READABLE:
        kind = suffix or "a file without a suffix"
        raise ControlError(f"{path}: a control layer is read from {', '.join(READABLE)} files, not {kind}; "
                           "export the layer from QGIS as GeoJSON, GeoPackage or GeoParquet")
    try:
        frame = gpd.read_parquet(path) if suffix in (".parquet", ".geoparquet") else gpd.read_file(path)
    except Exception as error:  # any reader failure is a file the user must fix
        raise ControlError(f"{path}: cannot be read as {suffix[1:]} ({error}); check that it is a layer "
                           "export") from None
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    return frame


def _polygonal(geometry: BaseGeometry | None, where: str) -> BaseGeometry | None:
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection"):
        raise ControlError(f"{where}: a {geometry.geom_type} holds no ground; a control layer is made of polygons")
    _on_the_earth(geometry, where)
    return repaired(geometry, where, max_change=None)


def _on_the_earth(geometry: BaseGeometry, where: str) -> None:
    """Refuse a geometry with a coordinate that is no number, or no longitude and latitude."""
    coordinates = shapely.get_coordinates(geometry)
    problem = None
    if not np.isfinite(coordinates).all():
        problem = "a coordinate that is not a number (NaN or infinite)"
    else:
        for axis, name, limit in ((0, "longitude", 180), (1, "latitude", 90)):
            outside = coordinates[np.abs(coordinates[:, axis]) > limit, axis]
            if outside.size:
                problem = f"{name} {outside[0]:g} is outside -{limit}..{limit}"
                break
    if problem is not None:
        raise ControlError(f"{where}: {problem}; a control layer is in longitude and latitude (WGS84), so check the "
                           "layer's coordinate reference system")


def read_layers(paths: Sequence[str | Path], *, date_field: str | None = None,
                date: dt.date | None = None) -> list[Layer]:
    """The layers in ``paths``: with ``date``, one file is one layer of that date (its features
    joined); with ``date_field``, each feature is the layer of the date in that field. Invalid
    polygons are repaired with a :class:`~tracker.geometry.GeometryWarning`; a date given twice is
    refused, both places named. Sorted by date."""
    if (date is None) == (date_field is None):
        raise ControlError("give either --date-field (a date per feature) or --date (one date for the file)")
    if date is not None and len(paths) != 1:
        raise ControlError(f"--date {date} names the date of one file, and {len(paths)} are given; import them one "
                           "by one, or put each date in a field and pass --date-field")
    found: dict[dt.date, Layer] = {}
    for path in map(Path, paths):
        for layer in _layers_of(path, date_field, date):
            if layer.date in found:
                other = found[layer.date].where
                raise ControlError(f"{layer.where}: date {layer.date} is given twice, also at {other}; keep one layer "
                                   "per date")
            found[layer.date] = layer
    if not found:
        raise ControlError(f"{', '.join(map(str, paths))}: no polygon found; a control layer holds polygons")
    return [found[day] for day in sorted(found)]


def _layers_of(path: Path, date_field: str | None, date: dt.date | None) -> list[Layer]:
    frame = _read_frame(path)
    geometries = list(frame.geometry)
    if date is not None:
        parts = [g for i, g in enumerate(geometries) if _polygonal(g, f"{path}: feature {i + 1}") is not None]
        if not parts:
            return []
        joined = shapely.unary_union([_polygonal(g, f"{path}") for g in parts])
        return [Layer(date, joined, str(path))]
    assert date_field is not None
    if date_field not in frame.columns:
        fields = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name) or "none"
        raise ControlError(f"{path}: no field {date_field!r} (fields: {fields}); pass --date-field with one of them, "
                           "or --date for the whole file")
    layers = []
    for index, (value, geometry) in enumerate(zip(frame[date_field], geometries, strict=True)):
        where = f"{path}: feature {index + 1}"
        polygon = _polygonal(geometry, where)
        if polygon is not None:
            layers.append(Layer(parse_date(value, f"{where}: {date_field}"), polygon, where))
    return layers


def _frame(series: Series) -> Any:
    import geopandas as gpd

    count = len(series.layers)
    return gpd.GeoDataFrame(
        {"date": [layer.date.isoformat() for layer in series.layers], "where": [layer.where for layer in series.layers],
         "assessor": [series.assessor] * count, "actor": [series.actor] * count,
         "source": [series.source] * count, "reliability": [series.reliability] * count},
        geometry=[layer.geometry for layer in series.layers], crs="EPSG:4326")


def load_series(folder: str | Path, *, actor: str | None = None, assessor: str | None = None) -> list[Series]:
    """Every series stored in ``folder`` (none when it does not exist), optionally only those of one
    ``actor`` or ``assessor`` (names compared without case), sorted by assessor."""
    import geopandas as gpd

    found = []
    for path in sorted(Path(folder).glob("*--*.parquet")):
        frame = gpd.read_parquet(path)
        if frame.empty:
            continue
        first = frame.iloc[0]
        if actor is not None and str(first["actor"]).casefold() != actor.casefold():
            continue
        if assessor is not None and str(first["assessor"]).casefold() != assessor.casefold():
            continue
        layers = tuple(Layer(dt.date.fromisoformat(day), geometry, where)
                       for day, geometry, where in zip(frame["date"], frame.geometry, frame["where"], strict=True))
        found.append(Series(str(first["assessor"]), str(first["actor"]), layers,
                            _text(first["source"]), _text(first["reliability"])))
    return sorted(found, key=lambda s: (s.assessor.casefold(), s.actor.casefold()))


def _text(value: Any) -> str | None:
    return None if value is None or value != value else str(value)  # NaN is not itself


def import_layers(paths: Sequence[str | Path], folder: str | Path, *, assessor: str, actor: str,
                  date_field: str | None = None, date: dt.date | None = None, source: str | None = None,
                  reliability: str | None = None) -> tuple[Path, Series, tuple[dt.date, ...]]:
    """Read the layers in ``paths`` and add them to the series of ``assessor`` for ``actor`` in
    ``folder`` (made if missing): every layer or none. A date the series already holds is refused,
    both places named. Returns the series file, the whole series and the dates added."""
    new = read_layers(paths, date_field=date_field, date=date)
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    target = series_file(root, assessor, actor)
    with folder_lock(root):
        old = load_series(root, actor=actor, assessor=assessor)
        held = {layer.date: layer for series in old for layer in series.layers}
        for layer in new:
            if layer.date in held:
                raise ControlError(f"{layer.where}: date {layer.date} is already in {target} (from "
                                   f"{held[layer.date].where}); keep one layer per date")
        previous = old[0] if old else None
        layers = tuple(sorted([*held.values(), *new], key=lambda layer: layer.date))
        series = Series(assessor, actor, layers, source or (previous.source if previous else None),
                        reliability or (previous.reliability if previous else None))
        buffer = io.BytesIO()
        _frame(series).to_parquet(buffer, index=False)
        write_batch(root, [(target, buffer.getvalue())])
    return target, series, tuple(layer.date for layer in new)

