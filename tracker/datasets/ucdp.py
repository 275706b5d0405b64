"""UCDP GED exports: each row an event at a point, between its ``date_start`` and ``date_end``.

* ``where_prec`` 1 (exact place) is the record's ``precision`` 1; 2 (within about 25 km) is 2; 3-7
  (an admin unit, a linear feature, the country, waters) are 3. ``date_prec`` is kept.
* ``type_of_violence`` 1 (state-based) and 2 (non-state) become ACLED's ``Battles``, 3 (one-sided)
  ``Violence against civilians``.

UCDP's own fields are kept beside, prefixed ``ucdp_``, except the latitude and longitude, which are
the record's.
"""

from __future__ import annotations

import functools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..tables import columns as tx
from ..tables.exports import REQUIRED
from .dataset import Dataset, event_rows

UCDP_COLUMNS = (
    "id", "type_of_violence", "conflict_name", "side_a", "side_b", "number_of_sources", "source_article",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "event_clarity",
    "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low",
    "best", "high",
)

_UCDP_TYPES = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}
_UCDP_PRECISION = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3}


def convert(table: pa.Table) -> tuple[pa.Table, list[tuple[int, str]]]:
    """A block of a UCDP GED export's rows (text, the columns of :data:`UCDP.coded <UCDP>` as
    dictionaries) as event rows, and the reason each row left out fails."""
    count = table.num_rows
    text = functools.partial(tx.column, table)
    ident = table.column("id").combine_chunks()
    start_text, end_text = text("date_start"), text("date_end")
    start, end = (tx.rows_of(tx.day(text.dictionary), text) for text in (start_text, end_text))
    violence, where = text("type_of_violence"), text("where_prec")
    lat_text, lon_text = table.column("latitude").combine_chunks(), table.column("longitude").combine_chunks()
    lat, lon = tx.number(lat_text), tx.number(lon_text)
    side_a, side_b = text("side_a"), text("side_b")

    ok, problems = tx.first_failures([
        (pc.not_equal(ident, ""), lambda row: "id is empty"),
        (pc.is_valid(start), lambda row: f"date_start {tx.shown(start_text)(row)} is not a date (YYYY-MM-DD)"),
        (pc.is_valid(end), lambda row: f"date_end {tx.shown(end_text)(row)} is not a date (YYYY-MM-DD)"),
        (pc.less_equal(start, end), lambda row: "date_end is before date_start"),
        (tx.among(violence, list(_UCDP_TYPES)),
         lambda row: f"type_of_violence {tx.shown(violence)(row)} is not 1, 2 or 3"),
        (pc.and_(pc.greater_equal(lat, -90), pc.less_equal(lat, 90)),
         lambda row: f"latitude {tx.shown(lat_text)(row)} is not a number within -90..90"),
        (pc.and_(pc.greater_equal(lon, -180), pc.less_equal(lon, 180)),
         lambda row: f"longitude {tx.shown(lon_text)(row)} is not a number within -180..180"),
        (tx.among(where, list(_UCDP_PRECISION)), lambda row: f"where_prec {tx.shown(where)(row)} is not 1 to 7"),
        (tx.rows_of(pc.not_equal(side_a.dictionary, ""), side_a), lambda row: "side_a is empty"),
    ], count)

    def title(conflict: pa.Array, a: pa.Array, b: pa.Array, where: pa.Array, region: pa.Array) -> pa.Array:
        place = pc.if_else(pc.equal(where, ""), region, where)
        return pc.binary_join_element_wise(
            pc.if_else(pc.equal(conflict, ""), a, conflict), ": ", a, " vs ", b,
            pc.if_else(pc.equal(place, ""), "", pc.binary_join_element_wise(" at ", place, "")), "")

    base = {
        "id": tx.slug("ucdp-", ident),
        "start": start,
        "end": end,
        "title": tx.combined(title, text("conflict_name"), side_a, side_b, text("where_coordinates"),
                           text("adm_1")),
        "type": tx.mapped(violence, lambda codes: tx.each(codes, _UCDP_TYPES.get)),
        "actors": tx.combined(tx.joined, side_a, side_b, each=tx.present),
        "latitude": pc.fill_null(lat, np.nan),
        "longitude": pc.fill_null(lon, np.nan),
        "precision": tx.rows_of(tx.codes(where.dictionary, _UCDP_PRECISION), where),
    }
    kept = table.drop_columns([c for c in ("latitude", "longitude") if c in table.column_names])
    return event_rows(base, kept, "ucdp", ok), problems


UCDP = Dataset("ucdp", REQUIRED["ucdp"],
               ("type_of_violence", "conflict_name", "side_a", "side_b", "where_prec", "where_coordinates", "adm_1",
                "date_start", "date_end"),
               ("id", "geom_wkt", "source_article"), convert)
