"""Reading event records from YAML files and writing them back.

Files are read with libyaml's C loader where PyYAML has it, with YAML's implicit timestamps off (dates
are checked by the record model, which can say *why* 2017-02-30 is not a date). A file is refused,
with its line and column, when it is over :data:`MAX_FILE_BYTES`, not UTF-8, empty, not YAML, or uses
anchors and aliases (which can expand without bound).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import NotRegularFile, Problem
from ..text import not_regular_problem, open_regular
from .diagnostics import REQUIRED_KEYS_HINT, field_path, problems_from, walk
from .model import Event

#: The largest file read, in bytes (1 MiB: some thousand records in one ``---`` stream).
MAX_FILE_BYTES = 1 << 20
#: File name endings read from a folder.
SUFFIXES = (".yaml", ".yml")
#: How ``tracker draft`` marks what a person must fill; a record still holding one is not valid.
DRAFT_MARK = "«REVIEW»"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _without_timestamps(resolvers: dict[Any, list[Any]]) -> dict[Any, list[Any]]:
    return {first: [r for r in rules if r[0] != _TIMESTAMP] for first, rules in resolvers.items()}


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_PLAIN_FLOAT = re.compile(r"[-+]?\d+\.\d+")


#: The longest number a record may hold, in characters (Python refuses integers over 4,300 digits).
MAX_NUMBER_CHARACTERS = 100


class Loader(_BaseLoader):  # type: ignore[misc]
    """PyYAML's safe loader (libyaml's C parser where available) that leaves dates as text and
    builds plain data straight from the nodes.

    The nodes come from libyaml; turning them into dicts, lists and strings here instead of through
    PyYAML's general constructor halves the time a record takes. Aliases, the only way one node can
    appear twice, are refused, so nothing can expand without bound.
    """

    yaml_implicit_resolvers = _without_timestamps(_BaseLoader.yaml_implicit_resolvers)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node: as PyYAML's resolver decides it, without its unused path machinery."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_document(self, node: yaml.Node) -> Any:
        seen: set[int] = set()
        try:
            return self._plain(node, seen)
        finally:
            self.constructed_objects.clear()

    def _plain(self, node: yaml.Node, seen: set[int]) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag in (_MAP, _SEQ):
            if id(node) in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "YAML aliases are not accepted", node.start_mark
                )
            seen.add(id(node))
            if tag == _SEQ:
                return [self._plain(item, seen) for item in node.value]
            data = {}
            for key_node, value_node in node.value:
                key = self._plain(key_node, seen)
                try:
                    if key in data:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"the key {key!r} is given twice in one mapping (the first value would be "
                            "lost); keep one", key_node.start_mark,
                        )
                    data[key] = self._plain(value_node, seen)
                except TypeError:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"a key cannot be a {type(key).__name__}", key_node.start_mark
                    ) from None
            return data
        if tag in (_INT, _FLOAT) and len(node.value) > MAX_NUMBER_CHARACTERS:
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {len(node.value):,} characters is too long; a number in a record has at "
                f"most {MAX_NUMBER_CHARACTERS} (quote it to keep it as text)", node.start_mark,
            )
        if tag == _INT and node.value.isdigit() and (node.value[0] != "0" or node.value == "0"):
            return int(node.value)
        if tag == _FLOAT and _PLAIN_FLOAT.fullmatch(node.value):
            return float(node.value)
        form = _loose_form(node.value, tag)
        if form:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value} is a number written in {form}, which records do not take; write it as a "
                "plain decimal number (like 34.5), or in quotes to keep it as text", node.start_mark,
            )
        return self.construct_object(node, deep=True)  # other numbers, booleans, null; others refused


def _loose_form(text: str, tag: str) -> str | None:
    """The YAML 1.1 spelling of a number other than a plain decimal, or ``None``.

    >>> _loose_form("0x22", _INT), _loose_form("042", _INT), _loose_form("-34.5", _FLOAT)
    ('hexadecimal', 'octal', None)
    """
    if tag not in (_INT, _FLOAT):
        return None
    digits = text.lstrip("+-")
    forms = [(digits.startswith("0x"), "hexadecimal"), (digits.startswith("0b"), "binary"), (":" in digits, "base 60"),
             ("_" in digits, "digits grouped with '_'"),
             (tag == _INT and len(digits) > 1 and digits.startswith("0"), "octal")]
    return next((form for found, form in forms if found), None)


class Dumper(_BaseDumper):  # type: ignore[misc]
    """PyYAML's safe dumper writing dates plain, short lists inline and long text as blocks."""

    yaml_implicit_resolvers = _without_timestamps(_BaseDumper.yaml_implicit_resolvers)


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    inline = all(not isinstance(item, dict | list) for item in items) and len(repr(items)) < 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=inline)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


