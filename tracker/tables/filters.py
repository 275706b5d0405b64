"""Which events a date window and an actor pick: one rule for records and for the rows of a table.

An event is picked when it may have happened in the window: the days it may have happened on
(``start`` to ``end``) overlap ``since`` to ``until``, both included, either open when ``None``. An
actor is picked by its whole name, in any case, spaces around it ignored; ``None`` or a blank name
picks every event.

>>> matching(["2017-05-08", "2017-06-08"], ["2017-06-08", "2017-06-08"], ["Islamic State", "Syrian Arab Army"],
...          since=dt.date(2017, 5, 1), until=dt.date(2017, 5, 31)).tolist()
[True, False]
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .schema import ACTOR_SEPARATOR

if TYPE_CHECKING:
    from ..records.model import Event


def matching(starts: Sequence[Any], ends: Sequence[Any], actors: Iterable[Any], *, since: dt.date | None = None,
             until: dt.date | None = None, actor: str | None = None) -> np.ndarray:
    """Which events (each with its first day, last day and actors) may have happened between
    ``since`` and ``until`` and involve ``actor``: an array of booleans.

    Days are dates, ISO text or timestamps (a missing day is never in a window); each event's actors
    are a list of names, or a table's ``actors`` text (names joined by ``"; "``, or JSON). ``actors``
    is read only when ``actor`` is given.

    >>> days = [dt.date(2017, 6, 8), dt.date(2017, 6, 9)]
    >>> matching(days, days, [["Islamic State"], ["Hezbollah"]], since=dt.date(2017, 6, 9)).tolist()
    [False, True]
    >>> matching(days, days, ['[{"name": "Hezbollah", "side": "b"}]', "Islamic State; Hezbollah"],
    ...          actor=" hezbollah").tolist()
    [True, True]
    >>> matching([], [], [], actor="Hezbollah").tolist()
    []
    """
    keep = np.ones(len(starts), dtype=bool)
    if since is not None:
        keep &= _days(ends) >= np.datetime64(since, "D")
    if until is not None:
        keep &= _days(starts) <= np.datetime64(until, "D")
    wanted = (actor or "").strip().casefold()
    if wanted:
        keep &= np.fromiter((wanted in _names(names) for names in actors), dtype=bool, count=len(keep))
    return keep


def select_events(events: Iterable[Event], since: dt.date | None = None, until: dt.date | None = None,
                  actor: str | None = None) -> list[Event]:
    """The records among ``events`` that :func:`matching` picks, in their order.

    >>> from tracker import load_events
    >>> picked = select_events(load_events("events"), dt.date(2017, 6, 1), dt.date(2017, 6, 30), "Islamic State")
    >>> len(picked), picked[0].id
    (10, 'badiyeh-advance-east-of-tadmur')
    """
    events = list(events)
    keep = matching([e.start for e in events], [e.end for e in events], ([a.name for a in e.actors] for e in events),
                    since=since, until=until, actor=actor)
    return list(itertools.compress(events, keep))


def _days(values: Sequence[Any]) -> np.ndarray:
    """``values`` as days (``NaT`` where one is missing)."""
    days = pd.to_datetime(values if isinstance(values, pd.Series) else pd.Series(values, dtype=object))
    result: np.ndarray = days.to_numpy(dtype="datetime64[D]")
    return result


def _names(actors: Any) -> set[str]:
    """The case-folded names of an event's actors: a list of names, or a table's ``actors`` text."""
    if isinstance(actors, str):
        if actors.startswith("["):  # JSON: names with a side, or names the plain form cannot hold
            return {(a if isinstance(a, str) else a.get("name") or "").casefold() for a in json.loads(actors)}
        return set(actors.casefold().split(ACTOR_SEPARATOR))
    if isinstance(actors, Iterable):
        return {name.casefold() for name in actors}
    return set()  # a missing cell: None, NaN
