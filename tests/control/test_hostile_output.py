"""Names from records and from ``--assessor``/``--actor`` stay data in the JSON that ``compare`` and
``control gains`` print: no control character or bidirectional control reaches the terminal raw, and
the JSON still reads back to exactly the text that was written."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import main
from tracker.control import import_layers

from .control_series import write_series

#: An OSC title, a clear screen, a one-byte CSI, a line separator, and two bidirectional controls
#: (a right-to-left override and an isolate) that reorder what a terminal shows.
HOSTILE = "Army \x1b]0;owned\x07\x1b[2J\x9b31m\u2028\u202egnp.exe\u2066"
RAW = "\x1b\x07\x9b\u2028\u202e\u2066"


def _clean(output: str) -> None:
    assert not set(output) & set(RAW), output


def test_compare_json_shows_controls_in_an_actor_and_a_source_as_escapes(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    (events / "claim.yaml").write_text(json.dumps({
        "id": "claim", "date": "2024-02-01", "title": "t", "type": "Battles", "actors": [HOSTILE],
        "location": {"lat": 30.5, "lon": 30.5},
        "claims": [{"total_area": "3000 km2", "actor": HOSTILE, "since": "2024-01-01", "gain": "dawn"}],
        "sources": [{"publisher": HOSTILE, "reliability": "C", "credibility": 3}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(events), "--control", str(tmp_path / "none"), "--json"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    (group,) = json.loads(result.output)
    assert group["actor"] == HOSTILE
    assert group["claims"][0]["sources"] == [f"{HOSTILE} C3"]


def test_control_gains_json_shows_controls_in_the_assessor_and_actor_as_escapes(tmp_path: Path) -> None:
    control = tmp_path / "control"
    import_layers([write_series(tmp_path)], control, assessor=HOSTILE, actor=HOSTILE, date_field="date",
                  source=HOSTILE)
    result = CliRunner().invoke(main, ["control", "gains", "--actor", HOSTILE, "--since", "2024-01-01",
                                       "--until", "2024-03-01", "--folder", str(control), "--json"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    (gains,) = json.loads(result.output)
    assert gains["assessor"] == HOSTILE and gains["source"] == HOSTILE
