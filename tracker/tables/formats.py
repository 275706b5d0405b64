"""Reading and writing event tables in the formats GIS tools read: GeoParquet, CSV (geometry as
WKT), GeoJSON and KML, and folders of YAML records.

Writers take the table in chunks (:class:`TableWriter`), so that an import streams a large export
through without holding it whole. They follow the output policy of :mod:`tracker.files.outputs`: an existing
file is replaced only with ``force``, an input never, and the table is written to a temporary name
that is renamed into place when everything is written, so a failed export leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable
from contextlib import suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import shapely

from ..errors import InputError, OutputError, ReadError, UsageError
from ..files.outputs import Output, check_output
from ..records.model import Event
from ..records.yaml import dump_events
from ..text import spreadsheet_frame, spreadsheet_table, xml_safe
from .exports import looks_like
from .geoparquet import SHORT as SHORT
from .geoparquet import STATISTICS as STATISTICS
from .geoparquet import GeoParquetWriter
from .schema import COLUMNS, FORMATS, JSON_COLUMNS, frame_of, iter_records, points

if TYPE_CHECKING:
    import geopandas as gpd
    import pyarrow as pa

    from .table import EventTable

#: Records per file when a table is written as a folder of YAML records (well under the 1 MiB limit).
RECORDS_PER_FILE = 500
_KML = "http://www.opengis.net/kml/2.2"


def _yaml_part(name: str) -> bool:
    return re.fullmatch(r"events-\d{6}\.yaml", name) is not None


def output_format(path: Path) -> str:
    """The format ``path`` is written in: by its ending, or a folder of YAML records when it has none.

    >>> output_format(Path("e.parquet")), output_format(Path("e.KML")), output_format(Path("records"))
    ('GeoParquet', 'KML', 'YAML')
    """
    if str(path) == "-":
        raise OutputError("-o -: a table is written to a file, not to standard output; give a file name ending in "
                          ".parquet, .csv, .geojson or .kml, or a folder name for YAML records")
    if path.suffix.lower() in FORMATS:
        return FORMATS[path.suffix.lower()]
    if path.suffix == "" or path.is_dir():
        return "YAML"
    raise UsageError(
        f"cannot tell the format of {path} from its ending; use .parquet, .csv, .geojson or .kml, or a folder "
        "name (no ending) for YAML records"
    )


def check_table_output(path: Path, *, force: bool = False, inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Refuse ``path`` as the output of a table, as :func:`tracker.files.outputs.check_output` does, before the
    work of making the table; a folder of YAML records may only replace such a folder.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     existing = Path(folder, "e.csv")
    ...     _ = existing.write_text("id", encoding="utf-8")
    ...     print(check_table_output(Path(folder, "new.csv")).name, check_table_output(existing, force=True).name)
    ...     try:
    ...         check_table_output(existing)
    ...     except OutputError as error:
    ...         print(str(error).replace(folder, "..."))
    new.csv e.csv
    .../e.csv exists; pass --force to replace it
    """
    folder = output_format(path) == "YAML"
    return check_output(path, force=force, inputs=inputs, folder=folder, owned=_yaml_part if folder else None)


