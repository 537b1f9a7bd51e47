"""My progress: each dimension's first and latest score across the trainee's attempts, where
each orientation track stands, and the latest runs."""

from __future__ import annotations

import pygame

from .. import advice
from ..document import Document, DocumentView
from ..intents import Intent
from ..scene import Pop, Transition
from .base import Hint, Screen

RECENT = 10


class ProgressScene(Screen):
    name = "progress"
    title_key = "ui.progress.title"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.view = DocumentView()
        self.ready = False

    def hints(self) -> list[Hint]:
        return [Hint("↑↓", self.ctx.t("ui.hint.scroll"))]

    def update(self, dt: float) -> Transition:
        if not self.ready and self.ctx.history()[0]:
            self.layout(self.size)
        return None

    def wake_in(self) -> float | None:
        return None if self.ready else 0.1

    def build(self) -> Document:
        ctx, t = self.ctx, self.ctx.t
        th = ctx.theme
        ready, history = ctx.history()
        self.ready = ready
        gap = int(10 * self.u)
        doc = Document()
        doc.add("heading", t("ui.progress.who", name=ctx.trainee))
        if not ready:
            doc.add("para", t("ui.progress.loading"))
            return doc
        if not history:
            doc.add("para", t("ui.progress.none"))
            return doc
        doc.add("small", t("ui.progress.count", count=len(history)), color=th.text_dim)
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.progress.dimensions"))
        doc.add("small", t("ui.progress.how_to_read"), color=th.text_dim)
        for item in advice.progress(history):
            change = item.change
            sign = f"+{change}" if change > 0 else str(change)
            words = t(
                "ui.progress.dimension",
                dimension=t("dim." + item.dimension),
                first=item.first,
                latest=item.latest,
                change=sign,
                count=item.attempts,
            )
            color = th.good if change > 0 else th.bad if change < 0 else th.accent
            doc.add("score", words, value=item.latest, bar_color=color, mark=item.first)
        weakest = advice.weakest(history)
        if weakest is not None:
            doc.add("gap", height=gap // 2)
            doc.add(
                "para",
                t("ui.progress.weakest", dimension=t("dim." + weakest.dimension)),
                color=th.accent if th.name == "default" else th.focus,
            )
        played = {r.scenario_id for r in history}
        known = {s.id for s in ctx.scenarios}
        if ctx.tracks:
            doc.add("gap", height=gap)
            doc.add("heading", t("ui.progress.tracks"))
            for track in ctx.tracks:
                steps = [sid for sid in track.scenarios if sid in known]
                done = sum(1 for sid in steps if sid in played)
                doc.add(
                    "para",
                    t(
                        "ui.progress.track",
                        title=track.title.get(ctx.lang),
                        done=done,
                        total=len(steps),
                    ),
                    bold=True,
                )
                for sid in steps:
                    scenario = ctx.scenario(sid)
                    mark = "✓" if sid in played else "○"
                    name = scenario.title.get(ctx.lang) if scenario else sid
                    doc.add(
                        "small", f"{mark}  {name}", color=th.text if sid in played else th.text_dim
                    )
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.progress.recent"))
        for record in reversed(history[-RECENT:]):
            scenario = ctx.scenario(record.scenario_id)
            name = scenario.title.get(ctx.lang) if scenario else record.scenario_id
            when = f"{record.finished_at:%Y-%m-%d %H:%M}"
            extra = ""
            if record.time_factor is None:
                extra = f" · {t('ui.progress.no_limit')}"
            elif record.time_factor != 1.0:
                extra = f" · {t('ui.progress.extended', factor=f'{record.time_factor:g}')}"
            doc.add(
                "para",
                t(
                    "ui.progress.run",
                    when=when,
                    scenario=name,
                    score=record.scores.get("overall", 0),
                )
                + extra,
            )
        return doc

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        self.view.set(self.ctx, self.build(), area, int(18 * self.u))
        self.focus.set(self.with_back([]))
        self.dirty = True

    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        if self.view.handle(intent, self.ctx):
            return None
        if self.focus.handle(intent) is not None:
            return Pop()
        return None

    def spoken(self) -> str:
        return " ".join(b.text for b in self.view.doc.blocks if b.text)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        self.view.draw(surface, self.ctx, self.ctx.theme.text)
