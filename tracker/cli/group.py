"""The ``tracker`` group, and what its commands share: arguments, options, how problems are printed,
the gazetteer they ask."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from gazetteer.errors import GazetteerError

from .. import __version__
from .. import text as safety
from ..errors import Problem, TrackerError

paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


class TrackerGroup(click.Group):
    """A click group that turns a :class:`TrackerError` into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (TrackerError, GazetteerError) as error:
            click.echo(f"tracker: {safety.terminal_safe(error)}", err=True)
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
      tracker draft article.txt > draft.yaml && tracker add draft.yaml
    """


def report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(safety.terminal_safe(problem), err=True)


force = click.option("--force", is_flag=True, help="Replace the output if it exists (never an input of the "
                      "command).")
online = click.option(
    "--online", is_flag=True, help="Ask OpenStreetMap's Nominatim (rate-limited, cached) for names not known offline."
)


def gazetteer_for(online: bool) -> Any:
    """The gazetteer a command asks: the offline one, with Nominatim behind it when ``online``.
    (Nominatim's client is imported here, when a command asks for it: `tracker --help` starts without.)"""
    import warnings

    from gazetteer import Gazetteer
    from gazetteer.online import nominatim

    if not online:
        return Gazetteer()
    with warnings.catch_warnings(record=True) as caught:  # a corrupt cache is reported, then ignored
        warnings.simplefilter("always")
        fallback = nominatim()
    for warning in caught:
        click.echo(f"warning: {warning.message}", err=True)
    return Gazetteer(fallback=fallback)
