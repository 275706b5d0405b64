"""Writing a record back in the author's own YAML: comments and quoting kept, keys put in the
documented order (ruamel.yaml's round-trip mode)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import InternalError
from .model import CLAIM_KINDS, KEYS, Event
from .yaml import dump_events, read_bytes

#: Written above ``resolved:`` so that a reader knows where it comes from.
RESOLVED_NOTE = "the gazetteer entry each place name resolved to, written by tracker add"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.representer.ignore_aliases = lambda *_: True  # never &anchors: the loader refuses them
    yaml.preserve_quotes = True
    yaml.width = 4096  # lines as long as the author's: nothing folded
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def stored_yaml(raw: bytes, document: int, record: Event, record_dir: Path, documents: list[Any] | None = None) -> str:
    """The YAML ``tracker add`` writes for ``record``: :func:`normalised_yaml` when it reads back as the
    same record, else the plain form of :func:`~tracker.records.yaml.dump_events` (which loses the comments).

    ``record_dir`` is where the record's ``geojson:`` path starts from.
    """
    for text in (normalised_yaml(raw, document, record, documents), dump_events([record])):
        records, problems = read_bytes(text.encode("utf-8"), f"{record.id}.yaml", record_dir, record_dir)
        if not problems and len(records) == 1 and records[0][0] == record:
            return text
    raise InternalError(
        f"internal error: the YAML made for {record.id!r} does not read back as the same record, so nothing "
        "was written; please report it with the input file"
    )


def read_documents(raw: bytes) -> list[Any]:
    """The documents of YAML text, as ruamel.yaml's round-trip loader reads them (with comments)."""
    return list(_yaml().load_all(raw.decode("utf-8-sig"))) if raw else []


def normalised_yaml(raw: bytes, document: int, record: Event, documents: list[Any] | None = None) -> str:
    """Record ``record`` as YAML, starting from document ``document`` of the author's text ``raw``:
    its comments and quoting are kept, its keys put in the documented order, and ``id``, the canonical
    ``type`` and ``resolved`` set from ``record``.

    >>> from tracker.records.model import Event, Resolved
    >>> raw = b"# from the 9 June report\\ntitle: Border reached  # their words\\ndate: 2017-06-09\\n" \\
    ...       b"type: battle\\nactors: [Syrian Arab Army]\\nlocation: Tadmur\\n"
    >>> record = Event.model_validate({"id": "border-2017-06-09", "date": "2017-06-09", "title": "Border reached",
    ...     "type": "Battles", "actors": ["Syrian Arab Army"], "location": "Tadmur", "resolved": {"Tadmur":
    ...     {"entry": "geonames:170899", "name": "Tadmur", "lat": 34.56, "lon": 38.28, "country": "SY", "score": 100}}})
    >>> print(normalised_yaml(raw, 0, record), end="")
    # from the 9 June report
    id: border-2017-06-09
    date: 2017-06-09
    title: Border reached  # their words
    type: Battles
    actors: [Syrian Arab Army]
    location: Tadmur
    # the gazetteer entry each place name resolved to, written by tracker add
    resolved:
      Tadmur: {entry: geonames:170899, name: Tadmur, lat: 34.56, lon: 38.28, country: SY, score: 100}
    """
    documents = read_documents(raw) if documents is None else documents  # read once per file by the caller
    found = documents[document] if document < len(documents) else None
    source = found if isinstance(found, CommentedMap) else CommentedMap(record.to_dict())
    # ruamel.yaml ties a comment on a line of its own to the entry above it: reordering would carry it
    # to the wrong key, so a record with such comments keeps the author's order
    order: _Order = _as_written if _line_comments(source) else _ordered
    data = order(source, KEYS["event"])
    _set_id(data, source, record.id)
    _set_type(data, record)
    _order_parts(data, order)
    _set_resolved(data, record)
    data = order(data, KEYS["event"])  # keys set above go to their places
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return _with_header(stream.getvalue(), raw, document)


_Order = Callable[[CommentedMap, Sequence[str]], CommentedMap]


def _as_written(mapping: CommentedMap, order: Sequence[str]) -> CommentedMap:
    """``mapping`` with its keys in the author's order."""
    return mapping


