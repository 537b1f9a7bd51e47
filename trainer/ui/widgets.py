"""Drawing helpers and the focus list every menu-like screen uses.

Drawing helpers only draw; :class:`FocusList` holds which item has focus and turns intents
into "activate item i", the same for keyboard and mouse.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .context import Context
from .fonts import fit, rendered, wrap
from .intents import Intent
from .theme import RGB


def text(
    surface: pygame.Surface,
    ctx: Context,
    value: str,
    role: str,
    color: RGB,
    pos: tuple[int, int],
    anchor: str = "topleft",
    bold: bool = False,
    max_width: int | None = None,
) -> pygame.Rect:
    font = ctx.fonts.get(role)
    if max_width is not None and font.size(value)[0] > max_width:
        value = fit(value, font, max_width, 1)[0]
    image = rendered(value, font, tuple(color), bold)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def line_height(ctx: Context, role: str) -> int:
    return int(ctx.fonts.get(role).get_linesize() * 1.05)


def paragraph_lines(
    ctx: Context, value: str, role: str, width: int, max_lines: int | None = None
) -> list[str]:
    font = ctx.fonts.get(role)
    return fit(value, font, width, max_lines) if max_lines else wrap(value, font, width)


def paragraph(
    surface: pygame.Surface,
    ctx: Context,
    value: str,
    role: str,
    color: RGB,
    rect: pygame.Rect,
    max_lines: int | None = None,
    bold: bool = False,
) -> int:
    """Draw wrapped text inside ``rect`` (clipped to it); return the height used."""
    font = ctx.fonts.get(role)
    if max_lines is None:
        max_lines = max(1, rect.height // line_height(ctx, role))
    lines = fit(value, font, rect.width, max_lines)
    step = line_height(ctx, role)
    y = rect.top
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for line in lines:
        surface.blit(rendered(line, font, tuple(color), bold), (rect.left, y))
        y += step
    surface.set_clip(clip)
    return len(lines) * step


def paragraph_height(ctx: Context, value: str, role: str, width: int) -> int:
    return len(wrap(value, ctx.fonts.get(role), width)) * line_height(ctx, role)


def panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    color: RGB,
    border: RGB | None = None,
    radius: int = 12,
    width: int = 2,
) -> None:
    pygame.draw.rect(surface, color, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width=width, border_radius=radius)


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fraction: float,
    color: RGB,
    bg: RGB,
    radius: int = 6,
) -> None:
    pygame.draw.rect(surface, bg, rect, border_radius=radius)
    fraction = max(0.0, min(1.0, fraction))
    if fraction > 0:
        filled = pygame.Rect(
            rect.left, rect.top, max(radius * 2, int(rect.width * fraction)), rect.height
        )
        pygame.draw.rect(surface, color, filled, border_radius=radius)


def gradient(surface: pygame.Surface, top: RGB, bottom: RGB) -> None:
    w, h = surface.get_size()
    steps = 32
    for i in range(steps):
        mix = i / (steps - 1)
        color = tuple(int(top[k] + (bottom[k] - top[k]) * mix) for k in range(3))
        y0 = h * i // steps
        y1 = h * (i + 1) // steps
        surface.fill(color, pygame.Rect(0, y0, w, y1 - y0))


@dataclass
class Item:
    """A focusable thing on screen: a button, a card, a field."""

    key: str
    rect: pygame.Rect
    enabled: bool = True


class FocusList:
    """Which item has focus; arrows/Tab move it, Enter activates, number keys pick directly,
    a click activates the item under the pointer, pointing moves the focus."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.index = 0

    def set(self, items: list[Item]) -> None:
        focused = self.focused_key
        self.items = items
        keys = [i.key for i in items]
        self.index = (
            keys.index(focused) if focused in keys else min(self.index, max(0, len(items) - 1))
        )

    @property
    def focused_key(self) -> str | None:
        return self.items[self.index].key if self.items else None

    def focus(self, key: str) -> None:
        for i, item in enumerate(self.items):
            if item.key == key:
                self.index = i

    def handle(self, intent: Intent, numbered: bool = True) -> str | None:
        """Return the key of the item activated by ``intent``, if any."""
        if not self.items:
            return None
        if intent.kind in ("down", "next", "right"):
            self.index = (self.index + 1) % len(self.items)
        elif intent.kind in ("up", "prev", "left"):
            self.index = (self.index - 1) % len(self.items)
        elif intent.kind in ("confirm", "toggle"):
            item = self.items[self.index]
            return item.key if item.enabled else None
        elif intent.kind == "select" and numbered and isinstance(intent.value, int):
            if 0 <= intent.value < len(self.items) and self.items[intent.value].enabled:
                self.index = intent.value
                return self.items[intent.value].key
        elif intent.kind in ("click", "point") and intent.pos is not None:
            for i, item in enumerate(self.items):
                if item.rect.collidepoint(intent.pos):
                    self.index = i
                    if intent.kind == "click" and item.enabled:
                        return item.key
        return None


def button(
    surface: pygame.Surface,
    ctx: Context,
    rect: pygame.Rect,
    label: str,
    focused: bool,
    number: int | None = None,
    primary: bool = False,
    enabled: bool = True,
) -> None:
    th = ctx.theme
    fill = th.accent if primary else th.panel
    ink = th.accent_text if primary else th.text
    if not enabled:
        fill, ink = th.panel_alt, th.text_dim
    radius = max(6, rect.height // 4)
    pygame.draw.rect(surface, th.shadow, rect.move(0, 3), border_radius=radius)
    panel(surface, rect, fill, th.border, radius=radius)
    if focused:
        pygame.draw.rect(surface, th.focus, rect.inflate(8, 8), width=4, border_radius=radius + 4)
    label_text = f"{number}  {label}" if number is not None else label
    text(
        surface,
        ctx,
        label_text,
        "body",
        ink,
        rect.center,
        anchor="center",
        bold=primary,
        max_width=rect.width - 16,
    )
