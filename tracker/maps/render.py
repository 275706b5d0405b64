"""Maps that compare claimed territorial gains: ``tracker map``.

One HTML file (folium over Leaflet): a layer per group of actors (:mod:`~tracker.maps.actors`) with
its events and the areas they claim, each area coloured by the verdict on its area claim with a disc
of the claimed size beside it, reference zones, country borders that need no tiles, a legend and a
layer control. Every string that comes
from a record is HTML-escaped before it reaches the page. ``offline=True`` inlines Leaflet from the
django-js-lib-leaflet package installed with the project and draws no tiles, so the file makes no
network request at all.

The drawing is in :mod:`~tracker.maps.draw`, the text and panels in :mod:`~tracker.maps.markup`,
the colours in :mod:`~tracker.maps.style`, the scripts in :mod:`~tracker.maps.scripts` and the
inlined Leaflet in :mod:`~tracker.maps.offline`; their public names stay importable from here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..claims.check import CheckReport, check_claims
from ..control.assess import with_assessments
from ..control.changes import RecordChanges, record_changes
from ..control.compare import compare
from ..control.layers import load_series
from ..errors import MapError as MapError  # still importable from here
from ..errors import RecordError
from ..files.outputs import check_output, write_text
from ..records.model import Event
from ..tables.filters import select_events
from .actors import Actors
from .assets import add_script, call
from .changes import changes_html
from .chart import chart_html
from .draw import MIN_VIEW_DEGREES as MIN_VIEW_DEGREES
from .draw import Drawing, draw, fit, root, scene_of
from .gains import Change, assessed_changes
from .markup import Markup, inert, legend_html
from .markup import claim_text as claim_text
from .offline import inline_assets
from .offline import inline_assets as _inline_assets  # the name the benchmarks use
from .points import Points as Points
from .points import read_points as read_points
from .style import AGGREGATE_ABOVE as AGGREGATE_ABOVE
from .style import CELL_DEGREES as CELL_DEGREES
from .style import PALETTE as PALETTE
from .style import TYPE_COLOURS as TYPE_COLOURS
from .style import UNCERTAINTY_M as UNCERTAINTY_M
from .style import VERDICT_COLOURS as VERDICT_COLOURS
from .style import actor_colours

if TYPE_CHECKING:
    import folium
    from branca.element import Figure

    from gazetteer import Gazetteer

    from ..records.collection import EventCollection

__all__ = [
    "AGGREGATE_ABOVE", "CELL_DEGREES", "MIN_VIEW_DEGREES", "PALETTE", "TYPE_COLOURS", "UNCERTAINTY_M",
    "VERDICT_COLOURS", "MapError", "Points", "_inline_assets", "actor_colours", "claim_text", "read_points",
    "render_comparison", "render_map", "requests_in", "select", "write_map",
]


#: The events that may fall in [since, until] and, if ``actor`` is given, that involve it.
select = select_events


def _checked(events: EventCollection, gazetteer: Gazetteer | None) -> CheckReport:
    """The verdicts on every record (areas of other events count); ``RecordError`` with the problems
    :func:`~tracker.claims.check.check_claims` reports (an unknown place, an area that cannot be drawn)
    rather than a map that leaves those records out."""
    report = check_claims(events, gazetteer)
    if report.problems:
        raise RecordError(report.problems)
    return report


def _folder(control: str | Path | None) -> Path | None:
    """The folder of control layers, or ``None`` when there is none."""
    return Path(control) if control is not None and Path(control).is_dir() else None


def _chart(chosen: Iterable[Event], events: EventCollection, report: CheckReport, control: Path | None) -> str:
    """The charts of the groups of claims in ``chosen``, each claim coloured by its verdicts (one per
    assessor whose layers in ``control`` cover it, else the verdict on the records)."""
    groups = compare(chosen, control)
    if not groups:
        return ""
    results = with_assessments(report.results, events, control) if control is not None else report.results
    grades = {series.assessor: series.reliability for series in load_series(control)} if control is not None else {}
    return chart_html(groups, results, grades)


def _chart_panel(chart: str) -> str:
    """The panel of a comparison that holds ``chart`` (none when it is empty), which the reader opens
    and closes by its heading (open on large screens, closed on small ones: ``static/records.js``)."""
    return (f"<details class='tracker-panel tracker-compare-panel'><summary>Claims against assessed gains</summary>"
            f"{chart}</details>") if chart else ""


def _subset(events: EventCollection, chosen: list[Event]) -> EventCollection:
    from ..records.collection import EventCollection

    return EventCollection(chosen, [events.origin(e.id) for e in chosen])


def _actors(events: Iterable[Event], points: Points) -> Actors:
    """The groups of the first actors of ``events`` and ``points`` (see :mod:`~tracker.maps.actors`),
    units and coalitions recognised by every actor name they use."""
    firsts = points.first_counts()
    known = {name for names in points.actors for name in names}
    casts = Counter(tuple(actor.name for actor in event.actors) for event in events)  # most events repeat a cast
    for names, count in casts.items():
        firsts[names[0]] = firsts.get(names[0], 0) + count
        known.update(names)
    return Actors.group(firsts, known)


def render_map(events: EventCollection, *, offline: bool = False, since: dt.date | None = None,
               until: dt.date | None = None, actor: str | None = None,
               gazetteer: Gazetteer | None = None, control: str | Path | None = None,
               points: Points | None = None) -> folium.Map:
    """A folium map of ``events`` and the plain point events ``points`` (a table's, see
    :func:`~tracker.maps.points.read_points`), filtered by date window and actor, their areas and
    verdicts. The claims panel ends with a chart of each group of claims about the same gain, set
    against the gains the assessors' layers in the folder ``control`` give (where it exists).

    ``RecordError`` with the problems :func:`~tracker.claims.check.check_claims` reports (an unknown place,
    an area that cannot be drawn) rather than a map that leaves those records out. The claims are
    checked once; the map draws the geometry they were measured on."""
    import folium

    chosen = _subset(events, select(events, since, until, actor))
    plain = (points or Points.empty()).select(since, until, actor)
    if not len(chosen) and not len(plain):
        raise MapError("no event falls in that window for that actor; widen --since/--until or drop --actor")
    report = _checked(events, gazetteer)
    fmap = folium.Map(tiles=None if offline else "OpenStreetMap", control_scale=True, prefer_canvas=False)
    if offline:
        inline_assets(fmap)
    actors = _actors(chosen, plain)
    folder = _folder(control)
    assessed = with_assessments(report.results, chosen, folder) if folder is not None else []
    drawing = draw(fmap, chosen, report, actors, controls=True, chart=_chart(chosen, events, report, folder),
                   points=plain, assessed=assessed)
    scene_of(root(fmap)).add_to(root(fmap), drawing.bounds)
    return fmap


def _pane(figure: Figure, events: EventCollection, chosen: list[Event], report: CheckReport,
          actors: Actors, day: dt.date, side: str, *, offline: bool,
          changes: Sequence[Change] = (), points: Points | None = None,
          news: RecordChanges | None = None) -> tuple[folium.Map, Drawing]:
    """One half of a comparison: what was claimed by ``day`` over the assessed ``changes``, titled, with
    what is new since the first date (``news``) marked; with the drawing (what it drew)."""
    import folium

    fmap = folium.Map(tiles=None if offline else "OpenStreetMap", control_scale=True, width="50%",
                      left=side, position="absolute")
    fmap.add_to(figure)
    if offline:
        fmap.default_js, fmap.default_css = [], []
    drawing = draw(fmap, _subset(events, chosen), report, actors, controls=False, changes=changes, points=points,
                   news=news)
    shown = len(chosen) + (len(points) if points is not None else 0)
    count = f"{shown} record{'s' * (shown != 1)}"
    root(fmap).html.add_child(Markup(f"<div class='tracker-pane'>claimed by {inert(day)} ({count})</div>"))
    return fmap, drawing


def render_comparison(events: EventCollection, first: dt.date, second: dt.date, *, offline: bool = False,
                      actor: str | None = None, gazetteer: Gazetteer | None = None,
                      control: str | Path | None = None, points: Points | None = None) -> Figure:
    """Two synchronised maps side by side: what each actor had claimed by ``first`` and by ``second``
    (of ``events`` and of the plain point events ``points``).
    The second pane marks what changed (see :func:`~tracker.control.changes.record_changes`): each event
    first dated after ``first`` ringed, each area new or grown since then outlined by a halo, with the
    ground it adds in its popup, and a summary that counts and lists them.
    Where the folder ``control`` holds control layers, the second pane also shows the ground each
    assessor says each actor gained and lost between the two dates, and a panel sets the claims of
    each group against the assessed gains.

    The panes keep in step by ``static/sync.js`` rather than folium's ``DualMap``: that loads the
    Leaflet.Sync plugin from an unversioned CDN address, and no Python or Debian package ships the
    plugin to inline offline (npm's ``leaflet.sync`` does, for what sync.js does in twenty lines); nor
    do the panes share their layers, which is what ``DualMap`` adds."""
    from branca.element import Figure

    if first > second:
        raise MapError(f"--compare {first} {second}: the first date is after the second; give the earlier date "
                       f"first: --compare {second} {first}")
    report = _checked(events, gazetteer)
    figure = Figure()
    everyone = select(events, None, second, actor)
    plain = (points or Points.empty()).select(None, None, actor)
    if not everyone and not len(plain.select(None, second)):
        raise MapError("no event falls before those dates for that actor; choose later dates or drop --actor")
    actors = _actors(everyone, plain.select(None, second))
    folder = _folder(control)
    changes = assessed_changes(folder, first, second, actor) if folder is not None else []
    news = record_changes(events, report, first, second, actor)
    panes = [_pane(figure, events, select(events, None, first, actor), report, actors, first, "0%", offline=offline,
                   points=plain.select(None, first)),
             _pane(figure, events, everyone, report, actors, second, "50%", offline=offline, changes=changes,
                   points=plain.select(None, second), news=news)]
    drawn = [corner for _, drawing in panes for corner in drawing.bounds]
    for pane, _ in panes:  # both open on everything either shows
        fit(pane, drawn)
    scene_of(figure).add_to(figure, drawn)
    drawn_groups = sorted({group for _, drawing in panes for group in drawing.layers})
    looks = actors.styles()
    figure.html.add_child(Markup(legend_html([(actors.names[group], *looks[group]) for group in drawn_groups],
                                             panes[1][1].gains, symbols=set().union(
        *(drawing.drawn() for _, drawing in panes)))))
    figure.html.add_child(Markup(_chart_panel(_chart(everyone, events, report, folder))))
    more = len(plain.select(None, second)) - len(plain.select(None, first))  # the table's new rows
    figure.html.add_child(Markup(changes_html(news, more)))
    if offline:
        inline_assets(panes[0][0])
    add_script(figure, "sync.js")
    figure.script.add_child(Markup(call("syncPanes", [pane.get_name() for pane, _ in panes])))
    return figure


def write_map(fmap: folium.Map | Figure, path: str | Path, *, force: bool = False,
              inputs: Iterable[str | Path] = ()) -> Path:
    """Write the map's HTML to ``path`` by the output policy of :mod:`tracker.files.outputs`: an existing file
    is replaced only with ``force``, an input (of ``inputs``) never; written to a temporary, then
    renamed."""
    check_output(path, force=force, inputs=inputs)  # before the work of rendering
    return write_text(path, fmap.get_root().render(), force=force, inputs=inputs)


def requests_in(html_text: str) -> list[str]:
    """The addresses an HTML page would fetch: script and link sources, images, CSS ``url(...)``."""
    found = re.findall(r"""<(?:script|link|img)[^>]+(?:src|href)=["']([^"']+)["']""", html_text)
    found += [u for u in re.findall(r"url\(([^)]+)\)", html_text) if not u.startswith(("data:", "#"))]
    found += [u for u in re.findall(r"""['"](https?://[^'"]*\{[sxyz]\}[^'"]*)['"]""", html_text)]
    return [u.strip("'\"") for u in found]
