"""Importing ACLED and UCDP GED exports: CSV files streamed in chunks into an event table.

Each row becomes a point event: its dates, its type in ACLED's vocabulary, its actors, its point and
a precision in the record's terms (1 exact, 2 near, 3 only the region). The dataset's own fields
are kept beside, prefixed (``acled_event_id_cnty``, ``ucdp_where_prec``...), so nothing is lost.
Conversion is vectorised over each chunk; a row that cannot be read is reported with its line and
the reason, and the others are imported.

Precision codes:

* ACLED ``geo_precision`` 1-3 is the record's ``precision`` as it is. ``time_precision`` 1 is the
  day given; 2 (known to the week) becomes the seven days around it; 3 (known to the month) the
  month.
* UCDP ``where_prec`` 1 (exact place) is 1; 2 (within about 25 km) is 2; 3-7 (an admin unit, a
  linear feature, the country, waters) are 3. The dates are UCDP's ``date_start`` and ``date_end``;
  ``date_prec`` is kept.
* UCDP ``type_of_violence`` 1 (state-based) and 2 (non-state) become ACLED's ``Battles``, 3
  (one-sided) ``Violence against civilians``.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError, InternalError, NotRegularFile, Problem, ReadError, TrackerError, UsageError
from ..records.vocabulary import canonical_sub_type, canonical_type
from ..tables import columns as tx
from ..tables.exports import REQUIRED
from ..tables.formats import TableWriter
from ..tables.schema import COLUMNS
from ..text import excerpt, not_regular, open_regular
from . import blocks as csvblocks

#: Bytes parsed at a time: a few blocks are parsed and converted at once, so memory stays near a
#: hundred MB. (Each block costs some time of its own, whatever its size, and becomes a row group;
#: 24 MiB took 3-6% less time than 16 MiB on the benchmark files, 8 and 32 MiB more.)
CHUNK_BYTES = 24 << 20
#: The longest header row read, in characters, and the most columns an import may have (an ACLED
#: export has 31, a UCDP GED export 49).
MAX_HEADER_CHARS = 65_536
MAX_COLUMNS = 1_000

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
UCDP_COLUMNS = (
    "id", "type_of_violence", "conflict_name", "side_a", "side_b", "number_of_sources", "source_article",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low",
    "best", "high",
)


@dataclass
class ImportReport:
    """What an import did: rows read, rows imported, and a problem for each row left out."""

    dataset: str
    source: Path
    output: Path
    rows: int = 0
    imported: int = 0
    problems: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        skipped = self.rows - self.imported
        return (f"imported {self.imported:,} of {self.rows:,} {self.dataset.upper()} rows from {self.source} into "
                f"{self.output}" + (f"; {skipped:,} left out (see above)" if skipped else ""))


@dataclass(frozen=True)
class _Dataset:
    name: str
    required: tuple[str, ...]
    coded: tuple[str, ...]  # columns the conversion reads once per distinct text: made dictionaries
    distinct: tuple[str, ...]  # columns whose texts seldom repeat: written plain and compressed
    convert: Callable[[pa.Table], tuple[pa.Table, list[tuple[int, str]]]]

    def seldom_repeating(self) -> tuple[str, ...]:
        """The output columns of text that seldom repeats (the writer tries no dictionary on them)."""
        return ("id", "notes", *(f"{self.name}_{name}" for name in self.distinct))


class NothingImported(TrackerError, ValueError):
    """No row of an export could be read, so nothing was written; ``report`` says why, row by row."""

    def __init__(self, message: str, report: ImportReport):
        super().__init__(message)
        self.report = report


def import_events(
    dataset: str, source: str | Path, output: str | Path, *, chunk_bytes: int = CHUNK_BYTES, progress: bool = False,
    encoding: str = "utf-8",
    force: bool = False,
) -> ImportReport:
    """Import an ACLED (``dataset="acled"``) or UCDP GED (``"ucdp"``) CSV export into ``output``: a
    ``.parquet``, ``.csv``, ``.geojson`` or ``.kml`` file, or a folder of YAML records.

    The file is read in blocks of ``chunk_bytes`` by Arrow's CSV reader and each block converted with
    Arrow compute functions. Rows that cannot be read are left out and reported in the returned
    :class:`ImportReport`. The output is written under a temporary name and renamed when complete;
    an
    existing output is replaced only with ``force``, and the source never (see :mod:`tracker.files.outputs`);
    when no row can be read, nothing is written and :class:`NothingImported` is raised.

    The file is read as UTF-8 unless ``encoding`` names another (one that writes ``\\n``, ``,`` and
    ``"`` as ASCII does, such as ``latin-1`` or ``cp1252``); a file that is not in its encoding is
    refused with the line of the first byte that does not fit.
    """
    spec = DATASETS.get(dataset.lower())
    if spec is None:
        raise UsageError(f"{dataset!r} is not a dataset tracker imports; use acled or ucdp")
    if chunk_bytes <= 0:
        raise UsageError(f"chunk_bytes is {chunk_bytes}; give a positive number of bytes")
    source, output = Path(source), Path(output)
    kind = not_regular(source)
    if kind is not None:
        raise InputError(f"{source} is {kind}, not a regular file; give the CSV file itself")
    if not source.is_file():
        raise ReadError(f"{source}: no such file")
    return _import(spec, source, output, chunk_bytes, progress, force, encoding=_codec(encoding))


def _codec(encoding: str) -> str:
    """The codec's own name for ``encoding``, after checking the import can read text in it."""
    import codecs

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


def _not_in_encoding(source: Path, encoding: str) -> TrackerError:
    """The error for a file with bytes that are not text in ``encoding``: the line of the first."""
    import codecs

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


def _import(spec: _Dataset, source: Path, output: Path, chunk_bytes: int, progress: bool, force: bool,
            drop: np.ndarray | None = None, encoding: str = "utf-8") -> ImportReport:
    from concurrent.futures import ThreadPoolExecutor

    names = _header(source, spec, encoding)
    report = ImportReport(spec.name, source, output)
    bad_rows: list[tuple[int, str]] = []
    written = _Written()
    writer = TableWriter(output, seldom_repeating=spec.seldom_repeating(), force=force, inputs=[source])
    bar = _bar(source, progress)
    blocks = csvblocks.pieces(source, chunk_bytes)
    try:
        # Blocks are parsed and converted by two threads (Arrow releases the GIL) while this one
        # writes them in order; a few blocks at most wait, which bounds memory.
        with ThreadPoolExecutor(max_workers=2) as pool:
            pending: list[Any] = []
            try:
                for piece, done in blocks:
                    pending.append((pool.submit(_convert, spec, names, piece, encoding), done))
                    if len(pending) > 2:
                        _take(pending.pop(0), report, bad_rows, written, writer, bar, drop)
                while pending:
                    _take(pending.pop(0), report, bad_rows, written, writer, bar, drop)
            finally:  # on an error, the blocks not started yet are not parsed
                for future, _done in pending:
                    future.cancel()
        repeated = written.repeated()
        if not len(repeated) or drop is not None:
            report.problems = csvblocks.locate(source, bad_rows)
    except BaseException:
        writer.abort()
        raise
    finally:
        blocks.close()  # lets the file's mapping go
        if bar is not None:
            bar.close()
    if len(repeated) and drop is None:  # rare: import again, leaving those rows out
        writer.abort()
        again = _import(spec, source, output, chunk_bytes, progress, force, drop=repeated, encoding=encoding)
        again.problems = sorted([*again.problems, *csvblocks.locate(source, [
            (int(row), f"{spec.required[0]} repeats an earlier row") for row in repeated])],
            key=lambda problem: problem.line or 0)
        return again
    if not report.imported:  # nothing to write: no empty table is left behind
        writer.abort()
        raise NothingImported(
            f"{source}: none of its {report.rows:,} rows could be read (see above); nothing was written to {output}"
            if report.rows else f"{source} has no rows after its header; nothing was written to {output}", report)
    writer.close()
    return report


@dataclass
class _Written:
    """The ids written so far, a fingerprint of each and the rows they came from, to find the ids
    that repeat an earlier row once every block is written."""

    ids: list[pa.Array] = field(default_factory=list)
    prints: list[np.ndarray] = field(default_factory=list)
    rows: list[np.ndarray] = field(default_factory=list)

    def add(self, ids: pa.Array, rows: np.ndarray) -> None:
        self.ids.append(ids)
        self.prints.append(tx.fingerprints(ids))
        self.rows.append(rows)

    def repeated(self) -> np.ndarray:
        """The rows (counted from the first after the header) whose id an earlier row has."""
        none = np.zeros(0, dtype=np.int64)
        if not self.ids:
            return none
        prints = np.concatenate(self.prints)
        ordered = np.sort(prints)
        if not (ordered[1:] == ordered[:-1]).any():  # the usual case: all differ, so the ids do
            return none
        _values, which, counts = np.unique(prints, return_inverse=True, return_counts=True)
        alike = np.flatnonzero(counts[which] > 1)  # rows that share a fingerprint: compared as text
        texts = pa.chunked_array(self.ids, pa.string()).take(pa.array(alike)).to_pylist()
        first: set[str] = set()
        later = []
        for row, text in sorted(zip(np.concatenate(self.rows)[alike].tolist(), texts, strict=True)):
            if text in first:
                later.append(row)
            first.add(text)
        return np.array(later, dtype=np.int64)


class _NotInEncoding(TrackerError, ValueError):
    """A block holds bytes that are not text in the file's encoding (made into a located message)."""


def _convert(spec: _Dataset, names: list[str], piece: memoryview,
             encoding: str = "utf-8") -> tuple[int, pa.Table, list[tuple[int, str]]]:
    """Parse one block of rows (whole rows, no header) in ``encoding`` and convert it."""
    import pyarrow.csv as pacsv

    # The columns a conversion reads (actors, places, types, dates...) are made dictionaries once the
    # block is read, so that each distinct text is converted once (one pass over the whole block costs
    # less than Arrow's CSV dictionaries, made in parts and then unified); the other columns are left
    # to the Parquet writer, whose dictionaries cost less again. Coordinates are read as numbers; a
    # block where one is not (or is out of range) is read again as text, so that the message can
    # quote it.
    as_text = dict.fromkeys(names, pa.string())
    as_numbers = {**as_text, **{name: pa.float64() for name in _RANGES if name in names}}

    if encoding == "utf-8":
        data = pa.py_buffer(piece)
        if not csvblocks.is_utf8(data):  # never read as U+FFFD: refused, with the line
            raise _NotInEncoding(encoding)
    else:
        try:
            data = pa.py_buffer(bytes(piece).decode(encoding).encode("utf-8"))
        except UnicodeDecodeError:
            raise _NotInEncoding(encoding) from None

    def parse(types: dict[str, pa.DataType]) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),  # blocks run in parallel
            parse_options=pacsv.ParseOptions(newlines_in_values=True),  # Arrow cuts its own blocks too
            convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False, check_utf8=False),  # checked
        )

    uneven: list[tuple[int, str]] = []  # rows with another count of values than the header's
    kept: np.ndarray | None = None  # where those are left out: the place of each row read in the block
    try:
        try:
            table = parse(as_numbers)
            if not _in_range(table):
                table = parse(as_text)
        except pa.ArrowInvalid as error:
            if "Expected" in str(error) and "columns, got" in str(error):
                data, kept, uneven = csvblocks.even_rows(data, len(names))
                if not len(kept):  # every row of the block left out: no rows to parse
                    empty = pa.table({name: pa.array([], kind) for name, kind in as_text.items()})
                    return len(uneven), spec.convert(_coded(spec, empty))[0], uneven
            table = parse(as_text)
    except pa.ArrowInvalid as error:
        raise InputError(f"not a readable CSV file: {excerpt(str(error), 200)[1:-1]}") from None
    rows, problems = spec.convert(_coded(spec, table))
    if kept is None:
        return table.num_rows, rows, problems
    places = pa.array(kept[rows.column("_row").to_numpy()])
    rows = rows.set_column(rows.schema.get_field_index("_row"), "_row", places)
    return len(kept) + len(uneven), rows, [*((int(kept[row]), reason) for row, reason in problems), *uneven]


