"""What a distance or reaches claim is measured to: a country near its border, a region-sized event,
the record itself, and a record changed in memory."""

from __future__ import annotations

from pathlib import Path

import yaml

from tracker import Event, EventCollection, load_events
from tracker.claims.check import check_claims

from ..common import MINIMAL, NEAR_AL_TANF, TADMUR


def _folder(tmp_path: Path, *records: dict) -> Path:
    (tmp_path / "r.yaml").write_text(yaml.safe_dump_all(list(records), sort_keys=False), encoding="utf-8")
    return tmp_path


def test_reaches_holds_for_an_event_inside_the_named_country_near_its_border(tmp_path: Path) -> None:
    crossing = {"lat": 33.4332, "lon": 38.9374}  # the Iraqi al-Waleed post, 2 km from the border
    folder = _folder(tmp_path, {**MINIMAL, "location": crossing, "claims": [{"reaches": "Iraq"}]})
    result = check_claims(load_events(folder)).results[0]
    assert result.verdict == "holds" and result.measured < 10


def test_distance_to_an_event_known_only_as_a_region_is_unverifiable(tmp_path: Path) -> None:
    folder = _folder(tmp_path,
                     {**MINIMAL, "id": "a", "location": {**TADMUR},
                      "claims": [{"distance": "10 mi", "to": "b", "relation": "within"}]},
                     {**MINIMAL, "id": "b", "location": {"lat": 33.3, "lon": 38.8}, "precision": 3})
    assert check_claims(load_events(folder)).results[0].verdict == "unverifiable"


def test_a_distance_to_the_records_own_id_is_unverifiable(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {**MINIMAL, "id": "a", "claims": [{"distance": "10 mi", "to": "a"}]})
    assert check_claims(load_events(folder)).results[0].verdict == "unverifiable"


def test_a_copy_with_changes_is_checked_as_changed() -> None:
    event = Event.model_validate({**MINIMAL, "location": {**TADMUR},
                                  "claims": [{"distance": "10 km", "to": {**NEAR_AL_TANF}}]})
    regional = event.model_copy(update={"precision": 3})
    report = check_claims(EventCollection([regional]))
    assert list(report.verdicts) == [r.verdict for r in report.results] == ["unverifiable"]
