"""Typed reading of :class:`YNode` trees with located, collected diagnostics.

Each ``read_*`` helper returns a Python value, or ``None`` after reporting what is wrong; it never
raises for bad input, so one pass over a file names every problem in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ..i18n import SUPPORTED, supported_locale
from .diagnostics import Collector, did_you_mean, excerpt
from .limits import MAX_ID
from .model import Text
from .yamlsafe import YNode

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
INT = re.compile(r"^[-+]?[0-9]+$")
FLOAT = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")

_SURPRISE = {
    "bool": "YAML reads {v} as the boolean {b}",
    "int": "YAML reads {v} as a number",
    "float": "YAML reads {v} as a number",
    "null": "YAML reads {v} as an empty value",
}


#: the keys allowed in each kind of mapping, built once per (required, optional) pair
_ALLOWED: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}


def _bool_word(value: str) -> str:
    return "true" if value.lower() in ("yes", "y", "true", "on") else "false"


class Reader:
    """Reads values out of nodes for one file, reporting into a :class:`Collector`."""

    def __init__(self, out: Collector) -> None:
        self.out = out

    # -- structure ---------------------------------------------------------------------------
    def error(self, node: YNode, message: str) -> None:
        self.out.error(node.line, node.col, message)

    def mapping(self, node: YNode, what: str) -> dict[str, tuple[YNode, YNode]] | None:
        """Return ``{key: (key_node, value_node)}`` for a mapping node, or report and None."""
        if node.kind != "map":
            self.error(node, f"{what} must be a mapping of keys to values, not {_describe(node)}")
            return None
        result: dict[str, tuple[YNode, YNode]] = {}
        for pair in node.value:  # type: ignore[attr-defined]
            key = pair[0]
            if key.kind != "str":
                if not key.is_scalar:
                    self.error(key, f"a key in {what} must be a plain word, not {_describe(key)}")
                    continue
                if not key.quoted:
                    self.error(
                        key,
                        f"key {excerpt(key.value)} in {what}: {self._surprise(key)}; "
                        f'put it in quotes ("{excerpt(key.value, quote=False)}")',
                    )
            result[key.value] = pair  # a scalar's value is its text
        return result

    def keys(
        self,
        fields: Mapping[str, tuple[YNode, YNode]],
        node: YNode,
        what: str,
        required: Iterable[str],
        optional: Iterable[str],
    ) -> None:
        """Report unknown keys (with a suggestion) and missing required keys."""
        required = tuple(required)
        optional = tuple(optional)
        allowed = _ALLOWED.get((required, optional))
        if allowed is None:
            allowed = frozenset(required) | frozenset(optional)
            if len(_ALLOWED) < 256:
                _ALLOWED[(required, optional)] = allowed
        unknown = 0
        for name, (key, _) in fields.items():
            if name not in allowed:
                unknown += 1
                # a suggestion for the first few; past that the file is not a typo away
                hint = did_you_mean(name, allowed) if unknown <= 20 else ""
                if name == "<<":
                    self.error(
                        key, f"merge keys (<<) are not supported in {what}; write the keys out"
                    )
                else:
                    self.error(key, f"unknown key {excerpt(name)} in {what}{hint}")
        for name in required:
            if name not in fields:
                self.error(node, f"{what} is missing the required key '{name}'")

    def sequence(self, node: YNode, what: str) -> list[YNode] | None:
        if node.kind != "seq":
            if node.is_scalar and node.kind == "str" and node.value:
                self.error(
                    node, f"{what} must be a list, e.g. [{excerpt(node.value, quote=False)}]"
                )
            else:
                self.error(node, f"{what} must be a list, not {_describe(node)}")
            return None
        items = node.value
        assert isinstance(items, list)  # a "seq" node's value is its list of item nodes
        return items  # the node's own list: callers read it, never change it

    # -- scalars -----------------------------------------------------------------------------
    def _surprise(self, node: YNode) -> str:
        template = _SURPRISE.get(node.kind, "YAML reads {v} as {k}")
        return template.format(v=excerpt(node.value), b=_bool_word(str(node.value)), k=node.kind)

    def string(self, node: YNode, what: str, allow_empty: bool = False) -> str | None:
        if node.kind == "str":  # the common case first: text, not blank
            text: str = node.value  # type: ignore[assignment]
            if text and (allow_empty or not text.isspace()):
                return text
        if not node.is_scalar:
            self.error(node, f"{what} must be text, not {_describe(node)}")
            return None
        if node.kind != "str" and not node.quoted:
            if node.kind == "null":
                self.error(node, f"{what} is empty; write a value")
            else:
                self.error(
                    node,
                    f"{what}: {self._surprise(node)}, not text; put it in quotes "
                    f'("{excerpt(node.value, quote=False)}") if you meant the text',
                )
            return None
        value = str(node.value)
        if not allow_empty and not value.strip():
            self.error(node, f"{what} is empty; write a value")
            return None
        return value

    def slug(self, node: YNode, what: str, strict: bool = True) -> str | None:
        if node.kind == "str":  # the common case first: a well-formed id
            text: str = node.value  # type: ignore[assignment]
            if len(text) <= MAX_ID and (SLUG if strict else ID).match(text):
                return text
        if node.is_scalar and node.kind in ("int", "float") and not node.quoted:
            self.error(
                node,
                f"{what} {excerpt(node.value)} is read by YAML as a number; ids are text: "
                f'quote it ("{excerpt(node.value, quote=False)}") or add a word',
            )
            return None
        value = self.string(node, what)
        if value is None:
            return None
        pattern = SLUG if strict else ID
        if len(value) > MAX_ID:
            self.error(
                node,
                f"{what} {excerpt(value)} is {len(value):,} characters long; ids are at most "
                f"{MAX_ID}: shorten it",
            )
            return None
        if not pattern.match(value):
            rule = (
                "lower-case letters, digits and single hyphens ([a-z0-9-]), like "
                "'hotel-late-arrival'"
                if strict
                else "letters, digits, '-' and '_', starting with a letter or digit"
            )
            looks_like_path = any(ch in value for ch in "/\\.~:")
            extra = "; ids name things, they are never paths" if looks_like_path else ""
            self.error(node, f"{what} {excerpt(value)} is not a valid id: use {rule}{extra}")
            return None
        return value

    def number(
        self,
        node: YNode,
        what: str,
        lo: float | None = None,
        hi: float | None = None,
        integer: bool = False,
    ) -> float | None:
        wanted = "a whole number" if integer else "a number"
        if not node.is_scalar or node.quoted or node.kind not in ("int", "float"):
            shown = _describe(node) if not node.is_scalar else repr(node.value)
            self.error(node, f"{what} must be {wanted}, not {shown}")
            return None
        text = str(node.value).replace("_", "")
        if integer and not INT.match(text):
            self.error(node, f"{what} must be {wanted}, not {excerpt(node.value)}")
            return None
        if not integer and not (INT.match(text) or FLOAT.match(text)):
            self.error(
                node, f"{what} must be {wanted} written in decimal, not {excerpt(node.value)}"
            )
            return None
        # Whole numbers stay exact (a seed near 2**63 must not round past its limit).
        value: float = int(text) if integer else float(text)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            if lo is not None and hi is not None:
                rng = f"between {_fmt(lo)} and {_fmt(hi)}"
            elif lo is not None:
                rng = f"at least {_fmt(lo)}"
            else:
                assert hi is not None  # the range check above failed on hi, as lo is None
                rng = f"at most {_fmt(hi)}"
            self.error(node, f"{what} is {excerpt(node.value, quote=False)}; it must be {rng}")
            return None
        return value

    def integer(
        self, node: YNode, what: str, lo: int | None = None, hi: int | None = None
    ) -> int | None:
        value = self.number(node, what, lo, hi, integer=True)
        return None if value is None else int(value)

    def boolean(self, node: YNode, what: str) -> bool | None:
        if node.is_scalar and node.kind == "bool":
            word = str(node.value)
            if word in ("true", "false", "True", "False", "TRUE", "FALSE"):
                return word.lower() == "true"
            self.error(
                node,
                f"{what}: write true or false, not {excerpt(word)} (YAML 1.1 reads it as "
                f"{_bool_word(word)}, YAML 1.2 as text)",
            )
            return None
        self.error(
            node,
            f"{what} must be true or false, not {excerpt(node.value)}"
            if node.is_scalar
            else f"{what} must be true or false",
        )
        return None

    def choice(self, node: YNode, what: str, allowed: Iterable[str]) -> str | None:
        if not isinstance(allowed, tuple):
            allowed = tuple(allowed)
        if node.kind == "str" and node.value in allowed:
            return node.value  # type: ignore[return-value]
        if node.is_scalar and node.kind == "bool" and not node.quoted:
            value = str(node.value)
        else:
            got = self.string(node, what)
            if got is None:
                return None
            value = got
        if value not in allowed:
            hint = did_you_mean(value, allowed)
            self.error(node, f"{what} {excerpt(value)} is not one of: {', '.join(allowed)}{hint}")
            return None
        return value

    def choices(self, node: YNode, what: str, allowed: Iterable[str]) -> tuple[str, ...] | None:
        items = self.sequence(node, what)
        if items is None:
            return None
        allowed = tuple(allowed)
        out: list[str] = []
        ok = True
        entry = f"{what} entry"
        for item in items:
            value = self.choice(item, entry, allowed)
            if value is None:
                ok = False
            elif value in out:
                self.error(item, f"{what} lists {excerpt(value)} twice")
            else:
                out.append(value)
        return tuple(out) if ok else None

    def strings(self, node: YNode, what: str) -> tuple[str, ...] | None:
        items = self.sequence(node, what)
        if items is None:
            return None
        entry = f"{what} entry"
        out = [self.string(item, entry) for item in items]
        if any(value is None for value in out):
            return None
        return tuple(value for value in out if value is not None)

    def text(
        self, node: YNode, what: str, fallback: str, seen_locales: set[str] | None = None
    ) -> Text | None:
        """A text field: a plain string (the fallback locale) or a mapping locale -> string."""
        if node.kind == "map":
            fields = self.mapping(node, what)
            if fields is None:
                return None
            values: dict[str, str] = {}
            for locale, (key, value_node) in fields.items():
                if not LOCALE.match(locale):
                    hint = ""
                    if value_node.kind == "null":
                        hint = (
                            "; if it is part of the text, a comma inside { } ended the text "
                            "early: put the text in quotes"
                        )
                    self.error(
                        key,
                        f"{excerpt(locale)} in {what} is not a locale tag; use BCP 47 "
                        f"tags such as en, zh-Hans, zh-Hant, vi{hint}",
                    )
                    continue
                problem = unsupported_locale(locale)
                if problem is not None:
                    self.error(key, f"{what}: {problem}")
                    continue
                value = self.string(value_node, f"{what} ({locale})")
                if value is not None:
                    values[locale] = value
            if not fields:
                self.error(node, f"{what} is empty; write the text")
                return None
            if seen_locales is not None:
                seen_locales.update(values)
            return Text(MappingProxyType(values), fallback, node.line, node.col) if values else None
        value = self.string(node, what)
        if value is None:
            return None
        return Text.plain(value, fallback, node.line, node.col)


def unsupported_locale(tag: str) -> str | None:
    """Why a locale tag cannot be used (None if it can): the game shows only the locales it has
    a catalog and fonts for; a text in any other could never be seen."""
    if tag in SUPPORTED:
        return None
    near = supported_locale(tag)
    fix = f": write {near}" if near else ": use one of them or remove it"
    return f"locale {excerpt(tag)} is not supported; the game shows {', '.join(SUPPORTED)}{fix}"


def _describe(node: YNode) -> str:
    if node.kind == "map":
        return "a mapping"
    if node.kind == "seq":
        return "a list"
    if node.kind == "null":
        return "an empty value"
    return excerpt(node.value)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
