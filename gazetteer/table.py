"""The place table: the bundled places, plus the user's own, indexed by normalised name."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .normalize import first_sounds, normalize

BUNDLED = Path(__file__).resolve().parent / "data" / "places.tsv"
COLUMNS = ("id", "name", "latitude", "longitude", "country", "feature", "population", "names", "keys", "source")
#: Where ``tracker gazetteer import`` keeps the user's places; ``TRACKER_GAZETTEER`` overrides it.
USER_TABLE_ENV = "TRACKER_GAZETTEER"


def user_table_path() -> Path:
    """The user's own place table: ``$TRACKER_GAZETTEER``, else ``places.tsv`` in the user data folder."""
    if os.environ.get(USER_TABLE_ENV):
        return Path(os.environ[USER_TABLE_ENV])
    import platformdirs

    return Path(platformdirs.user_data_dir("conflict-tracker")) / "places.tsv"


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer."""

    id: str
    name: str
    latitude: float
    longitude: float
    country: str
    feature: str
    population: int = 0
    source: str = ""
    names: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def label(self) -> str:
        """'Name (CC, lat, lon)', for messages."""
        return f"{self.name} ({self.country}, {self.latitude:.4f}, {self.longitude:.4f})"

    def to_row(self, keys: Sequence[str] | None = None) -> dict[str, str]:
        """The place as a row of the table format."""
        names = self.names or (self.name,)
        return {
            "id": self.id, "name": self.name, "latitude": f"{self.latitude:.5f}", "longitude": f"{self.longitude:.5f}",
            "country": self.country, "feature": self.feature, "population": str(self.population),
            "names": "|".join(names),
            "keys": "|".join(keys if keys is not None else dict.fromkeys(k for k in map(normalize, names) if k)),
            "source": self.source,
        }


class PlaceTable:
    """Places indexed by the normalised forms of all their names."""

    def __init__(self, rows: Iterable[dict[str, str]]):
        """Index ``rows`` (dicts with the table's columns); a later row with the id of an earlier one
        replaces it, so the user's table can correct a bundled place."""
        self.places: list[Place] = []
        self.key_rows: dict[str, list[int]] = {}
        for row in {row["id"]: row for row in rows}.values():
            index = len(self.places)
            names = tuple(row["names"].split("|")) if row.get("names") else (row["name"],)
            self.places.append(
                Place(
                    row["id"], row["name"], float(row["latitude"]), float(row["longitude"]), row["country"],
                    row["feature"], int(row.get("population") or 0), row.get("source", ""), names,
                )
            )
            keys = row["keys"].split("|") if row.get("keys") else [normalize(n) for n in names]
            for key in dict.fromkeys(keys):
                if key:
                    self.key_rows.setdefault(key, []).append(index)
        #: Every distinct key, for fuzzy matching; ``choice_rows[i]`` are the places of ``choices[i]``.
        self.choices: list[str] = list(self.key_rows)
        self.choice_rows: list[list[int]] = [self.key_rows[k] for k in self.choices]
        #: The sounds each choice may begin with (:func:`first_sounds`), which a fuzzy match must share.
        self.choice_sounds = np.array([first_sounds(k) for k in self.choices], dtype=np.int64)
        self.latitudes = np.array([p.latitude for p in self.places], dtype=float)
        self.longitudes = np.array([p.longitude for p in self.places], dtype=float)
        self.populations = np.array([p.population for p in self.places], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.places)

    @classmethod
    def read(cls, paths: Iterable[Path]) -> PlaceTable:
        """The places of one or more TSV files in the table format, in order (later files extend)."""
        rows: list[dict[str, Any]] = []
        for path in paths:
            with path.open(encoding="utf-8", newline="") as stream:
                rows.extend(csv.DictReader(stream, delimiter="\t"))
        return cls(rows)

    @classmethod
    def default(cls, user: bool = True) -> PlaceTable:
        """The bundled places, extended by the user's own table when it exists and ``user`` is true."""
        paths = [BUNDLED]
        if user and user_table_path().is_file():
            paths.append(user_table_path())
        return cls.read(paths)

    def name_matched(self, index: int, key: str) -> str:
        """The place's own spelling whose normalised form is ``key``."""
        place = self.places[index]
        return next((name for name in place.names if normalize(name) == key), place.name)


def write_table(path: Path, rows: Iterable[dict[str, str]], inputs: Iterable[Path] = ()) -> None:
    """Write rows in the table format over ``path``, never over one of ``inputs``, atomically (a
    temporary file renamed over the old one; see :mod:`tracker.files`)."""
    from tracker.files import Output

    with Output(path, force=True, inputs=inputs) as output, output.open() as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
