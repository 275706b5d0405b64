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

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from ..errors import GeometryError, Problem
from ..geo import evidence
from ..geo import geodesy as geo
from ..geo.evidence import CODE as _CODE
from ..geo.evidence import FAILING, VERDICTS
from ..geo.places import Resolution, resolve_places
from ..geo.shapes import ANCHOR_WORDS, Shape, anchor_at, distance_between, make_shape, place_of
from ..records.collection import no_garbage_collection
from ..records.model import (
    AreaClaim,
    Claim,
    CountClaim,
    DirectionClaim,
    DistanceClaim,
    Event,
    InsideClaim,
    ReachesClaim,
    TotalAreaClaim,
)
from ..records.quantity import Quantity
from ..records.yaml import position as source_position
from .explain import circular_words, in_unit, number, ratio_words, symbol

if TYPE_CHECKING:
    from gazetteer import Gazetteer

    from ..records.collection import EventCollection

DEFAULT_RATIO = evidence.DEFAULT_RATIO
DEFAULT_REACH_M = 10_000.0
INSIDE_SHARE = 0.99
_VERDICT_WORDS = np.array(VERDICTS, dtype=object)
#: How far from its point an event may lie, by precision (see :func:`tracker.geo.evidence.uncertainty`).
_RADIUS: dict[int | None, float] = {p: evidence.uncertainty(p) for p in (None, 1, 2, 3)}
#: What an area of each basis is called in explanations.
_AREA_WORDS = {"reported": "the drawn area", "assessed": "the assessed area", "reference": "the reference zone",
               "reconstructed": "the reconstruction"}
__all__ = ["FAILING", "VERDICTS", "CheckReport", "ClaimResult", "Shape", "check_claims"]
_WORDS = {"n": "north", "e": "east", "s": "south", "w": "west"}


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim."""

    event: str
    index: int
    kind: str
    claimed: float | str | None
    measured: float | None
    unit: str | None
    ratio: float | None
    verdict: str
    explanation: str
    #: The least and greatest value the measurement may take, where it is an interval (a location
    #: known to within 10 km; ``measured_high`` is ``None`` for a lower bound); ``None`` otherwise.
    #: Bearings run clockwise from ``measured_low`` to ``measured_high``.
    measured_low: float | None = None
    measured_high: float | None = None
    #: The assessor whose control layers the claim was checked against (see :mod:`tracker.control`);
    #: ``None`` when the verdict rests on the records.
    assessor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result with the keys of ``tracker check --json``."""
        return asdict(self)


class CheckReport:
    """Every claim's verdict, with the records that could not be checked (unknown places).

    Verdicts and measurements are arrays, computed in batches; the :class:`ClaimResult` of each claim,
    with its sentence, is written when :attr:`results` is first read.
    """

    def __init__(self, checker: _Checker, checked: list[Event], measured: np.ndarray, codes: np.ndarray,
                 done: dict[int, ClaimResult], problems: list[Problem]):
        self._checker = checker
        self._checked = checked
        self.measured = measured
        #: Each claim's verdict as its position in :data:`VERDICTS`.
        self.codes = codes
        self._done = done
        self.problems = problems

    def __len__(self) -> int:
        return len(self.codes)

    def shape(self, event_id: str) -> Shape | None:
        """Where the event is (its point and area), or ``None`` when its places are unknown."""
        return self._checker.shape(event_id)

    @property
    def verdicts(self) -> np.ndarray:
        """Each claim's verdict, in record order."""
        words: np.ndarray = _VERDICT_WORDS[self.codes]
        return words

    @cached_property
    def results(self) -> list[ClaimResult]:
        """One :class:`ClaimResult` per claim, in record order."""
        found: list[ClaimResult] = []
        for event in self._checked:
            for index, claim in enumerate(event.claims):
                found.append(self._done.get(len(found)) or self._checker.result(event, index, claim))
        return found

    def summary(self) -> str:
        """'12 claims: 3 consistent, 2 overstated, ...' in the order of :data:`VERDICTS`."""
        counts = dict(zip(VERDICTS, np.bincount(self.codes, minlength=len(VERDICTS)).tolist(), strict=True))
        parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        return f"{len(self)} claim{'s' * (len(self) != 1)}" + (f": {parts}" if parts else "")

    @property
    def failed(self) -> bool:
        """True when any claim is overstated, understated, contradicted or impossible (never for
        ``undetermined`` or ``unverifiable``)."""
        return bool(np.isin(self.codes, [VERDICTS.index(v) for v in FAILING]).any())


