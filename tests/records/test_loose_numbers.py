"""Numbers in a record are plain decimals: YAML 1.1's other spellings (hexadecimal, octal, digits
grouped with '_', base 60) and booleans where a number is expected are refused, not read as a value
nobody wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import read_events

RECORD = ("id: a\ndate: 2017-06-01\ntitle: t\ntype: Battles\nactors: [X]\nlocation: {{lat: {lat}, lon: 38.2}}\n"
          "{extra}sources:\n  - publisher: p\n")


def _problems(tmp_path: Path, lat: str = "34.5", extra: str = "") -> list[str]:
    record = tmp_path / "a.yaml"
    record.write_text(RECORD.format(lat=lat, extra=extra), encoding="utf-8")
    _, problems = read_events(record)
    return [str(p).removeprefix(f"{record}:") for p in problems]


@pytest.mark.parametrize(("lat", "form"), [
    ("0x22", "hexadecimal"), ("042", "octal"), ("0b100010", "binary"), ("3_4.5", "digits grouped with '_'"),
    ("1_000", "digits grouped with '_'"), ("34:30", "base 60"), ("-0x22", "hexadecimal"),
])
def test_a_number_in_another_spelling_is_refused(tmp_path: Path, lat: str, form: str) -> None:
    assert _problems(tmp_path, lat) == [
        f"6:17: not valid YAML: {lat} is a number written in {form}, which records do not take; write it as a "
        "plain decimal number (like 34.5), or in quotes to keep it as text"
    ]


@pytest.mark.parametrize("lat", ["34.5", "-34.5", "+34.5", "34", "0", "-3", "0.5"])
def test_plain_decimals_are_read(tmp_path: Path, lat: str) -> None:
    assert _problems(tmp_path, lat) == []


def test_a_boolean_precision_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, extra="precision: true\n") == ["7:12: precision: expected 1, 2 or 3, got True"]
    assert _problems(tmp_path, extra="precision: 1\n") == []