Dumper.add_representer(list, _represent_list)
Dumper.add_representer(str, _represent_str)


@dataclass(frozen=True)
class Origin:
    """Where a record was read from: its file, the line its document starts on, and which document of
    the file it is (from 0)."""

    file: str
    line: int
    document: int = field(default=0, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


def yaml_files(path: Path) -> list[Path]:
    """The record files under ``path`` (itself if a file), sorted, hidden ones left out."""
    if path.is_file():
        return [path]
    found: list[Path] = []
    for folder, folders, names in os.walk(path):
        folders[:] = [name for name in folders if not name.startswith(".")]
        base = Path(folder)
        found.extend(base / name for name in names if name.endswith(SUFFIXES) and not name.startswith("."))
    return sorted(found)


def read_file(
    path: Path, folder: Path | None = None
) -> tuple[list[tuple[Event, Origin]], list[Problem]]:
    """The records of one YAML file and the problems found in it (all of them, not just the first).

    ``folder`` is the events folder the file belongs to; an area's ``geojson:`` file must lie inside it.
    A record without an id gets one made of its title and first date (see :func:`~tracker.records.model.make_id`).
    """
    file = str(path)
    folder = folder if folder is not None else path.parent
    try:
        with open_regular(path) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                size = os.fstat(stream.fileno()).st_size
                if size <= MAX_FILE_BYTES:  # it gave more than it holds: a device such as /dev/urandom
                    return [], [Problem(file, None, None, "", "not a regular file (a device, a pipe or a socket); "
                                        "a record is a .yaml file: copy the text into one")]
                return [], [
                    Problem(
                        file, None, None, "",
                        f"the file is {size / (1 << 20):.1f} MiB, over the {MAX_FILE_BYTES >> 20} MiB "
                        "limit for one file; split it, one record per file",
                    )
                ]
    except NotRegularFile as error:
        return [], [Problem(file, None, None, "", not_regular_problem(error.kind))]
    except OSError as error:
        return [], [Problem(file, None, None, "", f"cannot read the file: {error.strerror}")]
    return read_bytes(raw, file, folder, path.parent)


def read_bytes(
    raw: bytes, file: str, folder: Path, record_dir: Path
) -> tuple[list[tuple[Event, Origin]], list[Problem]]:
    """The records of YAML text ``raw`` (bytes, as read), named ``file`` in messages, and its problems.

    ``record_dir`` is where an area's ``geojson:`` path starts from, and ``folder`` the folder it must
    stay inside. This is :func:`read_file` for text that does not come from a file (standard input).
    """
    if len(raw) > MAX_FILE_BYTES:
        return [], [
            Problem(
                file, None, None, "",
                f"the text is {len(raw) / (1 << 20):.1f} MiB, over the {MAX_FILE_BYTES >> 20} MiB "
                "limit for one file; split it, one record per file",
            )
        ]
    text, problem = _decode(raw, file)
    if problem:
        return [], [problem]
    if not text.strip():
        empty = f"the file is empty; {REQUIRED_KEYS_HINT}"
        return [], [Problem(file, None, None, "", empty)]
    documents, problem = _parse(text, file)
    if problem:
        return [], [problem]
    if all(document is None for document in documents):
        return [], [Problem(file, 1, 1, "", "the file holds no record, only comments or '---' markers")]
    return _validate(documents, text, file, {"folder": folder, "record_dir": record_dir, "make_ids": True})


def _decode(raw: bytes, file: str) -> tuple[str, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return "", Problem(
            file, line, column, "",
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02x} here); save it as UTF-8, for example "
            f"with `iconv -f WINDOWS-1252 -t UTF-8`",
        )


