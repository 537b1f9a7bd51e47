"""The debrief, leading with what matters: what happened to the customer, and the one decision
that cost the most; then the overall score and whether the run was saved (honestly: saving,
saved, kept for this session only, a demo, or not saved with the reason and a retry); then each
dimension with a bar whose colour agrees with its sentence; then the transcript."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass

import pygame

from ...application.play import Played, decision_words
from ...application.replay import steps_of
from ...i18n import said
from ...results import RunRecord
from ...scenario.model import Scenario
from ...scoring.debrief import DimensionDebrief
from ..advice import weight
from ..document import Document, DocumentView
from ..intents import Intent
from ..jobs import outcome
from ..scene import Pop, Push, Replace, Transition, go
from ..widgets import Item, button, button_height
from .base import BACK, Hint, Screen

BUTTONS = ("again", "next", "leaderboard", "menu")
#: leading notes that praise (the sentence says it went well)
PRAISE_SUFFIXES = (".good", ".escalated_right")


def verdict(score: int, praise: bool) -> str:
    """The band a dimension's bar and word show, never contradicting its sentence: a sentence
    that criticises is never green, one that praises is never red."""
    if praise:
        return "good" if score >= 60 else "fair"
    return "fair" if score >= 50 else "poor"


@dataclass(frozen=True)
class Costly:
    """The decision that cost the most: where the overall score fell most (``before`` and
    ``after``), or, when no decision lowered it, the one whose better alternative would have
    raised it most (``better``: the debrief's sentence for it)."""

    turn: int
    before: float | None = None
    after: float | None = None
    better: str | None = None


def costliest(played: Played) -> Costly | None:
    run = played.run
    steps = steps_of(run.scenario, run)
    worst: Costly | None = None
    previous = None
    for index, step in enumerate(steps):
        now = step.scores["overall"]
        if previous is not None and now < previous - 0.5:
            if worst is None or previous - now > (worst.before or 0) - (worst.after or 0):
                worst = Costly(index, previous, now)
        previous = now
    betters = {
        d.better_choice.turn: d.better
        for d in sorted(
            (d for d in played.debrief.dimensions if d.better and d.better_choice is not None),
            key=lambda d: gain(run.scenario, d),
        )
        if d.better_choice is not None
    }
    if worst is not None:
        return Costly(worst.turn, worst.before, worst.after, betters.get(worst.turn))
    best = max(
        (d for d in played.debrief.dimensions if d.better and d.better_choice is not None),
        key=lambda d: gain(run.scenario, d),
        default=None,
    )
    if best is None or best.better_choice is None:
        return None
    return Costly(best.better_choice.turn, better=best.better)


def gain(scenario: Scenario, item: DimensionDebrief) -> float:
    """How much a better choice would have added to the overall score (its dimension's gain
    times the dimension's weight for this persona)."""
    b = item.better_choice
    if b is None:
        return 0.0
    return (b.after - b.before) * weight(scenario, item.dimension)


class DebriefScene(Screen):
    name = "debrief"
    title_key = "ui.debrief.title"
    back_button = False  # "Scenarios" is the way back; a run cannot be un-finished

    def __init__(
        self,
        ctx,  # type: ignore[no-untyped-def]
        scenario: Scenario,
        played: Played,
        saving: Future[bool] | None = None,
        record: RunRecord | None = None,
        saved_error: str = "",
    ) -> None:
        super().__init__(ctx)
        self.scenario = scenario
        self.played = played
        self.saving = saving
        self.record = record
        self.saved_error = saved_error
        self.durable: bool | None = None
        self.view = DocumentView()
        self.costly = costliest(played)

    @property
    def scroll(self) -> int:
        return self.view.scroll

    @property
    def max_scroll(self) -> int:
        return self.view.max_scroll

    def title(self) -> str:
        return f"{self.ctx.t('ui.debrief.title')} · {self.scenario.title.get(self.ctx.lang)}"

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("↑↓", t("ui.hint.scroll")),
            Hint("1-4", t("ui.hint.choose")),
            Hint("Esc", t("ui.debrief.menu"), Intent("back")),
        ]

    # -- saving ----------------------------------------------------------------------------
    def save_state(self) -> str:
        """demo | saving | saved | session | failed"""
        if self.ctx.demo:
            return "demo"
        if self.saved_error:
            return "failed"
        if self.saving is None:
            return "saved" if self.durable else "session"
        done, value, error = outcome(self.saving)
        if not done:
            return "saving"
        if error:
            self.saved_error = error
            return "failed"
        return "saved" if value else "session"

    def update(self, dt: float) -> Transition:
        if self.saving is not None and self.saving.done():
            done, value, error = outcome(self.saving)
            self.saving = None
            self.saved_error = error
            self.durable = bool(value)
            self.ctx.saves_landed()  # the run joins the trainee's history
            self.layout(self.size)
        return None

    def wake_in(self) -> float | None:
        return 0.1 if self.saving is not None else None

    def retry(self) -> None:
        if self.record is None:
            return
        record, results, scenario = self.record, self.ctx.results, self.scenario

        def save() -> bool:
            results.save(record, scenario)
            return results.durable()

        self.saved_error = ""
        self.saving = self.ctx.jobs.submit(save)
        self.ctx.track_save(self.saving, record)
        self.update(0.0)
        self.layout(self.size)

    # -- the document ----------------------------------------------------------------------
    def build(self) -> Document:
        t, lang = self.ctx.t, self.ctx.lang
        th = self.ctx.theme
        played = self.played
        result = played.result
        scenario = self.scenario
        gap = int(10 * self.u)
        doc = Document()
        out = result.outcome
        good_end = out.retained and not out.left
        doc.add("heading", played.debrief.outcome_sentence, color=th.good if good_end else th.bad)
        doc.add("para", t("outcome.satisfaction", value=out.satisfaction))
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.debrief.costliest"))
        if self.costly is None:
            doc.add("para", t("ui.debrief.no_costly"))
        else:
            costly = self.costly
            turn = played.run.turns[costly.turn]
            beat = scenario.beats[turn.beat]
            doc.add(
                "small", said(scenario.customer.name, beat.say.get(lang), lang), color=th.text_dim
            )
            doc.add("para", said(t("ui.encounter.you"), decision_words(scenario, turn, lang), lang))
            if costly.before is not None and costly.after is not None:
                doc.add(
                    "para",
                    t(
                        "ui.debrief.cost_points",
                        before=int(costly.before + 0.5),
                        after=int(costly.after + 0.5),
                    ),
                    color=th.bad,
                    bold=True,
                )
            if costly.better:
                doc.add(
                    "para",
                    t("ui.debrief.better", text=costly.better),
                    color=th.accent if th.name == "default" else th.focus,
                )
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.debrief.overall", score=result.scores["overall"]))
        state = self.save_state()
        words = {
            "demo": t("ui.debrief.demo"),
            "saving": t("ui.debrief.saving"),
            "saved": t("ui.debrief.saved"),
            "session": t("ui.debrief.session_only"),
            "failed": t("ui.debrief.not_saved", reason=self.saved_error),
        }[state]
        doc.add(
            "small",
            words,
            color=th.bad if state == "failed" else th.text_dim,
            bold=state == "failed",
        )
        factor = self.record.time_factor if self.record is not None else self.ctx.time_factor
        if factor is None:
            doc.add("small", t("ui.debrief.no_limit"), color=th.text_dim)
        elif factor != 1.0:
            doc.add("small", t("ui.debrief.extended", factor=f"{factor:g}"), color=th.text_dim)
        doc.add("gap", height=gap)
        for item in played.debrief.dimensions:
            notes = result.notes.get(item.dimension, ())
            praise = bool(notes) and notes[0].key.endswith(PRAISE_SUFFIXES)
            band = verdict(item.score, praise)
            color = {"good": th.good, "fair": th.warn, "poor": th.bad}[band]
            doc.add(
                "score",
                f"{t('dim.' + item.dimension)}  {item.score} · {t('ui.verdict.' + band)}",
                value=item.score,
                bar_color=color,
            )
            doc.add("para", item.sentence)
            if item.better:
                doc.add(
                    "para",
                    t("ui.debrief.better", text=item.better),
                    color=th.accent if th.name == "default" else th.focus,
                )
            doc.add("small", t("ui.debrief.principle", text=item.principle), color=th.text_dim)
            doc.add("gap", height=gap)
        doc.add(
            "small",
            t(
                "cli.spent",
                spent=f"{out.spent:g}",
                currency=scenario.authority.currency,
                budget=f"{scenario.authority.budget:g}",
                minutes=out.world_minutes,
            ),
            color=th.text_dim,
        )
        doc.add("gap", height=gap)
        doc.add("heading", t("ui.debrief.transcript"))
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

    def buttons(self) -> tuple[str, ...]:
        return (*BUTTONS, "retry") if self.save_state() == "failed" and self.record else BUTTONS

    def label(self, key: str) -> str:
        return self.ctx.t(
            {
                "again": "ui.debrief.try_again",
                "next": "ui.debrief.next",
                "leaderboard": "ui.leaderboard",
                "menu": "ui.debrief.menu",
                "retry": "ui.debrief.retry",
            }[key]
        )

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        gap = int(10 * self.u)
        keys = self.buttons()
        labels = [f"{i + 1}  {self.label(k)}" for i, k in enumerate(keys)]
        per_row = len(keys)
        while per_row > 1:
            bw = (area.width - gap * (per_row - 1)) // per_row
            if all(
                button_height(self.ctx, lab, bw) <= button_height(self.ctx, "x", bw)
                for lab in labels
            ):
                break
            per_row -= 1 if per_row != 4 else 2
        bw = (area.width - gap * (per_row - 1)) // per_row
        bh = max(button_height(self.ctx, lab, bw) for lab in labels)
        rows = -(-len(keys) // per_row)
        top = area.bottom - rows * bh - (rows - 1) * gap
        items = []
        if top - gap - area.top < area.height * 0.62:
            # Short window, large text: the buttons in a column beside the debrief, which
            # keeps the height for reading.
            for share in (0.3, 0.36, 0.42, 0.5):
                side_w = int(area.width * share)
                bh = max(button_height(self.ctx, lab, side_w) for lab in labels)
                if len(keys) * (bh + gap) - gap <= area.height:
                    break
            bh = min(bh, (area.height + gap) // len(keys) - gap)
            for i, key in enumerate(keys):
                rect = pygame.Rect(area.right - side_w, area.top + i * (bh + gap), side_w, bh)
                items.append(Item(key, rect, label=self.label(key)))
            text_rect = pygame.Rect(area.left, area.top, area.width - side_w - gap, area.height)
        else:
            for i, key in enumerate(keys):
                row, col = divmod(i, per_row)
                rect = pygame.Rect(area.left + col * (bw + gap), top + row * (bh + gap), bw, bh)
                items.append(Item(key, rect, label=self.label(key)))
            text_rect = pygame.Rect(area.left, area.top, area.width, top - gap - area.top)
        self.focus.set(items, start="again")
        self.view.set(self.ctx, self.build(), text_rect, int(18 * self.u))
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
        if chosen == "again":
            return Replace(go("briefing", scenario=self.scenario))
        if chosen == "next":
            nxt = self.ctx.next_scenario(self.scenario.id)
            if nxt is not None:
                return Replace(go("briefing", scenario=nxt))
        if chosen == "leaderboard":
            return Push(go("leaderboard", scenario_id=self.scenario.id))
        if chosen in ("menu", BACK):
            return Pop()
        if chosen == "retry":
            self.retry()
        return None

    def spoken(self) -> str:
        item = self.focus.focused
        if item is not None and not getattr(self, "_read", False):
            self._read = True
            lead = [b.text for b in self.view.doc.blocks[:8] if b.text]
            return " ".join(lead) + ". " + item.label
        return super().spoken()

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        self.view.draw(surface, self.ctx, th.text)
        for i, item in enumerate(self.focus.items):
            button(
                surface,
                self.ctx,
                item.rect,
                item.label,
                i == self.focus.index,
                number=i + 1,
                primary=item.key in ("again", "retry"),
            )
