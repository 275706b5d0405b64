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

from .actors import PATTERN_NAMES, legend_key
from .style import NO_CLAIM_FILL, VERDICT_COLOURS

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


#: The Admiralty code in words, one table for both of its scales: the reliability of a source, A to
#: F, and the credibility of what it says, 1 to 6 (as NATO's AJP-2.1 and the British Army's field
#: manuals define them).
ADMIRALTY = {
    "A": "completely reliable source",
    "B": "usually reliable source",
    "C": "fairly reliable source",
    "D": "not usually reliable source",
    "E": "unreliable source",
    "F": "source whose reliability cannot be judged",
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}


def grade_words(reliability: str | None, credibility: int | None) -> str:
    """A source's Admiralty grade with its words; empty for a source without grades.

    >>> grade_words("E", 3)
    'E3: unreliable source, possibly true'
    >>> grade_words(None, 2), grade_words("B", None), grade_words(None, None)
    ('2: probably true', 'B: usually reliable source', '')
    """
    parts = [(str(part), ADMIRALTY[str(part)]) for part in (reliability, credibility) if part is not None]
    if not parts:
        return ""
    return "".join(code for code, _ in parts) + ": " + ", ".join(words for _, words in parts)


def claim_text(result: ClaimResult) -> str:
    """'1,400 km²' for a numeric claim, the claim itself otherwise."""
    if isinstance(result.claimed, int | float) and not isinstance(result.claimed, bool):
        return f"{result.claimed:,g} {result.unit or ''}".strip()
    return str(result.claimed)


def measured_text(result: ClaimResult) -> str:
    """What was measured, always with its unit: '146.3 km²', '34°', '100%', '12,345 km²'; '-' for nothing.

    >>> from tracker.claims.result import ClaimResult
    >>> [measured_text(ClaimResult("e", 0, kind, 9, value, unit, None, "holds", ""))
    ...  for kind, value, unit in [("area", 146.302, "km²"), ("direction", 34.2, "degrees"),
    ...                            ("inside", 1.0, "share"), ("area", 12345.6, "km²"), ("count", None, "men")]]
    ['146.3 km²', '34°', '100%', '12,346 km²', '-']
    """
    value, unit = result.measured, result.unit
    if value is None:
        return "-"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "degrees":
        return f"{value:.0f}°"
    return (f"{value:,.4g} {unit or ''}" if abs(value) < 1000 else f"{value:,.0f} {unit or ''}").strip()


def chip(verdict: str, label: str | None = None) -> str:
    """A verdict as a chip in its colour, with ``label`` (the verdict) as its text.

    >>> chip("overstated")
    "<span class='tracker-chip' style='background:#EE8866'>overstated</span>"
    """
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unverifiable"])
    ink = ";color:#ffffff" if colour == "#000000" else ""
    return f"<span class='tracker-chip' style='background:{colour}{ink}'>{inert(label or verdict)}</span>"


#: The columns of the claims panel, in order (``static/records.js`` fills the rows, sorts by them).
PANEL_COLUMNS = ("record", "claim", "measured", "claimed / measured", "verdict", "why", "source")


def panel_html(claims: int, chart: str = "", summary: str = "") -> str:
    """The claims panel, which the reader opens and closes by its heading (open on large screens, closed
    on small ones: ``static/records.js``): with ``claims`` (how many), a table of every claim, whose rows
    ``static/records.js`` fills and ``static/sort.js`` sorts by the column whose heading is clicked;
    ``summary``, what their verdicts add up to; below it ``chart``, markup built from inert text (see
    :mod:`~tracker.maps.chart`).

    >>> panel_html(0)
    ''
    """
    if not claims and not chart:
        return ""
    heads = "".join(f"<th>{inert(column)}</th>" for column in PANEL_COLUMNS)
    table = f"<table id='tracker-claims'><thead><tr>{heads}</tr></thead><tbody></tbody></table>" if claims else ""
    said = f"Claims ({claims}{': ' + inert(summary) if summary else ''})"
    title = said if claims else "Claims against assessed gains"
    return (f"<details class='tracker-panel tracker-claims-panel'><summary>{title}</summary>{table}{chart}"
            "</details>")


