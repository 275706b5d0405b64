"""Writing output files: one policy for every command that writes.

An output is written under a temporary name in its own folder, flushed to disk, and renamed into
place only once it is complete (the steps of :mod:`tracker.files.atomic`). A failed or interrupted
command (Ctrl-C included) leaves the disk as it was: the old file intact and no temporary behind.
(Only ``kill -9`` can leave a hidden ``.NAME.PID-XXXXXXXX.tmp`` next to the output.)

Before anything is written, the path is checked:

* an existing file is replaced only with ``force=True`` (``--force`` on the command line);
* an input of the command is never written over, even with ``force``: neither a file given as an
  input nor a record, area or table file inside an input folder (the endings of :data:`READ_SUFFIXES`);
* an existing folder is not a file name, and the folder the file goes in must exist.

Every :class:`OSError` on the way (a full disk, a read-only folder, a name too long) becomes an
:class:`~tracker.errors.OutputError`: one line naming the file and what to do
(:func:`~tracker.files.failures.output_error`).

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

import io
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..errors import OutputError, TrackerError
from .atomic import SyncedFile, beside, open_new, put_in_place, replace_folder, sync_folder
from .failures import output_error as output_error  # still importable from here

#: Endings of the files a command reads out of a folder (records, GeoJSON areas, GeoParquet parts): a
#: file with one of them inside an input folder counts as an input, and is never written over.
READ_SUFFIXES = (".yaml", ".yml", ".geojson", ".json", ".parquet")
#: Bytes gathered in memory before each write to disk.
BUFFER_BYTES = 1 << 20

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
    _check_parent(path)
    info = _stat(path)
    exists = info is not None or os.path.lexists(path)  # a broken symbolic link exists too
    clash = _input_clash(path, inputs, folder, exists)
    if clash:
        raise OutputError(clash)
    if folder:
        _check_folder(path, info, exists, force, owned)
    else:
        _check_file(path, info, exists, force)
    return path


def _check_parent(path: Path) -> None:
    """Refuse ``path`` unless the folder it goes in is one."""
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


def _stat(path: Path) -> os.stat_result | None:
    """What ``path`` leads to, or ``None`` for nothing (or a broken symbolic link)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:  # a name too long, a folder that cannot be searched...
        raise output_error(path, error) from error


def _check_folder(path: Path, info: os.stat_result | None, exists: bool, force: bool,
                  owned: Callable[[str], bool] | None) -> None:
    """Refuse ``path`` as an output folder unless it is new, empty, or (with ``force``) holds only
    files ``owned`` says such an output writes."""
    if info is None and not exists:
        return
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


def _check_file(path: Path, info: os.stat_result | None, exists: bool, force: bool) -> None:
    """Refuse ``path`` as an output file unless it is new or (with ``force``) a regular file."""
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{path} is a folder; give a file name")
    if exists and not force:
        raise OutputError(f"{path} exists; pass --force to replace it")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path} is not a regular file (a device or a pipe); give the name of a file")


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
        self._raws: list[SyncedFile] = []
        self._descriptor: int | None = None
        self._finished = False
        self.temporary = beside(self.path, ".tmp")
        try:
            if folder:
                os.mkdir(self.temporary)
            else:
                self._descriptor = open_new(self.temporary)
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
                descriptor = open_new(self.temporary / member)
            else:
                if member is not None or self._descriptor is None:
                    raise ValueError("a file output is opened once, as a whole")
                descriptor, self._descriptor = self._descriptor, None
        except OSError as error:
            raise output_error(self.path, error) from error
        raw = SyncedFile(descriptor)
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
                SyncedFile(descriptor).close()
            if self.folder:
                sync_folder(self.temporary, strict=False)
            self._put_in_place()
        except BaseException as error:
            self.discard()
            if isinstance(error, OSError) and not isinstance(error, TrackerError):
                raise output_error(self.path, error) from error
            raise
        self._finished = True
        sync_folder(self.path.parent, strict=False)
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
        if self.folder and occupied:
            replace_folder(self.temporary, self.path)
        else:  # a file, keeping the permissions of one it replaces; a folder over nothing or an empty one
            put_in_place(self.temporary, self.path, info)

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
