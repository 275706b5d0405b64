"""The places records name, resolved through the gazetteer.

Wherever a record expects a place (``location``, the items of ``hull``, ``circle.center``, a distance
claim's ``to`` and a direction claim's ``of``) it holds a gazetteer name or coordinates. Coordinates
need nothing; every name is resolved here, all of a folder in one batch, and a name that is unknown
or ambiguous becomes a :class:`~tracker.errors.Problem` located at its line.

A record's places are read together (:meth:`gazetteer.Gazetteer.resolve_groups`): a name that
several places bear is settled by the record's other places, names and coordinates alike, by the
margins of :mod:`gazetteer.context`, and the choice keeps its reason (:func:`resolved_entry`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..records.diagnostics import field_path
from ..records.model import Alternative, Coordinates, DirectionClaim, DistanceClaim, Event, Resolved
from ..records.yaml import position

if TYPE_CHECKING:
    from gazetteer import Gazetteer, Match

    from ..records.collection import EventCollection

Path = tuple[str | int, ...]
#: What a record's other places are called in the reason for a choice among places of one name.
RECORD_CONTEXT = "the record's other places"
#: How many other places of a name ``resolved:`` keeps, the likeliest first.
STORED_ALTERNATIVES = 3


def place_names(event: Event, event_ids: frozenset[str] = frozenset()) -> Iterator[tuple[Path, str]]:
    """Each place name of a record with the path of its key; names that are event ids (the ``to`` of
    a distance to another event's area) are not places and are left out.

    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": "Tadmur", "area": {"hull": ["Tadmur", "Arak", {"lat": 34.9, "lon": 38.9}]},
    ...     "claims": [{"distance": "15 mi", "to": "Al-Tanf garrison"}, {"direction": "e", "of": "Tadmur"}]})
    >>> [(field_path(path), name) for path, name in place_names(event)]
    [('location', 'Tadmur'), ('area.hull[0]', 'Tadmur'), ('area.hull[1]', 'Arak'),
     ('claims[0].to', 'Al-Tanf garrison'), ('claims[1].of', 'Tadmur')]
    """
    for path, place in _places(event, event_ids):
        if not isinstance(place, Coordinates):
            yield path, place


def place_points(event: Event) -> list[tuple[float, float]]:
    """The places a record gives as coordinates, as (latitude, longitude): the context of its names.

    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": "Tadmur", "area": {"hull": ["Tadmur", "Arak", {"lat": 34.9, "lon": 38.9}]}})
    >>> place_points(event)
    [(34.9, 38.9)]
    """
    return [(place.lat, place.lon) for _, place in _places(event) if isinstance(place, Coordinates)]


def _places(event: Event, event_ids: frozenset[str] = frozenset()) -> list[tuple[Path, Any]]:
    """Every place of a record, a name or coordinates, with the path of its key."""
    candidates: list[tuple[Path, Any]] = [(("location",), event.location)]
    if event.area is not None:
        if event.area.hull is not None:
            candidates += [(("area", "hull", i), place) for i, place in enumerate(event.area.hull)]
        if event.area.circle is not None:
            candidates.append((("area", "circle", "center"), event.area.circle.center))
    for i, claim in enumerate(event.claims):
        if isinstance(claim, DistanceClaim) and (isinstance(claim.to, Coordinates) or
                                                 (isinstance(claim.to, str) and claim.to not in event_ids)):
            candidates.append((("claims", i, "to"), claim.to))
        elif isinstance(claim, DirectionClaim) and isinstance(claim.of, str | Coordinates):
            candidates.append((("claims", i, "of"), claim.of))
    return candidates


def _circle_problem(event: Event, path: Path, match: Match) -> str | None:
    """What makes the circle around a found centre unfit to measure, or ``None``."""
    circle = event.area.circle if event.area is not None else None
    if path != ("area", "circle", "center") or circle is None or match.place is None:
        return None
    from ..records.extent import circle_problem

    return circle_problem(match.place.latitude, match.place.longitude, circle.radius.to("m"))


def resolved_entry(match: Match) -> Resolved:
    """What ``resolved:`` keeps of a found name: the gazetteer entry, and when several places bear
    the name, why this one and the :data:`STORED_ALTERNATIVES` likeliest others with their distance
    from it.

    >>> from gazetteer import Gazetteer
    >>> entry = resolved_entry(Gazetteer(user=False).resolve("Tadmur"))
    >>> entry.entry, entry.name, entry.country, entry.reason
    ('geonames:163808', 'Tadmur', 'SY', None)
    """
    place = match.place
    if place is None:
        raise ValueError(f"{match.query!r} was not found, so it has no entry")
    others = tuple(
        Alternative(name=other["name"], country=other["country"] or None, lat=other["latitude"],
                    lon=other["longitude"], distance_km=other["distance_km"])
        for other in match.runners_up(STORED_ALTERNATIVES)
    )
    return Resolved(entry=place.id, name=place.name, lat=place.latitude, lon=place.longitude,
                    country=place.country or None, score=round(float(match.score or 0), 1),
                    reason=match.reason, alternatives=others or None)


@dataclass(frozen=True)
class Resolution:
    """Every place name of a set of records, resolved: look one up with ``[event_id, path]``.

    >>> from gazetteer import Gazetteer
    >>> from tracker.records.collection import EventCollection
    >>> events = EventCollection([Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T",
    ...     "type": "Battles", "actors": ["X"], "location": "Tadmur"})])
    >>> resolution = resolve_places(events, Gazetteer(user=False))
    >>> resolution["a", ("location",)].place.name, resolution.problems
    ('Tadmur', [])
    """

    matches: dict[tuple[str, Path], Match]
    problems: list[Problem]

    def __getitem__(self, key: tuple[str, Path]) -> Match:
        return self.matches[key]


def resolve_places(
    events: EventCollection, gazetteer: Gazetteer | None = None, texts: dict[str, str] | None = None
) -> Resolution:
    """Resolve every place name of ``events`` in one batch; unknown and ambiguous names become
    problems naming the file, line and column (the offline gazetteer by default). ``texts`` holds the
    YAML of records that were not read from a file (standard input), by the name they were read as.

    >>> from gazetteer import Gazetteer
    >>> from tracker.records.collection import EventCollection
    >>> events = EventCollection([Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T",
    ...     "type": "Battles", "actors": ["X"], "location": "Tadmur",
    ...     "area": {"hull": ["Tadmur", "Arak", "As Sukhnah"]}, "claims": [{"distance": "15 mi", "to": "al-Tanf"}]})])
    >>> resolution = resolve_places(events, Gazetteer(user=False))
    >>> [(path, match.place.name) for (_, path), match in resolution.matches.items() if match.found]
    [(('location',), 'Tadmur'), (('area', 'hull', 0), 'Tadmur'), (('area', 'hull', 1), 'Arak'),
     (('area', 'hull', 2), 'As Sukhnah')]
    >>> for problem in resolution.problems:
    ...     print(problem)
    <memory>: claims[0].to: 'al-Tanf' names 2 places: Al-Tanf garrison (SY, 33.5058, 38.6178),
    Al-Tanf border crossing (IQ, 33.4332, 38.9374); write the one you mean, or add the country ('al-Tanf, Iraq')
    """
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer()
    ids = frozenset(event.id for event in events)
    records = [(event, list(place_names(event, ids)))
               for event, derived in zip(events, events.point_claims(), strict=True)
               if not derived.complete]  # else every place of the record is given as coordinates
    records = [(event, names) for event, names in records if names]
    groups = gazetteer.resolve_groups([[name for _, name in names] for _, names in records], what=RECORD_CONTEXT,
                                      near=[place_points(event) for event, _ in records])
    wanted = [(event, path, name) for event, names in records for path, name in names]
    answers = [match for group in groups for match in group]
    matches: dict[tuple[str, Path], Match] = {}
    problems = []
    for (event, path, _), match in zip(wanted, answers, strict=True):
        matches[event.id, path] = match
        explained = _circle_problem(event, path, match) if match.status == "found" else match.explain()
        if explained is None:
            continue
        origin = events.origin(event.id)
        line, column = position(origin, path, text=(texts or {}).get(origin.file))
        hint = (
            "; add it with `tracker gazetteer import places.csv`, or write {lat: ..., lon: ...}"
            if match.status == "not_found"
            else ""
        )
        problems.append(Problem(origin.file, line, column, field_path(path), explained + hint))
    from .references import unknown_references

    problems += unknown_references(events, texts)
    return Resolution(matches, problems)
