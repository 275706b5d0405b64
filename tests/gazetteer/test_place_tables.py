"""A user's place table or a file to import that is broken, huge or no table at all: one line that
names the file, the line and what to do, never a traceback."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer.errors import GazetteerError
from gazetteer.table import COLUMNS, MAX_USER_PLACES, PlaceTable
from tracker.cli import main

FIX = "correct or delete that line (the table is tab-separated text), or import the place again"
UNSET = "point $TRACKER_GAZETTEER at a places.tsv written by tracker gazetteer import, or unset it"
ROW = {"id": "user:x", "name": "Xanadu", "latitude": "34.5", "longitude": "38.2", "country": "SY",
       "feature": "place", "population": "0", "names": "Xanadu", "keys": "xanadu", "source": ""}


@pytest.fixture
def user_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "places.tsv"
    monkeypatch.setenv("TRACKER_GAZETTEER", str(path))
    return path


def _write(path: Path, *rows: dict[str, str]) -> None:
    lines = ["\t".join(COLUMNS), *("\t".join(row[c] for c in COLUMNS) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _geocode(name: str = "Tadmur") -> tuple[int, str]:
    result = CliRunner().invoke(main, ["geocode", name])
    return result.exit_code, result.output


def test_a_latitude_that_is_no_number_is_named_by_file_and_line(user_table: Path) -> None:
    _write(user_table, ROW, {**ROW, "id": "user:y", "latitude": "abc"})
    assert _geocode() == (1, f"tracker: {user_table} (named by $TRACKER_GAZETTEER):3: latitude 'abc' is not a "
                             f"number; {FIX}\n")
    result = CliRunner().invoke(main, ["validate", "events"])
    assert result.exit_code == 1 and result.output.startswith(f"tracker: {user_table} (named by")


def test_a_population_of_words_is_named_by_file_and_line(user_table: Path) -> None:
    _write(user_table, {**ROW, "population": "many"})
    assert _geocode() == (1, f"tracker: {user_table} (named by $TRACKER_GAZETTEER):2: population 'many' is not a "
                             f"whole number; {FIX}\n")


def test_a_field_over_128_kib_is_named_by_file_and_line(user_table: Path) -> None:
    _write(user_table, {**ROW, "names": "x" * 200_000})
    assert _geocode() == (1, f"tracker: {user_table} (named by $TRACKER_GAZETTEER):2: a field is over "
                             f"131,072 characters; {FIX}\n")


def test_a_user_table_that_is_no_table_is_named_with_the_fix(user_table: Path) -> None:
    user_table.write_text("id: not a table\n", encoding="utf-8")
    assert _geocode() == (1, f"tracker: {user_table} (named by $TRACKER_GAZETTEER) is not a place table: its first "
                             f"line lacks the columns id, name, latitude, longitude, country, feature; {UNSET}\n")
    user_table.unlink()
    user_table.mkdir()
    assert _geocode() == (1, f"tracker: {user_table} (named by $TRACKER_GAZETTEER) is a folder, not a place table; "
                             f"{UNSET}\n")


def test_a_user_table_over_the_limit_is_refused_with_how_to_work_beyond_it(tmp_path: Path) -> None:
    path = tmp_path / "big.tsv"
    _write(path, *({**ROW, "id": f"user:{i}"} for i in range(MAX_USER_PLACES + 1)))
    with pytest.raises(GazetteerError) as raised:
        PlaceTable.read([path])
    assert str(raised.value) == (
        f"{path} holds more than 100,000 places, the most a place table may hold (each command reads it whole); "
        "import only the places you need, such as a GeoNames dump's populated places (feature class P), or keep "
        "a table per region and point $TRACKER_GAZETTEER at the one in use"
    )


def test_an_import_that_would_pass_the_limit_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    source.write_text("name,latitude,longitude\n" + "".join(f"P{i},34.{i},38.1\n" for i in range(MAX_USER_PLACES + 1)),
                      encoding="utf-8")
    into = tmp_path / "places.tsv"
    result = CliRunner().invoke(main, ["gazetteer", "import", str(source), "--into", str(into)])
    assert result.exit_code == 1
    assert result.output == (
        f"tracker: {into} would hold 100,001 places, over the 100,000 a place table may hold (each command reads it "
        "whole), so nothing was imported; import only the places you need, such as a GeoNames dump's populated "
        "places (feature class P), or keep a table per region (--into) and point $TRACKER_GAZETTEER at the one in "
        "use\n"
    )
    assert not into.exists()


def test_an_import_with_a_population_of_words_or_a_huge_field_is_reported_by_line(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    cells = ["1", "Xanadu", "Xanadu", "", "34.5", "38.2", "P", "PPL", "SY", "", "", "", "", "", "many", "", "0",
             "Asia/Damascus", "2020-01-01"]
    dump.write_text("\t".join(cells) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["gazetteer", "import", str(dump), "--into", str(tmp_path / "p.tsv")])
    assert (result.exit_code, result.output) == (1, f"{dump}:1: population: expected a whole number, got 'many'\n")
    huge = tmp_path / "huge.csv"
    huge.write_text("name,latitude,longitude,alternate_names\nX,34.5,38.2," + "y" * 200_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["gazetteer", "import", str(huge), "--into", str(tmp_path / "p.tsv")])
    assert (result.exit_code, result.output) == (1, f"{huge}:2: a field is over 131,072 characters; a place's name, "
                                                    "names or source is never that long: is this the right file?\n")


def test_a_named_pipe_is_not_imported_as_places(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    result = CliRunner().invoke(main, ["gazetteer", "import", str(tmp_path / "pipe.csv"), "--into",
                                       str(tmp_path / "p.tsv")])
    assert (result.exit_code, result.output) == (
        1, f"tracker: {tmp_path}/pipe.csv is not a regular file; give the GeoNames dump or CSV file itself\n")


def test_the_place_table_puts_a_quote_before_formulas_and_reads_them_back(tmp_path: Path) -> None:
    source = tmp_path / "places.csv"
    source.write_text('name,latitude,longitude,source\n"=HYPERLINK(""http://x"",""y"")",-33.5,38.2,@SUM(A1)\n',
                      encoding="utf-8")
    into = tmp_path / "places.tsv"
    result = CliRunner().invoke(main, ["gazetteer", "import", str(source), "--into", str(into)])
    assert result.exit_code == 0, result.output
    with into.open(encoding="utf-8", newline="") as stream:
        row = list(csv.reader(stream, delimiter="\t"))[1]
    assert (row[1], row[2], row[-1]) == ('\'=HYPERLINK("http://x","y")', "-33.50000", "'@SUM(A1)")
    place = PlaceTable.read([into]).places[0]
    assert (place.name, place.latitude, place.source) == ('=HYPERLINK("http://x","y")', -33.5, "@SUM(A1)")


def test_a_negative_population_is_refused_at_import_not_written(tmp_path: Path) -> None:
    """The table must read back: a population the table reader refuses is refused on the way in."""
    source = tmp_path / "negpop.csv"
    source.write_text("name,latitude,longitude,population\nNegpop,34,38,-5\n", encoding="utf-8")
    table = tmp_path / "places.tsv"
    result = CliRunner().invoke(main, ["gazetteer", "import", str(source), "--into", str(table)])
    assert result.exit_code == 1
    assert "population: expected a whole number of people (0 or more), got '-5'" in result.output
    assert not table.exists()
