"""Claims given in coordinates as columns: derived from a record's fields by the checker's side, never
kept in the record itself."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tracker import Area, Event, EventCollection
from tracker.claims.check import check_claims
from tracker.records.point_claims import NO_POINT_CLAIMS, POINT_CLAIM_FIELDS, own_point, point_claims

from ..common import AL_TANF_GARRISON, MINIMAL

NEAR_THE_GARRISON = {"lat": 33.3, "lon": 38.7}


def _record(**change: Any) -> Event:
    return Event.model_validate({**MINIMAL, "location": AL_TANF_GARRISON, **change})


def test_distances_and_directions_in_coordinates_become_rows() -> None:
    event = _record(precision=1, claims=[
        {"distance": "15 mi", "to": NEAR_THE_GARRISON, "relation": "within", "tolerance": 1.5},
        {"direction": "ne", "of": NEAR_THE_GARRISON},
        {"distance": "20 km", "to": "Tadmur"},  # a name: measured one by one, after a lookup
        {"count": 4000, "of": "fighters"},
    ])
    found = point_claims(event)
    rows = [dict(zip(POINT_CLAIM_FIELDS, row, strict=True)) for row in found.columns.tolist()]
    assert rows == [
        {"index": 0, "kind": 0, "lat": 33.3, "lon": 38.7, "a": 15, "b": 1609.344, "within": 1, "tolerance": 1.5},
        {"index": 1, "kind": 1, "lat": 33.3, "lon": 38.7, "a": 45, "b": 22.5, "within": 0, "tolerance": 0},
    ]
    assert found.origin == (33.5058, 38.6178)
    assert not found.complete  # two claims are not given in coordinates


def test_a_record_measured_from_its_own_point_only_without_area_nor_region_precision() -> None:
    claims = [{"distance": "15 mi", "to": NEAR_THE_GARRISON}]
    assert point_claims(_record(claims=claims)).complete
    assert own_point(_record(precision=3)) is None  # located only to a region
    assert own_point(_record(area={"circle": {"center": AL_TANF_GARRISON, "radius": "55 km"}})) is None
    assert own_point(Event.model_validate(MINIMAL)) is None  # a name: the gazetteer says where
    assert point_claims(Event.model_validate(MINIMAL)) is NO_POINT_CLAIMS


def test_the_model_keeps_no_derived_data() -> None:
    event = _record(claims=[{"distance": "15 mi", "to": NEAR_THE_GARRISON}], area={"polygon": [[1, 1], [2, 1], [2, 2]]})
    for model in (Event, Area):
        assert model.model_post_init is BaseModel.model_post_init
        assert model.model_copy is BaseModel.model_copy
    assert set(event.__dict__) == set(Event.model_fields)
    assert event.area is not None and set(event.area.__dict__) == set(Area.model_fields)


def test_a_copy_with_a_new_precision_is_checked_as_a_record_built_with_it() -> None:
    claims = [{"distance": "30 km", "to": NEAR_THE_GARRISON, "relation": "within"},
              {"direction": "s", "of": {"lat": 34.5, "lon": 38.6}}]
    exact = _record(precision=1, claims=claims)
    assert check_claims(EventCollection([exact])).verdicts.tolist() == ["holds", "holds"]
    for precision in (2, 3):
        copied = exact.model_copy(update={"precision": precision})
        built = _record(precision=precision, claims=claims)
        assert _same(point_claims(copied), point_claims(built))
        verdicts = [check_claims(EventCollection([event])).verdicts.tolist() for event in (copied, built)]
        assert verdicts[0] == verdicts[1]


def _same(one: Any, other: Any) -> bool:
    return (one.origin, one.complete) == (other.origin, other.complete) and (
        (one.columns == other.columns).all() if one.columns is not None else other.columns is None)


def test_a_collection_derives_its_columns_once() -> None:
    events = EventCollection([_record(claims=[{"distance": "15 mi", "to": NEAR_THE_GARRISON}]),
                              Event.model_validate(MINIMAL)])
    derived = events.point_claims()
    assert derived is events.point_claims()
    assert [found.complete for found in derived] == [True, False]
    first = check_claims(events).verdicts.tolist()
    assert check_claims(events).verdicts.tolist() == first == ["consistent"]


_DEGREES = st.tuples(st.floats(33, 37), st.floats(36, 41))


@settings(max_examples=30, deadline=None)
@given(origin=_DEGREES, targets=st.lists(st.tuples(_DEGREES, st.integers(1, 400), st.booleans()), max_size=5),
       precision=st.sampled_from([None, 1, 2, 3]))
def test_columns_follow_from_the_fields_alone(origin: tuple[float, float], targets: list[Any],
                                              precision: int | None) -> None:
    claims = [{"distance": f"{km} km", "to": {"lat": lat, "lon": lon}, "relation": "within" if within else "about"}
              for (lat, lon), km, within in targets]
    event = _record(location={"lat": origin[0], "lon": origin[1]}, precision=precision, claims=claims)
    again = Event.model_validate(event.model_dump())
    assert _same(point_claims(event), point_claims(again))
    found = point_claims(event)
    assert found.complete == (precision != 3)
    if claims:
        assert found.columns[:, 0].tolist() == list(range(len(claims)))
        assert found.columns[:, 4].tolist() == pytest.approx([km for _, km, _ in targets])
