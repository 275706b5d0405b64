"""`tracker gazetteer download`: GeoNames' country zips, from a server on loopback serving the shared dumps."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer
from gazetteer.table import BUNDLED, PlaceTable
from tracker.cli import main

from ..common import ROOT

SHARED = ROOT.parent / "shared" / "data" / "gazetteer"
pytestmark = pytest.mark.skipif(not (SHARED / "JO.txt").is_file(), reason=f"the shared dumps are not in {SHARED}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A folder laid out as GeoNames' dump folder, served on 127.0.0.1: JO.zip holding JO.txt, and two bad zips."""
    folder = tmp_path_factory.mktemp("dump")
    with zipfile.ZipFile(folder / "JO.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.write(SHARED / "JO.txt", "JO.txt")
    with zipfile.ZipFile(folder / "LB.zip", "w") as bundle:
        bundle.writestr("readme.txt", "not the dump")
    (folder / "IQ.zip").write_text("<html>Not here</html>", encoding="utf-8")
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_download_adds_a_country_and_merges_what_is_bundled(server: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_GEONAMES_URL", server)
    table = tmp_path / "places.tsv"
    result = CliRunner().invoke(main, ["gazetteer", "download", "jo", "--into", str(table)])
    assert result.exit_code == 0, result.output
    # the dump's 12 governorates (ADM1) are merged into the bundled ones, not added beside them
    assert result.stdout == f"JO: added 1098 place(s), replaced 0, merged 224 into places already known, into {table}\n"
    places = PlaceTable.read([BUNDLED, table])
    assert len({p.id for p in places.places}) == len(places.places)
    assert Gazetteer(places).resolve("Amman, Jordan").found
    assert Gazetteer(places).resolve("Irbid Governorate").place.id == "iso3166-2:JO-IR"  # type: ignore[union-attr]


@pytest.mark.parametrize(("code", "message"), [
    ("IQ", "{url}IQ.zip is not a zip file; $TRACKER_GEONAMES_URL should name a folder of GeoNames country dumps "
           "such as SY.zip"),
    ("LB", "{url}LB.zip holds readme.txt, not LB.txt; is it a GeoNames country dump?"),
    ("TR", "{url}TR.zip: the server answered 404 File not found; check the country code, or $TRACKER_GEONAMES_URL"),
    ("Syria", "'Syria' is not a country code; give two letters, such as SY, IQ, JO or LB"),
])
def test_a_download_that_is_no_country_dump_is_refused_in_one_line(server: str, tmp_path: Path, code: str,
                                                                  message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_GEONAMES_URL", server)
    table = tmp_path / "places.tsv"
    result = CliRunner().invoke(main, ["gazetteer", "download", code, "--into", str(table)])
    assert (result.exit_code, result.output) == (1, "tracker: " + message.format(url=server) + "\n")
    assert not table.exists()
