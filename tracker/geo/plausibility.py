"""Warnings about points that are valid but unlikely: a record's coordinates that lie outside the
countries its own places and claims name, most often because latitude and longitude were swapped.

Only the shipped countries are known; where the record names none of them, or its point lies in
none of them and its swapped point in none either, nothing is said.

The countries a record names are those of its place names resolved through the gazetteer (the
places of its area, and the places of its distance and direction claims) and those of its
``inside:`` claims. A point within :data:`MARGIN_KM` of one of them is not doubted. Otherwise:

* if the point with latitude and longitude swapped lies in one of them, the warning asks whether
  they are swapped;
* else, if the area's places or an ``inside:`` claim name the countries (a distance or direction
  claim may well name a place across a border), the warning says the point lies outside them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..records.model import Coordinates, InsideClaim
from ..records.yaml import position

if TYPE_CHECKING:
    from ..records.collection import EventCollection
    from .places import Resolution

#: How far outside the countries its record names a point may lie without a warning (borders drawn
#: at Natural Earth's scale, and events on a border).
MARGIN_KM = 25.0


def misplaced_points(events: EventCollection, resolution: Resolution,
                     texts: dict[str, str] | None = None) -> list[Problem]:
    """A warning (as a :class:`Problem` of the record's ``location``) for each record whose
    coordinates lie outside the countries its places and claims name."""
    from shapely.geometry import Point

    from . import geodesy as geo

    by_event: dict[str, list[tuple[tuple[str | int, ...], str]]] = {}
    for (event_id, path), match in resolution.matches.items():
        if match.found and match.place is not None:
            by_event.setdefault(event_id, []).append((path, match.place.country))
    warnings = []
    for event in events:
        if not isinstance(event.location, Coordinates):
            continue
        strong: set[str] = set()
        named: set[str] = set()
        for path, country in by_event.get(event.id, []):
            code = geo.country_named(country)
            if code:
                named.add(code)
                if path[0] == "area":
                    strong.add(code)
        for claim in event.claims:
            if isinstance(claim, InsideClaim) and (code := geo.country_named(claim.inside)):
                named.add(code)
                strong.add(code)
        if not named:
            continue
        lat, lon = event.location.lat, event.location.lon
        shapes = geo.countries()
        point = Point(lon, lat)
        if any(shapes[code][1].covers(point) for code in named):
            continue
        if any(geo.distance_to(lat, lon, shapes[code][1]) <= MARGIN_KM * 1000 for code in named):
            continue
        where = next((name for code, (name, shape) in shapes.items() if shape.covers(point)), None)
        lies = f"lies in {where}" if where else "lies in none of the shipped countries"
        names = " or ".join(sorted(shapes[code][0] for code in named))
        swapped = Point(lat, lon) if -90 <= lon <= 90 else None
        home = next((shapes[code][0] for code in sorted(named) if swapped and shapes[code][1].covers(swapped)), None)
        if home:
            message = (f"{{lat: {lat:g}, lon: {lon:g}}} {lies}, but the record's places are in {names}; swapped, "
                       f"{{lat: {lon:g}, lon: {lat:g}}} lies in {home}: are latitude and longitude swapped?")
        elif strong:
            strong_names = " or ".join(sorted(shapes[code][0] for code in strong))
            message = (f"{{lat: {lat:g}, lon: {lon:g}}} {lies}, outside {strong_names}, where the record's area or "
                       "inside: claim puts it; check the coordinates")
        else:
            continue
        origin = events.origin(event.id)
        line, column = position(origin, ("location",), text=(texts or {}).get(origin.file))
        warnings.append(Problem(origin.file, line, column, "location", message))
    return warnings


def region_anchors(events: EventCollection, resolution: Resolution, texts: dict[str, str] | None = None
                   ) -> list[Problem]:
    """A warning for each hull corner or circle centre that names a region-sized place (see
    :func:`gazetteer.kinds.region_sized`): an area built from it cannot be measured."""
    from gazetteer.kinds import region_sized

    warnings = []
    for (event_id, path), match in resolution.matches.items():
        if (tuple(path[:2]) not in (("area", "hull"), ("area", "circle")) or match.place is None
                or not region_sized(match.place.feature)):
            continue
        origin = events.origin(event_id)
        line, column = position(origin, path, text=(texts or {}).get(origin.file))
        what = "corner" if path[1] == "hull" else "centre"
        warnings.append(Problem(origin.file, line, column, ".".join(str(p) for p in path),
                                f"{match.place.name} is a region, not a point: an area built from it cannot be "
                                "measured, and its claims are unverifiable; name a town or other point for the "
                                f"{what}, or give its {{lat, lon}}"))
    return warnings
