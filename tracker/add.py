"""Adding records to an events folder: validated, their places resolved, their claims checked, and
written whole or not at all.

:func:`add_events` reads records from YAML files (or a stream), and refuses the whole call when any
of them is invalid, names a place the gazetteer cannot settle, reuses a stored id, or repeats a stored
record (same date and type, location within :data:`REPEAT_METRES`). Otherwise each record is written
to its own file, ``ID.yaml``, with its keys in the documented order, the author's comments kept, and
a ``resolved:`` key recording the gazetteer entry behind each place name. The files are staged in one
hidden folder and committed with one rename (:mod:`tracker.files.batches`), so that even a process killed
midway leaves the whole batch or none of it once the next command has read the folder; the folder is
locked meanwhile, so two ``tracker add`` running at once never both take the same id.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import FolderWriteError, InputError, OutputError, Problem, RecordError, TrackerError
from .files.batches import LOCK_TIMEOUT as LOCK_TIMEOUT  # still importable from here
from .files.batches import folder_lock, recover, remove_lock_file, write_batch
from .files.failures import fix, folder_error, reason
from .geo.places import Resolution, place_names, resolve_places, resolved_entry
from .load import read_events
from .records.collection import EventCollection
from .records.model import Coordinates, Event, Resolved
from .records.roundtrip import read_documents, stored_yaml
from .records.yaml import MAX_FILE_BYTES, Origin, position, read_bytes, read_file

# Checking claims and measuring distances (pyproj) are imported where they are used: an add refused
# for its records, and `import tracker.add`, start without them.
if TYPE_CHECKING:
    from gazetteer import Gazetteer

    from .claims.check import ClaimResult

#: Two records of the same dates and type whose locations lie closer than this (in metres) are taken
#: for one event told twice.
REPEAT_METRES = 1000.0

Source = str | os.PathLike[str] | IO[bytes]


@dataclass(frozen=True)
class Added:
    """One record written by :func:`add_events`: the record as stored, its file, its claims' verdicts."""

    event: Event
    path: Path
    results: tuple[ClaimResult, ...]
    replaced: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The record's id, title, file and verdicts (the items of ``tracker add --json``)."""
        return {
            "id": self.event.id,
            "title": self.event.title,
            "file": str(self.path),
            "replaced": self.replaced,
            "claims": [result.to_dict() for result in self.results],
        }


@dataclass(frozen=True)
class _Input:
    event: Event
    origin: Origin
    text: bytes
    record_dir: Path


def add_events(
    sources: Iterable[Source],
    into: str | os.PathLike[str] = "events",
    *,
    force: bool = False,
    gazetteer: Gazetteer | None = None,
    progress: bool = False,
) -> list[Added]:
    """Add the records of ``sources`` (YAML files, or binary streams such as standard input) to the
    events folder ``into``: all of them, or none.

    A record without an ``id`` gets one made of its title and first date. Raises
    :class:`~tracker.errors.RecordError` listing every problem when any record is invalid, names an
    unknown or ambiguous place, uses an id already stored, or repeats a stored record; nothing is
    written then. ``force`` adds repeats anyway and replaces a stored record of the same id.
    ``progress`` shows a bar, on a terminal, while the stored records are read.

    >>> import shutil, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "new.yaml").write_text(
    ...     "date: 2017-03-02\\ntitle: Syrian army retakes Palmyra\\ntype: Battles\\n"
    ...     "actors: [Syrian Arab Army]\\nlocation: Palmyra\\nclaims:\\n  - direction: east\\n    of: Homs\\n")
    >>> [added] = add_events([folder / "new.yaml"], folder / "events")
    >>> added.path.name, added.results[0].verdict
    ('syrian-army-retakes-palmyra-2017-03-02.yaml', 'holds')
    >>> add_events([folder / "new.yaml"], folder / "events")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tracker.errors.RecordError: ...: id: 'syrian-army-retakes-palmyra-2017-03-02' is already used by ...
    >>> shutil.rmtree(folder)
    """
    inputs, problems = _read_inputs(sources)
    folder = Path(into)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file; --into takes the events folder")
    made = [parent for parent in (folder, *folder.parents) if not parent.exists()]  # what this call creates
    try:
        with folder_lock(folder):
            return _add_locked(inputs, problems, folder, force, gazetteer, progress)
    except OSError as error:
        for parent in made:
            _remove_if_empty(parent)
        if isinstance(error, TrackerError) and not isinstance(error, FolderWriteError):
            raise
        raise _failure(error, folder) from None
    except BaseException:
        for parent in made:  # deepest first; a folder another command wrote into stays
            _remove_if_empty(parent)
        raise


