"""Text from users (names, cohort codes, scenario titles, file names) made safe to show.

A name can hold anything a keyboard, a file or an old database lets through: an escape sequence
that recolours or clears a terminal, a newline that forges a table row, a right-to-left override
that turns "Ana <U+202E>moc.live" into "Ana evil.com", ten thousand characters. Names are
refused at input (the results store does that); whatever reaches a terminal, a CSV file, JSON or
HTML goes through here as well, because text stored before that rule, scenario files and file
names are not names:

- :func:`visible`: control, bidirectional and invisible formatting characters written as
  escapes (``\\x1b``, ``\\u202e``) and, when asked, shortened with "…";
- :func:`csv_cell`: the same, plus a quote before anything a spreadsheet would run as a formula,
  even behind spaces or invisible characters;
- :func:`dumps`: JSON with no raw control or bidirectional character (``ensure_ascii=False``
  keeps every other letter as it is).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

#: C0 and C1 controls, the Arabic letter mark, left-to-right and right-to-left marks, line and
#: paragraph separators, embeddings, overrides and isolates, and the byte-order mark
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
#: a spreadsheet runs a cell that starts with one of these as a formula
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one "…" when it was longer."""
    if limit < 1 or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def visible(value: object, limit: int | None = None) -> str:
    """``value`` as text with nothing that can move the cursor, recolour a terminal, break a
    line or reorder what follows; then at most ``limit`` characters, if given (escapes count,
    so the width is bounded; the string is first cut far enough not to escape a huge name)."""
    text = str(value)
    if limit is None:
        return UNSAFE.sub(_escape, text)
    # Every character shows as one or more: the first limit + 1 decide what is shown.
    return shorten(UNSAFE.sub(_escape, text[: limit + 1]), limit)


def _invisible(ch: str) -> bool:
    """Spaces and characters that show nothing (zero-width space, joiners, marks...)."""
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def csv_cell(value: object) -> object:
    """A value for a CSV cell: text escaped as :func:`visible` and quoted with ``'`` when a
    spreadsheet would read it as a formula, whatever spaces or invisible characters come
    first (" =1+1", "\\u200b=HYPERLINK(...)"). Numbers and None pass unchanged."""
    if not isinstance(value, str):
        return value
    first = next((ch for ch in value if not _invisible(ch)), "")
    guard = value[:1] in FORMULA or first in FORMULA
    text = visible(value)
    return "'" + text if guard else text


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def dumps(data: Any, **options: Any) -> str:
    """``json.dumps`` with ``ensure_ascii=False`` and no raw control or bidirectional
    characters: json escapes U+0000-U+001F itself; the others are written as ``\\uXXXX``, which
    reads back as the same string."""
    options.setdefault("ensure_ascii", False)
    text = json.dumps(data, **options)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
