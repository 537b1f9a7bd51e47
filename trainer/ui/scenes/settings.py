"""Settings: text size (100-200%), high contrast, reduced motion, fullscreen, language."""

from __future__ import annotations

import pygame

from ...i18n import SUPPORTED
from ..intents import Intent
from ..scene import Pop, Transition
from ..settings import TEXT_SCALES
from ..widgets import Item, button
from .base import Screen

ROWS = ("text_size", "contrast", "motion", "fullscreen", "language", "back")


class SettingsScene(Screen):
    name = "settings"
    title_key = "ui.settings.title"
    hint_key = "ui.settings.hint"
    fullscreen_request = False

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        bh = int(self.ctx.fonts.px("body") * 2.1)
        gap = int(bh * 0.28)
        width = int(min(area.width, 640 * self.u))
        self.focus.set(
            [
                Item(key, pygame.Rect(area.left, area.top + i * (bh + gap), width, bh))
                for i, key in enumerate(ROWS)
            ]
        )

    def label(self, key: str) -> str:
        s, t = self.ctx.settings, self.ctx.t
        on, off = t("ui.settings.on"), t("ui.settings.off")
        return {
            "text_size": t("ui.settings.text_size", value=int(s.text_scale * 100)),
            "contrast": t("ui.settings.contrast", value=on if s.high_contrast else off),
            "motion": t("ui.settings.motion", value=on if s.reduced_motion else off),
            "fullscreen": t("ui.settings.fullscreen", value=on if s.fullscreen else off),
            "language": t("ui.language", name=t(f"ui.lang.{s.lang}")),
            "back": t("ui.back"),
        }[key]

    def change(self, key: str, step: int = 1) -> Transition:
        s = self.ctx.settings
        if key == "text_size":
            i = TEXT_SCALES.index(s.text_scale)
            self.ctx.update_settings(text_scale=TEXT_SCALES[(i + step) % len(TEXT_SCALES)])
        elif key == "contrast":
            self.ctx.update_settings(high_contrast=not s.high_contrast)
        elif key == "motion":
            self.ctx.update_settings(reduced_motion=not s.reduced_motion)
        elif key == "fullscreen":
            self.ctx.update_settings(fullscreen=not s.fullscreen)
        elif key == "language":
            langs = list(SUPPORTED)
            self.ctx.update_settings(lang=langs[(langs.index(s.lang) + step) % len(langs)])
        elif key == "back":
            return Pop()
        self.layout(self.size)
        return None

    def handle(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Pop()
        key = self.focus.focused_key
        if intent.kind in ("left", "right") and key is not None:
            return self.change(key, 1 if intent.kind == "right" else -1)
        if intent.kind in ("left", "right"):
            return None
        chosen = self.focus.handle(intent)
        if chosen is not None:
            return self.change(chosen)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        for i, item in enumerate(self.focus.items):
            button(
                surface,
                self.ctx,
                item.rect,
                self.label(item.key),
                i == self.focus.index,
                number=i + 1,
                primary=item.key == "back",
            )