def check_claims(events: EventCollection, gazetteer: Gazetteer | None = None) -> CheckReport:
    """Check every claim of ``events``; a record naming a place that cannot be resolved is reported
    as a problem and its claims are left out, the others are checked.

    Distances and bearings between points given as coordinates (most of a large claim set) are
    measured in one pyproj call each, over columns the collection derives once from its records; the
    other claims, which need areas or the gazetteer, are measured one by one.
    """
    with no_garbage_collection():
        return _check(events, resolve_places(events, gazetteer))


def _check(events: EventCollection, resolution: Resolution) -> CheckReport:
    checker = _Checker(events, resolution)
    checked: list[Event] = []
    total = 0
    done: dict[int, ClaimResult] = {}
    batches: list[Any] = []  # the point-claim columns of each record measured in batch
    starts: list[int] = []  # where each of those records' claims start in ``claims``
    origins: list[tuple[float, float]] = []  # and the record's own point
    radii: list[float] = []  # and how far from it the event may lie
    for event, derived in zip(events, events.point_claims(), strict=True):
        claim_count = len(event.claims)
        if not claim_count or event.id in checker.unresolved:
            continue
        if event.area is not None and checker.shape(event.id) is None:
            continue  # its area cannot be drawn: reported among the problems
        checked.append(event)
        start = total
        total += claim_count
        columns = derived.columns
        batched: frozenset[int] = frozenset()
        if derived.complete and derived.origin is not None:  # complete: it has its own point
            batches.append(columns)
            starts.append(start)
            origins.append(derived.origin)
            radii.append(_RADIUS.get(event.precision, 0.0))
            continue
        if columns is not None and event.area is None and event.precision != 3:
            batches.append(columns)
            starts.append(start)
            origins.append(checker.point(event))
            radii.append(_RADIUS.get(event.precision, 0.0))
            if len(columns) == claim_count:
                continue
            batched = frozenset(columns[:, 0].astype(int).tolist())
        for index, claim in enumerate(event.claims):
            if index not in batched:
                done[start + index] = checker.result(event, index, claim)
    measured = np.full(total, np.nan)
    codes = np.zeros(total, dtype=np.int8)
    for position, result in done.items():
        codes[position] = _CODE[result.verdict]
        measured[position] = np.nan if result.measured is None else result.measured
    if batches:
        evidence.decide_point_claims(batches, starts, origins, radii, measured, codes)
    return CheckReport(checker, checked, measured, codes, done, checker.problems)


def _ratio_verdict(claimed: float, measured: float, tolerance: float) -> tuple[str, float | None]:
    if measured <= 0:
        return "overstated", None
    ratio = claimed / measured
    if ratio > tolerance:
        return "overstated", ratio
    if ratio < 1 / tolerance:
        return "understated", ratio
    return "consistent", ratio