class TableWriter:
    """Writes a table chunk by chunk to ``path`` in the format its ending names; ``close()`` puts the
    file in place, ``abort()`` removes what was written.

    The output policy is :mod:`tracker.files.outputs`'s: ``path`` is refused when it exists (unless ``force``)
    or is one of ``inputs``; every failure to write is an :class:`~tracker.errors.OutputError`.
    ``seldom_repeating`` names the text columns of an import whose values seldom repeat (ids, notes):
    a GeoParquet file then holds those as plain, compressed text and the other text as dictionaries.

    >>> import tempfile
    >>> from tracker.tables.table import EventTable
    >>> table = EventTable.read("tests/data/valid")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with TableWriter(Path(folder, "e.csv")) as writer:  # closed at the end, or aborted on an error
    ...         writer.write(table)
    ...         writer.write(table)
    ...     len(EventTable.read(writer.path))
    2
    """

    def __init__(self, path: Path, seldom_repeating: Collection[str] | None = None, *, force: bool = False,
                 inputs: Iterable[str | os.PathLike[str]] = ()):
        self.seldom_repeating = seldom_repeating
        self.format = output_format(path)
        folder = self.format == "YAML"
        self._output = Output(path, force=force, inputs=inputs, folder=folder, owned=_yaml_part if folder else None)
        self.path = self._output.path
        self.temporary = self._output.temporary
        self.rows = 0
        self._stream: IO[str] | None = None
        self._parquet: GeoParquetWriter | None = None
        self._files = 0

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def write(self, table: EventTable) -> None:
        """Add the rows of ``table``.

        >>> import tempfile
        >>> from tracker.tables.table import EventTable
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     writer = TableWriter(Path(folder, "e.kml"))
        ...     writer.write(EventTable.read("tests/data/valid"))
        ...     writer.rows, writer.close().name
        (1, 'e.kml')
        """
        self.write_frame(table.frame)

    def write_frame(self, frame: gpd.GeoDataFrame) -> None:
        """Add the rows of a table's frame.

        >>> import io, tempfile
        >>> from tracker.tables.table import EventTable
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     writer = TableWriter(Path(folder, "e.csv"))
        ...     writer.write_frame(EventTable.read("tests/data/valid").frame)
        ...     pd.read_csv(io.StringIO(writer.close().read_text(encoding="utf-8")))["id"].tolist()
        ['badiyeh-drawn']
        """
        if not len(frame):
            return
        writer = {"GeoParquet": self._parquet_chunk, "CSV": self._csv_chunk, "GeoJSON": self._geojson_chunk,
                  "KML": self._kml_chunk, "YAML": self._yaml_chunk}[self.format]
        with self._output.guard():
            writer(frame)
        self.rows += len(frame)

    def write_arrow(self, table: pa.Table) -> None:
        """Add the rows of an Arrow table of the table's columns with a WKB ``geometry`` (what an import
        makes); GeoParquet takes it as it is, the other formats through a GeoDataFrame.

        >>> import tempfile, pyarrow as pa
        >>> from tracker.tables.columns import wkb_points
        >>> rows = pa.table({"id": ["a"], "latitude": [34.56], "longitude": [38.28],
        ...                  "geometry": wkb_points(np.array([38.28]), np.array([34.56]))})
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     writer = TableWriter(Path(folder, "e.geojson"))
        ...     writer.write_arrow(rows)
        ...     json.loads(writer.close().read_text(encoding="utf-8"))["features"][0]["geometry"]
        {'type': 'Point', 'coordinates': [38.28, 34.56]}
        """
        if not table.num_rows:
            return
        if self.format == "GeoParquet":
            with self._output.guard():
                self._geoparquet().write_points(table)
            self.rows += table.num_rows
            return
        frame = _plain(table.drop_columns(["geometry"])).to_pandas()
        shapes = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
        self.write_frame(frame_of(frame, shapes))

    # --- one writer per format ---

    def _geoparquet(self) -> GeoParquetWriter:
        if self._parquet is None:
            self._parquet = GeoParquetWriter(self._output.open(text=False), self.seldom_repeating)
        return self._parquet

    def _text(self) -> IO[str]:
        if self._stream is None:
            self._stream = self._output.open()
            if self.format == "GeoJSON":
                self._stream.write('{"type": "FeatureCollection", "features": [\n')
            elif self.format == "KML":
                self._stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="{_KML}"><Document>\n')
        return self._stream

    def _parquet_chunk(self, frame: Any) -> None:
        self._geoparquet().write_frame(frame)

    def _csv_chunk(self, frame: Any) -> None:
        plain = pd.DataFrame(frame.drop(columns="geometry"))
        plain["geometry"] = shapely.to_wkt(frame.geometry.to_numpy(), rounding_precision=-1)
        plain = spreadsheet_frame(plain)  # cells a spreadsheet would run as formulas get a quote in front
        plain.to_csv(self._text(), header=self.rows == 0, index=False, lineterminator="\n")

    def _geojson_chunk(self, frame: Any) -> None:
        stream = self._text()
        shapes = shapely.to_geojson(frame.geometry.to_numpy())
        properties = geojson_properties(pd.DataFrame(frame.drop(columns="geometry")))
        separator = ",\n" if self.rows else ""
        stream.write(separator + ",\n".join(
            f'{{"type": "Feature", "geometry": {"null" if shape is None else shape}, "properties": {row}}}'
            for shape, row in zip(shapes, properties, strict=True)))

    def _kml_chunk(self, frame: Any) -> None:
        stream = self._text()
        columns = [c for c in frame.columns if c != "geometry"]
        for values, geometry in zip(frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True):
            row = dict(zip(columns, values, strict=True))
            mark = ET.Element("Placemark")
            # XML 1.0 allows no NUL and few other controls: they are left out, so the file stays well-formed
            ET.SubElement(mark, "name").text = xml_safe(str(row.get("title") or row.get("id") or ""))
            span = ET.SubElement(mark, "TimeSpan")
            ET.SubElement(span, "begin").text = xml_safe(str(row.get("start") or ""))
            ET.SubElement(span, "end").text = xml_safe(str(row.get("end") or ""))
            data = ET.SubElement(mark, "ExtendedData")
            for column, value in row.items():
                if _missing(value):
                    continue
                item = ET.SubElement(data, "Data", name=xml_safe(str(column)))
                ET.SubElement(item, "value").text = xml_safe(str(value))
            if geometry is not None:
                mark.append(_kml_geometry(geometry))
            stream.write(ET.tostring(mark, encoding="unicode") + "\n")

    def _yaml_chunk(self, frame: Any) -> None:
        records = [Event.model_validate(r, context={"make_ids": True}) for r in iter_records(frame)]
        for start in range(0, len(records), RECORDS_PER_FILE):
            self._files += 1
            stream = self._output.open(f"events-{self._files:06d}.yaml")
            stream.write(dump_events(records[start: start + RECORDS_PER_FILE]))
            stream.close()  # flushed to disk; after a failure, the output discards it unwritten

    # --- ending ---

    def close(self) -> Path:
        """Finish the file and rename it into place; returns its path. On a failure, what was written
        is removed (an ``OSError`` becomes an :class:`~tracker.errors.OutputError`).

        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = TableWriter(Path(folder, "e.csv")).close()  # no rows: the header alone
        ...     path.read_text(encoding="utf-8").startswith("id,start,end,")
        True
        """
        try:
            with self._output.guard():
                self._finish()
            return self._output.commit()
        except BaseException:
            self.abort()
            raise

    def _finish(self) -> None:
        if self.format == "GeoParquet":  # with no rows, an empty table of the record columns
            self._geoparquet().close()
            self._parquet = None
        if self.format in ("GeoJSON", "KML") or (self.format == "CSV" and self._stream is None):
            stream = self._text()
            if self.format == "CSV" and self.rows == 0:
                stream.write(",".join((*COLUMNS, "geometry")) + "\n")
        if self._stream is not None:
            if self.format == "GeoJSON":
                self._stream.write("\n]}\n")
            elif self.format == "KML":
                self._stream.write("</Document></kml>\n")

    def abort(self) -> None:
        """Remove what was written (again and again: once done, nothing more happens).

        >>> import tempfile
        >>> from tracker.tables.table import EventTable
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     writer = TableWriter(Path(folder, "e.parquet"))
        ...     writer.write(EventTable.read("tests/data/valid"))
        ...     writer.abort()
        ...     writer.abort()
        ...     list(Path(folder).iterdir())
        []
        """
        parquet, self._parquet = self._parquet, None
        if parquet is not None:
            self._output.abandon()  # the writer's last words go nowhere
            with suppress(Exception):  # the file is removed next, whatever went wrong
                parquet.abort()  # before its stream goes, which it would otherwise write to later
        self._output.discard()


