"""The columns that mark a CSV file as a dataset's export rather than an event table.

Known here, below :mod:`tracker.datasets` (which imports them), so that reading a table can tell a
user to import such a file first.
"""

from __future__ import annotations

from collections.abc import Set

#: The columns each dataset's export always has, by dataset name.
REQUIRED = {
    "acled": ("event_id_cnty", "event_date", "event_type", "actor1", "latitude", "longitude", "geo_precision"),
    "ucdp": ("id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude", "date_start",
             "date_end"),
}


def looks_like(columns: Set[str]) -> str | None:
    """The name of the dataset whose export has all of ``columns``' required ones (lower-case), or ``None``.

    >>> looks_like({"event_id_cnty", "event_date", "event_type", "actor1", "latitude", "longitude", "geo_precision"})
    'acled'
    >>> looks_like({"start", "end"}) is None
    True
    """
    for name, required in REQUIRED.items():
        if set(required) <= columns:
            return name
    return None
