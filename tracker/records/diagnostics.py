"""Turn pydantic's validation errors into :class:`~tracker.errors.Problem` s a person can act on.

Validation runs on plain data, fast; only when it fails is the file composed again into YAML nodes,
to find the line and column of each bad key or value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
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


def part_at(path: Loc, value: Any) -> str:
    """Which part of a record (a key of ``model.KEYS``) the mapping at ``path`` is."""
    if not path:
        return "event"
    last = path[-1]
    parent = path[-2] if len(path) > 1 else None
    if isinstance(last, int):
        if parent == "claims":
            kinds = [kind for kind in CLAIM_KINDS if isinstance(value, dict) and kind in value]
            return f"claim:{kinds[0]}" if len(kinds) == 1 else "claim"
        return {"sources": "source", "actors": "actor"}.get(str(parent), "coordinates")
    if parent == "resolved":
        return "resolved"
    if last in ("area", "circle", "date"):
        return str(last)
    return "coordinates"


def _read_as(given: Any) -> str | None:
    """What YAML made of an unquoted value that was meant as text ('true/false', 'a number'...)."""
    if given is None:
        return "nothing"
    if isinstance(given, bool):
        return "true/false"
    if isinstance(given, int | float):
        return "a number"
    return None if isinstance(given, str | list | dict) else "a date" if hasattr(given, "isoformat") else None


def _message(error: ErrorDetails, path: Loc, parent_value: Any, raw: str | None = None) -> str:
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "claim_kind" and isinstance(given, dict):
        kinds = [k for k in CLAIM_KINDS if k in given]
        if kinds:
            return f"a claim has one kind; this one has {len(kinds)} ({', '.join(kinds)}): split it"
        return str(error["msg"]) + next(filter(None, (did_you_mean(key, CLAIM_KINDS) for key in given)), "")
    if "msg" in ctx:
        return str(ctx["msg"])
    part = part_at(path[:-1], parent_value)
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = KEYS.get(part, ())
        hint = did_you_mean(key, known) or (f"; expected one of: {', '.join(known)}" if known else "")
        return f"unknown key {key!r}{hint}"
    if kind == "missing":
        required = _REQUIRED_HINT.get(part)
        return f"missing required key {path[-1]!r}" + (f"; {required}" if required else "")
    if kind.startswith("date_"):
        return explain_date(given)
    if kind == "string_too_short":
        return f"{path[-1] if path else 'the value'} is empty"
    if kind == "string_type":
        read_as = _read_as(given)
        if raw and read_as:  # an unquoted `yes`, `1917` or `~` that was meant as text
            return f'expected text, got {raw}, which YAML reads as {read_as}; write "{raw}" in quotes'
        return f"expected text, got {_type_name(given)} {given!r}"
    if path and path[-1] in ("lat", "lon") and kind in ("greater_than_equal", "less_than_equal"):
        if path[-1] == "lon":
            return f"longitude {given} is outside -180..180"
        swapped = "; are latitude and longitude swapped?" if -180 <= float(given or 0) <= 180 else ""
        return f"latitude {given} is outside -90..90{swapped}"
    if kind == "literal_error":
        return f"expected {ctx.get('expected')}, got {given!r}"
    if kind in ("too_short",):
        return f"needs at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list (lines starting with '- ', or [a, b]), got {_type_name(given)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if len(path) > 1 and path[-2] == "actors":  # an actor is a name, or a mapping with its side
            read_as = _read_as(given)
            if raw and read_as:
                return f'expected a name, got {raw}, which YAML reads as {read_as}; write "{raw}" in quotes'
            return f"expected a name, or {{name: ..., side: ...}}, got {_type_name(given)} {given!r}"
        return f"expected a mapping (key: value lines), got {_type_name(given)} {given!r}"
    if kind.startswith(("int_", "float_")) or kind in ("greater_than", "less_than_equal", "greater_than_equal"):
        return f"{error['msg'].replace('Input should be', 'expected a number')}, got {given!r}"
    return f"{error['msg']}, got {given!r}"


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


def problems_from(error: ValidationError, file: str, node: yaml.Node | None) -> Iterator[Problem]:
    """Located problems for one record's validation ``error``; ``node`` is the record's YAML node.

    A missing id is not reported when the title or the date is wrong: the id is made of those two; nor
    is a list too short when its items have errors of their own.
    """
    details = error.errors(include_url=False)
    made_of = {loc[0] for loc in (_without_tags(d["loc"]) for d in details) if loc and loc[0] in ("title", "date")}
    for detail in details:
        loc = _without_tags(detail["loc"])
        if made_of and detail["type"] == "missing" and loc == ["id"]:
            continue
        if detail["type"] == "too_short" and any(
            len(other["loc"]) > len(loc) and _without_tags(other["loc"])[: len(loc)] == loc for other in details
        ):
            continue  # pydantic counts only the items that were valid: their own errors say more
        at = (detail.get("ctx") or {}).get("at")
        if detail["type"] in ("missing", "extra_forbidden"):
            *parents, last = loc
            walked, parent_node, _ = walk(node, parents)
            path = [*walked, last]
            if detail["type"] == "missing":
                target = parent_node
            else:
                target = next((k for k, _ in getattr(parent_node, "value", []) if k.value == last), parent_node)
            parent_value = _plain(parent_node)
        else:
            steps = list(at) if isinstance(at, list | tuple) else [at] if at else []
            walked, target, key_node = walk(node, [*loc, *steps])
            path = walked
            if at and walked and walked[-1] == steps[-1] and key_node is not None:
                target = key_node
            parents_node = walk(node, walked[:-1])[1] if walked else node
            parent_value = _plain(parents_node)
        mark = getattr(target, "start_mark", None)
        plain = isinstance(target, yaml.ScalarNode) and not target.style
        yield Problem(
            file,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
            field_path(path),
            _message(detail, path, parent_value, target.value if plain else None),  # type: ignore[union-attr]
        )


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
