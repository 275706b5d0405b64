"""Capitalised words of the news that are not places: news agencies and outlets, people, and the
generic words place names are made of ("Khan", "Tal", "Road"), which name nothing on their own.

>>> is_outlet("SANA"), is_outlet("Al-Alam"), is_outlet("Palmyra")
(True, True, False)
>>> is_generic("Khan"), is_generic("Khan Touman")
(True, False)
>>> names_a_person("Ban Ki-moon", "said UN chief Ban Ki-moon", 15), names_a_person("Kane", "Angela Kane", 7)
(True, True)
"""

from __future__ import annotations

import re

#: News agencies, channels and papers whose names look like places ("SANA" is a village's spelling).
OUTLETS = frozenset(n.lower() for n in (
    "SANA", "Al-Alam", "Al Alam", "Alalam", "Reuters", "AFP", "AP", "Associated Press", "Al Jazeera", "Al-Jazeera",
    "Al Arabiya", "Al-Arabiya", "BBC", "CNN", "Sputnik", "RT", "TASS", "Anadolu", "Al-Masdar", "Al Masdar",
    "Al-Masdar News", "SOHR", "Syrian Observatory", "Hawar", "ANHA", "Amaq", "Enab Baladi", "Xinhua", "IRNA",
    "Fars", "Tasnim", "Rudaw", "Kurdistan24", "Al-Manar", "Al Manar", "Asharq Al-Awsat", "Al-Hayat",
))
#: Words that begin place names but name no place alone.
GENERIC = frozenset((
    "khan", "tal", "tall", "tell", "tel", "deir", "dayr", "kafr", "kfar", "road", "airport", "bab", "ain", "ayn",
    "jabal", "jebel", "wadi", "qasr", "hill", "hills", "village", "city", "town", "camp", "base", "mount", "bir",
    "beit", "bayt", "ras", "sheikh", "shaykh", "abu", "umm", "al", "el", "highway", "crossing", "border", "dam",
    "bridge", "square", "district", "governorate", "province", "countryside", "castello",
))
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


def is_generic(name: str) -> bool:
    """Whether ``name`` is one generic word of place names, alone."""
    return name.strip().lower() in GENERIC


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
    return (last in TITLES and last not in ("said", "says", "told")) or any(
        f"{w} {name}".lower() in PEOPLE for w in before[-2:])


def not_a_place(name: str, text: str, start: int) -> bool:
    """Whether drafting must not take ``name`` (at ``start`` in ``text``) as a place."""
    return is_outlet(name) or is_generic(name) or names_a_person(name, text, start)
