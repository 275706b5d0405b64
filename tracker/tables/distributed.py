"""Event tables beyond one machine: the table split into GeoParquet parts and processed with
dask-geopandas, on a local Dask cluster or a real one.

The work is the single-machine code, run once per part: :func:`assign_countries` maps
:func:`tracker.tables.table.assign` over the parts, so a cluster gives the same answers as
:meth:`EventTable.assign_countries <tracker.tables.table.EventTable.assign_countries>`.

On a real cluster, write the parts where every worker can read them (a shared file system, or an
object store such as ``s3://bucket/events/`` with ``s3fs`` installed), and connect first::

    from dask.distributed import Client
    client = Client("tcp://scheduler.example.org:8786")
    countries = tracker.tables.distributed.assign_countries("s3://bucket/events/").compute()

Needs the ``dask`` extra: ``pip install 'conflict-tracker[dask]'``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import OutputError
from .formats import TableWriter
from .table import EventTable, assign

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Rows per GeoParquet part: a few tens of MB each, many parts per worker.
ROWS_PER_PART = 250_000


def partition(table: EventTable, folder: str | os.PathLike[str], rows_per_part: int = ROWS_PER_PART) -> list[Path]:
    """Write ``table`` as GeoParquet parts ``part-00000.parquet``... in a new ``folder``.

    >>> import tempfile
    >>> rows = pd.DataFrame({"id": ["tadmur", "baghdad", "mosul"], "latitude": [34.56, 33.31, 36.34],
    ...                      "longitude": [38.28, 44.37, 43.12]})
    >>> table = EventTable.from_rows(rows)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [part.name for part in partition(table, Path(folder) / "parts", rows_per_part=2)]
    ['part-00000.parquet', 'part-00001.parquet']
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise OutputError(f"{folder} is not empty; give a new folder for the parts")
    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for number, start in enumerate(range(0, max(len(table), 1), rows_per_part)):
        part = folder / f"part-{number:05d}.parquet"
        with TableWriter(part) as writer:
            writer.write(EventTable(table.frame.iloc[start: start + rows_per_part]))
        parts.append(part)
    return parts


def read(path: str | os.PathLike[str]) -> Any:
    """The parts under ``path`` (a folder or URL) as a lazy dask-geopandas GeoDataFrame.

    >>> import tempfile
    >>> rows = pd.DataFrame({"id": ["tadmur", "baghdad", "mosul"], "latitude": [34.56, 33.31, 36.34],
    ...                      "longitude": [38.28, 44.37, 43.12]})
    >>> table = EventTable.from_rows(rows)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = partition(table, folder, rows_per_part=2)
    ...     frame = read(folder)
    ...     frame.npartitions, frame["id"].compute().tolist()
    (2, ['tadmur', 'baghdad', 'mosul'])
    """
    import dask_geopandas

    return dask_geopandas.read_parquet(str(path))


def _assign_part(frame: pd.DataFrame, zones: dict[str, BaseGeometry]) -> pd.Series:
    found = assign(zones, frame["longitude"].to_numpy(float), frame["latitude"].to_numpy(float))
    return pd.Series(found, index=frame.index, name="zone", dtype=object)


def assign_zones(parts: Any, zones: dict[str, BaseGeometry]) -> Any:
    """For each event of ``parts`` (a path or a dask GeoDataFrame), the first of ``zones`` its point
    lies in: a lazy dask Series; call ``.compute()`` for the answer.

    >>> import tempfile
    >>> rows = pd.DataFrame({"id": ["tadmur", "baghdad", "mosul"], "latitude": [34.56, 33.31, 36.34],
    ...                      "longitude": [38.28, 44.37, 43.12]})
    >>> table = EventTable.from_rows(rows)
    >>> from shapely import box
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = partition(table, folder, rows_per_part=2)
    ...     assign_zones(folder, {"west of 40°E": box(-180, -90, 40, 90)}).compute().tolist()
    ['west of 40°E', None, None]
    """
    frame = read(parts) if isinstance(parts, str | os.PathLike) else parts
    return frame.map_partitions(_assign_part, zones, meta=pd.Series([], name="zone", dtype=object))


def assign_countries(parts: Any) -> Any:
    """:func:`assign_zones` over the shipped countries (ISO 3166 alpha-3 codes).

    >>> import tempfile
    >>> rows = pd.DataFrame({"id": ["tadmur", "baghdad", "mosul"], "latitude": [34.56, 33.31, 36.34],
    ...                      "longitude": [38.28, 44.37, 43.12]})
    >>> table = EventTable.from_rows(rows)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = partition(table, folder, rows_per_part=2)
    ...     assign_countries(folder).compute().tolist()
    ['SYR', 'IRQ', 'IRQ']
    """
    from ..geo.geodesy import countries

    return assign_zones(parts, {code: polygon for code, (_name, polygon) in countries().items()})
