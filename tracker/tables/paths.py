"""Which paths are event tables rather than YAML records (light: reading a folder of records asks it)."""

from __future__ import annotations

from pathlib import Path

#: Files read as event tables rather than YAML records (see :mod:`tracker.tables.table`).
TABLE_SUFFIXES = (".parquet", ".csv", ".geojson", ".json")


def is_table(path: Path) -> bool:
    """Whether ``path`` is an event table (a file of :data:`TABLE_SUFFIXES`, or a folder of GeoParquet
    parts) rather than YAML records.

    >>> is_table(Path("tests/data/interop/ucdp-ged-sample.csv")), is_table(Path("events"))
    (True, False)
    >>> is_table(Path("no-such.parquet"))
    False
    """
    if path.is_file():
        return path.suffix.lower() in TABLE_SUFFIXES
    return path.is_dir() and any(path.glob("*.parquet")) and not any(path.glob("*.y*ml"))
