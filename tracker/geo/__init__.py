"""Geometry: geodesy over WGS84, place resolution, references between records, a record's shapes and
the rules a measurement's uncertainty sets (evidence), plausibility."""
