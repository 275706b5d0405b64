"""One place, one entry: the places of an import merged with those already known.

An imported place is the same as a known one when it has the same id (a GeoNames id), or a
normalised name in common, the same country, the same feature class (populated place, administrative
area, site...) and lies within :data:`MERGE_KM` of it; or, for an administrative area, a normalised
name in common, the same country and the same level (``ADM1``...), wherever its point lies. The two
become one: the known place's id and name, the names of both, the more precise feature (``populated
place (PPLA)`` over ``populated place``), the larger known population, and the position of the more
populous (the known one's on a tie). Duplicates therefore never make a name ambiguous, and the
outcome depends only on the order of the inputs.

>>> raqqa = Place("geonames:172955", "Ar Raqqah", 35.95283, 39.00788, "SY", "populated place", 177636,
...               names=("Ar Raqqah", "Raqqa"))
>>> imported = Place("whosonfirst:1", "الرقة", 35.9528, 39.0079, "SY", "populated place (PPLA)", 0,
...                  names=("الرقة", "Ar-Raqqah"))
>>> merged = merge_places([raqqa], [imported])
>>> [(p.id, p.name, p.feature, p.population, p.names) for p in merged.places]
[('geonames:172955', 'Ar Raqqah', 'populated place (PPLA)', 177636, ('Ar Raqqah', 'Raqqa', 'الرقة', 'Ar-Raqqah'))]
>>> merged.added, merged.merged, merged.replaced
(0, 1, 0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .table import Place

#: Two places of one normalised name and one feature class closer than this are one place, in km
#: (a town's point in two sources differs by a kilometre or two; villages of one name are further apart).
MERGE_KM = 5.0
_CLASSES = {"populated place": "P", "administrative area": "A", "water": "H", "area": "L", "road": "R",
            "site": "S", "terrain": "T", "undersea": "U", "vegetation": "V"}


def feature_class(feature: str) -> str:
    """The kind of a feature column for merging: a GeoNames class letter, else the word itself.

    >>> feature_class("populated place (PPLA2)"), feature_class("populated place"), feature_class("airbase")
    ('P', 'P', 'airbase')
    """
    word = feature.partition(" (")[0].strip().lower()
    return _CLASSES.get(word, word)


def distance_km(a: Place, b: Place) -> float:
    """The great-circle distance between two places, in km (a sphere is precise enough to merge).

    >>> round(distance_km(Place("a", "a", 35.0, 40.0, "SY", "p"), Place("b", "b", 35.0, 40.1, "SY", "p")), 2)
    9.11
    """
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Merged:
    """The places after a merge (the known ones first, in their order, then the new ones), and how
    many incoming places were new, merged into a known one, or replaced one of the same id."""

    places: list[Place]
    added: int
    merged: int
    replaced: int
    #: The indexes in ``places`` of the known places that an incoming one changed.
    changed: frozenset[int]


def _keys(place: Place) -> tuple[str, ...]:
    return place.name_keys()


def _better_feature(known: str, other: str) -> str:
    """The more precise of two features of one class: one with a GeoNames code over one without."""
    return other if "(" in other and "(" not in known and feature_class(known) == feature_class(other) else known


def unite(known: Place, other: Place) -> Place:
    """One place from two that are the same: see the module's description."""
    names = tuple(dict.fromkeys((*(known.names or (known.name,)), *(other.names or (other.name,)))))
    moved = other.population > known.population
    return replace(
        known, latitude=other.latitude if moved else known.latitude,
        longitude=other.longitude if moved else known.longitude, feature=_better_feature(known.feature, other.feature),
        population=max(known.population, other.population), source=known.source or other.source, names=names,
        keys=tuple(dict.fromkeys((*known.name_keys(), *other.name_keys()))),
    )


def merge_places(known: Sequence[Place], incoming: Sequence[Place]) -> Merged:
    """``incoming`` merged into ``known``: one place, one entry (see the module's description)."""
    places = list(known)
    by_id = {place.id: i for i, place in enumerate(places)}
    by_key: dict[str, list[int]] = {}
    for i, place in enumerate(places):
        for key in _keys(place):
            by_key.setdefault(key, []).append(i)
    added = merged = replaced = 0
    changed: set[int] = set()
    for place in incoming:
        index = by_id.get(place.id)
        if index is not None:
            places[index] = unite(places[index], place)
            replaced += 1
            changed.add(index)
            continue
        index = _same_place(place, places, by_key)
        if index is not None:
            places[index] = unite(places[index], place)
            merged += 1
            changed.add(index)
        else:
            index = len(places)
            places.append(place)
            by_id[place.id] = index
            added += 1
        for key in _keys(place):
            if index not in by_key.setdefault(key, []):
                by_key[key].append(index)
    return Merged(places, added, merged, replaced, frozenset(changed))


def _same_place(place: Place, places: list[Place], by_key: dict[str, list[int]]) -> int | None:
    """The index of the known place ``place`` duplicates, the nearest if several, or ``None``.

    Administrative areas of one level (``administrative area (ADM1)``...) and one country that share a
    normalised name are one area however far apart their points lie: each source puts an area's point
    somewhere else inside it (the bundled governorates at the mean of their towns, GeoNames near the
    middle of the outline). Among several, the one sharing the most names wins, then the nearest."""
    kind = feature_class(place.feature)
    area = kind == "A" and place.feature.endswith(")")
    keys = set(_keys(place))
    best: tuple[int, float, int] | None = None
    for i in dict.fromkeys(i for key in _keys(place) for i in by_key.get(key, ())):
        other = places[i]
        if feature_class(other.feature) != kind or other.country != place.country:
            continue
        far = distance_km(place, other)
        same_area = area and other.feature.lower() == place.feature.lower()
        if not (far <= MERGE_KM or same_area):
            continue
        shared = len(keys & set(_keys(other))) if same_area else 0
        if best is None or (-shared, far) < (-best[0], best[1]):
            best = (shared, far, i)
    return best[2] if best else None
