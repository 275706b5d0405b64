"""One output policy for every command that writes: nothing is overwritten without --force, an input
never; a failed write (a full disk, a read-only folder) is one line and leaves the disk as it was.

Faults the tests cannot cause for real (they run as root, whom a read-only mode does not stop) are
raised at the operating system's boundary: the ``os`` functions ``tracker.files.outputs`` calls, and
``tracker.files.atomic`` for it.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gazetteer.table
import tracker.files.atomic
import tracker.files.outputs
from tracker.cli import main
from tracker.datasets.importing import import_events
from tracker.errors import OutputError, TrackerError
from tracker.files.outputs import Output, write_bytes
from tracker.tables.table import EventTable

from ..common import DATA, MINIMAL, write_acled_like

FULL = "the disk is full; free some space, or write to another disk, and run the command again"
READ_ONLY = "the file system is read-only; choose a folder on a disk you can write to"
DENIED = "permission denied; choose a folder you can write to"
TOO_LONG = "the name is too long for the file system; choose a shorter name"


class FaultyOs:
    """The ``os`` module as ``tracker.files`` and ``gazetteer.table`` see it, except that calls named in ``fail`` raise
    ``OSError(code)`` (or ``error``): those after the first ``after`` calls of those names, and only
    ``times`` of them when given."""

    def __init__(self, fail: tuple[str, ...], code: int = errno.ENOSPC, after: int = 0,
                 error: BaseException | None = None, times: int | None = None):
        self.fail, self.after, self.times, self.calls = fail, after, times, 0
        self.error = error if error is not None else OSError(code, os.strerror(code))

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in self.fail:
            return real

        def failing(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls > self.after and (self.times is None or self.calls <= self.after + self.times):
                raise self.error
            return real(*args, **kwargs)

        return failing


def _fault(monkeypatch: pytest.MonkeyPatch, *fail: str, code: int = errno.ENOSPC, after: int = 0,
           error: BaseException | None = None, times: int | None = None) -> FaultyOs:
    faulty = FaultyOs(fail, code, after, error, times)
    monkeypatch.setattr(tracker.files.outputs, "os", faulty)
    monkeypatch.setattr(tracker.files.atomic, "os", faulty)  # the steps of every atomic write
    monkeypatch.setattr(gazetteer.table, "os", faulty)  # the place table's own atomic write
    return faulty


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with what the commands read: a record, an article, an ACLED export, places; and an
    empty ``out`` folder for what they write."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "minimal.yaml").write_text(yaml.safe_dump(MINIMAL), encoding="utf-8")
    (tmp_path / "article.txt").write_text("Syrian forces advanced 20 km east of Tadmur.", encoding="utf-8")
    write_acled_like(tmp_path / "acled.csv", 30)
    shutil.copy(DATA / "gazetteer" / "border-points.csv", tmp_path / "places.csv")
    (tmp_path / "out").mkdir()
    return tmp_path


Command = Callable[[Path, Path], list[str]]
#: Each command that writes a file, and a name for its output.
WRITERS: dict[str, tuple[Command, str]] = {
    "map": (lambda w, out: ["map", str(w / "events"), "--offline", "-o", str(out)], "map.html"),
    "export geojson": (lambda w, out: ["export", str(w / "events"), "-o", str(out)], "events.geojson"),
    "export csv": (lambda w, out: ["export", str(w / "events"), "-o", str(out)], "events.csv"),
    "export parquet": (lambda w, out: ["export", str(w / "events"), "-o", str(out)], "events.parquet"),
    "export kml": (lambda w, out: ["export", str(w / "events"), "-o", str(out)], "events.kml"),
    "import parquet": (lambda w, out: ["import", "acled", str(w / "acled.csv"), "-o", str(out)], "acled.parquet"),
    "import csv": (lambda w, out: ["import", "acled", str(w / "acled.csv"), "-o", str(out)], "acled.csv"),
    "import geojson": (lambda w, out: ["import", "acled", str(w / "acled.csv"), "-o", str(out)], "acled.geojson"),
    "draft": (lambda w, out: ["draft", str(w / "article.txt"), "-o", str(out)], "draft.yaml"),
}
#: And those that write into a table or a folder as well.
ALL_WRITERS: dict[str, tuple[Command, str]] = {
    **WRITERS,
    "import yaml": (lambda w, out: ["import", "acled", str(w / "acled.csv"), "-o", str(out)], "records"),
    "gazetteer import": (lambda w, out: ["gazetteer", "import", str(w / "places.csv"), "--into", str(out)],
                         "places.tsv"),
}


def _run(args: list[str]) -> Any:
    return CliRunner().invoke(main, args)


def _listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# --- an existing output ------------------------------------------------------------------------


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_output_is_refused_without_force_and_replaced_with_it(work: Path, command: str) -> None:
    args, name = WRITERS[command]
    out = work / "out" / name
    out.write_bytes(b"old")
    refused = _run(args(work, out))
    assert refused.exit_code == 1
    assert refused.output == f"tracker: {out} exists; pass --force to replace it\n"
    assert out.read_bytes() == b"old" and _listing(work / "out") == [name]
    replaced = _run([*args(work, out), "--force"])
    assert replaced.exit_code == 0, replaced.output
    assert out.read_bytes() != b"old" and out.stat().st_size > 100
    assert _listing(work / "out") == [name]


def test_the_default_map_is_not_written_over_either(work: Path) -> None:
    (work / "map.html").write_text("<p>my notes</p>", encoding="utf-8")
    refused = _run(["map", "events"])
    assert (refused.exit_code, refused.output) == (1, "tracker: map.html exists; pass --force to replace it\n")
    assert (work / "map.html").read_text(encoding="utf-8") == "<p>my notes</p>"


def test_the_library_refuses_too_unless_told_to_replace(work: Path) -> None:
    table = EventTable.read_many([work / "events"])
    path = table.write(work / "out" / "t.geojson")
    before = path.read_bytes()
    with pytest.raises(OutputError, match=r"t\.geojson exists; pass --force to replace it$") as caught:
        table.write(path)
    assert isinstance(caught.value, OSError) and isinstance(caught.value, TrackerError)
    assert table.write(path, force=True) == path and path.read_bytes() == before
    with pytest.raises(OutputError, match="exists; pass --force"):
        import_events("acled", work / "acled.csv", path)
    assert import_events("acled", work / "acled.csv", path, force=True).imported == 30


def test_a_folder_of_records_is_replaced_only_with_force_and_only_if_it_holds_records(work: Path) -> None:
    out = work / "out" / "records"
    args = ["import", "acled", str(work / "acled.csv"), "-o", str(out)]
    assert _run(args).exit_code == 0
    written = _listing(out)
    assert written == ["events-000001.yaml"]
    refused = _run(args)
    assert (refused.exit_code, refused.output) == (1, f"tracker: {out} exists and is not empty; pass --force to "
                                                      "replace it\n")
    (out / "events-000001.yaml").write_text("old", encoding="utf-8")
    assert _run([*args, "--force"]).exit_code == 0
    assert _listing(out) == written and (out / "events-000001.yaml").read_text(encoding="utf-8") != "old"
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    kept = _run([*args, "--force"])
    assert (kept.exit_code, kept.output) == (1, f"tracker: {out} holds notes.txt, which this command does not "
                                                "write; give the output a new folder\n")
    assert _listing(out) == ["events-000001.yaml", "notes.txt"] and _listing(work / "out") == [
        "records", "records/events-000001.yaml", "records/notes.txt"]
    a_file = work / "out" / "plain"
    a_file.write_text("mine", encoding="utf-8")
    refused = _run(["import", "acled", str(work / "acled.csv"), "-o", str(a_file), "--force"])
    assert refused.output == f"tracker: {a_file} exists and is not a folder; give the name of a new folder\n"


def test_the_gazetteer_table_is_extended_but_another_file_is_replaced_only_with_force(work: Path) -> None:
    into = work / "out" / "places.tsv"
    assert _run(["gazetteer", "import", str(work / "places.csv"), "--into", str(into)]).exit_code == 0
    again = _run(["gazetteer", "import", str(DATA / "gazetteer" / "SY-sample.txt"), "--into", str(into)])
    assert again.exit_code == 0 and len(into.read_text(encoding="utf-8").splitlines()) == 1 + 1 + 2
    notes = work / "out" / "notes.txt"
    notes.write_text("not places\n", encoding="utf-8")
    refused = _run(["gazetteer", "import", str(work / "places.csv"), "--into", str(notes)])
    assert refused.exit_code == 1
    assert refused.output == (f"tracker: {notes} exists and is not a place table (its first line is not the table's "
                              "header); pass --force to replace it\n")
    assert notes.read_text(encoding="utf-8") == "not places\n"
    replaced = _run(["gazetteer", "import", str(work / "places.csv"), "--into", str(notes), "--force"])
    assert replaced.exit_code == 0
    assert notes.read_text(encoding="utf-8").splitlines()[0].startswith("id\tname\tlatitude\tlongitude")


# --- an input ------------------------------------------------------------------------------------


def test_an_input_is_never_written_over_even_with_force(work: Path) -> None:
    before = {path: path.read_bytes() for path in work.rglob("*") if path.is_file()}
    record = work / "events" / "minimal.yaml"
    cases = [
        (["import", "acled", "acled.csv", "-o", "acled.csv"], "acled.csv is also an input of this command; "
         "give the output another name"),
        (["map", str(record), "-o", str(record)], f"{record} is also an input of this command; give the output "
         "another name"),
        (["map", "events", "-o", "events/minimal.yaml"], "events/minimal.yaml is inside events, which this command "
         "reads; write the output elsewhere"),
        (["draft", "article.txt", "-o", "./article.txt"], "article.txt is also an input of this command; give the "
         "output another name"),
        (["gazetteer", "import", "places.csv", "--into", "places.csv"], "places.csv is also an input of this "
         "command; give the output another name"),
        (["import", "acled", "acled.csv", "-o", "."], f"{work} holds acled.csv, an input of this command; give the "
         "output another folder"),
    ]
    for args, message in cases:
        done = _run([*args, "--force"])
        assert (done.exit_code, done.output) == (1, f"tracker: {message}\n"), args
    table = work / "out" / "t.geojson"
    assert _run(["export", "events", "-o", str(table)]).exit_code == 0
    before[table] = table.read_bytes()
    done = _run(["export", str(table), "-o", str(table), "--force"])
    assert done.output == f"tracker: {table} is also an input of this command; give the output another name\n"
    os.link(work / "acled.csv", work / "out" / "linked.csv")  # the same file under another name
    os.symlink(work / "acled.csv", work / "out" / "pointer.csv")
    before[work / "out" / "linked.csv"] = before[work / "out" / "pointer.csv"] = before[work / "acled.csv"]
    for name in ("linked.csv", "pointer.csv"):
        done = _run(["import", "acled", "acled.csv", "-o", f"out/{name}", "--force"])
        assert done.output == f"tracker: out/{name} is also an input of this command; give the output another name\n"
    assert {path: path.read_bytes() for path in work.rglob("*") if path.is_file()} == before


# --- where the output cannot go ----------------------------------------------------------------


@pytest.mark.parametrize("command", ALL_WRITERS)
def test_an_output_that_is_a_folder_or_under_a_missing_one_is_refused(work: Path, command: str) -> None:
    args, name = ALL_WRITERS[command]
    folder = work / "out" / name
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    done = _run([*args(work, folder), "--force"])
    assert done.exit_code == 1
    if command == "import yaml":  # a folder is what it writes: it refuses one it did not write
        assert done.output == (f"tracker: {folder} holds keep.txt, which this command does not write; give the "
                               "output a new folder\n")
    else:
        assert done.output == f"tracker: {folder} is a folder; give a file name\n"
    missing = work / "nowhere" / "deeper"
    done = _run([*args(work, missing / name), "--force"])
    assert (done.exit_code, done.output) == (1, f"tracker: the folder {missing} does not exist; create it first\n")
    a_file = work / "article.txt"
    done = _run(args(work, a_file / name))
    assert (done.exit_code, done.output) == (1, f"tracker: {a_file} is a file, not a folder; give a path inside a "
                                                "folder\n")
    assert _listing(work / "out") == [name, f"{name}/keep.txt"] and not (work / "nowhere").exists()


@pytest.mark.parametrize("command", ALL_WRITERS)
def test_a_name_too_long_for_the_file_system_is_one_line(work: Path, command: str) -> None:
    args, name = ALL_WRITERS[command]
    out = work / "out" / ("x" * 300 + name)
    done = _run(args(work, out))
    assert (done.exit_code, done.output) == (1, f"tracker: cannot write {out}: {TOO_LONG}\n")
    assert _listing(work / "out") == []


# --- faults at the operating system ------------------------------------------------------------


@pytest.mark.parametrize("command", ALL_WRITERS)
@pytest.mark.parametrize(("code", "advice"), [(errno.EROFS, READ_ONLY), (errno.EACCES, DENIED)])
def test_a_folder_that_cannot_be_written_is_one_line(work: Path, monkeypatch: pytest.MonkeyPatch, command: str,
                                                      code: int, advice: str) -> None:
    args, name = ALL_WRITERS[command]
    out = work / "out" / name
    _fault(monkeypatch, "open", "mkdir", code=code)
    done = _run(args(work, out))
    assert (done.exit_code, done.output) == (1, f"tracker: cannot write {out}: {advice}\n")
    assert _listing(work / "out") == []


@pytest.mark.parametrize("command", ALL_WRITERS)
@pytest.mark.parametrize("call", ["write", "fsync", "rename"])
def test_a_full_disk_is_one_line_and_leaves_the_old_output_and_no_temporary(
    work: Path, monkeypatch: pytest.MonkeyPatch, command: str, call: str
) -> None:
    args, name = ALL_WRITERS[command]
    out = work / "out" / name
    assert _run(args(work, out)).exit_code == 0  # an output from before, to be replaced
    before = {path: path.read_bytes() for path in (work / "out").rglob("*") if path.is_file()}
    _fault(monkeypatch, *(("replace", "rename") if call == "rename" else (call,)))
    done = _run([*args(work, out), "--force"])
    assert (done.exit_code, done.output) == (1, f"tracker: cannot write {out}: {FULL}\n")
    assert {path: path.read_bytes() for path in (work / "out").rglob("*") if path.is_file()} == before
    assert not [path for path in work.rglob(".*")]


def test_a_failure_half_way_through_an_import_leaves_the_old_file_and_no_temporary(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_acled_like(work / "big.csv", 20_000, variety=1000)
    out = work / "out" / "big.parquet"
    out.write_bytes(b"old")
    faulty = _fault(monkeypatch, "write", after=2)  # two writes of a MiB go through, then the disk is full
    with pytest.raises(OutputError, match=f"^cannot write {out}: {FULL}$"):
        import_events("acled", source, out, chunk_bytes=1 << 20, force=True)
    assert faulty.calls > 2  # it failed half way
    assert out.read_bytes() == b"old" and _listing(work / "out") == ["big.parquet"]


@pytest.mark.parametrize(("name", "rows"), [("big.geojson", 5_000), ("big.csv", 5_000), ("big.parquet", 10_000),
                                           ("records", 1_200)])
def test_ctrl_c_half_way_through_leaves_the_old_output_and_no_temporary(
    work: Path, monkeypatch: pytest.MonkeyPatch, name: str, rows: int
) -> None:
    source = write_acled_like(work / "big-source.csv", rows, variety=1000)  # over a MiB, or three files
    out = work / "out" / name
    assert import_events("acled", source, out).imported == rows
    before = {path: path.read_bytes() for path in (work / "out").rglob("*") if path.is_file()}
    faulty = _fault(monkeypatch, "write", after=1, error=KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        import_events("acled", source, out, chunk_bytes=1 << 20, force=True)
    assert faulty.calls > 1  # it was stopped half way
    assert {path: path.read_bytes() for path in (work / "out").rglob("*") if path.is_file()} == before


def test_a_folder_of_records_put_back_when_the_new_one_cannot_take_its_place(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = work / "out" / "records"
    assert import_events("acled", work / "acled.csv", out).imported == 30
    before = {path: path.read_bytes() for path in (work / "out").rglob("*") if path.is_file()}
    faulty = _fault(monkeypatch, "rename", after=1, times=1)  # the old folder goes aside, the new one fails
    with pytest.raises(OutputError, match=f"^cannot write {out}: {FULL}$"):
        import_events("acled", write_acled_like(work / "other.csv", 40), out, force=True)
    assert faulty.calls == 3
    assert {path: path.read_bytes() for path in (work / "out").rglob("*") if path.is_file()} == before
    assert _listing(work / "out") == ["records", "records/events-000001.yaml"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(old=st.none() | st.binary(max_size=64), new=st.integers(0, 3 << 20).map(lambda size: bytes(range(256)) * (size >> 8)),
       call=st.sampled_from(["open", "write", "fsync", "replace", "chmod", "close"]),
       after=st.integers(0, 4), code=st.sampled_from([errno.ENOSPC, errno.EROFS, errno.EIO]))
def test_a_write_leaves_the_old_file_or_the_new_one_and_nothing_else(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, old: bytes | None, new: bytes,
    call: str, after: int, code: int,
) -> None:
    folder = tmp_path_factory.mktemp("law")
    path = folder / "out.bin"
    if old is not None:
        path.write_bytes(old)
    with monkeypatch.context() as patch:
        _fault(patch, call, code=code, after=after)
        try:
            write_bytes(path, new, force=True)
            written = True
        except OutputError as error:
            assert str(error).startswith(f"cannot write {path}: ") and "\n" not in str(error)
            written = False
    assert [p.name for p in folder.iterdir()] == ([] if old is None and not written else ["out.bin"])
    if written:
        assert path.read_bytes() == new
    elif old is not None:
        assert path.read_bytes() == old


def test_an_output_left_half_written_by_the_caller_is_removed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no more"), Output(tmp_path / "a.txt") as output:
        output.open().write("begun")
        raise ValueError("no more")
    with pytest.raises(OutputError, match=r"b\.txt: the disk is full"), Output(tmp_path / "b.txt") as output:
        raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["map"], ["export"], ["import"], ["draft"], ["gazetteer", "import"]])
def test_every_command_that_writes_offers_force(command: list[str]) -> None:
    shown = _run([*command, "--help"])
    assert shown.exit_code == 0 and "--force" in shown.output
