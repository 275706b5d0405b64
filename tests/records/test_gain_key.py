"""The ``gain:`` key of ``area`` and ``total_area`` claims: checked at the door with the fix named, and
kept as written through YAML, the author's own file and tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import EventTable, dump_events, load_events, read_events
from tracker.records.model import AreaClaim, TotalAreaClaim
from tracker.records.roundtrip import normalised_yaml

from ..common import MINIMAL

RECORD = "".join(f"{key}: {value}\n" for key, value in MINIMAL.items())
TOTAL = "  - total_area: 5000 km2\n    actor: Syrian Arab Army\n    since: 2017-05-01\n"


def _problems(tmp_path: Path, claims: str) -> list[str]:
    (tmp_path / "r.yaml").write_text(RECORD + "claims:\n" + claims, encoding="utf-8")
    _, problems = read_events(tmp_path)
    return [f"{p.line}:{p.column}: {p.field}: {p.message}" for p in problems]


def test_area_and_total_area_claims_take_a_gain_key_as_written(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        RECORD + "claims:\n  - area: 1400 km2\n    gain: Grand Dawn, first stage\n" + TOTAL + "    gain: '  grand-dawn '\n"
        "  - area: 300 km2\n", encoding="utf-8")
    (event,) = load_events(tmp_path)
    assert [(type(c), c.gain) for c in event.claims] == [  # type: ignore[union-attr]
        (AreaClaim, "Grand Dawn, first stage"), (TotalAreaClaim, "grand-dawn"), (AreaClaim, None)]


@pytest.mark.parametrize(
    ("gain", "message"),
    [
        ('""', "9:11: claims[0].gain: gain is empty; name the gain the claim is about, like 'grand-dawn-first-stage', "
         "or leave the key out"),
        ("2017", '9:11: claims[0].gain: expected text, got 2017, which YAML reads as a number; write "2017" in quotes'),
        ("[a, b]", "9:11: claims[0].gain: expected text, got a list ['a', 'b']"),
        ("x" * 81, f"9:11: claims[0].gain: gain {'x' * 20!r}... is 81 characters long; a gain key has at most 80 "
         "(it names a group of claims in headings), so shorten it, like 'grand-dawn-first-stage'"),
        ('"grand\\ndawn"', "9:11: claims[0].gain: gain 'grand\\ndawn' holds a line break; a gain key is one line of "
         "plain text, like 'grand-dawn-first-stage'"),
        ('"grand\\u202edawn"', "9:11: claims[0].gain: gain 'grand\\u202edawn' holds the character U+202E, which is "
         "not plain text; a gain key is one line of plain text, like 'grand-dawn-first-stage'"),
    ],
)
def test_a_wrong_gain_key_is_named_with_its_fix(tmp_path: Path, gain: str, message: str) -> None:
    assert _problems(tmp_path, f"  - area: 1400 km2\n    gain: {gain}\n") == [message]


def test_a_gain_key_on_a_total_area_claim_is_checked_alike(tmp_path: Path) -> None:
    assert _problems(tmp_path, TOTAL + "    gain: ''\n") == [
        "11:11: claims[0].gain: gain is empty; name the gain the claim is about, like 'grand-dawn-first-stage', or "
        "leave the key out"]


def test_only_area_claims_take_a_gain_key(tmp_path: Path) -> None:
    assert _problems(tmp_path, "  - distance: 15 mi\n    to: Tadmur\n    gain: grand-dawn\n") == [
        "10:5: claims[0].gain: unknown key 'gain'; expected one of: distance, to, relation, tolerance, quote"]


def test_a_gain_key_survives_yaml_the_authors_file_and_tables(tmp_path: Path) -> None:
    raw = (RECORD + "claims:\n" + TOTAL + "    quote: 5,000 square kilometers  # their words\n"
           "    gain: Grand Dawn   # the army's desert offensive\n").encode()
    (tmp_path / "r.yaml").write_bytes(raw)
    events = load_events(tmp_path)
    (event,) = events
    again = tmp_path / "again"
    again.mkdir()
    (again / "r.yaml").write_text(dump_events([event]), encoding="utf-8")
    assert list(load_events(again)) == [event]
    text = normalised_yaml(raw, 0, event)
    assert "    gain: Grand Dawn   # the army's desert offensive\n    quote:" in text  # the documented order
    (again / "r.yaml").write_text(text, encoding="utf-8")
    assert list(load_events(again)) == [event]
    for name in ("events.parquet", "events.csv"):
        EventTable.from_collection(events).write(tmp_path / name)
        assert list(EventTable.read(tmp_path / name).to_collection()) == [event]
