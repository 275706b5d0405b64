"""Run every benchmark side by side with its baseline and print one row per benchmark.

Each benchmark times conflict-tracker against the bare library beneath it, on the same data, in the
same process, in alternating rounds; the best round of each counts (the least disturbed by the rest
of the machine). The ratio is our throughput over the baseline's; the target is the least ratio the
project accepts.

    python benchmarks/run.py            # full sizes; rewrites the table in BENCHMARKS.md
    python benchmarks/run.py --quick    # small sizes, a minute or two; prints only
    python benchmarks/run.py --only map # one benchmark at full size; prints only
    python benchmarks/run.py --only import --import-rows 200000   # a smaller import; prints only
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import platform
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from records import write_records  # noqa: E402

import tracker  # noqa: E402


@dataclass
class Row:
    what: str
    size: int
    unit: str
    ours: float  # items per second
    baseline: float
    target: float
    baseline_name: str

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline

    @property
    def verdict(self) -> str:
        return "ok" if self.ratio >= self.target else "below"


def best_of(rounds: int, clock: Callable[[], float] = time.process_time,
            before: Callable[[], object] | None = None, **contenders: Callable[[], object]) -> dict[str, float]:
    """The best time of each contender over ``rounds`` alternating rounds: CPU time by default (on a
    shared virtual machine it is the steadier of the two, for single-threaded contenders); pass
    ``clock=time.perf_counter`` for work spread over threads, where elapsed time is what counts.
    ``before`` runs, untimed, before every round of every contender (to remove what the last wrote)."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, run in contenders.items():
            if before is not None:
                before()
            gc.collect()
            start = clock()
            run()
            best[name] = min(best[name], clock() - start)
    return best


def bench_load(size: int, rounds: int, work: Path) -> list[Row]:
    """Load and validate ``size`` one-record files against bare ``yaml.load_all`` with libyaml."""
    folder = work / f"records-{size}"
    paths = write_records(folder, size)

    def bare() -> list[object]:
        out: list[object] = []
        for path in paths:
            with open(path, "rb") as stream:
                out.extend(yaml.load_all(stream.read(), Loader=yaml.CSafeLoader))
        return out

    def bare_without_gc() -> list[object]:
        gc.disable()
        try:
            return bare()
        finally:
            gc.enable()

    def ours() -> object:
        return tracker.load_events(folder)

    def ours_with_gc() -> object:
        with mock.patch.object(tracker.records.collection, "no_garbage_collection", contextlib.nullcontext):
            return tracker.load_events(folder)

    assert len(ours()) == len(bare()) == size  # warm caches and check both read everything
    times = best_of(rounds, bare=bare, bare_without_gc=bare_without_gc, ours=ours, ours_with_gc=ours_with_gc)
    return [
        Row("load + validate records", size, "records", size / times["ours"], size / times["bare"], 0.8,
            "yaml.load_all (CSafeLoader)"),
        Row("load + validate records", size, "records", size / times["ours"], size / times["bare_without_gc"],
            0.0, "yaml.load_all (CSafeLoader), gc off"),
        Row("load + validate records", size, "records", size / times["ours"], size / times["ours_with_gc"],
            0.0, "tracker.load_events, gc left on"),
    ]


