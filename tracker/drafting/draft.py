"""Drafting records from an article, for a person to finish.

:func:`draft_events` reads an article (see :mod:`tracker.drafting.article`) and proposes one record per sentence
that makes a claim (an area, a distance, a count, a direction, a border reached, a zone entered) or
tells of an event (an actor doing something at a place). Every claim carries its sentence as quote.
What the article does not settle (a title, an ambiguous or unknown place, a source's grade) is written
as a ``«REVIEW»`` mark: a record still holding one is not valid, so nothing unfinished can be added.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from gazetteer.countries import TABLE as COUNTRY_TABLE
from gazetteer.kinds import region_sized

from ..errors import InputTooLarge, ReadError
from ..records.vocabulary import EVENT_TYPES
from ..records.yaml import DRAFT_MARK
from ..text import open_regular
from .article import Article, PlaceMention, QuantityMention, read_article
from .markup import article_text

if TYPE_CHECKING:
    from gazetteer import Gazetteer

#: The longest article drafted, in characters (a long report is some 50,000; drafting takes about a
#: second for every 20,000 characters of dense text).
MAX_ARTICLE_CHARS = 200_000
#: The longest input drafted, markup included, in characters (HTML pages are mostly markup; reading
#: them takes about a second for 4,000,000 characters).
MAX_INPUT_CHARS = 5_000_000
#: The longest quote a drafted claim carries, in characters; a longer sentence is cut there.
MAX_QUOTE_CHARS = 1_000
#: The verbs that make a sentence tell of an event, by the ACLED event type they suggest.
EVENT_VERBS: dict[str, str] = {
    r"advanc\w*|captur\w*|recaptur\w*|retak\w*|retook|seiz\w*|secur\w*|liberat\w*|took control|attack\w*|"
    r"assault\w*|clash\w*|fought|fight\w*|battl\w*|offensive|push\w*|encircl\w*|circl\w*|besieg\w*|storm\w*|"
    r"overr[au]n\w*|reach\w*|driv\w* \w+ from|drove|withdr\w*|shot down": "Battles",
    r"air ?strikes?|airstrikes?|struck|shell\w*|bomb\w*|missiles? strikes?|rocket\w*|drone strikes?|"
    r"explosions?|IEDs?": "Explosions/Remote violence",
    r"moved|mov\w+ tanks|deploy\w*|warn\w*|announc\w*|vow\w*|agree\w*|ceasefire|truce|negotiat\w*|"
    r"head(?:ed|ing|s)? (?:to|for|toward|towards|back|into)|"
    r"approach\w*|reinforc\w*|threaten\w*": "Strategic developments",
    r"massacr\w*|execut\w*|kidnap\w*|abduct\w*": "Violence against civilians",
    r"protest\w*|demonstrat\w*": "Protests",
    r"riot\w*": "Riots",
}
_VERB = re.compile(r"\b(?:" + "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(EVENT_VERBS)) + r")\b", re.I)
_VERB_TYPES = list(EVENT_VERBS.values())
_TOTAL = re.compile(r"\b(?:in the (?:last|past) (?:month|week|year|\w+ (?:weeks|months))|since|so far|in total|"
                    r"overall|this year|last month)\b", re.I)
_WITHIN = re.compile(r"\b(?:within|less than|under|up to|no more than)\s+$", re.I)
_DIRECTION = re.compile(
    r"\b(?P<direction>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?\s+of\s+$", re.I
)
_COMPASS_DIRECTION = re.compile(
    r"\b(?P<direction>(?:north|south)(?:[- ]?(?:east|west))?|east|west)\s+of\s+(?:the\s+)?", re.I
)
_BORDER_ADJECTIVES = {country.adjective: country.name for country in COUNTRY_TABLE if country.adjective}
_REACH = re.compile(
    r"\b(?:reach\w*|arriv\w* at|all the way to|up to|as far as|got to)\b[^.;]{0,300}?\b(?:the\s+)?(?:"
    r"(?P<adjective>" + "|".join(_BORDER_ADJECTIVES) + r")(?:-\w+)?\s+borders?"
    r"|borders?\s+(?:with|of)\s+(?P<first>[A-Z][\w ]*?)(?:\s+and\s+(?P<second>[A-Z]\w+))?\b)",
)
_ZONE = re.compile(
    r"\b(?:in|inside|within|into|entered)\s+the\s+(?P<zone>(?:[\w'’-]+\s+){0,3}?(?:de-?confliction|exclusion|"
    r"buffer|safe|no-fly|security)\s+(?:zone|area))",
    re.I,
)


@dataclass(frozen=True)
class Draft:
    """Records drafted from an article: plain data holding ``«REVIEW»`` marks, with the comments that
    say where each value comes from; :meth:`to_yaml` writes them for a person to finish."""

    article: Article
    name: str
    published: dt.date | None
    url: str | None
    records: tuple[CommentedMap, ...]

    @property
    def marks(self) -> int:
        """How many values a person has to fill."""
        return sum(1 for record in self.records for _ in _marks(record))

    def to_dict(self) -> dict[str, Any]:
        """What the article mentions and the drafted records, as JSON-ready data (``tracker draft --json``)."""
        article = self.article

        def sentence(index: int) -> dict[str, Any]:
            return {"sentence": index + 1, "sentence_text": article.sentences[index].text}

        def place(mention: PlaceMention) -> dict[str, Any]:
            found = mention.match.place if mention.match is not None else None
            return {
                "text": mention.text, "kind": mention.kind,
                "country": mention.country or (found.country if found else None),
                "status": mention.match.status if mention.match is not None else None,
                "name": found.name if found else None, "latitude": found.latitude if found else None,
                "longitude": found.longitude if found else None, **sentence(mention.sentence),
            }

        return {
            "article": self.name,
            "places": [place(p) for p in article.places],
            "actors": [{"text": a.text, "actor": a.actor, **sentence(a.sentence)} for a in article.actors],
            "quantities": [{"text": q.text, "kind": q.kind, "value": q.value, "quantity": q.quantity, "noun": q.noun,
                            **sentence(q.sentence)} for q in article.quantities],
            "dates": [{"text": d.text, "start": d.start.isoformat() if d.start else None,
                       "end": d.end.isoformat() if d.end else None, **sentence(d.sentence)} for d in article.dates],
            "records": [_plain(record) for record in self.records],
            "marks": self.marks,
        }

    def to_yaml(self) -> str:
        """The draft as a YAML stream: a header listing what the article mentions, then one document
        per record."""
        from ruamel.yaml import YAML

        yaml = YAML(typ="rt")
        yaml.representer.ignore_aliases = lambda *_: True  # never &anchors: the loader refuses them
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=4, offset=2)
        stream = io.StringIO()
        stream.write(self._header())
        if self.records:
            yaml.dump_all(list(self.records), stream)
        return stream.getvalue()

    def _header(self) -> str:
        article = self.article
        lines = [
            f"Drafted by `tracker draft` from {self.name}: {len(self.records)} record(s), {self.marks} value(s) "
            "marked REVIEW.",
            "Fill each «REVIEW» mark (tracker validate lists them), delete the records and claims you do not",
            "want, then add the rest: tracker add THIS-FILE",
            "",
            "Places (as written: what the gazetteer made of it; first sentence):",
        ]
        seen: set[str] = set()
        for place in article.places:
            if place.text in seen:
                continue
            seen.add(place.text)
            lines.append(f"  {place.text}: {_place_words(place)}; sentence {place.sentence + 1}: "
                         f"{_excerpt(article.sentences[place.sentence].text)}")
        by_actor: dict[str, list[str]] = {}
        for actor in article.actors:
            names = by_actor.setdefault(actor.actor, [])
            if actor.text not in names:
                names.append(actor.text)
        lines += ["", "Actors (record name: as written):"]
        lines += [f"  {actor}: {', '.join(names)}" for actor, names in by_actor.items()]
        lines += ["", "Quantities (as written: kind; sentence):"]
        lines += [f"  {q.text}: {q.kind}{' of ' + q.noun if q.noun else ''}; sentence {q.sentence + 1}"
                  for q in article.quantities]
        lines += ["", "Dates (as written: days; sentence):"]
        for date in article.dates:
            days = "not resolved (give --date)" if date.start is None else (
                f"{date.start}" if date.start == date.end else f"{date.start}..{date.end}")
            lines.append(f"  {date.text}: {days}; sentence {date.sentence + 1}")
        return "".join(f"# {_comment(line)}\n".replace("# \n", "#\n") for line in lines) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _excerpt(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= size else f'"{text[:size].rstrip()}…"'


def _comment(text: str) -> str:
    """Text made safe for a YAML comment: one line, no control characters."""
    return re.sub(r"[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]+", " ", text)


def _place_words(place: PlaceMention) -> str:
    if place.kind == "country":
        return f"a country ({place.country})"
    if place.kind == "capital":
        return f"the capital of a country ({place.country}), outside the gazetteer: not usable as a location"
    if place.kind == "region":
        return "a region, not a point: not usable as a location"
    if place.kind == "unknown" or place.match is None:
        return "not in the gazetteer: give {lat, lon}, or import it with tracker gazetteer import"
    match = place.match
    if match.place is not None:
        p = match.place
        return f"{p.name} ({p.country}, {p.latitude:.4f}, {p.longitude:.4f})"
    if match.status == "ambiguous":
        return "ambiguous: " + " or ".join(c.label() for c in match.candidates)
    return "not in the gazetteer"


def _marks(value: Any) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(DRAFT_MARK):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _marks(item)
    elif isinstance(value, list):
        for item in value:
            yield from _marks(item)


def review(what: str) -> str:
    """A value for a person to fill: ``«REVIEW» what``."""
    return f"{DRAFT_MARK} {_comment(what)}"


def draft_events(
    article: str | os.PathLike[str],
    *,
    published: dt.date | None = None,
    url: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Draft:
    """Draft records from an article: ``article`` is its text (plain or HTML), or a path to a file
    holding it. ``published`` is the date it appeared (relative dates are resolved against it) and
    ``url`` where it is; both go into each record's source.

    >>> draft = draft_events("Pro-government soldiers are now within 15 miles of Tadmur.",
    ...                      published=dt.date(2017, 5, 20))
    >>> record = draft.records[0]
    >>> record["actors"], {key: value for key, value in record["claims"][0].items() if key != "quote"}
    (['Syrian Arab Army'], {'distance': '15 miles', 'to': 'Tadmur', 'relation': 'within'})
    >>> record["title"]
    '«REVIEW» a one-line title for: "Pro-government soldiers are now within 15 miles of Tadmur."'
    """
    too_large = ("{} is larger than the {:,} characters an article may have{}; split it at paragraph breaks into "
                 "files under that size and draft each one")
    if isinstance(article, os.PathLike):
        path = Path(article)
        try:
            with open_regular(path) as stream:
                raw = stream.read(4 * MAX_INPUT_CHARS + 1)  # a character is at most 4 bytes of UTF-8
        except OSError as error:
            raise ReadError(f"cannot read {path}: {error.strerror}") from None
        if len(raw) > 4 * MAX_INPUT_CHARS:
            raise InputTooLarge(too_large.format(path, MAX_INPUT_CHARS, ", markup included"))
        text = raw.decode("utf-8-sig", errors="replace")
        name = str(path)
    else:
        text, name = article, "the text given"
    if len(text) > MAX_INPUT_CHARS:
        raise InputTooLarge(too_large.format(name, MAX_INPUT_CHARS, ", markup included"))
    if len(text) > MAX_ARTICLE_CHARS and len(article_text(text)[0]) > MAX_ARTICLE_CHARS:
        raise InputTooLarge(too_large.format(name, MAX_ARTICLE_CHARS, ""))
    read = read_article(text, published=published, gazetteer=gazetteer)
    records = tuple(_records(read, published, url))
    return Draft(read, name, published, url, records)


def _records(article: Article, published: dt.date | None, url: str | None) -> Iterator[CommentedMap]:
    title = article.title or _headline(article)
    all_actors = ", ".join(dict.fromkeys(a.actor for a in article.actors)) or "none"
    all_places = ", ".join(dict.fromkeys(p.text for p in article.places if p.kind == "place")) or "none"
    for index, sentence in enumerate(article.sentences):
        claims, targets = _claims(article, index)
        verb = _VERB.search(sentence.text)
        here = article.in_sentence(index)
        actors = list(dict.fromkeys(a.actor for a in here.actors))
        places = [p for p in here.places if p.kind in ("place", "unknown")]
        if not claims and not (verb and actors and places):
            continue
        record = CommentedMap()
        record["title"] = review(f"a one-line title for: {_excerpt(sentence.text, 160)}")
        _date(record, article, index, published)
        _type(record, verb)
        record["actors"] = _flow(actors or [review(f"who took part (none named in this sentence; the article names: "
                                                   f"{all_actors})")])
        _location(record, article, index, targets, all_places)
        if any("area" in claim for claim in claims):
            record["area"] = CommentedMap([("basis", review(_AREA_BASIS))])
        if claims:
            record["claims"] = CommentedSeq(claims)
        record["sources"] = CommentedSeq([_source(title, url, published)])
        yield record


#: What a drafted area's basis asks of a person.
_AREA_BASIS = (
    "where the area's geometry will come from: reported (the article gives it), assessed (an independent "
    "assessment, such as a control map), reconstructed (your minimal reconstruction from places known to be "
    "involved: a lower bound) or reference (a fixed zone, not a gain); then draw it as a hull, circle, polygon or "
    "geojson, or remove this area"
)


def _type(record: CommentedMap, verb: re.Match[str] | None) -> None:
    """The event type the sentence's verb suggests, with the verb as comment; a mark without one."""
    if verb is None:
        record["type"] = review(f"one of: {', '.join(EVENT_TYPES)}")
        return
    record["type"] = _VERB_TYPES[int(next(k for k, v in verb.groupdict().items() if v)[1:])]
    record.yaml_add_eol_comment(f'from "{_comment(verb.group())}"', "type")


