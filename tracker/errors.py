"""The errors conflict-tracker raises on purpose.

Every error derives from :class:`TrackerError`; most also derive from the builtin a caller would
expect (``ValueError`` for bad input, ``LookupError`` for a name that is not known), so
``except ValueError`` keeps working for code that does not know this package.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike

import gazetteer.errors
from gazetteer.errors import Problem as Problem  # one shape of problem for records and place files


class TrackerError(Exception):
    """Root of every error conflict-tracker raises on purpose."""


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


class PlaceNotFound(TrackerError, gazetteer.errors.PlaceNotFound):
    """A place name matches nothing in the gazetteer."""


class AmbiguousPlace(TrackerError, gazetteer.errors.AmbiguousPlace):
    """A place name fits several distinct places and nothing says which one is meant."""


class PlaceFileError(RecordError, gazetteer.errors.PlaceFileError):
    """A file of places to import has bad rows; ``problems`` lists each with its line."""

    def __init__(self, problems: Iterable[Problem]):
        gazetteer.errors.PlaceFileError.__init__(self, problems)


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


# So that `except PlaceNotFound` (or AmbiguousPlace, RecordError) catches what the gazetteer raises:
gazetteer.errors.raise_as(PlaceNotFound, AmbiguousPlace, PlaceFileError)
