"""The leaderboard, from the results port: all scenarios, or one at a time. Each board is read
once (on the worker) when it is chosen, never once a frame; a click on the board itself does
nothing, only the ◀ ▶ halves of the scope change it."""

from __future__ import annotations

from concurrent.futures import Future

import pygame

from ...results import BoardRow
from ...results.board import label
from ..fonts import wrap
from ..intents import Intent
from ..jobs import outcome
from ..scene import Pop, Transition
from ..widgets import (
    Item,
    Scroller,
    line_height,
    panel,
    paragraph,
    paragraph_height,
    stepper,
    stepper_click,
    stepper_height,
    text_width,
)
from .base import BACK, Hint, Screen


class LeaderboardScene(Screen):
    name = "leaderboard"
    title_key = "ui.board.title"

    def __init__(self, ctx, scenario_id: str | None = None) -> None:  # type: ignore
        super().__init__(ctx)
        self.scopes: list[str | None] = [None, *[s.id for s in ctx.scenarios]]
        self.scope = self.scopes.index(scenario_id) if scenario_id in self.scopes else 0
        self.boards: dict[str | None, Future[list[BoardRow]]] = {}
        self.scroller = Scroller()

    def screenshot_key(self) -> str:
        return f"leaderboard-{self.scopes[self.scope] or 'all'}"

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("←", t("ui.board.previous"), Intent("left")),
            Hint("→", t("ui.board.next"), Intent("right")),
            Hint("↑↓", t("ui.hint.scroll")),
        ]

    # -- data ------------------------------------------------------------------------------
    def board(self) -> tuple[bool, list[BoardRow], str]:
        scope = self.scopes[self.scope]
        if scope not in self.boards:
            self.boards[scope] = self.ctx.jobs.submit(self.ctx.results.leaderboard, scope, None, 50)
        done, rows, error = outcome(self.boards[scope])
        return done, list(rows or []), error

    def update(self, dt: float) -> Transition:
        if self.waiting and self.board()[0]:
            self.layout(self.size)
        return None

    def wake_in(self) -> float | None:
        return 0.1 if self.waiting else None

    @property
    def waiting(self) -> bool:
        future = self.boards.get(self.scopes[self.scope])
        return future is None or not future.done()

    # -- layout ----------------------------------------------------------------------------
    def scope_label(self) -> str:
        scope_id = self.scopes[self.scope]
        scenario = self.ctx.scenario(scope_id) if scope_id else None
        label = scenario.title.get(self.ctx.lang) if scenario else self.ctx.t("ui.board.scope_all")
        return f"{label}  ({self.scope + 1}/{len(self.scopes)})"

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        ctx = self.ctx
        chip_h = stepper_height(ctx, self.scope_label(), area.width, "body")
        self.chip = pygame.Rect(area.left, area.top, area.width, chip_h)
        self.table = pygame.Rect(
            area.left,
            self.chip.bottom + int(12 * self.u),
            area.width,
            area.bottom - self.chip.bottom - int(12 * self.u),
        )
        pad = int(16 * self.u)
        self.line = line_height(ctx, "body")
        head_h = paragraph_height(ctx, ctx.t("ui.board.scenario"), "small", 10_000) + pad // 2
        bar_w = max(14, int(ctx.fonts.px("small") * 1.1)) + 8
        view = pygame.Rect(
            self.table.left + pad,
            self.table.top + pad + head_h,
            self.table.width - 2 * pad - bar_w,
            self.table.height - 2 * pad - head_h,
        )
        done, rows, _ = self.board()
        self.columns = self.measure(rows, view)
        self.row_tops: list[int] = []
        y = 0
        for row in rows:
            self.row_tops.append(y)
            y += self.row_height(row)
        self.scroller.set(view, y if done else 0)
        self.focus.set(
            self.with_back([Item("scope", self.chip, label=self.scope_label())]), start="scope"
        )
        self.dirty = True

    def cells(self, row: BoardRow) -> list[str]:
        every = self.scopes[self.scope] is None
        return [
            str(row.rank),
            row.trainee,
            row.cohort or "—",
            *([self.played_words(row)] if every else []),
            str(row.overall),
        ]

    def played_words(self, row: BoardRow) -> str:
        """How many scenarios a total covers, in the player's language."""
        return label(row, self.ctx.lang)

    def heads(self) -> list[str]:
        t = self.ctx.t
        every = self.scopes[self.scope] is None
        return [
            t("ui.board.rank"),
            t("ui.board.trainee"),
            t("ui.board.cohort"),
            *([t("ui.board.scenario")] if every else []),
            t("ui.board.score"),
        ]

    def measure(self, rows: list[BoardRow], view: pygame.Rect) -> list[tuple[int, int]]:
        """Columns as (x, width): rank, the scenario count and the score as wide as their
        widest cell; the trainee and the cohort share the rest (and wrap)."""
        ctx = self.ctx
        gap = int(ctx.fonts.px("body") * 0.8)
        heads = self.heads()
        table = [self.cells(r) for r in rows]
        fixed = [0] + ([3] if len(heads) == 5 else []) + [len(heads) - 1]
        widths = [0] * len(heads)
        for i in fixed:
            widths[i] = max(
                [text_width(ctx, heads[i], "small")]
                + [text_width(ctx, cells[i], "body", True) for cells in table]
            )
        rest = view.width - sum(widths) - gap * (len(heads) - 1)
        widths[1] = int(rest * 0.6)
        widths[2] = rest - widths[1]
        out, x = [], view.left
        for width in widths:
            out.append((x, width))
            x += width + gap
        return out

    def row_height(self, row: BoardRow) -> int:
        lines = max(
            len(wrap(cell, self.ctx.fonts.get("body", True), max(10, width)))
            for cell, (_, width) in zip(self.cells(row), self.columns, strict=True)
        )
        return int(self.line * lines + self.line * 0.25)

    # -- input -----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        if intent.kind in ("left", "right"):
            return self.change(1 if intent.kind == "right" else -1)
        if intent.kind == "click" and intent.pos is not None:
            if self.scroller.click(intent.pos, self.ctx):
                return None
            step = stepper_click(self.chip, intent.pos, self.ctx, "body")
            if step:
                return self.change(step)
        if intent.kind == "scroll":
            self.scroller.scroll(-intent.value * self.line * 3)
            return None
        if intent.kind in ("down", "up", "page_down", "page_up"):
            page = self.line * (10 if "page" in intent.kind else 1)
            self.scroller.scroll(page if "down" in intent.kind else -page)
            return None
        chosen = self.focus.handle(intent, numbered=False, arrows=False)
        if chosen == BACK:
            return Pop()
        if chosen == "scope":
            return self.change(1)
        return None

    def change(self, step: int) -> Transition:
        self.scope = (self.scope + step) % len(self.scopes)
        self.scroller.offset = 0
        self.layout(self.size)
        return None

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        self.draw_frame(surface)
        stepper(
            surface,
            ctx,
            self.chip,
            self.scope_label(),
            self.focus.focused_key == "scope",
            role="body",
        )
        panel(surface, self.table, th.panel, th.border)
        view = self.scroller.view
        pad = int(16 * self.u)
        for head, (x, width) in zip(self.heads(), self.columns, strict=True):
            paragraph(
                surface,
                ctx,
                head,
                "small",
                th.text_dim,
                pygame.Rect(x, self.table.top + pad, width, view.top - self.table.top),
            )
        done, rows, error = self.board()
        if not done or error or not rows:
            words = (
                ctx.t("ui.board.loading")
                if not done
                else ctx.t("ui.board.error", reason=error)
                if error
                else ctx.t("ui.board.empty")
            )
            paragraph(surface, ctx, words, "body", th.text, view)
            return
        clip = surface.get_clip()
        surface.set_clip(view.inflate(12, 0))
        for row, top in zip(rows, self.row_tops, strict=True):
            y = view.top + top - self.scroller.offset
            height = self.row_height(row)
            if y + height < view.top or y > view.bottom:
                continue
            mine = row.trainee == ctx.trainee
            if mine:
                pygame.draw.rect(
                    surface,
                    th.panel_alt,
                    (view.left - 6, y, view.width + 12, height),
                    border_radius=6,
                )
            for cell, (x, width) in zip(self.cells(row), self.columns, strict=True):
                paragraph(
                    surface, ctx, cell, "body", th.text, pygame.Rect(x, y, width, height), bold=mine
                )
        surface.set_clip(clip)
        self.scroller.draw(surface, ctx)
