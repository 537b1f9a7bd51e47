"""Sign-in: the trainee's name and the cohort code, typed for real."""

from __future__ import annotations

import unicodedata

import pygame

from ..intents import Intent
from ..scene import Pop, Replace, Transition, go
from ..widgets import Item, button, panel, text
from .base import Screen

MAX_LEN = 60


class SignInScene(Screen):
    name = "signin"
    title_key = "ui.signin.title"
    hint_key = "ui.signin.hint"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.values = {"name": ctx.trainee, "cohort": ctx.cohort or ""}
        self.error = ""

    @property
    def typing(self) -> bool:  # type: ignore[override]
        return self.focus.focused_key in ("name", "cohort")

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        width = int(min(area.width - 2 * self.margin(), 640 * self.u))
        fh = int(self.ctx.fonts.px("body") * 2.2)
        label_h = int(self.ctx.fonts.px("small") * 1.8)
        form_h = 2 * (label_h + fh + int(18 * self.u)) + fh + int(8 * self.u)
        pad = self.margin()
        top = area.top + max(0, (area.height - form_h - 2 * pad) // 2)
        left = area.centerx - width // 2
        self.card_rect = pygame.Rect(left - pad, top, width + 2 * pad, form_h + 2 * pad)
        area = pygame.Rect(left, top + pad, width, form_h)
        y = area.top - int(10 * self.u)
        items = []
        for key in ("name", "cohort"):
            y += label_h
            items.append(Item(key, pygame.Rect(area.left, y, width, fh)))
            y += fh + int(18 * self.u)
        bw = int(min(width, 320 * self.u))
        items.append(Item("continue", pygame.Rect(area.right - bw, y, bw, fh)))
        self.focus.set(items)

    def handle(self, intent: Intent) -> Transition:
        key = self.focus.focused_key
        if intent.kind == "back":
            return Pop()
        if intent.kind == "text" and key in self.values:
            clean = "".join(ch for ch in intent.value if unicodedata.category(ch)[0] != "C")
            self.values[key] = (self.values[key] + clean)[:MAX_LEN]
            self.error = ""
            return None
        if intent.kind == "erase" and key in self.values:
            self.values[key] = self.values[key][:-1]
            return None
        if intent.kind == "confirm" and key == "name":
            self.focus.focus("cohort")
            return None
        if intent.kind == "confirm" and key == "cohort":
            return self.submit()
        if intent.kind in ("up", "down", "left", "right") and key in self.values:
            if intent.kind in ("left", "right"):
                return None  # caret keys inside a field do not move the focus
        chosen = self.focus.handle(intent, numbered=not self.typing)
        if chosen == "continue":
            return self.submit()
        return None

    def submit(self) -> Transition:
        name = " ".join(self.values["name"].split())
        if not name:
            self.error = self.ctx.t("ui.signin.name_needed")
            self.focus.focus("name")
            return None
        self.ctx.trainee = unicodedata.normalize("NFC", name)
        cohort = " ".join(self.values["cohort"].split())
        self.ctx.cohort = unicodedata.normalize("NFC", cohort) if cohort else None
        return Replace(go("picker"))

    def screenshot_key(self) -> str:
        return "signin-filled" if self.values["name"] else "signin"

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        panel(surface, self.card_rect, th.panel, th.border, radius=16)
        label_ink = th.text
        for item in self.focus.items:
            focused = item.key == self.focus.focused_key
            if item.key == "continue":
                button(
                    surface, self.ctx, item.rect, self.ctx.t("ui.continue"), focused, primary=True
                )
                continue
            label = self.ctx.t("ui.signin.name" if item.key == "name" else "ui.signin.cohort")
            text(
                surface,
                self.ctx,
                label,
                "small",
                label_ink,
                (item.rect.left, item.rect.top - int(self.ctx.fonts.px("small") * 1.6)),
                max_width=item.rect.width,
            )
            panel(
                surface,
                item.rect,
                th.bubble,
                th.focus if focused else th.border,
                radius=8,
                width=4 if focused else 2,
            )
            value = self.values[item.key]
            caret = "|" if focused and int(self.ctx.time * 2) % 2 == 0 else ""
            shown = value + caret
            font = self.ctx.fonts.get("body")
            while font.size(shown)[0] > item.rect.width - 24 and len(shown) > 1:
                shown = shown[1:]  # keep the end of a long entry visible
            text(
                surface,
                self.ctx,
                shown,
                "body",
                th.bubble_text,
                (item.rect.left + 12, item.rect.centery),
                anchor="midleft",
            )
        if self.error:
            text(
                surface,
                self.ctx,
                self.error,
                "body",
                th.bad if th.name != "default" else (255, 190, 170),
                (self.card_rect.centerx, self.card_rect.bottom + int(16 * self.u)),
                anchor="midtop",
                max_width=self.size[0] - 2 * self.margin(),
            )