def _coded(spec: _Dataset, table: pa.Table) -> pa.Table:
    """``table`` with the columns the conversion reads as dictionaries, each in one chunk."""
    for index, column in enumerate(table.schema):
        if column.name in spec.coded:  # the parts share the dictionary: only their indices are joined
            table = table.set_column(index, column.name, pc.dictionary_encode(table.column(index)).combine_chunks())
    return table


#: Where coordinates lie.
_RANGES = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}


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


def _take(job: tuple[Any, int], report: ImportReport, bad_rows: list[tuple[int, str]], written: _Written,
          writer: Any, bar: Any, drop: np.ndarray | None) -> None:
    """Write one converted block (leaving out the rows in ``drop``, counted from the first row)."""
    future, done = job
    try:
        count, rows, problems = future.result()
    except _NotInEncoding as error:
        raise _not_in_encoding(report.source, str(error)) from None
    except TrackerError as error:
        raise InputError(f"{report.source}: {error}") from None
    positions = rows.column("_row").to_numpy() + report.rows  # rows' places in the file
    if drop is not None and len(drop):
        kept = ~np.isin(positions, drop)
        rows, positions = rows.filter(pa.array(kept)), positions[kept]
    written.add(rows.column("id").combine_chunks(), positions)
    bad_rows += [(report.rows + row, reason) for row, reason in sorted(problems)]
    report.rows += count
    writer.write_arrow(rows.drop_columns(["_row"]))
    report.imported += rows.num_rows
    if bar is not None:
        bar.update(done - bar.n)


