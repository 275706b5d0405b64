"""Which gazetteer places are regions rather than points: a record located at one is known only to
its region (ACLED's geo_precision 3), so no distance or bearing can be measured from it.

The bundled table calls such places ``region`` (the Syrian Desert, or Badiyeh); a GeoNames dump
imported with ``tracker gazetteer import`` gives its feature class and code, such as
``administrative area (ADM1)``: every administrative area, and the areas and terrain named below,
are regions too.

>>> region_sized("region"), region_sized("administrative area (ADM2)"), region_sized("terrain (DSRT)")
(True, True, True)
>>> region_sized("populated place"), region_sized("populated place (PPLA)"), region_sized("airbase")
(False, False, False)
"""

from __future__ import annotations

#: GeoNames feature codes of areas and terrain as large as a region (class L and T).
REGION_CODES = frozenset({"RGN", "RGNE", "RGNH", "AREA", "DSRT", "PLN", "PLAT", "UPLD", "MTS", "HLLS", "VAL"})


def region_sized(feature: str) -> bool:
    """Whether a place of this ``feature`` (a gazetteer table's column) is a region, not a point."""
    feature = feature.strip().lower()
    if feature in ("region", "country") or feature.startswith("administrative area"):
        return True
    code = feature.rpartition("(")[2].rstrip(")").upper() if feature.endswith(")") else ""
    return code in REGION_CODES
