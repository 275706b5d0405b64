"""Writing a batch of files into a folder all at once, even when the process is killed midway.

:func:`write_batch` stages every file in one hidden folder inside the target folder, with a journal
of where each goes, and commits the batch with one rename of that folder (``….staging`` to
``….commit``). Only then are the files moved into place. A process killed before the commit leaves a
staging folder that the next run removes (the batch never happened); one killed after it leaves a
committed folder that the next run completes (the batch happened). :func:`recover` does either, under
the folder's lock; :func:`finish_interrupted` is what commands that read a folder call first.

Hidden names (those beginning with ``.``) are never read as records, so nothing staged is ever seen
as a record before it is in place.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> write_batch(folder, [(folder / "a.yaml", b"a"), (folder / "areas" / "b.geojson", b"{}")])
>>> sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))
['a.yaml', 'areas', 'areas/b.geojson']
>>> write_batch(folder, [(folder / ".." / "outside.yaml", b"x")])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: .../../outside.yaml lies outside ...
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard

from ..errors import FolderLocked, TrackerError
from ..errors import FolderWriteError as FolderWriteError  # still importable from here
from .atomic import put_in_place, sync_folder, unique, write_new
from .failures import fix as fix  # still importable from here
from .failures import folder_error
from .failures import reason as reason  # still importable from here

#: Hidden folders of a batch being written begin with this.
PREFIX = ".tracker-add-"
_STAGING, _COMMIT, _ABORT = ".staging", ".commit", ".abort"
_JOURNAL = "journal.json"
_JOURNAL_LIMIT = 64 * 1024 * 1024  # bytes; a journal of a million files is well under this
#: How long to wait for another command holding the folder's lock, in seconds.
LOCK_TIMEOUT = 60.0
_LOCK_NAME = ".tracker.lock"  # used only where folders cannot be locked (no fcntl)


def write_batch(folder: str | os.PathLike[str], files: Iterable[tuple[Path, bytes]]) -> None:
    """Write every file (each a path inside ``folder`` and its bytes), or none, whatever happens to
    this process. A file listed twice gets its last bytes; existing files are replaced; missing
    folders on the way are made.

    Raises :class:`FolderWriteError` when the files cannot be written (the folder is left as it
    was, with no temporaries) and ``ValueError`` for a path outside ``folder``. The caller holds
    :func:`folder_lock` or otherwise keeps other writers away.
    """
    root = Path(folder)
    batch = {_relative(root, Path(path)): data for path, data in files}
    token = unique()
    staging = root / f"{PREFIX}{token}{_STAGING}"
    committed = staging.with_name(f"{PREFIX}{token}{_COMMIT}")
    try:  # staged, then made visible by one rename (the commit point); until then, nothing happened
        journal = _stage(root, staging, batch)
        os.rename(staging, committed)
    except OSError as error:
        _discard(staging)
        raise _failure(root, error) from None
    except BaseException:
        _discard(staging)
        raise
    try:
        sync_folder(root)
        _roll_forward(root, committed, journal)
    except BaseException as error:
        aborted = committed.with_name(f"{PREFIX}{token}{_ABORT}")
        try:
            os.rename(committed, aborted)
            _roll_back(root, aborted, journal)
        except OSError as second:
            raise FolderWriteError(
                f"cannot write to {root}: {reason(second)}, while putting back what was there; the next "
                "tracker command to read the folder finishes that, or run `tracker validate` on it"
            ) from error
        _discard(aborted)
        if isinstance(error, OSError):
            raise _failure(root, error) from None
        raise
    _discard(committed)  # the batch is in place; a folder left over is the next run's to remove


def _failure(root: Path, error: OSError) -> FolderWriteError:
    return folder_error(f"cannot write to {root}: {reason(error)}; nothing was written; {fix(error)}", error, root)


def _relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root``, in POSIX form, refusing any that would lie outside it."""
    try:
        relative = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        raise ValueError(f"{path} lies outside {root}") from None
    if not relative.parts:
        raise ValueError(f"{path} is the folder {root} itself, not a file in it")
    return relative.as_posix()


