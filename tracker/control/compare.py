"""Claims about the same gain set side by side, each with its sources and grades, its rate per day,
and any assessed gain for the group's window.

Claims are grouped in one of two ways. Claims that name their gain (``gain:``, on an ``area`` or
``total_area`` claim) are grouped by that name and the actor, whatever their windows; two names
are never merged (names are compared without case, spaces collapsed). The ``total_area`` claims
that name none are grouped by actor and overlapping window. An ``area`` claim takes part only when
it names its gain: its actor is the record's first, its window the record's dates.

The spread of a group is its largest claimed rate per day over its smallest: claims over windows
of different lengths are normalised to the same window before they are compared. The groups do not
depend on the order of the records.

>>> from tracker.load import load_events
>>> (group,) = compare(load_events("events"))
>>> group.name, len(group.claims), round(group.spread, 2)
('Syrian Arab Army', 3, 3.95)
>>> compare([])
[]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..records.model import AreaClaim, Event, Source, TotalAreaClaim
from .gains import Gains, gains_between
from .layers import load_series


@dataclass(frozen=True)
class ClaimedGain:
    """One ``total_area`` claim, or an ``area`` claim that names its gain (``kind``): the record and
    claim index, the actor, the window, the area claimed in km², its sources, each as ``name grade``
    (``SANA D3``), and the gain it names, as written (``None`` when it names none)."""

    event_id: str
    index: int
    actor: str
    since: dt.date
    until: dt.date
    claimed_km2: float
    grades: tuple[str, ...]
    kind: str = "total_area"
    gain: str | None = None

    @property
    def days(self) -> int:
        """Days from the start of the window to its end (at least 1)."""
        return max((self.until - self.since).days, 1)

    @property
    def rate(self) -> float:
        """km² per day."""
        return self.claimed_km2 / self.days


@dataclass(frozen=True)
class GainGroup:
    """Claims of one actor over overlapping windows, or naming the same gain (``gain``, as the first
    claim by window writes it), largest rate first, and the assessed gains of each assessor over the
    group's whole window."""

    actor: str
    claims: tuple[ClaimedGain, ...]
    assessed: tuple[Gains, ...] = ()
    gain: str | None = None

    @property
    def name(self) -> str:
        """The actor, and the gain the group's claims name, if they do.

        >>> GainGroup("Syrian Arab Army", (), gain="grand-dawn").name
        'Syrian Arab Army (gain: grand-dawn)'
        """
        return self.actor if self.gain is None else f"{self.actor} (gain: {self.gain})"

    @property
    def since(self) -> dt.date:
        """The earliest start of a claim's window."""
        return min(claim.since for claim in self.claims)

    @property
    def until(self) -> dt.date:
        """The latest end of a claim's window."""
        return max(claim.until for claim in self.claims)

    @property
    def spread(self) -> float | None:
        """The largest rate per day over the smallest; ``None`` for a group of one claim."""
        if len(self.claims) < 2:
            return None
        rates = [claim.rate for claim in self.claims]
        return max(rates) / min(rates)

    def to_dict(self) -> dict[str, object]:
        """The group as JSON-ready data."""
        return {
            "actor": self.actor, "gain": self.gain, "since": self.since.isoformat(), "until": self.until.isoformat(),
            "spread": self.spread,
            "claims": [{"event": c.event_id, "claim": c.index, "kind": c.kind, "gain": c.gain,
                        "since": c.since.isoformat(), "until": c.until.isoformat(), "days": c.days,
                        "claimed_km2": c.claimed_km2, "km2_per_day": c.rate, "sources": list(c.grades)}
                       for c in self.claims],
            "assessed": [g.to_dict() for g in self.assessed],
        }


def grade(source: Source) -> str:
    """A source as ``name grade``: its publisher, else its web site, else its title.

    >>> grade(Source(publisher="SANA", reliability="D", credibility=3))
    'SANA D3'
    >>> grade(Source(url="https://www.example.org/a"))
    'example.org'
    """
    name = source.publisher or (urlsplit(source.url).netloc.removeprefix("www.") if source.url else None)
    code = f"{source.reliability or ''}{source.credibility or ''}"
    return f"{name or source.title} {code}".strip()


def gain_key(name: str) -> str:
    """The form in which two ``gain:`` names are compared: without case, spaces collapsed.

    >>> gain_key("  Grand   Dawn ") == gain_key("grand dawn")
    True
    """
    return " ".join(name.split()).casefold()


def claimed_gains(events: Iterable[Event]) -> list[ClaimedGain]:
    """Every ``total_area`` claim of ``events`` (its window ending on the event's last day when it
    names no end), and every ``area`` claim that names its gain (the record's first actor, over the
    record's dates)."""
    found = []
    for event in events:
        grades = tuple(grade(s) for s in event.sources)
        for index, claim in enumerate(event.claims):
            if isinstance(claim, TotalAreaClaim):
                found.append(ClaimedGain(event.id, index, claim.actor, claim.since, claim.until or event.end,
                                         claim.total_area.to("km^2"), grades, "total_area", claim.gain))
            elif isinstance(claim, AreaClaim) and claim.gain is not None:
                found.append(ClaimedGain(event.id, index, event.actors[0].name, event.start, event.end,
                                         claim.area.to("km^2"), grades, "area", claim.gain))
    return found


def _by_window(claim: ClaimedGain) -> tuple[dt.date, dt.date, str, int]:
    return claim.since, claim.until, claim.event_id, claim.index


def grouped(claims: Iterable[ClaimedGain]) -> list[list[ClaimedGain]]:
    """``claims`` in groups, each in window order: those naming a gain by actor and name, the others
    by actor and overlapping window."""
    named: dict[tuple[str, str], list[ClaimedGain]] = {}
    unnamed: dict[str, list[ClaimedGain]] = {}
    for claim in claims:
        if claim.gain is None:
            unnamed.setdefault(claim.actor.casefold(), []).append(claim)
        else:
            named.setdefault((claim.actor.casefold(), gain_key(claim.gain)), []).append(claim)
    groups = [sorted(members, key=_by_window) for members in named.values()]
    for members in unnamed.values():
        members.sort(key=_by_window)
        current: list[ClaimedGain] = []
        end = members[0].until
        for claim in members:
            if current and claim.since > end:
                groups.append(current)
                current = []
            end = max(end, claim.until) if current else claim.until
            current.append(claim)
        groups.append(current)
    return groups


def compare(events: Iterable[Event], control: str | Path | None = None) -> list[GainGroup]:
    """The claims of ``events`` grouped by the gain they name, else by actor and overlapping window,
    each group with the gains every assessor's layers in ``control`` give for its window; sorted by
    actor and date (the groups of named gains before the others of the same dates)."""
    result = []
    for members in grouped(claimed_gains(events)):
        first = members[0]
        claims = tuple(sorted(members, key=lambda c: (-c.rate, c.event_id, c.index)))
        group = GainGroup(first.actor, claims, gain=first.gain)
        result.append(GainGroup(group.actor, group.claims, _assessed(group, control), group.gain))
    return sorted(result, key=lambda g: (g.actor.casefold(), g.since, g.until, g.gain is None,
                                         gain_key(g.gain or "")))


def _assessed(group: GainGroup, control: str | Path | None) -> tuple[Gains, ...]:
    if control is None:
        return ()
    found = []
    for series in load_series(control, actor=group.actor):
        if series.layers and series.layers[0].date <= group.until:
            found.append(gains_between(series, group.since, group.until))
    return tuple(found)
