"""Output arguments that cannot mean what they say are refused: `export -o -` (a table is written to
a file, not to standard output) and `map --compare` with its dates the wrong way round."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

from ..common import ROOT


def test_export_to_standard_output_is_refused_and_writes_nothing(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", str(ROOT / "tests/data/valid"), "-o", "-"])
    assert result.exit_code == 1
    assert result.output == ("tracker: -o -: a table is written to a file, not to standard output; give a file "
                             "name ending in .parquet, .csv, .geojson or .kml, or a folder name for YAML records\n")
    assert os.listdir(tmp_path) == []


def test_compare_with_the_later_date_first_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["map", str(ROOT / "tests/data/valid"), "--offline", "--compare", "2017-06-15",
                                       "2017-05-01", "-o", str(output)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "tracker: --compare 2017-06-15 2017-05-01: the first date is after the second; give the earlier date "
        "first: --compare 2017-05-01 2017-06-15")
    assert not output.exists()
