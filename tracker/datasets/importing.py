"""Importing ACLED and UCDP GED exports: CSV files streamed in blocks into an event table.

Each row becomes a point event: its dates, its type in ACLED's vocabulary, its actors, its point and
a precision in the record's terms (1 exact, 2 near, 3 only the region). The dataset's own fields
are kept beside, prefixed (``acled_event_id_cnty``, ``ucdp_where_prec``...), so nothing is lost.
Conversion is vectorised over each block; a row that cannot be read is reported with its line and
the reason, and the others are imported.

The file is cut into blocks of whole rows (:mod:`.blocks`), each parsed and converted
(:mod:`.reading`, with each dataset's conversion: :mod:`.acled`, :mod:`.ucdp`) and written in order
(:class:`~tracker.tables.formats.TableWriter`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from ..errors import InputError, Problem, ReadError, TrackerError, UsageError
from ..tables import columns as tx
from ..tables.formats import TableWriter
from ..text import not_regular
from . import blocks as csvblocks
from . import reading
from .acled import ACLED
from .acled import ACLED_COLUMNS as ACLED_COLUMNS
from .dataset import Dataset
from .reading import MAX_COLUMNS as MAX_COLUMNS
from .reading import MAX_HEADER_CHARS as MAX_HEADER_CHARS
from .ucdp import UCDP
from .ucdp import UCDP_COLUMNS as UCDP_COLUMNS

#: Bytes parsed at a time: a few blocks are parsed and converted at once, so memory stays near a
#: hundred MB. (Each block costs some time of its own, whatever its size, and becomes a row group;
#: 24 MiB took 3-6% less time than 16 MiB on the benchmark files, 8 and 32 MiB more.)
CHUNK_BYTES = 24 << 20
#: The datasets an import reads, by name.
DATASETS = {"acled": ACLED, "ucdp": UCDP}


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
    :class:`ImportReport`. The output is written under a temporary name and renamed when complete; an
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
    return _import(spec, source, output, chunk_bytes, progress, force, encoding=reading.codec(encoding))


def _import(spec: Dataset, source: Path, output: Path, chunk_bytes: int, progress: bool, force: bool,
            drop: np.ndarray | None = None, encoding: str = "utf-8") -> ImportReport:
    from concurrent.futures import ThreadPoolExecutor

    names = reading.header(source, spec, encoding)
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
                    pending.append((pool.submit(reading.convert_block, spec, names, piece, encoding), done))
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


def _take(job: tuple[Any, int], report: ImportReport, bad_rows: list[tuple[int, str]], written: _Written,
          writer: Any, bar: Any, drop: np.ndarray | None) -> None:
    """Write one converted block (leaving out the rows in ``drop``, counted from the first row)."""
    future, done = job
    try:
        count, rows, problems = future.result()
    except reading.NotInEncoding as error:
        raise reading.not_in_encoding(report.source, str(error)) from None
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
