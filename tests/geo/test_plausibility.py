"""A point that lies outside the countries its record names is a warning, not an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

from ..records.test_geometry_checks import RECORD


def write(folder: Path, location: str, rest: str, id: str = "a") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = RECORD.format(id=id, rest=rest).replace("{lat: 34.56, lon: 38.28}", location)
    (folder / f"{id}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture()
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


HULL = "area:\n  hull: [Tadmur, Arak, As Sukhnah]\n"


def test_a_swapped_point_of_a_syrian_record_is_a_warning(here: Path) -> None:
    write(here / "ev", "{lat: 38.55, lon: 34.78}", HULL)  # Tadmur's neighbourhood, written lon first
    result = CliRunner().invoke(main, ["validate", "ev"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "warning: ev/a.yaml:6:11: location: {lat: 38.55, lon: 34.78} lies in Turkey, but the record's places are in "
        "Syria; swapped, {lat: 34.78, lon: 38.55} lies in Syria: are latitude and longitude swapped?",
        "ok: 1 record valid",
    ]
    as_json = json.loads(CliRunner().invoke(main, ["validate", "--json", "ev"]).stdout)
    assert as_json["valid"] is True
    assert [w["field"] for w in as_json["warnings"]] == ["location"]


def test_a_point_outside_the_country_of_an_inside_claim_is_a_warning(here: Path) -> None:
    write(here / "ev", "{lat: 33.31, lon: 44.36}", "claims:\n  - inside: Syria\n")  # Baghdad
    result = CliRunner().invoke(main, ["validate", "ev"])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "warning: ev/a.yaml:6:11: location: {lat: 33.31, lon: 44.36} lies in Iraq, outside Syria, where the record's "
        "area or inside: claim puts it; check the coordinates")


@pytest.mark.parametrize(("location", "rest"), [
    ("{lat: 34.78, lon: 38.55}", HULL),  # in the country its places are in
    ("{lat: 38.55, lon: 34.78}", ""),  # no place named: nothing to compare with
    ("{lat: 33.40, lon: 38.80}", "claims:\n  - distance: 20 km\n    to: Al-Tanf border crossing\n"),  # a place over
    ("{lat: 34.45, lon: 40.93}", "claims:\n  - inside: Iraq\n"),  # Abu Kamal: a few km from Iraq  # the border
])
def test_a_point_in_or_near_the_countries_its_record_names_is_not_doubted(here: Path, location: str,
                                                                          rest: str) -> None:
    write(here / "ev", location, rest)
    result = CliRunner().invoke(main, ["validate", "ev"])
    assert result.exit_code == 0
    assert result.output == "ok: 1 record valid\n"


@pytest.mark.parametrize(("location", "rest", "warning"), [
    # in the sea off Latakia: in no shipped country, outside the one its inside: claim names
    ("{lat: 35.5, lon: 35.2}", "claims:\n  - inside: Syria\n",
     "{lat: 35.5, lon: 35.2} lies in none of the shipped countries, outside Syria, where the record's area or "
     "inside: claim puts it; check the coordinates"),
    # places in two countries, the point written lon first: both countries are named, the one it lies in once swapped
    ("{lat: 40.93, lon: 34.45}", "claims:\n  - inside: Iraq\n  - distance: 20 km\n    to: Tadmur\n",
     "{lat: 40.93, lon: 34.45} lies in Turkey, but the record's places are in Iraq or Syria; swapped, "
     "{lat: 34.45, lon: 40.93} lies in Syria: are latitude and longitude swapped?"),
    # a country named by a name ISO 3166 gives it, not the news
    ("{lat: 33.31, lon: 44.36}", "claims:\n  - inside: Syrian Arab Republic\n",
     "{lat: 33.31, lon: 44.36} lies in Iraq, outside Syria, where the record's area or inside: claim puts it; "
     "check the coordinates"),
])
def test_the_warning_says_where_the_point_lies_and_which_countries_the_record_names(
        here: Path, location: str, rest: str, warning: str) -> None:
    write(here / "ev", location, rest)
    result = CliRunner().invoke(main, ["validate", "ev"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"warning: ev/a.yaml:6:11: location: {warning}", "ok: 1 record valid"]


def test_a_point_far_from_the_places_of_its_claims_alone_is_not_doubted(here: Path) -> None:
    # a distance claim may name a place across a border: only a swap would be worth a warning
    write(here / "ev", "{lat: 33.31, lon: 44.36}", "claims:\n  - distance: 400 km\n    to: Tadmur\n")
    result = CliRunner().invoke(main, ["validate", "ev"])
    assert result.output == "ok: 1 record valid\n"
