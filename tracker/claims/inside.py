"""``inside`` claims: the event lies inside another record's area (by id) or a country; an area counts
as inside when :data:`INSIDE_SHARE` of it is.

An event located at ``precision: 2`` may lie on either side of an edge nearer than 10 km to its
point, and a reconstruction leaves open where the rest of the event lies: both are ``undetermined``.
"""

from __future__ import annotations

from shapely.geometry.base import BaseGeometry

from ..geo import geodesy as geo
from ..geo.shapes import Shape
from ..records.model import Event, InsideClaim
from .context import Checker, Target
from .explain import circular_words, imprecise
from .result import ClaimResult

__all__ = ["INSIDE_SHARE", "Share", "check_inside", "inside_target", "share_inside"]

#: The share of an area that must lie inside for the area to count as inside.
INSIDE_SHARE = 0.99

#: How much of the event lies inside: the share, the interval it may lie in (``None``, ``None`` where
#: it is exact), and how far the event's point is from the edge, in metres (``None`` where not measured).
Share = tuple[float, tuple[float | None, float | None], float | None]


def check_inside(checker: Checker, event: Event, index: int, claim: InsideClaim, shape: Shape) -> ClaimResult:
    """The verdict on claim ``index`` of ``event``, an ``inside`` claim.

    >>> from tracker import Event, EventCollection
    >>> zone = {"id": "zone", "date": "2017-05-18", "title": "A zone", "type": "Strategic developments",
    ...         "actors": ["Test Air Force"], "location": {"lat": 33.5058, "lon": 38.6178},
    ...         "area": {"circle": {"center": {"lat": 33.5058, "lon": 38.6178}, "radius": "55 km"},
    ...                  "basis": "reference"}}
    >>> strike = {"id": "strike", "date": "2017-05-18", "title": "A strike", "type": "Battles",
    ...           "actors": ["Test Army"], "location": {"lat": 33.95659, "lon": 38.6178}, "precision": 2,
    ...           "claims": [{"inside": "zone"}, {"inside": "Syria"}]}
    >>> events = EventCollection([Event.model_validate(zone), Event.model_validate(strike)])
    >>> checker, event = Checker.of(events), events.get("strike")
    >>> for index, claim in enumerate(event.claims):
    ...     print(check_inside(checker, event, index, claim, checker.shape("strike")).explanation)
    claims the event lies inside the area of zone; its point is, but the event, located only to within 10 km
    (precision 2), may lie on either side of the edge (5.0 km from the point): undetermined
    claims the event lies inside Syria; 100% of it does, and so does every point within 10 km of it: holds
    """
    target, label, circular = inside_target(checker, claim, shape)
    geometry = shape.geometry
    said = f"claims the event lies inside {label}"
    if target is None or geometry is None or not shape.testable:
        why = (shape.untestable if target is not None
               else f"{label} is neither a record with an area nor a shipped country")
        return ClaimResult(event.id, index, "inside", claim.inside, None, None, None, "unverifiable",
                           f"{said}, but {why}")
    share, interval, edge = share_inside(geometry, target, shape.radius)
    if circular:
        return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None,
                           "undetermined", circular_words(said, circular), *interval)
    return _judge(event, index, claim, shape, said, (share, interval, edge))


def inside_target(checker: Checker, claim: InsideClaim, shape: Shape) -> Target:
    """The area an ``inside`` claim names (another record's, else a shipped country's), its label, and
    what makes the claim circular (the event is located on a point that area was built from).

    >>> from tracker import load_events
    >>> from tracker.records.model import InsideClaim
    >>> checker = Checker.of(load_events("events"))
    >>> strike = checker.shape("us-strike-near-al-tanf-2017-06-06")
    >>> area, label, circular = inside_target(checker, InsideClaim(inside="Iraq"), strike)
    >>> area.geom_type, label, circular
    ('Polygon', 'Iraq', None)
    >>> area, label, circular = inside_target(checker, InsideClaim(inside="al-tanf-deconfliction-zone"), strike)
    >>> print(f"{label}: {circular}")
    the area of al-tanf-deconfliction-zone: the event is located on the centre of the circle of
    al-tanf-deconfliction-zone
    """
    other = checker.events.get(claim.inside)
    if other is not None:
        other_shape = checker.shape(other.id)
        if other_shape is None:
            return None, f"the area of {claim.inside}", None
        return other_shape.area, f"the area of {claim.inside}", checker.located_on(shape, other_shape, claim.inside)
    code = geo.country_named(claim.inside)
    if code is None:
        return None, claim.inside, None
    name, area = geo.countries()[code]
    return area, name, None


def share_inside(geometry: BaseGeometry, target: BaseGeometry, radius: float) -> Share:
    """How much of ``geometry`` lies inside ``target``: for a point, all or nothing, and for a point
    known only to within ``radius`` metres either, or anything between where the edge is nearer.

    >>> from shapely.geometry import Point, box
    >>> share, interval, edge = share_inside(box(0.0, 0.0, 2.0, 1.0), box(1.0, 0.0, 3.0, 1.0), 0.0)
    >>> round(share, 3), interval, edge
    (0.5, (None, None), None)
    >>> share, interval, edge = share_inside(Point(0.5, 0.5), box(0.0, 0.0, 1.0, 1.0), 10_000.0)
    >>> share, interval, round(edge)
    (1.0, (1.0, 1.0), 55287)
    >>> share, interval, edge = share_inside(Point(0.95, 0.5), box(0.0, 0.0, 1.0, 1.0), 10_000.0)
    >>> share, interval, round(edge)
    (1.0, (0.0, 1.0), 5566)
    """
    if geometry.geom_type != "Point":
        share = geo.geodesic_area(geometry.intersection(target)) / max(geo.geodesic_area(geometry), 1e-9)
        return share, (None, None), None
    share = 1.0 if target.covers(geometry) else 0.0
    if not radius:
        return share, (None, None), None
    edge = geo.distance_to(geometry.y, geometry.x, target.boundary)
    return share, ((share, share) if edge >= radius else (0.0, 1.0)), edge


def _judge(event: Event, index: int, claim: InsideClaim, shape: Shape, said: str, measured: Share) -> ClaimResult:
    """The verdict on an ``inside`` claim from the share of the event inside."""
    share, interval, edge = measured
    if shape.basis == "reconstructed":
        return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None,
                           "undetermined",
                           f"{said}; {share:.0%} of the reconstruction does, but it is only a lower bound on the "
                           "event's extent, the rest of which may lie inside or outside: undetermined", 0.0, 1.0)
    if interval[0] is not None and interval[0] != interval[1]:
        assert edge is not None
        return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None,
                           "undetermined",
                           f"{said}; its point {'is' if share else 'is not'}, but {imprecise(shape.radius)} may lie "
                           f"on either side of the edge ({edge / 1000:,.1f} km from the point): undetermined",
                           *interval)
    verdict = "holds" if share >= INSIDE_SHARE else "contradicted"
    whole = ""
    if shape.radius:
        whole = (f", nor any point within {shape.radius / 1000:g} km of it" if verdict == "contradicted"
                 else f", and so does every point within {shape.radius / 1000:g} km of it")
    return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None, verdict,
                       f"{said}; {share:.0%} of it does{whole}: {verdict}", *interval)
