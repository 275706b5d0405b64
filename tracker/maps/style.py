"""What the map's colours and sizes mean: verdicts, event types and actors, the uncertainty discs, and
when point events are aggregated into grid cells."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..geo import evidence

#: Fill colours of claimed areas by the verdict on their area claim.
VERDICT_COLOURS = {
    "consistent": "#1a9850",
    "overstated": "#d73027",
    "understated": "#4575b4",
    "impossible": "#000000",
    "undetermined": "#fee08b",
    "unverifiable": "#878787",
}
#: Outline colours of event dots by ACLED event type (the fill is the actor's colour).
TYPE_COLOURS = {
    "Battles": "#000000",
    "Explosions/Remote violence": "#e41a1c",
    "Violence against civilians": "#984ea3",
    "Protests": "#4daf4a",
    "Riots": "#ff7f00",
    "Strategic developments": "#377eb8",
}
#: Actor colours, picked by a hash of the name so that an actor keeps its colour from run to run.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
#: Radius of the uncertainty disc drawn for an event of ACLED geo-precision 2 (near a place) and 3
#: (only the region is known).
UNCERTAINTY_M = {**evidence.UNCERTAINTY_M, 3: 50_000.0}
#: Past this many events, events that are only a point (no area, no claim) are aggregated: one dot
#: per actor and grid cell of :data:`CELL_DEGREES`, sized by its count, so that the file stays small
#: and the page responsive with hundreds of thousands of events.
AGGREGATE_ABOVE = 2_000
CELL_DEGREES = 0.1
#: Past this many drawn elements (areas, discs, dots) a map draws them on one canvas rather than as
#: an SVG element each: a browser keeps tens of thousands of canvas paths responsive, not of SVG ones.
CANVAS_ABOVE = 1_000
#: Past this many areas, areas are drawn as outlines in the colour of their verdict, and without the
#: discs of their claimed sizes (which their popups and the claims panel give): a few thousand
#: overlapping fills and discs hide the map and each other, and take seconds to draw again at each
#: move. Clicking inside an area still opens its popup.
OUTLINE_ABOVE = 2_000
#: The outline and fill of a reference zone (an area no claim is about).
ZONE_STYLE = {"color": "#444444", "weight": 2, "dashArray": "2 6", "fillColor": "#ffffff", "fillOpacity": 0.15}
#: The outline of the disc of the claimed size drawn beside a claimed area.
DISC_STYLE = {"color": "#333333", "weight": 2, "dashArray": "6 6", "fillOpacity": 0.0}
#: Country borders, drawn without tiles.
BORDER_STYLE = {"color": "#555555", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 0.6}


def actor_colours(names: Iterable[str]) -> dict[str, str]:
    """A colour for each actor: the palette slot its name hashes to, or the next free one, taking
    the names in alphabetical order, so the same actors get the same colours in every run and no two
    share one while the palette lasts.

    >>> colours = actor_colours(["Islamic State", "Syrian Arab Army", "US-led coalition"])
    >>> len(set(colours.values())), colours == actor_colours(["US-led coalition", "Islamic State", "Syrian Arab Army"])
    (3, True)
    """
    colours: dict[str, str] = {}
    for name in sorted(set(names), key=str.casefold):
        slot = hashlib.sha1(name.casefold().encode()).digest()[0] % len(PALETTE)
        for step in range(len(PALETTE)):
            colour = PALETTE[(slot + step) % len(PALETTE)]
            if colour not in colours.values():
                break
        colours[name] = colour
    return colours


def outline_style() -> dict[str, object]:
    """How a claimed area is drawn among more than :data:`OUTLINE_ABOVE`: its outline only, thin, in
    the colour of its verdict (``records.js`` sets the colour)."""
    return {"weight": 1, "fill": False, "opacity": 0.8}


def area_style(colour: str, verdict: str | None) -> dict[str, object]:
    """The outline (the actor's ``colour``) and fill (by ``verdict``) of a claimed area."""
    return {"color": colour, "weight": 2, "fillColor": VERDICT_COLOURS.get(verdict or "unverifiable"),
            "fillOpacity": 0.45}
