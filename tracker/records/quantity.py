"""Quantities written the way people write them: ``1400 km2``, ``1,400 km²``, ``15 miles``.

Units are parsed by pint; this module only tidies the spellings pint does not read on its own
(``km2``, ``nautical miles``, thousands separators) and keeps the author's text, so a record written
back to YAML says what its author wrote.

>>> q = parse_quantity("1,400 km²")
>>> q.value, q.unit
(1400.0, 'kilometer ** 2')
>>> round(parse_quantity("15 mi").to("km"), 3)
24.14
>>> parse_quantity("5000 square kilometers").dimension
'area'
>>> parse_quantity("14OO km2")
Traceback (most recent call last):
...
ValueError: '14OO km2' is not a quantity: is a letter O typed for a zero? Write '1400 km2'
>>> parse_quantity("1e400 km2")
Traceback (most recent call last):
...
ValueError: '1e400 km2' is not a quantity: the number 1e400 is out of range (the largest is about 1.8e308)
>>> print(wrong_dimension("5 kg", parse_quantity("5 kg"), "area"))
'5 kg' is a mass (kilogram), not an area; write an area in km2, sq mi or ha, like '1400 km2'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pint costs a quarter of a second to import: only when a quantity is parsed
    import pint

_NUMBER = re.compile(
    r"\s*((?:[+-]?(?:\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?!\d)|\d+)(?:\.\d+)?|[+-]?\.\d+)(?:[eE][+-]?\d+)?)"
)
_GROUP_SEPARATORS = str.maketrans("", "", ",\u202f\u00a0 ")
# pint reads "km**2", "km^2", "km²" and "square km" but not "km2" nor "nautical miles".
_UNIT_SPELLINGS = [
    (re.compile(r"(?<=[A-Za-z])([23])\b"), r"**\1"),
    (re.compile(r"\bnautical[\s_-]+miles?\b", re.I), "nautical_mile"),
    (re.compile(r"\bnm\b"), "nautical_mile"),  # in reporting, nm is a nautical mile, never a nanometre
    (re.compile(r"\bsq\.\s*", re.I), "square "),
    (re.compile(r"\bkilometres?\b", re.I), "kilometer"),
    (re.compile(r"\bmetres?\b", re.I), "meter"),
]
_LOOKS_LIKE_O_FOR_ZERO = re.compile(r"^\s*\d*[0-9][0-9Oo]*[Oo][0-9Oo]*\b")

DIMENSIONS = {"[length]": "length", "[length] ** 2": "area"}
#: What a unit of another dimension measures, for messages (pint's dimensionality -> words).
_OTHER_DIMENSIONS = {
    "[mass]": "a mass", "[time]": "a time", "[length] / [time]": "a speed", "[length] ** 3": "a volume",
    "[temperature]": "a temperature", "dimensionless": "a plain number", "[substance]": "an amount of substance",
    "[current]": "an electric current", "[luminosity]": "a luminous intensity",
}
#: Units to suggest for each dimension a record uses, and an example.
EXPECTED_UNITS = {"area": ("km2, sq mi or ha", "1400 km2"), "length": ("km, mi or nmi", "15 mi")}


@cache
def registry() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """The one pint registry the package uses (built on first use)."""
    import pint

    return pint.UnitRegistry(preprocessors=[_respell])


def _respell(text: str) -> str:
    for pattern, replacement in _UNIT_SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=1024)
def _unit(text: str) -> tuple[str, str | None, float]:
    """(pint's unit name, dimension name or None, factor to SI) for a unit spelling."""
    reg = registry()
    unit = reg.parse_units(_respell(text))
    dimension = DIMENSIONS.get(str(reg.get_dimensionality(unit)))
    return str(unit), dimension, float(reg.Quantity(1, unit).to_base_units().magnitude)


def _short(number: str) -> str:
    """A number as written, cut to a readable length for a message."""
    return number if len(number) <= 24 else f"{number[:12]}...{number[-6:]} ({len(number)} characters)"


def describe_unit(unit: str) -> str:
    """What ``unit`` (any spelling pint reads) measures, in words: ``'a mass'``, ``'an area'``...

    >>> describe_unit("kg"), describe_unit("km2"), describe_unit("km/h"), describe_unit("N")
    ('a mass', 'an area', 'a speed', 'a quantity of [mass] * [length] / [time] ** 2')
    """
    reg = registry()
    dimensionality = str(reg.get_dimensionality(reg.parse_units(_respell(unit))))
    if dimensionality in DIMENSIONS:
        name = DIMENSIONS[dimensionality]
        return f"{'an' if name == 'area' else 'a'} {name}"
    return _OTHER_DIMENSIONS.get(dimensionality, f"a quantity of {dimensionality}")


def wrong_dimension(text: object, quantity: Quantity, expected: str) -> str:
    """The message for a quantity of another dimension than ``expected`` (``'area'`` or ``'length'``).

    >>> print(wrong_dimension("55 km2", parse_quantity("55 km2"), "length"))
    '55 km2' is an area (kilometer ** 2), not a length; write a length in km, mi or nmi, like '15 mi'
    """
    units, example = EXPECTED_UNITS[expected]
    article = "an" if expected == "area" else "a"
    return (
        f"{text!r} is {describe_unit(quantity.unit)} ({quantity.unit}), not {article} {expected}; "
        f"write {article} {expected} in {units}, like {example!r}"
    )


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, and the text it was written as."""

    value: float
    unit: str
    text: str = field(compare=False)
    dimension: str | None = field(default=None, compare=False)
    si_factor: float = field(default=1.0, compare=False, repr=False)

    def to(self, unit: str) -> float:
        """The value converted to ``unit`` (any spelling pint reads)."""
        return self.value * self.si_factor / _unit(unit)[2]

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return (self.value, self.unit) == (other.value, other.unit)

    def __hash__(self) -> int:
        return hash((self.value, self.unit))


@lru_cache(maxsize=4096, typed=True)
def parse_quantity(text: str | float | int) -> Quantity:
    """Read ``text`` as a number and a unit; ``ValueError`` saying what is wrong when it is not one.

    A bare number has no unit (``unit == ""``), which the caller refuses where a unit is needed.
    """
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a quantity; write a number and a unit, like '55 km'")
    if isinstance(text, int | float):
        return Quantity(float(text), "", str(text))
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a quantity; write a number and a unit, like '55 km'")
    match = _NUMBER.match(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not a quantity; write a number and a unit, like '1400 km2' or '15 mi'"
        )
    if _LOOKS_LIKE_O_FOR_ZERO.match(text):
        fixed = re.sub(r"[Oo]", "0", text.split()[0]) + text[len(text.split()[0]) :]
        raise ValueError(f"{text!r} is not a quantity: is a letter O typed for a zero? Write {fixed!r}")
    number = match[1].translate(_GROUP_SEPARATORS)
    if len(match[1]) > 100:
        shown = text if len(text) <= 40 else f"{text[:20]}...{text[-12:]}"
        raise ValueError(f"{shown!r} is not a quantity: its number of {len(match[1].strip()):,} characters is too "
                         "large; write at most 100 digits, like '1400 km2'")
    value = float(number)
    if not math.isfinite(value):
        raise ValueError(
            f"{text!r} is not a quantity: the number {_short(number)} is out of range "
            "(the largest is about 1.8e308)"
        )
    unit_text = text[match.end() :].strip()
    if unit_text[:1] in set(",.0123456789"):
        raise ValueError(
            f"{text!r} is not a quantity: the number is not well formed; write digits with "
            "optional thousands separators, like '1,400 km2' or '1400 km2'"
        )
    if not unit_text:
        return Quantity(value, "", text)
    try:
        unit, dimension, factor = _unit(unit_text)
    except Exception as error:  # pint raises several kinds for text it cannot read
        raise ValueError(
            f"{text!r} is not a quantity: {unit_text!r} is not a unit pint knows "
            "(try km, mi, nmi, km2, sq mi, ha)"
        ) from error
    return Quantity(value, unit, text, dimension, factor)
