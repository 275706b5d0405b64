"""ACLED exports: each row an event at a point, its dates widened to the week or the month the row
says it is known to.

* ``geo_precision`` 1-3 is the record's ``precision`` as it is.
* ``time_precision`` 1 is the day given; 2 (known to the week) becomes the seven days around it; 3
  (known to the month) the month.
* ``event_type`` and ``sub_event_type`` are read in the current codebook's words or an older
  codebook's (``Battle-Government regains territory``).

ACLED's own fields are kept beside, prefixed ``acled_``, except the notes, latitude and longitude,
which are the record's.
"""

from __future__ import annotations

import functools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..records.vocabulary import canonical_sub_type, canonical_type
from ..tables import columns as tx
from ..tables.exports import REQUIRED
from .dataset import Dataset, event_rows

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)


def _sub_type(label: str) -> str | None:
    return canonical_sub_type(label.strip()) if label.strip() else None


def _type(label: str) -> str | None:
    return (canonical_type(label.strip()) or (None, None))[0]


def _type_sub_type(label: str) -> str | None:
    """The sub-type a pre-2019 event type names ('Battle-Government regains territory')."""
    return (canonical_type(label.strip()) or (None, None))[1]


def _dates(day: pa.Array, column: pa.DictionaryArray, code: pa.DictionaryArray) -> tuple[pa.Array, pa.Array]:
    """First and last days of each row: its day (``day``, one for each distinct text of ``column``),
    the seven days around it where ``code`` (ACLED's time_precision) is 2, its month where 3."""
    days = pc.fill_null(pc.cast(day, pa.int32()), 0).to_numpy(zero_copy_only=False)
    months = days.astype("datetime64[D]").astype("datetime64[M]")
    first = months.astype("datetime64[D]").astype(np.int32)
    last = (months + 1).astype("datetime64[D]").astype(np.int32) - 1
    which = column.indices.to_numpy(zero_copy_only=False)
    week, month = (tx.among(code, [value]).to_numpy(zero_copy_only=False) for value in ("2", "3"))
    row_day = days[which]
    start = np.where(week, row_day - 3, np.where(month, first[which], row_day))
    end = np.where(week, row_day + 3, np.where(month, last[which], row_day))
    return pa.array(start).cast(pa.date32()), pa.array(end).cast(pa.date32())


def convert(table: pa.Table) -> tuple[pa.Table, list[tuple[int, str]]]:
    """A block of an ACLED export's rows (text, the columns of :data:`ACLED.coded <ACLED>` as
    dictionaries) as event rows, and the reason each row left out fails."""
    count = table.num_rows
    text = functools.partial(tx.column, table)
    ident, date_text = table.column("event_id_cnty").combine_chunks(), text("event_date")
    day = tx.day(date_text.dictionary)
    time_code = tx.mapped(text("time_precision"),
                        lambda text: pc.if_else(pc.equal(text, ""), "1", text))  # empty: the day given
    event_type, sub_label = text("event_type"), text("sub_event_type")
    kind = tx.mapped(event_type, lambda labels: tx.each(labels, _type))
    sub = tx.each(sub_label.dictionary, _sub_type)
    lat_text, lon_text = table.column("latitude").combine_chunks(), table.column("longitude").combine_chunks()
    lat, lon = tx.number(lat_text), tx.number(lon_text)
    geo = text("geo_precision")
    actor1, actor2, location = text("actor1"), text("actor2"), text("location")

    ok, problems = tx.first_failures([
        (pc.not_equal(ident, ""), lambda row: "event_id_cnty is empty"),
        (tx.rows_of(pc.is_valid(day), date_text),
         lambda row: f"event_date {tx.shown(date_text)(row)} is not a date (2020-05-09, 09 May 2020, 9-May-20 "
                       "or a spreadsheet's day number such as 43960)"),
        (tx.among(time_code, ["1", "2", "3"]),
         lambda row: f"time_precision {tx.shown(time_code)(row)} is not 1, 2 or 3"),
        (pc.is_valid(kind), lambda row: f"event_type {tx.shown(event_type)(row)} is not an ACLED event type"),
        (tx.rows_of(pc.or_(pc.equal(sub_label.dictionary, ""), pc.is_valid(sub)), sub_label),
         lambda row: f"sub_event_type {tx.shown(sub_label)(row)} is not an ACLED sub-event type"),
        (pc.and_(pc.greater_equal(lat, -90), pc.less_equal(lat, 90)),
         lambda row: f"latitude {tx.shown(lat_text)(row)} is not a number within -90..90"),
        (pc.and_(pc.greater_equal(lon, -180), pc.less_equal(lon, 180)),
         lambda row: f"longitude {tx.shown(lon_text)(row)} is not a number within -180..180"),
        (tx.among(geo, ["1", "2", "3"]), lambda row: f"geo_precision {tx.shown(geo)(row)} is not 1, 2 or 3"),
        (tx.rows_of(pc.not_equal(actor1.dictionary, ""), actor1), lambda row: "actor1 is empty"),
    ], count)
    start, end = _dates(day, date_text, time_code)

    # A title names the sub-event type (or the type) and the place: made once per distinct pair.
    named = tx.combined(lambda event, sub_event: pc.if_else(pc.equal(sub_event, ""), event, sub_event),
                        event_type, sub_label)
    place = tx.mapped(location, lambda places: pc.if_else(pc.equal(places, ""), "an unnamed place", places))

    base = {
        "id": tx.slug("acled-", ident),
        "start": start,
        "end": end,
        "title": tx.combined(lambda what, where: pc.binary_join_element_wise(what, where, " in "), named, place),
        "type": kind,
        "sub_type": tx.combined(lambda event, sub_event: pc.coalesce(  # a pre-2019 type names its sub-type
            tx.each(sub_event, _sub_type),
            tx.each(event, _type_sub_type)), event_type, sub_label),
        "actors": tx.combined(tx.joined, actor1, text("assoc_actor_1"), actor2, text("assoc_actor_2"),
                              each=tx.present),
        "latitude": pc.fill_null(lat, np.nan),
        "longitude": pc.fill_null(lon, np.nan),
        "precision": tx.rows_of(tx.codes(geo.dictionary, {"1": 1, "2": 2, "3": 3}), geo),
        "notes": table.column("notes") if "notes" in table.column_names else None,  # in Arrow's parts
    }
    kept = table.drop_columns([c for c in ("notes", "latitude", "longitude") if c in table.column_names])
    return event_rows(base, kept, "acled", ok), problems


ACLED = Dataset("acled", REQUIRED["acled"],
                ("event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
                 "assoc_actor_2", "location", "geo_precision"),
                ("event_id_cnty",), convert)
