"""The map's text: record text made inert, popups, the legend and the claims panel.

Every string that comes from a record passes through :func:`inert` before it joins any markup, and
markup reaches the page through :class:`Markup`, as a template variable, never as template source.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from branca.element import Element
from jinja2 import Template

from ..geo import evidence
from .style import TYPE_COLOURS, VERDICT_COLOURS

if TYPE_CHECKING:
    import folium

    from ..claims.check import ClaimResult
    from ..records.model import Event, Source


def inert(text: Any) -> str:
    r"""Text made inert for every language it meets on the way to the browser: HTML-escaped; the
    backtick, dollar and backslash that could end, interpolate or escape the JavaScript template
    literals folium puts popups and tooltips in, as entities; and the braces of Jinja, the template
    language folium renders pages with, as entities too, so no ``{{``, ``{%`` or ``{#`` survives.
    The result is only ever markup, shown by the browser as the text it was.

    >>> inert("<img src=x onerror=alert(1)> `${alert(2)}`")
    '&lt;img src=x onerror=alert(1)&gt; &#96;&#36;&#123;alert(2)&#125;&#96;'
    >>> inert("{{ lipsum }} C:\\users")
    '&#123;&#123; lipsum &#125;&#125; C:&#92;users'
    """
    return html.escape(str(text), quote=True).translate(_INERT)


#: What :func:`inert` turns into entities after HTML escaping.
_INERT = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"})


class Markup(Element):
    """Markup or script that reaches the page as it is, as a template *variable*, never as template
    source: folium's ``Element(text)`` compiles ``text`` as a Jinja template, which would run any
    ``{{ ... }}`` in it."""

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup


def claim_text(result: ClaimResult) -> str:
    """'1,400 km²' for a numeric claim, the claim itself otherwise."""
    if isinstance(result.claimed, int | float) and not isinstance(result.claimed, bool):
        return f"{result.claimed:,g} {result.unit or ''}".strip()
    return str(result.claimed)


def popup(event: Event, results: list[ClaimResult]) -> folium.Popup:
    """A popup whose HTML, built from escaped text only, is shown as HTML."""
    import folium

    return folium.Popup(folium.Html(popup_html(event, results), script=True), max_width=420)


def _graded(source: Source) -> str:
    grade = (f" (graded {inert(source.reliability or '?')}{inert(source.credibility or '?')})"
             if source.reliability or source.credibility else "")
    return f"<li>{inert(source.publisher or source.title or source.url)}{grade}</li>"


def _claim_rows(result: ClaimResult) -> str:
    measured = "-" if result.measured is None else format(result.measured, ",.4g")
    return (
        f"<tr><td>{inert(result.kind)}</td><td>{inert(claim_text(result))}</td>"
        f"<td>{inert(measured)} {inert(result.unit or '')}</td>"
        f"<td><b>{inert(result.verdict)}</b></td></tr>"
        f"<tr class='tracker-why'><td colspan='4'>"
        f"{inert(result.explanation)}</td></tr>"
    )


def _basis_html(event: Event) -> str:
    if event.area is None:
        return ""
    word = event.area.source_basis
    return f"<p class='tracker-basis'>Area: {inert(word)} ({inert(evidence.BASIS_MEANING[word])})</p>"


def popup_html(event: Event, results: list[ClaimResult]) -> str:
    """The popup of an event: title, dates, type, actors, the basis of its area, each claim with its
    verdict and why, and the sources with their grades."""
    date = str(event.start) if event.start == event.end else f"{event.start} to {event.end}"
    sources = "".join(_graded(s) for s in event.sources)
    claims = "".join(_claim_rows(r) for r in results)
    table = (f"<table><tr><th>claim</th><th>claimed</th><th>measured</th><th>verdict</th></tr>{claims}</table>"
             if claims else "")
    return (
        f"<div class='tracker-popup'><h4>{inert(event.title)}</h4>"
        f"<p>{inert(date)} &middot; {inert(event.type)}<br>{inert(', '.join(a.name for a in event.actors))}</p>"
        + _basis_html(event) + table
        + (f"<p>Sources:</p><ul>{sources}</ul>" if sources else "")
        + "</div>"
    )


def _panel_row(event: Event, result: ClaimResult) -> str:
    measured = "-" if result.measured is None else format(result.measured, ",.0f")
    ratio = "-" if result.ratio is None else format(result.ratio, ".2f") + "×"
    return (
        f"<tr><td>{inert(event.title)}</td>"
        f"<td data-value='{inert(result.claimed)}'>{inert(claim_text(result))}</td>"
        f"<td data-value='{result.measured if result.measured is not None else ''}'>{inert(measured)}</td>"
        f"<td data-value='{result.ratio if result.ratio is not None else ''}'>{inert(ratio)}</td>"
        f"<td>{inert(result.verdict)}</td><td class='tracker-why'>{inert(result.explanation)}</td></tr>"
    )


def panel_html(compared: list[tuple[Event, ClaimResult]], chart: str = "") -> str:
    """A table of the area claims (``static/sort.js`` sorts it by the column whose heading is clicked),
    and below it ``chart``, markup built from inert text (see :mod:`~tracker.maps.chart`)."""
    if not compared and not chart:
        return ""
    rows = "".join(_panel_row(event, result) for event, result in compared)
    table = (
        "<table id='tracker-claims'><thead><tr><th>area claim</th><th>claimed</th>"
        f"<th>measured</th><th>claimed / measured</th><th>verdict</th><th>why</th></tr></thead><tbody>{rows}</tbody>"
        "</table>"
    ) if compared else ""
    return f"<div class='tracker-panel'>{table}{chart}</div>"


def legend_html(colours: dict[str, str], gains: Iterable[tuple[str, str, str]] = ()) -> str:
    """The legend: each actor's colour, the outline of each event type, the fill of each verdict,
    and each area of ``gains`` (label, fill, outline: see :mod:`~tracker.maps.gains`)."""
    actors = "".join(
        f"<div><span style='background:{colour}'></span>{inert(name)}</div>" for name, colour in colours.items()
    )
    verdicts = "".join(
        f"<div><span style='background:{colour}'></span>{inert(verdict)} area claim</div>"
        for verdict, colour in VERDICT_COLOURS.items()
    )
    types = "".join(
        f"<div><span class='tracker-type' style='border-color:{colour}'></span>"
        f"{inert(event_type)}</div>"
        for event_type, colour in TYPE_COLOURS.items()
    )
    assessed = "".join(
        f"<div><span style='background:{fill};border:2px solid {outline}'></span>{inert(label)}</div>"
        for label, fill, outline in gains
    )
    return (
        f"<div class='tracker-legend'><b>Actors</b> (fill){actors}<b>Event types</b> (outline){types}"
        f"<b>Areas</b>{verdicts}"
        "<div><span class='tracker-disc'></span>disc of the claimed size</div>"
        "<div><span class='tracker-zone'></span>reference zone</div>"
        + (f"<b>Assessed control</b>{assessed}" if assessed else "")
        + "</div>"
    )
