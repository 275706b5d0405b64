"""What the command line prints and reads by default, shared by the commands of every package."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import text as safety
from .errors import UsageError

#: The folder commands read when no path is given.
DEFAULT_FOLDER = Path("events")


def roots(paths: tuple[Path, ...]) -> list[Path]:
    """The paths to read: those given, else ./events, which must then exist."""
    if paths:
        return list(paths)
    if not DEFAULT_FOLDER.exists():
        raise UsageError(
            f"no ./{DEFAULT_FOLDER} folder here; pass a folder or file, or run from the folder that holds "
            f"{DEFAULT_FOLDER}/"
        )
    return [DEFAULT_FOLDER]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    rows = [[safety.terminal_safe(cell) for cell in row] for row in rows]  # record text: no escape sequences
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
