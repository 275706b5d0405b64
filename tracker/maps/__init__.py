"""Rendering records and their verdicts on a folium map."""

from .render import (
    AGGREGATE_ABOVE,
    CELL_DEGREES,
    PALETTE,
    TYPE_COLOURS,
    UNCERTAINTY_M,
    VERDICT_COLOURS,
    MapError,
    actor_colours,
    claim_text,
    render_comparison,
    render_map,
    requests_in,
    select,
    write_map,
)

__all__ = [
    "AGGREGATE_ABOVE",
    "CELL_DEGREES",
    "PALETTE",
    "TYPE_COLOURS",
    "UNCERTAINTY_M",
    "VERDICT_COLOURS",
    "MapError",
    "actor_colours",
    "claim_text",
    "render_comparison",
    "render_map",
    "requests_in",
    "select",
    "write_map",
]
