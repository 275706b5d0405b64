"""``tracker add`` all or nothing across processes: killed at any point, out of disk, into a folder
it cannot write."""

from __future__ import annotations

import errno
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main
from tracker.load import read_events

from ..common import ROOT

BATCH = 100


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, hidden ones too, with its bytes (folders as ``b"/"``)."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"/" for p in sorted(folder.rglob("*"))}


def hidden(folder: Path) -> list[str]:
    return [str(p.relative_to(folder)) for p in folder.rglob(".*")]


def record(number: int) -> str:
    return (f"id: shelling-{number:03d}\ndate: 2017-06-{1 + number % 28:02d}\ntitle: Shelling number {number}\n"
            f"type: Battles\nactors: [Syrian Arab Army]\n"
            f"location: {{lat: {33 + number * 0.01:.2f}, lon: {37 + number * 0.01:.2f}}}\n")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """One file of :data:`BATCH` records, all far enough apart not to repeat one another."""
    path = tmp_path / "batch.yaml"
    path.write_text("---\n".join(record(number) for number in range(BATCH)), encoding="utf-8")
    return path


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """An events folder holding two records (the state a failed add must leave)."""
    folder = tmp_path / "old"
    folder.mkdir()
    for number in (900, 901):
        (folder / f"shelling-{number}.yaml").write_text(record(number), encoding="utf-8")
    return folder


# A process that imports tracker once, then forks a child per line read (an events folder) that runs
# `tracker add BATCH --into FOLDER`: the child's pid is printed, then its wait status once it ends.
ZYGOTE = """
import os, sys
from tracker.cli import main

def add(batch, folder):
    try:
        main(["add", batch, "--into", folder])
    except SystemExit as end:
        return end.code or 0
    return 0

batch, scratch = sys.argv[1], sys.argv[2]
descriptor = os.open(os.devnull, os.O_WRONLY)
out = os.dup(1)
os.dup2(descriptor, 1)
add(batch, scratch)  # every import and cache warm before the first fork
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        os.dup2(descriptor, 2)
        os._exit(add(batch, line.strip()))
    os.write(out, f"pid {pid}\\n".encode())
    os.write(out, f"done {os.waitpid(pid, 0)[1]}\\n".encode())
"""


