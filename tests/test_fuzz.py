"""Generated hostile and broken input, fed to the commands a user runs: no traceback, no executed payload.

Records are built from a valid one by swapping any field for something generated: text with template,
script and terminal syntax, numbers of every kind and type, coordinates out of range, broken units and
dates, areas of every form. Rows of an ACLED export are made the same way. Each command may refuse the
input (exit 1, a message) but must never crash or run what it was given.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import main
from tracker.datasets.importing import ACLED_COLUMNS

from .common import TADMUR, acled_like_rows

#: Where a payload that ran as Python (through a Jinja template) would leave its mark.
CANARY = Path("/tmp/conflict-tracker-fuzz-canary")
JINJA = f"{{{{ lipsum.__globals__.os.makedirs('{CANARY}', exist_ok=true) }}}}"

FRAGMENTS = st.sampled_from([
    JINJA, "{% if %}", "{{ x }}", "{#", "`${1}`", "\\", "</script>", "<b>", "\x1b]8;;x\x07", "\x1b[31m", "\x00",
    "=HYPERLINK(\"x\")", "@SUM(1)", "+1", "-1", "\u202e", "\u200b", "'", '"', "\n", "yes", "null", "~", "&amp;",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=4).map("".join)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10**30, max_value=10**30),
    st.booleans(), st.none(), st.sampled_from(["34.56", "1e400", "9" * 400, "", "abc"]),
)
QUANTITY = st.one_of(
    st.sampled_from(["1400 km2", "1,400 km²", "5000 square kilometers", "15 mi", "55 km", "1e400 km2", "5 kg",
                     "-3 km", "nan km", "0 km2", "20000 km", "km"]),
    TEXT, NUMBER,
)
DATE = st.one_of(
    st.dates().map(str), st.sampled_from(["2017-02-30", "9-May-20", "43960", "", "2017-06"]),
    st.fixed_dictionaries({"start": st.dates().map(str), "end": st.dates().map(str)}), NUMBER, TEXT,
)
PLACE = st.one_of(
    st.sampled_from(["Tadmur", "Al-Tanf garrison", "Badiyeh", "Nowhere at all"]),
    st.fixed_dictionaries({"lat": NUMBER, "lon": NUMBER}), TEXT,
)
POSITION = st.tuples(st.floats(-400, 400, allow_nan=False), st.floats(-100, 100, allow_nan=False)).map(list)
AREA = st.one_of(
    st.fixed_dictionaries({"polygon": st.lists(POSITION, max_size=6)}),
    st.fixed_dictionaries({"circle": st.fixed_dictionaries({"center": PLACE, "radius": QUANTITY})}),
    st.fixed_dictionaries({"hull": st.lists(PLACE, max_size=4)}),
    st.fixed_dictionaries({"geojson": TEXT}),
    TEXT,
)
CLAIM = st.one_of(
    st.fixed_dictionaries({"area": QUANTITY, "quote": TEXT}),
    st.fixed_dictionaries({"distance": QUANTITY, "to": PLACE, "relation": st.sampled_from(["within", "about", "x"])}),
    st.fixed_dictionaries({"direction": TEXT, "of": PLACE}),
    st.fixed_dictionaries({"reaches": TEXT}),
    st.fixed_dictionaries({"inside": TEXT}),
    st.fixed_dictionaries({"total_area": QUANTITY, "actor": TEXT, "since": DATE}),
    st.fixed_dictionaries({"count": NUMBER, "of": TEXT}),
)
VALID: dict[str, Any] = {
    "id": "fuzzed", "date": "2017-06-08", "title": "A clash east of Tadmur", "type": "Battles",
    "actors": ["Syrian Arab Army"], "location": {**TADMUR}, "precision": 2,
    "area": {"polygon": [[38.2, 34.5], [38.4, 34.5], [38.4, 34.65]]},
    "claims": [{"area": "100 km2"}], "sources": [{"publisher": "A wire", "reliability": "B", "credibility": 2}],
}
FIELDS = {
    "id": st.one_of(TEXT, st.sampled_from(["x" * 300, "Fuzzed", "a b"])), "date": DATE, "title": TEXT,
    "type": st.one_of(TEXT, st.just("Protests")), "actors": st.lists(st.one_of(TEXT, st.fixed_dictionaries(
        {"name": TEXT, "side": TEXT})), max_size=3), "location": PLACE, "precision": NUMBER, "area": AREA,
    "claims": st.lists(CLAIM, max_size=3), "notes": TEXT,
    "sources": st.lists(st.fixed_dictionaries({"publisher": TEXT, "title": TEXT, "url": TEXT,
                                               "reliability": TEXT, "credibility": NUMBER}), max_size=2),
}
RECORD = st.dictionaries(st.sampled_from(sorted(FIELDS)), st.none(), max_size=4).flatmap(
    lambda chosen: st.fixed_dictionaries({key: FIELDS[key] for key in chosen})).map(lambda swapped: {**VALID,
                                                                                                    **swapped})


def _calm(result: Result) -> None:
    """The command ended with a message or its output, never an exception, and ran nothing."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert not CANARY.exists()


