"""What the records add between two dates (`tracker map --compare D1 D2`): which events are new, which
areas are new, grown or within what was claimed by D1, and the ground each adds, measured against
pyproj's Geod directly on small folders of records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from tracker import load_events
from tracker.claims import check_claims
from tracker.control.changes import record_changes
from tracker.errors import UsageError

GEOD = Geod(ellps="WGS84")
FIRST, SECOND = dt.date(2017, 1, 31), dt.date(2017, 3, 1)
ARMY, IS = "Syrian Arab Army", "Islamic State"


def _box(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north]]


def _geod_m2(ring: list[list[float]]) -> float:
    lons, lats = zip(*ring, strict=True)
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0])


def _record(folder: Path, name: str, date: object, actor: str = ARMY, ring: list[list[float]] | None = None,
            claims: bool = True) -> None:
    record: dict = {"id": name, "date": date, "title": f"record {name}", "type": "Battles", "actors": [actor],
                    "location": {"lat": 34.5, "lon": 38.5}}
    if ring is not None:
        record["area"] = {"polygon": ring}
        if claims:
            record["claims"] = [{"area": "1000 km2"}]
    (folder / f"{name}.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")


OLD = _box(38.0, 34.0, 39.0, 35.0)
BIGGER = _box(37.5, 33.5, 39.5, 35.5)  # holds OLD
PARTLY = _box(38.5, 34.0, 39.5, 35.0)  # half on OLD: adds the strip 39.0 .. 39.5
STRIP = _box(39.0, 34.0, 39.5, 35.0)
INSIDE = _box(38.2, 34.2, 38.8, 34.8)
BESIDE = _box(39.0, 34.0, 40.0, 35.0)  # shares OLD's eastern edge, no ground


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    _record(tmp_path, "old", "2017-01-10", ring=OLD)
    _record(tmp_path, "ongoing", {"start": "2017-01-05", "end": "2017-02-20"})  # in force by D1: not new
    _record(tmp_path, "bigger", "2017-02-10", ring=BIGGER)
    _record(tmp_path, "partly", {"start": "2017-02-11", "end": "2017-03-20"}, ring=PARTLY)
    _record(tmp_path, "inside", "2017-02-12", ring=INSIDE)
    _record(tmp_path, "beside", "2017-02-13", ring=BESIDE)
    _record(tmp_path, "theirs", "2017-02-14", actor=IS, ring=OLD)  # another actor's: new for them
    _record(tmp_path, "zone", "2017-02-15", ring=_box(36.0, 33.0, 36.5, 33.5), claims=False)
    _record(tmp_path, "clash", "2017-03-01")  # on D2: new, no area
    _record(tmp_path, "late", "2017-03-02", ring=BIGGER)  # after D2
    return tmp_path


def test_new_events_are_those_first_dated_after_the_first_date_up_to_the_second(folder: Path) -> None:
    events = load_events(folder)
    changes = record_changes(events, check_claims(events), FIRST, SECOND)
    assert sorted(e.id for e in changes.new_events) == ["beside", "bigger", "clash", "inside", "partly", "theirs",
                                                          "zone"]
    assert sorted(a.event.id for a in changes.areas) == ["beside", "bigger", "inside", "partly", "theirs", "zone"]
    only_army = record_changes(events, check_claims(events), FIRST, SECOND, actor=ARMY)
    assert "theirs" not in {e.id for e in only_army.new_events}


def test_each_area_is_new_grown_within_or_a_zone_with_the_ground_it_adds(folder: Path) -> None:
    events = load_events(folder)
    changes = record_changes(events, check_claims(events), FIRST, SECOND)
    found = {a.event.id: a for a in changes.areas}
    assert {name: a.kind for name, a in found.items()} == {
        "bigger": "grown", "partly": "grown", "inside": "within", "beside": "new", "theirs": "new", "zone": "zone"}
    expected = {"bigger": _geod_m2(BIGGER) - _geod_m2(OLD), "partly": _geod_m2(STRIP), "inside": 0.0,
                "beside": _geod_m2(BESIDE), "theirs": _geod_m2(OLD), "zone": 0.0}
    for name, added in expected.items():
        assert found[name].added_m2 == pytest.approx(added, rel=1e-6, abs=1e-6), name
    assert found["bigger"].area_m2 == pytest.approx(_geod_m2(BIGGER), rel=1e-6)
    assert found["bigger"].grown_from == found["partly"].grown_from == found["inside"].grown_from == ("old",)
    assert found["beside"].grown_from == () and found["theirs"].grown_from == ()
    total = sum(expected[name] for name in ("bigger", "partly", "beside", "theirs"))
    assert changes.added_m2() == pytest.approx(total, rel=1e-6)
    assert changes.summary() == (f"7 new events; 2 new areas, 2 grown (+{total / 1e6:,.1f} km²), "
                                 "1 within earlier areas, 1 reference zone")
    assert found["bigger"].text(FIRST) == (
        f"grown since 2017-01-31: adds {(_geod_m2(BIGGER) - _geod_m2(OLD)) / 1e6:,.1f} km² to the areas "
        f"{ARMY}'s records claimed by then (from old)")


def test_nothing_is_new_between_a_date_and_itself(folder: Path) -> None:
    events = load_events(folder)
    changes = record_changes(events, check_claims(events), SECOND, SECOND)
    assert changes.new_events == () and changes.areas == () and changes.summary() == "0 new events"
    with pytest.raises(UsageError, match="the first date 2017-03-01 is after the second 2017-01-31"):
        record_changes(events, check_claims(events), SECOND, FIRST)


corner = st.tuples(st.floats(35.0, 41.0), st.floats(32.0, 36.0))


@settings(max_examples=25, deadline=None)
@given(corner, st.floats(0.05, 1.0), st.floats(0.05, 1.0), st.integers(0, 3), st.booleans())
def test_a_repeated_area_adds_nothing_and_a_far_one_adds_all_of_it(tmp_path_factory: pytest.TempPathFactory,
                                                                   at: tuple[float, float], width: float,
                                                                   height: float, turn: int, reverse: bool) -> None:
    """Whatever the ring's first vertex and direction: the same ground again is within, and ground
    far from any earlier area is new, adding its whole geodesic area."""
    folder = tmp_path_factory.mktemp("law")
    ring = _box(at[0], at[1], at[0] + width, at[1] + height)
    again = ring[turn:] + ring[:turn]
    again = again[::-1] if reverse else again
    far = [[lon + 3.0, lat] for lon, lat in again]
    _record(folder, "before", "2017-01-10", ring=ring)
    _record(folder, "again", "2017-02-10", ring=again)
    _record(folder, "far", "2017-02-11", ring=far)
    events = load_events(folder)
    found = {a.event.id: a for a in record_changes(events, check_claims(events), FIRST, SECOND).areas}
    assert found["again"].kind == "within" and found["again"].added_m2 == 0.0
    assert found["far"].kind == "new" and found["far"].added_m2 == pytest.approx(_geod_m2(far), rel=1e-6)
