"""Border claims (``reaches:`` a country): the event comes within the tolerance (10 km by default) of
the border with that country, measured geodesically from its point or the nearest point of its area.

A claim about an area drawn to the border itself is circular; an event located at ``precision: 2``
comes within an interval of distances of the border, and a verdict is given only when the whole
interval clears the tolerance.
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from ..geo import evidence
from ..geo import geodesy as geo
from ..geo.shapes import ANCHOR_WORDS, Shape, distance_between
from ..records.model import Event, ReachesClaim
from .context import Checker
from .explain import circular_words, imprecise, verdict_tail
from .result import ClaimResult

__all__ = ["DEFAULT_REACH_M", "border_line", "check_reaches"]

#: How near the border, in metres, an event must come to reach it, unless the claim says otherwise.
DEFAULT_REACH_M = 10_000.0


def check_reaches(checker: Checker, event: Event, index: int, claim: ReachesClaim, shape: Shape) -> ClaimResult:
    """The verdict on claim ``index`` of ``event``, a ``reaches`` claim.

    >>> from tracker import Event, EventCollection
    >>> event = Event.model_validate({
    ...     "id": "near-the-garrison", "date": "2017-05-18", "title": "A strike", "type": "Battles",
    ...     "actors": ["Test Air Force"], "location": {"lat": 33.5058, "lon": 38.6178}, "precision": 2,
    ...     "claims": [{"reaches": "Iraq"}, {"reaches": "Iraq", "tolerance": "35 km"}, {"reaches": "Atlantis"}]})
    >>> checker = Checker.of(EventCollection([event]))
    >>> for index, claim in enumerate(event.claims):
    ...     print(check_reaches(checker, event, index, claim, checker.shape(event.id)).explanation)
    claims the event reaches Iraq; the event, located only to within 10 km (precision 2), comes within
    10.8–30.8 km of the border (tolerance 10 km): contradicted
    claims the event reaches Iraq; the event, located only to within 10 km (precision 2), comes within
    10.8–30.8 km of the border (tolerance 35 km): holds
    claims the event reaches Atlantis, but 'Atlantis' is not one of the countries shipped (...)
    """
    code = geo.country_named(claim.reaches)
    limit_m = claim.tolerance.to("m") if claim.tolerance else DEFAULT_REACH_M
    if code is None or not shape.testable:
        why = (f"{claim.reaches!r} is not one of the countries shipped ({', '.join(geo.countries())})"
               if code is None else shape.untestable)
        return ClaimResult(event.id, index, "reaches", claim.reaches, None, "km", None, "unverifiable",
                           f"claims the event reaches {claim.reaches}, but {why}")
    geometry = shape.geometry
    assert geometry is not None
    line = border_line(code, geometry)
    if line is None:
        return ClaimResult(event.id, index, "reaches", claim.reaches, None, "km", None, "contradicted",
                           f"claims the event reaches {claim.reaches}, but it lies in no country bordering it")
    return _judge(event, index, claim, shape, line, limit_m)


def border_line(code: str, geometry: BaseGeometry) -> BaseGeometry | None:
    """The border a geometry must come near to reach country ``code``: from inside it, its border
    with every other country; from outside, its border with the countries the geometry lies in;
    ``None`` when there is none.

    >>> from shapely.geometry import Point
    >>> border_line("IRQ", Point(38.6178, 33.5058)).geom_type
    'LineString'
    >>> border_line("IRQ", Point(-3.7, 40.4)) is None
    True
    """
    inside = geo.countries_of(geometry)
    neighbours = [c for c in geo.countries() if c != code] if code in inside else [c for c in inside if c != code]
    lines = [geo.border(code, c) for c in neighbours]
    line = geo.union(lines) if lines else None
    return None if line is None or line.is_empty else line


def _drawn_to(shape: Shape, line: BaseGeometry, limit_m: float) -> bool:
    """Whether a point the event's hull or polygon was drawn from lies within ``limit_m`` of the border."""
    drawn = shape.anchors if shape.anchor_kind in ("hull", "polygon") else None
    return drawn is not None and any(geo.distance_to(lat, lon, line) <= limit_m for lat, lon in drawn)


def _comes(shape: Shape, metres: float, low: float, high: float) -> str:
    """How near the event comes to the border, in words."""
    if shape.radius:
        return f"{imprecise(shape.radius)} comes within {low:,.1f}–{high:,.1f} km of the border"
    if shape.basis == "reconstructed":
        return (f"the reconstruction, a lower bound on the event's extent, comes within {metres / 1000:,.1f} km "
                f"of the border, so the event comes within {low:,.1f}–{high:,.1f} km of it")
    return f"it comes within {metres / 1000:,.1f} km of the border"


def _judge(event: Event, index: int, claim: ReachesClaim, shape: Shape, line: BaseGeometry,
           limit_m: float) -> ClaimResult:
    """The verdict on a border claim, the border being ``line``."""
    metres = distance_between(shape, line)
    low, high = (float(v) / 1000 for v in evidence.distance_interval(metres, shape.radius))
    partial = shape.basis == "reconstructed"  # a lower bound on the extent: the whole may come nearer
    if partial:
        low = 0.0
    interval = (round(low, 3), round(high, 3)) if shape.radius or partial else (None, None)
    said = f"claims the event reaches {claim.reaches}"
    measured = round(metres / 1000, 3)
    if metres <= limit_m and _drawn_to(shape, line, limit_m):
        circular = (f"{ANCHOR_WORDS[shape.anchor_kind][0]} lies within {limit_m / 1000:g} km of the border "
                    "(the area was drawn to it)")
        return ClaimResult(event.id, index, "reaches", claim.reaches, measured, "km", None,
                           "undetermined", circular_words(said, circular), *interval)
    verdict = evidence.VERDICTS[evidence.within_code(low, high, limit_m / 1000)]
    return ClaimResult(event.id, index, "reaches", claim.reaches, measured, "km", None, verdict,
                       f"{said}; {_comes(shape, metres, low, high)} (tolerance {limit_m / 1000:g} km)"
                       f"{verdict_tail(verdict, 'the limit')}", *interval)
