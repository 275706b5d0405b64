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
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .errors import Problem, TrackerError
from .table import ACTOR_SEPARATOR, COLUMNS
from .vocabulary import canonical_sub_type, canonical_type

#: Bytes read at a time (Arrow's CSV block size): bounds memory to some hundred MB.
CHUNK_BYTES = 64 << 20

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
    convert: Callable[[pa.Table], tuple[pa.Table, list[tuple[int, str]]]]


def import_events(
    dataset: str, source: str | Path, output: str | Path, *, chunk_bytes: int = CHUNK_BYTES, progress: bool = False
) -> ImportReport:
    """Import an ACLED (``dataset="acled"``) or UCDP GED (``"ucdp"``) CSV export into ``output``: a
    ``.parquet``, ``.csv``, ``.geojson`` or ``.kml`` file, or a folder of YAML records.

    The file is read in blocks of ``chunk_bytes`` by Arrow's CSV reader and each block converted with
    Arrow compute functions. Rows that cannot be read are left out and reported in the returned
    :class:`ImportReport`. The output is written under a temporary name and renamed when complete.
    """
    spec = DATASETS.get(dataset.lower())
    if spec is None:
        raise TrackerError(f"{dataset!r} is not a dataset tracker imports; use acled or ucdp")
    source, output = Path(source), Path(output)
    if not source.is_file():
        raise TrackerError(f"{source}: no such file")
    return _import(spec, source, output, chunk_bytes, progress)


def _import(spec: _Dataset, source: Path, output: Path, chunk_bytes: int, progress: bool) -> ImportReport:
    from concurrent.futures import ThreadPoolExecutor

    from .interop import TableWriter

    names = _header(source, spec)
    report = ImportReport(spec.name, source, output)
    bad_rows: list[tuple[int, str]] = []
    seen: list[pa.Array] = []  # ids imported so far: a repeated one is refused
    bar = _bar(source, progress)
    # Blocks are read ahead by one thread, parsed and converted by two more (Arrow releases the GIL),
    # while this thread writes them in order; a few blocks at most wait, which bounds memory.
    with ThreadPoolExecutor(max_workers=2) as pool, TableWriter(output) as writer:
        pending: list[Any] = []
        for piece, done in _ahead(_pieces(source, chunk_bytes)):
            pending.append((pool.submit(_convert, spec, names, piece), done))
            if len(pending) > 2:
                _take(pending.pop(0), report, bad_rows, seen, writer, bar, spec)
        while pending:
            _take(pending.pop(0), report, bad_rows, seen, writer, bar, spec)
    if bar is not None:
        bar.close()
    report.problems = _located(source, bad_rows)
    return report


def _convert(spec: _Dataset, names: list[str], piece: bytes) -> tuple[int, pa.Table, list[tuple[int, str]]]:
    """Parse one block of rows (whole rows, no header) and convert it."""
    import io

    import pyarrow.csv as pacsv

    def parse(data: bytes) -> pa.Table:
        return pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=False),  # blocks run in parallel
            parse_options=pacsv.ParseOptions(newlines_in_values=True),  # Arrow cuts its own blocks too
            convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )

    try:
        try:
            table = parse(piece)
        except pa.ArrowInvalid as error:
            if "UTF8" not in str(error).upper().replace("-", ""):
                raise
            table = parse(piece.decode("utf-8", "replace").encode("utf-8"))  # bad bytes shown as U+FFFD
    except pa.ArrowInvalid as error:
        raise TrackerError(f"not a readable CSV file: {error}") from None
    rows, problems = spec.convert(table)
    return table.num_rows, rows, problems


def _ahead(pieces: Iterator[tuple[bytes, int]], depth: int = 2) -> Iterator[tuple[bytes, int]]:
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


