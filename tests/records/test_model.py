"""The record model: ACLED vocabulary, quantities, dates, places, claims and sources."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from tracker import Event, parse_quantity
from tracker.records.model import CLAIM_KINDS, DateRange
from tracker.records.vocabulary import EVENT_TYPES, SUB_TYPE_PARENT, canonical_sub_type, canonical_type

from ..common import AL_TANF_ZONE, MINIMAL


def test_acled_has_six_event_types_and_twenty_five_sub_types() -> None:
    assert len(EVENT_TYPES) == 6
    assert len(SUB_TYPE_PARENT) == 25


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Battles", ("Battles", None)),
        ("STRATEGIC DEVELOPMENTS", ("Strategic developments", None)),
        ("Remote violence", ("Explosions/Remote violence", None)),
        ("Battle-No change of territory", ("Battles", "Armed clash")),
        ("Battle-Non-state actor overtakes territory", ("Battles", "Non-state actor overtakes territory")),
        ("Non-violent transfer of territory", ("Strategic developments", "Non-violent transfer of territory")),
        ("Riots/Protests", ("Protests", None)),
    ],
)
def test_current_and_legacy_event_types(label: str, expected: tuple[str, str | None]) -> None:
    assert canonical_type(label) == expected


def test_a_legacy_type_sets_its_sub_type_in_a_record() -> None:
    event = Event.model_validate({**MINIMAL, "type": "Battle-Government regains territory"})
    assert (event.type, event.sub_type) == ("Battles", "Government regains territory")


def test_legacy_sub_type_spelling_is_mapped() -> None:
    assert canonical_sub_type("excessive force against protestors") == "Excessive force against protesters"
    event = Event.model_validate({**MINIMAL, "type": "Protests", "sub_type": "Excessive force against protestors"})
    assert event.sub_type == "Excessive force against protesters"


@pytest.mark.parametrize(
    ("text", "unit", "value_in", "expected"),
    [
        ("1400 km2", "km**2", "km**2", 1400),
        ("1,400 km²", "km**2", "km**2", 1400),
        ("5000 square kilometers", "km**2", "km**2", 5000),
        ("1400 square kilometres", "km**2", "km**2", 1400),
        ("40 sq mi", "mi**2", "km**2", 103.59952),
        ("200 ha", "ha", "km**2", 2),
        ("15 mi", "mi", "km", 24.14016),
        ("15 miles", "mi", "km", 24.14016),
        ("55 km", "km", "km", 55),
        ("12 nautical miles", "nmi", "km", 22.224),
        ("3 nmi", "nmi", "m", 5556),
    ],
)
def test_quantities_as_people_write_them(text: str, unit: str, value_in: str, expected: float) -> None:
    quantity = parse_quantity(text)
    assert quantity.to(value_in) == pytest.approx(expected)
    assert quantity == parse_quantity(f"{quantity.value} {unit}")
    assert str(quantity) == text


@pytest.mark.parametrize("text", ["14OO km2", "1400 kmz", "km", "about 1400 km2", "1,40 km"])
def test_unreadable_quantities_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a quantity"):
        parse_quantity(text)


def test_dates_and_ranges() -> None:
    one = Event.model_validate(MINIMAL)
    assert (one.start, one.end) == (dt.date(2017, 6, 8), dt.date(2017, 6, 8))
    span = Event.model_validate({**MINIMAL, "date": {"start": "2017-05-08", "end": "2017-06-08"}})
    assert isinstance(span.date, DateRange)
    assert (span.start, span.end) == (dt.date(2017, 5, 8), dt.date(2017, 6, 8))
    leap = Event.model_validate({**MINIMAL, "date": "2016-02-29"})
    assert leap.start == dt.date(2016, 2, 29)


@pytest.mark.parametrize(
    ("word", "point"),
    [("east", "e"), ("E", "e"), ("north-east", "ne"), ("North East", "ne"), ("northeast", "ne"),
     ("south-south-west", "ssw"), ("eastward", "e"), ("nw", "nw")],
)
def test_compass_words(word: str, point: str) -> None:
    event = Event.model_validate({**MINIMAL, "claims": [{"direction": word, "of": "Tadmur"}]})
    assert event.claims[0].direction == point


def test_every_claim_kind_and_the_area_forms() -> None:
    event = Event.model_validate(
        {
            **MINIMAL,
            "area": AL_TANF_ZONE,
            "claims": [
                {"area": "1400 km2", "tolerance": 1.5},
                {"total_area": "5000 km2", "actor": "Syrian Arab Army", "since": "2017-05-08"},
                {"distance": "15 mi", "to": "Al-Tanf garrison", "relation": "within"},
                {"direction": "east", "of": {"lat": 34.5624, "lon": 38.2840}},
                {"reaches": "Iraq", "tolerance": "5 km"},
                {"inside": "al-tanf-deconfliction-zone"},
                {"count": "4,000", "of": "fighters"},
            ],
        }
    )
    assert [claim.kind for claim in event.claims] == list(CLAIM_KINDS)
    assert event.claims[6].count == 4000
    assert event.claims[2].relation == "within"
    assert event.area.circle.radius.to("m") == 55000
    for form in ({"hull": ["Tadmur", "Arak", "As Sukhnah"]}, {"polygon": [[38.28, 34.56], [38.87, 34.88], [38.59, 34.68]]}):
        assert Event.model_validate({**MINIMAL, "area": form}).area is not None


def test_records_are_frozen() -> None:
    event = Event.model_validate(MINIMAL)
    with pytest.raises(ValidationError):
        event.title = "changed"  # type: ignore[misc]


def test_actor_with_a_side_keeps_it_and_a_plain_name_stays_plain() -> None:
    event = Event.model_validate({**MINIMAL, "actors": ["Islamic State", {"name": "Syrian Arab Army", "side": "government"}]})
    assert event.to_dict()["actors"] == ["Islamic State", {"name": "Syrian Arab Army", "side": "government"}]


def test_source_grades_are_normalised() -> None:
    event = Event.model_validate({**MINIMAL, "sources": [{"publisher": "The Duran", "reliability": "e", "credibility": 4}]})
    assert (event.sources[0].reliability, event.sources[0].credibility) == ("E", 4)


def test_every_name_imported_from_the_model_module_is_there() -> None:
    # The record's parts live in modules of their own; ``tracker.records.model`` still names them all.
    import ast

    import tracker.records.model as model

    from ..common import ROOT

    imported = set()
    for folder in ("tracker", "gazetteer", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                module = node.module or ""
                if module.endswith("records.model") or (module == "model" and path.parent.name == "records"):
                    imported |= {alias.name for alias in node.names}
    assert {"Event", "Coordinates", "Resolved", "DistanceClaim", "CLAIM_KINDS", "KEYS"} <= imported
    assert sorted(name for name in imported if not hasattr(model, name)) == []
    assert set(model.__all__) >= imported
