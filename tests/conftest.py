from __future__ import annotations

import os

import pytest

from .common import ROOT


@pytest.fixture(autouse=True, scope="session")
def _run_from_repository_root() -> None:
    """Doctests and the CLI default to ./events: run everything from the repository's root."""
    os.chdir(ROOT)


@pytest.fixture(autouse=True, scope="session")
def _no_user_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see the bundled gazetteer only, never places a user imported on this machine."""
    os.environ["TRACKER_GAZETTEER"] = str(tmp_path_factory.mktemp("user") / "places.tsv")
