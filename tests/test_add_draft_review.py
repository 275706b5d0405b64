"""Regression tests for defects a review found in `tracker add` and `tracker draft` (each failed first)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml
from click.testing import CliRunner

from tracker import RecordError, load_events, read_events
from tracker.add import add_events
from tracker.cli import main
from tracker.drafting.article import read_article
from tracker.drafting.draft import MAX_ARTICLE_CHARS, draft_events
from tracker.errors import TrackerError

from .common import DATA

RECORD = "date: 2017-06-08\ntitle: {title}\ntype: Battles\nactors: [Syrian Arab Army]\nlocation: Tadmur\n"


def _fill(draft_text: str) -> str:
    """What a person does: every mark replaced by a value of the right kind."""
    records = []
    for record in yaml.safe_load_all(draft_text):
        record["title"] = "A filled title"
        if isinstance(record["date"], str):
            record["date"] = "2017-06-01"
        if isinstance(record["type"], str) and record["type"].startswith("«REVIEW»"):
            record["type"] = "Battles"
        record["sources"] = [{"publisher": "Someone", "reliability": "C", "credibility": 3}]
        records.append(record)
    return yaml.safe_dump_all(records, sort_keys=False, allow_unicode=True)


def test_a_draft_never_holds_yaml_anchors_so_it_validates_once_filled(tmp_path: Path) -> None:
    text = draft_events("Since June 1, 2017, ISIS lost 5,000 square kilometers in total near Tadmur.").to_yaml()
    assert "&id" not in text and "*id" not in text
    filled = tmp_path / "filled.yaml"
    filled.write_text(_fill(text), encoding="utf-8")
    events, problems = read_events(filled)
    assert problems == [] and events[0].claims[0].since == dt.date(2017, 6, 1)  # type: ignore[union-attr]


def test_add_reads_each_input_file_once(tmp_path: Path) -> None:
    many = tmp_path / "many.yaml"
    many.write_text("---\n".join(RECORD.format(title=f"Advance number {i}") for i in range(30)), encoding="utf-8")
    from tracker.records import roundtrip as yamlrt

    with mock.patch.object(yamlrt, "read_documents", wraps=yamlrt.read_documents) as reads, \
            mock.patch("tracker.add.read_documents", reads):
        added = add_events([many], tmp_path / "events", force=True)
    assert len(added) == 30 and reads.call_count == 1


def test_a_key_given_twice_is_refused_at_its_line(tmp_path: Path) -> None:
    twice = tmp_path / "twice.yaml"
    twice.write_text(RECORD.format(title="T") + "notes: first\nnotes: second\n", encoding="utf-8")
    _events, problems = read_events(twice)
    assert [str(p) for p in problems] == [
        f"{twice}:7:1: not valid YAML: the key 'notes' is given twice in one mapping (the first value would be "
        "lost); keep one"
    ]
    with pytest.raises(RecordError, match="given twice"):
        add_events([twice], tmp_path / "events")


def test_a_failed_add_into_new_folders_leaves_none_of_them(tmp_path: Path) -> None:
    with pytest.raises(RecordError):
        add_events([DATA / "add" / "mixed.yaml"], tmp_path / "a" / "b" / "c")
    assert list(tmp_path.iterdir()) == []


def test_concurrent_adds_into_a_folder_that_does_not_exist_yet_both_land(tmp_path: Path) -> None:
    files = []
    for i in range(4):
        path = tmp_path / f"r{i}.yaml"
        path.write_text(RECORD.format(title=f"Parallel advance {i}"), encoding="utf-8")
        files.append(path)
    folder = tmp_path / "new" / "events"
    processes = [subprocess.Popen([sys.executable, "-m", "tracker", "add", str(f), "--into", str(folder), "--force"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0], outputs
    assert len(load_events(folder)) == 4


def test_force_writes_the_geojson_beside_the_file_it_replaces(tmp_path: Path) -> None:
    events = tmp_path / "events"
    (events / "sub").mkdir(parents=True)
    (events / "sub" / "r.yaml").write_text("id: area-rec\n" + RECORD.format(title="Old"), encoding="utf-8")
    source = tmp_path / "in"
    (source / "areas").mkdir(parents=True)
    shutil.copy(DATA / "valid" / "areas" / "badiyeh.geojson", source / "areas" / "badiyeh.geojson")
    (source / "r.yaml").write_text("id: area-rec\n" + RECORD.format(title="New")
                                   + "area:\n  geojson: areas/badiyeh.geojson\n", encoding="utf-8")
    add_events([source / "r.yaml"], events, force=True)
    assert (events / "sub" / "areas" / "badiyeh.geojson").is_file()
    assert load_events(events).get("area-rec").title == "New"  # type: ignore[union-attr]


def test_article_text_that_looks_like_a_mark_is_not_one(tmp_path: Path) -> None:
    text = draft_events("REVIEW: ISIS attacked Palmyra with 300 fighters.").to_yaml()
    filled = tmp_path / "filled.yaml"
    filled.write_text(_fill(text), encoding="utf-8")
    events, problems = read_events(filled)
    assert problems == [] and events[0].claims[0].quote.startswith("REVIEW: ISIS")  # type: ignore[union-attr]


def test_characters_yaml_refuses_never_reach_the_draft() -> None:
    text = draft_events("Syrian troops advanced 20 km east of Tadmur on Friday\u0080\ufffe.").to_yaml()
    assert list(yaml.safe_load_all(text))


def test_place_problems_read_from_standard_input_have_their_line(tmp_path: Path) -> None:
    record = RECORD.format(title="T").replace("location: Tadmur", "location: Nowhereville Qqq")
    result = CliRunner().invoke(main, ["add", "-", "--into", str(tmp_path / "events")], input=record)
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:5:11: location: 'Nowhereville Qqq' is not in the gazetteer")


def test_html_fragments_lose_their_markup_and_scripts() -> None:
    article = read_article("<section><h2>Report</h2>Syrian troops advanced 20 km east of Tadmur."
                           "<script>document.write('ISIS attacked Homs')</script></section>")
    assert "script" not in article.text and "Homs" not in article.text
    assert [a.actor for a in article.actors] == ["Syrian Arab Army"]


def test_numbers_written_in_words_or_with_scales_are_read_whole() -> None:
    article = read_article("Two hundred fighters, twenty-five civilians and 1.5 million people; 1 000 km2 and 3,5 km2.")
    assert [(q.text, q.value) for q in article.quantities] == [
        ("Two hundred fighters", 200.0), ("twenty-five civilians", 25.0), ("1.5 million people", 1_500_000.0),
        ("1 000 km2", 1000.0),
    ]  # and nothing of "3,5 km2": a decimal comma is not read as a thousands separator


def test_types_and_actors_are_not_guessed_from_look_alike_words() -> None:
    draft = draft_events("The ISIS headquarters in Tadmur was struck by jets. WHAT IS KNOWN: the Syrian "
                         "opposition coalition met in Tadmur.")
    assert draft.records[0]["type"] == "Explosions/Remote violence"
    assert [a.actor for a in draft.article.actors] == ["Islamic State"]


def test_a_day_and_month_without_a_year_is_a_date() -> None:
    article = read_article("Fighting on 9 June. More on 5 June, 2017.", published=dt.date(2017, 6, 12))
    assert [(d.text, d.start) for d in article.dates] == [("9 June", dt.date(2017, 6, 9)),
                                                          ("5 June, 2017", dt.date(2017, 6, 5))]


def test_comments_stay_with_the_keys_they_stand_above(tmp_path: Path) -> None:
    source = tmp_path / "c.yaml"
    source.write_text("# top comment\n---\ntitle: Claims with comments\n# NOTE: the date below is uncertain\n"
                      "date: 2017-06-08\ntype: Battles\nactors: [Syrian Arab Army]\nlocation: Tadmur\nclaims:\n"
                      "  - of: Homs\n    direction: east\n  # second claim: disputed\n  - distance: 15 mi\n"
                      "    to: Homs\n", encoding="utf-8")
    [added] = add_events([source], tmp_path / "events")
    lines = added.path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# top comment"
    assert lines[lines.index("# NOTE: the date below is uncertain") + 1] == "date: 2017-06-08"
    assert lines[lines.index("  # second claim: disputed") + 1] == "  - distance: 15 mi"


def test_an_article_over_the_limit_is_refused() -> None:
    with pytest.raises(TrackerError, match="split it at paragraph breaks into files under that size and draft each one"):
        draft_events("Syrian troops advanced near Tadmur. " * (MAX_ARTICLE_CHARS // 30))
