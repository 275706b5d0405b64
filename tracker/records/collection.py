"""Loading a folder of records into an :class:`EventCollection`, and its table forms."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from ..errors import Problem, RecordError, TrackerError
from ..files.batches import finish_interrupted
from ..text import not_regular, not_regular_problem
from .model import Event
from .point_claims import PointClaims, point_claims
from .yaml import Origin, dump_events, position, read_file, yaml_files

if TYPE_CHECKING:
    import geopandas
    import pandas

PathArg = str | PathLike[str]


class EventCollection(Sequence[Event]):
    """Event records in the order they were read, each with the file and line it came from.

    >>> events = EventCollection([])
    >>> len(events), events.to_dataframe().shape
    (0, (0, 14))
    """

    def __init__(self, events: Iterable[Event], origins: Iterable[Origin] | None = None):
        self._events = list(events)
        self._origins = list(origins) if origins is not None else [Origin("<memory>", 1)] * len(self._events)
        self._by_id = {event.id: event for event in self._events}
        self._origin_by_id = {event.id: origin for event, origin in zip(self._events, self._origins, strict=True)}
        self._point_claims: list[PointClaims] | None = None

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> EventCollection: ...
    def __getitem__(self, index: int | slice) -> Event | EventCollection:
        if isinstance(index, slice):
            return EventCollection(self._events[index], self._origins[index])
        return self._events[index]

    def __len__(self) -> int:
        return len(self._events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def __repr__(self) -> str:
        return f"<EventCollection of {len(self)} events>"

    def get(self, event_id: str) -> Event | None:
        """The event with this id, or ``None``."""
        return self._by_id.get(event_id)

    def origin(self, event_id: str) -> Origin:
        """The file and line the event with this id was read from."""
        return self._origin_by_id[event_id]

    def point_claims(self) -> list[PointClaims]:
        """Each record's claims whose place is given as coordinates, as columns (see
        :func:`~tracker.records.point_claims.point_claims`): made on first use and kept, so that checking
        the same records again measures them at once."""
        if self._point_claims is None:
            self._point_claims = [point_claims(event) for event in self._events]
        return self._point_claims

    def to_yaml(self) -> str:
        """All records as one YAML stream."""
        return dump_events(self._events)

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per event: its keys as columns, lists as Python lists, dates as ``datetime64``.

        ``latitude``/``longitude`` are filled where the location is given as coordinates; a named
        location is left to the gazetteer.
        """
        import pandas as pd

        rows = [_row(event, origin) for event, origin in zip(self._events, self._origins, strict=True)]
        frame = pd.DataFrame(rows, columns=list(_COLUMNS))
        for column in ("start", "end"):
            frame[column] = pd.to_datetime(frame[column])
        return frame.astype({"precision": "Int64", "latitude": "float64", "longitude": "float64"})

    def to_geodataframe(self) -> geopandas.GeoDataFrame:
        """:meth:`to_dataframe` with a point ``geometry`` (WGS84) where the location has coordinates."""
        import geopandas as gpd

        frame = self.to_dataframe()
        points = gpd.GeoSeries(gpd.points_from_xy(frame["longitude"], frame["latitude"]), index=frame.index)
        points[frame["latitude"].isna()] = None
        return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


_COLUMNS = (
    "id", "start", "end", "title", "type", "sub_type", "actors", "location",
    "latitude", "longitude", "precision", "claims", "sources", "file",
)


def _row(event: Event, origin: Origin) -> tuple[Any, ...]:
    where = event.location
    named = isinstance(where, str)
    lat, lon = (None, None) if isinstance(where, str) else (where.lat, where.lon)
    return (
        event.id,
        event.start,
        event.end,
        event.title,
        event.type,
        event.sub_type,
        [actor.name for actor in event.actors],
        where if named else f"{lat}, {lon}",
        lat,
        lon,
        event.precision,
        len(event.claims),
        len(event.sources),
        origin.file,
    )


@contextmanager
def no_garbage_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: records make no cycles, and its passes over the many new
    objects of a large load cost more than the load itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_records(
    paths: PathArg | Iterable[PathArg], *, progress: bool = False
) -> tuple[EventCollection, list[Problem]]:
    """The valid YAML records under ``paths`` (folders or files) and every problem found, without
    raising (:func:`tracker.load.read_events` reads event tables too).

    ``progress`` shows a progress bar on standard error when it is a terminal.

    >>> events, problems = read_records(["events", "no-such-folder"])
    >>> len(events) > 0, [problem.message for problem in problems]
    (True, ['no such file or folder'])
    """
    roots = [Path(paths)] if isinstance(paths, str | PathLike) else [Path(p) for p in paths]
    problems: list[Problem] = []
    files: list[tuple[Path, Path]] = []
    for root in roots:
        if not root.exists():
            problems.append(Problem(str(root), None, None, "", "no such file or folder"))
            continue
        kind = None if root.is_dir() else not_regular(root)
        if kind is not None:
            problems.append(Problem(str(root), None, None, "", not_regular_problem(kind)))
            continue
        try:
            finish_interrupted(root)  # a `tracker add` killed midway: its batch whole or not at all
        except TrackerError as error:
            problems.append(Problem(str(root), None, None, "", str(error)))
        found = yaml_files(root)
        if not found:
            problems.append(Problem(str(root), None, None, "", "no .yaml files here; a record is one .yaml file"))
        files.extend((file, root if root.is_dir() else file.parent) for file in found)
    if progress:
        from tqdm import tqdm

        files = tqdm(files, unit="file", desc="reading", disable=None, leave=False)  # type: ignore[assignment]
    events: list[Event] = []
    origins: list[Origin] = []
    first: dict[str, Origin] = {}
    with no_garbage_collection():
        for file, folder in files:
            records, found_problems = read_file(file, folder)
            problems.extend(found_problems)
            for event, origin in records:
                if event.id in first:
                    problems.append(_duplicate_id(event.id, origin, first[event.id]))
                    continue
                first[event.id] = origin
                events.append(event)
                origins.append(origin)
    return EventCollection(events, origins), problems


def _duplicate_id(event_id: str, origin: Origin, first: Origin) -> Problem:
    line, column = position(origin, ["id"], key=True)
    return Problem(
        origin.file, line, column, "id",
        f"{event_id!r} is already used by {first}; ids are unique across the folder, so rename one "
        "of the two",
    )


def load_records(paths: PathArg | Iterable[PathArg], *, progress: bool = False) -> EventCollection:
    """Read and validate every YAML record under ``paths`` (folders or files).

    Raises :class:`~tracker.errors.RecordError` listing every problem of every file when any record is
    invalid, so one run shows all there is to fix.

    >>> events = load_records("events")
    >>> events.get("al-tanf-deconfliction-zone").area.circle.radius.to("km")
    55.0
    >>> load_records("no-such-folder")
    Traceback (most recent call last):
    ...
    tracker.errors.RecordError: no-such-folder: no such file or folder
    """
    events, problems = read_records(paths, progress=progress)
    if problems:
        raise RecordError(problems)
    return events
