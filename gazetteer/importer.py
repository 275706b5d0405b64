"""Growing the gazetteer: places from a GeoNames country dump or a CSV, into the user's own table.

Two shapes are read, told apart by their first line:

- a GeoNames dump such as ``SY.txt`` from download.geonames.org: 19 tab-separated columns, no header
  (geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code,
  country code, ..., population, ...);
- a CSV whose header names at least ``name``, ``latitude`` and ``longitude``, and optionally
  ``alternate_names`` (separated by ``|``), ``country``, ``feature``, ``population`` and ``source``.

All rows are checked first; one bad row and nothing is written.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import PlaceFileError, PlaceTableError, Problem, TableOutputError, raised
from .merge import merge_places
from .table import (
    BUNDLED,
    COLUMNS,
    MAX_FIELD_CHARS,
    MAX_USER_PLACES,
    Place,
    PlaceTable,
    check_target,
    read_rows,
    user_table_path,
    write_error,
    write_table,
)

GEONAMES_COLUMNS = 19
#: The largest file imported, in bytes (more than :data:`~gazetteer.table.MAX_USER_PLACES` places of
#: GeoNames would be).
MAX_IMPORT_BYTES = 256 << 20
#: GeoNames feature classes in words.
FEATURE_CLASSES = {
    "A": "administrative area", "H": "water", "L": "area", "P": "populated place", "R": "road",
    "S": "site", "T": "terrain", "U": "undersea", "V": "vegetation",
}


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: int
    replaced: int
    path: Path
    format: str
    #: Places that were already there under another id or in the bundled table, and became one with them.
    merged: int = 0


def read_places(path: Path) -> tuple[list[Place], str]:
    """The places of a GeoNames dump or a CSV, and which of the two it was; ``PlaceFileError`` listing
    every bad line otherwise."""
    if not path.is_file():
        raise PlaceTableError(f"{path} is not a regular file; give the GeoNames dump or CSV file itself")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise PlaceTableError(
            f"{path} is over {MAX_IMPORT_BYTES >> 20} MiB, more than a place table may hold ({MAX_USER_PLACES:,} "
            "places); import only the places you need, such as a GeoNames dump's populated places (feature class "
            "P: `awk -F'\\t' '$7 == \"P\"' TR.txt > TR-places.txt`)"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        problem = Problem(str(path), None, None, "", "the file is not UTF-8; save it as UTF-8")
        raise raised(PlaceFileError)([problem]) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.count("\t") == GEONAMES_COLUMNS - 1:
        places, problems = _collect(_geonames(text, str(path)))
        kind = "GeoNames dump"
    elif {"name", "latitude", "longitude"} <= {h.strip().lower() for h in next(csv.reader([first]), [])}:
        places, problems = _collect(_csv(text, str(path)))
        kind = "CSV"
    else:
        columns = first.count("\t") + 1 if "\t" in first else len(next(csv.reader([first]), []))
        raise raised(PlaceFileError)([Problem(
            str(path), 1, 1, "",
            f"not a GeoNames dump (19 tab-separated columns, like SY.txt) nor a CSV whose header names name, "
            f"latitude and longitude; the first line has {columns} column(s)",
        )])
    if problems:
        raise raised(PlaceFileError)(problems)
    return places, kind


def _collect(rows: Iterator[Place | Problem]) -> tuple[list[Place], list[Problem]]:
    places: list[Place] = []
    problems: list[Problem] = []
    for row in rows:
        if isinstance(row, Problem):
            problems.append(row)
        else:
            places.append(row)
    return places, problems


def _coordinates(lat: str, lon: str, file: str, line: int) -> tuple[float, float] | Problem:
    try:
        latitude, longitude = float(lat), float(lon)
    except ValueError:
        got = f"got {lat!r}, {lon!r}"
        return Problem(file, line, None, "latitude", f"expected numbers for latitude and longitude, {got}")
    if not -90 <= latitude <= 90:
        hint = "; are latitude and longitude swapped?" if -180 <= latitude <= 180 else ""
        return Problem(file, line, None, "latitude", f"latitude {latitude} is outside -90..90{hint}")
    if not -180 <= longitude <= 180:
        return Problem(file, line, None, "longitude", f"longitude {longitude} is outside -180..180")
    return latitude, longitude


def _geonames(text: str, file: str) -> Iterator[Place | Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != GEONAMES_COLUMNS:
            yield Problem(file, number, None, "", f"expected 19 tab-separated columns, found {len(cells)}")
            continue
        point = _coordinates(cells[4], cells[5], file, number)
        if isinstance(point, Problem):
            yield point
            continue
        if not (cells[14] or "0").isdigit():
            yield Problem(file, number, None, "population", f"expected a whole number, got {cells[14][:40]!r}")
            continue
        names = (cells[1], cells[2], *(n for n in cells[3].split(",") if n))
        feature = FEATURE_CLASSES.get(cells[6], "feature") + (f" ({cells[7]})" if cells[7] else "")
        yield Place(
            f"geonames:{cells[0]}", cells[1], *point, cells[8], feature, int(cells[14] or 0),
            f"https://www.geonames.org/{cells[0]}", tuple(dict.fromkeys(names)),
        )


def _csv(text: str, file: str) -> Iterator[Place | Problem]:
    reader = csv.DictReader(text.splitlines())
    reader.fieldnames = [h.strip().lower() for h in reader.fieldnames or []]
    for row in _rows(reader, file):
        if isinstance(row, Problem):
            yield row
            return
        number = reader.line_num
        name = (row.get("name") or "").strip()
        if not name:
            yield Problem(file, number, None, "name", "the name is empty")
            continue
        point = _coordinates(row.get("latitude") or "", row.get("longitude") or "", file, number)
        if isinstance(point, Problem):
            yield point
            continue
        alternates = [n.strip() for n in (row.get("alternate_names") or "").split("|") if n.strip()]
        country = (row.get("country") or "").strip().upper()
        text = (row.get("population") or "0").strip()
        if not text.isdigit():  # what the table holds must read back: no sign, no fraction
            yield Problem(file, number, None, "population",
                          f"expected a whole number of people (0 or more), got {text[:40]!r}")
            continue
        population = int(text)
        yield Place(
            user_id(name, country, *point), name, *point, country,
            (row.get("feature") or "place").strip(), population, (row.get("source") or "").strip(),
            tuple(dict.fromkeys([name, *alternates])),
        )


def _rows(reader: csv.DictReader[str], file: str) -> Iterator[dict[str, str] | Problem]:
    """The rows of ``reader``; a field over :data:`MAX_FIELD_CHARS` ends them with a problem."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # the csv module's own limit on a field (when no one raised it): the same problem
            yield Problem(file, reader.line_num + 1, None, "", f"a field is over {MAX_FIELD_CHARS:,} characters; a "
                          "place's name, names or source is never that long: is this the right file?")
            return
        if any(isinstance(value, str) and len(value) > MAX_FIELD_CHARS for value in row.values()):
            yield Problem(file, reader.line_num, None, "", f"a field is over {MAX_FIELD_CHARS:,} characters; a "
                          "place's name, names or source is never that long: is this the right file?")
            return
        yield row


