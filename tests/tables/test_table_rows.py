"""A record's actors survive a table row, whatever their names begin with."""

from __future__ import annotations

from tracker import Event
from tracker.tables.schema import flatten, unflatten

from ..common import MINIMAL


def test_an_actor_named_like_a_json_list_reads_back() -> None:
    event = Event.model_validate({**MINIMAL, "actors": ["[", "Syrian Arab Army"]})
    row = flatten(event.to_dict())
    row["latitude"], row["longitude"] = 34.5, 38.3
    assert Event.model_validate(unflatten(row)) == event
