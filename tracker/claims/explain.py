"""The words of explanations: numbers, units and the phrases verdicts share."""

from __future__ import annotations

from functools import cache

from ..records.quantity import Quantity, registry

__all__ = ["circular_words", "in_unit", "number", "ratio_words", "symbol"]


@cache
def symbol(unit: str) -> str:
    return f"{registry().Unit(unit):~P}"


def number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"


def in_unit(quantity: Quantity, si_value: float) -> float:
    """A value in SI units expressed in the quantity's own unit."""
    return si_value / quantity.si_factor


def ratio_words(verdict: str, ratio: float | None, tolerance: float) -> str:
    if ratio is None:
        return "overstated: nothing was measured"
    if verdict == "consistent":
        return f"the two agree within the {tolerance:g}× tolerance: consistent"
    bigger = ratio if ratio >= 1 else 1 / ratio
    side = "larger" if ratio >= 1 else "smaller"
    return f"so the claim is {bigger:.2f}× {side}: {verdict} beyond the {tolerance:g}× tolerance"


def circular_words(said: str, circular: str) -> str:
    """The sentence for a circular claim: what it says, what makes it circular."""
    return (f"{said}, but {circular}: the claim restates the record's own geometry (circular), so the check says "
            "nothing about the report: undetermined")
