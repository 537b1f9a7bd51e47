"""Settings: text size (100-200%), answer time (normal, twice as long, no limit: suggested from
150% text on), read aloud, reactions that move on by themselves, high contrast, reduced motion,
fullscreen, language. Each is a ◀ value ▶ row: arrows, Enter or a click on either half change
it. The list scrolls when it is taller than the window."""

from __future__ import annotations

import pygame

from ...i18n import SUPPORTED
from ..intents import Intent
from ..scene import Pop, Transition
from ..settings import ANSWER_TIMES, TEXT_SCALES
from ..widgets import (
    HIDDEN,
    Item,
    Scroller,
    button,
    button_height,
    line_height,
    paragraph,
    paragraph_height,
    stepper,
    stepper_click,
    stepper_height,
)
from .base import BACK, Hint, Screen

ROWS = (
    "text_size",
    "answer_time",
    "read_aloud",
    "auto_continue",
    "contrast",
    "motion",
    "fullscreen",
    "language",
)


class SettingsScene(Screen):
    name = "settings"
    title_key = "ui.settings.title"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.scroller = Scroller()
        self.rows: list[tuple[str, pygame.Rect]] = []  # in content coordinates

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("↑↓", t("ui.hint.choose")),
            Hint("←→", t("ui.hint.change")),
        ]

    def keys(self) -> list[str]:
        keys = list(ROWS)
        if self.ctx.settings.suggest_more_time:
            keys.insert(keys.index("answer_time") + 1, "suggest")
        return keys

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        bar_w = max(14, int(self.ctx.fonts.px("small") * 1.1)) + 8
        width = int(min(area.width - bar_w, max(720 * self.u, area.width * 0.6)))
        if self.ctx.settings.text_scale >= 1.5:
            width = area.width - bar_w  # large text: all the width there is
        gap = int(line_height(self.ctx, "body") * 0.3)
        y = 0
        self.rows = []
        for key in self.keys():
            label = self.label(key)
            if key == "suggest":
                note = self.ctx.t("ui.settings.suggest_note")
                h = paragraph_height(self.ctx, note, "small", width) + button_height(
                    self.ctx, label, width
                )
            else:
                h = stepper_height(self.ctx, label, width, "body")
            self.rows.append((key, pygame.Rect(area.left, y, width, h)))
            y += h + gap
        self.scroller.set(pygame.Rect(area.left, area.top, width, area.height), y)
        self.place()

    def place(self) -> None:
        view = self.scroller.view
        items = []
        for key, rect in self.rows:
            shown = rect.move(0, view.top - self.scroller.offset)
            if key == "suggest":
                note_h = paragraph_height(
                    self.ctx, self.ctx.t("ui.settings.suggest_note"), "small", rect.width
                )
                shown = pygame.Rect(
                    shown.left, shown.top + note_h, shown.width, rect.height - note_h
                )
            clipped = shown.clip(view)
            items.append(Item(key, clipped if clipped.height else HIDDEN, label=self.label(key)))
        self.focus.set(self.with_back(items), start="text_size")
        self.dirty = True

    def label(self, key: str) -> str:
        s, t = self.ctx.settings, self.ctx.t
        on, off = t("ui.settings.on"), t("ui.settings.off")
        return {
            "text_size": t("ui.settings.text_size", value=int(s.text_scale * 100)),
            "answer_time": t(
                "ui.settings.answer_time", value=t(f"ui.settings.answer_time.{s.answer_time}")
            ),
            "suggest": t("ui.settings.suggest"),
            "read_aloud": t("ui.settings.read_aloud", value=on if s.read_aloud else off),
            "auto_continue": t("ui.settings.auto_continue", value=on if s.auto_continue else off),
            "contrast": t("ui.settings.contrast", value=on if s.high_contrast else off),
            "motion": t("ui.settings.motion", value=on if s.reduced_motion else off),
            "fullscreen": t("ui.settings.fullscreen", value=on if s.fullscreen else off),
            "language": t("ui.language", name=t(f"ui.lang.{s.lang}")),
            BACK: t("ui.back"),
        }[key]

    def change(self, key: str, step: int = 1) -> Transition:
        s = self.ctx.settings
        if key == "text_size":
            i = TEXT_SCALES.index(s.text_scale)
            self.ctx.update_settings(text_scale=TEXT_SCALES[(i + step) % len(TEXT_SCALES)])
        elif key == "answer_time":
            names = list(ANSWER_TIMES)
            self.ctx.update_settings(
                answer_time=names[(names.index(s.answer_time) + step) % len(names)]
            )
        elif key == "suggest":
            self.ctx.update_settings(answer_time="double")
            self.layout(self.size)
            self.focus.focus("answer_time")
            return None
        elif key == "read_aloud":
            self.ctx.update_settings(read_aloud=not s.read_aloud)
        elif key == "auto_continue":
            self.ctx.update_settings(auto_continue=not s.auto_continue)
        elif key == "contrast":
            self.ctx.update_settings(high_contrast=not s.high_contrast)
        elif key == "motion":
            self.ctx.update_settings(reduced_motion=not s.reduced_motion)
        elif key == "fullscreen":
            self.ctx.update_settings(fullscreen=not s.fullscreen)
        elif key == "language":
            langs = list(SUPPORTED)
            self.ctx.update_settings(lang=langs[(langs.index(s.lang) + step) % len(langs)])
        elif key == BACK:
            return Pop()
        self.layout(self.size)
        self.show_focused()
        return None

    def show_focused(self) -> None:
        key = self.focus.focused_key
        rect = next((r for k, r in self.rows if k == key), None)
        if rect is not None:
            self.scroller.show(rect.top, rect.bottom)
        elif key == BACK:
            self.scroller.show(0, 0)
        self.place()

    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        key = self.focus.focused_key
        if intent.kind in ("left", "right"):
            if key is not None and key not in (BACK, "suggest"):
                return self.change(key, 1 if intent.kind == "right" else -1)
            return None
        if intent.kind == "click" and intent.pos is not None:
            if self.scroller.click(intent.pos, self.ctx):
                self.place()
                return None
            for item in self.focus.items:
                if item.key in (BACK, "suggest"):
                    continue
                step = stepper_click(item.rect, intent.pos, self.ctx, "body")
                if step:
                    self.focus.focus(item.key)
                    return self.change(item.key, step)
        if intent.kind == "scroll":
            self.scroller.scroll(-intent.value * int(line_height(self.ctx, "body") * 2))
            self.place()
            return None
        chosen = self.focus.handle(intent, arrows=False)
        if intent.kind in ("up", "down"):
            self.focus.handle(Intent("next" if intent.kind == "down" else "prev"))
        if intent.kind in ("up", "down", "next", "prev"):
            self.show_focused()
        if chosen is not None:
            return self.change(chosen)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        view = self.scroller.view
        clip = surface.get_clip()
        surface.set_clip(view.inflate(12, 8))
        for key, rect in self.rows:
            shown = rect.move(0, view.top - self.scroller.offset)
            if not shown.colliderect(view):
                continue
            focused = key == self.focus.focused_key
            if key == "suggest":
                note = self.ctx.t("ui.settings.suggest_note")
                used = paragraph(
                    surface,
                    self.ctx,
                    note,
                    "small",
                    (214, 222, 232) if th.name == "default" else th.text,
                    shown,
                )
                button(
                    surface,
                    self.ctx,
                    pygame.Rect(shown.left, shown.top + used, shown.width, shown.height - used),
                    self.label(key),
                    focused,
                    primary=True,
                )
                continue
            stepper(surface, self.ctx, shown, self.label(key), focused, role="body")
        surface.set_clip(clip)
        self.scroller.draw(surface, self.ctx, on_dark=True)
