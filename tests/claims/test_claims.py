"""Claims with known answers, of every kind and verdict (tests/data/claims/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import load_events
from tracker.claims.check import check_claims
from tracker.cli import main
from tracker.geo import geodesy as geo

from ..common import AL_TANF_GARRISON, DATA, MINIMAL

CLAIMS = DATA / "claims"


@pytest.fixture(scope="module")
def verdicts() -> dict[tuple[str, int], object]:
    report = check_claims(load_events(CLAIMS))
    assert report.problems == []
    return {(r.event, r.index): r for r in report.results}


EXPECTED = {
    ("circle-consistent", 0): "consistent",
    ("circle-consistent", 1): "overstated",
    ("circle-consistent", 2): "understated",
    ("circle-consistent", 3): "consistent",  # 100 km² against 314 km², with tolerance 4
    ("circle-consistent", 4): "impossible",  # more than Syria's 185,939 km²
    ("month-total", 0): "undetermined",  # 628 km² is the sum of the two circles; their union, 506 km², is a lower bound
    ("month-total", 1): "consistent",
    ("month-total", 2): "unverifiable",  # no area recorded for Islamic State
    ("month-total", 3): "unverifiable",  # a count
    ("month-total", 4): "unverifiable",  # no area drawn
    ("at-tadmur", 0): "holds",  # within 80 mi: Tadmur is 75.3 mi from the garrison
    ("at-tadmur", 1): "contradicted",
    ("at-tadmur", 2): "consistent",
    ("at-tadmur", 3): "overstated",
    ("at-tadmur", 4): "understated",
    ("at-tadmur", 5): "holds",  # north of the garrison (bearing 345°)
    ("at-tadmur", 6): "contradicted",
    ("at-tadmur", 7): "contradicted",  # not inside the 55 km zone
    ("at-tadmur", 8): "holds",  # inside Syria
    ("at-tadmur", 9): "contradicted",
    ("at-tadmur", 10): "holds",  # within 70 km of the zone's edge (66 km)
    ("at-the-garrison", 0): "undetermined",  # located on the zone's centre: circular
    ("at-the-garrison", 1): "contradicted",  # 21 km from the Iraqi border, beyond the 10 km default
    ("at-the-garrison", 2): "holds",  # with a 40 km tolerance
    ("at-abu-kamal", 0): "holds",
    ("at-abu-kamal", 1): "contradicted",
    ("at-abu-kamal", 2): "unverifiable",
    ("only-a-region", 0): "unverifiable",
    ("only-a-region", 1): "unverifiable",
}


def test_every_claim_gets_its_known_verdict(verdicts) -> None:
    assert {key: r.verdict for key, r in verdicts.items()} == EXPECTED


def test_total_area_is_the_union_not_the_sum(verdicts) -> None:
    union = geo.geodesic_area(geo.union([
        geo.geodesic_circle(34.5624, 38.28402, 10_000), geo.geodesic_circle(34.5624, 38.39330, 10_000)]))
    total = verdicts["month-total", 0]
    assert total.measured == pytest.approx(union / 1e6)
    assert total.measured < 2 * verdicts["circle-consistent", 0].measured * 0.85


def test_measurements_and_explanations(verdicts) -> None:
    circle = verdicts["circle-consistent", 1]
    assert (circle.claimed, round(circle.measured, 1), circle.unit, round(circle.ratio, 2)) == (1000, 314.1, "km²", 3.18)
    assert circle.explanation == ("claims 1,000 km²; the drawn area measures 314 km², so the claim is 3.18× larger: "
                                  "overstated beyond the 1.25× tolerance")
    assert verdicts["circle-consistent", 4].explanation == (
        "claims 200,000 km², more than the whole of Syria (185,939 km²), where the event lies: impossible")
    near = verdicts["at-tadmur", 0]
    assert (near.unit, round(near.measured, 2)) == ("mi", 75.3)
    assert near.explanation == "claims within 80 mi (129 km) of 33.5058, 38.6178; the event is 75.3 mi from it: holds"
    assert verdicts["at-tadmur", 5].explanation == (
        "claims the event lies north of 33.5058, 38.6178; it lies at bearing 345° from it, and north covers "
        "315°–45°: holds")
    assert verdicts["month-total", 3].explanation == "a count (4,000 fighters) is not geometric: kept as reported, not checked"


def test_the_seed_events_answer_the_articles_questions() -> None:
    """No verdict on the seed records calls a claim false on evidence that cannot show it."""
    report = check_claims(load_events("events"))
    results = {(r.event, r.index): r for r in report.results}
    # the article gives the 1,400 km² no geometry, and the towns once used to draw it were taken later
    assert results["badiyeh-advance-east-of-tadmur", 0].verdict == "unverifiable"
    # "east of Tadmur", measured from a record located at Tadmur itself, cannot fail: circular
    east = results["badiyeh-advance-east-of-tadmur", 1]
    assert east.verdict == "undetermined" and "Tadmur is the very point the event is located at" in east.explanation
    # the published totals: no area of the army's is recorded for their windows, so nothing is measured
    for event in ("saa-5000-km2-in-a-month", "saa-general-command-20000-km2-2017-06-10",
                  "russian-mod-3922-km2-in-a-month"):
        assert (results[event, 0].kind, results[event, 0].verdict) == ("total_area", "unverifiable"), event
    assert results["saa-within-15-miles-of-al-tanf", 0].verdict == "unverifiable"
    assert results["saa-advance-toward-deir-ez-zor", 0].verdict == "holds"
    # the 18 May strike, where the coalition and Reuters put it (27 km north-west, within 10 km), lies inside
    strike = results["us-strike-near-al-tanf-2017-05-18", 0]
    assert (strike.verdict, strike.measured_low) == ("holds", 1.0)
    # the Observatory's "around 70 km": its own point, 60 km out at precision 2, gives 50 to 70 km
    seventy = results["sohr-army-at-iraqi-border-north-of-al-tanf", 1]
    assert (seventy.verdict, round(seventy.measured_low), round(seventy.measured_high)) == ("undetermined", 50, 70)
    assert not {r.verdict for r in report.results} & {"overstated", "understated", "contradicted", "impossible"}


def test_check_json_and_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--json", str(CLAIMS)])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert set(rows[0]) == {"event", "index", "kind", "claimed", "measured", "unit", "ratio", "verdict", "explanation",
                            "measured_low", "measured_high", "assessor", "gain"}
    assert len(rows) == len(EXPECTED)
    assert runner.invoke(main, ["check", "--strict", str(CLAIMS)]).exit_code == 1
    table = runner.invoke(main, ["check", str(CLAIMS)])
    assert table.stdout.splitlines()[-1] == (
        "29 claims: 4 consistent, 2 overstated, 2 understated, 1 impossible, 6 holds, 6 contradicted, 2 undetermined, "
        "6 unverifiable")


def test_a_record_with_an_unknown_place_is_reported_and_the_others_checked(tmp_path: Path) -> None:
    import yaml

    (tmp_path / "a.yaml").write_text(yaml.safe_dump({**MINIMAL, "id": "lost", "location": "Wadi Narnia",
                                                     "claims": [{"count": 3}]}), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump({**MINIMAL, "id": "found", "claims": [{"count": 5}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--json", str(tmp_path)])
    assert result.exit_code == 1
    assert [row["event"] for row in json.loads(result.stdout)] == ["found"]
    assert "'Wadi Narnia' is not in the gazetteer" in result.stderr


def test_an_inside_claim_on_an_area_uses_its_share(tmp_path: Path) -> None:
    import yaml

    zone = {**MINIMAL, "id": "zone", "location": {**AL_TANF_GARRISON},
            "area": {"circle": {"center": {**AL_TANF_GARRISON}, "radius": "55 km"}}}
    overlapping = {**MINIMAL, "id": "overlapping", "location": {"lat": 33.5058, "lon": 39.1678},
                   "area": {"circle": {"center": {"lat": 33.5058, "lon": 39.1678}, "radius": "30 km"}},
                   "claims": [{"inside": "zone"}]}
    (tmp_path / "r.yaml").write_text(yaml.safe_dump_all([zone, overlapping]), encoding="utf-8")
    result = check_claims(load_events(tmp_path)).results[0]
    share = geo.geodesic_area(geo.geodesic_circle(33.5058, 39.1678, 30_000).intersection(
        geo.geodesic_circle(33.5058, 38.6178, 55_000))) / geo.geodesic_area(geo.geodesic_circle(33.5058, 39.1678, 30_000))
    assert result.verdict == "contradicted" and result.measured == pytest.approx(share, abs=1e-4)
    assert 0.2 < share < 0.9


def test_a_geojson_area_is_measured_from_its_file() -> None:
    from tests.common import VALID

    events = load_events(VALID)
    report = check_claims(events)
    result = report.results[0]
    drawn = geo.read_geojson(VALID / "areas" / "badiyeh.geojson")
    assert (result.event, result.kind, result.verdict) == ("badiyeh-drawn", "area", "overstated")
    assert result.measured == pytest.approx(geo.geodesic_area(drawn) / 1e6)
    assert report.summary() == "1 claim: 1 overstated" and report.failed