def _repeated(ids: pa.Array, seen: list[pa.Array]) -> np.ndarray:
    """Which ids were imported before, or appear earlier in the same block."""
    repeated = np.zeros(len(ids), dtype=bool)
    if seen:
        repeated |= pc.is_in(ids, value_set=pa.concat_arrays(seen)).to_numpy(zero_copy_only=False)
    distinct = pc.unique(ids)
    if len(distinct) != len(ids):
        codes = pc.index_in(ids, value_set=distinct).to_numpy(zero_copy_only=False)
        order = np.argsort(codes, kind="stable")
        later = np.zeros(len(ids), dtype=bool)
        later[order[1:]] = codes[order[1:]] == codes[order[:-1]]
        repeated |= later
    return repeated


def _take(job: tuple[Any, int], report: ImportReport, bad_rows: list[tuple[int, str]], seen: list[pa.Array],
          writer: Any, bar: Any, spec: _Dataset) -> None:
    """Write one converted block, leaving out ids already imported."""
    future, done = job
    try:
        count, rows, problems = future.result()
    except TrackerError as error:
        raise TrackerError(f"{report.source}: {error}") from None
    ids = rows.column("id").combine_chunks()
    repeated = _repeated(ids, seen)
    if repeated.any():
        positions = rows.column("_row").to_numpy()  # rows' places in the block
        problems = [*problems, *((int(positions[i]), f"{spec.required[0]} repeats an earlier row")
                                 for i in np.flatnonzero(repeated))]
        rows = rows.filter(pa.array(~repeated))
        ids = rows.column("id").combine_chunks()
    seen.append(ids)
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


def _header(source: Path, spec: _Dataset) -> list[str]:
    """The column names (in lower case), after checking the export has the columns it needs."""
    with source.open(encoding="utf-8-sig", errors="replace", newline="") as stream:
        header = next(csv.reader(stream), None)
    if not header:
        raise TrackerError(f"{source}: the file is empty; an export starts with a header row")
    names = [name.strip().lower() for name in header]
    missing = [c for c in spec.required if c not in names]
    if missing:
        raise TrackerError(
            f"{source}:1: the header lacks {', '.join(missing)}; is this a {spec.name.upper()} export? "
            f"(it has: {', '.join(names[:8])}{'...' if len(names) > 8 else ''})"
        )
    return names


def _pieces(source: Path, size: int) -> Iterator[tuple[bytes, int]]:
    """The file after its header in blocks of about ``size`` bytes, each ending at the end of a row:
    at a line end outside quotes (an even count of '"' so far, as CSV doubles quotes inside values),
    so a value spanning lines is never cut. Yields each block and the bytes read so far."""
    with source.open("rb") as stream:
        header = stream.readline()
        if header.count(b'"') % 2:  # a header spanning lines: rare, read as a whole
            while header.count(b'"') % 2 and (line := stream.readline()):
                header += line
        while piece := stream.read(size):
            piece += stream.readline()
            while piece.count(b'"') % 2 and (line := stream.readline()):
                piece += line
            yield piece, stream.tell()


def _located(source: Path, bad_rows: list[tuple[int, str]]) -> list[Problem]:
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
        for row, _values in enumerate(reader):
            if row in wanted:
                lines[row] = start
            if row >= last:
                break
            start = reader.line_num + 1
    return [Problem(str(source), lines.get(row), None, "", f"row {row + 1} left out: {reason}")
            for row, reason in bad_rows]


# --- shared conversions, on Arrow arrays ------------------------------------------------------------


def _column(table: pa.Table, name: str) -> Any:
    """A text column as written (an Arrow chunked array); empty text where the export lacks it."""
    if name not in table.column_names:
        return pa.chunked_array([pa.array([""] * table.num_rows, pa.string())])
    return table.column(name)


