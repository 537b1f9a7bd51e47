"""Drawing helpers, the focus list every screen uses, and a scroller for anything taller than
its box.

Drawing helpers only draw; :class:`FocusList` holds which item has focus and turns intents into
"activate item i", the same for keyboard and mouse; :class:`Scroller` holds a scroll offset and
draws a scroll bar that a mouse can use too.
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
    """One line. ``max_width``: a line too wide is cut with an ellipsis, so use it only for text
    the screen also shows in full (running text goes through :func:`paragraph`)."""
    font = ctx.fonts.get(role, bold)
    if max_width is not None and font.size(value)[0] > max_width:
        value = fit(value, font, max_width, 1)[0]
    image = rendered(value, font, tuple(color))
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def line_height(ctx: Context, role: str) -> int:
    return int(ctx.fonts.get(role).get_linesize() * 1.05)


def text_width(ctx: Context, value: str, role: str, bold: bool = False) -> int:
    return int(ctx.fonts.get(role, bold).size(value)[0])


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
    align: str = "left",
) -> int:
    """Draw wrapped text inside ``rect`` (clipped to it); return the height used."""
    font = ctx.fonts.get(role, bold)
    step = line_height(ctx, role)
    if max_lines is None:
        lines = wrap(value, font, rect.width)
    else:
        lines = fit(value, font, rect.width, max_lines)
    y = rect.top
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    for line in lines:
        image = rendered(line, font, tuple(color))
        x = rect.left
        if align == "center":
            x = rect.centerx - image.get_width() // 2
        elif align == "right":
            x = rect.right - image.get_width()
        surface.blit(image, (x, y))
        y += step
    surface.set_clip(clip)
    return len(lines) * step


def paragraph_height(ctx: Context, value: str, role: str, width: int, bold: bool = False) -> int:
    return len(wrap(value, ctx.fonts.get(role, bold), max(1, width))) * line_height(ctx, role)


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


_GRADIENTS: dict[tuple[tuple[int, int], RGB, RGB], pygame.Surface] = {}


def gradient(surface: pygame.Surface, top: RGB, bottom: RGB) -> None:
    key = (surface.get_size(), top, bottom)
    image = _GRADIENTS.get(key)
    if image is None:
        if len(_GRADIENTS) > 8:
            _GRADIENTS.clear()
        w, h = surface.get_size()
        image = pygame.Surface((w, h))
        steps = 32
        for i in range(steps):
            mix = i / (steps - 1)
            color = tuple(int(top[k] + (bottom[k] - top[k]) * mix) for k in range(3))
            y0 = h * i // steps
            y1 = h * (i + 1) // steps
            image.fill(color, pygame.Rect(0, y0, w, y1 - y0))
        _GRADIENTS[key] = image
    surface.blit(image, (0, 0))


def focus_ring(surface: pygame.Surface, ctx: Context, rect: pygame.Rect, radius: int = 12) -> None:
    pygame.draw.rect(
        surface, ctx.theme.focus, rect.inflate(8, 8), width=4, border_radius=radius + 4
    )


@dataclass
class Item:
    """A focusable thing on screen: a button, a card, a field. ``label``: what self-voicing
    reads when it gets the focus."""

    key: str
    rect: pygame.Rect
    enabled: bool = True
    label: str = ""


HIDDEN = pygame.Rect(-10_000, -10_000, 0, 0)  # an item scrolled out of view


class FocusList:
    """Which item has focus; arrows/Tab move it, Enter activates, number keys pick directly,
    a click activates the item under the pointer, pointing moves the focus.

    The items are in reading order (top to bottom, left to right), so Tab follows the layout.
    """

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.index = 0  # -1: nothing has focus (Enter does nothing until the player moves)

    def set(self, items: list[Item], start: str | None = None) -> None:
        """Replace the items, keeping the focused key if it is still there (else ``start``)."""
        focused = self.focused_key
        self.items = items
        keys = [i.key for i in items]
        if focused in keys:
            self.index = keys.index(focused)
        elif self.index < 0:
            pass  # nothing has focus until the player moves
        elif start in keys:
            self.index = keys.index(start)
        else:
            self.index = min(self.index, max(0, len(items) - 1))

    def clear(self) -> None:
        """Nothing has focus: a new set of choices opens without one chosen for the player."""
        self.index = -1

    @property
    def focused_key(self) -> str | None:
        return self.items[self.index].key if self.items and self.index >= 0 else None

    @property
    def focused(self) -> Item | None:
        return self.items[self.index] if self.items and self.index >= 0 else None

    def focus(self, key: str) -> None:
        for i, item in enumerate(self.items):
            if item.key == key:
                self.index = i

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items if i.key == key), None)

    def handle(self, intent: Intent, numbered: bool = True, arrows: bool = True) -> str | None:
        """Return the key of the item activated by ``intent``, if any. ``arrows=False``: the
        arrow keys are the screen's own (Tab still moves the focus)."""
        if not self.items:
            return None
        moves = ("down", "next", "right") if arrows else ("next",)
        backs = ("up", "prev", "left") if arrows else ("prev",)
        if intent.kind in moves:
            self.index = (self.index + 1) % len(self.items)
        elif intent.kind in backs:
            self.index = (self.index - 1) % len(self.items) if self.index >= 0 else 0
        elif intent.kind in ("confirm", "toggle"):
            if self.index < 0:
                return None  # nothing chosen yet: Enter alone picks nothing
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


