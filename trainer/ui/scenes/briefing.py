"""The briefing: what went wrong, who the customer is, the trainee's authority, time targets."""

from __future__ import annotations

import pygame

from ...scenario.model import Scenario
from ..art import draw_portrait, look_for
from ..document import Document
from ..intents import Intent
from ..scene import Pop, Replace, Transition, go
from ..widgets import Item, button, panel
from .base import Screen


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


class BriefingScene(Screen):
    name = "briefing"
    title_key = "ui.briefing.title"

    def __init__(self, ctx, scenario: Scenario) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.scenario = scenario
        self.scroll = 0
        self.doc = Document()

    def build(self) -> Document:
        s, t = self.scenario, self.ctx.t
        lang = self.ctx.lang
        doc = Document()
        doc.add("heading", s.title.get(lang))
        doc.add("small", f"{s.industry} · {t('ui.level', n=s.difficulty)}")
        doc.add("gap", height=int(10 * self.u))
        doc.add("heading", t("ui.briefing.what"))
        doc.add("para", s.failure.summary.get(lang))
        if not s.failure.visible:
            doc.add("para", t("ui.briefing.unseen"))
        doc.add("gap", height=int(10 * self.u))
        doc.add("heading", t("ui.briefing.customer"))
        doc.add("para", f"{s.customer.name} · {s.persona.name.get(lang)}")
        doc.add("gap", height=int(10 * self.u))
        doc.add("heading", t("ui.briefing.authority"))
        doc.add(
            "para",
            t(
                "ui.briefing.budget",
                budget=_money(s.authority.budget),
                currency=s.authority.currency,
            ),
        )
        doc.add(
            "para", t("ui.briefing.manager" if s.authority.manager else "ui.briefing.no_manager")
        )
        doc.add("gap", height=int(10 * self.u))
        doc.add("heading", t("ui.briefing.targets"))
        doc.add(
            "para",
            t(
                "ui.briefing.targets_text",
                decide=_money(s.timing.decide_s),
                ack=_money(s.timing.acknowledge_min),
                resolve=_money(s.timing.resolve_min),
            ),
        )
        return doc

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        self.portrait = pygame.Rect(
            area.right - int(area.width * 0.3),
            area.top,
            int(area.width * 0.3),
            int(area.height * 0.8),
        )
        bh = int(self.ctx.fonts.px("body") * 2.2)
        self.text_rect = pygame.Rect(
            area.left,
            area.top,
            area.width - self.portrait.width - int(24 * self.u),
            area.height - bh - int(16 * self.u),
        )
        self.doc = self.build()
        pad = int(18 * self.u)
        self.doc.layout(self.ctx, self.text_rect.width - 2 * pad)
        self.max_scroll = max(0, self.doc.height - (self.text_rect.height - 2 * pad))
        self.scroll = min(self.scroll, self.max_scroll)
        bw = int(min(self.portrait.width, 300 * self.u))
        self.focus.set([Item("begin", pygame.Rect(area.right - bw, area.bottom - bh, bw, bh))])

    def handle(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Pop()
        step = int(self.ctx.fonts.px("body") * 3)
        if intent.kind in ("down", "page_down") or (intent.kind == "scroll" and intent.value < 0):
            self.scroll = min(
                self.max_scroll, self.scroll + step * (3 if "page" in intent.kind else 1)
            )
            return None
        if intent.kind in ("up", "page_up") or (intent.kind == "scroll" and intent.value > 0):
            self.scroll = max(0, self.scroll - step * (3 if "page" in intent.kind else 1))
            return None
        if self.focus.handle(intent) == "begin":
            return Replace(go("encounter", scenario=self.scenario))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        panel(surface, self.text_rect, th.panel, th.border)
        pad = int(18 * self.u)
        self.doc.draw(
            surface, self.ctx, self.text_rect.inflate(-2 * pad, -2 * pad), self.scroll, th.text
        )
        if self.max_scroll:
            track = pygame.Rect(
                self.text_rect.right - 8, self.text_rect.top + 8, 4, self.text_rect.height - 16
            )
            share = track.height * (self.text_rect.height / (self.doc.height + 2 * pad))
            pos = track.top + (track.height - share) * self.scroll / self.max_scroll
            pygame.draw.rect(surface, th.border, track, border_radius=2)
            pygame.draw.rect(surface, th.accent, (track.left, pos, 4, share), border_radius=2)
        look = look_for(self.scenario.persona.archetype, self.scenario.customer.name)
        draw_portrait(
            surface,
            self.portrait,
            look,
            "tense",
            t=self.ctx.time,
            reduced_motion=self.ctx.settings.reduced_motion,
            high_contrast=self.ctx.settings.high_contrast,
        )
        item = self.focus.items[0]
        button(surface, self.ctx, item.rect, self.ctx.t("ui.briefing.begin"), True, primary=True)