def _parse(text: str, file: str) -> tuple[list[Any], Problem | None]:
    try:
        if "&" in text or "*" in text:  # only then can there be anchors or aliases
            for event in yaml.parse(text, Loader=Loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    mark: Any = event.start_mark
                    return [], Problem(
                        file, mark.line + 1, mark.column + 1, "",
                        "YAML anchors and aliases (&name, *name) are not accepted, as they can expand "
                        "without bound; write the value out in full",
                    )
        return list(yaml.load_all(text, Loader=Loader)), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(filter(None, [error.context, error.problem]))
        if error.context and error.context_mark and error.problem_mark:
            opened = error.context_mark
            what = f"{error.problem} {error.context} started at line {opened.line + 1}, column {opened.column + 1}"
        hint = "; indent with spaces, not tabs" if "\\t" in what or "tab" in what else ""
        if "mapping values are not allowed" in what:
            hint = "; is a ':' inside a value? Put the value in quotes"
        return [], Problem(
            file, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "",
            f"not valid YAML: {what}{hint}",
        )
    except yaml.reader.ReaderError as error:
        return [], _unacceptable(text, file, error)
    except yaml.YAMLError as error:
        return [], Problem(file, None, None, "", f"not valid YAML: {error}")


def _unacceptable(text: str, file: str, error: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow in a file, as one line with where it stands."""
    code = error.character if isinstance(error.character, int) else ord(error.character)
    where = error.position
    line, column = text.count("\n", 0, where) + 1, where - (text.rfind("\n", 0, where) + 1) + 1
    kind = "a control character" if code < 0x20 or 0x7F <= code < 0xA0 else "a character"
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return Problem(file, line, column, "", f"not valid YAML: {kind} (U+{code:04X}) is not allowed; remove it, or "
                   f"write it as an escape ({escape}) in a double-quoted string")


def _document_lines(text: str, count: int) -> list[int]:
    """The line each of ``count`` documents starts on (from the '---' markers at column 0)."""
    markers = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"^---", text, re.M)]
    if not re.match(r"(?:[ \t]*(?:#[^\n]*)?\n)*---", text):  # content before the first marker
        markers.insert(0, 1)
    return (markers + [markers[-1] if markers else 1] * count)[:count]


def _validate(
    documents: list[Any], text: str, file: str, context: dict[str, Any]
) -> tuple[list[tuple[Event, Origin]], list[Problem]]:
    records: list[tuple[Event, Origin]] = []
    problems: list[Problem] = []
    lines = _document_lines(text, len(documents)) if len(documents) > 1 else [1]
    nodes: list[yaml.Node] | None = None
    for index, document in enumerate(documents):
        if document is None:
            continue
        if not isinstance(document, dict):
            problems.append(
                Problem(
                    file, lines[index], 1, "",
                    f"a record is a mapping of keys (id: ..., date: ...), not {type(document).__name__}",
                )
            )
            continue
        marks = list(_marks(document, ())) if DRAFT_MARK in text else []
        if marks:
            if nodes is None:
                nodes = list(yaml.compose_all(text, Loader=Loader))
            problems.extend(_mark_problems(marks, file, nodes[index]))
        try:
            event = Event.model_validate(document, context=context)
        except ValidationError as error:
            if nodes is None:
                nodes = list(yaml.compose_all(text, Loader=Loader))
            marked = {field_path(path) for path, _ in marks} | ({"id"} if marks else set())  # ids come from titles
            problems.extend(p for p in problems_from(error, file, nodes[index]) if p.field not in marked)
            continue
        if not marks:
            records.append((event, Origin(file, lines[index], index)))
    return records, problems


def _marks(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text of a document that starts with :data:`DRAFT_MARK`, with its path."""
    if isinstance(value, str):
        if value.startswith(DRAFT_MARK):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _marks(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _marks(item, (*path, index))


def _mark_problems(marks: list[tuple[tuple[str | int, ...], str]], file: str, node: yaml.Node) -> Iterator[Problem]:
    for path, text in marks:
        _walked, target, _key = walk(node, path)
        mark = target.start_mark if target is not None else None
        what = text[len(DRAFT_MARK):].strip()
        yield Problem(
            file, mark.line + 1 if mark else None, mark.column + 1 if mark else None, field_path(path),
            f"the draft left this for a person to fill: {what}; replace the mark with the value (or "
            "delete the claim or record it belongs to)",
        )


def position(
    origin: Origin, path: Sequence[str | int], key: bool = False, text: str | None = None
) -> tuple[int | None, int | None]:
    """The line and column of the value at ``path`` (or of its key) in the record at ``origin``;
    ``(None, None)`` for a record that was not read from a file, unless its ``text`` is given.

    Reads the file again: this is for messages about a few records, not for every record.
    """
    if text is None:
        try:
            text = Path(origin.file).read_text(encoding="utf-8-sig")
        except OSError:
            return None, None
    nodes = list(yaml.compose_all(text, Loader=Loader))
    node = nodes[origin.document] if origin.document < len(nodes) else None
    _walked, target, key_node = walk(node, path)
    mark = (key_node if key and key_node is not None else target).start_mark if target is not None else None
    return (mark.line + 1, mark.column + 1) if mark else (origin.line, 1)


def dump_events(events: Iterable[Event]) -> str:
    """The records as YAML: keys in the documented order, several records separated by ``---``.

    >>> from tracker.records.model import Event
    >>> event = Event.model_validate({"id": "a", "date": "2017-06-08", "title": "T", "type": "Battles",
    ...                               "actors": ["Syrian Arab Army"], "location": "Tadmur"})
    >>> print(dump_events([event]), end="")
    id: a
    date: 2017-06-08
    title: T
    type: Battles
    actors: [Syrian Arab Army]
    location: Tadmur
    """
    return yaml.dump_all(
        (event.to_dict() for event in events),
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
