"""An EventCollection as pandas and GeoPandas tables."""

from __future__ import annotations

import pandas as pd

from tracker import load_events

from ..common import EVENTS, VALID


def test_dataframe_has_one_row_per_event_with_typed_columns() -> None:
    events = load_events("events")  # paths in the table are as given: relative here
    frame = events.to_dataframe()
    assert len(frame) == len(events)
    assert list(frame.columns) == [
        "id", "start", "end", "title", "type", "sub_type", "actors", "location",
        "latitude", "longitude", "precision", "claims", "sources", "file",
    ]
    assert pd.api.types.is_datetime64_any_dtype(frame["start"])
    zone = frame.set_index("id").loc["al-tanf-deconfliction-zone"]
    assert (zone["latitude"], zone["longitude"], zone["file"]) == (33.5058, 38.6178, "events/al-tanf-deconfliction-zone.yaml")
    assert (frame["end"] >= frame["start"]).all()


def test_geodataframe_has_points_only_where_coordinates_are_given() -> None:
    frame = load_events([EVENTS, VALID]).to_geodataframe()
    assert frame.crs.to_epsg() == 4326
    with_points = frame[frame.geometry.notna()].set_index("id")
    assert sorted(with_points.index) == ["al-tanf-deconfliction-zone", "badiyeh-drawn",
                                         "sohr-army-at-iraqi-border-north-of-al-tanf",
                                         "us-strike-near-al-tanf-2017-05-18"]
    point = with_points.loc["badiyeh-drawn"].geometry
    assert (point.x, point.y) == (38.2840, 34.5624)


def test_slicing_keeps_origins() -> None:
    events = load_events("events")
    first_two = events[:2]
    assert len(first_two) == 2
    assert first_two.origin(first_two[1].id).file.startswith("events/")
