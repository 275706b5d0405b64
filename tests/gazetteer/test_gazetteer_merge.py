"""One place, one entry: an import merges with the places already known, so duplicates never make a name ambiguous."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, normalize
from gazetteer.importer import import_places
from gazetteer.merge import MERGE_KM, merge_places
from gazetteer.table import BUNDLED, Place, PlaceTable

from ..common import ROOT

#: GeoNames-format dumps of Who's On First localities (see its README); the project ships none of it.
SHARED = ROOT.parent / "shared" / "data" / "gazetteer"
needs_dumps = pytest.mark.skipif(not (SHARED / "SY.txt").is_file(), reason=f"the shared dumps are not in {SHARED}")


def _village(name: str, latitude: float, longitude: float, feature: str = "populated place (PPL)",
             country: str = "SY", id: str | None = None, population: int = 0) -> Place:
    return Place(id or f"x:{name}:{latitude}:{longitude}", name, latitude, longitude, country, feature, population,
                 names=(name,))


def test_a_duplicate_a_kilometre_away_is_merged_but_not_one_twenty_away_nor_another_kind() -> None:
    known = [_village("Al Qurayya", 34.9563, 40.5414)]
    near = _village("Al-Qurayya", 34.9650, 40.5414, population=5000)  # about 1 km north
    far = _village("Al Qurayya", 32.5434, 36.5978)  # in Suwayda
    region = _village("Al Qurayya", 34.9563, 40.5414, feature="administrative area (ADM3)", id="x:region")
    abroad = _village("Al Qurayya", 34.9600, 40.5414, country="IQ", id="x:abroad")
    merged = merge_places(known, [near, far, region, abroad])
    assert (merged.added, merged.merged, merged.replaced) == (3, 1, 0)
    first = merged.places[0]
    assert (first.id, first.name, first.names) == (known[0].id, "Al Qurayya", ("Al Qurayya", "Al-Qurayya"))
    assert (first.latitude, first.population) == (34.9650, 5000)  # the position of the more populous


def test_the_merge_distance_is_a_few_kilometres() -> None:
    assert MERGE_KM == 5.0
    just_in = merge_places([_village("Tell", 35.0, 40.0)], [_village("Tell", 35.0 + 4.9 / 111.2, 40.0)])
    just_out = merge_places([_village("Tell", 35.0, 40.0)], [_village("Tell", 35.0 + 5.1 / 111.2, 40.0)])
    assert (len(just_in.places), len(just_out.places)) == (1, 2)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Tell", "Kafr Nabl", "Hajin"]), st.floats(32, 37), st.floats(35, 42)),
                max_size=12))
def test_merging_places_into_themselves_adds_nothing(rows: list[tuple[str, float, float]]) -> None:
    places = merge_places([], [_village(*row) for row in rows]).places
    again = merge_places(places, places)
    assert (again.added, len(again.places)) == (0, len(places))
    assert [p.names for p in again.places] == [p.names for p in places]


@pytest.fixture(scope="module")
def villages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SHARED / "SY.txt").is_file():
        pytest.skip(f"the shared dumps are not in {SHARED}")
    table = tmp_path_factory.mktemp("villages") / "places.tsv"
    for country in ("SY", "IQ", "JO", "LB"):
        import_places(SHARED / f"{country}.txt", table)
    return table


@needs_dumps
@pytest.mark.parametrize(("name", "id"), [
    ("Palmyra", "geonames:163808"), ("Tadmur", "geonames:163808"), ("تدمر", "geonames:163808"),
    ("Manbij", "geonames:167357"), ("Mayadin", "geonames:173480"),
])
def test_a_bundled_town_imported_again_stays_one_populated_place(villages: Path, name: str, id: str) -> None:
    places = PlaceTable.read([BUNDLED, villages])
    towns = {places.places[i].id for i in places.key_rows.get(normalize(name), [])
             if places.places[i].feature.startswith("populated place")}
    assert sorted(towns) == [id]  # the district of that name, if any, is another place


@needs_dumps
def test_the_bundled_place_keeps_its_name_and_gains_the_imported_names(villages: Path) -> None:
    raqqa = Gazetteer(PlaceTable.read([BUNDLED, villages])).resolve("Ar Raqqah, Syria")
    tadmur = next(p for p in PlaceTable.read([BUNDLED, villages]).places if p.id == "geonames:163808")
    assert tadmur.name == "Tadmur"
    assert {"Palmyra", "تدمر", "Tadmor"} <= set(tadmur.names)
    assert raqqa.status in ("found", "ambiguous")


@needs_dumps
def test_importing_a_dump_again_changes_nothing(tmp_path: Path, villages: Path) -> None:
    table = tmp_path / "places.tsv"
    shutil.copy(villages, table)
    result = import_places(SHARED / "JO.txt", table)
    assert result.added == 0
    assert table.read_bytes() == villages.read_bytes()
    ids = [row.split("\t", 1)[0] for row in table.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids))
