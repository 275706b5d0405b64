"""What a verdict may rest on: the basis of an area, the uncertainty of a location, circular references.

The rules here decide a claim from an *interval* of measurements, not a single number, so that a
verdict is given only when the whole interval clears the rule; every function takes numpy arrays
and decides all the claims given in one call.

- An event located at ``precision: 2`` lies within :data:`UNCERTAINTY_M` (10 km) of its point:
  a distance ``d`` from it is the interval ``max(0, d - 10 km) .. d + 10 km``, a bearing ``b`` from
  a place ``d`` away is ``b ± asin(10 km / d)`` (any bearing at all when ``d`` is 10 km or less).
- An area whose basis is ``reconstructed`` is a lower bound on the true extent, as is the union of
  an actor's recorded areas (the records are never complete): a claim above it by more than the
  tolerance is ``undetermined``, not ``overstated``. It shows where part of the event lies, not all
  of it: a distance ``d`` from it is the interval ``0 .. d`` (the whole may come nearer), and
  directions and ``inside`` claims against it are ``undetermined``.
- A claim whose reference is a point the event's own geometry was built from (a hull's corner, a
  circle's centre, the event's own location) is circular: ``undetermined``.

>>> low, high = distance_interval(np.array([30_000.0, 5_000.0]), np.array([10_000.0, 10_000.0]))
>>> low.tolist(), high.tolist()
([20000.0, 0.0], [40000.0, 15000.0])
>>> [VERDICTS[c] for c in decide_within(np.array([20.0, 40.0, 0.0]), np.array([40.0, 60.0, 20.0]), 25.0)]
['undetermined', 'contradicted', 'holds']
>>> [VERDICTS[c] for c in decide_lower_bound(np.array([1400.0, 210.0, 100.0]), np.array([204.0] * 3), 1.25)]
['undetermined', 'consistent', 'understated']
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import geodesy as geometry

#: Every verdict, in the order of summaries; a claim's verdict code is its position here.
VERDICTS = ("consistent", "overstated", "understated", "impossible", "holds", "contradicted", "undetermined",
            "unverifiable")
CODE = {verdict: code for code, verdict in enumerate(VERDICTS)}
#: The verdicts that make ``tracker check --strict`` fail: never ``undetermined`` nor ``unverifiable``.
FAILING = frozenset({"overstated", "understated", "contradicted", "impossible"})

#: The default tolerance of area and ``about`` distance claims: claimed/measured within 1.25 times either way.
DEFAULT_RATIO = 1.25
#: Where an area comes from (the ``basis`` key of ``area``); ``reported`` when the key is absent.
BASES = ("reported", "assessed", "reconstructed", "reference")
DEFAULT_BASIS = "reported"
#: What each basis means, for messages and explanations.
BASIS_MEANING = {
    "reported": "the report itself gives this geometry",
    "assessed": "an independent assessment of the ground (a control map, a source graded on its own)",
    "reconstructed": "the analyst's minimal reconstruction from places known to be involved: a lower bound",
    "reference": "a fixed zone that is not itself a gain",
}
#: How far from its point an event may lie, in metres, by ACLED geo-precision (2: near a place). At
#: precision 3 only the region is known and point claims are ``unverifiable``; at 1 the point is exact.
UNCERTAINTY_M = {2: 10_000.0}
#: Two points closer than this, in metres, are the same place (coordinates rounded to 3 decimals
#: differ by up to about 80 m).
SAME_PLACE_M = 100.0

_HOLDS, _CONTRADICTED, _UNDETERMINED = CODE["holds"], CODE["contradicted"], CODE["undetermined"]
_CONSISTENT, _OVERSTATED, _UNDERSTATED = CODE["consistent"], CODE["overstated"], CODE["understated"]


def uncertainty(precision: int | None) -> float:
    """Metres an event of this precision may lie from its point: 10 km at 2, else 0.

    >>> uncertainty(2), uncertainty(1), uncertainty(None)
    (10000.0, 0.0, 0.0)
    """
    return UNCERTAINTY_M.get(precision or 1, 0.0)


def distance_interval(metres: Any, radius: Any) -> tuple[np.ndarray, np.ndarray]:
    """The least and greatest distance from a point known to within ``radius`` of where it is drawn
    to a place ``metres`` from the drawn point (the triangle inequality, both ways).

    >>> low, high = distance_interval([30_000.0, 5_000.0], [10_000.0, 0.0])
    >>> low.tolist(), high.tolist()  # a point known to 10 km; an exact one
    ([20000.0, 5000.0], [40000.0, 5000.0])
    """
    metres, radius = np.asarray(metres, dtype=float), np.asarray(radius, dtype=float)
    return np.maximum(metres - radius, 0.0), metres + radius


def bearing_spread(metres: Any, radius: Any) -> np.ndarray:
    """Half the range of bearings, in degrees, from a place ``metres`` away to a point known to within
    ``radius``: ``asin(radius / metres)``; 180 (any bearing) when the place is within the radius.

    >>> bearing_spread(np.array([20_000.0, 5_000.0, 7.0]), np.array([10_000.0, 10_000.0, 0.0])).round(1).tolist()
    [30.0, 180.0, 0.0]
    """
    metres, radius = np.asarray(metres, dtype=float), np.asarray(radius, dtype=float)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        ratio = np.clip(radius / metres, 0.0, 1.0)
    spread = np.where(radius >= metres, 180.0, np.degrees(np.arcsin(ratio)))
    return np.where(radius > 0, spread, 0.0)


#: A verdict rule: each verdict code with the condition that gives it, the first that holds deciding
#: and ``undetermined`` where none does. A rule is written once, with operators that serve plain
#: floats and numpy arrays alike; :func:`_select` decides arrays of claims by it, :func:`_first` one.
Rule = tuple[tuple[Any, int], ...]


def _select(rule: Rule) -> np.ndarray:
    """The verdict codes a rule gives over arrays (kept in int8 throughout: no wider copies)."""
    out: np.ndarray = np.asarray(_UNDETERMINED, dtype=np.int8)
    for condition, code in reversed(rule):
        out = np.where(condition, np.int8(code), out)
    return out.astype(np.int8, copy=False)


def _first(rule: Rule) -> int:
    """The verdict code a rule gives for one claim."""
    for condition, code in rule:
        if condition:
            return code
    return _UNDETERMINED


def _within_rule(low: Any, high: Any, limit: Any) -> Rule:
    return (high <= limit, _HOLDS), (low > limit, _CONTRADICTED)


def decide_within(low: Any, high: Any, limit: Any) -> np.ndarray:
    """'Within ``limit``' for a measurement known to lie in ``low .. high``: ``holds`` when all of it
    is within the limit, ``contradicted`` when none of it is, else ``undetermined``.

    >>> [VERDICTS[code] for code in decide_within([10.0, 30.0, 20.0], [20.0, 40.0, 30.0], 25.0)]
    ['holds', 'contradicted', 'undetermined']
    """
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    return _select(_within_rule(low, high, limit))


def within_code(low: float, high: float, limit: float) -> int:
    """:func:`decide_within` for one claim, in plain floats (a fraction of the time of a numpy call).

    >>> VERDICTS[within_code(20.0, 40.0, 25.0)], VERDICTS[within_code(0.0, 20.0, 25.0)]
    ('undetermined', 'holds')
    """
    return _first(_within_rule(low, high, limit))


def _ratio_rule(claimed: Any, low: Any, high: Any, tolerance: Any) -> Rule:
    return ((claimed > tolerance * high, _OVERSTATED),
            (claimed * tolerance < low, _UNDERSTATED),
            ((low * tolerance >= claimed) & (high <= claimed * tolerance), _CONSISTENT))


def decide_ratio(claimed: Any, low: Any, high: Any, tolerance: Any) -> np.ndarray:
    """'About ``claimed``' for a measurement known to lie in ``low .. high``: ``overstated`` when the
    claim exceeds every value by more than the tolerance, ``understated`` when it falls short of
    every value by more, ``consistent`` when every value is within the tolerance of it, else
    ``undetermined``. With ``low == high`` these are the plain ratio rules.

    >>> [VERDICTS[c] for c in decide_ratio(100.0, np.array([70.0, 90.0, 140.0, 75.0]),
    ...                                    np.array([70.0, 110.0, 160.0, 95.0]), 1.25)]
    ['overstated', 'consistent', 'understated', 'undetermined']
    """
    claimed, low, high = (np.asarray(a, dtype=float) for a in (claimed, low, high))
    return _select(_ratio_rule(claimed, low, high, tolerance))


def ratio_code(claimed: float, low: float, high: float, tolerance: float) -> int:
    """:func:`decide_ratio` for one claim, in plain floats.

    >>> VERDICTS[ratio_code(1400.0, 1000.0, 1000.0, 1.25)], VERDICTS[ratio_code(1200.0, 1000.0, 1000.0, 1.25)]
    ('overstated', 'consistent')
    """
    return _first(_ratio_rule(claimed, low, high, tolerance))


def decide_lower_bound(claimed: Any, bound: Any, tolerance: Any) -> np.ndarray:
    """An amount claimed against evidence that only shows a least value ``bound``: ``understated``
    when the claim is below the bound by more than the tolerance, ``consistent`` within it, and
    ``undetermined`` above it (the evidence says nothing about what lies beyond the bound): the
    ratio rule at the bound, with ``overstated`` read as ``undetermined``.

    >>> [VERDICTS[code] for code in decide_lower_bound([100.0, 220.0, 5000.0], 200.0, 1.25)]
    ['understated', 'consistent', 'undetermined']
    """
    codes = decide_ratio(claimed, bound, bound, tolerance)
    return np.where(codes == _OVERSTATED, _UNDETERMINED, codes).astype(np.int8)


def lower_bound_code(claimed: float, bound: float, tolerance: float) -> int:
    """:func:`decide_lower_bound` for one claim, in plain floats.

    >>> VERDICTS[lower_bound_code(1400.0, 204.0, 1.25)], VERDICTS[lower_bound_code(100.0, 204.0, 1.25)]
    ('undetermined', 'understated')
    """
    code = ratio_code(claimed, bound, bound, tolerance)
    return _UNDETERMINED if code == _OVERSTATED else code


def _sector_rule(off: Any, spread: Any, half_width: Any) -> Rule:
    return (off + spread <= half_width, _HOLDS), (off - spread > half_width, _CONTRADICTED)


def decide_sector(off: Any, spread: Any, half_width: Any) -> np.ndarray:
    """A bearing ``off`` degrees from a sector's centre, give or take ``spread``: ``holds`` when the
    whole range lies in the sector of ``half_width``, ``contradicted`` when none of it does, else
    ``undetermined``.

    >>> [VERDICTS[code] for code in decide_sector([10.0, 60.0, 40.0], [5.0, 5.0, 10.0], 45.0)]
    ['holds', 'contradicted', 'undetermined']
    """
    off, spread = np.asarray(off, dtype=float), np.asarray(spread, dtype=float)
    return _select(_sector_rule(off, spread, half_width))


def sector_code(off: float, spread: float, half_width: float) -> int:
    """:func:`decide_sector` for one claim, in plain floats.

    >>> [VERDICTS[sector_code(off, 30.0, 45.0)] for off in (10.0, 40.0, 80.0)]
    ['holds', 'undetermined', 'contradicted']
    """
    return _first(_sector_rule(off, spread, half_width))


def sector_offset(bearing: Any, centre: Any) -> np.ndarray:
    """Degrees (0..180) between a bearing and a sector's centre, either way round.

    >>> sector_offset([350.0, 100.0, 180.0], 0.0).tolist()
    [10.0, 100.0, 180.0]
    """
    offset: np.ndarray = np.abs((np.asarray(bearing, dtype=float) - centre + 180) % 360 - 180)
    return offset


def decide_point_claims(batches: list[Any], starts: list[int], origins: list[tuple[float, float]],
                        radii: list[float], measured: np.ndarray, codes: np.ndarray) -> None:
    """Measure the claims given in coordinates of many records at once (``batches``: each record's
    columns of ``records.point_claims``; ``starts``: where its claims begin in ``codes``; ``origins``:
    its point; ``radii``: how far from it the event may lie) and write their verdicts' codes and
    measurements in place. At precision 2 distances and bearings are intervals decided as wholes; a
    claim about the record's own point is circular.

    >>> from tracker.records.model import Event
    >>> from tracker.records.point_claims import point_claims
    >>> garrison = {"lat": 33.5058, "lon": 38.6178}  # 121 km south-south-east of Tadmur
    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": {"lat": 34.5624, "lon": 38.2840}, "claims": [
    ...     {"distance": "130 km", "to": garrison}, {"direction": "n", "of": garrison},
    ...     {"distance": "115 km", "to": garrison, "relation": "within"}]})
    >>> for radius in (0.0, 10_000.0):  # an exact point, then one known to 10 km
    ...     measured, codes = np.full(3, np.nan), np.zeros(3, dtype=np.int8)
    ...     decide_point_claims([point_claims(event).columns], [0], [(34.5624, 38.2840)], [radius],
    ...                         measured, codes)
    ...     print([VERDICTS[code] for code in codes], measured.round(1).tolist())
    ['consistent', 'holds', 'contradicted'] [121.2, 345.4, 121.2]
    ['consistent', 'holds', 'undetermined'] [121.2, 345.4, 121.2]
    """
    rows = np.concatenate(batches)
    counts = [len(batch) for batch in batches]
    kind, lat, lon, a, b, within_flag, tolerance_column = range(1, 8)  # columns 1-7 of POINT_CLAIM_FIELDS
    position = np.repeat(np.asarray(starts), counts) + rows[:, 0].astype(int)
    here = np.repeat(np.asarray(origins, dtype=float).reshape(-1, 2), counts, axis=0)
    uncertain = any(radii)
    radius = np.repeat(np.asarray(radii, dtype=float), counts) if uncertain else None
    distance = rows[:, kind] == 0
    every = bool(distance.all())
    if every or distance.any():
        part, start = (rows, here) if every else (rows[distance], here[distance])
        metres = geometry.distances(start[:, 0], start[:, 1], part[:, lat], part[:, lon])
        value = metres / part[:, b]
        claimed, tolerance = part[:, a], part[:, tolerance_column]
        about_tol = np.where(tolerance > 0, tolerance, DEFAULT_RATIO)
        limit = claimed * np.where(tolerance > 0, tolerance, 1.0)
        if radius is None:  # exact points: an interval of one value
            low = high = value
        else:
            low, high = distance_interval(metres, radius if every else radius[distance])
            low, high = low / part[:, b], high / part[:, b]
        about = decide_ratio(claimed, low, high, about_tol)
        within = decide_within(low, high, limit)
        decided = np.where(part[:, within_flag] > 0, within, about)
        decided[metres < SAME_PLACE_M] = CODE["undetermined"]  # the event's own point: circular
        at = position if every else position[distance]
        codes[at] = decided
        measured[at] = value
    bearing_rows = ~distance
    if not every and bearing_rows.any():
        part = rows[bearing_rows]
        bearing, metres = geometry.inverse(part[:, lat], part[:, lon], here[bearing_rows, 0], here[bearing_rows, 1])
        off = sector_offset(bearing, part[:, a])
        spread = bearing_spread(metres, radius[bearing_rows]) if radius is not None else 0.0
        decided = decide_sector(off, spread, part[:, b])
        decided[metres < SAME_PLACE_M] = CODE["undetermined"]  # from the event's own point: circular
        codes[position[bearing_rows]] = decided
        measured[position[bearing_rows]] = np.round(bearing, 1)


#: The longest edge, in degrees, left between the boundary points an area's bearings are taken to.
AREA_STEP_DEGREES = 0.01


def area_bearings(lat: float, lon: float, area: Any) -> tuple[np.ndarray, float]:
    """Bearings in degrees from (lat, lon), a point outside ``area``, to the points of the area's
    boundary (every ring, densified to :data:`AREA_STEP_DEGREES`), and the widest angle between two
    neighbouring points of one ring: the bearings of the area lie within that angle of those given.

    >>> import shapely
    >>> square = shapely.box(38.0, 34.5, 39.0, 35.0)
    >>> found, gap = area_bearings(34.72405, 36.72559, square)
    >>> round(float(found.min()), 1), round(float(found.max()), 1), gap < 1
    (74.9, 101.6, True)
    """
    import shapely

    rings = shapely.get_rings(shapely.get_parts(area))
    points, ring = shapely.get_coordinates(shapely.segmentize(rings, AREA_STEP_DEGREES), return_index=True)
    bearings, _ = geometry.inverse(np.full(len(points), lat), np.full(len(points), lon), points[:, 1], points[:, 0])
    same_ring = ring[1:] == ring[:-1]
    steps = np.abs((np.diff(bearings) + 180) % 360 - 180)[same_ring]
    return bearings, float(steps.max()) if len(steps) else 0.0


def decide_area_sector(bearings: np.ndarray, gap: float, centre: float, half_width: float
                       ) -> tuple[int, float, float]:
    """A direction claim about an area seen at ``bearings`` (see :func:`area_bearings`): ``holds``
    when every one lies in the sector, ``contradicted`` when none comes within ``gap`` of it, else
    ``undetermined``; with the least and greatest bearing, clockwise (the arc that holds them all).

    >>> code, low, high = decide_area_sector(np.array([350.0, 10.0, 20.0]), 1.0, 0.0, 45.0)
    >>> VERDICTS[code], low, high
    ('holds', 350.0, 20.0)
    >>> VERDICTS[decide_area_sector(np.array([100.0, 120.0]), 1.0, 0.0, 45.0)[0]]
    'contradicted'
    """
    off = sector_offset(bearings, centre)
    code = _HOLDS if bool((off <= half_width).all()) else (
        _CONTRADICTED if bool((off > half_width + gap).all()) else _UNDETERMINED)
    ordered = np.sort(bearings % 360)
    gaps = np.diff(np.append(ordered, ordered[0] + 360))
    widest = int(np.argmax(gaps))
    low, high = float(ordered[(widest + 1) % len(ordered)]), float(ordered[widest])
    return int(code), low, high
