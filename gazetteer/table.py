"""The place table: the bundled places, plus the user's own, indexed by normalised name."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import re
import secrets
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .errors import PlaceTableError, TableOutputError
from .normalize import first_sounds, normalize

BUNDLED = Path(__file__).resolve().parent / "data" / "places.tsv"
COLUMNS = ("id", "name", "latitude", "longitude", "country", "feature", "population", "names", "keys", "source")
#: The columns a place table must have (the others may be empty or missing).
REQUIRED = ("id", "name", "latitude", "longitude", "country", "feature")
#: The most places a user's table may hold: every command that resolves places reads the table whole
#: (100,000 rows take some 3 seconds; a whole country's GeoNames dump of populated places is less).
MAX_USER_PLACES = 100_000
#: The longest field of a place table, in characters (Python's csv module refuses longer by default).
MAX_FIELD_CHARS = 131_072
#: Where ``tracker gazetteer import`` keeps the user's places; ``TRACKER_GAZETTEER`` overrides it.
USER_TABLE_ENV = "TRACKER_GAZETTEER"


def user_table_path() -> Path:
    """The user's own place table: ``$TRACKER_GAZETTEER``, else ``places.tsv`` in the user data folder."""
    if os.environ.get(USER_TABLE_ENV):
        return Path(os.environ[USER_TABLE_ENV])
    import platformdirs

    return Path(platformdirs.user_data_dir("conflict-tracker")) / "places.tsv"


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer."""

    id: str
    name: str
    latitude: float
    longitude: float
    country: str
    feature: str
    population: int = 0
    source: str = ""
    names: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: The normalised forms of ``names`` when already known (from a table's ``keys`` column), else empty.
    keys: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: The normalised names the bundled table gives the place (GeoNames' own, or a curated source's),
    #: when it is there; empty for a place only an imported table holds (see :class:`PlaceTable`).
    listed: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def name_keys(self) -> tuple[str, ...]:
        """The distinct normalised forms of the place's names (``keys`` when known).

        >>> Place("x", "Deir ez-Zor", 35.3, 40.1, "SY", "place", names=("Deir ez-Zor", "Dayr az Zawr")).name_keys()
        ('dair zur',)
        """
        if self.keys:
            return self.keys
        return tuple(k for k in dict.fromkeys(map(normalize, self.names or (self.name,))) if k)

    def label(self) -> str:
        """'Name (CC, lat, lon)', for messages."""
        return f"{self.name} ({self.country}, {self.latitude:.4f}, {self.longitude:.4f})"

    def to_row(self, keys: Sequence[str] | None = None) -> dict[str, str]:
        """The place as a row of the table format."""
        names = self.names or (self.name,)
        return {
            "id": self.id, "name": self.name, "latitude": f"{self.latitude:.5f}", "longitude": f"{self.longitude:.5f}",
            "country": self.country, "feature": self.feature, "population": str(self.population),
            "names": "|".join(names),
            "keys": "|".join(keys if keys is not None else self.name_keys()),
            "source": self.source,
        }


def _row_keys(row: dict[str, str]) -> tuple[str, ...]:
    """The normalised names of a table's row: its ``keys`` column, else its names normalised."""
    if row.get("keys"):
        return tuple(k for k in row["keys"].split("|") if k)
    names = row["names"].split("|") if row.get("names") else [row["name"]]
    return tuple(k for k in dict.fromkeys(map(normalize, names)) if k)


