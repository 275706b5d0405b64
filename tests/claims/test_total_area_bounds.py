"""``impossible`` for an actor's total area rests only on the countries the evidence bounds: those
the record names or lies in and those of the actor's recorded areas; beyond them, but within the
countries bordering them, the rest may lie elsewhere: ``undetermined``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import load_events
from tracker.claims import check_claims
from tracker.geo import geodesy as geo

HELD = """\
id: is-holds-raqqa
date: 2015-06-01
title: Islamic State holds the area around Raqqa
type: Strategic developments
actors: [Islamic State]
location: Raqqa
area:
  basis: assessed
  circle: {center: Raqqa, radius: 30 km}
---
id: is-claims-caliphate
date: 2015-06-30
title: Islamic State said to hold an area across Syria and Iraq
type: Strategic developments
actors: [Islamic State]
location: Raqqa
claims:
"""
AROUND_SYRIA = ("Syria", "Israel", "Lebanon", "Turkey", "Iraq", "Jordan")  # in the shipped order


def _results(tmp_path: Path, claims: str) -> list[object]:
    path = tmp_path / "held.yaml"
    path.write_text(HELD + claims, encoding="utf-8")
    report = check_claims(load_events(path))
    assert report.problems == []
    return [r for r in report.results if r.event == "is-claims-caliphate"]


def _km2(*names: str) -> float:
    return sum(geo.country_area(geo.country_named(name) or "") for name in names) / 1e6


def test_a_total_beyond_the_countries_recorded_but_not_their_neighbours_is_undetermined(tmp_path: Path) -> None:
    (result,) = _results(tmp_path, "  - {total_area: 200000 km2, actor: Islamic State, since: 2015-01-01}\n")
    assert result.verdict == "undetermined"  # type: ignore[attr-defined]
    assert result.explanation == (  # type: ignore[attr-defined]
        "claims 200,000 km², more than the whole of Syria (185,939 km²), where the records put the actor, but not "
        f"more than those with the countries bordering it ({_km2(*AROUND_SYRIA):,.0f} km²), where the rest may "
        "lie: undetermined")


def test_a_total_beyond_the_recorded_countries_and_their_neighbours_is_impossible(tmp_path: Path) -> None:
    (result,) = _results(tmp_path, "  - {total_area: 2000000 km2, actor: Islamic State, since: 2015-01-01}\n")
    assert result.verdict == "impossible"  # type: ignore[attr-defined]
    assert result.explanation == (  # type: ignore[attr-defined]
        f"claims 2,000,000 km², more than the whole of Syria and the countries bordering it, {', '.join(AROUND_SYRIA[1:])} "
        f"({_km2(*AROUND_SYRIA):,.0f} km²), where the records put the actor and the rest may lie: impossible")


def test_a_country_the_record_names_bounds_the_total_too(tmp_path: Path) -> None:
    # the record reaches Iraq: Syria and Iraq bound the total, and their neighbours add Saudi Arabia
    claims = "  - {total_area: 1700000 km2, actor: Islamic State, since: 2015-01-01}\n  - reaches: Iraq\n"
    result = _results(tmp_path, claims)[0]
    assert result.verdict == "undetermined"  # type: ignore[attr-defined]
    assert _km2(*AROUND_SYRIA) < 1_700_000 < _km2(*AROUND_SYRIA, "Saudi Arabia")
    assert result.explanation.startswith(  # type: ignore[attr-defined]
        "claims 1,700,000 km², more than the whole of Syria and Iraq (623,306 km²), where the records put the actor")


@pytest.mark.parametrize("claimed", ["200000 km2", "2000000 km2"])
def test_an_area_claim_is_still_bounded_by_the_countries_it_lies_in(tmp_path: Path, claimed: str) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(HELD.split("---")[0] + f"claims:\n  - area: {claimed}\n", encoding="utf-8")
    (result,) = check_claims(load_events(path)).results
    assert result.verdict == "impossible"
