"""Located problems: errors and warnings with a file, a line and a column, collected not raised."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from ..safetext import visible

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem a trainer can fix: ``file:line:col: severity: message``.

    Lines and columns are 1-based, as editors count them.
    """

    file: str
    line: int
    col: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class Collector:
    """Collects diagnostics for one file; helpers keep call sites short."""

    def __init__(self, file: str, sink: list[Diagnostic] | None = None) -> None:
        self.file = file
        self.items: list[Diagnostic] = sink if sink is not None else []
        self._errors: list[Diagnostic] = []
        self._scanned = 0

    def error(self, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(self.file, line, col, message, ERROR))

    def warning(self, line: int, col: int, message: str) -> None:
        self.items.append(Diagnostic(self.file, line, col, message, WARNING))

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors so far (do not modify the list). Kept up to date incrementally, so the
        validator's many ``len(out.errors)`` stay linear however many problems a file has."""
        if self._scanned < len(self.items):
            self._errors.extend(d for d in self.items[self._scanned :] if d.is_error)
            self._scanned = len(self.items)
        return self._errors


#: how much of a value a message may quote: enough to find it, never a whole secret
EXCERPT = 32


def excerpt(value: object, limit: int = EXCERPT, quote: bool = True) -> str:
    """A value as a message may quote it: at most ``limit`` characters (then "…"), control and
    bidirectional characters escaped (``\\x1b``, ``\\u202e``), in quotes unless told not to."""
    text = visible(value, limit)
    return f"'{text}'" if quote else text


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``' (did you mean "x"?)'`` for the closest candidate, or ``''``."""
    if len(word) > 100:  # nothing that long is a typo of an id; and difflib is quadratic
        return ""
    pool = sorted(set(candidates))
    match = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        if word.lower() in lowered:
            match = [lowered[word.lower()]]
    return f' (did you mean "{match[0]}"?)' if match else ""


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.col, diagnostic.message)
