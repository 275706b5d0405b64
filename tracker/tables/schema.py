"""The rows of an event table: its columns, a record flattened into a row and back, its points.

Each row is a record flattened (:data:`COLUMNS`): ``start`` and ``end`` for the date, ``actors``
joined by ``"; "``, ``location`` holding a place name (empty when the location is given as
coordinates), ``latitude`` and ``longitude`` of the event's point, and the nested keys ``area``,
``claims``, ``sources`` and ``resolved`` as JSON. The fields a dataset import keeps (``imported``)
are columns of their own, named ``acled_...`` or ``ucdp_...``. A row turns back into the same record,
so records -> table -> records is the identity.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

if TYPE_CHECKING:
    import geopandas as gpd

#: The columns every table has, in order; a dataset's own fields follow them. ``area_basis`` is derived
#: from ``area`` for filtering (``reported`` when the record does not say) and never read back: the
#: ``area`` column keeps what the record says.
COLUMNS = (
    "id", "start", "end", "title", "type", "sub_type", "actors", "location", "latitude", "longitude",
    "precision", "area", "claims", "sources", "notes", "resolved", "area_basis",
)
#: Columns holding nested record keys, as JSON text.
JSON_COLUMNS = ("area", "claims", "sources", "resolved")
#: The file formats a table is read from and written to, by name ending.
FORMATS = {".parquet": "GeoParquet", ".csv": "CSV", ".geojson": "GeoJSON", ".json": "GeoJSON", ".kml": "KML"}
ACTOR_SEPARATOR = "; "
#: The least GeoParquet metadata for a WKB ``geometry`` column in longitude/latitude (OGC:CRS84, the
#: default). Tables are written with geopandas' fuller metadata (:mod:`tracker.tables.geoparquet`).
GEO_METADATA = {"version": "1.1.0", "primary_column": "geometry",
                "columns": {"geometry": {"encoding": "WKB", "geometry_types": []}}}


def points(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Shapely points; ``None`` where a coordinate is missing.

    >>> [None if point is None else point.wkt for point in points(np.array([38.28, np.nan]), np.array([34.56, 0.0]))]
    ['POINT (38.28 34.56)', None]
    """
    made: np.ndarray = shapely.points(lon, lat)
    made[np.isnan(lon) | np.isnan(lat)] = None
    return made


def frame_of(rows: pd.DataFrame, geometry: Any = None) -> gpd.GeoDataFrame:
    """The frame of a table from flat rows (:data:`COLUMNS`, then any dataset columns); the geometry
    defaults to the points of ``latitude`` and ``longitude``.

    >>> frame = frame_of(pd.DataFrame({"id": ["a"], "latitude": [34.56], "longitude": [38.28]}))
    >>> list(frame.columns[:3]), frame.geometry[0].wkt, frame.crs.to_epsg()
    (['id', 'start', 'end'], 'POINT (38.28 34.56)', 4326)
    """
    import geopandas as gpd

    frame = rows.reset_index(drop=True)
    for column in COLUMNS:
        if column not in frame:
            frame[column] = None
    frame = frame[[*COLUMNS, *(c for c in frame.columns if c not in COLUMNS and c != "geometry")]]
    if geometry is None:
        geometry = points(frame["longitude"].to_numpy(float), frame["latitude"].to_numpy(float))
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record (as plain data, like ``Event.to_dict()``) as one flat row of :data:`COLUMNS`.

    >>> row = flatten({"id": "a", "date": {"start": "2017-05-08", "end": "2017-06-08"}, "title": "T",
    ...                "type": "Battles", "actors": ["Syrian Arab Army", "Islamic State"],
    ...                "location": {"lat": 34.56, "lon": 38.28}, "claims": [{"area": "1400 km2"}],
    ...                "imported": {"acled_fatalities": 3}})
    >>> row["start"], row["end"], row["actors"], row["location"], row["latitude"], row["claims"]
    ('2017-05-08', '2017-06-08', 'Syrian Arab Army; Islamic State', '', 34.56, '[{"area": "1400 km2"}]')
    >>> row["acled_fatalities"]
    3
    """
    start, end = _span(record.get("date"))
    location = record.get("location")
    point = location if isinstance(location, dict) else {}
    row: dict[str, Any] = {
        "id": record.get("id"),
        "start": str(start) if start is not None else None,
        "end": str(end) if end is not None else None,
        "title": record.get("title"),
        "type": record.get("type"),
        "sub_type": record.get("sub_type"),
        "actors": _actors_text(record.get("actors") or []),
        "location": location if isinstance(location, str) else "",
        "latitude": point.get("lat"),
        "longitude": point.get("lon"),
        "precision": record.get("precision"),
        "notes": record.get("notes"),
    }
    for column in JSON_COLUMNS:
        value = record.get(column)
        row[column] = json.dumps(value, ensure_ascii=False, default=str) if value else None
    area = record.get("area")
    row["area_basis"] = (area.get("basis") or "reported") if isinstance(area, Mapping) else None
    row.update(record.get("imported") or {})
    return row


def _span(date: Any) -> tuple[Any, Any]:
    """The first and last day of a record's ``date`` (a day, or ``{start, end}``)."""
    return (date["start"], date["end"]) if isinstance(date, dict) else (date, date)


