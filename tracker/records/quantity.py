"""Quantities written the way people write them: ``1400 km2``, ``1,400 km²``, ``15 miles``.

Units are parsed by pint; this module only tidies the spellings pint does not read on its own
(``km2``, ``nautical miles``, thousands separators) and keeps the author's text, so a record written
back to YAML says what its author wrote.

It is also the one place that reads a number written as text: in digits, with thousands grouped
(:func:`parse_number`, :func:`parse_count`), with a scale (``1.5 million``) or in words (``twenty-five``),
as a record or an article writes it.

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

#: A number in digits as a record writes it: thousands grouped by commas or (narrow, no-break)
#: spaces, a decimal part, an exponent.
_DIGITS = r"(?:[+-]?(?:\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?!\d)|\d+)(?:\.\d+)?|[+-]?\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(rf"\s*({_DIGITS})")
_GROUP_SEPARATORS = str.maketrans("", "", ",\u202f\u00a0 ")
#: A whole number as a count is written: digits, thousands grouped by commas or not.
_WHOLE = re.compile(r"\s*(?:\d{1,3}(?:,\d{3})+|\d+)\s*")
_NUMBER_WORDS = {
    word: value for value, word in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        ]
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                      "hundred": 100, "a hundred": 100, "a thousand": 1000})
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_WORD_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_IN_WORDS = rf"\b(?:{_WORD_NUMBER})(?:[\s-]+(?:{_WORD_NUMBER}|hundred|thousand|million)\b)*\b"
#: A number in running text (a regular expression, to be used with ``re.IGNORECASE``): digits with
#: thousands grouped by commas or by spaces (``1,400``, ``1 400``), a decimal part and a scale
#: (``1.5 million``), or words (``twenty-five``, ``two hundred``, ``a thousand``); never part of a
#: longer number (``3,5``, ``v1.2``). :func:`parse_number` reads what it finds.
NUMBER_IN_TEXT = (
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:\.\d+)?(?![\d,]\d)"
    r"(?:\s+(?:million|thousand))?"
    rf"|(?i:{_IN_WORDS})"
)
_WRITTEN_NUMBER = re.compile(
    rf"\s*(?:(?P<digits>{_DIGITS})(?:\s+(?P<scale>hundred|thousand|million))?|(?P<words>{_IN_WORDS}))\s*", re.I
)
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


def _quoted(text: str) -> str:
    """``text`` in quotes for a message, its middle left out when it is long."""
    return repr(text if len(text) <= 40 else f"{text[:20]}...{text[-12:]}")


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


def parse_number(text: str) -> float:
    """The value of a number as people write it; ``ValueError`` when ``text`` is none, or is too
    large for a float.

    Digits, with thousands grouped by commas or (narrow, no-break) spaces, a decimal part, an
    exponent, and a scale after them; or words.

    >>> [parse_number(t) for t in ("1,400", "1 000", "-2.5e3", "1.5 million", "twenty-five", "two hundred",
    ...                            "a thousand", "Three Thousand Five Hundred")]
    [1400.0, 1000.0, -2500.0, 1500000.0, 25.0, 200.0, 1000.0, 3500.0]
    >>> parse_number("3,5")
    Traceback (most recent call last):
    ...
    ValueError: '3,5' is not a number; write digits, like 1,400 or 1400, or words, like twenty-five
    >>> parse_number("1e400")
    Traceback (most recent call last):
    ...
    ValueError: '1e400' is not a number: the number 1e400 is out of range (the largest is about 1.8e308)
    """
    match = _WRITTEN_NUMBER.fullmatch(text)
    if match is None:
        raise ValueError(f"{_quoted(text)} is not a number; write digits, like 1,400 or 1400, or words, like "
                         "twenty-five")
    if match["words"] is not None:
        return _in_words(match["words"])
    digits = match["digits"].translate(_GROUP_SEPARATORS)
    value = float(digits) * _SCALES.get((match["scale"] or "").lower(), 1)
    if not math.isfinite(value):
        raise ValueError(f"{_quoted(text)} is not a number: the number {_short(digits)} is out of range "
                         "(the largest is about 1.8e308)")
    return value


def _in_words(text: str) -> float:
    """The value of a number in words: ``'twenty-five'``, ``'two hundred'``, ``'a thousand'``."""
    words = text.lower().replace("-", " ").split()
    total, current = 0.0, 0.0
    for position, word in enumerate(words):
        if word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word != "a":
            current += _NUMBER_WORDS.get(word, 0)
        elif position + 1 == len(words):
            current += 1
    return total + current


def parse_count(text: str) -> int:
    """A whole number written in digits, thousands grouped by commas or not; ``ValueError`` when
    ``text`` is none.

    >>> parse_count("4,000"), parse_count(" 12 ")
    (4000, 12)
    """
    if not _WHOLE.fullmatch(text):
        raise ValueError(f"{_quoted(text)} is not a whole number; write digits, like 4000 or 4,000")
    return int(text.replace(",", ""))


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
        raise ValueError(f"{_quoted(text)} is not a quantity: its number of {len(match[1].strip()):,} characters is "
                         "too large; write at most 100 digits, like '1400 km2'")
    try:
        value = parse_number(match[1])
    except ValueError:  # digits, as matched: too large is all that can be wrong
        raise ValueError(
            f"{text!r} is not a quantity: the number {_short(number)} is out of range "
            "(the largest is about 1.8e308)"
        ) from None
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