def _number(text: pa.Array) -> pa.Array:
    """Decimal numbers; null where the text is not one."""
    try:
        return pc.cast(text, pa.float64())  # every value a number: the usual case, and fast
    except pa.ArrowInvalid:
        text = pc.utf8_trim_whitespace(text)
        valid = pc.match_substring_regex(text, r"^[-+]?(\d+\.?\d*|\.\d+)$")
        return pc.cast(pc.if_else(valid, text, pa.scalar(None, pa.string())), pa.float64())


def _day(text: pa.Array) -> pa.Array:
    """Dates as the exports write them: ISO (optionally followed by a time) or '08 June 2017'; null
    where the text is no date (30 February included: Arrow's parser would roll it over)."""
    iso = pc.utf8_slice_codeunits(text, 0, 10)
    parsed = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
    day_given = pc.cast(pc.if_else(pc.is_valid(parsed), pc.utf8_slice_codeunits(iso, 8, 10), "0"), pa.int64())
    parsed = pc.if_else(pc.equal(pc.day(parsed), day_given), parsed, None)
    if parsed.null_count:  # the older exports' '08 June 2017', on the rows left only
        words = pc.strptime(text, format="%d %B %Y", unit="s", error_is_null=True)
        numbered = pc.match_substring_regex(text, r"^\d{1,2} ")
        given = pc.cast(pc.if_else(numbered, pc.replace_substring_regex(text, r"^(\d{1,2}) .*$", r"\1"), "0"),
                        pa.int64())
        parsed = pc.coalesce(parsed, pc.if_else(pc.equal(pc.day(words), given), words, None))
    return pc.cast(parsed, pa.date32())


def _shown(array: Any) -> Callable[[int], str]:
    """A row's value as a message shows it, quoted."""
    return lambda row: repr(array[row].as_py())


def _in(text: pa.Array, allowed: list[str]) -> pa.Array:
    return pc.is_in(text, value_set=pa.array(allowed))


def _lookup(text: pa.Array, convert: Callable[[str], Any]) -> pa.Array:
    """``convert`` applied once per distinct value (null where it gives ``None``)."""
    labels = pc.unique(text)
    mapped = pa.array([convert(label) for label in labels.to_pylist()], pa.string())
    return pc.take(mapped, pc.index_in(text, value_set=labels))


def _problems(
    checks: list[tuple[pa.Array, Callable[[int], str]]], count: int
) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Which rows pass every check, and for each other row the message of the first check it fails."""
    failed = np.zeros(count, dtype=bool)
    found: list[tuple[int, str]] = []
    for mask, message in checks:
        bad = ~pc.fill_null(mask, False).to_numpy(zero_copy_only=False) & ~failed
        for row in np.flatnonzero(bad):
            found.append((int(row), message(int(row))))
        failed |= bad
    return ~failed, found


def _joined(*parts: Any) -> Any:
    """Actor names from several columns, each empty or holding names separated by '; '."""
    return pc.binary_join_element_wise(*(_empty_to_null(part) for part in parts), ACTOR_SEPARATOR,
                                       null_handling="skip")


def _slug(prefix: str, text: pa.Array) -> pa.Array:
    body = pc.utf8_lower(text)
    if not pc.all(pc.utf8_is_alnum(body)).as_py():
        body = pc.utf8_trim(pc.replace_substring_regex(body, r"[^a-z0-9]+", "-"), "-")
    return pc.binary_join_element_wise(prefix, body, "")


def _empty_to_null(text: Any) -> Any:
    """Empty text as null, by giving the column a validity bitmap (its values are not copied)."""
    chunks = []
    for chunk in text.chunks:
        if chunk.null_count:
            chunks.append(pc.if_else(pc.equal(chunk, ""), pa.scalar(None, pa.string()), chunk))
            continue
        filled = pc.not_equal(pc.binary_length(chunk), 0)
        _validity, offsets, data = chunk.buffers()
        chunks.append(pa.StringArray.from_buffers(len(chunk), offsets, data, filled.buffers()[1], offset=chunk.offset))
    return pa.chunked_array(chunks, pa.string())


def _as_dates(days: np.ndarray) -> pa.Array:
    """NumPy days as an Arrow date column."""
    return pa.array(days).cast(pa.date32())


def wkb_points(lon: np.ndarray, lat: np.ndarray) -> pa.Array:
    """Points as WKB (little-endian), built straight from the coordinate arrays."""
    layout = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
    cells = np.empty(len(lon), dtype=layout)
    cells["order"], cells["kind"], cells["x"], cells["y"] = 1, 1, lon, lat
    fixed = pa.FixedSizeBinaryArray.from_buffers(pa.binary(layout.itemsize), len(lon), [None, pa.py_buffer(cells)])
    return fixed.cast(pa.binary())


def _rows(base: dict[str, pa.Array], kept: pa.Table, prefix: str, ok: np.ndarray) -> pa.Table:
    """The output table of the rows that passed: the record columns, the dataset's own, the point."""
    lon = base["longitude"].to_numpy(zero_copy_only=False)
    lat = base["latitude"].to_numpy(zero_copy_only=False)
    nulls = pa.nulls(len(ok), pa.string())
    columns = {name: nulls if base.get(name) is None else base[name] for name in COLUMNS}
    columns.update({f"{prefix}_{name}": kept.column(name) for name in kept.column_names})
    columns["geometry"] = wkb_points(lon, lat)
    columns["_row"] = pa.array(np.arange(len(ok)))
    table = pa.table(columns)
    return table if ok.all() else table.filter(pa.array(ok))