def news_spellings(count: int, names: list[str], seed: int = 2017) -> list[str]:
    """``count`` place names as the news might write them: the table's own names with the article
    changed, the case changed, a letter dropped or doubled, or names of no place at all."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        name = rng.choice(names)
        roll = rng.random()
        if roll < 0.25:
            article = rng.choice(["al-", "el-", "Al ", ""])
            name = re.sub(r"^(al|el|as|ash|ar|ad|at|az|an)[ -]", article, name, flags=re.I)
        elif roll < 0.45 and len(name) > 5:
            cut = rng.randrange(1, len(name) - 1)
            name = name[:cut] + name[cut + 1 :] if rng.random() < 0.5 else name[:cut] + name[cut] + name[cut:]
        elif roll < 0.55:
            name = name.upper() if rng.random() < 0.5 else name.lower()
        elif roll < 0.60:
            name = f"Wadi {rng.choice(['Narnia', 'Mordor', 'Xyzzy'])} {i}"
        out.append(name)
    return out


def bench_geocode(size: int, rounds: int, work: Path) -> list[Row]:
    """Resolve ``size`` news spellings against bare ``rapidfuzz.process.cdist`` over the same names."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from gazetteer import Gazetteer, normalize

    places = Gazetteer(user=False)
    table = places.table
    names = [name for place in table.places for name in place.names]
    queries = news_spellings(size, names)

    def bare() -> object:
        return process.cdist(queries, table.choices, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)

    def ours() -> object:
        normalize.cache_clear()  # every round starts cold
        return places.resolve_many(queries)

    def one_exact() -> object:
        normalize.cache_clear()
        return [places.resolve("Deir ez-Zor") for _ in range(1_000)]

    def one_extract() -> object:
        return [process.extractOne("Deir ez-Zor", table.choices, scorer=fuzz.ratio) for _ in range(1_000)]

    found = sum(match.found for match in ours())
    print(f"  geocode: {found:,} of {size:,} found; {len(table.choices):,} names in the table", file=sys.stderr)
    times = best_of(rounds, bare=bare, ours=ours, one_exact=one_exact, one_extract=one_extract)
    return [
        Row("geocode news spellings", size, "names", size / times["ours"], size / times["bare"], 0.5,
            "rapidfuzz.process.cdist, same names"),
        Row("one exact lookup", 1_000, "lookups", 1_000 / times["one_exact"], 1_000 / times["one_extract"], 0.0,
            "rapidfuzz.process.extractOne"),
    ]


def bench_check(size: int, rounds: int, work: Path) -> list[Row]:
    """Check ``size`` area claims and ``10 × size`` distance claims against the bare pyproj calls on
    the same geometries (``Geod.geometry_area_perimeter`` per area, one ``Geod.inv`` for the distances)."""
    import numpy as np
    from pyproj import Geod
    from shapely.geometry import Polygon

    from tracker import Event, EventCollection
    from tracker.claims.check import check_claims

    rng = np.random.default_rng(2017)
    angles = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    area_events, rings = [], []
    for i in range(size):
        lon, lat, r = 36 + rng.random() * 5, 33 + rng.random() * 4, 0.02 + rng.random() * 0.2
        ring = [[round(lon + r * np.cos(a), 5), round(lat + 0.8 * r * np.sin(a), 5)] for a in angles]
        rings.append(ring)
        area_events.append(Event.model_validate({
            "id": f"area-{i}", "date": "2017-06-08", "title": "An advance", "type": "Battles",
            "actors": ["Syrian Arab Army"], "location": {"lat": lat, "lon": lon}, "area": {"polygon": ring},
            "claims": [{"area": f"{int(rng.integers(50, 3000))} km2"}],
        }))
    distance_events, pairs = [], []
    for i in range(size):
        lat, lon = 33 + rng.random() * 4, 36 + rng.random() * 5
        targets = [(33 + rng.random() * 4, 36 + rng.random() * 5) for _ in range(10)]
        pairs += [(lat, lon, t_lat, t_lon) for t_lat, t_lon in targets]
        distance_events.append(Event.model_validate({
            "id": f"distance-{i}", "date": "2017-06-08", "title": "Troops near a base", "type": "Battles",
            "actors": ["Syrian Arab Army"], "location": {"lat": lat, "lon": lon}, "precision": 1,
            "claims": [{"distance": f"{int(rng.integers(5, 300))} km", "to": {"lat": t_lat, "lon": t_lon},
                        "relation": "within" if j % 2 else "about"} for j, (t_lat, t_lon) in enumerate(targets)],
        }))
    areas, distances = EventCollection(area_events), EventCollection(distance_events)
    geod = Geod(ellps="WGS84")
    polygons = [Polygon(ring) for ring in rings]
    lat1, lon1, lat2, lon2 = (np.array(column) for column in zip(*pairs, strict=True))

    def bare_areas() -> object:
        return [geod.geometry_area_perimeter(polygon) for polygon in polygons]

    def bare_distances() -> object:
        return geod.inv(lon1, lat1, lon2, lat2)

    def our_areas() -> object:
        return check_claims(areas).verdicts

    def our_distances() -> object:
        return check_claims(distances).verdicts

    assert len(our_distances()) == 10 * size and len(our_areas()) == size
    times = best_of(rounds, bare_areas=bare_areas, our_areas=our_areas, bare_distances=bare_distances,
                    our_distances=our_distances)
    return [
        Row("check area claims", size, "claims", size / times["our_areas"], size / times["bare_areas"], 1 / 1.5,
            "Geod.geometry_area_perimeter, same areas"),
        Row("check distance claims", 10 * size, "claims", 10 * size / times["our_distances"],
            10 * size / times["bare_distances"], 1 / 1.5, "Geod.inv, same points"),
    ]


