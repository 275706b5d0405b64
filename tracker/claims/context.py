"""What checking one claim needs from the other records: :class:`Checker`.

Each record's :class:`~tracker.geo.shapes.Shape` is made once, when a claim first needs it; a
record whose area cannot be drawn is then reported among the problems and never checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..errors import GeometryError, Problem
from ..geo import geodesy as geo
from ..geo.places import Resolution, resolve_places
from ..geo.shapes import ANCHOR_WORDS, Shape, anchor_at, make_shape, place_of
from ..records.model import Event, InsideClaim, ReachesClaim
from ..records.yaml import position as source_position

if TYPE_CHECKING:
    from gazetteer import Gazetteer

    from ..records.collection import EventCollection

__all__ = ["Checker", "Target"]

#: What a claim measures to: its geometry (``None`` when there is none), how explanations name it,
#: and what makes the claim circular (``None`` when nothing does).
Target = tuple[BaseGeometry | None, str, str | None]


class Checker:
    """The records being checked, with their places resolved: each record's shape, made on first
    use, the places and records claims refer to, and the records that could not be checked.

    >>> from tracker import Event, EventCollection
    >>> zone = Event.model_validate({
    ...     "id": "zone", "date": "2017-05-18", "title": "A zone", "type": "Strategic developments",
    ...     "actors": ["Test Air Force"], "location": {"lat": 33.5058, "lon": 38.6178},
    ...     "area": {"circle": {"center": {"lat": 33.5058, "lon": 38.6178}, "radius": "55 km"}}})
    >>> checker = Checker.of(EventCollection([zone]))
    >>> shape = checker.shape("zone")
    >>> shape.point, round(shape.area.area, 2), checker.shape("elsewhere")
    ((33.5058, 38.6178), 0.92, None)
    """

    def __init__(self, events: EventCollection, resolution: Resolution):
        self.events = events
        self.resolution = resolution
        self._shapes: dict[str, Shape] = {}
        #: Records whose places are unknown, then those whose area cannot be drawn: never checked.
        self.unresolved = {key[0] for key, match in resolution.matches.items() if not match.found}
        #: Records that could not be checked: unknown places, then areas that cannot be drawn.
        self.problems: list[Problem] = list(resolution.problems)

    @classmethod
    def of(cls, events: EventCollection, gazetteer: Gazetteer | None = None) -> Checker:
        """A checker of ``events``, their places resolved through ``gazetteer`` (the shipped one by
        default).

        >>> from tracker import load_events
        >>> checker = Checker.of(load_events("events"))
        >>> checker.problems, checker.unresolved
        ([], set())
        >>> checker.point(checker.events.get("saa-retakes-palmyra-2017-03"))  # located at Tadmur
        (34.5624, 38.28402)
        """
        return cls(events, resolve_places(events, gazetteer))

    def shape(self, event_id: str) -> Shape | None:
        """The event's point and area (made on first use), or ``None`` when its places are unknown.

        >>> from tracker import load_events
        >>> checker = Checker.of(load_events("events"))
        >>> zone = checker.shape("al-tanf-deconfliction-zone")
        >>> zone.point, zone.area.geom_type, zone.basis, checker.shape("no-such-record")
        ((33.5058, 38.6178), 'Polygon', 'reference', None)
        """
        if event_id not in self._shapes:
            event = self.events.get(event_id)
            if event is None or event_id in self.unresolved:
                return None
            try:
                self._shapes[event_id] = make_shape(event, self.events, self.resolution)
            except GeometryError as error:  # an area that cannot be drawn: the record is reported
                origin = self.events.origin(event_id)
                line, column = source_position(origin, ["area"], key=True)
                self.problems.append(Problem(origin.file, line, column, "area", str(error)))
                self.unresolved.add(event_id)
                return None
        return self._shapes[event_id]

    def point(self, event: Event) -> tuple[float, float]:
        """The event's own point, (lat, lon).

        >>> from tracker import load_events
        >>> events = load_events("events")
        >>> Checker.of(events).point(events.get("badiyeh-advance-east-of-tadmur"))
        (34.5624, 38.28402)
        """
        return place_of(event.location, event, ("location",), self.resolution)

    def located_on(self, shape: Shape, other: Shape, other_id: str) -> str | None:
        """What makes a claim about another record circular when the event is measured from its
        point: that point is one the other record's geometry was built from; ``None`` otherwise.

        >>> from tracker import load_events
        >>> checker = Checker.of(load_events("events"))
        >>> zone = checker.shape("al-tanf-deconfliction-zone")
        >>> checker.located_on(checker.shape("us-strike-near-al-tanf-2017-06-06"), zone, "the zone")
        'the event is located on the centre of the circle of the zone'
        >>> checker.located_on(checker.shape("us-strike-near-al-tanf-2017-05-18"), zone, "the zone") is None
        True
        """
        if shape.area is not None or shape.point is None:
            return None
        anchor = anchor_at(other, *shape.point)
        return None if anchor is None else "the event is located on " + ANCHOR_WORDS[anchor][1].format(other_id)

    def target(self, event: Event, index: int, to: Any, key: str) -> Target:
        """The geometry claim ``index`` of ``event`` measures to (``to``, the value of its ``key``:
        another record by id, whose area or point it is, else a place), its label, and what makes
        the claim circular: the place is a point the event's own geometry was built from, or the
        event is measured from its point and sits on a point the other record's was.

        >>> from tracker import load_events
        >>> events = load_events("events")
        >>> event = events.get("badiyeh-advance-east-of-tadmur")
        >>> geometry, label, circular = Checker.of(events).target(event, 1, "Tadmur", "of")
        >>> geometry.y, geometry.x, label, circular
        (34.5624, 38.28402, 'Tadmur', 'Tadmur is the very point the event is located at')
        """
        if isinstance(to, str) and to == event.id:
            return None, "itself", None
        own = self.shape(event.id)
        assert own is not None
        if isinstance(to, str) and self.events.get(to) is not None:
            return self._record_target(own, to)
        return self._place_target(event, index, to, key, own)

    def _record_target(self, own: Shape, to: str) -> Target:
        """Another record as a claim's target: its area or point."""
        other = self.shape(to)
        if other is None or not other.testable:
            return None, f"{to} (whose location is only a region, or unknown)", None
        label = f"the area of {to}" if other.area is not None else to
        return other.geometry, label, self.located_on(own, other, to)

    def _place_target(self, event: Event, index: int, to: Any, key: str, own: Shape) -> Target:
        """A place (a name or coordinates) as a claim's target, named as the gazetteer names it."""
        lat, lon = place_of(to, event, ("claims", index, key), self.resolution)
        label = to if isinstance(to, str) else f"{lat}, {lon}"
        match = self.resolution.matches.get((event.id, ("claims", index, key)))
        if match is not None and match.place is not None:
            label = match.place.name
        anchor = anchor_at(own, lat, lon)
        circular = f"{label} is {ANCHOR_WORDS[anchor][0]}" if anchor is not None else None
        return Point(lon, lat), label, circular

    def actor_events(self, actor: str, since: dt.date, until: dt.date) -> Iterator[Event]:
        """The actor's records whose whole date range lies inside the window (a record that may have
        happened before or after it cannot count towards it), leaving out those that cannot be drawn.

        >>> from tracker import load_events
        >>> checker = Checker.of(load_events("events"))
        >>> [e.id for e in checker.actor_events("Russia", dt.date(2017, 5, 28), dt.date(2017, 6, 6))]
        ['badiyeh-advance-east-of-tadmur']
        """
        wanted = actor.casefold()
        for other in self.events:
            by_actor = any(a.name.casefold() == wanted for a in other.actors)
            if by_actor and other.start >= since and other.end <= until and self.shape(other.id) is not None:
                yield other

    def bounding(self, event: Event, actor: str) -> list[str]:
        """The countries the evidence puts an actor in: those the record lies in or names (``reaches:``,
        ``inside:``) and those of every area recorded for the actor.

        >>> from tracker import load_events
        >>> events = load_events("events")
        >>> event = events.get("sohr-army-at-iraqi-border-north-of-al-tanf")  # in Syria, claims Iraq
        >>> Checker.of(events).bounding(event, "Syrian Arab Army")
        ['SYR', 'IRQ']
        """
        shapes = [self.shape(e.id) for e in self.actor_events(actor, dt.date.min, dt.date.max)]
        found = [s.area for s in shapes if s is not None and s.area is not None and s.basis != "reference"]
        named = [geo.country_named(c.reaches if isinstance(c, ReachesClaim) else c.inside) for c in event.claims
                 if isinstance(c, ReachesClaim | InsideClaim)]
        where = geo.countries_of(geo.union([Point(self.point(event)[::-1]), *found]))
        return [c for c in geo.countries() if c in where or c in named]
