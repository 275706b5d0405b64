"""A control series with known answers, made from exact geometry, and the areas GeographicLib gives.

Layer of 2024-01-01: square A, 30..31 E x 30..31 N. Layer of 2024-02-01: A and the square B east of it
(31..32 E), one polygon whose vertices include both corners of the shared edge. Layer of 2024-03-01:
the same with a hole, the geodesic disc D of 20 km around 30.5 E 30.5 N. So January to February gains
B, February to March loses D.
"""

from __future__ import annotations

import json
from pathlib import Path

from geographiclib.geodesic import Geodesic

from tracker.geo.geodesy import geodesic_circle

DISC = [tuple(xy) for xy in geodesic_circle(30.5, 30.5, 20_000).exterior.coords]
A = [(30.0, 30.0), (31.0, 30.0), (31.0, 31.0), (30.0, 31.0), (30.0, 30.0)]
B = [(31.0, 30.0), (32.0, 30.0), (32.0, 31.0), (31.0, 31.0), (31.0, 30.0)]
A_AND_B = [(30.0, 30.0), (31.0, 30.0), (32.0, 30.0), (32.0, 31.0), (31.0, 31.0), (30.0, 31.0), (30.0, 30.0)]
LAYERS = {
    "2024-01-01": [A],
    "2024-02-01": [A_AND_B],
    "2024-03-01": [A_AND_B, DISC],
}


def geographiclib_area(ring: list[tuple[float, float]]) -> float:
    """The area in m² of a ring of geodesic edges, by GeographicLib itself (not pyproj)."""
    polygon = Geodesic.WGS84.Polygon()
    for lon, lat in ring[:-1]:
        polygon.AddPoint(lat, lon)
    _count, _perimeter, area = polygon.Compute(False, True)
    return float(area)


AREA_B = geographiclib_area(B)
AREA_DISC = geographiclib_area(DISC)


def write_series(folder: Path, name: str = "control.geojson", layers: dict[str, list] | None = None) -> Path:
    """The series as one GeoJSON file, one feature per date in the field ``date``."""
    features = [{"type": "Feature", "properties": {"date": day}, "geometry": {"type": "Polygon", "coordinates": rings}}
                for day, rings in (layers or LAYERS).items()]
    path = folder / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path
