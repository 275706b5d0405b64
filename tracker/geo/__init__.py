"""Geometry: geodesy over WGS84, the shipped countries, place resolution, references between records, a
record's shapes and the rules a measurement's uncertainty sets (evidence), plausibility."""
