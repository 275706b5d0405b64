"""Writing output files: one policy for every command that writes.

An output is written under a temporary name in its own folder, flushed to disk, and renamed into
place only once it is complete. A failed or interrupted command (Ctrl-C included) leaves the disk as
it was: the old file intact and no temporary behind. (Only ``kill -9`` can leave a hidden
``.NAME.PID-XXXXXXXX.tmp`` next to the output.)

Before anything is written, the path is checked:

* an existing file is replaced only with ``force=True`` (``--force`` on the command line);
* an input of the command is never written over, even with ``force``: neither a file given as an
  input nor a record, area or table file inside an input folder (the endings of :data:`READ_SUFFIXES`);
* an existing folder is not a file name, and the folder the file goes in must exist.

Every :class:`OSError` on the way (a full disk, a read-only folder, a name too long) becomes an
:class:`~tracker.errors.OutputError`: one line naming the file and what to do.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> path = write_text(folder / "a.txt", "one")
>>> write_text(path, "two")
Traceback (most recent call last):
...
tracker.errors.OutputError: .../a.txt exists; pass --force to replace it
>>> _ = write_text(path, "two", force=True)
>>> path.read_text(), sorted(p.name for p in folder.iterdir())
('two', ['a.txt'])
>>> write_text(folder / "b.txt", "copy", inputs=[path])
PosixPath('.../b.txt')
>>> write_text(path, "over its input", force=True, inputs=[path])
Traceback (most recent call last):
...
tracker.errors.OutputError: .../a.txt is also an input of this command; give the output another name
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..errors import OutputError, TrackerError

#: Endings of the files a command reads out of a folder (records, GeoJSON areas, GeoParquet parts): a
#: file with one of them inside an input folder counts as an input, and is never written over.
READ_SUFFIXES = (".yaml", ".yml", ".geojson", ".json", ".parquet")
#: Bytes gathered in memory before each write to disk.
BUFFER_BYTES = 1 << 20

_ADVICE = {
    errno.ENOSPC: "the disk is full; free some space, or write to another disk, and run the command again",
    getattr(errno, "EDQUOT", errno.ENOSPC): "the disk quota is used up; free some space, or write elsewhere, and "
    "run the command again",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "permission denied; choose a folder you can write to",
    errno.EROFS: "the file system is read-only; choose a folder on a disk you can write to",
    errno.ENAMETOOLONG: "the name is too long for the file system; choose a shorter name",
    errno.EFBIG: "the file is too large for this file system; write it to another disk",
    errno.EIO: "the disk reported an input/output error; check the disk, or write to another one",
}


def output_error(path: str | os.PathLike[str], error: OSError) -> OutputError:
    """The one-line error for ``error``, met while writing ``path``: the file and what to do.

    >>> print(output_error("out/map.html", OSError(errno.ENOSPC, "No space left on device")))
    cannot write out/map.html: the disk is full; free some space, or write to another disk, and run the command again
    >>> print(output_error("map.html", OSError("[Errno 30] Read-only file system")))
    cannot write map.html: the file system is read-only; choose a folder on a disk you can write to
    >>> print(output_error("map.html", OSError(errno.ELOOP, "Too many levels of symbolic links")))
    cannot write map.html: too many levels of symbolic links; check the path and run the command again
    """
    if isinstance(error, OutputError):
        return error
    code = error.errno if error.errno is not None else _errno_in(str(error))
    advice = _ADVICE.get(code) if code is not None else None
    if advice is None:
        reason = (error.strerror or str(error) or type(error).__name__).rstrip(".")
        advice = f"{reason[:1].lower()}{reason[1:]}; check the path and run the command again"
    return OutputError(f"cannot write {path}: {advice}")


def _errno_in(text: str) -> int | None:
    """The error number in a message that only tells it in words (as pyarrow's do)."""
    found = re.search(r"\[Errno (\d+)\]", text)
    if found:
        return int(found.group(1))
    lower = text.lower()
    return next((code for code in _ADVICE if os.strerror(code).lower() in lower), None)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path != folder and path.is_relative_to(folder)


def _input_clash(path: Path, inputs: Iterable[str | os.PathLike[str]], folder: bool, exists: bool) -> str | None:
    """Why writing ``path`` would write over an input, or ``None``."""
    target = _real(path)
    for given in map(Path, inputs):
        if str(given) == "-":
            continue
        source = _real(given)
        same = source == target
        if not same and exists:
            try:
                same = os.path.samefile(given, path)  # a hard link
            except OSError:
                same = False
        if same:
            return f"{path} is also an input of this command; give the output another name"
        if folder and _inside(source, target):
            return f"{path} holds {given}, an input of this command; give the output another folder"
        if (exists and not folder and path.suffix.lower() in READ_SUFFIXES and _inside(target, source)
                and source.is_dir()):
            return f"{path} is inside {given}, which this command reads; write the output elsewhere"
    return None


def check_output(
    path: str | os.PathLike[str], *, force: bool = False, inputs: Iterable[str | os.PathLike[str]] = (),
    folder: bool = False, owned: Callable[[str], bool] | None = None,
) -> Path:
    """Refuse ``path`` as an output, with an :class:`~tracker.errors.OutputError` saying why and what to
    do, unless it can be written: returns it.

    ``folder`` is true for an output that is a folder (of YAML records): an empty folder may be
    written into; a folder with files only when ``force`` is given and ``owned`` says each of its
    files is one such an output holds. ``inputs`` are the files and folders the command reads.

    >>> check_output("no-such-folder/map.html")
    Traceback (most recent call last):
    ...
    tracker.errors.OutputError: the folder no-such-folder does not exist; create it first
    >>> check_output("tracker", force=True)
    Traceback (most recent call last):
    ...
    tracker.errors.OutputError: tracker is a folder; give a file name
    """
    path = Path(path)
    parent = path.parent
    try:
        parent_info = os.stat(parent)
    except FileNotFoundError:
        raise OutputError(f"the folder {parent} does not exist; create it first") from None
    except NotADirectoryError:
        raise OutputError(f"{parent} is not a folder (part of it is a file); give a path inside a folder") from None
    except OSError as error:
        raise output_error(path, error) from error
    if not stat.S_ISDIR(parent_info.st_mode):
        raise OutputError(f"{parent} is a file, not a folder; give a path inside a folder")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:  # a name too long, a folder that cannot be searched...
        raise output_error(path, error) from error
    exists = info is not None or os.path.lexists(path)  # a broken symbolic link exists too
    clash = _input_clash(path, inputs, folder, exists)
    if clash:
        raise OutputError(clash)
    if folder:
        if info is None and not exists:
            return path
        if info is None or not stat.S_ISDIR(info.st_mode):
            raise OutputError(f"{path} exists and is not a folder; give the name of a new folder")
        try:
            names = os.listdir(path)
        except OSError as error:
            raise output_error(path, error) from error
        if names and not force:
            raise OutputError(f"{path} exists and is not empty; pass --force to replace it")
        foreign = sorted(name for name in names if owned is None or not owned(name))
        if foreign:
            raise OutputError(f"{path} holds {foreign[0]}, which this command does not write; give the output a new "
                              "folder")
        return path
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path} is a folder; give a file name")
    if exists and not force:
        raise OutputError(f"{path} exists; pass --force to replace it")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path} is not a regular file (a device or a pipe); give the name of a file")
    return path


