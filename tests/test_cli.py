"""The ``tracker`` command: exact output and exit status, in-process and as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import tracker
from tracker.cli import main

from .common import EVENTS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_validate_defaults_to_the_events_folder(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    count = len(list(EVENTS.glob("*.yaml")))
    assert (result.exit_code, result.stdout) == (0, f"ok: {count} records valid\n")


def test_validate_reports_every_problem_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "tests/data/broken"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "13 problems in 12 files; fix them and run `tracker validate` again"
    assert "tests/data/broken/unknown-key.yaml:7:1: claim: unknown key 'claim'; did you mean 'claims'?" in lines
    assert result.stdout == ""


def test_validate_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--json", "tests/data/broken/impossible-date.yaml"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "records": 0,
        "problems": [
            {
                "file": "tests/data/broken/impossible-date.yaml",
                "line": 2,
                "column": 7,
                "field": "date",
                "message": "2017-02-30 is not a date: February 2017 has 28 days",
            }
        ],
        "warnings": [],
    }


def test_list_table_and_json(runner: CliRunner) -> None:
    table = runner.invoke(main, ["list"])
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["id", "date", "type", "location", "claims"]
    zone = next(line for line in lines if line.startswith("al-tanf-deconfliction-zone "))
    assert zone.split()[-1] == "0" and "33.5058, 38.6178" in zone
    rows = json.loads(runner.invoke(main, ["list", "--json"]).stdout)
    assert len(rows) == len(lines) - 3 == len(list(EVENTS.glob("*.yaml")))
    badiyeh = next(row for row in rows if row["id"] == "badiyeh-advance-east-of-tadmur")
    assert badiyeh == {
        "id": "badiyeh-advance-east-of-tadmur",
        "date": {"start": "2017-05-28", "end": "2017-06-06"},
        "title": "Syrian army advances 1,400 square kilometres into the Badiyeh east of Tadmur",
        "type": "Battles",
        "location": "Tadmur",
        "claims": 2,
        "basis": None,  # no area: the article gives none (tests/test_evidence.py checks each basis)
    }
    zone = next(row for row in rows if row["id"] == "al-tanf-deconfliction-zone")
    assert zone["basis"] == "reference"


def test_list_keeps_valid_records_and_reports_the_others(runner: CliRunner) -> None:
    result = runner.invoke(main, ["list", "tests/data/broken"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "1 record"
    assert len(result.stderr.splitlines()) == 13


def test_a_missing_folder_says_so(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{tmp_path / 'nope'}: no such file or folder"


def test_version(runner: CliRunner) -> None:
    assert runner.invoke(main, ["--version"]).stdout == f"tracker, version {tracker.__version__}\n"


# the console script installed beside this interpreter (a virtual environment need not be activated)
SCRIPT = str(Path(sys.executable).with_name("tracker"))


@pytest.mark.parametrize("command", [[SCRIPT], [sys.executable, "-m", "tracker"]], ids=["tracker", "python -m"])
def test_the_installed_command_runs(command: list[str]) -> None:
    done = subprocess.run([*command, "validate", "events"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: ")
    helped = subprocess.run([*command, "--help"], capture_output=True, text=True, check=True)
    assert "Examples:" in helped.stdout


def test_every_command_has_an_example_in_its_help(runner: CliRunner) -> None:
    for name in main.commands:
        assert "Example" in runner.invoke(main, [name, "--help"]).stdout, name


def test_help_does_not_import_pandas_or_pint() -> None:
    code = "import sys, tracker.cli; print(sorted(m for m in ('pandas', 'pint', 'geopandas') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
