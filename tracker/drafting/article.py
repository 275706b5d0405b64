"""Reading a news article: its text, its sentences, and what it mentions.

:func:`read_article` turns plain text or HTML into a :class:`Article`: its sentences, and each mention
of a place (through the gazetteer, plus countries and regions), an actor, a quantity (areas,
distances, counts of fighters...) and a date, with where it stands in the text. ``tracker draft``
builds its draft from these; nothing here guesses what the article means.

Actors, countries and regions are found here, from the names in ``tracker/data/names.yaml``; the
sentences (:mod:`.sentences`), the places the gazetteer knows (:mod:`.places`), the quantities
(:mod:`.quantities`) and the dates (:mod:`.dates`) in the modules named.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .dates import DateMention as DateMention
from .dates import find_dates
from .markup import article_text as article_text  # part of this module's interface too
from .nonplaces import not_a_place
from .places import Kind as Kind
from .places import PlaceMention as PlaceMention
from .places import gazetteer_places, unknown_places
from .quantities import QuantityMention as QuantityMention
from .quantities import find_quantities
from .sentences import Sentence as Sentence
from .sentences import split_sentences as split_sentences
from .spans import Spans

if TYPE_CHECKING:
    from gazetteer import Gazetteer

NAMES_FILE = Path(__file__).resolve().parent.parent / "data" / "names.yaml"


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the article, with the name records use for it."""

    text: str
    start: int
    sentence: int
    actor: str


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
    """A pattern for country names (ISO 3166's and the country table's, as written or all in capitals)
    and the ISO code of each."""
    import pycountry

    from gazetteer.countries import TABLE

    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                codes[name] = country.alpha_2
    for known in TABLE:
        for name in known.names:
            codes[name] = known.alpha2
    for name, code in list(codes.items()):
        if len(name) >= 4 and not name.isupper():
            codes[name.upper()] = code
    pattern = re.compile(rf"(?<![\w\-.])(?:{_alternation(list(codes))})(?![\w\-]|\.\w)")
    return pattern, codes


#: Words of the compass that make one region of a larger one ("Southwest Asia", "Eastern Mediterranean").
_COMPASS = ("North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest", "Northern",
            "Southern", "Eastern", "Western", "Central")


@cache
def _region_pattern() -> re.Pattern[str]:
    """A pattern for the regions of ``names.yaml``, as written or all in capitals (a dateline's
    "SOUTHWEST ASIA"), with a word of the compass before them or not."""
    regions: list[str] = _names()["regions"]
    capitals = [r.upper() for r in regions if len(r) >= 4]
    forms = [rf"(?:(?:{_alternation(list(compass))})\s+)?(?:{_alternation(names)})"
             for names, compass in ((regions, _COMPASS), (capitals, [c.upper() for c in _COMPASS]))]
    return re.compile(rf"(?<![\w\-])(?:{'|'.join(forms)})(?![\w\-])")


@cache
def _capital_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern for the capitals of the country table (as written or all in capitals) and the ISO
    code of each one's country."""
    from gazetteer.countries import CAPITALS

    codes = {name: code for code, names in CAPITALS.items() for name in names}
    codes.update({name.upper(): code for name, code in list(codes.items())})
    return re.compile(rf"(?<![\w\-.])(?:{_alternation(list(codes))})(?![\w\-]|\.\w)"), codes


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
    dates = sorted(find_dates(text, article.sentence_of, published), key=lambda m: m.start_at)
    date_spans = Spans([(d.start_at, d.start_at + len(d.text)) for d in dates])
    return Article(
        text, title, tuple(sentences),
        places=tuple(sorted(places, key=lambda m: m.start)),
        actors=tuple(actors),
        quantities=tuple(sorted(find_quantities(text, article.sentence_of, date_spans), key=lambda m: m.start)),
        dates=tuple(dates),
    )


def _find_actors(article: Article) -> Iterator[ActorMention]:
    capitals, others, record_names = _actor_patterns()
    found: list[tuple[int, int, str]] = []
    taken = Spans()
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
    spans = Spans(taken)
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
    yield from gazetteer_places(text, article.sentence_of, spans, gazetteer)
    capitals, capital_codes = _capital_pattern()
    for match in capitals.finditer(text):  # the capitals the gazetteer does not hold ("Washington")
        if not spans.overlaps(match.start(), match.end()) and not not_a_place(match.group(), text, match.start()):
            spans.add(match.start(), match.end())
            yield PlaceMention(match.group(), match.start(), article.sentence_of(match.start()), "capital",
                               country=capital_codes[match.group()])
    yield from unknown_places(text, article.sentence_of, spans)
