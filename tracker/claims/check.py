"""Checking what reports claim against geodesic geometry: ``tracker check``.

Each claim of each record gets a :class:`ClaimResult`: what was claimed, what the geometry measures
(with the interval it may lie in, where the location is uncertain), their ratio, a verdict and one
sentence that explains it.

Verdicts and their default tolerances (a claim's own ``tolerance:`` overrides them):

=====================  ===========================================================  =================
kind                   verdict                                                      default tolerance
=====================  ===========================================================  =================
area                   ``consistent`` when claimed/measured is within the tolerance  1.25×
                       either way, else ``overstated`` or ``understated``;
                       ``impossible`` when the claim exceeds the whole area of the
                       country (or countries) the event lies in. Against an area
                       whose ``basis`` is ``reconstructed`` (a lower bound):
                       ``understated``, ``consistent``, or ``undetermined`` above
total_area             the union of the actor's areas recorded wholly within the    1.25×
                       window is a lower bound: ``understated``, ``consistent`` or
                       ``undetermined``; ``impossible`` only above the countries
                       the records put the actor in with those bordering them
distance ``about``     as for areas, over the whole interval of distances           1.25×
distance ``within``    ``holds`` when every distance is <= claimed × tolerance,      1 (none)
                       ``contradicted`` when none is
direction              ``holds`` when every bearing (to the whole area, if any)     ±45° for n/e/s/w,
                       lies in the compass word's sector, ``contradicted`` when     ±22.5° for ne...,
                       none does; ``undetermined`` from inside the area             ±11.25° for nne...
reaches                ``holds`` when the event comes within the tolerance of the    10 km
                       border with that country
inside                 ``holds`` when the event lies in the other event's area or   —
                       the country (areas: 99 % of them)
count                  always ``unverifiable``: not geometric                       —
=====================  ===========================================================  =================

Where the evidence cannot decide, the verdict is ``undetermined``: the area is a lower bound the
claim exceeds (a reconstruction also leaves open how near the whole event comes to a place or a
border, where its middle lies and what share of it lies inside); the event is located at
``precision: 2`` (within 10 km of its point) and the interval of distances, bearings or border
distances straddles the rule; or the claim is circular,
its reference being a point the event's own geometry was built from (a hull's corner, a circle's
centre, the event's own location, or the centre of the zone the event is located on).

A claim is ``unverifiable`` when there is no geometry to test: no area drawn for an area claim, no
area recorded for an actor over a window, or a location known only as a region (``precision: 3``)
for a distance, direction or border claim, or an area built from a region-sized place (a hull's
corner or a circle's centre the gazetteer calls a region).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..geo import evidence
from ..geo.evidence import CODE, FAILING, VERDICTS
from ..geo.places import Resolution, resolve_places
from ..geo.shapes import Shape
from ..records.collection import no_garbage_collection
from ..records.model import Event
from .context import Checker
from .inside import INSIDE_SHARE
from .kinds import check_one
from .reaches import DEFAULT_REACH_M
from .report import CheckReport
from .result import ClaimResult

if TYPE_CHECKING:
    from gazetteer import Gazetteer

    from ..records.collection import EventCollection
    from ..records.point_claims import PointClaims

DEFAULT_RATIO = evidence.DEFAULT_RATIO
__all__ = ["DEFAULT_RATIO", "DEFAULT_REACH_M", "FAILING", "INSIDE_SHARE", "VERDICTS", "CheckReport", "ClaimResult",
           "Shape", "check_claims"]
#: How far from its point an event may lie, by precision (see :func:`tracker.geo.evidence.uncertainty`).
_RADIUS: dict[int | None, float] = {p: evidence.uncertainty(p) for p in (None, 1, 2, 3)}


def check_claims(events: EventCollection, gazetteer: Gazetteer | None = None) -> CheckReport:
    """Check every claim of ``events``; a record naming a place that cannot be resolved is reported
    as a problem and its claims are left out, the others are checked.

    Distances and bearings between points given as coordinates (most of a large claim set) are
    measured in one pyproj call each, over columns the collection derives once from its records; the
    other claims, which need areas or the gazetteer, are measured one by one.

    >>> from tracker import load_events
    >>> report = check_claims(load_events("events"))
    >>> report.summary()
    '... claims: ...'
    >>> result = next(r for r in report.results if r.event == "saa-within-15-miles-of-al-tanf")
    >>> result.kind, result.claimed, result.unit
    ('distance', 15.0, 'mi')
    """
    with no_garbage_collection():
        return _check(events, resolve_places(events, gazetteer))


class _PointClaims:
    """The claims given in coordinates of many records, measured and decided together at the end
    (:func:`tracker.geo.evidence.decide_point_claims`)."""

    def __init__(self) -> None:
        self.batches: list[Any] = []  # each record's columns of ``records.point_claims``
        self.starts: list[int] = []  # where each of those records' claims start among all claims
        self.origins: list[tuple[float, float]] = []  # and the record's own point
        self.radii: list[float] = []  # and how far from it the event may lie

    def take(self, event: Event, derived: PointClaims, checker: Checker, start: int) -> frozenset[int] | None:
        """Take the claims of ``event`` (starting at ``start`` among all claims; ``derived``, its columns of
        claims given in coordinates) that can be measured in batch: ``None`` when they are all its claims,
        else the indices of those taken (maybe none)."""
        columns = derived.columns
        if derived.complete and derived.origin is not None:  # complete: it has its own point
            self._add(columns, start, derived.origin, event)
            return None
        if columns is None or event.area is not None or event.precision == 3:
            return frozenset()
        self._add(columns, start, checker.point(event), event)
        if len(columns) == len(event.claims):
            return None
        return frozenset(columns[:, 0].astype(int).tolist())

    def _add(self, columns: Any, start: int, origin: tuple[float, float], event: Event) -> None:
        self.batches.append(columns)
        self.starts.append(start)
        self.origins.append(origin)
        self.radii.append(_RADIUS.get(event.precision, 0.0))

    def decide(self, measured: np.ndarray, codes: np.ndarray) -> None:
        """Write the taken claims' measurements and verdicts' codes in place."""
        if self.batches:
            evidence.decide_point_claims(self.batches, self.starts, self.origins, self.radii, measured, codes)


def _checkable(event: Event, checker: Checker) -> bool:
    """Whether the record has claims to check: its places are known and its area, if any, can be drawn
    (a record whose area cannot be drawn is reported among the problems)."""
    if not event.claims or event.id in checker.unresolved:
        return False
    return event.area is None or checker.shape(event.id) is not None


def _check(events: EventCollection, resolution: Resolution) -> CheckReport:
    checker = Checker(events, resolution)
    checked: list[Event] = []
    total = 0
    done: dict[int, ClaimResult] = {}
    points = _PointClaims()
    for event, derived in zip(events, events.point_claims(), strict=True):
        if not _checkable(event, checker):
            continue
        checked.append(event)
        start = total
        total += len(event.claims)
        batched = points.take(event, derived, checker, start)
        if batched is None:
            continue
        for index, claim in enumerate(event.claims):
            if index not in batched:
                done[start + index] = check_one(checker, event, index, claim)
    measured, codes = _columns(total, done)
    points.decide(measured, codes)
    return CheckReport(checker, checked, measured, codes, done, checker.problems)


def _columns(total: int, done: dict[int, ClaimResult]) -> tuple[np.ndarray, np.ndarray]:
    """The measurements and verdicts' codes of ``total`` claims, those of the claims checked one by
    one (``done``, by position) filled in, the others left for the batches (nan and 0)."""
    measured = np.full(total, np.nan)
    codes = np.zeros(total, dtype=np.int8)
    if done:
        at = np.fromiter(done, dtype=np.intp, count=len(done))
        codes[at] = np.fromiter((CODE[r.verdict] for r in done.values()), dtype=np.int8, count=len(done))
        measured[at] = np.fromiter((np.nan if r.measured is None else r.measured for r in done.values()),
                                   dtype=float, count=len(done))
    return measured, codes
