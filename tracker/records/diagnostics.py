"""Turn pydantic's validation errors into :class:`~tracker.errors.Problem` s a person can act on.

Validation runs on plain data, fast; only when it fails is the file composed again into YAML nodes,
to find the line and column of each bad key or value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import Problem
from .model import CLAIM_KINDS, KEYS, did_you_mean, explain_date

Loc = Sequence[str | int]

#: What a record must hold (the id is optional: made of the title and date when left out).
REQUIRED_KEYS_HINT = (
    "a record needs date, title, type, actors and location; its id, when left out, is made of its title and date"
)
_REQUIRED_HINT = {
    "event": REQUIRED_KEYS_HINT,
    "circle": "a circle is {center: PLACE, radius: 55 km}",
    "coordinates": "a point is {lat: 34.56, lon: 38.28}",
    "date": "a date range is {start: 2017-05-08, end: 2017-06-08}",
    "claim:total_area": "a total_area claim also needs actor: and since:",
    "claim:distance": "a distance claim also needs to: (a place or an event id)",
    "claim:direction": "a direction claim also needs of: (the place it is measured from)",
}
_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}


def _type_name(value: Any) -> str:
    return "nothing" if value is None else _TYPE_NAMES.get(type(value), type(value).__name__)


#: The part of a record an item of a list is, by the list's key (a claim's part also names its kind).
_ITEM_PARTS = {"sources": "source", "actors": "actor"}
#: The part of a record each entry of a mapping of names is, by the mapping's key.
_ENTRY_PARTS = {"resolved": "resolved"}
#: The parts of a record named by the key that holds them.
_KEYED_PARTS = ("area", "circle", "date")


def part_at(path: Loc, value: Any) -> str:
    """Which part of a record (a key of ``model.KEYS``) the mapping at ``path`` is; ``value`` is its
    plain form (a claim's keys say its kind).

    >>> part_at([], None), part_at(["claims", 0], {"area": None}), part_at(["area", "circle"], None)
    ('event', 'claim:area', 'circle')
    >>> part_at(["resolved", "Tadmur"], None), part_at(["location"], None)
    ('resolved', 'coordinates')
    """
    if not path:
        return "event"
    last = path[-1]
    parent = str(path[-2]) if len(path) > 1 else None
    if isinstance(last, int):
        return _claim_part(value) if parent == "claims" else _ITEM_PARTS.get(str(parent), "coordinates")
    if parent in _ENTRY_PARTS:
        return _ENTRY_PARTS[parent]
    return str(last) if last in _KEYED_PARTS else "coordinates"


def _claim_part(value: Any) -> str:
    kinds = [kind for kind in CLAIM_KINDS if isinstance(value, dict) and kind in value]
    return f"claim:{kinds[0]}" if len(kinds) == 1 else "claim"


def _read_as(given: Any) -> str | None:
    """What YAML made of an unquoted value that was meant as text ('true/false', 'a number'...)."""
    if given is None:
        return "nothing"
    if isinstance(given, bool):
        return "true/false"
    if isinstance(given, int | float):
        return "a number"
    return None if isinstance(given, str | list | dict) else "a date" if hasattr(given, "isoformat") else None


@dataclass(frozen=True)
class _Failure:
    """One validation error with what its message is made of: pydantic's ``type`` (``kind``), the
    value given, the path walked to it, the plain form of the mapping holding it, and the value's text
    as written when it is a plain YAML scalar."""

    kind: str
    given: Any
    ctx: dict[str, Any]
    msg: str
    path: Loc
    parent_value: Any
    raw: str | None

    @property
    def part(self) -> str:
        """The part of a record (a key of ``model.KEYS``) whose key or value is wrong."""
        return part_at(self.path[:-1], self.parent_value)

    @property
    def key(self) -> str | int:
        return self.path[-1]


def _kind_keys(failure: _Failure) -> str:
    kinds = [k for k in CLAIM_KINDS if k in failure.given]
    if kinds:
        return f"a claim has one kind; this one has {len(kinds)} ({', '.join(kinds)}): split it"
    return failure.msg + next(filter(None, (did_you_mean(key, CLAIM_KINDS) for key in failure.given)), "")


def _unknown_key(failure: _Failure) -> str:
    key = str(failure.key)
    known = KEYS.get(failure.part, ())
    hint = did_you_mean(key, known) or (f"; expected one of: {', '.join(known)}" if known else "")
    return f"unknown key {key!r}{hint}"


def _missing_key(failure: _Failure) -> str:
    required = _REQUIRED_HINT.get(failure.part)
    return f"missing required key {failure.key!r}" + (f"; {required}" if required else "")


def _not_a_date(failure: _Failure) -> str:
    return explain_date(failure.given)


def _empty(failure: _Failure) -> str:
    return f"{failure.key if failure.path else 'the value'} is empty"


def _unquoted(failure: _Failure, expected: str) -> str | None:
    """For an unquoted ``yes``, ``1917`` or ``~`` that was meant as text: what YAML made of it."""
    read_as = _read_as(failure.given)
    if failure.raw and read_as:
        return f'expected {expected}, got {failure.raw}, which YAML reads as {read_as}; write "{failure.raw}" in quotes'
    return None


def _not_text(failure: _Failure) -> str:
    return _unquoted(failure, "text") or f"expected text, got {_type_name(failure.given)} {failure.given!r}"


def _out_of_range(failure: _Failure) -> str:
    if not failure.path or failure.key not in ("lat", "lon"):
        return _not_a_number(failure)
    if failure.key == "lon":
        return f"longitude {failure.given} is outside -180..180"
    swapped = "; are latitude and longitude swapped?" if -180 <= float(failure.given or 0) <= 180 else ""
    return f"latitude {failure.given} is outside -90..90{swapped}"


def _not_listed(failure: _Failure) -> str:
    return f"expected {failure.ctx.get('expected')}, got {failure.given!r}"


def _too_few(failure: _Failure) -> str:
    return f"needs at least {failure.ctx.get('min_length')} item(s), got {failure.ctx.get('actual_length')}"


def _not_a_list(failure: _Failure) -> str:
    return f"expected a list (lines starting with '- ', or [a, b]), got {_type_name(failure.given)}"


def _not_a_mapping(failure: _Failure) -> str:
    given = f"{_type_name(failure.given)} {failure.given!r}"
    if len(failure.path) > 1 and failure.path[-2] == "actors":  # a name, or a mapping with its side
        return _unquoted(failure, "a name") or f"expected a name, or {{name: ..., side: ...}}, got {given}"
    return f"expected a mapping (key: value lines), got {given}"


def _not_a_number(failure: _Failure) -> str:
    return f"{failure.msg.replace('Input should be', 'expected a number')}, got {failure.given!r}"


def _pydantic_words(failure: _Failure) -> str:
    return f"{failure.msg}, got {failure.given!r}"


#: How each kind of pydantic error is worded, by its ``type``; then by the start of its ``type``.
_WORDING: dict[str, Callable[[_Failure], str]] = {
    "extra_forbidden": _unknown_key,
    "missing": _missing_key,
    "string_too_short": _empty,
    "string_type": _not_text,
    "greater_than_equal": _out_of_range,
    "less_than_equal": _out_of_range,
    "greater_than": _not_a_number,
    "literal_error": _not_listed,
    "too_short": _too_few,
    "tuple_type": _not_a_list,
    "list_type": _not_a_list,
    "model_type": _not_a_mapping,
    "model_attributes_type": _not_a_mapping,
    "dict_type": _not_a_mapping,
}
_WORDING_BY_START: dict[str, Callable[[_Failure], str]] = {
    "date": _not_a_date,
    "int": _not_a_number,
    "float": _not_a_number,
}


def _message(error: ErrorDetails, path: Loc, parent_value: Any, raw: str | None = None) -> str:
    """The words for one of pydantic's ``error`` at ``path``: the message a check of ours gave (in
    its context), else the wording of its kind."""
    ctx = error.get("ctx") or {}
    failure = _Failure(error["type"], error.get("input"), ctx, str(error["msg"]), path, parent_value, raw)
    if failure.kind == "claim_kind" and isinstance(failure.given, dict):
        return _kind_keys(failure)
    if "msg" in ctx:
        return str(ctx["msg"])
    start = failure.kind.split("_", 1)[0] if "_" in failure.kind else None
    wording = _WORDING.get(failure.kind) or _WORDING_BY_START.get(start or "") or _pydantic_words
    return wording(failure)


def walk(node: yaml.Node | None, loc: Loc) -> tuple[list[str | int], yaml.Node | None, yaml.Node | None]:
    """Follow ``loc`` down the YAML nodes, skipping pydantic's union tags.

    Returns the path actually walked, the deepest node reached, and the key node of the last step
    (for errors about a key rather than its value).
    """
    path: list[str | int] = []
    key_node = None
    for step in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            for k, v in node.value:
                if k.value == step:
                    path.append(step)
                    node, key_node = v, k
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            path.append(step)
            node, key_node = node.value[step], None
    return path, node, key_node


def _plain(node: yaml.Node | None) -> Any:
    """A shallow plain form of a node: enough to name a mapping's keys."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: None for k, _ in node.value}
    return None


