"""The verdict on one claim, as ``tracker check`` reports it: :class:`ClaimResult`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["ClaimResult"]


@dataclass(frozen=True, init=False)
class ClaimResult:
    """The verdict on one claim.

    >>> result = ClaimResult("zone", 0, "area", 9000.0, 9503.3, "km²", 0.947, "consistent",
    ...                      "claims 9,000 km²; the reference zone measures 9,503 km², ...")
    >>> result.verdict, result.measured_low
    ('consistent', None)
    """

    event: str
    index: int
    kind: str
    claimed: float | str | None
    measured: float | None
    unit: str | None
    ratio: float | None
    verdict: str
    explanation: str
    #: The least and greatest value the measurement may take, where it is an interval (a location
    #: known to within 10 km; ``measured_high`` is ``None`` for a lower bound); ``None`` otherwise.
    #: Bearings run clockwise from ``measured_low`` to ``measured_high``.
    measured_low: float | None = None
    measured_high: float | None = None
    #: The assessor whose control layers the claim was checked against (see :mod:`tracker.control`);
    #: ``None`` when the verdict rests on the records.
    assessor: str | None = None
    #: The gain the claim names (``gain:`` of an ``area`` or ``total_area`` claim), as written; ``None``
    #: when it names none.
    gain: str | None = None

    def __init__(self, event: str, index: int, kind: str, claimed: float | str | None, measured: float | None,
                 unit: str | None, ratio: float | None, verdict: str, explanation: str,
                 measured_low: float | None = None, measured_high: float | None = None, assessor: str | None = None,
                 gain: str | None = None):
        # A result is made for every claim: its fields written at once, not one by one through the
        # frozen class's guard, take a third of the time (the fields and these parameters are one
        # list, in one order: tests/test_verdict_rules.py checks it).
        self.__dict__.update(event=event, index=index, kind=kind, claimed=claimed, measured=measured, unit=unit,
                             ratio=ratio, verdict=verdict, explanation=explanation, measured_low=measured_low,
                             measured_high=measured_high, assessor=assessor, gain=gain)

    def to_dict(self) -> dict[str, Any]:
        """The result with the keys of ``tracker check --json``.

        >>> ClaimResult("raid", 1, "count", 300, None, "fighters", None, "unverifiable", "a count").to_dict()
        {'event': 'raid', 'index': 1, 'kind': 'count', 'claimed': 300, 'measured': None, 'unit': 'fighters',
         'ratio': None, 'verdict': 'unverifiable', 'explanation': 'a count', 'measured_low': None,
         'measured_high': None, 'assessor': None, 'gain': None}
        """
        return asdict(self)
