"""Governorates and provinces resolve as regions, with the bundled table alone; a bare name is still the town."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pycountry
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from gazetteer import Gazetteer, normalize
from gazetteer.build import ADMIN1, REGIONS, regions
from gazetteer.merge import merge_places
from gazetteer.table import Place, PlaceTable
from tracker.cli import main
from tracker.geo.countries import countries

from .villages import village_table

#: Governorates the news names, each with its ISO 3166-2 code, the English name, its Arabic name and
#: the GeoNames id of the town of that name (or its seat), which a region must not be confused with.
GOVERNORATES = [
    ("SY-HI", "Homs", "حمص", "geonames:169577"),
    ("SY-DY", "Deir ez-Zor", "دير الزور", "geonames:170794"),
    ("SY-RA", "Raqqa", "الرقة", "geonames:172955"),
    ("SY-HL", "Aleppo", "حلب", "geonames:170063"),
    ("SY-ID", "Idlib", "إدلب", "geonames:169389"),
    ("IQ-AN", "Anbar", "الأنبار", "geonames:98717"),  # seat: Ramadi
    ("IQ-NI", "Nineveh", "نينوى", "geonames:99072"),  # seat: Mosul
]
FORMS = ["{} Governorate", "{} governorate", "{} province", "{} Province", "the province of {}",
         "Governorate of {}", "the {} province"]
ISO3 = {"SY": "SYR", "IQ": "IRQ", "JO": "JOR", "LB": "LBN", "TR": "TUR"}


@pytest.fixture(scope="module")
def bundled() -> Gazetteer:
    return Gazetteer(user=False)


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("code", "name", "arabic", "town"), GOVERNORATES)
def test_a_governorate_named_any_way_is_the_region_not_the_town(bundled: Gazetteer, form: str, code: str, name: str,
                                                                arabic: str, town: str) -> None:
    match = bundled.resolve(form.format(name))
    assert match.status == "found", match.explain()
    assert match.place is not None
    assert (match.place.id, match.place.feature, match.kind) == (
        f"iso3166-2:{code}", "administrative area (ADM1)", "region")
    assert "a region (administrative area (ADM1)), not a point" in match.explain()


@pytest.mark.parametrize(("code", "name", "arabic", "town"), GOVERNORATES)
def test_the_arabic_muhafazat_form_is_the_region(bundled: Gazetteer, code: str, name: str, arabic: str,
                                                 town: str) -> None:
    match = bundled.resolve(f"محافظة {arabic}")
    assert match.place is not None, match.explain()
    assert match.place.id == f"iso3166-2:{code}"


@pytest.mark.parametrize(("code", "name", "arabic", "town"), GOVERNORATES)
def test_a_bare_name_is_still_the_town_and_its_region_lies_elsewhere(bundled: Gazetteer, code: str, name: str,
                                                                     arabic: str, town: str) -> None:
    region = bundled.resolve(f"{name} Governorate").place
    assert region is not None
    if name in ("Anbar", "Nineveh"):  # named for no town: the bare name is the region's (or ambiguous)
        return
    match = bundled.resolve(name)
    assert match.place is not None and match.place.id == town, match.explain()
    assert match.kind == "point" and match.alternatives == ()  # the region is no candidate of the bare name
    assert _km(region, match.place) > 1  # the region's point is the mean of its towns, not the town's


def test_a_name_that_a_village_abroad_shares_with_a_governorate_is_left_ambiguous(bundled: Gazetteer) -> None:
    """'Anbar' alone: the Iraqi governorate, or the Turkish village Ambar, which GeoNames also calls
    Anbar. Neither kind nor size says which; the article's other places do."""
    alone = bundled.resolve("Anbar")
    assert alone.status == "ambiguous"
    assert {p.id for p in alone.candidates} == {"iso3166-2:IQ-AN", "geonames:323854"}
    together = bundled.resolve_together(["Anbar", "Ramadi", "Fallujah"])[0]
    assert together.place is not None and together.place.id == "iso3166-2:IQ-AN"


def test_every_region_point_lies_in_its_country(bundled: Gazetteer) -> None:
    shapes = countries()
    regions_ = [p for p in bundled.table.places if p.id.startswith("iso3166-2:")]
    assert len(regions_) == 81
    for place in regions_:
        iso3 = ISO3[place.country]
        assert shapes[iso3][1].contains(Point(place.longitude, place.latitude)), place.label()


def test_the_table_holds_every_governorate_of_syria_iraq_jordan_and_lebanon(bundled: Gazetteer) -> None:
    ids = {p.id for p in bundled.table.places}
    for country in ("SY", "IQ", "JO", "LB"):
        for subdivision in pycountry.subdivisions.get(country_code=country):
            if subdivision.type == "Region":  # Iraqi Kurdistan, made of three governorates
                continue
            assert f"iso3166-2:{subdivision.code}" in ids, subdivision.code


