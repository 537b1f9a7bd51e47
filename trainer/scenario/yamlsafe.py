"""Safe YAML reading: plain YAML only, with every node's line and column.

PyYAML's event parser (libyaml when present) does the tokenising; this module composes the
events into :class:`YNode` trees itself, in one flat loop, so that it can refuse hostile input
as it reads: Python or custom tags, anchors and aliases that would expand past a fixed size,
nesting deeper than any scenario needs (libyaml's own recursive composer crashes on it),
duplicate keys, several documents in one file. Size, binary content and empty files are refused
before parsing. Text is normalised to Unicode NFC.

Nothing here opens a file: :func:`parse_bytes` takes the bytes; the caller does the I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.resolver import Resolver

from .diagnostics import Collector

MAX_BYTES = 1024 * 1024  # files above 1 MiB are refused (scenario-format.md)
MAX_DEPTH = 40  # a scenario nests about 8 deep; 40 leaves room for trainers' creativity
MAX_NODES = 200_000  # nodes after alias expansion; a 1 MiB file of real content stays far below

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = Resolver()
#: ``Resolver.resolve`` is untyped in types-PyYAML; this is its signature as used for scalars
_resolve = cast(Callable[[type[yaml.ScalarNode], str, tuple[bool, bool]], str], _RESOLVER.resolve)
_YAML = "tag:yaml.org,2002:"
_KINDS = {
    _YAML + "str": "str",
    _YAML + "int": "int",
    _YAML + "float": "float",
    _YAML + "bool": "bool",
    _YAML + "null": "null",
    _YAML + "timestamp": "str",  # a date is text to us (tags, titles)
}
_ALLOWED_EXPLICIT = {
    None,
    "!",
    _YAML + "str",
    _YAML + "int",
    _YAML + "float",
    _YAML + "bool",
    _YAML + "null",
    _YAML + "map",
    _YAML + "seq",
}


# C0 and C1 control characters except tab, line feed, carriage return and NEL (YAML allows it).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


class YNode:
    """A composed YAML node.

    ``kind`` is ``map`` (value: list of (key, value) node pairs), ``seq`` (value: list of nodes)
    or a scalar kind: ``str``, ``int``, ``float``, ``bool`` or ``null`` (value: the source text),
    as YAML 1.1 resolves it. ``quoted`` is true for quoted scalars. ``line``/``col`` are 1-based.
    """

    __slots__ = ("kind", "value", "line", "col", "quoted", "size")

    def __init__(self, kind: str, value: object, line: int, col: int, quoted: bool = False):
        self.kind = kind
        self.value = value
        self.line = line
        self.col = col
        self.quoted = quoted
        self.size = 1

    @property
    def is_scalar(self) -> bool:
        return self.kind not in ("map", "seq")

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"YNode({self.kind}, {self.value!r}, {self.line}:{self.col})"


@dataclass
class Parsed:
    """The result of parsing one file: the root node (None if unreadable) and the text."""

    root: YNode | None
    text: str


def _check_bytes(data: bytes, out: Collector) -> str | None:
    if len(data) > MAX_BYTES:
        out.error(
            1,
            1,
            f"file is {len(data):,} bytes, above the 1 MiB limit for scenario files; "
            "split it into several scenarios",
        )
        return None
    if b"\x00" in data:
        out.error(1, 1, "file is binary (it contains NUL bytes), not a YAML text file")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.error(line, 1, "file is not valid UTF-8 text; save it as UTF-8")
        return None
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        out.error(
            line,
            1,
            f"file contains control character U+{ord(control.group()):04X}; "
            "it looks binary, not YAML text",
        )
        return None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        out.error(1, 1, "file is empty; a scenario needs at least format, id and beats")
        return None
    return unicodedata.normalize("NFC", text)


def parse_bytes(data: bytes, out: Collector) -> Parsed:
    """Parse ``data`` into a :class:`YNode` tree, reporting every refusal into ``out``."""
    text = _check_bytes(data, out)
    if text is None:
        return Parsed(None, "")
    try:
        root = _compose(text, out)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in what:
            # PyYAML 6.0.4+ has its own depth limit (far above ours): say it in our words.
            out.error(
                line,
                col,
                f"nesting deeper than {MAX_DEPTH} levels; scenario files are "
                "refused past that depth",
            )
        else:
            out.error(line, col, f"YAML syntax error: {what}")
        return Parsed(None, text)
    except yaml.YAMLError as exc:
        out.error(1, 1, f"YAML syntax error: {exc}")
        return Parsed(None, text)
    except _Refused:
        return Parsed(None, text)
    if root is None or (root.kind == "null" and not root.value):
        out.error(1, 1, "file is empty; a scenario needs at least format, id and beats")
        return Parsed(None, text)
    return Parsed(root, text)


class _Refused(Exception):
    """Raised inside the composer after a refusal has been reported."""


_PLAIN_KIND_CACHE: dict[str, str] = {}


def _scalar_kind(value: str, tag: str | None, implicit: tuple[bool, bool]) -> str:
    """What YAML 1.1 reads a scalar as: str, int, float, bool or null."""
    if tag not in (None, "!"):
        return _KINDS.get(tag, "str")
    if not implicit[0]:  # quoted: always text
        return "str"
    kind = _PLAIN_KIND_CACHE.get(value)
    if kind is None:
        kind = _KINDS.get(_resolve(yaml.ScalarNode, value, implicit), "str")
        if len(_PLAIN_KIND_CACHE) < 4096:
            _PLAIN_KIND_CACHE[value] = kind
    return kind


def _compose(text: str, out: Collector) -> YNode | None:
    loader = _Loader(text)
    try:
        events = _events(loader)
        return _compose_events(events, out)
    finally:
        loader.dispose()


def _events(loader: Any) -> Iterator[Any]:
    get_event = loader.get_event
    while True:
        event = get_event()
        yield event
        if type(event) is yaml.StreamEndEvent:
            return


def _compose_events(events: Iterator[Any], out: Collector) -> YNode | None:
    anchors: dict[str, YNode] = {}
    stack: list[tuple[YNode, list[YNode] | None]] = []  # (container, pending key for maps)
    root: YNode | None = None
    documents = 0
    total = 0

    def attach(node: YNode) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, pending = stack[-1]
        if parent.kind == "seq":
            parent.value.append(node)  # type: ignore[attr-defined]
        else:
            assert pending is not None
            if not pending:
                pending.append(node)
            else:
                key = pending.pop()
                _add_pair(parent, key, node, out)
        parent.size += node.size

    for event in events:
        kind = type(event)
        mark = event.start_mark
        if kind is yaml.ScalarEvent:
            _check_tag(event.tag, mark, out)
            node = YNode(
                _scalar_kind(event.value, event.tag, event.implicit),
                event.value,
                mark.line + 1,
                mark.column + 1,
                quoted=bool(event.style),
            )
            total += 1
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            _check_tag(event.tag, mark, out)
            if len(stack) >= MAX_DEPTH:
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"nesting deeper than {MAX_DEPTH} levels; scenario files are refused "
                    "past that depth",
                )
                raise _Refused
            is_map = kind is yaml.MappingStartEvent
            node = YNode("map" if is_map else "seq", [], mark.line + 1, mark.column + 1)
            total += 1
            if event.anchor:
                anchors[event.anchor] = node
            stack.append((node, [] if is_map else None))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node, _ = stack.pop()
            attach(node)
        elif kind is yaml.AliasEvent:
            target = anchors.get(event.anchor)
            if target is None:
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"alias *{event.anchor} names no anchor defined before it",
                )
                raise _Refused
            if any(target is container for container, _ in stack):
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"alias *{event.anchor} refers to itself; recursive YAML is refused",
                )
                raise _Refused
            total += target.size
            attach(target)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    "a second YAML document ('---'); put one scenario or persona per file",
                )
                raise _Refused
        if total > MAX_NODES:
            out.error(
                mark.line + 1,
                mark.column + 1,
                f"the file expands to more than {MAX_NODES:,} YAML nodes (anchors and "
                "aliases?); refused as a possible alias bomb",
            )
            raise _Refused
    return root


def _check_tag(tag: str | None, mark: yaml.Mark, out: Collector) -> None:
    if tag not in _ALLOWED_EXPLICIT:
        out.error(
            mark.line + 1,
            mark.column + 1,
            f"YAML tag {tag} is not allowed: scenario files are plain YAML "
            "(no Python objects or custom tags); remove the tag",
        )


def _add_pair(parent: YNode, key: YNode, value: YNode, out: Collector) -> None:
    pairs: list[tuple[YNode, YNode]] = parent.value  # type: ignore[assignment]
    if key.is_scalar:
        for existing, _ in pairs:
            if existing.is_scalar and existing.value == key.value:
                out.error(
                    key.line,
                    key.col,
                    f"duplicate key '{key.value}' (first at line {existing.line}); "
                    "YAML would silently keep only the last one; remove or rename one",
                )
                return
    pairs.append((key, value))
