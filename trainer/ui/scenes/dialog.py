"""A question over the screen below it (which stays visible, dimmed): pause a run, leave it,
quit. It answers the scene below with ``Pop(choice)``; Esc picks the safe answer."""

from __future__ import annotations

import pygame

from ..context import Context
from ..intents import Intent
from ..scene import Pop, Quit, Transition
from ..widgets import Item, button, button_height, panel, paragraph, paragraph_height
from .base import Screen

#: purpose -> (title key, message key, [(answer, label key)], the answer Esc gives)
PURPOSES: dict[str, tuple[str, str, list[tuple[str, str]], str]] = {
    "pause": (
        "ui.pause.title",
        "ui.pause.message",
        [("resume", "ui.pause.resume"), ("leave", "ui.pause.leave")],
        "resume",
    ),
    "quit": (
        "ui.quit.title",
        "ui.quit.message",
        [("stay", "ui.quit.stay"), ("quit", "ui.quit")],
        "stay",
    ),
    "quit_run": (
        "ui.quit.title",
        "ui.quit.run_message",
        [("stay", "ui.quit.stay"), ("quit", "ui.quit")],
        "stay",
    ),
}


class DialogScene(Screen):
    name = "dialog"
    overlay = True
    back_button = False

    def __init__(self, ctx: Context, purpose: str) -> None:
        super().__init__(ctx)
        self.purpose = purpose
        self.title_key, self.message_key, self.answers, self.cancel = PURPOSES[purpose]

    def title(self) -> str:
        return self.ctx.t(self.title_key)

    def screenshot_key(self) -> str:
        return f"dialog-{self.purpose}"

    def all_hints(self) -> list:  # type: ignore[type-arg]
        return []

    def layout(self, size: tuple[int, int]) -> None:
        self.size = size
        w, h = size
        u = self.u
        width = int(min(w - 2 * self.margin(), max(560 * u, w * 0.5)))
        pad = int(24 * u)
        inner = width - 2 * pad
        title_h = paragraph_height(self.ctx, self.title(), "heading", inner, bold=True)
        message = self.ctx.t(self.message_key)
        message_h = paragraph_height(self.ctx, message, "body", inner)
        gap = int(12 * u)
        labels = [self.ctx.t(key) for _, key in self.answers]
        bh = max(button_height(self.ctx, label, inner) for label in labels)
        total = pad + title_h + gap + message_h + 2 * gap + len(labels) * (bh + gap) + pad
        self.card = pygame.Rect(0, 0, width, min(total, h - 2 * self.margin()))
        self.card.center = (w // 2, h // 2)
        self.title_rect = pygame.Rect(self.card.left + pad, self.card.top + pad, inner, title_h)
        self.message_rect = pygame.Rect(
            self.card.left + pad, self.title_rect.bottom + gap, inner, message_h
        )
        y = self.message_rect.bottom + 2 * gap
        items = []
        for (answer, _), label in zip(self.answers, labels, strict=True):
            items.append(Item(answer, pygame.Rect(self.card.left + pad, y, inner, bh), label=label))
            y += bh + gap
        self.focus.set(items, start=self.cancel)
        self.dirty = True

    def handle(self, intent: Intent) -> Transition:
        if intent.kind in ("back", "pause"):
            return self.answer(self.cancel)
        chosen = self.focus.handle(intent)
        return self.answer(chosen) if chosen is not None else None

    def answer(self, choice: str) -> Transition:
        if choice == "quit":
            return Quit()
        return Pop(choice)

    def spoken(self) -> str:
        item = self.focus.focused
        head = f"{self.title()}. {self.ctx.t(self.message_key)}"
        return f"{head} {item.label}" if item else head

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*th.shadow, 170))
        surface.blit(shade, (0, 0))
        panel(surface, self.card, th.panel, th.focus, radius=16, width=3)
        paragraph(surface, self.ctx, self.title(), "heading", th.text, self.title_rect, bold=True)
        paragraph(
            surface, self.ctx, self.ctx.t(self.message_key), "body", th.text, self.message_rect
        )
        for i, item in enumerate(self.focus.items):
            button(
                surface,
                self.ctx,
                item.rect,
                item.label,
                i == self.focus.index,
                number=i + 1,
                primary=item.key == self.cancel,
            )
