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
from os import PathLike
from pathlib import Path
from typing import BinaryIO

from .errors import TrackerError


class NotRegularFile(TrackerError, ValueError):
    """A path to be read is a named pipe, a device, a socket or a folder, not a regular file."""


class InputTooLarge(TrackerError, ValueError):
    """An input is over the documented size limit for its kind."""


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
    tracker.safety.NotRegularFile: /dev/null is a character device, not a regular file; give a file
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{path} is {_kind(mode)}, not a regular file; give a file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def regular_problem(path: str | PathLike[str]) -> str | None:
    """Why ``path`` cannot be read as a file (it is a pipe, a device...), or ``None`` when it is a
    regular file or does not exist (that is said elsewhere). Looks without opening it.

    >>> regular_problem("/dev/null")
    'is a character device, not a regular file; give a file'
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else f"is {_kind(mode)}, not a regular file; give a file"


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

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: object) -> str:
    """``text`` with every control character but newline and tab shown as an escape (``\\x1b``),
    so that no escape sequence in a record (colours, cursor moves, a terminal title, a link) reaches
    the terminal.

    >>> terminal_safe("Raqqa \\x1b[31mred\\x1b[0m\\x07 \\x9b2J done\\tok")
    'Raqqa \\\\x1b[31mred\\\\x1b[0m\\\\x07 \\\\x9b2J done\\tok'
    >>> terminal_safe("two\\nlines")
    'two\\nlines'
    """
    return _CONTROLS.sub(_visible, str(text))


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


#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: a cell beginning with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a single quote in front, as OWASP recommends. A
    number (``-12.5``) is left as it is.

    >>> [spreadsheet_safe(c) for c in ("=HYPERLINK(A1)", "@SUM(A1)", "+1+1", "-12.5", "Raqqa", "")]
    ["'=HYPERLINK(A1)", "'@SUM(A1)", "'+1+1", '-12.5', 'Raqqa', '']
    """
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow (NUL and the other C0 controls but
    tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF).

    >>> xml_safe("Raqqa\\x00\\x1b[31m\\x0b ok\\n")
    'Raqqa[31m ok\\n'
    """
    return _NOT_XML.sub("", text)


def read_text_file(path: Path, limit: int, fix: str) -> str:
    """The UTF-8 text of the regular file ``path`` (undecodable bytes replaced), at most ``limit``
    bytes, else :class:`InputTooLarge` ending with ``fix``."""
    return read_limited(path, limit, fix).decode("utf-8-sig", errors="replace")
