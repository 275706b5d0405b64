"""Records drawn on a folium map: a layer per group of actors (:mod:`~tracker.maps.actors`) with its
events, the areas they claim (the evidence, filled by the verdict on its area claim) and around each a
ring of the claimed size, reference zones, country borders, and the time control, the legend of what is
drawn and the panel of every claim.

:class:`Drawing` collects what one map draws as rows of numbers and indices into the page's
:class:`~tracker.maps.scene.Scene`; ``static/records.js`` makes the Leaflet layers from them when the
page loads. Folium makes the map, the layer groups (so the layer control names them), and the
assessed gains. Where every point event is drawn depends on how many there are: past
:data:`~tracker.maps.style.AGGREGATE_ABOVE` events, those that are only a point are counted in grid
cells; past :data:`~tracker.maps.style.CANVAS_ABOVE` drawn elements the map draws on a canvas rather
than as SVG, and past :data:`~tracker.maps.style.OUTLINE_ABOVE` areas, areas are drawn as outlines.

Geometry for drawing comes from :mod:`tracker.geo.shapes` (through the check's report), which the
claims were measured on: the map never measures or checks anything again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from ..claims import verdicts
from ..geo import geodesy as geo
from ..records.point_claims import own_point
from .actors import Actors, legend_key
from .assets import add_script, add_style, call
from .basemap import draw_basemap, record_labels
from .changes import note
from .gains import Change, draw_gains
from .markup import Markup, claim_text, inert, legend_html, measured_text, panel_html
from .points import Points, concat, points_of
from .scene import Scene
from .scripts import add_cells, add_sorting, add_time_control
from .style import (
    AGGREGATE_ABOVE,
    BORDER_STYLE,
    CANVAS_ABOVE,
    COLLAPSE_ABOVE,
    DISC_STYLE,
    GROWN_AREA_STYLE,
    NEW_AREA_STYLE,
    NEW_DOT_STYLE,
    OUTLINE_ABOVE,
    UNCERTAINTY_M,
    UNCERTAINTY_STYLE,
    ZONE_STYLE,
    area_style,
    dot_fill,
    outline_style,
)

if TYPE_CHECKING:
    import folium
    from branca.element import Figure

    from ..claims.check import CheckReport, ClaimResult
    from ..control.changes import RecordChanges
    from ..records.collection import EventCollection
    from ..records.model import Event

#: The kinds of claim about an area, drawn as its fill and as a ring of the claimed size.
AREA_KINDS = ("area", "total_area")
#: The least height and width of the box a map opens on, in degrees (about ten kilometres): a box of
#: none (every event on one point) has no zoom that fits it, and Leaflet would compute NaN.
MIN_VIEW_DEGREES = 0.1


def root(fmap: folium.Map) -> Figure:
    """The page the map is drawn in."""
    return cast("Figure", fmap.get_root())


def fit(fmap: folium.Map, bounds: list[tuple[float, float]]) -> None:
    """Open the map on ``bounds`` ((lat, lon) corners), at least :data:`MIN_VIEW_DEGREES` across."""
    edges = [(min(axis), max(axis)) for axis in zip(*bounds, strict=True)]
    (south, north, lat_pad), (west, east, lon_pad) = [(low, high, max(0.0, MIN_VIEW_DEGREES - (high - low)) / 2)
                                                      for low, high in edges]
    fmap.fit_bounds([(_rounded(south - lat_pad), _rounded(west - lon_pad)),
                     (_rounded(north + lat_pad), _rounded(east + lon_pad))])


def borders(fmap: folium.Map, places: list[list[Any]] | None = None) -> None:
    """The world's countries, rivers and lakes under the records and place names over them, one entry of
    the layer control, none of it taking a click: the map needs no tiles. ``places``: the records' places
    (:func:`~tracker.maps.basemap.record_labels`), named at every zoom."""
    draw_basemap(fmap, places or [])


def scene_of(page: Figure) -> Scene:
    """The scene of ``page``, made on first use: the maps of one page share it."""
    scene = getattr(page, "_tracker_scene", None)
    if scene is None:
        scene = Scene()
        page._tracker_scene = scene  # type: ignore[attr-defined]
    return cast(Scene, scene)


def _rounded(value: float) -> float:
    """A coordinate rounded to about a metre."""
    return round(value, 5)


def ring_text(result: ClaimResult) -> tuple[str, str]:
    """The tooltip of the ring of a claimed size, and its label: how the claim compares with the
    evidence (markup of numbers and inert text).

    >>> from tracker.claims.result import ClaimResult
    >>> tip, label = ring_text(ClaimResult("e", 0, "area", 1400.0, 200.0, "km²", 7.0, "overstated", ""))
    >>> tip
    'claimed 1,400 km² (overstated): 7× what the evidence shows (200 km²); the evidence covers 14% of the claim'
    >>> label
    '7× the evidence'
    >>> ring_text(ClaimResult("e", 0, "area", 100.0, None, "km²", None, "unverifiable", ""))[1]
    'claimed 100 km²'
    """
    said = f"claimed {inert(claim_text(result))} ({inert(result.verdict)})"
    if not result.ratio:
        return said, f"claimed {inert(claim_text(result))}"
    times = f"{result.ratio:,.2g}×" if result.ratio < 10 else f"{result.ratio:,.0f}×"
    share = (f"the evidence covers {1 / result.ratio:.0%} of the claim" if result.ratio >= 1 else
             f"the claim covers {result.ratio:.0%} of the evidence")
    return f"{said}: {times} what the evidence shows ({inert(measured_text(result))}); {share}", f"{times} the evidence"


def _positive(result: ClaimResult) -> bool:
    return isinstance(result.claimed, int | float) and result.claimed > 0


class Drawing:
    """The events of one map, collected as they are added, each group of ``actors`` (see
    :mod:`~tracker.maps.actors`) a layer in its colour and line pattern."""

    def __init__(self, fmap: folium.Map, report: CheckReport, actors: Actors, count: int,
                 assessed: Sequence[ClaimResult] = (), news: RecordChanges | None = None) -> None:
        import folium

        self.fmap, self.report, self.actors = fmap, report, actors
        self.looks = actors.styles()  # each group's colour and line pattern
        #: What changed since the first date of a comparison, in its second pane (new records get a
        #: halo and a note in their popups)
        self.news = news
        self.scene = scene_of(root(fmap))
        self.by_claim = {(r.event, r.index): r for r in report.results}
        # the verdicts of the assessors whose control layers cover a claim, by event and claim
        self.assessed: dict[str, dict[int, list[ClaimResult]]] = {}
        for result in assessed:
            if result.assessor is not None:
                self.assessed.setdefault(result.event, {}).setdefault(result.index, []).append(result)
        #: The keys of what is drawn, for the legend (see :data:`~tracker.maps.markup.SYMBOLS`).
        self.symbols: set[str] = set()
        self.cells = False  # whether aggregated events are drawn in grid cells
        self.borders = folium.FeatureGroup(name="Country borders", show=True)
        self.zones = folium.FeatureGroup(name="Reference zones", show=True)
        self.layers: dict[int, folium.FeatureGroup] = {}  # by the index of the group of actors
        self.bounds: list[tuple[float, float]] = []  # (lat, lon) of what was drawn
        self.compared: list[tuple[Event, ClaimResult]] = []  # area claims
        self.claimed: list[tuple[Event, ClaimResult]] = []  # every claim, for the claims panel
        self.counted: list[tuple[float, float, int, int, str]] = []  # plain events: lat, lon, days, actor
        self.counted_actors: set[str] = set()  # the first actors of the events counted so far
        self.points = Points.empty()  # plain events as columns (a table's), counted in cells too
        self.aggregate = count > AGGREGATE_ABOVE
        self.gains: list[tuple[str, str, str]] = []  # legend entries of assessed gains: (label, fill, outline)
        self.styles: dict[tuple[tuple[str, object], ...], int] = {}  # the styles of areas, each to its index
        self.days: list[int] = []  # the first and last day of each record drawn, for the time control
        # the rows records.js draws (see there); a layer is an index into ``self.groups``: the borders,
        # the zones, then each group of actors' in the order of ``self.layers``
        self.groups: list[folium.FeatureGroup] = [self.borders, self.zones]
        self.group_of: dict[int, int] = {}
        self.border_rows: list[list[Any]] = []
        self.areas: list[list[Any]] = []
        self.discs: list[list[Any]] = []
        self.spreads: list[list[Any]] = []
        self.dots: list[list[Any]] = []
        self.halos: list[list[Any]] = []  # new and grown areas: [shape, layer, legend key]

    def layer(self, group: int) -> folium.FeatureGroup:
        """The layer of the group of actors ``group`` (its index), made on first use."""
        import folium

        if group not in self.layers:
            self.layers[group] = folium.FeatureGroup(name=f"{inert(self.actors.names[group])}", show=True)
            self.group_of[group] = len(self.groups)
            self.groups.append(self.layers[group])
        return self.layers[group]

    def colour(self, actor: str) -> str:
        """The colour of the group an event whose first actor is ``actor`` is drawn in."""
        return self.looks[self.actors.first(actor)][0]

    def _style(self, style: dict[str, object]) -> int:
        """The index of ``style`` among the styles of the map's areas."""
        key = tuple(sorted(style.items()))
        if key not in self.styles:
            self.styles[key] = len(self.styles)
        return self.styles[key]

    def add_borders(self) -> None:
        """Country borders as a layer of their own, named in a tooltip: the map needs no tiles."""
        for name, polygon in geo.countries().values():
            self.border_rows.append([self.scene.text(name), self.scene.shape(polygon)])

    def add(self, event: Event) -> None:
        """Draw ``event``: its area, its claimed discs, its dot and disc of uncertainty; or, among
        many events, count a plain point event in its grid cell."""
        primary = event.actors[0].name
        if self.aggregate and event.area is None and not event.claims and self._counted(event, primary):
            return
        shape = self.report.shape(event.id)
        if shape is None:
            return
        self.layer(self.actors.first(primary))
        group = self.group_of[self.actors.first(primary)]
        results = self._results(event)
        record = self._record(event, results)
        said = note(self.news, event) if self.news is not None else None
        remark = -1 if said is None else self.scene.text(said)
        self.days += [event.start.toordinal(), event.end.toordinal()]
        self.compared += [(event, r) for r in results if r.kind in AREA_KINDS]
        self.claimed += [(event, r) for r in results]
        if shape.area is not None:
            circle = None
            if event.area is not None and event.area.circle is not None and shape.anchors is not None:
                lat, lon = (float(v) for v in shape.anchors[0])
                circle = (lat, lon, float(event.area.circle.radius.to("m")))
            self._area(event, record, self.scene.shape(shape.area, circle), shape.area, results, group, remark)
        if shape.point is not None:
            self._point(event, record, shape.point, group, remark)

    def _results(self, event: Event) -> list[ClaimResult]:
        """The verdicts on the claims of ``event``, in the order of its claims."""
        keys = [(event.id, index) for index in range(len(event.claims))]
        return [self.by_claim[key] for key in keys if key in self.by_claim]

    def _record(self, event: Event, results: list[ClaimResult]) -> int:
        """The index of ``event`` in the scene, with its verdicts and the assessors'."""
        return self.scene.record(event, results, self.assessed.get(event.id))

    def _counted(self, event: Event, actor: str) -> bool:
        """Count ``event`` in its actor's grid cells; ``False`` when it has no point to count."""
        point = own_point(event)
        if point is None:
            known = self.report.shape(event.id)
            point = known.point if known is not None else None
        if point is None:
            return False
        self.counted.append((point[0], point[1], event.start.toordinal(), event.end.toordinal(), actor))
        if actor not in self.counted_actors:  # each actor's layers made once, not once per event
            self.counted_actors.add(actor)
            for group in self.actors.of[actor]:
                self.layer(group)
        return True

    def add_points(self, points: Points) -> None:
        """Count plain point events given as columns (a table's) in their actors' grid cells."""
        if not len(points):
            return
        for name in sorted(points.first_counts()):
            for group in self.actors.of[name]:
                self.layer(group)
        self.points = concat([self.points, points])

    def _area(self, event: Event, record: int, shape: int, area: Any, results: list[ClaimResult],
              group: int, remark: int = -1) -> None:
        """The area (the evidence) filled by the verdict on its first area claim and outlined in the actor's
        colour as its basis is drawn (or a reference zone when no claim is about it), and around it, on
        its centroid, a ring of each claimed size; ``remark``: the index of the note its popup adds (-1:
        none), and a halo beneath it when it is new or grown since the first date."""
        area_results = [r for r in results if r.kind in AREA_KINDS]
        verdict = area_results[0].verdict if area_results else None
        reference = verdict is None and not event.claims  # an area no claim is about: a zone
        basis = event.area.source_basis if event.area is not None else "reported"
        style = ZONE_STYLE if reference else area_style(self.colour(event.actors[0].name), verdict, basis)
        self.areas.append([record, shape, 1 if reference else group, self._style(style), 0 if reference else 1,
                           self.scene.markup("zone" if reference else f"basis:{basis}"), remark])
        change = self.news.of(event.id) if self.news is not None else None
        if change is not None and change.kind != "within":
            key = "grown-area" if change.kind == "grown" else "new-area"
            self.halos.append([shape, 1 if reference else group, self.scene.markup(key)])
            self.symbols.add(key)
        self.symbols.add("zone" if reference else f"basis:{basis}")
        if not reference:
            self.symbols.add(f"fill:{style['fillColor']}")
        minx, miny, maxx, maxy = area.bounds
        self.bounds += [(miny, minx), (maxy, maxx)]
        if not area_results:
            return
        centre = area.centroid
        for position, result in enumerate(results):
            if result.kind in AREA_KINDS and _positive(result):
                claim = event.claims[result.index]
                quantity = getattr(claim, "area", None) or getattr(claim, "total_area", None)
                square_metres = quantity.value * quantity.si_factor  # type: ignore[union-attr]
                radius = round(math.sqrt(square_metres / math.pi), 1)
                tip, label = ring_text(result)
                self.discs.append([record, _rounded(centre.y), _rounded(centre.x), group, radius, position,
                                   self.scene.markup(tip), self.scene.markup(label)])

    def _point(self, event: Event, record: int, point: tuple[float, float], group: int, remark: int = -1) -> None:
        """A dot outlined in the actor's colour and filled by the most telling verdict on its claims (white
        for none), in a dashed circle of where it may lie that takes no click; ``remark``: the index of
        the note its popup adds (-1: none), and a halo around it (a new event)."""
        lat, lon = _rounded(point[0]), _rounded(point[1])
        radius = UNCERTAINTY_M.get(event.precision or 1)
        if radius:
            self.spreads.append([record, lat, lon, group, radius])
            self.symbols.add("uncertainty")
        fill = dot_fill(result.verdict for result in self._results(event))
        self.symbols.add(f"fill:{fill}")
        self.dots.append([record, lat, lon, group, self.scene.markup(fill), remark])
        if remark >= 0:
            self.symbols.add("new")
        self.bounds.append((point[0], point[1]))

    def add_gains(self, changes: Sequence[Change]) -> None:
        """The ground assessors say actors gained and lost, each change a layer, beneath the events."""
        bounds, self.gains = draw_gains(self.fmap, list(changes))
        self.bounds += bounds

    def _panel_rows(self) -> list[list[Any]]:
        """The rows of the claims panel, one per claim: the record, the claim's place among its verdicts,
        the claimed, measured and ratio values (for sorting) and the ratio as shown."""
        rows = []
        for event, result in self.claimed:
            results = self._results(event)
            record, position = self._record(event, results), results.index(result)
            claimed = result.claimed if isinstance(result.claimed, int | float) else None
            ratio = "-" if result.ratio is None else format(result.ratio, ".2f") + "×"
            rows.append([record, position, claimed, result.measured, result.ratio, self.scene.text(ratio)])
        return rows

    def _stacked(self) -> bool:
        """Whether two dots of this map stand on one point (they are set around it)."""
        places = [(dot[1], dot[2]) for dot in self.dots]
        return len(set(places)) < len(places)

    def rows(self, cells: int = 0) -> dict[str, Any]:
        """What ``static/records.js`` draws on this map (on a canvas when it draws more than
        :data:`CANVAS_ABOVE` elements with the ``cells`` of aggregated events)."""
        outline = len(self.areas) > OUTLINE_ABOVE
        discs = [] if outline else self.discs  # among thousands of areas, the claimed sizes are in the popups
        drawn = len(self.areas) + len(discs) + len(self.spreads) + len(self.dots) + cells
        return {
            "groups": [group.get_name() for group in self.groups],
            "colours": [None, None, *(self.looks[group][0] for group in self.layers)],
            "patterns": [None, None, *(self.looks[group][1] for group in self.layers)],
            "keys": [None, None, *(legend_key(*self.looks[group]) for group in self.layers)],
            "styles": [dict(style) for style in self.styles],
            "border": BORDER_STYLE, "disc": DISC_STYLE, "uncertainty": UNCERTAINTY_STYLE, "borders": self.border_rows,
            "areas": self.areas, "discs": discs, "spreads": self.spreads, "dots": self.dots, "halos": self.halos,
            "halo": {"new-area": NEW_AREA_STYLE, "grown-area": GROWN_AREA_STYLE, "new": NEW_DOT_STYLE},
            # outlines only on a canvas, where a click inside an unfilled area finds it (CANVAS_ABOVE is less)
            "canvas": drawn > CANVAS_ABOVE, "outline": outline_style() if outline else None,
        }

    def drawn(self) -> set[str]:
        """The keys of the symbols this map draws (see :data:`~tracker.maps.markup.SYMBOLS`)."""
        rings = self.discs and len(self.areas) <= OUTLINE_ABOVE
        return self.symbols | ({"ring"} if rings else set()) | ({"stack"} if self._stacked() else set()) | (
            {"cells"} if self.cells else set())

    def finish(self, *, controls: bool, chart: str = "") -> None:
        """Add the layers, the layer control and the aggregated cells; with ``controls``, also the
        legend, the claims panel (with ``chart`` as a section of it) and the time control, and open
        the map on what was drawn."""
        import folium

        # the basemap (see borders) draws the countries: this group is named in the layer control only if it holds some
        self.borders.control = bool(self.border_rows)
        self.borders.add_to(self.fmap)
        self.zones.add_to(self.fmap)
        for group in sorted(self.layers):  # named in the layer control by rank
            self.layers[group].add_to(self.fmap)
        # past a few groups of actors, the layer control opens when the mouse is over it (or it is touched)
        folium.LayerControl(collapsed=len(self.layers) > COLLAPSE_ABOVE).add_to(self.fmap)
        page = root(self.fmap)
        points = concat([points_of(self.counted), self.points])
        origin = min([*self.days, *([int(points.start.min())] if len(points) else [])], default=0)
        cells = points.cells(self.actors, origin)
        groups = {self.layers[group]: (*self.looks[group], legend_key(*self.looks[group]),
                                       inert(self.actors.names[group]), columns)
                  for group, columns in cells.items()}
        add_script(page, "records.js")
        rows = self.rows(sum(len(columns[0]) for columns in cells.values()))
        if controls and self.claimed:
            rows["panel"] = self._panel_rows()
        page.script.add_child(Markup(call("drawRecords", self.fmap.get_name(), rows)))
        add_cells(page, groups, origin, points.days(origin), canvas=rows["canvas"])
        self.cells = bool(groups)
        self.bounds += points.bounds()
        if not controls:
            return
        page.html.add_child(Markup(legend_html([(self.actors.names[group], *self.looks[group])
                                                for group in sorted(self.layers)], self.gains,
                                               symbols=self.drawn())))
        if self.claimed or chart:
            summary = verdicts.summary(verdicts.codes_of(result.verdict for _, result in self.claimed))
            page.html.add_child(Markup(panel_html(len(self.claimed), chart, summary.split(": ", 1)[-1])))
            add_sorting(page)
        days = self.days + ([int(points.start.min()), int(points.end.max())] if len(points) else [])
        add_time_control(page, self.fmap.get_name(), days)
        if self.bounds:
            fit(self.fmap, self.bounds)


