"""Importing public datasets (ACLED, UCDP) from CSV into event tables: the import (importing), the
file cut into blocks of rows (blocks) and read (reading), each dataset's conversion (acled, ucdp)."""

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