def _stage(root: Path, staging: Path, batch: dict[str, bytes]) -> dict[str, Any]:
    """Write the batch and its journal into ``staging``; existing targets are linked beside, so that
    a failure after the commit can put them back."""
    os.mkdir(staging)
    entries: list[dict[str, Any]] = []
    folders: set[str] = set()
    for number, (relative, data) in enumerate(batch.items()):
        write_new(staging / str(number), data)
        target = root / relative
        backup = False
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            mode = None
        if mode is not None and not stat.S_ISDIR(mode):
            try:
                os.link(target, staging / f"{number}.old", follow_symlinks=False)
            except OSError:
                if not stat.S_ISREG(mode):
                    raise
                write_new(staging / f"{number}.old", target.read_bytes())
            backup = True
        for parent in PurePosixPath(relative).parents:
            if str(parent) != "." and not (root / parent).exists():
                folders.add(str(parent))
        entries.append({"staged": str(number), "target": relative, "backup": backup})
    journal = {"version": 1, "files": entries, "folders": sorted(folders)}
    write_new(staging / _JOURNAL, json.dumps(journal).encode("utf-8"))
    sync_folder(staging)
    return journal


def _roll_forward(root: Path, batch: Path, journal: dict[str, Any]) -> None:
    """Move each staged file still there into place (one already gone was moved before)."""
    parents: set[Path] = set()
    for entry in journal["files"]:
        staged, target = batch / entry["staged"], root / entry["target"]
        if os.path.lexists(staged):
            target.parent.mkdir(parents=True, exist_ok=True)
            put_in_place(staged, target)
        parents.add(target.parent)
    for parent in parents:
        if parent.is_dir():
            sync_folder(parent)


def _roll_back(root: Path, batch: Path, journal: dict[str, Any]) -> None:
    """Put back what was there before: each file moved into place goes back to the batch, each
    replaced one returns from its link, folders made for the batch are removed. Doing it twice
    (after a kill midway) does no harm."""
    parents: set[Path] = set()
    for entry in reversed(journal["files"]):
        staged, target = batch / entry["staged"], root / entry["target"]
        if not os.path.lexists(staged) and os.path.lexists(target):
            os.replace(target, staged)
        backup = batch / f"{entry['staged']}.old"
        if entry["backup"] and os.path.lexists(backup):
            os.replace(backup, target)
        parents.add(target.parent)
    for relative in sorted(journal["folders"], key=len, reverse=True):
        with suppress(OSError):  # not made by the batch after all, or something else is in it now
            (root / relative).rmdir()
    for parent in parents:
        if parent.is_dir():
            sync_folder(parent)


def _remove(batch: Path) -> None:
    """Remove a batch's folder: its journal first, so that a kill midway leaves a folder that
    :func:`recover` only removes."""
    try:
        if stat.S_ISLNK(os.lstat(batch).st_mode) or not batch.is_dir():
            batch.unlink()
            return
    except FileNotFoundError:
        return
    (batch / _JOURNAL).unlink(missing_ok=True)
    shutil.rmtree(batch)


def _discard(batch: Path) -> None:
    """:func:`_remove` on a failure path, where the first error is the one to report: a folder that
    cannot be removed now is removed by the next run."""
    with suppress(OSError):
        _remove(batch)


