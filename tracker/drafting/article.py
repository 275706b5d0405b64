"""Reading a news article: its text, its sentences, and what it mentions.

:func:`read_article` turns plain text or HTML into a :class:`Article`: its sentences, and each mention
of a place (through the gazetteer, plus countries and regions), an actor, a quantity (areas,
distances, counts of fighters...) and a date, with where it stands in the text. ``tracker draft``
builds its draft from these; nothing here guesses what the article means.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from ..records.quantity import NUMBER_IN_TEXT, parse_number, parse_quantity
from .markup import article_text as article_text  # part of this module's interface too

if TYPE_CHECKING:
    from gazetteer import Gazetteer, Match

NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "names.yaml"

#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "u.s", "u.k", "u.n", "u.s.a", "a.m", "p.m", "col", "gen", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr",
        "st", "no", "vs", "e.g", "i.e", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec",
    ]
)
_LONGEST_ABBREVIATION = max(len(word) for word in _ABBREVIATIONS)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[•*-]?[A-Z0-9\u0600-\u06FF])|\n[ \t]*\n+(?=\s*\S)")
_WORD = re.compile(r"[^\W\d_](?:[\w'’\-\u0600-\u06FF]*[\w\u0600-\u06FF])?", re.UNICODE)
_PARTICLES = frozenset(
    [
        "al", "as", "ad", "an", "ar", "at", "az", "ash", "el", "ez", "ed", "es", "et", "ul", "of", "de", "bin", "ibn",
        "abu"
    ]
)
#: Words that begin many sentences with a capital; never a place on their own.
_COMMON = frozenset(
    [
        "a", "about", "after", "against", "all", "also", "an", "and", "another", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "during",
        "each", "either", "even", "every", "few", "for", "from", "further", "had", "has", "have", "he", "her", "here",
        "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "last", "many", "may", "might",
        "more", "most", "much", "must", "near", "neither", "new", "next", "no", "none", "nor", "not", "now", "of", "on",
        "once", "one", "only", "or", "other", "our", "out", "over", "own", "per", "perhaps", "since", "so", "some",
        "still", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
        "though", "through", "thus", "to", "today", "too", "under", "until", "up", "upon", "very", "was", "we", "were",
        "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
        "would", "yesterday", "yet", "you", "your", "according", "sources", "source", "reports", "report", "read",
        "more", "related", "view", "comments", "share", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "breaking", "update", "news", "confirmed",
    ]
)
_PLACE_NOUNS = (
    r"river|valley|field|fields|oilfield|gasfield|base|airbase|air base|airport|mine|mines|phosphate|oil|gas|"
    r"region|province|governorate|district|village|town|city|desert|mountain|mountains|hills|crossing|dam|"
    r"lake|camp|checkpoint|highway|road|station"
)
_UNKNOWN_PLACE = re.compile(
    rf"\b(?:the\s+)(?P<name>(?:[A-Z][\w'’]+)(?:\s+[A-Z][\w'’]+){{0,2}})\s+(?:{_PLACE_NOUNS})\b"
    r"|\b(?:in|near|towards|toward|outside|around|into|(?:town|village|city|area|district|province) of)\s+"
    r"(?P<after>(?:al-|ad-|as-|ar-|at-|el-)?[A-Z][\w'’\-]+"
    r"(?:\s+(?:al-|ad-|as-|ar-|at-|el-|ez-)?[A-Z][\w'’\-]+){0,2})"
)

_NUMBER = rf"(?P<number>{NUMBER_IN_TEXT})"


_AREA_UNITS = (
    r"square\s+(?:kilometers|kilometres|kilometer|kilometre|km|miles|mile|mi|meters|metres)|"
    r"sq\.?\s*(?:km|mi|miles)|km2|km²|hectares|hectare|ha|acres|dunams|dunums"
)
_LENGTH_UNITS = r"kilometers|kilometres|kilometer|kilometre|km|miles|mile|mi|nautical\s+miles|nmi|meters|metres"
_MEASURE = re.compile(
    rf"{_NUMBER}(?:\s*|-)(?P<unit>{_AREA_UNITS}|{_LENGTH_UNITS})(?![\w²])", re.IGNORECASE
)
_COUNTED = (
    r"fighters|militants|jihadists|troops|soldiers|servicemen|personnel|civilians|people|rebels|members|"
    r"insurgents|tanks|vehicles|jets|aircraft|airstrikes|air strikes|strikes|missiles|rockets|dead|killed|"
    r"casualties|wounded|families|refugees|prisoners|hostages|families|villages|towns"
)
#: Units of time: "3 days of air strikes" counts days, not strikes.
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?)"
#: Words that are a number of their own: in "2016 Dozens of civilians", 2016 counts nothing.
_AMOUNTS = r"(?:dozens?|scores?|tens|hundreds|thousands|millions)"
#: A word between a number and what it counts ("4,000 ISIS fighters"): no unit of time, no other
#: number.
_BETWEEN = rf"(?!(?:{_TIME_UNITS}|{_AMOUNTS})\b|\d)[\w'’\-]+\s+"
_COUNT = re.compile(
    rf"{_NUMBER}\s+(?P<between>(?:{_BETWEEN}){{0,2}}?)(?P<noun>{_COUNTED})\b", re.IGNORECASE
)
#: A year, as a count's number could be: four digits, 1900 to 2099.
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Words before a number that make it a year ("in 2016 civilians fled").
_BEFORE_YEAR = re.compile(
    r"\b(?:in|since|until|till|during|throughout|early|late|mid-?|spring|summer|autumn|fall|winter)\s*$", re.I
)

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
    ("relative", re.compile(r"\b(?P<relative>yesterday|today|tonight|earlier this week|this week|last week|"
                            r"in the last month|in the past month|last month|this month|a few weeks ago|"
                            r"in recent days|over the weekend|this weekend|last weekend|a few days ago)\b", re.I)),
]

Kind = Literal["place", "country", "region", "unknown"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, and where it starts in the article's text."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the article: ``kind`` says whether the gazetteer knows it (``place``), it is a
    country (``country``, with its ISO code), a region that is no point (``region``), or an unknown
    name where places are named (``unknown``)."""

    text: str
    start: int
    sentence: int
    kind: Kind
    match: Match | None = None
    country: str | None = None


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the article, with the name records use for it."""

    text: str
    start: int
    sentence: int
    actor: str


@dataclass(frozen=True)
class QuantityMention:
    """A quantity that can become a claim: an ``area`` or a ``distance`` (``value`` in the text's unit,
    ``quantity`` the claim's text, such as ``1400 km2``), or a ``count`` of ``noun``."""

    text: str
    start: int
    sentence: int
    kind: Literal["area", "distance", "count"]
    value: float
    quantity: str
    noun: str | None = None


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


@dataclass(frozen=True)
class Article:
    """An article's text, its sentences and what it mentions, in order of appearance."""

    text: str
    title: str | None
    sentences: tuple[Sentence, ...]
    places: tuple[PlaceMention, ...] = field(default=())
    actors: tuple[ActorMention, ...] = field(default=())
    quantities: tuple[QuantityMention, ...] = field(default=())
    dates: tuple[DateMention, ...] = field(default=())

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding the character at ``offset``."""
        return min(bisect.bisect_right(self._ends, offset), len(self.sentences) - 1)

    @cached_property
    def _ends(self) -> list[int]:
        return [sentence.end for sentence in self.sentences]

    def in_sentence(self, index: int) -> Mentions:
        """What sentence ``index`` mentions (each kind in order of appearance), found without going
        through the whole article again.

        >>> article = read_article("ISIS lost 20 km2. Syrian troops advanced 15 km.")
        >>> [q.text for q in article.in_sentence(1).quantities]
        ['15 km']
        """
        return self._by_sentence.get(index, _NOTHING)

    @cached_property
    def _by_sentence(self) -> dict[int, Mentions]:
        found: dict[int, dict[str, list[Any]]] = {}
        for kind in ("places", "actors", "quantities", "dates"):
            for mention in getattr(self, kind):
                found.setdefault(mention.sentence, {}).setdefault(kind, []).append(mention)
        return {index: Mentions(**{kind: tuple(items) for kind, items in kinds.items()})
                for index, kinds in found.items()}


@dataclass(frozen=True)
class Mentions:
    """What one sentence mentions."""

    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    quantities: tuple[QuantityMention, ...] = ()
    dates: tuple[DateMention, ...] = ()


_NOTHING = Mentions()


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``: split after . ! ? before a capital (not after U.S., Gen. and the
    like), and at blank lines before a capital.

    >>> [s.text for s in split_sentences("U.S. forces struck. Col. Gen. Surovikin spoke.\\n\\nA new one")]
    ['U.S. forces struck.', 'Col. Gen. Surovikin spoke.', 'A new one']
    >>> [s.text for s in split_sentences("dealt with by U.S.\\n\\nair strikes in the zone.")]
    ['dealt with by U.S.\\n\\nair strikes in the zone.']
    """
    sentences: list[Sentence] = []
    start = 0
    for found in _SENTENCE_END.finditer(text):
        cut = found.end()
        if found.group().startswith("."):
            # the word before the full stop, read from a short window: an abbreviation is short, and a
            # sentence held together by many of them is not read again from its start at each one
            window = max(start, found.start() - _LONGEST_ABBREVIATION - 1)
            word = re.search(r"([\w.]+)\.$", text[window: found.start() + 1])
            if word and (word.start() > 0 or window == start) and word.group(1).lower() in _ABBREVIATIONS:
                continue
        if found.group().startswith("\n") and not re.match(r"\s*[\"'“‘(\[•*-]?[A-Z0-9\u0600-\u06FF]", text[cut:]):
            continue
        _add(sentences, text, start, cut)
        start = cut
    _add(sentences, text, start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        sentences.append(Sentence(stripped, start + piece.index(stripped)))


@cache
def _names() -> dict[str, Any]:
    with NAMES_FILE.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


def _alternation(names: list[str]) -> str:
    parts = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(name) for name in parts)


@cache
def _actor_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Two patterns and the record name of each alias (in lower case). Names in capitals (ISIS) and
    single words ('Coalition', 'rebels') are matched as written, or with a capital first letter (so
    'the Syrian opposition coalition' is no US-led coalition); longer names in any case."""
    capitals: list[str] = []
    others: list[str] = []
    record_names: dict[str, str] = {}
    for actor, aliases in _names()["actors"].items():
        for alias in aliases:
            if alias.isupper() or " " not in alias:
                capitals += [alias, alias[:1].upper() + alias[1:]]
            else:
                others.append(alias)
            record_names[alias.lower()] = actor
    left, right = r"(?<![\w\-.])", r"(?!\w)(?!-(?!(?:held|controlled|backed|led|allied|linked|aligned)\b)\w)"
    return (
        re.compile(rf"{left}(?:{_alternation(capitals)}){right}"),
        re.compile(rf"{left}(?:{_alternation(others)}){right}", re.IGNORECASE),
        record_names,
    )


@cache
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for country names (as written, or all in capitals) and the ISO code of each."""
    import pycountry

    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                codes[name] = country.alpha_2
    for code, aliases in _names()["countries"].items():
        for alias in aliases:
            codes[alias] = code
    for name, code in list(codes.items()):
        if len(name) >= 4 and not name.isupper():
            codes[name.upper()] = code
    pattern = re.compile(rf"(?<![\w\-.])(?:{_alternation(list(codes))})(?![\w\-]|\.\w)")
    return pattern, codes


@cache
def _region_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w\-])(?:{_alternation(_names()['regions'])})(?![\w\-])")


