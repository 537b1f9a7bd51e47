"""A JSON Schema (draft 2020-12) of the files trainers write, built from the table of keys the
validator uses (``keys.py``) and the patterns the reader checks (``reader.py``).

An editor that speaks JSON Schema (VS Code with the YAML extension, JetBrains IDEs, Neovim with
yaml-language-server...) then completes keys, shows each key's meaning on hover, offers the words
of every tag vocabulary, and underlines what the validator would reject. The schema cannot say
everything the validator checks (that a ``next`` names a beat that exists, that ids are unique,
that some path reaches the end...): ``trainer validate`` stays the judge.
"""

from __future__ import annotations

from typing import Any

from .keys import FILES, Key, key, names, section, term
from .model import END, LOSSES, MOODS
from .reader import ID, LOCALE, SLUG

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:service-recovery-trainer:schema:format-1"
KINDS = tuple(FILES)

_NON_BLANK = r"\S"


def _string() -> dict[str, Any]:
    return {"type": "string", "pattern": _NON_BLANK}


def _number(row: Key, kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": kind}
    if row.range is not None:
        lo, hi = row.range
        if lo is not None:
            out["minimum"] = lo
        if hi is not None:
            out["maximum"] = hi
    return out


def _line_list() -> dict[str, Any]:
    return {"anyOf": [{"type": "string"}, {"type": "array", "items": _string()}]}


def _enum(row: Key) -> dict[str, Any]:
    words = list(row.vocabulary)
    descriptions = [term(row.name, word) for word in words]
    return {
        "enum": words,
        # VS Code and yaml-language-server show these beside each word when completing.
        "enumDescriptions": descriptions,
        "markdownEnumDescriptions": descriptions,
    }


def _value(row: Key) -> dict[str, Any]:
    """The schema of one key's value."""
    kind = row.type
    if kind == "format":
        return {"const": 1}
    if kind in ("integer", "number"):
        return _number(row, kind)
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "escalation":
        return {"anyOf": [{"type": "boolean"}, _enum(row)]}
    if kind == "value":
        per_loss = {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"enum": list(LOSSES)},
            "additionalProperties": _number(row, "number"),
            "description": "What each loss is worth; name every loss in losses.",
        }
        return {"anyOf": [_number(row, "number"), per_loss]}
    if kind == "string":
        return _string()
    if kind == "text":
        return {"$ref": "#/$defs/text"}
    if kind == "slug":
        return {"$ref": "#/$defs/slug"}
    if kind == "id":
        return {"$ref": "#/$defs/id"}
    if kind == "target":
        return {"$ref": "#/$defs/target"}
    if kind == "tag":
        return _enum(row)
    if kind == "tags":
        return _array(_enum(row), row.min_items, unique=True)
    if kind == "strings":
        return _array(_string(), row.min_items)
    if kind == "slugs":
        return _array({"$ref": "#/$defs/slug"}, row.min_items)
    if kind == "locales":
        return _array({"$ref": "#/$defs/locale"}, row.min_items)
    if kind == "ids":
        return {
            "anyOf": [{"$ref": "#/$defs/id"}, _array({"$ref": "#/$defs/id"}, row.min_items)],
        }
    if kind == "persona":
        return {
            "anyOf": [
                {"$ref": "#/$defs/slug", "description": "A persona id."},
                {"$ref": "#/$defs/inline-persona"},
            ]
        }
    if kind == "lines":
        return {"$ref": "#/$defs/lines"}
    if kind == "section":
        assert row.item is not None
        return {"$ref": f"#/$defs/{row.item}"}
    if kind == "list":
        assert row.item is not None
        return _array({"$ref": f"#/$defs/{row.item}"}, row.min_items)
    if kind == "map":
        assert row.item is not None
        out: dict[str, Any] = {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/id", "not": {"const": END}},
            "additionalProperties": {"$ref": f"#/$defs/{row.item}"},
        }
        if row.item == "beat":
            out["minProperties"] = 1
        return out
    raise ValueError(f"key {row.section}.{row.name}: no schema for type {kind!r}")


def _array(items: dict[str, Any], min_items: int, unique: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": items}
    if min_items:
        out["minItems"] = min_items
    if unique:
        out["uniqueItems"] = True
    return out


def _section(
    name: str, description: str, required: tuple[str, ...] | None = None
) -> dict[str, Any]:
    rows = section(name)
    properties: dict[str, Any] = {}
    for row in rows:
        value = _value(row)
        value["description"] = row.description
        if row.default is not None:
            value["default"] = row.default
        properties[row.name] = value
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(
            required if required is not None else (r.name for r in rows if r.required)
        ),
        "additionalProperties": False,
    }


