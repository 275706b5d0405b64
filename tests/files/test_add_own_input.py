"""`tracker add` never writes a record over the file it reads it from, even with --force."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import main

from ..common import ROOT

NAME = "saa-retakes-palmyra-2017-03.yaml"


def test_adding_a_file_into_the_folder_that_holds_it_is_refused_even_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "ev"
    shutil.copytree(ROOT / "tests/data/add/own-input", folder)
    record = folder / NAME
    before = record.read_bytes()
    result = CliRunner().invoke(main, ["add", str(record), "--into", str(folder), "--force"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{record}:1:5: id: 'saa-retakes-palmyra-2017-03' would be written over {record}, the file it is read "
        f"from; a record already in {folder} needs no adding: edit it there, or add a copy kept outside the folder"
    )
    assert record.read_bytes() == before
