"""ACLED and UCDP imports, exports GIS tools read, the columnar table, and the same work on Dask."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import shapely
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tracker import Event, load_events, read_events
from tracker.cli import main
from tracker.datasets.importing import ACLED_COLUMNS, NothingImported, _Written, import_events
from tracker.errors import TrackerError
from tracker.geo.geodesy import countries
from tracker.tables import columns as arrowtext
from tracker.tables.columns import combined, joined, present, slug
from tracker.tables.schema import flatten, unflatten
from tracker.tables.table import EventTable

from ..common import CHROMIUM, DATA, EVENTS, SEED_COUNT, write_acled_like
from ..records.test_roundtrip import records

UCDP_SAMPLE = DATA / "interop" / "ucdp-ged-sample.csv"  # 39 real GED rows, CC BY 4.0 (see its .source.md)


@pytest.fixture
def acled_file(tmp_path: Path) -> Path:
    """An ACLED-shaped export (made up) with one row of each kind of mistake, a note spanning lines
    and an older export's date format."""
    path = write_acled_like(tmp_path / "acled.csv", 20)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[3][1] = "2017-02-30"                       # impossible date
    rows[5][4] = "Fights"                           # unknown event type
    rows[7][21] = "123.4"                           # latitude out of range
    rows[9][26] = 'a note\nover two lines, "quoted"'  # a value spanning lines
    rows[10][23] = "4"                              # geo_precision out of 1..3
    rows[12][0] = rows[11][0]                       # repeated id
    rows[14][1] = "08 June 2017"                    # the older exports' date format
    rows[15][2], rows[16][2] = "2", "3"             # dates known to the week, to the month
    rows[17][4], rows[17][5] = "Battle-Government regains territory", ""  # a pre-2019 label
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    return path


def test_acled_rows_that_cannot_be_read_are_reported_by_line_and_the_rest_imported(acled_file: Path,
                                                                                   tmp_path: Path) -> None:
    report = import_events("acled", acled_file, tmp_path / "out.parquet", chunk_bytes=300)  # many small blocks
    assert (report.rows, report.imported) == (20, 15)
    assert [str(p) for p in report.problems] == [
        f"{acled_file}:4: row 3 left out: event_date '2017-02-30' is not a date (2020-05-09, 09 May 2020, "
        "9-May-20 or a spreadsheet's day number such as 43960)",
        f"{acled_file}:6: row 5 left out: event_type 'Fights' is not an ACLED event type",
        f"{acled_file}:8: row 7 left out: latitude '123.4' is not a number within -90..90",
        f"{acled_file}:12: row 10 left out: geo_precision '4' is not 1, 2 or 3",  # after the two-line note
        f"{acled_file}:14: row 12 left out: event_id_cnty repeats an earlier row",
    ]
    frame = EventTable.read(tmp_path / "out.parquet").frame
    table = frame.set_index(frame["acled_event_id_cnty"].str[3:].astype(int))  # rows[n] holds event n
    assert table.loc[14, "start"] == table.loc[14, "end"] == dt.date(2017, 6, 8)
    week = table.loc[15, "acled_event_date"]
    assert (table.loc[15, "end"] - table.loc[15, "start"]).days == 6 and str(table.loc[15, "start"] + dt.timedelta(3)) == week
    assert table.loc[16, "start"].day == 1 and (table.loc[16, "end"] + dt.timedelta(1)).day == 1
    assert (table.loc[17, "type"], table.loc[17, "sub_type"]) == ("Battles", "Government regains territory")
    assert table.loc[9, "notes"] == 'a note\nover two lines, "quoted"'
    assert table.loc[16, "acled_time_precision"] == "3"  # the original codes are kept
    assert table["precision"].isin([1, 2, 3]).all()


def test_one_import_in_every_format_gives_the_same_records(acled_file: Path, tmp_path: Path) -> None:
    made = {}
    for name in ("out.parquet", "out.csv", "out.geojson", "out-records"):
        import_events("acled", acled_file, tmp_path / name)
        made[name] = list(read_events(tmp_path / name)[0]) if name != "out-records" else list(
            load_events(tmp_path / name))
    assert len(made["out.parquet"]) == 15
    assert made["out.parquet"] == made["out.csv"] == made["out.geojson"] == made["out-records"]
    first = made["out.parquet"][0]
    assert first.imported is not None and first.imported["acled_event_id_cnty"] == "IRQ1"