# --- ACLED ---------------------------------------------------------------------------------------


def _acled(table: pa.Table) -> tuple[pa.Table, list[tuple[int, str]]]:
    count = table.num_rows
    ident, date_text = _column(table, "event_id_cnty"), _column(table, "event_date")
    day = _day(date_text)
    time_code = _column(table, "time_precision")
    precision_in_time = pc.if_else(pc.equal(time_code, ""), "1", time_code)
    event_type, sub_label = _column(table, "event_type"), _column(table, "sub_event_type")
    labels = pc.unique(event_type)
    known = [canonical_type(label.strip()) or (None, None) for label in labels.to_pylist()]
    where_label = pc.index_in(event_type, value_set=labels)
    kind = pc.take(pa.array([k[0] for k in known], pa.string()), where_label)
    legacy_sub = pc.take(pa.array([k[1] for k in known], pa.string()), where_label)
    sub = _lookup(sub_label, lambda v: canonical_sub_type(v.strip()) if v.strip() else None)
    lat_text, lon_text = _column(table, "latitude"), _column(table, "longitude")
    lat, lon = _number(lat_text), _number(lon_text)
    geo = _column(table, "geo_precision")
    actor1, actor2, location = _column(table, "actor1"), _column(table, "actor2"), _column(table, "location")

    ok, problems = _problems([
        (pc.not_equal(ident, ""), lambda row: "event_id_cnty is empty"),
        (pc.is_valid(day),
         lambda row: f"event_date {_shown(date_text)(row)} is not a date (YYYY-MM-DD or '08 June 2017')"),
        (_in(precision_in_time, ["1", "2", "3"]),
         lambda row: f"time_precision {_shown(precision_in_time)(row)} is not 1, 2 or 3"),
        (pc.is_valid(kind), lambda row: f"event_type {_shown(event_type)(row)} is not an ACLED event type"),
        (pc.or_(pc.equal(sub_label, ""), pc.is_valid(sub)),
         lambda row: f"sub_event_type {_shown(sub_label)(row)} is not an ACLED sub-event type"),
        (pc.and_(pc.greater_equal(lat, -90), pc.less_equal(lat, 90)),
         lambda row: f"latitude {_shown(lat_text)(row)} is not a number within -90..90"),
        (pc.and_(pc.greater_equal(lon, -180), pc.less_equal(lon, 180)),
         lambda row: f"longitude {_shown(lon_text)(row)} is not a number within -180..180"),
        (_in(geo, ["1", "2", "3"]), lambda row: f"geo_precision {_shown(geo)(row)} is not 1, 2 or 3"),
        (pc.not_equal(actor1, ""), lambda row: "actor1 is empty"),
    ], count)
    days = day.to_numpy(zero_copy_only=False).astype("datetime64[D]")
    week, month = (precision_in_time.to_numpy(zero_copy_only=False) == code for code in ("2", "3"))
    months = days.astype("datetime64[M]")
    start = np.where(week, days - 3, np.where(month, months.astype("datetime64[D]"), days))
    end = np.where(week, days + 3, np.where(month, (months + 1).astype("datetime64[D]") - 1, days))
    named = pc.if_else(pc.equal(sub_label, ""), event_type, sub_label)
    place = pc.if_else(pc.equal(location, ""), "an unnamed place", location)
    base = {
        "id": _slug("acled-", ident),
        "start": _as_dates(start),
        "end": _as_dates(end),
        "title": pc.binary_join_element_wise(named, place, " in "),
        "type": kind,
        "sub_type": pc.coalesce(sub, legacy_sub),
        "actors": _joined(actor1, _column(table, "assoc_actor_1"), actor2, _column(table, "assoc_actor_2")),
        "latitude": pc.fill_null(lat, np.nan),
        "longitude": pc.fill_null(lon, np.nan),
        "precision": pc.cast(geo if ok.all() else pc.if_else(pa.array(ok), geo, pa.scalar(None, pa.string())),
                             pa.int8()),
        "notes": table.column("notes").combine_chunks() if "notes" in table.column_names else None,
    }
    kept = table.drop_columns([c for c in ("notes", "latitude", "longitude") if c in table.column_names])
    return _rows(base, kept, "acled", ok), problems


