"""The words of explanations: numbers, units and the phrases verdicts share."""

from __future__ import annotations

from functools import cache

from ..records.quantity import Quantity, registry

__all__ = ["AREA_WORDS", "COMPASS_WORDS", "circular_words", "compass", "imprecise", "in_unit", "number",
           "ratio_words", "symbol", "verdict_tail"]

#: What an area of each basis is called in explanations.
AREA_WORDS = {"reported": "the drawn area", "assessed": "the assessed area", "reference": "the reference zone",
              "reconstructed": "the reconstruction"}
#: The word of each letter of a compass direction.
COMPASS_WORDS = {"n": "north", "e": "east", "s": "south", "w": "west"}


@cache
def symbol(unit: str) -> str:
    """A unit as explanations write it.

    >>> symbol("kilometer ** 2"), symbol("mile")
    ('km²', 'mi')
    """
    return f"{registry().Unit(unit):~P}"


def number(value: float) -> str:
    """A measurement as explanations write it: whole from 100 up, else three significant figures.

    >>> number(1403.6), number(12.345), number(0.5)
    ('1,404', '12.3', '0.5')
    """
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def in_unit(quantity: Quantity, si_value: float) -> float:
    """A value in SI units expressed in the quantity's own unit.

    >>> from tracker.records.quantity import parse_quantity
    >>> in_unit(parse_quantity("15 mi"), 1609.344)
    1.0
    """
    return si_value / quantity.si_factor


def compass(direction: str) -> str:
    """A compass direction written out.

    >>> compass("nne"), compass("w")
    ('north-north-east', 'west')
    """
    return "-".join(COMPASS_WORDS[letter] for letter in direction)


def imprecise(radius_m: float) -> str:
    """How an event located only to within ``radius_m`` of its point is introduced.

    >>> imprecise(10_000.0)
    'the event, located only to within 10 km (precision 2),'
    """
    return f"the event, located only to within {radius_m / 1000:g} km (precision 2),"


def ratio_words(verdict: str, ratio: float | None, tolerance: float) -> str:
    """The end of the sentence for a verdict on claimed against measured.

    >>> ratio_words("overstated", 3.98, 1.25)
    'so the claim is 3.98× larger: overstated beyond the 1.25× tolerance'
    >>> ratio_words("understated", 0.5, 1.25)
    'so the claim is 2.00× smaller: understated beyond the 1.25× tolerance'
    >>> ratio_words("consistent", 1.1, 1.25), ratio_words("overstated", None, 1.25)
    ('the two agree within the 1.25× tolerance: consistent', 'overstated: nothing was measured')
    """
    if ratio is None:
        return "overstated: nothing was measured"
    if verdict == "consistent":
        return f"the two agree within the {tolerance:g}× tolerance: consistent"
    bigger = ratio if ratio >= 1 else 1 / ratio
    side = "larger" if ratio >= 1 else "smaller"
    return f"so the claim is {bigger:.2f}× {side}: {verdict} beyond the {tolerance:g}× tolerance"


def circular_words(said: str, circular: str) -> str:
    """The sentence for a circular claim: what it says, what makes it circular.

    >>> print(circular_words("claims the event lies east of Tadmur", "the event lies at Tadmur itself"))
    claims the event lies east of Tadmur, but the event lies at Tadmur itself: the claim restates the record's
    own geometry (circular), so the check says nothing about the report: undetermined
    """
    return (f"{said}, but {circular}: the claim restates the record's own geometry (circular), so the check says "
            "nothing about the report: undetermined")


def verdict_tail(verdict: str, straddles: str) -> str:
    """The end of a sentence for a verdict on an interval: the verdict, or what the interval straddles.

    >>> verdict_tail("holds", "the limit"), verdict_tail("undetermined", "the limit")
    (': holds', ': undetermined, the range straddles the limit')
    """
    return f": undetermined, the range straddles {straddles}" if verdict == "undetermined" else f": {verdict}"
