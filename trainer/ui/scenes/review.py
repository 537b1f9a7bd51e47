"""Trainer review: unlock with the trainer passphrase, list a cohort's runs, replay one beat by
beat, and take a note. It reads the same store as ``trainer runs`` and ``trainer replay``."""

from __future__ import annotations

import pygame

from ...application.play import decision_words
from ...application.review import ReviewError, ReviewPort, RunSummary
from ...i18n import said
from ..document import Document
from ..intents import Intent
from ..jobs import outcome
from ..scene import Pop, Push, Transition, go
from ..widgets import Item, button, line_height, panel, text
from .base import BACK, Hint, Screen


class ReviewScene(Screen):
    name = "review"
    title_key = "ui.review.title"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.passphrase = ""
        self.unlocked = False
        self.error = ""
        self.port: ReviewPort | None = None
        self.cohorts: list[str | None] = [None]
        self.cohort_index = 0
        self.rows: list[RunSummary] = []
        self.first = 0

    @property
    def typing(self) -> bool:  # type: ignore[override]
        return not self.unlocked

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        if not self.unlocked:
            return [Hint("Enter", t("ui.review.unlock"), Intent("confirm"))]
        return [
            Hint("↑↓", t("ui.hint.choose")),
            Hint("←→", t("ui.review.cohort_hint")),
            Hint("Enter", t("ui.review.replay"), Intent("confirm")),
        ]

    def enter(self) -> None:
        # Opening the store can take a moment: on the worker, the screen shows at once.
        self.opening = self.ctx.jobs.submit(self.ctx.review)
        self.update(0.0)

    def update(self, dt: float) -> Transition:
        done, port, error = outcome(getattr(self, "opening", None))
        if done:
            self.opening = None
            self.port = port
            if self.port is None:
                self.error = error or self.ctx.t("ui.review.no_store")
            self.dirty = True
        return None

    def wake_in(self) -> float | None:
        return 0.1 if getattr(self, "opening", None) is not None else None

    def unlock(self) -> None:
        if self.port is None:
            return
        try:
            self.port.unlock(self.passphrase)
        except ReviewError as exc:
            self.error = str(exc)
            return
        self.unlocked = True
        self.error = ""
        self.cohorts = [None, *self.port.cohorts()]
        self.load()

    def load(self) -> None:
        cohort = self.cohorts[self.cohort_index]
        self.rows = self.port.runs(cohort) if self.port else []
        self.first = 0
        self.focus.index = 0
        self.layout(self.size)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        bh = int(self.ctx.fonts.px("body") * 2.2)
        if not self.unlocked:
            width = int(min(area.width, 560 * self.u))
            field = pygame.Rect(
                area.left, area.top + int(self.ctx.fonts.px("small") * 2), width, bh
            )
            self.focus.set(
                self.with_back(
                    [
                        Item("passphrase", field),
                        Item(
                            "unlock",
                            pygame.Rect(
                                area.left, field.bottom + int(16 * self.u), int(width * 0.5), bh
                            ),
                        ),
                    ]
                ),
                start="passphrase",
            )
            return
        self.chip = pygame.Rect(
            area.left, area.top, area.width, int(line_height(self.ctx, "body") * 1.5)
        )
        row_h = int(line_height(self.ctx, "body") * 1.5)
        top = self.chip.bottom + int(10 * self.u)
        self.visible = max(1, (area.bottom - top) // row_h)
        index = self.focus.index
        if index < self.first:
            self.first = index
        elif index >= self.first + self.visible:
            self.first = index - self.visible + 1
        items = []
        for i, row in enumerate(self.rows):
            pos = i - self.first
            rect = (
                pygame.Rect(area.left, top + pos * row_h, area.width, row_h - 4)
                if 0 <= pos < self.visible
                else pygame.Rect(-10_000, -10_000, 0, 0)
            )
            items.append(Item(row.run_id, rect))
        self.focus.set(self.with_back(items))

    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        if intent.kind == "click" and intent.pos and self.back_rect.collidepoint(intent.pos):
            return Pop()
        if not self.unlocked:
            if intent.kind == "text":
                self.passphrase += intent.value
            elif intent.kind == "erase":
                self.passphrase = self.passphrase[:-1]
            elif intent.kind == "confirm" or (
                intent.kind == "click" and self.focus.handle(intent) == "unlock"
            ):
                self.unlock()
            return None
        if intent.kind in ("left", "right") or (
            intent.kind == "click" and intent.pos and self.chip.collidepoint(intent.pos)
        ):
            step = -1 if intent.kind == "left" else 1
            self.cohort_index = (self.cohort_index + step) % len(self.cohorts)
            self.load()
            return None
        if intent.kind == "scroll":
            intent = Intent("up" if intent.value > 0 else "down")
        if intent.kind == "select" and isinstance(intent.value, int):
            intent = Intent("select", intent.value + self.first + 1)  # after Back
        chosen = self.focus.handle(intent)
        if intent.kind in ("up", "down"):
            self.layout(self.size)
        if chosen == BACK:
            return Pop()
        if chosen is not None and self.port is not None:
            return Push(go("replay", port=self.port, run_id=chosen))
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        area = self.content_rect()
        ink = (220, 226, 236) if th.name == "default" else th.text
        if not self.unlocked:
            field_item, unlock_item = self.focus.item("passphrase"), self.focus.item("unlock")
            assert field_item is not None and unlock_item is not None
            field, unlock = field_item.rect, unlock_item.rect
            text(
                surface,
                self.ctx,
                self.ctx.t("ui.review.passphrase"),
                "small",
                ink,
                (field.left, area.top),
            )
            panel(surface, field, th.bubble, th.focus, radius=8, width=4)
            text(
                surface,
                self.ctx,
                "•" * len(self.passphrase),
                "body",
                th.bubble_text,
                (field.left + 12, field.centery),
                anchor="midleft",
            )
            button(
                surface,
                self.ctx,
                unlock,
                self.ctx.t("ui.review.unlock"),
                self.focus.focused_key == "unlock",
                primary=True,
            )
            if self.error:
                text(
                    surface,
                    self.ctx,
                    self.error,
                    "body",
                    (255, 190, 170),
                    (field.left, unlock.bottom + int(16 * self.u)),
                    max_width=area.width,
                )
            return
        cohort = self.cohorts[self.cohort_index] or self.ctx.t("ui.review.all")
        panel(surface, self.chip, th.panel_alt, th.border, radius=self.chip.height // 2)
        text(
            surface,
            self.ctx,
            f"◀  {self.ctx.t('ui.review.cohort', value=cohort)}  ▶",
            "body",
            th.text,
            self.chip.center,
            anchor="center",
            max_width=self.chip.width - 20,
        )
        if not self.rows:
            text(
                surface,
                self.ctx,
                self.ctx.t("ui.review.none"),
                "body",
                ink,
                (area.left, self.chip.bottom + int(20 * self.u)),
            )
        rows = {r.run_id: r for r in self.rows}
        for i, item in enumerate(self.focus.items):
            if not item.rect.width or item.key == BACK:
                continue
            r = rows[item.key]
            focused = i == self.focus.index
            panel(
                surface,
                item.rect,
                th.panel,
                th.focus if focused else th.border,
                radius=8,
                width=4 if focused else 1,
            )
            mark = "✓" if r.integrity == "ok" else "⚠"
            cells = (
                f"{r.finished_at:%m-%d %H:%M}",
                r.trainee,
                r.scenario_id,
                f"{r.overall}",
                mark,
            )
            widths = (0.16, 0.28, 0.38, 0.1, 0.06)
            x = item.rect.left + 12
            for cell, share in zip(cells, widths, strict=True):
                width = int((item.rect.width - 24) * share)
                text(
                    surface,
                    self.ctx,
                    cell,
                    "body",
                    th.bad if cell == "⚠" else th.text,
                    (x, item.rect.centery),
                    anchor="midleft",
                    max_width=width - 8,
                )
                x += width


class ReplayScene(Screen):
    """One stored run, beat by beat, with its notes and a field to add one."""

    name = "replay"
    title_key = "ui.review.title"
    typing = True

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("↑↓", t("ui.hint.scroll")),
            Hint("Enter", t("ui.review.save_note"), Intent("confirm")),
        ]

    def __init__(self, ctx, port: ReviewPort, run_id: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.port = port
        self.run_id = run_id
        self.note = ""
        self.message = ""
        self.scroll = 0
        self.doc = Document()

    def build(self) -> Document:
        t, lang = self.ctx.t, self.ctx.lang
        th = self.ctx.theme
        doc = Document()
        try:
            shown = self.port.replay(self.run_id)
        except ReviewError as exc:
            doc.add("para", str(exc), color=th.bad)
            return doc
        record, integrity = shown.stored.record, shown.stored.integrity
        doc.add(
            "heading", f"{record.trainee} · {record.scenario_id} · {record.scores.get('overall')}"
        )
        verdict = {
            "ok": "ui.review.integrity_ok",
            "unverified scenario": "ui.review.integrity_unverified",
        }
        doc.add(
            "small",
            t(verdict.get(integrity, "ui.review.integrity_bad")),
            color=th.good if integrity == "ok" else th.bad,
        )
        scenario = shown.scenario
        for step in shown.steps:
            turn = step.turn
            beat = scenario.beats[turn.beat]
            doc.add(
                "small",
                said(scenario.customer.name, beat.say.get(lang), lang),
                color=th.text_dim,
            )
            words = decision_words(scenario, turn, lang)
            doc.add("para", said(f"{record.trainee} ({turn.after:g} s)", words, lang))
            doc.add(
                "small",
                t("ui.review.anger", before=int(turn.anger_before), after=int(turn.anger))
                + f" · {t('ui.mood.' + turn.mood)}",
            )
            doc.add("gap", height=int(6 * self.u))
        notes = shown.notes
        if notes:
            doc.add("heading", t("ui.review.notes"))
            for note in notes:
                doc.add("para", said(note["author"], note["text"], lang))
        return doc

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        fh = int(self.ctx.fonts.px("body") * 2.2)
        self.field = pygame.Rect(area.left, area.bottom - fh, area.width, fh)
        self.text_rect = pygame.Rect(
            area.left, area.top, area.width, area.height - fh - int(12 * self.u)
        )
        self.doc = self.build()
        pad = int(16 * self.u)
        self.doc.layout(self.ctx, self.text_rect.width - 2 * pad)
        self.max_scroll = max(0, self.doc.height - (self.text_rect.height - 2 * pad))

    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        intent = self.hint_intent(intent) or intent
        if intent.kind == "back":
            return Pop()
        if intent.kind == "click" and intent.pos and self.back_rect.collidepoint(intent.pos):
            return Pop()
        step = int(self.ctx.fonts.px("body") * 3)
        if intent.kind in ("down", "page_down") or (intent.kind == "scroll" and intent.value < 0):
            self.scroll = min(self.max_scroll, self.scroll + step)
        elif intent.kind in ("up", "page_up") or (intent.kind == "scroll" and intent.value > 0):
            self.scroll = max(0, self.scroll - step)
        elif intent.kind == "text":
            self.note = (self.note + intent.value)[:500]
        elif intent.kind == "erase":
            self.note = self.note[:-1]
        elif intent.kind == "confirm" and self.note.strip():
            try:
                self.port.add_note(self.run_id, self.ctx.trainee or "trainer", self.note.strip())
            except ReviewError as exc:
                self.message = str(exc)
                return None
            self.note = ""
            self.message = self.ctx.t("ui.review.note_saved")
            self.layout(self.size)
            self.scroll = self.max_scroll
        return None

    def draw(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        self.draw_frame(surface)
        panel(surface, self.text_rect, th.panel, th.border)
        pad = int(16 * self.u)
        self.doc.draw(
            surface, self.ctx, self.text_rect.inflate(-2 * pad, -2 * pad), self.scroll, th.text
        )
        panel(surface, self.field, th.bubble, th.focus, radius=8, width=3)
        shown = self.note or self.message or self.ctx.t("ui.review.note")
        ink = th.bubble_text if self.note else th.text_dim
        text(
            surface,
            self.ctx,
            shown,
            "body",
            ink,
            (self.field.left + 12, self.field.centery),
            anchor="midleft",
            max_width=self.field.width - 24,
        )