class _Raw(io.RawIOBase):
    """A file descriptor to write to, flushed to disk (``fsync``) when closed. Once ``abandoned`` (the
    file is to be removed), writes go nowhere, so closing the streams over it writes nothing more."""

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


class Output:
    """One output being written: a temporary file (or folder) next to ``path``, put in place by
    :meth:`commit` and removed by :meth:`discard`. As a context manager it commits when the block
    ends normally and discards on any exception, an ``OSError`` then becoming an
    :class:`~tracker.errors.OutputError`. The path is checked first (:func:`check_output`).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with Output(folder / "notes.txt") as output, output.open() as stream:
    ...     _ = stream.write("first line\\n")
    >>> (folder / "notes.txt").read_text()
    'first line\\n'
    >>> with Output(folder / "other.txt") as output, output.open() as stream:
    ...     _ = stream.write("half")
    ...     raise ValueError("stopped half way")
    Traceback (most recent call last):
    ...
    ValueError: stopped half way
    >>> sorted(p.name for p in folder.iterdir())
    ['notes.txt']
    """

    def __init__(
        self, path: str | os.PathLike[str], *, force: bool = False, inputs: Iterable[str | os.PathLike[str]] = (),
        folder: bool = False, owned: Callable[[str], bool] | None = None,
    ):
        path = Path(path)
        if path.name in ("", ".", ".."):
            path = Path(os.path.abspath(path))
        self.path = check_output(path, force=force, inputs=inputs, folder=folder, owned=owned)
        self.force = force
        self.folder = folder
        self._streams: list[IO[Any]] = []
        self._raws: list[_Raw] = []
        self._descriptor: int | None = None
        self._finished = False
        self.temporary = self.path.parent / f".{self.path.name[:80]}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            if folder:
                os.mkdir(self.temporary)
            else:
                self._descriptor = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise output_error(self.path, error) from error

    def __enter__(self) -> Output:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.commit()
            return
        self.discard()
        if isinstance(error, OSError) and not isinstance(error, TrackerError):
            raise output_error(self.path, error) from error

    def open(self, member: str | None = None, *, text: bool = True) -> IO[Any]:
        """A stream to the temporary file (text in UTF-8, or bytes), or, for a folder output, to a new
        file ``member`` in the temporary folder. Closing it flushes it to disk."""
        try:
            if self.folder:
                if member is None:
                    raise ValueError("a folder output opens files by name: give member")
                descriptor = os.open(self.temporary / member, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            else:
                if member is not None or self._descriptor is None:
                    raise ValueError("a file output is opened once, as a whole")
                descriptor, self._descriptor = self._descriptor, None
        except OSError as error:
            raise output_error(self.path, error) from error
        raw = _Raw(descriptor)
        self._raws.append(raw)
        stream: IO[Any] = io.BufferedWriter(raw, BUFFER_BYTES)
        if text:
            stream = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        self._streams.append(stream)
        return stream

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn an ``OSError`` raised in the block (while writing) into an
        :class:`~tracker.errors.OutputError` about this output."""
        try:
            yield
        except OSError as error:
            if isinstance(error, TrackerError):
                raise
            raise output_error(self.path, error) from error

    def commit(self) -> Path:
        """Flush everything to disk and rename the temporary into place; on any failure, discard it."""
        if self._finished:
            return self.path
        try:
            for stream in self._streams:
                stream.close()  # flushes and fsyncs
            if self._descriptor is not None:
                descriptor, self._descriptor = self._descriptor, None
                _Raw(descriptor).close()
            if self.folder:
                _sync_folder(self.temporary)
            self._put_in_place()
        except BaseException as error:
            self.discard()
            if isinstance(error, OSError) and not isinstance(error, TrackerError):
                raise output_error(self.path, error) from error
            raise
        self._finished = True
        _sync_folder(self.path.parent)
        return self.path

    def _put_in_place(self) -> None:
        try:
            info: os.stat_result | None = os.stat(self.path)
        except FileNotFoundError:
            info = None
        if self.folder:
            occupied = info is not None and (not stat.S_ISDIR(info.st_mode) or bool(os.listdir(self.path)))
        else:
            occupied = info is not None or os.path.lexists(self.path)
        if occupied and not self.force:  # it came while this was written
            raise OutputError(f"{self.path} exists; pass --force to replace it")
        if not self.folder:
            if info is not None and stat.S_ISREG(info.st_mode):
                os.chmod(self.temporary, stat.S_IMODE(info.st_mode))  # keep the replaced file's permissions
            os.replace(self.temporary, self.path)
            return
        if not occupied:
            os.replace(self.temporary, self.path)  # over nothing, or over an empty folder
            return
        aside = self.path.parent / f".{self.path.name[:80]}.{os.getpid()}-{secrets.token_hex(4)}.old"
        os.rename(self.path, aside)
        try:
            os.rename(self.temporary, self.path)
        except BaseException:
            os.rename(aside, self.path)
            raise
        shutil.rmtree(aside, ignore_errors=True)

    def abandon(self) -> None:
        """From now on, what is written to this output's streams goes nowhere: it is to be discarded."""
        for raw in self._raws:
            raw.abandoned = True

    def discard(self) -> None:
        """Close and remove what was written; the old file, if any, stays as it was."""
        if self._finished:
            return
        self._finished = True
        self.abandon()
        for stream in self._streams:
            with suppress(OSError, ValueError):  # what could not be written is removed below
                stream.close()
        if self._descriptor is not None:
            with suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = None
        try:
            if self.folder:
                shutil.rmtree(self.temporary)
            else:
                os.unlink(self.temporary)
        except FileNotFoundError:
            pass
        except OSError:
            shutil.rmtree(self.temporary, ignore_errors=True)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (and, for a folder just written, its files' names) to disk, where the
    system allows it."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    with suppress(OSError):  # some file systems cannot sync a folder; the files themselves are synced
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, force: bool = False, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """Write ``data`` to ``path`` by the policy above: checked, to a temporary, synced, renamed."""
    with Output(path, force=force, inputs=inputs) as output, output.open(text=False) as stream:
        stream.write(data)
    return output.path


def write_text(
    path: str | os.PathLike[str], text: str, *, force: bool = False, inputs: Iterable[str | os.PathLike[str]] = ()
) -> Path:
    """Write ``text`` in UTF-8 to ``path`` by the policy above."""
    return write_bytes(path, text.encode("utf-8"), force=force, inputs=inputs)
