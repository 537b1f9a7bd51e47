"""Fonts and text layout: one bundled OFL font (Noto Sans SC) for Latin, Vietnamese and Chinese,
sized by role, and line wrapping that knows Chinese has no spaces."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pygame

from ..paths import bundled_assets

ROLES = {"huge": 60, "title": 42, "heading": 28, "body": 21, "small": 17, "tiny": 14}
FONT_FILE = "fonts/NotoSansSC-Regular.otf"
FONT_BOLD_FILE = "fonts/NotoSansSC-Bold.otf"

# CJK ideographs, kana, full-width forms: each may start a new line.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_TOKEN = re.compile(f"[{_CJK}][，。！？；：、」』）》〉”’]*|[^\\s{_CJK}]+\\s*|\\s+")


@lru_cache(maxsize=4)
def font_path(bold: bool = False) -> Path:
    path = bundled_assets() / (FONT_BOLD_FILE if bold else FONT_FILE)
    if bold and not path.exists():
        path = bundled_assets() / FONT_FILE
    return path


@lru_cache(maxsize=64)
def _load(path: str, px: int) -> pygame.font.Font:
    return pygame.font.Font(path, px)


class FontBook:
    """Fonts by role at the current window size and text-size setting."""

    def __init__(self, size: tuple[int, int], text_scale: float = 1.0) -> None:
        from .theme import unit

        self.scale = unit(size) * text_scale

    def px(self, role: str) -> int:
        return max(10, round(ROLES[role] * self.scale))

    def get(self, role: str, bold: bool = False) -> pygame.font.Font:
        return _load(str(font_path(bold)), self.px(role))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Lines of ``text`` that fit ``width`` pixels; explicit newlines are kept (cached: the
    same text at the same size wraps the same way every frame)."""
    return list(_wrap(text, font, width))


@lru_cache(maxsize=2048)
def _wrap(text: str, font: pygame.font.Font, width: int) -> tuple[str, ...]:
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


@lru_cache(maxsize=1024)
def rendered(
    text: str, font: pygame.font.Font, color: tuple[int, ...], bold: bool = False
) -> pygame.Surface:
    """A line of text as an image, cached: drawing a frame renders no text it drew before."""
    font.bold = bold
    try:
        return font.render(text, True, color)
    finally:
        font.bold = False


def fit(text: str, font: pygame.font.Font, width: int, max_lines: int) -> list[str]:
    """Wrapped lines, cut to ``max_lines`` with an ellipsis on the last one if needed."""
    lines = wrap(text, font, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.size(last + "…")[0] > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def reset() -> None:
    """Forget every cached font, wrap and rendered line (call before ``pygame.quit``: a cached
    font outlives the font module otherwise)."""
    _load.cache_clear()
    _wrap.cache_clear()
    rendered.cache_clear()