def test_a_real_ucdp_export_imports_checks_and_maps_without_edits(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "ged.parquet"
    imported = runner.invoke(main, ["import", "ucdp", str(UCDP_SAMPLE), "-o", str(out)])
    assert imported.exit_code == 0, imported.output
    assert imported.output.splitlines()[0] == f"imported 39 of 39 UCDP rows from {UCDP_SAMPLE} into {out}"
    events = load_events(out)
    kabul = events.get("ucdp-244657")
    assert kabul is not None and kabul.start == dt.date(2017, 7, 31) and kabul.precision == 1
    assert [a.name for a in kabul.actors] == ["Government of Iraq", "IS"]
    assert kabul.imported["ucdp_where_prec"] == "1" and kabul.imported["ucdp_best"] == "6"  # type: ignore[index]
    precisions = {e.imported["ucdp_where_prec"]: e.precision for e in events}  # type: ignore[index]
    assert all(ours == {"1": 1, "2": 2}.get(theirs, 3) for theirs, ours in precisions.items())
    checked = runner.invoke(main, ["check", str(out)])
    assert checked.exit_code == 0 and checked.output.endswith("0 claims\n")
    mapped = runner.invoke(main, ["map", str(out), "--offline", "-o", str(tmp_path / "ged.html")])
    assert mapped.exit_code == 0 and "39 records" in mapped.output


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_imported_ucdp_map_draws_every_event_in_a_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    out = tmp_path / "ged.parquet"
    import_events("ucdp", UCDP_SAMPLE, out)
    CliRunner().invoke(main, ["map", str(out), "--offline", "-o", str(tmp_path / "ged.html")])
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        tab = chromium.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto((tmp_path / "ged.html").as_uri())
        tab.wait_for_selector(".leaflet-interactive", state="attached")
        dots = tab.evaluate("() => Object.values(window).filter("
                            "v => v instanceof L.CircleMarker && !(v instanceof L.Circle) && v._map).length")
        chromium.close()
    assert dots == 39 and errors == []


def test_an_export_that_is_not_an_event_table_is_named_with_the_command_to_import_it() -> None:
    events, problems = read_events(UCDP_SAMPLE)
    assert len(events) == 0
    assert problems[0].message == (f"{UCDP_SAMPLE} is a UCDP export, not an event table; import it first: "
                                   f"tracker import ucdp {UCDP_SAMPLE} -o events.parquet")


def test_a_file_without_the_columns_a_dataset_needs_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    from tracker.errors import TrackerError

    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,name\n1,x\n", encoding="utf-8")
    with pytest.raises(TrackerError, match=r"wrong.csv:1: the header lacks event_id_cnty, event_date"):
        import_events("acled", wrong, tmp_path / "out.parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wrong.csv"]


# --- exports ---


def test_records_geojson_records_geojson_keeps_every_field(tmp_path: Path) -> None:
    events = load_events(EVENTS)
    EventTable.from_collection(events).write(tmp_path / "a.geojson")
    again = load_events(tmp_path / "a.geojson")
    assert list(again) == list(events)
    EventTable.from_collection(again).write(tmp_path / "b.geojson")
    assert (tmp_path / "a.geojson").read_bytes() == (tmp_path / "b.geojson").read_bytes()
    features = json.loads((tmp_path / "a.geojson").read_text(encoding="utf-8"))["features"]
    zone = next(f for f in features if f["properties"]["id"] == "al-tanf-deconfliction-zone")
    assert zone["geometry"]["type"] == "Polygon" and zone["properties"]["area"]["circle"]["radius"] == "55 km"


def test_an_actor_name_starting_with_a_bracket_survives_a_row() -> None:
    # Actors joined by "; " that start with "[" would read back as JSON: such names are kept as JSON.
    row = flatten({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles", "actors": ["[", "b"],
                   "location": "Tadmur"})
    assert row["actors"] == '["[", "b"]'
    assert unflatten(row)["actors"] == ["[", "b"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_a_record_flattened_to_a_row_and_back_is_the_same_record(record: dict[str, Any]) -> None:
    """Law: flatten then unflatten is the identity on records (the table's rows lose nothing)."""
    event = Event.model_validate(record)
    row = flatten(event.to_dict())
    if row["latitude"] is None:  # a named location: the table holds its point as well
        row["latitude"], row["longitude"] = 34.5, 38.3
    assert Event.model_validate(unflatten(row)) == event


def test_csv_kml_and_geoparquet_are_read_by_gis_tools(tmp_path: Path) -> None:
    import geopandas as gpd
    import pyogrio

    table = EventTable.from_collection(load_events(EVENTS))
    for name in ("e.csv", "e.kml", "e.parquet"):
        table.write(tmp_path / name)
    parquet = gpd.read_parquet(tmp_path / "e.parquet")
    assert len(parquet) == SEED_COUNT and parquet.crs.to_string() in ("OGC:CRS84", "EPSG:4326")
    kml = pyogrio.read_dataframe(tmp_path / "e.kml")
    assert len(kml) == SEED_COUNT and set(kml.geometry.geom_type) == {"Point", "Polygon"}
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    zone = next(r for r in rows if r["id"] == "al-tanf-deconfliction-zone")
    assert zone["geometry"].startswith("POLYGON ((") and json.loads(zone["area"])["circle"]["radius"] == "55 km"
    placemarks = ET.parse(tmp_path / "e.kml").getroot().findall(".//{http://www.opengis.net/kml/2.2}Placemark")
    assert len(placemarks) == SEED_COUNT


def test_a_failed_export_leaves_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(EVENTS), "-o", str(tmp_path / "events.shp")])
    assert result.exit_code == 1
    assert "cannot tell the format of" in result.output
    assert list(tmp_path.iterdir()) == []


# --- the table ---


def test_filters_by_date_actor_and_region() -> None:
    table = EventTable.from_collection(load_events(EVENTS))
    may = table.between(dt.date(2017, 5, 1), dt.date(2017, 5, 31))
    assert all(row.start <= "2017-05-31" and row.end >= "2017-05-01" for row in may.frame.itertuples())
    assert set(table.involving("hezbollah").frame["id"]) == {"saa-within-15-miles-of-al-tanf"}
    box = table.within((36.0, 34.0, 39.0, 36.5))  # west, south, east, north
    assert "aleppo-battle-all-but-over" in set(box.frame["id"]) and "sdf-raqqa-offensive" not in set(box.frame["id"])


def test_assigning_countries_agrees_with_shapely_point_by_point() -> None:
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(34, 45, 3000), rng.uniform(29, 38, 3000)
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"longitude": lon, "latitude": lat}, geometry=gpd.points_from_xy(lon, lat), crs=4326)
    found = EventTable(frame).assign_countries()
    shapes = countries()
    for x, y, code in zip(lon[:400], lat[:400], found[:400], strict=True):
        inside = [c for c, (_n, polygon) in shapes.items() if polygon.contains(shapely.Point(x, y))]
        assert (inside[:1] or [None])[0] == code
    assert {"SYR", "IRQ", "JOR", None} <= set(found)


