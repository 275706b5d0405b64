"""Place names across countries: a country in the query is obeyed, ISO codes name the right country,
and places of one name in two countries stay two places."""

from __future__ import annotations

from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.importer import import_places
from tracker import Event, EventCollection
from tracker.geo import geodesy as geo
from tracker.geo.places import resolve_places

from ..common import MINIMAL


def test_dominance_does_not_cross_countries_when_neither_is_the_places_own_name() -> None:
    match = Gazetteer(user=False).resolve("Bosra")
    assert match.status == "ambiguous"
    assert {p.country for p in match.candidates} >= {"SY", "IQ"}


def test_a_country_in_the_query_is_obeyed() -> None:
    places = Gazetteer(user=False)
    assert places.resolve("Tadmur, Iraq").status == "not_found"
    assert places.resolve("Tadmur, Syria").found


def test_iso_two_letter_codes_name_the_right_country() -> None:
    assert geo.country_named("IR") is None
    assert geo.country_named("IQ") == "IRQ" and geo.country_named("SY") == "SYR"


def test_imported_places_with_the_same_name_or_no_latin_name_keep_distinct_ids(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "name,latitude,longitude,country\nSinjar,36.3209,41.87656,IQ\nSinjar,35.59011,37.00472,SY\n"
        "تدمر,34.5624,38.28402,SY\nالرقة,35.95283,39.00788,SY\n", encoding="utf-8")
    result = import_places(tmp_path / "p.csv", tmp_path / "t.tsv")
    assert result.added == 4
    assert len((tmp_path / "t.tsv").read_text(encoding="utf-8").splitlines()) == 5


def test_unknown_places_of_records_made_in_memory_are_reported() -> None:
    event = Event.model_validate({**MINIMAL, "location": "Wadi Narnia"})
    problems = resolve_places(EventCollection([event])).problems
    assert len(problems) == 1 and problems[0].line is None
