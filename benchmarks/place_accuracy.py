"""How often place names land in the right place: the rates of tests/data/gazetteer/real-shaped.csv.

    python benchmarks/place_accuracy.py [TABLE...]

Each case is a name, the other places named with it (the record's or the article's), and where it
truly is (from the shared GeoNames-format dumps; empty for a made-up name). The name is resolved with
its context, and counted as within 10 km, confidently wrong (found, but further), ambiguous or not
found; a made-up name counts as right when it is not found. TABLE are place tables to read after the
bundled one (such as the user's table after importing the shared dumps).
"""

from __future__ import annotations

import csv
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "gazetteer" / "real-shaped.csv"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def outcome(gazetteer: Any, row: dict[str, str]) -> str:
    """'right', 'wrong', 'ambiguous' or 'not found' for one case."""
    names = [row["query"], *(n for n in row["context"].split("|") if n)]
    together = getattr(gazetteer, "resolve_together", gazetteer.resolve_many)
    match = together(names)[0]
    if not row["latitude"]:
        return {"not_found": "right", "ambiguous": "ambiguous"}.get(match.status, "wrong")
    if match.status != "found":
        return "ambiguous" if match.status == "ambiguous" else "not found"
    far = _km((match.place.latitude, match.place.longitude), (float(row["latitude"]), float(row["longitude"])))
    return "right" if far <= 10 else "wrong"


def rates(gazetteer: Any, cases: Path = CASES) -> Counter[str]:
    """How many cases had each outcome."""
    with cases.open(encoding="utf-8", newline="") as stream:
        return Counter(outcome(gazetteer, row) for row in csv.DictReader(stream))


if __name__ == "__main__":
    from gazetteer import Gazetteer
    from gazetteer.table import BUNDLED, PlaceTable

    counts = rates(Gazetteer(PlaceTable.read([BUNDLED, *map(Path, sys.argv[1:])])))
    total = sum(counts.values())
    print(", ".join(f"{kind} {counts[kind] / total:.1%}" for kind in ("right", "wrong", "ambiguous", "not found"))
          + f" of {total} cases")
