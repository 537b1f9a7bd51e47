"""The leaderboard, from the results port: all scenarios, or one at a time (←→)."""

from __future__ import annotations

import pygame

from ...results.board import label
from ..intents import Intent
from ..scene import Pop, Transition
from ..widgets import line_height, panel, text
from .base import Screen


class LeaderboardScene(Screen):
    name = "leaderboard"
    title_key = "ui.board.title"
    hint_key = "ui.board.hint"

    def __init__(self, ctx, scenario_id: str | None = None) -> None:  # type: ignore
        super().__init__(ctx)
        self.scopes: list[str | None] = [None, *[s.id for s in ctx.scenarios]]
        self.scope = self.scopes.index(scenario_id) if scenario_id in self.scopes else 0

    def screenshot_key(self) -> str:
        return f"leaderboard-{self.scopes[self.scope] or 'all'}"

    def handle(self, intent: Intent) -> Transition:
        if intent.kind in ("back", "confirm"):
            return Pop()
        if intent.kind in ("left", "right", "next", "prev"):
            step = 1 if intent.kind in ("right", "next") else -1
            self.scope = (self.scope + step) % len(self.scopes)
        if intent.kind == "click":
            return (
                Pop()
                if intent.pos and intent.pos[1] > self.size[1] - self.footer_height()
                else self.handle(Intent("right"))
            )
        return None

    def draw(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        self.draw_frame(surface)
        area = self.content_rect()
        scope_id = self.scopes[self.scope]
        scenario = ctx.scenario(scope_id) if scope_id else None
        scope_label = scenario.title.get(ctx.lang) if scenario else ctx.t("ui.board.scope_all")
        chip = pygame.Rect(area.left, area.top, area.width, int(line_height(ctx, "body") * 1.6))
        panel(surface, chip, th.panel_alt, th.border, radius=chip.height // 2)
        text(
            surface,
            ctx,
            f"◀  {scope_label}  ▶",
            "body",
            th.text,
            chip.center,
            anchor="center",
            max_width=chip.width - 20,
        )
        table = pygame.Rect(
            area.left,
            chip.bottom + int(12 * self.u),
            area.width,
            area.bottom - chip.bottom - int(12 * self.u),
        )
        panel(surface, table, th.panel, th.border)
        rows = ctx.results.leaderboard(scenario=scope_id, cohort=None, limit=50)
        pad = int(16 * self.u)
        cols = [0.0, 0.08, 0.45, 0.70, 0.86]
        heads = [
            "ui.board.rank",
            "ui.board.trainee",
            "ui.board.cohort",
            "ui.board.scenario" if scope_id is None else None,
            "ui.board.score",
        ]
        x = [table.left + pad + int(c * (table.width - 2 * pad)) for c in cols]
        y = table.top + pad
        step = line_height(ctx, "body")
        for i, key in enumerate(heads):
            if key:
                text(surface, ctx, ctx.t(key), "small", th.text_dim, (x[i], y))
        y += int(line_height(ctx, "small") * 1.4)
        if not rows:
            text(
                surface,
                ctx,
                ctx.t("ui.board.empty"),
                "body",
                th.text,
                (x[0], y),
                max_width=table.width - 2 * pad,
            )
            return
        for row in rows:
            if y + step > table.bottom - pad:
                break
            mine = row.trainee == ctx.trainee
            if mine:
                pygame.draw.rect(
                    surface,
                    th.panel_alt,
                    (table.left + 4, y - 2, table.width - 8, step),
                    border_radius=6,
                )
            widths = [x[1] - x[0], x[2] - x[1], x[3] - x[2], x[4] - x[3], table.right - x[4]]
            cells = [
                str(row.rank),
                row.trainee,
                row.cohort or "—",
                label(row, ctx.lang) if scope_id is None else "",
                str(row.overall),
            ]
            for i, cell in enumerate(cells):
                if cell:
                    text(
                        surface,
                        ctx,
                        cell,
                        "body",
                        th.text,
                        (x[i], y),
                        bold=mine,
                        max_width=widths[i] - 8,
                    )
            y += step
