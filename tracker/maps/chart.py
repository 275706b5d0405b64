"""Claimed against assessed, per group of claims about the same gain (see
:mod:`tracker.control.compare`): a small bar chart in inline SVG, drawn in Python, so it needs no
script and no network.

Each group has one bar per claim and one per assessor, on one scale of km² per day (the claims'
windows differ in length; the assessors' gains are over the group's whole window). A claim's bar is
coloured by its verdict: one stripe per assessor whose layers cover it, else the verdict on the
records; an assessor's bar is dark grey. Beside each bar: the area and rate, and the grade of its
sources (or of the assessor). Every piece of text passes through
:func:`~tracker.maps.markup.inert`, as an attribute value or as text between tags.

>>> chart_html([], [])
''
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .markup import inert
from .style import VERDICT_COLOURS

if TYPE_CHECKING:
    from ..claims.check import ClaimResult
    from ..control.compare import ClaimedGain, GainGroup
    from ..control.gains import Gains

#: The fill of an assessor's bar.
ASSESSED_COLOUR = "#404040"
WIDTH, ROW, BAR = 600, 20, 14
LABEL_X, BAR_X, BAR_WIDTH = 0, 165, 135
VALUE_X, GRADE_X = BAR_X + BAR_WIDTH + 6, BAR_X + BAR_WIDTH + 196


def _element(tag: str, attributes: dict[str, object], *content: str) -> str:
    """``<tag a="...">content</tag>``: every attribute value made inert; ``content`` is markup
    already built by this module."""
    pairs = "".join(f' {name}="{inert(value)}"' for name, value in attributes.items())
    return f"<{tag}{pairs}>{''.join(content)}</{tag}>"


def _text(x: float, y: float, text: str, cls: str, limit: int) -> str:
    """A line of text, cut to ``limit`` characters; the whole of it in a tooltip."""
    shown = text if len(text) <= limit else text[:limit - 1] + "…"
    return _element("text", {"x": x, "y": y, "class": cls}, _element("title", {}, inert(text)), inert(shown))


def _bar(y: float, width: float, stripes: Sequence[tuple[str, str]], cls: str) -> str:
    """A bar of ``width`` at ``y``, split top to bottom into one stripe per (fill, tooltip)."""
    height = BAR / len(stripes)
    return "".join(
        _element("rect", {"x": BAR_X, "y": round(y + i * height, 2), "width": round(max(width, 1.0), 2),
                          "height": round(height, 2), "fill": fill, "class": cls},
                 _element("title", {}, inert(tip)))
        for i, (fill, tip) in enumerate(stripes)
    )


def _stripes(results: Sequence[ClaimResult]) -> list[tuple[str, str]]:
    if not results:
        return [(VERDICT_COLOURS["unverifiable"], "no verdict")]
    return [(VERDICT_COLOURS.get(r.verdict, VERDICT_COLOURS["unverifiable"]),
             f"{r.verdict} against {r.assessor}: {r.explanation}" if r.assessor else
             f"{r.verdict} on the records: {r.explanation}") for r in results]


def _claim_row(y: float, claim: ClaimedGain, results: Sequence[ClaimResult], scale: float) -> str:
    value = f"{claim.claimed_km2:,.0f} km² in {claim.days} d: {claim.rate:,.1f}/d"
    return (_text(LABEL_X, y + 11, f"{claim.event_id} #{claim.index}", "tracker-label", 27)
            + _bar(y, claim.rate * scale, _stripes(results), "tracker-bar tracker-claimed")
            + _text(VALUE_X, y + 11, value, "tracker-value", 32)
            + _text(GRADE_X, y + 11, ", ".join(claim.grades) or "ungraded", "tracker-grade", 17))


def _assessed_row(y: float, gains: Gains, reliability: str | None, days: int, scale: float) -> str:
    rate = gains.net_m2 / 1e6 / days
    tip = (f"{gains.assessor}: net {gains.net_m2 / 1e6:+,.1f} km² from {gains.since} to {gains.until} (layers of "
           f"{gains.since_layer.date} and {gains.until_layer.date})")
    return (_text(LABEL_X, y + 11, f"{gains.assessor} (assessed)", "tracker-label", 27)
            + _bar(y, max(rate, 0.0) * scale, [(ASSESSED_COLOUR, tip)], "tracker-bar tracker-assessed")
            + _text(VALUE_X, y + 11, f"net {gains.net_m2 / 1e6:+,.0f} km²: {rate:+,.1f}/d", "tracker-value", 32)
            + _text(GRADE_X, y + 11, reliability or "ungraded", "tracker-grade", 17))


def group_svg(group: GainGroup, verdicts: dict[tuple[str, int], list[ClaimResult]],
              grades: dict[str, str | None]) -> str:
    """The chart of one group: its title, then an SVG of a row per claim and per assessor."""
    days = max((group.until - group.since).days, 1)
    rates = [c.rate for c in group.claims] + [g.net_m2 / 1e6 / days for g in group.assessed]
    scale = BAR_WIDTH / max(max(rates), 1e-9)
    rows = [_claim_row(i * ROW, c, verdicts.get((c.event_id, c.index), []), scale) for i, c in enumerate(group.claims)]
    start = len(rows)
    rows += [_assessed_row((start + i) * ROW, g, grades.get(g.assessor), days, scale)
             for i, g in enumerate(group.assessed)]
    count = f"{len(group.claims)} claim{'s' * (len(group.claims) != 1)}"
    spread = f", spread {group.spread:.2f}×" if group.spread is not None else ""
    title = f"{group.name}, {group.since} .. {group.until}: {count}{spread}"
    height = len(rows) * ROW
    svg = _element("svg", {"class": "tracker-bars", "width": WIDTH, "height": height,
                           "viewBox": f"0 0 {WIDTH} {height}", "role": "img", "aria-label": title}, *rows)
    return _element("div", {"class": "tracker-chart"}, _element("h4", {}, inert(title)), svg)


def chart_html(groups: Iterable[GainGroup], results: Iterable[ClaimResult],
               grades: dict[str, str | None] | None = None) -> str:
    """The charts of ``groups``: the claims' bars coloured by their verdicts in ``results`` (the
    ``area`` and ``total_area`` results, one per assessor where assessed), the assessors graded by
    ``grades`` (assessor -> Admiralty letter). Empty when there is no group."""
    verdicts: dict[tuple[str, int], list[ClaimResult]] = {}
    for result in results:
        if result.kind in ("area", "total_area"):
            verdicts.setdefault((result.event, result.index), []).append(result)
    charts = [group_svg(group, verdicts, grades or {}) for group in groups]
    if not charts:
        return ""
    key = ("<p class='tracker-chart-key'>Claimed against assessed, km² per day: a bar per claim, coloured by its "
           "verdict (a stripe per assessor whose layers cover it), and a dark bar per assessor; the grades of "
           "the sources beside.</p>")
    return _element("section", {"class": "tracker-charts"}, key, *charts)