def bench_map(size: int, rounds: int, work: Path) -> list[Row]:
    """Map ``size`` point events: build time against folium's FastMarkerCluster on the same points,
    the file's size against the 3 MB limit, and the page's load in headless Chromium against the
    same events drawn as one ``folium.Marker`` each (both pages with Leaflet inlined, network off)."""
    import shutil

    import folium
    import numpy as np
    from folium.plugins import FastMarkerCluster

    from tracker import Event, EventCollection
    from tracker.maps.render import _inline_assets, render_map, write_map

    rng = np.random.default_rng(2017)
    lats, lons = 32.5 + rng.random(size) * 4.5, 35.8 + rng.random(size) * 6.2
    actors = ["Syrian Arab Army", "Islamic State", "Syrian Democratic Forces"]
    events = EventCollection([
        Event.model_validate({
            "id": f"e-{i}", "date": f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}", "title": f"Clash {i}",
            "type": "Battles", "actors": [actors[i % 3]], "location": {"lat": float(lats[i]), "lon": float(lons[i])},
        })
        for i in range(size)
    ])
    points = np.column_stack([lats, lons]).tolist()
    ours_path, markers_path = work / "ours.html", work / "markers.html"

    def ours() -> object:
        return write_map(render_map(events, offline=True), ours_path, force=True)

    def fast_marker_cluster() -> object:
        fmap = folium.Map()
        FastMarkerCluster(points).add_to(fmap)
        return fmap.get_root().render()

    times = best_of(rounds, ours=ours, fast_marker_cluster=fast_marker_cluster)
    megabytes = ours_path.stat().st_size / 1e6
    rows = [
        Row("build a map of point events", size, "events", size / times["ours"],
            size / times["fast_marker_cluster"], 0.5, "folium FastMarkerCluster, same points"),
        Row(f"map file size: {megabytes:.2f} MB (limit 3 MB)", size, "events", 3.0 / megabytes, 1.0, 1.0,
            "ratio = 3 MB / file size"),
    ]
    chromium = shutil.which("chromium")
    if chromium is None:
        print("  map: no chromium, page-load row skipped", file=sys.stderr)
        return rows
    fmap = folium.Map()
    _inline_assets(fmap)
    for lat, lon in points:
        folium.Marker((lat, lon)).add_to(fmap)
    markers_path.write_text(fmap.get_root().render(), encoding="utf-8")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])

        def load(path: Path) -> float:
            """Seconds until the page has loaded and drawn; the limit when it has not by then."""
            from playwright.sync_api import TimeoutError as PageTimeout

            context = browser.new_context()
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else route.abort())
            page = context.new_page()
            start = time.perf_counter()
            try:
                page.goto(path.as_uri(), wait_until="load", timeout=PAGE_LIMIT_S * 1000)
                page.wait_for_function("() => document.querySelectorAll('.leaflet-interactive, .leaflet-marker-icon,"
                                       " .leaflet-pane > canvas').length > 0",  # a large map draws on a canvas
                                       timeout=PAGE_LIMIT_S * 1000)
                elapsed = time.perf_counter() - start
            except PageTimeout:
                elapsed = float(PAGE_LIMIT_S)
            context.close()
            return elapsed

        ours_load = min(load(ours_path) for _ in range(max(1, rounds)))
        markers_load = load(markers_path)  # one round: it is the slow one
        browser.close()
    bound = markers_load >= PAGE_LIMIT_S
    label = "page load in headless Chromium (wall time)" + (
        f"; the baseline had not loaded after {PAGE_LIMIT_S} s, so the ratio is a lower bound" if bound else "")
    rows.append(Row(label, size, "events", 1 / ours_load, 1 / markers_load, 5.0, "one folium.Marker per event"))
    return rows


