"""What an import knows of a dataset: the columns its export must have, those it reads as
dictionaries, and its conversion of a block of rows into event rows (:func:`event_rows`).

Each dataset's conversion is in a module of its own (:mod:`.acled`, :mod:`.ucdp`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from ..errors import InternalError
from ..tables import columns as tx
from ..tables.schema import COLUMNS

#: A conversion: a block of the export's rows (text) to event rows, and a reason for each row left out
#: (its place in the block and the message).
Conversion = Callable[[pa.Table], tuple[pa.Table, list[tuple[int, str]]]]


@dataclass(frozen=True)
class Dataset:
    """A dataset an import reads: its name, the columns its export must have, those the conversion
    reads once per distinct text (made dictionaries), those whose texts seldom repeat (written plain
    and compressed), and its conversion."""

    name: str
    required: tuple[str, ...]
    coded: tuple[str, ...]
    distinct: tuple[str, ...]
    convert: Conversion

    def seldom_repeating(self) -> tuple[str, ...]:
        """The output columns of text that seldom repeats (the writer tries no dictionary on them).

        >>> Dataset("ucdp", (), (), ("geom_wkt",), lambda table: (table, [])).seldom_repeating()
        ('id', 'notes', 'ucdp_geom_wkt')
        """
        return ("id", "notes", *(f"{self.name}_{name}" for name in self.distinct))


#: Record columns every imported row has (a row without one is left out).
FILLED = ("id", "start", "end", "title", "type", "latitude", "longitude", "precision", "notes")


def event_rows(base: dict[str, Any], kept: pa.Table, prefix: str, ok: np.ndarray) -> pa.Table:
    """The output table of the rows that passed (``ok``): the record columns (``base``), the
    dataset's own (``kept``, each prefixed), the point, and ``_row``, each row's place in the block.

    >>> base = {"id": pa.array(["a", "b"]), "latitude": pa.array([34.5, 0.0]), "longitude": pa.array([38.3, 0.0])}
    >>> rows = event_rows(base, pa.table({"where_prec": ["1", "9"]}), "ucdp", np.array([True, False]))
    >>> rows.column("id").to_pylist(), rows.column("ucdp_where_prec").to_pylist(), rows.column("_row").to_pylist()
    (['a'], ['1'], [0])
    """
    lon = base["longitude"].to_numpy(zero_copy_only=False)
    lat = base["latitude"].to_numpy(zero_copy_only=False)
    nulls = pa.nulls(len(ok), pa.string())
    columns = {name: nulls if base.get(name) is None else base[name] for name in COLUMNS}
    columns.update({f"{prefix}_{name}": kept.column(name) for name in kept.column_names})
    columns["geometry"] = tx.wkb_points(lon, lat)
    columns["_row"] = pa.array(np.arange(len(ok)))
    table = pa.table(columns)
    table = table if ok.all() else table.filter(pa.array(ok))
    # Columns no row leaves empty are written as required (Parquet then stores no null markers):
    # every column read from the export (the reader makes no nulls) and what the checks ensure.
    required = {"geometry", *(f"{prefix}_{name}" for name in kept.column_names),
                *(name for name in FILLED if base.get(name) is not None)}
    empty = [name for name in required if table.column(name).null_count]
    if empty:  # cannot happen: it would be a mistake in the conversion
        raise InternalError(f"an imported row lacks {', '.join(sorted(empty))}")
    return table.cast(pa.schema([f.with_nullable(f.name not in required) for f in table.schema]))
