"""The errors conflict-tracker raises on purpose.

Every error derives from :class:`TrackerError`; most also derive from the builtin a caller would
expect (``ValueError`` for bad input, ``LookupError`` for a name that is not known), so
``except ValueError`` keeps working for code that does not know this package.
"""

from __future__ import annotations

from collections.abc import Iterable

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


# So that `except PlaceNotFound` (or AmbiguousPlace, RecordError) catches what the gazetteer raises:
gazetteer.errors.raise_as(PlaceNotFound, AmbiguousPlace, PlaceFileError)
