"""A number an article writes as part of something else (a fraction, a range, a number in exponent
notation) is not drafted as the number its last digits spell: "1/2 square kilometre" is no claim of
2 km², "9e999 square kilometres" none of 999."""

from __future__ import annotations

import pytest

from tracker.drafting.quantities import find_quantities
from tracker.drafting.spans import Spans


def _measures(text: str) -> list[str]:
    return [q.quantity for q in find_quantities(text, lambda _: 0, Spans()) if q.kind != "count"]


@pytest.mark.parametrize("text", [
    "The army took 1/2 square kilometre.",
    "The army took 9e999 square kilometres.",
    "The army took 3-4,000 square kilometres.",
    "The army took 3,000-4,000 square kilometres.",
    "The army took 2.5e3 km2.",
])
def test_a_number_that_is_part_of_another_is_not_drafted_as_a_claim(text: str) -> None:
    assert _measures(text) == []


@pytest.mark.parametrize(("text", "quantity"), [
    ("The army took 1,400 square kilometres.", "1400 square kilometres"),
    ("The army advanced 15-km into the desert.", "15 km"),
    ("The army took (1,200 km2) in May.", "1200 km2"),
    ("The army took 1200km2 in May.", "1200 km2"),
    ("A 30-km advance.", "30 km"),
])
def test_a_number_of_its_own_is_still_drafted(text: str, quantity: str) -> None:
    assert _measures(text) == [quantity]
