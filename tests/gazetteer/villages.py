"""The shared village dumps of Syria, Iraq, Jordan and Lebanon, imported once per test run."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.importer import import_places
from gazetteer.table import BUNDLED, PlaceTable

from ..common import ROOT

#: GeoNames-format dumps beside the repository (../shared/data/gazetteer; the project does not ship them).
SHARED = ROOT.parent / "shared" / "data" / "gazetteer"


@functools.cache
def _imported(base: Path) -> Path:
    folder = base / "villages"
    folder.mkdir()
    table = folder / "places.tsv"
    for country in ("SY", "IQ", "JO", "LB"):
        import_places(SHARED / f"{country}.txt", table)
    return table


def village_table(factory: pytest.TempPathFactory) -> Path:
    """A user place table holding the four dumps (imported on the first call of a run, then reused);
    the test is skipped when the dumps are not there."""
    if not (SHARED / "SY.txt").is_file():
        pytest.skip(f"the shared dumps are not in {SHARED}")
    return _imported(factory.getbasetemp())


def village_gazetteer(factory: pytest.TempPathFactory) -> Gazetteer:
    """The bundled places and the villages of :func:`village_table`."""
    return Gazetteer(PlaceTable.read([BUNDLED, village_table(factory)]))
