"""What the records add between two dates: the events first dated after the first date, and the areas
they bring, each new, grown or within what was claimed before, with the ground it adds in m².

A record is *in force* on a day from its first day on (the records a comparison's pane draws for that
day). An event is new between ``first`` and ``second`` when its first day is after ``first`` and on
or before ``second``. The area of a new record is:

- ``zone``: a reference zone (an area no claim is about, drawn as a zone): it is nobody's ground, so
  it adds none;
- ``new``: its ground overlaps none of the areas its first actor's records claimed by ``first``;
- ``grown``: it overlaps some of them and reaches beyond: the ground it adds is its part outside their
  union;
- ``within``: it lies inside them and adds no ground.

Ground is measured geodesically on WGS84 (:func:`~tracker.geo.geodesy.geodesic_area`); an area built
from a region-sized place (a governorate as a hull's corner) cannot be measured, so neither can what it
adds: its ``added_m2`` is ``None`` and ``why`` says so. What is added is a lower bound of what the actor
gained, as every union of one actor's records is (no actor's records are complete), and it is what the
records claim, not what an assessor says the actor holds (see :mod:`~tracker.control.gains`).

>>> import datetime as dt
>>> from tracker import load_events
>>> from tracker.claims import check_claims
>>> events = load_events("events")
>>> changes = record_changes(events, check_claims(events), dt.date(2017, 5, 1), dt.date(2017, 5, 31))
>>> [event.id for event in changes.new_events][:2], [(a.event.id, a.kind) for a in changes.areas]
(['al-tanf-deconfliction-zone', 'badiyeh-advance-east-of-tadmur'], [('al-tanf-deconfliction-zone', 'zone')])
>>> record_changes(events, check_claims(events), dt.date(2017, 5, 31), dt.date(2017, 5, 31)).new_events
()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..geo import geodesy as geo
from ..tables.filters import select_events

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ..claims.report import CheckReport
    from ..records.model import Event

#: Ground added below this many m² is the rounding of the overlay of two areas, not ground.
LEAST_ADDED_M2 = 1.0


@dataclass(frozen=True)
class AreaChange:
    """The area of a record first dated between two dates: what ``kind`` of change it is (see the
    module), its own ground ``area_m2`` and the ground it adds to its first actor's areas claimed by
    the first date ``added_m2`` (``None``, with ``why``, when it cannot be measured); ``grown_from``:
    the ids of the earlier records whose areas it overlaps."""

    event: Event
    kind: str  # "new", "grown", "within" or "zone"
    area_m2: float | None
    added_m2: float | None
    grown_from: tuple[str, ...] = ()
    why: str | None = None

    def text(self, first: dt.date) -> str:
        """'grown since 2017-05-01: adds 1,234.5 km² to the areas Syrian Arab Army's records claimed by
        then (from a, b)', plain text, not yet escaped."""
        actor = self.event.actors[0].name
        if self.kind == "zone":
            size = "" if self.area_m2 is None else f" of {_km2(self.area_m2)}"
            return f"new reference zone since {first}{size}; nobody's ground, so it adds none"
        if self.added_m2 is None:
            return f"{self.kind} since {first}: the ground it adds cannot be measured: {self.why}"
        if self.kind == "within":
            return (f"since {first}, within the areas {actor}'s records claimed by then "
                    f"({', '.join(self.grown_from)}): adds no ground")
        if self.kind == "new":
            return (f"new since {first}: {_km2(self.added_m2)}, none of it in the areas {actor}'s records "
                    "claimed by then")
        return (f"grown since {first}: adds {_km2(self.added_m2)} to the areas {actor}'s records claimed by then "
                f"(from {', '.join(self.grown_from)})")