def _failure(error: OSError, folder: Path) -> FolderWriteError:
    """One line for an error of the file system: the file or folder, what went wrong, what to do."""
    name = folder if isinstance(error, FolderWriteError) or error.filename is None else Path(error.filename)
    written = os.path.abspath(folder) in (os.path.abspath(name), *map(str, Path(os.path.abspath(name)).parents))
    if written or os.path.abspath(name) in map(str, Path(os.path.abspath(folder)).parents):
        return folder_error(f"cannot write to {name}: {reason(error)}; nothing was added to {folder}; "
                            f"{fix(error, 'add to another folder with --into')}", error, name)
    return folder_error(f"cannot read {name}: {reason(error)}; nothing was added to {folder}; "
                        "check that the file is there and readable", error, name)


def _read_inputs(sources: Iterable[Source]) -> tuple[list[_Input], list[Problem]]:
    inputs: list[_Input] = []
    problems: list[Problem] = []
    for source in sources:
        if isinstance(source, str | os.PathLike):
            path = Path(source)
            if path.is_dir():
                problems.append(Problem(str(path), None, None, "", "is a folder; give the YAML files to add"))
                continue
            records, found = read_file(path)
            raw = path.read_bytes() if records else b""
            record_dir = path.parent
        else:
            raw = source.read(MAX_FILE_BYTES + 1)
            name = getattr(source, "name", "")
            name = name if isinstance(name, str) and name and not name.startswith("<") else "<stdin>"
            record_dir = Path.cwd()
            records, found = read_bytes(raw, name, record_dir, record_dir)
        problems.extend(found)
        inputs.extend(_Input(event, origin, raw, record_dir) for event, origin in records)
    if not inputs and not problems:
        raise InputError("no records to add; give YAML files holding records, or - for standard input")
    return inputs, problems


def _add_locked(inputs: list[_Input], invalid: list[Problem], folder: Path, force: bool,
                gazetteer: Gazetteer | None, progress: bool) -> list[Added]:
    """The rest of :func:`add_events`, under the folder's lock; ``invalid`` are the problems of the
    input files, reported with those found here so that one run shows everything to fix."""
    recover(folder)  # what an add killed midway left: completed or undone
    stored = _stored(folder, progress)
    targets, replaced, problems = _targets(inputs, stored, folder, force)
    problems[:0] = invalid
    kept, everything = _together(inputs, stored)
    resolution = _resolve(inputs, everything, gazetteer)
    files = {item.origin.file for item in inputs}
    problems.extend(problem for problem in resolution.problems if problem.path in files)
    if not problems and not force:
        problems.extend(_repeats(inputs, kept, everything, resolution))
    problems.extend(_area_files(inputs, folder, targets))
    if problems:
        raise RecordError(problems)
    results = _verdicts(inputs, everything, gazetteer)
    writes, added = _writes(inputs, targets, replaced, resolution, results)
    write_batch(folder, writes)
    return added


def _stored(folder: Path, progress: bool) -> EventCollection:
    """The records stored in ``folder``, which must all be valid for new ones to be compared with them."""
    stored, problems = read_events(folder, progress=progress)
    problems = [p for p in problems if "no .yaml files here" not in p.message]
    if problems:
        advice = (f"the events folder has invalid records; fix them first (`tracker validate {folder}`), "
                  "so that new records can be compared with them")
        raise RecordError([*problems, Problem(str(folder), None, None, "", advice)])
    return stored


