"""Assessed control: dated layers of the ground an assessor says an actor holds, and the area gained
and lost between two dates.

>>> from tracker.control import Layer, Series
>>> Series("ISW", "Syrian Arab Army", ()).in_force(__import__("datetime").date(2024, 1, 1)) is None
True
"""

from .gains import Gains, consecutive_gains, gains
from .layers import ControlError, Layer, Series, import_layers, load_series, read_layers

__all__ = ["ControlError", "Gains", "Layer", "Series", "consecutive_gains", "gains", "import_layers",
           "load_series", "read_layers"]
