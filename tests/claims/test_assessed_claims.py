"""Area claims checked against assessed gains: one verdict per assessor whose layers cover the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.control import import_layers

from ..control.control_series import AREA_B, write_series


def _claim(events: Path, name: str, area: str, since: str, until: str) -> None:
    (events / f"{name}.yaml").write_text(
        f"id: {name}\ndate: {until}\ntitle: claim {name}\ntype: Battles\nactors: [Syrian Arab Army]\n"
        f"location: {{lat: 30.5, lon: 30.5}}\nclaims:\n  - total_area: {area}\n    actor: Syrian Arab Army\n"
        f"    since: {since}\nsources:\n  - publisher: Agency {name}\n    reliability: C\n", encoding="utf-8")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    events, control = tmp_path / "events", tmp_path / "control"
    events.mkdir()
    _claim(events, "gain", f"{AREA_B / 1e6 * 1.1:.0f} km2", "2024-01-01", "2024-02-01")
    _claim(events, "early", "500 km2", "2023-01-01", "2023-02-01")
    import_layers([write_series(tmp_path)], control, assessor="ISW", actor="Syrian Arab Army", date_field="date",
                  reliability="B")
    half = {"2024-01-01": [[[30.0, 30.0], [31.0, 30.0], [31.0, 31.0], [30.0, 31.0], [30.0, 30.0]]],
            "2024-02-01": [[[30.0, 30.0], [31.0, 30.0], [31.5, 30.0], [31.5, 31.0], [31.0, 31.0], [30.0, 31.0],
                            [30.0, 30.0]]]}
    import_layers([write_series(tmp_path, "half.geojson", half)], control, assessor="DeepState",
                  actor="Syrian Arab Army", date_field="date", reliability="C")
    return events, control


def test_two_assessors_that_disagree_give_two_verdicts_and_no_layers_fall_back(folders: tuple[Path, Path]) -> None:
    events, control = folders
    result = CliRunner().invoke(main, ["check", str(events), "--control", str(control), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["event"], r["assessor"], r["verdict"]) for r in rows] == [
        ("early", None, "unverifiable"),
        ("gain", "DeepState", "overstated"),
        ("gain", "ISW", "consistent"),
    ]
    isw = rows[2]
    assert isw["measured"] == pytest.approx(AREA_B / 1e6, rel=1e-6)
    assert isw["explanation"] == (
        f"claims {AREA_B / 1e6 * 1.1:,.0f} km² from 2024-01-01 to 2024-02-01; ISW (B) assessed a net gain of "
        f"{AREA_B / 1e6:,.0f} km² (layers of 2024-01-01 and 2024-02-01), the two agree within the 1.25× "
        "tolerance: consistent")
    assert rows[1]["explanation"].startswith(f"claims {AREA_B / 1e6 * 1.1:,.0f} km² from 2024-01-01 to 2024-02-01; "
                                             "DeepState (C) assessed a net gain of ")


def test_without_a_control_folder_every_row_has_a_null_assessor(folders: tuple[Path, Path], tmp_path: Path) -> None:
    events, _control = folders
    result = CliRunner().invoke(main, ["check", str(events), "--control", str(tmp_path / "none"), "--json"])
    assert result.exit_code == 0
    assert [(r["event"], r["assessor"]) for r in json.loads(result.stdout)] == [("early", None), ("gain", None)]


def test_a_window_ending_between_two_layers_is_undetermined_when_the_layers_around_it_disagree(
        tmp_path: Path) -> None:
    """Layers of 1 January, 1 February and 1 March: the ground gained by 25 January lies between
    none (the layers inside the window) and all of February's gain (the layers around it). A claim of
    February's gain is neither overstated nor consistent on that evidence; ten times it is overstated
    on both."""
    events, control = tmp_path / "events", tmp_path / "control"
    events.mkdir()
    _claim(events, "between", f"{AREA_B / 1e6:.0f} km2", "2024-01-01", "2024-01-25")
    _claim(events, "tenfold", f"{AREA_B / 1e6 * 10:.0f} km2", "2024-01-01", "2024-01-25")
    _claim(events, "exact", f"{AREA_B / 1e6:.0f} km2", "2024-01-01", "2024-02-01")
    import_layers([write_series(tmp_path)], control, assessor="ISW", actor="Syrian Arab Army", date_field="date")
    result = CliRunner().invoke(main, ["check", str(events), "--control", str(control), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["event"]: r for r in json.loads(result.stdout)}
    assert {name: row["verdict"] for name, row in rows.items()} == {
        "between": "undetermined", "tenfold": "overstated", "exact": "consistent"}
    between = rows["between"]
    assert between["assessor"] == "ISW"
    assert (between["measured_low"], between["measured_high"]) == (0, pytest.approx(AREA_B / 1e6, rel=1e-6))
    assert between["explanation"] == (
        f"claims {AREA_B / 1e6:,.0f} km² from 2024-01-01 to 2024-01-25; ISW assessed a net gain of 0 km² "
        f"between its layers inside the window (2024-01-01 and 2024-01-01) and a net gain of {AREA_B / 1e6:,.0f} "
        "km² between those around it (2024-01-01 and 2024-02-01); the claim reads overstated on the one and "
        "consistent on the other, so the layers cannot decide it: undetermined")
