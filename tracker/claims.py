"""Checking what reports claim against geodesic geometry: ``tracker check``.

Each claim of each record gets a :class:`ClaimResult`: what was claimed, what the geometry measures,
their ratio, a verdict and one sentence that explains it.

Verdicts and their default tolerances (a claim's own ``tolerance:`` overrides them):

=====================  ===========================================================  =================
kind                   verdict                                                      default tolerance
=====================  ===========================================================  =================
area, total_area       ``consistent`` when claimed/measured is within the tolerance  1.25×
                       either way, else ``overstated`` or ``understated``;
                       ``impossible`` when the claim exceeds the whole area of the
                       country (or countries) the event lies in
distance ``about``     as for areas                                                 1.25×
distance ``within``    ``holds`` when measured <= claimed × tolerance               1 (none)
direction              ``holds`` when the bearing lies in the compass word's        ±45° for n/e/s/w,
                       sector                                                       ±22.5° for ne...,
                                                                                    ±11.25° for nne...
reaches                ``holds`` when the event comes within the tolerance of the    10 km
                       border with that country
inside                 ``holds`` when the event lies in the other event's area or   —
                       the country (areas: 99 % of them)
count                  always ``unverifiable``: not geometric                       —
=====================  ===========================================================  =================

A claim is ``unverifiable`` when there is no geometry to test: no area drawn for an area claim, no
area recorded for an actor over a window, or a location known only as a region (``precision: 3``)
for a distance, direction or border claim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from . import geometry as geo
from .collection import no_garbage_collection
from .errors import GeometryError, Problem
from .io import position as source_position
from .model import (
    AreaClaim,
    Claim,
    Coordinates,
    CountClaim,
    DirectionClaim,
    DistanceClaim,
    Event,
    InsideClaim,
    ReachesClaim,
    TotalAreaClaim,
)
from .places import Resolution, resolve_places
from .quantity import Quantity, registry

if TYPE_CHECKING:
    from gazetteer import Gazetteer

    from .collection import EventCollection

DEFAULT_RATIO = 1.25
DEFAULT_REACH_M = 10_000.0
INSIDE_SHARE = 0.99
VERDICTS = ("consistent", "overstated", "understated", "impossible", "holds", "contradicted", "unverifiable")
_VERDICT_WORDS = np.array(VERDICTS, dtype=object)
_CODE = {verdict: code for code, verdict in enumerate(VERDICTS)}
#: The verdicts that make ``tracker check --strict`` fail.
FAILING = frozenset({"overstated", "understated", "contradicted", "impossible"})
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
        """True when any claim is overstated, understated, contradicted or impossible."""
        return bool(np.isin(self.codes, [VERDICTS.index(v) for v in FAILING]).any())


@dataclass(frozen=True)
class Shape:
    """Where an event is: its point (lat, lon), its area, and whether the point is only a region."""

    point: tuple[float, float] | None
    area: BaseGeometry | None
    regional: bool

    @property
    def geometry(self) -> BaseGeometry | None:
        if self.area is not None:
            return self.area
        return Point(self.point[1], self.point[0]) if self.point else None

    @property
    def testable(self) -> bool:
        """Whether distances and bearings from it mean anything (an area, or a point not a region)."""
        return self.area is not None or (self.point is not None and not self.regional)


def check_claims(events: EventCollection, gazetteer: Gazetteer | None = None) -> CheckReport:
    """Check every claim of ``events``; a record naming a place that cannot be resolved is reported
    as a problem and its claims are left out, the others are checked.

    Distances and bearings between points given as coordinates (most of a large claim set) are
    measured in one pyproj call each, over columns each record derived when it was built; the other
    claims, which need areas or the gazetteer, are measured one by one.
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
    for event in events:
        claim_count = len(event.claims)
        if not claim_count or event.id in checker.unresolved:
            continue
        if event.area is not None and checker.shape(event.id) is None:
            continue  # its area cannot be drawn: reported among the problems
        checked.append(event)
        start = total
        total += claim_count
        derived = event.point_claims.value
        columns = derived.columns
        batched: frozenset[int] = frozenset()
        if derived.complete:
            batches.append(columns)
            starts.append(start)
            origins.append(derived.origin)
            continue
        if columns is not None and event.area is None and event.precision != 3:
            batches.append(columns)
            starts.append(start)
            origins.append(checker.point(event))
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
        _measure_batch(batches, starts, origins, measured, codes)
    return CheckReport(checker, checked, measured, codes, done, checker.problems)


