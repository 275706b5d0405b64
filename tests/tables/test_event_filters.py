"""One rule picks events by date window and actor, for records (maps) and tables (export) alike: an
event is picked when the days it may have happened on overlap the window, and an actor is a name in
any case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import Event, EventCollection, load_events
from tracker.cli import main
from tracker.maps.render import select
from tracker.tables.table import EventTable

from ..common import EVENTS, MINIMAL

D = dt.date.fromisoformat

#: Records of one day, of a month, and with actors given with their sides.
RECORDS = [
    Event.model_validate({**MINIMAL, "id": "one-day", "date": "2017-06-08",
                          "actors": ["Syrian Arab Army", "Islamic State"]}),
    Event.model_validate({**MINIMAL, "id": "a-month", "date": {"start": "2017-05-08", "end": "2017-06-08"},
                          "actors": ["Islamic State"]}),
    Event.model_validate({**MINIMAL, "id": "with-sides", "date": "2017-07-01",
                          "actors": [{"name": "Syrian Arab Army", "side": "government"}, "Hezbollah"]}),
]


def _table(records: list[Event]) -> EventTable:
    return EventTable.from_collection(EventCollection(records))


def test_an_actor_given_with_its_side_is_found_in_a_table() -> None:
    table = _table(RECORDS)
    assert set(table.involving("syrian arab army").frame["id"]) == {"one-day", "with-sides"}
    assert set(table.involving("Hezbollah").frame["id"]) == {"with-sides"}


def test_an_export_by_actor_keeps_the_events_that_name_it_with_a_side(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    for event in RECORDS:
        (folder / f"{event.id}.yaml").write_text(EventCollection([event]).to_yaml(), encoding="utf-8")
    out = tmp_path / "saa.geojson"
    result = CliRunner().invoke(main, ["export", str(folder), "--actor", "Syrian Arab Army", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"wrote 2 of 3 events to {out}"
    assert {e.id for e in load_events(out)} == {"one-day", "with-sides"}


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2017-06-01", "2017-06-30", {"one-day", "a-month"}),  # the month's last day is in the window
    ("2017-06-09", None, {"with-sides"}),                   # both end before it
    (None, "2017-05-08", {"a-month"}),                      # its first day is the window's last
    ("2017-05-09", "2017-05-09", {"a-month"}),              # a day inside the month
    (None, None, {"one-day", "a-month", "with-sides"}),
])
def test_an_event_is_picked_when_its_days_overlap_the_window(since: str | None, until: str | None,
                                                             expected: set[str]) -> None:
    window = (D(since) if since else None, D(until) if until else None)
    assert {e.id for e in select(RECORDS, *window)} == expected
    assert set(_table(RECORDS).between(*window).frame["id"]) == expected


def test_an_actor_is_a_whole_name_in_any_case_with_spaces_around_ignored() -> None:
    for actor in ("islamic state", " Islamic State ", "ISLAMIC STATE"):
        assert {e.id for e in select(RECORDS, actor=actor)} == {"one-day", "a-month"}
        assert set(_table(RECORDS).involving(actor).frame["id"]) == {"one-day", "a-month"}
    assert select(RECORDS, actor="Islamic") == []
    assert len(_table(RECORDS).involving("Islamic")) == 0


SEED = list(load_events(EVENTS))
SEED_TABLE = EventTable.from_collection(EventCollection(SEED))
_DAYS = st.dates(min_value=dt.date(2016, 10, 1), max_value=dt.date(2017, 8, 31))
_ACTORS = sorted({a.name for e in SEED for a in e.actors})


@settings(max_examples=60, deadline=None)
@given(st.none() | _DAYS, st.none() | _DAYS, st.none() | st.sampled_from(_ACTORS))
def test_records_and_their_table_pick_the_same_events(since: dt.date | None, until: dt.date | None,
                                                      actor: str | None) -> None:
    """Law: filtering the records and filtering their table pick the same events, which are those
    whose days overlap the window and that name the actor."""
    picked = [e.id for e in select(SEED, since, until, actor)]
    assert picked == SEED_TABLE.select(since=since, until=until, actor=actor).frame["id"].tolist()
    assert picked == [e.id for e in SEED if (since is None or e.end >= since) and (until is None or e.start <= until)
                      and (actor is None or actor in [a.name for a in e.actors])]
