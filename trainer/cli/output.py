"""Formatting for a terminal: exit codes, located diagnostics, tables, CSV cells, output files
(``-`` is standard output), and the small checks every command shares."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def print_diagnostics(diagnostics: Iterable[object]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def fail(message: str, status: int = EXIT_INPUT) -> int:
    """Say what is wrong on standard error; return the exit status (1 by default)."""
    print(f"trainer: error: {message}", file=sys.stderr)
    return status


def write_out(destination: str, content: str) -> bool:
    """Write an output file, or standard output for ``-``; on failure say so (the caller exits
    1) instead of a traceback."""
    if destination == "-":
        sys.stdout.write(content)
        return True
    path = Path(destination)
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as exc:
        print(f"trainer: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def csv_safe(value: object) -> object:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def missing(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if not Path(p).exists()]


def locale_option(value: str | None) -> str | None:
    """``--lang``: a supported locale (``zh-CN`` and the like map to one); None when not given.
    Raises ``ValueError`` naming the supported ones otherwise."""
    from ..i18n import SUPPORTED, supported_locale

    if value is None:
        return None
    found = supported_locale(value)
    if found is None:
        raise ValueError(f"--lang {value!r} is not supported; use one of: {', '.join(SUPPORTED)}")
    return found
