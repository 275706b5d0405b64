"""Reading and writing files safely: outputs (refused when they exist, written to a temporary file
and renamed), batches (all-or-nothing commits of a folder, the folder lock), both made of the steps
of one atomic write (atomic) and saying what an error of the system means the same way (failures)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .outputs import (
        BUFFER_BYTES,
        READ_SUFFIXES,
        Output,
        check_output,
        output_error,
        write_bytes,
        write_text,
    )

_OUTPUTS = frozenset({"BUFFER_BYTES", "READ_SUFFIXES", "Output", "check_output", "output_error", "write_bytes",
                      "write_text"})


def __getattr__(name: str) -> Any:
    """The names of :mod:`.outputs`, imported when first used: reading records (which every command
    does first, through :mod:`.batches`) has no output to write, so startup does not pay for one."""
    if name in _OUTPUTS:
        from . import outputs

        return getattr(outputs, name)
    raise AttributeError(f"module 'tracker.files' has no attribute {name!r}")


__all__ = [
    "BUFFER_BYTES",
    "READ_SUFFIXES",
    "Output",
    "check_output",
    "output_error",
    "write_bytes",
    "write_text",
]
