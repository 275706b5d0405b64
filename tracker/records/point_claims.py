"""A record's claims whose place is given as coordinates, as columns of numbers: the checker measures
them for many records in one batch, with no place to look up and no shape to build.

>>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
...     "actors": ["X"], "location": {"lat": 33.5, "lon": 38.6},
...     "claims": [{"distance": "15 mi", "to": {"lat": 33.3, "lon": 38.7}, "relation": "within"}]})
>>> found = point_claims(event)
>>> found.columns.tolist(), found.origin, found.complete
([[0.0, 0.0, 33.3, 38.7, 15.0, 1609.344, 1.0, 0.0]], (33.5, 38.6), True)
>>> point_claims(event.model_copy(update={"claims": ()}))
PointClaims(columns=None, origin=(33.5, 38.6), complete=True)
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .claims import DirectionClaim, DistanceClaim
from .fields import Coordinates
from .model import Event

#: The columns of :attr:`PointClaims.columns`: the claim's index, its kind (0 distance, 1 direction),
#: the place's latitude and longitude; then for a distance its value, the factor of its unit to
#: metres, 1 if "within" else 0, its tolerance (0: the default); for a direction its sector's centre
#: and half-width in degrees.
POINT_CLAIM_FIELDS = ("index", "kind", "lat", "lon", "a", "b", "within", "tolerance")


class PointClaims(NamedTuple):
    """A record's claims whose place is given as coordinates, as a float array of the columns
    :data:`POINT_CLAIM_FIELDS` (``None`` when it has none), with the record's :func:`own_point`;
    ``complete`` when those are all its places and claims."""

    columns: Any
    origin: tuple[float, float] | None
    complete: bool


#: What most records give: no claim in coordinates, no point to measure from.
NO_POINT_CLAIMS = PointClaims(None, None, False)


def own_point(event: Event) -> tuple[float, float] | None:
    """The record's own point, as (lat, lon), where distances can be measured from it with no lookup:
    its location is given as coordinates, it has no area and its precision is finer than a region.

    >>> own_point(Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...     "actors": ["X"], "location": "Tadmur"})) is None
    True
    """
    point = event.location
    if type(point) is Coordinates and event.area is None and event.precision != 3:
        return (point.lat, point.lon)
    return None


def _row(index: int, claim: Any) -> tuple[float, ...] | None:
    """The columns of one claim, or ``None`` when its place is not given as coordinates."""
    kind = type(claim)  # exact types: this runs for every claim checked
    if kind is DistanceClaim and type(claim.to) is Coordinates:
        quantity, within = claim.distance, float(claim.relation == "within")
        return (index, 0, claim.to.lat, claim.to.lon, quantity.value, quantity.si_factor, within,
                claim.tolerance or 0.0)
    if kind is DirectionClaim and type(claim.of) is Coordinates:
        centre, half = claim.sector
        return (index, 1, claim.of.lat, claim.of.lon, centre, half, 0.0, 0.0)
    return None


def point_claims(event: Event) -> PointClaims:
    """The claims of ``event`` whose place is given as coordinates, as columns, with its own point."""
    rows = [row for row in (_row(index, claim) for index, claim in enumerate(event.claims)) if row is not None]
    origin = own_point(event)
    if not rows and origin is None:
        return NO_POINT_CLAIMS
    import numpy as np

    columns = np.array(rows, dtype=float) if rows else None
    return PointClaims(columns, origin, origin is not None and len(rows) == len(event.claims))
