"""Dates in an article: the days each date expression can mean.

A date written whole (``2017-06-08``, ``June 5, 2017``, ``March 2016``) means those days. One
without its year, or relative to the day the article appeared (``9 June``, ``on Friday``, ``last
month``, ``yesterday``), is counted from that day, and left unresolved without it: a day and month
are in the article's year, or the year before when that day is still to come; a weekday is the last
one on or before the article's day ("last Friday": before it); "two days ago" is that day, "three
weeks ago" the week around that day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..records.quantity import NUMBER_IN_TEXT, parse_number
from .spans import Spans

#: The first and last day an expression can mean, and whether it names one exact day.
DateSpan = tuple[dt.date | None, dt.date | None, bool]
_UNRESOLVED: DateSpan = (None, None, False)

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted((m for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("month day year", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
                                  re.I)),
    ("day month year", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+"
                                  r"(?P<year>(?:19|20)\d\d)\b",
                                  re.I)),
    ("month year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("day month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d)", re.I)),
    ("month day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d)", re.I)),
    ("this month", re.compile(rf"\b(?:this|last|next|early|late|mid-?|in)\s+{_MONTH}\b(?!\s+(?:of\s+)?\d)", re.I)),
    ("weekday", re.compile(r"\b(?:on|last|this|earlier on|late on|early on)\s+(?P<weekday>" + "|".join(_WEEKDAYS)
                           + r")\b", re.I)),
    ("ago", re.compile(rf"(?P<count>{NUMBER_IN_TEXT}|\ban?)\s+(?P<unit>days?|weeks?)\s+ago\b", re.I)),
    ("relative", re.compile(r"\b(?P<relative>yesterday|today|tonight|earlier this week|this week|last week|"
                            r"in the last month|in the past month|last month|this month|a few weeks ago|"
                            r"in recent days|over the weekend|this weekend|last weekend|a few days ago)\b", re.I)),
]


@dataclass(frozen=True)
class DateMention:
    """A date or a span of dates in the article, resolved against the publication date when it is
    relative ("on Friday", "last month"); ``start`` and ``end`` are ``None`` when it cannot be."""

    text: str
    start_at: int
    sentence: int
    start: dt.date | None
    end: dt.date | None
    exact: bool


def find_dates(text: str, sentence_of: Callable[[int], int], published: dt.date | None) -> Iterator[DateMention]:
    """The date expressions of ``text``, each with the days it means (``sentence_of`` gives the
    sentence of an offset), the first pattern to claim a piece of text winning."""
    spans = Spans()
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if spans.overlaps(match.start(), match.end()):
                continue
            spans.add(match.start(), match.end())
            start, end, exact = date_span(kind, match, published)
            yield DateMention(match.group(), match.start(), sentence_of(match.start()), start, end, exact)


def date_span(kind: str, match: re.Match[str], published: dt.date | None) -> DateSpan:
    """The first and last day the date expression ``match`` (of the pattern named ``kind``) can mean,
    and whether it names one exact day.

    >>> found = re.search(r"\\w+ (?P<weekday>friday)", "last Friday", re.I)
    >>> date_span("weekday", found, dt.date(2017, 6, 9))  # a Friday: the one a week before
    (datetime.date(2017, 6, 2), datetime.date(2017, 6, 2), True)
    """
    groups = match.groupdict()
    month = _MONTHS.get((groups.get("month") or "").lower().rstrip("."), 0)
    if kind in _WHOLE:
        try:
            return _WHOLE[kind](groups, month)
        except ValueError:  # a day the month does not have
            return _UNRESOLVED
    if published is None:
        return _UNRESOLVED
    return _COUNTED_FROM[kind](match.group().lower(), groups, month, published)


def _whole_month(year: int, month: int) -> DateSpan:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), False


def _one_day(day: dt.date) -> DateSpan:
    return day, day, True


def _iso(groups: dict[str, Any], _month: int) -> DateSpan:
    return _one_day(dt.date(int(groups["year"]), int(groups["m"]), int(groups["d"])))


def _day_month_year(groups: dict[str, Any], month: int) -> DateSpan:
    return _one_day(dt.date(int(groups["year"]), month, int(groups["day"])))


def _month_year(groups: dict[str, Any], month: int) -> DateSpan:
    return _whole_month(int(groups["year"]), month)


#: Expressions that name their year: they mean the same days whenever the article appeared.
_WHOLE: dict[str, Callable[[dict[str, Any], int], DateSpan]] = {
    "iso": _iso, "month day year": _day_month_year, "day month year": _day_month_year, "month year": _month_year,
}


def _day_month(_words: str, groups: dict[str, Any], month: int, published: dt.date) -> DateSpan:
    """A day and month: in the article's year, or the year before when that day is still to come."""
    year = published.year
    if (month, int(groups["day"])) > (published.month, published.day):
        year -= 1
    try:
        return _one_day(dt.date(year, month, int(groups["day"])))
    except ValueError:  # no such day that year (30 February; 29 February the year before a leap year)
        return _UNRESOLVED