def _actors_text(actors: list[Any]) -> str:
    """A record's actors as a cell: their names joined by ``"; "``, or JSON where that would not read
    back (an actor with a side, a name holding ``;``, a first name starting with ``[``).

    >>> _actors_text(["Syrian Arab Army", "Islamic State"]), _actors_text([{"name": "SAA", "side": "a"}])
    ('Syrian Arab Army; Islamic State', '[{"name": "SAA", "side": "a"}]')
    """
    names = [a if isinstance(a, str) else a.get("name") for a in actors]
    plain = all(isinstance(a, str) for a in actors) and not any(ACTOR_SEPARATOR.strip() in n for n in names) \
        and not (names and names[0].startswith("["))
    return ACTOR_SEPARATOR.join(names) if plain else json.dumps(actors, ensure_ascii=False)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if type(value) is str:
        return False
    return value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def unflatten(row: Mapping[str, Any]) -> dict[str, Any]:
    """A flat row back as a record's plain data: the inverse of :func:`flatten`.

    >>> unflatten({"id": "a", "start": "2017-05-08", "end": "2017-06-08", "title": "T", "type": "Battles",
    ...            "actors": "Syrian Arab Army; Islamic State", "location": "", "latitude": 34.56, "longitude": 38.28,
    ...            "claims": '[{"area": "1400 km2"}]', "notes": None, "acled_fatalities": 3})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'id': 'a', 'date': {'start': '2017-05-08', 'end': '2017-06-08'}, 'title': 'T', 'type': 'Battles',
     'actors': ['Syrian Arab Army', 'Islamic State'], 'location': {'lat': 34.56, 'lon': 38.28},
     'claims': [{'area': '1400 km2'}], 'imported': {'acled_fatalities': 3}}
    """
    get = {key: (None if _blank(value) else value) for key, value in row.items()}
    start, end = _day(get.get("start")), _day(get.get("end"))
    record: dict[str, Any] = _given(get, ("id",))
    record["date"] = start if start == end else {"start": start, "end": end}
    record.update(_given(get, ("title", "type", "sub_type")))
    actors = get.get("actors") or ""
    record["actors"] = json.loads(actors) if actors.startswith("[") else [a for a in actors.split(ACTOR_SEPARATOR) if a]
    record["location"] = get["location"] if get.get("location") else {
        "lat": _number(get.get("latitude")), "lon": _number(get.get("longitude"))}
    precision = get.get("precision")
    if precision is not None:
        record["precision"] = int(precision)
    record.update(_decoded(get, ("area", "claims", "sources")))
    record.update(_given(get, ("notes",)))
    record.update(_decoded(get, ("resolved",)))
    imported = {key: _scalar(value) for key, value in get.items() if key not in COLUMNS and key != "geometry"}
    if imported:
        record["imported"] = imported
    return record


def _given(row: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The cells of ``keys`` that are neither missing nor empty text."""
    return {key: row[key] for key in keys if row.get(key) not in (None, "")}


def _decoded(row: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """The cells of ``keys`` that hold something, JSON text read.

    >>> _decoded({"area": '{"hull": ["Tadmur"]}', "claims": None}, ("area", "claims"))
    {'area': {'hull': ['Tadmur']}}
    """
    return {key: json.loads(value) if isinstance(value, str) else value for key in keys if (value := row.get(key))}


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, int | float | np.number) else value


def _scalar(value: Any) -> Any:
    """A cell as a YAML-ready scalar (numpy numbers to Python numbers)."""
    if type(value) is str:  # nearly every cell a dataset keeps
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, dt.date | pd.Timestamp):
        return _day(value)
    return value


def iter_records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Each row of ``frame`` as a record's plain data.

    >>> frame = frame_of(pd.DataFrame({"id": ["a"], "start": ["2017-06-08"], "end": ["2017-06-08"],
    ...                                "actors": ["Hezbollah"], "latitude": [33.5], "longitude": [38.6]}))
    >>> list(iter_records(frame))
    [{'id': 'a', 'date': '2017-06-08', 'actors': ['Hezbollah'], 'location': {'lat': 33.5, 'lon': 38.6}}]
    """
    import pyarrow as pa

    columns = [c for c in frame.columns if c != "geometry"]
    # each column to Python values at once (Arrow does it in C), then rows are zipped together
    lists = [pa.array(frame[column], from_pandas=True).to_pylist() for column in columns]
    for values in zip(*lists, strict=True):
        yield unflatten(dict(zip(columns, values, strict=True)))