def test_a_dask_cluster_gives_the_single_machine_answers(tmp_path: Path) -> None:
    pytest.importorskip("dask_geopandas")
    from dask.distributed import Client, LocalCluster

    from tracker.tables import distributed

    source = tmp_path / "acled.csv"
    write_acled_like(source, 3000)
    import_events("acled", source, tmp_path / "all.parquet")
    table = EventTable.read(tmp_path / "all.parquet")
    parts = distributed.partition(table, tmp_path / "parts", rows_per_part=700)
    assert len(parts) == 5
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        on_cluster = distributed.assign_countries(tmp_path / "parts").compute()
    assert on_cluster.tolist() == table.assign_countries().tolist()
    assert set(on_cluster) == {"SYR", "IRQ"}


def test_cli_export_filters_and_says_what_it_wrote(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(EVENTS), "--actor", "Hezbollah", "-o", str(tmp_path / "h.geojson")])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"wrote 1 of {SEED_COUNT} events to {tmp_path / 'h.geojson'}",
        f"next: open {tmp_path / 'h.geojson'} in QGIS, or tracker map {tmp_path / 'h.geojson'} --offline",
    ]


def test_the_columns_of_a_current_acled_export_are_all_kept(acled_file: Path, tmp_path: Path) -> None:
    import_events("acled", acled_file, tmp_path / "out.parquet")
    columns = set(EventTable.read(tmp_path / "out.parquet").frame.columns)
    assert {f"acled_{c}" for c in ACLED_COLUMNS if c not in ("notes", "latitude", "longitude")} <= columns
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_an_empty_selection_still_writes_a_table_that_reads_back(tmp_path: Path) -> None:
    for name in ("e.parquet", "e.geojson", "e.csv"):
        result = CliRunner().invoke(main, ["export", str(EVENTS), "--actor", "Nobody", "-o", str(tmp_path / name)])
        assert result.exit_code == 0 and result.output.startswith(f"wrote 0 of {SEED_COUNT} events")
        assert len(EventTable.read(tmp_path / name)) == 0


