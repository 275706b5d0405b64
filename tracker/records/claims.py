"""What a record's report asserts: one model per kind of claim (checking them against geometry is
:mod:`tracker.claims`).

>>> claim = DistanceClaim(distance="15 mi", to="Al-Tanf garrison", relation="within")
>>> claim.kind, claim.distance.to("km")
('distance', 24.14016)
>>> claim_kind({"direction": "east", "of": "Tadmur"})
'direction'

An ``area`` or ``total_area`` claim may carry ``gain:``, a short name of the gain it is about: claims
that share it are set side by side by ``tracker compare`` whatever their windows (see
:mod:`tracker.control.compare`).

>>> TotalAreaClaim(total_area="5000 km2", actor="Syrian Arab Army", since="2017-05-01", gain=" grand-dawn ").gain
'grand-dawn'
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, model_validator

from .fields import COMPASS, AreaQuantity, Compass, Count, Day, Length, Name, Place, Ratio, Record, Text, fail

CLAIM_KINDS = ("area", "total_area", "distance", "direction", "reaches", "inside", "count")

#: The longest ``gain:`` key, in characters: it names a group of claims in headings.
MAX_GAIN_LENGTH = 80
_GAIN_EXAMPLE = "like 'grand-dawn-first-stage'"


def _gain(value: str) -> str:
    """A ``gain:`` key: one short line of plain text (surrounding spaces already stripped)."""
    if not value:
        raise fail("gain_empty", f"gain is empty; name the gain the claim is about, {_GAIN_EXAMPLE}, or leave the "
                                 "key out")
    if len(value) > MAX_GAIN_LENGTH:
        raise fail("gain_length", f"gain {value[:20]!r}... is {len(value)} characters long; a gain key has at most "
                                  f"{MAX_GAIN_LENGTH} (it names a group of claims in headings), so shorten it, "
                                  f"{_GAIN_EXAMPLE}")
    odd = next((character for character in value if not character.isprintable()), None)
    if odd is not None:
        what = ("a line break" if odd in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
                else f"the character U+{ord(odd):04X}, which is not plain text")
        raise fail("gain_text", f"gain {value!r} holds {what}; a gain key is one line of plain text, {_GAIN_EXAMPLE}")
    return value


#: The name of the gain a claim is about, shared by the claims that ``tracker compare`` groups together.
Gain = Annotated[str, AfterValidator(_gain)]


class Claim(Record):
    """Base of the claim kinds; ``kind`` names which one."""

    kind: ClassVar[str]


class AreaClaim(Claim):
    """The event's area measures about this much; ``gain`` names the gain it is part of, if given."""

    kind: ClassVar[str] = "area"
    area: AreaQuantity
    gain: Gain | None = None
    tolerance: Ratio | None = None
    quote: Text | None = None


class TotalAreaClaim(Claim):
    """One actor's areas over a window add up (as a union) to about this much; ``gain`` names the gain
    the claim is about, if given."""

    kind: ClassVar[str] = "total_area"
    total_area: AreaQuantity
    actor: Name
    since: Day
    until: Day | None = None
    gain: Gain | None = None
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
