"""``tracker add``: records validated, resolved, checked and written whole or not at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from tracker import RecordError, dump_events, load_events
from tracker.add import add_events, folder_lock, write_all
from tracker.cli import main
from tracker.records.roundtrip import stored_yaml
from tracker.records.yaml import read_bytes

from ..common import DATA, EVENTS, ROOT
from ..records.test_roundtrip import records

ADD = DATA / "add"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, hidden ones too, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def events(tmp_path: Path) -> Path:
    """A copy of the seed events folder."""
    return Path(shutil.copytree(EVENTS, tmp_path / "events"))


def test_added_record_keeps_comments_orders_keys_and_records_resolution(tmp_path: Path) -> None:
    [added] = add_events([ADD / "commented.yaml"], tmp_path / "events")
    assert added.path == tmp_path / "events" / "syrian-army-retakes-palmyra-islamic-2017-03-02.yaml"
    assert added.path.read_text(encoding="utf-8") == (
        "# From the 2 March 2017 reports of Palmyra's recapture.\n"
        "id: syrian-army-retakes-palmyra-islamic-2017-03-02\n"
        "date: 2017-03-02\n"
        "title: Syrian army retakes Palmyra from the Islamic State   # the headline's words\n"
        "type: Battles\n"
        "sub_type: Government regains territory\n"
        "actors: [Syrian Arab Army, Islamic State, Russia]\n"
        "location: Palmyra\n"
        "precision: 1\n"
        "claims:\n"
        "  # Palmyra lies on the road east of Homs.\n"
        "  - direction: east\n"
        "    of: Homs\n"
        "sources:\n"
        "  - title: Palmyra offensive (2017)\n"
        "    url: https://en.wikipedia.org/wiki/Palmyra_offensive_(2017)   # summary of the reports\n"
        "    reliability: C\n"
        "    credibility: 2\n"
        "# the gazetteer entry each place name resolved to, written by tracker add\n"
        "resolved:\n"
        "  Palmyra: {entry: geonames:163808, name: Tadmur, lat: 34.5624, lon: 38.28402, country: SY, score: 100}\n"
        "  Homs: {entry: geonames:169577, name: Homs, lat: 34.72405, lon: 36.72559, country: SY, score: 100}\n"
    )
    assert [r.verdict for r in added.results] == ["holds"]
    stored = load_events(tmp_path / "events").get(added.event.id)
    assert stored == added.event and stored.resolved["Palmyra"].entry == "geonames:163808"  # type: ignore[union-attr,index]


def test_invalid_input_leaves_the_folder_byte_identical(events: Path) -> None:
    before = snapshot(events)
    with pytest.raises(RecordError) as caught:
        add_events([ADD / "mixed.yaml", ADD / "unknown-place.yaml"], events)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"{ADD / 'mixed.yaml'}:10:7: date: 2017-02-30 is not a date") for m in messages)
    assert any(m.startswith(f"{ADD / 'unknown-place.yaml'}:6:11: location: 'Qaryat Nowhere al-Kabira' is not")
               for m in messages)
    assert snapshot(events) == before


def test_failed_add_into_a_new_folder_leaves_no_folder(tmp_path: Path) -> None:
    with pytest.raises(RecordError):
        add_events([ADD / "mixed.yaml"], tmp_path / "new" / "events")
    assert not (tmp_path / "new" / "events").exists()


def test_stored_id_is_refused_naming_both_unless_forced(events: Path) -> None:
    text = (EVENTS / "al-tanf-deconfliction-zone.yaml").read_text(encoding="utf-8")
    changed_copy = events.parent / "al-tanf-deconfliction-zone.yaml"
    changed_copy.write_text(text.replace("precision: 1", "precision: 2"), encoding="utf-8")
    before = snapshot(events)
    with pytest.raises(RecordError) as caught:
        add_events([changed_copy], events)
    assert str(caught.value).startswith(
        f"{changed_copy}:1:5: id: 'al-tanf-deconfliction-zone' is already used by "
        f"{events / 'al-tanf-deconfliction-zone.yaml'} ("
    )
    assert snapshot(events) == before
    [added] = add_events([changed_copy], events, force=True)
    assert added.replaced and added.path == events / "al-tanf-deconfliction-zone.yaml"
    assert load_events(events).get("al-tanf-deconfliction-zone").precision == 2  # type: ignore[union-attr]
    assert len(load_events(events)) == len(load_events(EVENTS))


def test_a_repeat_of_a_stored_record_is_refused_unless_forced(events: Path) -> None:
    before = snapshot(events)
    with pytest.raises(RecordError) as caught:
        add_events([ADD / "repeat.yaml"], events)
    assert str(caught.value) == (
        f"{ADD / 'repeat.yaml'}:6:11: location: repeats 'saa-retakes-palmyra-2017-03' "
        f"({events / 'saa-retakes-palmyra-2017-03.yaml'}): same date and type (Battles), locations 0.00 km "
        "apart; if it is another event, add it with --force"
    )
    assert snapshot(events) == before
    [added] = add_events([ADD / "repeat.yaml"], events, force=True)
    assert added.path.name == "government-forces-take-back-tadmur-2017-03-02.yaml"


def test_two_records_of_one_call_with_one_id_are_refused(tmp_path: Path) -> None:
    record = (ADD / "commented.yaml").read_text(encoding="utf-8")
    twice = tmp_path / "twice.yaml"
    twice.write_text(record + "---\n" + record, encoding="utf-8")
    with pytest.raises(RecordError, match="is also the id of the record at"):
        add_events([twice], tmp_path / "events")
    assert not (tmp_path / "events").exists()


def test_invalid_stored_records_stop_an_add(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    shutil.copy(DATA / "broken" / "impossible-date.yaml", folder)
    with pytest.raises(RecordError, match="the events folder has invalid records; fix them first"):
        add_events([ADD / "commented.yaml"], folder)
    assert sorted(p.name for p in folder.iterdir()) == ["impossible-date.yaml"]


def test_area_geojson_travels_with_its_record(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "areas").mkdir(parents=True)
    shutil.copy(DATA / "valid" / "areas" / "badiyeh.geojson", source / "areas" / "badiyeh.geojson")
    (source / "r.yaml").write_text(
        "id: area-with-file\ndate: 2017-03-02\ntitle: An area drawn by hand\ntype: Battles\n"
        "actors: [Syrian Arab Army]\nlocation: Tadmur\narea:\n  geojson: areas/badiyeh.geojson\n",
        encoding="utf-8",
    )
    add_events([source / "r.yaml"], tmp_path / "events")
    stored = tmp_path / "events" / "areas" / "badiyeh.geojson"
    assert stored.read_bytes() == (DATA / "valid" / "areas" / "badiyeh.geojson").read_bytes()
    assert load_events(tmp_path / "events").get("area-with-file") is not None


def test_write_all_puts_back_what_was_there_when_a_rename_fails(tmp_path: Path) -> None:
    kept = tmp_path / "kept.yaml"
    kept.write_bytes(b"old")
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "x").write_bytes(b"")  # a non-empty folder cannot be replaced by a file
    with pytest.raises(OSError):
        write_all([(kept, b"new"), (blocked, b"file")])
    assert kept.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "kept.yaml"]


def test_folder_lock_waits_then_gives_up_with_a_clear_message(tmp_path: Path) -> None:
    from tracker.errors import TrackerError

    with folder_lock(tmp_path), pytest.raises(TrackerError, match="is locked by another tracker command"):
        code = (
            "import sys; from pathlib import Path; from tracker.add import folder_lock\n"
            "with folder_lock(Path(sys.argv[1]), timeout=0.2): pass\n"
        )
        result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
        if result.returncode:
            raise TrackerError(result.stderr.strip().splitlines()[-1])


def _add_process(folder: Path, record: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "add", str(record), "--into", str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )


def test_two_concurrent_adds_of_different_records_both_land(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    second = tmp_path / "other.yaml"
    second.write_text(
        (ADD / "commented.yaml").read_text(encoding="utf-8")
        .replace("date: 2017-03-02", "date: 2016-03-27").replace("Syrian army retakes", "Syrian army first retakes"),
        encoding="utf-8",
    )
    processes = [_add_process(folder, ADD / "commented.yaml"), _add_process(folder, second)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert sorted(p.name for p in folder.iterdir()) == [
        "syrian-army-first-retakes-palmyra-state-2016-03-27.yaml",
        "syrian-army-retakes-palmyra-islamic-2017-03-02.yaml",
    ]


def test_two_concurrent_adds_of_one_id_one_lands_one_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    copy = tmp_path / "copy.yaml"
    copy.write_text((ADD / "commented.yaml").read_text(encoding="utf-8").replace("precision: 1", "precision: 2"),
                    encoding="utf-8")
    processes = [_add_process(folder, ADD / "commented.yaml"), _add_process(folder, copy)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert sorted(p.returncode for p in processes) == [0, 1], outputs
    refused = outputs[[p.returncode for p in processes].index(1)][1]
    assert "is already used by" in refused and "nothing was added" in refused
    assert [p.name for p in folder.iterdir()] == ["syrian-army-retakes-palmyra-islamic-2017-03-02.yaml"]


def test_cli_add_reads_standard_input_and_says_what_next(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["add", "-", "--into", str(tmp_path / "events")],
        input=(ADD / "commented.yaml").read_bytes(),
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"added {tmp_path / 'events' / 'syrian-army-retakes-palmyra-islamic-2017-03-02.yaml'}: "
        "Syrian army retakes Palmyra from the Islamic State",
        "  claim 0 (direction): claims the event lies east of Homs; it lies at bearing 97° from it, and "
        "east covers 45°–135°: holds",
        f"1 record written to {tmp_path / 'events'}, with 1 claim",
        f"next: tracker check {tmp_path / 'events'}, then tracker map {tmp_path / 'events'} --offline",
    ]


def test_cli_add_refusal_exits_1_and_says_nothing_was_added(events: Path) -> None:
    before = snapshot(events)
    result = CliRunner().invoke(main, ["add", str(ADD / "mixed.yaml"), "--into", str(events)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"nothing was added to {events}; fix the problems above and run the same command again"
    )
    assert snapshot(events) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_normalised_yaml_reads_back_as_the_same_record(record: dict[str, object]) -> None:
    """Law: the YAML ``tracker add`` writes for a record reads back as that record (any record but one
    holding a draft's mark, which is not valid by design)."""
    from hypothesis import assume

    from tracker import Event
    from tracker.records.yaml import DRAFT_MARK

    event = Event.model_validate(record)
    assume(DRAFT_MARK not in dump_events([event]))
    text = stored_yaml(dump_events([event]).encode("utf-8"), 0, event, Path.cwd())
    [(again, _origin)], problems = read_bytes(text.encode("utf-8"), "x.yaml", Path.cwd(), Path.cwd())
    assert problems == [] and again == event


def test_the_readme_add_session_prints_what_it_shows(tmp_path: Path) -> None:
    """The README's `tracker add ... --into my-events` session (a text block: it writes files), run in
    an empty folder."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ tracker add tests/data/add/commented.yaml --into my-events\n"
    shown = readme.split(command, 1)[1].split("```", 1)[0]
    done = subprocess.run(
        [str(Path(sys.executable).with_name("tracker")), "add", str(ADD / "commented.yaml"), "--into", "my-events"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    )
    assert done.stdout == shown
