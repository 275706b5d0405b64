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
from ..records.model import Coordinates, Event, InsideClaim
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
    coordinates lie outside the countries its places and claims name.

    >>> from tracker.records.collection import EventCollection
    >>> from tracker.records.model import Event
    >>> from tracker.geo.places import resolve_places
    >>> from gazetteer import Gazetteer
    >>> swapped = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": {"lat": 38.55, "lon": 34.78},  # near Tadmur, written lon first
    ...     "area": {"hull": ["Tadmur", "Arak", "As Sukhnah"]}})
    >>> events = EventCollection([swapped])
    >>> [problem.message for problem in misplaced_points(events, resolve_places(events, Gazetteer(user=False)))]
    ["{lat: 38.55, lon: 34.78} lies in Turkey, but the record's places are in Syria; swapped, {lat: 34.78,
     lon: 38.55} lies in Syria: are latitude and longitude swapped?"]
    """
    places: dict[str, list[tuple[tuple[str | int, ...], str]]] = {}
    for (event_id, path), match in resolution.matches.items():
        if match.found and match.place is not None:
            places.setdefault(event_id, []).append((path, match.place.country))
    warnings = []
    for event in events:
        if not isinstance(event.location, Coordinates):
            continue
        named, strong = _named_countries(event, places.get(event.id, []))
        message = _misplaced(event.location.lat, event.location.lon, named, strong) if named else None
        if message is None:
            continue
        origin = events.origin(event.id)
        line, column = position(origin, ("location",), text=(texts or {}).get(origin.file))
        warnings.append(Problem(origin.file, line, column, "location", message))
    return warnings


def _named_countries(event: Event, places: list[tuple[tuple[str | int, ...], str]]) -> tuple[set[str], set[str]]:
    """The shipped countries a record names (its places' and its ``inside:`` claims'), and those of
    them that say where the record itself lies (its area's places and ``inside:`` claims)."""
    from .countries import country_named

    named: set[str] = set()
    strong: set[str] = set()
    for path, country in places:
        code = country_named(country)
        if code:
            named.add(code)
            if path[0] == "area":
                strong.add(code)
    for claim in event.claims:
        if isinstance(claim, InsideClaim) and (code := country_named(claim.inside)):
            named.add(code)
            strong.add(code)
    return named, strong


def _misplaced(lat: float, lon: float, named: set[str], strong: set[str]) -> str | None:
    """Why the point (lat, lon) is doubted, against the countries its record names, or ``None``."""
    from shapely.geometry import Point

    from .countries import countries
    from .geodesy import distance_to

    shapes = countries()
    point = Point(lon, lat)
    if any(shapes[code][1].covers(point) for code in named) or any(
            distance_to(lat, lon, shapes[code][1]) <= MARGIN_KM * 1000 for code in named):
        return None
    where = next((name for name, shape in shapes.values() if shape.covers(point)), None)
    lies = f"lies in {where}" if where else "lies in none of the shipped countries"
    swapped = Point(lat, lon) if -90 <= lon <= 90 else None
    home = next((shapes[code][0] for code in sorted(named) if swapped and shapes[code][1].covers(swapped)), None)
    if home:
        names = " or ".join(sorted(shapes[code][0] for code in named))
        return (f"{{lat: {lat:g}, lon: {lon:g}}} {lies}, but the record's places are in {names}; swapped, "
                f"{{lat: {lon:g}, lon: {lat:g}}} lies in {home}: are latitude and longitude swapped?")
    if strong:
        strong_names = " or ".join(sorted(shapes[code][0] for code in strong))
        return (f"{{lat: {lat:g}, lon: {lon:g}}} {lies}, outside {strong_names}, where the record's area or "
                "inside: claim puts it; check the coordinates")
    return None


def region_anchors(events: EventCollection, resolution: Resolution, texts: dict[str, str] | None = None
                   ) -> list[Problem]:
    """A warning for each hull corner or circle centre that names a region-sized place (see
    :func:`gazetteer.kinds.region_sized`): an area built from it cannot be measured.

    >>> from tracker.records.collection import EventCollection
    >>> from tracker.geo.places import resolve_places
    >>> from gazetteer import Gazetteer
    >>> events = EventCollection([Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T",
    ...     "type": "Battles", "actors": ["X"], "location": "Tadmur",
    ...     "area": {"hull": ["Syrian Desert", "Homs", "Tadmur"]}})])
    >>> for problem in region_anchors(events, resolve_places(events, Gazetteer(user=False))):
    ...     print(problem)
    <memory>: area.hull.0: Syrian Desert is a region, not a point: an area built from it cannot be measured, and
    its claims are unverifiable; name a town or other point for the corner, or give its {lat, lon}
    """
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