class Zygote:
    """The process of :data:`ZYGOTE`, and the lines it prints."""

    def __init__(self, batch: Path, scratch: Path):
        self.process = subprocess.Popen([sys.executable, "-c", ZYGOTE, str(batch), str(scratch)], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.buffer = b""

    def line(self, timeout: float | None = None) -> str | None:
        """The next line printed, or ``None`` if none comes within ``timeout`` seconds."""
        assert self.process.stdout is not None
        while b"\n" not in self.buffer:
            if not select.select([self.process.stdout], [], [], timeout)[0]:
                return None
            chunk = os.read(self.process.stdout.fileno(), 4096)
            assert chunk, "the zygote ended"
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def run(self, folder: Path, kill_after: float | None = None, watch: bool = False) -> int:
        """Add the batch to ``folder`` in a fresh process, killed with SIGKILL if it still runs after
        ``kill_after`` seconds (counted, with ``watch``, from when its batch is committed); its wait
        status."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{folder}\n".encode())
        pid = int(str(self.line()).split()[1])
        done = None
        while watch and done is None and not any(path.suffix == ".commit" for path in folder.iterdir()):
            done = self.line(0.0005)
        done = done or self.line(kill_after)
        if done is None:
            os.kill(pid, signal.SIGKILL)
            done = self.line()
        return int(str(done).split()[1])


@pytest.fixture
def zygote(batch: Path, tmp_path: Path) -> Iterator[Zygote]:
    process = Zygote(batch, tmp_path / "warm")
    yield process
    process.process.communicate(timeout=60)  # closes its input, so that it ends


def test_add_killed_at_random_points_leaves_the_old_or_the_new_folder(
    zygote: Zygote, old: Path, tmp_path: Path
) -> None:
    before = snapshot(old)
    durations = []
    for attempt in range(2):
        complete = shutil.copytree(old, tmp_path / f"complete-{attempt}")
        start = time.monotonic()
        assert zygote.run(complete) == 0
        durations.append(time.monotonic() - start)
    duration = min(durations)
    after = snapshot(complete)
    assert len(after) == len(before) + BATCH and not hidden(complete)
    outcomes = {"old": 0, "new": 0, "completed": 0, "undone": 0}
    chance = random.Random(20170608)
    for trial in range(50):
        folder = shutil.copytree(old, tmp_path / f"trial-{trial}")
        if trial % 4:  # at any point
            status = zygote.run(folder, chance.uniform(0, 1.1 * duration))
        else:  # while the files of a committed batch are moved into place
            status = zygote.run(folder, chance.uniform(0, 0.005), watch=True)
        left = hidden(folder)
        result = CliRunner().invoke(main, ["validate", str(folder)])  # finishes what the kill left
        state = snapshot(folder)
        assert state in (before, after), (trial, status, left, len(state))
        assert result.output == f"ok: {len(state)} records valid\n", (trial, result.output)
        assert not hidden(folder), trial
        outcomes["old" if state == before else "new"] += 1
        if left:
            outcomes["undone" if state == before else "completed"] += 1
        shutil.rmtree(folder)
    assert all(outcomes.values()), outcomes


KILL_AT_CALL = """
import os, sys
from pathlib import Path
from tracker.files.batches import write_batch

name, at = sys.argv[2], int(sys.argv[3])
real, calls = getattr(os, name), [0]
def dying(*args, **kwargs):
    calls[0] += 1
    if calls[0] == at:
        os.kill(os.getpid(), 9)
    return real(*args, **kwargs)
setattr(os, name, dying)
folder = Path(sys.argv[1])
if sys.argv[4:]:  # a folder where a file goes: the batch fails once committed, and is put back
    write_batch(folder, [(folder / "kept.yaml", b"new"), (folder / "blocked", b"file")])
write_batch(folder, [(folder / f"{n}.yaml", b"new %d" % n) for n in range(5)]
            + [(folder / "kept.yaml", b"new"), (folder / "areas" / "a.geojson", b"{}")])
"""


@pytest.mark.parametrize(("call", "at", "state"), [
    ("write", 1, "old"), ("write", 4, "old"), ("link", 1, "old"), ("fsync", 9, "old"), ("rename", 1, "old"),
    ("fsync", 10, "new"), ("replace", 1, "new"), ("replace", 4, "new"), ("mkdir", 2, "new"),
    ("replace", 7, "new"), ("unlink", 1, "new"), ("rmdir", 1, "new"),
])
def test_a_kill_before_the_commit_undoes_the_batch_and_one_after_completes_it(
    tmp_path: Path, call: str, at: int, state: str
) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "kept.yaml").write_bytes(b"old")
    result = subprocess.run([sys.executable, "-c", KILL_AT_CALL, str(folder), call, str(at)], cwd=ROOT,
                            capture_output=True)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert hidden(folder)  # the kill left its batch folder
    read_events(folder)
    expected = {"kept.yaml": b"old"} if state == "old" else {
        **{f"{n}.yaml": b"new %d" % n for n in range(5)}, "kept.yaml": b"new", "areas": b"/",
        "areas/a.geojson": b"{}"}
    assert snapshot(folder) == expected


@pytest.mark.parametrize("at", [2, 3, 4])
def test_a_kill_while_a_failed_batch_is_put_back_is_undone_by_the_next_command(tmp_path: Path, at: int) -> None:
    folder = tmp_path / "events"
    (folder / "blocked").mkdir(parents=True)
    (folder / "blocked" / "x.yaml").write_bytes(b"")  # a folder that is not empty is never replaced by a file
    (folder / "kept.yaml").write_bytes(b"old")
    before = snapshot(folder)
    result = subprocess.run([sys.executable, "-c", KILL_AT_CALL, str(folder), "replace", str(at), "blocked"],
                            cwd=ROOT, capture_output=True)
    assert result.returncode == -signal.SIGKILL, result.stderr
    # killed before the move that fails (committed: the next command tries, fails, undoes) or after it
    assert [path.suffix for path in folder.glob(".tracker-add-*")] == [".commit" if at == 2 else ".abort"]
    read_events(folder)
    assert snapshot(folder) == before


WRITER = """
import sys, time
from pathlib import Path
from tracker.files.batches import folder_lock, write_batch

folder = Path(sys.argv[1])
with folder_lock(folder):
    (folder / ".tracker-add-1-0.staging").mkdir()  # as a writer at work has
    print("ready", flush=True)
    time.sleep(1)
    (folder / ".tracker-add-1-0.staging").rmdir()
    write_batch(folder, [(folder / "shelling-001.yaml", sys.argv[2].encode())])
"""


def test_a_command_reading_the_folder_waits_for_an_add_at_work(old: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(old), record(1)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    events, problems = read_events(old)
    writer.communicate(timeout=60)
    assert writer.returncode == 0
    assert (sorted(event.id for event in events), problems) == (["shelling-001", "shelling-900", "shelling-901"], [])


def test_a_folder_not_left_by_add_is_reported_and_nothing_moves(old: Path, tmp_path: Path) -> None:
    planted = old / ".tracker-add-1-0.commit"
    planted.mkdir()
    (planted / "0").write_bytes(b"pwned")
    (planted / "journal.json").write_text('{"version": 1, "files": [{"staged": "0", "target": "../../x.yaml",'
                                          ' "backup": false}], "folders": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(old)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{old}: {planted} was not left by `tracker add` (its journal.json is not one it writes); look at "
        "what it holds, then delete it")
    assert not (tmp_path.parent / "x.yaml").exists() and (planted / "0").read_bytes() == b"pwned"


def test_add_on_a_full_disk_changes_nothing_and_says_so(
    batch: Path, old: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(old)
    real_write, written = os.write, [0]

    def write(descriptor: int, data: bytes) -> int:  # the disk fills after 8 kB
        if written[0] > 8_000:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written[0] += len(data)
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", write)
    result = CliRunner().invoke(main, ["add", str(batch), "--into", str(old)])
    monkeypatch.undo()
    assert written[0] > 8_000  # it failed midway through the batch
    assert result.exit_code == 1
    assert result.output == (f"tracker: cannot write to {old}: no space left on device; nothing was added to "
                             f"{old}; free some space on its disk and run the same command again\n")
    assert snapshot(old) == before


def _mount(folder: Path, options: str) -> bool:
    """Mount a small tmpfs on ``folder`` (root only); whether it worked."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def test_add_on_a_really_full_disk_changes_nothing(batch: Path, old: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount(disk, "size=64k"):
        pytest.skip("mounting a small tmpfs needs root")
    try:
        folder = shutil.copytree(old, disk / "events")
        before = snapshot(folder)
        result = CliRunner().invoke(main, ["add", str(batch), "--into", str(folder)])
        assert result.exit_code == 1
        assert result.output == (f"tracker: cannot write to {folder}: no space left on device; nothing was "
                                 f"added to {folder}; free some space on its disk and run the same command again\n")
        assert snapshot(folder) == before
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_add_into_a_read_only_folder_says_so(batch: Path, old: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere a mode allows nothing: mount the folder read-only
        folder = tmp_path / "mounted"
        folder.mkdir()
        if not _mount(folder, "ro,size=64k"):
            pytest.skip("a read-only folder for root needs a read-only mount")
    else:
        folder = old
        folder.chmod(0o555)
    try:
        before = snapshot(folder)
        result = CliRunner().invoke(main, ["add", str(batch), "--into", str(folder)])
        assert result.exit_code == 1
        reason = "read-only file system" if os.geteuid() == 0 else "permission denied"
        assert result.output == (f"tracker: cannot write to {folder}: {reason}; nothing was added to {folder}; "
                                 "make the folder writable, or add to another folder with --into\n")
        assert snapshot(folder) == before
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(folder)], check=True)
        else:
            folder.chmod(0o755)


