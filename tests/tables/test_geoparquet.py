"""GeoParquet written chunk by chunk carries geopandas' metadata for the whole file: its CRS, every
geometry type, the bounds of all rows, and a bbox column readers filter on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import geopandas as gpd
import numpy as np
import pyarrow.parquet as pq

from tracker import load_events
from tracker.datasets.importing import import_events
from tracker.tables import formats
from tracker.tables.table import EventTable

from ..common import EVENTS, write_acled_like


def _geo(path: Path) -> dict[str, Any]:
    column: dict[str, Any] = json.loads(pq.ParquetFile(path).metadata.metadata[b"geo"])["columns"]["geometry"]
    return column


def test_an_import_in_many_blocks_has_the_extent_of_all_and_a_box_for_each_row(tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    import_events("acled", write_acled_like(tmp_path / "acled.csv", 400), out, chunk_bytes=20_000)
    assert pq.ParquetFile(out).metadata.num_row_groups > 3  # one for each block
    frame = EventTable.read(out).frame
    lon, lat = frame["longitude"].to_numpy(), frame["latitude"].to_numpy()
    geo = _geo(out)
    assert geo["geometry_types"] == ["Point"] and geo["encoding"] == "WKB"
    assert geo["bbox"] == [lon.min(), lat.min(), lon.max(), lat.max()]
    assert geo["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    boxes = pq.read_table(out, columns=["bbox"]).column("bbox").to_pylist()
    assert [(b["xmin"], b["ymin"]) for b in boxes] == [(b["xmax"], b["ymax"]) for b in boxes] == list(zip(lon, lat,
                                                                                                           strict=True))
    assert "bbox" not in frame.columns  # geopandas reads the covering column as metadata, not as data
    inside = gpd.read_parquet(out, bbox=(38.0, 34.0, 39.0, 35.0))
    expected = frame[(lon >= 38) & (lon <= 39) & (lat >= 34) & (lat <= 35)]
    assert 0 < len(inside) < len(frame) and inside["id"].tolist() == expected["id"].tolist()


def test_a_table_written_in_chunks_has_every_geometry_type_and_the_bounds_of_all(tmp_path: Path) -> None:
    table = EventTable.from_collection(load_events(EVENTS))
    with mock.patch.object(formats, "WRITE_ROWS", 4):  # chunks of four rows, points or polygons alone in some
        table.write(tmp_path / "e.parquet")
    geo = _geo(tmp_path / "e.parquet")
    assert geo["geometry_types"] == sorted(set(table.frame.geom_type)) == ["Point", "Polygon"]
    assert geo["bbox"] == table.frame.total_bounds.tolist()
    again = gpd.read_parquet(tmp_path / "e.parquet")
    assert again.crs.to_epsg() == 4326 and list(again.columns) == list(table.frame.columns)
    assert np.array_equal(again.bounds.to_numpy(), table.frame.bounds.to_numpy())


def test_a_table_with_no_rows_has_no_extent(tmp_path: Path) -> None:
    table = EventTable.from_collection(load_events(EVENTS)).involving("Nobody")
    table.write(tmp_path / "none.parquet")
    geo = _geo(tmp_path / "none.parquet")
    assert geo["geometry_types"] == [] and "bbox" not in geo
    assert len(gpd.read_parquet(tmp_path / "none.parquet")) == 0
