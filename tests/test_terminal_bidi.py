"""Bidirectional controls (which reorder what a terminal shows: 'exe.gnp' shown as 'png.exe') are
shown as escapes wherever record text reaches the terminal, like the other control characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tracker.cli import main
from tracker.text import terminal_safe

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", list(BIDI))
def test_each_bidi_control_is_shown_as_an_escape(control: str) -> None:
    assert terminal_safe(f"a{control}b") == f"a\\u{ord(control):04x}b"


@given(st.text())
def test_no_bidi_control_is_left_in_terminal_text(text: str) -> None:
    assert not set(terminal_safe(text)) & set(BIDI)


def test_arabic_text_is_left_as_it_is() -> None:
    assert terminal_safe("دير الزور") == "دير الزور"


def test_list_shows_a_bidi_control_in_a_record_as_an_escape(tmp_path: Path) -> None:
    record = tmp_path / "rtl.yaml"
    record.write_text('id: rtl\ndate: 2017-06-01\ntitle: x\ntype: Battles\nactors: [Syrian Arab Army]\n'
                      'location: "\\u202eRTL"\nsources:\n  - publisher: p\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["list", str(record)])
    assert result.exit_code == 0
    assert result.output.splitlines()[2] == "rtl  2017-06-01  Battles  \\u202eRTL  0"


@pytest.mark.parametrize("command", [["list", "--json"], ["check", "--json"]])
def test_json_output_shows_a_bidi_control_as_an_escape_and_reads_back_the_same(tmp_path: Path,
                                                                                command: list[str]) -> None:
    record = tmp_path / "rtl.yaml"
    record.write_text('id: rtl\ndate: 2017-06-01\ntitle: "\\u202egnp.exe"\ntype: Battles\n'
                      'actors: ["\\u2067Army"]\nlocation: Tadmur\nclaims:\n'
                      '  - count: 40\n    of: "fighters \\u202e"\nsources:\n  - publisher: p\n', encoding="utf-8")
    result = CliRunner().invoke(main, [*command, str(record)])
    assert result.exit_code == 0, result.output
    assert not set(result.output) & set(BIDI), result.output
    assert "\\u202e" in result.output
    json.loads(result.output)
