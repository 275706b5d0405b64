"""`tracker geocode`, `tracker gazetteer import`, the online fallback, and places in records."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer
from gazetteer.importer import import_places
from gazetteer.online import CachedGeocoder, nominatim
from gazetteer.table import BUNDLED, PlaceTable
from tracker import RecordError, read_events
from tracker.cli import main
from tracker.geo.places import resolve_places

from ..common import DATA, MINIMAL

G = DATA / "gazetteer"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_geocode_json_prints_one_object_per_name_in_order(runner: CliRunner) -> None:
    result = runner.invoke(main, ["geocode", "Deir al-Zour", "al-Tanf", "Wadi Narnia", "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["Deir al-Zour", "al-Tanf", "Wadi Narnia"]
    assert lines[0] == {
        "query": "Deir al-Zour", "found": True, "name": "Deir ez-Zor", "latitude": 35.33588, "longitude": 40.14084,
        "country": "SY", "feature": "populated place", "score": 100.0, "kind": "point",
    }
    assert lines[1]["found"] is False and [c["name"] for c in lines[1]["candidates"]] == [
        "Al-Tanf garrison", "Al-Tanf border crossing"]
    assert lines[2]["found"] is False and lines[2]["name"] is None and len(lines[2]["suggestions"]) == 3


def test_geocode_exits_0_when_every_name_is_found(runner: CliRunner) -> None:
    result = runner.invoke(main, ["geocode", "Boukamal", "Sinjar", "--country", "IQ"])
    assert result.exit_code == 0
    assert [line.split()[:2] for line in result.stdout.splitlines()[2:]] == [["Boukamal", "found"], ["Sinjar", "found"]]


def test_import_a_geonames_dump_and_a_csv(runner: CliRunner, tmp_path: Path) -> None:
    table = tmp_path / "places.tsv"
    result = runner.invoke(main, ["gazetteer", "import", str(G / "SY-sample.txt"), "--into", str(table)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (f"added 0 place(s), replaced 0, merged 2 into places already known, "
                                             f"from a GeoNames dump into {table}")  # Tadmur and As Sukhnah are bundled
    result = runner.invoke(main, ["gazetteer", "import", str(G / "border-points.csv"), "--into", str(table)])
    assert result.stdout.splitlines()[0] == f"added 1 place(s), replaced 0, from a CSV into {table}"
    again = import_places(G / "border-points.csv", table)
    assert (again.added, again.replaced) == (0, 1)
    places = Gazetteer(PlaceTable.read([BUNDLED, table]))
    assert places.geocode("tri-border point").raw["name"] == "Iraq-Syria-Jordan tripoint"
    # a user row with a bundled id replaces the bundled place instead of doubling it
    assert places.resolve("Tudmur").place.id == "geonames:163808"
    assert places.resolve("Tadmur").status == "found"


def test_a_file_of_another_shape_is_refused_with_what_is_expected(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["gazetteer", "import", str(G / "wrong-shape.csv"), "--into", str(tmp_path / "t.tsv")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{G / 'wrong-shape.csv'}:1:1: not a GeoNames dump (19 tab-separated columns, like SY.txt) nor a CSV whose "
        "header names name, latitude and longitude; the first line has 1 column(s)"
    ]
    assert not (tmp_path / "t.tsv").exists()


def test_one_bad_row_and_nothing_is_written(tmp_path: Path) -> None:
    table = tmp_path / "t.tsv"
    shutil.copy(G / "SY-sample.txt", tmp_path / "before.txt")
    import_places(tmp_path / "before.txt", table)
    before = table.read_bytes()
    with pytest.raises(RecordError) as raised:
        import_places(G / "bad-row.csv", table)
    assert [str(p) for p in raised.value.problems] == [
        f"{G / 'bad-row.csv'}:2: longitude: longitude 338.7936 is outside -180..180",
        f"{G / 'bad-row.csv'}:3: name: the name is empty",
    ]
    assert table.read_bytes() == before


# --- the online fallback, against a Nominatim-shaped server on loopback -------------------------

ANSWERS = {  # Wikipedia's figure for the tripoint (see tests/data/gazetteer/border-points.csv)
    "Iraq-Syria-Jordan tripoint": [{
        "lat": "33.3747", "lon": "38.7936", "display_name": "Iraq-Syria-Jordan tripoint, Syria",
        "osm_type": "node", "osm_id": 1, "type": "border_point", "address": {"country_code": "sy"},
    }],
}


@pytest.fixture
def nominatim_server() -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query)["q"][0]
            asked.append(query)
            body = json.dumps(ANSWERS.get(query, [])).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()


def test_online_fallback_asks_only_for_unknown_names_and_caches(nominatim_server, tmp_path: Path) -> None:
    domain, asked = nominatim_server
    fallback = nominatim(tmp_path / "cache.json", domain=domain, scheme="http")
    assert isinstance(fallback, CachedGeocoder)
    places = Gazetteer(user=False, fallback=fallback)
    match = places.resolve("Iraq-Syria-Jordan tripoint")
    assert match.found and (match.place.latitude, match.place.longitude) == (33.3747, 38.7936)
    assert match.place.country == "SY" and match.score is None
    assert places.resolve("Tadmur").found and places.resolve("Wadi Narnia").status == "not_found"
    assert asked == ["Iraq-Syria-Jordan tripoint", "Wadi Narnia"]  # Tadmur is known offline
    again = Gazetteer(user=False, fallback=nominatim(tmp_path / "cache.json", domain=domain, scheme="http"))
    assert again.resolve("Iraq-Syria-Jordan tripoint").found and again.resolve("Wadi Narnia").status == "not_found"
    assert len(asked) == 2  # the second run asked nothing: both answers came from the disk cache


def test_offline_by_default() -> None:
    assert Gazetteer().fallback is None


# --- places in records ------------------------------------------------------------------------


def _write(folder: Path, name: str, record: dict) -> None:
    import yaml

    (folder / name).write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_validate_reports_unknown_and_ambiguous_places_at_their_line(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", {**MINIMAL, "id": "a", "location": "Wadi Narnia",
                               "area": {"hull": ["Tadmur", "Arak", "Sinjar"]},
                               "claims": [{"distance": "15 mi", "to": "b", "relation": "within"}]})
    _write(tmp_path, "b.yaml", {**MINIMAL, "id": "b", "location": "Sinjar, Syria"})
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path}/a.yaml:7:11: location: 'Wadi Narnia' is not in the gazetteer; nearest: Şaydnāyā (70), "
        "Wādī as Sīr (70), Kadınhanı (70); add it with `tracker gazetteer import places.csv`, or write "
        "{lat: ..., lon: ...}",
        # the record's other places (Tadmur, Arak) put the Syrian Sinjar first, but lie too far off to settle it
        f"{tmp_path}/a.yaml:12:5: area.hull[2]: 'Sinjar' names 2 places: Sinjār (SY, 35.5901, 37.0047), "
        "Sinjār (IQ, 36.3209, 41.8766); write the one you mean, or add the country ('Sinjar, Iraq')",
        "2 problems in 1 file; fix them and run `tracker validate` again",
    ]
    assert runner.invoke(main, ["validate", "--no-places", str(tmp_path)]).exit_code == 0


def test_every_seed_place_resolves() -> None:
    events, problems = read_events("events")
    assert problems == []
    resolution = resolve_places(events)
    assert resolution.problems == []
    assert resolution["badiyeh-advance-east-of-tadmur", ("location",)].place.name == "Tadmur"
    assert resolution["saa-within-15-miles-of-al-tanf", ("claims", 0, "to")].place.name == "Al-Tanf garrison"
