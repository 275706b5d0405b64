"""Drafting from real article text: no YAML anchors or marks the text did not mean, markup and scripts
dropped, numbers read whole, no guessed types or actors, dates without a year, a size limit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from tracker import read_events
from tracker.drafting.article import read_article
from tracker.drafting.draft import MAX_ARTICLE_CHARS, draft_events
from tracker.errors import TrackerError


def _fill(draft_text: str) -> str:
    """What a person does: every mark replaced by a value of the right kind."""
    records = []
    for record in yaml.safe_load_all(draft_text):
        record["title"] = "A filled title"
        if isinstance(record["date"], str):
            record["date"] = "2017-06-01"
        if isinstance(record["type"], str) and record["type"].startswith("«REVIEW»"):
            record["type"] = "Battles"
        record["sources"] = [{"publisher": "Someone", "reliability": "C", "credibility": 3}]
        records.append(record)
    return yaml.safe_dump_all(records, sort_keys=False, allow_unicode=True)


def test_a_draft_never_holds_yaml_anchors_so_it_validates_once_filled(tmp_path: Path) -> None:
    text = draft_events("Since June 1, 2017, ISIS lost 5,000 square kilometers in total near Tadmur.").to_yaml()
    assert "&id" not in text and "*id" not in text
    filled = tmp_path / "filled.yaml"
    filled.write_text(_fill(text), encoding="utf-8")
    events, problems = read_events(filled)
    assert problems == [] and events[0].claims[0].since == dt.date(2017, 6, 1)  # type: ignore[union-attr]


def test_article_text_that_looks_like_a_mark_is_not_one(tmp_path: Path) -> None:
    text = draft_events("REVIEW: ISIS attacked Palmyra with 300 fighters.").to_yaml()
    filled = tmp_path / "filled.yaml"
    filled.write_text(_fill(text), encoding="utf-8")
    events, problems = read_events(filled)
    assert problems == [] and events[0].claims[0].quote.startswith("REVIEW: ISIS")  # type: ignore[union-attr]


def test_characters_yaml_refuses_never_reach_the_draft() -> None:
    text = draft_events("Syrian troops advanced 20 km east of Tadmur on Friday\u0080\ufffe.").to_yaml()
    assert list(yaml.safe_load_all(text))


def test_html_fragments_lose_their_markup_and_scripts() -> None:
    article = read_article("<section><h2>Report</h2>Syrian troops advanced 20 km east of Tadmur."
                           "<script>document.write('ISIS attacked Homs')</script></section>")
    assert "script" not in article.text and "Homs" not in article.text
    assert [a.actor for a in article.actors] == ["Syrian Arab Army"]


def test_numbers_written_in_words_or_with_scales_are_read_whole() -> None:
    article = read_article("Two hundred fighters, twenty-five civilians and 1.5 million people; 1 000 km2 and 3,5 km2.")
    assert [(q.text, q.value) for q in article.quantities] == [
        ("Two hundred fighters", 200.0), ("twenty-five civilians", 25.0), ("1.5 million people", 1_500_000.0),
        ("1 000 km2", 1000.0),
    ]  # and nothing of "3,5 km2": a decimal comma is not read as a thousands separator


def test_types_and_actors_are_not_guessed_from_look_alike_words() -> None:
    draft = draft_events("The ISIS headquarters in Tadmur was struck by jets. WHAT IS KNOWN: the Syrian "
                         "opposition coalition met in Tadmur.")
    assert draft.records[0]["type"] == "Explosions/Remote violence"
    assert [a.actor for a in draft.article.actors] == ["Islamic State"]


def test_a_day_and_month_without_a_year_is_a_date() -> None:
    article = read_article("Fighting on 9 June. More on 5 June, 2017.", published=dt.date(2017, 6, 12))
    assert [(d.text, d.start) for d in article.dates] == [("9 June", dt.date(2017, 6, 9)),
                                                          ("5 June, 2017", dt.date(2017, 6, 5))]


def test_an_article_over_the_limit_is_refused() -> None:
    with pytest.raises(TrackerError, match="split it at paragraph breaks into files under that size and draft each one"):
        draft_events("Syrian troops advanced near Tadmur. " * (MAX_ARTICLE_CHARS // 30))