def read_article(raw: str, *, published: dt.date | None = None, gazetteer: Gazetteer | None = None) -> Article:
    """Read an article (plain text or HTML) and find what it mentions.

    ``published`` is the date the article appeared: relative dates ("on Friday", "last month") are
    resolved against it, and left unresolved without it.

    >>> article = read_article("Syrian troops are within 15 miles of al-Tanf, near the Iraqi border. "
    ...                        "ISIS lost 1,400 square kilometers east of Tadmur.", published=dt.date(2017, 5, 20))
    >>> [(p.text, p.kind) for p in article.places]
    [('al-Tanf', 'place'), ('Tadmur', 'place')]
    >>> [(a.text, a.actor) for a in article.actors]
    [('Syrian troops', 'Syrian Arab Army'), ('ISIS', 'Islamic State')]
    >>> [(q.text, q.kind, q.quantity) for q in article.quantities]
    [('15 miles', 'distance', '15 miles'), ('1,400 square kilometers', 'area', '1400 square kilometers')]
    """
    text, title = article_text(raw)
    sentences = split_sentences(text)
    article = Article(text, title, tuple(sentences))
    actors = list(_find_actors(article))
    countries = _country_pattern()[0]
    taken = [(a.start, a.start + len(a.text)) for a in actors if not countries.fullmatch(a.text)]
    places = list(_find_places(article, taken, gazetteer))
    dates = sorted(_find_dates(article, published), key=lambda m: m.start_at)
    date_spans = _Spans([(d.start_at, d.start_at + len(d.text)) for d in dates])
    return Article(
        text, title, tuple(sentences),
        places=tuple(sorted(places, key=lambda m: m.start)),
        actors=tuple(actors),
        quantities=tuple(sorted(_find_quantities(article, date_spans), key=lambda m: m.start)),
        dates=tuple(dates),
    )


