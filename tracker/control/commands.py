"""The ``tracker control`` commands. They only translate: arguments in, one library call, text or JSON out."""

from __future__ import annotations

import datetime as dt
import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import text as safety

if TYPE_CHECKING:
    from .gains import Gains
    from .layers import Series

DEFAULT_FOLDER = Path("control")


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """A date option written YYYY-MM-DD."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


_folder = click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FOLDER,
                       show_default=True, help="The folder of control layers (beside events/).")


@click.group(name="control")
def control_group() -> None:
    """Assessed control: dated layers of the ground an assessor says an actor holds.

    \b
    Examples:
      tracker control import isw-syria.geojson --assessor ISW --actor "Syrian Arab Army" --date-field date
      tracker control gains --actor "Syrian Arab Army" --since 2017-05-08 --until 2017-06-08
    """


@control_group.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--assessor", required=True, help="Who made the layers: ISW, DeepState, the Carter Center...")
@click.option("--actor", required=True, help="The actor whose ground the layers show.")
@click.option("--date-field", help="The field that holds each feature's date (one feature per date).")
@click.option("--date", callback=_date, help="The date of the whole file (one file per date).")
@click.option("--source", help="Where the layers come from (a title or address), kept with the series.")
@click.option("--reliability", type=click.Choice(list("ABCDEF")), help="The assessor's Admiralty grade, A..F.")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FOLDER, show_default=True,
              help="The folder of control layers, made if missing.")
def import_command(files: tuple[Path, ...], assessor: str, actor: str, date_field: str | None, date: dt.date | None,
                   source: str | None, reliability: str | None, into: Path) -> None:
    """Import control layers from GeoJSON, GeoPackage or GeoParquet files.

    Each feature is the ground held on the date in --date-field, or the whole file is that of --date.
    The layers join the series of the assessor for the actor (one GeoParquet per assessor and actor
    in --into, dates sorted): every layer or none. Invalid polygons are repaired with a warning; a
    date given twice, or already in the series, is refused with both places named.

    \b
    Examples:
      tracker control import deepstate.geojson --assessor DeepState --actor "Russian forces" --date-field date
      tracker control import 2017-06-08.gpkg --assessor ISW --actor "Syrian Arab Army" --date 2017-06-08
    """
    from .layers import import_layers

    target, series, dates = import_layers(files, into, assessor=assessor, actor=actor, date_field=date_field, date=date,
                                   source=source, reliability=reliability)
    count = len(series.layers)
    span = f"{dates[0]} .. {dates[-1]}" if len(dates) > 1 else f"{dates[0]}"
    added = len(dates)
    click.echo(safety.terminal_safe(
        f"imported {added} layer{'s' if added != 1 else ''} of {assessor} for {actor} ({span}) into {target}; the "
        f"series holds {count}"))
    click.echo(safety.terminal_safe(
        f"next: tracker control gains --actor {shlex.quote(actor)} --since {series.dates[0]} --until "
        f"{series.dates[-1]} --folder {into}"))


@control_group.command(name="gains")
@click.option("--actor", required=True, help="The actor whose gains to measure.")
@click.option("--assessor", help="Only this assessor's layers (default: every assessor's).")
@click.option("--since", callback=_date, required=True, help="The first date of the window.")
@click.option("--until", callback=_date, required=True, help="The last date of the window.")
@_folder
@click.option("--json", "as_json", is_flag=True, help="Print JSON, areas in km².")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the gained and lost areas as GeoJSON.")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def gains_command(actor: str, assessor: str | None, since: dt.date, until: dt.date, folder: Path, as_json: bool,
                  output: Path | None, force: bool) -> None:
    """Gained, lost and net area of an actor between two dates, per assessor.

    Each date takes the latest layer on or before it (named); where that layer is more than a week
    from the date, or the window runs past the series, a note says so. Areas are geodesic on WGS84.

    \b
    Examples:
      tracker control gains --actor "Syrian Arab Army" --since 2017-05-08 --until 2017-06-08
      tracker control gains --actor "Russian forces" --since 2024-01-01 --until 2024-12-31 --json -o gains.geojson
    """
    from ..files import write_text
    from .gains import gains_between
    from .layers import ControlError, load_series

    series = load_series(folder, actor=actor, assessor=assessor)
    if not series:
        who = f" by {assessor}" if assessor else ""
        raise ControlError(f"no control layers for {actor}{who} in {folder}; import some with `tracker control "
                           f"import FILE --assessor NAME --actor {shlex.quote(actor)} --date-field FIELD`")
    results = [(one, gains_between(one, since, until)) for one in series]
    if output is not None:
        write_text(output, json.dumps(_geojson(results)), force=force, inputs=[folder])
    if as_json:
        click.echo(safety.json_safe(json.dumps([{**result.to_dict(), "reliability": one.reliability,
                                                 "source": one.source} for one, result in results],
                                               indent=2, ensure_ascii=False)))
    else:
        for one, result in results:
            click.echo(safety.terminal_safe(_line(one, result)))
            for note in result.notes:
                click.echo(safety.terminal_safe(f"  note: {note}"))
    if output is not None:
        click.echo(safety.terminal_safe(f"wrote the gained and lost areas to {output}"))


def _line(series: Series, result: Gains) -> str:
    grade = f" ({series.reliability})" if series.reliability else ""
    return (f"{series.assessor}{grade}, {series.actor}, {result.since} .. {result.until} (layers of "
            f"{result.since_layer.date} and {result.until_layer.date}): gained {result.gained_m2 / 1e6:,.1f} km², "
            f"lost {result.lost_m2 / 1e6:,.1f} km², net {result.net_m2 / 1e6:+,.1f} km²")


def _geojson(results: list[tuple[Series, Gains]]) -> dict[str, object]:
    import shapely

    features = []
    for series, result in results:
        for change, geometry, area in (("gained", result.gained, result.gained_m2),
                                       ("lost", result.lost, result.lost_m2)):
            properties = {"assessor": series.assessor, "actor": series.actor, "change": change,
                          "since_layer": result.since_layer.date.isoformat(),
                          "until_layer": result.until_layer.date.isoformat(), "area_km2": area / 1e6}
            features.append({"type": "Feature", "properties": properties,
                             "geometry": json.loads(shapely.to_geojson(geometry))})
    return {"type": "FeatureCollection", "features": features}


@click.command(name="compare")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--control", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FOLDER,
              show_default=True, help="The folder of control layers whose assessed gains to set beside (if any).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, areas in km².")
def compare_command(paths: tuple[Path, ...], control: Path, as_json: bool) -> None:
    """Set claims about the same gain side by side.

    The area and total_area claims of an actor that name the same gain (gain: KEY) form a group,
    whatever their windows; the other total_area claims of each actor over overlapping windows form
    one. Each claim is shown with its sources and grades, its window, the area claimed and the rate
    per day; the group's spread is the largest rate over the smallest (claims normalised to the same
    window); beside them, the gain each assessor's control layers give for the group's window.

    \b
    Examples:
      tracker compare
      tracker compare events/ --control control/ --json
    """
    from ..console import roots as _roots
    from ..console import table as _table
    from ..load import load_events
    from .compare import compare

    groups = compare(load_events(_roots(paths)), control if control.is_dir() else None)
    if as_json:
        click.echo(safety.json_safe(json.dumps([group.to_dict() for group in groups], indent=2, ensure_ascii=False)))
        return
    for number, group in enumerate(groups):
        if number:
            click.echo()
        spread = (f"{len(group.claims)} claims, spread {group.spread:.2f}x (largest rate per day over smallest)"
                  if group.spread is not None else "1 claim")
        click.echo(safety.terminal_safe(f"{group.name}, {group.since} .. {group.until}: {spread}"))
        rows = [[c.event_id, str(c.index), ", ".join(c.grades), f"{c.since} .. {c.until}", str(c.days),
                 f"{c.claimed_km2:,.0f}", f"{c.rate:,.1f}"] for c in group.claims]
        click.echo(_table(["record", "claim", "sources (grade)", "window", "days", "claimed km²", "km²/day"], rows))
        for gained in group.assessed:
            click.echo(safety.terminal_safe(
                f"assessed by {gained.assessor}: net {gained.net_m2 / 1e6:+,.1f} km² (gained "
                f"{gained.gained_m2 / 1e6:,.1f}, lost {gained.lost_m2 / 1e6:,.1f}; layers of "
                f"{gained.since_layer.date} and {gained.until_layer.date}), "
                f"{gained.net_m2 / 1e6 / max((group.until - group.since).days, 1):,.1f} km²/day"))
            for note in gained.notes:
                click.echo(safety.terminal_safe(f"  note: {note}"))
