"""Assessed control: dated layers of the ground an assessor says an actor holds, the area gained
and lost between two dates, what the records themselves add between two dates, and claims about one
gain set side by side.

The names below are imported when first used, so ``tracker --help`` does not load the geometry
libraries.

>>> import datetime as dt
>>> from tracker.control import Series
>>> Series("ISW", "Syrian Arab Army", ()).in_force(dt.date(2024, 1, 1)) is None
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .changes import AreaChange, RecordChanges, record_changes
    from .gains import Gains, consecutive_gains, gains_between
    from .layers import ControlError, Layer, Series, import_layers, load_series, read_layers

_HOME = {"AreaChange": "changes", "RecordChanges": "changes", "record_changes": "changes",
         "Gains": "gains", "consecutive_gains": "gains", "gains_between": "gains", "ControlError": "layers",
         "Layer": "layers", "Series": "layers", "import_layers": "layers", "load_series": "layers",
         "read_layers": "layers"}
__all__ = ["AreaChange", "ControlError", "Gains", "Layer", "RecordChanges", "Series", "consecutive_gains",
           "gains_between", "import_layers", "load_series", "read_layers", "record_changes"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'tracker.control' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
