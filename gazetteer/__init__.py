"""An offline gazetteer of Syria, Iraq and their neighbours that knows how the news spells places.

Place names resolve to coordinates without a network, from GeoNames places and curated conflict
sites bundled with the package (see ``gazetteer/data/ATTRIBUTION.md``). The :class:`Gazetteer` has the
shape of a geopy geocoder, so it can be swapped for, or chained with, geopy's online ones.

>>> from gazetteer import Gazetteer
>>> Gazetteer(user=False).geocode("Tadmur (Palmyra)").address
'Tadmur, Syria'
"""

from .geocoder import COUNTRIES, MIN_SCORE, Gazetteer, Match
from .normalize import normalize
from .table import Place, PlaceTable, user_table_path

__all__ = ["COUNTRIES", "MIN_SCORE", "Gazetteer", "Match", "Place", "PlaceTable", "normalize", "user_table_path"]
