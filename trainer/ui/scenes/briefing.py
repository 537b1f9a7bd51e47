"""The briefing: what went wrong, who the customer is, the trainee's authority, time targets,
and how much time they have to answer."""

from __future__ import annotations

import pygame

from ...scenario.model import Scenario
from ..art import draw_portrait, look_for
from ..document import Document, DocumentView
from ..intents import Intent
from ..scene import Pop, Push, Replace, Transition, go
from ..widgets import Item, button, button_height
from .base import BACK, Hint, Screen


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


class BriefingScene(Screen):
    name = "briefing"
    title_key = "ui.briefing.title"

    def __init__(self, ctx, scenario: Scenario) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.scenario = scenario
        self.view = DocumentView()
        self.portrait = pygame.Rect(0, 0, 0, 0)

    @property
    def scroll(self) -> int:
        return self.view.scroll

    @property
    def max_scroll(self) -> int:
        return self.view.max_scroll

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("↑↓", t("ui.hint.scroll")),
            Hint("Enter", t("ui.briefing.begin"), Intent("confirm")),
        ]

    def build(self) -> Document:
        s, t = self.scenario, self.ctx.t
        lang = self.ctx.lang
        th = self.ctx.theme
        gap = int(10 * self.u)
        doc = Document()
        doc.add("heading", s.title.get(lang))
        doc.add("small", f"{s.industry} · {t('ui.level', n=s.difficulty)}", color=th.text_dim)
        if lang not in s.locales:
            doc.add("small", t("ui.briefing.not_in_language"), color=th.text_dim)
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.briefing.what"))
        doc.add("para", s.failure.summary.get(lang))
        if not s.failure.visible:
            doc.add("para", t("ui.briefing.unseen"))
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.briefing.customer"))
        doc.add("para", f"{s.customer.name} · {s.persona.name.get(lang)}")
        doc.add("gap", height=gap)
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
        doc.add("gap", height=gap)
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
        settings = self.ctx.settings
        factor = settings.time_factor
        if factor is None:
            doc.add("para", t("ui.briefing.time_off"), color=th.accent)
        elif factor != 1.0:
            doc.add("para", t("ui.briefing.time_more", factor=f"{factor:g}"), color=th.accent)
        elif settings.suggest_more_time:
            doc.add("para", t("ui.briefing.time_tip"), color=th.accent)
        doc.add("para", t("ui.briefing.pause_tip"), color=th.text_dim)
        return doc

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        u = self.u
        gap = int(20 * u)
        show_portrait = area.width >= 900 * u and self.ctx.settings.text_scale <= 1.5
        portrait_w = int(area.width * 0.28) if show_portrait else 0
        begin = self.ctx.t("ui.briefing.begin")
        settings_label = self.ctx.t("ui.settings")
        bw = int(min(max(260 * u, area.width * 0.26), area.width // 2 - gap))
        bh = max(button_height(self.ctx, begin, bw), button_height(self.ctx, settings_label, bw))
        text_rect = pygame.Rect(
            area.left,
            area.top,
            area.width - (portrait_w + gap if portrait_w else 0),
            area.height - bh - int(14 * u),
        )
        self.portrait = pygame.Rect(
            text_rect.right + gap, area.top, portrait_w, int(area.height * 0.8)
        )
        self.view.set(self.ctx, self.build(), text_rect, int(18 * u))
        items = [
            Item(
                "settings",
                pygame.Rect(area.right - 2 * bw - gap, area.bottom - bh, bw, bh),
                label=settings_label,
            ),
            Item("begin", pygame.Rect(area.right - bw, area.bottom - bh, bw, bh), label=begin),
        ]
        self.focus.set(self.with_back(items), start="begin")
        self.dirty = True

    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        if self.view.handle(intent, self.ctx):
            return None
        chosen = self.focus.handle(intent, arrows=False)
        if intent.kind in ("left", "right"):
            self.focus.handle(Intent("next" if intent.kind == "right" else "prev"))
        if chosen == BACK:
            return Pop()
        if chosen == "settings":
            return Push(go("settings"))
        if chosen == "begin":
            return Replace(go("encounter", scenario=self.scenario))
        return None

    def resume(self, result: object = None) -> Transition:
        self.layout(self.size)  # the settings may have changed the text size or answer time
        return None

    def spoken(self) -> str:
        item = self.focus.focused
        if item is not None and item.key == "begin" and not getattr(self, "_read", False):
            self._read = True
            words = [b.text for b in self.view.doc.blocks if b.text]
            return " ".join(words) + ". " + item.label
        return super().spoken()

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        self.view.draw(surface, self.ctx, th.text)
        if self.portrait.width:
            look = look_for(self.scenario.persona.archetype, self.scenario.customer.name)
            draw_portrait(
                surface,
                self.portrait,
                look,
                "tense",
                t=0.0,
                reduced_motion=True,
                high_contrast=self.ctx.settings.high_contrast,
            )
        for item in self.focus.items:
            if item.key == BACK:
                continue
            button(
                surface,
                self.ctx,
                item.rect,
                item.label,
                item.key == self.focus.focused_key,
                primary=item.key == "begin",
            )
