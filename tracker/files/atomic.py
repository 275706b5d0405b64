"""Writing a file so that it is there whole or not at all: the steps every writer in tracker takes.

A file is made new under a hidden name of its own (:func:`beside`, :func:`open_new`: never opened over
one that exists), written, flushed to disk when closed (:class:`SyncedFile`, :func:`write_new`), and
only then renamed into place (:func:`put_in_place`, :func:`replace_folder`); the folder the rename
happened in is flushed too (:func:`sync_folder`), so that the rename outlives a power cut. An output
(:class:`~tracker.files.outputs.Output`) and a batch of a folder's files
(:func:`~tracker.files.batches.write_batch`) are both made of these steps. (The gazetteer package
writes its place table its own way: it imports nothing from tracker.)

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> target = folder / "notes.txt"
>>> temporary = beside(target, ".tmp")
>>> write_new(temporary, b"whole")
>>> write_new(temporary, b"again")
Traceback (most recent call last):
...
FileExistsError: [Errno 17] File exists: ...
>>> put_in_place(temporary, target)
>>> sync_folder(folder)
>>> target.read_bytes(), sorted(path.name for path in folder.iterdir())
(b'whole', ['notes.txt'])
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import stat
from pathlib import Path
from typing import Any


def unique() -> str:
    """A name part no other writer uses at the same time: this process's id and 32 random bits."""
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def beside(path: Path, ending: str) -> Path:
    """A hidden name next to ``path``, for a file or folder that becomes ``path`` (or was it):
    ``.NAME.PID-XXXXXXXX`` followed by ``ending``."""
    return path.parent / f".{path.name[:80]}.{unique()}{ending}"


def open_new(path: str | os.PathLike[str]) -> int:
    """A descriptor to write a new file at ``path``; ``FileExistsError`` when something is there."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)


class SyncedFile(io.RawIOBase):
    """A file descriptor to write to, flushed to disk (``fsync``) when closed. Once ``abandoned`` (the
    file is to be removed), writes go nowhere and closing flushes nothing, so that closing the streams
    over it writes nothing more."""

    def __init__(self, descriptor: int):
        super().__init__()
        self._descriptor = descriptor
        self.abandoned = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._descriptor

    def write(self, data: Any) -> int:
        if self.abandoned:
            return memoryview(data).nbytes
        return os.write(self._descriptor, data)

    def close(self) -> None:
        if self.closed:
            return
        try:
            if not self.abandoned:
                os.fsync(self._descriptor)
        finally:
            try:
                os.close(self._descriptor)
            finally:
                super().close()


def write_new(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a new file at ``path`` and flush it to disk. On failure the file is left
    partly written, for the caller to remove with whatever holds it."""
    file = SyncedFile(open_new(path))
    try:
        view = memoryview(data)
        while view:
            view = view[file.write(view):]
    except BaseException:
        file.abandoned = True  # closed without flushing what is to be removed
        raise
    finally:
        file.close()


def sync_folder(folder: str | os.PathLike[str], *, strict: bool = True) -> None:
    """Flush a folder's entries to disk: the names renamed or made in it. Where folders cannot be
    opened (Windows) there is nothing to do, renames being durable without. Unless ``strict``, a
    folder that cannot be flushed (some file systems refuse) is let be: its files are flushed
    themselves."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError:
        if strict:
            raise


def put_in_place(temporary: str | os.PathLike[str], path: str | os.PathLike[str],
                 replaced: os.stat_result | None = None) -> None:
    """Rename the finished ``temporary`` to ``path`` in one step, over whatever is there. A regular
    file it replaces (``replaced`` is its ``os.stat``) passes its permissions on."""
    if replaced is not None and stat.S_ISREG(replaced.st_mode):
        os.chmod(temporary, stat.S_IMODE(replaced.st_mode))
    os.replace(temporary, path)


def replace_folder(temporary: Path, path: Path) -> None:
    """Put the finished folder ``temporary`` in place of the folder ``path``, which holds files: the
    old one goes aside, the new one in, then the old one is removed. If the new one cannot go in,
    the old one comes back."""
    aside = beside(path, ".old")
    os.rename(path, aside)
    try:
        os.rename(temporary, path)
    except BaseException:
        os.rename(aside, path)
        raise
    shutil.rmtree(aside, ignore_errors=True)
