"""Plain words for the commonest YAML mistakes, at the line where the mistake is.

libyaml reports where it gave up, in a parser's words: "did not find expected key" two lines
below an unclosed quote, "did not find expected '-' indicator" for a dedented key, nothing
about tabs. :func:`explain` looks at the text around that place and names the mistake a person
made: a tab used for indentation, a quote or a bracket never closed, an apostrophe that ends a
single-quoted text, a key indented to fit nothing above it, a missing space after a colon, a
colon inside unquoted text. It only reads the text it is given, a bounded window of lines
before the error, so a hostile file costs no more than a friendly one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: how many lines above libyaml's error are looked at for the real mistake
WINDOW = 40

_KEY_NO_SPACE = re.compile(
    r"^(?P<indent>[ ]*)(?:-[ ]+)?(?P<key>[A-Za-z_][\w-]*):(?P<after>[^\s:/])"
)
_KEY = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<key>[^\s#'\"\[\]{},:][^:#]*?):(?:[ ]|$)")
_VALUE_START = re.compile(r"^[ ]*(?:-[ ]+)*(?:[^\s#'\"\[\]{}][^:#]*?:[ ]+)?(?:-[ ]+)*")


@dataclass(frozen=True)
class Hint:
    """A located explanation: 1-based line and column, and the message."""

    line: int
    col: int
    message: str


def explain(
    text: str,
    problem: str | None,
    problem_at: tuple[int, int] | None,
    context: str | None = None,
    context_at: tuple[int, int] | None = None,
) -> Hint:
    """Explain a libyaml error. Marks are 1-based (line, column); ``problem_at`` is where libyaml
    stopped, ``context_at`` where the construct it was reading began."""
    lines = text.split("\n")
    line, col = problem_at or (1, 1)
    line = min(max(line, 1), max(len(lines), 1))
    what = problem or context or "invalid YAML"
    rules = (_tab, _quote, _flow, _missing_space, _colon_in_text, _indentation, _stray)
    for rule in rules:
        hint = rule(lines, what, (line, col), context or "", context_at)
        if hint is not None:
            return hint
    return Hint(line, col, f"YAML syntax error: {what}")


def _get(lines: list[str], number: int) -> str:
    return lines[number - 1] if 1 <= number <= len(lines) else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(found: re.Match[str]) -> int:
    """The 0-based column where the key of a ``_KEY`` match starts (after any '- ')."""
    return found.start("key")


def _blank(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def _show(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nonblank_above(lines: list[str], line: int) -> int:
    """The number of the nearest line above ``line`` with content (0 if none)."""
    number = line - 1
    while number > 0 and _blank(_get(lines, number)):
        number -= 1
    return number


def _window(line: int, context_at: tuple[int, int] | None) -> range:
    """Lines from the start of the construct (at most WINDOW above) down to ``line``."""
    first = max(1, line - WINDOW)
    if context_at is not None and first <= context_at[0] <= line:
        first = context_at[0]
    return range(line, first - 1, -1)


# -- tabs -------------------------------------------------------------------------------------


def _tab(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    line, col = at
    here = _get(lines, line)
    tabbed = "tab" in what or (0 < col <= len(here) and here[col - 1] == "\t")
    if not tabbed and "cannot start any token" not in what:
        return None
    for number in range(line, max(0, line - WINDOW), -1):
        current = _get(lines, number)
        leading = current[: len(current) - len(current.lstrip(" \t"))]
        if "\t" in leading:
            return Hint(
                number,
                leading.index("\t") + 1,
                "this line is indented with a tab; YAML indents with spaces only: replace "
                "the tab with spaces (set your editor to insert spaces for the Tab key)",
            )
        if number < line and not _blank(current) and _indent(current) == 0:
            break
    if 0 < col <= len(here) and here[col - 1] in "@`":
        return Hint(
            line,
            col,
            f"a text cannot start with '{here[col - 1]}' in YAML: put the whole text in quotes",
        )
    if tabbed:
        return Hint(
            line,
            col,
            "a tab here is not allowed in YAML outside quotes: use spaces, or put the text "
            "in quotes",
        )
    return None


# -- quotes -----------------------------------------------------------------------------------


def _value_start(text: str) -> int:
    """Where the value on a ``key: value`` or ``- value`` line starts (0-based)."""
    found = _VALUE_START.match(text)
    return found.end() if found else 0


def _quote_problem(text: str) -> tuple[int, str] | None:
    """(0-based column, message) if the value on this line opens a quote it does not close, or
    closes it early and goes on (an apostrophe inside single quotes)."""
    start = _value_start(text)
    if start >= len(text) or text[start] not in "'\"":
        return None
    quote = text[start]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and i + 1 < len(text) and text[i + 1] == "'":
                i += 2  # '' is an apostrophe inside single quotes
                continue
            rest = text[i + 1 :].strip()
            if not rest or rest.startswith("#") or rest[0] in ",]}":
                return None
            if quote == "'":
                return (
                    start,
                    f"the text in single quotes ends at the apostrophe before "
                    f'"{_show(rest, 20)}": inside single quotes write an apostrophe '
                    "twice ('') or put the text in double quotes instead",
                )
            return (
                start,
                f"the text in double quotes ends before {_show(rest, 20)!r}: write a quote "
                'inside the text as \\" or put the whole text in single quotes',
            )
        i += 1
    return (
        start,
        f"the quote {quote} that starts this text is never closed on this line: end the text "
        f"with a matching {quote}",
    )


def _quote(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    line, _ = at
    if "quoted scalar" in context and context_at is not None:
        number, col = context_at
        current = _get(lines, number)
        quote = current[col - 1] if 0 < col <= len(current) else '"'
        found = _quote_problem(current)
        message = (
            found[1]
            if found
            else f"the quote {quote} that starts this text is never closed: end the text "
            f"with a matching {quote}"
        )
        return Hint(number, col, message)
    if not any(word in what for word in ("expected key", "indicator", "mapping values", "','")):
        return None
    for number in _window(line, None):
        found = _quote_problem(_get(lines, number))
        if found is not None:
            return Hint(number, found[0] + 1, found[1])
    return None


# -- brackets ---------------------------------------------------------------------------------


def _flow(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    if "flow sequence" in context:
        opening, closing, kind = "[", "]", "list"
    elif "flow mapping" in context:
        opening, closing, kind = "{", "}", "mapping"
    else:
        return None
    number, col = context_at or at
    return Hint(
        number,
        col,
        f"the {kind} opened with '{opening}' here is not closed where it should be: close it "
        f"with '{closing}' on the same line, and put any item that contains a comma, a colon "
        "or brackets in quotes",
    )


# -- colons -----------------------------------------------------------------------------------


def _no_space(text: str) -> re.Match[str] | None:
    if text.lstrip().startswith("#"):
        return None
    return _KEY_NO_SPACE.match(text)


def _missing_space(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    if "expected ':'" not in what and "mapping values" not in what and "expected key" not in what:
        return None
    line, _ = at
    candidates = [context_at[0]] if context_at is not None and "simple key" in context else []
    candidates += [n for n in range(line, max(0, line - 3), -1) if n not in candidates]
    for number in candidates:
        found = _no_space(_get(lines, number))
        if found is not None:
            key = found.group("key")
            colon = found.end("key")
            value = _get(lines, number)[colon + 1 :].split("#")[0].strip()
            return Hint(
                number,
                colon + 1,
                f"put a space after the colon: write '{key}: {_show(value, 20)}', not "
                f"'{key}:{_show(value, 20)}' (without the space YAML reads it all as one text)",
            )
    if "expected ':'" in what and context_at is not None:
        number = context_at[0]
        if len(_get(lines, number)) > 1024 and ": " in _get(lines, number)[1024:]:
            return Hint(
                number,
                context_at[1],
                "this key is longer than YAML allows (1,024 characters): shorten it",
            )
        return Hint(
            number,
            context_at[1],
            "this line is neither 'key: value' nor part of the text above it: add the "
            "missing colon (and a space after it), or indent it to continue the text above",
        )
    return None


def _colon_in_text(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    if "mapping values" not in what:
        return None
    line, col = at
    here = _get(lines, line)
    previous = _nonblank_above(lines, line)
    above = _get(lines, previous)
    key_above = _KEY.match(above) if previous else None
    if key_above is not None and _indent(above) < _indent(here):
        value = above[key_above.end() :].strip()
        if value and not value.startswith(("|", ">", "#")):
            before = _nonblank_above(lines, previous)
            if before and _indent(_get(lines, before)) > _indent(above):
                # The line above is the odd one out: dedented below its neighbours.
                neighbour = _KEY.match(_get(lines, before))
                like = (
                    f" (like '{neighbour.group('key')}:' on line {before}, "
                    f"{_key_column(neighbour)} spaces)"
                    if neighbour
                    else ""
                )
                return Hint(
                    previous,
                    _indent(above) + 1,
                    f"'{_show(above)}' is indented less than the lines around it, so line "
                    f"{line} below it is read as part of its value and cannot be a key: "
                    f"line it up with the keys it belongs with{like}",
                )
            mine = _KEY.match(here)
            name = f"'{mine.group('key')}:'" if mine else "this line"
            return Hint(
                line,
                _indent(here) + 1,
                f"{name} is indented more than '{key_above.group('key')}:' on the line above, "
                f"so YAML reads it as more of that line's text: indent it by "
                f"{_indent(above)} spaces to line it up (or put the text above in quotes if "
                "it goes on over several lines)",
            )
    found = _KEY.match(here)
    if found is not None and found.end() < col:
        return Hint(
            line,
            col,
            "this text contains a colon followed by a space, which YAML reads as the start of "
            f"a new key: put the whole text after '{found.group('key')}:' in quotes",
        )
    return None


# -- indentation ------------------------------------------------------------------------------


def _indentation(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    if "expected '-' indicator" not in what and "expected key" not in what:
        return None
    line, col = at
    here = _get(lines, line)
    if _blank(here):
        return None
    indent = _indent(here)
    if col != indent + 1:
        return None  # libyaml stopped inside the line, not at its start: not indentation
    # The keys this line should line up with: the nearest line above indented more deeply.
    target = None
    for number in range(line - 1, max(0, line - WINDOW), -1):
        current = _get(lines, number)
        if _blank(current):
            continue
        found = _KEY.match(current)
        column = _key_column(found) if found else _indent(current)
        if column > indent and found is not None:
            target = (number, column, found.group("key"))
            break
        if _indent(current) < indent:
            break
    key = _KEY.match(here)
    name = f"'{key.group('key')}:'" if key else "this line"
    if target is None and context_at is not None and indent == context_at[1] - 1:
        if "indicator" in what:
            return Hint(
                line,
                indent + 1,
                f"{name} is at the level of the list that starts on line {context_at[0]} but "
                "does not start with '- ': make it a list item, or move it out of the list",
            )
        return Hint(
            line,
            indent + 1,
            f"{name} is at the level of the keys of the mapping that starts on line "
            f"{context_at[0]} but is not a 'key: value' line: check the line above it",
        )
    if target is None:
        return Hint(
            line,
            indent + 1,
            f"{name} is indented by {indent} space(s), which lines up with nothing above it: "
            "indent it like the other keys of the same mapping",
        )
    number, column, other = target
    if "indicator" in what:
        return Hint(
            line,
            indent + 1,
            f"{name} is indented less than the keys of the list item above it ('{other}:' "
            f"on line {number} starts at column {column + 1}), so it ends that item without "
            f"starting a new one: indent it by {column} spaces, or start a new item with '- '",
        )
    return Hint(
        line,
        indent + 1,
        f"{name} is indented by {indent} space(s), which lines up with no key above it: "
        f"indent it by {column} spaces, like '{other}:' on line {number}",
    )


def _stray(
    lines: list[str],
    what: str,
    at: tuple[int, int],
    context: str,
    context_at: tuple[int, int] | None,
) -> Hint | None:
    line, col = at
    here = _get(lines, line)
    if 0 < col <= len(here) and here[col - 1] in "]}":
        kind = "list" if here[col - 1] == "]" else "mapping"
        return Hint(
            line,
            col,
            f"this '{here[col - 1]}' closes a {kind} that was never opened: remove it, or put "
            "the text in quotes",
        )
    return None
