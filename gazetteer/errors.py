"""The errors the gazetteer raises on purpose (it stands on its own: nothing here comes from tracker).

Every error derives from :class:`GazetteerError` and from the builtin a caller would expect. A
program that wants its own subclasses raised (as conflict-tracker does, so that its
``PlaceNotFound`` catches a gazetteer miss) names them with :func:`raise_as`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar


class GazetteerError(Exception):
    """Root of every error the gazetteer raises on purpose."""


_E = TypeVar("_E", bound=GazetteerError)


class PlaceTableError(GazetteerError, ValueError):
    """A place table cannot be read: not a table, a bad row, or more rows than the limit."""


class TableOutputError(GazetteerError, OSError):
    """A place table cannot be written where asked: it is an input, a folder, or the system refused it."""


class PlaceNotFound(GazetteerError, LookupError):
    """A place name matches nothing in the gazetteer."""


class AmbiguousPlace(GazetteerError, LookupError):
    """A place name fits several distinct places and nothing says which one is meant."""

    def __init__(self, message: str, candidates: list[str]):
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, with where it is and what to do about it.

    ``line`` and ``column`` count from 1; either may be ``None`` when the problem concerns the
    whole file. ``field`` names the key or column concerned, or is ``""``.

    >>> print(Problem("places.csv", 7, None, "latitude", "latitude 123.4 is outside -90..90"))
    places.csv:7: latitude: latitude 123.4 is outside -90..90
    >>> print(Problem("empty.csv", None, None, "", "the file is empty"))
    empty.csv: the file is empty
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
        return {"file": self.path, "line": self.line, "column": self.column, "field": self.field,
                "message": self.message}


class PlaceFileError(GazetteerError, ValueError):
    """A file of places to import has bad rows; ``problems`` lists each with its line."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0,
                                                                        p.field, p.message))
        count = len(self.problems)
        first = str(self.problems[0]) if self.problems else "no details"
        Exception.__init__(self, f"{first}" + (f" (and {count - 1} more)" if count > 1 else ""))


_RAISED: dict[type[GazetteerError], type[GazetteerError]] = {}


def raise_as(*classes: type[GazetteerError]) -> None:
    """Raise these subclasses of the gazetteer's errors in place of their gazetteer parents from now
    on, so that a program's own ``except`` clauses catch what the gazetteer raises (and the
    gazetteer's still do).

    >>> class Missing(PlaceNotFound): ...
    >>> before = raised(PlaceNotFound)
    >>> raise_as(Missing); raised(PlaceNotFound).__name__
    'Missing'
    >>> raise_as(before)
    """
    for cls in classes:
        bases = (PlaceNotFound, AmbiguousPlace, PlaceFileError)
        parent = next((base for base in bases if issubclass(cls, base)), None)
        if parent is None:
            raise TypeError(f"raise_as takes subclasses of {', '.join(b.__name__ for b in bases)}, not {cls}")
        _RAISED[parent] = cls


def raised(cls: type[_E]) -> type[_E]:
    """The class raised in place of ``cls`` (itself unless :func:`raise_as` named a subclass)."""
    return _RAISED.get(cls, cls)  # type: ignore[return-value]
