"""The scenario picker: title in the chosen language, industry, difficulty, the trainee's best
score so far, filters by difficulty and industry."""

from __future__ import annotations

import pygame

from ...scenario.model import Scenario
from ..intents import Intent
from ..scene import Pop, Push, Transition, go
from ..widgets import Item, line_height, panel, text
from .base import Screen


class PickerScene(Screen):
    name = "picker"
    title_key = "ui.picker.title"
    hint_key = "ui.picker.hint"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.difficulty: int | None = None
        self.industry: str | None = None
        self.first = 0  # first visible card
        self.best: dict[str, int] = {}
        self.chips: dict[str, pygame.Rect] = {}

    def enter(self) -> None:
        self.best = self.ctx.results.best_scores(self.ctx.trainee) if self.ctx.trainee else {}

    def resume(self, result: object = None) -> Transition:
        self.enter()
        return None

    def industries(self) -> list[str]:
        return sorted({s.industry for s in self.ctx.scenarios})

    def shown(self) -> list[Scenario]:
        return sorted(
            (
                s
                for s in self.ctx.scenarios
                if (self.difficulty is None or s.difficulty == self.difficulty)
                and (self.industry is None or s.industry == self.industry)
            ),
            key=lambda s: (s.difficulty, s.title.get(self.ctx.lang)),
        )

    def card_height(self) -> int:
        return int(
            line_height(self.ctx, "body") + line_height(self.ctx, "small") * 1.2 + 22 * self.u
        )

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        chip_h = int(self.ctx.fonts.px("small") * 2.1)
        chip_w = int(min(area.width * 0.48, 360 * self.u))
        self.chips = {
            "difficulty": pygame.Rect(area.left, area.top, chip_w, chip_h),
            "industry": pygame.Rect(
                area.left + chip_w + int(12 * self.u), area.top, chip_w, chip_h
            ),
        }
        top = area.top + chip_h + int(14 * self.u)
        ch = self.card_height()
        gap = int(10 * self.u)
        self.visible = max(1, (area.bottom - top + gap) // (ch + gap))
        shown = self.shown()
        index = self.focus.index if self.focus.items else 0
        self.first = min(self.first, max(0, len(shown) - self.visible))
        if index < self.first:
            self.first = index
        elif index >= self.first + self.visible:
            self.first = index - self.visible + 1
        items = []
        for i, scenario in enumerate(shown):
            row = i - self.first
            rect = pygame.Rect(area.left, top + row * (ch + gap), area.width, ch)
            if not 0 <= row < self.visible:
                rect = pygame.Rect(-10_000, -10_000, 0, 0)  # scrolled out of view
            items.append(Item(scenario.id, rect))
        self.focus.set(items)

    def handle(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Pop()
        if intent.kind in ("left", "right"):
            options: list[int | None] = [None, 1, 2, 3, 4, 5]
            step = 1 if intent.kind == "right" else -1
            self.difficulty = options[(options.index(self.difficulty) + step) % len(options)]
            self.focus.index = 0
            self.first = 0
            self.layout(self.size)
            return None
        if intent.kind in ("next", "prev"):
            self.cycle_industry(1 if intent.kind == "next" else -1)
            return None
        if intent.kind == "click" and intent.pos is not None:
            if self.chips["difficulty"].collidepoint(intent.pos):
                return self.handle(Intent("right"))
            if self.chips["industry"].collidepoint(intent.pos):
                self.cycle_industry(1)
                return None
        if intent.kind == "scroll":
            intent = Intent("up" if intent.value > 0 else "down")
        if intent.kind == "select" and isinstance(intent.value, int):
            intent = Intent("select", intent.value + self.first)
        chosen = self.focus.handle(intent)
        if intent.kind in ("up", "down", "point"):
            self.layout(self.size)
        if chosen is not None:
            scenario = self.ctx.scenario(chosen)
            if scenario is not None:
                return Push(go("briefing", scenario=scenario))
        return None

    def cycle_industry(self, step: int) -> None:
        options: list[str | None] = [None, *self.industries()]
        self.industry = options[(options.index(self.industry) + step) % len(options)]
        self.focus.index = 0
        self.first = 0
        self.layout(self.size)

    def select_scenario(self, scenario_id: str) -> None:
        """Focus a scenario by id (demo mode, tests)."""
        self.difficulty = None
        self.industry = None
        self.layout(self.size)
        self.focus.focus(scenario_id)
        self.layout(self.size)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        all_label = self.ctx.t("ui.picker.all")
        chips = {
            "difficulty": self.ctx.t("ui.picker.difficulty", value=self.difficulty or all_label),
            "industry": self.ctx.t("ui.picker.industry", value=self.industry or all_label),
        }
        for key, rect in self.chips.items():
            panel(surface, rect, th.panel_alt, th.border, radius=rect.height // 2)
            text(
                surface,
                self.ctx,
                f"◀ {chips[key]} ▶",
                "small",
                th.text,
                rect.center,
                anchor="center",
                max_width=rect.width - 12,
            )
        shown = {s.id: s for s in self.shown()}
        if not shown:
            area = self.content_rect()
            text(
                surface,
                self.ctx,
                self.ctx.t("ui.picker.none"),
                "body",
                th.accent_text if th.name == "default" else th.text,
                (area.left, area.top + 80),
                max_width=area.width,
            )
        for i, item in enumerate(self.focus.items):
            if item.rect.width == 0:
                continue
            self.draw_card(
                surface, shown[item.key], item.rect, i == self.focus.index, i - self.first + 1
            )
        if self.first > 0 or self.first + self.visible < len(shown):
            area = self.content_rect()
            note = f"{self.first + 1}–{min(len(shown), self.first + self.visible)} / {len(shown)}"
            text(
                surface,
                self.ctx,
                note,
                "small",
                (200, 208, 220) if th.name == "default" else th.text_dim,
                (area.right, self.chips["industry"].centery),
                anchor="midright",
            )

    def draw_card(
        self,
        surface: pygame.Surface,
        scenario: Scenario,
        rect: pygame.Rect,
        focused: bool,
        number: int,
    ) -> None:
        th = self.ctx.theme
        panel(surface, rect, th.panel, th.border, radius=10)
        if focused:
            pygame.draw.rect(surface, th.focus, rect.inflate(6, 6), width=4, border_radius=12)
        pad = int(14 * self.u)
        stars = "★" * scenario.difficulty + "☆" * (5 - scenario.difficulty)
        right = text(
            surface,
            self.ctx,
            stars,
            "body",
            th.warn if th.name == "default" else th.accent,
            (rect.right - pad, rect.top + pad),
            anchor="topright",
        )
        num = f"{number}  " if number <= 9 else ""
        text(
            surface,
            self.ctx,
            num + scenario.title.get(self.ctx.lang),
            "body",
            th.text,
            (rect.left + pad, rect.top + pad),
            bold=True,
            max_width=right.left - rect.left - 2 * pad,
        )
        best = self.best.get(scenario.id)
        score = (
            self.ctx.t("ui.picker.best", score=best)
            if best is not None
            else self.ctx.t("ui.picker.not_played")
        )
        level = self.ctx.t("ui.level", n=scenario.difficulty)
        detail = f"{scenario.industry} · {level} · {score}"
        text(
            surface,
            self.ctx,
            detail,
            "small",
            th.text_dim,
            (rect.left + pad, rect.bottom - pad),
            anchor="bottomleft",
            max_width=rect.width - 2 * pad,
        )
