"""Conversions on Arrow columns of text, most of them dictionaries.

A column that repeats (actors, places, types, dates) is made a dictionary: its distinct texts and
each row's index into them. A conversion then runs once on the distinct texts and is spread to the
rows by their indices, which is what makes a large import fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..text import excerpt
from .schema import ACTOR_SEPARATOR


def column(table: pa.Table, name: str) -> Any:
    """A column as read (a dictionary array for repeating text); empty text where the export lacks it.

    >>> block = pa.table({"type": pa.array(["Battles", "Riots", "Battles"]).dictionary_encode()})
    >>> column(block, "type").dictionary.to_pylist(), column(block, "notes").to_pylist()
    (['Battles', 'Riots'], ['', '', ''])
    """
    if name not in table.column_names:
        return pa.DictionaryArray.from_arrays(pa.array(np.zeros(table.num_rows, np.int32)), pa.array([""]))
    column = table.column(name)
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def rows_of(values: pa.Array, column: pa.DictionaryArray) -> pa.Array:
    """``values``, one for each distinct text of ``column``, spread to its rows.

    >>> types = pa.array(["Battles", "Riots", "Battles"]).dictionary_encode()
    >>> rows_of(pc.utf8_length(types.dictionary), types).to_pylist()
    [7, 5, 7]
    """
    return pc.take(values, column.indices)


def coded(indices: pa.Array, values: pa.Array) -> pa.DictionaryArray:
    """A dictionary array; a null among ``values`` becomes a null row (Parquet wants none in a dictionary).

    >>> coded(pa.array([0, 1, 0]), pa.array(["Tadmur", None])).to_pylist()
    ['Tadmur', None, 'Tadmur']
    """
    if values.null_count:
        indices = pc.if_else(pc.take(pc.is_null(values), indices), pa.scalar(None, indices.type), indices)
        values = pc.fill_null(values, "")
    return pa.DictionaryArray.from_arrays(indices, values)


def mapped(column: pa.DictionaryArray, convert: Callable[[pa.Array], pa.Array]) -> pa.DictionaryArray:
    """``convert`` (an array function) applied to the distinct texts of ``column``, as a dictionary.

    >>> mapped(pa.array(["iraq", "syria", "iraq"]).dictionary_encode(), pc.utf8_upper).to_pylist()
    ['IRAQ', 'SYRIA', 'IRAQ']
    """
    return coded(column.indices, convert(column.dictionary))


#: Rows looked at to tell whether the values of a block repeat.
SAMPLE = 4096


def mostly_distinct(values: np.ndarray | pa.Array) -> bool:
    """Whether most of the first :data:`SAMPLE` values differ from one another (and there are that
    many): a dictionary of such values would save nothing.

    >>> mostly_distinct(np.arange(SAMPLE)), mostly_distinct(np.zeros(SAMPLE)), mostly_distinct(np.arange(10))
    (True, False, False)
    """
    sample = values[:SAMPLE]
    if len(sample) < SAMPLE:
        return False
    distinct = len(np.unique(sample)) if isinstance(sample, np.ndarray) else pc.count_distinct(sample).as_py()
    return bool(distinct > SAMPLE // 2)


def combined(convert: Callable[..., pa.Array], *columns: pa.Array,
             each: Callable[[pa.Array], pa.Array] | None = None) -> pa.Array:
    """``convert`` of several columns together, run once per distinct combination of their texts
    (``each``, when given, is applied first to the distinct texts of each column), as a dictionary;
    or row by row, as plain text, where most rows hold a combination of their own (actors drawn from
    thousands of names), since then a dictionary costs more than it saves.

    >>> what, where = (pa.array(texts).dictionary_encode() for texts in (["Clash", "Strike", "Clash"], ["Tadmur"] * 3))
    >>> combined(lambda a, b: pc.binary_join_element_wise(a, b, " in "), what, where).to_pylist()
    ['Clash in Tadmur', 'Strike in Tadmur', 'Clash in Tadmur']
    """
    columns = tuple(_indexed(column) for column in columns)
    dictionaries = [column.dictionary if each is None else each(column.dictionary) for column in columns]

    def row_by_row() -> pa.Array:
        return convert(*(pc.take(d, c.indices) for d, c in zip(dictionaries, columns, strict=True)))

    sizes = [max(len(column.dictionary), 1) for column in columns]
    if int(np.prod(np.array(sizes, dtype=object))) >= 2**62:  # too many combinations for one number
        return row_by_row()
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, size in zip(columns, sizes, strict=True):
        key = key * size + column.indices.to_numpy(zero_copy_only=False)
    if mostly_distinct(key):
        return row_by_row()
    encoded = pc.dictionary_encode(pa.array(key))
    rest, parts = encoded.dictionary.to_numpy(zero_copy_only=False), []
    for dictionary, size in reversed(list(zip(dictionaries, sizes, strict=True))):
        parts.append(pc.take(dictionary, pa.array(rest % size)))
        rest = rest // size
    return coded(encoded.indices, convert(*reversed(parts)))


def _indexed(column: pa.Array) -> pa.DictionaryArray:
    """``column`` as a dictionary array in which a null row has an index too (to a null text)."""
    if not pa.types.is_dictionary(column.type):
        return pc.dictionary_encode(column, null_encoding="encode")
    if not column.null_count:
        return column
    dictionary = pa.concat_arrays([column.dictionary, pa.nulls(1, column.dictionary.type)])
    return pa.DictionaryArray.from_arrays(pc.fill_null(column.indices, len(column.dictionary)), dictionary)


def number(text: pa.Array) -> pa.Array:
    """Decimal numbers, optionally with an exponent and spaces around (as they are where Arrow read
    them as numbers); null where the text is not one.

    >>> number(pa.array([" 34.5", "3.45e1", "north", ""])).to_pylist()
    [34.5, 34.5, None, None]
    """
    if pa.types.is_floating(text.type):
        return text
    # The forms Arrow's CSV reader takes as numbers, so that a block read either way reads the same.
    text = pc.utf8_trim_whitespace(text)
    valid = pc.match_substring_regex(text, r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
    return pc.cast(pc.if_else(valid, text, pa.scalar(None, pa.string())), pa.float64())


def day(text: pa.Array) -> pa.Array:
    """Dates as the exports write them; null where the text is no date (30 February included:
    Arrow's parser would roll it over). Read, in this order (the first on every row, the others on
    the rows left only):

    * ISO, ``2020-05-09``, optionally followed by a time;
    * a day, a month's name or its first three letters, a year, between spaces or hyphens:
      ``09 May 2020``, ``08 June 2017``, ``9-May-20`` (as spreadsheets re-save ACLED's dates; a year
      of two digits is 2000-2068 from 00-68, else 1969-1999);
    * a spreadsheet's day number of five digits (``43960`` is 2020-05-09; days counted from
      1899-12-30, as Excel and LibreOffice count them): 10000 to 99999, 1927 to 2173.

    >>> day(pa.array(["2020-05-09", "09 May 2020", "9-May-20", "43960", "31-Feb-20", "2020"])).to_pylist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [datetime.date(2020, 5, 9), datetime.date(2020, 5, 9), datetime.date(2020, 5, 9), datetime.date(2020, 5, 9),
     None, None]
    """
    iso = pc.utf8_slice_codeunits(text, 0, 10)
    parsed = pc.strptime(iso, format="%Y-%m-%d", unit="s", error_is_null=True)
    day_given = pc.cast(pc.if_else(pc.is_valid(parsed), pc.utf8_slice_codeunits(iso, 8, 10), "0"), pa.int64())
    parsed = pc.if_else(pc.equal(pc.day(parsed), day_given), parsed, None)
    if parsed.null_count:  # other forms, on the rows left only
        parsed = pc.coalesce(parsed, _worded_day(text), _day_number(text))
    return pc.cast(parsed, pa.date32())


def _worded_day(text: pa.Array) -> pa.Array:
    """'08 June 2017', '09 May 2020', '9-May-20' as timestamps (null for other texts)."""
    spaced = pc.replace_substring_regex(pc.utf8_trim_whitespace(text), r"[ \t-]+", " ")
    long_year = pc.match_substring_regex(spaced, r"^\d{1,2} [A-Za-z]+ \d{4}$")
    short_year = pc.match_substring_regex(spaced, r"^\d{1,2} [A-Za-z]+ \d{2}$")
    none = pa.scalar(None, pa.timestamp("s"))
    forms = [pc.if_else(mask, pc.strptime(spaced, format=form, unit="s", error_is_null=True), none)
             for form, mask in (("%d %B %Y", long_year), ("%d %b %Y", long_year), ("%d %B %y", short_year),
                                ("%d %b %y", short_year))]
    words = pc.coalesce(*forms)
    numbered = pc.or_(long_year, short_year)
    given = pc.cast(pc.if_else(numbered, pc.replace_substring_regex(spaced, r"^(\d{1,2}) .*$", r"\1"), "0"),
                    pa.int64())
    return pc.if_else(pc.equal(pc.day(words), given), words, none)


#: The day number spreadsheets give 1970-01-01 (they count from 1899-12-30).
_SPREADSHEET_EPOCH = 25569


def _day_number(text: pa.Array) -> pa.Array:
    """A spreadsheet's day number of five digits (a fraction, the time of day, dropped) as a
    timestamp (null for other texts)."""
    numbered = pc.match_substring_regex(text, r"^\s*\d{5}(\.\d*)?\s*$")
    digits = pc.replace_substring_regex(pc.utf8_trim_whitespace(text), r"\..*$", "")
    number = pc.cast(pc.if_else(numbered, digits, "0"), pa.int64())
    seconds = pc.multiply(pc.subtract(number, _SPREADSHEET_EPOCH), 86400)
    return pc.if_else(numbered, pc.cast(seconds, pa.timestamp("s")), pa.scalar(None, pa.timestamp("s")))


def shown(array: Any) -> Callable[[int], str]:
    """A row's value as a message shows it, quoted (its start only, when it is long).

    >>> show = shown(pa.array(["Fights", None]))
    >>> show(0), show(1)
    ("'Fights'", 'None')
    """
    return lambda row: excerpt(str(array[row].as_py()), 60) if isinstance(array[row].as_py(), str) else \
        repr(array[row].as_py())


def among(column: pa.DictionaryArray, allowed: list[str]) -> pa.Array:
    """Whether each row of ``column`` is one of the ``allowed`` texts.

    >>> among(pa.array(["1", "4", "2"]).dictionary_encode(), ["1", "2", "3"]).to_pylist()
    [True, False, True]
    """
    return rows_of(pc.is_in(column.dictionary, value_set=pa.array(allowed)), column)


def each(texts: pa.Array, convert: Callable[[str], Any]) -> pa.Array:
    """``convert`` (of one text) applied to each of a few texts, as text (null where it gives ``None``).

    >>> each(pa.array(["battles", "riots"]), lambda text: text.title() if text == "battles" else None).to_pylist()
    ['Battles', None]
    """
    return pa.array([convert(text) for text in texts.to_pylist()], pa.string())


def codes(texts: pa.Array, codes: dict[str, int]) -> pa.Array:
    """The precision each text stands for (null for any other text).

    >>> codes(pa.array(["1", "2", "9"]), {"1": 1, "2": 2, "3": 3}).to_pylist()
    [1, 2, None]
    """
    return pa.array([codes.get(text) for text in texts.to_pylist()], pa.int8())


def first_failures(
    checks: list[tuple[pa.Array, Callable[[int], str]]], count: int
) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """Which rows pass every check, and for each other row the message of the first check it fails.

    >>> has_id, has_day = pa.array([True, False, False]), pa.array([True, True, False])
    >>> ok, found = first_failures([(has_id, lambda row: "id is empty"), (has_day, lambda row: "no date")], 3)
    >>> ok.tolist(), found
    ([True, False, False], [(1, 'id is empty'), (2, 'id is empty')])
    """
    failed = np.zeros(count, dtype=bool)
    found: list[tuple[int, str]] = []
    for mask, message in checks:
        if not mask.null_count and pc.all(mask).as_py():  # the usual case: every row passes
            continue
        bad = ~pc.fill_null(mask, False).to_numpy(zero_copy_only=False) & ~failed
        for row in np.flatnonzero(bad):
            found.append((int(row), message(int(row))))
        failed |= bad
    return ~failed, found


def present(texts: pa.Array) -> pa.Array:
    """``texts`` with null for each empty one.

    >>> present(pa.array(["Hezbollah", ""])).to_pylist()
    ['Hezbollah', None]
    """
    return pc.if_else(pc.equal(texts, ""), pa.scalar(None, pa.string()), texts)


def joined(*parts: pa.Array) -> pa.Array:
    """Actor names from several columns, each null (see :func:`present`) or holding names separated by
    '; ' (null where all are null).

    >>> joined(pa.array(["Islamic State", None, None]), pa.array(["SAA; SDF", "Hezbollah", None])).to_pylist()
    ['Islamic State; SAA; SDF', 'Hezbollah', None]
    """
    some = pc.is_valid(parts[0])
    for part in parts[1:]:
        some = pc.or_(some, pc.is_valid(part))
    if pc.all(some).as_py() is not False:  # the usual case: every row names an actor
        return pc.binary_join_element_wise(*parts, ACTOR_SEPARATOR, null_handling="skip")
    # Arrow's join, skipping nulls, drops a row whose every part is null: so only the others are
    # joined, and put back in their places.
    rows = pa.array(np.flatnonzero(some.to_numpy(zero_copy_only=False)))
    none = pa.nulls(len(some), pa.string())
    if not len(rows):
        return none
    text = pc.binary_join_element_wise(*(pc.take(part, rows) for part in parts), ACTOR_SEPARATOR,
                                       null_handling="skip")
    return pc.replace_with_mask(none, some, text)


def slug(prefix: str, text: pa.Array) -> pa.Array:
    """Ids as the records write them: ``prefix`` and the text in lower case, each run of other
    characters than letters and digits a hyphen.

    >>> slug("acled-", pa.array(["SYR1234", "IRQ 5/6"])).to_pylist()
    ['acled-syr1234', 'acled-irq-5-6']
    """
    if len(text) and pc.all(pc.ascii_is_alnum(text)).as_py() is True:  # the usual ids: ASCII letters, digits
        body = pc.ascii_lower(text)
    else:  # each text on its own: what else the block holds makes no difference
        body = pc.utf8_trim(pc.replace_substring_regex(pc.utf8_lower(text), r"[^a-z0-9]+", "-"), "-")
    return pc.binary_replace_slice(body, 0, 0, prefix)


def wkb_points(lon: np.ndarray, lat: np.ndarray) -> pa.Array:
    """Points as WKB (little-endian), built straight from the coordinate arrays.

    >>> import shapely
    >>> made = wkb_points(np.array([38.28, 40.14]), np.array([34.56, 35.34]))
    >>> [point.wkt for point in shapely.from_wkb(made.to_numpy(zero_copy_only=False))]
    ['POINT (38.28 34.56)', 'POINT (40.14 35.34)']
    """
    layout = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
    cells = np.empty(len(lon), dtype=layout)
    cells["order"], cells["kind"], cells["x"], cells["y"] = 1, 1, lon, lat
    fixed = pa.FixedSizeBinaryArray.from_buffers(pa.binary(layout.itemsize), len(lon), [None, pa.py_buffer(cells)])
    return fixed.cast(pa.binary())


def fingerprints(ids: pa.Array) -> np.ndarray:
    """A 64-bit number for each text, the same for the same text (and seldom for different ones),
    from its length and its first and last eight bytes: quick to make and to compare.

    >>> prints = fingerprints(pa.array(["SYR1", "SYR2", "SYR1", "a much longer id, beyond sixteen bytes"]))
    >>> bool(prints[0] == prints[2]), len(set(prints.tolist()))
    (True, 3)
    """
    if not len(ids):
        return np.zeros(0, dtype=np.uint64)
    _validity, offsets, data = ids.buffers()
    ends = np.frombuffer(offsets, np.int32)[ids.offset: ids.offset + len(ids) + 1].astype(np.int64)
    raw = np.frombuffer(data, np.uint8)[ends[0]:ends[-1]] if data is not None else np.zeros(0, np.uint8)
    padded = np.concatenate([raw, np.zeros(8, np.uint8)])
    words = np.ndarray((len(raw) + 1,), dtype="<u8", buffer=padded, strides=(1,))  # eight bytes from each byte on
    start, length = ends[:-1] - ends[0], np.diff(ends)
    shift = (8 * np.minimum(length, 8)).astype(np.uint64)
    head = words[start] & np.where(length >= 8, np.uint64(2**64 - 1), (np.uint64(1) << shift) - np.uint64(1))
    tail = np.where(length > 8, words[np.maximum(start + length - 8, 0)], np.uint64(0))
    with np.errstate(over="ignore"):  # products wrap around, as a hash's should
        mixed = (head * np.uint64(0x9E3779B97F4A7C15)) ^ (tail * np.uint64(0xC2B2AE3D27D4EB4F))
    result: np.ndarray = mixed ^ length.astype(np.uint64)
    return result
