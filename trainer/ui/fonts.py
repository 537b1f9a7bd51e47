"""Fonts and text layout.

Two bundled OFL fonts: Noto Sans first (Latin, with every Vietnamese diacritic), Noto Sans SC
for Han characters, kana, full-width punctuation and any glyph Noto Sans lacks. A line is drawn
as runs of characters, each in its font, on one baseline. Punctuation and spaces belong to the
run they sit in, so an ellipsis or a quote looks Latin in an English or Vietnamese sentence and
Chinese inside a Chinese one. Line wrapping knows Chinese has no spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pygame

from ..paths import bundled_assets

ROLES = {"huge": 60, "title": 42, "heading": 28, "body": 21, "small": 17, "tiny": 14}
LATIN_FILE = "fonts/NotoSans-Regular.ttf"
LATIN_BOLD_FILE = "fonts/NotoSans-Bold.ttf"
CJK_FILE = "fonts/NotoSansSC-Regular.otf"
#: a CJK line is taller than a Latin one (Noto Sans SC: 1.448 em; Noto Sans: 1.362 em)
CJK_LINE = 1.448

# CJK ideographs, kana, hangul, CJK symbols and punctuation, full-width forms: each may start a
# new line, and each is drawn with the CJK font.
_CJK = "\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_TOKEN = re.compile(f"[{_CJK}][，。！？；：、」』）》〉”’]*|[^\\s{_CJK}]+\\s*|\\s+")


def asset(name: str) -> Path:
    return bundled_assets() / name


def font_path(bold: bool = False) -> Path:
    """The Latin font file (the one the first frame needs)."""
    return asset(LATIN_BOLD_FILE if bold else LATIN_FILE)


def cjk_path() -> Path:
    return asset(CJK_FILE)


@lru_cache(maxsize=96)
def _load(path: str, px: int) -> pygame.font.Font:
    return pygame.font.Font(path, px)


def is_cjk(char: str) -> bool:
    return bool(_CJK_RE.match(char))


def _strong(char: str) -> str | None:
    """'cjk' or 'latin' for a character that decides its run's font; None for punctuation,
    digits, spaces and symbols, which follow the run they are in."""
    if is_cjk(char):
        return "cjk"
    if unicodedata.category(char)[0] in "LM":
        return "latin"
    return None


@lru_cache(maxsize=4096)
def _latin_has(char: str) -> bool:
    """Whether Noto Sans has a glyph for ``char`` (else it would draw an empty box)."""
    font = _load(str(font_path()), 24)
    missing = font.metrics("\uffff")[0]
    got = font.metrics(char)[0]
    if got != missing:
        return True
    blank = pygame.image.tobytes(font.render("\uffff", False, (255, 255, 255)), "RGB")
    return pygame.image.tobytes(font.render(char, False, (255, 255, 255)), "RGB") != blank


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` as (font, characters) runs, font being 'latin' or 'cjk'."""
    if not text:
        return []
    if text.isascii():
        return [("latin", text)]  # the common case, and Noto Sans has all of ASCII
    if not _CJK_RE.search(text) and all(_latin_has(c) for c in set(text) if not c.isascii()):
        return [("latin", text)]  # Vietnamese, and Latin text with a dot or a dash
    return list(_runs(text))


@lru_cache(maxsize=8192)
def _runs(text: str) -> tuple[tuple[str, str], ...]:
    scripts: list[str | None] = [_strong(ch) for ch in text]
    first = next((s for s in scripts if s is not None), "latin")
    current = first
    out: list[tuple[str, str]] = []
    for char, script in zip(text, scripts, strict=True):
        if script is not None:
            current = script
        font = current
        if font == "latin" and not char.isspace() and not _latin_has(char):
            font = "cjk"
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return tuple(out)


class Face:
    """One size and weight of the game's type: Noto Sans, with Noto Sans SC for the runs that
    need it (loaded only when a line first needs it). Has the parts of ``pygame.font.Font`` the
    game uses: ``size``, ``render``, ``get_linesize``, ``get_height``."""

    def __init__(self, px: int, bold: bool = False, cjk_lines: bool = False) -> None:
        self.px = px
        self.bold = bold
        self.latin = _load(str(font_path(bold)), px)
        self.cjk_lines = cjk_lines
        self._hash = hash((px, bold, cjk_lines))

    @property
    def cjk(self) -> pygame.font.Font:
        return _load(str(cjk_path()), self.px)

    def font(self, kind: str) -> pygame.font.Font:
        return self.cjk if kind == "cjk" else self.latin

    def size(self, text: str) -> tuple[int, int]:
        return _size(self, text)

    def get_linesize(self) -> int:
        latin = self.latin.get_linesize()
        return max(latin, round(self.px * CJK_LINE)) if self.cjk_lines else latin

    def get_height(self) -> int:
        return self.get_linesize()

    def render(self, text: str, antialias: bool, color: tuple[int, ...]) -> pygame.Surface:
        parts = runs(text)
        if len(parts) == 1 and parts[0][0] == "latin":
            return self.latin.render(text, antialias, color)
        images = []
        ascent = 0
        below = 0
        for kind, chars in parts:
            font = self.font(kind)
            if kind == "cjk" and self.bold:
                font.bold = True  # the CJK face has no bold file: a synthetic bold
            try:
                image = font.render(chars, antialias, color)
            finally:
                font.bold = False
            images.append((font.get_ascent(), image))
            ascent = max(ascent, font.get_ascent())
            below = max(below, image.get_height() - font.get_ascent())
        width = sum(image.get_width() for _, image in images)
        out = pygame.Surface((max(1, width), max(1, ascent + below)), pygame.SRCALPHA)
        x = 0
        for font_ascent, image in images:
            out.blit(image, (x, ascent - font_ascent))
            x += image.get_width()
        return out

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Face) and (self.px, self.bold, self.cjk_lines) == (
            other.px,
            other.bold,
            other.cjk_lines,
        )


