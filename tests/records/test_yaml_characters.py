"""Characters YAML does not allow in a file (raw control characters) are reported on one line with
the line and column where they stand, and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

RECORD = ("id: raw\ndate: 2017-06-01\ntitle: a{}b\ntype: Battles\nactors: [Syrian Arab Army]\n"
          "location: {{lat: 34.5, lon: 38.2}}\nsources:\n  - publisher: p\n")


@pytest.mark.parametrize(("character", "code", "escape"), [("\x1b", "001B", "\\x1b"), ("\x00", "0000", "\\x00"),
                                                           ("\x7f", "007F", "\\x7f")])
def test_a_raw_control_character_is_one_line_with_its_place(tmp_path: Path, character: str, code: str,
                                                            escape: str) -> None:
    record = tmp_path / "raw.yaml"
    record.write_text(RECORD.format(character), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--no-places", str(record)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{record}:3:9: not valid YAML: a control character (U+{code}) is not allowed; remove it, or write it as "
        f"an escape ({escape}) in a double-quoted string"
    )