# --- UCDP GED ------------------------------------------------------------------------------------

_UCDP_TYPES = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}
_UCDP_PRECISION = {"1": "1", "2": "2", "3": "3", "4": "3", "5": "3", "6": "3", "7": "3"}


def _ucdp(table: pa.Table) -> tuple[pa.Table, list[tuple[int, str]]]:
    count = table.num_rows
    ident = _column(table, "id")
    start_text, end_text = _column(table, "date_start"), _column(table, "date_end")
    start, end = _day(start_text), _day(end_text)
    violence, where = _column(table, "type_of_violence"), _column(table, "where_prec")
    lat_text, lon_text = _column(table, "latitude"), _column(table, "longitude")
    lat, lon = _number(lat_text), _number(lon_text)
    side_a, side_b = _column(table, "side_a"), _column(table, "side_b")

    ok, problems = _problems([
        (pc.not_equal(ident, ""), lambda row: "id is empty"),
        (pc.is_valid(start), lambda row: f"date_start {_shown(start_text)(row)} is not a date (YYYY-MM-DD)"),
        (pc.is_valid(end), lambda row: f"date_end {_shown(end_text)(row)} is not a date (YYYY-MM-DD)"),
        (pc.less_equal(start, end), lambda row: "date_end is before date_start"),
        (_in(violence, list(_UCDP_TYPES)), lambda row: f"type_of_violence {_shown(violence)(row)} is not 1, 2 or 3"),
        (pc.and_(pc.greater_equal(lat, -90), pc.less_equal(lat, 90)),
         lambda row: f"latitude {_shown(lat_text)(row)} is not a number within -90..90"),
        (pc.and_(pc.greater_equal(lon, -180), pc.less_equal(lon, 180)),
         lambda row: f"longitude {_shown(lon_text)(row)} is not a number within -180..180"),
        (_in(where, list(_UCDP_PRECISION)), lambda row: f"where_prec {_shown(where)(row)} is not 1 to 7"),
        (pc.not_equal(side_a, ""), lambda row: "side_a is empty"),
    ], count)
    place = _column(table, "where_coordinates")
    place = pc.if_else(pc.equal(place, ""), _column(table, "adm_1"), place)
    conflict = _column(table, "conflict_name")
    base = {
        "id": _slug("ucdp-", ident),
        "start": start,
        "end": end,
        "title": pc.binary_join_element_wise(
            pc.if_else(pc.equal(conflict, ""), side_a, conflict), ": ", side_a, " vs ", side_b,
            pc.if_else(pc.equal(place, ""), "", pc.binary_join_element_wise(" at ", place, "")), ""),
        "type": _lookup(violence, _UCDP_TYPES.get),
        "actors": _joined(side_a, side_b),
        "latitude": pc.fill_null(lat, np.nan),
        "longitude": pc.fill_null(lon, np.nan),
        "precision": pc.cast(_lookup(pc.if_else(pa.array(ok), where, ""), _UCDP_PRECISION.get), pa.int8()),
    }
    kept = table.drop_columns([c for c in ("latitude", "longitude") if c in table.column_names])
    return _rows(base, kept, "ucdp", ok), problems