class PlaceTable:
    """Places indexed by the normalised forms of all their names.

    The bundled table (GeoNames' towns of 500 people or more and the seats of administrative areas,
    with GeoNames' own alternate names, and the curated sites) is the reference; a table the user
    imports adds villages and more names, some of them noise (the dumps of Who's On First give a town
    the names of unrelated things). So each place keeps the names the bundled table gives it
    (:attr:`Place.listed`), which :func:`gazetteer.context.by_listing` weighs.
    """

    def __init__(self, rows: Iterable[dict[str, str]], *, listed: dict[str, tuple[str, ...]] | None = None):
        """Index ``rows`` (dicts with the table's columns); a later row with the id of an earlier one
        replaces it, so the user's table can correct a bundled place. ``listed`` holds, by id, the
        normalised names of the places of the bundled table (:meth:`read` fills it in)."""
        listed = listed or {}
        self.places: list[Place] = []
        self.key_rows: dict[str, list[int]] = {}
        for row in {row["id"]: row for row in rows}.values():
            index = len(self.places)
            names = tuple(row["names"].split("|")) if row.get("names") else (row["name"],)
            self.places.append(
                Place(
                    row["id"], row["name"], float(row["latitude"]), float(row["longitude"]), row["country"],
                    row["feature"], int(row.get("population") or 0), row.get("source", ""), names,
                )
            )
            keys = row["keys"].split("|") if row.get("keys") else [normalize(n) for n in names]
            self.places[-1] = replace(self.places[-1], keys=tuple(k for k in keys if k),
                                      listed=listed.get(row["id"], ()))
            for key in dict.fromkeys(keys):
                if key:
                    self.key_rows.setdefault(key, []).append(index)
        #: Every distinct key, for fuzzy matching; ``choice_rows[i]`` are the places of ``choices[i]``.
        self.choices: list[str] = list(self.key_rows)
        self.choice_rows: list[list[int]] = [self.key_rows[k] for k in self.choices]
        #: The sounds each choice may begin with (:func:`first_sounds`), which a fuzzy match must share.
        self.choice_sounds = np.array([first_sounds(k) for k in self.choices], dtype=np.int64)
        self.latitudes = np.array([p.latitude for p in self.places], dtype=float)
        self.longitudes = np.array([p.longitude for p in self.places], dtype=float)
        self.populations = np.array([p.population for p in self.places], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.places)

    @classmethod
    def read(cls, paths: Iterable[Path]) -> PlaceTable:
        """The places of one or more TSV files in the table format, in order (later files extend).

        Each file is checked as it is read (:func:`read_rows`): a file that is no place table, a row
        whose numbers are not numbers, or a table of more than :data:`MAX_USER_PLACES` rows raises
        :class:`~gazetteer.errors.PlaceTableError` naming the file and line.
        """
        rows: list[dict[str, Any]] = []
        listed: dict[str, tuple[str, ...]] = {}
        for path in paths:
            read = read_rows(path, None if path == BUNDLED else MAX_USER_PLACES)
            if path == BUNDLED:
                listed = {row["id"]: _row_keys(row) for row in read}
            rows.extend(read)
        return cls(rows, listed=listed)

    @classmethod
    def default(cls, user: bool = True) -> PlaceTable:
        """The bundled places, extended by the user's own table when it exists and ``user`` is true."""
        paths = [BUNDLED]
        if user and user_table_path().exists():
            paths.append(user_table_path())
        return cls.read(paths)

    def name_matched(self, index: int, key: str) -> str:
        """The place's own spelling whose normalised form is ``key``."""
        place = self.places[index]
        return next((name for name in place.names if normalize(name) == key), place.name)


#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def cell_safe(value: str) -> str:
    """A table cell a spreadsheet will not run as a formula: a quote in front of one that begins with
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (not a number), and in front of one that
    begins with quotes before those, so that :func:`cell_text` gives back exactly what was written.

    >>> [cell_safe(v) for v in ("=HYPERLINK(A1)", "-33.5", "'=x", "'Ākra")]
    ["'=HYPERLINK(A1)", '-33.5', "''=x", "'Ākra"]
    """
    if value.startswith(FORMULA_STARTS):
        return value if _NUMBER.fullmatch(value) else "'" + value
    return "'" + value if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS) else value


def cell_text(value: str) -> str:
    """The text a cell written by :func:`cell_safe` stands for.

    >>> [cell_text(cell_safe(v)) for v in ("=1", "'=1", "'Ākra", "-3")]
    ['=1', "'=1", "'Ākra", '-3']
    """
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _where(path: Path) -> str:
    named = os.environ.get(USER_TABLE_ENV)
    return f"{path} (named by ${USER_TABLE_ENV})" if named and Path(named) == path else str(path)


def read_rows(path: Path, limit: int | None = MAX_USER_PLACES) -> list[dict[str, str]]:
    """The rows of a place table, each checked: numbers are numbers, no field is over
    :data:`MAX_FIELD_CHARS`, and there are at most ``limit`` rows (``None``: no limit).

    >>> read_rows(Path("/dev/null"))
    Traceback (most recent call last):
    ...
    gazetteer.errors.PlaceTableError: /dev/null is a character device, not a place table; point $TRACKER_GAZETTEER at \
a places.tsv written by tracker gazetteer import, or unset it
    """
    fix = f"point ${USER_TABLE_ENV} at a places.tsv written by tracker gazetteer import, or unset it"
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else \
                "a character device" if stat.S_ISCHR(mode) else "not a regular file"
            raise PlaceTableError(f"{_where(path)} is {kind}, not a place table; {fix}")
        rows: list[dict[str, str]] = []
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream, delimiter="\t")
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise PlaceTableError(f"{_where(path)} is not a place table: its first line lacks the columns "
                                      f"{', '.join(missing)}; {fix}")
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error:  # the csv module's own limit on a field (when no one raised it)
                    row = {"names": "x" * (MAX_FIELD_CHARS + 1)}
                    _check_row(row, path, reader.line_num + 1)
                _check_row(row, path, reader.line_num)
                rows.append({key: cell_text(value) for key, value in row.items()})
                if limit is not None and len(rows) > limit:
                    raise PlaceTableError(
                        f"{_where(path)} holds more than {limit:,} places, the most a place table may hold (each "
                        "command reads it whole); import only the places you need, such as a GeoNames dump's "
                        "populated places (feature class P), or keep a table per region and point "
                        f"${USER_TABLE_ENV} at the one in use"
                    )
    except csv.Error as error:
        raise PlaceTableError(f"{_where(path)}: not a readable table ({error}); {fix}") from None
    except UnicodeDecodeError:
        raise PlaceTableError(f"{_where(path)} is not UTF-8 text, so not a place table; {fix}") from None
    except OSError as error:
        raise PlaceTableError(f"{_where(path)} cannot be read ({error.strerror}); {fix}") from None
    return rows


