"""Area claims checked against assessed gains: a ``total_area`` claim of an actor over a window gets
one verdict per assessor whose layers cover the window; without such layers it keeps the verdict
the records give (a lower bound).

The assessed net gain bounds the claim both ways, so the verdict is ``consistent`` within the
claim's tolerance (default 1.25×), else ``overstated`` or ``understated``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..claims import DEFAULT_RATIO, FAILING, CheckReport, ClaimResult, verdicts
from ..claims.explain import ratio_words
from ..records.model import Event, TotalAreaClaim
from .gains import gains_between
from .layers import Series, load_series


def covers(series: Series, since: dt.date, until: dt.date) -> bool:
    """True when the series has a layer on or before ``since`` and one on or after ``until``."""
    return bool(series.layers) and series.layers[0].date <= since and series.layers[-1].date >= until


def assessed(result: ClaimResult, event: Event, control: str | Path) -> list[ClaimResult]:
    """The verdicts on one claim, one per assessor whose layers in ``control`` cover its window;
    empty when the claim is not a ``total_area`` claim or no layers cover it."""
    claim = event.claims[result.index]
    if not isinstance(claim, TotalAreaClaim):
        return []
    until = claim.until or event.end
    found = []
    for series in load_series(control, actor=claim.actor):
        if not covers(series, claim.since, until):
            continue
        gain = gains_between(series, claim.since, until)
        claimed = claim.total_area.to("km^2")
        net = gain.net_m2 / 1e6
        tolerance = claim.tolerance or DEFAULT_RATIO
        verdict, ratio = verdicts.ratio_verdict(claimed, net, tolerance)
        grade = f" ({series.reliability})" if series.reliability else ""
        change = "gain" if net >= 0 else "loss"
        explanation = (f"claims {claimed:,.0f} km² from {claim.since} to {until}; {series.assessor}{grade} assessed "
                       f"a net {change} of {abs(net):,.0f} km² (layers of {gain.since_layer.date} and "
                       f"{gain.until_layer.date}), " + (ratio_words(verdict, ratio, tolerance) if ratio is not None
                                                         else "overstated: the assessed layers show no gain"))
        found.append(replace(result, claimed=claimed, measured=net, unit="km²", ratio=ratio, verdict=verdict,
                             explanation=explanation, measured_low=None, measured_high=None,
                             assessor=series.assessor))
    return found


def with_assessments(results: Sequence[ClaimResult], events: Iterable[Event],
                     control: str | Path) -> list[ClaimResult]:
    """``results`` with each claim that assessed layers in ``control`` cover replaced by one result
    per assessor (in the claim's place); the others as they were."""
    by_id = {event.id: event for event in events}
    out: list[ClaimResult] = []
    for result in results:
        event = by_id.get(result.event)
        replaced = assessed(result, event, control) if event is not None else []
        out.extend(replaced or [result])
    return out


def summary(results: Sequence[ClaimResult]) -> str:
    """'3 claims: 1 consistent, ...', in the order of the verdicts.

    >>> summary([])
    '0 claims'
    """
    return verdicts.summary(verdicts.codes_of(r.verdict for r in results))


def outcome(report: CheckReport, events: Iterable[Event], control: str | Path) -> tuple[list[ClaimResult], str, bool]:
    """The results of ``report`` with the assessed verdicts where layers in ``control`` (if it is a
    folder) cover a claim, their summary line, and whether any failed."""
    if not Path(control).is_dir():
        return report.results, report.summary(), report.failed
    results = with_assessments(report.results, events, control)
    return results, summary(results), any(r.verdict in FAILING for r in results)