def _bar(source: Path, progress: bool) -> Any:
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=source.stat().st_size, unit="B", unit_scale=True, desc="importing", disable=None, leave=False)


def _header(source: Path, spec: _Dataset, encoding: str = "utf-8") -> list[str]:
    """The column names (in lower case), after checking the export has the columns it needs. The
    header is read only up to :data:`MAX_HEADER_CHARS` and :data:`MAX_COLUMNS`."""
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
        raise _not_in_encoding(source, encoding) from None
    except NotRegularFile as error:
        raise error from None
    except OSError as error:
        raise ReadError(f"{source}: cannot read the file: {error.strerror}") from None
    if len(line) > MAX_HEADER_CHARS:
        raise InputError(
            f"{source}:1: the header row is longer than {MAX_HEADER_CHARS:,} characters (it starts "
            f"{excerpt(line[:40])[:-1]}...'); is this a {spec.name.upper()} export? Its header is one line of "
            "column names"
        )
    header = next(csv.reader(io.StringIO(line, newline="")), None)
    if not header:
        raise InputError(f"{source}: the file is empty; an export starts with a header row")
    if len(header) > MAX_COLUMNS:
        raise InputError(
            f"{source}:1: the header has {len(header):,} columns, over the {MAX_COLUMNS:,} an import may have; is "
            f"this a {spec.name.upper()} export? Keep only its own columns (for example with `cut -d, -f1-60`)"
        )
    names = [name.strip().lower() for name in header]
    missing = [c for c in spec.required if c not in names]
    if missing:
        shown = ", ".join(excerpt(name, 40) if len(name) > 40 else name for name in names[:8])
        raise InputError(
            f"{source}:1: the header lacks {', '.join(missing)}; is this a {spec.name.upper()} export? "
            f"(it has: {shown}{'...' if len(names) > 8 else ''})"
        )
    return names


