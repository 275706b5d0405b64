"""Checking what a record claims against its geometry: verdicts and their explanations."""

from .check import (
    DEFAULT_RATIO,
    DEFAULT_REACH_M,
    FAILING,
    INSIDE_SHARE,
    VERDICTS,
    CheckReport,
    ClaimResult,
    Shape,
    check_claims,
)

__all__ = [
    "DEFAULT_RATIO",
    "DEFAULT_REACH_M",
    "FAILING",
    "INSIDE_SHARE",
    "VERDICTS",
    "CheckReport",
    "ClaimResult",
    "Shape",
    "check_claims",
]
