"""Drafting takes no news agency, person or generic word for a place, and keeps multi-word names whole."""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer import Gazetteer
from tracker.drafting.article import read_article
from tracker.drafting.draft import draft_events
from tracker.drafting.nonplaces import not_a_place
from tracker.records.yaml import DRAFT_MARK

ARTICLE = (
    "SANA reported that government forces entered Palmyra on Sunday. UN Secretary-General Ban Ki-moon and "
    "Angela Kane called for calm, Al-Alam said. Fighting went on near Khan Touman and along the Castello Road, "
    "and in Tal Qarrah north of Aleppo. Reuters could not confirm it."
)


@pytest.fixture(scope="module")
def places() -> list[str]:
    article = read_article(ARTICLE, gazetteer=Gazetteer(user=False))
    return [p.text for p in article.places if p.kind == "place"]


def test_no_outlet_person_or_generic_word_is_a_place(places: list[str]) -> None:
    for word in ("SANA", "Ban", "Ki-moon", "Kane", "Al-Alam", "Khan", "Road", "Tal", "Qarrah", "Reuters"):
        assert word not in places
    assert "Palmyra" in places and "Aleppo" in places


@pytest.mark.parametrize(("name", "start", "expected"), [
    ("SANA", 0, True), ("Kane", ARTICLE.index("Kane"), True), ("Khan", 0, True), ("Palmyra", 0, False),
])
def test_not_a_place(name: str, start: int, expected: bool) -> None:
    assert not_a_place(name, ARTICLE, start) is expected


def test_a_capital_outside_the_gazetteer_is_named_for_its_country_and_an_outlet_is_not() -> None:
    article = read_article("Washington insiders leaked it, the Washington Post said; Damascus denied it, and Moscow "
                           "sent envoys to Ankara.", gazetteer=Gazetteer(user=False))
    found = [(p.text, p.kind, p.country) for p in article.places]
    assert found == [("Washington", "capital", "US"), ("Damascus", "place", None), ("Moscow", "capital", "RU"),
                     ("Ankara", "capital", "TR")]
    assert article.places[1].match is not None and article.places[1].match.found


def test_a_region_is_found_in_capitals_and_with_a_word_of_the_compass() -> None:
    article = read_article("SOUTHWEST ASIA — Jets flew over the Eastern Mediterranean and the Middle East.",
                           gazetteer=Gazetteer(user=False))
    assert [(p.text, p.kind) for p in article.places] == [
        ("SOUTHWEST ASIA", "region"), ("Eastern Mediterranean", "region"), ("Middle East", "region")]


@pytest.mark.parametrize(("text", "name"), [
    ("its Cold War adversary", "War"),
    ("near the Iraqi border", "Iraqi"),
    ("along the Iraqi-Syrian border", "Iraqi"),
    ("Support The Duran on Patreon", "Duran"),
    ("said Mozahem al-Saloum, spokesman for the brigade", "al-Saloum"),
])
def test_a_word_that_names_no_place_alone_is_none(text: str, name: str) -> None:
    assert not_a_place(name, text, text.index(name))


@pytest.mark.parametrize(("text", "name"), [
    ("Deir al-Zour, a major city near the border", "Deir al-Zour"),
    ("in Amman, King Abdullah said", "Amman"),
    ("talks in Washington, the capital", "Washington"),
])
def test_a_place_before_an_apposition_stays_a_place(text: str, name: str) -> None:
    assert not not_a_place(name, text, text.index(name))


def test_no_record_is_located_at_a_capital_named_for_its_government() -> None:
    draft = draft_events("Syrian troops seized 40 square kilometers, officials in Moscow said.",
                         published=dt.date(2017, 5, 1), gazetteer=Gazetteer(user=False))
    assert [record["location"] for record in draft.records] == [
        f"{DRAFT_MARK} 'Moscow' is a capital outside the gazetteer, named for its government as often as not; "
        "write where it happened"]
    assert "#   Moscow: the capital of a country (RU), outside the gazetteer: not usable as a location;" in draft.to_yaml()
