"""Each verdict rule is written once (tracker.geo.evidence) and decides one claim in plain floats or many
in numpy arrays: the two paths agree on every input, the tolerance's very edge, nan, 0 and inf included;
and the checker's batches (arrays) agree with its claims checked one by one (floats)."""

from __future__ import annotations

import dataclasses
import inspect
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import Event, EventCollection
from tracker.claims import ClaimResult, check_claims
from tracker.claims.verdicts import ratio_verdict
from tracker.geo import evidence
from tracker.geo import geodesy as geo
from tracker.geo.evidence import VERDICTS

ANY = st.floats(allow_nan=True, allow_infinity=True)
SPECIAL = st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, 1.7976931348623157e308])
TOLERANCES = st.one_of(st.floats(1.0, 10.0, exclude_min=True), st.sampled_from([1.25, 1.5, 2.0, 1 + 2 ** -52]),
                       ANY)
MEASURES = st.one_of(st.floats(0.0, 1e7), SPECIAL, ANY)


def _nudged(value: float, step: int) -> float:
    """``value`` moved ``step`` representable floats up (or down)."""
    for _ in range(abs(step)):
        value = math.nextafter(value, math.copysign(math.inf, step))
    return value


@st.composite
def at_edges(draw: st.DrawFn) -> tuple[float, float, float, float]:
    """(claimed, low, high, tolerance) with the claim at, or a float either side of, an edge of the rule:
    tolerance × low or high, low or high ÷ tolerance, or the measurement itself."""
    low = draw(MEASURES)
    high = draw(st.one_of(st.just(low), MEASURES))
    tolerance = draw(TOLERANCES)
    with np.errstate(all="ignore"):
        edges = [float(np.float64(v)) for v in (low * tolerance, high * tolerance, tolerance * high, low, high)]
        if tolerance != 0:
            edges += [low / tolerance, high / tolerance]
    claimed = _nudged(draw(st.sampled_from(edges)), draw(st.integers(-2, 2)))
    return claimed, low, high, tolerance


ROWS = st.lists(st.one_of(at_edges(), st.tuples(ANY, ANY, ANY, TOLERANCES)), min_size=1, max_size=40)


def _columns(rows: list[tuple[float, ...]]) -> list[np.ndarray]:
    return [np.array(column, dtype=float) for column in zip(*rows, strict=True)]


@given(ROWS)
def test_the_ratio_rule_decides_one_claim_as_it_decides_arrays(rows: list[tuple[float, float, float, float]]) -> None:
    claimed, low, high, tolerance = _columns(rows)
    with np.errstate(all="ignore"):
        together = evidence.decide_ratio(claimed, low, high, tolerance)
    assert together.dtype == np.int8
    assert together.tolist() == [evidence.ratio_code(*row) for row in rows]


@given(ROWS)
def test_the_lower_bound_rule_decides_one_claim_as_it_decides_arrays(rows: list[tuple[float, ...]]) -> None:
    claimed, bound, _, tolerance = _columns(rows)
    with np.errstate(all="ignore"):
        together = evidence.decide_lower_bound(claimed, bound, tolerance)
    assert together.tolist() == [evidence.lower_bound_code(c, b, t) for c, b, _, t in rows]


@given(ROWS)
def test_a_lower_bound_is_the_ratio_rule_at_the_bound_with_no_overstatement(rows: list[tuple[float, ...]]) -> None:
    for claimed, bound, _, tolerance in rows:
        code = evidence.ratio_code(claimed, bound, bound, tolerance)
        expected = evidence.CODE["undetermined"] if VERDICTS[code] == "overstated" else code
        assert evidence.lower_bound_code(claimed, bound, tolerance) == expected


@given(ROWS)
def test_the_within_rule_decides_one_claim_as_it_decides_arrays(rows: list[tuple[float, ...]]) -> None:
    limit, low, high, _ = _columns(rows)
    with np.errstate(all="ignore"):
        together = evidence.decide_within(low, high, limit)
    assert together.tolist() == [evidence.within_code(lo, hi, li) for li, lo, hi, _ in rows]


@given(ROWS)
def test_the_sector_rule_decides_one_claim_as_it_decides_arrays(rows: list[tuple[float, ...]]) -> None:
    half_width, off, spread, _ = _columns(rows)
    with np.errstate(all="ignore"):
        together = evidence.decide_sector(off, spread, half_width)
    assert together.tolist() == [evidence.sector_code(o, s, h) for h, o, s, _ in rows]


@given(st.lists(at_edges(), min_size=1, max_size=20), TOLERANCES)
def test_one_tolerance_for_every_claim_decides_as_one_each(rows: list[tuple[float, ...]], tolerance: float) -> None:
    claimed, low, high, _ = _columns(rows)
    with np.errstate(all="ignore"):
        together = evidence.decide_ratio(claimed, low, high, tolerance)
    assert together.tolist() == [evidence.ratio_code(c, lo, hi, tolerance) for c, lo, hi, _ in rows]


