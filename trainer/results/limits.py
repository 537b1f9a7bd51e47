"""What the results store can hold, and the one rule for names: checked before anything reaches a
database, so SQLite and PostgreSQL accept and refuse exactly the same values and every refusal is
a sentence a person can act on.

Pure: the window's sign-in, the command line and the server call :func:`name_problem` too.
"""

from __future__ import annotations

import unicodedata

# Column sizes (characters) and ranges; trainer/store/schema.py builds its columns from these.
TRAINEE_MAX = 200
COHORT_CODE_MAX = 100
COHORT_NAME_MAX = 200
FACILITATOR_MAX = 200
AUTHOR_MAX = 200
NOTE_MAX = 10_000
SCENARIO_ID_MAX = 200
ENGINE_VERSION_MAX = 20
LOCALE_MAX = 20
RUN_ID_MAX = 36
VERSION_MAX = 2**31 - 1  # an INTEGER column
SEED_MAX = 2**63 - 1  # a BIGINT column; scripts allow 0 to this
PASSPHRASE_MIN = 8
PASSPHRASE_MAX = 1024

#: Characters that reorder the text around them (Unicode bidirectional controls): in a name they
#: can make "Ana<RLO>moc.live" read as "Ana evil.com" in a report or a terminal.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def _codepoint(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def text_problem(value: object, what: str, limit: int, *, lines: bool = False) -> str | None:
    """Why ``value`` cannot be stored as ``what`` (at most ``limit`` characters), or None.

    Refused: anything but text, empty or blank text, text that is too long, control characters
    (line breaks too, unless ``lines``), bidirectional controls, and lone surrogates (text that
    was not valid UTF-8). The message never quotes the value itself.
    """
    if not isinstance(value, str):
        return f"{what} must be text"
    if not value.strip():
        return f"{what} is empty"
    if len(value) > limit:
        return f"{what} is {len(value):,} characters long; at most {limit:,} fit"
    for position, ch in enumerate(value, 1):
        category = unicodedata.category(ch)
        allowed_break = lines and ch in "\n\t"
        if category == "Cc" and not allowed_break:
            return (
                f"{what} contains a control character ({_codepoint(ch)}, character "
                f"{position}); type it again without it"
            )
        if ch in BIDI_CONTROLS:
            return (
                f"{what} contains a character that reverses the direction of the text around it "
                f"({_codepoint(ch)}, character {position}); type it again without it"
            )
        if category == "Cs":
            return (
                f"{what} is not valid text (character {position} is half of a UTF-16 pair, as "
                "when bytes that are not UTF-8 are read); check the terminal's encoding"
            )
    return None


def name_problem(name: object, what: str = "the name", limit: int = TRAINEE_MAX) -> str | None:
    """The one rule for a trainee's name, a cohort's code, name or facilitator, a note's author:
    text of 1 to ``limit`` characters on one line, with no control characters and no
    bidirectional controls. None when ``name`` is fine."""
    return text_problem(name, what, limit)


def integer_problem(value: object, what: str, lo: int, hi: int) -> str | None:
    """Why ``value`` is not a whole number from ``lo`` to ``hi``, or None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{what} must be a whole number"
    if not lo <= value <= hi:
        shown = str(value) if len(str(value)) <= 24 else f"a number of {len(str(value))} digits"
        return f"{what} must be from {lo:,} to {hi:,}, not {shown}"
    return None
