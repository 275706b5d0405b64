"""The ``tracker`` command. It only translates: arguments in, one library call, text or JSON out.

The group and what its commands share are in :mod:`.group`; each family of commands joins the group
from a module of its own: :mod:`.records` (validate, add, draft, list, check, map, export),
:mod:`.tables` (import), :mod:`.gazetteer` (geocode, gazetteer import and download) and
:mod:`.control` (control, compare).
"""

from . import control, gazetteer, records, tables
from .gazetteer import gazetteer_download, gazetteer_group, gazetteer_import, geocode
from .group import TrackerGroup, main
from .records import add, check, draft, export, list_events, map_command, validate
from .tables import import_command

__all__ = [
    "TrackerGroup",
    "add",
    "check",
    "control",
    "draft",
    "export",
    "gazetteer",
    "gazetteer_download",
    "gazetteer_group",
    "gazetteer_import",
    "geocode",
    "import_command",
    "list_events",
    "main",
    "map_command",
    "records",
    "tables",
    "validate",
]
