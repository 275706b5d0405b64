"""Drafting takes no news agency, person or generic word for a place, and keeps multi-word names whole."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer
from tracker.drafting.article import read_article
from tracker.drafting.nonplaces import not_a_place

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
