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
    import_events,
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
    "import_events",
]
