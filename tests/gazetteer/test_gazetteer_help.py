"""`tracker gazetteer --help` tells the truth: its session, run in order against GeoNames' dumps served on
loopback, prints what it shows, and the margins it gives are the ranking's."""

from __future__ import annotations

import doctest
import functools
import http.server
import re
import shlex
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gazetteer import context
from tracker.cli import main

from .villages import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "SY.txt").is_file(), reason=f"the shared dumps are not in {SHARED}")
#: A command of the help's session and what it prints, up to the next command or a blank line.
STEP = re.compile(r"^ *\$ (tracker .+)\n((?:(?! *\$ ) *\S.*\n)*)", re.M)


def _help() -> str:
    result = CliRunner().invoke(main, ["gazetteer", "--help"])
    assert result.exit_code == 0, result.output
    return result.output


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """GeoNames' dump folder as it is laid out, served on 127.0.0.1: a zip per country of the shared dumps."""
    folder = tmp_path_factory.mktemp("dump")
    for code in ("SY", "IQ", "JO", "LB"):
        with zipfile.ZipFile(folder / f"{code}.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.write(SHARED / f"{code}.txt", f"{code}.txt")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_the_help_session_prints_what_it_shows(dumps: str, tmp_path: Path) -> None:
    steps = STEP.findall(_help())
    assert [command.split()[1] for command, _ in steps] == ["gazetteer", "geocode", "geocode", "geocode", "geocode"]
    env = {"TRACKER_GAZETTEER": str(tmp_path / "places.tsv"), "TRACKER_GEONAMES_URL": dumps}
    checker = doctest.OutputChecker()
    for command, shown in steps:
        result = CliRunner().invoke(main, shlex.split(command)[1:], env=env)
        expected = "\n".join(line.strip() for line in shown.splitlines()) + "\n"
        assert checker.check_output(expected, result.stdout, doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE), (command, result.output)


def test_the_margins_the_help_gives_are_the_rankings() -> None:
    text = " ".join(_help().split())
    assert f"within {context.CONTEXT_KM:g} km of them, when the next is {context.CONTEXT_RATIO:g} times as far" in text
    assert f"twice as far from a place written with the name, and {context.CONTEXT_GAP_KM:g} km further" in text
    assert context.WITHIN_RATIO == 2 and context.KIND_MARGIN == 2 and "two ranks ahead" in text
    assert f"a town of {context.DOMINANT_POPULATION:,} with ten times the next's" in text
    assert f"a city of {context.CITY_POPULATION:,} among villages of unknown size" in text