def _measure_batch(batches: list[Any], starts: list[int], origins: list[tuple[float, float]],
                   measured: np.ndarray, codes: np.ndarray) -> None:
    """Measure the point claims of many records at once and write their verdicts' codes in place."""
    rows = np.concatenate(batches)
    counts = [len(batch) for batch in batches]
    kind, lat, lon, a, b, within_flag, tolerance_column = range(1, 8)  # columns 1-7 of POINT_CLAIM_FIELDS
    position = np.repeat(np.asarray(starts), counts) + rows[:, 0].astype(int)
    here = np.repeat(np.asarray(origins, dtype=float).reshape(-1, 2), counts, axis=0)
    distance = rows[:, kind] == 0
    every = bool(distance.all())
    if every or distance.any():
        part, start = (rows, here) if every else (rows[distance], here[distance])
        value = geo.distances(start[:, 0], start[:, 1], part[:, lat], part[:, lon]) / part[:, b]
        claimed, tolerance = part[:, a], part[:, tolerance_column]
        ratio = np.divide(claimed, value, out=np.full_like(value, np.inf), where=value > 0)
        about_tol = np.where(tolerance > 0, tolerance, DEFAULT_RATIO)
        about = np.where(ratio > about_tol, _CODE["overstated"],
                         np.where(ratio < 1 / about_tol, _CODE["understated"], _CODE["consistent"]))
        within = np.where(value <= claimed * np.where(tolerance > 0, tolerance, 1.0), _CODE["holds"],
                          _CODE["contradicted"])
        at = position if every else position[distance]
        codes[at] = np.where(part[:, within_flag] > 0, within, about)
        measured[at] = value
    bearing_rows = ~distance
    if not every and bearing_rows.any():
        part = rows[bearing_rows]
        bearing = geo.bearings(part[:, lat], part[:, lon], here[bearing_rows, 0], here[bearing_rows, 1])
        off = np.abs((bearing - part[:, a] + 180) % 360 - 180)
        codes[position[bearing_rows]] = np.where(off <= part[:, b], _CODE["holds"], _CODE["contradicted"])
        measured[position[bearing_rows]] = np.round(bearing, 1)


def _place(value: Any, event: Event, path: tuple[str | int, ...], resolution: Resolution) -> tuple[float, float]:
    if isinstance(value, Coordinates):
        return (value.lat, value.lon)
    place = resolution[event.id, path].place
    assert place is not None  # unresolved events are left out before
    return (place.latitude, place.longitude)


def _shape(event: Event, events: EventCollection, resolution: Resolution) -> Shape:
    point = _place(event.location, event, ("location",), resolution)
    area = None
    if event.area is not None:
        where = f"{events.origin(event.id).file}: area"
        if event.area.hull is not None:
            area = geo.hull([_place(p, event, ("area", "hull", i), resolution) for i, p in enumerate(event.area.hull)])
        elif event.area.circle is not None:
            lat, lon = _place(event.area.circle.center, event, ("area", "circle", "center"), resolution)
            area = geo.geodesic_circle(lat, lon, event.area.circle.radius.to("m"))
        elif event.area.polygon is not None:
            area = geo.polygon(event.area.polygon_array.value, where)
        elif event.area.geojson is not None:
            area = geo.read_geojson(Path(events.origin(event.id).file).parent / event.area.geojson)
        if area is not None and area.geom_type not in ("Polygon", "MultiPolygon"):
            area = None  # a hull of places in a line has no surface
    return Shape(point, area, event.precision == 3)


@cache
def _symbol(unit: str) -> str:
    return f"{registry().Unit(unit):~P}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def _in(quantity: Quantity, si_value: float) -> float:
    """A value in SI units expressed in the quantity's own unit."""
    return si_value / quantity.si_factor


def _ratio_verdict(claimed: float, measured: float, tolerance: float) -> tuple[str, float | None]:
    if measured <= 0:
        return "overstated", None
    ratio = claimed / measured
    if ratio > tolerance:
        return "overstated", ratio
    if ratio < 1 / tolerance:
        return "understated", ratio
    return "consistent", ratio


