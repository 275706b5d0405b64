"""The package's layers import only downwards (the import-linter contract of .importlinter)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import grimp

from .common import ROOT

LINT = str(Path(sys.executable).with_name("lint-imports"))


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}  # the package found first is the one under cwd
    return subprocess.run([LINT, "--no-cache"], capture_output=True, text=True, cwd=cwd, env=env, check=False)


def test_the_layers_contract_is_kept() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_an_import_upwards_breaks_the_contract(tmp_path: Path) -> None:
    # The same package with one record module importing the maps: the contract names the import.
    for name in ("tracker", "gazetteer"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / ".importlinter", tmp_path)
    model = tmp_path / "tracker" / "records" / "model.py"
    model.write_text(model.read_text() + "\nfrom ..maps import render  # noqa: E402\n")
    done = _lint(tmp_path)
    assert done.returncode == 1
    assert "tracker.records is not allowed to import tracker.maps:" in done.stdout
    assert "- tracker.records.model -> tracker.maps.render (l." in done.stdout


def _cycles(graph: Any, package: str) -> list[list[str]]:
    """The groups of modules of ``package`` that import each other in a circle (Tarjan's strongly
    connected components of more than one module)."""
    modules = sorted(m for m in graph.modules if m.split(".")[0] == package)
    edges = {m: [i for i in graph.find_modules_directly_imported_by(m) if i.split(".")[0] == package]
             for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_in_a_circle() -> None:
    # Imports inside functions count; those only for type checking do not.
    graph = grimp.build_graph("tracker", exclude_type_checking_imports=True, cache_dir=None)
    assert _cycles(graph, "tracker") == []


def test_a_circle_of_imports_is_found(tmp_path: Path) -> None:
    (tmp_path / "circle").mkdir()
    (tmp_path / "circle" / "__init__.py").write_text("")
    (tmp_path / "circle" / "a.py").write_text("def f():\n    from . import b\n")
    (tmp_path / "circle" / "b.py").write_text("from . import c\n")
    (tmp_path / "circle" / "c.py").write_text("from . import a\n")
    (tmp_path / "circle" / "d.py").write_text("from . import a\n")
    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("circle", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
    assert _cycles(graph, "circle") == [["circle.a", "circle.b", "circle.c"]]
