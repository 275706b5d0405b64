"""The README tells the truth: its Python session runs, its console sessions print what they show."""

from __future__ import annotations

import doctest
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .common import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCRIPT = str(Path(sys.executable).with_name("tracker"))


def test_the_python_session_runs() -> None:
    failures, tried = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    )
    assert tried > 5 and failures == 0


def _console_steps() -> list[tuple[str, str]]:
    steps = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for command, output in re.findall(r"^\$ (.+)\n((?:(?!\$ ).*\n)*)", block, re.M):
            steps.append((command, output.strip("\n")))
    return steps


@pytest.mark.parametrize(("command", "shown"), _console_steps(), ids=lambda value: value[:40])
def test_each_console_command_prints_what_the_readme_shows(command: str, shown: str) -> None:
    words = shlex.split(command)
    assert words[0] == "tracker"
    done = subprocess.run([SCRIPT, *words[1:]], capture_output=True, text=True, check=False, cwd=ROOT)
    printed = (done.stdout + done.stderr).strip("\n")
    checker = doctest.OutputChecker()
    assert checker.check_output(shown + "\n", printed + "\n", doctest.ELLIPSIS), printed


def test_every_command_appears_in_the_readme() -> None:
    from tracker.cli import main

    for name in main.commands:
        assert f"tracker {name}" in README, name
