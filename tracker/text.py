"""Input that cannot make the tool wait or work without bound, and text that stays data for the
program that reads it next (a terminal, a spreadsheet, an XML reader).

Files are read only when they are regular files (never a named pipe, a device or a socket, which
could block or never end) and only up to a size limit. Text from records, imports and articles is
made safe for where it goes: :func:`terminal_safe` for the terminal, :func:`spreadsheet_safe` for
a CSV cell, :func:`xml_safe` for XML, :func:`excerpt` for a message quoting a line of input.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from os import PathLike
from typing import Any, BinaryIO

from .errors import InputTooLarge as InputTooLarge
from .errors import NotRegularFile as NotRegularFile

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str | PathLike[str]) -> BinaryIO:
    """``path`` opened for reading in binary, when it is a regular file (through any symlinks).

    A named pipe is opened without waiting for a writer, then refused: nothing can block.

    >>> open_regular("/dev/null")
    Traceback (most recent call last):
    ...
    tracker.errors.NotRegularFile: /dev/null is a character device, not a regular file; give a regular file
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, _kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def not_regular(path: str | PathLike[str]) -> str | None:
    """What ``path`` is when it is no regular file (``'a named pipe (FIFO)'``...), looking through
    symlinks and without opening it; ``None`` for a regular file or a path that does not exist.

    >>> not_regular("/dev/null"), not_regular(__file__), not_regular("no-such-file")
    ('a character device', None, None)
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return None if stat.S_ISREG(mode) else _kind(mode)


def not_regular_problem(kind: str) -> str:
    """What a problem says of an input that is ``kind`` (a named pipe...) instead of a regular file."""
    return f"the file is {kind}, not a regular file; input is read only from regular files (is it a link to a " \
        "device or a pipe?)"


def read_limited(path: str | PathLike[str], limit: int, fix: str) -> bytes:
    """The bytes of the regular file ``path``, refused with :class:`InputTooLarge` when there are
    more than ``limit``; ``fix`` ends the message (what to do instead). Never reads more than
    ``limit + 1`` bytes.
    """
    with open_regular(path) as stream:
        raw = stream.read(limit + 1)
        if len(raw) > limit:
            size = os.fstat(stream.fileno()).st_size
            raise InputTooLarge(f"{path} is {size_text(size)}, over the {size_text(limit)} limit; {fix}")
    return raw


def size_text(size: int) -> str:
    """A size in bytes as people read it.

    >>> size_text(1 << 20), size_text(5 * (1 << 20) + 1), size_text(2048), size_text(12)
    ('1 MiB', '5.0 MiB', '2 KiB', '12 bytes')
    """
    for unit, shift in (("MiB", 20), ("KiB", 10)):
        if size >= 1 << shift:
            whole = size % (1 << shift) == 0
            return f"{size >> shift} {unit}" if whole else f"{size / (1 << shift):.1f} {unit}"
    return f"{size} bytes"


# --- text that stays data -----------------------------------------------------------------------

# C0 and C1 controls but newline and tab, line separators, and the bidirectional controls (marks,
# embeddings, overrides, isolates), which reorder what a terminal shows
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """``text`` with every control character but newline and tab shown as an escape (``\\x1b``),
    so that no escape sequence in a record (colours, cursor moves, a terminal title, a link) reaches
    the terminal, nor a bidirectional control that would reorder what it shows (``\\u202e``).

    >>> terminal_safe("Raqqa \\x1b[31mred\\x1b[0m\\x07 \\x9b2J done\\tok")
    'Raqqa \\\\x1b[31mred\\\\x1b[0m\\\\x07 \\\\x9b2J done\\tok'
    >>> terminal_safe("two\\nlines")
    'two\\nlines'
    >>> terminal_safe("invoice\\u202egnp.exe")
    'invoice\\\\u202egnp.exe'
    """
    return _CONTROLS.sub(_visible, str(text))


_JSON_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with the control characters
    it leaves raw (DEL, C1 controls such as the one-byte CSI ``\\x9b``, line separators, the
    bidirectional controls that reorder what a terminal shows) written as ``\\u`` escapes: the same
    JSON, safe on a terminal.

    >>> import json
    >>> print(json_safe(json.dumps({"title": "Raqqa \x9b2J\x1b[0m"}, ensure_ascii=False)))
    {"title": "Raqqa \\u009b2J\\u001b[0m"}
    """
    return _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def excerpt(text: str, size: int = 80) -> str:
    """The start of ``text`` for a message: at most ``size`` characters, control characters
    shown as escapes, and how much was left out.

    >>> excerpt("a,b,c")
    "'a,b,c'"
    >>> excerpt("x" * 1000, 10)
    "'xxxxxxxxxx' (and 990 more characters)"
    """
    shown = repr(terminal_safe(text[:size]))
    return shown if len(text) <= size else f"{shown} (and {len(text) - size:,} more characters)"


