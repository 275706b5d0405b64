"""The event record: what a YAML file in ``events/`` holds, as frozen, validated pydantic models.

The key names are a contract (see the README's "Record format"): keys may be added, never renamed.
Every check happens at construction, so an :class:`Event` that exists is a valid one. The parts of a
record have modules of their own (:mod:`.fields`, :mod:`.areas`, :mod:`.claims`, :mod:`.sources`);
this one holds the event, its date and actors, and names every part.

>>> event = Event.model_validate({
...     "id": "badiyeh-advance-2017-06", "date": "2017-06-08",
...     "title": "Syrian army advances into the Badiyeh east of Tadmur",
...     "type": "Battles", "actors": ["Syrian Arab Army", "Islamic State"],
...     "location": "Tadmur", "claims": [{"area": "1,400 km²", "quote": "advanced 1,400 square kilometers"}],
... })
>>> event.claims[0].kind, event.claims[0].area.to("km2")
('area', 1400.0)
>>> event.start, event.end
(datetime.date(2017, 6, 8), datetime.date(2017, 6, 8))
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from .areas import AREA_FORMS, Area, Circle, LonLat
from .claims import (
    CLAIM_KINDS,
    CLAIM_MODELS,
    AnyClaim,
    AreaClaim,
    Claim,
    CountClaim,
    DirectionClaim,
    DistanceClaim,
    InsideClaim,
    ReachesClaim,
    TotalAreaClaim,
    claim_kind,
)
from .fields import (
    COMPASS,
    AreaQuantity,
    Compass,
    Coordinates,
    Count,
    Day,
    Latitude,
    Length,
    Longitude,
    Name,
    Place,
    Ratio,
    Record,
    Text,
    did_you_mean,
    explain_date,
    fail,
)
from .sources import Alternative, Resolved, Source
from .vocabulary import EVENT_TYPES, SUB_TYPE_PARENT, canonical_sub_type, canonical_type

#: The names this module gives, its own and those of the parts of a record.
__all__ = [
    "AREA_FORMS",
    "CLAIM_KINDS",
    "CLAIM_MODELS",
    "COMPASS",
    "ID_PATTERN",
    "KEYS",
    "MAX_ID_LENGTH",
    "Actor",
    "Alternative",
    "AnyClaim",
    "Area",
    "AreaClaim",
    "AreaQuantity",
    "Circle",
    "Claim",
    "Compass",
    "Coordinates",
    "Count",
    "CountClaim",
    "DateRange",
    "Day",
    "DirectionClaim",
    "DistanceClaim",
    "Event",
    "EventDate",
    "InsideClaim",
    "Latitude",
    "Length",
    "LonLat",
    "Longitude",
    "Name",
    "Place",
    "Ratio",
    "ReachesClaim",
    "Record",
    "Resolved",
    "Source",
    "Text",
    "TotalAreaClaim",
    "claim_kind",
    "did_you_mean",
    "explain_date",
    "fail",
    "make_id",
]

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The longest id, in characters: ``tracker add`` writes a record to ``ID.yaml``, and file systems
#: take names of up to 255 bytes.
MAX_ID_LENGTH = 200


class DateRange(Record):
    """An event known only to lie between two dates, both included."""

    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.start > self.end:
            raise fail("date_order", f"start {self.start} is after end {self.end}; swap them", at="start")
        return self


def _one_day(value: dt.date | DateRange) -> dt.date | DateRange:
    """A range of one day is that day (so a record reads the same from YAML and from a table)."""
    return value.start if isinstance(value, DateRange) and value.start == value.end else value


EventDate = Annotated[
    Annotated[Day, Tag("day")] | Annotated[DateRange, Tag("range")],
    Discriminator(lambda v: "range" if isinstance(v, dict | DateRange) else "day"),
    AfterValidator(_one_day),
]


class Actor(Record):
    """A party to an event; written as a plain name unless a side is given."""

    name: Name
    side: Name | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _as_name(self, handler: Any) -> Any:
        return self.name if self.side is None else handler(self)


class Event(Record):
    """One reported event, with the area it claims and what its report asserts."""

    id: Name
    date: EventDate
    title: Text
    type: Name
    sub_type: Name | None = None
    actors: tuple[Actor, ...] = Field(min_length=1)
    location: Place
    precision: Literal[1, 2, 3] | None = None
    area: Area | None = None
    claims: tuple[AnyClaim, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: Text | None = None
    #: Written by ``tracker add``: the gazetteer entry each place name of the record resolved to.
    resolved: dict[str, Resolved] | None = None
    #: Written by ``tracker import``: the dataset's own fields for the event (``acled_event_id_cnty``,
    #: ``ucdp_where_prec``...), kept as they were.
    imported: dict[str, str | int | float | bool | None] | None = None

    @field_validator("precision", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        if isinstance(value, bool):  # True == 1 would pass for precision 1
            raise fail("precision_type", f"expected 1, 2 or 3, got {value!r}")
        return value

    @model_validator(mode="before")
    @classmethod
    def _made_id(cls, data: Any, info: ValidationInfo) -> Any:
        """With ``make_ids`` in the validation context (records read from YAML), a record without an id
        gets one made of its title and date."""
        if isinstance(data, dict) and "id" not in data and info.context and info.context.get("make_ids"):
            made = make_id(data.get("title"), data.get("date"))
            if made:
                data = {"id": made, **data}
        return data

    @model_validator(mode="before")
    @classmethod
    def _legacy_type(cls, data: Any) -> Any:
        """A legacy ACLED type such as 'Battle-Government regains territory' also sets the sub-type."""
        if isinstance(data, dict) and isinstance(data.get("type"), str) and not data.get("sub_type"):
            known = canonical_type(data["type"])
            if known and known[1]:
                data = {**data, "sub_type": known[1]}
        return data

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if len(value) > MAX_ID_LENGTH:
            raise fail("id_length", f"{value[:20]!r}... is {len(value)} characters long; an id has at most "
                                    f"{MAX_ID_LENGTH} (it names the record's file), so shorten it")
        if not ID_PATTERN.fullmatch(value):
            slug = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "badiyeh-advance-2017-06"
            raise fail(
                "id_format",
                f"{value!r} is not an id; use lower-case letters, digits and hyphens, like {slug!r}",
            )
        return value

    @field_validator("type")
    @classmethod
    def _acled_type(cls, value: str) -> str:
        known = canonical_type(value)
        if known is None:
            hint = did_you_mean(value, EVENT_TYPES) or f"; expected one of: {', '.join(EVENT_TYPES)}"
            raise fail("event_type", f"{value!r} is not an ACLED event type{hint}")
        return known[0]

    @field_validator("sub_type")
    @classmethod
    def _acled_sub_type(cls, value: str | None) -> str | None:
        if value is None:
            return None
        known = canonical_sub_type(value)
        if known is None:
            raise fail(
                "sub_type",
                f"{value!r} is not an ACLED sub-event type{did_you_mean(value, SUB_TYPE_PARENT)}",
            )
        return known

    @model_validator(mode="after")
    def _sub_type_of_type(self) -> Event:
        if self.sub_type is not None and SUB_TYPE_PARENT[self.sub_type] != self.type:
            raise fail(
                "sub_type_parent",
                f"{self.sub_type!r} is a sub-type of {SUB_TYPE_PARENT[self.sub_type]!r}, not of "
                f"{self.type!r}; change the type or the sub-type",
                at="sub_type",
            )
        return self

    @model_validator(mode="after")
    def _not_inside_itself(self) -> Event:
        for index, claim in enumerate(self.claims):
            if isinstance(claim, InsideClaim) and claim.inside == self.id:
                raise fail("inside_itself", f"a record cannot be inside itself ({self.id!r}); name another "
                           "record's id or a country", at=("claims", index, "inside"))
        return self

    @property
    def start(self) -> dt.date:
        """The first day the event may have happened."""
        return self.date.start if isinstance(self.date, DateRange) else self.date

    @property
    def end(self) -> dt.date:
        """The last day the event may have happened."""
        return self.date.end if isinstance(self.date, DateRange) else self.date

    def to_dict(self) -> dict[str, Any]:
        """The record as plain YAML-ready data: dates and quantities as text, absent keys left out."""
        data = self.model_dump(mode="json", exclude_none=True)
        return {key: value for key, value in data.items() if value != []}


_ID_STOPWORDS = ("a", "an", "the", "of", "in", "into", "on", "at", "to", "and", "for", "by", "with", "from")


def make_id(title: Any, date: Any) -> str | None:
    """An id made of a title and a date (the first day of a range), as ``tracker add`` gives a record
    that has none; ``None`` when either is missing.

    >>> make_id("Syrian army advances 1,400 km² into the Badiyeh east of Tadmur", "2017-06-08")
    'syrian-army-advances-1400-km2-badiyeh-2017-06-08'
    >>> make_id("الجيش السوري يصل إلى الحدود العراقية", {"start": "2017-06-09", "end": "2017-06-10"})
    'ljysh-lswry-ysl-l-lhdwd-l-rqy-2017-06-09'
    >>> make_id(None, "2017-06-08") is None
    True
    """
    from slugify import slugify

    day = date.get("start") if isinstance(date, dict) else date
    day = str(day)[:10] if day is not None else ""
    if not isinstance(title, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    words = slugify(title.replace(",", ""), max_length=40, word_boundary=True, stopwords=_ID_STOPWORDS)
    return f"{words or 'event'}-{day}"


#: The keys each part of a record accepts, for messages about unknown keys.
KEYS: dict[str, tuple[str, ...]] = {
    "event": tuple(Event.model_fields),
    "date": tuple(DateRange.model_fields),
    "actor": tuple(Actor.model_fields),
    "coordinates": tuple(Coordinates.model_fields),
    "area": tuple(Area.model_fields),
    "circle": tuple(Circle.model_fields),
    "source": tuple(Source.model_fields),
    "resolved": tuple(Resolved.model_fields),
    **{f"claim:{kind}": tuple(model.model_fields) for kind, model in CLAIM_MODELS.items()},
}