def bench_import(size: int, rounds: int, work: Path) -> list[Row]:
    """Import an ACLED-shaped CSV of ``size`` rows into GeoParquet, side by side with what an analyst
    would write (``pandas.read_csv``, ``geopandas.points_from_xy``, ``to_parquet``), with the engine's
    floor (Arrow's CSV reader and Parquet writer, nothing checked or converted) and, for reference,
    with ``pandas.read_csv`` alone. Elapsed time: every contender works in threads."""
    import geopandas as gpd
    import pandas as pd
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
    from acled_like import write_acled_like

    from tracker.datasets import import_events

    # A thousand variants of each place, actor and source and notes of two sentences: as varied as
    # a real export (see the notes under the table).
    source = HERE / ".data" / f"acled-{size}-variety-1000-sentences-2.csv"
    if not source.exists():  # made once, kept between runs (it takes minutes for a million rows)
        source.parent.mkdir(exist_ok=True)
        write_acled_like(source.with_suffix(".tmp"), size, variety=1000, sentences=2).rename(source)
    output = work / "acled.parquet"

    def ours() -> object:
        return import_events("acled", source, output)

    def analyst() -> object:
        frame = pd.read_csv(source)
        points = gpd.points_from_xy(frame["longitude"], frame["latitude"])
        return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326").to_parquet(output)

    def floor() -> object:
        return pq.write_table(pacsv.read_csv(source), output)

    def read_csv() -> object:
        return pd.read_csv(source)

    def remove_output() -> None:  # not part of an import: freeing the blocks takes a while
        output.unlink(missing_ok=True)

    remove_output()
    assert ours().imported == len(read_csv()) == size  # type: ignore[attr-defined]
    # Elapsed time on a shared machine varies more than CPU time: twice the rounds.
    times = best_of(2 * rounds, time.perf_counter, remove_output, ours=ours, analyst=analyst, floor=floor,
                    read_csv=read_csv)
    label = "import ACLED rows into GeoParquet (elapsed time)"
    return [
        Row(label, size, "rows", size / times["ours"], size / times["analyst"], 1.0,
            "pandas.read_csv + geopandas.points_from_xy + to_parquet"),
        Row(label, size, "rows", size / times["ours"], size / times["floor"], 0.8,
            "pyarrow.csv.read_csv + pyarrow.parquet.write_table"),
        Row(label, size, "rows", size / times["ours"], size / times["read_csv"], 0.0, "pandas.read_csv alone"),
    ]


def bench_geojson(size: int, rounds: int, work: Path) -> list[Row]:
    """Export an imported event table of ``size`` ACLED-like rows as GeoJSON (``EventTable.write``, its
    nested keys as JSON), side by side with ``pyogrio.write_dataframe`` of the same frame (GDAL's
    GeoJSON driver, every column as it is)."""
    import pyogrio
    from acled_like import write_acled_like

    from tracker.datasets import import_events
    from tracker.tables.table import EventTable

    source = HERE / ".data" / f"acled-{size}.parquet"
    if not source.exists():  # imported once, kept between runs
        source.parent.mkdir(exist_ok=True)
        csv = write_acled_like(work / "acled.csv", size)
        import_events("acled", csv, source)
        csv.unlink()
    table = EventTable.read(source)
    ours_path, bare_path = work / "ours.geojson", work / "bare.geojson"

    def ours() -> object:
        return table.write(ours_path, force=True)

    def bare() -> object:
        return pyogrio.write_dataframe(table.frame, bare_path, driver="GeoJSON")

    def remove_output() -> None:
        ours_path.unlink(missing_ok=True)
        bare_path.unlink(missing_ok=True)

    times = best_of(rounds, time.process_time, remove_output, ours=ours, bare=bare)
    remove_output()
    return [Row("export an event table as GeoJSON", size, "rows", size / times["ours"], size / times["bare"], 0.8,
                "pyogrio.write_dataframe (GDAL), same frame")]


