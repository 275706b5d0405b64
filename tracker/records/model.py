"""The event record: what a YAML file in ``events/`` holds, as frozen, validated pydantic models.

The key names are a contract (see the README's "Record format"): keys may be added, never renamed.
Every check happens at construction, so an :class:`Event` that exists is a valid one.

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

import calendar
import datetime as dt
import difflib
import math
import re
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..text import GEOJSON_TOO_LARGE, MAX_GEOJSON_BYTES, not_regular, size_text
from .extent import circle_problem, load_geojson, radius_problem, ring_problem
from .quantity import Quantity, parse_count, parse_quantity, wrong_dimension
from .vocabulary import EVENT_TYPES, SUB_TYPE_PARENT, canonical_sub_type, canonical_type

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The longest id, in characters: ``tracker add`` writes a record to ``ID.yaml``, and file systems
#: take names of up to 255 bytes.
MAX_ID_LENGTH = 200
CLAIM_KINDS = ("area", "total_area", "distance", "direction", "reaches", "inside", "count")
#: Compass points (16-wind) and the words that name them.
COMPASS = (
    "n", "nne", "ne", "ene", "e", "ese", "se", "sse",
    "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw",
)


def fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """A validation error whose text is ``message`` exactly (braces in it are not templates)."""
    return PydanticCustomError(kind, "{msg}", {"msg": message, **context})


def did_you_mean(word: str, choices: Any) -> str:
    """'; did you mean X?' for the nearest of ``choices`` (any case), or '' when none is near.

    >>> did_you_mean("claim", ["claims", "notes"])
    "; did you mean 'claims'?"
    >>> did_you_mean("zzz", ["claims"])
    ''
    """
    by_folded = {str(choice).casefold(): choice for choice in choices}
    match = difflib.get_close_matches(str(word).casefold(), list(by_folded), n=1, cutoff=0.6)
    return f"; did you mean {by_folded[match[0]]!r}?" if match else ""


class PointClaims(NamedTuple):
    """A record's claims whose place is given as coordinates, as columns (see
    :data:`POINT_CLAIM_FIELDS`), with the record's own point where it has coordinates, no area and a
    precision finer than the region; ``complete`` when those are all its places and claims."""

    columns: Any
    origin: tuple[float, float] | None
    complete: bool


class Derived:
    """Data derived from a record's fields and carried with it: it follows from the fields, so it
    never makes two records unequal."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Derived)

    def __hash__(self) -> int:
        return 0


_NONE = Derived(None)


