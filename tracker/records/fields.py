"""The values a record's keys hold, checked as pydantic builds them: names, days, quantities, ratios,
counts, compass points and places; the base of every part of a record; and the words of their errors.

>>> Coordinates(lat=34.5624, lon=38.284)
Coordinates(lat=34.5624, lon=38.284)
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import math
import re
from contextlib import suppress
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
)
from pydantic_core import PydanticCustomError

from .quantity import Quantity, parse_count, parse_quantity, wrong_dimension

#: Compass points (16-wind) and the words that name them.
COMPASS = (
    "n", "nne", "ne", "ene", "e", "ese", "se", "sse",
    "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw",
)


def fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """A validation error whose text is ``message`` exactly (braces in it are not templates)."""
    return PydanticCustomError(kind, "{msg}", {"msg": message, **context})


def did_you_mean(word: str, choices: Any) -> str:
    """'; did you mean X?' for the nearest of ``choices`` (any case), or '' when none is near.

    >>> did_you_mean("claim", ["claims", "notes"])
    "; did you mean 'claims'?"
    >>> did_you_mean("zzz", ["claims"])
    ''
    """
    by_folded = {str(choice).casefold(): choice for choice in choices}
    match = difflib.get_close_matches(str(word).casefold(), list(by_folded), n=1, cutoff=0.6)
    return f"; did you mean {by_folded[match[0]]!r}?" if match else ""


class Record(BaseModel):
    """Base of every part of a record: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- plain values -------------------------------------------------------------------------------


def explain_date(value: Any) -> str:
    """Why ``value`` is not a date, in words (used when pydantic's own date check has failed).

    >>> explain_date("2017-02-30")
    '2017-02-30 is not a date: February 2017 has 28 days'
    >>> explain_date("08/06/2017")
    "'08/06/2017' is not a date; write it as YYYY-MM-DD, like 2017-06-08"
    """
    if not isinstance(value, str):
        return f"expected a date written YYYY-MM-DD, like 2017-06-08, got {value!r}"
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
    if match is None:
        return f"{value!r} is not a date; write it as YYYY-MM-DD, like 2017-06-08"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"{value} is not a date: there is no month {month}; dates are YYYY-MM-DD (year, month, day)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{value} is not a date: {calendar.month_name[month]} {year} has {days} days"
    return f"{value!r} is not a date; write it as YYYY-MM-DD, like 2017-06-08"


# Plain types with their checks done by pydantic itself (fast); diagnostics.py words their errors.
Day = Annotated[dt.date, PlainSerializer(lambda d: d.isoformat())]
Name = Annotated[str, StringConstraints(min_length=1)]
Text = Name


def _quantity(dimension: str, example: str) -> Any:
    def check(value: Any) -> Quantity:
        if isinstance(value, Quantity):
            quantity = value
        else:
            try:
                quantity = parse_quantity(value)
            except ValueError as error:
                raise fail("quantity", str(error)) from None
        if not quantity.unit:
            raise fail("quantity_unit", f"{value!r} has no unit; write it like {example!r}")
        if quantity.dimension != dimension:
            raise fail("quantity_dimension", wrong_dimension(value, quantity, dimension))
        if quantity.value <= 0:
            raise fail("quantity_sign", f"{value!r} must be above zero")
        return quantity

    return PlainValidator(check)


AreaQuantity = Annotated[Quantity, _quantity("area", "1400 km2"), PlainSerializer(str)]
Length = Annotated[Quantity, _quantity("length", "15 mi"), PlainSerializer(str)]


def _ratio(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail("ratio_type", f"expected a ratio such as 1.25, got {value!r}")
    if not value > 1:
        raise fail(
            "ratio_value",
            f"tolerance {value} must be above 1: it is how many times larger or smaller than measured a "
            "claim may be and still be consistent (default 1.25)",
        )
    return float(value)


Ratio = Annotated[float, PlainValidator(_ratio)]


def _count(value: Any) -> int:
    if isinstance(value, str):
        with suppress(ValueError):  # refused below, with the value as given
            value = parse_count(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail("count_type", f"expected a whole number such as 4000, got {value!r}")
    return value


Count = Annotated[int, PlainValidator(_count)]


def _compass(value: Any) -> str:
    if isinstance(value, str):
        words = re.sub(r"(north|south|east|west)(?:ern|wards?)?", lambda m: m[1][0], value.strip().lower())
        point = re.sub(r"[\s_-]+", "", words)
        if point in COMPASS:
            return point
    raise fail(
        "direction",
        f"{value!r} is not a compass direction; write n, ne, e, se, s, sw, w, nw (or nne, ene, ...) "
        "or the words, like 'north-east'",
    )


Compass = Annotated[str, PlainValidator(_compass)]


# --- places -------------------------------------------------------------------------------------


def _plain_degrees(value: Any) -> Any:
    """A latitude or longitude must be written as a plain number: ``true`` and ``'34.56'`` are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        got = f"{str(value).lower()}, which is not a number" if isinstance(value, bool) else repr(value)
        raise fail("degrees_type", f"expected a plain number of degrees, like 34.56, got {got}; write the number "
                   "without quotes")
    if not math.isfinite(value):
        raise fail("degrees_value", f"expected a number of degrees, like 34.56, got {value}")
    return value


Latitude = Annotated[float, BeforeValidator(_plain_degrees), Field(ge=-90, le=90)]
Longitude = Annotated[float, BeforeValidator(_plain_degrees), Field(ge=-180, le=180)]


class Coordinates(Record):
    """A point given by latitude and longitude in degrees (WGS84).

    >>> Coordinates(lat="34.56", lon=38.28)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Coordinates
    lat
      expected a plain number of degrees, like 34.56, got '34.56'; write the number without quotes ...
    """

    lat: Latitude
    lon: Longitude


def _place_kind(value: Any) -> str:
    return "coordinates" if isinstance(value, dict | Coordinates) else "name"


#: Where a place is expected: a gazetteer name, or ``{lat: ..., lon: ...}``.
Place = Annotated[
    Annotated[Name, Tag("name")] | Annotated[Coordinates, Tag("coordinates")],
    Discriminator(_place_kind),
]
