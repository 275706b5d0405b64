"""Places named in an article's text: names the gazetteer knows, and unknown names where places are
named ("in Ja'Din", "the Khneifis phosphate mines").

A name is a run of one to four capitalised words (or words in Arabic script, or joined by al-, ez-...):
the longest run the gazetteer knows wins. News agencies, people and the generic words of place names
are no places (:mod:`tracker.drafting.nonplaces`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from gazetteer.normalize import normalize

from .nonplaces import is_generic, not_a_place
from .spans import Spans

if TYPE_CHECKING:
    from gazetteer import Gazetteer, Match

Kind = Literal["place", "country", "capital", "region", "unknown"]

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


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the article: ``kind`` says whether the gazetteer knows it (``place``), it is a
    country (``country``, with its ISO code), the capital of one that the gazetteer does not hold
    (``capital``, with the country's code: "Washington"), a region that is no point (``region``), or an
    unknown name where places are named (``unknown``)."""

    text: str
    start: int
    sentence: int
    kind: Kind
    match: Match | None = None
    country: str | None = None


def gazetteer_places(text: str, sentence_of: Callable[[int], int], spans: Spans,
                     gazetteer: Gazetteer | None) -> Iterator[PlaceMention]:
    """Runs of one to four words, capitalised (or Arabic script, or joined by al-, ez-...), whose
    normalised form is a name in the gazetteer, outside ``spans`` (each found is added to them); the
    longest run wins. ``sentence_of`` gives the sentence of an offset."""
    from gazetteer import Gazetteer

    gazetteer = gazetteer or Gazetteer()
    keys = gazetteer.table.key_rows
    words = list(_WORD.finditer(text))
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        taken = _longest_name(words, index, text, keys, spans)
        if taken:
            start, end = words[index].start(), words[index + taken - 1].end()
            found.append((start, end))
            spans.add(start, end)
        else:
            taken = _unmatched_word(words, index, text, keys, spans, found)
        index += taken or 1
    if not found:
        return
    found = [_as_region(text, start, end, gazetteer, spans) for start, end in found]
    names = [text[a:b] for a, b in found]
    wanted = list(dict.fromkeys(names))
    answers = dict(zip(wanted, gazetteer.resolve_together(wanted, what="the article's other places"), strict=True))
    for (start, _end), name in zip(found, names, strict=True):
        yield PlaceMention(name, start, sentence_of(start), "place", match=answers[name])


#: A word after a name, or words before it, that make it a region: "Homs province", "the province of
#: Homs", "محافظة حمص".
_REGION_AFTER = re.compile(r"[ \t]+(?:governorate|province)\b", re.IGNORECASE)
_REGION_BEFORE = re.compile(r"(?:\b(?:the\s+)?(?:governorate|province)\s+of\s+|محافظة\s+)$", re.IGNORECASE)


def _as_region(text: str, start: int, end: int, gazetteer: Gazetteer, spans: Spans) -> tuple[int, int]:
    """The span of a name found at ``start:end``, widened to the words that ask for its region ("the
    province of Homs") when the gazetteer holds an administrative area of that name and level (a
    province: ADM1); else as it was."""
    after = _REGION_AFTER.match(text, end)
    before = _REGION_BEFORE.search(text, max(0, start - 40), start)
    if not (after or before):
        return start, end
    from gazetteer.context import is_region, region_word

    wide = (before.start() if before else start, after.end() if after else end)
    name, level = region_word(text[wide[0]:wide[1]])
    places = gazetteer.table.places
    if level is None or not any(places[i].feature.startswith("administrative area") and is_region(places[i], level)
                                for i in gazetteer.table.key_rows.get(normalize(name), ())):
        return start, end
    spans.add(*wide)
    return wide


def _longest_name(words: list[re.Match[str]], index: int, text: str, keys: dict[str, list[int]],
                  spans: Spans) -> int:
    """How many words from ``words[index]`` (four at most) make the longest name the gazetteer knows
    that is a place, outside ``spans``; 0 when none does."""
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
        return size
    return 0


def _unmatched_word(words: list[re.Match[str]], index: int, text: str, keys: dict[str, list[int]], spans: Spans,
                    found: list[tuple[int, int]]) -> int:
    """After no run from ``words[index]`` named a place: how many words to pass. A generic word and the
    name after it ("Tal Qarrah", which the gazetteer does not know) are passed together, never split
    into a place "Qarrah"; the parts of a hyphenated word ("Damascus-Baghdad highway") are places on
    their own, unless the word is no place (an outlet: "Al-Alam")."""
    word = words[index]
    if is_generic(word.group()) and index + 1 < len(words) and _name_like(words[index: index + 2], text):
        return 2
    if "-" in word.group() and not not_a_place(word.group(), text, word.start()):
        for part in re.finditer(r"[^\-]+", word.group()):
            start, end = word.start() + part.start(), word.start() + part.end()
            if (part.group()[0].isupper() and keys.get(normalize(part.group())) and not spans.overlaps(start, end)
                    and not not_a_place(part.group(), text, start)):
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


def unknown_places(text: str, sentence_of: Callable[[int], int], spans: Spans) -> Iterator[PlaceMention]:
    """Names the gazetteer does not know, where places are named ("the Khneifis phosphate mines", "near
    Ja'Din"), outside ``spans`` (each found is added to them)."""
    for match in _UNKNOWN_PLACE.finditer(text):
        name = match.group("name") or match.group("after")
        start = match.start("name") if match.group("name") else match.start("after")
        if name.lower() in _COMMON or spans.overlaps(start, start + len(name)):
            continue
        spans.add(start, start + len(name))
        yield PlaceMention(name, start, sentence_of(start), "unknown")
