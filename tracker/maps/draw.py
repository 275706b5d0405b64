"""Records drawn on a folium map: a layer per actor with its events, the areas they claim and a disc
of each claimed size, reference zones, country borders, and the time control and claims panel.

:class:`Drawing` draws one event at a time and keeps what the controls need: the bounds of what was
drawn, the elements the time control shows and hides, the area claims for the panel, and the point
events aggregated into grid cells.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from ..geo import geodesy as geo
from ..records.point_claims import own_point
from .assets import add_style
from .basemap import draw_basemap, record_labels
from .gains import Change, draw_gains
from .markup import Markup, claim_text, inert, legend_html, panel_html, popup
from .scripts import add_cells, add_sorting, add_time_control
from .style import (
    AGGREGATE_ABOVE,
    DISC_STYLE,
    TYPE_COLOURS,
    UNCERTAINTY_M,
    ZONE_STYLE,
    area_style,
)

if TYPE_CHECKING:
    import folium
    from branca.element import Figure

    from ..claims.check import CheckReport, ClaimResult
    from ..records.collection import EventCollection
    from ..records.model import Event

#: The kinds of claim about an area, drawn as its fill and as a disc of the claimed size.
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
    fmap.fit_bounds([(south - lat_pad, west - lon_pad), (north + lat_pad, east + lon_pad)])


def borders(fmap: folium.Map, places: list[list[Any]] | None = None) -> None:
    """The world's countries, rivers and lakes under the records and place names over them, one entry of
    the layer control, none of it taking a click: the map needs no tiles. ``places``: the records' places
    (:func:`~tracker.maps.basemap.record_labels`), named at every zoom."""
    draw_basemap(fmap, places or [])


def claimed_disc(area: Any, event: Event, result: ClaimResult) -> folium.GeoJson:
    """A geodesic disc with the claimed area, centred on the drawn area, dashed: claimed vs drawn."""
    import folium

    claim = event.claims[result.index]
    quantity = getattr(claim, "area", None) or getattr(claim, "total_area", None)
    square_metres = quantity.value * quantity.si_factor  # type: ignore[union-attr]
    centre = area.centroid
    disc = geo.geodesic_circle(centre.y, centre.x, math.sqrt(square_metres / math.pi))
    label = f"claimed: {inert(claim_text(result))} ({inert(result.verdict)})"
    return folium.GeoJson(
        disc.__geo_interface__,
        style_function=lambda _: DISC_STYLE,
        tooltip=folium.Tooltip(label),
    )


def _positive(result: ClaimResult) -> bool:
    return isinstance(result.claimed, int | float) and result.claimed > 0


class Drawing:
    """The events of one map, drawn on ``fmap`` as they are added, each actor in its colour."""

    def __init__(self, fmap: folium.Map, report: CheckReport, colours: dict[str, str], count: int) -> None:
        import folium

        self.fmap, self.report, self.colours = fmap, report, colours
        self.by_claim = {(r.event, r.index): r for r in report.results}
        self.zones = folium.FeatureGroup(name="Reference zones", show=True)
        self.layers: dict[str, folium.FeatureGroup] = {}
        self.bounds: list[tuple[float, float]] = []  # (lat, lon) of what was drawn
        self.timed: list[tuple[Any, Any, Event]] = []  # (drawn element, its layer, its event), for the time control
        self.compared: list[tuple[Event, ClaimResult]] = []  # area claims, for the comparison panel
        self.cells: dict[str, list[list[float]]] = {}  # actor -> [lat, lon, start day, end day] of its plain events
        self.aggregate = count > AGGREGATE_ABOVE
        self.gains: list[tuple[str, str, str]] = []  # legend entries of assessed gains: (label, fill, outline)

    def layer(self, actor: str) -> folium.FeatureGroup:
        """The layer of ``actor``, made on first use."""
        import folium

        if actor not in self.layers:
            self.layers[actor] = folium.FeatureGroup(name=f"{inert(actor)}", show=True)
        return self.layers[actor]

    def add(self, event: Event) -> None:
        """Draw ``event``: its area, its claimed discs, its dot and disc of uncertainty; or, among
        many events, count a plain point event in its grid cell."""
        primary = event.actors[0].name
        if self.aggregate and event.area is None and not event.claims and self._counted(event, primary):
            return
        shape = self.report.shape(event.id)
        if shape is None:
            return
        layer = self.layer(primary)
        results = self._results(event)
        self.compared += [(event, r) for r in results if r.kind in AREA_KINDS]
        if shape.area is not None:
            self._area(event, shape.area, results, layer)
        if shape.point is not None:
            self._point(event, shape.point, results, layer)

    def _results(self, event: Event) -> list[ClaimResult]:
        """The verdicts on the claims of ``event``, in the order of its claims."""
        keys = [(event.id, index) for index in range(len(event.claims))]
        return [self.by_claim[key] for key in keys if key in self.by_claim]

    def _counted(self, event: Event, actor: str) -> bool:
        """Count ``event`` in its actor's grid cells; ``False`` when it has no point to count."""
        point = own_point(event)
        if point is None:
            known = self.report.shape(event.id)
            point = known.point if known is not None else None
        if point is None:
            return False
        self.cells.setdefault(actor, []).append([point[0], point[1], event.start.toordinal(), event.end.toordinal()])
        self.layer(actor)
        return True

    def _area(self, event: Event, area: Any, results: list[ClaimResult], layer: folium.FeatureGroup) -> None:
        """The area filled by the verdict on its first area claim (or a reference zone when no claim is
        about it), and beside it a disc of each claimed size."""
        import folium

        area_results = [r for r in results if r.kind in AREA_KINDS]
        verdict = area_results[0].verdict if area_results else None
        reference = verdict is None and not event.claims  # an area no claim is about: a zone
        style = ZONE_STYLE if reference else area_style(self.colours[event.actors[0].name], verdict)
        drawn = folium.GeoJson(
            area.__geo_interface__,
            style_function=lambda _, style=style: style,
            tooltip=folium.Tooltip(inert(event.title)),
        )
        drawn.add_child(popup(event, results))
        drawn.add_to(self.zones if reference else layer)
        if not reference:
            self.timed.append((drawn, layer, event))
        minx, miny, maxx, maxy = area.bounds
        self.bounds += [(miny, minx), (maxy, maxx)]
        for result in filter(_positive, area_results):
            self.timed.append((claimed_disc(area, event, result).add_to(layer), layer, event))

    def _point(self, event: Event, point: tuple[float, float], results: list[ClaimResult],
               layer: folium.FeatureGroup) -> None:
        """A dot filled in the actor's colour, outlined by event type, in a disc of its uncertainty."""
        import folium

        lat, lon = point
        colour = self.colours[event.actors[0].name]
        radius = UNCERTAINTY_M.get(event.precision or 1)
        if radius:
            disc = folium.Circle((lat, lon), radius=radius, color=colour, weight=1, fill=True, fill_opacity=0.03,
                                 dash_array="4 4").add_to(layer)
            self.timed.append((disc, layer, event))
        dot = folium.CircleMarker((lat, lon), radius=6, color=TYPE_COLOURS.get(event.type, colour), weight=2.5,
                                  fill=True, fill_color=colour,
                                  fill_opacity=0.9, tooltip=folium.Tooltip(inert(event.title)),
                                  popup=popup(event, results)).add_to(layer)
        self.timed.append((dot, layer, event))
        self.bounds.append((lat, lon))

    def add_gains(self, changes: Sequence[Change]) -> None:
        """The ground assessors say actors gained and lost, each change a layer, beneath the events."""
        bounds, self.gains = draw_gains(self.fmap, list(changes))
        self.bounds += bounds

    def finish(self, *, controls: bool, chart: str = "") -> None:
        """Add the layers, the layer control and the aggregated cells; with ``controls``, also the
        legend, the claims panel (with ``chart`` as a section of it) and the time control, and open
        the map on what was drawn."""
        import folium

        self.zones.add_to(self.fmap)
        for layer in self.layers.values():
            layer.add_to(self.fmap)
        folium.LayerControl(collapsed=False).add_to(self.fmap)
        page = root(self.fmap)
        groups = {self.layers[name]: (self.colours[name], rows) for name, rows in self.cells.items()}
        add_cells(page, groups, self.bounds)
        if not controls:
            return
        page.html.add_child(Markup(legend_html({name: self.colours[name] for name in self.layers}, self.gains)))
        if self.compared or chart:
            page.html.add_child(Markup(panel_html(self.compared, chart)))
            add_sorting(page)
        add_time_control(page, self.fmap.get_name(), self.timed, self.cells)
        if self.bounds:
            fit(self.fmap, self.bounds)


def draw(fmap: folium.Map, chosen: EventCollection, report: CheckReport, colours: dict[str, str], *,
         controls: bool, changes: Sequence[Change] = (), chart: str = "") -> Drawing:
    """Draw ``chosen`` on ``fmap``, over the assessed ``changes``; with ``controls``, also the time
    control and the claims panel (with ``chart`` in it), and fit the view to what was drawn. Returns
    the drawing: the corners of what was drawn and the legend entries of the changes."""
    add_style(root(fmap))
    borders(fmap, record_labels(chosen, report))
    drawing = Drawing(fmap, report, colours, len(chosen))
    drawing.add_gains(changes)
    for event in chosen:
        drawing.add(event)
    drawing.finish(controls=controls, chart=chart)
    return drawing
