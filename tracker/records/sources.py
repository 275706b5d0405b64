"""Where a record's facts come from: the sources of its report, graded on the Admiralty scale, and
the gazetteer entry each of its place names resolved to.

Their keys are a contract like the event's own: keys may be added, never renamed.

>>> Source(publisher="The Duran", reliability="e", credibility=4).reliability
'E'
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from .fields import Day, Latitude, Longitude, Name, Record, Text, fail


class Source(Record):
    """Where the report comes from, graded on the Admiralty scale."""

    publisher: Name | None = None
    title: Text | None = None
    url: Text | None = None
    published: Day | None = None
    reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None
    credibility: Annotated[int, Field(ge=1, le=6, strict=True)] | None = None

    @field_validator("reliability", mode="before")
    @classmethod
    def _grade(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().upper() in "ABCDEF" and len(value.strip()) == 1:
            return value.strip().upper()
        if value is None:
            return value
        raise fail(
            "reliability",
            f"{value!r} is not an Admiralty source grade; expected a letter A (reliable) to F "
            "(cannot be judged)",
        )

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"https?://[^\s/]+", value):
            raise fail("url", f"{value!r} is not a web address; expected one starting with https://")
        return value

    @model_validator(mode="after")
    def _identified(self) -> Source:
        if self.publisher is None and self.title is None and self.url is None:
            raise fail("source_empty", "a source needs at least a publisher, a title or a url")
        return self


class Alternative(Record):
    """Another place of a resolved name, which the gazetteer did not choose: where it is, and how far
    from the chosen one (geodesic, in km)."""

    name: Name
    country: Name | None = None
    lat: Latitude
    lon: Longitude
    distance_km: Annotated[float, Field(ge=0)]


class Resolved(Record):
    """The gazetteer entry a place name resolved to when ``tracker add`` stored the record.

    ``reason`` and ``alternatives`` are there when several places bear the name: why this one (the
    record's other places, the kind or the size of the place) and the likeliest others. A name only
    one place bears has neither.
    """

    entry: Name
    name: Name
    lat: Latitude
    lon: Longitude
    country: Name | None = None
    score: Annotated[float, Field(ge=0, le=100)]
    reason: Text | None = None
    alternatives: tuple[Alternative, ...] | None = None