def _set_id(data: CommentedMap, source: CommentedMap, event_id: str) -> None:
    """The record's id, first when the author left it out (below the file's opening comment)."""
    if data.get("id") == event_id:
        return
    if "id" in data:
        data["id"] = event_id
        return
    data.insert(0, "id", event_id)
    if source.ca.comment:  # keep the file's opening comment above the first key
        data.ca.comment = source.ca.comment


def _set_type(data: CommentedMap, record: Event) -> None:
    """The canonical type, and the sub-type a legacy type named, right after it."""
    data["type"] = record.type
    if record.sub_type is not None and "sub_type" not in data:
        data.insert(list(data).index("type") + 1, "sub_type", record.sub_type)
    elif record.sub_type is not None:
        data["sub_type"] = record.sub_type


def _order_parts(data: CommentedMap, order: _Order) -> None:
    """The keys of each claim, source, area, circle and date range in the documented order."""
    for index, claim in _mappings(data.get("claims")):
        kind = next((k for k in CLAIM_KINDS if k in claim), None)
        if kind:
            data["claims"][index] = order(claim, (kind, *KEYS[f"claim:{kind}"]))
    for index, item in _mappings(data.get("sources")):
        data["sources"][index] = order(item, KEYS["source"])
    for key in ("area", "date"):
        if isinstance(data.get(key), CommentedMap):
            data[key] = order(data[key], KEYS[key])
    area = data.get("area")
    if isinstance(area, CommentedMap) and isinstance(area.get("circle"), CommentedMap):
        area["circle"] = order(area["circle"], KEYS["circle"])


def _mappings(value: Any) -> list[tuple[int, CommentedMap]]:
    """The items of a YAML list that are mappings, with their places in it (none when ``value`` is not
    a list)."""
    if not isinstance(value, CommentedSeq):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, CommentedMap)]


def _set_resolved(data: CommentedMap, record: Event) -> None:
    """``resolved:`` as the record holds it, one flow mapping per name, under a note saying where it
    comes from."""
    data.pop("resolved", None)
    if not record.resolved:
        return
    resolved = CommentedMap()
    for name, entry in record.resolved.items():
        row = CommentedMap(_plain_numbers(entry.model_dump(exclude_none=True)))
        row.fa.set_flow_style()
        resolved[name] = row
    data["resolved"] = resolved
    data.yaml_set_comment_before_after_key("resolved", before=RESOLVED_NOTE)


def _with_header(text: str, raw: bytes, document: int) -> str:
    """``text`` with the comment above the stream's first ``---`` kept on top (for the first document)."""
    header = re.match(r"((?:[ \t]*#[^\n]*\n|[ \t]*\n)+)---", raw.decode("utf-8-sig")) if document == 0 else None
    if header and header.group(1).strip() and header.group(1).strip() not in text:
        return header.group(1) + text
    return text


def _line_comments(node: Any) -> bool:
    """Whether a mapping or list, or any inside it, holds a comment on a line of its own between its
    entries."""
    if isinstance(node, CommentedMap | CommentedSeq):
        for tokens in node.ca.items.values():
            for token in _flat(tokens):
                if re.search(r"\n[ \t]*#", getattr(token, "value", "") or ""):
                    return True
        return any(_line_comments(child) for child in (node.values() if isinstance(node, CommentedMap) else node))
    return False


def _flat(tokens: Any) -> list[Any]:
    found: list[Any] = []
    for token in tokens or []:
        found.extend(_flat(token) if isinstance(token, list) else [token])
    return found


def _plain_numbers(values: dict[str, Any]) -> dict[str, Any]:
    return {key: int(v) if isinstance(v, float) and v.is_integer() else v for key, v in values.items()}


def _ordered(mapping: CommentedMap, order: Sequence[str]) -> CommentedMap:
    """``mapping`` with its keys in ``order`` (unknown ones after); each key keeps its comments."""
    keys = list(mapping)
    wanted = [key for key in order if key in mapping] + [key for key in keys if key not in order]
    if wanted == keys:
        return mapping
    ordered = CommentedMap()
    if mapping.ca.comment:
        ordered.ca.comment = mapping.ca.comment
    for key in wanted:
        ordered[key] = mapping[key]
        if key in mapping.ca.items:
            ordered.ca.items[key] = mapping.ca.items[key]
    if mapping.fa.flow_style():
        ordered.fa.set_flow_style()
    return ordered