def _check_row(row: dict[str, Any], path: Path, line: int) -> None:
    fix = "correct or delete that line (the table is tab-separated text), or import the place again"
    where = f"{_where(path)}:{line}"
    long = any(isinstance(value, str) and len(value) > MAX_FIELD_CHARS for value in row.values())
    if long or None in row:
        what = f"a field is over {MAX_FIELD_CHARS:,} characters" if long else "the line has more fields than the header"
        raise PlaceTableError(f"{where}: {what}; {fix}")
    for key, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
        value = row.get(key) or ""
        try:
            number = float(value)
        except ValueError:
            raise PlaceTableError(f"{where}: {key} {value[:40]!r} is not a number; {fix}") from None
        if not low <= number <= high:
            raise PlaceTableError(f"{where}: {key} {value[:40]!r} is outside {low}..{high}; {fix}")
    population = row.get("population") or "0"
    if not population.isdigit():
        raise PlaceTableError(f"{where}: population {population[:40]!r} is not a whole number; {fix}")
    if not (row.get("id") and row.get("name")):
        raise PlaceTableError(f"{where}: the id or the name is empty; {fix}")


_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space, or write to another disk, and run the command again",
    getattr(errno, "EDQUOT", errno.ENOSPC): "the disk quota is used up; free some space, or write elsewhere, and "
    "run the command again",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "permission denied; choose a folder you can write to",
    errno.EROFS: "the file system is read-only; choose a folder on a disk you can write to",
    errno.ENAMETOOLONG: "the name is too long for the file system; choose a shorter name",
    errno.EFBIG: "the file is too large for this file system; write it to another disk",
    errno.EIO: "the disk reported an input/output error; check the disk, or write to another one",
}


def write_error(path: Path, error: OSError) -> TableOutputError:
    """The one-line error for ``error``, met while writing the table ``path``: the file and what to do.

    >>> print(write_error(Path("places.tsv"), OSError(errno.EROFS, "Read-only file system")))
    cannot write places.tsv: the file system is read-only; choose a folder on a disk you can write to
    """
    advice = _ADVICE.get(error.errno) if error.errno is not None else None
    if advice is None:
        reason = (error.strerror or str(error) or type(error).__name__).rstrip(".")
        advice = f"{reason[:1].lower()}{reason[1:]}; check the path and run the command again"
    return TableOutputError(f"cannot write {path}: {advice}")


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse ``path`` as a table to write, with a :class:`~gazetteer.errors.TableOutputError` saying
    why and what to do: its folder is missing, it is a folder or a device, or it is one of ``inputs``.

    >>> check_target(Path("no-such-folder/places.tsv"))
    Traceback (most recent call last):
    ...
    gazetteer.errors.TableOutputError: the folder no-such-folder does not exist; create it first
    """
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        what = "does not exist; create it first" if not parent.exists() else "is a file, not a folder; give a path " \
            "inside a folder"
        raise TableOutputError(f"the folder {parent} {what}" if not parent.exists() else f"{parent} {what}")
    if path.is_dir():
        raise TableOutputError(f"{path} is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise TableOutputError(f"{path} is not a regular file (a device or a pipe); give the name of a file")
    target = Path(os.path.realpath(path))
    for given in inputs:
        same = Path(os.path.realpath(given)) == target
        if not same and path.exists():
            try:
                same = os.path.samefile(given, path)  # a hard link
            except OSError:
                same = False
        if same:
            raise TableOutputError(f"{path} is also an input of this command; give the output another name")


def write_table(path: Path, rows: Iterable[dict[str, str]], inputs: Iterable[Path] = ()) -> None:
    """Write rows in the table format over ``path``, never over one of ``inputs``, atomically: a
    temporary file next to it, flushed to disk and renamed over the old one, so a reader sees the old
    table or the new one, never half of one. Cells a spreadsheet would run as formulas are written as
    :func:`cell_safe` makes them.

    >>> import tempfile
    >>> table = Path(tempfile.mkdtemp()) / "places.tsv"
    >>> write_table(table, [Place("x:1", "Hajin", 34.69, 40.83, "SY", "populated place").to_row()])
    >>> [row["name"] for row in read_rows(table)], sorted(p.name for p in table.parent.iterdir())
    (['Hajin'], ['places.tsv'])
    """
    temporary = path.parent / f".{path.name[:80]}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        check_target(path, inputs)
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: cell_safe(value) for key, value in row.items()} for row in rows)
        data = memoryview(text.getvalue().encode("utf-8"))
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            while data:
                data = data[os.write(descriptor, data[:1 << 20]):]
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if path.is_file():
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))  # keep the replaced table's permissions
        os.replace(temporary, path)
    except OSError as error:
        _discard(temporary)
        if isinstance(error, TableOutputError):
            raise
        raise write_error(path, error) from error
    except BaseException:
        _discard(temporary)
        raise


def _discard(temporary: Path) -> None:
    with contextlib.suppress(OSError):  # it was never made (the name too long, the folder read-only)
        temporary.unlink(missing_ok=True)
