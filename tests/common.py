"""Named reference cases reused across the tests."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: Debian's Chromium, for the tests that open maps in a real browser (.ci/run installs it).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: The screen the map tests open pages at: a common laptop's.
SCREEN = {"width": 1366, "height": 768}


def offline_tab(browser: Any, path: Path, *, screen: dict[str, int] = SCREEN,
                dialogs: list[str] | None = None) -> tuple[Any, Any, list[str], list[str]]:
    """``path`` opened in a new tab of ``browser`` (at ``screen``) with every request but the file's own
    blocked: the context, the tab, its console and page errors, and the addresses it asked for (each
    blocked). A dialog is dismissed and counts as an error ("dialog: ..."), or its message is put in
    ``dialogs`` when given."""
    context = browser.new_context(viewport=screen)
    requested: list[str] = []

    def block(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    if dialogs is None:
        tab.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    else:
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(path.as_uri())
    return context, tab, errors, requested
DATA = Path(__file__).resolve().parent / "data"
EVENTS = ROOT / "events"
#: How many records events/ holds.
SEED_COUNT = len(list(EVENTS.glob("*.yaml")))
BROKEN = DATA / "broken"
VALID = DATA / "valid"
#: The seed articles the records in events/ come from (beside the repository, in shared/seeds).
SEEDS = ROOT.parent / "shared" / "seeds"
#: Where copies of the four seed articles are stored (the records' sources name these).
SEED_ARTICLE_URLS = {
    "https://us.blastingnews.com/news/2017/06/assad-forces-will-plow-through-us-backed-militia-lands-as-it-destroys-"
    "isis-001748677.html",
    "https://us.blastingnews.com/news/2017/06/syrian-forces-reached-iraqi-border-us-backed-kurds-still-taking-raqqa-"
    "001763399.html",
    "https://theduran.com/isis-makes-new-advance-palmyra/",
    "http://yournewswire.com/russian-backed-syrian-troops-advance-towards-us-uk-special-forces/",
}

#: A minimal valid record, as plain data.
MINIMAL = {
    "id": "minimal",
    "date": "2017-06-08",
    "title": "Syrian army advances into the Badiyeh east of Tadmur",
    "type": "Battles",
    "actors": ["Syrian Arab Army"],
    "location": "Tadmur",
}

#: Tadmur (Palmyra), to two decimals: the point most made-up records stand on.
TADMUR = {"lat": 34.56, "lon": 38.28}
#: A point of the desert near al-Tanf, to one decimal: a target for distances and directions.
NEAR_AL_TANF = {"lat": 33.5, "lon": 38.6}

#: The al-Tanf deconfliction zone: 55 km around the garrison (US-led coalition figures).
AL_TANF_GARRISON = {"lat": 33.5058, "lon": 38.6178}
AL_TANF_ZONE = {"circle": {"center": AL_TANF_GARRISON, "radius": "55 km"}}

#: Named reference geometries, in [lon, lat] (GeoJSON order).
#: A polygon around Tadmur with a hole (the town itself left out).
POLYGON_WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        [[38.0, 34.3], [38.6, 34.3], [38.6, 34.8], [38.0, 34.8], [38.0, 34.3]],
        [[38.25, 34.53], [38.32, 34.53], [38.32, 34.59], [38.25, 34.59], [38.25, 34.53]],
    ],
}
#: Two separate parts: around Tadmur and around Abu Kamal (GeoNames 34.45226 N, 40.91854 E).
MULTIPOLYGON = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[38.2, 34.5], [38.4, 34.5], [38.4, 34.65], [38.2, 34.65], [38.2, 34.5]]],
        [[[40.85, 34.4], [40.95, 34.4], [40.95, 34.5], [40.85, 34.5], [40.85, 34.4]]],
    ],
}


# The made-up ACLED rows the benchmarks import, from benchmarks/acled_like.py.
sys.path.insert(0, str(ROOT / "benchmarks"))
from acled_like import acled_like_rows as acled_like_rows  # noqa: E402
from acled_like import write_acled_like as write_acled_like  # noqa: E402
