"""Sign-in: the trainee's name and the cohort code, typed for real. The cohort code is checked
here, before anything is played (letter case does not matter), and the cohort's name is shown
so the trainee sees they joined the right session."""

from __future__ import annotations

import unicodedata
from concurrent.futures import Future

import pygame

from ...results import CohortInfo, MemoryResults
from ..intents import Intent
from ..jobs import outcome
from ..scene import Pop, Replace, Transition, go
from ..widgets import (
    HIDDEN,
    Item,
    Scroller,
    button,
    button_height,
    line_height,
    panel,
    paragraph,
    paragraph_height,
    text,
)
from .base import BACK, Hint, Screen

MAX_LEN = 60
CHECK_AFTER = 0.6  # seconds after the last key before a typed code is looked up


class SignInScene(Screen):
    name = "signin"
    title_key = "ui.signin.title"

    def __init__(self, ctx, then: str = "picker") -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.values = {"name": ctx.trainee, "cohort": ctx.cohort or ""}
        self.then = then  # "picker": go on to the scenarios; "back": return where it came from
        self.error = ""
        self.cohort: CohortInfo | None = (
            CohortInfo(ctx.cohort, ctx.cohort_name or ctx.cohort) if ctx.cohort else None
        )
        self.checked = ctx.cohort or ""  # the code the lookup answered for
        self.lookup: Future[tuple[CohortInfo | None, bool]] | None = None
        self.lookup_code = ""
        self.submitting = False
        self.idle = 0.0
        self.scroller = Scroller()

    @property
    def typing(self) -> bool:  # type: ignore[override]
        return self.focus.focused_key in ("name", "cohort")

    def hints(self) -> list[Hint]:
        t = self.ctx.t
        return [
            Hint("Tab", t("ui.hint.next_field"), Intent("next")),
            Hint("Enter", t("ui.continue"), Intent("confirm")),
        ]

    def wake_in(self) -> float | None:
        if self.lookup is not None or (self.values["cohort"].strip() != self.checked):
            return 0.05
        if self.typing:  # the caret blinks twice a second
            return 0.5 - (self.ctx.time % 0.5)
        return None

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        area = self.content_rect()
        ctx = self.ctx
        u = self.u
        pad = int(20 * u)
        bar_w = max(14, int(ctx.fonts.px("small") * 1.1)) + 8
        width = int(min(area.width - 2 * pad - bar_w, max(640 * u, area.width * 0.55)))
        if ctx.settings.text_scale >= 1.5:
            width = area.width - 2 * pad - bar_w  # large text: all the width there is
        fh = int(line_height(ctx, "body") * 1.6)
        gap = int(10 * u)
        self.labels = {
            "name": ctx.t("ui.signin.name"),
            "cohort": ctx.t("ui.signin.cohort"),
        }
        label_h = {k: paragraph_height(ctx, v, "small", width) for k, v in self.labels.items()}
        status_h = paragraph_height(ctx, "× " + self.status()[0], "small", width)
        cont = ctx.t("ui.continue")
        bw = int(min(width, 320 * u))
        bh = button_height(ctx, cont, bw)
        form_h = label_h["name"] + fh + 3 * gap + label_h["cohort"] + fh + status_h + 2 * gap + bh
        form_h += 8
        # Centred when it fits; else it scrolls to what has the focus (Continue at the end).
        spare = area.height - form_h - 2 * pad
        left = area.centerx - width // 2
        self.scroller.set(
            pygame.Rect(left - pad, area.top, width + 2 * pad, area.height), form_h + 2 * pad
        )
        if spare >= 0:
            self.scroller.offset = 0
            top = area.top + spare // 2
        else:
            late = self.focus.focused_key in ("cohort", "continue") or bool(self.error)
            self.scroller.offset = self.scroller.max_offset if late else 0
            top = area.top - self.scroller.offset
        left = area.centerx - width // 2
        self.card_rect = pygame.Rect(left - pad, top, width + 2 * pad, form_h + 2 * pad)
        y = top + pad
        items = []
        self.label_pos: dict[str, pygame.Rect] = {}
        for key in ("name", "cohort"):
            self.label_pos[key] = pygame.Rect(left, y, width, label_h[key])
            y += label_h[key] + 4
            items.append(Item(key, pygame.Rect(left, y, width, fh), label=self.labels[key]))
            y += fh + 3 * gap
        self.status_rect = pygame.Rect(left, y - 2 * gap, width, status_h)
        y += status_h
        items.append(Item("continue", pygame.Rect(left + width - bw, y, bw, bh), label=cont))
        view = area
        self.rects = {item.key: pygame.Rect(item.rect) for item in items}
        for item in items:
            clipped = item.rect.clip(view)
            item.rect = clipped if clipped.height else HIDDEN
        self.focus.set(self.with_back(items), start="name")
        self.dirty = True

    # -- input -----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Transition:
        result = self.react(intent)
        self.layout(self.size)  # the status under the code may have changed its height
        return result

    def react(self, intent: Intent) -> Transition:
        intent = self.hint_intent(intent) or intent
        key = self.focus.focused_key
        if intent.kind == "back":
            return Pop()
        if intent.kind == "text" and key in self.values:
            clean = "".join(ch for ch in intent.value if unicodedata.category(ch)[0] != "C")
            self.values[key] = (self.values[key] + clean)[:MAX_LEN]
            self.error = ""
            self.idle = 0.0
            return None
        if intent.kind == "erase" and key in self.values:
            self.values[key] = self.values[key][:-1]
            self.error = ""
            self.idle = 0.0
            return None
        if intent.kind == "confirm" and key == "name":
            self.focus.focus("cohort")
            return None
        if intent.kind == "confirm" and key == "cohort":
            return self.submit()
        if intent.kind in ("left", "right") and key in self.values:
            return None  # caret keys inside a field do not move the focus
        chosen = self.focus.handle(intent, numbered=not self.typing)
        if chosen == BACK:
            return Pop()
        if chosen == "continue":
            return self.submit()
        if self.focus.focused_key != "cohort":
            self.check()
        return None

    def code(self) -> str:
        return unicodedata.normalize("NFC", " ".join(self.values["cohort"].split()))

    def check(self) -> None:
        """Look the typed code up (on the worker), unless it was already."""
        code = self.code()
        if not code:
            self.cohort, self.checked = None, ""
            return
        if code == self.checked or (self.lookup is not None and code == self.lookup_code):
            return
        results = self.ctx.results

        def look_up() -> tuple[CohortInfo | None, bool]:
            """(the cohort, whether the answer can be trusted): results kept in memory know
            only the cohorts they were given, and none when the database could not open."""
            found = results.find_cohort(code)
            known = isinstance(results, MemoryResults) and bool(results.cohorts)
            return found, results.durable() or known

        self.lookup_code = code
        self.lookup = self.ctx.jobs.submit(look_up)

    def update(self, dt: float) -> Transition:
        self.idle += dt
        if self.lookup is None and self.idle >= CHECK_AFTER:
            self.check()
        done, value, error = outcome(self.lookup)
        if not done:
            return None
        self.lookup = None
        self.layout(self.size)
        if self.lookup_code != self.code():
            self.check()  # typed on meanwhile: ask again
            return None
        self.checked = self.lookup_code
        found, checkable = value if value is not None else (None, True)
        if error:
            self.error = self.ctx.t("ui.signin.check_failed", reason=error)
            self.cohort = None
        elif found is None and not checkable:
            # No database this session: the code cannot be checked; the run stays in memory.
            self.cohort = CohortInfo(self.checked, self.checked)
            self.error = ""
        elif found is None:
            self.cohort = None
            self.error = self.ctx.t("ui.signin.unknown_cohort", code=self.checked)
        else:
            self.cohort = found
            self.error = ""
        if self.submitting:
            self.submitting = False
            return self.submit()
        return None

    def submit(self) -> Transition:
        name = " ".join(self.values["name"].split())
        if not name:
            self.error = self.ctx.t("ui.signin.name_needed")
            self.focus.focus("name")
            return None
        code = self.code()
        if code and code != self.checked:
            self.submitting = True  # answered in update, when the lookup comes back
            self.check()
            return self.update(0.0)
        if code and self.cohort is None:
            self.focus.focus("cohort")
            return None  # the error says the code is unknown
        cohort = self.cohort if code else None
        self.ctx.sign_in(
            unicodedata.normalize("NFC", name),
            cohort.code if cohort else None,
            cohort.name if cohort else None,
        )
        if self.then == "back":
            return Pop("signed-in")
        return Replace(go("picker"))

    def screenshot_key(self) -> str:
        return "signin-filled" if self.values["name"] else "signin"

    def spoken(self) -> str:
        key = self.focus.focused_key
        if key in self.values:
            return f"{self.labels[key]}: {self.values[key]}"
        return super().spoken()

    # -- drawing ---------------------------------------------------------------------------
    def status(self) -> tuple[str, str]:
        """(what to say under the cohort field, its tone: good | bad | dim)."""
        if self.error:
            return self.error, "bad"
        if self.lookup is not None or self.submitting:
            return self.ctx.t("ui.signin.checking"), "dim"
        if self.cohort is not None and self.code() == self.checked and self.code():
            if self.cohort.name == self.cohort.code:
                return self.ctx.t("ui.signin.unchecked"), "dim"
            return self.ctx.t("ui.signin.cohort_found", name=self.cohort.name), "good"
        return self.ctx.t("ui.signin.cohort_help"), "dim"

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_frame(surface)
        clip = surface.get_clip()
        surface.set_clip(self.scroller.view.inflate(8, 8))
        self.draw_form(surface)
        surface.set_clip(clip)
        self.scroller.draw(surface, self.ctx, on_dark=True)

    def draw_form(self, surface: pygame.Surface) -> None:
        th = self.ctx.theme
        panel(surface, self.card_rect, th.panel, th.border, radius=16)
        for item in self.focus.items:
            focused = item.key == self.focus.focused_key
            if item.key == BACK:
                continue
            rect = self.rects[item.key]
            if item.key == "continue":
                button(surface, self.ctx, rect, item.label, focused, primary=True)
                continue
            paragraph(
                surface, self.ctx, self.labels[item.key], "small", th.text, self.label_pos[item.key]
            )
            panel(
                surface,
                rect,
                th.bubble,
                th.focus if focused else th.border,
                radius=8,
                width=4 if focused else 2,
            )
            value = self.values[item.key]
            caret = "|" if focused and int(self.ctx.time * 2) % 2 == 0 else ""
            shown = value + caret
            font = self.ctx.fonts.get("body")
            while font.size(shown)[0] > rect.width - 24 and len(shown) > 1:
                shown = shown[1:]  # keep the end of a long entry visible
            text(
                surface,
                self.ctx,
                shown,
                "body",
                th.bubble_text,
                (rect.left + 12, rect.centery),
                anchor="midleft",
            )
        words, tone = self.status()
        color = {"good": th.good, "bad": th.bad, "dim": th.text_dim}[tone]
        mark = {"good": "✓ ", "bad": "× ", "dim": ""}[tone]
        paragraph(surface, self.ctx, mark + words, "small", color, self.status_rect)
