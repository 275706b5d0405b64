"""Messages that say what is wrong, and only that: each case was once reported misleadingly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import read_events
from tracker.cli import main

from ..common import DATA, MINIMAL


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "r.yaml").write_text(text, encoding="utf-8")
    _, problems = read_events(tmp_path)
    return [f"{p.line}:{p.column}: {p.field}: {p.message}" for p in problems]


def _record(**change: str) -> str:
    record = {**MINIMAL, **change}
    return "".join(f"{key}: {value}\n" for key, value in record.items())


# --- quantities -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ("area: 1e400 km2", "'1e400 km2' is not a quantity: the number 1e400 is out of range "
         "(the largest is about 1.8e308)"),
        ("area: 5 kg", "'5 kg' is a mass (kilogram), not an area; write an area in km2, sq mi or ha, "
         "like '1400 km2'"),
        ("area: 3 hours", "'3 hours' is a time (hour), not an area; write an area in km2, sq mi or ha, "
         "like '1400 km2'"),
        ("area: 15 km", "'15 km' is a length (kilometer), not an area; write an area in km2, sq mi or ha, "
         "like '1400 km2'"),
        ("area: 2e3 km2", None),
    ],
)
def test_a_quantity_message_names_what_is_wrong(tmp_path: Path, claim: str, message: str | None) -> None:
    problems = _problems(tmp_path, _record() + f"claims:\n  - {claim}\n")
    assert problems == ([f"8:11: claims[0].area: {message}"] if message else [])


def test_a_distance_in_kilograms_says_what_a_distance_is_written_in(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _record() + "claims:\n  - distance: 5 kg\n    to: Tadmur\n")
    assert problems == ["8:15: claims[0].distance: '5 kg' is a mass (kilogram), not a length; write a length "
                        "in km, mi or nmi, like '15 mi'"]


def test_a_number_of_thousands_of_digits_is_named_short(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _record() + f"claims:\n  - area: {'9' * 5001} km2\n")
    assert problems == ["8:11: claims[0].area: '99999999999999999999...99999999 km2' is not a quantity: its number "
                        "of 5,001 characters is too large; write at most 100 digits, like '1400 km2'"]


# --- values YAML reads as something else ----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ("yes", "expected text, got yes, which YAML reads as true/false; write \"yes\" in quotes"),
        ("No", "expected text, got No, which YAML reads as true/false; write \"No\" in quotes"),
        ("1917", "expected text, got 1917, which YAML reads as a number; write \"1917\" in quotes"),
        ("~", "expected text, got ~, which YAML reads as nothing; write \"~\" in quotes"),
    ],
)
def test_a_title_yaml_reads_as_another_type_is_to_be_quoted(tmp_path: Path, title: str, message: str) -> None:
    assert _problems(tmp_path, _record(title=title)) == [f"3:8: title: {message}"]


# --- a bad date is the only problem reported --------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "problems"),
    [
        ("yesterday", ["2:7: date: 'yesterday' is not a date; write it as YYYY-MM-DD, like 2017-06-08"]),
        ("2017-06", ["2:7: date: '2017-06' is not a date; write it as YYYY-MM-DD, like 2017-06-08"]),
        ("{start: x, end: 2017-06-08}", ["2:15: date.start: 'x' is not a date; write it as YYYY-MM-DD, "
                                         "like 2017-06-08"]),
    ],
)
def test_a_bad_date_in_a_record_without_id_reports_only_the_date(
    tmp_path: Path, date: str, problems: list[str]
) -> None:
    text = _record(date=date).replace("id: minimal\n", "")
    assert _problems(tmp_path, text) == [problem.replace("2:", "1:", 1) for problem in problems]


def test_a_record_without_id_title_or_date_names_what_it_needs(tmp_path: Path) -> None:
    text = "type: Battles\nactors: [Syrian Arab Army]\nlocation: Tadmur\n"
    hint = ("a record needs date, title, type, actors and location; its id, when left out, is made of its title "
            "and date")
    assert _problems(tmp_path, text) == [f"1:1: date: missing required key 'date'; {hint}",
                                         f"1:1: title: missing required key 'title'; {hint}"]


# --- paths the commands are given, or not given ------------------------------------------------------


def test_map_of_a_missing_path_says_it_does_not_exist(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", str(tmp_path / "nope"), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == "" and not out.exists()
    assert result.stderr == (f"{tmp_path}/nope: no such file or folder\n"
                             "tracker: no map written: no record could be read; fix the problem above\n")


def test_map_of_an_empty_folder_says_it_holds_no_records(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["map", str(tmp_path / "empty"), "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == "" and not out.exists()
    assert result.stderr == (f"{tmp_path}/empty: no .yaml files here; a record is one .yaml file\n"
                             "tracker: no map written: no record could be read; fix the problem above\n")


def test_map_of_invalid_records_only_names_their_problems(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(_record(type="Battels"), encoding="utf-8")
    result = CliRunner().invoke(main, ["map", str(tmp_path), "-o", str(tmp_path / "map.html")])
    assert result.exit_code == 1
    assert result.stderr == (f"{tmp_path}/r.yaml:4:7: type: 'Battels' is not an ACLED event type; did you mean "
                             "'Battles'?\ntracker: no map written: no record could be read; fix the problem above\n")


NO_EVENTS = "tracker: no ./events folder here; pass a folder or file, or run from the folder that holds events/\n"


@pytest.mark.parametrize("command", [["validate"], ["list"], ["check"], ["map"], ["export", "-o", "out.csv"]])
def test_a_command_run_where_there_is_no_events_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", NO_EVENTS)
    assert list(tmp_path.iterdir()) == []


# --- the next step suggested after an import --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "next_step"),
    [
        ("ged.kml", "next: open {out} in Google Earth or QGIS"),
        ("ged.geojson", "next: tracker map {out} --offline, or tracker export {out} -o events.csv"),
        ("ged.parquet", "next: tracker map {out} --offline, or tracker export {out} -o events.geojson"),
        ("ged", "next: tracker check {out}, tracker map {out} --offline, or tracker export {out} -o events.geojson"),
    ],
)
def test_import_suggests_only_a_next_step_that_works_for_its_output(tmp_path: Path, name: str, next_step: str) -> None:
    out = tmp_path / name
    runner = CliRunner()
    result = runner.invoke(main, ["import", "ucdp", str(DATA / "interop" / "ucdp-ged-sample.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == next_step.format(out=out)
    command = next_step.format(out=out).removeprefix("next: ").split(", ")[0].removeprefix("or ")
    if command.startswith("tracker "):  # the step suggested works
        args = command.split()[1:]
        ran = runner.invoke(main, [*args, *(["-o", str(tmp_path / "m.html")] if args[0] == "map" else [])])
        assert ran.exit_code == 0, ran.output


# --- a region drafted as a location ------------------------------------------------------------------

BADIYEH = "The Syrian army advanced in the Badiyeh on Friday and is now within 100 km of Tadmur, state media said.\n"


def _filled(draft: str) -> str:
    """The draft with its REVIEW marks filled as a person would."""
    draft = re.sub(r"^title: .*$", "title: Syrian army advances in the Badiyeh", draft, flags=re.M)
    draft = re.sub(r"reliability: .*", "reliability: C", draft)
    return re.sub(r"credibility: .*", "credibility: 3", draft)


def test_a_draft_located_at_a_region_is_precision_3_and_its_distance_unverifiable(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(BADIYEH, encoding="utf-8")
    runner = CliRunner()
    drafted = runner.invoke(main, ["draft", str(tmp_path / "article.txt"), "--date", "2017-06-10", "--url",
                                   "https://example.org/a", "-o", str(tmp_path / "draft.yaml")])
    assert drafted.exit_code == 0, drafted.output
    draft = (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    assert "location: Badiyeh\nprecision: 3  # Syrian Desert is a region, not a point\n" in draft
    (tmp_path / "draft.yaml").write_text(_filled(draft), encoding="utf-8")
    added = runner.invoke(main, ["add", str(tmp_path / "draft.yaml"), "--into", str(tmp_path / "events")])
    assert added.exit_code == 0, added.output
    assert added.stdout.splitlines()[1] == (
        "  claim 0 (distance): claims within 100 km of Tadmur, but the record's location is only its region "
        "(precision 3), so no distance can be measured")
    checked = runner.invoke(main, ["check", "--json", str(tmp_path / "events")])
    assert [r["verdict"] for r in json.loads(checked.stdout)] == ["unverifiable"]


def test_actors_yaml_reads_as_other_types_are_each_named_and_no_count_is_made_up(tmp_path: Path) -> None:
    assert _problems(tmp_path, _record(actors="[yes, 12]")) == [
        '5:10: actors[0]: expected a name, got yes, which YAML reads as true/false; write "yes" in quotes',
        '5:15: actors[1]: expected a name, got 12, which YAML reads as a number; write "12" in quotes',
    ]
    assert _problems(tmp_path, _record(actors="[[a, b]]")) == [
        "5:10: actors[0]: expected a name, or {name: ..., side: ...}, got a list ['a', 'b']"]


def test_a_record_that_is_a_device_is_not_said_to_be_0_mib_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").symlink_to("/dev/urandom")
    _, problems = read_events(tmp_path)
    assert [str(p) for p in problems] == [f"{tmp_path}/r.yaml: the file is a character device, not a regular "
                                          "file; input is read only from regular files (is it a link to a device "
                                          "or a pipe?)"]