_PLACE_KEYS = ("location", "center", "to", "of")


def _without_tags(loc: Loc) -> list[str | int]:
    """``loc`` without the tags pydantic adds after a discriminated union (a claim's kind, a place's
    form, a date's form), which can share their names with real keys."""
    kept: list[str | int] = []
    for i, step in enumerate(loc):
        before = loc[i - 1] if i else None
        holder = (
            before in _PLACE_KEYS
            or before == "date"
            or (isinstance(before, int) and i >= 2 and loc[i - 2] in ("claims", "hull"))
        )
        if not (holder and isinstance(step, str)):
            kept.append(step)
    return kept


def _covered(detail: ErrorDetails, loc: list[str | int], details: list[ErrorDetails]) -> bool:
    """Whether another error of the record says more than ``detail``: a missing id beside a wrong title
    or date (the id is made of those two), or a list too short beside errors of its own items
    (pydantic counts only the items that were valid)."""
    if detail["type"] == "missing" and loc == ["id"]:
        return any(_without_tags(other["loc"])[:1] in (["title"], ["date"]) for other in details)
    return detail["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and _without_tags(other["loc"])[: len(loc)] == loc for other in details
    )


def _key_target(kind: str, loc: list[str | int], node: yaml.Node | None) -> tuple[list[str | int], Any, Any]:
    """For a missing or unknown key: its path, the node to point at (the mapping that lacks it, or
    the unknown key itself), and the plain form of that mapping."""
    *parents, last = loc
    walked, parent_node, _ = walk(node, parents)
    target = parent_node
    if kind == "extra_forbidden":
        target = next((k for k, _ in getattr(parent_node, "value", []) if k.value == last), parent_node)
    return [*walked, last], target, _plain(parent_node)


