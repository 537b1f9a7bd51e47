"""What the menu-like screens share: a background, a title, a footer hint, a focus list."""

from __future__ import annotations

import pygame

from ..context import Context
from ..intents import Intent
from ..scene import Pop, Scene, Transition
from ..theme import unit
from ..widgets import FocusList, gradient, text


class Screen(Scene):
    title_key = "ui.title"
    hint_key = "ui.keys_hint"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.focus = FocusList()

    @property
    def u(self) -> float:
        return unit(self.size)

    def margin(self) -> int:
        return int(32 * self.u)

    def header_height(self) -> int:
        return int(self.ctx.fonts.px("title") * 1.9)

    def footer_height(self) -> int:
        return int(self.ctx.fonts.px("small") * 2.4)

    def content_rect(self) -> pygame.Rect:
        w, h = self.size
        m = self.margin()
        top = self.header_height()
        return pygame.Rect(m, top, w - 2 * m, h - top - self.footer_height())

    def draw_frame(self, surface: pygame.Surface, title: str | None = None) -> None:
        th = self.ctx.theme
        gradient(surface, th.bg_top, th.bg)
        w, h = self.size
        if title is None:
            title = self.ctx.t(self.title_key)
        text(
            surface,
            self.ctx,
            title,
            "title",
            th.accent_text if th.name == "default" else th.text,
            (self.margin(), int(self.header_height() * 0.18)),
            bold=True,
            max_width=w - 2 * self.margin(),
        )
        hint = self.ctx.t(self.hint_key)
        text(
            surface,
            self.ctx,
            hint,
            "small",
            (200, 208, 220) if th.name == "default" else th.text_dim,
            (w // 2, h - self.footer_height() // 2),
            anchor="center",
            max_width=w - 2 * self.margin(),
        )

    def handle_back(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Pop()
        return None
