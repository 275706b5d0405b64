"""Inputs that would make the tool work without bound: each is refused with a message, or read in
work that grows in step with its size."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tracker import read_events
from tracker.cli import main
from tracker.datasets.importing import ACLED_COLUMNS, MAX_COLUMNS, MAX_HEADER_CHARS, import_events
from tracker.drafting.article import article_text
from tracker.drafting.draft import MAX_ARTICLE_CHARS, draft_events
from tracker.errors import GeometryError, TrackerError
from tracker.geo.geodesy import read_geojson
from tracker.text import MAX_GEOJSON_BYTES

from ..common import MINIMAL, ROOT, write_acled_like


def steps(work: Callable[[], Any]) -> int:
    """How many Python lines and calls ``work`` runs: a measure of work that does not depend on the
    machine's speed."""
    count = 0

    def tracer(_frame: Any, _event: str, _arg: Any) -> Any:
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_nested_html_is_read_in_work_linear_in_its_depth() -> None:
    def nested(depth: int) -> str:
        return "<div>" * depth + "Syrian troops advanced near Tadmur." + "</div>" * depth

    article_text(nested(10))  # the parser is imported on first use
    small, large = steps(lambda: article_text(nested(500))), steps(lambda: article_text(nested(2000)))
    assert large < 6 * small, (small, large)
    assert article_text(nested(2000))[0] == "Syrian troops advanced near Tadmur."


def test_html_end_tags_that_close_nothing_cost_no_more_than_the_others() -> None:
    def unmatched(depth: int) -> str:
        return "<div>" * depth + "Syrian troops advanced near Tadmur." + "</span>" * depth

    article_text(unmatched(10))  # the parser is imported on first use
    small, large = steps(lambda: article_text(unmatched(500))), steps(lambda: article_text(unmatched(2000)))
    assert large < 6 * small, (small, large)


def test_drafting_a_repetitive_article_is_linear_in_its_length() -> None:
    sentence = "Syrian troops advanced 15 km east of Tadmur on Friday. ISIS lost 1,400 square kilometers. "
    draft_events(sentence)  # the names and patterns are read once, on first use
    small = steps(lambda: draft_events(sentence * 100))
    large = steps(lambda: draft_events(sentence * 400))
    assert large < 6 * small, (small, large)


