"""One table of countries (gazetteer/countries.py) names them everywhere: the shipped outlines, a
record's ``inside:`` and ``reaches:``, a query's country, an article's country names and its borders."""

from __future__ import annotations

import json

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import COUNTRIES, Gazetteer
from gazetteer.countries import BY_ALPHA2, TABLE, Country, lookup
from tracker.drafting.article import read_article
from tracker.drafting.draft import draft_events
from tracker.geo import countries as shipped
from tracker.geo import geodesy as geo

SHIPPED = [country for country in TABLE if country.alpha3 in shipped.countries()]


@pytest.fixture(scope="module")
def places() -> Gazetteer:
    return Gazetteer(user=False)


def test_every_shipped_outline_is_a_country_of_the_table_under_natural_earths_name() -> None:
    features = json.loads(shipped.COUNTRIES_FILE.read_text(encoding="utf-8"))["features"]
    table = {country.alpha3: country.name for country in TABLE}
    assert {f["properties"]["ISO_A3"]: f["properties"]["NAME"] for f in features} == {
        code: table[code] for code in shipped.countries()}
    assert [name for name, _ in shipped.countries().values()] == [f["properties"]["NAME"] for f in features]


def test_the_codes_of_the_table_are_iso_3166s_and_no_name_names_two_countries() -> None:
    for country in TABLE:
        record = pycountry.countries.get(alpha_2=country.alpha2)
        assert record is not None and record.alpha_3 == country.alpha3, country
    keys = [key.casefold() for country in TABLE for key in {*country.names, country.alpha2, country.alpha3}]
    assert len(keys) == len(set(keys))


def _any_case(text: str, flips: list[bool]) -> str:
    return "".join(c.swapcase() if i < len(flips) and flips[i] else c for i, c in enumerate(text))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([(name, c.alpha3) for c in SHIPPED for name in (*c.names, c.alpha2, c.alpha3)]),
       st.lists(st.booleans(), max_size=30), st.sampled_from(["", " ", "  \t"]))
def test_a_shipped_country_is_found_by_any_of_its_names_in_any_case(name_code: tuple[str, str], flips: list[bool],
                                                                    space: str) -> None:
    name, code = name_code
    assert shipped.country_named(space + _any_case(name, flips) + space) == code


@pytest.mark.parametrize(("name", "code"), [
    ("Syria", "SYR"), ("Syrian Arab Republic", "SYR"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("turkiye", "TUR"),
    ("ksa", "SAU"), ("Palestine", "PSE"), ("iq", "IRQ"),
    # names the table does not hold, found through ISO 3166
    ("Republic of Iraq", "IRQ"), ("Hashemite Kingdom of Jordan", "JOR"), ("Palestine, State of", "PSE"),
    # countries that are not shipped, and what names no country
    ("IR", None), ("Iran", None), ("United States", None), ("France", None), ("760", None), ("Tadmur", None),
    ("", None),
])
def test_country_named_takes_the_tables_names_then_iso_3166s(name: str, code: str | None) -> None:
    assert shipped.country_named(name) == code
    assert geo.country_named is shipped.country_named  # the old path still answers


def test_a_country_iso_3166_knows_but_the_table_does_not_is_found_by_its_names() -> None:
    france = lookup("french republic")
    assert france is not None and (france.alpha2, france.alpha3, france.name) == ("FR", "FRA", "France")
    assert lookup("Iran") is BY_ALPHA2["IR"]


def test_a_query_may_end_with_any_name_of_a_country_of_the_table(places: Gazetteer) -> None:
    assert {c.alpha2: c.names for c in TABLE} == COUNTRIES and COUNTRIES["SY"][0] == "Syria"
    for query in ("Sinjar, Iraq", "Sinjar (IQ)", "Sinjar, IRAQ"):
        assert places.resolve(query).place.country == "IQ"
    for query in ("Sinjar, Syrian Arab Republic", "Sinjar (SY)"):
        assert places.resolve(query).place.country == "SY"
    assert places.resolve("Sinjar, Türkiye").status == "not_found"  # required, and there is no Sinjar there


@pytest.mark.parametrize("country", TABLE, ids=lambda c: c.alpha2)
def test_an_article_finds_every_name_of_every_country_of_the_table(country: Country, places: Gazetteer) -> None:
    article = read_article(" ".join(f"Talks opened in {name} on Monday." for name in country.names), gazetteer=places)
    assert [(p.text, p.kind, p.country) for p in article.places] == [
        (name, "country", country.alpha2) for name in country.names]


@pytest.mark.parametrize("country", [c for c in TABLE if c.adjective], ids=lambda c: c.alpha2)
def test_reaching_a_border_named_by_its_adjective_is_a_reaches_claim(country: Country, places: Gazetteer) -> None:
    text = f"Government troops reached the {country.adjective} border on Friday."
    claims = [claim for record in draft_events(text, gazetteer=places).records for claim in record.get("claims", [])]
    assert [claim["reaches"] for claim in claims if "reaches" in claim] == [country.name]