def test_the_regions_source_is_rebuilt_byte_for_byte() -> None:
    assert regions() == regions() == REGIONS.read_text(encoding="utf-8")
    with ADMIN1.open(encoding="utf-8", newline="") as stream:
        listed = [row["code"] for row in csv.DictReader(stream)]
    with REGIONS.open(encoding="utf-8", newline="") as stream:
        assert [row["code"] for row in csv.DictReader(stream)] == listed


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(GOVERNORATES), st.sampled_from(["governorate", "province"]),
       st.lists(st.booleans(), min_size=11, max_size=11), st.booleans())
def test_the_region_word_in_any_case_before_or_after_the_name_asks_for_the_region(
        governorate: tuple[str, str, str, str], word: str, upper: list[bool], before: bool) -> None:
    code, name, _, _ = governorate
    written = "".join(ch.upper() if up else ch for ch, up in zip(word, upper, strict=False))
    query = f"{written} of {name}" if before else f"{name} {written}"
    match = Gazetteer(user=False).resolve(query)
    assert match.place is not None and match.place.id == f"iso3166-2:{code}", match.explain()


def test_geocode_json_gives_the_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_GAZETTEER", str(tmp_path / "none.tsv"))
    result = CliRunner().invoke(main, ["geocode", "Homs Governorate", "Homs", "--json"])
    assert result.exit_code == 0, result.output
    region, town = (json.loads(line) for line in result.stdout.splitlines())
    assert (region["name"], region["feature"], region["kind"]) == (
        "Homs Governorate", "administrative area (ADM1)", "region")
    assert (town["name"], town["kind"]) == ("Homs", "point")


def test_two_sources_of_one_governorate_merge_however_far_apart_their_points() -> None:
    ours = Place("iso3166-2:SY-HI", "Homs Governorate", 34.68, 36.85, "SY", "administrative area (ADM1)",
                 names=("Homs Governorate", "Ḩimş", "Homs", "Hims"))
    theirs = Place("geonames:169575", "Homs (Hims)", 34.48, 38.36, "SY", "administrative area (ADM1)",
                   names=("Homs (Hims)", "Homs Governorate", "Gouvernorat de Homs"))
    district = Place("geonames:1", "Homs", 34.7, 36.7, "SY", "administrative area (ADM2)", names=("Homs",))
    abroad = Place("geonames:2", "Homs", 34.5, 38.4, "LB", "administrative area (ADM1)", names=("Homs",))
    merged = merge_places([ours], [theirs, district, abroad])
    assert (merged.merged, merged.added) == (1, 2)  # the district (another level) and abroad stay apart
    one = merged.places[0]
    assert one.id == "iso3166-2:SY-HI" and "Gouvernorat de Homs" in one.names and "Hims" in one.names


@pytest.mark.parametrize(("code", "name", "arabic", "town"), GOVERNORATES)
def test_importing_the_dumps_merges_each_governorate_into_the_bundled_one(
        tmp_path_factory: pytest.TempPathFactory, code: str, name: str, arabic: str, town: str) -> None:
    """The shared dumps hold each governorate as an ADM1 row of their own: after importing them, the
    governorate is one place (the bundled one, with the dump's names too), never ambiguous."""
    table = village_table(tmp_path_factory)
    places = PlaceTable.read([Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "places.tsv", table])
    gazetteer = Gazetteer(places)
    match = gazetteer.resolve(f"{name} Governorate")
    assert match.status == "found" and match.place is not None, match.explain()
    assert match.place.id == f"iso3166-2:{code}"
    key = normalize(name)
    areas = [p for p in places.places if p.feature == "administrative area (ADM1)" and key in p.name_keys()
             and p.country == code[:2]]
    assert [p.id for p in areas] == [f"iso3166-2:{code}"]
    assert len(match.place.names) > len(Gazetteer(user=False).resolve(f"{name} Governorate").place.names)  # type: ignore[union-attr]
    if name not in ("Anbar", "Nineveh"):
        assert gazetteer.resolve(name).place.id == town  # type: ignore[union-attr]


def test_reverse_geocoding_at_a_region_point_gives_a_town_not_the_region(bundled: Gazetteer) -> None:
    for place in (p for p in bundled.table.places if p.id.startswith("iso3166-2:")):
        nearest = bundled.reverse((place.latitude, place.longitude), exactly_one=False, limit=3)
        assert len(nearest) == 3 and all(n.raw["kind"] == "point" for n in nearest), place.label()
