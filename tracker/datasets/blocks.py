"""Reading a large CSV file in blocks of whole rows, for parsers that take one block at a time.

The file is mapped into memory and cut at row ends (line ends outside quotes), so each block is a
view of the file that parses on its own, even where values span lines. A row left out is found
again here by its line in the file.
"""

from __future__ import annotations

import csv
import mmap
import os
from collections.abc import Generator
from pathlib import Path

import numpy as np
import pyarrow as pa

from ..errors import Problem, TrackerError

# Python's csv module refuses values over 128 KiB by default; a note in an export may be longer.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def pieces(source: Path, size: int) -> Generator[tuple[memoryview, int], None, None]:
    """The file after its header in blocks of about ``size`` bytes, each ending at the end of a row:
    at a line end with an even count of '"' before it (CSV doubles quotes inside values), so a
    quoted value spanning lines is not cut. (A '"' inside an unquoted value, which CSV writers do not
    make, would throw the count.) Yields each block and the bytes read so far.

    The file is mapped into memory, so a block is a view of it, never a copy; the mapping goes when
    the last block handed out is let go (at once when all goes well; after an error, when the error
    itself is let go, since its frames hold blocks)."""
    if size <= 0:
        raise ValueError(f"blocks of {size} bytes: give a positive size")
    with source.open("rb") as stream:
        header = stream.readline()
        while header.count(b'"') % 2 and (line := stream.readline()):
            header += line
        start, total = stream.tell(), os.fstat(stream.fileno()).st_size
        if start >= total:
            return
        mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    whole = memoryview(mapped)
    while start < total:
        end = min(start + size, total)
        while (cut := total if end == total else row_end(mapped, start, end)) < 0:
            if end - start > MAX_ROW_BYTES:  # no row ends in more than the longest row: refused
                raise _too_long(source, mapped, start)
            end = min(end + size, total)  # no row ends in this block: read on
        if cut - start > MAX_ROW_BYTES and row_end(mapped, start, start + MAX_ROW_BYTES + 1) < 0:
            raise _too_long(source, mapped, start)  # the last row, with no line end after it
        yield whole[start:cut], cut
        start = cut


#: The longest row an import reads, in bytes (32 MiB: a long ACLED note is some thousand bytes).
MAX_ROW_BYTES = 32 << 20


def _too_long(source: Path, mapped: mmap.mmap, start: int) -> TrackerError:
    line = 1 + sum(mapped[at: min(at + _STEP, start)].count(b"\n") for at in range(0, start, _STEP))
    return TrackerError(
        f"{source}:{line}: a row is over {MAX_ROW_BYTES >> 20} MiB, the longest an import reads (is a quote left "
        "open?); fix or remove that row and import again"
    )


def row_end(mapped: mmap.mmap, start: int, end: int) -> int:
    """Where the last whole row in ``mapped[start:end]`` ends (just after its line end), or -1."""
    scratch = np.empty(min(end - start, _STEP), dtype=bool)

    def quotes(first: int, last: int) -> int:
        # Counted a mebibyte at a time into the same scratch array, which stays in the cache (one
        # comparison of the whole block would make a new array as large as the block each time).
        bytes_ = np.frombuffer(mapped, np.uint8, last - first, first)
        count = 0
        for at in range(0, len(bytes_), _STEP):
            part = bytes_[at:at + _STEP]
            count += int(np.count_nonzero(np.equal(part, ord('"'), out=scratch[:len(part)])))
        return count

    inside = quotes(start, end)
    while (line_end := mapped.rfind(b"\n", start, end)) >= 0:
        inside -= quotes(line_end, end)
        if inside % 2 == 0:
            return line_end + 1
        end = line_end
    return -1


#: Bytes compared at a time when counting quotes.
_STEP = 1 << 20


def is_utf8(data: pa.Buffer) -> bool:
    """Whether ``data`` is valid UTF-8 (checked by Arrow, as one long text)."""
    offsets = pa.py_buffer(np.array([0, data.size], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, data).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def locate(source: Path, bad_rows: list[tuple[int, str]]) -> list[Problem]:
    """Problems for rows left out, with the line each starts on (counted again only for those rows,
    since a quoted field may span lines)."""
    if not bad_rows:
        return []
    wanted = {row for row, _ in bad_rows}
    last = max(wanted)
    lines: dict[int, int] = {}
    with source.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        reader = csv.reader(stream)
        next(reader, None)
        start = reader.line_num + 1
        row = 0
        for values in reader:
            if not values:  # a blank line: no row (Arrow skips it too)
                start = reader.line_num + 1
                continue
            if row in wanted:
                lines[row] = start
            if row >= last:
                break
            start = reader.line_num + 1
            row += 1
    return [Problem(str(source), lines.get(row), None, "", f"row {row + 1} left out: {reason}")
            for row, reason in bad_rows]