@dataclass(frozen=True)
class RecordChanges:
    """What the records add from ``first`` to ``second``: the ``new_events`` (first dated in between,
    in the order of the records) and the ``areas`` of those that have one."""

    first: dt.date
    second: dt.date
    new_events: tuple[Event, ...]
    areas: tuple[AreaChange, ...]

    def of(self, event_id: str) -> AreaChange | None:
        """The change the area of the record ``event_id`` makes, if it is a new record with an area."""
        return next((area for area in self.areas if area.event.id == event_id), None)

    def added_m2(self) -> float | None:
        """The ground the new and grown areas add, m² (``None`` when one of them cannot be measured):
        per area, so ground two new records both add counts twice; their union is not taken, as the
        actors differ."""
        counted = [area.added_m2 for area in self.areas if area.kind in ("new", "grown")]
        return None if any(added is None for added in counted) else sum(a for a in counted if a is not None)

    def summary(self, more: int = 0) -> str:
        """'5 new events; 1 new area, 2 grown (+1,234.5 km²), 1 reference zone', plain text; ``more``:
        new events that are not records (a table's rows), counted with them."""
        count = len(self.new_events) + more
        parts = [f"{count} new event{'s' * (count != 1)}"]
        kinds = {kind: sum(area.kind == kind for area in self.areas) for kind in ("new", "grown", "within", "zone")}
        areas = []
        if kinds["new"]:
            areas.append(f"{kinds['new']} new area{'s' * (kinds['new'] != 1)}")
        if kinds["grown"]:
            areas.append(f"{kinds['grown']} grown")
        if kinds["new"] or kinds["grown"]:
            added = self.added_m2()
            areas[-1] += " (+? km²: not all measurable)" if added is None else f" (+{_km2(added)})"
        if kinds["within"]:
            areas.append(f"{kinds['within']} within earlier areas")
        if kinds["zone"]:
            areas.append(f"{kinds['zone']} reference zone{'s' * (kinds['zone'] != 1)}")
        return "; ".join(parts + ([", ".join(areas)] if areas else []))


def _km2(m2: float) -> str:
    return f"{m2 / 1e6:,.1f} km²"


def _is_zone(event: Event) -> bool:
    """Whether the map draws the record's area as a reference zone (an area no claim is about)."""
    return not event.claims


def _ground(report: CheckReport, events: Iterable[Event]) -> dict[str, list[tuple[str, BaseGeometry, str | None]]]:
    """The areas of ``events`` that are an actor's ground (not zones), by first actor: (id, area, the
    region it was built from)."""
    ground: dict[str, list[tuple[str, BaseGeometry, str | None]]] = {}
    for event in events:
        shape = report.shape(event.id)
        if shape is None or shape.area is None or _is_zone(event):
            continue
        ground.setdefault(event.actors[0].name, []).append((event.id, shape.area, shape.region))
    return ground


def record_changes(events: Iterable[Event], report: CheckReport, first: dt.date, second: dt.date,
                   actor: str | None = None) -> RecordChanges:
    """What the records among ``events`` (only ``actor``'s, if given) add from ``first`` to ``second``,
    on the geometry of ``report`` (see :func:`~tracker.claims.check.check_claims`).

    ``UsageError`` when ``first`` is after ``second``."""
    if first > second:
        raise UsageError(f"the first date {first} is after the second {second}; give the earlier date first")
    events = list(events)
    before = select_events(events, None, first, actor)
    known = {event.id for event in before}
    new = [event for event in select_events(events, None, second, actor) if event.id not in known]
    earlier = _ground(report, before)
    areas = []
    for event in new:
        shape = report.shape(event.id)
        if shape is None or shape.area is None:
            continue
        measurable = shape.region is None
        own = geo.geodesic_area(shape.area) if measurable else None
        if _is_zone(event):
            areas.append(AreaChange(event, "zone", own, 0.0))
            continue
        overlapped = [(other, area, region) for other, area, region in earlier.get(event.actors[0].name, [])
                      if shape.area.intersection(area).area > 0]
        regions = [region for _, _, region in overlapped if region is not None]
        if shape.region is not None or regions:
            why = f"the area is built from {shape.region or regions[0]}, a region, not a point"
            kind = "grown" if overlapped else "new"
            areas.append(AreaChange(event, kind, own, None, tuple(o for o, _, _ in overlapped), why))
            continue
        if not overlapped:
            areas.append(AreaChange(event, "new", own, own))
            continue
        added = geo.geodesic_area(shape.area.difference(geo.union(area for _, area, _ in overlapped)))
        kind = "grown" if added >= LEAST_ADDED_M2 else "within"
        areas.append(AreaChange(event, kind, own, added if kind == "grown" else 0.0,
                                tuple(other for other, _, _ in overlapped)))
    return RecordChanges(first, second, tuple(new), tuple(areas))
