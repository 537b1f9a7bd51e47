"""The title screen: start, language, settings, leaderboard, quit."""

from __future__ import annotations

import pygame

from ...i18n import SUPPORTED
from ..intents import Intent
from ..scene import Push, Quit, Transition, go
from ..widgets import Item, button, paragraph, text
from .base import Screen

BUTTONS = ("start", "language", "settings", "leaderboard", "review", "quit")


class TitleScene(Screen):
    name = "title"
    cast_shown = False  # the illustrations join from the second frame: the menu comes first

    def update(self, dt: float) -> Transition:
        self.cast_shown = True
        return None

    def title_role(self) -> str:
        """The largest title size whose line fits the window's width."""
        w = self.size[0]
        for role in ("huge", "title", "heading"):
            if self.ctx.fonts.get(role).size(self.ctx.t("ui.title"))[0] <= w * 0.84:
                return role
        return "heading"

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        n = len(BUTTONS)
        body = self.ctx.fonts.px("body")
        bw = int(min(w * 0.42, 520 * self.u))
        bw = max(bw, min(w - 2 * int(w * 0.08), int(body * 14)))
        title_h = int(self.ctx.fonts.px(self.title_role()) * 1.4)
        self.show_tagline = h >= 560 and self.ctx.settings.text_scale <= 1.5
        tag_h = int(body * 1.3 * 2.4) if self.show_tagline else 0
        top_min = int(h * 0.08) + title_h + tag_h + int(16 * self.u)
        bottom = h - self.footer_height() - int(12 * self.u)
        gap = int(body * 0.7)
        bh = int(min(body * 2.3, max(body * 1.45, (bottom - top_min - (n - 1) * gap) / n)))
        gap = int(min(gap, bh * 0.3))
        total = n * bh + (n - 1) * gap
        top = max(top_min, bottom - total) if total <= bottom - top_min else top_min
        x = int(w * 0.08)
        self.focus.set(
            [
                Item(key, pygame.Rect(x, top + i * (bh + gap), bw, bh))
                for i, key in enumerate(BUTTONS)
            ]
        )

    def label(self, key: str) -> str:
        if key == "language":
            return self.ctx.t("ui.language", name=self.ctx.t(f"ui.lang.{self.ctx.lang}"))
        return self.ctx.t(f"ui.{key}")

    def handle(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Quit()
        chosen = self.focus.handle(intent)
        if chosen == "start":
            return Push(go("picker" if self.ctx.trainee else "signin"))
        if chosen == "language":
            langs = list(SUPPORTED)
            self.ctx.update_settings(lang=langs[(langs.index(self.ctx.lang) + 1) % len(langs)])
            self.layout(self.size)
        elif chosen in ("settings", "leaderboard", "review"):
            return Push(go(chosen))
        elif chosen == "quit":
            return Quit()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface, title="")
        w, h = self.size
        x = int(w * 0.08)
        top = int(h * 0.09)
        title_rect = text(
            surface,
            self.ctx,
            self.ctx.t("ui.title"),
            self.title_role(),
            th.accent_text if th.name == "default" else th.accent,
            (x, top),
            bold=True,
            max_width=int(w * 0.84),
        )
        tagline = pygame.Rect(x, title_rect.bottom + int(10 * self.u), int(w * 0.5), int(h * 0.22))
        if self.show_tagline:
            paragraph(
                surface,
                self.ctx,
                self.ctx.t("ui.tagline"),
                "body",
                (214, 222, 232) if th.name == "default" else th.text,
                tagline,
                max_lines=2,
            )
        if self.cast_shown and self.focus.items and self.focus.items[0].rect.right < w * 0.55:
            self.draw_cast(surface)
        for i, item in enumerate(self.focus.items):
            button(
                surface,
                self.ctx,
                item.rect,
                self.label(item.key),
                focused=i == self.focus.index,
                number=i + 1,
                primary=item.key == "start",
            )

    def draw_cast(self, surface: pygame.Surface) -> None:
        """A row of customers on the right: who the trainee will meet."""
        from ..art import draw_portrait, look_for

        w, h = self.size
        area = pygame.Rect(int(w * 0.56), int(h * 0.36), int(w * 0.4), int(h * 0.5))
        cast = (
            ("impatient", "Ms. Chen", "tense"),
            ("anxious", "Mrs. Tran", "calm"),
            ("reasonable", "Mr. Walker", "pleased"),
        )
        cw = area.width // len(cast)
        for i, (archetype, name, mood) in enumerate(cast):
            rect = pygame.Rect(
                area.left + i * cw,
                area.top + (i % 2) * int(area.height * 0.08),
                cw,
                int(area.height * 0.9),
            )
            draw_portrait(
                surface,
                rect,
                look_for(archetype, name),
                mood,
                t=self.ctx.time,
                reduced_motion=self.ctx.settings.reduced_motion,
                high_contrast=self.ctx.settings.high_contrast,
            )
