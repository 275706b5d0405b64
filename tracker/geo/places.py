"""The places records name, resolved through the gazetteer.

Wherever a record expects a place (``location``, the items of ``hull``, ``circle.center``, a distance
claim's ``to`` and a direction claim's ``of``) it holds a gazetteer name or coordinates. Coordinates
need nothing; every name is resolved here, all of a folder in one batch, and a name that is unknown
or ambiguous becomes a :class:`~tracker.errors.Problem` located at its line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..records.diagnostics import field_path
from ..records.model import Coordinates, DirectionClaim, DistanceClaim, Event
from ..records.yaml import position

if TYPE_CHECKING:
    from gazetteer import Gazetteer, Match

    from ..records.collection import EventCollection

Path = tuple[str | int, ...]


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
    candidates: list[tuple[Path, Any]] = [(("location",), event.location)]
    if event.area is not None:
        if event.area.hull is not None:
            candidates += [(("area", "hull", i), place) for i, place in enumerate(event.area.hull)]
        if event.area.circle is not None:
            candidates.append((("area", "circle", "center"), event.area.circle.center))
    for i, claim in enumerate(event.claims):
        if isinstance(claim, DistanceClaim) and isinstance(claim.to, str) and claim.to not in event_ids:
            candidates.append((("claims", i, "to"), claim.to))
        elif isinstance(claim, DirectionClaim) and isinstance(claim.of, str):
            candidates.append((("claims", i, "of"), claim.of))
    for path, place in candidates:
        if not isinstance(place, Coordinates):
            yield path, place


def _circle_problem(event: Event, path: Path, match: Match) -> str | None:
    """What makes the circle around a found centre unfit to measure, or ``None``."""
    circle = event.area.circle if event.area is not None else None
    if path != ("area", "circle", "center") or circle is None or match.place is None:
        return None
    from ..records.extent import circle_problem

    return circle_problem(match.place.latitude, match.place.longitude, circle.radius.to("m"))


@dataclass(frozen=True)
class Resolution:
    """Every place name of a set of records, resolved: look one up with ``[event_id, path]``."""

    matches: dict[tuple[str, Path], Match]
    problems: list[Problem]

    def __getitem__(self, key: tuple[str, Path]) -> Match:
        return self.matches[key]


def resolve_places(
    events: EventCollection, gazetteer: Gazetteer | None = None, texts: dict[str, str] | None = None
) -> Resolution:
    """Resolve every place name of ``events`` in one batch; unknown and ambiguous names become
    problems naming the file, line and column (the offline gazetteer by default). ``texts`` holds the
    YAML of records that were not read from a file (standard input), by the name they were read as."""
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer()
    ids = frozenset(event.id for event in events)
    wanted = [
        (event, path, name)
        for event, derived in zip(events, events.point_claims(), strict=True)
        if not derived.complete  # every place of the record is given as coordinates
        for path, name in place_names(event, ids)
    ]
    answers = gazetteer.resolve_many([name for _, _, name in wanted])
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