def user_id(name: str, country: str, latitude: float, longitude: float) -> str:
    """The id of a place imported from a CSV: its name, country and position, so that two places of
    one name stay two, and a name in Arabic script still gives an id.

    >>> user_id("Sinjar", "IQ", 36.3209, 41.87656), user_id("تدمر", "SY", 34.5624, 38.28402)
    ('user:sinjar:iq:36.3209,41.8766', 'user:تدمر:sy:34.5624,38.2840')
    """
    slug = "-".join(re.findall(r"\w+", unicodedata.normalize("NFKC", name).lower()))
    return f"user:{slug}:{country.lower()}:{latitude:.4f},{longitude:.4f}"


def import_places(path: Path, into: Path | None = None, *, force: bool = False) -> ImportResult:
    """Add the places of ``path`` to the user's table (``into``, default :func:`user_table_path`).
    A place already there, in that table or the bundled one, is merged with it (:mod:`gazetteer.merge`:
    the same id, or the same name and kind within a few km): one place, one entry. Nothing is written
    when any row is bad.

    The table is written atomically (:func:`~gazetteer.table.write_table`: a temporary renamed over
    the old table). ``into`` is never ``path`` itself, and an existing ``into`` that is not a place table
    is replaced only with ``force``."""
    target = into or user_table_path()
    if into is None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)  # the user data folder, made on first use
        except OSError as error:
            raise write_error(target, error) from error
    try:
        check_target(target, inputs=[path])
        foreign = target.is_file() and not _is_table(target)
    except OSError as error:
        raise error if isinstance(error, TableOutputError) else write_error(target, error) from error
    if foreign and not force:
        raise TableOutputError(f"{target} exists and is not a place table (its first line is not the table's header); "
                          "pass --force to replace it")
    places, kind = read_places(path)
    own = PlaceTable(read_rows(target)).places if target.is_file() and not foreign else []
    own_ids = {place.id for place in own}
    bundled = [p for p in PlaceTable.read([BUNDLED]).places if p.id not in own_ids] if target != BUNDLED else []
    result = merge_places([*own, *bundled], places)
    known = len(own) + len(bundled)
    kept = [*result.places[: len(own)], *(result.places[i] for i in sorted(result.changed) if len(own) <= i < known),
            *result.places[known:]]  # the user's places, the bundled ones merged with an import, the new ones
    if len(kept) > MAX_USER_PLACES:
        raise PlaceTableError(
            f"{target} would hold {len(kept):,} places, over the {MAX_USER_PLACES:,} a place table may hold "
            "(each command reads it whole), so nothing was imported; import only the places you need, such as a "
            "GeoNames dump's populated places (feature class P), or keep a table per region (--into) and point "
            "$TRACKER_GAZETTEER at the one in use"
        )
    write_table(target, (place.to_row() for place in kept), inputs=[path])
    replaced = sum(place.id in own_ids for place in places)
    return ImportResult(result.added, replaced, target, kind, result.merged + result.replaced - replaced)


def _is_table(path: Path) -> bool:
    """Whether ``path`` starts with the header of the place table format (an empty file counts)."""
    try:
        with path.open("rb") as stream:
            first = stream.readline(4096)
    except OSError:
        return True  # reading it again below says what is wrong
    return not first or first.rstrip(b"\r\n") == "\t".join(COLUMNS).encode()
