"""Direction claims (``direction:`` ``of:`` a place): the event lies in the compass word's sector as seen
from the place (±45° for n, e, s, w; ±22.5° for ne...; ±11.25° for nne...; or ±``tolerance``).

An event with an area is judged by the bearings to the whole area; an event located at
``precision: 2`` by the range of bearings to every point within 10 km of its point. A verdict is
given only when the whole range clears the sector's edge.
"""

from __future__ import annotations

from shapely.geometry import Point

from ..geo import evidence
from ..geo import geodesy as geo
from ..geo.shapes import Shape
from ..records.model import DirectionClaim, Event
from .context import Checker
from .explain import AREA_WORDS, circular_words, compass, imprecise, verdict_tail
from .result import ClaimResult

__all__ = ["check_direction", "direction_to_area"]

Interval = tuple[float | None, float | None]


def check_direction(checker: Checker, event: Event, index: int, claim: DirectionClaim, shape: Shape
                    ) -> ClaimResult:
    """The verdict on claim ``index`` of ``event``, a direction claim.

    >>> from tracker import Event, EventCollection
    >>> event = Event.model_validate({
    ...     "id": "near-tadmur", "date": "2017-06-08", "title": "Troops near Tadmur", "type": "Battles",
    ...     "actors": ["Test Army"], "location": {"lat": 34.5624, "lon": 38.28402}, "precision": 2,
    ...     "claims": [{"direction": "north", "of": {"lat": 34.38484, "lon": 38.24626}},
    ...                {"direction": "north", "of": {"lat": 34.5309, "lon": 38.06948}}]})
    >>> checker = Checker.of(EventCollection([event]))
    >>> for index, claim in enumerate(event.claims):
    ...     print(check_direction(checker, event, index, claim, checker.shape(event.id)).explanation)
    claims the event lies north of 34.38484, 38.24626; the event, located only to within 10 km (precision 2),
    lies at bearing 10° ± 30° from it, and north covers 315°–45°: holds
    claims the event lies north of 34.5309, 38.06948; the event, located only to within 10 km (precision 2),
    lies at bearing 80° ± 30° from it, and north covers 315°–45°: contradicted
    """
    origin, label, circular = checker.target(event, index, claim.of, "of")
    said = f"claims the event lies {compass(claim.direction)} of {label}"
    if not shape.testable or origin is None:
        why = (shape.untestable if origin is not None
               else f"{label} has no point to measure from")
        return ClaimResult(event.id, index, "direction", claim.direction, None, "degrees", None, "unverifiable",
                           f"{said}, but {why}")
    if shape.area is not None and not circular:
        return direction_to_area(event, index, claim, shape, origin.centroid, label, said)
    return _from_point(event, index, claim, shape, origin.centroid, label, said, circular)


def _bearing(origin: Point, shape: Shape) -> tuple[float, float, float, Interval]:
    """The bearing from ``origin`` to the event's point, the distance, in metres, how far either way
    of it the event may lie, in degrees, and that range (``None``, ``None`` for an exact point)."""
    here = shape.geometry.centroid  # type: ignore[union-attr]
    bearings, metres = geo.inverse([origin.y], [origin.x], [here.y], [here.x])
    bearing = float(bearings[0])
    spread = float(evidence.bearing_spread(metres, shape.radius)[0])
    interval: Interval = (None, None)
    if shape.radius:
        interval = (0.0, 360.0) if spread >= 180 else ((bearing - spread) % 360, (bearing + spread) % 360)
    return bearing, float(metres[0]), spread, interval


def _lies(shape: Shape, bearing: float, spread: float) -> str:
    """Where the event lies from the place, in words."""
    if not shape.radius:
        return f"it lies at bearing {bearing:.0f}° from it"
    if spread >= 180:
        return f"{imprecise(shape.radius)} may lie at any bearing from it"
    return f"{imprecise(shape.radius)} lies at bearing {bearing:.0f}° ± {spread:.0f}° from it"


def _sector_words(centre: float, half: float) -> str:
    return f"{(centre - half) % 360:g}°–{(centre + half) % 360:g}°"