def _plain(table: pa.Table) -> pa.Table:
    """``table`` with its dictionary columns decoded to their values."""
    import pyarrow as pa

    fields = [pa.field(f.name, f.type.value_type) if pa.types.is_dictionary(f.type) else f for f in table.schema]
    return table.cast(pa.schema(fields, table.schema.metadata))


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _json_value(column: str, value: Any) -> Any:
    if _missing(value):
        return None
    if column in JSON_COLUMNS and not isinstance(value, str):
        return value  # already parsed
    if column in JSON_COLUMNS:
        return json.loads(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()[:10]
    return value


def geojson_properties(frame: pd.DataFrame) -> list[str]:
    """The properties of each row as a JSON object, written by pandas' JSON writer (in C) for all rows
    at once: the nested keys (:data:`~tracker.tables.schema.JSON_COLUMNS`) as JSON, not as text holding
    it; dates as ISO days; numbers to their last digit; missing values as null.

    >>> frame = pd.DataFrame({"id": ["a", "b"], "start": [dt.date(2017, 6, 8), None], "latitude": [34.5624, np.nan],
    ...                       "claims": ['[{"count": 4000}]', None], "notes": ["line\\nbreak </script>", "é"]})
    >>> for row in geojson_properties(frame):
    ...     print(row)
    {"id":"a","start":"2017-06-08","latitude":34.5624,"claims":[{"count":4000}],"notes":"line\\nbreak <\\/script>"}
    {"id":"b","start":null,"latitude":null,"claims":null,"notes":"é"}
    """
    if not len(frame):
        return []
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if column in JSON_COLUMNS:
            frame[column] = values.astype(object).map(_json_nested, na_action="ignore")
        elif isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(values.dtype):
            frame[column] = values.dt.strftime("%Y-%m-%d").astype(object).where(values.notna(), None)
        elif values.dtype == object:
            frame[column] = values.map(_json_day, na_action="ignore")
    floating = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c].dtype)]
    numbers = frame[floating].to_numpy(dtype=float, na_value=np.nan)
    finite = numbers[np.isfinite(numbers)]
    # pandas writes a float to a fixed number of decimals (at most 15), then drops the zeros after it:
    # 10 keeps degrees to a hundredth of a millimetre and 34.5624 as it is; a number that needs more
    # (or is beyond 15) is written by the standard library, row by row, to its last digit
    decimals = 10 if np.array_equal(np.round(finite, 10), finite) else 15
    if decimals == 15 and not (np.array_equal(np.round(finite, 15), finite) and (np.abs(finite) < 1e15).all()):
        columns = list(frame.columns)
        return [json.dumps({c: _json_value(c, v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False)
                for row in frame.itertuples(index=False, name=None)]
    text = frame.to_json(orient="records", lines=True, force_ascii=False, double_precision=decimals,
                         date_format="iso", default_handler=str)
    return text.rstrip("\n").split("\n")  # a newline inside a value is written escaped


def _json_nested(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else _json_day(value)


def _json_day(value: Any) -> Any:
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()[:10]
    return value


def _kml_geometry(geometry: Any) -> ET.Element:
    def ring(coords: Any) -> str:
        return " ".join(f"{x:.6f},{y:.6f}" for x, y, *_ in coords)

    kind = geometry.geom_type
    if kind == "Point":
        element = ET.Element("Point")
        ET.SubElement(element, "coordinates").text = f"{geometry.x:.6f},{geometry.y:.6f}"
        return element
    if kind == "Polygon":
        element = ET.Element("Polygon")
        outer = ET.SubElement(ET.SubElement(element, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = ring(geometry.exterior.coords)
        for hole in geometry.interiors:
            inner = ET.SubElement(ET.SubElement(element, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(inner, "coordinates").text = ring(hole.coords)
        return element
    element = ET.Element("MultiGeometry")
    for part in getattr(geometry, "geoms", []):
        element.append(_kml_geometry(part))
    return element


#: Rows written at a time by :func:`write_table` (the progress bar moves by as many).
WRITE_ROWS = 50_000


def write_table(table: EventTable, path: Path, *, progress: bool = False, force: bool = False,
                inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write ``table`` to ``path`` in the format its ending names; ``progress`` shows a bar on a
    terminal. An existing ``path`` is replaced only with ``force``; one of ``inputs`` never.

    >>> import tempfile
    >>> from tracker.tables.table import EventTable
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_table(EventTable.read("tests/data/valid"), Path(folder, "e.parquet"))
    ...     read_frame(path).loc[0, "id"]
    'badiyeh-drawn'
    """
    starts: Any = range(0, len(table), WRITE_ROWS)
    if progress:
        from tqdm import tqdm

        starts = tqdm(starts, unit="block", desc="writing", disable=None, leave=False)
    with TableWriter(path, force=force, inputs=inputs) as writer:
        for start in starts:
            writer.write_frame(table.frame.iloc[start: start + WRITE_ROWS])
    return path


def read_frame(path: Path) -> gpd.GeoDataFrame | None:
    """The frame of a table from a GeoParquet file or folder of them, a CSV with a WKT ``geometry``
    column or a GeoJSON file; ``None`` for records (a YAML file or a folder of them).

    >>> read_frame(Path("tests/data/valid")) is None  # a folder of records
    True
    >>> read_frame(Path("tests/data/interop/ucdp-ged-sample.csv"))
    Traceback (most recent call last):
    tracker.errors.InputError: tests/data/interop/ucdp-ged-sample.csv is a UCDP export, not an event table; ...
    """
    if not path.exists():
        raise ReadError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet"))):
        import geopandas as gpd

        frame = gpd.read_parquet(path)
        return frame.reset_index(drop=True)
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)  # text as written: nothing guessed
        frame = spreadsheet_table(frame)  # without the quotes put before formulas
        _check_columns(path, list(frame.columns))
        geometry = shapely.from_wkt(frame.pop("geometry").replace("", None).to_numpy()) if "geometry" in frame else None
        for column in COLUMNS:
            if column in frame:
                frame[column] = frame[column].astype(object).where(frame[column] != "", None)
        for column in ("latitude", "longitude"):
            if column in frame:
                frame[column] = pd.to_numeric(frame[column], errors="coerce")
        if "precision" in frame:
            frame["precision"] = pd.to_numeric(frame["precision"], errors="coerce").astype("Int8")
        return frame_of(frame, geometry)
    if suffix in (".geojson", ".json"):
        return _read_geojson(path)
    return None


def _check_columns(path: Path, columns: list[str]) -> None:
    """Refuse a file that is not an event table, naming the dataset it looks like."""
    needed = {"start", "end", "type", "actors"}
    if needed <= set(columns):
        return
    name = looks_like({c.strip().lower() for c in columns})
    if name is not None:
        raise InputError(
            f"{path} is a {name.upper()} export, not an event table; import it first: "
            f"tracker import {name} {path} -o events.parquet"
        )
    raise InputError(
        f"{path} is not an event table: it lacks the columns {', '.join(sorted(needed - set(columns)))} "
        "(an event table is what tracker export or tracker import writes)"
    )


def _read_geojson(path: Path) -> gpd.GeoDataFrame:
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path} is not a GeoJSON FeatureCollection")
    rows = []
    shapes: list[str | None] = []
    for feature in features:
        properties = dict(feature.get("properties") or {})
        for column in JSON_COLUMNS:
            if properties.get(column) is not None and not isinstance(properties[column], str):
                properties[column] = json.dumps(properties[column], ensure_ascii=False)
        rows.append(properties)
        geometry = feature.get("geometry")
        shapes.append(json.dumps(geometry) if geometry else None)
    if not rows:
        return frame_of(pd.DataFrame(columns=list(COLUMNS)), points(np.array([]), np.array([])))
    _check_columns(path, list(rows[0]))
    frame = pd.DataFrame(rows)
    if "precision" in frame:
        frame["precision"] = frame["precision"].astype("Int8")
    return frame_of(frame, shapely.from_geojson(np.array(shapes, dtype=object)))  # one call for all
