"""GeoParquet written chunk by chunk, with geopandas' own metadata.

``GeoDataFrame.to_parquet`` writes a whole frame at once, and an import streams an export larger
than memory through in blocks. So geopandas makes each chunk of a table an Arrow table (WKB
geometry with its CRS, and the GeoParquet 1.1 ``bbox`` covering column), a
``pyarrow.parquet.ParquetWriter`` writes the chunks one after another, and the file's ``geo``
metadata, added when it is closed, is the metadata geopandas made for the first chunk with the
geometry types and bounds of every chunk. An import's chunk (points, from Arrow) gets its ``bbox``
from its coordinates and its metadata from geopandas, for the two corners of its extent.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import IO, TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from .columns import mostly_distinct

if TYPE_CHECKING:
    import geopandas as gpd

#: Columns whose minimum and maximum GeoParquet files record, for readers that skip row groups by
#: id, date, place or type. (An import's ids follow the export's order, so it skips theirs.)
STATISTICS = ("id", "start", "end", "type", "sub_type", "latitude", "longitude", "precision",
              "bbox.xmin", "bbox.ymin", "bbox.xmax", "bbox.ymax")
#: Columns of few distinct values in any table.
SHORT = ("start", "end", "precision")
#: The CRS of an import's points.
CRS = "EPSG:4326"


class GeoParquetWriter:
    """Writes the chunks of one table to ``stream`` as GeoParquet; ``close()`` adds the metadata.

    ``seldom_repeating`` names the text columns of an import whose values seldom repeat (ids,
    notes): those are then written as plain, compressed text and the other text as dictionaries.

    >>> import io, geopandas as gpd, pandas as pd, shapely
    >>> frame = gpd.GeoDataFrame({"id": ["a"]}, geometry=[shapely.Point(38.28, 34.56)], crs=CRS)
    >>> buffer = io.BytesIO()
    >>> writer = GeoParquetWriter(buffer)
    >>> writer.write_frame(frame)
    >>> writer.write_frame(frame.assign(geometry=[shapely.box(40, 33, 41, 35)]))
    >>> geo = writer.close()["columns"]["geometry"]
    >>> geo["geometry_types"], geo["bbox"], sorted(geo["covering"]["bbox"])
    (['Point', 'Polygon'], [38.28, 33.0, 41.0, 35.0], ['xmax', 'xmin', 'ymax', 'ymin'])
    >>> back = gpd.read_parquet(io.BytesIO(buffer.getvalue()))
    >>> list(back.columns), back.geometry[1].bounds, back.crs.to_epsg()
    (['id', 'geometry'], (40.0, 33.0, 41.0, 35.0), 4326)
    """

    def __init__(self, stream: IO[bytes], seldom_repeating: Collection[str] | None = None):
        self.stream = stream
        self.seldom_repeating = seldom_repeating
        self._writer: Any = None
        self._schema: pa.Schema | None = None
        self._geo: dict[str, Any] | None = None

    def write_frame(self, frame: gpd.GeoDataFrame) -> None:
        """Add the rows of a GeoDataFrame, made an Arrow table by geopandas.

        >>> import io, geopandas as gpd, shapely
        >>> writer = GeoParquetWriter(io.BytesIO())
        >>> writer.write_frame(gpd.GeoDataFrame({"id": ["a"]}, geometry=[shapely.Point(38.28, 34.56)], crs=CRS))
        >>> writer.close()["columns"]["geometry"]["geometry_types"]
        ['Point']
        """
        from geopandas.io.arrow import _geopandas_to_arrow

        table = _geopandas_to_arrow(frame, index=False, write_covering_bbox=True)
        self._write(table, json.loads(table.schema.metadata[b"geo"]))

    def write_points(self, table: pa.Table) -> None:
        """Add the rows of an Arrow table whose WKB ``geometry`` holds the points at its ``longitude``
        and ``latitude`` (what an import makes; every coordinate given).

        >>> import io, numpy as np
        >>> from tracker.tables.columns import wkb_points
        >>> lon, lat = np.array([38.28, 40.14]), np.array([34.56, 35.34])
        >>> writer = GeoParquetWriter(io.BytesIO())
        >>> writer.write_points(pa.table({"longitude": lon, "latitude": lat, "geometry": wkb_points(lon, lat)}))
        >>> writer.close()["columns"]["geometry"]["bbox"]
        [38.28, 34.56, 40.14, 35.34]
        """
        lon, lat = (pc.cast(table.column(name).combine_chunks(), pa.float64()) for name in ("longitude", "latitude"))
        box = pa.StructArray.from_arrays([lon, lat, lon, lat], names=["xmin", "ymin", "xmax", "ymax"])
        self._write(table.append_column("bbox", box), _points_metadata(lon, lat))

    def _write(self, table: pa.Table, geo: dict[str, Any]) -> None:
        self._geo = geo if self._geo is None else _merged(self._geo, geo)
        metadata = {key: value for key, value in (table.schema.metadata or {}).items() if key != b"geo"}
        table = table.replace_schema_metadata(metadata or None)  # the file's "geo" is added on closing
        if self._writer is None:
            self._open(table)
        self._writer.write_table(table if table.schema.equals(self._schema) else table.cast(self._schema))

    def _open(self, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        self._schema = schema = table.schema
        plain = self.seldom_repeating
        # No Arrow schema is stored: its metadata would be the first chunk's (readers such as Dask
        # take the "geo" metadata from it), and readers get an import's dictionary columns as text,
        # not categories. The file's own metadata keeps pandas' and gets the "geo" on closing.
        statistics = [name for name in STATISTICS if _has(schema, name) and not (plain and name == "id")]
        self._writer = pq.ParquetWriter(self.stream, schema, write_statistics=statistics, store_schema=False,
                                        use_dictionary=True if plain is None else _dictionaries(table, plain),
                                        compression="snappy" if plain is None else {
                                            f.name: "snappy" if f.name in plain else "none" for f in schema})

    def close(self) -> dict[str, Any]:
        """Finish the file, adding its ``geo`` metadata (returned); a table with no chunk is written
        with the record columns and no rows.

        >>> import io, pyarrow.parquet as pq
        >>> buffer = io.BytesIO()
        >>> GeoParquetWriter(buffer).close()["columns"]["geometry"]["geometry_types"]  # no chunk: no rows
        []
        >>> pq.read_table(io.BytesIO(buffer.getvalue())).column_names[:4]
        ['id', 'start', 'end', 'title']
        """
        if self._writer is None:
            from .schema import COLUMNS, frame_of

            self.write_frame(frame_of(_empty(COLUMNS)))
        assert self._geo is not None  # made with the first chunk
        self._writer.add_key_value_metadata({b"geo": json.dumps(self._geo).encode()})
        self._writer.close()
        return self._geo

    def abort(self) -> None:
        """Stop writing (the stream is the caller's to remove).

        >>> import io, geopandas as gpd, shapely
        >>> writer = GeoParquetWriter(io.BytesIO())
        >>> writer.write_frame(gpd.GeoDataFrame({"id": ["a"]}, geometry=[shapely.Point(38.28, 34.56)], crs=CRS))
        >>> writer.abort()
        >>> writer.abort()  # once stopped, nothing more happens
        """
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()


def _empty(columns: Collection[str]) -> Any:
    """An empty frame of text ``columns``."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=object) for name in columns})


def _has(schema: pa.Schema, path: str) -> bool:
    name, _, child = path.partition(".")
    return name in schema.names and (not child or child in [f.name for f in schema.field(name).type])


def _dictionaries(table: pa.Table, plain: Collection[str]) -> list[str]:
    """The columns of an import written with dictionary pages: its text, except the text that
    seldom repeats (ids, notes) and other text whose first rows mostly differ (titles and actor lists
    where an export names thousands), and none for the points, coordinates and boxes: trying costs
    time and saves nothing. (Only the text named seldom repeating is compressed, with snappy:
    compressing the rest too would make the file about a fifth smaller and the import slower.)"""
    repeating = [f.name for f in table.schema if pa.types.is_dictionary(f.type) or (
        pa.types.is_string(f.type) and not mostly_distinct(table.column(f.name)))]
    return [name for name in table.schema.names if name in SHORT or (name in repeating and name not in plain)]


def _points_metadata(lon: pa.Array, lat: pa.Array) -> dict[str, Any]:
    """geopandas' GeoParquet metadata of points at ``lon``, ``lat``: that of the two corners of their
    extent, which have the same geometry type and bounds."""
    import geopandas as gpd
    from geopandas.io.arrow import _create_metadata

    x, y = lon.to_numpy(zero_copy_only=False), lat.to_numpy(zero_copy_only=False)
    corners = gpd.points_from_xy([x.min(), x.max()], [y.min(), y.max()]) if len(x) else []
    metadata: dict[str, Any] = _create_metadata(gpd.GeoDataFrame(geometry=gpd.GeoSeries(corners, crs=CRS)),
                                                write_covering_bbox=True)
    return metadata


def _merged(geo: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """``geo`` (the metadata of the chunks written so far) with the geometry types and bounds of
    ``more`` (the next chunk's) added.

    >>> def chunk(types, bbox=None):
    ...     return {"columns": {"geometry": {"geometry_types": types, **({"bbox": bbox} if bbox else {})}}}
    >>> _merged(chunk(["Point"], [1, 2, 3, 4]), chunk(["Polygon"], [0, 3, 2, 5]))["columns"]["geometry"]
    {'geometry_types': ['Point', 'Polygon'], 'bbox': [0, 2, 3, 5]}
    >>> _merged(chunk([]), chunk(["Point"], [1, 2, 1, 2]))["columns"]["geometry"]["bbox"]
    [1, 2, 1, 2]
    """
    column, other = geo["columns"]["geometry"], more["columns"]["geometry"]
    column["geometry_types"] = sorted({*column["geometry_types"], *other["geometry_types"]})
    boxes = [box for box in (column.get("bbox"), other.get("bbox")) if box]
    if boxes:
        column["bbox"] = [min(box[0] for box in boxes), min(box[1] for box in boxes),
                          max(box[2] for box in boxes), max(box[3] for box in boxes)]
    return geo

