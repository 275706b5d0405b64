"""Regression tests for defects found in review: each failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from gazetteer import Gazetteer
from gazetteer.importer import import_places
from tracker import Event, EventCollection, load_events, parse_quantity, read_events
from tracker.claims.check import check_claims
from tracker.geo import geodesy as geo
from tracker.geo.places import resolve_places

from .common import MINIMAL


def _folder(tmp_path: Path, *records: dict) -> Path:
    (tmp_path / "r.yaml").write_text(yaml.safe_dump_all(list(records), sort_keys=False), encoding="utf-8")
    return tmp_path


def test_a_geojson_file_without_a_surface_is_a_problem_not_an_empty_area(tmp_path: Path) -> None:
    (tmp_path / "point.geojson").write_text(json.dumps({"type": "Point", "coordinates": [38.28, 34.56]}))
    folder = _folder(tmp_path, {**MINIMAL, "location": {"lat": 34.56, "lon": 38.28}, "area": {"geojson": "point.geojson"},
                                "claims": [{"direction": "n", "of": {"lat": 33.5, "lon": 38.6}},
                                           {"distance": "5000 km", "to": {"lat": 33.5, "lon": 38.6}}]})
    report = check_claims(load_events(folder))
    assert [p.message for p in report.problems] == [
        "point.geojson has no polygon; an area file holds a Polygon or MultiPolygon"]
    assert report.results == []


@pytest.mark.parametrize("content", ["[]"])  # text that is not JSON is refused when the record is read
def test_an_unreadable_geojson_file_is_a_problem(tmp_path: Path, content: str) -> None:
    (tmp_path / "bad.geojson").write_text(content)
    folder = _folder(tmp_path, {**MINIMAL, "area": {"geojson": "bad.geojson"}, "claims": [{"area": "5 km2"}]},
                     {**MINIMAL, "id": "other", "claims": [{"count": 3}]})
    report = check_claims(load_events(folder))
    assert len(report.problems) == 1 and report.problems[0].field == "area"
    assert [r.event for r in report.results] == ["other"]


def test_a_polygon_without_surface_is_a_problem_with_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {**MINIMAL, "area": {"polygon": [[38.0, 34.0], [38.5, 34.5], [39.0, 35.0]]},
                                "claims": [{"area": "5 km2"}]})
    report = check_claims(load_events(folder))
    assert [(p.field, p.line) for p in report.problems] == [("area", 8)]
    assert "no surface" in report.problems[0].message


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


def test_reaches_holds_for_an_event_inside_the_named_country_near_its_border(tmp_path: Path) -> None:
    crossing = {"lat": 33.4332, "lon": 38.9374}  # the Iraqi al-Waleed post, 2 km from the border
    folder = _folder(tmp_path, {**MINIMAL, "location": crossing, "claims": [{"reaches": "Iraq"}]})
    result = check_claims(load_events(folder)).results[0]
    assert result.verdict == "holds" and result.measured < 10


def test_distance_to_an_event_known_only_as_a_region_is_unverifiable(tmp_path: Path) -> None:
    folder = _folder(tmp_path,
                     {**MINIMAL, "id": "a", "location": {"lat": 34.56, "lon": 38.28},
                      "claims": [{"distance": "10 mi", "to": "b", "relation": "within"}]},
                     {**MINIMAL, "id": "b", "location": {"lat": 33.3, "lon": 38.8}, "precision": 3})
    assert check_claims(load_events(folder)).results[0].verdict == "unverifiable"


def test_a_distance_to_the_records_own_id_is_unverifiable(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {**MINIMAL, "id": "a", "claims": [{"distance": "10 mi", "to": "a"}]})
    assert check_claims(load_events(folder)).results[0].verdict == "unverifiable"


def test_a_comment_before_the_first_marker_keeps_lines_right(tmp_path: Path) -> None:
    text = "# two records\n\n---\n" + yaml.safe_dump({**MINIMAL, "id": "a"}) + "---\n" + yaml.safe_dump({**MINIMAL, "id": "a"})
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    _, problems = read_events(tmp_path)
    assert problems[0].message.startswith(f"'a' is already used by {tmp_path}/r.yaml:3;")


def test_nm_is_a_nautical_mile() -> None:
    assert parse_quantity("12 nm").to("km") == pytest.approx(22.224)


def test_a_copy_with_changes_is_checked_as_changed() -> None:
    event = Event.model_validate({**MINIMAL, "location": {"lat": 34.56, "lon": 38.28},
                                  "claims": [{"distance": "10 km", "to": {"lat": 33.5, "lon": 38.6}}]})
    regional = event.model_copy(update={"precision": 3})
    report = check_claims(EventCollection([regional]))
    assert list(report.verdicts) == [r.verdict for r in report.results] == ["unverifiable"]


def test_unknown_places_of_records_made_in_memory_are_reported() -> None:
    event = Event.model_validate({**MINIMAL, "location": "Wadi Narnia"})
    problems = resolve_places(EventCollection([event])).problems
    assert len(problems) == 1 and problems[0].line is None


def test_imported_places_with_the_same_name_or_no_latin_name_keep_distinct_ids(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "name,latitude,longitude,country\nSinjar,36.3209,41.87656,IQ\nSinjar,35.59011,37.00472,SY\n"
        "تدمر,34.5624,38.28402,SY\nالرقة,35.95283,39.00788,SY\n", encoding="utf-8")
    result = import_places(tmp_path / "p.csv", tmp_path / "t.tsv")
    assert result.added == 4
    assert len((tmp_path / "t.tsv").read_text(encoding="utf-8").splitlines()) == 5
