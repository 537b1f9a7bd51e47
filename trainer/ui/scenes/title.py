"""The title screen: start, language, settings, leaderboard, trainer review, quit; who is signed
in, with a way to change it."""

from __future__ import annotations

import pygame

from ...i18n import SUPPORTED
from ..intents import Intent
from ..scene import Push, Quit, Transition, go
from ..widgets import (
    Item,
    button,
    button_height,
    button_lines,
    button_width,
    line_height,
    paragraph,
    paragraph_height,
    text,
)
from .base import Hint, Screen, signed_in_text

BUTTONS = ("start", "language", "settings", "leaderboard", "review", "quit")
CAST = (
    ("impatient", "Ms. Chen", "tense"),
    ("anxious", "Mrs. Tran", "calm"),
    ("reasonable", "Mr. Walker", "pleased"),
)


class TitleScene(Screen):
    name = "title"
    back_button = False
    cast_shown = False  # the illustrations join from the second frame: the menu comes first

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.cast_image: pygame.Surface | None = None
        self.cast_key: tuple[object, ...] = ()

    def update(self, dt: float) -> Transition:
        if not self.cast_shown and self.ctx.frames:
            self.cast_shown = True
            self.dirty = True
        return None

    def hints(self) -> list[Hint]:
        return [
            Hint("1-6", self.ctx.t("ui.hint.choose")),
            Hint("Enter", self.ctx.t("ui.hint.open"), Intent("confirm")),
            Hint("Esc", self.ctx.t("ui.quit"), Intent("back")),
        ]

    headline = ""

    def headline_role(self) -> str:
        """The largest title size whose line fits the window's width (and, once laid out, the
        one that leaves room for everything else)."""
        if self.headline:
            return self.headline
        w = self.size[0]
        roles = (
            ("huge", "title", "heading")
            if self.size[1] >= 720 or self.ctx.settings.text_scale < 1.5
            else ("title", "heading")
        )
        for role in roles:
            if self.ctx.fonts.get(role, True).size(self.ctx.t("ui.title"))[0] <= w * 0.84:
                return role
        return "heading"

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self.headline = ""
        first = self.headline_role()
        roles = ("huge", "title", "heading")
        bottom = size[1] - self.footer_h
        for role in roles[roles.index(first) :]:
            for tagline in (True, False):
                self.place(size, role, tagline)
                if max(item.rect.bottom for item in self.focus.items) <= bottom:
                    self.headline = role
                    return
        self.headline = "heading"

    def place(self, size: tuple[int, int], role: str, tagline: bool) -> None:
        """Lay the screen out with the title in ``role`` (with or without the tagline)."""
        w, h = size
        ctx = self.ctx
        u = self.u
        x = int(w * 0.06)
        self.headline = role
        self.headline_top = int(h * 0.06)
        top = self.headline_top + int(line_height(ctx, role) * 1.1)
        tagline_w = int(w * 0.56)
        tag_h = paragraph_height(ctx, ctx.t("ui.tagline"), "body", tagline_w)
        self.show_tagline = tagline and tag_h <= line_height(ctx, "body") * 2 and h >= 560
        self.tagline = pygame.Rect(x, top, tagline_w, tag_h)
        if self.show_tagline:
            top += tag_h + int(10 * u)
        top += int(10 * u)
        bottom = h - self.footer_h - int(8 * u)
        self.who = signed_in_text(ctx) if ctx.trainee else ""
        change_label = ctx.t("ui.change")
        gap = int(line_height(ctx, "body") * 0.3)
        labels = [self.label(key) for key in BUTTONS]
        one_w = int(min(w * 0.44, max(440 * u, w * 0.36)))
        one_w = max(one_w, min(w - 2 * x, int(ctx.fonts.px("body") * 14)))
        lines = max(len(button_lines(ctx, label, one_w - 24)) for label in labels)
        line = line_height(ctx, "body")
        change_w = button_width(ctx, change_label)
        change_h = button_height(ctx, change_label, change_w)

        def who_height(width: int) -> int:
            if not self.who:
                return 0
            words = paragraph_height(ctx, self.who, "small", width - change_w - gap)
            return max(change_h, words) + gap

        who_h = who_height(one_w)
        room = (bottom - top - who_h) // len(BUTTONS) - gap
        one_column = room >= int(line * (lines + 0.45))
        if one_column:
            columns, bw = 1, one_w
            bh = min(int(line * (lines + 0.9)), room)
        else:
            columns, bw = 2, (w - 2 * x - gap) // 2
            bh = max(button_height(ctx, label, bw) for label in labels)
            room = (bottom - top - who_height(w - 2 * x)) // 3 - gap
            need = max(len(button_lines(ctx, label, bw - 24)) for label in labels)
            bh = max(min(bh, room), int(line * (need + 0.3)))
        rows = -(-len(BUTTONS) // columns)
        items = []
        for i, key in enumerate(BUTTONS):
            row, col = (i, 0) if columns == 1 else (i // 2, i % 2)
            rect = pygame.Rect(x + col * (bw + gap), top + row * (bh + gap), bw, bh)
            items.append(Item(key, rect, label=labels[i]))
        self.columns = columns
        self.buttons_bottom = top + rows * (bh + gap)
        if self.who:
            width = min(columns * bw + (columns - 1) * gap, w - 2 * x)
            who_h = who_height(width) - gap
            self.who_rect = pygame.Rect(x, self.buttons_bottom, width - change_w - gap, who_h)
            items.append(
                Item(
                    "change",
                    pygame.Rect(
                        x + width - change_w,
                        self.buttons_bottom + (who_h - change_h) // 2,
                        change_w,
                        change_h,
                    ),
                    label=f"{self.who}. {change_label}",
                )
            )
        self.focus.set(items, start="start")
        self.cast_area = pygame.Rect(int(w * 0.56), int(h * 0.34), int(w * 0.4), int(h * 0.5))
        self.dirty = True

    def label(self, key: str) -> str:
        if key == "language":
            return self.ctx.t("ui.language", name=self.ctx.t(f"ui.lang.{self.ctx.lang}"))
        return self.ctx.t(f"ui.{key}")

    def handle(self, intent: Intent) -> Transition:
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Push(go("dialog", purpose="quit"))
        chosen = self.focus.handle(intent)
        if chosen == "start":
            return Push(go("picker" if self.ctx.trainee else "signin"))
        if chosen == "change":
            return Push(go("signin", then="back"))
        if chosen == "language":
            langs = list(SUPPORTED)
            self.ctx.update_settings(lang=langs[(langs.index(self.ctx.lang) + 1) % len(langs)])
            pygame.display.set_caption(
                self.ctx.t("ui.title")
            ) if pygame.display.get_init() else None
            self.layout(self.size)
        elif chosen in ("settings", "leaderboard", "review"):
            return Push(go(chosen))
        elif chosen == "quit":
            return Quit()
        self.dirty = True
        return None

    def resume(self, result: object = None) -> Transition:
        self.layout(self.size)
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface, title="")
        w, _ = self.size
        x = int(w * 0.06)
        ink = th.accent_text if th.name == "default" else th.accent
        text(
            surface,
            self.ctx,
            self.ctx.t("ui.title"),
            self.headline_role(),
            ink,
            (x, self.headline_top),
            bold=True,
        )
        if self.show_tagline:
            paragraph(
                surface,
                self.ctx,
                self.ctx.t("ui.tagline"),
                "body",
                (214, 222, 232) if th.name == "default" else th.text,
                self.tagline,
            )
        if self.cast_shown and self.columns == 1:
            right = max(i.rect.right for i in self.focus.items)
            if right < self.cast_area.left:
                self.draw_cast(surface)
        for i, item in enumerate(self.focus.items):
            focused = i == self.focus.index
            if item.key == "change":
                button(surface, self.ctx, item.rect, self.ctx.t("ui.change"), focused)
                continue
            button(
                surface,
                self.ctx,
                item.rect,
                item.label,
                focused=focused,
                number=i + 1,
                primary=item.key == "start",
            )
        if self.who:
            words = paragraph_height(self.ctx, self.who, "small", self.who_rect.width)
            paragraph(
                surface,
                self.ctx,
                self.who,
                "small",
                (214, 222, 232) if th.name == "default" else th.text,
                pygame.Rect(
                    self.who_rect.left,
                    self.who_rect.centery - words // 2,
                    self.who_rect.width,
                    words,
                ),
            )

    def draw_cast(self, surface: pygame.Surface) -> None:
        """A row of customers on the right: who the trainee will meet (a still picture: the
        title screen has nothing to animate, so it costs nothing while it waits)."""
        key = (self.cast_area.size, self.ctx.settings.high_contrast)
        if self.cast_image is None or key != self.cast_key:
            from ..art import draw_portrait, look_for

            area = self.cast_area
            image = pygame.Surface(area.size, pygame.SRCALPHA)
            cw = area.width // len(CAST)
            for i, (archetype, name, mood) in enumerate(CAST):
                rect = pygame.Rect(
                    i * cw, (i % 2) * int(area.height * 0.08), cw, int(area.height * 0.9)
                )
                draw_portrait(
                    image,
                    rect,
                    look_for(archetype, name),
                    mood,
                    t=0.0,
                    reduced_motion=True,
                    high_contrast=self.ctx.settings.high_contrast,
                )
            self.cast_image, self.cast_key = image, key
        surface.blit(self.cast_image, self.cast_area.topleft)
