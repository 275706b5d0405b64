"""Each kind of claim and the function that checks one claim of it: :func:`check_one`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..geo.shapes import Shape
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
from .areas import check_area, check_total_area
from .context import Checker
from .directions import check_direction
from .distances import check_distance
from .inside import check_inside
from .reaches import check_reaches
from .result import ClaimResult

__all__ = ["CHECKS", "check_count", "check_one"]


def check_count(checker: Checker, event: Event, index: int, claim: CountClaim, shape: Shape) -> ClaimResult:
    """A count is not geometric: kept as reported and ``unverifiable``.

    >>> from tracker.records.model import CountClaim
    >>> from tracker import load_events
    >>> events = load_events("events")
    >>> event = events.get("isis-4000-fighters-head-to-palmyra")
    >>> checker = Checker.of(events)
    >>> check_count(checker, event, 0, CountClaim(count=4000, of="fighters"), checker.shape(event.id)).explanation
    'a count (4,000 fighters) is not geometric: kept as reported, not checked'
    """
    what = f"{claim.count:,}" + (f" {claim.of}" if claim.of else "")
    return ClaimResult(event.id, index, "count", claim.count, None, claim.of, None, "unverifiable",
                       f"a count ({what}) is not geometric: kept as reported, not checked")


#: The function that checks a claim of each kind.
CHECKS: dict[type[Claim], Callable[[Checker, Event, int, Any, Shape], ClaimResult]] = {
    AreaClaim: check_area,
    TotalAreaClaim: check_total_area,
    DistanceClaim: check_distance,
    DirectionClaim: check_direction,
    ReachesClaim: check_reaches,
    InsideClaim: check_inside,
    CountClaim: check_count,
}


def check_one(checker: Checker, event: Event, index: int, claim: Claim) -> ClaimResult:
    """The result of claim ``index`` of ``event``, with its sentence (and the gain the claim names).

    >>> from tracker import load_events
    >>> events = load_events("events")
    >>> event = events.get("sohr-army-at-iraqi-border-north-of-al-tanf")
    >>> checker = Checker.of(events)
    >>> [(r.kind, r.verdict) for r in (check_one(checker, event, i, c) for i, c in enumerate(event.claims))]
    [('reaches', 'undetermined'), ('distance', 'undetermined')]
    """
    shape = checker.shape(event.id)
    assert shape is not None
    result = CHECKS[type(claim)](checker, event, index, claim, shape)
    gain = getattr(claim, "gain", None)  # the gain an area claim names, carried to the report
    return result if gain is None else replace(result, gain=gain)