class _Checker:
    def __init__(self, events: EventCollection, resolution: Resolution):
        self.events = events
        self.resolution = resolution
        self._shapes: dict[str, Shape] = {}
        #: Records whose places are unknown, then those whose area cannot be drawn: never checked.
        self.unresolved = {key[0] for key, match in resolution.matches.items() if not match.found}
        #: Records that could not be checked: unknown places, then areas that cannot be drawn.
        self.problems: list[Problem] = list(resolution.problems)

    def shape(self, event_id: str) -> Shape | None:
        """The event's point and area (made on first use), or ``None`` when its places are unknown."""
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
        """The event's own point, (lat, lon)."""
        return place_of(event.location, event, ("location",), self.resolution)

    def result(self, event: Event, index: int, claim: Claim) -> ClaimResult:
        """The result of one claim, with its sentence."""
        shape = self.shape(event.id)
        assert shape is not None
        if isinstance(claim, AreaClaim) and shape.region is not None:
            unit = symbol(claim.area.unit)
            return ClaimResult(event.id, index, "area", claim.area.value, None, unit, None, "unverifiable",
                               f"claims {number(claim.area.value)} {unit}, but {shape.untestable}, so it cannot be "
                               "measured")
        if isinstance(claim, AreaClaim):
            basis = shape.basis or evidence.DEFAULT_BASIS
            return self._area(event, index, claim.area, claim.tolerance, shape.area, _AREA_WORDS[basis],
                              bound=basis == "reconstructed")
        if isinstance(claim, TotalAreaClaim):
            until = claim.until or event.end
            areas = [self.shape(e.id) for e in self._actor_events(claim.actor, claim.since, until)]
            found = [a.area for a in areas
                     if a is not None and a.area is not None and a.basis != "reference" and a.region is None]
            what = (f"the union of {claim.actor}'s {len(found)} area(s) recorded wholly within {claim.since} to "
                    f"{until}")
            return self._area(event, index, claim.total_area, claim.tolerance, geo.union(found) if found else None,
                              what, kind="total_area", bound=True, bounding=self._bounding(event, claim.actor))
        if isinstance(claim, DistanceClaim):
            return self._distance(event, index, claim, shape)
        if isinstance(claim, DirectionClaim):
            return self._direction(event, index, claim, shape)
        if isinstance(claim, ReachesClaim):
            return self._reaches(event, index, claim, shape)
        if isinstance(claim, InsideClaim):
            return self._inside(event, index, claim, shape)
        assert isinstance(claim, CountClaim)
        what = f"{claim.count:,}" + (f" {claim.of}" if claim.of else "")
        return ClaimResult(event.id, index, "count", claim.count, None, claim.of, None, "unverifiable",
                           f"a count ({what}) is not geometric: kept as reported, not checked")

    def _actor_events(self, actor: str, since: dt.date, until: dt.date) -> Iterator[Event]:
        """The actor's records whose whole date range lies inside the window (a record that may have
        happened before or after it cannot count towards it)."""
        wanted = actor.casefold()
        for other in self.events:
            by_actor = any(a.name.casefold() == wanted for a in other.actors)
            if by_actor and other.start >= since and other.end <= until and self.shape(other.id) is not None:
                yield other

    def _bounding(self, event: Event, actor: str) -> list[str]:
        """The countries the evidence puts an actor in: those the record lies in or names (``reaches:``,
        ``inside:``) and those of every area recorded for the actor."""
        shapes = [self.shape(e.id) for e in self._actor_events(actor, dt.date.min, dt.date.max)]
        found = [s.area for s in shapes if s is not None and s.area is not None and s.basis != "reference"]
        named = [geo.country_named(c.reaches if isinstance(c, ReachesClaim) else c.inside) for c in event.claims
                 if isinstance(c, ReachesClaim | InsideClaim)]
        where = geo.countries_of(geo.union([Point(self.point(event)[::-1]), *found]))
        return [c for c in geo.countries() if c in where or c in named]

    def _area(self, event: Event, index: int, claimed: Quantity, tolerance: float | None,
              area: BaseGeometry | None, what: str, kind: str = "area", bound: bool = False,
              bounding: list[str] | None = None) -> ClaimResult:
        unit = symbol(claimed.unit)
        claimed_text = f"{number(claimed.value)} {unit}"
        if area is None or area.is_empty:
            reason = "the record draws no area" if kind == "area" else f"no area is recorded for it ({what})"
            return ClaimResult(event.id, index, kind, claimed.value, None, unit, None, "unverifiable",
                               f"claims {claimed_text}, but {reason}, so nothing can be measured")
        measured = in_unit(claimed, geo.geodesic_area(area))
        claimed_si = claimed.value * claimed.si_factor
        codes = (geo.countries_of(area) if bounding is None else bounding) if claimed_si > geo.smallest_country_area() \
            else []
        limit = sum(geo.country_area(code) for code in codes)
        low = measured if bound else None
        names = " and ".join(geo.countries()[c][0] for c in codes)
        near = geo.neighbours(codes) if bounding is not None and claimed_si > limit else []
        if near:
            wider = limit + sum(geo.country_area(code) for code in near)
            is_more, them = f"claims {claimed_text}, more than the whole of {names}", "them" if len(codes) > 1 else "it"
            if claimed_si <= wider:
                return ClaimResult(
                    event.id, index, kind, claimed.value, measured, unit, claimed.value / measured, "undetermined",
                    f"{is_more} ({number(in_unit(claimed, limit))} {unit}), where the records put the actor, but not "
                    f"more than those with the countries bordering {them} ({number(in_unit(claimed, wider))} {unit}), "
                    "where the rest may lie: undetermined", low)
            return ClaimResult(
                event.id, index, kind, claimed.value, measured, unit, claimed.value / measured, "impossible",
                f"{is_more} and the countries bordering {them}, "
                f"{', '.join(geo.countries()[c][0] for c in near)} ({number(in_unit(claimed, wider))} {unit}), where "
                "the records put the actor and the rest may lie: impossible", low)
        if codes and claimed_si > limit:
            return ClaimResult(
                event.id, index, kind, claimed.value, measured, unit, claimed.value / measured if measured else None,
                "impossible",
                f"claims {claimed_text}, more than the whole of {names} ({number(in_unit(claimed, limit))} {unit}), "
                "where the event lies: impossible", low)
        tol = tolerance or DEFAULT_RATIO
        if not bound:
            verdict, ratio = _ratio_verdict(claimed.value, measured, tol)
            return ClaimResult(event.id, index, kind, claimed.value, measured, unit, ratio, verdict,
                               f"claims {claimed_text}; {what} measures {number(measured)} {unit}, "
                               + ratio_words(verdict, ratio, tol))
        verdict = VERDICTS[int(evidence.decide_lower_bound(claimed.value, measured, tol))]
        ratio = claimed.value / measured if measured > 0 else None
        covers = f"claims {claimed_text}; {what} covers at least {number(measured)} {unit}"
        if kind == "total_area":
            covers += " (the records are never complete: a lower bound)"
        if verdict == "undetermined":
            words = (f"{covers}, {measured / claimed.value:.0%} of the claim; it neither confirms nor contradicts "
                     "the rest: undetermined")
        elif verdict == "consistent":
            words = f"{covers}, and the claim is within the {tol:g}× tolerance of it: consistent"
        else:
            words = f"{covers}, " + ratio_words(verdict, ratio, tol)
        return ClaimResult(event.id, index, kind, claimed.value, measured, unit, ratio, verdict, words, low)

    def _target(self, event: Event, index: int, to: Any, key: str
                ) -> tuple[BaseGeometry | None, str, str | None]:
        """The geometry a claim measures to (another event's area by id, else a place), its label,
        and what makes the claim circular: the place is a point the event's own geometry was built
        from, or the event is measured from its point and sits on a point the other record's was."""
        if isinstance(to, str) and to == event.id:
            return None, "itself", None
        own = self.shape(event.id)
        assert own is not None
        if isinstance(to, str) and self.events.get(to) is not None:
            other = self.shape(to)
            if other is None or not other.testable:
                return None, f"{to} (whose location is only a region, or unknown)", None
            label = f"the area of {to}" if other.area is not None else to
            circular = None
            if own.area is None and own.point is not None:
                anchor = anchor_at(other, *own.point)
                if anchor is not None:
                    circular = "the event is located on " + ANCHOR_WORDS[anchor][1].format(to)
            return other.geometry, label, circular
        lat, lon = place_of(to, event, ("claims", index, key), self.resolution)
        label = to if isinstance(to, str) else f"{lat}, {lon}"
        match = self.resolution.matches.get((event.id, ("claims", index, key)))
        if match is not None and match.place is not None:
            label = match.place.name
        anchor = anchor_at(own, lat, lon)
        circular = f"{label} is {ANCHOR_WORDS[anchor][0]}" if anchor is not None else None
        return Point(lon, lat), label, circular

    def _distance(self, event: Event, index: int, claim: DistanceClaim, shape: Shape) -> ClaimResult:
        unit = symbol(claim.distance.unit)
        claimed_text = f"{number(claim.distance.value)} {unit}"
        if unit != "km":
            claimed_text += f" ({number(claim.distance.to('km'))} km)"
        target, label, circular = self._target(event, index, claim.to, "to")
        if not shape.testable or target is None:
            why = (shape.untestable if target is not None
                   else "a record cannot be measured from itself" if label == "itself"
                   else f"{label} has no geometry to measure to")
            return ClaimResult(event.id, index, "distance", claim.distance.value, None, unit, None, "unverifiable",
                               f"claims {claim.relation} {claimed_text} of {label}, but {why}, so no distance "
                               "can be measured")
        metres = distance_between(shape, target)
        measured = in_unit(claim.distance, metres)
        partial = shape.basis == "reconstructed"  # a lower bound on the extent: the whole may come nearer
        low_m, high_m = (float(v) for v in evidence.distance_interval(metres, shape.radius))
        low, high = in_unit(claim.distance, 0.0 if partial else low_m), in_unit(claim.distance, high_m)
        interval = (low, high) if shape.radius or partial else (None, None)
        ratio = claim.distance.value / measured if measured else None
        relation = "within" if claim.relation == "within" else "about"
        said = f"claims {relation} {claimed_text} {'of' if relation == 'within' else 'from'} {label}"
        if circular:
            return ClaimResult(event.id, index, "distance", claim.distance.value, measured, unit, ratio,
                               "undetermined", circular_words(said, circular), *interval)
        if shape.radius:
            is_ = (f"the event, located only to within {shape.radius / 1000:g} km (precision 2), is "
                   f"{number(low)}–{number(high)} {unit} from it")
        elif partial:
            is_ = (f"the reconstruction, a lower bound on the event's extent, is {number(measured)} {unit} from it, "
                   f"so the event is {number(low)}–{number(high)} {unit} from it")
        else:
            is_ = f"the event is {number(measured)} {unit} from it"
        if claim.relation == "within":
            tol = claim.tolerance or 1.0
            verdict = VERDICTS[int(evidence.decide_within(low, high, claim.distance.value * tol))]
            tail = ": undetermined, the range straddles the limit" if verdict == "undetermined" else f": {verdict}"
            return ClaimResult(event.id, index, "distance", claim.distance.value, measured, unit, ratio, verdict,
                               f"{said}; {is_}{tail}", *interval)
        tol = claim.tolerance or DEFAULT_RATIO
        verdict = VERDICTS[int(evidence.decide_ratio(claim.distance.value, low, high, tol))]
        if verdict == "undetermined":
            tail = f": undetermined, the range straddles the {tol:g}× tolerance"
        elif shape.radius or partial:
            tail = f", all of it {'within' if verdict == 'consistent' else 'beyond'} the {tol:g}× tolerance: {verdict}"
        else:
            tail = ", " + ratio_words(verdict, ratio, tol)
        return ClaimResult(event.id, index, "distance", claim.distance.value, measured, unit,
                           ratio if measured else None, verdict, f"{said}; {is_}{tail}", *interval)

    def _direction(self, event: Event, index: int, claim: DirectionClaim, shape: Shape) -> ClaimResult:
        origin, label, circular = self._target(event, index, claim.of, "of")
        word = "-".join(_WORDS[letter] for letter in claim.direction)
        said = f"claims the event lies {word} of {label}"
        if not shape.testable or origin is None:
            why = (shape.untestable if origin is not None
                   else f"{label} has no point to measure from")
            return ClaimResult(event.id, index, "direction", claim.direction, None, "degrees", None, "unverifiable",
                               f"{said}, but {why}")
        if shape.area is not None and not circular:
            return self._direction_to_area(event, index, claim, shape, origin.centroid, label, said)
        here = shape.geometry.centroid  # type: ignore[union-attr]
        start = origin.centroid
        bearings, metres = geo.inverse([start.y], [start.x], [here.y], [here.x])
        bearing = float(bearings[0])
        spread = float(evidence.bearing_spread(metres, shape.radius)[0])
        interval: tuple[float | None, float | None] = (None, None)
        if shape.radius:
            interval = (0.0, 360.0) if spread >= 180 else ((bearing - spread) % 360, (bearing + spread) % 360)
        if circular or float(metres[0]) < evidence.SAME_PLACE_M:
            circular = circular or f"the event lies at {label} itself"
            return ClaimResult(event.id, index, "direction", claim.direction, round(bearing, 1), "degrees", None,
                               "undetermined", circular_words(said, circular), *interval)
        centre, half = claim.sector
        off = float(evidence.sector_offset(bearing, centre))
        verdict = VERDICTS[int(evidence.decide_sector(off, spread, half))]
        sector = f"{(centre - half) % 360:g}°–{(centre + half) % 360:g}°"
        if shape.basis == "reconstructed":
            return ClaimResult(event.id, index, "direction", claim.direction, round(bearing, 1), "degrees", None,
                               "undetermined",
                               f"{said}; the reconstruction lies at bearing {bearing:.0f}° from it ({word} covers "
                               f"{sector}), but it is only a lower bound on the event's extent, whose middle may lie "
                               "elsewhere: undetermined")
        if not shape.radius:
            lies = f"it lies at bearing {bearing:.0f}° from it"
        elif spread >= 180:
            lies = (f"the event, located only to within {shape.radius / 1000:g} km (precision 2), may lie at any "
                    "bearing from it")
        else:
            lies = (f"the event, located only to within {shape.radius / 1000:g} km (precision 2), lies at bearing "
                    f"{bearing:.0f}° ± {spread:.0f}° from it")
        tail = ": undetermined, the range straddles the sector's edge" if verdict == "undetermined" else f": {verdict}"
        return ClaimResult(event.id, index, "direction", claim.direction, round(bearing, 1), "degrees", None, verdict,
                           f"{said}; {lies}, and {word} covers {sector}{tail}", *interval)

    def _direction_to_area(self, event: Event, index: int, claim: DirectionClaim, shape: Shape, origin: Point,
                           label: str, said: str) -> ClaimResult:
        """A direction claim about an event with an area: the bearings to the whole area decide it."""
        area, what = shape.area, _AREA_WORDS[shape.basis or evidence.DEFAULT_BASIS]
        assert area is not None
        if area.covers(origin):
            return ClaimResult(event.id, index, "direction", claim.direction, None, "degrees", None, "undetermined",
                               f"{said}; {label} lies inside {what}, parts of which lie in every direction from it: "
                               "undetermined", 0.0, 360.0)
        middle = area.centroid
        bearing = float(geo.inverse([origin.y], [origin.x], [middle.y], [middle.x])[0][0])
        centre, half = claim.sector
        code, low, high = evidence.decide_area_sector(*evidence.area_bearings(origin.y, origin.x, area), centre, half)
        word = "-".join(_WORDS[letter] for letter in claim.direction)
        lies = (f"{said}; {what} lies at bearings {low:.0f}°–{high:.0f}° from it, and {word} covers "
                f"{(centre - half) % 360:g}°–{(centre + half) % 360:g}°")
        if shape.basis == "reconstructed":
            return ClaimResult(event.id, index, "direction", claim.direction, round(bearing, 1), "degrees", None,
                               "undetermined", f"{lies}, but it is only a lower bound on the event's extent, which "
                               "may reach further: undetermined", low, high)
        verdict = VERDICTS[code]
        share = {"holds": "all of it inside", "contradicted": "none of it inside"}.get(verdict,
                                                                                      "part of it inside, part outside")
        return ClaimResult(event.id, index, "direction", claim.direction, round(bearing, 1), "degrees", None, verdict,
                           f"{lies}: {share}: {verdict}", low, high)

    def _reaches(self, event: Event, index: int, claim: ReachesClaim, shape: Shape) -> ClaimResult:
        code = geo.country_named(claim.reaches)
        limit_m = claim.tolerance.to("m") if claim.tolerance else DEFAULT_REACH_M
        if code is None or not shape.testable:
            why = (f"{claim.reaches!r} is not one of the countries shipped ({', '.join(geo.countries())})"
                   if code is None else shape.untestable)
            return ClaimResult(event.id, index, "reaches", claim.reaches, None, "km", None, "unverifiable",
                               f"claims the event reaches {claim.reaches}, but {why}")
        geometry = shape.geometry
        assert geometry is not None
        inside = geo.countries_of(geometry)
        neighbours = [c for c in geo.countries() if c != code] if code in inside else [c for c in inside if c != code]
        lines = [geo.border(code, c) for c in neighbours]
        line = geo.union(lines) if lines else None
        if line is None or line.is_empty:
            return ClaimResult(event.id, index, "reaches", claim.reaches, None, "km", None, "contradicted",
                               f"claims the event reaches {claim.reaches}, but it lies in no country bordering it")
        metres = distance_between(shape, line)
        low, high = (float(v) / 1000 for v in evidence.distance_interval(metres, shape.radius))
        partial = shape.basis == "reconstructed"  # a lower bound on the extent: the whole may come nearer
        if partial:
            low = 0.0
        interval = (round(low, 3), round(high, 3)) if shape.radius or partial else (None, None)
        said = f"claims the event reaches {claim.reaches}"
        drawn = shape.anchors if shape.anchor_kind in ("hull", "polygon") else None
        if metres <= limit_m and drawn is not None and any(
                geo.distance_to(lat, lon, line) <= limit_m for lat, lon in drawn):
            circular = (f"{ANCHOR_WORDS[shape.anchor_kind][0]} lies within {limit_m / 1000:g} km of the border "
                        "(the area was drawn to it)")
            return ClaimResult(event.id, index, "reaches", claim.reaches, round(metres / 1000, 3), "km", None,
                               "undetermined", circular_words(said, circular), *interval)
        verdict = VERDICTS[int(evidence.decide_within(low, high, limit_m / 1000))]
        if shape.radius:
            comes = (f"the event, located only to within {shape.radius / 1000:g} km (precision 2), comes within "
                     f"{low:,.1f}–{high:,.1f} km of the border")
        elif partial:
            comes = (f"the reconstruction, a lower bound on the event's extent, comes within {metres / 1000:,.1f} km "
                     f"of the border, so the event comes within {low:,.1f}–{high:,.1f} km of it")
        else:
            comes = f"it comes within {metres / 1000:,.1f} km of the border"
        tail = ": undetermined, the range straddles the limit" if verdict == "undetermined" else f": {verdict}"
        return ClaimResult(event.id, index, "reaches", claim.reaches, round(metres / 1000, 3), "km", None, verdict,
                           f"{said}; {comes} (tolerance {limit_m / 1000:g} km){tail}", *interval)

    def _inside(self, event: Event, index: int, claim: InsideClaim, shape: Shape) -> ClaimResult:
        other = self.events.get(claim.inside)
        circular = None
        if other is not None:
            other_shape = self.shape(other.id)
            target = other_shape.area if other_shape else None
            label = f"the area of {claim.inside}"
            if other_shape is not None and shape.area is None and shape.point is not None:
                anchor = anchor_at(other_shape, *shape.point)
                if anchor is not None:
                    circular = "the event is located on " + ANCHOR_WORDS[anchor][1].format(claim.inside)
        else:
            code = geo.country_named(claim.inside)
            target = geo.countries()[code][1] if code else None
            label = geo.countries()[code][0] if code else claim.inside
        geometry = shape.geometry
        said = f"claims the event lies inside {label}"
        if target is None or geometry is None or not shape.testable:
            why = (shape.untestable if target is not None
                   else f"{label} is neither a record with an area nor a shipped country")
            return ClaimResult(event.id, index, "inside", claim.inside, None, None, None, "unverifiable",
                               f"{said}, but {why}")
        interval: tuple[float | None, float | None] = (None, None)
        if geometry.geom_type == "Point":
            share = 1.0 if target.covers(geometry) else 0.0
            if shape.radius:
                edge = geo.distance_to(geometry.y, geometry.x, target.boundary)
                clear = edge >= shape.radius
                interval = (share, share) if clear else (0.0, 1.0)
        else:
            share = geo.geodesic_area(geometry.intersection(target)) / max(geo.geodesic_area(geometry), 1e-9)
        if circular:
            return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None,
                               "undetermined", circular_words(said, circular), *interval)
        if shape.basis == "reconstructed":
            return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None,
                               "undetermined",
                               f"{said}; {share:.0%} of the reconstruction does, but it is only a lower bound on the "
                               "event's extent, the rest of which may lie inside or outside: undetermined", 0.0, 1.0)
        if interval[0] is not None and interval[0] != interval[1]:
            return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None,
                               "undetermined",
                               f"{said}; its point {'is' if share else 'is not'}, but the event, located only to "
                               f"within {shape.radius / 1000:g} km (precision 2), may lie on either side of the "
                               f"edge ({edge / 1000:,.1f} km from the point): undetermined", *interval)
        verdict = "holds" if share >= INSIDE_SHARE else "contradicted"
        whole = ""
        if shape.radius:
            whole = (f", nor any point within {shape.radius / 1000:g} km of it" if verdict == "contradicted"
                     else f", and so does every point within {shape.radius / 1000:g} km of it")
        return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None, verdict,
                           f"{said}; {share:.0%} of it does{whole}: {verdict}", *interval)