def test_add_under_a_read_only_folder_says_so(batch: Path, tmp_path: Path) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    if os.geteuid() == 0:
        if not _mount(parent, "ro,size=64k"):
            pytest.skip("a read-only folder for root needs a read-only mount")
    else:
        parent.chmod(0o555)
    folder = parent / "events"
    try:
        result = CliRunner().invoke(main, ["add", str(batch), "--into", str(folder)])
        assert result.exit_code == 1
        reason = "read-only file system" if os.geteuid() == 0 else "permission denied"
        assert result.output == (f"tracker: cannot write to {folder}: {reason}; nothing was added to {folder}; "
                                 "make the folder writable, or add to another folder with --into\n")
        assert not folder.exists()
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(parent)], check=True)
        else:
            parent.chmod(0o755)


def test_an_id_too_long_for_a_file_name_is_refused_when_validated(tmp_path: Path) -> None:
    source = tmp_path / "long.yaml"
    source.write_text(record(1).replace("shelling-001", "a" * 300), encoding="utf-8")
    result = CliRunner().invoke(main, ["add", str(source), "--into", str(tmp_path / "events")])
    assert result.exit_code == 1
    assert result.output == (
        f"{source}:1:5: id: 'aaaaaaaaaaaaaaaaaaaa'... is 300 characters long; an id has at most 200 (it names "
        "the record's file), so shorten it\n"
        f"nothing was added to {tmp_path / 'events'}; fix the problems above and run the same command again\n")
    assert not (tmp_path / "events").exists()
    (tmp_path / "ok.yaml").write_text(record(1).replace("shelling-001", "a" * 200), encoding="utf-8")
    result = CliRunner().invoke(main, ["add", str(tmp_path / "ok.yaml"), "--into", str(tmp_path / "events")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "events" / f"{'a' * 200}.yaml").is_file()
