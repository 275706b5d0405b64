"""The errors the gazetteer raises on purpose (it stands on its own: nothing here comes from tracker)."""

from __future__ import annotations


class GazetteerError(Exception):
    """Root of every error the gazetteer raises on purpose."""


class PlaceTableError(GazetteerError, ValueError):
    """A place table cannot be read: not a table, a bad row, or more rows than the limit."""
