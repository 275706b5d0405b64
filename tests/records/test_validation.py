"""Every kind of broken record yields one precise, located message (tests/data/broken/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tracker
from tracker import RecordError, read_events

from ..common import BROKEN, MINIMAL

B = "tests/data/broken"
EXPECTED = {
    "anchors.yaml": f"{B}/anchors.yaml:5:9: YAML anchors and aliases (&name, *name) are not accepted, "
    "as they can expand without bound; write the value out in full",
    "duplicate-id-b.yaml": f"{B}/duplicate-id-b.yaml:2:1: id: 'same-id' is already used by "
    f"{B}/duplicate-id-a.yaml:1; ids are unique across the folder, so rename one of the two",
    "empty.yaml": f"{B}/empty.yaml: the file is empty; a record needs date, title, type, actors and location; "
    "its id, when left out, is made of its title and date",
    "geojson-outside.yaml": f"{B}/geojson-outside.yaml:8:12: area.geojson: '../../outside.geojson' leaves the "
    "events folder; put the file inside it, next to the record, and give its relative path, like "
    "areas/badiyeh.geojson",
    "impossible-date.yaml": f"{B}/impossible-date.yaml:2:7: date: 2017-02-30 is not a date: February 2017 has 28 days",
    "latitude-out-of-range.yaml": f"{B}/latitude-out-of-range.yaml:6:17: location.lat: latitude 123.4 is "
    "outside -90..90; are latitude and longitude swapped?",
    "missing-keys.yaml": f"{B}/missing-keys.yaml:1:1: location: missing required key 'location'; a record "
    "needs date, title, type, actors and location; its id, when left out, is made of its title and date",
    "not-utf8.yaml": f"{B}/not-utf8.yaml:3:23: the file is not UTF-8 (byte 0xe9 here); save it as UTF-8, "
    "for example with `iconv -f WINDOWS-1252 -t UTF-8`",
    "syntax-error.yaml": f"{B}/syntax-error.yaml:5:1: not valid YAML: found unexpected end of stream while "
    "scanning a quoted scalar started at line 3, column 8",
    "two-area-forms.yaml": f"{B}/two-area-forms.yaml:9:3: area.circle: the area is given in 2 forms "
    "(hull and circle); keep exactly one",
    "unknown-key.yaml": f"{B}/unknown-key.yaml:7:1: claim: unknown key 'claim'; did you mean 'claims'?",
    "unparseable-quantity.yaml": f"{B}/unparseable-quantity.yaml:8:11: claims[0].area: '14OO km2' is not a "
    "quantity: is a letter O typed for a zero? Write '1400 km2'",
}


@pytest.fixture(scope="module")
def broken_problems() -> list[str]:
    events, problems = read_events(B)
    assert [e.id for e in events] == ["same-id"]  # the one valid record is kept, the repeat is not
    return [str(p) for p in problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_yields_its_message(broken_problems: list[str], name: str) -> None:
    assert EXPECTED[name] in broken_problems


def test_every_problem_of_the_folder_comes_in_one_run(broken_problems: list[str]) -> None:
    files = {line.split(":")[0] for line in broken_problems}
    assert files == {f"{B}/{name}" for name in EXPECTED}
    # missing-keys.yaml lacks two keys: both are reported, title first (by position, then field)
    assert f"{B}/missing-keys.yaml:1:1: title: missing required key 'title'; a record needs date, title, " \
        "type, actors and location; its id, when left out, is made of its title and date" in broken_problems
    assert len(broken_problems) == len(EXPECTED) + 1


def test_load_events_raises_with_every_problem() -> None:
    with pytest.raises(RecordError) as raised:
        tracker.load_events(BROKEN)
    assert len(raised.value.problems) == len(EXPECTED) + 1
    assert isinstance(raised.value, ValueError)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("notes: " + "x" * tracker.MAX_FILE_BYTES + "\n", encoding="utf-8")
    _, problems = read_events(tmp_path)
    assert [str(p) for p in problems] == [
        f"{big}: the file is 1.0 MiB, over the 1 MiB limit for one file; split it, one record per file"
    ]


def test_a_billion_laughs_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(8)]
    (tmp_path / "laughs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = read_events(tmp_path)
    assert len(problems) == 1 and "anchors and aliases" in problems[0].message
    assert (problems[0].line, problems[0].column) == (1, 4)


def test_a_file_with_several_records_reports_the_line_of_each(tmp_path: Path) -> None:
    good = "\n".join(f"{k}: {v}" for k, v in MINIMAL.items() if k != "actors") + "\nactors: [A]\n"
    bad = good.replace("minimal", "second").replace("2017-06-08", "2017-13-01")
    (tmp_path / "stream.yaml").write_text(good + "---\n" + bad, encoding="utf-8")
    events, problems = read_events(tmp_path)
    assert [e.id for e in events] == ["minimal"]
    assert [str(p) for p in problems] == [
        f"{tmp_path}/stream.yaml:9:7: date: 2017-13-01 is not a date: there is no month 13; dates are "
        "YYYY-MM-DD (year, month, day)"
    ]


def test_a_geojson_area_inside_the_folder_is_accepted(tmp_path: Path) -> None:
    shutil.copytree(BROKEN.parent / "valid", tmp_path / "events")
    events = tracker.load_events(tmp_path / "events")
    assert events.get("badiyeh-drawn").area.geojson == "areas/badiyeh.geojson"


def test_a_geojson_area_that_does_not_exist_is_named(tmp_path: Path) -> None:
    record = {**MINIMAL, "area": {"geojson": "areas/missing.geojson"}}
    (tmp_path / "r.yaml").write_text(_yaml(record), encoding="utf-8")
    _, problems = read_events(tmp_path)
    assert [p.message for p in problems] == ["'areas/missing.geojson' does not exist next to the record"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"type": "Battels"}, "type", "'Battels' is not an ACLED event type; did you mean 'Battles'?"),
        (
            {"sub_type": "Air/drone strike"},
            "sub_type",
            "'Air/drone strike' is a sub-type of 'Explosions/Remote violence', not of 'Battles'; change the "
            "type or the sub-type",
        ),
        ({"id": "Badiyeh Advance"}, "id", "'Badiyeh Advance' is not an id; use lower-case letters, digits and "
         "hyphens, like 'badiyeh-advance'"),
        ({"date": {"start": "2017-06-08", "end": "2017-05-08"}}, "date.start",
         "start 2017-06-08 is after end 2017-05-08; swap them"),
        ({"precision": 4}, "precision", "expected 1, 2 or 3, got 4"),
        ({"actors": []}, "actors", "needs at least 1 item(s), got 0"),
        ({"claims": [{"area": "1400 km2", "distance": "15 mi"}]}, "claims[0]",
         "a claim has one kind; this one has 2 (area, distance): split it"),
        ({"claims": [{"aera": "1400 km2"}]}, "claims[0]", "a claim needs exactly one kind key: area, total_area, "
         "distance, direction, reaches, inside, count; did you mean 'area'?"),
        ({"claims": [{"distance": "15 km2", "to": "Al-Tanf garrison"}]}, "claims[0].distance",
         "'15 km2' is an area (kilometer ** 2), not a length; write a length in km, mi or nmi, like '15 mi'"),
        ({"claims": [{"area": "1400"}]}, "claims[0].area", "'1400' has no unit; write it like '1400 km2'"),
        ({"claims": [{"distance": "15 mi"}]}, "claims[0].to",
         "missing required key 'to'; a distance claim also needs to: (a place or an event id)"),
        ({"claims": [{"direction": "upwards", "of": "Tadmur"}]}, "claims[0].direction",
         "'upwards' is not a compass direction; write n, ne, e, se, s, sw, w, nw (or nne, ene, ...) or the "
         "words, like 'north-east'"),
        ({"claims": [{"area": "1400 km2", "tolerance": 0.8}]}, "claims[0].tolerance",
         "tolerance 0.8 must be above 1: it is how many times larger or smaller than measured a claim may be "
         "and still be consistent (default 1.25)"),
        ({"sources": [{"publisher": "The Duran", "reliability": "G"}]}, "sources[0].reliability",
         "'G' is not an Admiralty source grade; expected a letter A (reliable) to F (cannot be judged)"),
        ({"sources": [{"publisher": "The Duran", "credibility": 7}]}, "sources[0].credibility",
         "expected a number less than or equal to 6, got 7"),
        ({"sources": [{"publisher": "X", "url": "www.example.org"}]}, "sources[0].url",
         "'www.example.org' is not a web address; expected one starting with https://"),
        ({"area": {"polygon": [[34.56, 138.28], [34.88, 38.87], [34.68, 38.59]]}}, "area.polygon[0]",
         "latitude 138.28 is outside -90..90; polygon points are [lon, lat] (GeoJSON order): is this pair "
         "[lat, lon]?"),
        ({"area": {"hull": ["Tadmur", "Arak"]}}, "area.hull",
         "a hull needs at least 3 distinct places, got 2; for fewer, use a circle or a distance claim"),
        ({"area": {"circle": {"center": "Tadmur", "radius": "55 km", "radios": 1}}}, "area.circle.radios",
         "unknown key 'radios'; did you mean 'radius'?"),
        ({"location": {"lat": 34.5}}, "location.lon", "missing required key 'lon'; a point is {lat: 34.56, lon: 38.28}"),
    ],
)
def test_field_errors_name_the_field_and_the_fix(tmp_path: Path, change: dict, field: str, message: str) -> None:
    (tmp_path / "r.yaml").write_text(_yaml({**MINIMAL, **change}), encoding="utf-8")
    _, problems = read_events(tmp_path)
    assert [(p.field, p.message) for p in problems] == [(field, message)]
    assert problems[0].line is not None and problems[0].column is not None


def _yaml(record: dict) -> str:
    import yaml

    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
