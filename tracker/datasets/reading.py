"""Reading a dataset's CSV export: its encoding, its header, and each block of rows (cut by
:mod:`.blocks`) parsed by Arrow and converted.

A file is read as UTF-8 unless the import names another encoding; bytes that are not text in it
are refused with the line of the first, never read as U+FFFD. A row with more or fewer values than
the header has is left out and reported; so is each row the dataset's conversion cannot read.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError, NotRegularFile, ReadError, TrackerError, UsageError
from ..text import excerpt, open_regular
from . import blocks as csvblocks
from .dataset import Dataset

#: The longest header row read, in characters, and the most columns an import may have (an ACLED
#: export has 31, a UCDP GED export 49).
MAX_HEADER_CHARS = 65_536
MAX_COLUMNS = 1_000


# --- the encoding --------------------------------------------------------------------------------


def codec(encoding: str) -> str:
    """The codec's own name for ``encoding``, after checking the import can read text in it.

    >>> codec("UTF8"), codec("latin1")
    ('utf-8', 'iso8859-1')
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(f"{encoding!r} is not an encoding Python knows; try utf-8, latin-1 or cp1252") from None
    if name in ("utf-8", "utf-8-sig"):
        return "utf-8"
    if any(char.encode(name, "replace") != char.encode("ascii") for char in '\n\r,"'):
        raise UsageError(f"the {encoding} encoding does not write line ends, commas and quotes as ASCII does; "
                         "convert the file to UTF-8 first, for example with `iconv -f ENCODING -t UTF-8`")
    return name


class NotInEncoding(TrackerError, ValueError):
    """A block holds bytes that are not text in the file's encoding (made into a located message by
    :func:`not_in_encoding`)."""


