"""Claims about the same gain set side by side: the seed records' group about the army's advance."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.control import import_layers
from tracker.control.compare import compare
from tracker.load import load_events

from ..common import EVENTS
from .control_series import AREA_B, LAYERS, write_series

D = dt.date.fromisoformat


def test_the_seed_records_hold_one_group_about_the_army_advance() -> None:
    (group,) = [g for g in compare(load_events(EVENTS)) if g.actor == "Syrian Arab Army"]
    assert [(c.event_id, c.claimed_km2, c.days) for c in group.claims] == [
        ("saa-general-command-20000-km2-2017-06-10", 20000.0, 40),
        ("saa-5000-km2-in-a-month", 5000.0, 36),
        ("russian-mod-3922-km2-in-a-month", 3922.0, 31),
    ]
    assert [round(c.rate, 1) for c in group.claims] == [500.0, 138.9, 126.5]
    assert (group.since, group.until) == (D("2017-05-01"), D("2017-06-10"))
    assert group.spread == pytest.approx(500.0 / (3922 / 31))
    assert [c.grades for c in group.claims] == [("SANA D3", "AFP B3"), ("us.blastingnews.com E3",),
                                                ("Russian Ministry of Defence D3",)]
    assert group.assessed == ()


def test_tracker_compare_prints_the_group_with_its_spread() -> None:
    result = CliRunner().invoke(main, ["compare", str(EVENTS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Syrian Arab Army, 2017-05-01 .. 2017-06-10: 3 claims, spread 3.95x (largest rate per day over smallest)",
        "record                                    claim  sources (grade)                 window                    "
        "days  claimed km²  km²/day",
        "----------------------------------------  -----  ------------------------------  ------------------------  "
        "----  -----------  -------",
        "saa-general-command-20000-km2-2017-06-10  0      SANA D3, AFP B3                 2017-05-01 .. 2017-06-10  "
        "40    20,000       500.0",
        "saa-5000-km2-in-a-month                   0      us.blastingnews.com E3          2017-05-01 .. 2017-06-06  "
        "36    5,000        138.9",
        "russian-mod-3922-km2-in-a-month           0      Russian Ministry of Defence D3  2017-05-09 .. 2017-06-09  "
        "31    3,922        126.5",
    ]


def test_claims_of_one_actor_in_windows_apart_are_two_groups_and_assessed_gains_sit_beside(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    for name, since, until, area in (("a", "2024-01-01", "2024-02-01", "12000 km2"),
                                     ("b", "2024-01-10", "2024-02-01", "9000 km2"),
                                     ("c", "2024-05-01", "2024-06-01", "100 km2")):
        (events / f"{name}.yaml").write_text(
            f"id: {name}\ndate: {until}\ntitle: claim {name}\ntype: Battles\nactors: [Syrian Arab Army]\n"
            f"location: {{lat: 30.5, lon: 30.5}}\nclaims:\n  - total_area: {area}\n    actor: Syrian Arab Army\n"
            f"    since: {since}\nsources:\n  - publisher: Agency {name}\n    reliability: C\n", encoding="utf-8")
    import_layers([write_series(tmp_path)], tmp_path / "control", assessor="ISW", actor="Syrian Arab Army",
                  date_field="date", reliability="B")
    first, second = compare(load_events(events), tmp_path / "control")
    assert [c.event_id for c in first.claims] == ["b", "a"]
    assert [c.event_id for c in second.claims] == ["c"]
    (assessed,) = first.assessed
    assert assessed.assessor == "ISW"
    assert assessed.net_m2 == pytest.approx(AREA_B, rel=1e-6)
    assert len(LAYERS) == 3
    result = CliRunner().invoke(main, ["compare", str(events), "--control", str(tmp_path / "control"), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data[0]["assessed"][0]["net_km2"] == pytest.approx(AREA_B / 1e6, rel=1e-6)
    assert data[0]["spread"] == pytest.approx((9000 / 22) / (12000 / 31))
    assert data[1]["spread"] is None


def test_a_group_of_one_claim_says_so_and_assessed_gains_are_printed_beside(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    (events / "one.yaml").write_text(
        "id: one\ndate: 2024-03-01\ntitle: one claim\ntype: Battles\nactors: [Syrian Arab Army]\n"
        "location: {lat: 30.5, lon: 30.5}\nclaims:\n  - total_area: 12000 km2\n    actor: Syrian Arab Army\n"
        "    since: 2024-01-01\n", encoding="utf-8")
    import_layers([write_series(tmp_path)], tmp_path / "control", assessor="ISW", actor="Syrian Arab Army",
                  date_field="date")
    result = CliRunner().invoke(main, ["compare", str(events), "--control", str(tmp_path / "control")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Syrian Arab Army, 2024-01-01 .. 2024-03-01: 1 claim"
    assert lines[-1] == ("assessed by ISW: net +9,385.9 km² (gained 10,642.5, lost 1,256.6; layers of 2024-01-01 and "
                         "2024-03-01), 156.4 km²/day")