class Record(BaseModel):
    """Base of every part of a record: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- scalar parts -------------------------------------------------------------------------------


def explain_date(value: Any) -> str:
    """Why ``value`` is not a date, in words (used when pydantic's own date check has failed).

    >>> explain_date("2017-02-30")
    '2017-02-30 is not a date: February 2017 has 28 days'
    >>> explain_date("08/06/2017")
    "'08/06/2017' is not a date; write it as YYYY-MM-DD, like 2017-06-08"
    """
    if not isinstance(value, str):
        return f"expected a date written YYYY-MM-DD, like 2017-06-08, got {value!r}"
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", value)
    if match is None:
        return f"{value!r} is not a date; write it as YYYY-MM-DD, like 2017-06-08"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"{value} is not a date: there is no month {month}; dates are YYYY-MM-DD (year, month, day)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{value} is not a date: {calendar.month_name[month]} {year} has {days} days"
    return f"{value!r} is not a date; write it as YYYY-MM-DD, like 2017-06-08"


# Plain types with their checks done by pydantic itself (fast); diagnostics.py words their errors.
Day = Annotated[dt.date, PlainSerializer(lambda d: d.isoformat())]
Name = Annotated[str, StringConstraints(min_length=1)]
Text = Name


def _quantity(dimension: str, example: str) -> Any:
    def check(value: Any) -> Quantity:
        if isinstance(value, Quantity):
            quantity = value
        else:
            try:
                quantity = parse_quantity(value)
            except ValueError as error:
                raise fail("quantity", str(error)) from None
        if not quantity.unit:
            raise fail("quantity_unit", f"{value!r} has no unit; write it like {example!r}")
        if quantity.dimension != dimension:
            raise fail("quantity_dimension", wrong_dimension(value, quantity, dimension))
        if quantity.value <= 0:
            raise fail("quantity_sign", f"{value!r} must be above zero")
        return quantity

    return PlainValidator(check)


AreaQuantity = Annotated[Quantity, _quantity("area", "1400 km2"), PlainSerializer(str)]
Length = Annotated[Quantity, _quantity("length", "15 mi"), PlainSerializer(str)]


def _ratio(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail("ratio_type", f"expected a ratio such as 1.25, got {value!r}")
    if not value > 1:
        raise fail(
            "ratio_value",
            f"tolerance {value} must be above 1: it is how many times larger or smaller than measured a "
            "claim may be and still be consistent (default 1.25)",
        )
    return float(value)


Ratio = Annotated[float, PlainValidator(_ratio)]


def _count(value: Any) -> int:
    if isinstance(value, str):
        with suppress(ValueError):  # refused below, with the value as given
            value = parse_count(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail("count_type", f"expected a whole number such as 4000, got {value!r}")
    return value


Count = Annotated[int, PlainValidator(_count)]


def _compass(value: Any) -> str:
    if isinstance(value, str):
        words = re.sub(r"(north|south|east|west)(?:ern|wards?)?", lambda m: m[1][0], value.strip().lower())
        point = re.sub(r"[\s_-]+", "", words)
        if point in COMPASS:
            return point
    raise fail(
        "direction",
        f"{value!r} is not a compass direction; write n, ne, e, se, s, sw, w, nw (or nne, ene, ...) "
        "or the words, like 'north-east'",
    )


Compass = Annotated[str, PlainValidator(_compass)]


# --- places -------------------------------------------------------------------------------------


def _plain_degrees(value: Any) -> Any:
    """A latitude or longitude must be written as a plain number: ``true`` and ``'34.56'`` are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        got = f"{str(value).lower()}, which is not a number" if isinstance(value, bool) else repr(value)
        raise fail("degrees_type", f"expected a plain number of degrees, like 34.56, got {got}; write the number "
                   "without quotes")
    if not math.isfinite(value):
        raise fail("degrees_value", f"expected a number of degrees, like 34.56, got {value}")
    return value


Latitude = Annotated[float, BeforeValidator(_plain_degrees), Field(ge=-90, le=90)]
Longitude = Annotated[float, BeforeValidator(_plain_degrees), Field(ge=-180, le=180)]


class Coordinates(Record):
    """A point given by latitude and longitude in degrees (WGS84).

    >>> Coordinates(lat="34.56", lon=38.28)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Coordinates
    lat
      expected a plain number of degrees, like 34.56, got '34.56'; write the number without quotes ...
    """

    lat: Latitude
    lon: Longitude


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail("number_type", f"expected {what} as a number in degrees, like 34.56, got {value!r}")
    return float(value)


def _place_kind(value: Any) -> str:
    return "coordinates" if isinstance(value, dict | Coordinates) else "name"


#: Where a place is expected: a gazetteer name, or ``{lat: ..., lon: ...}``.
Place = Annotated[
    Annotated[Name, Tag("name")] | Annotated[Coordinates, Tag("coordinates")],
    Discriminator(_place_kind),
]


# --- dates and actors ---------------------------------------------------------------------------


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


# --- areas --------------------------------------------------------------------------------------


class Circle(Record):
    """A geodesic circle: every point within ``radius`` of ``center``."""

    center: Place
    radius: Length

    @field_validator("radius")
    @classmethod
    def _local(cls, value: Quantity) -> Quantity:
        problem = radius_problem(value.to("km"))
        if problem:
            raise fail("radius_range", problem)
        return value

    @model_validator(mode="after")
    def _measurable(self) -> Circle:
        if isinstance(self.center, Coordinates):
            problem = circle_problem(self.center.lat, self.center.lon, self.radius.to("m"))
            if problem:
                raise fail("circle_extent", problem)
        return self


def _lon_lat(value: Any) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise fail("polygon_point", f"expected a [lon, lat] pair like [38.28, 34.56], got {value!r}")
    lon, lat = (_number(v, "a coordinate") for v in value)
    if not -90 <= lat <= 90:
        hint = (
            "; polygon points are [lon, lat] (GeoJSON order): is this pair [lat, lon]?"
            if -90 <= lon <= 90
            else ""
        )
        raise fail("latitude_range", f"latitude {lat} is outside -90..90{hint}")
    if not -180 <= lon <= 180:
        raise fail("longitude_range", f"longitude {lon} is outside -180..180")
    return (lon, lat)


LonLat = Annotated[tuple[float, float], PlainValidator(_lon_lat), PlainSerializer(list)]
AREA_FORMS = ("hull", "circle", "polygon", "geojson")


class Area(Record):
    """The area a report claims, in exactly one of four forms, and where that geometry comes from."""

    hull: tuple[Place, ...] | None = None
    circle: Circle | None = None
    polygon: tuple[LonLat, ...] | None = None
    geojson: Text | None = None
    #: Where the geometry comes from: ``reported`` (the report gives it; the default when absent),
    #: ``assessed`` (an independent assessment), ``reconstructed`` (the analyst's minimal
    #: reconstruction: a lower bound), ``reference`` (a fixed zone that is not itself a gain).
    basis: Literal["reported", "assessed", "reconstructed", "reference"] | None = None
    #: The polygon's points as a numpy array of [lon, lat] rows (``None`` for the other forms), set
    #: when the area is built; not a key of the record.
    polygon_array: ClassVar[Derived]

    def model_post_init(self, context: Any) -> None:
        """Derive, once, the polygon's points as an array (kept like :attr:`Event.point_claims`)."""
        derived = _NONE
        if self.polygon is not None:
            import numpy as np

            derived = Derived(np.array(self.polygon, dtype=float))
        object.__setattr__(self, "polygon_array", derived)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Area:
        """A copy; with ``update``, its derived data is made again from the new fields."""
        copy = super().model_copy(update=update, deep=deep)
        copy.model_post_init(None)
        return copy

    @property
    def source_basis(self) -> str:
        """The basis, ``reported`` when the record does not say.

        >>> Area(hull=("Tadmur", "Arak", "As Sukhnah")).source_basis
        'reported'
        """
        return self.basis or "reported"

    @model_validator(mode="after")
    def _one_form(self) -> Area:
        given = [form for form in AREA_FORMS if getattr(self, form) is not None]
        if not given:
            raise fail("area_form", "an area needs one form: hull, circle, polygon or geojson")
        if len(given) > 1:
            raise fail(
                "area_forms",
                f"the area is given in {len(given)} forms ({' and '.join(given)}); keep exactly one",
                at=given[1],
            )
        if self.hull is not None and len(set(self.hull)) < 3:
            raise fail(
                "hull_size",
                f"a hull needs at least 3 distinct places, got {len(set(self.hull))}; for fewer, "
                "use a circle or a distance claim",
                at="hull",
            )
        if self.polygon is not None and len(set(self.polygon)) < 3:
            raise fail(
                "polygon_size",
                f"a polygon needs at least 3 distinct [lon, lat] points, got {len(set(self.polygon))}",
                at="polygon",
            )
        if self.polygon is not None:
            problem = ring_problem([lon for lon, _ in self.polygon], [lat for _, lat in self.polygon])
            if problem:
                raise fail("polygon_extent", problem, at="polygon")
        return self

    @field_validator("geojson")
    @classmethod
    def _inside_folder(cls, value: str | None, info: ValidationInfo) -> str | None:
        context = info.context or {}
        if value is None or "folder" not in context:
            return value
        folder = Path(context["folder"]).resolve()
        target = (Path(context["record_dir"]) / value).resolve()
        if Path(value).is_absolute() or not target.is_relative_to(folder):
            raise fail(
                "geojson_path",
                f"{value!r} leaves the events folder; put the file inside it, next to the record, and "
                "give its relative path, like areas/badiyeh.geojson",
            )
        kind = not_regular(target)
        if kind is not None:
            raise fail("geojson_kind", f"{value!r} is {kind}, not a regular file; an area is read only from a "
                       "regular GeoJSON file")
        if not target.is_file():
            raise fail("geojson_missing", f"{value!r} does not exist next to the record")
        size = target.stat().st_size
        if size > MAX_GEOJSON_BYTES:
            raise fail("geojson_size", f"{value!r} is {size_text(size)}, over the {size_text(MAX_GEOJSON_BYTES)} "
                       f"limit for an area file; {GEOJSON_TOO_LARGE}")
        try:
            load_geojson(target)
        except ValueError as error:
            raise fail("geojson_content", str(error)) from None
        return value


# --- claims -------------------------------------------------------------------------------------


class Claim(Record):
    """Base of the claim kinds; ``kind`` names which one."""

    kind: ClassVar[str]


class AreaClaim(Claim):
    """The event's area measures about this much."""

    kind: ClassVar[str] = "area"
    area: AreaQuantity
    tolerance: Ratio | None = None
    quote: Text | None = None


class TotalAreaClaim(Claim):
    """One actor's areas over a window add up (as a union) to about this much."""

    kind: ClassVar[str] = "total_area"
    total_area: AreaQuantity
    actor: Name
    since: Day
    until: Day | None = None
    tolerance: Ratio | None = None
    quote: Text | None = None

    @model_validator(mode="after")
    def _window(self) -> TotalAreaClaim:
        if self.until is not None and self.since > self.until:
            raise fail("date_order", f"since {self.since} is after until {self.until}", at="since")
        return self


class DistanceClaim(Claim):
    """The event lies within, or about, this distance of a place or of another event's area."""

    kind: ClassVar[str] = "distance"
    distance: Length
    to: Place
    relation: Literal["within", "about"] = "about"
    tolerance: Ratio | None = None
    quote: Text | None = None


class DirectionClaim(Claim):
    """The event lies in this compass direction from a place."""

    kind: ClassVar[str] = "direction"
    direction: Compass
    of: Place
    tolerance: Annotated[float, Field(gt=0, le=180)] | None = None
    quote: Text | None = None

    @property
    def sector(self) -> tuple[float, float]:
        """The centre and half-width in degrees of the compass sector the claim names: ±45° for
        n, e, s, w; ±22.5° for ne, se, sw, nw; ±11.25° for nne and the like; or ±``tolerance``.

        >>> DirectionClaim(direction="east", of="Tadmur").sector
        (90.0, 45.0)
        """
        centre = COMPASS.index(self.direction) * 22.5
        default = {1: 45.0, 2: 22.5}.get(len(self.direction), 11.25)
        return centre, self.tolerance or default


class ReachesClaim(Claim):
    """The event touches the border with this country."""

    kind: ClassVar[str] = "reaches"
    reaches: Name
    tolerance: Length | None = None
    quote: Text | None = None


class InsideClaim(Claim):
    """The event lies inside another event's area (by id) or a country."""

    kind: ClassVar[str] = "inside"
    inside: Name
    quote: Text | None = None


class CountClaim(Claim):
    """A number of people or things: kept and shown, never geometric."""

    kind: ClassVar[str] = "count"
    count: Count
    of: Name | None = None
    quote: Text | None = None


CLAIM_MODELS: dict[str, type[Claim]] = {
    model.kind: model
    for model in (AreaClaim, TotalAreaClaim, DistanceClaim, DirectionClaim, ReachesClaim, InsideClaim, CountClaim)
}


def claim_kind(value: Any) -> str | None:
    """The kind of a claim mapping or model: its one kind key, or ``None`` when it has none or several."""
    if isinstance(value, Claim):
        return value.kind
    if isinstance(value, dict):
        present = [kind for kind in CLAIM_KINDS if kind in value]
        return present[0] if len(present) == 1 else None
    return None


AnyClaim = Annotated[
    Annotated[AreaClaim, Tag("area")]
    | Annotated[TotalAreaClaim, Tag("total_area")]
    | Annotated[DistanceClaim, Tag("distance")]
    | Annotated[DirectionClaim, Tag("direction")]
    | Annotated[ReachesClaim, Tag("reaches")]
    | Annotated[InsideClaim, Tag("inside")]
    | Annotated[CountClaim, Tag("count")],
    Discriminator(
        claim_kind,
        custom_error_type="claim_kind",
        custom_error_message="a claim needs exactly one kind key: " + ", ".join(CLAIM_KINDS),
    ),
]


# --- sources and the event ----------------------------------------------------------------------


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

    @field_validator("precision", mode="before")
    @classmethod
    def _not_a_boolean(cls, value: Any) -> Any:
        if isinstance(value, bool):  # True == 1 would pass for precision 1
            raise fail("precision_type", f"expected 1, 2 or 3, got {value!r}")
        return value
    #: Written by ``tracker import``: the dataset's own fields for the event (``acled_event_id_cnty``,
    #: ``ucdp_where_prec``...), kept as they were.
    imported: dict[str, str | int | float | bool | None] | None = None
    #: Set on each record when it is built (see ``model_post_init``); not a key of the record.
    point_claims: ClassVar[Derived]
    def model_post_init(self, context: Any) -> None:
        """Derive, once, the columns of the claims whose place is given as coordinates (see
        :data:`POINT_CLAIM_FIELDS`), so that checks measure them in batches. They are kept in the
        instance's ``__dict__`` as ``functools.cached_property`` keeps its values: pydantic leaves them
        out of dumps, and :class:`Derived` leaves them out of comparisons."""
        rows: list[tuple[float, ...]] = []
        for index, claim in enumerate(self.claims):
            kind = type(claim)  # exact types: this runs for every record loaded
            if kind is DistanceClaim and type(claim.to) is Coordinates:  # type: ignore[union-attr]
                assert isinstance(claim, DistanceClaim) and isinstance(claim.to, Coordinates)
                quantity, within = claim.distance, float(claim.relation == "within")
                rows.append((index, 0, claim.to.lat, claim.to.lon, quantity.value, quantity.si_factor, within,
                             claim.tolerance or 0.0))
            elif kind is DirectionClaim and type(claim.of) is Coordinates:  # type: ignore[union-attr]
                assert isinstance(claim, DirectionClaim) and isinstance(claim.of, Coordinates)
                centre, half = claim.sector
                rows.append((index, 1, claim.of.lat, claim.of.lon, centre, half, 0.0, 0.0))
        point = self.location
        # a point that distances can be measured from: coordinates, no area, not only a region
        origin = None
        if type(point) is Coordinates and self.area is None and self.precision != 3:
            origin = (point.lat, point.lon)
        if not rows and origin is None:
            derived = _NO_POINT_CLAIMS
        else:
            import numpy as np

            columns = np.array(rows, dtype=float) if rows else None
            derived = Derived(PointClaims(columns, origin, origin is not None and len(rows) == len(self.claims)))
        object.__setattr__(self, "point_claims", derived)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Event:
        """A copy; with ``update``, its derived data is made again from the new fields (pydantic does
        not validate an update, so give it values of the fields' types)."""
        copy = super().model_copy(update=update, deep=deep)
        copy.model_post_init(None)
        return copy

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


#: Columns of ``Event.point_claims.value`` (a float array, one row per claim whose place is given as
#: coordinates): the claim's index, its kind (0 distance, 1 direction), the place's latitude and
#: longitude; then for a distance its value, the factor of its unit to metres, 1 if "within" else 0,
#: its tolerance (0: the default); for a direction its sector's centre and half-width in degrees.
POINT_CLAIM_FIELDS = ("index", "kind", "lat", "lon", "a", "b", "within", "tolerance")

#: What most records derive: no claim given in coordinates, no point to measure from.
_NO_POINT_CLAIMS = Derived(PointClaims(None, None, False))

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
