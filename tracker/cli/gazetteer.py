"""The commands on places: ``tracker geocode``, and the ``tracker gazetteer`` group that adds your own
places to the bundled ones."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gazetteer.errors import PlaceFileError

from .. import text as safety
from ..console import table as _table
from .group import gazetteer_for as _gazetteer
from .group import main
from .group import online as _online
from .group import report as _report

# The commands import what they run inside their bodies, so that `tracker --help` and the other commands
# start without loading it (GeoPandas, pyproj, folium, the article reader, the place importers).


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per name, one per line.")
@click.option("--country", metavar="CC", help="Prefer places in this country (ISO code such as SY or IQ).")
@_online
def geocode(names: tuple[str, ...], as_json: bool, country: str | None, online: bool) -> None:
    """Look up place NAMES in the offline gazetteer, however the news spells them.

    A name may end with its country to settle an ambiguous one ("Sinjar, Iraq"). Exit status 0 when
    every name was found, 1 otherwise (not found, or ambiguous: the candidates are listed).

    \b
    Examples:
      tracker geocode "Deir al-Zour" Boukamal "Tadmur (Palmyra)"
      tracker geocode al-Tanf "Sinjar, Iraq" --json
    """
    matches = _gazetteer(online).resolve_many(list(names), country=country)
    if as_json:
        for match in matches:
            click.echo(safety.json_safe(json.dumps(match.to_dict(), ensure_ascii=False)))
    else:
        rows = []
        for match in matches:
            place = match.place
            if place is not None:
                rows.append((match.query, "found", place.name, f"{place.latitude:.4f}", f"{place.longitude:.4f}",
                             place.country, place.feature, f"{match.score:g}" if match.score is not None else "online"))
            else:
                rows.append((match.query, match.status.replace("_", " "), "", "", "", "", "", ""))
        click.echo(_table(("query", "result", "name", "latitude", "longitude", "country", "feature", "score"), rows))
        for match in matches:
            if not match.found:
                click.echo(safety.terminal_safe(match.explain()), err=True)
    raise SystemExit(0 if all(match.found for match in matches) else 1)


@main.group(name="gazetteer")
def gazetteer_group() -> None:
    """Manage the offline gazetteer: add your own places to the bundled ones.

    The bundled table holds the region's towns and its governorates and provinces. `download` adds
    GeoNames' dump of each country you name, villages included, to your own table ($TRACKER_GAZETTEER, or
    places.tsv in the user data folder), which every command reads with the bundled one; a place both
    know is merged, never doubled (a governorate by its name, wherever each source puts its point).

    A governorate written as one ("Raqqa province", "the province of Homs", "محافظة حمص") is the region,
    a point that stands for an area (kind: region; a drafted record located there gets precision: 3);
    the name alone ("Raqqa") is the town.

    A name that fits several places is ranked, and the first rule that decides by its margin wins: the
    context (a place written with the name, as in "Hajin, Deir ez-Zor", or the record's or article's
    other places: the nearest candidate, within 150 km of them, when the next is 3 times as far, or
    twice as far from a place written with the name, and 5 km further); the kind of place (a capital
    over an admin seat over a town or village over an administrative area, two ranks ahead); the
    population (a town of 10,000 with ten times the next's, or a city of 100,000 among villages of
    unknown size); a town of the bundled table among imported villages. Otherwise the name is
    ambiguous, its candidates listed likeliest first. `tracker geocode --json` and a record's
    `resolved:` say why a place was chosen.

    \b
    Examples:
      tracker gazetteer download SY IQ         GeoNames' dumps of Syria and Iraq, villages included
      tracker gazetteer import SY.txt          a GeoNames country dump
      tracker gazetteer import my-places.csv   name,latitude,longitude[,alternate_names,country,...]

    \b
    With the villages of Syria, Iraq, Jordan and Lebanon in your own table ("..." stands for what is left out):
      $ tracker gazetteer download SY IQ JO LB
      SY: added 9910 place(s), replaced 0, merged 747 into places already known, into .../places.tsv
      IQ: added 21600 place(s), replaced 0, merged 1188 into places already known, into .../places.tsv
      JO: added 1098 place(s), replaced 0, merged 224 into places already known, into .../places.tsv
      LB: added 3142 place(s), replaced 0, merged 259 into places already known, into .../places.tsv
      $ tracker geocode --json "Hajin, Deir ez-Zor"
      {..."name": "Hajīn", ..."reason": "nearest to Deir ez-Zor (95 km; the next is 466 km away)", ...}
      $ tracker geocode --json Raqqa "Raqqa province"
      {..."name": "Ar Raqqah", ..."feature": "populated place (PPL)", ..."kind": "point"}
      {..."name": "Raqqa Governorate", ..."feature": "administrative area (ADM1)", ..."kind": "region"}
      $ tracker geocode --json Homs
      {..."reason": "the only city (775,404 people; the others' populations are unknown, so villages)", ...}
      $ tracker geocode --json Hajin
      {"query": "Hajin", "found": false, ..."candidates": [{"name": "Hajīn", ..."country": "SY", ...},
      {"name": "Saimbeyli", ..."country": "TR", ...}]}
    """


@gazetteer_group.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", type=click.Path(path_type=Path), help="The table to add to "
              "(default: places.tsv in the user data folder, or $TRACKER_GAZETTEER).")
@click.option("--force", is_flag=True, help="Replace an --into file that is not a place table (never FILE itself).")
def gazetteer_import(file: Path, into: Path | None, force: bool) -> None:
    """Add the places of FILE, a GeoNames dump (19 tab-separated columns, like SY.txt) or a CSV with
    a header naming name, latitude and longitude, to your own gazetteer, which extends the bundled one.

    Every row is checked first: if any is bad, each bad line is reported and nothing is written.
    Your table holds at most 100,000 places (every command reads it whole).

    \b
    Examples:
      tracker gazetteer import SY.txt
      tracker gazetteer import places.csv --into events/places.tsv
    """
    from gazetteer.importer import import_places

    try:
        result = import_places(file, into, force=force)
    except PlaceFileError as error:
        _report(error.problems)
        raise SystemExit(1) from None
    merged = f", merged {result.merged} into places already known" if result.merged else ""
    click.echo(f"added {result.added} place(s), replaced {result.replaced}{merged}, from a {result.format} into "
               f"{result.path}")
    click.echo("next: tracker validate (names that failed to resolve may resolve now)")


@gazetteer_group.command(name="download")
@click.argument("countries", nargs=-1, required=True)
@click.option("--into", type=click.Path(path_type=Path), help="The table to add to "
              "(default: places.tsv in the user data folder, or $TRACKER_GAZETTEER).")
@click.option("--force", is_flag=True, help="Replace an --into file that is not a place table.")
def gazetteer_download(countries: tuple[str, ...], into: Path | None, force: bool) -> None:
    """Download GeoNames' dump of each of COUNTRIES (ISO codes: SY IQ JO LB...) and add its places,
    villages included, to your own gazetteer, as `tracker gazetteer import` does: a place already
    known (the same GeoNames id, or the same name and kind within 5 km) is merged, never doubled.

    The dumps come from https://download.geonames.org/export/dump/ (CC BY 4.0, GeoNames), or from
    $TRACKER_GEONAMES_URL.

    \b
    Examples:
      tracker gazetteer download SY IQ
      TRACKER_GEONAMES_URL=http://mirror.example/dump/ tracker gazetteer download JO
    """
    from gazetteer.download import download_countries

    try:
        results = download_countries(countries, into, force=force, progress=True)
    except PlaceFileError as error:
        _report(error.problems)
        raise SystemExit(1) from None
    for code, result in zip(countries, results, strict=True):
        merged = f", merged {result.merged} into places already known" if result.merged else ""
        click.echo(f"{code.upper()}: added {result.added} place(s), replaced {result.replaced}{merged}, into "
                   f"{result.path}")