#: How the symbols of the map are named in the legend, each by the key ``static/records.js`` gives
#: what it draws (the actors' and the verdicts' colours are keyed by colour: ``actor:#...``, ``fill:#...``).
SYMBOLS = {
    "basis:reported": ("tracker-evidence", "evidence the report gives"),
    "basis:assessed": ("tracker-evidence tracker-assessed", "evidence an assessment gives"),
    "basis:reconstructed": ("tracker-evidence tracker-reconstructed", "evidence rebuilt: a lower bound"),
    "ring": ("tracker-ring", "claimed size, around the evidence"),
    "zone": ("tracker-zone", "reference zone"),
    "uncertainty": ("tracker-uncertainty", "where an event may lie"),
    "stack": ("tracker-stack", "events at one place, set apart"),
    "cells": ("tracker-cell", "events counted in a grid cell"),
    "new": ("tracker-new", "event new since the first date"),
    "new-area": ("tracker-new-area", "area new since the first date"),
    "grown-area": ("tracker-grown-area", "area grown since the first date"),
}


def _verdict_labels() -> dict[str, str]:
    """Each verdict fill's colour with the verdicts it stands for."""
    labels: dict[str, list[str]] = {}
    for verdict, colour in VERDICT_COLOURS.items():
        labels.setdefault(colour, []).append(verdict)
    return {colour: " / ".join(verdicts) for colour, verdicts in labels.items()}


def legend_html(actors: Iterable[tuple[str, str, str | None]], gains: Iterable[tuple[str, str, str]] = (), *,
                discs: bool = True, symbols: Iterable[str] | None = None) -> str:
    """The legend, which the reader may close by its heading: each group of actors (name, colour and
    line pattern: see :mod:`~tracker.maps.actors`; outlines and markers), the fill of each verdict,
    each symbol of :data:`SYMBOLS`, and each area of ``gains`` (label, fill, outline: see
    :mod:`~tracker.maps.gains`). ``symbols``: the keys of what the map
    draws (see :data:`SYMBOLS`), so that every entry is drawn; without them, every verdict and symbol
    a map may draw (the ring of a claimed size only with ``discs``)."""
    if symbols is None:
        symbols = {f"fill:{colour}" for colour in VERDICT_COLOURS.values()} | {"basis:reported", "zone",
                                                                              "uncertainty", f"fill:{NO_CLAIM_FILL}"}
        symbols |= {"ring"} if discs else set()
    drawn = set(symbols)
    named = "".join(
        f"<div data-legend='{legend_key(colour, pattern)}'><span class='tracker-actor' style='border-color:{colour};"
        f"border-style:{PATTERN_NAMES[pattern]}'></span>{inert(name)}</div>" for name, colour, pattern in actors
    )
    fills = {**_verdict_labels(), NO_CLAIM_FILL: "no claim"}
    verdicts = "".join(
        f"<div data-legend='fill:{colour}'><span style='background:{colour}'></span>{inert(label)}</div>"
        for colour, label in fills.items() if f"fill:{colour}" in drawn
    )
    shapes = "".join(
        f"<div data-legend='{key}'><span class='{css}'></span>{inert(label)}</div>"
        for key, (css, label) in SYMBOLS.items() if key in drawn
    )
    assessed = "".join(
        f"<div><span style='background:{fill};border:2px solid {outline}'></span>{inert(label)}</div>"
        for label, fill, outline in gains
    )
    return (
        "<details class='tracker-legend' open><summary>Legend</summary>"
        + (f"<b>Actors <i>(outline)</i></b>{named}" if named else "")
        + (f"<b>Verdicts <i>(fill)</i></b>{verdicts}" if verdicts else "")
        + (f"<b>Shapes</b>{shapes}" if shapes else "")
        + (f"<b>Assessed control</b>{assessed}" if assessed else "")
        + "</details>"
    )
