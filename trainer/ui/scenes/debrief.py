"""The debrief: each dimension's score as a bar with its sentence, the principle and the better
choice; the outcome for the customer; the transcript with the time each decision took."""

from __future__ import annotations

import pygame

from ...application.play import Played, decision_words
from ...i18n import said
from ...scenario.model import Scenario
from ..document import Document
from ..intents import Intent
from ..scene import Pop, Push, Replace, Transition, go
from ..widgets import Item, button, panel, text
from .base import Screen

BUTTONS = ("again", "next", "leaderboard", "menu")


class DebriefScene(Screen):
    name = "debrief"
    title_key = "ui.debrief.title"

    def __init__(
        self,
        ctx,
        scenario: Scenario,
        played: Played,  # type: ignore[no-untyped-def]
        saved_error: str = "",
    ) -> None:
        super().__init__(ctx)
        self.scenario = scenario
        self.played = played
        self.saved_error = saved_error
        self.scroll = 0
        self.doc = Document()

    def build(self) -> Document:
        t, lang = self.ctx.t, self.ctx.lang
        th = self.ctx.theme
        played = self.played
        result = played.result
        doc = Document()
        doc.add("heading", t("ui.debrief.overall", score=result.scores["overall"]))
        doc.add(
            "small",
            t("ui.debrief.saved")
            if not self.saved_error
            else t("ui.debrief.not_saved", reason=self.saved_error),
            color=th.text_dim if not self.saved_error else th.bad,
        )
        doc.add("gap", height=int(8 * self.u))
        for item in played.debrief.dimensions:
            doc.add("score", f"{t('dim.' + item.dimension)}  {item.score}", value=item.score)
            doc.add("para", item.sentence)
            if item.better:
                doc.add(
                    "para",
                    t("ui.debrief.better", text=item.better),
                    color=th.accent if th.name == "default" else th.focus,
                )
            doc.add("small", t("ui.debrief.principle", text=item.principle), color=th.text_dim)
            doc.add("gap", height=int(10 * self.u))
        out = result.outcome
        doc.add("heading", t("ui.debrief.outcome"))
        doc.add(
            "para",
            f"{t('outcome.satisfaction', value=out.satisfaction)} · "
            f"{played.debrief.outcome_sentence}",
        )
        doc.add(
            "small",
            t(
                "cli.spent",
                spent=f"{out.spent:g}",
                currency=self.scenario.authority.currency,
                budget=f"{self.scenario.authority.budget:g}",
                minutes=out.world_minutes,
            ),
            color=th.text_dim,
        )
        doc.add("gap", height=int(10 * self.u))
        doc.add("heading", t("ui.debrief.transcript"))
        scenario = self.scenario
        for turn in played.run.turns:
            beat = scenario.beats[turn.beat]
            doc.add(
                "small", said(scenario.customer.name, beat.say.get(lang), lang), color=th.text_dim
            )
            words = decision_words(scenario, turn, lang)
            took = t("ui.debrief.took", seconds=f"{turn.after:g}")
            doc.add("para", said(f"{t('ui.encounter.you')} ({took})", words, lang))
            if turn.reply:
                doc.add("small", f"→ {turn.reply}  ({t('ui.mood.' + turn.mood)})")
            doc.add("gap", height=int(6 * self.u))
        return doc

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        bh = int(self.ctx.fonts.px("body") * 2.1)
        gap = int(10 * self.u)
        self.text_rect = pygame.Rect(
            area.left, area.top, area.width, area.height - bh - int(14 * self.u)
        )
        bw = (area.width - gap * (len(BUTTONS) - 1)) // len(BUTTONS)
        font = self.ctx.fonts.get("body")
        widest = max(font.size(f"{i + 1}  {self.label(k)}")[0] for i, k in enumerate(BUTTONS))
        if widest + 24 <= bw:
            rects = [
                pygame.Rect(area.left + i * (bw + gap), area.bottom - bh, bw, bh)
                for i in range(len(BUTTONS))
            ]
        else:  # long labels (large text, some languages): two rows of two
            bw = (area.width - gap) // 2
            self.text_rect.height -= bh + gap
            rects = [
                pygame.Rect(
                    area.left + (i % 2) * (bw + gap),
                    area.bottom - bh - (1 - i // 2) * (bh + gap),
                    bw,
                    bh,
                )
                for i in range(len(BUTTONS))
            ]
        self.focus.set([Item(key, rect) for key, rect in zip(BUTTONS, rects, strict=True)])
        pad = int(18 * self.u)
        self.doc = self.build()
        self.doc.layout(self.ctx, self.text_rect.width - 2 * pad)
        self.max_scroll = max(0, self.doc.height - (self.text_rect.height - 2 * pad))
        self.scroll = min(self.scroll, self.max_scroll)

    def handle(self, intent: Intent) -> Transition:
        step = int(self.ctx.fonts.px("body") * 3)
        if intent.kind == "back":
            return Pop()
        if intent.kind in ("down", "page_down") or (intent.kind == "scroll" and intent.value < 0):
            self.scroll = min(
                self.max_scroll, self.scroll + step * (4 if intent.kind == "page_down" else 1)
            )
            return None
        if intent.kind in ("up", "page_up") or (intent.kind == "scroll" and intent.value > 0):
            self.scroll = max(0, self.scroll - step * (4 if intent.kind == "page_up" else 1))
            return None
        chosen = self.focus.handle(intent)
        if chosen == "again":
            return Replace(go("briefing", scenario=self.scenario))
        if chosen == "next":
            nxt = self.ctx.next_scenario(self.scenario.id)
            if nxt is not None:
                return Replace(go("briefing", scenario=nxt))
        if chosen == "leaderboard":
            return Push(go("leaderboard", scenario_id=self.scenario.id))
        if chosen == "menu":
            return Pop()
        return None

    def label(self, key: str) -> str:
        return self.ctx.t(
            {
                "again": "ui.debrief.try_again",
                "next": "ui.debrief.next",
                "leaderboard": "ui.leaderboard",
                "menu": "ui.debrief.menu",
            }[key]
        )

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(
            surface,
            title=f"{self.ctx.t('ui.debrief.title')} · {self.scenario.title.get(self.ctx.lang)}",
        )
        panel(surface, self.text_rect, th.panel, th.border)
        pad = int(18 * self.u)
        self.doc.draw(
            surface, self.ctx, self.text_rect.inflate(-2 * pad, -2 * pad), self.scroll, th.text
        )
        if self.max_scroll:
            track = pygame.Rect(
                self.text_rect.right - 10, self.text_rect.top + 10, 5, self.text_rect.height - 20
            )
            share = max(20, track.height * self.text_rect.height // (self.doc.height + 2 * pad))
            pos = track.top + (track.height - share) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, th.border, track, border_radius=2)
            pygame.draw.rect(surface, th.accent, (track.left, pos, 5, share), border_radius=2)
            text(
                surface,
                self.ctx,
                "↑↓",
                "tiny",
                th.text_dim,
                (self.text_rect.right - 18, self.text_rect.bottom - 6),
                anchor="bottomright",
            )
        for i, item in enumerate(self.focus.items):
            button(
                surface,
                self.ctx,
                item.rect,
                self.label(item.key),
                i == self.focus.index,
                number=i + 1,
                primary=item.key == "again",
            )
