"""Make the README's screenshots, at 1366×768 in headless Chromium, from nothing but the project.

    python docs/screenshots.py                 # all of them, into docs/
    python docs/screenshots.py --only seed     # one: seed, compare or many

- ``seed-map.png``: ``tracker map events --offline``, the map as it opens.
- ``compare-gains-map.png``: ``tracker map --compare`` on a made-up control series (the tests' squares and
  disc, moved into the desert east of Tadmur, under the names "Example assessor" and "Example army") and
  two made-up claims about its gain, with the chart panel opened from its heading.
- ``many-events-map.png``: ``tracker map`` of 20,000 made-up ACLED-shaped events of 400 actor names
  (``write_many_actors`` in ``benchmarks/acled_like.py``), imported with ``tracker import acled``.

Everything drawn is made here or ships with the project; the pages make no network request. Needs the
test extra (Playwright) and Debian's Chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TRACKER = Path(sys.executable).parent / "tracker"
SIZE = {"width": 1366, "height": 768}

#: The tests' control series (tests/control/control_series.py), moved 8° east and 4° north: one square
#: held on 1 January, two on 1 February, the two less a disc of about 20 km on 1 March.
_A = [[38.0, 34.0], [39.0, 34.0], [39.0, 35.0], [38.0, 35.0], [38.0, 34.0]]
_A_AND_B = [[38.0, 34.0], [39.0, 34.0], [40.0, 34.0], [40.0, 35.0], [39.0, 35.0], [38.0, 35.0], [38.0, 34.0]]

CLAIMS = {
    "example-army-claims-12000-km2.yaml": """\
id: example-army-claims-12000-km2
date: {start: 2024-01-01, end: 2024-02-01}
title: Example army says it took 12,000 square kilometres in January (made up)
type: Battles
actors: [Example army]
location: {lat: 34.5, lon: 39.5}
precision: 3
claims:
  - total_area: "12000 km2"
    actor: Example army
    since: 2024-01-01
    until: 2024-02-01
    gain: example-january
    quote: "12,000 square kilometres were liberated in January."
sources:
  - title: Example army statement (made up for this picture)
    reliability: D
    credibility: 3
""",
    "observer-claims-4000-km2.yaml": """\
id: observer-claims-4000-km2
date: {start: 2024-01-01, end: 2024-02-01}
title: An observer puts the Example army's January gain at 4,000 square kilometres (made up)
type: Strategic developments
actors: [Example army]
location: {lat: 34.5, lon: 39.5}
precision: 3
claims:
  - total_area: "4000 km2"
    actor: Example army
    since: 2024-01-01
    until: 2024-02-01
    gain: example-january
    quote: "Our count is about 4,000 square kilometres."
sources:
  - title: Example observer (made up for this picture)
    reliability: C
    credibility: 2
""",
}


def _series(disc: list[list[float]]) -> dict[str, object]:
    layers = {"2024-01-01": [_A], "2024-02-01": [_A_AND_B], "2024-03-01": [_A_AND_B, disc]}
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"date": day}, "geometry": {"type": "Polygon", "coordinates": rings}}
        for day, rings in layers.items()]}


def tracker(*argv: str | Path, cwd: Path = ROOT) -> None:
    subprocess.run([str(TRACKER), *map(str, argv)], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def shoot(page_file: Path, png: Path, *, open_panels: tuple[str, ...] = ()) -> None:
    """Open ``page_file`` in headless Chromium with the network blocked, open the ``<details>`` panels
    whose selectors are given, and save the window as ``png``."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is not installed: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=SIZE)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                   else route.abort())
        page.goto(page_file.as_uri(), wait_until="load")
        page.wait_for_timeout(1500)
        for selector in open_panels:
            page.eval_on_selector_all(selector, "nodes => nodes.forEach(n => { n.open = true; })")
        page.wait_for_timeout(500)
        page.screenshot(path=str(png))
        browser.close()
    print(f"wrote {png}")


def seed(work: Path) -> None:
    tracker("map", "events", "--offline", "-o", work / "seed.html", "--force")
    shoot(work / "seed.html", DOCS / "seed-map.png")


def compare(work: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from tracker.geo.geodesy import geodesic_circle

    disc = [list(xy) for xy in geodesic_circle(34.5, 38.5, 20_000).exterior.coords]
    events = work / "example-events"
    events.mkdir()
    for name, text in CLAIMS.items():
        (events / name).write_text(text, encoding="utf-8")
    (work / "series.geojson").write_text(json.dumps(_series(disc)), encoding="utf-8")
    tracker("control", "import", work / "series.geojson", "--assessor", "Example assessor", "--actor", "Example army",
            "--date-field", "date", "--reliability", "B", "--into", work / "control")
    tracker("map", events, "--compare", "2024-01-01", "2024-03-01", "--control", work / "control", "--offline",
            "-o", work / "compare.html", "--force")
    shoot(work / "compare.html", DOCS / "compare-gains-map.png", open_panels=("details.tracker-compare-panel",))


def many(work: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from acled_like import write_many_actors

    csv = write_many_actors(work / "many.csv", 20_000)
    tracker("import", "acled", csv, "-o", work / "many.parquet")
    tracker("map", work / "many.parquet", "--offline", "-o", work / "many.html", "--force")
    shoot(work / "many.html", DOCS / "many-events-map.png")


SHOTS = {"seed": seed, "compare": compare, "many": many}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(SHOTS), action="append", help="make only these")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name in args.only or list(SHOTS):
            SHOTS[name](Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
