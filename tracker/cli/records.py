"""The commands on event records: validate, add, draft, list, check, map and export. They only
translate: arguments in, one library call, text or JSON out."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .. import text as safety
from ..console import DEFAULT_FOLDER
from ..console import roots as _roots
from ..console import table as _table
from ..errors import InputError, Problem, RecordError
from ..load import read_events
from ..records.model import Event
from .group import force as _force
from .group import gazetteer_for as _gazetteer
from .group import main
from .group import online as _online
from .group import paths as _paths
from .group import report as _report

# The commands import what they run inside their bodies, so that `tracker --help` and the other commands
# start without loading it (GeoPandas, pyproj, folium, the article reader, the place importers).


@main.command()
@_paths
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: valid, records, problems.")
@click.option("--no-places", is_flag=True, help="Skip resolving place names through the gazetteer.")
@_online
def validate(paths: tuple[Path, ...], as_json: bool, no_places: bool, online: bool) -> None:
    """Check records in PATHS (folders or files; default ./events) and report every problem.

    Each record is checked against the record format, and every place it names is resolved through
    the offline gazetteer: an unknown or ambiguous name is a problem too. Each problem is printed on
    stderr as FILE:LINE:COL: FIELD: message, with what was expected and, where it can be told, the
    likely fix. A record whose coordinates lie outside the countries its places and claims name
    gets a warning (are latitude and longitude swapped?), which leaves the exit status as it is.
    Exit status 0 when every record is valid, 1 otherwise.

    \b
    Examples:
      tracker validate
      tracker validate events/badiyeh-advance-east-of-tadmur.yaml
      tracker validate --json drafts/ | jq '.problems[].message'
    """
    events, problems = read_events(_roots(paths), progress=True)
    warnings: list[Problem] = []
    if not no_places:
        from ..geo.places import resolve_places
        from ..geo.plausibility import misplaced_points, region_anchors

        resolution = resolve_places(events, _gazetteer(online))
        problems += resolution.problems
        warnings = misplaced_points(events, resolution) + region_anchors(events, resolution)
    if as_json:
        result = {"valid": not problems, "records": len(events), "problems": [p.to_dict() for p in problems],
                  "warnings": [w.to_dict() for w in warnings]}
        click.echo(safety.json_safe(json.dumps(result, ensure_ascii=False, indent=2)))
        raise SystemExit(1 if problems else 0)
    for warning in warnings:
        click.echo(safety.terminal_safe(f"warning: {warning}"), err=True)
    if problems:
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


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=Path))
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FOLDER, show_default=True,
              help="The events folder to add to (made if missing).")
@click.option("--force", is_flag=True, help="Add records that repeat a stored one, and replace a stored record "
              "of the same id.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array: one object per record added.")
@_online
def add(files: tuple[Path, ...], into: Path, force: bool, as_json: bool, online: bool) -> None:
    """Add the records of FILES (YAML; - reads standard input) to the events folder, all or none.

    Each record is validated, its places resolved through the gazetteer and its claims checked; it
    is then written as ID.yaml, keys in the documented order, your comments kept, with a resolved:
    key naming the gazetteer entry (and score) behind each place name. A record without an id gets
    one from its title and date. Nothing is written when any record is invalid, names an unknown or
    ambiguous place, uses a stored id, or repeats a stored record (same date and type, within 1 km);
    --force adds repeats and replaces a record of the same id.

    \b
    Examples:
      tracker add draft.yaml
      tracker add reports/*.yaml --into events
      tracker add - < draft.yaml
    """
    import sys

    from ..add import add_events

    sources: list[Any] = [sys.stdin.buffer if str(file) == "-" else file for file in files]
    try:
        added = add_events(sources, into, force=force, gazetteer=_gazetteer(online), progress=True)
    except RecordError as error:
        _report(error.problems)
        click.echo(f"nothing was added to {into}; fix the problems above and run the same command again",
                   err=True)
        raise SystemExit(1) from None
    if as_json:
        click.echo(safety.json_safe(json.dumps([item.to_dict() for item in added], ensure_ascii=False, indent=2)))
        return
    claims = 0
    for item in added:
        click.echo(safety.terminal_safe(f"{'replaced' if item.replaced else 'added'} {item.path}: {item.event.title}"))
        for result in item.results:
            claims += 1
            click.echo(safety.terminal_safe(f"  claim {result.index} ({result.kind}): {result.explanation}"))
    count = len(added)
    click.echo(f"{count} record{'s' * (count != 1)} written to {into}, with {claims} claim{'s' * (claims != 1)}")
    click.echo(f"next: tracker check {into}, then tracker map {into} --offline")


@main.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--date", "published", type=click.DateTime(["%Y-%m-%d"]),
              help="The day the article appeared: 'on Friday', 'last month' are counted from it.")
@click.option("--url", help="Where the article is; goes into each record's source.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the draft to this file instead of standard output (an existing file only with --force).")
@_force
@click.option("--json", "as_json", is_flag=True, help="Print what the article mentions and the drafted records "
              "as one JSON object, for scripts.")
def draft(article: Path, published: Any, url: str | None, output: Path | None, force: bool, as_json: bool) -> None:
    """Draft records from ARTICLE (plain text or HTML; - reads standard input), for a person to finish.

    The draft lists, in comments, the places the article names (with what the gazetteer made of each
    and the sentence it is in), its actors, quantities and dates. Then it proposes a record for each
    sentence that makes a claim (an area, a distance, a count, a direction, a border reached, a zone
    entered) or tells of an actor doing something at a place, each claim quoting its sentence. What
    the text does not settle is marked «REVIEW»: a record holding a mark is not valid, so fill or
    delete each one, then add the records. An article may have up to 200,000 characters of text
    (5,000,000 with its markup); split a longer one at paragraph breaks.

    \b
    Examples:
      tracker draft article.txt --date 2017-06-10 --url https://example.org/report -o draft.yaml
      tracker validate draft.yaml         lists the REVIEW marks left, by line
      tracker add draft.yaml              once every mark is filled
      tracker draft report.html --json | jq '.places[] | select(.status == "ambiguous")'
    """
    import sys

    from ..drafting.draft import MAX_INPUT_CHARS, draft_events
    from ..files.outputs import check_output, write_text

    inputs = [article] if str(article) != "-" else []
    if output is not None:
        check_output(output, force=force, inputs=inputs)
    if str(article) == "-":
        text: Any = sys.stdin.read(MAX_INPUT_CHARS + 1)  # one more: an article over the limit is refused
    else:
        text = article
    result = draft_events(text, published=published.date() if published else None, url=url,
                          gazetteer=_gazetteer(False))
    body = safety.json_safe(json.dumps(result.to_dict(), ensure_ascii=False, indent=2)) + "\n" if as_json else \
        result.to_yaml()
    if output is None:
        click.echo(safety.terminal_safe(body), nl=False)
        where = "the draft above"
    else:
        write_text(output, body, force=force, inputs=inputs)
        where = str(output)
    count = len(result.records)
    click.echo(
        f"{count} record{'s' * (count != 1)} drafted, {result.marks} value{'s' * (result.marks != 1)} marked REVIEW; "
        f"next: fill them in {where}, then tracker validate and tracker add it",
        err=True,
    )


@main.command()
@_paths
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to write: .parquet (GeoParquet), .csv (geometry as WKT), .geojson or .kml (an "
              "existing file only with --force).")
@_force
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only events that may fall on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only events that may fall on or before this date.")
@click.option("--actor", help="Only events involving this actor.")
@click.option("--region", help="Only events in this shipped country (name or ISO code), or in a box "
              "WEST,SOUTH,EAST,NORTH.")
@click.option("--raw-csv", is_flag=True, help="Write CSV cells as they are: by default a cell beginning with =, +, "
              "-, @, a tab or a carriage return (not a number) gets a ' in front, so a spreadsheet does not run it.")
def export(paths: tuple[Path, ...], output: Path, force: bool, since: Any, until: Any, actor: str | None,
           region: str | None, raw_csv: bool) -> None:
    """Write the events of PATHS (default ./events; record folders or files, or event tables) to a file
    GIS tools read.

    Each event is one feature: its area where it has one, else its point, with every key of the record
    as a property (nested keys as JSON in CSV and GeoParquet). GeoJSON written here reads back into the
    same records. In CSV, text that a spreadsheet would run as a formula (=, +, -, @...) gets a ' in
    front (OWASP's advice against CSV injection); tracker reads it back without; --raw-csv turns it off.

    \b
    Examples:
      tracker export -o events.geojson
      tracker export syria-2017.parquet --since 2017-05-01 --actor "Islamic State (Syria)" -o may.kml
      tracker export events --region Iraq -o iraq.csv
    """
    from ..tables.formats import check_table_output
    from ..tables.table import EventTable, parse_region

    sources = _roots(paths)
    check_table_output(output, force=force, inputs=sources)
    table = EventTable.read_many(sources)
    count = len(table)
    table = table.select(since.date() if since else None, until.date() if until else None, actor)
    if region:
        table = table.within(parse_region(region))
    with safety.raw_csv() if raw_csv else contextlib.nullcontext():
        table.write(output, progress=True, force=force, inputs=sources)
    click.echo(f"wrote {len(table):,} of {count:,} events to {output}")
    readable = output.suffix.lower() in (".parquet", ".csv", ".geojson", ".json")
    click.echo(f"next: open {output} in QGIS" + (f", or tracker map {output} --offline" if readable else ""))


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

    With --json each record also gives its area's basis (reported, assessed, reconstructed or
    reference; null without an area). Invalid records are reported on stderr and left out; the exit
    status is then 1.

    \b
    Examples:
      tracker list
      tracker list --json | jq -r '.[] | select(.claims > 0) | .id'
      tracker list --json | jq -r '.[] | select(.basis == "reconstructed") | .id'
    """
    events, problems = read_events(_roots(paths), progress=True)
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
                "basis": e.area.source_basis if e.area is not None else None,
            }
            for e in events
        ]
        click.echo(safety.json_safe(json.dumps(rows, ensure_ascii=False, indent=2)))
    else:
        header = ("id", "date", "type", "location", "claims")
        rows_text = [(e.id, _date(e), e.type, _location(e), str(len(e.claims))) for e in events]
        click.echo(_table(header, rows_text))
        click.echo(f"{len(events)} record{'s' * (len(events) != 1)}")
    raise SystemExit(1 if problems else 0)


@main.command()
@_paths
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array: one object per claim.")
@click.option("--strict", is_flag=True, help="Exit 1 when any claim is overstated, understated, contradicted "
              "or impossible (never for undetermined or unverifiable).")
@_online
@click.option("--control", type=click.Path(file_okay=False, path_type=Path), default=Path("control"),
              show_default=True, help="Control layers: a claim whose window they cover gets a verdict per assessor.")
def check(paths: tuple[Path, ...], as_json: bool, strict: bool, online: bool, control: Path) -> None:
    """Check the claims of the records in PATHS (default ./events) against geodesic geometry.

    Areas, distances and bearings are measured on the WGS84 ellipsoid; each claim gets a verdict
    (consistent, overstated, understated, impossible, holds, contradicted, undetermined or
    unverifiable) and one sentence saying why, printed under its row. undetermined: there is
    evidence, but it cannot decide the claim (a lower bound the claim exceeds, a location whose
    uncertainty straddles the rule, a claim that restates the record's own geometry). A record
    naming a place that cannot be resolved is reported on stderr and the others are still checked.

    \b
    Examples:
      tracker check
      tracker check --strict events/badiyeh-advance-east-of-tadmur.yaml
      tracker check --json | jq '.[] | select(.verdict == "overstated") | .explanation'
    """
    import warnings

    from ..claims.check import check_claims

    events, problems = read_events(_roots(paths), progress=True, claimed_only=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = check_claims(events, _gazetteer(online))
    _report([*problems, *report.problems])
    for warning in caught:
        click.echo(safety.terminal_safe(f"warning: {warning.message}"), err=True)
    from ..control.assess import outcome  # assessed gains, per assessor, where control layers cover a claim

    results, summary, failed = outcome(report, events, control)
    if as_json:
        click.echo(safety.json_safe(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2)))
    else:
        rows = [
            (r.event, str(r.index), r.kind, _claimed(r.claimed, r.unit), _measured(r.measured, r.unit), r.verdict)
            for r in results
        ]
        table = _table(("event", "claim", "kind", "claimed", "measured", "verdict"), rows)
        explanations = [safety.terminal_safe(r.explanation) for r in results]
        click.echo(_with_explanations(table, explanations))
        click.echo(safety.terminal_safe(summary))
    raise SystemExit(1 if (problems or report.problems) or (strict and failed) else 0)


def _with_explanations(table: str, explanations: Sequence[str]) -> str:
    """The table with each row's explanation wrapped beneath it, indented, as wide as the table."""
    import textwrap

    lines = table.splitlines()
    width = max(60, *(len(line) for line in lines))
    out = lines[:2]
    for row, explanation in zip(lines[2:], explanations, strict=True):
        out.append(row)
        out += textwrap.wrap(explanation, width, initial_indent="    ", subsequent_indent="    ",
                             break_on_hyphens=False)
    return "\n".join(out)


def _claimed(value: object, unit: str | None) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,g} {unit}" if unit and unit not in ("share", "degrees") else f"{value:,g}"
    return str(value)


def _measured(value: float | None, unit: str | None) -> str:
    if value is None:
        return "-"
    if unit == "share":
        return f"{value:.0%}"
    if unit == "degrees":
        return f"{value:.0f}°"
    return f"{value:,.4g} {unit}" if value < 1000 else f"{value:,.0f} {unit}"


@main.command(name="map")
@_paths
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("map.html"),
              show_default=True, help="The HTML file to write (an existing file only with --force).")
@_force
@click.option("--offline", is_flag=True, help="Inline Leaflet and draw no tiles: the file makes no network request.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only events that may fall on or after this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only events that may fall on or before this date.")
@click.option("--actor", help="Only events involving this actor.")
@click.option("--compare", nargs=2, type=click.DateTime(["%Y-%m-%d"]), metavar="DATE1 DATE2",
              help="Two synchronised panes: what was claimed by DATE1, and by DATE2.")
@_online
@click.option("--control", type=click.Path(file_okay=False, path_type=Path), default=Path("control"),
              show_default=True, help="Control layers: the ground each assessor says was gained and lost between "
              "the --compare dates, and the claims set against the assessed gains.")
def map_command(paths: tuple[Path, ...], output: Path, force: bool, offline: bool, since: Any, until: Any,
                actor: str | None, compare: Any, online: bool, control: Path) -> None:
    """Draw the records in PATHS (default ./events) on a map: one HTML file.

    A layer per group of actors (a unit under its force, a coalition in each member's, the dozen
    with the most events named and the rest as "other actors"); each claimed area coloured by the
    verdict on its area claim, with a dashed disc of the claimed size beside it; events as dots, with a
    disc of uncertainty for a location known only near a place (precision 2) or as a region (3);
    reference zones; country borders; a legend.
    Popups give the title, dates, actors, sources with their grades, and every claim with its verdict.
    The claims panel charts each group of claims about the same gain against the gains assessed in
    --control; with --compare, the second pane also draws each assessor's gained and lost ground.

    \b
    Examples:
      tracker map
      tracker map --offline -o seed-map.html
      tracker map --since 2017-05-01 --until 2017-06-30 --actor "Syrian Arab Army"
      tracker map --compare 2017-05-01 2017-06-15 -o compare.html
      tracker map --compare 2017-05-08 2017-06-08 --control control/ --offline -o gains.html
    """
    from ..files.outputs import check_output
    from ..maps.render import read_points, render_comparison, render_map, write_map

    sources = _roots(paths)
    check_output(output, force=force, inputs=sources)
    events, points, problems = read_points(sources, progress=True)  # a large table's plain points as columns
    _report(problems)
    if not events and not len(points):
        fix = "fix the problem above" if len(problems) == 1 else "fix the problems above"
        raise InputError(
            f"no map written: no record could be read; {fix}" if problems
            else f"no map written: {', '.join(map(str, _roots(paths)))} holds no records"
        )
    try:
        if compare:
            fmap: Any = render_comparison(events, compare[0].date(), compare[1].date(), offline=offline,
                                          actor=actor, gazetteer=_gazetteer(online), control=control, points=points)
        else:
            fmap = render_map(events, offline=offline, since=since.date() if since else None,
                              until=until.date() if until else None, actor=actor, gazetteer=_gazetteer(online),
                              control=control, points=points)
    except RecordError as error:
        _report(error.problems)
        raise InputError(f"no map was written: fix the problem{'s' * (len(error.problems) != 1)} above") from None
    write_map(fmap, output, force=force, inputs=sources)
    shown = len(events) + len(points)
    click.echo(f"wrote {output} ({'offline, ' if offline else ''}{shown} record{'s' * (shown != 1)})")
    click.echo(f"next: open {output} in a browser")
    raise SystemExit(1 if problems else 0)