DATASETS = {
    "acled": _Dataset("acled", ("event_id_cnty", "event_date", "event_type", "actor1", "latitude", "longitude",
                                "geo_precision"), _acled),
    "ucdp": _Dataset("ucdp", ("id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude",
                              "date_start", "date_end"), _ucdp),
}


def acled_like_rows(count: int, seed: int = 2017) -> Iterator[list[str]]:
    """Rows shaped like a current ACLED export (:data:`ACLED_COLUMNS`), for tests and benchmarks: made
    up, in Syria and Iraq, 2017. Not ACLED data."""
    rng = np.random.default_rng(seed)
    types = [("Battles", "Armed clash"), ("Battles", "Government regains territory"),
             ("Explosions/Remote violence", "Air/drone strike"),
             ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Violence against civilians", "Attack"), ("Strategic developments", "Looting/property destruction")]
    actors = ["Military Forces of Syria (2000-2024)", "Islamic State (Syria)", "SDF: Syrian Democratic Forces",
              "Military Forces of Russia (2000-)", "Military Forces of Iraq (2014-)", "Hezbollah"]
    places = [("Tadmur", 34.5624, 38.2840), ("Deir ez-Zor", 35.3359, 40.1408), ("Ar Raqqah", 35.9528, 39.0079),
              ("Abu Kamal", 34.4523, 40.9185), ("Mosul", 36.335, 43.1189), ("Al-Qaim", 34.3687, 41.0944)]
    start = dt.date(2017, 1, 1)
    for i in range(count):
        kind, sub = types[int(rng.integers(len(types)))]
        name, lat, lon = places[int(rng.integers(len(places)))]
        iso, country = ("368", "Iraq") if lon > 41 else ("760", "Syria")
        day = start + dt.timedelta(days=int(rng.integers(365)))
        a1, a2 = rng.choice(len(actors), 2, replace=False)
        yield [
            f"{'IRQ' if iso == '368' else 'SYR'}{i + 1}", day.isoformat(), str(1 + int(rng.integers(3))),
            "Political violence",
            kind, sub, actors[a1], "", "1", actors[a2], "", "2", "12", "", iso, "Middle East", country,
            f"{name} governorate", f"{name} district", "", name, f"{lat + rng.normal(0, 0.2):.4f}",
            f"{lon + rng.normal(0, 0.2):.4f}", str(1 + int(rng.integers(3))), "Syrian Observatory for Human Rights",
            "National",
            f"On {day:%d %B %Y}, clashes near {name}; {int(rng.integers(0, 30))} reported killed, sources disagree.",
            str(int(rng.integers(0, 30))), "", "1700000000",
        ]


def write_acled_like(path: Path, count: int, seed: int = 2017) -> Path:
    """Write :func:`acled_like_rows` as a CSV file with ACLED's header."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(acled_like_rows(count, seed))
    return path