def _sub_type(label: str) -> str | None:
    return canonical_sub_type(label.strip()) if label.strip() else None


def _type(label: str) -> str | None:
    return (canonical_type(label.strip()) or (None, None))[0]


def _type_sub_type(label: str) -> str | None:
    """The sub-type a pre-2019 event type names ('Battle-Government regains territory')."""
    return (canonical_type(label.strip()) or (None, None))[1]


def _rows(base: dict[str, Any], kept: pa.Table, prefix: str, ok: np.ndarray) -> pa.Table:
    """The output table of the rows that passed: the record columns, the dataset's own, the point."""
    lon = base["longitude"].to_numpy(zero_copy_only=False)
    lat = base["latitude"].to_numpy(zero_copy_only=False)
    nulls = pa.nulls(len(ok), pa.string())
    columns = {name: nulls if base.get(name) is None else base[name] for name in COLUMNS}
    columns.update({f"{prefix}_{name}": kept.column(name) for name in kept.column_names})
    columns["geometry"] = tx.wkb_points(lon, lat)
    columns["_row"] = pa.array(np.arange(len(ok)))
    table = pa.table(columns)
    table = table if ok.all() else table.filter(pa.array(ok))
    # Columns no row leaves empty are written as required (Parquet then stores no null markers):
    # every column read from the export (the reader makes no nulls) and what the checks ensure.
    required = {"geometry", *(f"{prefix}_{name}" for name in kept.column_names),
                *(name for name in _FILLED if base.get(name) is not None)}
    empty = [name for name in required if table.column(name).null_count]
    if empty:  # cannot happen: it would be a mistake in the conversion
        raise InternalError(f"an imported row lacks {', '.join(sorted(empty))}")
    return table.cast(pa.schema([f.with_nullable(f.name not in required) for f in table.schema]))


#: Record columns every imported row has (a row without one is left out).
_FILLED = ("id", "start", "end", "title", "type", "latitude", "longitude", "precision", "notes")


