"""What the maps of one page draw, as tables a script reads: ``static/records.js`` makes the layers,
popups, tooltips and the rows of the claims panel from them in the browser.

A page of ten thousand records would be hundreds of megabytes as one folium element each (every
element a template rendered in Python, every circle 360 vertices, every popup its whole markup); as
tables it is a few bytes per vertex and little more than its text per record:

- ``strings``: each piece of text once; every one is markup made of :func:`~tracker.maps.markup.inert`
  text only, so the script joins them into popups and rows without escaping anything;
- ``records``: per record its title, type, actors, the basis of its area, its first and last day,
  its claims (kind, claimed, measured, verdict, why, quote, verdict chip, and the verdicts of the
  assessors whose control layers cover it: assessor, chip, why) and its sources (name, grade in
  words), as indices into ``strings`` (-1: none);
- ``shapes``: each area drawn once however many records or panes draw it, sized for the screen
  (:mod:`~tracker.maps.geometry`).

Only numbers, colours, the names folium gives its elements and strings made inert reach the script.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..geo import evidence
from ..geo import geodesy as geo
from .assets import script_data
from .geometry import circle_vertices, encode, geometry_key, simplified, tolerance
from .markup import Markup, chip, claim_text, grade_words, inert, measured_text

if TYPE_CHECKING:
    from branca.element import Figure
    from shapely.geometry.base import BaseGeometry

    from ..claims.check import ClaimResult
    from ..records.model import Event, Source

#: The name the scene of a page is kept under in its header.
SCENE_NAME = "tracker_scene"


def _grade(source: Source) -> str:
    """' (graded E3: unreliable source, possibly true)', or nothing for a source without grades (plain
    text, not yet inert)."""
    words = grade_words(source.reliability, source.credibility)
    return f" (graded {words})" if words else ""


class Scene:
    """The tables of a page (see the module's description), filled as its maps are drawn."""

    def __init__(self) -> None:
        self._strings: dict[str, int] = {}
        self._texts: dict[Any, int] = {}  # text as it was, before it was made inert
        self._records: dict[str, int] = {}
        self.records: list[list[Any]] = []
        self._shapes: dict[Any, int] = {}
        #: Each shape to draw: a geometry to simplify, or a circle (lat, lon, radius in metres) to
        #: draw with the vertices it needs.
        self.shapes: list[BaseGeometry | tuple[float, float, float]] = []

    def markup(self, markup: str) -> int:
        """The index of ``markup`` (made of inert text only) in the strings."""
        index = self._strings.get(markup)
        if index is None:
            index = self._strings[markup] = len(self._strings)
        return index

    def text(self, value: Any) -> int:
        """The index of ``value`` made inert in the strings."""
        index = self._texts.get(value)
        if index is None:
            index = self._texts[value] = self.markup(inert(value))
        return index

    def shape(self, geometry: BaseGeometry, circle: tuple[float, float, float] | None = None) -> int:
        """The index of ``geometry`` among the shapes (an equal geometry drawn before shares it);
        ``circle``, its (lat, lon, radius in metres) when it is a record's circle."""
        key = ("circle", *circle) if circle is not None else geometry_key(geometry)
        index = self._shapes.get(key)
        if index is None:
            index = self._shapes[key] = len(self.shapes)
            self.shapes.append(circle if circle is not None else geometry)
        return index

    def record(self, event: Event, results: Sequence[ClaimResult],
               assessed: Mapping[int, Sequence[ClaimResult]] | None = None) -> int:
        """The index of ``event`` among the records, with the verdicts on its claims and those of the
        assessors (``assessed``: by the claim's index)."""
        index = self._records.get(event.id)
        if index is not None:
            return index
        basis = -1
        if event.area is not None:
            word = event.area.source_basis
            basis = self.markup(f"{inert(word)} ({inert(evidence.BASIS_MEANING[word])})")
        claims = []
        for result in results:
            quote = getattr(event.claims[result.index], "quote", None) if result.index < len(event.claims) else None
            others = [[self.text(other.assessor), self.markup(chip(other.verdict)), self.text(other.explanation)]
                      for other in (assessed or {}).get(result.index, ())]
            claims.append([self.text(result.kind), self.text(claim_text(result)), self.text(measured_text(result)),
                           self.text(result.verdict), self.text(result.explanation),
                           -1 if not quote else self.text(quote), self.markup(chip(result.verdict)), others])
        sources = [[self.text(source.publisher or source.title or source.url), self.text(_grade(source))]
                   for source in event.sources]
        index = self._records[event.id] = len(self.records)
        self.records.append([self.text(event.title), self.text(event.type),
                             self.text(", ".join(actor.name for actor in event.actors)), basis,
                             event.start.toordinal(), event.end.toordinal(), claims, sources])
        return index

    def data(self, bounds: Sequence[tuple[float, float]]) -> dict[str, Any]:
        """The tables, each shape sized for a map opening on ``bounds`` ((lat, lon) corners)."""
        degrees = tolerance(bounds)
        areas = [(i, shape) for i, shape in enumerate(self.shapes) if not isinstance(shape, tuple)]
        encoded: list[Any] = [None] * len(self.shapes)
        for (i, _), small in zip(areas, simplified([shape for _, shape in areas], degrees), strict=True):
            encoded[i] = encode(small)
        for i, shape in enumerate(self.shapes):
            if isinstance(shape, tuple):
                lat, lon, radius = shape
                encoded[i] = encode(geo.geodesic_circle(lat, lon, radius, circle_vertices(radius, degrees, lat)))
        return {"strings": list(self._strings), "records": self.records, "shapes": encoded}

    def add_to(self, page: Figure, bounds: Sequence[tuple[float, float]]) -> None:
        """Put the tables in the head of ``page``, once: the maps draw from them when the page has
        loaded (see ``static/records.js``)."""
        statement = f"<script>tracker.scene({script_data(self.data(bounds))});</script>"
        page.header.add_child(Markup(statement), name=SCENE_NAME)
