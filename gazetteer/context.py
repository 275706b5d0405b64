"""Choosing among the places of one name by prominence and by context.

When a name fits several places, each candidate is weighed by what the evidence gives, in this order;
the first rule that separates the best candidate from the next by its margin decides, and the reason
is kept for ``geocode --json`` and a record's ``resolved:``:

1. **the context**: the places around it (a place written with the name, as in "Hajin, Deir ez-Zor",
   or the other places of the same record or article). The nearest candidate wins when it lies
   within :data:`CONTEXT_KM` of them and every other candidate is at least :data:`CONTEXT_RATIO`
   times as far (and :data:`CONTEXT_GAP_KM` further);
2. **the kind of place** (:func:`prominence`): a capital over an admin seat over a town or village
   over a quarter, and any of those over an administrative area of the same name in its country (a
   name alone means the town: "Homs" is the city, "Homs Governorate" the region; the geocoder leaves
   such an area out unless the query asks for a region). It decides when the
   best candidate's rank exceeds the next one's by :data:`KIND_MARGIN` or more.

Then the size (:func:`by_population`) and the bundled table's listing (:func:`by_listing`) may
settle it, each by its own margin, unless the context lies near another candidate
(:func:`far_from_context`). Otherwise the name stays ambiguous, with its candidates in that order
(nearest to the context, then most prominent, then most populous) so that the likeliest comes first.

>>> town = Place("a", "Homs", 34.73, 36.71, "SY", "populated place (PPLA)")
>>> area = Place("b", "Homs", 34.48, 38.36, "SY", "administrative area (ADM1)")
>>> rank([town, area], []).reason
'the most prominent kind of place (populated place (PPLA) over administrative area (ADM1))'
>>> near = Place("c", "Al Qurayya", 34.956, 40.541, "SY", "populated place (PPL)")
>>> far = Place("d", "Al Qurayya", 32.543, 36.598, "SY", "populated place (PPL)")
>>> ranked = rank([far, near], [(35.0, 40.5), (34.9, 40.6)], "the article's other places")
>>> ranked.chosen.id, ranked.reason
('c', "nearest to the article's other places (1 km; the next is 453 km away)")
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .normalize import normalize
from .table import Place

#: The nearest candidate must lie this close to the context's centre, in km, for the context to decide.
CONTEXT_KM = 150.0
#: ... and every other candidate at least this many times as far ...
CONTEXT_RATIO = 3.0
#: The ratio for a place written with the name ("Hajin, Deir ez-Zor"): a governorate's point is far
#: from its villages, but the writer meant that governorate.
WITHIN_RATIO = 2.0
#: ... and at least this many km further.
CONTEXT_GAP_KM = 5.0
#: A town settles a tie when it has at least this many people and ten times the next candidate's
#: (whose population must be known: GeoNames' 0 means unknown, and an unknown never loses).
DOMINANT_POPULATION = 10_000
#: A town of at least this many people beats places whose population is unknown: GeoNames knows the
#: population of every city that large, so an unknown one is a village.
CITY_POPULATION = 100_000
#: GeoNames lists a populated place among its towns (the bundled table) from this many people on.
LISTED_POPULATION = 500
#: How many ranks of :func:`prominence` the best candidate must lead the next by for its kind to decide.
KIND_MARGIN = 2
#: Words after a name that ask for the region, not the town: the GeoNames code prefix of what they mean.
REGION_WORDS = {"governorate": "ADM1", "province": "ADM1", "muhafazah": "ADM1", "muhafazat": "ADM1",
                "wilayah": "ADM1", "district": "ADM2", "qada": "ADM2", "mantiqa": "ADM2", "subdistrict": "ADM3",
                "sub-district": "ADM3", "nahiya": "ADM3", "محافظة": "ADM1", "محافظه": "ADM1", "ولاية": "ADM1",
                "قضاء": "ADM2", "منطقة": "ADM2", "ناحية": "ADM3"}
_RANKS = {"PPLC": 6, "PPLA": 5, "PPLA2": 4, "PPLA3": 3, "PPLA4": 3, "PPL": 2, "PPLL": 2, "PPLF": 2, "PPLX": 1,
          "PPLQ": 0, "PPLW": 0, "PPLH": 0}


def prominence(place: Place) -> int:
    """The rank of a place's kind: 6 a capital, 5 a governorate's seat, 4 a district's, 3 a
    sub-district's, 2 a town or village (or a named site, such as a base or a crossing), 1 a quarter of
    a town, 0 an abandoned or historical place or an administrative area.

    >>> [prominence(Place("x", "x", 0, 0, "SY", f)) for f in ("populated place (PPLC)", "populated place",
    ...     "airbase", "populated place (PPLX)", "administrative area (ADM1)")]
    [6, 2, 2, 1, 0]
    """
    feature = place.feature
    if feature.startswith(("administrative area", "region")):
        return 0
    code = feature.rpartition("(")[2].rstrip(")") if feature.endswith(")") else ""
    return _RANKS.get(code, 2)


def region_word(text: str) -> tuple[str, str | None]:
    """The name without a trailing (or leading) word that asks for a region, and the kind of region
    asked (a GeoNames code prefix such as ``ADM1``), or ``None``.

    Also "the province of Homs", "Governorate of Idlib" and the Arabic "محافظة حمص".

    >>> region_word("Homs Governorate"), region_word("Muhafazat Idlib"), region_word("Hajin")
    (('Homs', 'ADM1'), ('Idlib', 'ADM1'), ('Hajin', None))
    >>> region_word("the province of Homs"), region_word("محافظة حمص"), region_word("the Anbar province")
    (('Homs', 'ADM1'), ('حمص', 'ADM1'), ('Anbar', 'ADM1'))
    """
    words = text.split()
    if len(words) > 2 and words[0].lower() == "the" and (words[1].lower() in REGION_WORDS
                                                          or words[-1].lower() in REGION_WORDS):
        words = words[1:]
    if len(words) > 2 and words[0].lower() in REGION_WORDS and words[1].lower() == "of":
        return " ".join(words[2:]), REGION_WORDS[words[0].lower()]
    if len(words) > 1 and words[-1].lower() in REGION_WORDS:
        return " ".join(words[:-1]), REGION_WORDS[words[-1].lower()]
    if len(words) > 1 and words[0].lower() in REGION_WORDS:
        return " ".join(words[1:]), REGION_WORDS[words[0].lower()]
    return text, None


def is_region(place: Place, level: str) -> bool:
    """Whether ``place`` is an administrative area of ``level`` (``ADM1``...), or any region when it has no code."""
    if not place.feature.startswith("administrative area"):
        return place.feature == "region"
    return place.feature.endswith(f"({level})") or "(" not in place.feature


def distance_km(latitude: float, longitude: float, place: Place) -> float:
    """The great-circle distance from a point to a place, in km.

    >>> round(distance_km(34.5624, 38.28402, Place("x", "Tadmur", 34.5624, 39.28402, "SY", "p")))
    92
    """
    la1, lo1, la2, lo2 = map(math.radians, (latitude, longitude, place.latitude, place.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Ranked:
    """The candidates of one name in order, the chosen one (``None``: still ambiguous) and why."""

    candidates: tuple[Place, ...]
    chosen: Place | None
    reason: str | None


def centre(points: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """The median latitude and longitude of ``points`` (robust to one far-off place), or ``None``.

    >>> centre([(35.0, 40.0), (35.2, 40.2), (33.5, 36.3)]), centre([])
    ((35.0, 40.0), None)
    """
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def rank(places: Sequence[Place], near: Sequence[tuple[float, float]],
         what: str = "the places named with it", ratio: float = CONTEXT_RATIO) -> Ranked:
    """``places`` (the candidates of one name) ranked by context and prominence (see the module's
    description); ``near`` are the points of the context, ``what`` says what they are, ``ratio`` is
    :data:`CONTEXT_RATIO`, or :data:`WITHIN_RATIO` for a place written with the name."""
    middle = centre(near)
    far = {id(p): distance_km(*middle, p) if middle else 0.0 for p in places}
    order = sorted(places, key=lambda p: (round(far[id(p)]), -prominence(p), -p.population))
    if len(order) == 1:
        return Ranked(tuple(order), order[0], None)
    best, second = order[0], order[1]
    if middle is not None:
        d1, d2 = far[id(best)], far[id(second)]
        if d1 <= CONTEXT_KM and d2 >= ratio * d1 and d2 - d1 >= CONTEXT_GAP_KM:
            return Ranked(tuple(order), best, f"nearest to {what} ({d1:,.0f} km; the next is {d2:,.0f} km away)")
    by_kind = sorted(places, key=lambda p: (-prominence(p), -p.population))
    top, next_ = by_kind[0], by_kind[1]
    # a town outranks an administrative area of its name in its own country ("Homs"), not one of another
    # country, whose name the town may merely share ("Anbar": a Turkish village, or the Iraqi governorate)
    foreign_area = next_.feature.startswith("administrative area") and next_.country != top.country
    if prominence(top) - prominence(next_) >= KIND_MARGIN and not foreign_area:
        return Ranked(tuple(order if middle else by_kind), top,
                      f"the most prominent kind of place ({top.feature} over {next_.feature})")
    return Ranked(tuple(order if middle else by_kind), None, None)


def by_population(places: Sequence[Place], key: str) -> tuple[Place | None, str | None]:
    """The place the size settles, and why: a city of :data:`CITY_POPULATION` among places of unknown
    population; or a town of :data:`DOMINANT_POPULATION` or more with ten times the next one's known
    population, when all are in one country or the name ``key`` is that town's own (not just an
    alternate spelling of it while being another place's) and no other town of known population bears
    it as its own. Administrative areas take part only when there are no two towns.

    >>> raqqa = Place("a", "Raqqa", 35.95, 39.01, "SY", "populated place", 177636)
    >>> by_population([raqqa, Place("b", "Raqqa", 36.2, 38.1, "SY", "populated place", 1200)], "raqa")[1]
    'the most populous (177,636 people; the next has 1,200)'
    """
    towns = [p for p in places if not p.feature.startswith("administrative area")]
    contest = sorted(towns if len(towns) > 1 else places, key=lambda p: p.population, reverse=True)
    first, top, second = contest[0], contest[0].population, contest[1].population
    if top >= CITY_POPULATION and second == 0:
        return first, f"the only city ({top:,} people; the others' populations are unknown, so villages)"
    if not (second > 0 and top >= DOMINANT_POPULATION and top >= 10 * second):
        return None, None
    one_country = len({p.country for p in places}) == 1
    # the name is the town's own, and no other town of known size bears it as its own (an area named
    # after the town, or a village of unknown size, does not stand in the way)
    own_name = normalize(first.name) == key and all(normalize(p.name) != key for p in towns
                                                    if p is not first and p.population > 0)
    if one_country or own_name:
        return first, f"the most populous ({top:,} people; the next has {second:,})"
    return None, None


def by_listing(places: Sequence[Place], key: str) -> tuple[Place | None, str | None]:
    """The one candidate the bundled table knows by the name ``key`` (see
    :class:`~gazetteer.table.PlaceTable`), and why, when every other candidate is a populated place
    that only an imported table names so, of unknown population or fewer people than that town has
    (at least :data:`LISTED_POPULATION`, as GeoNames lists towns from that size), or an administrative
    area (a name alone means the town). So "Tal Abyad" is the border town, not the Iraqi village an
    imported dump adds, and "Kobani" is Ayn al-Arab, not Afrin, to which a dump gives the name as noise.
    Any other kind of place (a base, a place of the user's own table) leaves the name ambiguous.

    >>> town = Place("a", "Tall Abyad", 36.70, 38.95, "SY", "populated place", listed=("tal abyad",))
    >>> village = Place("b", "Tall Abyad", 34.62, 44.89, "IQ", "populated place (PPL)")
    >>> by_listing([village, town], "tal abyad")
    (Place(id='a', name='Tall Abyad', latitude=36.7, longitude=38.95, country='SY', \
feature='populated place', population=0, source=''), 'the only town of that name in the bundled \
gazetteer (the others are villages or areas an imported table adds)')
    >>> by_listing([village, Place("c", "Tall Abyad", 36.4, 39.2, "SY", "farm")], "tal abyad")
    (None, None)
    """
    listed = [p for p in places if key in p.listed]
    if len(listed) != 1:
        return None, None
    first = listed[0]
    most = max(first.population, LISTED_POPULATION)
    for other in places:
        if other is first or other.feature.startswith("administrative area"):
            continue
        if not other.feature.startswith("populated place") or other.population > most:
            return None, None
    return first, ("the only town of that name in the bundled gazetteer (the others are villages or areas an "
                   "imported table adds)")


def far_from_context(chosen: Place, candidates: Sequence[Place], near: Sequence[tuple[float, float]]) -> bool:
    """Whether the context forbids ``chosen`` (picked for its kind or size): it lies more than
    :data:`CONTEXT_KM` from the context's centre while another candidate lies within it. So "al-Aliyeh"
    among villages of north Latakia is never Aley, the Lebanese town.

    >>> aley = Place("a", "Aley", 33.8053, 35.6, "LB", "populated place", 130000)
    >>> village = Place("b", "Al Aliyah", 35.8, 35.9, "SY", "populated place")
    >>> far_from_context(aley, [aley, village], [(35.75, 35.95)]), far_from_context(aley, [aley, village], [])
    (True, False)
    """
    middle = centre(near)
    if middle is None or distance_km(*middle, chosen) <= CONTEXT_KM:
        return False
    return any(p is not chosen and distance_km(*middle, p) <= CONTEXT_KM for p in candidates)


def split_context(text: str) -> tuple[str, str | None]:
    """A name and the place written after it to say where it is, as in "Hajin, Deir ez-Zor" or
    "Hajin (Deir ez-Zor)"; the context is ``None`` when there is none.

    >>> split_context("Hajin, Deir ez-Zor"), split_context("Hajin")
    (('Hajin', 'Deir ez-Zor'), ('Hajin', None))
    """
    head, comma, tail = text.rpartition(",")
    if comma and head.strip() and tail.strip():
        return head.strip(), re.sub(r"\s+(?:governorate|province|countryside)$", "", tail.strip(), flags=re.I)
    return text, None
