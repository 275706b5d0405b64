"""Reading a large CSV file in blocks of whole rows, for parsers that take one block at a time.

The file is mapped into memory and cut at row ends (line ends outside quotes), so each block is a
view of the file that parses on its own, even where values span lines. Rows that a parser refuses
(too few or too many values) are found again here, and any row's line in the file.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from .errors import Problem


def pieces(source: Path, size: int) -> Iterator[tuple[memoryview, int]]:
    """The file after its header in blocks of about ``size`` bytes, each ending at the end of a row:
    at a line end outside quotes (an even count of '"' before it, as CSV doubles quotes inside
    values), so a value spanning lines is never cut. Yields each block and the bytes read so far.

    The file is mapped into memory, so a block is a view of it, never a copy."""
    with source.open("rb") as stream:
        header = stream.readline()
        while header.count(b'"') % 2 and (line := stream.readline()):
            header += line
        start, total = stream.tell(), os.fstat(stream.fileno()).st_size
        if start >= total:
            return
        # Not closed here: the views handed out keep it open until the last is parsed.
        mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    whole = memoryview(mapped)
    while start < total:
        end = min(start + size, total)
        while (cut := total if end == total else row_end(mapped, start, end)) < 0:
            end = min(end + size, total)  # no row ends in this block: read on
        yield whole[start:cut], cut
        start = cut


def row_end(mapped: mmap.mmap, start: int, end: int) -> int:
    """Where the last whole row in ``mapped[start:end]`` ends (just after its line end), or -1."""
    def quotes(first: int, last: int) -> int:
        return int(np.count_nonzero(np.frombuffer(mapped, np.uint8, last - first, first) == ord('"')))

    inside = quotes(start, end)
    while (line_end := mapped.rfind(b"\n", start, end)) >= 0:
        inside -= quotes(line_end, end)
        if inside % 2 == 0:
            return line_end + 1
        end = line_end
    return -1


def read_ahead(pieces: Iterator[tuple[memoryview, int]], depth: int = 2) -> Iterator[tuple[memoryview, int]]:
    """The same pieces, read by a thread of their own up to ``depth`` ahead of the consumer."""
    import queue
    import threading

    waiting: queue.Queue[Any] = queue.Queue(maxsize=depth)
    end = object()

    def read() -> None:
        try:
            for item in pieces:
                waiting.put(item)
            waiting.put(end)
        except BaseException as error:  # handed to the consumer, raised there
            waiting.put(error)

    threading.Thread(target=read, daemon=True).start()
    while (item := waiting.get()) is not end:
        if isinstance(item, BaseException):
            raise item
        yield item


def is_utf8(data: pa.Buffer) -> bool:
    """Whether ``data`` is valid UTF-8 (checked by Arrow, as one long text)."""
    offsets = pa.py_buffer(np.array([0, data.size], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, data).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def even_rows(data: pa.Buffer, width: int) -> tuple[pa.Buffer, np.ndarray, list[tuple[int, str]]]:
    """A block without its rows of more or fewer values than ``width``: the rows kept, the place of
    each in the block, and a reason for each row left out. (Rare, so read by Python's csv module.)"""

    kept, left_out, out = [], [], io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    place = 0
    for values in csv.reader(io.StringIO(data.to_pybytes().decode("utf-8"), newline="")):
        if not values:  # a blank line is no row, for Arrow as here
            continue
        if len(values) == width:
            kept.append(place)
            writer.writerow(values)
        else:
            left_out.append((place, f"the row has {len(values)} values; the header has {width}"))
        place += 1
    return pa.py_buffer(out.getvalue().encode("utf-8")), np.array(kept, dtype=np.int64), left_out


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
