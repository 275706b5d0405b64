"""The package's layers import only downwards (the import-linter contract of .importlinter)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .common import ROOT

LINT = str(Path(sys.executable).with_name("lint-imports"))


def _lint(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}  # the package found first is the one under cwd
    return subprocess.run([LINT, "--no-cache"], capture_output=True, text=True, cwd=cwd, env=env, check=False)


def test_the_layers_contract_is_kept() -> None:
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


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
