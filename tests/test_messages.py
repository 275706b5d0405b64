"""Messages that say what is wrong, and only that: each case was once reported misleadingly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import read_events

from .common import MINIMAL


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    _, problems = read_events(tmp_path)
    return [f"{p.line}:{p.column}: {p.field}: {p.message}" for p in problems]


def _record(**change: str) -> str:
    record = {**MINIMAL, **change}
    return "".join(f"{key}: {value}\n" for key, value in record.items())


# --- quantities -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ("area: 1e400 km2", "'1e400 km2' is not a quantity: the number 1e400 is out of range "
         "(the largest is about 1.8e308)"),
        ("area: 5 kg", "'5 kg' is a mass (kilogram), not an area; write an area in km2, sq mi or ha, "
         "like '1400 km2'"),
        ("area: 3 hours", "'3 hours' is a time (hour), not an area; write an area in km2, sq mi or ha, "
         "like '1400 km2'"),
        ("area: 15 km", "'15 km' is a length (kilometer), not an area; write an area in km2, sq mi or ha, "
         "like '1400 km2'"),
        ("area: 2e3 km2", None),
    ],
)
def test_a_quantity_message_names_what_is_wrong(tmp_path: Path, claim: str, message: str | None) -> None:
    problems = _problems(tmp_path, _record() + f"claims:\n  - {claim}\n")
    assert problems == ([f"8:11: claims[0].area: {message}"] if message else [])


def test_a_distance_in_kilograms_says_what_a_distance_is_written_in(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _record() + "claims:\n  - distance: 5 kg\n    to: Tadmur\n")
    assert problems == ["8:15: claims[0].distance: '5 kg' is a mass (kilogram), not a length; write a length "
                        "in km, mi or nmi, like '15 mi'"]


def test_a_number_of_thousands_of_digits_is_named_short(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _record() + f"claims:\n  - area: {'9' * 5001} km2\n")
    assert problems == ["8:11: claims[0].area: this is not a quantity: the number 999999999999...999999 "
                        "(5001 characters) is out of range (the largest is about 1.8e308)"]