def _dates(day: pa.Array, column: pa.DictionaryArray, code: pa.DictionaryArray) -> tuple[pa.Array, pa.Array]:
    """First and last days of each row: its day (``day``, one for each distinct text of ``column``),
    the seven days around it where ``code`` (ACLED's time_precision) is 2, its month where 3."""
    days = pc.fill_null(pc.cast(day, pa.int32()), 0).to_numpy(zero_copy_only=False)
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    first = months.astype("datetime64[D]").astype(np.int32)
    last = (months + 1).astype("datetime64[D]").astype(np.int32) - 1
    which = column.indices.to_numpy(zero_copy_only=False)
    week, month = (tx.among(code, [value]).to_numpy(zero_copy_only=False) for value in ("2", "3"))
    row_day = days[which]
    start = np.where(week, row_day - 3, np.where(month, first[which], row_day))
    end = np.where(week, row_day + 3, np.where(month, last[which], row_day))
    return pa.array(start).cast(pa.date32()), pa.array(end).cast(pa.date32())


# --- ACLED ---------------------------------------------------------------------------------------


def _acled(table: pa.Table) -> tuple[pa.Table, list[tuple[int, str]]]:
    count = table.num_rows
    text = functools.partial(tx.column, table)
    ident, date_text = table.column("event_id_cnty").combine_chunks(), text("event_date")
    day = tx.day(date_text.dictionary)
    time_code = tx.mapped(text("time_precision"),
                        lambda text: pc.if_else(pc.equal(text, ""), "1", text))  # empty: the day given
    event_type, sub_label = text("event_type"), text("sub_event_type")
    kind = tx.mapped(event_type, lambda labels: tx.each(labels, _type))
    sub = tx.each(sub_label.dictionary, _sub_type)
    lat_text, lon_text = table.column("latitude").combine_chunks(), table.column("longitude").combine_chunks()
    lat, lon = tx.number(lat_text), tx.number(lon_text)
    geo = text("geo_precision")
    actor1, actor2, location = text("actor1"), text("actor2"), text("location")

    ok, problems = tx.first_failures([
        (pc.not_equal(ident, ""), lambda row: "event_id_cnty is empty"),
        (tx.rows_of(pc.is_valid(day), date_text),
         lambda row: f"event_date {tx.shown(date_text)(row)} is not a date (2020-05-09, 09 May 2020, 9-May-20 "
                       "or a spreadsheet's day number such as 43960)"),
        (tx.among(time_code, ["1", "2", "3"]),
         lambda row: f"time_precision {tx.shown(time_code)(row)} is not 1, 2 or 3"),
        (pc.is_valid(kind), lambda row: f"event_type {tx.shown(event_type)(row)} is not an ACLED event type"),
        (tx.rows_of(pc.or_(pc.equal(sub_label.dictionary, ""), pc.is_valid(sub)), sub_label),
         lambda row: f"sub_event_type {tx.shown(sub_label)(row)} is not an ACLED sub-event type"),
        (pc.and_(pc.greater_equal(lat, -90), pc.less_equal(lat, 90)),
         lambda row: f"latitude {tx.shown(lat_text)(row)} is not a number within -90..90"),
        (pc.and_(pc.greater_equal(lon, -180), pc.less_equal(lon, 180)),
         lambda row: f"longitude {tx.shown(lon_text)(row)} is not a number within -180..180"),
        (tx.among(geo, ["1", "2", "3"]), lambda row: f"geo_precision {tx.shown(geo)(row)} is not 1, 2 or 3"),
        (tx.rows_of(pc.not_equal(actor1.dictionary, ""), actor1), lambda row: "actor1 is empty"),
    ], count)
    start, end = _dates(day, date_text, time_code)

    # A title names the sub-event type (or the type) and the place: made once per distinct pair.
    named = tx.combined(lambda event, sub_event: pc.if_else(pc.equal(sub_event, ""), event, sub_event),
                        event_type, sub_label)
    place = tx.mapped(location, lambda places: pc.if_else(pc.equal(places, ""), "an unnamed place", places))

    base = {
        "id": tx.slug("acled-", ident),
        "start": start,
        "end": end,
        "title": tx.combined(lambda what, where: pc.binary_join_element_wise(what, where, " in "), named, place),
        "type": kind,
        "sub_type": tx.combined(lambda event, sub_event: pc.coalesce(  # a pre-2019 type names its sub-type
            tx.each(sub_event, _sub_type),
            tx.each(event, _type_sub_type)), event_type, sub_label),
        "actors": tx.combined(tx.joined, actor1, text("assoc_actor_1"), actor2, text("assoc_actor_2"),
                              each=tx.present),
        "latitude": pc.fill_null(lat, np.nan),
        "longitude": pc.fill_null(lon, np.nan),
        "precision": tx.rows_of(tx.codes(geo.dictionary, {"1": 1, "2": 2, "3": 3}), geo),
        "notes": table.column("notes") if "notes" in table.column_names else None,  # in Arrow's parts
    }
    kept = table.drop_columns([c for c in ("notes", "latitude", "longitude") if c in table.column_names])
    return _rows(base, kept, "acled", ok), problems

