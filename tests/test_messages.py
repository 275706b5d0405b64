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


# --- values YAML reads as something else ----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("yes", "expected text, got yes, which YAML reads as true/false; write \"yes\" in quotes"),
        ("No", "expected text, got No, which YAML reads as true/false; write \"No\" in quotes"),
        ("1917", "expected text, got 1917, which YAML reads as a number; write \"1917\" in quotes"),
        ("~", "expected text, got ~, which YAML reads as nothing; write \"~\" in quotes"),
    ],
)
def test_a_title_yaml_reads_as_another_type_is_to_be_quoted(tmp_path: Path, title: str, message: str) -> None:
    assert _problems(tmp_path, _record(title=title)) == [f"3:8: title: {message}"]


# --- a bad date is the only problem reported --------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "problems"),
    [
        ("yesterday", ["2:7: date: 'yesterday' is not a date; write it as YYYY-MM-DD, like 2017-06-08"]),
        ("2017-06", ["2:7: date: '2017-06' is not a date; write it as YYYY-MM-DD, like 2017-06-08"]),
        ("{start: x, end: 2017-06-08}", ["2:15: date.start: 'x' is not a date; write it as YYYY-MM-DD, "
                                         "like 2017-06-08"]),
    ],
)
def test_a_bad_date_in_a_record_without_id_reports_only_the_date(
    tmp_path: Path, date: str, problems: list[str]
) -> None:
    text = _record(date=date).replace("id: minimal\n", "")
    assert _problems(tmp_path, text) == [problem.replace("2:", "1:", 1) for problem in problems]


def test_a_record_without_id_title_or_date_names_what_it_needs(tmp_path: Path) -> None:
    text = "type: Battles\nactors: [Syrian Arab Army]\nlocation: Tadmur\n"
    hint = ("a record needs date, title, type, actors and location; its id, when left out, is made of its title "
            "and date")
    assert _problems(tmp_path, text) == [f"1:1: date: missing required key 'date'; {hint}",
                                         f"1:1: title: missing required key 'title'; {hint}"]
