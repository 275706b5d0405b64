"""Reading and writing files safely: outputs (refused when they exist, written to a temporary file
and renamed), batches (all-or-nothing commits of a folder, the folder lock)."""

from .outputs import (
    BUFFER_BYTES,
    READ_SUFFIXES,
    Output,
    check_output,
    output_error,
    write_bytes,
    write_text,
)

__all__ = [
    "BUFFER_BYTES",
    "READ_SUFFIXES",
    "Output",
    "check_output",
    "output_error",
    "write_bytes",
    "write_text",
]