def _value_target(loc: list[str | int], at: Any, node: yaml.Node | None) -> tuple[list[str | int], Any, Any]:
    """For a wrong value: its path, its node (or the key named by the check's ``at``), and the plain
    form of the mapping holding it."""
    steps = list(at) if isinstance(at, list | tuple) else [at] if at else []
    walked, target, key_node = walk(node, [*loc, *steps])
    if at and walked and walked[-1] == steps[-1] and key_node is not None:
        target = key_node
    parents_node = walk(node, walked[:-1])[1] if walked else node
    return walked, target, _plain(parents_node)


def problems_from(error: ValidationError, file: str, node: yaml.Node | None) -> Iterator[Problem]:
    """Located problems for one record's validation ``error``; ``node`` is the record's YAML node.

    A missing id is not reported when the title or the date is wrong: the id is made of those two; nor
    is a list too short when its items have errors of their own.
    """
    details = error.errors(include_url=False)
    for detail in details:
        loc = _without_tags(detail["loc"])
        if _covered(detail, loc, details):
            continue
        if detail["type"] in ("missing", "extra_forbidden"):
            path, target, parent_value = _key_target(detail["type"], loc, node)
        else:
            path, target, parent_value = _value_target(loc, (detail.get("ctx") or {}).get("at"), node)
        raw = target.value if isinstance(target, yaml.ScalarNode) and not target.style else None
        line, column = _line_column(target)
        yield Problem(file, line, column, field_path(path), _message(detail, path, parent_value, raw))


def _line_column(node: Any) -> tuple[int | None, int | None]:
    """Where ``node`` starts in its file, counted from 1 (``None`` when there is no node)."""
    mark = getattr(node, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark else (None, None)


def field_path(path: Loc) -> str:
    """``['claims', 0, 'area']`` -> ``'claims[0].area'``.

    >>> field_path(["claims", 0, "area"])
    'claims[0].area'
    >>> field_path([])
    ''
    """
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
