"""A governorate named in an article is the draft's location as a region (precision 3), never its town's point."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from gazetteer import Gazetteer
from tracker.drafting.draft import draft_events

from ..gazetteer.villages import village_gazetteer

#: Governorates as articles name them, the form the draft keeps as the location, and the area's id.
SENTENCES = [
    ("Islamic State fighters attacked an army checkpoint in the province of Homs, killing four soldiers.",
     "the province of Homs", "iso3166-2:SY-HI"),
    ("Coalition aircraft struck an oil depot in Deir ez-Zor Governorate, the coalition said.",
     "Deir ez-Zor Governorate", "iso3166-2:SY-DY"),
    ("Government forces shelled villages in Idlib governorate, killing six civilians.",
     "Idlib governorate", "iso3166-2:SY-ID"),
    ("Islamic State fighters attacked a police post in Raqqa province, killing two officers.",
     "Raqqa province", "iso3166-2:SY-RA"),
    ("Rebel fighters shelled army positions in the governorate of Aleppo, killing three soldiers.",
     "the governorate of Aleppo", "iso3166-2:SY-HL"),
    ("Coalition aircraft struck Islamic State positions in Anbar province, killing 12 militants.",
     "Anbar province", "iso3166-2:IQ-AN"),
    ("Iraqi forces clashed with Islamic State fighters in Nineveh Governorate, killing five.",
     "Nineveh Governorate", "iso3166-2:IQ-NI"),
]


@pytest.fixture(scope="module", params=["bundled", "villages"])
def gazetteer(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The bundled gazetteer, then the bundled one with the shared village dumps imported."""
    if request.param == "bundled":
        return Gazetteer(user=False)
    return village_gazetteer(tmp_path_factory)


def _records(text: str, gazetteer: Gazetteer) -> list[dict[str, object]]:
    draft = draft_events(text, published=dt.date(2019, 3, 8), gazetteer=gazetteer)
    return list(yaml.safe_load_all(draft.to_yaml()))


@pytest.mark.parametrize(("sentence", "location", "area"), SENTENCES)
def test_a_governorate_in_an_article_is_drafted_as_a_region(gazetteer: Gazetteer, sentence: str, location: str,
                                                            area: str) -> None:
    records = _records(sentence, gazetteer)
    assert len(records) == 1
    record = records[0]
    assert (record["location"], record["precision"]) == (location, 3)
    match = gazetteer.resolve(location)
    assert match.place is not None and match.place.id == area and match.kind == "region"
    text = draft_events(sentence, published=dt.date(2019, 3, 8), gazetteer=gazetteer).to_yaml()
    assert "is a region (administrative area (ADM1)), not a point" in text


def test_the_town_of_the_same_name_is_drafted_as_a_point(gazetteer: Gazetteer) -> None:
    records = _records("Islamic State fighters attacked an army checkpoint in Homs, killing four soldiers.",
                       gazetteer)
    assert len(records) == 1
    assert records[0]["location"] == "Homs" and "precision" not in records[0]
    match = gazetteer.resolve("Homs")
    assert match.place is not None and match.kind == "point"


def test_a_province_word_near_a_name_without_such_an_area_leaves_the_town(gazetteer: Gazetteer) -> None:
    """'Palmyra province' names no area the gazetteer holds: the town stays the location, as a point."""
    records = _records("Islamic State fighters attacked an army checkpoint in Tadmur province, killing four.",
                       gazetteer)
    assert len(records) == 1
    assert records[0]["location"] == "Tadmur" and "precision" not in records[0]