def _from_point(event: Event, index: int, claim: DirectionClaim, shape: Shape, origin: Point, label: str,
                said: str, circular: str | None) -> ClaimResult:
    """A direction claim decided by the bearing to the event's point (give or take its uncertainty)."""
    bearing, metres, spread, interval = _bearing(origin, shape)
    measured = round(bearing, 1)
    if circular or metres < evidence.SAME_PLACE_M:
        circular = circular or f"the event lies at {label} itself"
        return ClaimResult(event.id, index, "direction", claim.direction, measured, "degrees", None,
                           "undetermined", circular_words(said, circular), *interval)
    centre, half = claim.sector
    off = float(evidence.sector_offset(bearing, centre))
    verdict = evidence.VERDICTS[evidence.sector_code(off, spread, half)]
    word, sector = compass(claim.direction), _sector_words(centre, half)
    if shape.basis == "reconstructed":
        return ClaimResult(event.id, index, "direction", claim.direction, measured, "degrees", None, "undetermined",
                           f"{said}; the reconstruction lies at bearing {bearing:.0f}° from it ({word} covers "
                           f"{sector}), but it is only a lower bound on the event's extent, whose middle may lie "
                           "elsewhere: undetermined")
    tail = verdict_tail(verdict, "the sector's edge")
    return ClaimResult(event.id, index, "direction", claim.direction, measured, "degrees", None, verdict,
                       f"{said}; {_lies(shape, bearing, spread)}, and {word} covers {sector}{tail}", *interval)


def direction_to_area(event: Event, index: int, claim: DirectionClaim, shape: Shape, origin: Point,
                      label: str, said: str) -> ClaimResult:
    """A direction claim about an event with an area: the bearings from ``origin`` (the place named
    ``label``) to the whole area decide it (see :func:`tracker.geo.evidence.decide_area_sector`).

    >>> from tracker import Event
    >>> from tracker.geo.shapes import Shape
    >>> from shapely import box
    >>> event = Event.model_validate({
    ...     "id": "east", "date": "2017-06-08", "title": "An advance", "type": "Battles",
    ...     "actors": ["Test Army"], "location": {"lat": 34.7, "lon": 38.5},
    ...     "claims": [{"direction": "east", "of": "Tadmur"}]})
    >>> shape = Shape((34.7, 38.5), box(38.0, 34.5, 39.0, 35.0), False)
    >>> said = "claims the event lies east of Homs"
    >>> print(direction_to_area(event, 0, event.claims[0], shape, Point(36.72559, 34.72405), "Homs", said)
    ...       .explanation)
    claims the event lies east of Homs; the drawn area lies at bearings 75°–102° from it, and east covers 45°–135°:
    all of it inside: holds
    """
    area, what = shape.area, AREA_WORDS[shape.basis or evidence.DEFAULT_BASIS]
    assert area is not None
    if area.covers(origin):
        return ClaimResult(event.id, index, "direction", claim.direction, None, "degrees", None, "undetermined",
                           f"{said}; {label} lies inside {what}, parts of which lie in every direction from it: "
                           "undetermined", 0.0, 360.0)
    middle = area.centroid
    bearing = round(float(geo.inverse([origin.y], [origin.x], [middle.y], [middle.x])[0][0]), 1)
    centre, half = claim.sector
    code, low, high = evidence.decide_area_sector(*evidence.area_bearings(origin.y, origin.x, area), centre, half)
    lies = (f"{said}; {what} lies at bearings {low:.0f}°–{high:.0f}° from it, and {compass(claim.direction)} covers "
            f"{_sector_words(centre, half)}")
    if shape.basis == "reconstructed":
        return ClaimResult(event.id, index, "direction", claim.direction, bearing, "degrees", None,
                           "undetermined", f"{lies}, but it is only a lower bound on the event's extent, which "
                           "may reach further: undetermined", low, high)
    verdict = evidence.VERDICTS[code]
    share = {"holds": "all of it inside", "contradicted": "none of it inside"}.get(verdict,
                                                                                  "part of it inside, part outside")
    return ClaimResult(event.id, index, "direction", claim.direction, bearing, "degrees", None, verdict,
                       f"{lies}: {share}: {verdict}", low, high)
