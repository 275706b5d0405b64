"""One way to write a file atomically (tracker.files.atomic) and one way to read what an error of the
system means to a writer (tracker.files.failures), whichever writer meets it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tracker.errors import FolderWriteError, OutputError
from tracker.files.atomic import beside, put_in_place, replace_folder, write_new
from tracker.files.failures import error_number, fix, folder_error, output_error, reason

from ..common import ROOT


def test_only_the_atomic_module_flushes_files_or_makes_temporary_ones() -> None:
    found = {
        str(path.relative_to(ROOT)): word
        for path in sorted((ROOT / "tracker").rglob("*.py"))
        for word in ("os.fsync(", "mkstemp(", "NamedTemporaryFile(")
        if word in path.read_text(encoding="utf-8")
    }
    assert found == {"tracker/files/atomic.py": "os.fsync("}


def test_a_new_file_is_never_written_over_an_existing_one(tmp_path: Path) -> None:
    path = tmp_path / "kept.yaml"
    path.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        write_new(path, b"new")
    assert path.read_bytes() == b"old"


def test_a_file_put_in_place_keeps_the_permissions_of_the_one_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(b"old")
    path.chmod(0o640)
    temporary = beside(path, ".tmp")
    write_new(temporary, b"new")
    put_in_place(temporary, path, os.stat(path))
    assert (path.read_bytes(), path.stat().st_mode & 0o777) == (b"new", 0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


def test_a_folder_replaces_one_that_holds_files_and_leaves_nothing_aside(tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "old.yaml").write_bytes(b"old")
    temporary = beside(tmp_path / "records", ".tmp")
    temporary.mkdir()
    write_new(temporary / "new.yaml", b"new")
    replace_folder(temporary, tmp_path / "records")
    assert [str(p.relative_to(tmp_path)) for p in sorted(tmp_path.rglob("*"))] == ["records", "records/new.yaml"]


@pytest.mark.parametrize("error", [
    OSError(errno.ENOSPC, "No space left on device"),
    OSError("[Errno 28] No space left on device"),  # as pyarrow says it: the number only in the words
    OSError("IOError: No space left on device. Detail: [errno 28]"),
], ids=["number", "number in the words", "words"])
def test_both_writers_read_a_full_disk_from_the_same_error(error: OSError) -> None:
    assert error_number(error) == errno.ENOSPC
    assert str(output_error("out.csv", error)) == (
        "cannot write out.csv: the disk is full; free some space, or write to another disk, and run the command "
        "again")
    assert f"{reason(error)}; {fix(error)}" == (
        "no space left on device; free some space on its disk and run the same command again")


def test_an_error_of_no_known_kind_names_what_the_system_said() -> None:
    error = OSError(errno.ELOOP, "Too many levels of symbolic links")
    assert str(output_error("map.html", error)) == (
        "cannot write map.html: too many levels of symbolic links; check the path and run the command again")
    assert f"{reason(error)}; {fix(error)}" == (
        "too many levels of symbolic links; fix that and run the same command again")


def test_a_folder_error_keeps_the_number_and_names_the_file() -> None:
    failure = folder_error("cannot write to events: read-only file system", OSError(errno.EROFS, "x"), Path("events"))
    assert isinstance(failure, FolderWriteError) and isinstance(failure, OSError)
    assert (str(failure), failure.errno, failure.filename) == (
        "cannot write to events: read-only file system", errno.EROFS, "events")
    assert output_error("x", OutputError("as it was")).args == ("as it was",)
