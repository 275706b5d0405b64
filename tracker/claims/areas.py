"""Area claims: the area a record draws (``area:``) and the union of an actor's areas over a window
(``total_area:``), each measured geodesically and decided by the ratio rule
(:func:`tracker.geo.evidence.ratio_code`), or as a lower bound
(:func:`tracker.geo.evidence.lower_bound_code`).

A claim larger than the whole of the countries the area lies in is ``impossible``; for a total area,
larger than the countries the evidence puts the actor in, and ``undetermined`` when it fits with the
countries bordering them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from ..geo import evidence
from ..geo import geodesy as geo
from ..geo.shapes import Shape
from ..records.model import AreaClaim, Event, TotalAreaClaim
from ..records.quantity import Quantity
from .context import Checker
from .explain import AREA_WORDS, in_unit, number, ratio_words, symbol
from .result import ClaimResult
from .verdicts import ratio_verdict

__all__ = ["AreaCheck", "check_area", "check_total_area"]


def check_area(checker: Checker, event: Event, index: int, claim: AreaClaim, shape: Shape) -> ClaimResult:
    """The verdict on claim ``index`` of ``event``, an area claim, against the area the record draws.

    >>> from tracker import Event, EventCollection
    >>> event = Event.model_validate({
    ...     "id": "advance", "date": "2017-06-08", "title": "An advance", "type": "Battles",
    ...     "actors": ["Test Army"], "location": {"lat": 34.56, "lon": 38.28},
    ...     "area": {"circle": {"center": {"lat": 34.56, "lon": 38.28}, "radius": "20 km"}},
    ...     "claims": [{"area": "5000 km2"}, {"area": "1200 km2"}]})
    >>> checker = Checker.of(EventCollection([event]))
    >>> for index, claim in enumerate(event.claims):
    ...     print(check_area(checker, event, index, claim, checker.shape("advance")).explanation)
    claims 5,000 km²; the drawn area measures 1,257 km², so the claim is 3.98× larger: overstated beyond the
    1.25× tolerance
    claims 1,200 km²; the drawn area measures 1,257 km², the two agree within the 1.25× tolerance: consistent
    """
    if shape.region is not None:
        unit = symbol(claim.area.unit)
        return ClaimResult(event.id, index, "area", claim.area.value, None, unit, None, "unverifiable",
                           f"claims {number(claim.area.value)} {unit}, but {shape.untestable}, so it cannot be "
                           "measured")
    basis = shape.basis or evidence.DEFAULT_BASIS
    check = AreaCheck(event.id, index, "area", claim.area, claim.tolerance, AREA_WORDS[basis],
                      bound=basis == "reconstructed")
    return check.against(shape.area)


def check_total_area(checker: Checker, event: Event, index: int, claim: TotalAreaClaim, shape: Shape
                     ) -> ClaimResult:
    """The verdict on claim ``index`` of ``event``, a ``total_area`` claim, against the union of the
    actor's areas recorded wholly within the window: a lower bound.

    >>> from tracker import Event, EventCollection
    >>> advance = Event.model_validate({
    ...     "id": "advance", "date": "2017-05-10", "title": "An advance", "type": "Battles",
    ...     "actors": ["Test Army"], "location": {"lat": 34.56, "lon": 38.28},
    ...     "area": {"circle": {"center": {"lat": 34.56, "lon": 38.28}, "radius": "20 km"}}})
    >>> statement = Event.model_validate({
    ...     "id": "statement", "date": "2017-06-08", "title": "A month's gains", "type": "Strategic developments",
    ...     "actors": ["Test Army"], "location": {"lat": 34.56, "lon": 38.28},
    ...     "claims": [{"total_area": "1400 km2", "actor": "Test Army", "since": "2017-05-01"},
    ...                {"total_area": "200000 km2", "actor": "Test Army", "since": "2017-05-01"}]})
    >>> checker = Checker.of(EventCollection([advance, statement]))
    >>> for index, claim in enumerate(statement.claims):
    ...     print(check_total_area(checker, statement, index, claim, checker.shape("statement")).explanation)
    claims 1,400 km²; the union of Test Army's 1 area(s) recorded wholly within 2017-05-01 to 2017-06-08 covers
    at least 1,257 km² (the records are never complete: a lower bound), and the claim is within the 1.25×
    tolerance of it: consistent
    claims 200,000 km², more than the whole of Syria (185,939 km²), where the records put the actor, but not more
    than those with the countries bordering it (...), where the rest may lie: undetermined
    """
    until = claim.until or event.end
    areas = [checker.shape(e.id) for e in checker.actor_events(claim.actor, claim.since, until)]
    found = [a.area for a in areas
             if a is not None and a.area is not None and a.basis != "reference" and a.region is None]
    what = f"the union of {claim.actor}'s {len(found)} area(s) recorded wholly within {claim.since} to {until}"
    union = geo.union(found) if found else None
    check = AreaCheck(event.id, index, "total_area", claim.total_area, claim.tolerance, what, bound=True,
                      bounding=checker.bounding(event, claim.actor))
    return check.against(union)


@dataclass(slots=True)  # made for every claim: slots make it quick to build
class AreaCheck:
    """An amount of area claimed, to be measured against an area: what is claimed (``claimed``, with
    its ``tolerance``), how explanations call the area (``what``), whether the area is only a lower
    bound (``bound``), and the countries the evidence puts the actor in (``bounding``; ``None``: those
    the area lies in).

    >>> from tracker.records.quantity import parse_quantity
    >>> from tracker.geo.geodesy import geodesic_circle
    >>> check = AreaCheck("advance", 0, "area", parse_quantity("200000 km2"), None, "the drawn area")
    >>> print(check.against(geodesic_circle(34.56, 38.28, 20_000.0)).explanation)
    claims 200,000 km², more than the whole of Syria (185,939 km²), where the event lies: impossible
    """

    event: str
    index: int
    kind: str
    claimed: Quantity
    tolerance: float | None
    what: str
    bound: bool = False
    bounding: list[str] | None = None
    #: The claim's unit, as explanations write it, and the claim in words.
    _unit: str = field(init=False)
    _claimed_text: str = field(init=False)

    def __post_init__(self) -> None:
        self._unit = symbol(self.claimed.unit)
        self._claimed_text = f"{number(self.claimed.value)} {self._unit}"

    def against(self, area: BaseGeometry | None) -> ClaimResult:
        """The verdict of the claim measured against ``area`` (``None``: no area to measure).

        >>> from tracker.records.quantity import parse_quantity
        >>> from tracker.geo.geodesy import geodesic_circle
        >>> bound = AreaCheck("advance", 0, "area", parse_quantity("2000 km2"), None, "the reconstruction", bound=True)
        >>> print(bound.against(geodesic_circle(34.56, 38.28, 20_000.0)).explanation)
        claims 2,000 km²; the reconstruction covers at least 1,257 km², 63% of the claim; it neither confirms nor
        contradicts the rest: undetermined
        >>> bound.against(None).verdict
        'unverifiable'
        """
        if area is None or area.is_empty:
            return self._nothing_to_measure()
        measured = in_unit(self.claimed, geo.geodesic_area(area))
        too_large = self._beyond_countries(area, measured)
        if too_large is not None:
            return too_large
        if self.bound:
            return self._against_lower_bound(measured)
        return self._against_measured(measured)

    def _result(self, measured: float | None, ratio: float | None, verdict: str, words: str) -> ClaimResult:
        low = measured if self.bound else None
        return ClaimResult(self.event, self.index, self.kind, self.claimed.value, measured, self._unit, ratio,
                           verdict, words, low)

    def _nothing_to_measure(self) -> ClaimResult:
        reason = "the record draws no area" if self.kind == "area" else f"no area is recorded for it ({self.what})"
        return ClaimResult(self.event, self.index, self.kind, self.claimed.value, None, self._unit, None,
                           "unverifiable", f"claims {self._claimed_text}, but {reason}, so nothing can be measured")

    def _beyond_countries(self, area: BaseGeometry, measured: float) -> ClaimResult | None:
        """``impossible`` (or ``undetermined``) when the claim exceeds the whole of the countries the
        area lies in, or the evidence puts the actor in; ``None`` when it does not."""
        claimed_si = self.claimed.value * self.claimed.si_factor
        codes: list[str] = []
        if claimed_si > geo.smallest_country_area():
            codes = geo.countries_of(area) if self.bounding is None else self.bounding
        limit = sum(geo.country_area(code) for code in codes)
        names = " and ".join(geo.countries()[c][0] for c in codes)
        near = geo.neighbours(codes) if self.bounding is not None and claimed_si > limit else []
        if near:
            return self._beyond_neighbours(measured, codes, near, limit, names)
        if codes and claimed_si > limit:
            return self._result(
                measured, self.claimed.value / measured if measured else None, "impossible",
                f"claims {self._claimed_text}, more than the whole of {names} "
                f"({number(in_unit(self.claimed, limit))} {self._unit}), where the event lies: impossible")
        return None

    def _beyond_neighbours(self, measured: float, codes: list[str], near: list[str], limit: float,
                           names: str) -> ClaimResult:
        """A claim beyond the countries the records put the actor in: ``undetermined`` when the
        countries bordering them have room for the rest, else ``impossible``."""
        wider = limit + sum(geo.country_area(code) for code in near)
        is_more = f"claims {self._claimed_text}, more than the whole of {names}"
        them = "them" if len(codes) > 1 else "it"
        wider_text = f"{number(in_unit(self.claimed, wider))} {self._unit}"
        if self.claimed.value * self.claimed.si_factor <= wider:
            return self._result(
                measured, self.claimed.value / measured, "undetermined",
                f"{is_more} ({number(in_unit(self.claimed, limit))} {self._unit}), where the records put the actor, "
                f"but not more than those with the countries bordering {them} ({wider_text}), where the rest may "
                "lie: undetermined")
        return self._result(
            measured, self.claimed.value / measured, "impossible",
            f"{is_more} and the countries bordering {them}, {', '.join(geo.countries()[c][0] for c in near)} "
            f"({wider_text}), where the records put the actor and the rest may lie: impossible")

    def _against_measured(self, measured: float) -> ClaimResult:
        """The ratio rule against an area that bounds the claim both ways."""
        tol = self.tolerance or evidence.DEFAULT_RATIO
        verdict, ratio = ratio_verdict(self.claimed.value, measured, tol)
        return self._result(measured, ratio, verdict,
                            f"claims {self._claimed_text}; {self.what} measures {number(measured)} {self._unit}, "
                            + ratio_words(verdict, ratio, tol))

    def _against_lower_bound(self, measured: float) -> ClaimResult:
        """The lower-bound rule: a claim above the area is not contradicted by it."""
        tol = self.tolerance or evidence.DEFAULT_RATIO
        verdict = evidence.VERDICTS[evidence.lower_bound_code(self.claimed.value, measured, tol)]
        ratio = self.claimed.value / measured if measured > 0 else None
        covers = f"claims {self._claimed_text}; {self.what} covers at least {number(measured)} {self._unit}"
        if self.kind == "total_area":
            covers += " (the records are never complete: a lower bound)"
        if verdict == "undetermined":
            words = (f"{covers}, {measured / self.claimed.value:.0%} of the claim; it neither confirms nor "
                     "contradicts the rest: undetermined")
        elif verdict == "consistent":
            words = f"{covers}, and the claim is within the {tol:g}× tolerance of it: consistent"
        else:
            words = f"{covers}, " + ratio_words(verdict, ratio, tol)
        return self._result(measured, ratio, verdict, words)