def button_lines(ctx: Context, label: str, width: int, role: str = "body") -> list[str]:
    """A button's label wrapped to the button (two lines at most)."""
    return fit(label, ctx.fonts.get(role, True), max(10, width), 2)


def button_width(ctx: Context, label: str, role: str = "body") -> int:
    """The width a button needs to show ``label`` on one line (with its padding)."""
    return text_width(ctx, label, role, True) + 24 + ctx.fonts.px(role)


def button_height(ctx: Context, label: str, width: int, role: str = "body") -> int:
    """The height a button needs to show ``label`` in full (one or two lines)."""
    lines = len(button_lines(ctx, label, width - 24, role))
    return int(line_height(ctx, role) * (lines + 0.9))


def button(
    surface: pygame.Surface,
    ctx: Context,
    rect: pygame.Rect,
    label: str,
    focused: bool,
    number: int | None = None,
    primary: bool = False,
    enabled: bool = True,
    role: str = "body",
) -> None:
    th = ctx.theme
    fill = th.accent if primary else th.panel
    ink = th.accent_text if primary else th.text
    if not enabled:
        fill, ink = th.panel_alt, th.text_dim
    radius = max(6, min(rect.height // 4, 16))
    pygame.draw.rect(surface, th.shadow, rect.move(0, 3), border_radius=radius)
    panel(surface, rect, fill, th.border, radius=radius)
    if focused:
        focus_ring(surface, ctx, rect, radius)
    label_text = f"{number}  {label}" if number is not None and number <= 9 else label
    lines = button_lines(ctx, label_text, rect.width - 24, role)
    step = line_height(ctx, role)
    y = rect.centery - step * len(lines) // 2
    font = ctx.fonts.get(role, primary)
    for line in lines:
        image = rendered(line, font, tuple(ink))
        surface.blit(image, image.get_rect(midtop=(rect.centerx, y)))
        y += step


def stepper(
    surface: pygame.Surface,
    ctx: Context,
    rect: pygame.Rect,
    label: str,
    focused: bool,
    role: str = "small",
) -> tuple[pygame.Rect, pygame.Rect]:
    """A value with a ◀ half and a ▶ half (a filter, a setting): returns the two halves'
    rectangles, which a click on steps back or forward."""
    th = ctx.theme
    panel(surface, rect, th.panel_alt, th.border, radius=min(rect.height // 2, 18))
    if focused:
        focus_ring(surface, ctx, rect, min(rect.height // 2, 18))
    arrow_w = max(rect.height, int(line_height(ctx, role) * 1.4))
    left = pygame.Rect(rect.left, rect.top, arrow_w, rect.height)
    right = pygame.Rect(rect.right - arrow_w, rect.top, arrow_w, rect.height)
    for half, mark in ((left, "◀"), (right, "▶")):
        pygame.draw.line(
            surface,
            th.border,
            (half.right if half is left else half.left, rect.top + 6),
            (half.right if half is left else half.left, rect.bottom - 6),
            2,
        )
        text(surface, ctx, mark, role, th.text, half.center, anchor="center")
    middle = pygame.Rect(left.right + 6, rect.top, right.left - left.right - 12, rect.height)
    lines = fit(label, ctx.fonts.get(role), max(10, middle.width), 2)
    step = line_height(ctx, role)
    y = middle.centery - step * len(lines) // 2
    for line in lines:
        image = rendered(line, ctx.fonts.get(role), tuple(th.text))
        surface.blit(image, image.get_rect(midtop=(middle.centerx, y)))
        y += step
    return left, right


def stepper_height(ctx: Context, label: str, width: int, role: str = "small") -> int:
    arrow_w = int(line_height(ctx, role) * 1.4)
    lines = len(fit(label, ctx.fonts.get(role), max(10, width - 2 * arrow_w - 12), 2))
    return int(line_height(ctx, role) * (lines + 0.9))


def stepper_click(
    rect: pygame.Rect, pos: tuple[int, int], ctx: Context, role: str = "small"
) -> int:
    """-1 for a click on the ◀ half, +1 elsewhere on the stepper, 0 outside it."""
    if not rect.collidepoint(pos):
        return 0
    arrow_w = max(rect.height, int(line_height(ctx, role) * 1.4))
    return -1 if pos[0] < rect.left + arrow_w else 1


class Scroller:
    """A vertical scroll offset over content taller than its view, with a scroll bar: a track,
    a thumb, and arrows above and below that say there is more. The mouse wheel, a click on
    the arrows or the track, and the keyboard (through the scene) all move it."""

    def __init__(self) -> None:
        self.view = pygame.Rect(0, 0, 0, 0)
        self.content = 0
        self.offset = 0

    def set(self, view: pygame.Rect, content: int) -> None:
        self.view = pygame.Rect(view)
        self.content = content
        self.offset = max(0, min(self.offset, self.max_offset))

    @property
    def max_offset(self) -> int:
        return max(0, self.content - self.view.height)

    @property
    def active(self) -> bool:
        return self.max_offset > 0

    def scroll(self, pixels: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + pixels))

    def show(self, top: int, bottom: int) -> None:
        """Scroll the least so that content rows ``top``..``bottom`` are in view."""
        if bottom - top > self.view.height or top < self.offset:
            self.offset = top
        elif bottom > self.offset + self.view.height:
            self.offset = bottom - self.view.height
        self.offset = max(0, min(self.max_offset, self.offset))

    def visible(self, top: int, bottom: int) -> bool:
        return bottom > self.offset and top < self.offset + self.view.height

    def bar_rect(self, ctx: Context) -> pygame.Rect:
        width = max(14, int(ctx.fonts.px("small") * 1.1))
        return pygame.Rect(self.view.right + 4, self.view.top, width, self.view.height)

    def click(self, pos: tuple[int, int], ctx: Context) -> bool:
        """Handle a click on the scroll bar (True if it was one)."""
        if not self.active:
            return False
        bar_rect = self.bar_rect(ctx)
        if not bar_rect.collidepoint(pos):
            return False
        arrow = bar_rect.width
        page = max(20, self.view.height - 40)
        if pos[1] < bar_rect.top + arrow:
            self.scroll(-page // 3)
        elif pos[1] > bar_rect.bottom - arrow:
            self.scroll(page // 3)
        else:
            thumb = self.thumb(bar_rect, arrow)
            self.scroll(-page if pos[1] < thumb.top else page if pos[1] > thumb.bottom else 0)
        return True

    def thumb(self, bar_rect: pygame.Rect, arrow: int) -> pygame.Rect:
        track = bar_rect.inflate(0, -2 * arrow)
        share = self.view.height / max(1, self.content)
        height = max(arrow, int(track.height * share))
        top = track.top + int((track.height - height) * self.offset / max(1, self.max_offset))
        return pygame.Rect(track.left + 3, top, track.width - 6, height)

    def draw(self, surface: pygame.Surface, ctx: Context, on_dark: bool = False) -> None:
        if not self.active:
            return
        th = ctx.theme
        bar_rect = self.bar_rect(ctx)
        arrow = bar_rect.width
        panel(surface, bar_rect, th.panel_alt, th.border, radius=bar_rect.width // 2, width=1)
        pygame.draw.rect(
            surface, th.accent, self.thumb(bar_rect, arrow), border_radius=bar_rect.width // 3
        )
        for up, y in ((True, bar_rect.top + arrow // 2), (False, bar_rect.bottom - arrow // 2)):
            more = self.offset > 0 if up else self.offset < self.max_offset
            color = th.text if more else th.border
            cx, h = bar_rect.centerx, arrow // 4
            points = (
                [(cx - h, y + h // 2), (cx + h, y + h // 2), (cx, y - h)]
                if up
                else [(cx - h, y - h // 2), (cx + h, y - h // 2), (cx, y + h)]
            )
            pygame.draw.polygon(surface, color, points)
        # A fade at the edge where more is hidden, so the cut is clearly a scroll, not the end.
        shade = th.shadow if not on_dark else th.bg
        for up in (True, False):
            more = self.offset > 0 if up else self.offset < self.max_offset
            if not more:
                continue
            band = pygame.Surface((self.view.width, 10), pygame.SRCALPHA)
            for i in range(10):
                alpha = int(90 * (1 - i / 10))
                row = i if up else 9 - i
                band.fill((*shade, alpha), pygame.Rect(0, row, self.view.width, 1))
            surface.blit(band, (self.view.left, self.view.top if up else self.view.bottom - 10))