def _ratio_words(verdict: str, ratio: float | None, tolerance: float) -> str:
    if ratio is None:
        return "overstated: nothing was measured"
    if verdict == "consistent":
        return f"the two agree within the {tolerance:g}× tolerance: consistent"
    bigger = ratio if ratio >= 1 else 1 / ratio
    side = "larger" if ratio >= 1 else "smaller"
    return f"so the claim is {bigger:.2f}× {side}: {verdict} beyond the {tolerance:g}× tolerance"


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
                self._shapes[event_id] = _shape(event, self.events, self.resolution)
            except GeometryError as error:  # an area that cannot be drawn: the record is reported
                origin = self.events.origin(event_id)
                line, column = source_position(origin, ["area"], key=True)
                self.problems.append(Problem(origin.file, line, column, "area", str(error)))
                self.unresolved.add(event_id)
                return None
        return self._shapes[event_id]

    def point(self, event: Event) -> tuple[float, float]:
        """The event's own point, (lat, lon)."""
        return _place(event.location, event, ("location",), self.resolution)

    def result(self, event: Event, index: int, claim: Claim) -> ClaimResult:
        """The result of one claim, with its sentence."""
        shape = self.shape(event.id)
        assert shape is not None
        if isinstance(claim, AreaClaim):
            return self._area(event, index, claim.area, claim.tolerance, shape.area, "the drawn area")
        if isinstance(claim, TotalAreaClaim):
            until = claim.until or event.end
            areas = [self.shape(e.id).area for e in self._actor_events(claim.actor, claim.since, until)]  # type: ignore[union-attr]
            found = [a for a in areas if a is not None]
            what = f"the union of {claim.actor}'s {len(found)} recorded area(s) from {claim.since} to {until}"
            return self._area(event, index, claim.total_area, claim.tolerance, geo.union(found) if found else None,
                              what, kind="total_area")
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
        wanted = actor.casefold()
        for other in self.events:
            by_actor = any(a.name.casefold() == wanted for a in other.actors)
            if by_actor and other.start <= until and other.end >= since and self.shape(other.id) is not None:
                yield other

    def _area(self, event: Event, index: int, claimed: Quantity, tolerance: float | None,
              area: BaseGeometry | None, what: str, kind: str = "area") -> ClaimResult:
        unit = _symbol(claimed.unit)
        claimed_text = f"{_number(claimed.value)} {unit}"
        if area is None or area.is_empty:
            reason = "the record draws no area" if kind == "area" else f"no area is recorded for it ({what})"
            return ClaimResult(event.id, index, kind, claimed.value, None, unit, None, "unverifiable",
                               f"claims {claimed_text}, but {reason}, so nothing can be measured")
        measured = _in(claimed, geo.geodesic_area(area))
        claimed_si = claimed.value * claimed.si_factor
        codes = geo.countries_of(area) if claimed_si > geo.smallest_country_area() else []
        limit = sum(geo.country_area(code) for code in codes)
        if codes and claimed_si > limit:
            names = " and ".join(geo.countries()[c][0] for c in codes)
            return ClaimResult(
                event.id, index, kind, claimed.value, measured, unit, claimed.value / measured if measured else None,
                "impossible",
                f"claims {claimed_text}, more than the whole of {names} ({_number(_in(claimed, limit))} {unit}), "
                "where the event lies: impossible",
            )
        tol = tolerance or DEFAULT_RATIO
        verdict, ratio = _ratio_verdict(claimed.value, measured, tol)
        return ClaimResult(event.id, index, kind, claimed.value, measured, unit, ratio, verdict,
                           f"claims {claimed_text}; {what} measures {_number(measured)} {unit}, "
                           + _ratio_words(verdict, ratio, tol))

    def _target(self, event: Event, index: int, to: Any, key: str) -> tuple[BaseGeometry | None, str]:
        """The geometry a claim measures to: another event's area by id, else a place."""
        if isinstance(to, str) and to == event.id:
            return None, "itself"
        if isinstance(to, str) and self.events.get(to) is not None:
            other = self.shape(to)
            if other is None or not other.testable:
                return None, f"{to} (whose location is only a region, or unknown)"
            return other.geometry, (f"the area of {to}" if other.area is not None else to)
        lat, lon = _place(to, event, ("claims", index, key), self.resolution)
        label = to if isinstance(to, str) else f"{lat}, {lon}"
        match = self.resolution.matches.get((event.id, ("claims", index, key)))
        if match is not None and match.place is not None:
            label = match.place.name
        return Point(lon, lat), label

    def _distance(self, event: Event, index: int, claim: DistanceClaim, shape: Shape) -> ClaimResult:
        unit = _symbol(claim.distance.unit)
        claimed_text = f"{_number(claim.distance.value)} {unit}"
        if unit != "km":
            claimed_text += f" ({_number(claim.distance.to('km'))} km)"
        target, label = self._target(event, index, claim.to, "to")
        if not shape.testable or target is None:
            why = ("the record's location is only its region (precision 3)" if target is not None
                   else "a record cannot be measured from itself" if label == "itself"
                   else f"{label} has no geometry to measure to")
            return ClaimResult(event.id, index, "distance", claim.distance.value, None, unit, None, "unverifiable",
                               f"claims {claim.relation} {claimed_text} of {label}, but {why}, so no distance "
                               "can be measured")
        metres = _distance_between(shape, target)
        measured = _in(claim.distance, metres)
        if claim.relation == "within":
            tol = claim.tolerance or 1.0
            verdict = "holds" if measured <= claim.distance.value * tol else "contradicted"
            ratio = claim.distance.value / measured if measured else None
            return ClaimResult(event.id, index, "distance", claim.distance.value, measured, unit, ratio, verdict,
                               f"claims within {claimed_text} of {label}; the event is {_number(measured)} {unit} "
                               f"from it: {verdict}")
        tol = claim.tolerance or DEFAULT_RATIO
        verdict, ratio = _ratio_verdict(claim.distance.value, measured, tol)
        return ClaimResult(event.id, index, "distance", claim.distance.value, measured, unit, ratio, verdict,
                           f"claims about {claimed_text} from {label}; the event is {_number(measured)} {unit} "
                           f"from it, " + _ratio_words(verdict, ratio, tol))

    def _direction(self, event: Event, index: int, claim: DirectionClaim, shape: Shape) -> ClaimResult:
        origin, label = self._target(event, index, claim.of, "of")
        word = "-".join(_WORDS[letter] for letter in claim.direction)
        if not shape.testable or origin is None:
            why = ("its location is only its region (precision 3)" if origin is not None
                   else f"{label} has no point to measure from")
            return ClaimResult(event.id, index, "direction", claim.direction, None, "degrees", None, "unverifiable",
                               f"claims the event lies {word} of {label}, but {why}")
        here = shape.geometry.centroid  # type: ignore[union-attr]
        start = origin.centroid
        bearing = float(geo.bearings([start.y], [start.x], [here.y], [here.x])[0])
        centre, half = claim.sector
        off = abs((bearing - centre + 180) % 360 - 180)
        verdict = "holds" if off <= half else "contradicted"
        sector = f"{(centre - half) % 360:g}°–{(centre + half) % 360:g}°"
        return ClaimResult(event.id, index, "direction", claim.direction, round(bearing, 1), "degrees", None, verdict,
                           f"claims the event lies {word} of {label}; it lies at bearing {bearing:.0f}° from it, "
                           f"and {word} covers {sector}: {verdict}")

    def _reaches(self, event: Event, index: int, claim: ReachesClaim, shape: Shape) -> ClaimResult:
        code = geo.country_named(claim.reaches)
        limit_m = claim.tolerance.to("m") if claim.tolerance else DEFAULT_REACH_M
        if code is None or not shape.testable:
            why = (f"{claim.reaches!r} is not one of the countries shipped ({', '.join(geo.countries())})"
                   if code is None else "the record's location is only its region (precision 3)")
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
        metres = _distance_between(shape, line)
        verdict = "holds" if metres <= limit_m else "contradicted"
        return ClaimResult(event.id, index, "reaches", claim.reaches, round(metres / 1000, 3), "km", None, verdict,
                           f"claims the event reaches {claim.reaches}; it comes within {metres / 1000:,.1f} km of "
                           f"the border (tolerance {limit_m / 1000:g} km): {verdict}")

    def _inside(self, event: Event, index: int, claim: InsideClaim, shape: Shape) -> ClaimResult:
        other = self.events.get(claim.inside)
        if other is not None:
            other_shape = self.shape(other.id)
            target = other_shape.area if other_shape else None
            label = f"the area of {claim.inside}"
        else:
            code = geo.country_named(claim.inside)
            target = geo.countries()[code][1] if code else None
            label = geo.countries()[code][0] if code else claim.inside
        geometry = shape.geometry
        if target is None or geometry is None or not shape.testable:
            why = ("the record's location is only its region (precision 3)" if target is not None
                   else f"{label} is neither a record with an area nor a shipped country")
            return ClaimResult(event.id, index, "inside", claim.inside, None, None, None, "unverifiable",
                               f"claims the event lies inside {label}, but {why}")
        if geometry.geom_type == "Point":
            share = 1.0 if target.covers(geometry) else 0.0
        else:
            share = geo.geodesic_area(geometry.intersection(target)) / max(geo.geodesic_area(geometry), 1e-9)
        verdict = "holds" if share >= INSIDE_SHARE else "contradicted"
        return ClaimResult(event.id, index, "inside", claim.inside, round(share, 4), "share", None, verdict,
                           f"claims the event lies inside {label}; {share:.0%} of it does: {verdict}")


def _distance_between(shape: Shape, target: BaseGeometry) -> float:
    """Metres from an event (its area, else its point) to a geometry."""
    if shape.area is None:
        lat, lon = shape.point  # type: ignore[misc]
        return geo.distance_to(lat, lon, target)
    if shape.area.intersects(target):
        return 0.0
    if target.geom_type == "Point":
        return geo.distance_to(target.y, target.x, shape.area)
    here, there = nearest_points(shape.area, target)
    return float(geo.distances([here.y], [here.x], [there.y], [there.x])[0])
