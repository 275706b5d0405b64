"""What the map's colours and sizes mean, one channel each: the actor is an outline's (or a marker's)
colour, the verdict a fill's, the basis of an area its outline's weight and dashes, the uncertainty of
a location a dashed circle that takes no click; and when point events are aggregated into grid cells."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..geo import evidence

#: Fill colours by verdict: of claimed areas (the verdict on their area claim), of the dots of events with
#: claims (their most telling verdict, see :data:`SALIENCE`) and of the verdict chips of the claims panel.
#: Paul Tol's "light" scheme, made to be read under text and by colour-blind readers (P. Tol, *Colour
#: Schemes*, SRON/EPS/TN/09-002, 2021, https://personal.sron.nl/~pault/), with black for the impossible;
#: a verdict and its opposite number among the yes/no verdicts share a colour (consistent and holds: the
#: evidence agrees; overstated and contradicted: it says otherwise).
VERDICT_COLOURS = {
    "consistent": "#44BB99",
    "overstated": "#EE8866",
    "understated": "#77AADD",
    "impossible": "#000000",
    "undetermined": "#EEDD88",
    "unverifiable": "#DDDDDD",
    "holds": "#44BB99",
    "contradicted": "#EE8866",
}
#: The verdicts in the order a reader most needs to see them: a dot filled by one verdict of several
#: shows the first of its claims' verdicts in this order.
SALIENCE = ("impossible", "overstated", "contradicted", "understated", "undetermined", "consistent", "holds",
            "unverifiable")
#: Outline colours of event dots by ACLED event type, as maps drew them before each colour had one
#: meaning: kept for code that reads them; the map now names an event's type in its tooltip and popup.
TYPE_COLOURS = {
    "Battles": "#000000",
    "Explosions/Remote violence": "#e41a1c",
    "Violence against civilians": "#984ea3",
    "Protests": "#4daf4a",
    "Riots": "#ff7f00",
    "Strategic developments": "#377eb8",
}
#: Actor colours (the outline of an actor's areas and dots, its uncertainty discs and its cells), picked
#: by a hash of the name so that an actor keeps its colour from run to run: Paul Tol's "muted" scheme,
#: safe for colour-blind readers (same reference as :data:`VERDICT_COLOURS`), without the four of its
#: colours that a verdict's fill comes near (sand, cyan, teal and rose), and with the dark blue of his
#: "high-contrast" scheme: dark, saturated colours for lines, where the verdicts are pale fills, so that
#: no actor colour repeats a verdict (``tests/maps/test_map_claims.py`` measures how far apart they are).
PALETTE = ("#332288", "#882255", "#AA4499", "#117733", "#999933", "#004488")
#: Radius of the uncertainty disc drawn for an event of ACLED geo-precision 2 (near a place) and 3
#: (only the region is known).
UNCERTAINTY_M = {**evidence.UNCERTAINTY_M, 3: 50_000.0}
#: Past this many events, events that are only a point (no area, no claim) are aggregated: one dot
#: per group of actors and grid cell of :data:`CELL_DEGREES`, sized by its count, so that the file stays small
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
#: Past this many layers of actors, the layer control is a button that opens when the mouse is over it:
#: a list of a dozen names with their checkboxes would cover a good part of a laptop's screen.
COLLAPSE_ABOVE = 6
#: The outline and fill of a reference zone (an area no claim is about).
ZONE_STYLE = {"color": "#777777", "weight": 1.5, "fillColor": "#777777", "fillOpacity": 0.08}
#: The ring of the claimed size drawn around a claimed area, on the area's centroid: an outline only,
#: so that a click inside it reaches the area (its outline takes the click: a tooltip of the ratio).
DISC_STYLE = {"color": "#222222", "weight": 2.5, "dashArray": "10 6", "fill": False, "opacity": 0.9}
#: The disc of where an imprecise event may lie: an outline in the actor's colour, never filled, that
#: takes no click (what lies under it stays clickable).
UNCERTAINTY_STYLE = {"weight": 1.2, "dashArray": "3 5", "fill": False, "opacity": 0.8, "interactive": False}
#: Country borders, drawn without tiles.
BORDER_STYLE = {"color": "#555555", "weight": 1, "fillColor": "#f4f1ea", "fillOpacity": 0.6}
#: How the basis of a claimed area shows (see :data:`tracker.geo.evidence.BASIS_MEANING`): its
#: outline's weight and dashes and its fill's opacity; the outline's colour is the actor's, the
#: fill's the verdict's. A reconstruction is a lower bound: pale, on a dotted edge.
BASIS_STYLES: dict[str, dict[str, object]] = {
    "reported": {"weight": 2, "fillOpacity": 0.55},
    "assessed": {"weight": 4, "fillOpacity": 0.55},
    "reconstructed": {"weight": 2, "dashArray": "1 5", "fillOpacity": 0.25},
}
#: The fill of a dot whose event makes no claim (its outline is its actor's colour).
NO_CLAIM_FILL = "#ffffff"


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


def area_style(colour: str, verdict: str | None, basis: str = "reported") -> dict[str, object]:
    """The outline (the actor's ``colour``, drawn by ``basis``: see :data:`BASIS_STYLES`) and fill (by
    ``verdict``) of a claimed area.

    >>> area_style("#332288", "overstated", "reconstructed")["fillOpacity"]
    0.25
    """
    return {"color": colour, "fillColor": VERDICT_COLOURS.get(verdict or "unverifiable"),
            **BASIS_STYLES.get(basis, BASIS_STYLES["reported"])}


def dot_fill(verdicts: Iterable[str]) -> str:
    """The fill of an event's dot: the colour of the most telling of its claims' ``verdicts``
    (:data:`SALIENCE`), white for an event with none.

    >>> dot_fill(["holds", "overstated"]) == VERDICT_COLOURS["overstated"], dot_fill([])
    (True, '#ffffff')
    """
    first = salient(verdicts)
    return NO_CLAIM_FILL if first is None else VERDICT_COLOURS[first]


def salient(verdicts: Iterable[str]) -> str | None:
    """The most telling of ``verdicts`` (:data:`SALIENCE`), or ``None`` when there is none.

    >>> salient(["unverifiable", "holds"]), salient([])
    ('holds', None)
    """
    found = set(verdicts)
    return next((verdict for verdict in SALIENCE if verdict in found), None)


#: The colour of what is new in the second pane of a comparison (events first dated after the first
#: date, and the areas they bring): a halo around their dots and outlines, never a fill or an actor's
#: outline, so it reads as neither a verdict nor an actor (``tests/maps/test_map_changes.py`` measures
#: how far it is from both).
NEW_COLOUR = "#FF00FF"
#: The halo around the dot of a new event: a ring that takes no click, so the dot inside keeps its own.
NEW_DOT_STYLE = {"radius": 10, "color": NEW_COLOUR, "weight": 3, "fill": False, "opacity": 0.9,
                 "interactive": False}
#: The halo along the outline of a new area (solid) and of a grown one (dashed), beneath the area's
#: own outline: it takes no click, so a click inside reaches the area and its popup.
NEW_AREA_STYLE = {"color": NEW_COLOUR, "weight": 7, "fill": False, "opacity": 0.6, "interactive": False}
GROWN_AREA_STYLE = {**NEW_AREA_STYLE, "dashArray": "12 8"}