def test_every_feature_of_a_geojson_file_keeps_its_geometry(tmp_path: Path) -> None:
    table = EventTable.from_collection(load_events(EVENTS))
    table.write(tmp_path / "e.geojson")
    again = EventTable.read(tmp_path / "e.geojson")
    assert len(again.frame) == SEED_COUNT
    assert all(a.equals_exact(b, 1e-9) for a, b in zip(table.frame.geometry, again.frame.geometry, strict=True))


def test_values_spanning_lines_anywhere_in_a_large_export_are_read_whole(tmp_path: Path) -> None:
    path = write_acled_like(tmp_path / "acled.csv", 6000)  # over 2 MB: Arrow reads it in several blocks
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    for row in rows[1:]:
        row[26] = row[26].replace(", ", ",\n")  # every note over two lines
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = import_events("acled", path, tmp_path / "out.parquet")
    assert (report.rows, report.imported, report.problems) == (6000, 6000, [])
    assert EventTable.read(tmp_path / "out.parquet").frame["notes"].tolist() == [row[26] for row in rows[1:]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aZz09AéÄ -", max_size=6), max_size=8), st.integers(0, 3))
def test_ids_are_made_alike_whatever_else_their_block_holds(texts: list[str], start: int) -> None:
    column = pa.array(texts, pa.string())[start:]  # also a slice, whose offsets do not start at 0
    one_by_one = [slug("acled-", pa.array([text], pa.string()))[0].as_py() for text in texts[start:]]
    assert slug("acled-", column).to_pylist() == one_by_one
    assert all(re.fullmatch(r"acled-[a-z0-9]*(-[a-z0-9]+)*", made) for made in one_by_one)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(*[st.sampled_from(["", "A", "B; C", "é"])] * 3), max_size=12), st.sampled_from([2, 4096]))
def test_actors_joined_per_combination_equal_joining_each_row(rows: list[tuple[str, str, str]], sample: int) -> None:
    columns = [pc.dictionary_encode(pa.array([row[part] for row in rows], pa.string())) for part in range(3)]
    expected = ["; ".join(part for part in row if part) or None for row in rows]
    with mock.patch.object(arrowtext, "SAMPLE", sample):  # 2: rows mostly distinct are joined one by one
        assert combined(joined, *columns, each=present).to_pylist() == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(*[st.sampled_from([None, "", "A", "é"])] * 2), max_size=12), st.sampled_from([2, 4096]))
def test_combining_plain_text_and_nulls_equals_converting_each_row(rows: list[tuple[str | None, str | None]],
                                                                   sample: int) -> None:
    first = pa.array([row[0] for row in rows], pa.string())  # plain text
    second = pa.DictionaryArray.from_arrays(  # a dictionary with null rows
        pa.array([None if row[1] is None else ["", "A", "é"].index(row[1]) for row in rows], pa.int32()),
        pa.array(["", "A", "é"]))
    expected = [None if a is None or b is None else f"{a}|{b}" for a, b in rows]
    with mock.patch.object(arrowtext, "SAMPLE", sample):
        made = combined(lambda a, b: pc.binary_join_element_wise(a, b, "|"), first, second)
    assert made.to_pylist() == expected


