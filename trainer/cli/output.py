"""Formatting for a terminal: exit codes, located diagnostics, tables, CSV cells, output files
(``-`` is standard output), and the small checks every command shares."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..safetext import csv_cell, visible

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2

#: the widest a name (trainee, cohort, facilitator) is shown in a table or a line
NAME = 40
#: the widest a title or any other cell is shown in a table
TITLE = 80
#: problems shown per file; the rest are counted
PER_FILE = 100


def terminal(value: object, limit: int | None = None) -> str:
    """Text for a terminal: control and bidirectional characters escaped, at most ``limit``
    characters (then "…"). Every piece of user text a command prints goes through here."""
    return visible(value, limit)


def terminal_lines(text: str) -> str:
    """A block of lines for a terminal: each line escaped, the line breaks kept."""
    return "\n".join(terminal(line) for line in text.split("\n"))


def print_diagnostics(diagnostics: Iterable[object]) -> None:
    """``file:line:col: severity: message`` per problem, escaped; after PER_FILE problems in
    one file, a count of the rest instead (a broken 1 MiB file can have thousands)."""
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for diagnostic in diagnostics:
        file = str(getattr(diagnostic, "file", ""))
        if shown.get(file, 0) >= PER_FILE:
            hidden[file] = hidden.get(file, 0) + 1
            continue
        shown[file] = shown.get(file, 0) + 1
        print(terminal(diagnostic), file=sys.stderr)
    for file, count in hidden.items():
        print(
            f"{terminal(file)}: {count:,} more problem(s) not shown; fix the first ones and "
            "run again",
            file=sys.stderr,
        )


def fail(message: str, status: int = EXIT_INPUT) -> int:
    """Say what is wrong on standard error; return the exit status (1 by default)."""
    print(f"trainer: error: {terminal(message)}", file=sys.stderr)
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


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], width: int = TITLE) -> str:
    """A plain-text table; every cell escaped and at most ``width`` characters, so a name can
    neither forge a row nor run for pages."""
    cells = [[str(c) for c in headers]] + [[terminal(c, width) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def csv_safe(value: object) -> object:
    """A CSV cell: escaped, and quoted where a spreadsheet would run it as a formula (also
    behind leading spaces or invisible characters)."""
    return csv_cell(value)


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
