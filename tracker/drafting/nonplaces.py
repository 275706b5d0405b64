"""Capitalised words of the news that are not places: news agencies and outlets, people, the generic
words place names are made of ("Khan", "Tal", "Road"), the words of the names of forces, bodies and wars
("Special Forces", "Cold War") and the adjectives of countries ("Iraqi"), which name no place on their own.

>>> is_outlet("SANA"), is_outlet("Al-Alam"), is_outlet("Palmyra")
(True, True, False)
>>> is_generic("Khan"), is_generic("Khan Touman"), is_generic("War"), is_generic("Iraqi")
(True, False, True, True)
>>> names_a_person("Ban Ki-moon", "said UN chief Ban Ki-moon", 15), names_a_person("Kane", "Angela Kane", 7)
(True, True)
>>> text = "Support The Duran, said Mozahem al-Saloum, spokesman for the brigade."
>>> not_a_place("Duran", text, 12), not_a_place("al-Saloum", text, 32), not_a_place("Palmyra", text, 0)
(True, True, False)
"""

from __future__ import annotations

import re

from gazetteer.countries import TABLE as _COUNTRIES

#: News agencies, channels and papers whose names look like places ("SANA" is a village's spelling).
OUTLETS = frozenset(n.lower() for n in (
    "SANA", "Al-Alam", "Al Alam", "Alalam", "Reuters", "AFP", "AP", "Associated Press", "Al Jazeera", "Al-Jazeera",
    "Al Arabiya", "Al-Arabiya", "BBC", "CNN", "Sputnik", "RT", "TASS", "Anadolu", "Al-Masdar", "Al Masdar",
    "Al-Masdar News", "SOHR", "Syrian Observatory", "Hawar", "ANHA", "Amaq", "Enab Baladi", "Xinhua", "IRNA",
    "Fars", "Tasnim", "Rudaw", "Kurdistan24", "Al-Manar", "Al Manar", "Asharq Al-Awsat", "Al-Hayat",
    "The Duran", "Washington Post", "Washington Times", "New York Times", "Jerusalem Post", "Tehran Times",
    "Moscow Times", "Daily Sabah", "Al-Monitor", "Al Monitor",
))
#: Words that begin place names but name no place alone.
GENERIC = frozenset((
    "khan", "tal", "tall", "tell", "tel", "deir", "dayr", "kafr", "kfar", "road", "airport", "bab", "ain", "ayn",
    "jabal", "jebel", "wadi", "qasr", "hill", "hills", "village", "city", "town", "camp", "base", "mount", "bir",
    "beit", "bayt", "ras", "sheikh", "shaykh", "abu", "umm", "al", "el", "highway", "crossing", "border", "dam",
    "bridge", "square", "district", "governorate", "province", "countryside", "castello",
))
#: English words of the names of forces, bodies, operations and wars ("US Special Forces", "Security
#: Council", "Cold War"): some are also the spelling of a village ("War"), none is a place on its own.
BODIES = frozenset((
    "war", "army", "forces", "force", "front", "state", "states", "council", "party", "command", "ministry",
    "brigade", "brigades", "battalion", "division", "regiment", "operation", "operations", "coalition",
    "government", "regime", "opposition", "union", "league", "nations", "committee", "group", "movement",
    "militia", "guard", "guards", "police", "corps", "unit", "units", "special", "agency", "office", "court",
    "parliament", "assembly", "congress", "senate",
))
#: The adjectives of countries ("Iraqi border", "Iraqi-Syrian border"), which may spell a village too.
ADJECTIVES = frozenset(c.adjective.lower() for c in _COUNTRIES if c.adjective)
#: People the news about the region names often, whose names look like places ("Kane" is Qana).
PEOPLE = frozenset(n.lower() for n in (
    "Ban Ki-moon", "Angela Kane", "Staffan de Mistura", "de Mistura", "Lakhdar Brahimi", "Kofi Annan",
    "Bashar al-Assad", "Assad", "Putin", "Obama", "Trump", "Erdogan", "Lavrov", "Kerry", "Tillerson", "Mattis",
    "Abu Bakr al-Baghdadi", "Baghdadi", "Nasrallah", "Abadi", "Rouhani", "Netanyahu", "Mazloum Abdi",
))
#: Words before a name that say it is a person's.
TITLES = frozenset((
    "president", "minister", "general", "gen", "secretary", "mr", "mrs", "ms", "dr", "colonel", "col", "envoy",
    "king", "prince", "senator", "commander", "spokesman", "spokeswoman", "chief", "ambassador", "sheikh", "emir",
    "lieutenant", "lt", "major", "maj", "captain", "capt", "brigadier", "said", "says", "told", "undersecretary",
))
_FIRST_NAMES = frozenset(n.split()[0].lower() for n in PEOPLE if " " in n)


def is_outlet(name: str) -> bool:
    """Whether ``name`` is a news agency or outlet."""
    return name.strip().lower() in OUTLETS


def within_outlet(name: str, text: str, start: int) -> bool:
    """Whether ``name``, found at ``start`` in ``text``, is a part of an outlet's name written around it
    ("Duran" of "The Duran", "Washington" of "Washington Post")."""
    for outlet in OUTLETS:
        offset = outlet.find(name.lower())
        if len(outlet) <= len(name) or offset < 0 or start < offset:
            continue
        begin, end = start - offset, start - offset + len(outlet)
        bounded = not text[begin - 1: begin].isalnum() and not text[end: end + 1].isalnum()
        if bounded and text[begin:end].lower() == outlet:
            return True
    return False


def is_generic(name: str) -> bool:
    """Whether ``name`` is one word that names no place alone: a generic word of place names, a word of
    the names of forces and bodies, or a country's adjective."""
    word = name.strip().lower()
    return word in GENERIC or word in BODIES or word in ADJECTIVES


def names_a_person(name: str, text: str, start: int) -> bool:
    """Whether ``name``, found at ``start`` in ``text``, is a person's: a known person, part of one
    (its first name just before it), or after a title ("President", "Gen.", "envoy")."""
    if name.strip().lower() in PEOPLE:
        return True
    after = text[start:start + 40].lower()
    if any(after.startswith(person) and len(person) > len(name) for person in PEOPLE):
        return True  # "Ban" of "Ban Ki-moon"
    before = re.findall(r"[A-Za-z][\w'-]*", text[max(0, start - 40):start])
    last = before[-1].lower().rpartition("-")[2] if before else ""  # "Secretary-General" ends in a title
    if last in _FIRST_NAMES or f"{last} {name.lower()}" in PEOPLE:
        return True
    if (last in TITLES and last not in ("said", "says", "told")) or any(
            f"{w} {name}".lower() in PEOPLE for w in before[-2:]):
        return True
    return _APPOSITION.match(text, start + len(name)) is not None  # "Mozahem al-Saloum, spokesman for"


#: A role set after a name, between commas, in lower case and followed by whom it serves (where a place
#: is followed by a name or a phrase: "in Amman, King Abdullah said", "Deir al-Zour, a major city"):
#: "Mozahem al-Saloum, spokesman for the brigade".
_APPOSITION = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:(?:deputy|chief|top|senior|former|local|military|field)\s+)?"
    r"(?:spokesman|spokeswoman|spokesperson|commander|envoy|minister|ambassador|senator|undersecretary|leader|head)"
    r"\s+(?:of|for|at|in|with)\b"
)


def not_a_place(name: str, text: str, start: int) -> bool:
    """Whether drafting must not take ``name`` (at ``start`` in ``text``) as a place."""
    return (is_outlet(name) or within_outlet(name, text, start) or is_generic(name)
            or names_a_person(name, text, start))
