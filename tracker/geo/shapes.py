"""Where a record is: its point, its area, how far from its point it may lie, and the points its
geometry was built from (for claims that would only restate it).

A record's :class:`Shape` is made once per check from its location and area, with every place
resolved through the gazetteer; distances to it are geodesic (:mod:`tracker.geo.geodesy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from ..errors import GeometryError
from ..records.model import Coordinates, Event
from . import evidence
from . import geodesy as geo
from .places import Resolution

if TYPE_CHECKING:
    from ..records.collection import EventCollection

__all__ = ["ANCHOR_WORDS", "Shape", "anchor_at", "distance_between", "make_shape", "place_of", "shapes_of"]


#: The points an event's geometry is built from, by kind: how to name one of the event's own, and
#: one of another record's.
ANCHOR_WORDS = {
    "hull": ("a corner of the event's own hull", "a corner of the hull of {}"),
    "polygon": ("a corner of the event's own polygon", "a corner of the polygon of {}"),
    "centre": ("the centre of the event's own circle", "the centre of the circle of {}"),
    "location": ("the very point the event is located at", "the location of {}"),
}


@dataclass(frozen=True)
class Shape:
    """Where an event is: its point (lat, lon), its area, and whether the point is only a region;
    how far from its point it may lie (``radius``, metres: 10 km at precision 2 when it has no area);
    and the points its geometry was built from (``anchors``: rows of lat, lon; all of one kind,
    ``anchor_kind``, a key of :data:`ANCHOR_WORDS`), for circular claims.

    >>> point = Shape((34.56, 38.28), None, regional=False, radius=10_000.0)
    >>> point.geometry.wkt, point.testable
    ('POINT (38.28 34.56)', True)
    >>> Shape((34.56, 38.28), None, regional=True).untestable  # precision 3
    "the record's location is only its region (precision 3)"
    >>> Shape((34.56, 38.28), geo.hull([(34.56, 38.28), (34.65, 38.57), (34.88, 38.87)]), False).geometry.geom_type
    'Polygon'
    """

    point: tuple[float, float] | None
    area: BaseGeometry | None
    regional: bool
    radius: float = 0.0
    anchors: np.ndarray | None = None
    anchor_kind: str = "location"
    basis: str | None = None
    #: The region-sized place (a hull's corner, a circle's centre) the area was built from, if any:
    #: such an area cannot be measured.
    region: str | None = None

    @property
    def geometry(self) -> BaseGeometry | None:
        if self.area is not None:
            return self.area
        return Point(self.point[1], self.point[0]) if self.point else None

    @property
    def testable(self) -> bool:
        """Whether distances and bearings from it mean anything (an area, or a point not a region)."""
        if self.region is not None:
            return False
        return self.area is not None or (self.point is not None and not self.regional)

    @property
    def untestable(self) -> str:
        """Why distances and bearings from it mean nothing, where :attr:`testable` is false."""
        if self.region is not None:
            return f"the area is built from {self.region}, a region, not a point"
        return "the record's location is only its region (precision 3)"


def place_of(value: Any, event: Event, path: tuple[str | int, ...], resolution: Resolution) -> tuple[float, float]:
    """The (lat, lon) of a place of a record: its coordinates, or where the gazetteer put its name.

    >>> from gazetteer import Gazetteer
    >>> from tracker.records.collection import EventCollection
    >>> from tracker.geo.places import resolve_places
    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": "Tadmur",
    ...     "area": {"hull": [{"lat": 34.5, "lon": 38.0}, "Arak", "As Sukhnah"]}})
    >>> resolution = resolve_places(EventCollection([event]), Gazetteer(user=False))
    >>> [place_of(place, event, ("area", "hull", i), resolution) for i, place in enumerate(event.area.hull[:2])]
    [(34.5, 38.0), (34.65, 38.5667)]
    """
    if isinstance(value, Coordinates):
        return (value.lat, value.lon)
    place = resolution[event.id, path].place
    assert place is not None  # unresolved events are left out before
    return (place.latitude, place.longitude)


def make_shape(event: Event, events: EventCollection, resolution: Resolution) -> Shape:
    """A record's :class:`Shape`, its place names found in ``resolution`` (each one resolved).

    >>> from tracker.records.collection import EventCollection
    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": {"lat": 33.5058, "lon": 38.6178},
    ...     "area": {"circle": {"center": {"lat": 33.5058, "lon": 38.6178}, "radius": "55 km"}}})
    >>> shape = make_shape(event, EventCollection([event]), Resolution({}, []))  # no place names to resolve
    >>> round(geo.geodesic_area(shape.area) / 1e6), shape.anchor_kind, shape.anchors.tolist(), shape.radius
    (9503, 'centre', [[33.5058, 38.6178]], 0.0)
    """
    point = place_of(event.location, event, ("location",), resolution)
    area = None
    anchors: np.ndarray | None = None
    kind = "location"
    if event.area is not None:
        where = f"{events.origin(event.id).file}: area"
        if event.area.hull is not None:
            corners = [place_of(p, event, ("area", "hull", i), resolution) for i, p in enumerate(event.area.hull)]
            area = geo.hull(corners)
            anchors, kind = np.asarray(corners, dtype=float), "hull"
        elif event.area.circle is not None:
            lat, lon = place_of(event.area.circle.center, event, ("area", "circle", "center"), resolution)
            area = geo.geodesic_circle(lat, lon, event.area.circle.radius.to("m"))
            anchors, kind = np.array([[lat, lon]]), "centre"
        elif event.area.polygon is not None:
            ring = np.array(event.area.polygon, dtype=float)  # [lon, lat] rows
            area = geo.polygon(ring, where)
            anchors, kind = ring[:, ::-1], "polygon"
        elif event.area.geojson is not None:
            area = geo.read_geojson(Path(events.origin(event.id).file).parent / event.area.geojson)
        if area is not None and area.geom_type not in ("Polygon", "MultiPolygon"):
            area, anchors = None, None  # a hull of places in a line has no surface
    if area is None:
        anchors, kind = np.array([point], dtype=float), "location"
    radius = evidence.uncertainty(event.precision) if area is None else 0.0
    basis = event.area.source_basis if event.area is not None and area is not None else None
    return Shape(point, area, event.precision == 3, radius, anchors, kind, basis, region_anchor(event, resolution))


def shapes_of(events: EventCollection, resolution: Resolution) -> list[Shape | None]:
    """Each record's :class:`Shape`, in order: ``None`` for a record whose places ``resolution`` could not
    resolve or whose area cannot be drawn (checking claims reports those; this only leaves them out).

    >>> from tracker import load_events
    >>> from tracker.geo.places import resolve_places
    >>> events = load_events("tests/data/valid")
    >>> [(shape.point, shape.area.geom_type) for shape in shapes_of(events, resolve_places(events))]
    [((34.5624, 38.284), 'Polygon')]
    """
    unresolved = {key[0] for key, match in resolution.matches.items() if not match.found}
    shapes: list[Shape | None] = []
    for event in events:
        try:
            shapes.append(None if event.id in unresolved else make_shape(event, events, resolution))
        except GeometryError:
            shapes.append(None)
    return shapes


def region_anchor(event: Event, resolution: Resolution) -> str | None:
    """The first region-sized place (see :func:`gazetteer.kinds.region_sized`) the record's area is
    built from, as a hull's corner or a circle's centre, or ``None``.

    >>> from gazetteer import Gazetteer
    >>> from tracker.records.collection import EventCollection
    >>> from tracker.geo.places import resolve_places
    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": "Tadmur", "area": {"hull": ["Homs", "Syrian Desert", "Tadmur"]}})
    >>> region_anchor(event, resolve_places(EventCollection([event]), Gazetteer(user=False)))
    'Syrian Desert'
    """
    from gazetteer.kinds import region_sized

    area = event.area
    paths: list[tuple[str | int, ...]] = [("area", "hull", i) for i in range(len(area.hull or ()))] if area else []
    if area is not None and area.circle is not None:
        paths.append(("area", "circle", "center"))
    for path in paths:
        match = resolution.matches.get((event.id, path))
        if match is not None and match.place is not None and region_sized(match.place.feature):
            return str(match.place.name)
    return None


def anchor_at(shape: Shape, lat: float, lon: float) -> str | None:
    """The kind of point (a key of :data:`ANCHOR_WORDS`) ``shape`` was built from that lies at the
    same place as (lat, lon), or ``None`` when none does.

    >>> corners = np.array([[34.5624, 38.2840], [34.65, 38.5667], [34.8752, 38.8733]])  # Tadmur, Arak, As Sukhnah
    >>> shape = Shape(None, geo.hull(corners.tolist()), False, anchors=corners, anchor_kind="hull")
    >>> anchor_at(shape, 34.5626, 38.2841), anchor_at(shape, 34.0, 38.0)  # 20 m from Tadmur; elsewhere
    ('hull', None)
    """
    rows = shape.anchors
    if rows is None or not len(rows):
        return None
    apart = geo.distances(rows[:, 0], rows[:, 1], np.full(len(rows), lat), np.full(len(rows), lon))
    return shape.anchor_kind if bool((apart < evidence.SAME_PLACE_M).any()) else None


def distance_between(shape: Shape, target: BaseGeometry) -> float:
    """Metres from an event (its area, else its point) to a geometry.

    >>> from shapely.geometry import Point
    >>> garrison, zone = Point(38.6178, 33.5058), geo.geodesic_circle(33.5058, 38.6178, 55_000)
    >>> tadmur = Shape((34.5624, 38.2840), None, False)
    >>> round(distance_between(tadmur, garrison) / 1000, 3), round(distance_between(tadmur, zone) / 1000, 1)
    (121.187, 66.2)
    >>> area = Shape(None, geo.hull([(34.5624, 38.2840), (34.65, 38.5667), (34.8752, 38.8733)]), False)
    >>> round(distance_between(area, zone) / 1000, 1)  # from its nearest edge
    66.3
    >>> distance_between(area, Point(38.6, 34.7))  # a point inside it
    0.0
    """
    if shape.area is None:
        lat, lon = shape.point  # type: ignore[misc]
        return geo.distance_to(lat, lon, target)
    if shape.area.intersects(target):
        return 0.0
    if target.geom_type == "Point":
        return geo.distance_to(target.y, target.x, shape.area)
    here, there = nearest_points(shape.area, target)
    return float(geo.distances([here.y], [here.x], [there.y], [there.x])[0])
