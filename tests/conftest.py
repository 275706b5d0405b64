from __future__ import annotations

import os

import pytest

from .common import ROOT


@pytest.fixture(autouse=True, scope="session")
def _run_from_repository_root() -> None:
    """Doctests and the CLI default to ./events: run everything from the repository's root."""
    os.chdir(ROOT)
