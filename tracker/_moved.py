"""The module paths of the flat layout, kept for one release.

Importing one of them warns and gives the module at its new place, so that ``tracker.geometry`` and
``tracker.geo.geodesy`` are the same module object:

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from tracker import geometry
>>> import tracker.geo.geodesy
>>> geometry is tracker.geo.geodesy
True
>>> print(caught[0].message)
tracker.geometry is deprecated and will be removed in the next release; import tracker.geo.geodesy
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

#: The old module path of each module that moved, and its new one.
MOVED = {
    "tracker.arrowtext": "tracker.tables.columns",
    "tracker.article": "tracker.drafting.article",
    "tracker.collection": "tracker.records.collection",
    "tracker.csvblocks": "tracker.datasets.blocks",
    "tracker.diagnostics": "tracker.records.diagnostics",
    "tracker.distributed": "tracker.tables.distributed",
    "tracker.draft": "tracker.drafting.draft",
    "tracker.evidence": "tracker.geo.evidence",
    "tracker.explain": "tracker.claims.explain",
    "tracker.extent": "tracker.records.extent",
    "tracker.geometry": "tracker.geo.geodesy",
    "tracker.interop": "tracker.tables.formats",
    "tracker.io": "tracker.records.yaml",
    "tracker.markup": "tracker.drafting.markup",
    "tracker.model": "tracker.records.model",
    "tracker.places": "tracker.geo.places",
    "tracker.plausibility": "tracker.geo.plausibility",
    "tracker.quantity": "tracker.records.quantity",
    "tracker.references": "tracker.geo.references",
    "tracker.safety": "tracker.text",
    "tracker.shapes": "tracker.geo.shapes",
    "tracker.staging": "tracker.files.batches",
    "tracker.table": "tracker.tables.table",
    "tracker.vocabulary": "tracker.records.vocabulary",
    "tracker.yamlrt": "tracker.records.roundtrip",
}


#: Names of an old module that now live elsewhere (reading event tables moved up, to ``tracker.load``).
ELSEWHERE = {
    "tracker.collection": {
        "TABLE_SUFFIXES": "tracker.tables.paths",
        "is_table": "tracker.tables.paths",
        "load_events": "tracker.load",
        "read_events": "tracker.load",
    },
}


class _Alias:
    """Loads an old path as the module at its new one, with a ``DeprecationWarning``."""

    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} is deprecated and will be removed in the next release; import {self.new}",
            DeprecationWarning,
            stacklevel=2,
        )
        module = importlib.import_module(self.new)
        elsewhere = ELSEWHERE.get(spec.name)
        if elsewhere is None:
            return module
        alias = ModuleType(spec.name, module.__doc__)

        def attribute(name: str) -> Any:
            return getattr(importlib.import_module(elsewhere.get(name, self.new)), name)

        alias.__getattr__ = attribute  # type: ignore[method-assign]
        return alias

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module at the new path is already loaded."""


class _Finder:
    """Finds the old paths of :data:`MOVED`, and nothing else."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        new = MOVED.get(fullname)
        return None if new is None else ModuleSpec(fullname, cast("Loader", _Alias(new)))


def install() -> None:
    """Let the old paths of :data:`MOVED` be imported (once, however often it is called)."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())
