"""Importing public datasets (ACLED, UCDP) from CSV into event tables."""

from .importing import (
    ACLED_COLUMNS,
    CHUNK_BYTES,
    DATASETS,
    MAX_COLUMNS,
    MAX_HEADER_CHARS,
    UCDP_COLUMNS,
    ImportReport,
    NothingImported,
    acled_like_rows,
    import_events,
    write_acled_like,
)

__all__ = [
    "ACLED_COLUMNS",
    "CHUNK_BYTES",
    "DATASETS",
    "MAX_COLUMNS",
    "MAX_HEADER_CHARS",
    "UCDP_COLUMNS",
    "ImportReport",
    "NothingImported",
    "acled_like_rows",
    "import_events",
    "write_acled_like",
]