def test_an_article_over_the_limit_is_refused_with_how_to_split_it(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("Syrian troops advanced. " * (MAX_ARTICLE_CHARS // 24 + 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(article)])
    assert result.exit_code == 1
    assert result.output == (
        f"tracker: {article} is larger than the {MAX_ARTICLE_CHARS:,} characters an article may have; split it "
        "at paragraph breaks into files under that size and draft each one\n"
    )


NOT_REGULAR = "not a regular file; input is read only from regular files (is it a link to a device or a pipe?)"


def test_a_named_pipe_in_the_events_folder_is_reported_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(yaml.safe_dump(MINIMAL), encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.yaml")
    done = subprocess.run([sys.executable, "-m", "tracker", "validate", "--no-places", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr == (
        f"{tmp_path}/pipe.yaml: the file is a named pipe (FIFO), {NOT_REGULAR}\n"
        "1 problem in 1 file; fix them and run `tracker validate` again\n"
    )


def test_a_record_linked_to_a_device_is_said_to_be_no_regular_file(tmp_path: Path) -> None:
    (tmp_path / "random.yaml").symlink_to("/dev/urandom")
    _, problems = read_events(tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path}/random.yaml: the file is a character device, {NOT_REGULAR}"]
    _, problems = read_events(tmp_path / "random.yaml")
    assert [str(p) for p in problems] == [f"{tmp_path}/random.yaml: the file is a character device, {NOT_REGULAR}"]


def _with_area(folder: Path, area: str) -> Path:
    record = folder / "drawn.yaml"
    record.write_text(yaml.safe_dump({**MINIMAL, "area": {"geojson": area}}), encoding="utf-8")
    return record


def test_an_area_file_over_the_limit_is_refused_at_validation(tmp_path: Path) -> None:
    polygon = {"type": "Polygon", "coordinates": [[[38.0, 34.3], [38.6, 34.3], [38.6, 34.8], [38.0, 34.3]]]}
    feature = {"type": "Feature", "geometry": polygon, "properties": {"note": "x" * MAX_GEOJSON_BYTES}}
    (tmp_path / "big.geojson").write_text(json.dumps(feature), encoding="utf-8")
    record = _with_area(tmp_path, "big.geojson")
    _, problems = read_events(tmp_path)
    assert [str(p) for p in problems] == [
        f"{record}:4:12: area.geojson: 'big.geojson' is 4.0 MiB, over the 4 MiB limit for an area file; simplify it "
        "(for example `ogr2ogr -simplify 0.001 small.geojson big.geojson`) or split it into several records"
    ]
    with pytest.raises(GeometryError, match=r"big.geojson is 4.0 MiB, over the 4 MiB limit; simplify it"):
        read_geojson(tmp_path / "big.geojson")


def test_an_area_file_that_is_a_pipe_or_a_device_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.geojson")
    record = _with_area(tmp_path, "pipe.geojson")
    _, problems = read_events(tmp_path)
    assert [str(p) for p in problems] == [
        f"{record}:4:12: area.geojson: 'pipe.geojson' is a named pipe (FIFO), not a regular file; an area is read "
        "only from a regular GeoJSON file"
    ]
    (tmp_path / "random.geojson").symlink_to("/dev/urandom")
    with pytest.raises(GeometryError, match=r"random.geojson is a character device, not a regular file"):
        read_geojson(tmp_path / "random.geojson")


def test_a_one_line_csv_is_refused_with_only_its_start_in_the_message(tmp_path: Path) -> None:
    source = tmp_path / "one-line.csv"
    source.write_text("x" * (MAX_HEADER_CHARS * 4), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "acled", str(source), "-o", str(tmp_path / "out.parquet")])
    assert result.exit_code == 1
    assert result.output == (
        f"tracker: {source}:1: the header row is longer than 65,536 characters (it starts "
        f"'{'x' * 40}...'); is this a ACLED export? Its header is one line of column names\n"
    )


def test_a_header_of_too_many_columns_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    names = [*ACLED_COLUMNS, *(f"c{i}" for i in range(MAX_COLUMNS))]
    source.write_text(",".join(names) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "acled", str(source), "-o", str(tmp_path / "out.parquet")])
    assert result.exit_code == 1
    assert result.output == (
        f"tracker: {source}:1: the header has {len(names):,} columns, over the 1,000 an import may have; is this a "
        "ACLED export? Keep only its own columns (for example with `cut -d, -f1-60`)\n"
    )


def test_a_long_value_is_quoted_by_its_start_only(tmp_path: Path) -> None:
    source = write_acled_like(tmp_path / "acled.csv", 3)
    with source.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[2][ACLED_COLUMNS.index("event_type")] = "\x1b[2J" + "F" * 100_000
    with source.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = import_events("acled", source, tmp_path / "out.parquet")
    assert [str(p) for p in report.problems] == [
        f"{source}:3: row 2 left out: event_type '\\\\x1b[2J{'F' * 56}' (and 99,944 more characters) is not an ACLED "
        "event type"
    ]


def test_a_named_pipe_is_not_imported(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    result = CliRunner().invoke(main, ["import", "acled", str(tmp_path / "pipe.csv"), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    assert result.output == (
        f"tracker: {tmp_path}/pipe.csv is a named pipe (FIFO), not a regular file; give the CSV file itself\n")


def test_a_row_over_the_limit_is_refused_by_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    from tracker.datasets.blocks import MAX_ROW_BYTES

    source = write_acled_like(tmp_path / "acled.csv", 3)
    with source.open("a", encoding="utf-8") as stream:
        stream.write('SYR4,"an open quote' + "x" * MAX_ROW_BYTES + "\n")
    output = tmp_path / "out.parquet"
    with pytest.raises(TrackerError) as raised:
        import_events("acled", source, output, chunk_bytes=1 << 20)
    assert str(raised.value) == (
        f"{source}:5: a row is over 32 MiB, the longest an import reads (is a quote left open?); fix or remove that "
        "row and import again"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled.csv"]


def test_markup_does_not_count_against_the_article_limit_but_has_its_own() -> None:
    from tracker.drafting.draft import MAX_INPUT_CHARS

    page = "<div class='wrapper'>" * 20_000 + "<p>Syrian troops advanced near Tadmur.</p>" + "</div>" * 20_000
    assert len(page) > MAX_ARTICLE_CHARS
    assert len(draft_events(page).records) == 1
    with pytest.raises(TrackerError) as raised:
        draft_events("<p>" + "x" * MAX_INPUT_CHARS)
    assert str(raised.value) == (
        "the text given is larger than the 5,000,000 characters an article may have, markup included; split it at "
        "paragraph breaks into files under that size and draft each one"
    )
