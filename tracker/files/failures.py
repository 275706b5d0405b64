"""What an error of the operating system, met while writing, means to the person who ran the command.

Every writer in tracker says it through here, in one line naming the file, what went wrong and what
to do. An output (:mod:`tracker.files.outputs`) says it with :func:`output_error`; a batch of a
folder's files (:mod:`tracker.files.batches`, ``tracker add``) with :func:`folder_error`, :func:`reason`
and :func:`fix`. Both read the error the same way (:func:`error_number`): its number, or, for an error
that only tells it in words (as pyarrow's do), the number those words stand for.

>>> error = OSError(errno.ENOSPC, "No space left on device")
>>> print(output_error("out/map.html", error))
cannot write out/map.html: the disk is full; free some space, or write to another disk, and run the command again
>>> print(f"cannot write to events: {reason(error)}; {fix(error)}")
cannot write to events: no space left on device; free some space on its disk and run the same command again
"""

from __future__ import annotations

import errno
import os
import re

from ..errors import FolderWriteError, OutputError

_FULL, _QUOTA, _DENIED, _READ_ONLY = "full", "quota", "denied", "read-only"
_LONG, _LARGE, _DISK = "long", "large", "disk"

#: What each error number a writer meets means (Windows has no EDQUOT: a full disk stands for it).
_TROUBLE = {
    errno.ENOSPC: _FULL,
    getattr(errno, "EDQUOT", errno.ENOSPC): _QUOTA,
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.EROFS: _READ_ONLY,
    errno.ENAMETOOLONG: _LONG,
    errno.EFBIG: _LARGE,
    errno.EIO: _DISK,
}

#: What an output's writer is told for each trouble.
_OUTPUT_ADVICE = {
    _FULL: "the disk is full; free some space, or write to another disk, and run the command again",
    _QUOTA: "the disk quota is used up; free some space, or write elsewhere, and run the command again",
    _DENIED: "permission denied; choose a folder you can write to",
    _READ_ONLY: "the file system is read-only; choose a folder on a disk you can write to",
    _LONG: "the name is too long for the file system; choose a shorter name",
    _LARGE: "the file is too large for this file system; write it to another disk",
    _DISK: "the disk reported an input/output error; check the disk, or write to another one",
}


def error_number(error: OSError) -> int | None:
    """The error's number, or the one its message names (``[Errno 28]``, or the words of one).

    >>> error_number(OSError(errno.EROFS, "Read-only file system")) == errno.EROFS
    True
    >>> error_number(OSError("[Errno 28] No space left on device")) == errno.ENOSPC
    True
    >>> error_number(OSError("Read-only file system")) == errno.EROFS, error_number(OSError("odd"))
    (True, None)
    """
    if error.errno is not None:
        return error.errno
    text = str(error)
    found = re.search(r"\[Errno (\d+)\]", text)
    if found:
        return int(found.group(1))
    lower = text.lower()
    return next((code for code in _TROUBLE if os.strerror(code).lower() in lower), None)


def _trouble(error: OSError) -> str | None:
    code = error_number(error)
    return _TROUBLE.get(code) if code else None


def output_error(path: str | os.PathLike[str], error: OSError) -> OutputError:
    """The one-line error for ``error``, met while writing ``path``: the file and what to do.

    >>> print(output_error("map.html", OSError("[Errno 30] Read-only file system")))
    cannot write map.html: the file system is read-only; choose a folder on a disk you can write to
    >>> print(output_error("map.html", OSError(errno.ELOOP, "Too many levels of symbolic links")))
    cannot write map.html: too many levels of symbolic links; check the path and run the command again
    """
    if isinstance(error, OutputError):
        return error
    trouble = _trouble(error)
    advice = _OUTPUT_ADVICE[trouble] if trouble is not None else None
    if advice is None:
        said = (error.strerror or str(error) or type(error).__name__).rstrip(".")
        advice = f"{said[:1].lower()}{said[1:]}; check the path and run the command again"
    return OutputError(f"cannot write {path}: {advice}")


def reason(error: OSError) -> str:
    """What went wrong, in lower case and without the file name: ``no space left on device``.

    >>> reason(OSError(errno.ENOSPC, "No space left on device", "x"))
    'no space left on device'
    >>> reason(OSError("odd"))
    'odd'
    """
    code = error_number(error)
    text = os.strerror(code) if code else str(error)
    return text[:1].lower() + text[1:]


def fix(error: OSError, elsewhere: str = "write to another folder") -> str:
    """The likely fix for an error writing a folder.

    >>> fix(OSError(errno.EROFS, "Read-only file system"))
    'make the folder writable, or write to another folder'
    """
    trouble = _trouble(error)
    if trouble in (_FULL, _QUOTA):
        return "free some space on its disk and run the same command again"
    if trouble in (_DENIED, _READ_ONLY):
        return f"make the folder writable, or {elsewhere}"
    if trouble == _LONG:
        return "use shorter names"
    return "fix that and run the same command again"


def folder_error(message: str, error: OSError, filename: str | os.PathLike[str]) -> FolderWriteError:
    """A :class:`~tracker.errors.FolderWriteError` saying ``message``, with ``error``'s number and
    ``filename``, for code that tells one error of the system from another."""
    failure = FolderWriteError(message)
    failure.errno, failure.filename = error.errno, str(filename)
    return failure
