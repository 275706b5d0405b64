"""The map's own scripts and style sheet are package files: installed with the package, inlined
into every page that uses them, so an offline map needs nothing but itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from tracker import load_events
from tracker.maps.assets import asset, js_value
from tracker.maps.render import render_comparison, render_map, requests_in

from ..common import EVENTS, ROOT

STATIC = sorted(p.name for p in resources.files("tracker.maps").joinpath("static").iterdir())


def test_the_static_files_are_there() -> None:
    assert {"map.css", "time.js", "cells.js", "sort.js", "sync.js", "popup-markup.js"} <= set(STATIC)


def test_a_build_of_the_package_carries_the_static_files(tmp_path: Path) -> None:
    """setuptools' build_py, the step of a (non-editable) wheel build that collects the package's
    files, run on a copy of the project: the static files are among what it collects."""
    for name in ("setup.cfg", "pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path)
    for name in ("tracker", "gazetteer"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    built = tmp_path / "built"
    done = subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
                           "--build-lib", str(built)], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    shipped = sorted(p.name for p in (built / "tracker" / "maps" / "static").iterdir())
    assert shipped == STATIC


@pytest.fixture(scope="module")
def pages() -> tuple[str, str]:
    import datetime as dt

    events = load_events(EVENTS)
    single = render_map(events, offline=True).get_root().render()
    both = render_comparison(events, dt.date(2016, 12, 31), dt.date(2017, 6, 30), offline=True).get_root().render()
    return single, both


def test_each_page_inlines_the_files_it_uses_once(pages: tuple[str, str]) -> None:
    single, both = pages
    for name in ("map.css", "time.js", "sort.js", "popup-markup.js"):
        assert single.count(asset(name)) == 1, name
    for name in ("map.css", "sync.js", "popup-markup.js"):
        assert both.count(asset(name)) == 1, name
    assert asset("sync.js") not in single and asset("time.js") not in both
    assert requests_in(single) == requests_in(both) == []


def test_data_for_a_script_cannot_end_it() -> None:
    text = js_value(["</script><script>alert(1)</script>", "\u2028", "a & b"])
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    import json

    assert json.loads(text) == ["</script><script>alert(1)</script>", "\u2028", "a & b"]
