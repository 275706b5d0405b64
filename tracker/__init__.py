"""conflict-tracker: record conflict events reported in the news and check what reports claim.

>>> import tracker
>>> events = tracker.load_events("events")
>>> events.get("badiyeh-advance-east-of-tadmur").claims[0].area.to("km2")
1400.0
"""

from typing import Any

from . import _moved
from .errors import AmbiguousPlace, PlaceNotFound, Problem, RecordError, TrackerError
from .load import load_events, read_events
from .records.collection import EventCollection
from .records.model import (
    Actor,
    Area,
    AreaClaim,
    Circle,
    Coordinates,
    CountClaim,
    DateRange,
    DirectionClaim,
    DistanceClaim,
    Event,
    InsideClaim,
    ReachesClaim,
    Source,
    TotalAreaClaim,
)
from .records.quantity import Quantity, parse_quantity
from .records.yaml import MAX_FILE_BYTES, dump_events

__version__ = "0.1.0"

_moved.install()


def __getattr__(name: str) -> Any:
    """``add_events``, ``draft_events`` and ``EventTable``, imported when first used (they bring
    ruamel.yaml, the article reader and GeoPandas, which reading records does not need)."""
    if name == "add_events":
        from .add import add_events

        return add_events
    if name == "draft_events":
        from .drafting.draft import draft_events

        return draft_events
    if name == "EventTable":
        from .tables.table import EventTable

        return EventTable
    raise AttributeError(f"module 'tracker' has no attribute {name!r}")


__all__ = [
    "MAX_FILE_BYTES",
    "Actor",
    "AmbiguousPlace",
    "Area",
    "AreaClaim",
    "Circle",
    "Coordinates",
    "CountClaim",
    "DateRange",
    "DirectionClaim",
    "DistanceClaim",
    "Event",
    "EventCollection",
    "EventTable",
    "InsideClaim",
    "PlaceNotFound",
    "Problem",
    "Quantity",
    "ReachesClaim",
    "RecordError",
    "Source",
    "TotalAreaClaim",
    "TrackerError",
    "add_events",
    "draft_events",
    "dump_events",
    "load_events",
    "parse_quantity",
    "read_events",
]
