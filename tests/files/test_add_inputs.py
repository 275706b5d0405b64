"""What `tracker add` reads: each file once, a key given twice refused at its line, standard input with
its lines, comments kept with their keys; new folders made whole or not at all, and --force."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from tracker import RecordError, load_events, read_events
from tracker.add import add_events
from tracker.cli import main

from ..common import DATA

RECORD = "date: 2017-06-08\ntitle: {title}\ntype: Battles\nactors: [Syrian Arab Army]\nlocation: Tadmur\n"


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


def test_place_problems_read_from_standard_input_have_their_line(tmp_path: Path) -> None:
    record = RECORD.format(title="T").replace("location: Tadmur", "location: Nowhereville Qqq")
    result = CliRunner().invoke(main, ["add", "-", "--into", str(tmp_path / "events")], input=record)
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:5:11: location: 'Nowhereville Qqq' is not in the gazetteer")


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
