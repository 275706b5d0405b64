"""Numbers as people write them, read in one place (``tracker.records.quantity``): in digits with
thousands grouped, with a scale, or in words; the same reading for a record's quantity or count and
for an article's."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.records.quantity import parse_count, parse_number, parse_quantity

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _below_thousand(number: int) -> list[str]:
    words = [_ONES[number // 100], "hundred"] if number >= 100 else []
    rest = number % 100
    if rest >= 20:
        words.append(_TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else ""))
    elif rest or not words:
        words.append(_ONES[rest])
    return words


def _spelled(number: int) -> str:
    """``number`` (below a million) in English words, as a reporter writes it: 'forty-two thousand
    three hundred five'."""
    thousands, rest = divmod(number, 1000)
    words = [*_below_thousand(thousands), "thousand"] if thousands else []
    return " ".join(words + (_below_thousand(rest) if rest or not words else []))


@given(st.integers(0, 2**53))
def test_a_whole_number_reads_the_same_however_its_thousands_are_grouped(number: int) -> None:
    grouped = f"{number:,}"
    forms = [str(number), grouped, grouped.replace(",", " "), grouped.replace(",", "\u202f")]
    assert {parse_number(form) for form in forms} == {float(number)}
    assert parse_count(grouped) == parse_count(str(number)) == number


@given(st.integers(0, 10**60))
def test_a_count_of_any_size_is_read_exactly(number: int) -> None:
    assert parse_count(f"{number:,}") == number


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_reads_back_from_its_repr(value: float) -> None:
    assert parse_number(repr(value)) == value


@given(st.integers(0, 999_999))
def test_a_number_in_words_reads_as_its_value(number: int) -> None:
    spelled = _spelled(number)
    assert parse_number(spelled) == number, spelled
    assert parse_number(spelled.title()) == number


@settings(deadline=None)  # pint is imported on the first example
@given(st.integers(0, 10**9), st.sampled_from(["km2", "square kilometers", "mi", "nautical miles"]))
def test_a_quantity_s_number_is_read_as_a_number_is(number: int, unit: str) -> None:
    written = f"{number:,}"
    assert parse_quantity(f"{written} {unit}").value == parse_number(written)


@pytest.mark.parametrize(("text", "value"), [
    ("1.5 million", 1_500_000.0), ("2 thousand", 2000.0), ("1 000 thousand", 1_000_000.0), ("a thousand", 1000.0),
    ("a hundred", 100.0), ("two hundred", 200.0), ("three thousand five hundred", 3500.0), ("one million", 1e6),
    ("-2.5e3", -2500.0), (".5", 0.5), (" 12 ", 12.0),
])
def test_scales_and_words_are_read_whole(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["3,5", "1,40", "1,4000", "12 34", "", "km", "one and a half", "1.5 billion",
                                  "0x22", "inf", "nan", "1_000"])
def test_what_is_no_number_is_refused_with_what_to_write(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a number; write digits, like 1,400 or 1400, or words, like"):
        parse_number(text)


def test_a_number_too_large_for_a_float_is_refused_not_infinite() -> None:
    with pytest.raises(ValueError, match=r"^'1e400' is not a number: the number 1e400 is out of range"):
        parse_number("1e400")
    with pytest.raises(ValueError, match=r"out of range"):
        parse_number("1" + "0" * 400)
    assert math.isfinite(parse_number("1" + "0" * 300))


@pytest.mark.parametrize("text", ["4 000", "1.5", "-3", "+3", "4e3", "4,00", "", "four"])
def test_a_count_is_digits_with_commas_only(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a whole number; write digits, like 4000 or 4,000"):
        parse_count(text)
