"""The :class:`Gazetteer`: place names to coordinates, offline, shaped like a geopy geocoder.

A name is looked up in three steps: its normalised form exactly (most news spellings land here);
failing that, the nearest normalised names by rapidfuzz's ``ratio``, accepted at :data:`MIN_SCORE`
or above when they may begin with the same sound (:func:`~gazetteer.normalize.first_sounds`) and no
name of another place beginning with another sound fits as well; and, when several distinct places
match equally well, a choice only where something settles it (a country named with the query, a
bias, or one place being a city that dwarfs the others), else the candidates are returned as
ambiguous, with what to add to the name to settle it (a country, or a town near the place), tried
before it is suggested. A name that matches nothing well is not found, with the
nearest names as suggestions: never a confident wrong place.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from .context import (
    CITY_POPULATION,
    CONTEXT_KM,
    CONTEXT_RATIO,
    WITHIN_RATIO,
    by_listing,
    by_population,
    distance_km,
    far_from_context,
    is_region,
    prominence,
    rank,
    region_word,
    split_context,
)
from .countries import TABLE
from .errors import AmbiguousPlace, PlaceNotFound, raised
from .kinds import region_sized
from .normalize import first_sounds, normalize
from .table import Place, PlaceTable

if TYPE_CHECKING:
    from geopy.location import Location

#: The least fuzzy score (0-100, rapidfuzz ``ratio`` of normalised names) accepted as a match.
MIN_SCORE = 88.0
#: Country names (and ISO codes) a query may end with, as in "Sinjar, Iraq" or "Sinjar (IQ)": those of
#: the country table (:data:`gazetteer.countries.TABLE`), by two-letter code, the name messages use first.
COUNTRIES = {country.alpha2: country.names for country in TABLE}
_COUNTRY_KEYS = {normalize(name): code for code, names in COUNTRIES.items() for name in (*names, code)}
_CHUNK = 512  # queries per rapidfuzz.cdist call: bounds memory to about 50 MB
#: How many candidates of an ambiguous name, and how many towns near each, are tried for the place
#: its message suggests adding (see :meth:`Gazetteer._hint`).
HINT_TRIES = 3

Status = Literal["found", "ambiguous", "not_found"]


@dataclass(frozen=True)
class Match:
    """What the gazetteer made of one query."""

    query: str
    status: Status
    place: Place | None = None
    score: float | None = None
    matched: str | None = None
    candidates: tuple[Place, ...] = ()
    suggestions: tuple[tuple[str, float], ...] = ()
    #: Why this place among several of the name (:mod:`gazetteer.context`), or ``None`` when the name has one.
    reason: str | None = None
    #: The other places of the name, likeliest first, when one was chosen among several.
    alternatives: tuple[Place, ...] = ()
    #: Works out :attr:`hint` when it is first asked for (a message needs it, a batch of lookups does not).
    hinter: Callable[[], tuple[str, str] | None] | None = field(default=None, compare=False, repr=False)

    @property
    def hint(self) -> tuple[str, str] | None:
        """For an ambiguous name: what to add to it to settle it, and the query so written
        (``("the country", "al-Tanf, Iraq")``); ``None`` when nothing written settles it."""
        return self.hinter() if self.hinter is not None else None

    @property
    def found(self) -> bool:
        return self.status == "found"

    @property
    def kind(self) -> Literal["point", "region"] | None:
        """``"region"`` when the place found is an area known by a representative point (a governorate,
        :func:`gazetteer.kinds.region_sized`), ``"point"`` for any other place, ``None`` when none was found.

        >>> from gazetteer import Gazetteer
        >>> [Gazetteer(user=False).resolve(q).kind for q in ("Homs Governorate", "Homs", "Wadi Narnia")]
        ['region', 'point', None]
        """
        if self.place is None:
            return None
        return "region" if region_sized(self.place.feature) else "point"

    def explain(self) -> str:
        """One sentence on the outcome, for messages.

        >>> from gazetteer import Gazetteer
        >>> print(Gazetteer(user=False).resolve("al-Tanf").explain())
        'al-Tanf' names 2 places: Al-Tanf garrison (SY, 33.5058, 38.6178),
        Al-Tanf border crossing (IQ, 33.4332, 38.9374); write the one you mean, or add the country
        ('al-Tanf, Iraq')
        """
        if self.status == "found" and self.place is not None:
            why = f"; chosen as {self.reason}" if self.reason else ""
            area = f", a region ({self.place.feature}), not a point" if self.kind == "region" else ""
            return (f"{self.query!r} is {self.place.label()}{area}, matched as {self.matched!r} "
                    f"(score {self.score:g}){why}")
        if self.status == "ambiguous":
            labels = ", ".join(place.label() for place in self.candidates)
            hint = self.hint
            how = f"add {hint[0]} ({hint[1]!r})" if hint else "its coordinates"
            return f"{self.query!r} names {len(self.candidates)} places: {labels}; write the one you mean, or {how}"
        nearest = ", ".join(f"{name} ({score:.0f})" for name, score in self.suggestions[:3])
        return f"{self.query!r} is not in the gazetteer" + (f"; nearest: {nearest}" if nearest else "")

    def to_dict(self) -> dict[str, Any]:
        """The match as JSON-ready data (the keys of ``tracker geocode --json``)."""
        place = self.place
        data: dict[str, Any] = {
            "query": self.query,
            "found": self.found,
            "name": place.name if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "country": place.country if place else None,
            "feature": place.feature if place else None,
            "score": self.score,
            "kind": self.kind,
        }
        if self.reason:  # a name several places bear: why this one (the other keys stay as they were)
            data["reason"] = self.reason
        if self.alternatives:
            data["alternatives"] = self.runners_up()
        if self.status == "ambiguous":
            data["candidates"] = [
                {"name": p.name, "latitude": p.latitude, "longitude": p.longitude, "country": p.country,
                 "feature": p.feature} for p in self.candidates
            ]
        if self.status == "not_found":
            data["suggestions"] = [name for name, _ in self.suggestions]
        return data

    def runners_up(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The first ``limit`` :attr:`alternatives` (all with ``None``) as data, likeliest first: name,
        latitude, longitude, country, feature and ``distance_km``, the geodesic distance on WGS84 from
        the chosen place, to 0.1 km.

        >>> from gazetteer import Gazetteer
        >>> bosra = Gazetteer(user=False).resolve_together(["Bosra", "Daraa"])[0]
        >>> bosra.runners_up()
        [{'name': 'Basrah', 'latitude': 30.50852, 'longitude': 47.7804, 'country': 'IQ', \
'feature': 'populated place', 'distance_km': 1095.6}]
        """
        others = self.alternatives[:limit]
        if self.place is None or not others:
            return []
        from pyproj import Geod

        place = self.place
        _, _, metres = Geod(ellps="WGS84").inv(
            np.full(len(others), place.longitude), np.full(len(others), place.latitude),
            np.array([p.longitude for p in others]), np.array([p.latitude for p in others]))
        return [{"name": p.name, "latitude": p.latitude, "longitude": p.longitude, "country": p.country,
                 "feature": p.feature, "distance_km": round(float(m) / 1000, 1)}
                for p, m in zip(others, metres, strict=True)]

    def location(self) -> Location:
        """The found place as a ``geopy.Location`` whose ``raw`` holds the details."""
        from geopy.location import Location

        if self.place is None:
            raise raised(PlaceNotFound)(self.explain())
        place = self.place
        raw = {
            "id": place.id, "name": place.name, "matched": self.matched, "score": self.score,
            "country": place.country, "feature": place.feature, "population": place.population,
            "source": place.source, "kind": self.kind,
        }
        address = f"{place.name}, {COUNTRIES.get(place.country, (place.country,))[0]}"
        return Location(address, (place.latitude, place.longitude), raw)


