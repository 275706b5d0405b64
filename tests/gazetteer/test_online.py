"""`--online`: a failure is a one-line message and is never cached; the cache is checked when read.

Every test talks to loopback only: a port where nothing listens, or a tiny local server.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from gazetteer import Gazetteer
from gazetteer.online import OnlineGeocoderError, nominatim
from tracker.cli import main

TRIPOINT = [{"lat": "33.3747", "lon": "38.7936", "display_name": "Iraq-Syria-Jordan tripoint, Syria",
             "osm_type": "node", "osm_id": 1, "type": "border_point", "address": {"country_code": "sy"}}]


@pytest.fixture
def closed_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, tuple[int, bytes]]]]:
    """A local server answering each query with the (status, body) put in its table (200, [] otherwise)."""
    answers: dict[str, tuple[int, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlparse(self.path).query)["q"][0]
            status, body = answers.get(query, (200, b"[]"))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}", answers
    httpd.shutdown()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user cache folder in ``tmp_path``; returns where the CLI keeps its Nominatim cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "conflict-tracker" / "nominatim.json"


def test_no_network_is_one_line_and_nothing_is_cached(
    cli_env: Path, closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_NOMINATIM_URL", f"http://127.0.0.1:{closed_port}")
    result = CliRunner().invoke(main, ["geocode", "--online", "Wadi Narnia"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"tracker: --online: http://127.0.0.1:{closed_port} gave no answer for 'Wadi Narnia' (connection "
        "refused); nothing was cached; check the network and run again, or leave out --online\n"
    )
    assert not cli_env.exists()


def test_after_a_failure_the_name_is_asked_again(
    cli_env: Path, closed_port: int, server: tuple[str, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_NOMINATIM_URL", f"http://127.0.0.1:{closed_port}")
    assert CliRunner().invoke(main, ["geocode", "--online", "Iraq-Syria-Jordan tripoint"]).exit_code == 1
    domain, answers = server
    answers["Iraq-Syria-Jordan tripoint"] = (200, json.dumps(TRIPOINT).encode())
    monkeypatch.setenv("TRACKER_NOMINATIM_URL", f"http://{domain}")
    result = CliRunner().invoke(main, ["geocode", "--online", "Iraq-Syria-Jordan tripoint"])
    assert result.exit_code == 0, result.output
    assert "33.3747" in result.stdout and list(json.loads(cli_env.read_text())) == ["Iraq-Syria-Jordan tripoint"]


@pytest.mark.parametrize(
    ("status", "body", "reason", "fix"),
    [
        (500, b"", "HTTP 500", "run again later, or leave out --online"),
        (429, b"", "too many requests, HTTP 429", "wait a few minutes and run again"),
        (403, b"", "refused, HTTP 403", "run again later, or leave out --online"),
        (200, b"<html>busy</html>", "an answer that is not JSON", "run again later, or leave out --online"),
        (200, b'[{"lat": "1"}]', "an answer without an address or coordinates", "run again later, or leave out --online"),
    ],
)
def test_a_server_error_is_a_message_and_is_not_cached(
    tmp_path: Path, server: tuple[str, dict], status: int, body: bytes, reason: str, fix: str
) -> None:
    domain, answers = server
    answers["Wadi Narnia"] = (status, body)
    cache = tmp_path / "cache.json"
    places = Gazetteer(user=False, fallback=nominatim(cache, domain=domain, scheme="http"))
    with pytest.raises(OnlineGeocoderError) as raised:
        places.resolve("Wadi Narnia")
    assert str(raised.value) == (f"--online: http://{domain} gave no answer for 'Wadi Narnia' ({reason}); "
                                 f"nothing was cached; {fix}")
    assert isinstance(raised.value, ConnectionError) and not cache.exists()
    answers.pop("Wadi Narnia")
    assert places.resolve("Wadi Narnia").status == "not_found"  # asked again, and now answered
    assert json.loads(cache.read_text()) == {"Wadi Narnia": None}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "it is not JSON"),
        ("[1, 2]", "it is not a JSON object"),
        ('{"a": [1, 2], "b": null}', "1 of its 2 answers is not a place"),
        ('{"a": ["x", 95.0, 38.0, {}]}', "1 of its 1 answers is not a place"),
        ('{"a": ["x", 95.0, 38.0, {}], "b": [true, 1, 2, {}], "c": null}', "2 of its 3 answers are not places"),
        ("\xff\xfe", None),
    ],
)
def test_a_corrupt_cache_is_reported_ignored_and_rewritten(
    cli_env: Path, server: tuple[str, dict], monkeypatch: pytest.MonkeyPatch, text: str, reason: str | None
) -> None:
    cli_env.parent.mkdir(parents=True)
    if reason is None:
        cli_env.write_bytes(text.encode("latin-1"))
        reason = "it is not UTF-8"
    else:
        cli_env.write_text(text, encoding="utf-8")
    domain, answers = server
    answers["Iraq-Syria-Jordan tripoint"] = (200, json.dumps(TRIPOINT).encode())
    monkeypatch.setenv("TRACKER_NOMINATIM_URL", f"http://{domain}")
    result = CliRunner().invoke(main, ["geocode", "--online", "Iraq-Syria-Jordan tripoint", "a"])
    assert result.stderr.splitlines()[0] == (
        f"warning: the --online cache {cli_env} is not one this program wrote ({reason}); what it holds is "
        "ignored and the file is rewritten with the next answer")
    assert "33.3747" in result.stdout
    kept = json.loads(cli_env.read_text(encoding="utf-8"))
    assert kept["Iraq-Syria-Jordan tripoint"][1:3] == [33.3747, 38.7936] and "b" not in kept


def test_a_cache_that_cannot_be_written_is_a_warning(tmp_path: Path, server: tuple[str, dict]) -> None:
    domain, _ = server
    cache = tmp_path / "cache.json"
    cache.mkdir()  # a folder where the file should be
    with pytest.warns(UserWarning) as caught:
        places = Gazetteer(user=False, fallback=nominatim(cache, domain=domain, scheme="http"))
        assert places.resolve("Wadi Narnia").status == "not_found"
    assert [str(w.message) for w in caught] == [
        f"cannot write the --online cache {cache} (Is a directory); answers are asked again next time"]
    assert list(tmp_path.iterdir()) == [cache] and list(cache.iterdir()) == []
