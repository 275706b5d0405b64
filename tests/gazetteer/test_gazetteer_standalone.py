"""The gazetteer stands on its own: importing it loads nothing of tracker, and both packages' errors catch its misses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import gazetteer.errors
import tracker
from gazetteer import Gazetteer
from gazetteer.table import Place, read_rows, write_table


def test_importing_the_gazetteer_loads_no_module_of_tracker() -> None:
    code = "import gazetteer, gazetteer.importer, gazetteer.online, sys; " \
           "print(sorted(m for m in sys.modules if m.split('.')[0] == 'tracker'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("caught", [tracker.AmbiguousPlace, gazetteer.errors.AmbiguousPlace, LookupError])
def test_an_ambiguous_name_is_caught_by_either_package_error(caught: type[Exception]) -> None:
    with pytest.raises(caught) as raised:
        Gazetteer(user=False).geocode("al-Tanf")
    assert isinstance(raised.value, tracker.TrackerError)
    assert raised.value.candidates == ["Al-Tanf garrison", "Al-Tanf border crossing"]  # type: ignore[attr-defined]


def test_the_table_write_refuses_its_input_and_leaves_no_temporary(tmp_path: Path) -> None:
    table = tmp_path / "places.tsv"
    write_table(table, [Place("x:1", "Hajin", 34.69, 40.83, "SY", "populated place").to_row()])
    with pytest.raises(gazetteer.errors.TableOutputError) as raised:
        write_table(table, [], inputs=[table])
    assert str(raised.value) == f"{table} is also an input of this command; give the output another name"
    assert [row["name"] for row in read_rows(table)] == ["Hajin"]
    assert [p.name for p in tmp_path.iterdir()] == ["places.tsv"]
