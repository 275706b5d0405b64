"""The ``tracker`` command. It only translates: arguments in, one library call, text or JSON out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from . import __version__
from .collection import read_events
from .errors import Problem, TrackerError
from .model import Event

DEFAULT_FOLDER = Path("events")
_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


class TrackerGroup(click.Group):
    """A click group that turns a :class:`TrackerError` into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            click.echo(f"tracker: {error}", err=True)
            ctx.exit(1)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tracker")
def main() -> None:
    """Record conflict events reported in the news, as YAML, and check what the reports claim.

    Records live in a folder, one YAML file per event (by default ./events).

    \b
    Examples:
      tracker validate                 check every record in ./events
      tracker list --json events/      the records as JSON, for scripts
    """


def _report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


@main.command()
@_paths
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: valid, records, problems.")
def validate(paths: tuple[Path, ...], as_json: bool) -> None:
    """Check records in PATHS (folders or files; default ./events) and report every problem.

    Each problem is printed on stderr as FILE:LINE:COL: FIELD: message, with what was expected and,
    where it can be told, the likely fix. Exit status 0 when every record is valid, 1 otherwise.

    \b
    Examples:
      tracker validate
      tracker validate events/badiyeh-advance-2017-06.yaml
      tracker validate --json drafts/ | jq '.problems[].message'
    """
    events, problems = read_events(paths or [DEFAULT_FOLDER], progress=True)
    if as_json:
        result = {"valid": not problems, "records": len(events), "problems": [p.to_dict() for p in problems]}
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif problems:
        _report(problems)
        files = len({p.path for p in problems})
        click.echo(
            f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}; "
            "fix them and run `tracker validate` again",
            err=True,
        )
    else:
        click.echo(f"ok: {len(events)} record{'s' * (len(events) != 1)} valid")
    raise SystemExit(1 if problems else 0)


def _date(event: Event) -> str:
    return str(event.start) if event.start == event.end else f"{event.start}..{event.end}"


def _location(event: Event) -> str:
    where = event.location
    return where if isinstance(where, str) else f"{where.lat}, {where.lon}"


@main.command(name="list")
@_paths
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per record.")
def list_events(paths: tuple[Path, ...], as_json: bool) -> None:
    """List the records in PATHS (default ./events): id, date, type, location, number of claims.

    Invalid records are reported on stderr and left out; the exit status is then 1.

    \b
    Examples:
      tracker list
      tracker list --json | jq -r '.[] | select(.claims > 0) | .id'
    """
    events, problems = read_events(paths or [DEFAULT_FOLDER], progress=True)
    _report(problems)
    if as_json:
        rows = [
            {
                "id": e.id,
                "date": e.to_dict()["date"],
                "title": e.title,
                "type": e.type,
                "location": e.to_dict()["location"],
                "claims": len(e.claims),
            }
            for e in events
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        header = ("id", "date", "type", "location", "claims")
        rows_text = [(e.id, _date(e), e.type, _location(e), str(len(e.claims))) for e in events]
        click.echo(_table(header, rows_text))
        click.echo(f"{len(events)} record{'s' * (len(events) != 1)}")
    raise SystemExit(1 if problems else 0)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
