"""Checking what a record claims against its geometry: verdicts and their explanations.

:func:`check_claims` (``check``) measures and decides every claim into a :class:`CheckReport`
(``report``) of :class:`ClaimResult` (``result``). One module per kind of claim decides one claim
(``areas``, ``distances``, ``directions``, ``reaches``, ``inside``; ``kinds`` names the module of
each), over the records' shapes and the places claims name (``context``), with the rules of
:mod:`tracker.geo.evidence` (``verdicts``: how reports carry them) and the words of ``explain``.

>>> from tracker import load_events
>>> events = load_events(["events/al-tanf-deconfliction-zone.yaml", "events/us-strike-near-al-tanf-2017-05-18.yaml"])
>>> print(check_claims(events).results[0].explanation)
claims the event lies inside the area of al-tanf-deconfliction-zone; 100% of it does, and so does every point
within 10 km of it: holds
"""

from .check import (
    DEFAULT_RATIO,
    DEFAULT_REACH_M,
    FAILING,
    INSIDE_SHARE,
    VERDICTS,
    CheckReport,
    ClaimResult,
    Shape,
    check_claims,
)

__all__ = [
    "DEFAULT_RATIO",
    "DEFAULT_REACH_M",
    "FAILING",
    "INSIDE_SHARE",
    "VERDICTS",
    "CheckReport",
    "ClaimResult",
    "Shape",
    "check_claims",
]
