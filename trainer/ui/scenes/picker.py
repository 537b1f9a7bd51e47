"""The scenario picker: who is signed in; filters by difficulty and industry that reset;
"Recommended next" (practise the weakest dimension, the next step of an orientation track);
then every scenario as a card: title, a one-line description, the customer, how long it takes,
the languages it exists in, and the trainee's best and last score.

The whole column scrolls (wheel, scroll bar, keys), so as many cards show as fit at any window
and text size; Tab and the arrows move the focus in reading order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from ...scenario.model import Scenario
from .. import advice
from ..fonts import shorten
from ..intents import Intent
from ..scene import Pop, Push, Transition, go
from ..widgets import (
    HIDDEN,
    Item,
    Scroller,
    button,
    button_height,
    button_width,
    focus_ring,
    line_height,
    panel,
    paragraph,
    paragraph_height,
    stepper,
    stepper_click,
    stepper_height,
    text,
    text_width,
)
from .base import BACK, Hint, Screen, signed_in_text

LANG_SHORT = {"en": "EN", "zh-Hans": "简", "zh-Hant": "繁", "vi": "VI"}


@dataclass
class Block:
    """Something in the scrolling column: a card, a heading, a row of controls."""

    key: str | None  # focusable blocks have a key
    rect: pygame.Rect  # in content coordinates (y from the top of the column)
    draw: Callable[[pygame.Surface, pygame.Rect, bool], None]
    label: str = ""
    enabled: bool = True


class PickerScene(Screen):
    name = "picker"
    title_key = "ui.picker.title"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.difficulty: int | None = None
        self.industry: str | None = None
        self.scroller = Scroller()
        self.blocks: list[Block] = []
        self.stats: dict[str, advice.ScenarioStats] = {}
        self.suggested: list[advice.Suggestion] = []
        self.ready = False
        self.columns = 1
        self.moved = False  # the trainee has moved the focus (else it follows the first card)
        self.waiting_for_save = False
        self.refresh()

    # -- data ------------------------------------------------------------------------------
    def enter(self) -> None:
        before = (self.ready, [s.scenario.id for s in self.suggested])
        self.refresh()
        if (self.ready, [s.scenario.id for s in self.suggested]) != before:
            self.layout(self.size)

    def resume(self, result: object = None) -> Transition:
        self.refresh()
        self.layout(self.size)
        return None

    def refresh(self) -> None:
        self.waiting_for_save = self.ctx.saving
        ready, history = self.ctx.history() if self.ctx.trainee else (True, [])
        self.ready = ready
        self.stats = advice.stats(history)
        self.suggested = (
            advice.suggestions(self.ctx.scenarios, history, self.ctx.tracks) if ready else []
        )

    def update(self, dt: float) -> Transition:
        if self.waiting_for_save and not self.ctx.saving:
            # The run that was still being saved has landed: its score joins the cards.
            self.refresh()
            self.layout(self.size)
            return None
        if not self.ready or (self.ctx.loading and not self.ctx.scenarios):
            before = self.ready
            self.refresh()
            if self.ready != before:
                self.layout(self.size)
        return None

    def wake_in(self) -> float | None:
        busy = not self.ready or self.ctx.loading or self.ctx.saving or self.waiting_for_save
        return 0.1 if busy else None

    def industries(self) -> list[str]:
        return sorted({s.industry for s in self.ctx.scenarios})

    def filtered(self) -> bool:
        return self.difficulty is not None or self.industry is not None

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

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("↑↓", t("ui.hint.choose")),
            Hint("←→", t("ui.hint.filter")),
            Hint("Tab", t("ui.hint.next_field"), Intent("next")),
            Hint("Enter", t("ui.hint.open"), Intent("confirm")),
        ]

    # -- layout ----------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        ctx, t = self.ctx, self.ctx.t
        area = self.content_rect()
        bar_w = max(14, int(ctx.fonts.px("small") * 1.1)) + 8
        view = pygame.Rect(area.left, area.top + 4, area.width - bar_w, area.height - 8)
        width = view.width
        gap = int(12 * self.u)
        blocks: list[Block] = []
        y = 0
        # Who is signed in, with Change and My progress.
        if ctx.trainee:
            labels = (t("ui.change"), t("ui.progress.open"))
            widths = [button_width(ctx, lab) for lab in labels]
            bh = max(button_height(ctx, lab, w) for lab, w in zip(labels, widths, strict=True))
            who = signed_in_text(ctx)
            who_w = width - sum(widths) - 2 * gap
            if who_w < width * 0.4:  # narrow: the text on its own row
                who_h = paragraph_height(ctx, who, "small", width)
                blocks.append(Block(None, pygame.Rect(view.left, y, width, who_h), self.draw_who))
                y += who_h + gap // 2
                x = view.left
            else:
                who_h = paragraph_height(ctx, who, "small", who_w)
                row_h = max(bh, who_h)
                blocks.append(
                    Block(
                        None,
                        pygame.Rect(view.left, y + (row_h - who_h) // 2, who_w, who_h),
                        self.draw_who,
                    )
                )
                x = view.left + who_w + gap
            for key, label, w in zip(("change", "progress"), labels, widths, strict=True):
                blocks.append(
                    Block(key, pygame.Rect(x, y, int(w), bh), self.draw_button(label), label)
                )
                x += int(w) + gap
            y += max(bh, 0 if who_w < width * 0.4 else who_h) + gap
        # Filters and their reset.
        chips = self.chip_labels()
        reset = t("ui.picker.reset")
        reset_w = button_width(ctx, reset, "small")
        chip_w = (width - reset_w - 2 * gap) // 2
        if chip_w < ctx.fonts.px("small") * 12:  # narrow: one per row
            rows = [[("difficulty", width)], [("industry", width)], [("reset", reset_w)]]
        else:
            rows = [[("difficulty", chip_w), ("industry", chip_w), ("reset", reset_w)]]
        for row in rows:
            h = max(
                stepper_height(ctx, chips.get(k, reset), w)
                if k != "reset"
                else button_height(ctx, reset, w, "small")
                for k, w in row
            )
            x = view.left
            for key, w in row:
                if key == "reset":
                    blocks.append(
                        Block(
                            "reset",
                            pygame.Rect(x, y, int(w), h),
                            self.draw_reset,
                            reset,
                            self.filtered(),
                        )
                    )
                else:
                    blocks.append(
                        Block(key, pygame.Rect(x, y, int(w), h), self.draw_chip(key), chips[key])
                    )
                x += int(w) + gap
            y += h + gap
        # Recommended next.
        if self.suggested and not self.filtered():
            y = self.heading(blocks, t("ui.picker.recommended"), view, y)
            y = self.cards(blocks, [(s.scenario, s) for s in self.suggested], view, y, gap, "rec:")
        # Every scenario (that the filters let through).
        shown = self.shown()
        if ctx.loading and not ctx.scenarios:
            y = self.heading(blocks, t("ui.picker.loading"), view, y)
        elif not shown:
            y = self.heading(blocks, t("ui.picker.none"), view, y)
            bh = button_height(ctx, reset, int(min(width, 420 * self.u)))
            blocks.append(
                Block(
                    "reset-empty",
                    pygame.Rect(view.left, y, int(min(width, 420 * self.u)), bh),
                    self.draw_button(reset, primary=True),
                    reset,
                )
            )
            y += bh + gap
        else:
            title = (
                t("ui.picker.all_count", count=len(shown))
                if not self.filtered()
                else t("ui.picker.matching", count=len(shown), total=len(ctx.scenarios))
            )
            y = self.heading(blocks, title, view, y)
            y = self.cards(blocks, [(s, None) for s in shown], view, y, gap, "")
        self.blocks = blocks
        self.scroller.set(view, y)
        self.place()
        self.dirty = True

    def heading(self, blocks: list[Block], words: str, view: pygame.Rect, y: int) -> int:
        h = paragraph_height(self.ctx, words, "heading", view.width, bold=True)
        blocks.append(
            Block(
                None,
                pygame.Rect(view.left, y + int(4 * self.u), view.width, h),
                self.draw_heading(words),
            )
        )
        return y + h + int(10 * self.u)

    def cards(
        self,
        blocks: list[Block],
        entries: list[tuple[Scenario, advice.Suggestion | None]],
        view: pygame.Rect,
        y: int,
        gap: int,
        prefix: str,
    ) -> int:
        ctx = self.ctx
        columns = max(1, min(3, (view.width + gap) // max(1, int(ctx.fonts.px("body") * 26))))
        self.columns = columns
        card_w = (view.width - (columns - 1) * gap) // columns
        for start in range(0, len(entries), columns):
            row = entries[start : start + columns]
            height = max(self.card_height(s, why, card_w) for s, why in row)
            for col, (scenario, why) in enumerate(row):
                rect = pygame.Rect(view.left + col * (card_w + gap), y, card_w, height)
                blocks.append(
                    Block(
                        prefix + scenario.id,
                        rect,
                        self.draw_card(scenario, why),
                        self.card_words(scenario, why),
                    )
                )
            y += height + gap
        return y

    def place(self) -> None:
        """Screen rectangles of the focusable blocks at the current scroll (Back first)."""
        view, offset = self.scroller.view, self.scroller.offset
        items = []
        for block in self.blocks:
            if block.key is None:
                continue
            rect = block.rect.move(0, view.top - offset)
            clipped = rect.clip(view)
            items.append(
                Item(
                    block.key, clipped if clipped.height > 0 else HIDDEN, block.enabled, block.label
                )
            )
        if not self.moved and self.focus.focused_key != BACK:
            self.focus.items = []  # until the trainee moves, the focus follows the first card
        start = next((i.key for i in items if i.key.startswith("rec:")), None) or next(
            (
                i.key
                for i in items
                if i.key not in ("change", "progress", "difficulty", "industry", "reset")
            ),
            None,
        )
        self.focus.set(self.with_back(items), start=start)
        if not self.moved and start is not None and not getattr(self, "_placing", False):
            # Until the trainee moves, the first card is in view (on a small screen, below
            # who is signed in and the filters, which scroll away).
            self._placing = True
            self.show_focused()
            self._placing = False

    def chip_labels(self) -> dict[str, str]:
        t = self.ctx.t
        every = t("ui.picker.all")
        level = t("ui.level", n=self.difficulty) if self.difficulty else every
        return {
            "difficulty": t("ui.picker.difficulty", value=level),
            "industry": t("ui.picker.industry", value=self.industry or every),
        }

    def card_height(self, scenario: Scenario, why: advice.Suggestion | None, width: int) -> int:
        ctx = self.ctx
        pad = int(14 * self.u)
        inner = width - 2 * pad
        stars_w = text_width(ctx, "★★★★★", "small")
        h = 2 * pad
        if why is not None:
            h += paragraph_height(ctx, self.reason(why), "small", inner, bold=True) + 4
        h += paragraph_height(
            ctx, scenario.title.get(ctx.lang), "body", inner - stars_w - pad, bold=True
        )
        h += len(self.description(scenario, inner)) * line_height(ctx, "small") + 4
        h += paragraph_height(ctx, self.meta(scenario), "small", inner)
        h += paragraph_height(ctx, self.scores(scenario), "small", inner, bold=True)
        return h

    # -- words -----------------------------------------------------------------------------
    def description(self, scenario: Scenario, width: int) -> list[str]:
        summary = scenario.failure.summary.get(self.ctx.lang)
        return shorten(summary, self.ctx.fonts.get("small"), max(10, width), 2)

    def meta(self, scenario: Scenario) -> str:
        ctx, t = self.ctx, self.ctx.t
        low, high = advice.route_lengths(scenario)
        decisions = (
            t("ui.picker.decisions", low=low, high=high)
            if low != high
            else t("ui.picker.decisions_one", count=low)
        )
        langs = " ".join(LANG_SHORT.get(loc, loc) for loc in scenario.locales)
        parts = [
            f"{scenario.customer.name} ({scenario.persona.name.get(ctx.lang)})",
            t("ui.picker.minutes", minutes=advice.minutes(scenario)) + f" · {decisions}",
            scenario.industry,
            t("ui.picker.languages", langs=langs),
        ]
        if ctx.lang not in scenario.locales:
            parts.append(t("ui.picker.not_in_language"))
        return " · ".join(parts)

    def scores(self, scenario: Scenario) -> str:
        t = self.ctx.t
        if self.ctx.trainee and not self.ready:
            return t("ui.picker.scores_loading")
        seen = self.stats.get(scenario.id)
        if seen is None:
            return t("ui.picker.not_played")
        return t("ui.picker.best_last", best=seen.best, last=seen.last, count=seen.attempts)

    def reason(self, why: advice.Suggestion) -> str:
        t = self.ctx.t
        if why.kind == "weakest":
            return t("ui.picker.why_weakest", dimension=t("dim." + why.dimension), score=why.score)
        assert why.track is not None
        return t(
            "ui.picker.why_track",
            track=why.track.title.get(self.ctx.lang),
            step=why.step,
            steps=why.steps,
        )

    def card_words(self, scenario: Scenario, why: advice.Suggestion | None) -> str:
        parts = [self.reason(why)] if why else []
        parts += [
            scenario.title.get(self.ctx.lang),
            self.ctx.t("ui.level", n=scenario.difficulty),
            scenario.failure.summary.get(self.ctx.lang),
            self.meta(scenario),
            self.scores(scenario),
        ]
        return ". ".join(parts)

    # -- input -----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        if intent.kind in ("up", "down", "left", "right", "next", "prev", "point", "click"):
            self.moved = True
        key = self.focus.focused_key
        if intent.kind == "click" and intent.pos is not None:
            if self.scroller.click(intent.pos, self.ctx):
                self.place()
                return None
            for name in ("difficulty", "industry"):
                item = self.focus.item(name)
                if item is not None and (step := stepper_click(item.rect, intent.pos, self.ctx)):
                    self.focus.focus(name)
                    self.step_filter(name, step)
                    return None
        if intent.kind in ("left", "right") and key in ("difficulty", "industry"):
            self.step_filter(key, 1 if intent.kind == "right" else -1)
            return None
        if intent.kind == "scroll":
            self.scroller.scroll(-intent.value * int(line_height(self.ctx, "body") * 3))
            self.place()
            return None
        if intent.kind in ("page_up", "page_down"):
            page = self.scroller.view.height - line_height(self.ctx, "body")
            self.scroller.scroll(page if intent.kind == "page_down" else -page)
            self.place()
            return None
        if intent.kind in ("up", "down", "left", "right") and key is not None:
            self.move(intent.kind)
            return None
        chosen = self.focus.handle(intent, numbered=False)
        if intent.kind in ("next", "prev"):
            self.show_focused()
        if chosen is None:
            return None
        return self.activate(chosen)

    def move(self, direction: str) -> None:
        """Arrows: up and down by rows of cards, left and right within a row."""
        keys = [i.key for i in self.focus.items]
        index = self.focus.index
        card = keys[index] not in (BACK, "change", "progress", "difficulty", "industry", "reset")
        step = 1
        if direction in ("up", "down") and card:
            step = self.columns
        if direction in ("up", "left"):
            step = -step
        target = max(0, min(len(keys) - 1, index + step))
        if direction in ("up", "down") and card and self.columns > 1:
            # Stay in the column; at the end of the cards, stop.
            ahead = keys[target]
            if ahead in (BACK, "change", "progress", "difficulty", "industry", "reset"):
                target = max(0, index - 1) if direction == "up" else index
        self.focus.index = target
        self.show_focused()

    def show_focused(self) -> None:
        key = self.focus.focused_key
        block = next((b for b in self.blocks if b.key == key), None)
        if block is not None:
            top = block.rect.top
            if key and key.startswith(("rec:", "reset-empty")) or self.first_card(key):
                # Show the heading above the first card of a section too.
                index = self.blocks.index(block)
                if index and self.blocks[index - 1].key is None:
                    top = self.blocks[index - 1].rect.top
            self.scroller.show(top - 4, block.rect.bottom + 4)
        elif key == BACK:
            self.scroller.show(0, 0)
        self.place()

    def first_card(self, key: str | None) -> bool:
        cards = [b.key for b in self.blocks if b.key and b.key in {s.id for s in self.shown()}]
        return bool(cards) and key == cards[0]

    def step_filter(self, name: str, step: int) -> None:
        if name == "difficulty":
            options: list[int | None] = [None, 1, 2, 3, 4, 5]
            self.difficulty = options[(options.index(self.difficulty) + step) % len(options)]  # type: ignore[assignment]
        else:
            kinds: list[str | None] = [None, *self.industries()]
            self.industry = kinds[(kinds.index(self.industry) + step) % len(kinds)]
        self.layout(self.size)
        self.focus.focus(name)

    def activate(self, key: str) -> Transition:
        if key == BACK:
            return Pop()
        if key == "change":
            return Push(go("signin", then="back"))
        if key == "progress":
            return Push(go("progress"))
        if key in ("reset", "reset-empty"):
            self.difficulty = self.industry = None
            self.layout(self.size)
            self.focus.focus("difficulty")
            return None
        if key in ("difficulty", "industry"):
            self.step_filter(key, 1)
            return None
        scenario = self.ctx.scenario(key.removeprefix("rec:"))
        if scenario is not None:
            return Push(go("briefing", scenario=scenario))
        return None

    def select_scenario(self, scenario_id: str) -> None:
        """Focus a scenario by id (demo mode, tests)."""
        self.difficulty = None
        self.industry = None
        self.moved = True  # a choice was made: the focus stays where it is put
        self.layout(self.size)
        self.focus.focus(scenario_id)
        self.show_focused()

    def spoken(self) -> str:
        return super().spoken()

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        view, offset = self.scroller.view, self.scroller.offset
        clip = surface.get_clip()
        surface.set_clip(view.inflate(12, 8))
        focused = self.focus.focused_key
        for block in self.blocks:
            rect = block.rect.move(0, view.top - offset)
            if rect.bottom < view.top - 8 or rect.top > view.bottom + 8:
                continue
            block.draw(surface, rect, block.key is not None and block.key == focused)
        surface.set_clip(clip)
        self.scroller.draw(surface, self.ctx, on_dark=True)

    def light(self) -> tuple[int, int, int]:
        th = self.ctx.theme
        return (214, 222, 232) if th.name == "default" else th.text

    def draw_who(self, surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
        paragraph(surface, self.ctx, signed_in_text(self.ctx), "small", self.light(), rect)

    def draw_heading(self, words: str) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            th = self.ctx.theme
            ink = th.accent_text if th.name == "default" else th.text
            paragraph(surface, self.ctx, words, "heading", ink, rect, bold=True)

        return draw

    def draw_button(
        self, label: str, primary: bool = False
    ) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            button(surface, self.ctx, rect, label, focused, primary=primary)

        return draw

    def draw_reset(self, surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
        button(
            surface,
            self.ctx,
            rect,
            self.ctx.t("ui.picker.reset"),
            focused,
            enabled=self.filtered(),
            role="small",
        )

    def draw_chip(self, key: str) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            stepper(surface, self.ctx, rect, self.chip_labels()[key], focused)

        return draw

    def draw_card(
        self, scenario: Scenario, why: advice.Suggestion | None
    ) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            ctx, th = self.ctx, self.ctx.theme
            pad = int(14 * self.u)
            panel(
                surface,
                rect,
                th.panel,
                th.accent if why else th.border,
                radius=10,
                width=3 if why else 2,
            )
            if focused:
                focus_ring(surface, ctx, rect, 10)
            inner = rect.inflate(-2 * pad, -2 * pad)
            y = inner.top
            if why is not None:
                y += (
                    paragraph(
                        surface,
                        ctx,
                        self.reason(why),
                        "small",
                        th.accent if th.name == "default" else th.focus,
                        pygame.Rect(inner.left, y, inner.width, inner.height),
                        bold=True,
                    )
                    + 4
                )
            stars = "★" * scenario.difficulty + "☆" * (5 - scenario.difficulty)
            star_rect = text(
                surface,
                ctx,
                stars,
                "small",
                th.warn if th.name == "default" else th.accent,
                (inner.right, y + 4),
                anchor="topright",
            )
            title_w = inner.width - star_rect.width - pad
            y += paragraph(
                surface,
                ctx,
                scenario.title.get(ctx.lang),
                "body",
                th.text,
                pygame.Rect(inner.left, y, title_w, inner.bottom - y),
                bold=True,
            )
            for line in self.description(scenario, inner.width):
                text(surface, ctx, line, "small", th.text, (inner.left, y))
                y += line_height(ctx, "small")
            y += 4
            y += paragraph(
                surface,
                ctx,
                self.meta(scenario),
                "small",
                th.text_dim,
                pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
            )
            played = scenario.id in self.stats
            paragraph(
                surface,
                ctx,
                self.scores(scenario),
                "small",
                th.good if played and th.name == "default" else th.text,
                pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
                bold=played,
            )

        return draw
