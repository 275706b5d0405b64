"""Claims grouped by an explicit ``gain:`` key: a key holds its claims together whatever their windows,
two keys are never merged, and claims without a key keep the rule of actor and overlapping window."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import Event
from tracker.cli import main
from tracker.control import import_layers
from tracker.control.compare import compare, gain_key
from tracker.load import load_events

from .control_series import AREA_B, write_series

D = dt.date.fromisoformat


def _record(events: Path, name: str, claim: str, date: str, *, actors: str = "Syrian Arab Army",
            publisher: str | None = None) -> None:
    """A record of one claim (``claim``: its YAML lines, indented as a list item's)."""
    source = f"sources:\n  - publisher: {publisher}\n    reliability: C\n    credibility: 3\n" if publisher else ""
    (events / f"{name}.yaml").write_text(
        f"id: {name}\ndate: {date}\ntitle: claim {name}\ntype: Battles\nactors: [{actors}]\n"
        f"location: {{lat: 30.5, lon: 30.5}}\nclaims:\n{claim}{source}", encoding="utf-8")


def _total(area: str, since: str, until: str, gain: str | None = None, actor: str = "Syrian Arab Army") -> str:
    key = f"    gain: {gain}\n" if gain is not None else ""
    return f"  - total_area: {area}\n    actor: {actor}\n    since: {since}\n    until: {until}\n{key}"


@pytest.fixture
def events(tmp_path: Path) -> Path:
    """Two claims named 'grand-dawn' months apart, one named 'raqqa' in the same window as the first,
    one claim without a key overlapping both keyed ones, and an area claim named ' Grand-Dawn '."""
    folder = tmp_path / "events"
    folder.mkdir()
    _record(folder, "spring", _total("6000 km2", "2024-01-01", "2024-02-01", "grand-dawn"), "2024-02-01",
            publisher="SANA")
    _record(folder, "summer", _total("3000 km2", "2024-05-01", "2024-06-01", "grand-dawn"), "2024-06-01",
            publisher="AFP")
    _record(folder, "north", _total("9300 km2", "2024-01-01", "2024-02-01", "raqqa"), "2024-02-01")
    _record(folder, "unnamed", _total("3100 km2", "2024-01-15", "2024-05-15"), "2024-05-15")
    _record(folder, "week", '  - area: 700 km2\n    gain: " Grand-Dawn "\n',
            "{start: 2024-01-03, end: 2024-01-10}", actors="Syrian Arab Army, Islamic State")
    return folder


def test_a_gain_key_groups_its_claims_whatever_their_windows_and_never_merges_two_keys(events: Path) -> None:
    groups = compare(load_events(events))
    assert [(g.name, g.gain, g.since, g.until, [c.event_id for c in g.claims]) for g in groups] == [
        ("Syrian Arab Army (gain: raqqa)", "raqqa", D("2024-01-01"), D("2024-02-01"), ["north"]),
        ("Syrian Arab Army (gain: grand-dawn)", "grand-dawn", D("2024-01-01"), D("2024-06-01"),
         ["spring", "week", "summer"]),
        ("Syrian Arab Army", None, D("2024-01-15"), D("2024-05-15"), ["unnamed"]),
    ]
    (_, dawn, _) = groups
    week = dawn.claims[1]
    assert (week.kind, week.gain, week.since, week.until, week.days, week.claimed_km2) == (
        "area", "Grand-Dawn", D("2024-01-03"), D("2024-01-10"), 7, 700.0)
    assert dawn.spread == pytest.approx(2.0)


def test_gain_keys_match_without_case_and_with_spaces_collapsed() -> None:
    assert gain_key(" Grand   Dawn ") == gain_key("grand dawn") != gain_key("grand-dawn")


def test_tracker_compare_names_the_key_in_the_heading(events: Path) -> None:
    result = CliRunner().invoke(main, ["compare", str(events)])
    assert result.exit_code == 0, result.output
    raqqa, dawn, unnamed = result.stdout.split("\n\n")
    assert (raqqa.splitlines()[0], unnamed.splitlines()[0]) == (
        "Syrian Arab Army (gain: raqqa), 2024-01-01 .. 2024-02-01: 1 claim",
        "Syrian Arab Army, 2024-01-15 .. 2024-05-15: 1 claim")
    assert dawn.splitlines() == [
        "Syrian Arab Army (gain: grand-dawn), 2024-01-01 .. 2024-06-01: 3 claims, spread 2.00x (largest rate per "
        "day over smallest)",
        "record  claim  sources (grade)  window                    days  claimed km²  km²/day",
        "------  -----  ---------------  ------------------------  ----  -----------  -------",
        "spring  0      SANA C3          2024-01-01 .. 2024-02-01  31    6,000        193.5",
        "week    0                       2024-01-03 .. 2024-01-10  7     700          100.0",
        "summer  0      AFP C3           2024-05-01 .. 2024-06-01  31    3,000        96.8",
    ]


def test_compare_json_carries_the_key_and_each_claim_kind(events: Path) -> None:
    result = CliRunner().invoke(main, ["compare", str(events), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(g["actor"], g["gain"]) for g in data] == [("Syrian Arab Army", "raqqa"),
                                                      ("Syrian Arab Army", "grand-dawn"), ("Syrian Arab Army", None)]
    assert [(c["event"], c["kind"], c["gain"]) for c in data[1]["claims"]] == [
        ("spring", "total_area", "grand-dawn"), ("week", "area", "Grand-Dawn"), ("summer", "total_area", "grand-dawn")]


def test_check_json_carries_the_key_of_each_claim(events: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(events), "--json"])
    assert result.exit_code == 0, result.output
    assert sorted((r["event"], r["kind"], r["gain"]) for r in json.loads(result.stdout)) == [
        ("north", "total_area", "raqqa"), ("spring", "total_area", "grand-dawn"),
        ("summer", "total_area", "grand-dawn"), ("unnamed", "total_area", None), ("week", "area", "Grand-Dawn")]


def test_a_keyed_group_is_set_against_the_assessed_gain_over_its_whole_window(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    _record(events, "early", _total("12000 km2", "2024-01-01", "2024-01-20", "east"), "2024-01-20")
    _record(events, "late", _total("9000 km2", "2024-02-25", "2024-03-01", "east"), "2024-03-01")
    import_layers([write_series(tmp_path)], tmp_path / "control", assessor="ISW", actor="Syrian Arab Army",
                  date_field="date", reliability="B")
    (group,) = compare(load_events(events), tmp_path / "control")
    assert (group.since, group.until, [c.event_id for c in group.claims]) == (
        D("2024-01-01"), D("2024-03-01"), ["late", "early"])
    (assessed,) = group.assessed
    assert (assessed.assessor, assessed.since_layer.date, assessed.until_layer.date) == (
        "ISW", D("2024-01-01"), D("2024-03-01"))
    assert assessed.gained_m2 == pytest.approx(AREA_B, rel=1e-6)
    checked = CliRunner().invoke(main, ["check", str(events), "--control", str(tmp_path / "control"), "--json"])
    assert [(r["event"], r["assessor"], r["gain"]) for r in json.loads(checked.stdout)] == [
        ("early", "ISW", "east"), ("late", "ISW", "east")]


def test_one_key_over_two_actors_makes_a_group_per_actor(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    _record(events, "army", _total("500 km2", "2024-01-01", "2024-02-01", "desert"), "2024-02-01")
    _record(events, "rebels", _total("200 km2", "2024-01-01", "2024-02-01", "desert", actor="Free Syrian Army"),
            "2024-02-01")
    assert [(g.name, [c.event_id for c in g.claims]) for g in compare(load_events(events))] == [
        ("Free Syrian Army (gain: desert)", ["rebels"]), ("Syrian Arab Army (gain: desert)", ["army"])]


def test_an_area_claim_without_a_key_stays_out_of_the_comparison(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    _record(events, "drawn", "  - area: 700 km2\n", "2024-01-05")
    assert compare(load_events(events)) == []


def test_a_long_window_holds_the_shorter_ones_inside_it_in_one_group(tmp_path: Path) -> None:
    events = tmp_path / "events"
    events.mkdir()
    _record(events, "long", _total("9000 km2", "2024-01-01", "2024-03-01"), "2024-03-01")
    _record(events, "early", _total("500 km2", "2024-01-05", "2024-01-10"), "2024-01-10")
    _record(events, "later", _total("800 km2", "2024-02-01", "2024-02-20"), "2024-02-20")
    _record(events, "after", _total("100 km2", "2024-03-02", "2024-03-09"), "2024-03-09")
    assert [sorted(c.event_id for c in g.claims) for g in compare(load_events(events))] == [
        ["early", "later", "long"], ["after"]]


# --- the grouping does not depend on the order of the records ------------------------------------

_ACTORS = ("Syrian Arab Army", "syrian arab army", "Islamic State")
_KEYS = (None, None, "grand-dawn", "Grand Dawn", "grand  dawn", "raqqa")


@st.composite
def _claims(draw: Any) -> dict[str, Any]:
    since = dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 120)))
    until = since + dt.timedelta(days=draw(st.integers(0, 60)))
    gain = draw(st.sampled_from(_KEYS))
    if gain is not None and draw(st.booleans()):
        return {"area": f"{draw(st.integers(1, 9000))} km2", "gain": gain}
    claim = {"total_area": f"{draw(st.integers(1, 9000))} km2", "actor": draw(st.sampled_from(_ACTORS)),
             "since": since.isoformat(), "until": until.isoformat()}
    return claim if gain is None else {**claim, "gain": gain}


@st.composite
def _records(draw: Any) -> list[Event]:
    records = []
    for number in range(draw(st.integers(0, 8))):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 150)))
        end = start + dt.timedelta(days=draw(st.integers(0, 20)))
        records.append(Event.model_validate({
            "id": f"claim-{number}", "date": {"start": start.isoformat(), "end": end.isoformat()},
            "title": f"claim {number}", "type": "Battles", "actors": [draw(st.sampled_from(_ACTORS))],
            "location": {"lat": 30.5, "lon": 30.5}, "claims": draw(st.lists(_claims(), min_size=1, max_size=3)),
            "sources": [{"publisher": f"Agency {number}", "reliability": "C", "credibility": 3}]}))
    return records


