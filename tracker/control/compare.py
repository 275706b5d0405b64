"""Claims about the same gain set side by side: grouped by actor and overlapping window, each with
its sources and grades, its rate per day, and any assessed gain for the group's window.

The spread of a group is its largest claimed rate per day over its smallest: claims over windows
of different lengths are normalised to the same window before they are compared.

>>> from tracker.load import load_events
>>> (group,) = compare(load_events("events"))
>>> group.actor, len(group.claims), round(group.spread, 2)
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

from ..records.model import Event, Source, TotalAreaClaim
from .gains import Gains, gains_between
from .layers import load_series


@dataclass(frozen=True)
class ClaimedGain:
    """One ``total_area`` claim: the record and claim index, the actor, the window, the area claimed
    in km² and its sources, each as ``name grade`` (``SANA D3``)."""

    event_id: str
    index: int
    actor: str
    since: dt.date
    until: dt.date
    claimed_km2: float
    grades: tuple[str, ...]

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
    """Claims of one actor over overlapping windows, largest rate first, and the assessed gains of
    each assessor over the group's whole window."""

    actor: str
    claims: tuple[ClaimedGain, ...]
    assessed: tuple[Gains, ...] = ()

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
            "actor": self.actor, "since": self.since.isoformat(), "until": self.until.isoformat(),
            "spread": self.spread,
            "claims": [{"event": c.event_id, "claim": c.index, "since": c.since.isoformat(),
                        "until": c.until.isoformat(), "days": c.days, "claimed_km2": c.claimed_km2,
                        "km2_per_day": c.rate, "sources": list(c.grades)} for c in self.claims],
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


def claimed_gains(events: Iterable[Event]) -> list[ClaimedGain]:
    """Every ``total_area`` claim of ``events`` (its window ending on the event's last day when it
    names no end)."""
    found = []
    for event in events:
        last = event.date.end if hasattr(event.date, "end") else event.date
        for index, claim in enumerate(event.claims):
            if isinstance(claim, TotalAreaClaim):
                found.append(ClaimedGain(event.id, index, claim.actor, claim.since, claim.until or last,
                                         claim.total_area.to("km^2"), tuple(grade(s) for s in event.sources)))
    return found


def compare(events: Iterable[Event], control: str | Path | None = None) -> list[GainGroup]:
    """The claims of ``events`` grouped by actor and overlapping window, each group with the
    gains every assessor's layers in ``control`` give for its window; sorted by actor and date."""
    by_actor: dict[str, list[ClaimedGain]] = {}
    for claim in claimed_gains(events):
        by_actor.setdefault(claim.actor.casefold(), []).append(claim)
    groups = []
    for claims in by_actor.values():
        claims.sort(key=lambda c: (c.since, c.until))
        current: list[ClaimedGain] = []
        for claim in claims:
            if current and claim.since > max(c.until for c in current):
                groups.append(current)
                current = []
            current.append(claim)
        groups.append(current)
    result = []
    for members in groups:
        group = GainGroup(members[0].actor, tuple(sorted(members, key=lambda c: -c.rate)))
        result.append(GainGroup(group.actor, group.claims, _assessed(group, control)))
    return sorted(result, key=lambda g: (g.actor.casefold(), g.since))


def _assessed(group: GainGroup, control: str | Path | None) -> tuple[Gains, ...]:
    if control is None:
        return ()
    found = []
    for series in load_series(control, actor=group.actor):
        if series.layers and series.layers[0].date <= group.until:
            found.append(gains_between(series, group.since, group.until))
    return tuple(found)
