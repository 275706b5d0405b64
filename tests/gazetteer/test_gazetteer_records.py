"""A record's places read together: a name several places bear is settled by the record's other
places, and ``tracker add`` stores why in ``resolved:``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer
from tracker import load_events
from tracker.add import add_events
from tracker.cli import main

from .villages import village_gazetteer, village_table

BOSRA = """\
id: bosra-shelling
date: 2015-03-25
title: Shelling east of Daraa
type: Explosions/Remote violence
actors: [Syrian Arab Army]
location: Bosra
area:
  hull: [Bosra, Daraa, {lat: 32.7, lon: 36.3}]
"""
#: Two villages called Tallaf, near Hama and in the Aleppo countryside (174 km apart), and two called
#: Kafr Zayt; the record's third place, `Indariyah, is only in the Aleppo countryside.
TALLAF = """\
id: tallaf-shelling
date: 2020-02-10
title: Shelling of Tallaf
type: Explosions/Remote violence
actors: [Syrian Arab Army]
location: Tallaf
area:
  hull: [Tallaf, Kafr Zayt, "`Indariyah"]
"""


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return village_gazetteer(tmp_path_factory)


def test_add_stores_why_a_name_several_places_bear_was_settled(tmp_path: Path) -> None:
    source = tmp_path / "bosra.yaml"
    source.write_text(BOSRA, encoding="utf-8")
    [added] = add_events([source], tmp_path / "events", gazetteer=Gazetteer(user=False))
    lines = added.path.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == [
        "  Bosra: {entry: geonames:171126, name: Buşrá ash Shām, lat: 32.5174, lon: 36.48163, country: SY, score: 100, "
        "reason: \"nearest to the record's other places (26 km; the next is 1,114 km away)\", alternatives: [{name: "
        "Basrah, country: IQ, lat: 30.50852, lon: 47.7804, distance_km: 1095.6}]}",
        # alone, Daraa is the larger of Daraa and Oguz in Turkey; here, the one near the record's other places
        "  Daraa: {entry: geonames:170905, name: Dar‘ā, lat: 32.61889, lon: 36.10213, country: SY, score: 100, "
        "reason: nearest to the record's other places (21 km; the next is 654 km away), alternatives: [{name: Oğuz, "
        "country: TR, lat: 37.17902, lon: 40.95455, distance_km: 672.6}]}",
    ]
    stored = load_events(tmp_path / "events").get("bosra-shelling")
    assert stored == added.event
    entry = stored.resolved["Bosra"]  # type: ignore[union-attr,index]
    assert entry.reason.startswith("nearest to the record's other places")  # type: ignore[union-attr]
    assert [(a.name, a.country, a.distance_km) for a in entry.alternatives] == [("Basrah", "IQ", 1095.6)]  # type: ignore[union-attr]


def test_the_record_s_coordinates_are_context_too(tmp_path: Path) -> None:
    env = {"TRACKER_GAZETTEER": str(tmp_path / "none.tsv")}
    record = tmp_path / "bosra.yaml"
    record.write_text(BOSRA.replace("[Bosra, Daraa,", "[Bosra, {lat: 32.5, lon: 36.6},"), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(record)], env=env)
    assert result.exit_code == 0, result.output
    record.write_text(BOSRA.split("area:")[0], encoding="utf-8")  # Bosra alone: Basra in Iraq, or Bosra?
    result = CliRunner().invoke(main, ["validate", str(record)], env=env)
    assert result.exit_code == 1
    assert f"{record}:6:11: location: 'Bosra' names 2 places: Basrah (IQ, 30.5085, 47.7804), Buşrá ash Shām " \
           "(SY, 32.5174, 36.4816); write the one you mean, or add the country ('Bosra, Syria')" in result.output


def test_a_village_of_a_name_two_governorates_share_is_settled_by_the_record(
        tmp_path: Path, villages: Gazetteer) -> None:
    source = tmp_path / "tallaf.yaml"
    source.write_text(TALLAF, encoding="utf-8")
    [added] = add_events([source], tmp_path / "events", gazetteer=villages)
    resolved = added.event.resolved or {}
    tallaf = resolved["Tallaf"]
    assert (round(tallaf.lat, 2), round(tallaf.lon, 2)) == (36.44, 36.80)  # the Aleppo countryside's
    assert tallaf.reason == "nearest to the record's other places (3 km; the next is 174 km away)"
    [other] = tallaf.alternatives or ()
    assert (other.name, round(other.lat, 2), round(other.distance_km)) == ("Tallaf", 34.91, 170)
    assert resolved["Kafr Zayt"].reason is not None and "`Indariyah" in resolved
    assert resolved["`Indariyah"].reason is None and resolved["`Indariyah"].alternatives is None  # only one place
    assert load_events(tmp_path / "events").get("tallaf-shelling") == added.event


def test_validate_reads_a_record_s_places_together(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    env = {"TRACKER_GAZETTEER": str(village_table(tmp_path_factory))}
    record = tmp_path / "tallaf.yaml"
    record.write_text(TALLAF, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(record)], env=env)
    assert result.exit_code == 0, result.output
    record.write_text(TALLAF.split("area:")[0], encoding="utf-8")  # Tallaf alone
    result = CliRunner().invoke(main, ["validate", str(record)], env=env)
    assert result.exit_code == 1
    assert f"{record}:6:11: location: 'Tallaf' names 2 places: " in result.output
    assert "write the one you mean, or add where it is ('Tallaf, Aleppo')" in result.output
