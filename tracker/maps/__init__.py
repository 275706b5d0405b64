"""Rendering records and their verdicts on a folium map."""

from .render import (
    AGGREGATE_ABOVE,
    CELL_DEGREES,
    PALETTE,
    TYPE_COLOURS,
    UNCERTAINTY_M,
    VERDICT_COLOURS,
    MapError,
    Points,
    actor_colours,
    claim_text,
    read_points,
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
    "Points",
    "actor_colours",
    "claim_text",
    "read_points",
    "render_comparison",
    "render_map",
    "requests_in",
    "select",
    "write_map",
]
