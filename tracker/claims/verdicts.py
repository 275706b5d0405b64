"""Verdicts as reports carry them: a claim's verdict is its code, its position in :data:`VERDICTS`,
so that a report's verdicts are one small array; the rules that decide them are those of
:mod:`tracker.geo.evidence`, each written once for one claim and for arrays of claims alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..geo.evidence import CODE, DEFAULT_RATIO, FAILING, VERDICTS, ratio_code

__all__ = ["CODE", "DEFAULT_RATIO", "FAILING", "VERDICTS", "codes_of", "failing", "ratio_verdict", "summary",
           "words"]

_WORDS = np.array(VERDICTS, dtype=object)
_FAILING_CODES = [CODE[verdict] for verdict in VERDICTS if verdict in FAILING]


def ratio_verdict(claimed: float, measured: float, tolerance: float) -> tuple[str, float | None]:
    """An amount claimed against one measured that bounds it both ways: the ratio rule's verdict
    (:func:`tracker.geo.evidence.ratio_code`) and claimed/measured, ``None`` where nothing was measured.

    >>> ratio_verdict(1400.0, 1000.0, 1.25), ratio_verdict(1400.0, 1200.0, 1.25)
    (('overstated', 1.4), ('consistent', 1.1666666666666667))
    >>> ratio_verdict(600.0, 1000.0, 1.25), ratio_verdict(1400.0, 0.0, 1.25)
    (('understated', 0.6), ('overstated', None))
    """
    return VERDICTS[ratio_code(claimed, measured, measured, tolerance)], claimed / measured if measured > 0 else None


def codes_of(verdicts: Iterable[str]) -> np.ndarray:
    """The codes of verdicts given as words.

    >>> codes_of(["holds", "consistent"]).tolist()
    [4, 0]
    """
    return np.fromiter((CODE[verdict] for verdict in verdicts), dtype=np.int8)


def words(codes: np.ndarray) -> np.ndarray:
    """The verdicts of codes, as words.

    >>> words(np.array([4, 0, 7], dtype=np.int8)).tolist()
    ['holds', 'consistent', 'unverifiable']
    """
    found: np.ndarray = _WORDS[codes]
    return found


def summary(codes: np.ndarray) -> str:
    """'12 claims: 3 consistent, 2 overstated, ...' in the order of :data:`VERDICTS`.

    >>> summary(codes_of(["holds", "overstated", "holds"])), summary(codes_of(["holds"])), summary(codes_of([]))
    ('3 claims: 1 overstated, 2 holds', '1 claim: 1 holds', '0 claims')
    """
    counts = dict(zip(VERDICTS, np.bincount(codes, minlength=len(VERDICTS)).tolist(), strict=True))
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    return f"{len(codes)} claim{'s' * (len(codes) != 1)}" + (f": {parts}" if parts else "")


def failing(codes: np.ndarray) -> bool:
    """True when any verdict is overstated, understated, contradicted or impossible (never for
    ``undetermined`` or ``unverifiable``).

    >>> failing(codes_of(["holds", "undetermined"])), failing(codes_of(["holds", "contradicted"]))
    (False, True)
    """
    return bool(np.isin(codes, _FAILING_CODES).any())