@lru_cache(maxsize=8192)
def _size(face: Face, text: str) -> tuple[int, int]:
    width = 0
    for kind, chars in runs(text):
        font = face.font(kind)
        if kind == "cjk" and face.bold:
            font.bold = True
        try:
            width += font.size(chars)[0]
        finally:
            font.bold = False
    return width, face.get_linesize()


@lru_cache(maxsize=256)
def face(px: int, bold: bool = False, cjk_lines: bool = False) -> Face:
    return Face(px, bold, cjk_lines)


class FontBook:
    """Type by role at the current window size, text-size setting and language."""

    def __init__(self, size: tuple[int, int], text_scale: float = 1.0, lang: str = "en") -> None:
        from .theme import unit

        self.scale = unit(size) * text_scale
        self.cjk_lines = lang.startswith("zh")

    def px(self, role: str) -> int:
        return max(10, round(ROLES[role] * self.scale))

    def get(self, role: str, bold: bool = False) -> Face:
        return face(self.px(role), bold, self.cjk_lines)


#: punctuation that never starts a line, and punctuation that never ends one
_CLOSING = set("，。！？；：、」』）》〉”’)]}…%")
_OPENING = set("「『（《〈“‘([{")


def tokens(text: str) -> list[str]:
    """Pieces a line may break between: words with their trailing space, single CJK
    characters; a closing bracket or mark stays with what it closes, an opening one with what
    it opens."""
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if out and (token[0] in _CLOSING or (out[-1] and out[-1][-1] in _OPENING)):
            out[-1] += token
        else:
            out.append(token)
    return out


def wrap(text: str, font: Face, width: int) -> list[str]:
    """Lines of ``text`` that fit ``width`` pixels; explicit newlines are kept (cached: the
    same text at the same size wraps the same way every frame)."""
    return list(_wrap(text, font, width))


@lru_cache(maxsize=4096)
def _wrap(text: str, font: Face, width: int) -> tuple[str, ...]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for token in tokens(paragraph):
            candidate = current + token
            if font.size(candidate.rstrip())[0] <= width or not current.strip():
                if font.size(candidate.rstrip())[0] > width and not current.strip():
                    # One token wider than the line: break it by characters.
                    for char in token:
                        if font.size((current + char).rstrip())[0] > width and current:
                            lines.append(current.rstrip())
                            current = char.lstrip()
                        else:
                            current += char
                    continue
                current = candidate
            else:
                lines.append(current.rstrip())
                current = token.lstrip()
        lines.append(current.rstrip())
    return tuple(lines)


@lru_cache(maxsize=2048)
def rendered(text: str, font: Face, color: tuple[int, ...], bold: bool = False) -> pygame.Surface:
    """A line of text as an image, cached: drawing a frame renders no text it drew before.
    ``bold`` draws it with the bold face of the same size."""
    if bold and not font.bold:
        font = face(font.px, True, font.cjk_lines)
    return font.render(text, True, color)


def fit(text: str, font: Face, width: int, max_lines: int) -> list[str]:
    """Wrapped lines, cut to ``max_lines`` with an ellipsis on the last one if needed (for
    labels that repeat text shown in full elsewhere; running text wraps instead)."""
    lines = wrap(text, font, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.size(last + "…")[0] > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def shorten(text: str, font: Face, width: int, max_lines: int) -> list[str]:
    """Like :func:`fit`, but cut at the end of a clause (after ';', ':', '.', '，', '；', '。')
    when the first clauses fit, so a shortened description still reads as a sentence."""
    lines = wrap(text, font, width)
    if len(lines) <= max_lines:
        return lines
    for mark in ("。", ". ", "；", "; ", "：", ": ", "，", ", "):
        head = text
        while mark in head:
            head = head[: head.rindex(mark)]
            # A full stop ends a sentence; any other mark leaves the thought open.
            end = mark.strip() if mark in ("。", ". ") else "…"
            candidate = head.rstrip(" ,;:，；：") + end
            if len(wrap(candidate, font, width)) <= max_lines:
                return wrap(candidate, font, width)
    return fit(text, font, width, max_lines)


def reset() -> None:
    """Forget every cached font, wrap and rendered line (call before ``pygame.quit``: a cached
    font outlives the font module otherwise)."""
    _load.cache_clear()
    _wrap.cache_clear()
    _size.cache_clear()
    _runs.cache_clear()
    _latin_has.cache_clear()
    face.cache_clear()
    rendered.cache_clear()
