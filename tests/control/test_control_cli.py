"""`tracker control import` and `tracker control gains`: exit codes and exact messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

from .control_series import AREA_B, AREA_DISC, LAYERS, write_series


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def control(tmp_path: Path) -> Path:
    folder = tmp_path / "control"
    code, out, err = run("control", "import", str(write_series(tmp_path)), "--assessor", "ISW", "--actor",
                         "Syrian Arab Army", "--date-field", "date", "--into", str(folder), "--source",
                         "ISW control maps", "--reliability", "B")
    assert (code, err) == (0, "")
    assert out == (f"imported 3 layers of ISW for Syrian Arab Army (2024-01-01 .. 2024-03-01) into "
                   f"{folder / 'isw--syrian-arab-army.parquet'}; the series holds 3\n"
                   f"next: tracker control gains --actor 'Syrian Arab Army' --since 2024-01-01 --until 2024-03-01 "
                   f"--folder {folder}\n")
    return folder


def test_gains_in_text_name_the_layers_and_the_areas(control: Path) -> None:
    code, out, err = run("control", "gains", "--actor", "Syrian Arab Army", "--since", "2024-01-01", "--until",
                         "2024-03-01", "--folder", str(control))
    assert (code, err) == (0, "")
    assert out == (f"ISW (B), Syrian Arab Army, 2024-01-01 .. 2024-03-01 (layers of 2024-01-01 and 2024-03-01): "
                   f"gained {AREA_B / 1e6:,.1f} km², lost {AREA_DISC / 1e6:,.1f} km², net "
                   f"{(AREA_B - AREA_DISC) / 1e6:+,.1f} km²\n")


def test_gains_as_json_with_notes(control: Path) -> None:
    code, out, _err = run("control", "gains", "--actor", "syrian arab army", "--assessor", "isw", "--since",
                          "2024-02-01", "--until", "2024-06-01", "--folder", str(control), "--json")
    assert code == 0
    (row,) = json.loads(out)
    assert row["lost_km2"] == pytest.approx(AREA_DISC / 1e6, rel=1e-6)
    assert row["net_km2"] == pytest.approx(-AREA_DISC / 1e6, rel=1e-6)
    assert row["reliability"] == "B"
    assert row["notes"] == ["2024-06-01 is after the last of ISW's layers for Syrian Arab Army (2024-03-01, 92 days "
                            "earlier); what changed after 2024-03-01 is not counted"]


def test_gains_exported_as_geojson_refused_over_a_file_without_force(control: Path, tmp_path: Path) -> None:
    output = tmp_path / "gains.geojson"
    args = ["control", "gains", "--actor", "Syrian Arab Army", "--since", "2024-01-01", "--until", "2024-03-01",
            "--folder", str(control), "-o", str(output)]
    code, out, _err = run(*args)
    assert code == 0
    assert out.endswith(f"wrote the gained and lost areas to {output}\n")
    features = json.loads(output.read_text(encoding="utf-8"))["features"]
    assert [(f["properties"]["assessor"], f["properties"]["change"]) for f in features] == [("ISW", "gained"),
                                                                                             ("ISW", "lost")]
    assert features[0]["properties"]["area_km2"] == pytest.approx(AREA_B / 1e6, rel=1e-6)
    code, _out, err = run(*args)
    assert (code, err) == (1, f"tracker: {output} exists; pass --force to replace it\n")
    assert run(*args, "--force")[0] == 0


def test_gains_without_layers_for_the_actor_says_how_to_get_some(control: Path) -> None:
    code, out, err = run("control", "gains", "--actor", "Islamic State", "--since", "2024-01-01", "--until",
                         "2024-03-01", "--folder", str(control))
    assert (code, out) == (1, "")
    assert err == (f"tracker: no control layers for Islamic State in {control}; import some with "
                   "`tracker control import FILE --assessor NAME --actor 'Islamic State' --date-field FIELD`\n")


def test_a_bad_date_is_named(control: Path) -> None:
    code, _out, err = run("control", "gains", "--actor", "Syrian Arab Army", "--since", "March", "--until",
                          "2024-03-01", "--folder", str(control))
    assert code == 2
    assert "'March' is not a date; write it as YYYY-MM-DD" in err


def test_import_refuses_a_date_twice_and_writes_nothing(tmp_path: Path) -> None:
    path = write_series(tmp_path, layers={"2024-01-01": LAYERS["2024-01-01"], "2024-01-01T06:00": LAYERS["2024-02-01"]})
    code, out, err = run("control", "import", str(path), "--assessor", "ISW", "--actor", "SAA", "--date-field",
                         "date", "--into", str(tmp_path / "control"))
    assert (code, out) == (1, "")
    assert err == (f"tracker: {path}: feature 2: date 2024-01-01 is given twice, also at {path}: feature 1; keep one "
                   "layer per date\n")
    assert not (tmp_path / "control").exists() or not any((tmp_path / "control").glob("*.parquet"))


def test_import_needs_a_date_source(tmp_path: Path) -> None:
    code, _out, err = run("control", "import", str(write_series(tmp_path)), "--assessor", "ISW", "--actor", "SAA",
                          "--into", str(tmp_path / "control"))
    assert (code, err) == (1, "tracker: give either --date-field (a date per feature) or --date (one date for the "
                              "file)\n")
