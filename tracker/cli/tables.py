"""``tracker import``: a dataset's export (ACLED, UCDP GED) made into an event table or records."""

from __future__ import annotations

from pathlib import Path

import click

from .group import force as _force
from .group import main
from .group import report as _report

# The commands import what they run inside their bodies, so that `tracker --help` and the other commands
# start without loading it (GeoPandas, pyproj, folium, the article reader, the place importers).


def _next_step(output: Path) -> str:
    """What to do with a file just written: only commands that read its format."""
    from ..tables.paths import TABLE_SUFFIXES

    if output.suffix.lower() == ".kml":
        return f"next: open {output} in Google Earth or QGIS"
    if output.suffix.lower() in TABLE_SUFFIXES:
        other = "events.csv" if output.suffix.lower() in (".geojson", ".json") else "events.geojson"
        return f"next: tracker map {output} --offline, or tracker export {output} -o {other}"
    return f"next: tracker check {output}, tracker map {output} --offline, or tracker export {output} -o events.geojson"


@main.command(name="import")
@click.argument("dataset", type=click.Choice(["acled", "ucdp"], case_sensitive=False))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Where to write: a .parquet (GeoParquet), .csv, .geojson or .kml file, or a new folder of "
              "YAML records (an existing output only with --force).")
@_force
@click.option("--encoding", default="utf-8", show_default=True,
              help="The encoding the file was saved in, such as latin-1 or cp1252.")
def import_command(dataset: str, file: Path, output: Path, force: bool, encoding: str) -> None:
    """Import an ACLED or UCDP GED export (CSV) as point events.

    The file is streamed in blocks, with a progress bar. Each row becomes an event: dates, ACLED
    event type, actors, point, and a precision (1 exact, 2 near, 3 region) mapped from ACLED's
    geo_precision or UCDP's where_prec; the dataset's own columns are kept beside, prefixed acled_
    or ucdp_. A row that cannot be read is reported with its line and the reason, and left out;
    the others are imported. Exit status 1 when any row was left out; when none can be read, nothing
    is written. A file not in UTF-8 is refused unless --encoding names its encoding. Refused: a header
    over 65,536 characters or 1,000 columns, a row over 32 MiB.

    \b
    Examples:
      tracker import acled 2017-01-01-2017-12-31-Syria.csv -o syria-2017.parquet
      tracker import ucdp GEDEvent_v25_1.csv -o ged.geojson
      tracker import ucdp ged-syria.csv -o ged-events/        YAML records, 500 per file
    """
    from ..datasets.importing import NothingImported, import_events

    try:
        report = import_events(dataset, file, output, progress=True, encoding=encoding,
                               force=force)
    except NothingImported as error:
        _report(error.report.problems[:50])
        raise
    problems = report.problems
    _report(problems[:50])
    if len(problems) > 50:
        click.echo(f"... and {len(problems) - 50:,} more rows left out", err=True)
    click.echo(report.summary())
    click.echo(_next_step(output))
    raise SystemExit(1 if problems else 0)