def definitions() -> dict[str, Any]:
    defs: dict[str, Any] = {
        "slug": {
            "type": "string",
            "pattern": SLUG.pattern,
            "description": "Lower-case letters, digits and single hyphens, like "
            "hotel-late-arrival.",
        },
        "id": {
            "type": "string",
            "pattern": ID.pattern,
            "description": "Letters, digits, '-' and '_', starting with a letter or a digit.",
        },
        "target": {
            "type": "string",
            "pattern": ID.pattern,
            "description": "A beat id, or end (the encounter is over).",
        },
        "locale": {
            "type": "string",
            "pattern": LOCALE.pattern,
            "description": "A BCP 47 locale tag: en, zh-Hans, zh-Hant, vi...",
        },
        "text": {
            "description": "Plain text, or a mapping of locale tags to text.",
            "anyOf": [
                _string(),
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {"$ref": "#/$defs/locale"},
                    "additionalProperties": _string(),
                },
            ],
        },
        "lines": {
            "type": "object",
            "propertyNames": _enum(key("persona", "lines")),
            "additionalProperties": {
                "anyOf": [
                    {
                        "type": "object",
                        "description": "Lines of this kind by locale: a line or a list.",
                        "propertyNames": {"$ref": "#/$defs/locale"},
                        "additionalProperties": _line_list(),
                    },
                    {
                        "type": "object",
                        "description": "A reaction's lines by mood, then by locale.",
                        "propertyNames": {"enum": list(MOODS)},
                        "additionalProperties": {
                            "type": "object",
                            "propertyNames": {"$ref": "#/$defs/locale"},
                            "additionalProperties": _line_list(),
                        },
                    },
                ]
            },
        },
    }
    defs["scenario"] = _section(
        "scenario", "A scenario: one service failure, one customer, the conversation."
    )
    # A menu needs something to offer: some beat with menu: true -> at least one remedy.
    some_menu = {
        "properties": {
            "beats": {
                "not": {
                    "additionalProperties": {
                        "not": {"properties": {"menu": {"const": True}}, "required": ["menu"]}
                    }
                }
            }
        },
        "required": ["beats"],
    }
    defs["scenario"]["if"] = some_menu
    defs["scenario"]["then"] = {"properties": {"remedies": {"minItems": 1}}}
    for name, description in (
        ("failure", "What went wrong, and what it cost the customer."),
        ("authority", "What the trainee may do without asking anyone."),
        ("timing", "Speed targets."),
        ("customer", "Who the customer is and what they need."),
        ("remedy", "A remedy on the menu."),
        ("choice", "What the trainee can say, and what it does."),
    ):
        defs[name] = _section(name, description)
    beat = _section("beat", "What the customer says, and the trainee's choices or a menu.")
    # Exactly one of choices and menu: true; next only on a menu beat.
    beat["if"] = {"properties": {"menu": {"const": True}}, "required": ["menu"]}
    beat["then"] = {"required": ["next"], "not": {"required": ["choices"]}}
    beat["else"] = {"required": ["choices"], "not": {"required": ["next"]}}
    defs["beat"] = beat
    defs["persona"] = _section("persona", "A persona: how a customer reacts.")
    inline = _section("persona", "An inline persona (written in the scenario).", required=("name",))
    defs["inline-persona"] = inline
    defs["script"] = _section("script", "A headless-run script: a seed and the decisions.")
    step = _section("step", "One decision: choose a choice, or offer remedies at a menu.")
    step["oneOf"] = [{"required": ["choose"]}, {"required": ["offer"]}]
    defs["step"] = step
    defs["track"] = _section("track", "A track: scenarios a cohort plays in order.")
    return defs


def _only(kind: str) -> list[str]:
    """Top-level keys that only a file of ``kind`` has (to tell the kinds apart)."""
    others: set[str] = set()
    for other in KINDS:
        if other != kind:
            others.update(names(other))
    return [name for name in names(kind) if name not in others]


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """The schema of one kind of file (``scenario``, ``persona``, ``script``, ``track``), or
    of all four: a file is then read as a script if it has ``steps``, a track if it has
    ``scenarios``, a persona if it has a key only personas have, and a scenario otherwise."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"no kind of file {kind!r}; kinds are {', '.join(KINDS)}")
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": SCHEMA_ID if kind is None else f"{SCHEMA_ID}:{kind}",
        "title": "Service Recovery Trainer "
        + (f"{kind} file" if kind else "scenario, persona, script and track files"),
        "description": "Generated by 'trainer schema' from the table of keys the validator "
        "uses; 'trainer validate' checks what a schema cannot (references, unique ids, a "
        "path to the end).",
    }
    if kind is not None:
        out["$ref"] = f"#/$defs/{kind}"
    else:
        chain: dict[str, Any] = {"$ref": "#/$defs/scenario"}
        for other in ("persona", "track", "script"):
            only = _only(other)
            chain = {
                "if": {"anyOf": [{"required": [name]} for name in only]},
                "then": {"$ref": f"#/$defs/{other}"},
                "else": chain,
            }
        out.update(chain)
    out["$defs"] = definitions()
    return out