def draw(fmap: folium.Map, chosen: EventCollection, report: CheckReport, actors: Actors, *,
         controls: bool, changes: Sequence[Change] = (), chart: str = "", points: Points | None = None,
         assessed: Sequence[ClaimResult] = (), news: RecordChanges | None = None) -> Drawing:
    """Draw ``chosen`` (and the plain point events ``points``) on ``fmap``, over the assessed
    ``changes``; with ``controls``, also the time control and the claims panel (with ``chart`` in
    it), and fit the view to what was drawn; ``assessed``: the verdicts of assessors on claims (see
    :func:`~tracker.control.assess.with_assessments`), beside the records' in the panel and popups;
    ``news``: what changed since the first date of a comparison (this map its second pane), marked.
    Returns the drawing: the corners of what was drawn and the legend entries of the changes. The
    shapes are written with the page (see :meth:`~tracker.maps.scene.Scene.add_to`)."""
    add_style(root(fmap))
    count = len(chosen) + (len(points) if points is not None else 0)
    drawing = Drawing(fmap, report, actors, count, assessed, news)
    borders(fmap, record_labels(chosen, report))
    drawing.add_gains(changes)
    for event in chosen:
        drawing.add(event)
    if points is not None:
        drawing.add_points(points)
    drawing.finish(controls=controls, chart=chart)
    return drawing
