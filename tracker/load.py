"""Reading events from whatever a user names: folders and files of YAML records, and event tables.

>>> events, problems = read_events(["events", "tests/data/interop/ucdp-ged-sample.csv"])
>>> events.get("al-tanf-deconfliction-zone").area.circle.radius.to("km")
55.0
>>> print(problems[0].message)
tests/data/interop/ucdp-ged-sample.csv is a UCDP export, not an event table; import it first: ...
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path

from .errors import Problem, RecordError, TrackerError
from .records.collection import EventCollection, PathArg, read_records
from .records.yaml import Origin
from .tables.paths import is_table


def read_events(
    paths: PathArg | Iterable[PathArg], *, progress: bool = False, claimed_only: bool = False
) -> tuple[EventCollection, list[Problem]]:
    """The valid records under ``paths`` (folders, files or event tables) and every problem found,
    without raising.

    ``claimed_only`` reads, from event tables, only the rows with claims or areas (what checking
    claims needs; a dataset's plain points are skipped without being made into records).

    ``progress`` shows a progress bar on standard error when it is a terminal.

    >>> events, problems = read_events(["events", "no-such-folder"])
    >>> len(events) > 0, [problem.message for problem in problems]
    (True, ['no such file or folder'])
    """
    roots = [Path(paths)] if isinstance(paths, str | PathLike) else [Path(p) for p in paths]
    tables = [root for root in roots if is_table(root)]
    records, problems = read_records([root for root in roots if root not in tables], progress=progress)
    if not tables:
        return records, problems
    events = list(records)
    origins = [records.origin(event.id) for event in events]
    first: dict[str, Origin] = dict(zip((event.id for event in events), origins, strict=True))
    for table_events, table_problems in (_read_table(root, progress, claimed_only) for root in tables):
        problems.extend(table_problems)
        for event in table_events:
            origin = table_events.origin(event.id)
            if event.id in first:
                problems.append(Problem(origin.file, origin.line, None, "id", f"{event.id!r} is already used by "
                                        f"{first[event.id]}; ids are unique across everything read"))
                continue
            first[event.id] = origin
            events.append(event)
            origins.append(origin)
    return EventCollection(events, origins), problems


def _read_table(path: Path, progress: bool, claimed_only: bool = False) -> tuple[EventCollection, list[Problem]]:
    """The records of an event table file, each row validated (rows are numbered from 1)."""
    from .tables.table import EventTable  # GeoPandas: loaded only when a table is read

    try:
        table = EventTable.read(path)
        if claimed_only:
            table = table.claimed()
        return table.records(progress=progress, name=str(path))
    except TrackerError as error:
        return EventCollection([]), [Problem(str(path), None, None, "", str(error))]


def load_events(paths: PathArg | Iterable[PathArg], *, progress: bool = False) -> EventCollection:
    """Read and validate every record under ``paths`` (folders, files or event tables).

    Raises :class:`~tracker.errors.RecordError` listing every problem of every file when any record is
    invalid, so one run shows all there is to fix.

    >>> events = load_events("events")
    >>> events.get("al-tanf-deconfliction-zone").area.circle.radius.to("km")
    55.0
    >>> load_events("no-such-folder")
    Traceback (most recent call last):
    ...
    tracker.errors.RecordError: no-such-folder: no such file or folder
    """
    events, problems = read_events(paths, progress=progress)
    if problems:
        raise RecordError(problems)
    return events