def _named_month(words: str, _groups: dict[str, Any], month: int, published: dt.date) -> DateSpan:
    """'this June', 'last June', 'in June', 'early June': the last such month up to the article's;
    'next June': the next one from it."""
    if words.startswith("next"):
        return _whole_month(published.year if month >= published.month else published.year + 1, month)
    return _whole_month(published.year if month <= published.month else published.year - 1, month)


def _weekday(words: str, groups: dict[str, Any], _month: int, published: dt.date) -> DateSpan:
    """The last such weekday on or before the article's day ('last Friday': before it)."""
    back = (published.weekday() - _WEEKDAYS[groups["weekday"].lower()]) % 7
    if words.startswith("last") and back == 0:
        back = 7
    return _one_day(published - dt.timedelta(days=back))


def _relative(_words: str, groups: dict[str, Any], _month: int, published: dt.date) -> DateSpan:
    """'yesterday', 'last week', 'in recent days'...: a span of days counted back from the article's."""
    relative = groups["relative"].lower()
    weekday = published.weekday()
    sunday = (weekday - 6) % 7  # days back to the last Sunday (0 on a Sunday)
    back_start, back_end = {
        "yesterday": (1, 1), "today": (0, 0), "tonight": (0, 0), "earlier this week": (weekday, 0),
        "this week": (weekday, 0), "last week": (weekday + 7, weekday + 1),
        "in the last month": (30, 0), "in the past month": (30, 0), "last month": (30, 0),
        "this month": (published.day - 1, 0), "a few weeks ago": (35, 7), "in recent days": (7, 0),
        "over the weekend": (sunday + 1, sunday), "this weekend": (sunday + 1, sunday),
        "last weekend": (sunday + 1, sunday),
        "a few days ago": (6, 1),
    }[relative]
    exact = relative in ("yesterday", "today", "tonight")
    return published - dt.timedelta(days=back_start), published - dt.timedelta(days=back_end), exact


def _ago(_words: str, groups: dict[str, Any], _month: int, published: dt.date) -> DateSpan:
    """'two days ago': that day; 'three weeks ago': the week around that day (three days either side)."""
    try:
        count = 1.0 if groups["count"].lower() in ("a", "an") else parse_number(groups["count"])
        if not count.is_integer():
            return _UNRESOLVED
        if groups["unit"].lower().startswith("day"):
            return _one_day(published - dt.timedelta(days=count))
        day = published - dt.timedelta(days=7 * count)
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3), False
    except (ValueError, OverflowError):  # a number too large for a float, or a day before the year 1
        return _UNRESOLVED


#: Expressions counted from the day the article appeared.
_COUNTED_FROM: dict[str, Callable[[str, dict[str, Any], int, dt.date], DateSpan]] = {
    "day month": _day_month, "month day": _day_month, "this month": _named_month, "weekday": _weekday,
    "ago": _ago, "relative": _relative,
}
