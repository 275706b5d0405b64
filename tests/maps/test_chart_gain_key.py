"""The comparison chart names a group of claims by the gain they name, and colours an area claim that
names one by its verdict."""

from __future__ import annotations

from pathlib import Path

from tracker.claims import check_claims
from tracker.control.compare import compare
from tracker.load import load_events
from tracker.maps.chart import chart_html


def test_a_chart_of_claims_naming_a_gain_is_headed_by_that_name(tmp_path: Path) -> None:
    for name, since, until in (("spring", "2024-01-01", "2024-02-01"), ("summer", "2024-05-01", "2024-06-01")):
        (tmp_path / f"{name}.yaml").write_text(
            f"id: {name}\ndate: {until}\ntitle: claim {name}\ntype: Battles\nactors: [Syrian Arab Army]\n"
            f"location: {{lat: 30.5, lon: 30.5}}\nclaims:\n  - total_area: 3000 km2\n    actor: Syrian Arab Army\n"
            f"    since: {since}\n    gain: <b>dawn</b>\n", encoding="utf-8")
    (tmp_path / "drawn.yaml").write_text(
        "id: drawn\ndate: 2024-03-01\ntitle: a drawn advance\ntype: Battles\nactors: [Syrian Arab Army]\n"
        "location: {lat: 30.5, lon: 30.5}\narea:\n  circle: {center: {lat: 30.5, lon: 30.5}, radius: 20 km}\n"
        "claims:\n  - area: 1200 km2\n    gain: <b>DAWN</b>\n", encoding="utf-8")
    events = load_events(tmp_path)
    html = chart_html(compare(events), check_claims(events).results)
    heading = "Syrian Arab Army (gain: &lt;b&gt;dawn&lt;/b&gt;), 2024-01-01 .. 2024-06-01: 3 claims, spread 12.40×"
    assert f"<h4>{heading}</h4>" in html
    assert "<b>" not in html
    assert "<title>consistent on the records: claims 1,200 km²; the drawn area measures 1,257 km²" in html
