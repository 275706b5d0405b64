"""Every error tracker raises is a subclass of TrackerError that is also a builtin exception."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from tracker import errors
from tracker.datasets.importing import import_events
from tracker.errors import ReadError, TrackerError, UsageError

from .common import ROOT

_CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, TrackerError)]


def _bare_raises(source: str) -> list[int]:
    """The lines of ``source`` that raise the root error itself."""
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call) and isinstance(node.exc.func, ast.Name)
            and node.exc.func.id == "TrackerError"]


def test_bare_raises_are_found() -> None:
    assert _bare_raises("def f():\n    raise TrackerError('x')\n\ndef g():\n    raise UsageError('y')\n") == [2]


def test_nothing_raises_the_root_error_itself() -> None:
    found = {str(path.relative_to(ROOT)): lines for path in sorted((ROOT / "tracker").rglob("*.py"))
             if (lines := _bare_raises(path.read_text(encoding="utf-8")))}
    assert found == {}


@pytest.mark.parametrize("error", [c for c in _CLASSES if c is not TrackerError], ids=lambda c: c.__name__)
def test_every_subclass_is_also_a_builtin(error: type[TrackerError]) -> None:
    builtins = [base for base in error.__mro__ if base.__module__ == "builtins" and base not in (Exception,
                                                                                                 BaseException, object)]
    assert builtins, f"{error.__name__} derives from no builtin exception"


def test_the_errors_named_in_the_design_live_in_errors() -> None:
    names = {c.__name__ for c in _CLASSES}
    assert {"MapError", "OutputError", "FolderWriteError", "NotRegularFile", "InputTooLarge"} <= names


def test_an_unknown_dataset_is_a_usage_error_and_a_missing_file_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as caught:
        import_events("gdelt", tmp_path / "x.csv", tmp_path / "out.parquet")
    assert type(caught.value) is UsageError
    assert str(caught.value) == "'gdelt' is not a dataset tracker imports; use acled or ucdp"
    with pytest.raises(OSError) as missing:
        import_events("acled", tmp_path / "x.csv", tmp_path / "out.parquet")
    assert type(missing.value) is ReadError
    assert str(missing.value) == f"{tmp_path / 'x.csv'}: no such file"