@given(at_edges())
def test_a_ratio_verdict_is_the_rule_at_one_measurement(row: tuple[float, float, float, float]) -> None:
    claimed, measured, _, tolerance = row
    verdict, ratio = ratio_verdict(claimed, measured, tolerance)
    with np.errstate(all="ignore"):
        assert verdict == VERDICTS[int(evidence.decide_ratio(claimed, measured, measured, tolerance))]
    if measured > 0:
        assert ratio == claimed / measured or (math.isnan(ratio) and math.isnan(claimed / measured))  # type: ignore[arg-type]
    else:
        assert ratio is None


@pytest.mark.parametrize(("claimed", "measured", "verdict", "ratio"), [
    (1250.0, 1000.0, "consistent", 1.25),  # exactly the tolerance: still consistent
    (math.nextafter(1250.0, math.inf), 1000.0, "overstated", 1.2500000000000002),
    (800.0, 1000.0, "consistent", 0.8),  # 800 times 1.25 is exactly 1000
    (math.nextafter(800.0, 0.0), 1000.0, "understated", 0.7999999999999999),
    (1400.0, 0.0, "overstated", None),  # nothing measured
    (1400.0, -50.0, "overstated", None),  # a net loss
    (1400.0, math.inf, "understated", 0.0),
    (math.inf, 1000.0, "overstated", math.inf),
    (1400.0, math.nan, "undetermined", None),  # nothing can be said of no number
])
def test_named_edges_of_the_ratio_rule(claimed: float, measured: float, verdict: str, ratio: float | None) -> None:
    assert ratio_verdict(claimed, measured, 1.25) == (verdict, ratio)
    assert VERDICTS[int(evidence.decide_ratio(np.array([claimed]), measured, measured, 1.25)[0])] == verdict


# --- the checker: claims in coordinates are decided in batches (arrays), their sentences one by one -------------

TADMUR = (34.5624, 38.28402)
places = st.tuples(st.floats(32.5, 37.0), st.floats(35.8, 42.0))


@st.composite
def point_records(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Records located by coordinates with distance and direction claims to coordinates, the claims'
    figures at the edges of their rules (the distances measured here, as the checker measures them)."""
    records = []
    for number in range(draw(st.integers(1, 3))):
        lat, lon = draw(places)
        precision = draw(st.sampled_from([1, 2]))
        radius = evidence.uncertainty(precision)
        claims: list[dict[str, Any]] = []
        for to_lat, to_lon in draw(st.lists(places, min_size=1, max_size=4)):
            metres = float(geo.distances([lat], [lon], [to_lat], [to_lon])[0])
            low, high = (float(v) / 1000 for v in evidence.distance_interval(metres, radius))
            tolerance = draw(st.sampled_from([None, 1.25, 1.5, 2.0]))
            t = tolerance or 1.25
            km = draw(st.sampled_from([low * t, high * t, low / t, high / t, low, high, metres / 1000]))
            km = _nudged(km, draw(st.integers(-1, 1)))
            if km <= 0:
                continue
            claim: dict[str, Any] = {"distance": f"{km!r} km", "to": {"lat": to_lat, "lon": to_lon}}
            if draw(st.booleans()):
                claim["relation"] = "within"
            if tolerance is not None:
                claim["tolerance"] = tolerance
            claims.append(claim)
            bearing = float(geo.bearings([to_lat], [to_lon], [lat], [lon])[0])
            off = float(evidence.sector_offset(bearing, 0.0))
            if 0 < off <= 180:
                claims.append({"direction": "north", "of": {"lat": to_lat, "lon": to_lon},
                               "tolerance": _nudged(off, draw(st.integers(-1, 1))) if off < 180 else off})
        records.append({"id": f"point-{number}", "date": "2017-06-08", "title": "t", "type": "Battles",
                        "actors": ["Test Army"], "location": {"lat": lat, "lon": lon}, "precision": precision,
                        "claims": claims})
    return records


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(point_records())
def test_the_batched_verdicts_are_those_of_claims_checked_one_by_one(records: list[dict[str, Any]]) -> None:
    report = check_claims(EventCollection([Event.model_validate(record) for record in records]))
    assert report.problems == []
    assert report.verdicts.tolist() == [r.verdict for r in report.results]
    one_by_one = np.array([np.nan if r.measured is None else r.measured for r in report.results])
    assert np.array_equal(report.measured, one_by_one, equal_nan=True)


def test_a_result_is_made_of_its_fields_in_their_order() -> None:
    names = [field.name for field in dataclasses.fields(ClaimResult)]
    assert list(inspect.signature(ClaimResult).parameters) == names
    result = ClaimResult(*range(len(names)))
    assert [getattr(result, name) for name in names] == list(range(len(names)))
    assert dataclasses.replace(result, verdict="holds").verdict == "holds"
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.verdict = "holds"  # type: ignore[misc]