@dataclass(frozen=True)
class _Query:
    text: str
    key: str
    country: str | None  # a bias: preferred among equal matches
    alternative: str | None  # the part in parentheses, as in "Tadmur (Palmyra)"
    name: str  # the name without its country, the place written with it, or the part in parentheses
    required: str | None = None  # the country written in the query, as in "Sinjar, Iraq": obeyed
    level: str | None = None  # the region asked for, as in "Homs Governorate": ADM1
    within: str | None = None  # a place written with the name, as in "Hajin, Deir ez-Zor"
    near: tuple[tuple[float, float], ...] = ()  # the points of the context
    what: str = "the places named with it"
    ratio: float = CONTEXT_RATIO
    unplaced: bool = False  # the place written with the name is not in the gazetteer: nothing settles the name


def _parse(query: str, country: str | None) -> _Query:
    text = query.strip()
    alternative = required = None
    inner = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if inner:
        text, alternative = inner[1], inner[2]
        if normalize(alternative) in _COUNTRY_KEYS:
            required, alternative = _COUNTRY_KEYS[normalize(alternative)], None
    head, _, tail = text.rpartition(",")
    if head and normalize(tail) in _COUNTRY_KEYS:
        text, required = head, _COUNTRY_KEYS[normalize(tail)]
    text, within = split_context(text)
    name = text
    text, level = region_word(text)
    bias = required or (country.upper() if country else None)
    return _Query(query, normalize(text), bias, alternative, name, required, level, within)


