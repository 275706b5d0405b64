"""An area built from a region-sized place (a hull corner or a circle's centre the gazetteer calls a
region) cannot be measured: its claims are unverifiable with a sentence naming the region, and
``tracker validate`` warns."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tracker import load_events
from tracker.claims import check_claims
from tracker.cli import main

HULL = """\
id: hull-region
date: 2017-06-01
title: triangle with a region as a corner
type: Battles
actors: [Syrian Arab Army]
location: Tadmur
area:
  hull: [Syrian Desert, Homs, Tadmur]
claims:
  - area: 1000 km2
  - distance: 50 km
    to: Homs
  - direction: east
    of: Homs
  - total_area: 1000 km2
    actor: Syrian Arab Army
    since: 2017-06-01
"""
CIRCLE = """\
id: circle-region
date: 2017-06-01
title: a circle around a region
type: Battles
actors: [Syrian Arab Army]
location: Tadmur
area:
  circle: {center: Syrian Desert, radius: 20 km}
claims:
  - area: 1000 km2
"""
WHY = "the area is built from Syrian Desert, a region, not a point"


def _results(tmp_path: Path, text: str) -> list[object]:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_claims(load_events(path))
    assert report.problems == []
    return list(report.results)


def test_claims_about_a_hull_with_a_region_corner_are_unverifiable(tmp_path: Path) -> None:
    results = _results(tmp_path, HULL)
    assert [r.verdict for r in results] == ["unverifiable"] * 4  # type: ignore[attr-defined]
    assert [r.measured for r in results] == [None] * 4  # type: ignore[attr-defined]
    assert results[0].explanation == f"claims 1,000 km², but {WHY}, so it cannot be measured"  # type: ignore[attr-defined]
    assert results[1].explanation == f"claims about 50 km of Homs, but {WHY}, so no distance can be measured"  # type: ignore[attr-defined]
    assert results[2].explanation == f"claims the event lies east of Homs, but {WHY}"  # type: ignore[attr-defined]
    assert results[3].explanation == (  # type: ignore[attr-defined]
        "claims 1,000 km², but no area is recorded for it (the union of Syrian Arab Army's 0 area(s) recorded "
        "wholly within 2017-06-01 to 2017-06-01), so nothing can be measured")


def test_an_area_claim_about_a_circle_round_a_region_is_unverifiable(tmp_path: Path) -> None:
    (result,) = _results(tmp_path, CIRCLE)
    assert (result.verdict, result.explanation) == ("unverifiable", f"claims 1,000 km², but {WHY}, so it cannot be measured")  # type: ignore[attr-defined]


def test_validate_warns_of_an_area_built_from_a_region(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(HULL, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "a.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "warning: a.yaml:8:10: area.hull.0: Syrian Desert is a region, not a point: an area built from it cannot be "
        "measured, and its claims are unverifiable; name a town or other point for the corner, or give its {lat, lon}")
