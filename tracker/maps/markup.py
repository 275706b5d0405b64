"""The map's text: record text made inert, the legend and the claims panel (popups and the rows of
the panel are joined in the browser from inert text: see :mod:`~tracker.maps.scene`).

Every string that comes from a record passes through :func:`inert` before it joins any markup, and
markup reaches the page through :class:`Markup`, as a template variable, never as template source.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from branca.element import Element
from jinja2 import Template

from .style import TYPE_COLOURS, VERDICT_COLOURS

if TYPE_CHECKING:
    from ..claims.check import ClaimResult


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


def panel_html(claims: bool, chart: str = "") -> str:
    """The claims panel: with ``claims``, a table of the area claims, whose rows ``static/records.js``
    fills and ``static/sort.js`` sorts by the column whose heading is clicked; below it ``chart``,
    markup built from inert text (see :mod:`~tracker.maps.chart`).

    >>> panel_html(False)
    ''
    """
    if not claims and not chart:
        return ""
    table = (
        "<table id='tracker-claims'><thead><tr><th>area claim</th><th>claimed</th>"
        "<th>measured</th><th>claimed / measured</th><th>verdict</th><th>why</th></tr></thead><tbody></tbody>"
        "</table>"
    ) if claims else ""
    return f"<div class='tracker-panel'>{table}{chart}</div>"


def legend_html(colours: dict[str, str], gains: Iterable[tuple[str, str, str]] = (), *, discs: bool = True) -> str:
    """The legend: each actor's colour, the outline of each event type, the fill of each verdict (the
    disc of a claimed size too, with ``discs``), and each area of ``gains`` (label, fill, outline: see
    :mod:`~tracker.maps.gains`)."""
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
        + ("<div><span class='tracker-disc'></span>disc of the claimed size</div>" if discs else "")
        + "<div><span class='tracker-zone'></span>reference zone</div>"
        + (f"<b>Assessed control</b>{assessed}" if assessed else "")
        + "</div>"
    )
