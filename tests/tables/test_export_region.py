"""A --region box that is not WEST,SOUTH,EAST,NORTH in finite degrees is refused with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.errors import GeometryError
from tracker.tables.table import parse_region

from ..common import ROOT

HOW = "a box is WEST,SOUTH,EAST,NORTH in degrees, like 38,33,42,36"


@pytest.mark.parametrize(("box", "problem"), [
    ("NaN,0,1,1", "the west edge nan is not a finite number"),
    ("0,inf,1,1", "the south edge inf is not a finite number"),
    ("10,10,0,0", "the west edge 10 is not west of the east edge 0"),
    ("0,10,1,0", "the south edge 10 is not south of the north edge 0"),
    ("0,0,1,91", "the north edge 91 is outside -90..90"),
    ("-181,0,1,1", "the west edge -181 is outside -180..180"),
])
def test_a_box_that_is_not_one_is_refused(tmp_path: Path, box: str, problem: str) -> None:
    result = CliRunner().invoke(main, ["export", str(ROOT / "tests/data/valid"), "--region", box,
                                       "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 1
    assert result.output == f"tracker: --region {box!r}: {problem}; {HOW}\n"
    assert not (tmp_path / "out.csv").exists()


def test_a_box_and_a_country_are_read() -> None:
    assert parse_region("38,33,42,36") == (38.0, 33.0, 42.0, 36.0)
    assert parse_region("Iraq") == "Iraq"
    with pytest.raises(GeometryError):
        parse_region("1,2,3,nan")