def _headline(article: Article) -> str | None:
    """The first line, when it reads as a headline (short, no final full stop)."""
    first = article.text.split("\n", 1)[0].strip()
    return first if first and len(first) <= 150 and not first.endswith((".", ":")) else None


def _flow(items: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _date(record: CommentedMap, article: Article, index: int, published: dt.date | None) -> None:
    dates = [d for d in article.in_sentence(index).dates if d.start is not None]
    if dates:
        date = dates[0]
        assert date.start is not None and date.end is not None
        if date.start == date.end:
            record["date"] = date.start
        else:
            span = CommentedMap([("start", date.start), ("end", date.end)])
            span.fa.set_flow_style()
            record["date"] = span
        after = f", counted from {published}" if published and not date.exact else ""
        record.yaml_add_eol_comment(f'"{_comment(date.text)}"{after}', "date")
    elif published:
        record["date"] = review(f"the day of the event, YYYY-MM-DD (the article appeared on {published}; "
                                "this sentence gives no date)")
    else:
        record["date"] = review("the day of the event, YYYY-MM-DD (no date in this sentence; tracker draft "
                                "--date DATE resolves 'on Friday' and the like)")


def _location(record: CommentedMap, article: Article, index: int, targets: set[int], named: str) -> None:
    """Where the event of sentence ``index`` happened; ``named`` lists the places the article names."""
    rank = {"place": 0, "unknown": 1, "country": 2, "capital": 2, "region": 3}
    here = sorted((p for p in article.in_sentence(index).places if p.start not in targets),
                  key=lambda p: (rank[p.kind], p.start))
    known = [p for p in here if p.kind == "place" and p.match is not None and p.match.found]
    if known:
        record["location"] = known[0].text
        found = known[0].match.place if known[0].match is not None else None
        if found is not None and region_sized(found.feature):  # known only to its region: ACLED's precision 3
            record["precision"] = 3
            kind = found.feature if found.feature == "region" else f"region ({found.feature})"
            record.yaml_add_eol_comment(f"{_comment(found.name)} is a {_comment(kind)}, not a point", "precision")
        return
    if here:
        place = here[0]
        if place.kind == "place" and place.match is not None and place.match.status == "ambiguous":
            record["location"] = review(f"{place.match.explain()}")
        elif place.kind in ("place", "unknown"):
            record["location"] = review(f"{place.text!r} is not in the gazetteer; write {{lat: ..., lon: ...}} from "
                                        "a source you trust, or a known place nearby with precision: 2")
        elif place.kind == "capital":
            record["location"] = review(f"{place.text!r} is a capital outside the gazetteer, named for its "
                                        "government as often as not; write where it happened")
        else:
            record["location"] = review(f"{place.text!r} is a {place.kind}, not a point; write a place in it")
        return
    record["location"] = review(f"where it happened (no place in this sentence; the article names: {named})")


def _source(title: str | None, url: str | None, published: dt.date | None) -> CommentedMap:
    source = CommentedMap()
    if title:
        source["title"] = title
    if url:
        source["url"] = url
    if published:
        source["published"] = published
    if not title and not url:
        source["publisher"] = review("who published the article (or give --url)")
    source["reliability"] = review("the source's reliability, A (reliable) to F (cannot be judged)")
    source["credibility"] = review("the information's credibility, 1 (confirmed) to 6 (cannot be judged)")
    return source


def _claims(article: Article, index: int) -> tuple[list[CommentedMap], set[int]]:
    """The candidate claims of one sentence, and where the places they measure from start (those are
    not the event's location)."""
    sentence = article.sentences[index]
    text = sentence.text
    mentions = article.in_sentence(index)
    places = {p.start: p for p in mentions.places}
    actors = list(mentions.actors)
    total = bool(_TOTAL.search(text))
    claims: list[CommentedMap] = []
    targets: set[int] = set()
    for quantity in mentions.quantities:
        claim = _quantity_claim(article, quantity, places, actors, targets, total)
        if claim is not None:
            claims.append(claim)
    for found in _COMPASS_DIRECTION.finditer(text):
        after = sentence.start + found.end()
        place = places.get(after)
        if place is None or place.kind != "place":
            continue
        targets.add(place.start)
        claims.append(CommentedMap([("direction", found.group("direction").lower().replace(" ", "-")),
                                    ("of", _place_value(place))]))
    for found in _REACH.finditer(text):
        if found.group("adjective"):
            countries = [_BORDER_ADJECTIVES[found.group("adjective")]]
        else:
            countries = [name for name in (found.group("first"), found.group("second")) if name]
        for country in countries:
            claims.append(CommentedMap([("reaches", country.strip())]))
    for found in _ZONE.finditer(text):
        claims.append(CommentedMap([("inside", review(f"the id of the record whose area is {found.group('zone')!r}"))]))
    quote = text if len(text) <= MAX_QUOTE_CHARS else text[:MAX_QUOTE_CHARS].rstrip() + "…"
    for claim in claims:
        claim["quote"] = quote
    return claims, targets


def _quantity_claim(article: Article, quantity: QuantityMention, places: dict[int, PlaceMention], actors: list[Any],
                    targets: set[int], total: bool) -> CommentedMap | None:
    """The claim a quantity makes; ``places`` are those of its sentence by where they start, and
    ``total`` whether the sentence speaks of a total. Only a few words around the quantity are read,
    so a long sentence full of quantities costs no more than short ones."""
    sentence = article.sentences[quantity.sentence]
    before = article.text[max(sentence.start, quantity.start - 40): quantity.start]
    after_start = quantity.start + len(quantity.text)
    if quantity.kind == "count":
        return CommentedMap([("count", int(quantity.value)), ("of", quantity.noun)])
    if quantity.kind == "area":
        if total:
            claim = CommentedMap([("total_area", quantity.quantity)])
            claim["actor"] = actors[0].actor if actors else review("whose gains these are")
            dates = [d for d in article.in_sentence(quantity.sentence).dates if d.start is not None]
            if dates and dates[0].start is not None:
                claim["since"] = dates[0].start
                claim.yaml_add_eol_comment(f'"{_comment(dates[0].text)}"', "since")
            else:
                claim["since"] = review("the first day of the period the total covers, YYYY-MM-DD")
            return claim
        return CommentedMap([("area", quantity.quantity)])
    rest = article.text[after_start: min(sentence.end, after_start + 300)]
    link = re.match(r"\s+(?:(?:north|south|east|west)\w*\s+)?(?:of|from)\s+(?:the\s+)?", rest, re.I)
    if not link:
        return None
    target = places.get(after_start + link.end())
    claim = CommentedMap([("distance", quantity.quantity)])
    if target is not None and target.kind == "place" and target.match is not None and target.match.found:
        claim["to"] = target.text
        targets.add(target.start)
    elif target is not None and target.kind == "place" and target.match is not None:
        claim["to"] = review(target.match.explain())
        targets.add(target.start)
    else:
        words = " ".join(rest[link.end():].split()[:6])
        claim["to"] = review(f"the place or the id of the record whose area '{words}' is")
    claim["relation"] = "within" if _WITHIN.search(before) else "about"
    return claim


def _place_value(place: PlaceMention) -> str:
    if place.match is not None and place.match.found:
        return place.text
    if place.match is not None and place.match.status == "ambiguous":
        return review(place.match.explain())
    return review(f"{place.text!r} is not in the gazetteer; write {{lat: ..., lon: ...}}")