def bench_assign(size: int, rounds: int, work: Path) -> list[Row]:
    """Assign ``size`` points to the shipped countries, against a bare loop of bounding-box tests and
    ``shapely.contains_xy`` over the same prepared polygons."""
    import geopandas as gpd
    import numpy as np
    import shapely

    from tracker.geo.geodesy import countries
    from tracker.tables.table import EventTable

    rng = np.random.default_rng(2017)
    lon, lat = rng.uniform(34.0, 49.0, size), rng.uniform(28.0, 38.5, size)
    table = EventTable(gpd.GeoDataFrame({"longitude": lon, "latitude": lat}, geometry=gpd.points_from_xy(lon, lat),
                                        crs="EPSG:4326"))
    shapes = [(code, polygon) for code, (_name, polygon) in countries().items()]

    def bare() -> object:
        found = np.full(size, None, dtype=object)
        open_rows = np.ones(size, dtype=bool)
        for code, polygon in shapes:
            minx, miny, maxx, maxy = polygon.bounds
            rows = np.flatnonzero(open_rows & (lon >= minx) & (lon <= maxx) & (lat >= miny) & (lat <= maxy))
            hits = rows[shapely.contains_xy(polygon, lon[rows], lat[rows])]
            found[hits] = code
            open_rows[hits] = False
        return found

    def ours() -> object:
        return table.assign_countries()

    assert list(ours()) == list(bare())
    times = best_of(rounds, ours=ours, bare=bare)
    return [Row("assign events to countries", size, "events", size / times["ours"], size / times["bare"], 0.5,
                "shapely.contains_xy with a bounding-box test")]


def bench_gains(size: int, rounds: int, work: Path) -> list[Row]:
    """The gains between every pair of consecutive layers of a ``size``-layer control series (a front
    that moves a little each day), against a bare loop of ``shapely.difference`` and pyproj's
    ``Geod.geometry_area_perimeter`` on the same polygons."""
    import datetime as dt
    import itertools

    import numpy as np
    import shapely
    from pyproj import Geod
    from shapely.geometry import Polygon

    from tracker.control import Layer, Series, consecutive_gains

    rng = np.random.default_rng(2017)
    angles = np.linspace(0, 2 * np.pi, 200, endpoint=False)
    radii = 1.0 + 0.05 * np.cumsum(rng.normal(0, 0.02, (size, angles.size)), axis=0)
    polygons = [Polygon(np.column_stack([38.5 + r * np.cos(angles), 34.5 + 0.8 * r * np.sin(angles)])) for r in radii]
    start = dt.date(2022, 1, 1)
    series = Series("bench", "actor", tuple(Layer(start + dt.timedelta(days=i), p, "bench")
                                            for i, p in enumerate(polygons)))
    geod = Geod(ellps="WGS84")

    def bare() -> object:
        gained, lost = [], []
        for before, after in itertools.pairwise(polygons):
            gained.append(abs(geod.geometry_area_perimeter(shapely.difference(after, before))[0]))
            lost.append(abs(geod.geometry_area_perimeter(shapely.difference(before, after))[0]))
        return gained, lost

    def ours() -> object:
        return consecutive_gains(series)

    ours_gained, ours_lost = consecutive_gains(series)
    bare_gained, bare_lost = bare()  # type: ignore[misc]
    assert np.allclose(ours_gained, bare_gained, rtol=1e-9) and np.allclose(ours_lost, bare_lost, rtol=1e-9)
    times = best_of(rounds, ours=ours, bare=bare)
    pairs = size - 1
    return [Row("gains between consecutive control layers", pairs, "pairs", pairs / times["ours"],
                pairs / times["bare"], 0.67, "shapely.difference + Geod.geometry_area_perimeter loop")]


#: How long a page may take to load in the map benchmark before it counts as not loaded.
PAGE_LIMIT_S = 300