class Gazetteer:
    """Offline geocoder over the bundled places (and the user's own, unless ``user=False``).

    ``country`` (an ISO code such as ``"SY"``) and ``region`` (``(south, west, north, east)`` in degrees)
    bias every lookup: among equally good matches, one inside the bias wins. ``fallback`` is any geopy
    geocoder (see :func:`gazetteer.online.nominatim`), asked only for names not found offline.

    >>> gazetteer = Gazetteer(user=False)
    >>> gazetteer.geocode("Deir al-Zour").point[:2]
    (35.33588, 40.14084)
    >>> gazetteer.geocode("Boukamal").raw["name"], gazetteer.geocode("Boukamal").raw["matched"]
    ('Ālbū Kamāl', 'Al-Bukamal')
    >>> gazetteer.geocode("Wadi Narnia") is None
    True
    """

    def __init__(
        self,
        table: PlaceTable | None = None,
        *,
        user: bool = True,
        country: str | None = None,
        region: tuple[float, float, float, float] | None = None,
        min_score: float = MIN_SCORE,
        fallback: Any = None,
    ):
        self._table = table
        self._user = user
        self.country = country.upper() if country else None
        self.region = region
        self.min_score = min_score
        self.fallback = fallback
        self._towns: list[tuple[Place, str]] | None = None

    @property
    def table(self) -> PlaceTable:
        """The place table, read on first use (so importing costs nothing)."""
        if self._table is None:
            self._table = PlaceTable.default(user=self._user)
        return self._table

    # --- geopy's interface --------------------------------------------------------------------

    def geocode(self, query: str, exactly_one: bool = True, *, country: str | None = None) -> Any:
        """A ``geopy.Location`` for ``query``, or ``None`` when nothing matches well enough.

        With ``exactly_one=False``, a list: every candidate of an ambiguous name. With ``exactly_one``,
        an ambiguous name raises :class:`~gazetteer.errors.AmbiguousPlace` listing the candidates, since
        picking one silently could put an event in the wrong place.
        """
        match = self.resolve(query, country=country)
        if match.status == "not_found":
            return None if exactly_one else []
        if match.status == "ambiguous":
            if exactly_one:
                raise raised(AmbiguousPlace)(match.explain(), [p.name for p in match.candidates])
            return [Match(query, "found", p, match.score, match.matched).location() for p in match.candidates]
        return match.location() if exactly_one else [match.location()]

    def reverse(self, query: Any, exactly_one: bool = True, *, limit: int = 5) -> Any:
        """The nearest place to a point (``(lat, lon)``, ``"lat, lon"`` or a geopy ``Point``), as a
        ``geopy.Location`` whose ``raw["distance_km"]`` is the geodesic distance. Administrative areas
        are left out: their point only stands for the area.

        >>> Gazetteer(user=False).reverse((34.6795, 36.85394)).raw["name"]  # Homs Governorate's own point
        'Homs'
        """
        from geopy.point import Point
        from pyproj import Geod

        point = Point(query)
        table = self.table
        count = len(table)
        _, _, metres = Geod(ellps="WGS84").inv(
            np.full(count, point.longitude), np.full(count, point.latitude), table.longitudes, table.latitudes
        )
        metres[[i for i, place in enumerate(table.places) if place.feature.startswith("administrative area")]] = np.inf
        order = np.argsort(metres)[: 1 if exactly_one else limit]
        order = order[np.isfinite(metres[order])]
        found = []
        for index in order:
            location = Match(str(query), "found", table.places[index], None, table.places[index].name).location()
            location.raw["distance_km"] = round(float(metres[index]) / 1000, 3)
            found.append(location)
        return found[0] if exactly_one else found

    # --- richer answers ----------------------------------------------------------------------

    def resolve(self, query: str, *, country: str | None = None, near: Sequence[tuple[float, float]] = (),
                what: str = "the places named with it") -> Match:
        """The full outcome for one name: found, ambiguous (with candidates) or not found (with
        suggestions). ``near`` are points of its context (the other places of its record or
        article), which settle a name that several places bear (:mod:`gazetteer.context`)."""
        return self.resolve_many([query], country=country, near=near, what=what)[0]

    def resolve_together(self, queries: Sequence[str], *, country: str | None = None,
                         what: str = "the other places named",
                         near: Sequence[tuple[float, float]] = ()) -> list[Match]:
        """:meth:`resolve_many` for names read together (one record's, one article's): a name that
        several places bear is settled by the places the other names found on their own, and by
        ``near``, points given with the names (a record's coordinates).

        >>> gazetteer = Gazetteer(user=False)
        >>> [m.status for m in gazetteer.resolve_many(["Bosra", "Daraa"])]
        ['ambiguous', 'found']
        >>> bosra = gazetteer.resolve_together(["Bosra", "Daraa"])[0]
        >>> bosra.place.name, bosra.reason
        ('Buşrá ash Shām', 'nearest to the other places named (37 km; the next is 1,130 km away)')
        """
        return self.resolve_groups([queries], country=country, what=what, near=[near])[0]

    def resolve_groups(self, groups: Sequence[Sequence[str]], *, country: str | None = None,
                       what: str = "the other places named",
                       near: Sequence[Sequence[tuple[float, float]]] | None = None) -> list[list[Match]]:
        """:meth:`resolve_together` for many groups of names (each record's), in one batch: every name
        is looked up once (:meth:`resolve_many`), then the names of each group that several places
        bear are settled by the group's other places, and by its points in ``near`` (one sequence per
        group).

        >>> [[m.status for m in group] for group in Gazetteer(user=False).resolve_groups(
        ...     [["Bosra", "Daraa"], ["Bosra"]])]
        [['found', 'found'], ['ambiguous']]
        """
        names = list(dict.fromkeys(name for group in groups for name in group))
        alone = dict(zip(names, self.resolve_many(names, country=country), strict=True))
        points = near if near is not None else [()] * len(groups)
        return [self._together([alone[name] for name in group], country, what, given)
                for group, given in zip(groups, points, strict=True)]

    def _together(self, first: list[Match], country: str | None, what: str,
                  near: Sequence[tuple[float, float]]) -> list[Match]:
        """The names of one group, found on their own (``first``), settled by one another and ``near``."""
        # The context is the names only one place bears (and ``near``); names chosen among several on
        # their own (for their kind or size) count only when there are none, since alone they may be
        # the wrong one: "Hawijah" alone is the Iraqi town, beside a Syrian village's neighbours a village.
        certain: dict[str, tuple[float, float]] = {}
        chosen: dict[str, tuple[float, float]] = {}
        for m in first:
            if m.place is not None and m.status == "found":
                (chosen if m.reason else certain)[m.query] = (m.place.latitude, m.place.longitude)
        answers: list[Match] = []
        for match in first:
            around = [*near, *(point for query, point in certain.items() if query != match.query)]
            if not around:
                around = [point for query, point in chosen.items() if query != match.query]
            unsure = match.status == "ambiguous" or (match.status == "found" and match.reason is not None)
            answers.append(self.resolve(match.query, country=country, near=around, what=what)
                           if unsure and around else match)
        return answers

    def resolve_many(self, queries: Sequence[str], *, country: str | None = None,
                     near: Sequence[tuple[float, float]] = (), what: str = "the places named with it") -> list[Match]:
        """:meth:`resolve` for many names at once: exact lookups first, then one batched fuzzy pass
        (rapidfuzz ``cdist``) over the names that missed."""
        parsed = self._contexts({q: _parse(q, country or self.country) for q in dict.fromkeys(queries)},
                                country, near, what)
        answers: dict[str, Match] = {}
        misses: list[_Query] = []
        for query in parsed.values():
            rows = self.table.key_rows.get(query.key)
            if query.unplaced:
                answers[query.text] = self._unplaced(query, country)
            elif rows:
                answers[query.text] = self._decide(query, rows, 100.0, query.key)
            else:
                misses.append(query)
        self._fuzzy(misses, answers)
        for query in parsed.values():
            if answers[query.text].status == "not_found":
                answers[query.text] = self._otherwise(query, answers[query.text])
        return [answers[q] for q in queries]

    def _contexts(self, parsed: dict[str, _Query], country: str | None, near: Sequence[tuple[float, float]],
                  what: str) -> dict[str, _Query]:
        """The queries with their context: the place written with each ("Hajin, Deir ez-Zor"), else ``near``."""
        withins = list(dict.fromkeys(q.within for q in parsed.values() if q.within))
        if withins:
            matches = dict(zip(withins, self.resolve_many(withins, country=country), strict=True))
            parsed = {text: _with_context(query, matches.get(query.within or "")) for text, query in parsed.items()}
        if near:
            parsed = {text: query if query.near else replace(query, near=tuple(near), what=what)
                      for text, query in parsed.items()}
        return parsed

    def _unplaced(self, query: _Query, country: str | None) -> Match:
        """Not found: the place written with the name ("Homs, Libya") is not in the gazetteer, so the
        name alone is only offered, never taken ("Homs" in Syria is not "Homs, Libya")."""
        alone = self.resolve(query.name, country=country)
        offered = ((alone.place.label(), alone.score or 0.0),) if alone.place is not None else alone.suggestions
        return Match(query.text, "not_found", suggestions=offered)

    def _otherwise(self, query: _Query, answer: Match) -> Match:
        """A name not found: its part in parentheses, else the online fallback."""
        if query.alternative:
            other = self.resolve(query.alternative, country=query.country)
            if other.status != "not_found":
                answer = replace(other, query=query.text)
        if answer.status == "not_found" and self.fallback is not None:
            answer = self._online(query.text, answer)
        return answer

    def _fuzzy(self, misses: list[_Query], answers: dict[str, Match]) -> None:
        if not misses:
            return
        from rapidfuzz import fuzz, process

        table = self.table
        for start in range(0, len(misses), _CHUNK):
            chunk = misses[start : start + _CHUNK]
            scores = process.cdist(
                [q.key for q in chunk], table.choices, scorer=fuzz.ratio, dtype=np.float32, workers=-1
            )
            for query, row in zip(chunk, scores, strict=True):
                # Only names that may begin with the query's first sound can match it ("Jaidin" is not
                # "Aydin", however close the letters), and not when a name of another place that
                # begins with another sound fits as well: those names are only suggested.
                usable = (table.choice_sounds & first_sounds(query.key)) != 0
                best = float(row[usable].max()) if usable.any() else -1.0
                close = row >= best - 1e-3
                tied = np.flatnonzero(usable & close)
                rows = [r for i in tied for r in table.choice_rows[i]]
                if not len(tied) or best < self.min_score or not set(rows).issuperset(
                        r for i in np.flatnonzero(~usable & close) for r in table.choice_rows[i]):
                    top = np.argsort(-row, kind="stable")[:8]  # best first; ties in table order
                    seen: dict[str, float] = {}
                    for i in top:
                        name = table.places[table.choice_rows[i][0]].name
                        seen.setdefault(name, round(float(row[i]), 1))
                    answers[query.text] = Match(query.text, "not_found", suggestions=tuple(list(seen.items())[:3]))
                    continue
                answers[query.text] = self._decide(query, rows, round(best, 1), table.choices[int(tied[0])])

    def _decide(self, query: _Query, rows: Iterable[int], score: float, key: str) -> Match:
        table = self.table
        distinct = list(dict.fromkeys(rows))
        if query.required is not None:
            elsewhere = [i for i in distinct if table.places[i].country != query.required]
            distinct = [i for i in distinct if table.places[i].country == query.required]
            if not distinct:
                suggestions = tuple((table.places[i].label(), score) for i in elsewhere[:3])
                return Match(query.text, "not_found", suggestions=suggestions)
        if query.level is not None:
            regions = [i for i in distinct if is_region(table.places[i], query.level)]
            distinct = regions or distinct
        else:  # a name alone means the town: an administrative area of its country only when asked for
            towns = {table.places[i].country for i in distinct
                     if not table.places[i].feature.startswith("administrative area")}
            distinct = [i for i in distinct if not (table.places[i].feature.startswith("administrative area")
                                                    and table.places[i].country in towns)]
        chosen, reason, ranked = self._settle(distinct, query, key)
        if chosen is None:
            candidates = tuple(table.places[i] for i in ranked)
            return Match(query.text, "ambiguous", None, score, key, candidates,
                         hinter=cache(partial(self._hint, query, candidates)))
        others = tuple(table.places[i] for i in ranked if i != chosen)
        return Match(query.text, "found", table.places[chosen], score, table.name_matched(chosen, key),
                     reason=reason, alternatives=others)

    def _settle(self, rows: list[int], query: _Query, key: str) -> tuple[int | None, str | None, list[int]]:
        """The one place among equally good matches (or ``None`` when nothing settles it), why, and
        the candidates likeliest first.

        Settled by the country or region bias; then by the context and the kind of place
        (:func:`gazetteer.context.rank`); else by size (:func:`gazetteer.context.by_population`): so
        "Raqqa" is the city, not a village of that name, but "Bosra", an alternate name of both Basra
        in Iraq and Bosra in Syria, stays ambiguous. A place chosen for its kind or size never wins
        when it lies far from the context and another candidate lies near it.
        """
        if len(rows) == 1:
            return rows[0], None, rows
        places = self.table.places
        biased = self._biased(rows, query.country)
        if biased is not None:
            return biased[0], biased[1], [biased[0], *(i for i in rows if i != biased[0])]
        index = {id(places[i]): i for i in rows}
        ranked = rank([places[i] for i in rows], query.near, query.what, query.ratio)
        order = [index[id(p)] for p in ranked.candidates]
        if ranked.chosen is not None:
            allowed = not far_from_context(ranked.chosen, ranked.candidates, query.near)
            return (index[id(ranked.chosen)], ranked.reason, order) if allowed else (None, None, order)
        first, reason = by_population([places[i] for i in rows], key)
        if first is None:
            first, reason = by_listing([places[i] for i in rows], key)
        if first is None or far_from_context(first, ranked.candidates, query.near):
            return None, None, order  # the context says another place of the name, however small
        return index[id(first)], reason, order

    def _hint(self, query: _Query, candidates: tuple[Place, ...]) -> tuple[str, str] | None:
        """What to add to an ambiguous name to settle it, and the query so written: the country of a
        candidate that no other candidate shares ("al-Tanf, Iraq"), else where it is, a town near it
        in its country (:meth:`_towns_near`) with which the name resolves to it, as tried here
        ("Tallaf, Aleppo"); ``None`` when neither settles it. The last candidates (the least
        likely) are tried first: the likeliest needs no example, the message lists it first."""
        countries = Counter(place.country for place in candidates)
        for place in reversed(candidates):
            if countries[place.country] == 1 and place.country in COUNTRIES:
                return "the country", f"{query.name}, {COUNTRIES[place.country][0]}"
        for place in list(reversed(candidates))[:HINT_TRIES]:
            for town, written in self._towns_near(place, candidates, query.key)[:HINT_TRIES]:
                near = [(town.latitude, town.longitude)]
                if rank(candidates, near, ratio=WITHIN_RATIO).chosen is not place:
                    continue  # the town would not settle the name (a quick look before trying it)
                text = f"{query.name}, {written}"
                if self.resolve(text, country=query.country).place == place:
                    return "where it is", text
        return None

    def _towns_near(self, place: Place, candidates: Sequence[Place], key: str) -> list[tuple[Place, str]]:
        """The towns within :data:`~gazetteer.context.CONTEXT_KM` of ``place`` in its country, nearest
        first, each with the name to write it by: towns of :data:`~gazetteer.context.CITY_POPULATION`
        people or more and seats of governorates, which their name alone finds, none of them a
        candidate nor named ``key``."""
        if self._towns is None:
            towns = [p for p in self.table.places if p.population >= CITY_POPULATION or prominence(p) >= 5]
            names = [_plain_name(p) for p in towns]
            found = self.resolve_many(names)
            self._towns = [(p, n) for p, n, m in zip(towns, names, found, strict=True) if m.place == p]
        ids = {p.id for p in candidates}
        near = [(distance_km(place.latitude, place.longitude, town), town, name) for town, name in self._towns
                if town.country == place.country and town.id not in ids and key not in town.name_keys()]
        return [(town, name) for far, town, name in sorted(near, key=lambda t: t[0]) if far <= CONTEXT_KM]

    def _biased(self, rows: list[int], country: str | None) -> tuple[int, str] | None:
        """The only candidate in the country or the region of the bias, and why; ``None`` if not one."""
        places = self.table.places
        if country is not None:
            inside = [i for i in rows if places[i].country == country]
            if len(inside) == 1:
                return inside[0], f"the only one in {country}"
        if self.region is not None:
            inside = [i for i in rows if _inside(places[i], self.region)]
            if len(inside) == 1:
                return inside[0], "the only one in the region"
        return None

    def _online(self, query: str, offline: Match) -> Match:
        location = self.fallback.geocode(query)
        if location is None:
            return offline
        raw = location.raw if isinstance(location.raw, dict) else {}
        place = Place(
            f"online:{raw.get('osm_type', '')}{raw.get('osm_id', '')}", location.address.split(",")[0],
            location.latitude, location.longitude, str((raw.get("address") or {}).get("country_code", "")).upper(),
            str(raw.get("type", "online")), 0, "https://nominatim.openstreetmap.org",
        )
        return Match(query, "found", place, None, location.address)


def _with_context(query: _Query, context: Match | None) -> _Query:
    """The query with the place written with it ("Hajin, Deir ez-Zor") as its context; marked
    ``unplaced`` when the gazetteer does not know that place."""
    if context is not None and context.status == "not_found":
        return replace(query, unplaced=True)
    if context is None or context.place is None:
        return query
    place = context.place
    return replace(query, near=((place.latitude, place.longitude),), what=place.name, ratio=WITHIN_RATIO)


def _plain_name(place: Place) -> str:
    """The place's name, or a spelling of it in plain Latin letters when there is one ("Hama" for "Ḩamāh").

    >>> _plain_name(Place("x", "Ḩamāh", 35.13, 36.76, "SY", "populated place", names=("Ḩamāh", "Hama", "Hamah")))
    'Hama'
    """
    if place.name.isascii():
        return place.name
    key = normalize(place.name)
    return next((name for name in place.names if name.isascii() and normalize(name) == key), place.name)


def _inside(place: Place, region: tuple[float, float, float, float]) -> bool:
    south, west, north, east = region
    return south <= place.latitude <= north and west <= place.longitude <= east
