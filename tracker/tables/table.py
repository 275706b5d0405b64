"""Large event sets as one columnar table: a GeoPandas frame over Arrow, one row per record.

Records are rich (areas, claims, sources) and validated one by one; an ACLED or UCDP export holds a
million point events. :class:`EventTable` keeps such a set as columns, so that reading it, filtering
it by date, actor and region, and assigning its events to countries and zones are vectorised, and
writes it as GeoParquet, CSV (geometry as WKT), GeoJSON or KML.

Each row is a record flattened (see :mod:`tracker.tables.schema`); the file formats are
:mod:`tracker.tables.formats`'s.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely
from pydantic import ValidationError
from shapely.geometry.base import BaseGeometry

from ..errors import GeometryError, Problem, RecordError, UsageError
from ..records.collection import EventCollection, load_records, no_garbage_collection
from ..records.diagnostics import field_path
from ..records.model import Event
from ..records.yaml import Origin
from .filters import matching
from .formats import read_frame, write_table
from .paths import is_table
from .schema import ACTOR_SEPARATOR as ACTOR_SEPARATOR
from .schema import COLUMNS, flatten, frame_of, iter_records
from .schema import FORMATS as FORMATS
from .schema import GEO_METADATA as GEO_METADATA
from .schema import JSON_COLUMNS as JSON_COLUMNS
from .schema import points as points
from .schema import unflatten as unflatten

if TYPE_CHECKING:
    import geopandas as gpd

    from gazetteer import Gazetteer


class EventTable:
    """Events as rows of a GeoDataFrame (``frame``), geometry in longitude/latitude (WGS84).

    >>> table = EventTable.from_collection(__import__("tracker").load_events("events"))
    >>> len(table), table.frame.loc[0, "id"]
    (25, 'al-tanf-deconfliction-zone')
    >>> len(table.between(dt.date(2017, 6, 1), dt.date(2017, 6, 30)).involving("Islamic State"))
    10
    """

    def __init__(self, frame: gpd.GeoDataFrame):
        self.frame = frame

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return f"<EventTable of {len(self)} events>"

    # --- building ----------------------------------------------------------------------------------

    @classmethod
    def from_rows(cls, rows: pd.DataFrame, geometry: Any = None) -> EventTable:
        """A table from flat rows (:data:`COLUMNS`, then any dataset columns); the geometry defaults to
        the points of ``latitude`` and ``longitude``.

        >>> table = EventTable.from_rows(pd.DataFrame({"id": ["a"], "latitude": [34.56], "longitude": [38.28]}))
        >>> table, table.frame.geometry[0].wkt
        (<EventTable of 1 events>, 'POINT (38.28 34.56)')
        """
        return cls(frame_of(rows, geometry))

    @classmethod
    def from_collection(cls, events: EventCollection, gazetteer: Gazetteer | None = None) -> EventTable:
        """The records as a table; places are resolved through the gazetteer for each row's point and
        geometry (its area where it has one).

        >>> from tracker import load_events
        >>> frame = EventTable.from_collection(load_events("tests/data/valid")).frame
        >>> frame.loc[0, "id"], frame.loc[0, "area_basis"], frame.geometry[0].geom_type
        ('badiyeh-drawn', 'reported', 'Polygon')
        """
        # the shapes alone: no claim is checked to export a record (pyproj, which reading and writing
        # tables do not need, is imported here)
        from ..geo.places import resolve_places
        from ..geo.shapes import shapes_of

        rows = []
        shapes: list[BaseGeometry | None] = []
        for event, shape in zip(events, shapes_of(events, resolve_places(events, gazetteer)), strict=True):
            row = flatten(event.to_dict())
            if shape is not None and shape.point is not None:
                row["latitude"], row["longitude"] = shape.point
            rows.append(row)
            shapes.append(shape.geometry if shape is not None else None)
        frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(COLUMNS))
        table = cls.from_rows(_typed(frame), np.array(shapes, dtype=object))
        return table

    def records(self, *, progress: bool = False, name: str = "<table>") -> tuple[EventCollection, list[Problem]]:
        """The rows as validated records, and a problem for each row that is not a valid record (rows
        count from 1; ``name`` is the file named in messages).

        >>> rows = pd.DataFrame({"id": ["a", "b"], "start": ["2017-06-08"] * 2, "end": ["2017-06-08"] * 2,
        ...                      "title": ["T"] * 2, "type": ["Battles", "Fights"], "actors": ["Hezbollah"] * 2,
        ...                      "latitude": [33.5] * 2, "longitude": [38.6] * 2})
        >>> events, problems = EventTable.from_rows(rows).records(name="e.csv")
        >>> [event.id for event in events], [str(problem)[:50] for problem in problems]
        (['a'], ["e.csv: type: row 2: 'Fights' is not an ACLED event"])
        """
        events: list[Event] = []
        origins: list[Origin] = []
        problems: list[Problem] = []
        rows: Iterable[dict[str, Any]] = iter_records(self.frame)
        if progress:
            from tqdm import tqdm

            rows = tqdm(rows, total=len(self), unit="row", desc="records", disable=None, leave=False)
        with no_garbage_collection():
            for number, record in enumerate(rows, start=1):
                try:
                    events.append(Event.model_validate(record, context={"make_ids": True}))
                    origins.append(Origin(name, number))
                except ValidationError as error:
                    for detail in error.errors(include_url=False)[:3]:
                        problems.append(Problem(name, None, None, field_path(detail["loc"]),
                                                f"row {number}: {detail['msg']}"))
        return EventCollection(events, origins), problems

    def to_collection(self, *, progress: bool = False, name: str = "<table>") -> EventCollection:
        """The rows as validated records. Raises :class:`~tracker.errors.RecordError` naming each row
        that is not a valid record.

        >>> rows = pd.DataFrame({"id": ["a"], "start": ["2017-06-08"], "end": ["2017-06-08"], "title": ["T"],
        ...                      "type": ["Battles"], "actors": ["Hezbollah"], "latitude": [33.5], "longitude": [38.6]})
        >>> EventTable.from_rows(rows).to_collection()[0].location
        Coordinates(lat=33.5, lon=38.6)
        >>> EventTable.from_rows(rows.assign(type=["Fights"])).to_collection()
        Traceback (most recent call last):
        tracker.errors.RecordError: <table>: type: row 1: 'Fights' is not an ACLED event type; ...
        """
        events, problems = self.records(progress=progress, name=name)
        if problems:
            raise RecordError(problems)
        return events

    # --- selecting ---------------------------------------------------------------------------------

    def _rows(self, mask: Any) -> EventTable:
        return EventTable(self.frame[np.asarray(mask, dtype=bool)].reset_index(drop=True))

    def select(self, since: dt.date | None = None, until: dt.date | None = None,
               actor: str | None = None) -> EventTable:
        """The events that may have happened between ``since`` and ``until`` (both included) and
        involve ``actor``, each filter left out when ``None`` (see :func:`~tracker.tables.filters.matching`).

        >>> table = EventTable.from_collection(__import__("tracker").load_events("events"))
        >>> len(table.select(dt.date(2017, 6, 1), dt.date(2017, 6, 30), "islamic state"))
        10
        """
        frame = self.frame
        return self._rows(matching(frame["start"], frame["end"], frame["actors"], since=since, until=until,
                                   actor=actor))

    def between(self, since: dt.date | None = None, until: dt.date | None = None) -> EventTable:
        """The events that may have happened between ``since`` and ``until`` (both included).

        >>> table = EventTable.from_collection(__import__("tracker").load_events("events"))
        >>> len(table.between(dt.date(2017, 6, 1))), len(table.between(until=dt.date(2016, 12, 31)))
        (15, 4)
        """
        return self.select(since, until)

    def claimed(self) -> EventTable:
        """The events with claims or an area: those a check of claims reads.

        >>> rows = pd.DataFrame({"id": ["a", "b", "c"], "claims": [None, '[{"count": 4000, "of": "fighters"}]', None],
        ...                      "area": [None, None, '{"hull": ["Tadmur", "Arak", "As Sukhnah"]}']})
        >>> EventTable.from_rows(rows).claimed().frame["id"].tolist()
        ['b', 'c']
        """
        return self._rows(self.frame["claims"].notna().to_numpy() | self.frame["area"].notna().to_numpy())

    def involving(self, actor: str) -> EventTable:
        """The events with ``actor`` among their actors (exact name, any case).

        >>> table = EventTable.from_collection(__import__("tracker").load_events("events"))
        >>> table.involving("HEZBOLLAH").frame["id"].tolist()
        ['saa-within-15-miles-of-al-tanf']
        """
        return self.select(actor=actor)

    def within(self, region: str | BaseGeometry | tuple[float, float, float, float]) -> EventTable:
        """The events whose point lies in ``region``: a shipped country (name or ISO code), a polygon,
        or a box ``(west, south, east, north)`` in degrees.

        >>> table = EventTable.from_rows(pd.DataFrame({"id": ["tadmur", "mosul"], "latitude": [34.56, 36.34],
        ...                                            "longitude": [38.28, 43.12]}))
        >>> table.within("Iraq").frame["id"].tolist(), table.within((38, 34, 39, 35)).frame["id"].tolist()
        (['mosul'], ['tadmur'])
        """
        return self._rows(contains(_region(region), *self._xy()))

    # --- assigning ---------------------------------------------------------------------------------

    def _xy(self) -> tuple[np.ndarray, np.ndarray]:
        return self.frame["longitude"].to_numpy(float), self.frame["latitude"].to_numpy(float)

    def assign_countries(self) -> pd.Series:
        """The ISO 3166 alpha-3 code of the shipped country each event's point lies in (``None``
        outside them), found with a bounding-box test first and ``shapely.contains_xy`` on the rest.

        >>> table = EventTable.from_rows(pd.DataFrame({"latitude": [34.56, 36.34, 0.0],
        ...                                            "longitude": [38.28, 43.12, 0.0]}))
        >>> table.assign_countries().tolist()
        ['SYR', 'IRQ', None]
        """
        from ..geo.geodesy import countries

        return self.assign_zones({code: polygon for code, (_name, polygon) in countries().items()})

    def assign_zones(self, zones: Mapping[str, BaseGeometry]) -> pd.Series:
        """The name of the first of ``zones`` each event's point lies in, ``None`` for none.

        >>> table = EventTable.from_rows(pd.DataFrame({"latitude": [34.56, 36.34], "longitude": [38.28, 43.12]}))
        >>> table.assign_zones({"east of 40°E": shapely.box(40, -90, 180, 90)}).tolist()
        [None, 'east of 40°E']
        """
        return pd.Series(assign(zones, *self._xy()), index=self.frame.index, name="zone", dtype=object)

    # --- writing -----------------------------------------------------------------------------------

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> EventTable:
        """A table from a GeoParquet, CSV (with a WKT ``geometry`` column), GeoJSON or KML file, or a
        folder of GeoParquet files; a folder or YAML file of records is loaded and converted.

        >>> import tempfile
        >>> table = EventTable.read("tests/data/valid")  # a folder of records
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     EventTable.read(table.write(Path(folder, "e.geojson"))).frame.loc[0, "id"]
        'badiyeh-drawn'
        """
        frame = read_frame(Path(path))
        if frame is not None:
            return cls(frame)
        return cls.from_collection(load_records(path, progress=True))

    @classmethod
    def read_many(cls, paths: Iterable[str | os.PathLike[str]]) -> EventTable:
        """One table of everything under ``paths`` (table files, or record folders and files); refuses
        invalid records, as :func:`~tracker.load.load_events` does.

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     written = EventTable.read("tests/data/valid").write(Path(folder, "e.parquet"))
        ...     EventTable.read_many(["tests/data/valid", written])
        <EventTable of 2 events>
        """
        tables: list[EventTable] = []
        records: list[Path] = []
        for path in map(Path, paths):
            if is_table(path):
                tables.append(cls.read(path))
            else:
                records.append(path)
        if records:
            tables.append(cls.from_collection(load_records(records, progress=True)))
        if len(tables) == 1:
            return tables[0]
        import geopandas as gpd

        frames = [t.frame for t in tables]
        return cls(gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326"))

    def write(self, path: str | os.PathLike[str], *, progress: bool = False, force: bool = False,
              inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
        """Write the table as GeoParquet, CSV, GeoJSON or KML, chosen by ``path``'s ending; written to a
        temporary file, then renamed. ``progress`` shows a bar on a terminal. An existing file is
        replaced only with ``force``, and never one of ``inputs`` (see :mod:`tracker.files.outputs`).

        >>> import tempfile
        >>> table = EventTable.read("tests/data/valid")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = table.write(Path(folder, "e.csv"))
        ...     path.name, path.read_text(encoding="utf-8").splitlines()[0][:23]
        ('e.csv', 'id,start,end,title,type')
        """
        return write_table(self, Path(path), progress=progress, force=force, inputs=inputs)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Flat rows with the table's column types: dates as text (ISO), precision as a nullable integer."""
    frame = frame.copy()
    frame["precision"] = pd.array(frame["precision"].tolist(), dtype="Int8") if "precision" in frame else None
    for column in ("latitude", "longitude"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


# --- regions ------------------------------------------------------------------------------------


def parse_region(text: str) -> str | tuple[float, float, float, float]:
    """A ``--region`` value: a box 'WEST,SOUTH,EAST,NORTH' in degrees, else a country name.

    >>> parse_region("38,33,42,36"), parse_region("Iraq")
    ((38.0, 33.0, 42.0, 36.0), 'Iraq')
    """
    parts = text.split(",")
    if len(parts) == 4:
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            return text
        problem = _box_problem(west, south, east, north)
        if problem:
            raise GeometryError(f"--region {text!r}: {problem}; a box is WEST,SOUTH,EAST,NORTH in degrees, "
                                "like 38,33,42,36")
        return (west, south, east, north)
    return text


def _box_problem(west: float, south: float, east: float, north: float) -> str | None:
    """What makes four edges no box, or ``None``.

    >>> _box_problem(10, 10, 0, 0)
    'the west edge 10 is not west of the east edge 0'
    """
    edges = {"west": west, "south": south, "east": east, "north": north}
    for name, value in edges.items():
        limit = 90 if name in ("south", "north") else 180
        if not math.isfinite(value):
            return f"the {name} edge {value:g} is not a finite number"
        if not -limit <= value <= limit:
            return f"the {name} edge {value:g} is outside -{limit}..{limit}"
    if west >= east:
        return f"the west edge {west:g} is not west of the east edge {east:g}"
    if south >= north:
        return f"the south edge {south:g} is not south of the north edge {north:g}"
    return None


def _region(region: str | BaseGeometry | tuple[float, float, float, float]) -> BaseGeometry:
    if isinstance(region, BaseGeometry):
        return region
    if isinstance(region, tuple):
        return shapely.box(*region)
    from ..geo.geodesy import countries, country_named

    code = country_named(region)
    if code is None:
        known = ", ".join(name for name, _polygon in countries().values())
        raise UsageError(f"{region!r} is not a shipped country; use one of {known}, or a box west,south,east,north")
    return countries()[code][1]


def contains(region: BaseGeometry, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which points (x longitude, y latitude) lie in ``region``: a bounding-box test, then
    ``shapely.contains_xy`` on the points inside the box only.

    >>> contains(shapely.box(0, 0, 1, 1), np.array([0.5, 2.0]), np.array([0.5, 0.5]))
    array([ True, False])
    """
    minx, miny, maxx, maxy = region.bounds
    inside = np.zeros(len(x), dtype=bool)
    candidates = np.flatnonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
    if len(candidates):
        shapely.prepare(region)
        inside[candidates] = shapely.contains_xy(region, x[candidates], y[candidates])
    return inside


def assign(zones: Mapping[str, BaseGeometry], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For each point, the name of the first zone it lies in (an object array, ``None`` for none).

    >>> from shapely import box
    >>> assign({"west": box(0, 0, 1, 1), "east": box(1, 0, 2, 1)}, np.array([0.5, 1.5, 5.0]), np.array([0.5] * 3))
    array(['west', 'east', None], dtype=object)
    """
    found = np.full(len(x), None, dtype=object)
    open_rows = np.ones(len(x), dtype=bool)
    for name, zone in zones.items():
        minx, miny, maxx, maxy = zone.bounds
        candidates = np.flatnonzero(open_rows & (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
        if not len(candidates):
            continue
        shapely.prepare(zone)
        hits = candidates[shapely.contains_xy(zone, x[candidates], y[candidates])]
        found[hits] = name
        open_rows[hits] = False
    return found
