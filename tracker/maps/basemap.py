"""The geography under a map's records, drawn without tiles: the world's countries, the region's rivers and
lakes (:func:`tracker.geo.basemap.layers`), and place names written as text that appear with the zoom
(capitals and large towns first, more towns closer in) with the name of every place the records are at.

Nothing of it takes a click: the shapes and the names lie in panes of their own, the shapes under the
records and the names over them, and neither answers the mouse, so a click reaches the record beneath.
``static/basemap.js`` draws them; it writes every name as text (``textContent``), never as markup, since
names come from data files and records.

>>> world = world_layers()
>>> [len(world[name]["features"]) for name in ("countries", "rivers", "lakes")]
[241, 11, 11]
>>> towns = town_labels()
>>> towns[:2]
[['Baghdad', 33.34058, 44.40088, 7216000, 1], ['Damascus', 33.5102, 36.29128, 1569394, 1]]
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from ..geo import basemap
from .assets import add_script, add_style, call
from .markup import Markup

if TYPE_CHECKING:
    import folium
    from branca.element import Figure

    from ..claims.check import CheckReport
    from ..records.model import Event

#: The entry of the layer control that shows and hides the basemap.
NAME = "Basemap"
#: The outline and fill of the countries, rivers and lakes.
STYLES = {
    "countries": {"color": "#8a8a8a", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 1.0},
    "rivers": {"color": "#7ea7cf", "weight": 1.2, "opacity": 0.9},
    "lakes": {"color": "#7ea7cf", "weight": 0.6, "fillColor": "#c9dcee", "fillOpacity": 1.0},
}
#: The kind of a label: a town of the gazetteer, a capital, a place a record is at.
TOWN, CAPITAL, RECORD = 0, 1, 2


@lru_cache(maxsize=1)
def _world() -> dict[str, dict[str, Any]]:
    found = basemap.layers()
    for name in ("countries", "rivers", "lakes"):  # the names are written by the labels, not by the shapes
        found[name] = {"type": "FeatureCollection",
                       "features": [{"type": "Feature", "properties": {}, "geometry": f["geometry"]}
                                    for f in found[name]["features"]]}
    return found


def world_layers() -> dict[str, dict[str, Any]]:
    """The basemap's layers as the map draws them, without their properties: the world's countries as
    shipped, already simplified for drawing (see :func:`tracker.data.build.drawn_world`), the region's
    as claims are measured against them, the rivers and lakes."""
    return _world()


def town_labels() -> list[list[Any]]:
    """The gazetteer's towns to write, in the order :func:`tracker.geo.basemap.labels` gives them:
    ``[name, latitude, longitude, population, kind]`` each (kind :data:`CAPITAL` or :data:`TOWN`)."""
    return [[label.name, label.latitude, label.longitude, label.population, CAPITAL if label.capital else TOWN]
            for label in basemap.labels()]


def record_labels(events: Iterable[Event], report: CheckReport) -> list[list[Any]]:
    """The places the records are at, by the name they give (``location: Tadmur``), once each, at the point
    it resolved to: ``[name, latitude, longitude, 0, RECORD]``. Records located by coordinates name no
    place; a record whose places are unknown is left out."""
    found: dict[str, list[Any]] = {}
    for event in events:
        name = event.location
        if not isinstance(name, str) or name in found:
            continue
        shape = report.shape(event.id)
        if shape is not None and shape.point is not None:
            found[name] = [name, round(shape.point[0], 5), round(shape.point[1], 5), 0, RECORD]
    return list(found.values())


def draw_basemap(fmap: folium.Map, places: list[list[Any]]) -> folium.FeatureGroup:
    """Add the basemap to ``fmap`` as one entry of the layer control, :data:`NAME`, with the names of
    ``places`` (:func:`record_labels`) always written: after the capitals, before the towns, which make way
    for both where they would crowd them."""
    import folium

    group = folium.FeatureGroup(name=NAME, show=True)
    group.add_to(fmap)
    page = cast("Figure", fmap.get_root())
    add_style(page, "basemap.css")
    add_script(page, "basemap.js")
    towns = town_labels()
    ordered = [t for t in towns if t[4] == CAPITAL] + places + [t for t in towns if t[4] != CAPITAL]
    page.script.add_child(Markup(call("basemap", fmap.get_name(), group.get_name(), world_layers(), STYLES,
                                     ordered, basemap.ATTRIBUTION)))
    return group