def _dump(record: dict[str, Any]) -> str:
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False)


SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")), deadline=None, derandomize="FUZZ_EXAMPLES" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


@SETTINGS
@given(records=st.lists(RECORD, min_size=1, max_size=2))
def test_generated_records_never_crash_validate_check_or_map(records: list[dict[str, Any]],
                                                             tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("fuzz") / "events"
    folder.mkdir()
    for index, record in enumerate(records):
        (folder / f"r{index}.yaml").write_text(_dump(record), encoding="utf-8")
    runner = CliRunner()
    for command in (["validate", str(folder)], ["check", str(folder)], ["check", "--json", str(folder)],
                    ["map", str(folder), "--offline", "-o", str(folder.parent / "map.html")]):
        _calm(runner.invoke(main, command))


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), TEXT.map(lambda t: f"title: {t}\n"),
                      RECORD.map(_dump).map(lambda t: t.replace("'", "").replace(": ", ":"))))
def test_generated_yaml_text_never_crashes_validate(text: str, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "r.yaml").write_text(text, encoding="utf-8")
    _calm(CliRunner().invoke(main, ["validate", str(folder)]))


ROW_CHANGES = st.lists(st.tuples(st.sampled_from(ACLED_COLUMNS), st.one_of(TEXT, NUMBER.map(str), DATE.map(str))),
                       max_size=5)


@SETTINGS
@given(changes=st.lists(ROW_CHANGES, min_size=1, max_size=4))
def test_generated_acled_rows_never_crash_the_import_or_the_map(changes: list[list[tuple[str, str]]],
                                                                tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    rows = [list(row) for row in acled_like_rows(len(changes), 7)]
    for row, change in zip(rows, changes, strict=True):
        for column, value in change:
            row[ACLED_COLUMNS.index(column)] = value
    source = folder / "acled.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(rows)
    runner = CliRunner()
    table = folder / "acled.parquet"
    result = runner.invoke(main, ["import", "acled", str(source), "-o", str(table)])
    _calm(result)
    if result.exit_code == 0 and table.exists():
        _calm(runner.invoke(main, ["map", str(table), "--offline", "-o", str(folder / "map.html")]))
        _calm(runner.invoke(main, ["export", str(table), "-o", str(folder / "out.csv")]))


GEOJSON = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "LineString", "Nope"]),
                           "coordinates": st.recursive(st.lists(NUMBER.filter(lambda v: not isinstance(v, str)),
                                                                max_size=3),
                                                       lambda inner: st.lists(inner, max_size=4), max_leaves=30)}),
    st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": st.lists(st.lists(POSITION, max_size=6),
                                                                                max_size=2)}),
    st.fixed_dictionaries({"type": st.just("FeatureCollection"), "features": st.lists(st.just({}), max_size=2)}),
)


@SETTINGS
@given(area=GEOJSON)
def test_generated_geojson_areas_never_crash_check_map_or_export(area: dict[str, Any],
                                                                 tmp_path_factory: Any) -> None:
    import json

    folder = tmp_path_factory.mktemp("fuzz") / "events"
    folder.mkdir()
    (folder / "area.geojson").write_text(json.dumps(area), encoding="utf-8")
    (folder / "r.yaml").write_text(_dump({**VALID, "area": {"geojson": "area.geojson"}}), encoding="utf-8")
    runner = CliRunner()
    for command in (["validate", str(folder)], ["check", str(folder)],
                    ["map", str(folder), "--offline", "-o", str(folder.parent / "map.html")],
                    ["export", str(folder), "-o", str(folder.parent / "out.geojson")]):
        _calm(runner.invoke(main, command))
