"""``tracker draft``: an article read into a draft a person finishes, and the way on to a stored record."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer
from tracker import load_events
from tracker.cli import main
from tracker.drafting.article import read_article
from tracker.drafting.draft import draft_events
from tracker.records.quantity import parse_quantity
from tracker.records.yaml import DRAFT_MARK

from ..common import DATA, EVENTS, SEED_ARTICLE_URLS, SEEDS
from ..gazetteer.villages import village_gazetteer

DRAFT = DATA / "draft"
NEW_ARTICLE = DRAFT / "new-article.txt"  # a CENTCOM release of 18 June 2017 (public domain; see its .source.md)
NEW_URL = "https://gwot.org/docs/centcom-coalition-defends-partner-forces-from-syrian-fighter-jet-attack"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are kept beside the repository")


def _found(marked: str, found: list[str]) -> bool:
    return any(marked in text or text in marked for text in found)


#: What a person marked in each article (tests/data/draft/marked.yaml), by the article's file.
MARKED = {
    (DRAFT / f"{stem}.txt" if (DRAFT / f"{stem}.txt").is_file() else SEEDS / f"{stem}.txt"): expected
    for stem, expected in yaml.safe_load((DRAFT / "marked.yaml").read_text(encoding="utf-8")).items()
}


@pytest.fixture(scope="module", params=["bundled", "villages"])
def places_gazetteer(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The bundled gazetteer, then the bundled one with the shared village dumps imported."""
    if request.param == "bundled":
        return Gazetteer(user=False)
    return village_gazetteer(tmp_path_factory)


@needs_seeds
def test_drafting_the_articles_finds_every_marked_place_and_no_other(places_gazetteer: Gazetteer) -> None:
    """Every place a person marked is found, as written; nothing else is taken for a place but the
    countries an article names only as adjectives ("U.S. backed rebels")."""
    for path, expected in MARKED.items():
        article = read_article(path.read_text(encoding="utf-8"), gazetteer=places_gazetteer)
        kinds: dict[str, set[str]] = {}
        for place in article.places:
            kinds.setdefault(place.text, set()).add(place.kind)
        assert [name for name in expected["places"] if name not in kinds] == [], path.name
        others = {name: kind for name, kind in kinds.items() if name not in expected["places"]}
        assert others == {name: {"country"} for name in expected.get("adjectives", [])}, path.name


@needs_seeds
def test_no_drafted_record_is_located_at_anything_but_a_marked_place(places_gazetteer: Gazetteer) -> None:
    located = 0
    for path, expected in MARKED.items():
        draft = draft_events(path, published=dt.date(2017, 6, 10), gazetteer=places_gazetteer)
        for record in draft.records:
            location = record["location"]
            if isinstance(location, str) and not location.startswith(DRAFT_MARK):
                assert location in expected["places"], (path.name, location)
                located += 1
    assert located >= 10


@needs_seeds
def test_drafting_the_articles_finds_nine_in_ten_marked_quantities() -> None:
    quantities = quantities_found = 0
    for path, expected in MARKED.items():
        article = read_article(path.read_text(encoding="utf-8"))
        amounts = [q.text for q in article.quantities]
        quantities += len(expected["quantities"])
        quantities_found += sum(_found(q, amounts) for q in expected["quantities"])
    assert quantities_found / quantities >= 0.9, (quantities_found, quantities)


def _same(seed: Any, candidate: dict[str, Any]) -> bool:
    """Whether a drafted claim is the seed record's claim, as a person would keep it."""
    kind = seed.kind
    if kind not in candidate:
        return False
    if kind in ("area", "total_area", "distance"):
        claimed = parse_quantity(str(candidate[kind]))
        ours = getattr(seed, kind)
        same = abs(claimed.to(ours.unit) - ours.value) < 1e-9 * max(1.0, ours.value)
        return same and (kind != "distance" or candidate["relation"] == seed.relation)
    if kind == "count":
        return bool(candidate["count"] == seed.count)
    if kind == "direction":
        from tracker.records.model import DirectionClaim

        return DirectionClaim.model_validate({"direction": candidate["direction"], "of": "x"}).direction == seed.direction
    if kind == "reaches":
        return bool(candidate["reaches"] == seed.reaches)
    return kind == "inside"


