"""Area claims checked against assessed gains: a ``total_area`` claim of an actor over a window gets
one verdict per assessor whose layers cover the window; without such layers it keeps the verdict
the records give (a lower bound).

The assessed net gain bounds the claim both ways, so the verdict is ``consistent`` within the
claim's tolerance (default 1.25×), else ``overstated`` or ``understated``. Where the window's ends
fall between layers, the gain over the window lies between the net gain of the layers inside it and
that of the layers around it; the verdict is then the ratio rule over that range (``undetermined``
when the claim is consistent with one end and not the other).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..claims import DEFAULT_RATIO, FAILING, CheckReport, ClaimResult, verdicts
from ..claims.explain import ratio_words
from ..geo.evidence import ratio_code
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
        grade = f" ({series.reliability})" if series.reliability else ""
        inner, outer = _bracket(series, claim.since, until)
        if inner[0] == outer[0]:
            verdict, ratio = verdicts.ratio_verdict(claimed, net, tolerance)
            change = "gain" if net >= 0 else "loss"
            explanation = (f"claims {claimed:,.0f} km² from {claim.since} to {until}; {series.assessor}{grade} "
                           f"assessed a net {change} of {abs(net):,.0f} km² (layers of {gain.since_layer.date} and "
                           f"{gain.until_layer.date}), " + (ratio_words(verdict, ratio, tolerance) if ratio is not None
                                                             else "overstated: the assessed layers show no gain"))
            found.append(replace(result, claimed=claimed, measured=net, unit="km²", ratio=ratio, verdict=verdict,
                                 explanation=explanation, measured_low=None, measured_high=None,
                                 assessor=series.assessor))
            continue
        low, high = sorted((inner[0], outer[0]))
        verdict = verdicts.VERDICTS[ratio_code(claimed, low, high, tolerance)]
        ends = [verdicts.ratio_verdict(claimed, end[0], tolerance)[0] for end in (inner, outer)]
        reason = (f"the claim reads {ends[0]} on the one and {ends[1]} on the other, so the layers cannot decide "
                  "it: undetermined" if verdict == "undetermined" else f"the claim is {verdict} on both")
        explanation = (f"claims {claimed:,.0f} km² from {claim.since} to {until}; {series.assessor}{grade} assessed "
                       f"{_change(inner[0])} {inner[1]} and {_change(outer[0])} between those around it "
                       f"({outer[1]}); {reason}")
        ratio = claimed / net if verdict != "undetermined" and net > 0 else None
        found.append(replace(result, claimed=claimed, measured=net, unit="km²", ratio=ratio, verdict=verdict,
                             explanation=explanation, measured_low=low, measured_high=high,
                             assessor=series.assessor))
    return found


def _change(net: float) -> str:
    return f"a net {'loss' if net < 0 else 'gain'} of {abs(net):,.0f} km²"


def _bracket(series: Series, since: dt.date, until: dt.date) -> tuple[tuple[float, str], tuple[float, str]]:
    """The net gain in km² of the layers inside ``since .. until`` (the first on or after ``since``
    to the last on or before ``until``; none when fewer than one falls inside) and of the layers
    around it (the last on or before ``since`` to the first on or after ``until``), each with the
    words that name its layers. The series covers the window (:func:`covers`)."""
    first = bisect.bisect_left(series.dates, since)
    last = bisect.bisect_right(series.dates, until) - 1
    after = bisect.bisect_left(series.dates, until)
    before = bisect.bisect_right(series.dates, since) - 1
    outer = gains_between(series, series.dates[before], series.dates[after])
    outer_net = outer.net_m2 / 1e6
    outer_words = f"{series.dates[before]} and {series.dates[after]}"
    if first > last:
        return (0.0, "inside the window (none of its layers falls in it)"), (outer_net, outer_words)
    inner = gains_between(series, series.dates[first], series.dates[last])
    return ((inner.net_m2 / 1e6, f"between its layers inside the window ({series.dates[first]} and "
                                 f"{series.dates[last]})"), (outer_net, outer_words))


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
