"""Distance claims (``distance:`` ``to:`` a place or a record): ``within`` holds when every distance the
event may lie at is at most the claim (× its tolerance, 1 by default); ``about`` is decided by the
ratio rule over the whole interval of distances (tolerance 1.25× by default).

An event located at ``precision: 2`` lies within 10 km of its point, and a reconstruction is only a
lower bound on the event's extent (the whole may come nearer): both make the distance an interval,
and a verdict is given only when the whole interval clears the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..geo import evidence
from ..geo.shapes import Shape, distance_between
from ..records.model import DistanceClaim, Event
from .context import Checker
from .explain import circular_words, imprecise, in_unit, number, ratio_words, symbol, verdict_tail
from .result import ClaimResult

__all__ = ["check_distance"]


def check_distance(checker: Checker, event: Event, index: int, claim: DistanceClaim, shape: Shape) -> ClaimResult:
    """The verdict on claim ``index`` of ``event``, a distance claim.

    >>> from tracker import Event, EventCollection
    >>> event = Event.model_validate({
    ...     "id": "near-tadmur", "date": "2017-06-08", "title": "Troops near Tadmur", "type": "Battles",
    ...     "actors": ["Test Army"], "location": {"lat": 34.5624, "lon": 38.28402}, "precision": 2,
    ...     "claims": [{"distance": "25 km", "relation": "within", "to": {"lat": 34.83283, "lon": 38.28402}},
    ...                {"distance": "100 km", "to": {"lat": 35.10324, "lon": 38.28402}}]})
    >>> checker = Checker.of(EventCollection([event]))
    >>> for index, claim in enumerate(event.claims):
    ...     print(check_distance(checker, event, index, claim, checker.shape(event.id)).explanation)
    claims within 25 km of 34.83283, 38.28402; the event, located only to within 10 km (precision 2), is
    20–40 km from it: undetermined, the range straddles the limit
    claims about 100 km from 35.10324, 38.28402; the event, located only to within 10 km (precision 2), is
    50–70 km from it, all of it beyond the 1.25× tolerance: overstated
    """
    unit = symbol(claim.distance.unit)
    claimed_text = f"{number(claim.distance.value)} {unit}"
    if unit != "km":
        claimed_text += f" ({number(claim.distance.to('km'))} km)"
    target, label, circular = checker.target(event, index, claim.to, "to")
    if not shape.testable or target is None:
        why = (shape.untestable if target is not None
               else "a record cannot be measured from itself" if label == "itself"
               else f"{label} has no geometry to measure to")
        return ClaimResult(event.id, index, "distance", claim.distance.value, None, unit, None, "unverifiable",
                           f"claims {claim.relation} {claimed_text} of {label}, but {why}, so no distance "
                           "can be measured")
    relation = "within" if claim.relation == "within" else "about"
    said = f"claims {relation} {claimed_text} {'of' if relation == 'within' else 'from'} {label}"
    distance = _Distance.measure(event.id, index, claim, shape, distance_between(shape, target))
    if circular:
        return distance.result("undetermined", circular_words(said, circular))
    if relation == "within":
        return distance.within(said)
    return distance.about(said)


@dataclass(slots=True)  # made for every claim: slots make it quick to build
class _Distance:
    """The distance of claim ``index`` of ``event`` measured: in the claim's unit (``measured``), the
    interval it may lie in (``low`` .. ``high``), how far from its point the event may lie
    (``radius``, metres) and whether the event's geometry is only a lower bound on its extent
    (``partial``).

    >>> from tracker.records.model import DistanceClaim
    >>> from tracker.geo.shapes import Shape
    >>> claim = DistanceClaim.model_validate({"distance": "15 mi", "to": "Al-Tanf garrison"})
    >>> distance = _Distance.measure("strike", 0, claim, Shape((33.6778, 38.4119), None, False), 27_000.0)
    >>> print(distance.about("claims about 15 mi (24.1 km) from Al-Tanf garrison").explanation)
    claims about 15 mi (24.1 km) from Al-Tanf garrison; the event is 16.8 mi from it, the two agree within the
    1.25× tolerance: consistent
    """

    event: str
    index: int
    claim: DistanceClaim
    measured: float
    low: float
    high: float
    radius: float
    partial: bool

    @classmethod
    def measure(cls, event: str, index: int, claim: DistanceClaim, shape: Shape, metres: float) -> _Distance:
        """The distance ``metres`` from the event's geometry (``shape``) to what ``claim`` names, as an
        interval. See the class's example."""
        partial = shape.basis == "reconstructed"  # a lower bound on the extent: the whole may come nearer
        low_m, high_m = (float(v) for v in evidence.distance_interval(metres, shape.radius))
        low, high = in_unit(claim.distance, 0.0 if partial else low_m), in_unit(claim.distance, high_m)
        return cls(event, index, claim, in_unit(claim.distance, metres), low, high, shape.radius, partial)

    @property
    def unit(self) -> str:
        return symbol(self.claim.distance.unit)

    @property
    def ratio(self) -> float | None:
        """Claimed over measured, ``None`` where the distance is nil."""
        return self.claim.distance.value / self.measured if self.measured else None

    def result(self, verdict: str, explanation: str) -> ClaimResult:
        """The claim's result with this verdict and explanation."""
        interval = (self.low, self.high) if self.radius or self.partial else (None, None)
        return ClaimResult(self.event, self.index, "distance", self.claim.distance.value, self.measured, self.unit,
                           self.ratio, verdict, explanation, *interval)

    def where(self) -> str:
        """How far the event is from the place, in words.

        >>> from tracker.records.model import DistanceClaim
        >>> from tracker.geo.shapes import Shape
        >>> claim = DistanceClaim.model_validate({"distance": "25 km", "to": "Tadmur"})
        >>> _Distance.measure("x", 0, claim, Shape((34.0, 38.0), None, False, radius=10_000.0), 30_000.0).where()
        'the event, located only to within 10 km (precision 2), is 20–40 km from it'
        """
        unit = self.unit
        if self.radius:
            return f"{imprecise(self.radius)} is {number(self.low)}–{number(self.high)} {unit} from it"
        if self.partial:
            return (f"the reconstruction, a lower bound on the event's extent, is {number(self.measured)} {unit} "
                    f"from it, so the event is {number(self.low)}–{number(self.high)} {unit} from it")
        return f"the event is {number(self.measured)} {unit} from it"

    def within(self, said: str) -> ClaimResult:
        """The verdict on 'within the claimed distance' (× the claim's tolerance, 1 by default)."""
        limit = self.claim.distance.value * (self.claim.tolerance or 1.0)
        verdict = evidence.VERDICTS[evidence.within_code(self.low, self.high, limit)]
        return self.result(verdict, f"{said}; {self.where()}{verdict_tail(verdict, 'the limit')}")

    def about(self, said: str) -> ClaimResult:
        """The verdict on 'about the claimed distance', by the ratio rule over the interval."""
        tol = self.claim.tolerance or evidence.DEFAULT_RATIO
        verdict = evidence.VERDICTS[evidence.ratio_code(self.claim.distance.value, self.low, self.high, tol)]
        if verdict == "undetermined":
            tail = verdict_tail(verdict, f"the {tol:g}× tolerance")
        elif self.radius or self.partial:
            tail = f", all of it {'within' if verdict == 'consistent' else 'beyond'} the {tol:g}× tolerance: {verdict}"
        else:
            tail = ", " + ratio_words(verdict, self.ratio, tol)
        return self.result(verdict, f"{said}; {self.where()}{tail}")
