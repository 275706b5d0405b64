"""Claims that name another record by its id: the id must be one of the records read.

>>> nearest_ids("al-tanf-zone", ["al-tanf-deconfliction-zone", "badiyeh-advance-2017-06"])
['al-tanf-deconfliction-zone']
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import Problem
from ..records.diagnostics import field_path
from ..records.model import InsideClaim
from ..records.yaml import position

if TYPE_CHECKING:
    from ..records.collection import EventCollection


def nearest_ids(wanted: str, known: Iterable[str], count: int = 3) -> list[str]:
    """The ids of ``known`` that read most like ``wanted``, nearest first (at most ``count``).

    >>> nearest_ids("badiyeh-advance", ["badiyeh-advance-2017-06", "badiyeh-advance-2017-05", "tadmur-2016"])
    ['badiyeh-advance-2017-06', 'badiyeh-advance-2017-05']
    >>> nearest_ids("raqqa", ["badiyeh-advance-2017-06"])
    []
    """
    return difflib.get_close_matches(wanted, list(known), n=count, cutoff=0.5)


def unknown_references(events: EventCollection, texts: dict[str, str] | None = None) -> list[Problem]:
    """A problem for each ``inside:`` claim naming neither a record read nor a shipped country.

    >>> from tracker.records.collection import EventCollection
    >>> from tracker.records.model import Event
    >>> def record(id, claims):
    ...     return Event.model_validate({"id": id, "date": "2017-06-08", "title": "T", "type": "Battles",
    ...                                  "actors": ["X"], "location": "Tadmur", "claims": claims})
    >>> events = EventCollection([record("al-tanf-deconfliction-zone", []),
    ...     record("b", [{"inside": "al-tanf-zone"}, {"inside": "Iraq"}, {"inside": "al-tanf-deconfliction-zone"}])])
    >>> for problem in unknown_references(events):
    ...     print(problem)
    <memory>: claims[0].inside: 'al-tanf-zone' is neither the id of a record read nor a shipped country; did you
    mean 'al-tanf-deconfliction-zone'?
    """
    from .geodesy import country_named

    ids = [event.id for event in events]
    known = frozenset(ids)
    problems = []
    for event in events:
        for index, claim in enumerate(event.claims):
            if not isinstance(claim, InsideClaim) or claim.inside in known or country_named(claim.inside):
                continue
            near = nearest_ids(claim.inside, ids)
            hint = (f"; did you mean {' or '.join(repr(i) for i in near)}?" if near
                    else "; give the id of a record with an area, or a country's name")
            origin = events.origin(event.id)
            path = ("claims", index, "inside")
            line, column = position(origin, path, text=(texts or {}).get(origin.file))
            problems.append(Problem(origin.file, line, column, field_path(path),
                                    f"{claim.inside!r} is neither the id of a record read nor a shipped country"
                                    + hint))
    return problems