def _together(inputs: list[_Input], stored: EventCollection) -> tuple[list[Event], EventCollection]:
    """The stored records the new ones leave in place, and those together with the new ones."""
    unique = _last_of_each_id(inputs)
    adding = {item.event.id for item in unique}
    kept = [event for event in stored if event.id not in adding]
    everything = EventCollection(
        [*kept, *(item.event for item in unique)],
        [*(stored.origin(event.id) for event in kept), *(item.origin for item in unique)],
    )
    return kept, everything


def _resolve(inputs: list[_Input], everything: EventCollection, gazetteer: Gazetteer | None) -> Resolution:
    """The places of every record resolved, a record read from standard input with its text at hand."""
    streams = {item.origin.file: item.text.decode("utf-8-sig") for item in _last_of_each_id(inputs)
               if item.origin.file == "<stdin>"}
    return resolve_places(everything, gazetteer, streams)


def _last_of_each_id(inputs: list[_Input]) -> list[_Input]:
    """One input per id, the first given (an id given twice is one of the problems :func:`_targets` finds)."""
    return list({item.event.id: item for item in reversed(inputs)}.values())[::-1]


def _verdicts(inputs: list[_Input], everything: EventCollection,
              gazetteer: Gazetteer | None) -> dict[str, list[ClaimResult]]:
    """The verdicts on the claims of the new records, by id."""
    from .claims.check import check_claims

    report = check_claims(everything, gazetteer)
    results: dict[str, list[ClaimResult]] = {}
    new = {item.event.id for item in inputs}
    for result in report.results:
        if result.event in new:
            results.setdefault(result.event, []).append(result)
    return results


def _writes(inputs: list[_Input], targets: dict[str, Path], replaced: set[str], resolution: Resolution,
            results: dict[str, list[ClaimResult]]) -> tuple[list[tuple[Path, bytes]], list[Added]]:
    """The files to write for the new records (each record, and the GeoJSON file of its area where it
    moves), and what is added."""
    writes: list[tuple[Path, bytes]] = []
    added: list[Added] = []
    parsed: dict[int, list[Any]] = {}  # each input's documents, read once (a file may hold many records)
    for item in inputs:
        record = _with_resolved(item.event, resolution)
        target = targets[record.id]
        if id(item.text) not in parsed:
            parsed[id(item.text)] = read_documents(item.text)
        text = stored_yaml(item.text, item.origin.document, record, item.record_dir, parsed[id(item.text)])
        writes.append((target, text.encode("utf-8")))
        writes.extend(_area_file(record, item.record_dir, target))
        added.append(Added(record, target, tuple(results.get(record.id, ())), record.id in replaced))
    return writes, added


def _area_file(record: Event, record_dir: Path, target: Path) -> list[tuple[Path, bytes]]:
    """The GeoJSON file of the record's area, to be written beside ``target`` where it is elsewhere now."""
    if record.area is None or record.area.geojson is None:
        return []
    source = (record_dir / record.area.geojson).resolve()
    destination = target.parent / record.area.geojson  # beside the file the record is written to
    return [(destination, source.read_bytes())] if source != destination.resolve() else []


def _targets(
    inputs: list[_Input], stored: EventCollection, folder: Path, force: bool
) -> tuple[dict[str, Path], set[str], list[Problem]]:
    """The file each new record goes to, the stored records replaced (``--force``), and the problems
    of ids used twice."""
    problems: list[Problem] = []
    targets: dict[str, Path] = {}
    replaced: set[str] = set()
    first: dict[str, Origin] = {}
    for item in inputs:
        event, origin = item.event, item.origin
        if event.id in first:
            problems.append(_at(item, ["id"], f"{event.id!r} is also the id of the record at {first[event.id]}; "
                                                "give one of them another id"))
            continue
        first[event.id] = origin
        old = stored.get(event.id)
        if old is not None:
            where = stored.origin(event.id).file
            if Path(where).resolve() == Path(origin.file).resolve():
                problems.append(_at(item, ["id"], f"{event.id!r} would be written over {where}, the file it is "
                                                    f"read from; a record already in {folder} needs no adding: "
                                                    "edit it there, or add a copy kept outside the folder"))
            elif not force:
                problems.append(_at(item, ["id"], f"{event.id!r} is already used by {where} ({old.title!r}); "
                                                    "give this record another id, or add it with --force to "
                                                    "replace that one"))
            elif len(read_file(Path(where))[0]) > 1:
                problems.append(_at(item, ["id"], f"{event.id!r} is stored in {where} with other records; "
                                                    "--force replaces only a record that has its own file"))
            else:
                replaced.add(event.id)
                targets[event.id] = Path(where)
            continue
        target = folder / f"{event.id}.yaml"
        if target.exists():
            problems.append(_at(item, ["id"], f"{target} already exists and does not hold record {event.id!r}; "
                                                "give this record another id"))
        targets[event.id] = target
    return targets, replaced, problems