def interrupted(folder: Path) -> list[Path]:
    """The folders left in ``folder`` by batches whose writer was killed (or is still running)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries if entry.name.startswith(PREFIX))
    except OSError:
        return []


def recover(folder: Path) -> None:
    """Finish what killed writers left in ``folder``: complete each committed batch (or undo it, if
    it cannot be completed), undo each one not committed, remove their hidden folders. The caller
    holds :func:`folder_lock`.

    Raises :class:`~tracker.errors.TrackerError` for a folder of that name that holds no journal this
    module wrote (nothing is moved then), and :class:`FolderWriteError` when the folder cannot be
    written.
    """
    for batch in interrupted(folder):
        try:
            if batch.name.endswith(_STAGING) or not (batch / _JOURNAL).exists():
                _remove(batch)  # never committed, or already done and being removed
                continue
            journal = _journal(folder, batch)
            if batch.name.endswith(_COMMIT):
                try:
                    _roll_forward(folder, batch, journal)
                except OSError:  # as it failed for its writer: undo it instead
                    aborted = batch.with_name(batch.name.removesuffix(_COMMIT) + _ABORT)
                    os.rename(batch, aborted)
                    batch = aborted
            if batch.name.endswith(_ABORT):
                _roll_back(folder, batch, journal)
            _remove(batch)
        except OSError as error:
            raise folder_error(f"cannot finish the interrupted `tracker add` left in {batch}: {reason(error)}; "
                               f"{fix(error, 'run `tracker validate` as its owner')}", error, batch) from None


def _journal(folder: Path, batch: Path) -> dict[str, Any]:
    """The journal of ``batch``, checked: every staged name is a file of the batch, every target a
    path inside ``folder``."""
    if batch.name.endswith((_COMMIT, _ABORT)) and not stat.S_ISLNK(os.lstat(batch).st_mode):
        journal = _read_journal(batch)
        if _well_formed(journal, folder):
            return journal
    raise _not_a_batch(batch)


def _not_a_batch(batch: Path) -> TrackerError:
    return TrackerError(f"{batch} was not left by `tracker add` (its {_JOURNAL} is not one it writes); "
                        "look at what it holds, then delete it")


def _read_journal(batch: Path) -> Any:
    """What the journal of ``batch`` holds, or ``None`` when it is too long or not JSON."""
    with (batch / _JOURNAL).open("rb") as stream:
        raw = stream.read(_JOURNAL_LIMIT + 1)
    try:
        return json.loads(raw) if len(raw) <= _JOURNAL_LIMIT else None
    except ValueError:
        return None


def _well_formed(journal: Any, folder: Path) -> TypeGuard[dict[str, Any]]:
    """Whether ``journal`` is one :func:`write_batch` writes, for a batch of ``folder``."""
    if not isinstance(journal, dict) or not isinstance(journal.get("files"), list):
        return False
    folders = journal.get("folders")
    if not isinstance(folders, list) or not all(isinstance(name, str) for name in folders):
        return False
    inside = folder.resolve()
    return (all(_well_formed_entry(entry, folder, inside) for entry in journal["files"])
            and all(_stays_below(name) for name in folders))


def _well_formed_entry(entry: Any, folder: Path, inside: Path) -> bool:
    """Whether ``entry`` names a staged file by number and a target inside ``folder`` (``inside``
    once its links are followed)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("backup"), bool):
        return False
    staged, target = entry.get("staged"), entry.get("target")
    if not isinstance(staged, str) or not (staged.isascii() and staged.isdigit()) or not isinstance(target, str):
        return False
    return _stays_below(target) and (folder / target).parent.resolve().is_relative_to(inside)


def _stays_below(name: str) -> bool:
    """Whether ``name`` is a relative path that stays below where it starts."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts


def finish_interrupted(folder: Path, timeout: float = LOCK_TIMEOUT) -> None:
    """Before reading ``folder``: wait for a writer still at work, then :func:`recover` what killed
    ones left. Nothing to do (the usual case) costs one listing of the folder."""
    if folder.is_dir() and interrupted(folder):
        with folder_lock(folder, timeout):
            recover(folder)


@contextmanager
def folder_lock(folder: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on ``folder``, made if missing (``flock`` on the folder itself, so no file
    is left behind), waiting up to ``timeout`` seconds for another holder to finish. A folder removed
    and made again while this waited is locked afresh."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): a lock file, created exclusively
        folder.mkdir(parents=True, exist_ok=True)
        with _lock_file(folder, timeout):
            yield
        return
    deadline = time.monotonic() + timeout
    while True:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder, os.O_RDONLY)
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(descriptor)
                    raise FolderLocked(
                        f"{folder} is locked by another tracker command, still running after {timeout:g} s; "
                        "wait for it to finish and try again"
                    ) from None
                time.sleep(0.02)
        try:
            same = os.path.samestat(os.fstat(descriptor), os.stat(folder))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(descriptor)  # the folder this waited on is gone: lock the one there now
    try:
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


@contextmanager
def _lock_file(folder: Path, timeout: float) -> Iterator[None]:
    path = folder / _LOCK_NAME
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            if time.monotonic() > deadline:
                raise FolderLocked(
                    f"{folder} is locked ({path} exists); if no tracker command is running, delete that file"
                ) from None
            time.sleep(0.02)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def remove_lock_file(folder: Path) -> None:
    """Remove the lock file :func:`folder_lock` makes where folders cannot be locked, if any."""
    (folder / _LOCK_NAME).unlink(missing_ok=True)
