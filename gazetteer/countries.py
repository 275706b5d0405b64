"""The one table of countries: their ISO codes, the names the news writes them by, and their adjectives.

Every place that names a country reads it from here: a query's country ("Sinjar, Iraq"), an
article's country names and its "Iraqi border", a record's ``inside: Syria`` or ``reaches: Iraq``.
The table holds the countries of the region the gazetteer covers and the powers the news names
with them; it keeps the names ISO 3166 (``pycountry``) lacks or writes otherwise ("Syria" for the
Syrian Arab Republic, "Turkey" beside "Türkiye", "Russia", "UK"). Any other country is found
through ``pycountry`` by :func:`lookup`.

>>> TABLE[0].name, TABLE[0].alpha3, TABLE[0].names
('Syria', 'SYR', ('Syria', 'Syrian Arab Republic'))
>>> BY_ALPHA2["TR"].names, BY_ALPHA2["TR"].adjective
(('Turkey', 'Türkiye', 'Turkiye'), 'Turkish')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Country:
    """A country: its ISO 3166 codes, the name messages use, the other names the news writes it by,
    and the adjective of its people ("Iraqi").

    >>> Country("IQ", "IRQ", "Iraq", adjective="Iraqi").names
    ('Iraq',)
    """

    alpha2: str
    alpha3: str
    name: str
    variants: tuple[str, ...] = ()
    adjective: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the country, the one messages use first."""
        return (self.name, *self.variants)


#: The countries the news names, the region's first (in the order queries and messages have long
#: used). Names that ISO 3166 gives another way are kept as the news writes them.
TABLE: tuple[Country, ...] = (
    Country("SY", "SYR", "Syria", ("Syrian Arab Republic",), "Syrian"),
    Country("IQ", "IRQ", "Iraq", (), "Iraqi"),
    Country("JO", "JOR", "Jordan", (), "Jordanian"),
    Country("LB", "LBN", "Lebanon", (), "Lebanese"),
    Country("TR", "TUR", "Turkey", ("Türkiye", "Turkiye"), "Turkish"),
    Country("IL", "ISR", "Israel", (), "Israeli"),
    Country("SA", "SAU", "Saudi Arabia", ("KSA",), "Saudi"),
    Country("IR", "IRN", "Iran", (), "Iranian"),
    Country("PS", "PSE", "Palestine", (), "Palestinian"),
    Country("US", "USA", "United States", ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
            "American"),
    Country("GB", "GBR", "United Kingdom", ("UK", "U.K.", "Britain", "Great Britain"), "British"),
    Country("RU", "RUS", "Russia", (), "Russian"),
    Country("KR", "KOR", "South Korea", (), "South Korean"),
    Country("KP", "PRK", "North Korea", (), "North Korean"),
)
#: The countries of :data:`TABLE` by two-letter code.
BY_ALPHA2 = {country.alpha2: country for country in TABLE}
#: The countries of :data:`TABLE` by three-letter code.
BY_ALPHA3 = {country.alpha3: country for country in TABLE}
#: The capitals of countries of :data:`TABLE`, as the news names them, often for the government that sits
#: there ("Washington says", "talks in Moscow"): the region's own are places of the gazetteer too.
#: Israel's and Palestine's are left out: where they are is itself disputed.
CAPITALS: dict[str, tuple[str, ...]] = {
    "SY": ("Damascus",), "IQ": ("Baghdad",), "JO": ("Amman",), "LB": ("Beirut",), "TR": ("Ankara",),
    "SA": ("Riyadh",), "IR": ("Tehran", "Teheran"), "US": ("Washington", "Washington, D.C.", "Washington DC"),
    "GB": ("London",), "RU": ("Moscow",), "KR": ("Seoul",), "KP": ("Pyongyang",),
}
_BY_KEY = {key.casefold(): country for country in TABLE
           for key in (*country.names, country.alpha2, country.alpha3)}


@lru_cache(maxsize=4096)
def lookup(name: str) -> Country | None:
    """The country ``name`` names, case and surrounding spaces aside: a name or code of :data:`TABLE`,
    else any name or letter code ISO 3166 gives (``pycountry``); ``None`` when no country has that name.

    >>> lookup("iraq").alpha3, lookup(" Türkiye ").name, lookup("KSA").alpha2
    ('IRQ', 'Turkey', 'SA')
    >>> lookup("Hashemite Kingdom of Jordan").name, lookup("FRA").name
    ('Jordan', 'France')
    >>> lookup("Tadmur") is None, lookup("") is None, lookup("760") is None
    (True, True, True)
    """
    key = name.strip().casefold()
    if key in _BY_KEY:
        return _BY_KEY[key]
    if not key or key.isdigit():  # ISO 3166's numeric codes are no names: "760" may be a record's id
        return None
    import pycountry

    try:
        record = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return BY_ALPHA2.get(record.alpha_2) or Country(
        record.alpha_2, record.alpha_3, getattr(record, "common_name", None) or record.name)
