"""What a verdict may rest on, with known answers (tests/data/evidence/): the basis of an area, the
actor's records as a lower bound, the uncertainty of a location at precision 2, circular claims."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.cli import main
from tracker.geo import evidence
from tracker.geo import geodesy as geo

from ..common import DATA

EVIDENCE = DATA / "evidence"
CIRCLE_KM2 = 314.1433  # a 10 km geodesic circle around Tadmur


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    found = check_claims(load_events(EVIDENCE))
    assert found.problems == []
    return found


@pytest.fixture(scope="module")
def results(report) -> dict[tuple[str, int], object]:  # type: ignore[no-untyped-def]
    return {(r.event, r.index): r for r in report.results}


BELOW_WITHIN_ABOVE = ["understated", "consistent", "overstated"]
EXPECTED = {
    **{(f"basis-{basis}", i): verdict for basis in ("default", "reported", "assessed", "reference")
       for i, verdict in enumerate(BELOW_WITHIN_ABOVE)},
    # a reconstruction is a lower bound: a claim above it is undetermined; impossible still applies
    **{("basis-reconstructed", i): v for i, v in enumerate(["understated", "consistent", "undetermined", "impossible"])},
    # where a reported area lies decides claims both ways; a reconstruction shows only where part of the event is
    **{("where-reported", i): v for i, v in enumerate([
        "holds", "contradicted", "overstated", "consistent", "holds", "contradicted", "contradicted", "holds", "holds",
        "contradicted"])},
    **{("where-reconstructed", i): v for i, v in enumerate([
        "holds", "undetermined", "overstated", "undetermined", "undetermined", "undetermined", "undetermined", "holds",
        "undetermined", "undetermined"])},
    # only the circle dated inside June counts; the one straddling 1 June and the reference zone do not
    **{("june-total", i): v for i, v in enumerate(["understated", "consistent", "undetermined", "impossible",
                                                   "consistent"])},
    **{("near-tadmur", i): v for i, v in enumerate([
        "undetermined", "contradicted", "holds",  # within 25 km of places 30, 50 and 10 km away, ± 10 km
        "holds", "undetermined",  # 14 and 16 km away: either side of the limit's edge
        "consistent", "undetermined", "overstated", "understated",  # about 100 km: 100, 85, 60, 150 km away
        "undetermined", "holds", "contradicted",  # north: at 40°, 10°, 80° ± 30°
        "undetermined",  # from a place 8 km away: any bearing
    ])},
    **{("near-the-garrison", i): v for i, v in enumerate(["contradicted", "undetermined", "holds", "holds"])},
    ("zone-30-km-north", 0): "holds",
    ("zone-50-km-north", 0): "undetermined",
    ("zone-60-km-north", 0): "undetermined",
    ("zone-70-km-north", 0): "contradicted",
    **{("hull-from-tadmur", i): v for i, v in enumerate(["undetermined", "undetermined", "holds"])},
    **{("circle-around-a-point", i): v for i, v in enumerate(["undetermined", "holds"])},
    ("polygon-from-a-point", 0): "undetermined",
    **{("at-a-point", i): v for i, v in enumerate(["undetermined", "undetermined", "holds"])},
    ("at-tadmur-by-name", 0): "undetermined",
    **{("on-the-zone-centre", i): v for i, v in enumerate(["undetermined", "undetermined", "holds"])},
    ("hull-to-the-border", 0): "undetermined",
}


def test_every_claim_gets_its_known_verdict(results) -> None:
    assert {key: r.verdict for key, r in results.items()} == EXPECTED


def test_the_batched_verdicts_are_the_verdicts_explained(report) -> None:
    """Claims given in coordinates are decided in batches; their sentences are written one by one."""
    assert list(report.verdicts) == [r.verdict for r in report.results]


def test_a_reconstruction_says_how_much_of_the_claim_it_covers(results) -> None:
    above = results["basis-reconstructed", 2]
    assert (above.measured, above.measured_low, above.measured_high) == pytest.approx((CIRCLE_KM2, CIRCLE_KM2, None))
    assert above.explanation == ("claims 1,000 km²; the reconstruction covers at least 314 km², 31% of the claim; "
                                 "it neither confirms nor contradicts the rest: undetermined")
    assert results["basis-assessed", 2].explanation.startswith("claims 1,000 km²; the assessed area measures 314 km²")
    assert results["basis-reported", 2].measured_low is None


def test_a_reconstruction_bounds_distances_from_above_only(results) -> None:
    nearer = results["where-reconstructed", 1]
    assert (nearer.measured_low, nearer.measured_high) == pytest.approx((0, 15.0), abs=0.01)
    assert nearer.explanation == (
        "claims within 10 km of 34.78776, 38.28402; the reconstruction, a lower bound on the event's extent, is 15 km "
        "from it, so the event is 0–15 km from it: undetermined, the range straddles the limit")
    assert results["where-reconstructed", 8].explanation.endswith(
        "100% of the reconstruction does, but it is only a lower bound on the event's extent, the rest of which may "
        "lie inside or outside: undetermined")


def test_total_area_counts_records_wholly_inside_the_window(results) -> None:
    june = results["june-total", 2]
    assert june.measured == pytest.approx(CIRCLE_KM2)
    assert june.explanation == (
        "claims 5,000 km²; the union of Desert Brigade's 1 area(s) recorded wholly within 2017-06-01 to 2017-06-30 "
        "covers at least 314 km² (the records are never complete: a lower bound), 6% of the claim; it neither "
        "confirms nor contradicts the rest: undetermined")
    straddling = geo.geodesic_area(geo.geodesic_circle(35.33588, 40.14084, 30_000)) / 1e6
    assert results["june-total", 4].measured == pytest.approx(CIRCLE_KM2 + straddling)


def test_intervals_at_precision_2(results) -> None:
    within = results["near-tadmur", 0]
    assert (round(within.measured_low, 2), round(within.measured, 2), round(within.measured_high, 2)) == (20, 30, 40)
    assert within.explanation == (
        "claims within 25 km of 34.83283, 38.28402; the event, located only to within 10 km (precision 2), is 20–40 km "
        "from it: undetermined, the range straddles the limit")
    bearing = results["near-tadmur", 9]
    assert (round(bearing.measured_low), round(bearing.measured), round(bearing.measured_high)) == (10, 40, 70)
    assert "lies at bearing 40° ± 30° from it, and north covers 315°–45°: undetermined" in bearing.explanation
    assert (results["near-tadmur", 12].measured_low, results["near-tadmur", 12].measured_high) == (0, 360)
    border = results["near-the-garrison", 1]
    assert (border.measured_low, border.measured_high) == pytest.approx((10.823, 30.823), abs=0.01)
    edge = results["zone-50-km-north", 0]
    assert (edge.measured, edge.measured_low, edge.measured_high) == (1.0, 0.0, 1.0)
    assert "may lie on either side of the edge (5.0 km from the point)" in edge.explanation


def test_point_claims_at_precision_1_are_not_intervals(results) -> None:
    exact = results["at-a-point", 2]
    assert (exact.verdict, exact.measured_low, exact.measured_high) == ("holds", None, None)


@pytest.mark.parametrize(("key", "reason"), [
    (("hull-from-tadmur", 0), "Tadmur is a corner of the event's own hull"),
    (("hull-from-tadmur", 1), "Arak is a corner of the event's own hull"),
    (("circle-around-a-point", 0), "34.5624, 38.28402 is the centre of the event's own circle"),
    (("polygon-from-a-point", 0), "34.7, 38.5 is a corner of the event's own polygon"),
    (("at-a-point", 0), "34.5624, 38.28402 is the very point the event is located at"),
    (("at-tadmur-by-name", 0), "Tadmur is the very point the event is located at"),
    (("on-the-zone-centre", 0), "the event is located on the centre of the circle of circular-zone"),
    (("on-the-zone-centre", 1), "the event is located on the centre of the circle of circular-zone"),
    (("hull-to-the-border", 0), "a corner of the event's own hull lies within 10 km of the border"),
])
def test_a_circular_claim_names_its_circularity(results, key, reason) -> None:
    result = results[key]
    assert result.verdict == "undetermined"
    assert f"but {reason}" in result.explanation
    assert "the claim restates the record's own geometry (circular)" in result.explanation


def test_strict_fails_on_decided_verdicts_only(tmp_path) -> None:
    runner = CliRunner()
    undecided = tmp_path / "undecided.yaml"
    records = (EVIDENCE / "circular.yaml").read_text(encoding="utf-8").split("\n---\n")
    undecided.write_text("\n---\n".join(r for r in records if "id: at-tadmur-by-name" in r), encoding="utf-8")
    done = runner.invoke(main, ["check", "--strict", "--json", str(undecided)])
    assert done.exit_code == 0 and [row["verdict"] for row in json.loads(done.stdout)] == ["undetermined"]
    assert runner.invoke(main, ["check", "--strict", str(EVIDENCE / "bases.yaml")]).exit_code == 1
    assert runner.invoke(main, ["check", str(EVIDENCE / "bases.yaml")]).exit_code == 0


def test_the_seed_records_have_no_failing_verdict_resting_on_a_lower_bound_or_circle() -> None:
    report = check_claims(load_events("events"))
    for result in report.results:
        if result.verdict in evidence.FAILING:
            assert result.kind != "total_area" and "circular" not in result.explanation, result
            shape = report.shape(result.event)
            assert shape is not None and shape.basis != "reconstructed", result


# --- laws -------------------------------------------------------------------------------------

metres = st.floats(0, 2e6, allow_nan=False)
radii = st.floats(0, 1e5, allow_nan=False)
positive = st.floats(1e-3, 1e4, allow_nan=False)
tolerances = st.floats(1.01, 5, allow_nan=False)


@given(metres, radii)
def test_a_distance_interval_contains_the_point_measurement(distance: float, radius: float) -> None:
    low, high = evidence.distance_interval(distance, radius)
    assert 0 <= low <= distance <= high


@given(metres, radii, radii)
def test_a_wider_bearing_spread_for_a_larger_radius(distance: float, a: float, b: float) -> None:
    small, large = sorted((a, b))
    assert 0 <= evidence.bearing_spread(distance, small) <= evidence.bearing_spread(distance, large) <= 180


def _widen(low: float, high: float, more_low: float, more_high: float) -> tuple[float, float]:
    return max(low - more_low, 0.0), high + more_high


@given(positive, positive, positive, st.floats(0, 1e3), st.floats(0, 1e3))
def test_widening_never_decides_within(a: float, b: float, limit: float, more_low: float, more_high: float) -> None:
    low, high = sorted((a, b))
    wide = _widen(low, high, more_low, more_high)
    narrow_verdict, wide_verdict = (int(evidence.decide_within(lo, hi, limit)) for lo, hi in ((low, high), wide))
    assert wide_verdict in (narrow_verdict, evidence.CODE["undetermined"])


@given(positive, positive, positive, tolerances, st.floats(0, 1e3), st.floats(0, 1e3))
def test_widening_never_decides_a_ratio(a: float, b: float, claimed: float, tolerance: float, more_low: float,
                                        more_high: float) -> None:
    low, high = sorted((a, b))
    wide = _widen(low, high, more_low, more_high)
    narrow_verdict, wide_verdict = (int(evidence.decide_ratio(claimed, lo, hi, tolerance))
                                    for lo, hi in ((low, high), wide))
    assert wide_verdict in (narrow_verdict, evidence.CODE["undetermined"])


@given(st.floats(0, 180), st.floats(0, 180), st.floats(0, 180), st.floats(1, 90))
def test_widening_never_decides_a_bearing(off: float, a: float, b: float, half_width: float) -> None:
    small, large = sorted((a, b))
    narrow_verdict, wide_verdict = (int(evidence.decide_sector(off, spread, half_width)) for spread in (small, large))
    assert wide_verdict in (narrow_verdict, evidence.CODE["undetermined"])


@given(positive, positive, tolerances)
def test_a_point_measurement_decides_as_the_plain_ratio(claimed: float, measured: float, tolerance: float) -> None:
    ratio = claimed / measured
    plain = "overstated" if ratio > tolerance else "understated" if ratio < 1 / tolerance else "consistent"
    assert evidence.VERDICTS[int(evidence.decide_ratio(claimed, measured, measured, tolerance))] == plain


def test_the_bearing_interval_contains_the_bearing(results) -> None:
    for key in [("near-tadmur", i) for i in range(9, 13)]:
        r = results[key]
        assert (r.measured - r.measured_low) % 360 <= (r.measured_high - r.measured_low) % 360 or \
            (r.measured_low, r.measured_high) == (0, 360)


def test_widening_a_location_never_decides_the_seed_like_claims() -> None:
    """The same claims at precision 1 and 2: where 2 decides, 1 decides the same."""
    events = load_events(EVIDENCE / "intervals.yaml")
    exact = events.__class__([e.model_copy(update={"precision": 1}) for e in events])
    near = {(r.event, r.index): r.verdict for r in check_claims(events).results}
    at = {(r.event, r.index): r.verdict for r in check_claims(exact).results}
    assert near.keys() == at.keys()
    for key, verdict in near.items():
        assert verdict in (at[key], "undetermined"), key
    assert np.sum([v == "undetermined" for v in near.values()]) > np.sum([v == "undetermined" for v in at.values()])


def test_the_plain_table_prints_each_explanation_under_its_row(tmp_path) -> None:
    records = (EVIDENCE / "circular.yaml").read_text(encoding="utf-8").split("\n---\n")
    one = tmp_path / "one.yaml"
    one.write_text("\n---\n".join(r for r in records if "id: at-tadmur-by-name" in r), encoding="utf-8")
    done = CliRunner().invoke(main, ["check", str(one)])
    assert done.exit_code == 0
    assert done.stdout.splitlines() == [
        "event              claim  kind      claimed  measured  verdict",
        "-----------------  -----  --------  -------  --------  ------------",
        "at-tadmur-by-name  0      distance  15 mi    0 mi      undetermined",
        "    claims within 15 mi (24.1 km) of Tadmur, but Tadmur is the very",
        "    point the event is located at: the claim restates the record's",
        "    own geometry (circular), so the check says nothing about the",
        "    report: undetermined",
        "1 claim: 1 undetermined",
    ]


def test_list_json_and_exports_show_the_basis(tmp_path) -> None:
    runner = CliRunner()
    bases = EVIDENCE / "bases.yaml"
    rows = json.loads(runner.invoke(main, ["list", "--json", str(bases)]).stdout)
    assert [(row["id"], row["basis"]) for row in rows] == [
        ("basis-default", "reported"), ("basis-reported", "reported"), ("basis-assessed", "assessed"),
        ("basis-reference", "reference"), ("basis-reconstructed", "reconstructed"), ("where-reported", "reported"),
        ("where-reconstructed", "reconstructed")]
    unclaimed = json.loads(runner.invoke(main, ["list", "--json", str(EVIDENCE / "intervals.yaml")]).stdout)
    assert unclaimed[0]["basis"] is None  # no area
    csv = tmp_path / "bases.csv"
    assert runner.invoke(main, ["export", str(bases), "-o", str(csv)]).exit_code == 0
    import pandas as pd

    table = pd.read_csv(csv)
    assert table["area_basis"].tolist() == ["reported", "reported", "assessed", "reference", "reconstructed",
                                            "reported", "reconstructed"]
    back = json.loads(runner.invoke(main, ["list", "--json", str(csv)]).stdout)
    assert back == rows  # the basis is read back from the area, and area_basis is not an imported field
    assert load_events(csv)[0].imported is None and load_events(csv)[0].area.basis is None
    geojson = tmp_path / "bases.geojson"
    assert runner.invoke(main, ["export", str(bases), "-o", str(geojson)]).exit_code == 0
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["area_basis"] for f in features][-3:] == ["reconstructed", "reported", "reconstructed"]


def test_a_draft_marks_the_basis_of_a_claimed_area_for_review(tmp_path) -> None:
    from tracker.drafting.draft import draft_events

    drafted = draft_events("The army advanced 1,400 square kilometers east of Tadmur.")
    assert drafted.records[0]["area"]["basis"].startswith("«REVIEW» where the area's geometry will come from: "
                                                          "reported (the article gives it), assessed")
    total = draft_events("Since June 1, 2017, ISIS lost 5,000 square kilometers in total near Tadmur.")
    assert "area" not in total.records[0]  # a total is checked against the actor's records, not an area of its own
    path = tmp_path / "draft.yaml"
    path.write_text(drafted.to_yaml(), encoding="utf-8")
    done = CliRunner().invoke(main, ["validate", "--no-places", str(path)])
    assert done.exit_code == 1
    assert f"{path}:21:10: area.basis: the draft left this for a person to fill: where the area's geometry" in done.stderr