@needs_seeds
def test_every_claim_of_the_seed_records_is_among_the_drafts() -> None:
    """The drafts, edited, become the records in events/: each stored claim is drafted, with the same
    kind and value, quoting the sentence the record quotes."""
    articles = {path: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
    drafts = {path: draft_events(path, published=dt.date(2017, 6, 10)) for path in articles}
    checked = 0
    for event in load_events(EVENTS):
        if not any(source.url in SEED_ARTICLE_URLS for source in event.sources):
            continue  # a published claim recorded from another source, not drafted from a seed article
        for claim in event.claims:
            assert claim.quote, event.id
            parts = [part.strip() for part in claim.quote.split("...")]
            source = next(path for path, text in articles.items() if all(part in text for part in parts))
            candidates = [dict(c) for record in drafts[source].records for c in record.get("claims", [])]
            matching = [c for c in candidates if all(p in c["quote"] or c["quote"] in p for p in parts) and _same(claim, c)]
            assert matching, (event.id, claim)
            checked += 1
    assert checked == 12


def test_a_draft_lists_places_with_coordinates_and_sentences_and_marks_what_is_unsure() -> None:
    draft = draft_events(NEW_ARTICLE, published=dt.date(2017, 6, 18), url=NEW_URL)
    text = draft.to_yaml()
    assert '#   Tabqah: Al-Tabqa (SY, 35.8376, 38.5483); sentence 2: "SOUTHWEST ASIA — At approximately' in text
    assert "#   Ja’Din: not in the gazetteer: give {lat, lon}" in text
    assert "#   two kilometers: distance; sentence 6" in text
    assert "#   Syrian Democratic Forces: Syrian Democratic Forces, SDF" in text
    records = list(yaml.safe_load_all(text))
    assert len(records) == 3 and draft.marks == 17
    first = records[0]
    assert first["date"] == dt.date(2017, 6, 18) and first["type"] == "Battles"
    assert first["actors"] == ["Syrian Arab Army", "Syrian Democratic Forces"]
    assert first["location"].startswith(f"{DRAFT_MARK} 'Ja’Din' is not in the gazetteer")
    assert first["claims"] == [{"direction": "south", "of": "Tabqah", "quote": first["claims"][0]["quote"]}]
    assert first["sources"][0]["url"] == NEW_URL and first["sources"][0]["published"] == dt.date(2017, 6, 18)
    assert records[2]["claims"][0]["distance"] == "2 kilometers"


def _finish(record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """What a person does to a drafted record: fill the marked values, delete what does not apply."""
    record = {**record, **values}
    record["claims"] = [c for c in record.get("claims", []) if c.get("of") != "Tabqah"]
    if not record["claims"]:
        del record["claims"]
    record["sources"] = [{**s, "reliability": "B", "credibility": 2} for s in record["sources"]]
    return record


def test_a_new_article_is_drafted_edited_added_checked_and_mapped(tmp_path: Path) -> None:
    """As a new user: draft -> edit -> validate -> add -> check -> map, each step saying the next."""
    runner = CliRunner()
    draft_file = tmp_path / "draft.yaml"
    result = runner.invoke(main, ["draft", str(NEW_ARTICLE), "--date", "2017-06-18", "--url", NEW_URL,
                                  "-o", str(draft_file)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"next: fill them in {draft_file}, then tracker validate and tracker add it\n")
    unfinished = runner.invoke(main, ["validate", str(draft_file)])
    assert unfinished.exit_code == 1
    assert f"{draft_file}:29:11: location: the draft left this for a person to fill: 'Ja’Din' is not" in unfinished.output

    first, second, _third = yaml.safe_load_all(draft_file.read_text(encoding="utf-8"))
    edited = [
        _finish(first, {"title": "Pro-government forces drive the SDF out of Ja'Din, south of Tabqa",
                        "location": "Tabqah", "precision": 2}),
        _finish(second, {"title": "US Navy jet shoots down a Syrian SU-22 that bombed SDF fighters south of Tabqa",
                         "date": "2017-06-18", "location": "Tabqah", "precision": 2,
                         "actors": ["US-led coalition", "Syrian Arab Army", "Syrian Democratic Forces"]}),
    ]  # the third record (a distance to an unnamed zone) is deleted
    draft_file.write_text(yaml.safe_dump_all(edited, allow_unicode=True, sort_keys=False), encoding="utf-8")
    finished = runner.invoke(main, ["validate", str(draft_file)])
    assert finished.exit_code == 0, finished.output

    events = tmp_path / "events"
    added = runner.invoke(main, ["add", str(draft_file), "--into", str(events), "--json"])
    assert added.exit_code == 0, added.output
    stored = json.loads(added.output)
    assert [item["id"] for item in stored] == [
        "pro-government-forces-drive-sdf-out-ja-2017-06-18",
        "us-navy-jet-shoots-down-syrian-su-22-sdf-2017-06-18",
    ]
    checked = runner.invoke(main, ["check", str(events)])
    assert checked.exit_code == 0 and checked.output.endswith("0 claims\n"), checked.output
    mapped = runner.invoke(main, ["map", str(events), "--offline", "-o", str(tmp_path / "map.html")])
    assert mapped.exit_code == 0, mapped.output
    assert "Ja&#x27;Din" in (tmp_path / "map.html").read_text(encoding="utf-8")


def test_html_articles_are_read_without_their_markup() -> None:
    paragraphs = NEW_ARTICLE.read_text(encoding="utf-8").split("\n\n")
    html = (
        "<html><head><title>Coalition Defends Partner Forces</title><script>var x = 'Raqqa';</script></head><body>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "<footer>Palmyra</footer></body></html>"
    )
    from_html = read_article(html)
    from_text = read_article(NEW_ARTICLE.read_text(encoding="utf-8"))
    assert [p.text for p in from_html.places] == [p.text for p in from_text.places]
    assert from_html.title == "Coalition Defends Partner Forces"
    assert "Raqqa" not in from_html.text and "Palmyra" not in from_html.text


def test_article_text_cannot_reach_the_draft_as_yaml_or_break_out_of_a_comment() -> None:
    hostile = (
        "Syrian troops advanced near Tadmur.\n# comment\nid: injected\nlocation: Raqqa\n"
        "The SAA captured Tadmur'\"}: {x: 1} on Friday.\n\nISIS attacked Palmyra <script>alert(1)</script>."
    )
    text = draft_events(hostile, published=dt.date(2017, 6, 10)).to_yaml()
    for line in text.splitlines():
        assert line.startswith(("#", " ", "-", "---")) or line.split(":", 1)[0] in {
            "title", "date", "type", "actors", "location", "claims", "sources", ""}, line
    records = list(yaml.safe_load_all(text))
    assert all("id" not in record for record in records)


def test_cli_draft_refuses_to_overwrite_and_reads_standard_input(tmp_path: Path) -> None:
    existing = tmp_path / "draft.yaml"
    existing.write_text("keep me", encoding="utf-8")
    refused = CliRunner().invoke(main, ["draft", str(NEW_ARTICLE), "-o", str(existing)])
    assert refused.exit_code == 1
    assert refused.output == f"tracker: {existing} exists; pass --force to replace it\n"
    assert existing.read_text(encoding="utf-8") == "keep me"
    piped = CliRunner().invoke(main, ["draft", "-"], input="Syrian forces advanced 20 km east of Tadmur.")
    assert piped.exit_code == 0
    record = next(yaml.safe_load_all(piped.stdout))
    quote = "Syrian forces advanced 20 km east of Tadmur."
    assert record["claims"] == [
        {"distance": "20 km", "to": "Tadmur", "relation": "about", "quote": quote},
        {"direction": "east", "of": "Tadmur", "quote": quote},
    ]


@functools.cache
def _gazetteer() -> Any:
    from gazetteer import Gazetteer

    return Gazetteer()


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
       | st.lists(st.sampled_from(["Syrian forces", "U.S.", "advanced", "15 miles", "of", "Tadmur", ".", "\n\n",
                                   "al-Tanf", "ISIS", "on Friday", "1,400 km²", "east", " ", "Gen.", "?"]),
                  max_size=40).map(" ".join))
def test_sentences_are_pieces_of_the_text_in_order(text: str) -> None:
    """Law: every sentence is the text between its offsets, sentences do not overlap, and every
    mention lies inside the sentence it names."""
    from tracker.drafting.article import article_text

    article = read_article(text, published=dt.date(2017, 6, 10), gazetteer=_gazetteer())
    assert article.text == article_text(text)[0]
    end = 0
    for sentence in article.sentences:
        assert article.text[sentence.start: sentence.end] == sentence.text and sentence.start >= end
        end = sentence.end
    for mention in (*article.places, *article.actors, *article.quantities):
        sentence = article.sentences[mention.sentence]
        assert sentence.start <= mention.start < sentence.end


def test_cli_draft_json_lists_mentions_with_their_sentences() -> None:
    result = CliRunner().invoke(main, ["draft", str(NEW_ARTICLE), "--date", "2017-06-18", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    tabqah = next(p for p in data["places"] if p["text"] == "Tabqah")
    assert (tabqah["kind"], tabqah["status"], tabqah["name"], tabqah["sentence"]) == ("place", "found", "Al-Tabqa", 2)
    assert tabqah["sentence_text"].startswith("SOUTHWEST ASIA — At approximately 4:30 p.m. Syria time")
    assert [q["quantity"] for q in data["quantities"]] == ["2 kilometers"]
    date = data["dates"][0]
    assert (date["text"], date["start"], date["end"], date["sentence"]) == ("June 18", "2017-06-18", "2017-06-18", 2)
    assert len(data["records"]) == 3 and data["marks"] == 17


def _counts(text: str) -> list[tuple[float, str | None]]:
    article = read_article(text, published=dt.date(2017, 6, 10), gazetteer=_gazetteer())
    return [(q.value, q.noun) for q in article.quantities if q.kind == "count"]


@pytest.mark.parametrize(("text", "counts"), [
    ("2016 Dozens of civilians were killed in air strikes on Aleppo.", []),
    ("Aleppo, December 13, 2016 Dozens of civilians were killed.", []),
    ("Since March 2016 rebels have held the town.", []),
    ("On June 5, 2016 rebels attacked the town.", []),
    ("In 2016 civilians fled Aleppo; in 2017, 300 civilians came back.", [(300.0, "civilians")]),
    ("In the last 48 hours civilians fled Aleppo.", []),
    ("48 hours of air strikes killed 20 civilians.", [(20.0, "civilians")]),
    ("For 3 days jets struck Raqqa.", []),
    ("Three days of shelling left 12 dead.", [(12.0, "dead")]),
    ("2 weeks 500 fighters arrived.", [(500.0, "fighters")]),
    ("2000 Syrian troops and 1,500 fighters moved on Tadmur in 2017.", [(2000.0, "troops"), (1500.0, "fighters")]),
])
def test_years_days_and_hours_are_never_counts(text: str, counts: list[tuple[float, str]]) -> None:
    assert _counts(text) == counts


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5000), st.sampled_from(["minutes", "hours", "days", "nights", "weeks", "months", "years"]),
       st.sampled_from(["fighters", "civilians", "air strikes", "killed", "jets", "people"]))
def test_a_number_of_hours_or_days_is_never_a_count(number: int, unit: str, noun: str) -> None:
    """Law: a number that counts time units is never a count of what follows them."""
    for text in (f"For {number} {unit} {noun} came.", f"{number} {unit} of {noun}.", f"The last {number} {unit} "
                 f"{noun} fled."):
        assert all(value != number for value, _noun in _counts(text)), text


@settings(max_examples=40, deadline=None)
@given(st.integers(1900, 2099), st.sampled_from(["In", "Since", "Until", "During", "Early", "Late", "Throughout"]),
       st.sampled_from(["fighters", "civilians", "rebels", "people"]))
def test_a_year_after_a_word_of_time_is_never_a_count(year: int, word: str, noun: str) -> None:
    assert _counts(f"{word} {year} {noun} fled the town.") == []


def test_a_draft_takes_no_year_for_a_count() -> None:
    draft = draft_events("Aleppo, 2016 Dozens of civilians were killed in air strikes near Aleppo.",
                         published=dt.date(2016, 12, 13), gazetteer=_gazetteer())
    assert [c for record in draft.records for c in record.get("claims", []) if "count" in c] == []


def test_a_number_too_large_to_read_is_no_quantity_and_drafting_goes_on() -> None:
    huge = "1" + "0" * 400
    draft = draft_events(f"{huge} fighters were killed near Tadmur. ISIS lost {huge} km2 near Tadmur.",
                         gazetteer=_gazetteer())
    assert draft.article.quantities == ()
    assert [c for record in draft.records for c in record.get("claims", [])] == []


def test_29_february_before_it_comes_is_left_unresolved_not_a_failure() -> None:
    """A day and month without a year is in the article's year, or the year before when that day is
    still to come; the year before 2016 has no 29 February."""
    article = read_article("Fighting on 29 February. More on 28 February.", published=dt.date(2016, 2, 28),
                           gazetteer=_gazetteer())
    assert [(d.text, d.start, d.end) for d in article.dates] == [
        ("29 February", None, None), ("28 February", dt.date(2016, 2, 28), dt.date(2016, 2, 28))]
    later = read_article("Fighting on 29 February.", published=dt.date(2017, 1, 15), gazetteer=_gazetteer())
    assert [(d.text, d.start) for d in later.dates] == [("29 February", dt.date(2016, 2, 29))]


@pytest.mark.parametrize(("text", "start", "end", "exact"), [
    ("yesterday", "2017-06-09", "2017-06-09", True),
    ("last Tuesday", "2017-06-06", "2017-06-06", True),
    ("on Monday", "2017-06-05", "2017-06-05", True),
    ("on Saturday", "2017-06-10", "2017-06-10", True),  # the article's own day
    ("last Saturday", "2017-06-03", "2017-06-03", True),
    ("two days ago", "2017-06-08", "2017-06-08", True),
    ("2 days ago", "2017-06-08", "2017-06-08", True),
    ("a day ago", "2017-06-09", "2017-06-09", True),
    ("ten days ago", "2017-05-31", "2017-05-31", True),
    ("a week ago", "2017-05-31", "2017-06-06", False),
    ("three weeks ago", "2017-05-17", "2017-05-23", False),
    ("1.5 days ago", None, None, False),
])
def test_relative_dates_are_counted_from_the_article_s_day(text: str, start: str | None, end: str | None,
                                                            exact: bool) -> None:
    """Counted from Saturday 10 June 2017: a weekday is the last one on or before that day ('last':
    before it), 'N days ago' that day, 'N weeks ago' the week around it."""
    article = read_article(f"Fighting broke out {text} near Tadmur.", published=dt.date(2017, 6, 10),
                           gazetteer=_gazetteer())
    assert [(d.text, str(d.start) if d.start else None, str(d.end) if d.end else None, d.exact)
            for d in article.dates] == [(text, start, end, exact)]
    unresolved = read_article(f"Fighting broke out {text}.", gazetteer=_gazetteer())
    assert [(d.start, d.end) for d in unresolved.dates] == [(None, None)]


def test_a_draft_dates_a_record_two_days_before_the_article() -> None:
    draft = draft_events("Syrian troops captured Arak two days ago.", published=dt.date(2017, 6, 10),
                         gazetteer=_gazetteer())
    assert draft.records[0]["date"] == dt.date(2017, 6, 8)
    assert draft.to_yaml().count('date: 2017-06-08  # "two days ago"\n') == 1


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 6),
       st.sampled_from(["on", "last", "earlier on", "this"]))
def test_a_weekday_is_the_last_such_day_up_to_the_article_s(published: dt.date, weekday: int, before: str) -> None:
    """Law: 'on Friday' is a Friday of the seven days ending on the article's day; 'last Friday' one
    of the seven days before it."""
    from tracker.drafting.dates import find_dates

    [found] = find_dates(f"{before} {_DAYS[weekday]}", lambda _: 0, published)
    assert found.start == found.end and found.start is not None and found.start.weekday() == weekday
    back = (published - found.start).days
    assert 1 <= back <= 7 if before == "last" else 0 <= back <= 6


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 20_000), st.booleans())
def test_n_days_ago_is_n_days_before_the_article(published: dt.date, days: int, grouped: bool) -> None:
    from tracker.drafting.dates import find_dates

    [found] = find_dates(f"{days:,} days ago" if grouped else f"{days} days ago", lambda _: 0, published)
    expected = published - dt.timedelta(days=days) if days < (published - dt.date(1, 1, 1)).days else None
    assert (found.start, found.end) == (expected, expected)
