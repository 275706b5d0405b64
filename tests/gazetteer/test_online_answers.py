"""`--online`: an answer whose coordinates are out of range is one line, with no Python warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.online import OnlineGeocoderError, nominatim

OUT_OF_RANGE = json.dumps([{"lat": "95", "lon": "38", "display_name": "x", "osm_type": "node", "osm_id": 1}])


@pytest.fixture
def domain() -> Iterator[str]:
    """A local server answering every query with a place at latitude 95."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(OUT_OF_RANGE.encode())

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _message(domain: str) -> str:
    return (f"--online: http://{domain} gave no answer for 'Wadi Narnia' (an answer with coordinates out of range); "
            "nothing was cached; run again later, or leave out --online")


def test_an_answer_out_of_range_is_an_error_without_a_warning(tmp_path: Path, domain: str) -> None:
    cache = tmp_path / "cache.json"
    places = Gazetteer(user=False, fallback=nominatim(cache, domain=domain, scheme="http"))
    with warnings.catch_warnings(record=True) as caught, pytest.raises(OnlineGeocoderError) as raised:
        warnings.simplefilter("always")
        places.resolve("Wadi Narnia")
    assert str(raised.value) == _message(domain)
    assert [str(w.message) for w in caught] == [] and not cache.exists()


def test_an_answer_out_of_range_is_one_line_from_the_command(tmp_path: Path, domain: str) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TRACKER_NOMINATIM_URL": f"http://{domain}"}
    env.pop("PYTHONWARNINGS", None)
    result = subprocess.run([sys.executable, "-m", "tracker", "geocode", "--online", "Wadi Narnia"],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stderr == f"tracker: {_message(domain)}\n"
