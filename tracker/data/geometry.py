"""The geometry of the build (:mod:`tracker.data.build`): TopoJSON read into GeoJSON, rings that a globe
joins across the antimeridian cut for a flat map, and coordinates rounded. Plain functions on GeoJSON
dicts, in pure Python, so that their output is the same on every machine."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from tracker.errors import GeometryError

__all__ = ["points", "rounded", "topojson_features", "unstitched"]


def topojson_features(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The geometries of the object ``name`` of a TopoJSON topology as GeoJSON features, in order; a
    geometry's ``id`` and ``properties`` become the feature's (TopoJSON specification 1.0: quantized,
    delta-encoded arcs; a negative arc index ``~i`` is arc ``i`` reversed).

    >>> topology = {"type": "Topology", "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    ...             "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
    ...             "objects": {"a": {"type": "GeometryCollection", "geometries": [
    ...                 {"type": "Polygon", "arcs": [[0, 1]], "id": "sq", "properties": {"n": 1}},
    ...                 {"type": "LineString", "arcs": [~0]}, {"type": None}]}}}
    >>> square, line, empty = topojson_features(topology, "a")
    >>> square["id"], square["properties"], square["geometry"]["coordinates"]
    ('sq', {'n': 1}, [[(10.0, 20.0), (11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0)]])
    >>> line["geometry"], empty["geometry"]
    ({'type': 'LineString', 'coordinates': [(11.0, 21.0), (11.0, 20.0), (10.0, 20.0)]}, None)
    """
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)

    def line(indices: Sequence[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    def geometry(item: dict[str, Any]) -> dict[str, Any] | None:
        kind, parts = item["type"], item.get("arcs", [])
        if kind == "LineString":
            return {"type": kind, "coordinates": line(parts)}
        if kind in ("MultiLineString", "Polygon"):
            return {"type": kind, "coordinates": [line(p) for p in parts]}
        if kind == "MultiPolygon":
            return {"type": kind, "coordinates": [[line(r) for r in p] for p in parts]}
        if kind is None:
            return None
        raise GeometryError(f"TopoJSON object {name!r} holds a {kind}, which this build does not read")

    features = []
    for item in topology["objects"][name]["geometries"]:
        feature: dict[str, Any] = {"type": "Feature", "properties": item.get("properties", {}),
                                   "geometry": geometry(item)}
        if "id" in item:
            feature["id"] = item["id"]
        features.append(feature)
    return features


Ring = list[tuple[float, float]]


def _crossing(a: Sequence[float], b: Sequence[float]) -> float:
    """The latitude where the segment a-b, which crosses the antimeridian, meets it."""
    (x1, y1), (x2, y2) = a[:2], b[:2]
    x2 = x2 + 360.0 if x1 > 0 else x2 - 360.0
    edge = 180.0 if x1 > 0 else -180.0
    return y1 if x1 == x2 else y1 + (edge - x1) / (x2 - x1) * (y2 - y1)


def _side(point: Sequence[float]) -> float:
    return 180.0 if point[0] > 0 else -180.0


def _cut_ring(ring: Ring, where: str) -> list[Ring]:
    """A ring that crosses the antimeridian (as world-atlas's are stitched for a globe) cut into rings that
    do not: with two crossings, the two sides, each closed along the antimeridian; with one, the ring
    around a pole, closed along the pole's parallel. A ring of one parallel near a pole (the edge of a
    globe's polar cap) is dropped."""
    crossings = [i for i in range(len(ring) - 1) if abs(ring[i + 1][0] - ring[i][0]) > 180.0]
    if not crossings:
        return [ring]
    if all(abs(y) > 89.9 and y == ring[0][1] for _, y in ring):
        return []
    if len(crossings) > 2:
        raise GeometryError(f"{where} crosses the antimeridian {len(crossings)} times; this build cuts at most two")
    pieces: list[Ring] = []
    order = [*crossings[1:], crossings[0]] if len(crossings) == 2 else crossings
    for start, end in zip(crossings, order, strict=True):
        first, last = ring[start + 1], ring[end]
        points = ring[start + 1:end + 1] if end > start else [*ring[start + 1:-1], *ring[:end + 1]]
        piece = [(_side(first), _crossing(ring[start], first)), *points,
                 (_side(last), _crossing(last, ring[end + 1]))]
        if len(crossings) == 1:
            pole = -90.0 if sum(y for _, y in ring) < 0 else 90.0
            piece += [(_side(last), pole), (_side(first), pole)]
        pieces.append([*piece, piece[0]])
    return pieces


def unstitched(geometry: dict[str, Any], where: str) -> dict[str, Any]:
    """A (multi)polygon whose rings cross the antimeridian as rings that stop at it, so that a flat map
    draws no band across the world; other geometries as they are.

    >>> unstitched({"type": "Polygon", "coordinates": [[(179, 0), (-179, 0), (-179, 1), (179, 1), (179, 0)]]}, "x")
    {'type': 'MultiPolygon', 'coordinates': [[[(-180.0, 0.0), (-179, 0), (-179, 1), (-180.0, 1.0), (-180.0, 0.0)]],
     [[(180.0, 1.0), (179, 1), (179, 0), (180.0, 0.0), (180.0, 1.0)]]]}
    """
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        return geometry
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    out = []
    for polygon in polygons:
        cut = [_cut_ring(ring, where) for ring in polygon]
        if all(len(pieces) == 1 and pieces[0] is ring for pieces, ring in zip(cut, polygon, strict=True)):
            out.append(polygon)
            continue
        pieces = [piece for rings in cut for piece in rings]
        if any(ring is piece for rings, ring in zip(cut, polygon, strict=True) for piece in rings):
            raise GeometryError(f"{where} has a ring that crosses the antimeridian beside one that does not")
        out.extend([piece] for piece in pieces)
    return {"type": "MultiPolygon", "coordinates": out}


def points(coordinates: Any) -> Iterator[tuple[float, float]]:
    """Every position of GeoJSON coordinates, however deeply nested.

    >>> list(points([[(0, 1), (2, 3)], [(4, 5)]]))
    [(0, 1), (2, 3), (4, 5)]
    """
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates[0], coordinates[1]
    else:
        for part in coordinates:
            yield from points(part)


def _rounded_line(points: Iterable[Sequence[float]], decimals: int) -> list[list[float]]:
    """The points rounded (never -0.0), without repeats of the point before."""
    out: list[list[float]] = []
    for x, y, *_ in points:
        point = [round(x, decimals) + 0.0, round(y, decimals) + 0.0]
        if not out or point != out[-1]:
            out.append(point)
    return out


def rounded(geometry: dict[str, Any] | None, decimals: int) -> dict[str, Any] | None:
    """A GeoJSON geometry with its coordinates rounded; rings of fewer than 4 points, lines of fewer than 2
    and polygons without their outer ring are dropped (``None`` when nothing is left).

    >>> rounded({"type": "Polygon", "coordinates": [[(0, 0), (1.00004, 0), (1, 0), (1, 1), (0, 0)],
    ...                                              [(0.2, 0.2), (0.20001, 0.2), (0.2, 0.2)]]}, 4)
    {'type': 'Polygon', 'coordinates': [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]]}
    >>> rounded({"type": "LineString", "coordinates": [(-0.00001, 5), (0.00001, 5)]}, 3) is None
    True
    """
    if geometry is None:
        return None

    def ring(points: Iterable[Sequence[float]]) -> list[list[float]] | None:
        out = _rounded_line(points, decimals)
        return out if len(out) >= 4 else None

    def polygon(rings: Sequence[Sequence[Sequence[float]]]) -> list[list[list[float]]] | None:
        kept = [ring(r) for r in rings]
        return [r for r in kept if r is not None] if kept and kept[0] is not None else None

    kind, coordinates = geometry["type"], geometry["coordinates"]
    result: Any
    if kind == "LineString":
        line = _rounded_line(coordinates, decimals)
        result = line if len(line) >= 2 else None
    elif kind == "MultiLineString":
        result = [line for line in (_rounded_line(part, decimals) for part in coordinates) if len(line) >= 2] or None
    elif kind == "Polygon":
        result = polygon(coordinates)
    elif kind == "MultiPolygon":
        result = [p for p in (polygon(part) for part in coordinates) if p is not None] or None
    else:
        raise GeometryError(f"cannot round a {kind}")
    return None if result is None else {"type": kind, "coordinates": result}
