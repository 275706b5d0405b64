"""Imports read what real exports hold, or say row by row why not; nothing is written when no row
is read, and no byte becomes U+FFFD unsaid."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import main
from tracker.datasets.importing import ACLED_COLUMNS, NothingImported, import_events
from tracker.tables.columns import day
from tracker.tables.table import EventTable

from ..common import write_acled_like


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _latin1_export(here: Path) -> Path:
    rows = _rows(write_acled_like(here / "utf8.csv", 4))
    rows[3][ACLED_COLUMNS.index("location")] = "Dayr Hafir é"
    return _write(here / "acled.csv", rows, encoding="latin-1")


def test_an_export_not_in_utf8_is_refused_with_its_line_and_nothing_is_written(here: Path) -> None:
    _latin1_export(here)
    result = CliRunner().invoke(main, ["import", "acled", "acled.csv", "-o", "out.parquet"])
    assert result.exit_code == 1
    assert result.output == ("tracker: acled.csv:4: the file is not UTF-8 (byte 0xe9 here); re-save it as UTF-8, "
                             "or pass --encoding latin-1 (or the encoding it was saved in)\n")
    assert sorted(p.name for p in here.iterdir()) == ["acled.csv", "utf8.csv"]


def test_an_export_in_latin1_is_read_with_its_encoding(here: Path) -> None:
    _latin1_export(here)
    result = CliRunner().invoke(main, ["import", "acled", "acled.csv", "-o", "out.parquet", "--encoding", "latin-1"])
    assert result.exit_code == 0, result.output
    frame = EventTable.read(here / "out.parquet").frame
    assert frame["acled_location"].tolist()[2] == "Dayr Hafir é"
    assert "\ufffd" not in "".join(frame["title"])


def test_an_encoding_unknown_or_unlike_ascii_is_refused(here: Path) -> None:
    write_acled_like(here / "acled.csv", 2)
    unknown = CliRunner().invoke(main, ["import", "acled", "acled.csv", "-o", "o.parquet", "--encoding", "klingon"])
    assert unknown.output == ("tracker: 'klingon' is not an encoding Python knows; try utf-8, latin-1 or cp1252\n")
    wide = CliRunner().invoke(main, ["import", "acled", "acled.csv", "-o", "o.parquet", "--encoding", "utf-16"])
    assert wide.output == ("tracker: the utf-16 encoding does not write line ends, commas and quotes as ASCII does; "
                           "convert the file to UTF-8 first, for example with `iconv -f ENCODING -t UTF-8`\n")
    assert unknown.exit_code == wide.exit_code == 1
    assert not (here / "o.parquet").exists()


def test_dates_as_spreadsheets_and_older_exports_write_them_are_read(here: Path) -> None:
    rows = _rows(write_acled_like(here / "utf8.csv", 6))
    column = ACLED_COLUMNS.index("event_date")
    precision = ACLED_COLUMNS.index("time_precision")
    for row, text in zip(rows[1:], ["9-May-20", "09 May 2020", "9 May 2020", "2020-05-09", "43960", "09-May-2020"],
                         strict=True):
        row[column], row[precision] = text, "1"
    _write(here / "acled.csv", rows)
    report = import_events("acled", here / "acled.csv", here / "out.parquet")
    assert (report.imported, report.problems) == (6, [])
    frame = EventTable.read(here / "out.parquet").frame
    assert {str(d)[:10] for d in frame["start"]} == {"2020-05-09"}


def test_a_date_in_no_known_form_is_reported_by_row(here: Path) -> None:
    rows = _rows(write_acled_like(here / "utf8.csv", 3))
    rows[2][ACLED_COLUMNS.index("event_date")] = "5/9/2020"
    _write(here / "acled.csv", rows)
    report = import_events("acled", here / "acled.csv", here / "out.parquet")
    assert [str(p) for p in report.problems] == [
        f"{here / 'acled.csv'}:3: row 2 left out: event_date '5/9/2020' is not a date (2020-05-09, 09 May 2020, "
        "9-May-20 or a spreadsheet's day number such as 43960)"]


def test_an_import_that_reads_no_row_writes_nothing_and_suggests_no_next_step(here: Path) -> None:
    rows = _rows(write_acled_like(here / "utf8.csv", 3))
    for row in rows[1:]:
        row[ACLED_COLUMNS.index("event_date")] = "May the ninth"
    _write(here / "acled.csv", rows)
    result = CliRunner().invoke(main, ["import", "acled", "acled.csv", "-o", "out.parquet"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"acled.csv:{n + 1}: row {n} left out: event_date 'May the ninth' is not a date (2020-05-09, 09 May 2020, "
        "9-May-20 or a spreadsheet's day number such as 43960)" for n in (1, 2, 3)
    ] + ["tracker: acled.csv: none of its 3 rows could be read (see above); nothing was written to out.parquet"]
    assert not (here / "out.parquet").exists()


def test_an_export_with_only_its_header_writes_nothing(here: Path) -> None:
    _write(here / "acled.csv", [list(ACLED_COLUMNS)])
    with pytest.raises(NothingImported) as error:
        import_events("acled", here / "acled.csv", here / "out.csv")
    assert str(error.value) == f"{here / 'acled.csv'} has no rows after its header; nothing was written to " \
        f"{here / 'out.csv'}"
    assert not (here / "out.csv").exists()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1927, 5, 19), max_value=dt.date(2173, 10, 13)))
def test_every_form_of_a_day_reads_as_that_day(when: dt.date) -> None:
    serial = (when - dt.date(1899, 12, 30)).days
    texts = [when.isoformat(), f"{when:%d %B %Y}", f"{when:%d %b %Y}", str(serial), f"{when:%d-%b-%Y}"]
    if 1969 <= when.year <= 2068:  # a year of two digits stands for one of these
        texts.append(f"{when.day}-{when:%b-%y}")
    assert day(pa.array(texts)).to_pylist() == [when] * len(texts)


def test_an_uneven_row_far_into_a_block_is_reported_by_its_line(here: Path) -> None:
    # One block of 3 MB, which Arrow's reader parses in parts of its own: rows are still counted from
    # the block's start, a note spanning lines and a blank line before the uneven row included.
    rows = _rows(write_acled_like(here / "utf8.csv", 8000))
    rows[10][ACLED_COLUMNS.index("notes")] = "a note\nover two lines"
    del rows[7900][-1]
    path = _write(here / "acled.csv", rows)
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*lines[:50], "", *lines[50:]]), encoding="utf-8")
    assert path.stat().st_size > 2 << 20  # Arrow parses it in parts of 1 MiB
    report = import_events("acled", path, here / "out.parquet")
    assert (report.rows, report.imported) == (8000, 7999)
    assert [str(p) for p in report.problems] == [
        f"{path}:7903: row 7900 left out: the row has 29 values; the header has 30"]
    assert EventTable.read(here / "out.parquet").frame["acled_event_id_cnty"].tolist()[7899] == rows[7901][0]
