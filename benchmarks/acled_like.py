"""Made-up rows shaped like a current ACLED export, for the benchmarks and the tests: in Syria and Iraq,
2017. Not ACLED data."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from tracker.datasets.importing import ACLED_COLUMNS


def acled_like_rows(count: int, seed: int = 2017, variety: int = 1, sentences: int = 1) -> Iterator[list[str]]:
    """Rows shaped like a current ACLED export (:data:`ACLED_COLUMNS`), for tests and benchmarks: made
    up, in Syria and Iraq, 2017. Not ACLED data. With ``variety`` above 1, each place, actor and
    source comes in that many numbered variants ("Tadmur 17"), as many as a real export names. Notes
    are one short sentence; ``sentences=2`` adds a second naming the actors and the source, for notes
    as long as ACLED's, which are typically two sentences."""
    if sentences not in (1, 2):  # at the call, not at the first row: no file is begun
        raise ValueError(f"sentences={sentences}: notes of 1 or 2 sentences are made")
    return _acled_like_rows(count, seed, variety, sentences)


def _acled_like_rows(count: int, seed: int, variety: int, sentences: int) -> Iterator[list[str]]:
    rng = np.random.default_rng(seed)
    types = [("Battles", "Armed clash"), ("Battles", "Government regains territory"),
             ("Explosions/Remote violence", "Air/drone strike"),
             ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Violence against civilians", "Attack"), ("Strategic developments", "Looting/property destruction")]
    actors = ["Military Forces of Syria (2000-2024)", "Islamic State (Syria)", "SDF: Syrian Democratic Forces",
              "Military Forces of Russia (2000-)", "Military Forces of Iraq (2014-)", "Hezbollah"]
    places = [("Tadmur", 34.5624, 38.2840), ("Deir ez-Zor", 35.3359, 40.1408), ("Ar Raqqah", 35.9528, 39.0079),
              ("Abu Kamal", 34.4523, 40.9185), ("Mosul", 36.335, 43.1189), ("Al-Qaim", 34.3687, 41.0944)]
    start = dt.date(2017, 1, 1)
    for i in range(count):
        kind, sub = types[int(rng.integers(len(types)))]
        name, lat, lon = places[int(rng.integers(len(places)))]
        iso, country = ("368", "Iraq") if lon > 41 else ("760", "Syria")
        day = start + dt.timedelta(days=int(rng.integers(365)))
        a1, a2 = rng.choice(len(actors), 2, replace=False)
        actor1, actor2, source = actors[a1], actors[a2], "Syrian Observatory for Human Rights"
        if variety > 1:
            name, actor1, actor2, source = (f"{text} {1 + int(rng.integers(variety))}"
                                            for text in (name, actor1, actor2, source))
        # Drawn in the order of the columns, so that the rows stay the same for a given seed.
        time_precision, point = str(1 + int(rng.integers(3))), (lat + rng.normal(0, 0.2), lon + rng.normal(0, 0.2))
        geo_precision = str(1 + int(rng.integers(3)))
        notes = f"On {day:%d %B %Y}, clashes near {name}; {int(rng.integers(0, 30))} reported killed, sources disagree."
        if sentences == 2:
            notes += (f" {actor1} said it had taken {int(rng.integers(2, 40))} positions from {actor2} on the road"
                      f" east of {name}, and {source} reported {int(rng.integers(0, 500))} families displaced.")
        yield [
            f"{'IRQ' if iso == '368' else 'SYR'}{i + 1}", day.isoformat(), time_precision, "Political violence",
            kind, sub, actor1, "", "1", actor2, "", "2", "12", "", iso, "Middle East", country,
            f"{name} governorate", f"{name} district", "", name, f"{point[0]:.4f}", f"{point[1]:.4f}",
            geo_precision, source, "National", notes, str(int(rng.integers(0, 30))), "", "1700000000",
        ]


def write_acled_like(path: Path, count: int, seed: int = 2017, variety: int = 1, sentences: int = 1) -> Path:
    """Write :func:`acled_like_rows` as a CSV file with ACLED's header."""
    rows = acled_like_rows(count, seed, variety, sentences)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(rows)
    return path



#: Forces of the Syrian war as ACLED names them, and units written after a force's name, for
#: :func:`many_actor_rows`.
SYRIA = "Military Forces of Syria (2000-)"
FORCES = (SYRIA, "Islamic State (Syria)", "Hezbollah", "Military Forces of Russia (2000-)",
          "SDF: Syrian Democratic Forces", "Hayat Tahrir al-Sham", "Military Forces of Turkey (2016-)",
          "Liwa al-Quds", "Military Forces of Iran (1979-)", "Jaysh al-Islam")
UNITS = ("4th Armoured Division", "Republican Guard", "Tiger Forces", "5th Corps", "Air Force", "25th Division")


def many_actor_names(more_forces: tuple[str, ...] = ()) -> list[str]:
    """400 actor names as a real export has them: the forces (and ``more_forces``), units of the first
    four, coalitions written with 'and' and ';', and a long tail of local groups. Made up."""
    forces = [*FORCES, *more_forces]
    names = list(forces)
    names += [f"{force} {unit}" for force in forces[:4] for unit in UNITS]
    names += [f"{SYRIA} and {other}" for other in forces[1:8]]
    names += [f"{SYRIA} {UNITS[0]} and Hezbollah", f"Hezbollah; {SYRIA} {UNITS[2]}"]
    while len(names) < 400:
        names.append(f"Local militia of {['Homs', 'Hama', 'Idlib', 'Daraa', 'Raqqa'][len(names) % 5]} "
                     f"{len(names)}")
    return names


def many_actor_rows(count: int, more_forces: tuple[str, ...] = ()) -> list[list[str]]:
    """:func:`acled_like_rows` whose two actors are drawn from :func:`many_actor_names`: most events by
    the forces and their units (``more_forces`` half as often), a long tail by the rest. Made up."""
    rng = np.random.default_rng(400)
    names = many_actor_names(more_forces)
    forces = len(FORCES) + len(more_forces)
    weights = np.array([60.0] * forces + [1.0] * (len(names) - forces))
    weights[len(FORCES):forces] = 30.0
    weights /= weights.sum()
    rows = list(acled_like_rows(count, seed=20))
    firsts, seconds = rng.choice(len(names), count, p=weights), rng.choice(len(names), count, p=weights)
    for row, first, second in zip(rows, firsts, seconds, strict=True):
        row[6], row[9] = names[first], names[second]
    return rows


def write_many_actors(path: Path, count: int, more_forces: tuple[str, ...] = ()) -> Path:
    """Write :func:`many_actor_rows` as a CSV file with ACLED's header."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(many_actor_rows(count, more_forces))
    return path
