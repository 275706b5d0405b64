"""A map whose events all stand on one point opens on that point, at a finite zoom, without
errors in the browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

from ..common import ROOT

TADMUR = (34.5624, 38.2840)


def test_a_map_of_events_on_one_point_opens_on_it(tmp_path: Path, browser) -> None:
    output = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["map", str(ROOT / "tests/data/one-point"), "--offline", "-o", str(output)])
    assert result.exit_code == 0, result.output
    tab = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.goto(output.as_uri())
    tab.wait_for_selector(".leaflet-interactive", state="attached")
    view = tab.evaluate("() => { const m = Object.values(window).find(v => v instanceof L.Map);"
                        " const c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }")
    tab.close()
    assert errors == []
    lat, lon, zoom = view
    assert lat == pytest.approx(TADMUR[0], abs=0.01) and lon == pytest.approx(TADMUR[1], abs=0.01)
    assert 8 <= zoom <= 14