# --- UCDP GED ------------------------------------------------------------------------------------

_UCDP_TYPES = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}
_UCDP_PRECISION = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3}


def _ucdp(table: pa.Table) -> tuple[pa.Table, list[tuple[int, str]]]:
    count = table.num_rows
    text = functools.partial(tx.column, table)
    ident = table.column("id").combine_chunks()
    start_text, end_text = text("date_start"), text("date_end")
    start, end = (tx.rows_of(tx.day(text.dictionary), text) for text in (start_text, end_text))
    violence, where = text("type_of_violence"), text("where_prec")
    lat_text, lon_text = table.column("latitude").combine_chunks(), table.column("longitude").combine_chunks()
    lat, lon = tx.number(lat_text), tx.number(lon_text)
    side_a, side_b = text("side_a"), text("side_b")

    ok, problems = tx.first_failures([
        (pc.not_equal(ident, ""), lambda row: "id is empty"),
        (pc.is_valid(start), lambda row: f"date_start {tx.shown(start_text)(row)} is not a date (YYYY-MM-DD)"),
        (pc.is_valid(end), lambda row: f"date_end {tx.shown(end_text)(row)} is not a date (YYYY-MM-DD)"),
        (pc.less_equal(start, end), lambda row: "date_end is before date_start"),
        (tx.among(violence, list(_UCDP_TYPES)),
         lambda row: f"type_of_violence {tx.shown(violence)(row)} is not 1, 2 or 3"),
        (pc.and_(pc.greater_equal(lat, -90), pc.less_equal(lat, 90)),
         lambda row: f"latitude {tx.shown(lat_text)(row)} is not a number within -90..90"),
        (pc.and_(pc.greater_equal(lon, -180), pc.less_equal(lon, 180)),
         lambda row: f"longitude {tx.shown(lon_text)(row)} is not a number within -180..180"),
        (tx.among(where, list(_UCDP_PRECISION)), lambda row: f"where_prec {tx.shown(where)(row)} is not 1 to 7"),
        (tx.rows_of(pc.not_equal(side_a.dictionary, ""), side_a), lambda row: "side_a is empty"),
    ], count)

    def title(conflict: pa.Array, a: pa.Array, b: pa.Array, where: pa.Array, region: pa.Array) -> pa.Array:
        place = pc.if_else(pc.equal(where, ""), region, where)
        return pc.binary_join_element_wise(
            pc.if_else(pc.equal(conflict, ""), a, conflict), ": ", a, " vs ", b,
            pc.if_else(pc.equal(place, ""), "", pc.binary_join_element_wise(" at ", place, "")), "")

    base = {
        "id": tx.slug("ucdp-", ident),
        "start": start,
        "end": end,
        "title": tx.combined(title, text("conflict_name"), side_a, side_b, text("where_coordinates"),
                           text("adm_1")),
        "type": tx.mapped(violence, lambda codes: tx.each(codes, _UCDP_TYPES.get)),
        "actors": tx.combined(tx.joined, side_a, side_b, each=tx.present),
        "latitude": pc.fill_null(lat, np.nan),
        "longitude": pc.fill_null(lon, np.nan),
        "precision": tx.rows_of(tx.codes(where.dictionary, _UCDP_PRECISION), where),
    }
    kept = table.drop_columns([c for c in ("latitude", "longitude") if c in table.column_names])
    return _rows(base, kept, "ucdp", ok), problems


DATASETS = {
    "acled": _Dataset("acled", REQUIRED["acled"],
                      ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
                       "actor2", "assoc_actor_2", "location", "geo_precision"),
                      ("event_id_cnty",), _acled),
    "ucdp": _Dataset("ucdp", REQUIRED["ucdp"],
                     ("type_of_violence", "conflict_name", "side_a", "side_b", "where_prec", "where_coordinates",
                      "adm_1", "date_start", "date_end"),
                     ("id", "geom_wkt", "source_article"), _ucdp),
}
