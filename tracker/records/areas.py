"""The area a record claims: a hull of places, a circle, a polygon or a GeoJSON file, and the basis
of that geometry (where it comes from).

>>> Area(circle={"center": "Al-Tanf garrison", "radius": "55 km"}, basis="reference").circle.radius.to("km")
55.0
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import PlainSerializer, PlainValidator, ValidationInfo, field_validator, model_validator

from ..text import GEOJSON_TOO_LARGE, MAX_GEOJSON_BYTES, not_regular, size_text
from .extent import circle_problem, load_geojson, radius_problem, ring_problem
from .fields import Coordinates, Length, Place, Record, Text, fail
from .quantity import Quantity


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


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail("number_type", f"expected {what} as a number in degrees, like 34.56, got {value!r}")
    return float(value)


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


def _check_hull(hull: tuple[Any, ...]) -> None:
    if len(set(hull)) < 3:
        raise fail(
            "hull_size",
            f"a hull needs at least 3 distinct places, got {len(set(hull))}; for fewer, "
            "use a circle or a distance claim",
            at="hull",
        )


def _check_polygon(polygon: tuple[tuple[float, float], ...]) -> None:
    if len(set(polygon)) < 3:
        raise fail(
            "polygon_size",
            f"a polygon needs at least 3 distinct [lon, lat] points, got {len(set(polygon))}",
            at="polygon",
        )
    problem = ring_problem([lon for lon, _ in polygon], [lat for _, lat in polygon])
    if problem:
        raise fail("polygon_extent", problem, at="polygon")


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
        if self.hull is not None:
            _check_hull(self.hull)
        if self.polygon is not None:
            _check_polygon(self.polygon)
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