#: The largest GeoJSON area file read, in bytes (4 MiB: a country's border at full detail is some 1 MiB).
MAX_GEOJSON_BYTES = 4 << 20
#: What to do with an area file over :data:`MAX_GEOJSON_BYTES`.
GEOJSON_TOO_LARGE = ("simplify it (for example `ogr2ogr -simplify 0.001 small.geojson big.geojson`) or split it "
                     "into several records")

#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_RAW_CSV: ContextVar[bool] = ContextVar("raw_csv", default=False)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a cell beginning with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a single quote in front, as OWASP recommends. A
    number (``-12.5``) is left as it is. A cell that already begins with quotes before one of those
    gets one more, so that :func:`spreadsheet_text` gives back exactly what was written.

    >>> [spreadsheet_safe(c) for c in ("=HYPERLINK(A1)", "@SUM(A1)", "+1+1", "-12.5", "Raqqa", "", "'=1")]
    ["'=HYPERLINK(A1)", "'@SUM(A1)", "'+1+1", '-12.5', 'Raqqa', '', "''=1"]
    """
    if cell.startswith(FORMULA_STARTS):
        return cell if _NUMBER.fullmatch(cell) else "'" + cell
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def spreadsheet_text(cell: str) -> str:
    """The text a cell written by :func:`spreadsheet_safe` stands for: one quote taken off where
    quotes come before a formula's first character.

    >>> [spreadsheet_text(spreadsheet_safe(c)) for c in ("=1", "'=1", "'note", "-3")]
    ['=1', "'=1", "'note", '-3']
    """
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS) else cell


@contextmanager
def raw_csv() -> Iterator[None]:
    """Inside this block, CSV files are written with their cells as they are (no quote in front
    of formulas): for a program that reads the file as data, never for a spreadsheet."""
    token = _RAW_CSV.set(True)
    try:
        yield
    finally:
        _RAW_CSV.reset(token)


def spreadsheet_frame(frame: Any) -> Any:
    """A pandas frame about to be written as CSV, with each text cell made :func:`spreadsheet_safe`
    (numeric columns as they are), unless inside :func:`raw_csv`. Only the cells that begin with a
    quote or a formula's first character are looked at one by one."""
    if _RAW_CSV.get():
        return frame
    return _each_text_cell(frame.rename(columns=lambda name: spreadsheet_safe(name) if isinstance(name, str) else name),
                           spreadsheet_safe, ("'", *FORMULA_STARTS))


def spreadsheet_table(frame: Any) -> Any:
    """A pandas frame read from CSV with :func:`spreadsheet_text` applied to its names and cells."""
    return _each_text_cell(frame.rename(columns=lambda name: spreadsheet_text(name) if isinstance(name, str) else name),
                           spreadsheet_text, ("'",))


def _each_text_cell(frame: Any, change: Any, starts: tuple[str, ...]) -> Any:
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object and str(values.dtype) not in ("string", "str"):
            continue  # numbers, dates, booleans: a spreadsheet reads them as values
        try:
            mask = values.str.startswith(starts).fillna(False).astype(bool)
        except AttributeError:  # no text in the column (dates...), or text mixed with other values
            mask = values.map(lambda value: isinstance(value, str) and value.startswith(starts)).astype(bool)
        if mask.any():
            frame.loc[mask, column] = values[mask].map(change)
    return frame


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow (NUL and the other C0 controls but
    tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF).

    >>> xml_safe("Raqqa\\x00\\x1b[31m\\x0b ok\\n")
    'Raqqa[31m ok\\n'
    """
    return _NOT_XML.sub("", text)
