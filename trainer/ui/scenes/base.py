"""What the menu-like screens share: a background, a header with a visible Back button and the
screen's title (wrapped, never cut), a footer of key hints that are also buttons, and a focus
list whose order follows the layout (Back first, then the screen's own items)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..context import Context
from ..fonts import wrap
from ..intents import Intent
from ..scene import Pop, Scene, Transition
from ..theme import unit
from ..widgets import (
    FocusList,
    Item,
    button,
    button_width,
    gradient,
    line_height,
    panel,
    text,
    text_width,
)

BACK = "back"


@dataclass(frozen=True)
class Hint:
    """A key hint in the footer: ``keys`` (e.g. "Esc") and what it does. With an ``intent`` it
    is a button too: a click sends the same intent as the key."""

    keys: str
    label: str
    intent: Intent | None = None


class Screen(Scene):
    title_key = "ui.title"
    back_button = True  # a visible Back button in the header (every screen but the title)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.focus = FocusList()
        self.back_rect = pygame.Rect(0, 0, 0, 0)
        self.title_lines: list[str] = []
        self.title_role = "title"
        self.header_h = 0
        self.footer_h = 0
        self.hint_rects: list[tuple[pygame.Rect, Hint]] = []

    @property
    def u(self) -> float:
        return unit(self.size)

    def margin(self) -> int:
        return int(24 * self.u)

    def title(self) -> str:
        return self.ctx.t(self.title_key)

    def hints(self) -> list[Hint]:
        """The footer's hints (the screen's own keys first; Esc and F2 are added)."""
        return []

    def all_hints(self) -> list[Hint]:
        t = self.ctx.t
        out = list(self.hints())
        if self.back_button:
            out.append(Hint("Esc", t("ui.back"), Intent("back")))
        out.append(Hint("F2", t("ui.hint.voice"), Intent("voice")))
        return out

    # -- layout ----------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.layout_header()
        self.layout_footer()

    def layout_header(self) -> None:
        w, _ = self.size
        m = self.margin()
        top = int(m * 0.6)
        x = m
        if self.back_button:
            label = self.back_label()
            bw = button_width(self.ctx, label)
            bh = int(line_height(self.ctx, "body") * 1.7)
            self.back_rect = pygame.Rect(m, top, bw, bh)
            x = self.back_rect.right + int(16 * self.u)
        else:
            self.back_rect = pygame.Rect(0, 0, 0, 0)
        width = w - x - m
        title = self.title()
        self.title_role, self.title_lines = (
            "heading",
            wrap(title, self.ctx.fonts.get("heading", True), width),
        )
        # Large text makes everything larger; the screen's title need not grow with it.
        roles = ("title", "heading") if self.ctx.settings.text_scale <= 1.25 else ("heading",)
        for role in roles:
            if text_width(self.ctx, title, role, True) <= width:
                self.title_role, self.title_lines = role, [title]
                break
        self.title_x = x
        title_h = len(self.title_lines) * line_height(self.ctx, self.title_role)
        self.title_top = top + max(0, (self.back_rect.height - title_h) // 2)
        self.header_h = max(self.back_rect.bottom, self.title_top + title_h) + int(12 * self.u)

    def layout_footer(self) -> None:
        w, h = self.size
        m = self.margin()
        hints = self.all_hints()
        pad = int(self.ctx.fonts.px("small") * 0.7)
        chip_h = int(line_height(self.ctx, "small") * 1.35)
        gap = int(10 * self.u)

        def width_of(hint: Hint) -> int:
            return (
                text_width(self.ctx, hint.keys, "small", True)
                + text_width(self.ctx, hint.label, "small")
                + 3 * pad
            )

        if sum(width_of(hint) + gap for hint in hints) > w - 2 * m:
            # Not all on one row: keep the hints that are also buttons (the others only
            # remind of keys, which the screen's own buttons and arrows show too).
            hints = [hint for hint in hints if hint.intent is not None]
        widths = [width_of(hint) for hint in hints]
        rows: list[list[int]] = [[]]
        used = 0
        for i, width in enumerate(widths):
            if rows[-1] and used + gap + width > w - 2 * m:
                rows.append([])
                used = 0
            rows[-1].append(i)
            used += width + (gap if used else 0)
        self.footer_h = len(rows) * (chip_h + gap) + gap
        y = h - self.footer_h + gap // 2
        self.hint_rects = []
        for row in rows:
            total = sum(widths[i] for i in row) + gap * (len(row) - 1)
            x = (w - total) // 2
            for i in row:
                self.hint_rects.append(
                    (pygame.Rect(x, y, min(widths[i], w - 2 * m), chip_h), hints[i])
                )
                x += widths[i] + gap
            y += chip_h + gap

    def back_label(self) -> str:
        return f"‹ {self.ctx.t('ui.back')}"

    def content_rect(self) -> pygame.Rect:
        w, h = self.size
        m = self.margin()
        top = self.header_h
        return pygame.Rect(m, top, w - 2 * m, h - top - self.footer_h)

    def with_back(self, items: list[Item]) -> list[Item]:
        """``items`` after the Back button (first in reading order: it is top left)."""
        if not self.back_button:
            return items
        return [Item(BACK, self.back_rect, label=self.ctx.t("ui.back")), *items]

    # -- input -----------------------------------------------------------------------------
    def hint_intent(self, intent: Intent) -> Intent | None:
        """The intent of a footer hint clicked by ``intent`` (None if it is not such a click)."""
        if intent.kind != "click" or intent.pos is None:
            return None
        for rect, hint in self.hint_rects:
            if hint.intent is not None and rect.collidepoint(intent.pos):
                return hint.intent
        return None

    def handle_back(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Pop()
        return None

    def spoken(self) -> str:
        item = self.focus.focused
        if item is None:
            return self.title()
        return item.label or item.key

    # -- drawing ---------------------------------------------------------------------------
    def draw_frame(self, surface: pygame.Surface, title: str | None = None) -> None:
        th = self.ctx.theme
        gradient(surface, th.bg_top, th.bg)
        ink = th.accent_text if th.name == "default" else th.text
        if title is None:
            lines, role = self.title_lines, self.title_role
        else:
            lines, role = [title] if title else [], self.title_role
        y = self.title_top
        for line in lines:
            text(surface, self.ctx, line, role, ink, (self.title_x, y), bold=True)
            y += line_height(self.ctx, role)
        if self.back_button:
            focused = self.focus.focused_key == BACK
            button(surface, self.ctx, self.back_rect, self.back_label(), focused)
        self.draw_hints(surface)

    def draw_hints(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        dim = (200, 208, 220) if th.name == "default" else th.text_dim
        pad = int(self.ctx.fonts.px("small") * 0.7)
        for rect, hint in self.hint_rects:
            if hint.intent is not None:
                panel(surface, rect, th.bg_top, dim, radius=rect.height // 2, width=1)
            keys = text(
                surface,
                self.ctx,
                hint.keys,
                "small",
                th.accent_text if th.name == "default" else th.accent,
                (rect.left + pad, rect.centery),
                anchor="midleft",
                bold=True,
            )
            text(
                surface,
                self.ctx,
                hint.label,
                "small",
                dim,
                (keys.right + pad, rect.centery),
                anchor="midleft",
                max_width=max(10, rect.right - keys.right - 2 * pad),
            )


def signed_in_text(ctx: Context) -> str:
    """Who is signed in, for the title and the picker: "Signed in as Ana · Hong Kong, March
    (HK-0325)"."""
    who = ctx.t("ui.signed_in", name=ctx.trainee)
    if ctx.cohort:
        cohort = (
            ctx.t("ui.cohort_named", name=ctx.cohort_name, code=ctx.cohort)
            if ctx.cohort_name and ctx.cohort_name != ctx.cohort
            else ctx.cohort
        )
        who += f" · {cohort}"
    return who