def not_in_encoding(source: Path, encoding: str) -> TrackerError:
    """The error for a file with bytes that are not text in ``encoding``: the line of the first."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with source.open("rb") as stream:
        while block := stream.read(1 << 20):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                at = error.start if error.start >= 0 else 0
                line += block.count(b"\n", 0, at)
                byte = block[at] if at < len(block) else 0
                break
            line += block.count(b"\n")
        else:
            byte = 0
    other = "latin-1" if encoding == "utf-8" else "utf-8"
    label = "UTF-8" if encoding == "utf-8" else encoding
    return TrackerError(f"{source}:{line}: the file is not {label} (byte 0x{byte:02x} here); re-save it as UTF-8, "
                        f"or pass --encoding {other} (or the encoding it was saved in)")


# --- the header ----------------------------------------------------------------------------------


def header(source: Path, spec: Dataset, encoding: str = "utf-8") -> list[str]:
    """The column names (in lower case), after checking the export has the columns it needs. The
    header is read only up to :data:`MAX_HEADER_CHARS` and :data:`MAX_COLUMNS`."""
    line = _first_row(source, encoding)
    if len(line) > MAX_HEADER_CHARS:
        raise InputError(
            f"{source}:1: the header row is longer than {MAX_HEADER_CHARS:,} characters (it starts "
            f"{excerpt(line[:40])[:-1]}...'); is this a {spec.name.upper()} export? Its header is one line of "
            "column names"
        )
    names = next(csv.reader(io.StringIO(line, newline="")), None)
    if not names:
        raise InputError(f"{source}: the file is empty; an export starts with a header row")
    if len(names) > MAX_COLUMNS:
        raise InputError(
            f"{source}:1: the header has {len(names):,} columns, over the {MAX_COLUMNS:,} an import may have; is "
            f"this a {spec.name.upper()} export? Keep only its own columns (for example with `cut -d, -f1-60`)"
        )
    return _with_required([name.strip().lower() for name in names], source, spec)


def _first_row(source: Path, encoding: str) -> str:
    """The file's first row (its lines up to one with an even count of quotes), at most a character
    over :data:`MAX_HEADER_CHARS`."""
    try:
        with open_regular(source) as raw, io.TextIOWrapper(
                raw, "utf-8-sig" if encoding == "utf-8" else encoding, newline="") as stream:
            line = stream.readline(MAX_HEADER_CHARS + 1)
            while line.count('"') % 2 and len(line) <= MAX_HEADER_CHARS:  # a quoted name spanning lines
                more = stream.readline(MAX_HEADER_CHARS + 1 - len(line))
                if not more:
                    break
                line += more
    except UnicodeDecodeError:
        raise not_in_encoding(source, encoding) from None
    except NotRegularFile as error:
        raise error from None
    except OSError as error:
        raise ReadError(f"{source}: cannot read the file: {error.strerror}") from None
    return line


def _with_required(names: list[str], source: Path, spec: Dataset) -> list[str]:
    """``names``, after checking that they hold every column ``spec`` requires."""
    missing = [c for c in spec.required if c not in names]
    if missing:
        shown = ", ".join(excerpt(name, 40) if len(name) > 40 else name for name in names[:8])
        raise InputError(
            f"{source}:1: the header lacks {', '.join(missing)}; is this a {spec.name.upper()} export? "
            f"(it has: {shown}{'...' if len(names) > 8 else ''})"
        )
    return names


# --- a block of rows -----------------------------------------------------------------------------


#: Where coordinates lie.
_RANGES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}


def convert_block(spec: Dataset, names: list[str], piece: memoryview,
                  encoding: str = "utf-8") -> tuple[int, pa.Table, list[tuple[int, str]]]:
    """Parse one block of rows (whole rows, no header) in ``encoding`` and convert it: the count of
    rows read, the event rows (``_row`` is each one's place in the block) and a reason for each
    row left out, by its place."""
    import pyarrow.csv as pacsv

    # The columns a conversion reads (actors, places, types, dates...) are made dictionaries once the
    # block is read, so that each distinct text is converted once (one pass over the whole block costs
    # less than Arrow's CSV dictionaries, made in parts and then unified); the other columns are left
    # to the Parquet writer, whose dictionaries cost less again. Coordinates are read as numbers; a
    # block where one is not (or is out of range) is read again as text, so that the message can
    # quote it.
    as_text = dict.fromkeys(names, pa.string())
    as_numbers = {**as_text, **{name: pa.float64() for name in _RANGES if name in names}}
    data = _utf8(piece, encoding)
    uneven: list[tuple[int, str]] = []  # rows with another count of values than the header's

    def leave_out(row: Any) -> str:
        # Arrow counts rows from 1 and, as Python's csv module, no blank line; it knows the number
        # since the block is read in one thread.
        uneven.append((row.number - 1, f"the row has {row.actual_columns} values; the header has "
                                       f"{row.expected_columns}"))
        return "skip"

    def parse(types: dict[str, pa.DataType]) -> pa.Table:
        uneven.clear()
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),  # blocks run in parallel
            parse_options=pacsv.ParseOptions(newlines_in_values=True,  # Arrow cuts its own blocks too
                                             invalid_row_handler=leave_out),
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False, check_utf8=False),  # checked
        )

    try:
        try:
            table = parse(as_numbers)
            if not _in_range(table):
                table = parse(as_text)
        except pa.ArrowInvalid:  # a coordinate that is not a number
            table = parse(as_text)
    except pa.ArrowInvalid as error:
        raise InputError(f"not a readable CSV file: {excerpt(str(error), 200)[1:-1]}") from None
    rows, problems = spec.convert(_coded(spec, table))
    if not uneven:
        return table.num_rows, rows, problems
    kept = np.delete(np.arange(table.num_rows + len(uneven)), [row for row, _reason in uneven])
    places = pa.array(kept[rows.column("_row").to_numpy()])
    rows = rows.set_column(rows.schema.get_field_index("_row"), "_row", places)
    return len(kept) + len(uneven), rows, [*((int(kept[row]), reason) for row, reason in problems), *uneven]


def _utf8(piece: memoryview, encoding: str) -> pa.Buffer:
    """The block as UTF-8; :class:`NotInEncoding` where it holds bytes that are not text in ``encoding``."""
    if encoding == "utf-8":
        data = pa.py_buffer(piece)
        if not csvblocks.is_utf8(data):  # never read as U+FFFD: refused, with the line
            raise NotInEncoding(encoding)
        return data
    try:
        return pa.py_buffer(bytes(piece).decode(encoding).encode("utf-8"))
    except UnicodeDecodeError:
        raise NotInEncoding(encoding) from None


def _coded(spec: Dataset, table: pa.Table) -> pa.Table:
    """``table`` with the columns the conversion reads as dictionaries, each in one chunk."""
    for index, column in enumerate(table.schema):
        if column.name in spec.coded:  # the parts share the dictionary: only their indices are joined
            table = table.set_column(index, column.name, pc.dictionary_encode(table.column(index)).combine_chunks())
    return table


def _in_range(table: pa.Table) -> bool:
    """Whether every coordinate of ``table`` is given and within its range."""
    for name, (low, high) in _RANGES.items():
        if name in table.column_names:
            column = table.column(name)
            if column.null_count or pc.any(pc.is_nan(column)).as_py():
                return False
            if len(column) and (pc.min(column).as_py() < low or pc.max(column).as_py() > high):
                return False
    return True
