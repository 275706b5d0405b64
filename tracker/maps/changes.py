"""What changed between the two dates of a comparison, on its second pane (see
:mod:`~tracker.control.changes`): the note each new record's popup carries, and the summary that
counts the new events and areas, with the ground they add, and lists them.

Titles come from records: they reach the page only through :func:`~tracker.maps.markup.inert`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markup import inert

if TYPE_CHECKING:
    from ..control.changes import RecordChanges
    from ..records.model import Event

#: The summary lists at most this many new records (it counts them all).
LISTED = 100


def note(changes: RecordChanges, event: Event) -> str | None:
    """What the popup of ``event`` says of it in the second pane (plain text, not yet escaped): how
    its area changed (see :meth:`~tracker.control.changes.AreaChange.text`), or that it is new;
    ``None`` for a record in force by the first date."""
    area = changes.of(event.id)
    if area is not None:
        return area.text(changes.first)
    if any(new.id == event.id for new in changes.new_events):
        return f"new since {changes.first}"
    return None


def _when(event: Event) -> str:
    return str(event.start) if event.start == event.end else f"{event.start} to {event.end}"


def changes_html(changes: RecordChanges, more: int = 0) -> str:
    """The summary of ``changes`` (``more``: new events that are not records, a table's rows), which the
    reader opens by its heading to see the new records listed, with how each area changed."""
    items = []
    for event in changes.new_events[:LISTED]:
        area = changes.of(event.id)
        said = f" <span class='tracker-change'>{inert(area.text(changes.first))}</span>" if area is not None else ""
        items.append(f"<li><span class='tracker-when'>{inert(_when(event))}</span> {inert(event.title)}{said}</li>")
    left = len(changes.new_events) - LISTED
    if left > 0:
        items.append(f"<li>and {left:,} more records</li>")
    if more:
        items.append(f"<li>{more:,} event{'s' * (more != 1)} of the table, counted in this pane</li>")
    heading = f"Since {inert(changes.first)}: {inert(changes.summary(more))}"
    listed = f"<ol>{''.join(items)}</ol>" if items else ""
    return f"<details class='tracker-changes'><summary>{heading}</summary>{listed}</details>"