class _Spans:
    """Non-overlapping spans of the text, kept sorted, so an overlap test costs a bisection."""

    def __init__(self, spans: list[tuple[int, int]] | None = None):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans or []:
            if not self.overlaps(start, end):
                self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        if index and self.ends[index - 1] > start:
            return True
        return index < len(self.starts) and self.starts[index] < end

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_right(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def _find_actors(article: Article) -> Iterator[ActorMention]:
    capitals, others, record_names = _actor_patterns()
    found: list[tuple[int, int, str]] = []
    taken = _Spans()
    for pattern in (capitals, others):
        for match in pattern.finditer(article.text):
            if not taken.overlaps(match.start(), match.end()) and not _shouted(article.text, match):
                taken.add(match.start(), match.end())
                found.append((match.start(), match.end(), match.group()))
    for start, _end, text in sorted(found):
        yield ActorMention(text, start, article.sentence_of(start), record_names[text.lower()])


def _shouted(text: str, match: re.Match[str]) -> bool:
    """Whether a short name in capitals ('IS') stands among words in capitals ('WHAT IS KNOWN'), where
    it is an ordinary word."""
    if len(match.group()) > 3 or not match.group().isupper():
        return False
    before = re.findall(r"[^\W\d_]+", text[max(0, match.start() - 30): match.start()])[-1:]
    after = re.findall(r"[^\W\d_]+", text[match.end(): match.end() + 30])[:1]
    return any(word.isupper() and len(word) > 1 for word in before + after)


def _find_places(article: Article, taken: list[tuple[int, int]], gazetteer: Gazetteer | None) -> Iterator[PlaceMention]:
    text = article.text
    spans = _Spans(taken)
    country_pattern, codes = _country_pattern()
    for match in _region_pattern().finditer(text):
        if not spans.overlaps(match.start(), match.end()):
            spans.add(match.start(), match.end())
            yield PlaceMention(match.group(), match.start(), article.sentence_of(match.start()), "region")
    for match in country_pattern.finditer(text):
        if not spans.overlaps(match.start(), match.end()):
            spans.add(match.start(), match.end())
            yield PlaceMention(match.group(), match.start(), article.sentence_of(match.start()), "country",
                               country=codes[match.group()])
    yield from _gazetteer_places(article, spans, gazetteer)
    for match in _UNKNOWN_PLACE.finditer(text):
        name = match.group("name") or match.group("after")
        start = match.start("name") if match.group("name") else match.start("after")
        if name.lower() in _COMMON or spans.overlaps(start, start + len(name)):
            continue
        spans.add(start, start + len(name))
        yield PlaceMention(name, start, article.sentence_of(start), "unknown")


def _gazetteer_places(article: Article, spans: _Spans, gazetteer: Gazetteer | None) -> Iterator[PlaceMention]:
    """Runs of one to four words, capitalised (or Arabic script, or joined by al-, ez-...), whose
    normalised form is a name in the gazetteer; the longest run wins."""
    from gazetteer import Gazetteer
    from gazetteer.normalize import normalize

    from .nonplaces import not_a_place

    gazetteer = gazetteer or Gazetteer()
    keys = gazetteer.table.key_rows
    text = article.text
    words = list(_WORD.finditer(text))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        taken = 0
        for size in (4, 3, 2, 1):
            run = words[index: index + size]
            if len(run) < size or not _name_like(run, text):
                continue
            start, end = run[0].start(), run[-1].end()
            name = text[start:end]
            if size == 1 and name.lower() in _COMMON:
                continue
            if spans.overlaps(start, end) or not keys.get(normalize(name)) or not_a_place(name, text, start):
                continue
            found.append((start, end))
            spans.add(start, end)
            taken = size
            break
        if not taken:
            taken = _unmatched_word(words, index, text, keys, spans, found)
        index += taken or 1
    if not found:
        return
    names = [text[a:b] for a, b in found]
    wanted = list(dict.fromkeys(names))
    answers = dict(zip(wanted, gazetteer.resolve_together(wanted, what="the article's other places"), strict=True))
    for (start, _end), name in zip(found, names, strict=True):
        yield PlaceMention(name, start, article.sentence_of(start), "place", match=answers[name])


def _unmatched_word(words: list[re.Match[str]], index: int, text: str, keys: dict[str, list[int]], spans: _Spans,
                    found: list[tuple[int, int]]) -> int:
    """After no run from ``words[index]`` named a place: how many words to pass. A generic word and the
    name after it ("Tal Qarrah", which the gazetteer does not know) are passed together, never split
    into a place "Qarrah"; the parts of a hyphenated word ("Damascus-Baghdad highway") are places on
    their own, unless the word is no place (an outlet: "Al-Alam")."""
    from gazetteer.normalize import normalize

    from .nonplaces import is_generic, not_a_place

    word = words[index]
    if is_generic(word.group()) and index + 1 < len(words) and _name_like(words[index: index + 2], text):
        return 2
    if "-" in word.group() and not not_a_place(word.group(), text, word.start()):
        for part in re.finditer(r"[^\-]+", word.group()):
            start, end = word.start() + part.start(), word.start() + part.end()
            if part.group()[0].isupper() and keys.get(normalize(part.group())) and not spans.overlaps(start, end):
                found.append((start, end))
                spans.add(start, end)
    return 1


def _name_like(run: list[re.Match[str]], text: str) -> bool:
    """Whether consecutive words look like one name: each capitalised, in Arabic script, or a particle
    (al, ez...) or hyphenated with one, separated by single spaces or hyphens."""
    for position, word in enumerate(run):
        value = word.group()
        if position and text[run[position - 1].end(): word.start()] not in (" ", "-"):
            return False
        head = value.split("-")[0]
        arabic = "\u0600" <= value[0] <= "\u06ff"
        capital = value[0].isupper()
        particle = head.lower() in _PARTICLES and ("-" in value or 0 < position < len(run) - 1)
        if not (arabic or capital or particle):
            return False
    last = run[-1].group()
    return last[0].isupper() or "\u0600" <= last[0] <= "\u06ff" or "-" in last


def _find_quantities(article: Article, dates: _Spans) -> Iterator[QuantityMention]:
    """The areas, distances and counts of ``article``; ``dates`` holds where its dates are, whose
    years count nothing."""
    text = article.text
    for match in _MEASURE.finditer(text):
        try:
            value = parse_number(match.group("number"))
        except ValueError:  # too large for a float
            continue
        unit = re.sub(r"\s+", " ", match.group("unit"))
        number = str(int(value)) if value.is_integer() else str(value)
        try:
            quantity = parse_quantity(f"{number} {unit}")
        except ValueError:
            continue
        kind: Literal["area", "distance"] = "area" if quantity.dimension == "area" else "distance"
        yield QuantityMention(match.group(), match.start(), article.sentence_of(match.start()), kind,
                              value, f"{number} {unit}")
    for match in _COUNT.finditer(text):
        between = match.group("between")
        if re.search(r"[.,;:]", between) or re.search(rf"\b(?:{_AREA_UNITS}|{_LENGTH_UNITS})\b", between, re.I):
            continue
        if _a_year(text, match, dates):
            continue
        try:
            value = parse_number(match.group("number"))
        except ValueError:  # too large for a float
            continue
        noun = match.group("noun").lower()
        yield QuantityMention(match.group(), match.start(), article.sentence_of(match.start()), "count",
                              value, str(int(value)) if value.is_integer() else str(value), noun)


def _a_year(text: str, match: re.Match[str], dates: _Spans) -> bool:
    """Whether the number of a count's ``match`` is a year: part of a date, or four digits after a
    word of time ("since 2016")."""
    start, end = match.span("number")
    if dates.overlaps(start, end):
        return True
    return bool(_YEAR.fullmatch(match.group("number")) and _BEFORE_YEAR.search(text[max(0, start - 20): start]))


def _find_dates(article: Article, published: dt.date | None) -> Iterator[DateMention]:
    spans = _Spans()
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(article.text):
            if spans.overlaps(match.start(), match.end()):
                continue
            spans.add(match.start(), match.end())
            start, end, exact = _date_span(kind, match, published)
            yield DateMention(match.group(), match.start(), article.sentence_of(match.start()), start, end, exact)


def _date_span(
    kind: str, match: re.Match[str], published: dt.date | None
) -> tuple[dt.date | None, dt.date | None, bool]:
    """The first and last day a date expression can mean, and whether it names one exact day."""
    groups = match.groupdict()
    month = _MONTHS.get((groups.get("month") or "").lower().rstrip("."))
    try:
        if kind == "iso":
            day = dt.date(int(groups["year"]), int(groups["m"]), int(groups["d"]))
            return day, day, True
        if kind in ("month day year", "day month year") and month:
            day = dt.date(int(groups["year"]), month, int(groups["day"]))
            return day, day, True
        if kind == "month year" and month:
            year = int(groups["year"])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), False
    except ValueError:
        return None, None, False
    if published is None:
        return None, None, False
    if kind in ("month day", "day month") and month:
        try:
            day = dt.date(published.year, month, int(groups["day"]))
        except ValueError:
            return None, None, False
        if day > published:
            day = day.replace(year=published.year - 1)
        return day, day, True
    if kind == "this month" and month:
        year = published.year if month <= published.month else published.year - 1
        words = match.group().lower()
        if words.startswith("next"):
            year = published.year if month >= published.month else published.year + 1
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), False
    if kind == "weekday":
        weekday = _WEEKDAYS[groups["weekday"].lower()]
        back = (published.weekday() - weekday) % 7
        if match.group().lower().startswith("last") and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
        return day, day, True
    relative = (groups.get("relative") or "").lower()
    sunday = (published.weekday() - 6) % 7  # days back to the last Sunday (0 on a Sunday)
    spans = {
        "yesterday": (1, 1), "today": (0, 0), "tonight": (0, 0), "earlier this week": (published.weekday(), 0),
        "this week": (published.weekday(), 0), "last week": (published.weekday() + 7, published.weekday() + 1),
        "in the last month": (30, 0), "in the past month": (30, 0), "last month": (30, 0),
        "this month": (published.day - 1, 0), "a few weeks ago": (35, 7), "in recent days": (7, 0),
        "over the weekend": (sunday + 1, sunday), "this weekend": (sunday + 1, sunday),
        "last weekend": (sunday + 1, sunday),
        "a few days ago": (6, 1),
    }
    if relative in spans:
        back_start, back_end = spans[relative]
        return published - dt.timedelta(days=back_start), published - dt.timedelta(days=back_end), relative in (
            "yesterday", "today", "tonight")
    return None, None, False
