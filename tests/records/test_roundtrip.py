"""Record -> YAML -> record is the identity (property test), and so is load -> dump -> load."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import Event, dump_events, load_events
from tracker.records.model import COMPASS
from tracker.records.vocabulary import EVENT_TYPES

from ..common import EVENTS

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s
)
#: Plain text on one line, as a gain key is written.
plain = st.text(st.characters(codec="utf-8", exclude_categories=("C", "Z"), include_characters=" "), min_size=1,
                max_size=40).filter(lambda s: s.strip() == s and s)
names = st.sampled_from(["Tadmur", "Al-Tanf garrison", "Deir ez-Zor", "دير الزور", "As Sukhnah"]) | text
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
points = st.builds(
    lambda lat, lon: {"lat": lat, "lon": lon},
    st.floats(-90, 90, allow_nan=False),
    st.floats(-180, 180, allow_nan=False),
)
places = names | points
#: Circle centres: any name, or a point far enough from the poles and the antimeridian that a circle of
#: any radius below fits (a circle holding a pole or crossing the antimeridian is refused).
centres = names | st.builds(
    lambda lat, lon: {"lat": lat, "lon": lon},
    st.floats(-60, 60, allow_nan=False),
    st.floats(-140, 140, allow_nan=False),
)
areas_text = st.builds(lambda n, u: f"{n} {u}", st.integers(1, 10**6), st.sampled_from(["km2", "km²", "sq mi", "ha"]))
lengths = st.builds(lambda n, u: f"{n} {u}", st.integers(1, 10**4), st.sampled_from(["km", "mi", "miles", "nmi"]))
#: Circle radii: up to the 2,000 km a circle may have (1,000 nautical miles is 1,852 km).
radii = st.builds(lambda n, u: f"{n} {u}", st.integers(1, 1000), st.sampled_from(["km", "mi", "miles", "nmi"]))


@st.composite
def claims(draw: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(["area", "total_area", "distance", "direction", "reaches", "inside", "count"]))
    claim: dict[str, Any] = {
        "area": lambda: {"area": draw(areas_text)},
        "total_area": lambda: {"total_area": draw(areas_text), "actor": draw(names), "since": draw(days).isoformat()},
        "distance": lambda: {"distance": draw(lengths), "to": draw(places), "relation": draw(st.sampled_from(["within", "about"]))},
        "direction": lambda: {"direction": draw(st.sampled_from(COMPASS)), "of": draw(places)},
        "reaches": lambda: {"reaches": draw(names)},
        "inside": lambda: {"inside": draw(names)},
        "count": lambda: {"count": draw(st.integers(0, 10**6)), "of": draw(text)},
    }[kind]()
    if kind in ("area", "total_area") and draw(st.booleans()):
        claim["gain"] = draw(plain)
    if draw(st.booleans()):
        claim["quote"] = draw(text)
    return claim


@st.composite
def records(draw: Any) -> dict[str, Any]:
    start = draw(days)
    event_type = draw(st.sampled_from(sorted(EVENT_TYPES)))
    record: dict[str, Any] = {
        "id": draw(st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)),
        "date": start.isoformat()
        if draw(st.booleans())
        else {"start": start.isoformat(), "end": (start + dt.timedelta(days=draw(st.integers(0, 90)))).isoformat()},
        "title": draw(text),
        "type": event_type,
        "sub_type": draw(st.none() | st.sampled_from(EVENT_TYPES[event_type])),
        "actors": draw(st.lists(names | st.builds(lambda n, s: {"name": n, "side": s}, names, text), min_size=1, max_size=3)),
        "location": draw(places),
        "precision": draw(st.none() | st.sampled_from([1, 2, 3])),
        "area": draw(
            st.none()
            | st.builds(lambda h: {"hull": h}, st.lists(names, min_size=3, max_size=5, unique=True))
            | st.builds(lambda c, r: {"circle": {"center": c, "radius": r}}, centres, radii)
        ),
        "claims": draw(st.lists(claims(), max_size=4)),
        "sources": draw(
            st.lists(
                st.builds(
                    lambda p, r, c: {"publisher": p, "reliability": r, "credibility": c},
                    names, st.sampled_from("ABCDEF"), st.integers(1, 6),
                ),
                max_size=2,
            )
        ),
        "notes": draw(st.none() | text | st.just("two lines\nof notes")),
    }
    # a record is never inside itself (refused at the door)
    record["claims"] = [c for c in record["claims"] if c.get("inside") != record["id"]]
    return {key: value for key, value in record.items() if value is not None}


@settings(max_examples=150, deadline=None)
@given(records())
def test_record_to_yaml_to_record_is_the_identity(record: dict[str, Any]) -> None:
    event = Event.model_validate(record)
    again = list(_reload(dump_events([event])))
    assert again == [event]


def _reload(text: str) -> list[Event]:
    import yaml

    from tracker.records.yaml import Loader

    return [Event.model_validate(data) for data in yaml.load_all(text, Loader=Loader)]


def test_the_seed_events_survive_load_dump_load(tmp_path: Path) -> None:
    events = load_events(EVENTS)
    (tmp_path / "all.yaml").write_text(events.to_yaml(), encoding="utf-8")
    assert list(load_events(tmp_path)) == list(events)


scalars = st.one_of(
    st.integers(-10**12, 10**12).map(str),
    st.sampled_from(["010", "0", "0x1F", "0o17", "1_000", "1:30", "+12.50", "-3.5", ".5", "1e3", "6.02e+23",
                     ".inf", "-.Inf", ".nan", "~", "null", "yes", "No", "on", "OFF", "true", "'quoted'"]),
    st.floats(allow_nan=False).map(str),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12).map(
        lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), scalars | st.just("") | st.lists(
    scalars, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"), max_size=6))
def test_the_record_loader_reads_what_pyyaml_reads(mapping: dict[str, str]) -> None:
    """Our loader builds data itself from libyaml's nodes: it must agree with PyYAML's safe loader."""
    import math

    import yaml

    from tracker.records.yaml import Loader

    text = "".join(f"{key}: {value}\n" for key, value in mapping.items()) or "{}"
    theirs = yaml.load(text, Loader=yaml.SafeLoader)
    try:
        ours = yaml.load(text, Loader=Loader)
    except yaml.constructor.ConstructorError as error:
        # a number in a YAML 1.1 spelling other than a plain decimal (0x22, 010, 1_000, 1:30) is refused
        assert "which records do not take" in str(error)
        assert re.search(r"(?<![\w.])[-+]?(?:0[xb0-9]|\d[\d_]*[_:])", text), (text, error)
        return
    same = lambda a, b: (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or (  # noqa: E731
        a == b and type(a) is type(b)
    )
    assert ours.keys() == theirs.keys()
    for key in ours:
        a, b = ours[key], theirs[key]
        if isinstance(a, list):
            assert len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
        else:
            assert same(a, b), (key, a, b)
