from __future__ import annotations

import os

import pytest

from .common import CHROMIUM, ROOT


@pytest.fixture(autouse=True, scope="session")
def _run_from_repository_root() -> None:
    """Doctests and the CLI default to ./events: run everything from the repository's root."""
    os.chdir(ROOT)


@pytest.fixture(autouse=True, scope="session")
def _no_user_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see the bundled gazetteer only, never places a user imported on this machine."""
    os.environ["TRACKER_GAZETTEER"] = str(tmp_path_factory.mktemp("user") / "places.tsv")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (one for all the tests of this module)."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()