def _at(item: _Input, path: list[str | int], message: str) -> Problem:
    origin = item.origin
    line, column = position(origin, path, text=item.text.decode("utf-8-sig"))
    return Problem(origin.file, line, column, ".".join(map(str, path)), message)


def _with_resolved(event: Event, resolution: Resolution) -> Event:
    """The record with ``resolved:``, the gazetteer entry behind each of its place names."""
    resolved: dict[str, Resolved] = {}
    for path, name in place_names(event):
        match = resolution.matches.get((event.id, path))
        if match is None or match.place is None:
            continue  # an event id (the ``to`` of a distance to another event's area), not a place
        resolved.setdefault(name, resolved_entry(match))
    return event.model_copy(update={"resolved": resolved or None})


def _location(event: Event, resolution: Resolution) -> tuple[float, float] | None:
    if isinstance(event.location, Coordinates):
        return event.location.lat, event.location.lon
    match = resolution.matches.get((event.id, ("location",)))
    return (match.place.latitude, match.place.longitude) if match is not None and match.place else None


def _repeats(inputs: list[_Input], stored: list[Event], events: EventCollection,
             resolution: Resolution) -> Iterator[Problem]:
    """A problem for each new record that tells a stored one (or an earlier new one) again."""
    from .geo.geodesy import distances

    by_day: dict[tuple[dt.date, dt.date, str], list[Event]] = {}
    for event in stored:
        by_day.setdefault((event.start, event.end, event.type), []).append(event)
    for item in inputs:
        event = item.event
        key = (event.start, event.end, event.type)
        here = _location(event, resolution)
        for other in by_day.get(key, []):
            there = _location(other, resolution)
            if here is None or there is None:
                continue
            metres = float(distances(here[0], here[1], there[0], there[1]))
            if metres <= REPEAT_METRES:
                yield _at(item, ["location"],
                          f"repeats {other.id!r} ({events.origin(other.id).file}): same date and type "
                          f"({event.type}), locations {metres / 1000:.2f} km apart; if it is another event, "
                          "add it with --force")
                break
        by_day.setdefault(key, []).append(event)


def _area_files(inputs: list[_Input], folder: Path, targets: dict[str, Path]) -> Iterator[Problem]:
    """An area's GeoJSON file goes with its record, to the same place relative to the file the record
    is written to."""
    for item in inputs:
        area = item.event.area
        if area is None or area.geojson is None or item.event.id not in targets:
            continue
        source = (item.record_dir / area.geojson).resolve()
        destination = (targets[item.event.id].parent / area.geojson).resolve()
        if not destination.is_relative_to(folder.resolve()):
            yield _at(item, ["area", "geojson"], f"{area.geojson!r} would lie outside {folder}; "
                                                        "keep the GeoJSON file next to the record")
        elif source != destination and destination.exists() and destination.read_bytes() != source.read_bytes():
            yield _at(item, ["area", "geojson"], f"{destination} exists with other contents; rename "
                                                        "this record's GeoJSON file")


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file, or none, even if the process is killed midway: staged in one hidden folder
    beside them and committed with one rename (see :mod:`tracker.files.batches`), under the lock of the
    folder that holds them all. Raises :class:`~tracker.errors.FolderWriteError` when they cannot
    be written; nothing is changed then."""
    if not files:
        return
    root = Path(os.path.commonpath([os.path.abspath(path.parent) for path, _data in files]))
    with folder_lock(root):
        recover(root)
        write_batch(root, files)


def _remove_if_empty(folder: Path) -> None:
    try:
        remove_lock_file(folder)
        folder.rmdir()
    except OSError:
        pass  # something else is in it now: leave it