@settings(max_examples=150, deadline=None)
@given(_records(), st.randoms(use_true_random=False))
def test_the_groups_are_the_same_whatever_the_order_of_the_records(records: list[Event], random: Any) -> None:
    shuffled = list(records)
    random.shuffle(shuffled)
    groups = compare(records)
    assert compare(shuffled) == groups
    members = [(c.event_id, c.index) for g in groups for c in g.claims]
    assert len(members) == len(set(members))  # each claim in one group
    for group in groups:
        (key,) = {None if c.gain is None else gain_key(c.gain) for c in group.claims}  # never two keys in one
        assert (None if group.gain is None else gain_key(group.gain)) == key
        assert {c.actor.casefold() for c in group.claims} == {group.actor.casefold()}
    keyed = [g for g in groups if g.gain is not None]
    assert len({(g.actor.casefold(), gain_key(g.gain or "")) for g in keyed}) == len(keyed)  # one group per key
    for actor in {g.actor.casefold() for g in groups}:
        unnamed = [g for g in groups if g.gain is None and g.actor.casefold() == actor]
        for before, after in itertools.pairwise(unnamed):
            assert after.since > before.until  # windows apart
        for group in unnamed:  # each window overlaps the windows before it
            windows = sorted((c.since, c.until) for c in group.claims)
            assert all(since <= max(u for _, u in windows[:i]) for i, (since, _) in enumerate(windows) if i)
