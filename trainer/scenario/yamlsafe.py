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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.resolver import Resolver

from .diagnostics import Collector, excerpt
from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES
from .yamlhints import explain

MAX_BYTES = MAX_FILE_BYTES  # the name the callers know

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

    __slots__ = ("kind", "value", "line", "col", "quoted", "size", "is_scalar")

    def __init__(self, kind: str, value: object, line: int, col: int, quoted: bool = False):
        self.kind = kind
        self.value = value
        self.line = line
        self.col = col
        self.quoted = quoted
        self.size = 1
        self.is_scalar = kind != "map" and kind != "seq"

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"YNode({self.kind}, {self.value!r}, {self.line}:{self.col})"


@dataclass
class Parsed:
    """The result of parsing one file: the root node (None if unreadable) and the text."""

    root: YNode | None
    text: str


def _check_bytes(data: bytes, out: Collector, max_bytes: int, kind: str) -> str | None:
    if len(data) > max_bytes:
        out.error(1, 1, too_big(len(data), max_bytes, kind))
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


def too_big(size: int, max_bytes: int, kind: str = "scenario") -> str:
    """The message for a file above its size limit."""
    limit = (
        f"{max_bytes // (1024 * 1024)} MiB"
        if max_bytes >= 1024 * 1024
        else (f"{max_bytes // 1024} KiB")
    )
    fix = "split it into several scenarios" if kind == "scenario" else "make it smaller"
    return f"file is {size:,} bytes or more, above the {limit} limit for a {kind} file; {fix}"


def parse_bytes(
    data: bytes, out: Collector, max_bytes: int = MAX_FILE_BYTES, kind: str = "scenario"
) -> Parsed:
    """Parse ``data`` into a :class:`YNode` tree, reporting every refusal into ``out``.
    ``kind`` names the file in messages (scenario, persona, script)."""
    text = _check_bytes(data, out, max_bytes, kind)
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
            hint = explain(
                text,
                exc.problem,
                (line, col),
                exc.context,
                _at(exc.context_mark),
            )
            out.error(hint.line, hint.col, hint.message)
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


def _at(mark: yaml.Mark | None) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


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
        return _compose_events(loader.get_event, out)
    finally:
        loader.dispose()


_Scalar, _MapStart, _SeqStart = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MapEnd, _SeqEnd, _Alias = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
_DocStart, _StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent


def _compose_events(get_event: Callable[[], Any], out: Collector) -> YNode | None:
    """Compose libyaml's events into YNodes in one flat loop (no recursion, whatever the
    nesting), refusing as it goes. It is the hot path of loading, so it is written flat."""
    anchors: dict[str, YNode] = {}
    # per open container: [node, is_map, the key waiting for its value, the scalar keys seen]
    # (a dict per mapping keeps duplicate-key detection linear in the number of keys)
    stack: list[list[Any]] = []
    root: YNode | None = None
    documents = 0
    total = 0
    cache = _PLAIN_KIND_CACHE
    most = MAX_NODES
    while True:
        event = get_event()
        kind = type(event)
        node: YNode | None = None
        if kind is _Scalar:
            tag = event.tag
            value = event.value
            style = event.style
            mark = event.start_mark
            if tag is None:
                if style:
                    what = "str"
                else:
                    what = cache.get(value) or _scalar_kind(value, None, event.implicit)
            else:
                if tag not in _ALLOWED_EXPLICIT:
                    _check_tag(tag, mark, out)
                what = _scalar_kind(value, tag, event.implicit)
            if style == '"':
                _check_escapes(value, mark, out)
            node = YNode(what, value, mark.line + 1, mark.column + 1, bool(style))
            total += 1
            if event.anchor:
                anchors[event.anchor] = node
        elif kind is _MapEnd or kind is _SeqEnd:
            node = stack.pop()[0]
        elif kind is _MapStart or kind is _SeqStart:
            mark = event.start_mark
            if event.tag is not None and event.tag not in _ALLOWED_EXPLICIT:
                _check_tag(event.tag, mark, out)
            if len(stack) >= MAX_DEPTH:
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"nesting deeper than {MAX_DEPTH} levels; scenario files are refused "
                    "past that depth",
                )
                raise _Refused
            is_map = kind is _MapStart
            container = YNode("map" if is_map else "seq", [], mark.line + 1, mark.column + 1)
            total += 1
            if event.anchor:
                anchors[event.anchor] = container
            stack.append([container, is_map, None, {} if is_map else None])
        elif kind is _Alias:
            mark = event.start_mark
            target = anchors.get(event.anchor)
            if target is None:
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"alias *{excerpt(event.anchor, quote=False)} names no anchor defined "
                    "before it",
                )
                raise _Refused
            if any(target is entry[0] for entry in stack):
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    f"alias *{excerpt(event.anchor, quote=False)} refers to itself; recursive "
                    "YAML is refused",
                )
                raise _Refused
            total += target.size
            node = target
        elif kind is _DocStart:
            documents += 1
            if documents > 1:
                mark = event.start_mark
                out.error(
                    mark.line + 1,
                    mark.column + 1,
                    "a second YAML document ('---'); put one scenario or persona per file",
                )
                raise _Refused
        elif kind is _StreamEnd:
            return root
        if node is not None:
            if stack:
                top = stack[-1]
                parent: YNode = top[0]
                if not top[1]:
                    parent.value.append(node)  # type: ignore[attr-defined]
                elif top[2] is None:
                    top[2] = node
                else:
                    key: YNode = top[2]
                    top[2] = None
                    if key.is_scalar:
                        seen = top[3]
                        if key.value in seen:
                            _duplicate(key, seen[key.value], out)
                            node = None
                        else:
                            seen[key.value] = key
                    if node is not None:
                        parent.value.append((key, node))  # type: ignore[attr-defined]
                # Sizes count what an alias expands to: only needed once there are anchors
                # (a container can only be anchored, and aliased, after its anchor is seen).
                if anchors and node is not None:
                    parent.size += node.size
            else:
                root = node
        if total > most:
            mark = event.start_mark
            out.error(
                mark.line + 1,
                mark.column + 1,
                f"the file expands to more than {MAX_NODES:,} YAML nodes (anchors and "
                "aliases?); refused as a possible alias bomb",
            )
            raise _Refused


def _check_tag(tag: str | None, mark: yaml.Mark, out: Collector) -> None:
    if tag not in _ALLOWED_EXPLICIT:
        out.error(
            mark.line + 1,
            mark.column + 1,
            f"YAML tag {excerpt(tag, 80, quote=False)} is not allowed: scenario files are plain "
            "YAML (no Python objects or custom tags); remove the tag",
        )


def _check_escapes(value: str, mark: yaml.Mark, out: Collector) -> None:
    """A double-quoted text can write a control character as an escape (``"\\e"``,
    ``"\\x07"``, ``"\\0"``) that the check of the raw bytes never sees: refuse it here."""
    control = _CONTROL.search(value)
    if control is not None:
        out.error(
            mark.line + 1,
            mark.column + 1,
            f"this text contains control character U+{ord(control.group()):04X}, written as "
            "an escape; these files hold plain text: remove the escape",
        )


def _duplicate(key: YNode, first: YNode, out: Collector) -> None:
    out.error(
        key.line,
        key.col,
        f"duplicate key {excerpt(key.value)} (first at line {first.line}); "
        "YAML would silently keep only the last one; remove or rename one",
    )
