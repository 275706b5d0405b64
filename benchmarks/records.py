"""Generated event records for the benchmarks: varied, valid, shaped like the seed events."""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["Tadmur", "Arak", "As Sukhnah", "Al-Tanf garrison", "Deir ez-Zor", "Abu Kamal", "Raqqa", "Badiyeh"]
ACTORS = ["Syrian Arab Army", "Islamic State", "Free Syrian Army", "US-led coalition", "Hezbollah", "Iran"]


def record_text(i: int, rng: random.Random) -> str:
    """One record as YAML, with an area and claims of several kinds, like the records in events/."""
    lat, lon = 33 + rng.random() * 4, 36 + rng.random() * 5
    day = 1 + i % 28
    area = (
        f"  hull: [{', '.join(rng.sample(PLACES, 3))}]"
        if i % 3 == 0
        else f"  circle: {{center: {{lat: {lat:.4f}, lon: {lon:.4f}}}, radius: {rng.randint(5, 60)} km}}"
        if i % 3 == 1
        else "  polygon: [[38.28, 34.56], [38.87, 34.88], [38.59, 34.68]]"
    )
    return f"""\
# generated record {i}
id: event-{i:06d}
date: {{start: 2017-05-{day:02d}, end: 2017-06-{day:02d}}}
title: Syrian army advance number {i} into the Badiyeh east of Tadmur
type: Battles
sub_type: Government regains territory
actors: [{rng.choice(ACTORS)}, {{name: {rng.choice(ACTORS)}, side: opposing}}]
location: {{lat: {lat:.4f}, lon: {lon:.4f}}}
precision: {1 + i % 3}
area:
{area}
claims:
  - area: {rng.randint(100, 9000):,} km²
    quote: "advanced {rng.randint(100, 9000):,} square kilometers earlier this week"
  - distance: {rng.randint(5, 40)} mi
    to: {rng.choice(PLACES)}
    relation: within
  - direction: {rng.choice(["east", "north-east", "s", "w"])}
    of: {rng.choice(PLACES)}
  - count: {rng.randint(100, 5000)}
    of: fighters
sources:
  - publisher: The Duran
    title: ISIS makes a new advance on Palmyra
    url: https://theduran.com/isis-makes-a-new-advance-on-palmyra-{i}/
    published: 2016-12-10
    reliability: {rng.choice("ABCDEF")}
    credibility: {rng.randint(1, 6)}
notes: >-
  Generated for the benchmark: the figure is attributed to the Syrian military, a party to the
  fight, and not independently confirmed. Graded E3.
"""


def write_records(folder: Path, count: int, seed: int = 2017) -> list[Path]:
    """``count`` record files in ``folder`` (made if needed), one record each."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"event-{i:06d}.yaml"
        path.write_text(record_text(i, rng), encoding="utf-8")
        paths.append(path)
    return paths
