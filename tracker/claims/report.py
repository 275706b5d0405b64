"""Every claim's verdict, as :func:`~tracker.claims.check.check_claims` returns them: :class:`CheckReport`."""

from __future__ import annotations

from functools import cached_property

import numpy as np

from ..errors import Problem
from ..geo.shapes import Shape
from ..records.model import Event
from . import verdicts
from .context import Checker
from .kinds import check_one
from .result import ClaimResult

__all__ = ["CheckReport"]


class CheckReport:
    """Every claim's verdict, with the records that could not be checked (unknown places).

    Verdicts and measurements are arrays, computed in batches; the :class:`ClaimResult` of each claim,
    with its sentence, is written when :attr:`results` is first read.

    >>> from tracker import load_events
    >>> from tracker.claims import check_claims
    >>> report = check_claims(load_events("events"))
    >>> len(report) == len(report.results) == len(report.verdicts) == len(report.measured)
    True
    >>> report.problems
    []
    """

    def __init__(self, checker: Checker, checked: list[Event], measured: np.ndarray, codes: np.ndarray,
                 done: dict[int, ClaimResult], problems: list[Problem]):
        self._checker = checker
        self._checked = checked
        self.measured = measured
        #: Each claim's verdict as its position in :data:`~tracker.geo.evidence.VERDICTS`.
        self.codes = codes
        self._done = done
        self.problems = problems

    def __len__(self) -> int:
        return len(self.codes)

    def shape(self, event_id: str) -> Shape | None:
        """Where the event is (its point and area), or ``None`` when its places are unknown.

        >>> from tracker import load_events
        >>> from tracker.claims import check_claims
        >>> report = check_claims(load_events("events"))
        >>> report.shape("badiyeh-advance-east-of-tadmur").point, report.shape("no-such-record")
        ((34.5624, 38.28402), None)
        """
        return self._checker.shape(event_id)

    @property
    def verdicts(self) -> np.ndarray:
        """Each claim's verdict, in record order.

        >>> from tracker import load_events
        >>> from tracker.claims import check_claims
        >>> check_claims(load_events("events/badiyeh-advance-east-of-tadmur.yaml")).verdicts.tolist()
        ['unverifiable', 'undetermined']
        """
        return verdicts.words(self.codes)

    @cached_property
    def results(self) -> list[ClaimResult]:
        """One :class:`ClaimResult` per claim, in record order.

        >>> from tracker import load_events
        >>> from tracker.claims import check_claims
        >>> for result in check_claims(load_events("events/badiyeh-advance-east-of-tadmur.yaml")).results:
        ...     print(result.kind, result.verdict)
        area unverifiable
        direction undetermined
        """
        found: list[ClaimResult] = []
        for event in self._checked:
            for index, claim in enumerate(event.claims):
                found.append(self._done.get(len(found)) or check_one(self._checker, event, index, claim))
        return found

    def summary(self) -> str:
        """'12 claims: 3 consistent, 2 overstated, ...' in the order of :data:`~tracker.geo.evidence.VERDICTS`.

        >>> from tracker import load_events
        >>> from tracker.claims import check_claims
        >>> check_claims(load_events("events/badiyeh-advance-east-of-tadmur.yaml")).summary()
        '2 claims: 1 undetermined, 1 unverifiable'
        """
        return verdicts.summary(self.codes)

    @property
    def failed(self) -> bool:
        """True when any claim is overstated, understated, contradicted or impossible (never for
        ``undetermined`` or ``unverifiable``).

        >>> from tracker import load_events
        >>> from tracker.claims import check_claims
        >>> check_claims(load_events("events/badiyeh-advance-east-of-tadmur.yaml")).failed
        False
        """
        return verdicts.failing(self.codes)
