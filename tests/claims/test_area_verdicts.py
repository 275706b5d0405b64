"""Verdicts on claims about events with an area, with known answers: a direction is measured to the
whole area, not to its middle."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import load_events
from tracker.claims import check_claims
from tracker.geo import geodesy as geo

HOMS = (34.72405, 36.72559)  # the gazetteer's Homs


def _check(tmp_path: Path, text: str) -> dict[int, object]:
    path = tmp_path / "event.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_claims(load_events(path))
    assert report.problems == []
    return {r.index: r for r in report.results}


def _square(lon0: float, lat0: float, lon1: float, lat1: float) -> str:
    return f"[[{lon0}, {lat0}], [{lon1}, {lat0}], [{lon1}, {lat1}], [{lon0}, {lat1}], [{lon0}, {lat0}]]"


def _event(square: str, *directions: str) -> str:
    claims = "".join(f"  - direction: {d}\n    of: Homs\n" for d in directions)
    return (f"id: square\ndate: 2017-06-01\ntitle: a square\ntype: Battles\nactors: [Syrian Arab Army]\n"
            f"location: {{lat: 35.5, lon: 37.5}}\nprecision: 1\narea:\n  polygon: {square}\nclaims:\n{claims}")


def test_an_area_holding_the_reference_lies_in_every_direction_from_it(tmp_path: Path) -> None:
    found = _check(tmp_path, _event(_square(36.5, 34.5, 38.5, 36.5), "east", "north", "south"))
    for index in range(3):
        result = found[index]
        assert result.verdict == "undetermined"  # type: ignore[attr-defined]
        assert (result.measured_low, result.measured_high) == (0.0, 360.0)  # type: ignore[attr-defined]
    assert found[0].explanation == (  # type: ignore[attr-defined]
        "claims the event lies east of Homs; Homs lies inside the drawn area, parts of which lie in every direction "
        "from it: undetermined")


def test_an_area_wholly_in_the_sector_holds_and_one_wholly_outside_it_is_contradicted(tmp_path: Path) -> None:
    found = _check(tmp_path, _event(_square(38.0, 34.5, 39.0, 35.0), "east", "north", "south"))
    assert [found[i].verdict for i in range(3)] == ["holds", "contradicted", "contradicted"]  # type: ignore[attr-defined]
    low, high = found[0].measured_low, found[0].measured_high  # type: ignore[attr-defined]
    corners, _ = geo.inverse([HOMS[0]] * 2, [HOMS[1]] * 2, [35.0, 34.5], [38.0, 38.0])
    assert low == pytest.approx(float(corners[0]), abs=0.1)
    assert high == pytest.approx(float(corners[1]), abs=0.1)
    assert found[0].explanation == (  # type: ignore[attr-defined]
        f"claims the event lies east of Homs; the drawn area lies at bearings {low:.0f}°–{high:.0f}° from it, and "
        "east covers 45°–135°: all of it inside: holds")
    assert found[1].explanation.endswith("and north covers 315°–45°: none of it inside: contradicted")  # type: ignore[attr-defined]


def test_an_area_straddling_a_sector_edge_is_undetermined(tmp_path: Path) -> None:
    # north-north-east of Homs, from about 5° to 54°: partly north (315°-45°), partly east (45°-135°)
    found = _check(tmp_path, _event(_square(37.0, 35.5, 38.0, 37.5), "north", "east", "south"))
    assert [found[i].verdict for i in range(3)] == ["undetermined", "undetermined", "contradicted"]  # type: ignore[attr-defined]
    corners, _ = geo.inverse([HOMS[0]] * 2, [HOMS[1]] * 2, [37.5, 35.5], [37.0, 38.0])
    low, high = found[0].measured_low, found[0].measured_high  # type: ignore[attr-defined]
    assert low == pytest.approx(float(corners[0]), abs=0.1)
    assert high == pytest.approx(float(corners[1]), abs=0.1)
    assert found[0].explanation.endswith(  # type: ignore[attr-defined]
        "and north covers 315°–45°: part of it inside, part outside: undetermined")
