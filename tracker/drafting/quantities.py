"""Quantities in an article: areas, distances and counts, each with the claim's text.

Numbers are read by :mod:`tracker.records.quantity`, as a record's are; what they measure or count is
read here: an area or a length unit after the number, or what is counted ("4,000 ISIS fighters").
A year ("in 2016"), a number of hours or days ("3 days of air strikes") or a number that counts
nothing ("2016 Dozens of civilians") is no count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..records.quantity import NUMBER_IN_TEXT, parse_number, parse_quantity
from .spans import Spans

_NUMBER = rf"(?P<number>{NUMBER_IN_TEXT})"
_AREA_UNITS = (
    r"square\s+(?:kilometers|kilometres|kilometer|kilometre|km|miles|mile|mi|meters|metres)|"
    r"sq\.?\s*(?:km|mi|miles)|km2|km²|hectares|hectare|ha|acres|dunams|dunums"
)
_LENGTH_UNITS = r"kilometers|kilometres|kilometer|kilometre|km|miles|mile|mi|nautical\s+miles|nmi|meters|metres"
#: A number that ends another is none of its own: the 2 of "1/2", the 999 of "9e999", the 4,000 of
#: "3-4,000" (a range is left to the reader, not drafted as its upper end).
_NOT_AFTER = r"(?<![\w/])(?<!\d-)(?<!\d–)"
_MEASURE = re.compile(
    rf"{_NOT_AFTER}{_NUMBER}(?:\s*|-)(?P<unit>{_AREA_UNITS}|{_LENGTH_UNITS})(?![\w²])", re.IGNORECASE
)
_COUNTED = (
    r"fighters|militants|jihadists|troops|soldiers|servicemen|personnel|civilians|people|rebels|members|"
    r"insurgents|tanks|vehicles|jets|aircraft|airstrikes|air strikes|strikes|missiles|rockets|dead|killed|"
    r"casualties|wounded|families|refugees|prisoners|hostages|families|villages|towns"
)
#: Units of time: "3 days of air strikes" counts days, not strikes.
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?)"
#: Words that are a number of their own: in "2016 Dozens of civilians", 2016 counts nothing.
_AMOUNTS = r"(?:dozens?|scores?|tens|hundreds|thousands|millions)"
#: A word between a number and what it counts ("4,000 ISIS fighters"): no unit of time, no other
#: number.
_BETWEEN = rf"(?!(?:{_TIME_UNITS}|{_AMOUNTS})\b|\d)[\w'’\-]+\s+"
_COUNT = re.compile(
    rf"{_NUMBER}\s+(?P<between>(?:{_BETWEEN}){{0,2}}?)(?P<noun>{_COUNTED})\b", re.IGNORECASE
)
#: A year, as a count's number could be: four digits, 1900 to 2099.
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Words before a number that make it a year ("in 2016 civilians fled").
_BEFORE_YEAR = re.compile(
    r"\b(?:in|since|until|till|during|throughout|early|late|mid-?|spring|summer|autumn|fall|winter)\s*$", re.I
)


@dataclass(frozen=True)
class QuantityMention:
    """A quantity that can become a claim: an ``area`` or a ``distance`` (``value`` in the text's unit,
    ``quantity`` the claim's text, such as ``1400 km2``), or a ``count`` of ``noun``."""

    text: str
    start: int
    sentence: int
    kind: Literal["area", "distance", "count"]
    value: float
    quantity: str
    noun: str | None = None


def find_quantities(text: str, sentence_of: Callable[[int], int], dates: Spans) -> Iterator[QuantityMention]:
    """The areas, distances and counts of ``text``, areas and distances first (``sentence_of`` gives
    the sentence of an offset); ``dates`` holds where its dates are, whose years count nothing.

    >>> [(q.text, q.kind, q.quantity, q.noun) for q in find_quantities(
    ...     "ISIS lost 1,400 sq km and 300 fighters in 2016 2 days of air strikes.", lambda _: 0, Spans())]
    [('1,400 sq km', 'area', '1400 sq km', None), ('300 fighters', 'count', '300', 'fighters')]
    """
    yield from _measures(text, sentence_of)
    yield from _counts(text, sentence_of, dates)


def _measures(text: str, sentence_of: Callable[[int], int]) -> Iterator[QuantityMention]:
    """Numbers with an area or a length unit after them."""
    for match in _MEASURE.finditer(text):
        value = _value(match)
        if value is None:
            continue
        unit = re.sub(r"\s+", " ", match.group("unit"))
        number = _written(value)
        try:
            quantity = parse_quantity(f"{number} {unit}")
        except ValueError:
            continue
        kind: Literal["area", "distance"] = "area" if quantity.dimension == "area" else "distance"
        yield QuantityMention(match.group(), match.start(), sentence_of(match.start()), kind,
                              value, f"{number} {unit}")


def _counts(text: str, sentence_of: Callable[[int], int], dates: Spans) -> Iterator[QuantityMention]:
    """Numbers of what a war counts: fighters, civilians, strikes..."""
    for match in _COUNT.finditer(text):
        between = match.group("between")
        if re.search(r"[.,;:]", between) or re.search(rf"\b(?:{_AREA_UNITS}|{_LENGTH_UNITS})\b", between, re.I):
            continue
        value = None if _a_year(text, match, dates) else _value(match)
        if value is None:
            continue
        noun = match.group("noun").lower()
        yield QuantityMention(match.group(), match.start(), sentence_of(match.start()), "count",
                              value, _written(value), noun)


def _value(match: re.Match[str]) -> float | None:
    """The value of the number ``match`` found; ``None`` when it is too large for a float."""
    try:
        return parse_number(match.group("number"))
    except ValueError:
        return None


def _written(value: float) -> str:
    """A number as a claim writes it: ``1400``, ``1.5``."""
    return str(int(value)) if value.is_integer() else str(value)


def _a_year(text: str, match: re.Match[str], dates: Spans) -> bool:
    """Whether the number of a count's ``match`` is a year: part of a date, or four digits after a
    word of time ("since 2016")."""
    start, end = match.span("number")
    if dates.overlaps(start, end):
        return True
    return bool(_YEAR.fullmatch(match.group("number")) and _BEFORE_YEAR.search(text[max(0, start - 20): start]))