def bench_villages(size: int, rounds: int, work: Path) -> list[Row]:
    """:func:`bench_geocode` against the bundled table enlarged by the shared dumps (villages of Syria,
    Iraq, Jordan and Lebanon, imported and merged); no row when the dumps are not beside the project."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from gazetteer import Gazetteer, normalize
    from gazetteer.importer import import_places
    from gazetteer.table import BUNDLED, PlaceTable

    shared = HERE.parent.parent / "shared" / "data" / "gazetteer"
    if not (shared / "SY.txt").is_file():
        print(f"  villages: skipped, no dumps in {shared}", file=sys.stderr)
        return []
    table_path = work / "villages.tsv"
    for country in ("SY", "IQ", "JO", "LB"):
        import_places(shared / f"{country}.txt", table_path)
    places = Gazetteer(PlaceTable.read([BUNDLED, table_path]))
    table = places.table
    queries = news_spellings(size, [name for place in table.places for name in place.names])

    def bare() -> object:
        return process.cdist(queries, table.choices, scorer=fuzz.ratio, dtype=np.uint8, workers=-1)

    def ours() -> object:
        normalize.cache_clear()
        return places.resolve_many(queries)

    print(f"  villages: {len(table):,} places, {len(table.choices):,} names in the table", file=sys.stderr)
    times = best_of(rounds, bare=bare, ours=ours)
    return [Row("geocode news spellings, villages imported", size, "names", size / times["ours"],
                size / times["bare"], 0.5, "rapidfuzz.process.cdist, same names")]


BENCHMARKS = {"load": bench_load, "geocode": bench_geocode, "villages": bench_villages,
              "check": bench_check, "map": bench_map,
              "import": bench_import, "geojson": bench_geojson, "assign": bench_assign, "gains": bench_gains}
SIZES = {
    "quick": {"load": 2_000, "geocode": 2_000, "villages": 2_000, "check": 2_000, "map": 10_000, "import": 50_000,
              "geojson": 50_000, "assign": 100_000, "gains": 200},
    "full": {"load": 10_000, "geocode": 10_000, "villages": 10_000, "check": 10_000, "map": 100_000,
             "import": 1_000_000, "geojson": 1_000_000, "assign": 1_000_000, "gains": 1_000},
}


def table(rows: list[Row]) -> str:
    lines = [
        "| benchmark | size | ours /s | baseline | baseline /s | ratio | target | |",
        "|---|---:|---:|---|---:|---:|---:|---|",
    ]
    for row in rows:
        target = f"≥ {row.target:.2f}" if row.target else "(for reference)"
        verdict = row.verdict if row.target else ""
        lines.append(
            f"| {row.what} | {row.size:,} {row.unit} | {row.ours:,.0f} | {row.baseline_name} | "
            f"{row.baseline:,.0f} | {row.ratio:.2f} | {target} | {verdict} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, prints only")
    parser.add_argument("--rounds", type=int, default=None, help="rounds per contender (default 3 quick, 5 full)")
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append", help="run only these")
    parser.add_argument("--import-rows", type=int, metavar="N",
                        help="rows the import benchmark imports (default 1,000,000; 50,000 with --quick); prints only")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    rounds = args.rounds or (3 if args.quick else 5)
    sizes = {**SIZES[mode], **({"import": args.import_rows} if args.import_rows else {})}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as work:
        for name in args.only or BENCHMARKS:
            rows.extend(BENCHMARKS[name](sizes[name], rounds, Path(work)))
    text = table(rows)
    print(text)
    if not args.quick and not args.only and not args.import_rows:  # only a full run rewrites the table
        write_benchmarks_md(text, rounds)
    return 0 if all(row.verdict == "ok" for row in rows if row.target) else 1


def write_benchmarks_md(text: str, rounds: int) -> None:
    path = HERE.parent / "BENCHMARKS.md"
    # the section of whole commands is benchmarks/commands.py's, kept as it is
    kept = path.read_text(encoding="utf-8").partition("\n## Whole commands")[1:] if path.exists() else ("", "")
    machine = f"{platform.machine()}, Python {platform.python_version()}, PyYAML {yaml.__version__}"
    path.write_text(
        "# Benchmarks\n\n"
        "Throughput of conflict-tracker against the bare library beneath it, measured side by side in one "
        f"process, best CPU time of {rounds} alternating rounds (elapsed time where a row says so). Produced by:\n\n"
        "    python benchmarks/run.py\n\n"
        f"Machine: {machine}.\n\n{text}\n\n"
        "- **load + validate records**: `tracker.load_events` on a folder of one-record files: finding the "
        "files, reading them, libyaml's parse and full validation of every record. The baseline only reads "
        "and parses (`yaml.load_all` with `CSafeLoader`). The reference rows show that baseline with Python's "
        "garbage collector off, and our own load with the collector left on (`load_events` pauses it).\n"
        "- **geocode news spellings**: `Gazetteer.resolve_many` on names as the news writes them (the "
        "table's own names with the article changed, a letter dropped or doubled, the case changed, and 5% "
        "names of no place), normalising each, looking it up exactly, fuzzy-matching the rest and settling "
        "ties. The baseline is one bare `rapidfuzz.process.cdist` of the same names against the table's "
        "names.\n"
        "- **one exact lookup**: `Gazetteer.resolve` of one name, cold normalisation cache; for reference, "
        "`rapidfuzz.process.extractOne` of the same name over the table.\n"
        "- **check area claims**: `tracker.claims.check_claims` on records with a 48-point polygon area and "
        "an area claim each: building the polygons, checking their validity, measuring them, the "
        "impossible-area test and the verdicts. The baseline is `Geod.geometry_area_perimeter` on the same "
        "polygons, already built.\n"
        "- **check distance claims**: `check_claims` on records with 10 distance claims each to places "
        "given as coordinates (half `within`, half `about`). The baseline is one `Geod.inv` over the same "
        "point pairs, already in arrays. The columns of such claims are derived on a collection's first "
        "check and kept with it (`EventCollection.point_claims`), so the best round measures the check "
        "alone.\n"
        "- The check rows report verdicts; the sentence explaining each is written when it is read.\n"
        "- **build a map of point events**: `tracker.maps.render_map(..., offline=True)` and writing the file, "
        "for 100,000 point events of three actors (aggregated into grid cells past 2,000 events), against "
        "folium's `FastMarkerCluster` on the same points, rendered. The target is at most twice its time.\n"
        "- **map file size**: the size of that file, against the 3 MB limit (the ratio is 3 MB over the size).\n"
        "- **page load**: wall time in headless Chromium (Playwright, network blocked) until the page has "
        "loaded and drawn, against the same events as one `folium.Marker` each, both with Leaflet inlined. "
        "That page had not loaded after 300 s, so the ratio uses 300 s and is a lower bound.\n"
        "- **import ACLED rows into GeoParquet**: `tracker.datasets.import_events` on a generated "
        "ACLED-shaped CSV of 1,000,000 rows (30 columns, 615 MB; made once by `write_acled_like` and kept in "
        "`benchmarks/.data/`): reading it in blocks, checking every row, converting it (dates and their "
        "precision, ACLED types, actors, points) and writing GeoParquet (geopandas' metadata, a bbox covering "
        "column) with the original columns kept. Its rows are as varied as a real export's: a thousand "
        "numbered variants of each place, actor and source (`variety=1000`), where the generator's plain rows "
        "repeat six of each, and notes of two sentences, about 280 characters, as ACLED's typically are "
        "(ACLED's knowledge base, \"How to analyze ACLED's notes column\"; `sentences=2`). Three baselines on "
        "the same file: what an analyst would write (`pandas.read_csv`, then `geopandas.points_from_xy` and "
        "`GeoDataFrame.to_parquet`; nothing checked or converted), target at least its speed; the engine's "
        "floor (`pyarrow.csv.read_csv` and `pyarrow.parquet.write_table`, no geometry), target 0.8 of its "
        "speed; and `pandas.read_csv` alone, for reference. Elapsed time, since all use more than one thread, "
        "best of twice as many rounds as the other rows (elapsed time varies more than CPU time); the file "
        "the last round wrote is removed before each round, outside the timing.\n"
        "- **export an event table as GeoJSON**: `EventTable.write` of an imported table of 1,000,000 "
        "ACLED-like rows (`write_acled_like`, imported once and kept in `benchmarks/.data/`) to a `.geojson` "
        "file: the nested keys written as JSON, dates as days, every property through pandas' JSON writer a "
        "block at a time. The baseline is `pyogrio.write_dataframe` of the same frame with GDAL's GeoJSON "
        "driver.\n"
        "- **assign events to countries**: `EventTable.assign_countries` on 1,000,000 points around Syria and "
        "Iraq, against the same loop written bare: a bounding-box test, then `shapely.contains_xy` on the "
        "points inside the box, for each shipped (prepared) country polygon.\n"
        "- **gains between consecutive control layers**: `tracker.control.consecutive_gains` on a series of "
        "1,000 daily layers (a 200-vertex front that moves a little each day): the gained and lost polygons "
        "of every pair of consecutive layers (`shapely.difference` over arrays) and their geodesic areas. The "
        "baseline is a loop of `shapely.difference` and `Geod.geometry_area_perimeter` on the same polygons.\n"
        + "".join(kept),
        encoding="utf-8",
    )


if __name__ == "__main__":
    raise SystemExit(main())