@pytest.mark.parametrize("varied_first", [True, False])
def test_titles_and_actors_read_the_same_whether_their_blocks_repeat_them_or_not(tmp_path: Path,
                                                                                 varied_first: bool) -> None:
    # 5,000 rows naming a few actors and places and 5,000 naming thousands: blocks of the first kind
    # make dictionaries of titles and actor lists, blocks of the second make them row by row.
    parts = []
    for variety in (1000, 1) if varied_first else (1, 1000):
        with write_acled_like(tmp_path / "part.csv", 5000, variety=variety).open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        parts += [[f"{variety}-{row[0]}", *row[1:]] for row in rows]  # ids of their own
    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *parts])
    tables = {}
    for chunk in (1 << 30, 2 << 20, 1 << 20, 40_000):  # one block; about 5,000 rows; 2,500; 100
        import_events("acled", path, tmp_path / f"{chunk}.parquet", chunk_bytes=chunk)
        tables[chunk] = pq.read_table(tmp_path / f"{chunk}.parquet")
    for chunk, table in tables.items():
        assert table.to_pylist() == tables[40_000].to_pylist(), chunk
    assert len(set(tables[40_000].column("actors").to_pylist())) > 4000
    # Where the first rows mostly differ, actor lists are written with no dictionary.
    whole, small = (pq.ParquetFile(tmp_path / f"{chunk}.parquet").metadata.row_group(0).column(
        tables[chunk].column_names.index("actors")) for chunk in (1 << 30, 40_000))
    assert (whole.has_dictionary_page, small.has_dictionary_page) == (not varied_first, True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab1é-", max_size=20), max_size=30), st.integers(1, 7))
@example(["aaaaaaaa1aaaaaaaa", "aaaaaaaa2aaaaaaaa", "aaaaaaaa1aaaaaaaa"], 1)  # alike but for the middle
def test_the_rows_found_repeating_are_those_whose_id_an_earlier_row_has(ids: list[str], block: int) -> None:
    written = _Written()
    for start in range(0, len(ids), block):  # in blocks, as an import writes them (one a slice)
        column = pa.array(["pad", *ids[start:start + block]], pa.string())[1:]
        written.add(column, np.arange(start, start + len(column)))
    expected = [row for row, text in enumerate(ids) if text in ids[:row]]
    assert written.repeated().tolist() == expected


def test_a_row_with_too_few_or_too_many_values_is_reported_by_line_and_the_rest_imported(tmp_path: Path) -> None:
    path = write_acled_like(tmp_path / "acled.csv", 400)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    rows[300][26] = 'a note\nover two lines'        # before the short row: rows and lines differ
    del rows[320][-1]                               # one value short
    rows[350].append("extra")                       # one value too many
    rows[380][4] = "Fights"                         # and a row that reads but does not convert
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = import_events("acled", path, tmp_path / "out.parquet", chunk_bytes=20_000)  # several blocks
    assert (report.rows, report.imported) == (400, 397)
    assert [str(p) for p in report.problems] == [
        f"{path}:322: row 320 left out: the row has 29 values; the header has 30",
        f"{path}:352: row 350 left out: the row has 31 values; the header has 30",
        f"{path}:382: row 380 left out: event_type 'Fights' is not an ACLED event type",
    ]
    table = EventTable.read(tmp_path / "out.parquet").frame
    assert {rows[320][0], rows[350][0], rows[380][0]}.isdisjoint(table["acled_event_id_cnty"]) and len(table) == 397
    assert table["acled_event_id_cnty"].tolist()[-1] == rows[400][0]


def test_blank_lines_are_not_rows_when_a_row_is_located(tmp_path: Path) -> None:
    path = write_acled_like(tmp_path / "acled.csv", 6)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("Battles", "Fights").replace("Explosions/Remote violence", "Fights").replace(
        "Violence against civilians", "Fights").replace("Strategic developments", "Fights")
    path.write_text("\n".join([*lines[:3], "", "", *lines[3:]]) + "\n", encoding="utf-8")
    report = import_events("acled", path, tmp_path / "out.parquet")
    assert [str(p) for p in report.problems] == [
        f"{path}:8: row 5 left out: event_type 'Fights' is not an ACLED event type"]


def test_notes_of_two_sentences_keep_the_first_and_import_as_written(tmp_path: Path) -> None:
    one, two = (_read_rows(write_acled_like(tmp_path / f"{n}.csv", 50, variety=1000, sentences=n)) for n in (1, 2))
    assert one[1][:26] == two[1][:26] and two[1][26].startswith(one[1][26] + " ")  # the first row, to its notes
    assert all(note.count(". ") == 1 and note.endswith(".") and len(note) > 200 for note in (r[26] for r in two[1:]))
    import_events("acled", tmp_path / "2.csv", tmp_path / "out.parquet")
    assert EventTable.read(tmp_path / "out.parquet").frame["notes"].tolist() == [r[26] for r in two[1:]]
    with pytest.raises(ValueError, match="1 or 2 sentences"):
        write_acled_like(tmp_path / "3.csv", 5, sentences=3)
    assert not (tmp_path / "3.csv").exists()


def _read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def _acled_rows(tmp_path: Path, count: int) -> tuple[Path, list[list[str]]]:
    path = write_acled_like(tmp_path / "acled.csv", count)
    return path, _read_rows(path)


def test_a_block_whose_every_row_has_a_value_too_many_is_reported_row_by_row(tmp_path: Path) -> None:
    path, rows = _acled_rows(tmp_path, 5)
    path.write_text("".join(",".join(row) + ("\n" if n == 0 else ",\n") for n, row in enumerate(rows)),
                    encoding="utf-8")  # a trailing comma on every row but the header
    with pytest.raises(NothingImported) as error:
        import_events("acled", path, tmp_path / "out.parquet")
    report = error.value.report
    assert (report.rows, report.imported) == (5, 0)
    assert [p.line for p in report.problems] == [2, 3, 4, 5, 6]
    assert not (tmp_path / "out.parquet").exists()


def test_uneven_rows_beside_a_lone_carriage_return_or_a_long_note(tmp_path: Path) -> None:
    path, rows = _acled_rows(tmp_path, 6)
    rows[1][26] = "first\rsecond"                  # a carriage return alone inside a value
    rows[2][26] = "x" * 200_000                    # longer than Python's csv module takes by default
    del rows[4][-1]
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = import_events("acled", path, tmp_path / "out.parquet")
    assert (report.rows, report.imported) == (6, 5)
    assert [str(p) for p in report.problems] == [f"{path}:6: row 4 left out: the row has 29 values; the header has 30"]
    notes = EventTable.read(tmp_path / "out.parquet").frame["notes"].tolist()
    assert notes[:2] == ["first\rsecond", "x" * 200_000]


def test_a_row_without_any_actor_is_reported_and_the_rest_imported(tmp_path: Path) -> None:
    path, rows = _acled_rows(tmp_path, 4)
    rows[2][6] = rows[2][7] = rows[2][9] = rows[2][10] = ""
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = import_events("acled", path, tmp_path / "out.parquet")
    assert (report.imported, [str(p) for p in report.problems]) == (3, [f"{path}:3: row 2 left out: actor1 is empty"])


@pytest.mark.parametrize("chunk", [300, 1 << 20])
def test_coordinates_read_the_same_whatever_else_their_block_holds(tmp_path: Path, chunk: int) -> None:
    path, rows = _acled_rows(tmp_path, 4)
    rows[1][21], rows[2][21], rows[3][21] = " 34.5", "3.45e1", "north"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    report = import_events("acled", path, tmp_path / "out.parquet", chunk_bytes=chunk)
    assert [str(p) for p in report.problems] == [
        f"{path}:4: row 3 left out: latitude 'north' is not a number within -90..90"]
    assert EventTable.read(tmp_path / "out.parquet").frame["latitude"].tolist()[:2] == [34.5, 34.5]


def test_a_failed_import_leaves_no_file_mapped_no_thread_and_no_output(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from tracker.datasets import reading

    path = write_acled_like(tmp_path / "acled.csv", 2000)
    convert, calls = reading.convert_block, []

    def failing(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return convert(*args)

    monkeypatch.setattr(reading, "convert_block", failing)
    threads = threading.active_count()
    with pytest.raises(KeyboardInterrupt):
        import_events("acled", path, tmp_path / "out.parquet", chunk_bytes=20_000)
    assert threading.active_count() == threads
    gc.collect()  # the error, kept by pytest, holds the blocks until collected (a cycle through its frames)
    assert str(path) not in Path("/proc/self/maps").read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acled.csv"]
    with pytest.raises(TrackerError, match="chunk_bytes is 0"):
        import_events("acled", path, tmp_path / "out.parquet", chunk_bytes=0)


_VALUES = st.text(alphabet='ab,"\n\r é', max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_VALUES, min_size=1, max_size=4), max_size=25), st.integers(1, 60), st.integers(1, 9))
def test_blocks_are_the_file_cut_at_row_ends(tmp_path: Path, rows: list[list[str]], size: int, step: int) -> None:
    # Any CSV file (values spanning lines, doubled quotes, \r in values) is cut into blocks that put
    # together make the file after its header, each holding whole rows; counting quotes a few bytes
    # at a time (step) counts them all.
    from tracker.datasets import blocks as csvblocks

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([["header", '"a"'], *rows])
    path = tmp_path / "file.csv"
    path.write_bytes(out.getvalue().encode("utf-8"))
    header = len(out.getvalue().split("\n", 1)[0].encode("utf-8")) + 1
    with mock.patch.object(csvblocks, "_STEP", step):
        blocks = [bytes(block) for block, _done in csvblocks.pieces(path, size)]
    assert b"".join(blocks) == path.read_bytes()[header:]
    read = [row for block in blocks for row in csv.reader(io.StringIO(block.decode("utf-8"), newline=""))]
    assert read == [row for row in csv.reader(io.StringIO(out.getvalue(), newline=""))][1:]


def _features_by_the_standard_library(table: EventTable) -> list[dict[str, Any]]:
    """The features a GeoJSON export holds, made row by row with ``json``: the nested keys parsed, missing
    values null, numbers as they are."""
    features = []
    frame = table.frame
    for index in range(len(frame)):
        properties: dict[str, Any] = {}
        for column in frame.columns.drop("geometry"):
            value = frame[column].iloc[index]
            if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
                properties[column] = None
            elif column in ("area", "claims", "sources", "resolved"):
                properties[column] = json.loads(value)
            else:
                properties[column] = value.item() if isinstance(value, np.generic) else value
        geometry = frame.geometry.iloc[index]
        features.append({"type": "Feature", "properties": properties,
                         "geometry": None if geometry is None else json.loads(shapely.to_geojson(geometry))})
    return features


def test_a_geojson_export_holds_what_the_standard_library_would_write(tmp_path: Path) -> None:
    table = EventTable.from_collection(load_events(EVENTS))
    table.write(tmp_path / "e.geojson")
    written = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
    assert written["type"] == "FeatureCollection"
    assert written["features"] == _features_by_the_standard_library(table)


awkward_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["</script>", "line\nbreak", 'quote " and \\ slash', "=HYPERLINK(\"x\")", "\u2028", "", "null"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(awkward_text, st.floats(-90, 90) | st.none(), st.floats(-1e6, 1e6) | st.none(),
                          st.none() | st.just('[{"count": 4000, "of": "fighters"}]')), min_size=1, max_size=5))
def test_geojson_export_keeps_any_text_and_number_exactly(tmp_path: Path, rows) -> None:
    frame = pd.DataFrame({"id": [f"e{i}" for i in range(len(rows))], "title": [r[0] for r in rows],
                          "latitude": [np.nan if r[1] is None else r[1] for r in rows],
                          "longitude": [38.28] * len(rows),
                          "acled_measure": [np.nan if r[2] is None else r[2] for r in rows],
                          "claims": [r[3] for r in rows]})
    table = EventTable.from_rows(frame)
    path = table.write(tmp_path / "e.geojson", force=True)
    assert json.loads(path.read_text(encoding="utf-8"))["features"] == _features_by_the_standard_library(table)
