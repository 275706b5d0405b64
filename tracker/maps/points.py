"""Point events as columns: what a map of a million imported events is drawn from.

An event table from ``tracker import`` holds mostly plain point events (no area, no claim), which a
large map aggregates into grid cells (:data:`~tracker.maps.style.AGGREGATE_ABOVE`). Making a
validated record of each would hold a million Python objects for a dot each; :func:`read_points`
reads only the columns a cell needs (point, dates, actors) with pyarrow, as numpy arrays, and
:meth:`Points.cells` aggregates them with numpy. The rows with claims or an area are read as
records, which the claims are checked on.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import Problem, TrackerError
from ..tables.paths import is_table
from ..tables.schema import unflatten
from .actors import Actors
from .style import AGGREGATE_ABOVE, CELL_DEGREES

if TYPE_CHECKING:
    import pyarrow as pa

    from ..records.collection import EventCollection

#: The columns of an event table a cell needs (with the ids, which are unique across all that is
#: read), and those that say a row is more than a point.
POINT_COLUMNS = ("id", "start", "end", "actors", "latitude", "longitude")
CLAIM_COLUMNS = ("claims", "area")
#: Python's ordinal of 1970-01-01: Arrow counts days from it.
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


@dataclass(frozen=True, eq=False)
class Points:
    """Point events as columns: ``lat``, ``lon`` (degrees), ``start`` and ``end`` (day ordinals, as
    :meth:`datetime.date.toordinal`), and ``actor``, each event's actors as a code into ``actors``
    (the distinct lists of names, each in its events' order)."""

    lat: np.ndarray
    lon: np.ndarray
    start: np.ndarray
    end: np.ndarray
    actor: np.ndarray
    actors: tuple[tuple[str, ...], ...] = field(default=())

    def __len__(self) -> int:
        return len(self.lat)

    @classmethod
    def empty(cls) -> Points:
        """No events."""
        nothing = np.zeros(0)
        return cls(nothing, nothing, nothing.astype(np.int64), nothing.astype(np.int64), nothing.astype(np.int32))

    def where(self, mask: np.ndarray) -> Points:
        """The events where ``mask`` (a boolean array) is true."""
        return Points(self.lat[mask], self.lon[mask], self.start[mask], self.end[mask], self.actor[mask], self.actors)

    def select(self, since: dt.date | None = None, until: dt.date | None = None, actor: str | None = None) -> Points:
        """The events that may fall in [since, until] and, if ``actor`` is given, that involve it (any
        of their actors, in any case), as :func:`~tracker.maps.render.select` chooses records.

        >>> points = Points(np.array([34.0, 35.0]), np.array([38.0, 39.0]), np.array([736330, 736400]),
        ...                 np.array([736330, 736400]), np.array([0, 1]), (("A", "B"), ("C",)))
        >>> len(points.select(actor="b")), len(points.select(until=dt.date.fromordinal(736331)))
        (1, 1)
        """
        mask = np.ones(len(self), dtype=bool)
        if since is not None:
            mask &= self.end >= since.toordinal()
        if until is not None:
            mask &= self.start <= until.toordinal()
        if actor is not None:
            wanted = actor.casefold()
            involved = np.array([any(name.casefold() == wanted for name in names) for names in self.actors], dtype=bool)
            mask &= involved[self.actor] if len(involved) else False
        return self.where(mask)

    def first_actors(self) -> np.ndarray:
        """Each event's first actor's name, as an object array (one entry per distinct actor list)."""
        firsts = np.array([names[0] if names else "" for names in self.actors] or [""], dtype=object)
        result: np.ndarray = firsts[self.actor]
        return result

    def bounds(self) -> list[tuple[float, float]]:
        """The (lat, lon) corners of the events, none when there are none."""
        if not len(self):
            return []
        return [(float(self.lat.min()), float(self.lon.min())), (float(self.lat.max()), float(self.lon.max()))]

    def first_counts(self) -> dict[str, int]:
        """How many events each first actor has (the name as written; '' for none)."""
        counts = np.bincount(self.actor, minlength=len(self.actors)) if len(self) else np.zeros(0, dtype=np.int64)
        found: dict[str, int] = {}
        for names, count in zip(self.actors, counts.tolist(), strict=False):
            if count:
                first = names[0] if names else ""
                found[first] = found.get(first, 0) + count
        return found

    def days(self, origin: int) -> list[list[int]]:
        """The events' first and last days as two runs (see :func:`runs`), days counted from ``origin``:
        how many events may fall in a window, whatever it is (``static/cells.js``)."""
        return [runs(self.start - origin), runs(self.end - origin)]

    def cells(self, actors: Actors, origin: int) -> dict[int, list[Any]]:
        """For each group of ``actors`` (by its index), its events' grid cells of :data:`CELL_DEGREES` as
        columns: the mean position of each cell's events rounded to about a metre, its count, its first
        and last day, and its events' first and last days as runs (see :func:`runs`) from ``origin``
        (the last days ``0`` where they are the first days), so that a cell counts its events in any
        window; and where each of its events is, cell after cell, each cell's in the order of their first
        days (see :func:`_spots`), and how many days each lasts (``0`` where each lasts one day), so that
        it opens to its events.
        An event counts in each group its first actor stands for (:class:`Actors`).

        >>> points = Points(np.array([34.01, 34.02, 34.5]), np.array([38.01, 38.02, 38.5]),
        ...                 np.array([1, 2, 3]), np.array([1, 5, 3]), np.array([0, 0, 0]), (("A",),))
        >>> points.cells(Actors.group({"A": 3}), 1)
        {0: [[34.015, 34.5], [38.015, 38.5], [2, 1], [1, 3], [5, 3], [[0, 1, 1, 1], [2, 1]], [[0, 1, 4, 1], 0], \
'zv/O/zIAMgAAAAAA', [[0, 3], 0]]}
        """
        if not len(self):
            return {}
        # each event once per group of its first actor
        code_groups = [actors.of[names[0] if names else ""] for names in self.actors]
        sizes = np.array([len(groups) for groups in code_groups], dtype=np.int64)
        flat = np.array([group for groups in code_groups for group in groups], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        each = sizes[self.actor]
        event = np.repeat(np.arange(len(self)), each)
        within = np.arange(len(event)) - np.repeat(np.cumsum(each) - each, each)
        group = flat[offsets[self.actor[event]] + within]
        lat, lon, start, end = self.lat[event], self.lon[event], self.start[event], self.end[event]
        row = np.floor(lat / CELL_DEGREES).astype(np.int64)
        col = np.floor(lon / CELL_DEGREES).astype(np.int64)
        rows, cols = row - row.min(), col - col.min()
        key = (group * (rows.max() + 1) + rows) * (cols.max() + 1) + cols  # group, then cell
        keys, cell, counts = np.unique(key, return_inverse=True, return_counts=True)
        cell = cell.reshape(-1)
        mean_lat = np.round(np.bincount(cell, lat) / counts, 5)
        mean_lon = np.round(np.bincount(cell, lon) / counts, 5)
        first = np.full(len(keys), np.iinfo(np.int64).max)
        last = np.full(len(keys), np.iinfo(np.int64).min)
        np.minimum.at(first, cell, start)
        np.maximum.at(last, cell, end)
        ranged = np.zeros(len(keys), dtype=bool)
        ranged[cell[start != end]] = True
        starts, ends = _cell_runs(cell, start - origin, len(keys)), _cell_runs(cell, end - origin, len(keys))
        spots, spans = _spots(cell, lat - mean_lat[cell], lon - mean_lon[cell], start, end, len(keys))
        bounds = np.concatenate([[0], np.cumsum(counts)])  # where each cell's events begin among the spots
        owner = keys // ((rows.max() + 1) * (cols.max() + 1))
        found: dict[int, list[Any]] = {}
        for code in np.unique(owner).tolist():
            mine = np.flatnonzero(owner == code)
            found[int(code)] = [mean_lat[mine].tolist(), mean_lon[mine].tolist(), counts[mine].tolist(),
                                first[mine].tolist(), last[mine].tolist(), [starts[i] for i in mine],
                                [ends[i] if ranged[i] else 0 for i in mine],
                                spots[int(bounds[mine[0]]):int(bounds[mine[-1] + 1])],
                                [spans[i] if ranged[i] else 0 for i in mine]]
        return found


def runs(days: np.ndarray) -> list[int]:
    """The days ``days`` (whole numbers, any order) as runs: each distinct day, as the step from the one
    before (the first from 0), and how many events fall on it, one after the other.

    >>> runs(np.array([5, 3, 5, 9]))
    [3, 1, 2, 2, 4, 1]
    >>> runs(np.array([], dtype=np.int64))
    []
    """
    values, counts = np.unique(days, return_counts=True)
    steps = np.diff(values, prepend=0)
    found: list[int] = np.column_stack([steps, counts]).reshape(-1).tolist()
    return found


#: How finely the events of a cell are placed: a ten-thousandth of a degree (about 11 m).
SPOT_DEGREES = 1e-4


class Spots:
    """Where the events of cells are, as :data:`SPOT_DEGREES` from their cell's position: little-endian
    16-bit pairs (lat, lon) one after the other, written as base64 text (two bytes each, where JSON
    would take about five characters: the largest part of a page of many events); sliced by event."""

    def __init__(self, pairs: np.ndarray) -> None:
        self.pairs = pairs.astype("<i2")

    def __getitem__(self, events: slice) -> str:
        return base64.b64encode(self.pairs[events].tobytes()).decode("ascii")


def _spots(cell: np.ndarray, lat: np.ndarray, lon: np.ndarray, start: np.ndarray, end: np.ndarray,
           cells: int) -> tuple[Spots, list[list[int]]]:
    """The events of the cells (``cell`` giving each event's), cell after cell, each cell's in the order
    of their first days, then last days: where each is, from the cell's position (``lat``, ``lon``
    apart, within a cell of :data:`CELL_DEGREES`), see :class:`Spots`; and how many days after its first
    each ends, per cell."""
    order = np.lexsort((end, start, cell))
    places = np.column_stack([np.round(lat[order] / SPOT_DEGREES), np.round(lon[order] / SPOT_DEGREES)])
    spans = (end - start)[order].tolist()
    bounds = np.searchsorted(cell[order], np.arange(cells + 1)).tolist()
    return Spots(places.astype(np.int64)), [spans[bounds[i]:bounds[i + 1]] for i in range(cells)]


def _cell_runs(cell: np.ndarray, days: np.ndarray, cells: int) -> list[list[int]]:
    """The runs (:func:`runs`) of ``days`` of each of ``cells`` cells, ``cell`` giving each day's."""
    span = int(days.max()) + 1 if len(days) else 1
    keys, counts = np.unique(cell * span + days, return_counts=True)
    owner, day = keys // span, keys % span
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = owner[1:] != owner[:-1]
    steps = np.where(fresh, day, day - np.concatenate([[0], day[:-1]]))
    pairs = np.column_stack([steps, counts]).reshape(-1).tolist()
    bounds = np.searchsorted(owner, np.arange(cells + 1)).tolist()
    return [pairs[2 * bounds[i]:2 * bounds[i + 1]] for i in range(cells)]


def points_of(rows: Sequence[tuple[float, float, int, int, str]]) -> Points:
    """Points from (lat, lon, first day, last day, first actor) rows."""
    if not rows:
        return Points.empty()
    names = sorted({row[4] for row in rows})
    code = {name: index for index, name in enumerate(names)}
    lat, lon, start, end, actor = zip(*rows, strict=True)
    return Points(np.array(lat, dtype=float), np.array(lon, dtype=float), np.array(start, dtype=np.int64),
                  np.array(end, dtype=np.int64), np.array([code[name] for name in actor], dtype=np.int32),
                  tuple((name,) for name in names))


def concat(parts: Iterable[Points]) -> Points:
    """One set of points of several."""
    parts = [part for part in parts if len(part)]
    if not parts:
        return Points.empty()
    actors: list[tuple[str, ...]] = []
    codes = []
    for part in parts:
        codes.append(part.actor.astype(np.int64) + len(actors))
        actors.extend(part.actors)
    return Points(np.concatenate([p.lat for p in parts]), np.concatenate([p.lon for p in parts]),
                  np.concatenate([p.start for p in parts]), np.concatenate([p.end for p in parts]),
                  np.concatenate(codes), tuple(actors))


def _columns(path: Path) -> tuple[pa.Table, bool]:
    """The point and claim columns of the table at ``path``, and whether it is GeoParquet (whose
    other columns need not be read)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.suffix.lower() == ".parquet" or path.is_dir():
        schema = pq.read_schema(path) if path.is_file() else pq.ParquetDataset(path).schema
        wanted = [name for name in (*POINT_COLUMNS, *CLAIM_COLUMNS) if name in schema.names]
        return pq.read_table(path, columns=wanted), True
    from ..tables.table import EventTable

    frame = EventTable.read(path).frame
    present = [name for name in (*POINT_COLUMNS, *CLAIM_COLUMNS) if name in frame]
    return pa.Table.from_pandas(frame[present].astype(object).where(frame[present].notna(), None),
                                preserve_index=False), False


def _days(column: pa.ChunkedArray) -> np.ndarray:
    """Day ordinals of a date or ISO text column; -1 where missing or not a date."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_date32(column.type):
        column = pc.cast(pc.strptime(column.cast(pa.string()), format="%Y-%m-%d", unit="s", error_is_null=True),
                         pa.date32())
    days = pc.fill_null(column.cast(pa.int32()), -EPOCH_ORDINAL - 1).to_numpy(zero_copy_only=False)
    ordinals: np.ndarray = days.astype(np.int64) + EPOCH_ORDINAL
    return ordinals


def _names(actors: str) -> tuple[str, ...]:
    """The actors' names of a row's ``actors`` cell, as a record read from the row has them.

    >>> _names("Syrian Arab Army; Islamic State"), _names('[{"name": "Hezbollah", "side": "pro-government"}]')
    (('Syrian Arab Army', 'Islamic State'), ('Hezbollah',))
    """
    found = unflatten({"actors": actors})["actors"]
    return tuple(str(a if isinstance(a, str) else a.get("name", "")).strip() for a in found)


@dataclass(frozen=True)
class _TablePoints:
    """The plain rows of one table read as points, with their ids and row numbers (from 1)."""

    path: Path
    points: Points
    ids: Any  # pyarrow string array
    numbers: np.ndarray


def _table_points(path: Path, columns: pa.Table, plain: np.ndarray) -> tuple[_TablePoints, list[Problem]]:
    """The plain rows of ``columns`` as points; a problem for rows with no point or no dates."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows = columns.filter(plain)
    numbers = np.flatnonzero(plain) + 1  # rows count from 1, as in the messages about records
    lat = rows["latitude"].to_numpy().astype(float) if len(rows) else np.zeros(0)
    lon = rows["longitude"].to_numpy().astype(float) if len(rows) else np.zeros(0)
    start, end = _days(rows["start"]), _days(rows["end"])
    encoded = pc.dictionary_encode(pc.fill_null(rows["actors"], "")).combine_chunks()
    names = tuple(_names(text) for text in encoded.dictionary.to_pylist())
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    named = np.array([bool(actors) and all(actors) for actors in names] or [False], dtype=bool)[codes]
    good = (np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
            & (start > 0) & (end >= start) & named)
    problems = _left_off(path, numbers[~good], "no valid point, dates and actors (latitude, longitude, start, "
                         "end, actors)")
    ids = (rows["id"].cast(pa.string()) if "id" in rows.column_names else pa.nulls(len(rows), pa.string()))
    points = Points(lat[good], lon[good], start[good], end[good], codes[good], names)
    return _TablePoints(path, points, ids.filter(pa.array(good)).combine_chunks(), numbers[good]), problems


def _left_off(path: Path, numbers: np.ndarray, why: str) -> list[Problem]:
    """A problem for each of the first three rows ``numbers`` left off the map, and one for the rest."""
    problems = [Problem(str(path), None, None, "", f"row {number}: {why}; left off the map") for number in numbers[:3]]
    if len(numbers) > 3:
        problems.append(Problem(str(path), None, None, "", f"{len(numbers) - 3} more rows like those left off"))
    return problems


def _unrepeated(events: EventCollection, tables: list[_TablePoints], problems: list[Problem]) -> list[Points]:
    """The points of ``tables`` but the rows whose id a record or an earlier row already uses, each a
    problem, as for records: ids are unique across everything read (a row without one is given one)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    seen = [pa.array([event.id for event in events], pa.string())]
    origins: list[Any] = [lambda i: str(events.origin(events[i].id))]  # where the i-th id of each part was read
    kept = []
    for table in tables:
        everything = pa.concat_arrays(seen)
        offsets = np.cumsum([0, *(len(part) for part in seen)])
        before = pc.fill_null(pc.index_in(table.ids, value_set=everything), -1).to_numpy(zero_copy_only=False)
        codes = pc.fill_null(pc.dictionary_encode(table.ids).indices, -1).to_numpy(zero_copy_only=False)
        first = np.full(int(codes.max(initial=-1)) + 1, -1)
        if (codes >= 0).any():
            values, at = np.unique(codes[codes >= 0], return_index=True)
            first[values] = np.flatnonzero(codes >= 0)[at]
        again = (codes >= 0) & (first[codes] != np.arange(len(codes)))
        repeated = np.flatnonzero((before >= 0) | again)
        for row in repeated[:3]:
            if before[row] >= 0:
                part = int(np.searchsorted(offsets, before[row], side="right")) - 1
                origin = origins[part](int(before[row] - offsets[part]))
            else:
                origin = f"{table.path}:{int(table.numbers[first[codes[row]]])}"
            problems.append(Problem(str(table.path), int(table.numbers[row]), None, "id",
                                    f"{table.ids[int(row)].as_py()!r} is already used by {origin}; ids are unique "
                                    "across everything read"))
        if len(repeated) > 3:
            problems.append(Problem(str(table.path), None, None, "id",
                                    f"{len(repeated) - 3} more rows whose ids are already used, left off the map"))
        mask = np.ones(len(codes), dtype=bool)
        mask[repeated] = False
        kept.append(table.points.where(mask))
        seen.append(table.ids.filter(pa.array(mask)))
        origins.append(lambda i, path=table.path, numbers=table.numbers[mask]: f"{path}:{int(numbers[i])}")
    return kept


def read_points(paths: Iterable[str | Path], *, progress: bool = False,
                at_least: int = AGGREGATE_ABOVE) -> tuple[EventCollection, Points, list[Problem]]:
    """What a map draws of ``paths``: the records (folders, YAML files, and table rows with claims or
    an area), the plain point rows of each table of more than ``at_least`` rows as :class:`Points`,
    and every problem found. A smaller table is read as records, each row a dot with its popup.

    Of a GeoParquet table, only the columns :data:`POINT_COLUMNS` and :data:`CLAIM_COLUMNS` are read
    for its points, and only its rows with claims or an area are read whole."""
    import pyarrow.compute as pc

    from ..load import read_events

    roots = [Path(path) for path in paths]
    whole: list[Path] = []  # read as records
    split: list[tuple[Path, bool]] = []  # tables with rows of claims besides their points
    parts: list[_TablePoints] = []
    problems: list[Problem] = []
    for root in roots:
        if not is_table(root):
            whole.append(root)
            continue
        try:
            columns, parquet = _columns(root)
        except TrackerError as error:
            problems.append(Problem(str(root), None, None, "", str(error)))
            continue
        if len(columns) <= at_least:
            whole.append(root)
            continue
        more = np.zeros(len(columns), dtype=bool)
        for name in CLAIM_COLUMNS:
            if name in columns.column_names:
                more |= pc.is_valid(columns[name]).to_numpy(zero_copy_only=False)
        points, found = _table_points(root, columns, ~more)
        parts.append(points)
        problems += found
        if more.any():
            split.append((root, parquet))
    events, found = read_events(whole, progress=progress)
    problems = found + problems
    for root, parquet in split:
        rows, found = _claimed_rows(root, parquet, progress)
        problems += found
        events = _joined(events, rows, problems)
    return events, concat(_unrepeated(events, parts, problems)), problems


def _joined(events: EventCollection, more: EventCollection, problems: list[Problem]) -> EventCollection:
    """``events`` and then ``more``, but a record of ``more`` whose id is already used (a problem)."""
    from ..records.collection import EventCollection

    kept, origins = list(events), [events.origin(event.id) for event in events]
    first = {event.id: origin for event, origin in zip(kept, origins, strict=True)}
    for event in more:
        origin = more.origin(event.id)
        if event.id in first:
            problems.append(Problem(origin.file, origin.line, None, "id", f"{event.id!r} is already used by "
                                    f"{first[event.id]}; ids are unique across everything read"))
            continue
        first[event.id] = origin
        kept.append(event)
        origins.append(origin)
    return EventCollection(kept, origins)


def _claimed_rows(path: Path, parquet: bool, progress: bool) -> tuple[EventCollection, list[Problem]]:
    """The rows of the table at ``path`` with claims or an area, as records (of GeoParquet, only
    those rows are read)."""
    from ..load import read_events

    if not parquet:
        return read_events([path], progress=progress, claimed_only=True)
    import geopandas as gpd
    import pyarrow.compute as pc

    from ..tables.table import EventTable

    wanted = pc.is_valid(pc.field("claims")) | pc.is_valid(pc.field("area"))
    table = EventTable(gpd.read_parquet(path, filters=wanted).reset_index(drop=True))
    return table.records(progress=progress, name=str(path))
