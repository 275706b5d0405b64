"""The errors conflict-tracker raises on purpose.

Every error derives from :class:`TrackerError`; most also derive from the builtin a caller would
expect (``ValueError`` for bad input, ``LookupError`` for a name that is not known), so
``except ValueError`` keeps working for code that does not know this package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike


class TrackerError(Exception):
    """Root of every error conflict-tracker raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, with where it is and what to do about it.

    ``line`` and ``column`` count from 1; either may be ``None`` when the problem concerns the
    whole file (too large, empty). ``field`` is the path of the key inside the record, such as
    ``claims[0].area``, or ``""`` when the problem is not about one key.

    >>> print(Problem("events/x.yaml", 7, 12, "location.lat", "latitude 123.4 is outside -90..90"))
    events/x.yaml:7:12: location.lat: latitude 123.4 is outside -90..90
    >>> print(Problem("events/empty.yaml", None, None, "", "the file is empty"))
    events/empty.yaml: the file is empty
    """

    path: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """The problem as a plain dict, for JSON output."""
        return {
            "file": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class RecordError(TrackerError, ValueError):
    """One or more event records are invalid; ``problems`` lists each with its file and line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(
            problems, key=lambda p: (p.path, p.line or 0, p.column or 0, p.field, p.message)
        )
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no details"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


class PlaceNotFound(TrackerError, LookupError):
    """A place name matches nothing in the gazetteer."""


class AmbiguousPlace(TrackerError, LookupError):
    """A place name fits several distinct places and nothing says which one is meant."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


class GeometryError(TrackerError, ValueError):
    """An area cannot be made into geometry (no surface, an unreadable GeoJSON file...)."""


class OutputError(TrackerError, OSError):
    """An output file cannot be written where asked: it exists, is an input, or the system refused it."""


class NotRegularFile(TrackerError, ValueError):
    """A path to be read is a named pipe, a device, a socket or a folder, not a regular file."""

    def __init__(self, path: str | PathLike[str], kind: str):
        super().__init__(f"{path} is {kind}, not a regular file; give a regular file")
        self.kind = kind


class InputTooLarge(TrackerError, ValueError):
    """An input is over the documented size limit for its kind."""


class MapError(TrackerError, ValueError):
    """A map cannot be drawn as asked (no events in the window, offline assets missing...)."""


class FolderWriteError(TrackerError, OSError):
    """Files could not be written to a folder (no space, no permission...); nothing was changed."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""  # the message, whatever ``errno`` and ``filename`` say


class UsageError(TrackerError, ValueError):
    """An argument is not one the function or command takes (an unknown dataset, encoding or region...)."""


class InputError(TrackerError, ValueError):
    """An input file is not what it should be (not a readable CSV, not an event table, no records...)."""


class ReadError(TrackerError, OSError):
    """An input file cannot be read: it does not exist, or the system refused it."""


class FolderLocked(TrackerError, OSError):
    """A folder is locked by another tracker command (or a lock file was left behind)."""


class InternalError(TrackerError, RuntimeError):
    """A check of the program's own work failed: nothing was written; a bug to report."""
