"""The encounter: the customer in real time.

The scene drives the same engine as a headless run: ``Engine.tick`` while the trainee thinks
(timeouts fire as in a script), ``Engine.step`` when they decide. The decision time is measured
from the moment the choices appear. Nothing here scores or decides how the customer reacts.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...application.play import Played, finish
from ...application.records import run_record
from ...engine import Choose, Engine, Offer
from ...engine.reactions import mood_of
from ...engine.state import Action, Event, State
from ...i18n import said
from ...scenario.model import Beat, Remedy, Scenario
from ..art import draw_background, draw_portrait, look_for
from ..intents import Intent
from ..scene import Pop, Replace, Scene, Transition, go
from ..theme import unit
from ..widgets import (
    FocusList,
    Item,
    bar,
    line_height,
    panel,
    paragraph,
    paragraph_lines,
    text,
)

REACT_SECONDS = 2.4  # how long the customer's reaction stays before the next choices
TIMEOUT_BUBBLE_SECONDS = 2.5


@dataclass
class Said:
    """What is in the speech bubble now."""

    speaker: str  # "customer" | "you"
    text: str


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


class EncounterScene(Scene):
    name = "encounter"

    def __init__(self, ctx, scenario: Scenario, seed: int | None = None) -> None:  # type: ignore
        super().__init__(ctx)
        self.scenario = scenario
        self.engine = Engine(scenario, ctx.lang)
        self.seed = ctx.new_seed() if seed is None else seed
        self.state: State = self.engine.start(self.seed)
        self.decisions: list[tuple[Action, float]] = []
        self.elapsed = 0.0  # seconds since the choices appeared
        self.phase = "choosing"  # choosing | reacting
        self.react_left = 0.0
        self.you_said = ""
        self.reply = ""
        self.flash = ""  # a timeout line shown while still choosing
        self.flash_left = 0.0
        self.selected: list[str] = []  # remedies ticked at a menu
        self.focus = FocusList()
        self.first = 0
        self.started_at = ctx.now()
        self.look = look_for(scenario.persona.archetype, scenario.customer.name)
        self.played: Played | None = None
        if ctx.encounter_hook is not None:  # trainer play --from BEAT
            ctx.encounter_hook(self)

    # -- queries ---------------------------------------------------------------------------
    @property
    def beat(self) -> Beat | None:
        return self.engine.beat(self.state)

    def menu_remedies(self) -> list[Remedy]:
        return list(self.scenario.remedies)

    def patience_left(self) -> float:
        patience = self.engine.patience(self.state)
        return max(0.0, patience * (self.state.timeouts + 1) - self.elapsed)

    def spent(self) -> float:
        return sum(r.cost for r in self.menu_remedies() if r.id in self.selected and not r.owed)

    def screenshot_key(self) -> str:
        return f"encounter-{len(self.decisions):02d}-{self.state.beat}-{self.phase}"

    # -- layout ----------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = unit(size)
        m = int(20 * u)
        self.top_bar = pygame.Rect(m, m, w - 2 * m, int(line_height(self.ctx, "small") * 1.5))
        self.more_x = self.top_bar.centerx
        body_top = self.top_bar.bottom + int(12 * u)
        # Larger text takes room from the portrait, so the choices stay readable.
        share = {1.0: 0.34, 1.25: 0.31, 1.5: 0.27, 1.75: 0.23, 2.0: 0.2}.get(
            self.ctx.settings.text_scale, 0.3
        )
        portrait_w = int(w * share)
        self.portrait = pygame.Rect(
            m, body_top, portrait_w - m, h - body_top - m - line_height(self.ctx, "small") * 2
        )
        self.mood_label = pygame.Rect(
            m, self.portrait.bottom + int(6 * u), portrait_w - m, line_height(self.ctx, "small") * 2
        )
        self.right = pygame.Rect(portrait_w + m, body_top, w - portrait_w - 2 * m, h - body_top - m)
        self.layout_choices()

    def layout_bubble(self, most: int = 5) -> None:
        """The speech bubble fits what is said now (2 to ``most`` lines); the cards take the
        rest."""
        u = unit(self.size)
        right = self.right
        pad = int(16 * u)
        if self.phase == "reacting":
            lines = 2 + len(
                paragraph_lines(self.ctx, self.reply or "…", "body", right.width - 2 * pad, 3)
            )
        else:
            words = (
                self.flash if self.flash_left > 0 and self.flash else self.engine.say(self.state)
            )
            lines = len(paragraph_lines(self.ctx, words, "body", right.width - 2 * pad, 4))
        lines = max(2, min(most, lines))
        bubble_h = int(line_height(self.ctx, "body") * lines + 2 * pad)
        self.bubble = pygame.Rect(right.left, right.top, right.width, bubble_h)
        beat = self.beat
        cue_h = int(line_height(self.ctx, "small") * 1.3) if beat is not None and beat.cues else 0
        self.cues_rect = pygame.Rect(
            right.left, self.bubble.bottom + int(8 * u), right.width, cue_h
        )
        top = self.cues_rect.bottom + int(10 * u)
        self.choices_area = pygame.Rect(right.left, top, right.width, right.bottom - top)

    def layout_choices(self) -> None:
        self.layout_bubble()
        area = self.choices_area
        u = unit(self.size)
        gap = int(8 * u)
        pad = int(12 * u)
        beat = self.beat
        items: list[Item] = []
        if beat is None or self.phase != "choosing":
            self.focus.set([])
            return
        if beat.menu:
            labels = [(r.id, r.label.get(self.ctx.lang)) for r in self.menu_remedies()]
            max_lines = 2
            self.cost_w = int(area.width * 0.24)
        else:
            labels = [(c.id, c.text.get(self.ctx.lang)) for c in beat.choices]
            max_lines = 4
            self.cost_w = 0
        budget = self.scenario.authority.budget
        over = (
            {
                r.id
                for r in self.menu_remedies()
                if not r.escalate and not r.owed and r.cost > budget
            }
            if beat.menu
            else set()
        )
        heights = []
        for key, label in labels:
            lines = paragraph_lines(
                self.ctx, label, "body", area.width - 2 * pad - int(40 * u) - self.cost_w, max_lines
            )
            height = len(lines) * line_height(self.ctx, "body") + int(1.4 * pad)
            if key in over:  # room for the "over your authority" note under the cost
                height = max(
                    height,
                    line_height(self.ctx, "body") + line_height(self.ctx, "tiny") + int(1.4 * pad),
                )
            heights.append(height)
        offer_h = int(line_height(self.ctx, "body") * 1.9) if beat.menu else 0
        budget_h = int(line_height(self.ctx, "small") * 1.6) if beat.menu else 0
        available = area.height - offer_h - budget_h - (gap if beat.menu else 0)
        smallest = line_height(self.ctx, "body") + int(1.4 * pad)
        if available < 2 * smallest:
            # Tight (a small window at a large text size): a shorter bubble, then cards that
            # show what fits of their text.
            self.layout_bubble(most=2)
            area = self.choices_area
            available = area.height - offer_h - budget_h - (gap if beat.menu else 0)
        heights = [max(smallest, min(height, available)) for height in heights]
        # Scroll so the focused card is visible.
        index = min(self.focus.index, max(0, len(labels) - 1))
        self.first = min(self.first, index)
        while True:
            used = sum(heights[self.first : index + 1]) + gap * (index - self.first)
            if used <= available or self.first >= index:
                break
            self.first += 1
        y = area.top + budget_h
        for i, ((key, _), height) in enumerate(zip(labels, heights, strict=True)):
            if i < self.first or y + height > area.top + budget_h + available:
                items.append(Item(key, pygame.Rect(-10_000, -10_000, 0, 0)))
                continue
            items.append(Item(key, pygame.Rect(area.left, y, area.width, height)))
            y += height + gap
        self.visible_last = max((i for i, it in enumerate(items) if it.rect.width), default=-1)
        if beat.menu:
            bw = int(min(area.width, 420 * u))
            items.append(
                Item(
                    "offer",
                    pygame.Rect(area.right - bw, area.bottom - offer_h, bw, offer_h),
                    enabled=bool(self.selected),
                )
            )
            self.budget_rect = pygame.Rect(area.left, area.top, area.width, budget_h)
        self.focus.set(items)

    # -- input -----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> Transition:
        if intent.kind == "back":
            return Pop()
        if self.phase == "reacting":
            if intent.kind in ("confirm", "toggle", "click"):
                return self.end_reaction()
            return None
        beat = self.beat
        if beat is None:
            return None
        if intent.kind == "scroll":
            intent = Intent("up" if intent.value > 0 else "down")
        if beat.menu:
            return self.handle_menu(intent)
        chosen = self.focus.handle(intent)
        if intent.kind in ("up", "down", "next", "prev", "left", "right"):
            self.layout_choices()
        if chosen is not None:
            return self.decide(Choose(chosen))
        return None

    def handle_menu(self, intent: Intent) -> Transition:
        remedies = self.menu_remedies()
        if intent.kind == "select" and isinstance(intent.value, int):
            if 0 <= intent.value < len(remedies):
                self.toggle(remedies[intent.value].id)
            return None
        if intent.kind == "confirm":
            if self.focus.focused_key not in (None, "offer") and not self.selected:
                self.toggle(str(self.focus.focused_key))
                return None
            return self.offer()
        if intent.kind in ("toggle", "click"):
            key = self.focus.handle(
                Intent("click", pos=intent.pos) if intent.kind == "click" else Intent("confirm")
            )
            if key == "offer":
                return self.offer()
            if key is not None:
                self.toggle(key)
            return None
        self.focus.handle(intent, numbered=False)
        if intent.kind in ("up", "down", "next", "prev", "left", "right"):
            self.layout_choices()
        return None

    def toggle(self, remedy_id: str) -> None:
        if remedy_id in self.selected:
            self.selected.remove(remedy_id)
        else:
            self.selected.append(remedy_id)
        self.focus.focus(remedy_id)
        self.layout_choices()

    def offer(self) -> Transition:
        if not self.selected:
            return None
        order = [r.id for r in self.menu_remedies() if r.id in self.selected]
        return self.decide(Offer(tuple(order)))

    def decide(self, action: Action) -> Transition:
        """Take a decision now, after ``self.elapsed`` seconds: one engine step."""
        beat = self.beat
        assert beat is not None
        after = round(self.elapsed, 2)
        self.state, events = self.engine.step(self.state, action, after)
        self.decisions.append((action, after))
        turn = self.state.turns[-1]
        scenario_beat = self.scenario.beats[turn.beat]
        if isinstance(action, Choose):
            choice = scenario_beat.choice(action.choice)
            self.you_said = choice.text.get(self.ctx.lang) if choice else action.choice
        else:
            self.you_said = " + ".join(
                r.label.get(self.ctx.lang) for r in self.menu_remedies() if r.id in action.remedies
            )
        self.reply = turn.reply
        self.selected = []
        self.phase = "reacting"
        self.react_left = REACT_SECONDS
        self.flash = ""
        self.layout_choices()
        return None

    def end_reaction(self) -> Transition:
        if self.state.over:
            return self.finish()
        self.phase = "choosing"
        self.elapsed = 0.0
        self.focus.index = 0
        self.first = 0
        self.layout_choices()
        return None

    # -- time ------------------------------------------------------------------------------
    def update(self, dt: float) -> Transition:
        dt *= self.ctx.time_scale
        if self.flash_left > 0:
            self.flash_left = max(0.0, self.flash_left - dt)
            if self.flash_left == 0:
                self.layout_choices()
        if self.phase == "reacting":
            self.react_left -= dt
            if self.react_left <= 0:
                return self.end_reaction()
            return None
        self.elapsed += dt
        before = self.state.beat
        self.state, events = self.engine.tick(self.state, self.elapsed)
        self.show(events)
        if self.state.over:
            return self.finish()
        if self.state.beat != before:
            self.selected = []
            self.focus.index = 0
            self.first = 0
            self.layout_choices()
        return None

    def show(self, events: list[Event]) -> None:
        for event in events:
            if event.kind == "timeout" and event.text:
                self.flash = event.text
                self.flash_left = TIMEOUT_BUBBLE_SECONDS
                self.layout_choices()

    def finish(self) -> Transition:
        run = self.engine.play(self.decisions, seed=self.seed)
        played = finish(run, self.ctx.lang)
        self.played = played
        record = run_record(
            played,
            run_id=self.ctx.new_id(),
            trainee=self.ctx.trainee or "guest",
            cohort=self.ctx.cohort,
            started_at=self.started_at,
            finished_at=self.ctx.now(),
        )
        error = ""
        try:
            self.ctx.results.save(record, self.scenario)
        except Exception as exc:  # noqa: BLE001 - a failed save must not lose the debrief
            error = str(exc) or type(exc).__name__
        return Replace(go("debrief", scenario=self.scenario, played=played, saved_error=error))

    # -- drawing ---------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        settings = ctx.settings
        surface.fill(th.bg)
        draw_background(
            surface,
            surface.get_rect(),
            self.scenario.industry,
            high_contrast=settings.high_contrast,
            t=ctx.time,
            reduced_motion=settings.reduced_motion,
        )
        mood = mood_of(self.state.anger)
        beat = self.beat
        cues = beat.cues if beat is not None and self.phase == "choosing" else ()
        draw_portrait(
            surface,
            self.portrait,
            self.look,
            mood,
            t=ctx.time,
            reduced_motion=settings.reduced_motion,
            cues=cues,
            high_contrast=settings.high_contrast,
        )
        self.draw_mood(surface, mood)
        self.draw_top_bar(surface)
        self.draw_bubble(surface)
        if cues and self.cues_rect.height:
            label = ctx.t("ui.encounter.cues", cues=", ".join(c.replace("-", " ") for c in cues))
            font = ctx.fonts.get("small")
            width = min(self.cues_rect.width, font.size(label)[0] + 28)
            chip = pygame.Rect(
                self.cues_rect.left, self.cues_rect.top, width, self.cues_rect.height
            )
            panel(surface, chip, th.panel_alt, th.border, radius=chip.height // 2)
            text(
                surface,
                ctx,
                label,
                "small",
                th.text,
                (chip.left + 14, chip.centery),
                anchor="midleft",
                max_width=chip.width - 28,
            )
        if self.phase == "choosing" and beat is not None:
            if beat.menu:
                self.draw_menu(surface)
            else:
                self.draw_choices(surface, beat)
        elif self.phase == "reacting":
            hint = ctx.t("ui.encounter.continue_hint")
            font = ctx.fonts.get("small")
            chip = pygame.Rect(
                0,
                0,
                min(self.choices_area.width, font.size(hint)[0] + 32),
                int(line_height(ctx, "small") * 1.3),
            )
            chip.midbottom = (self.choices_area.centerx, self.choices_area.bottom)
            panel(surface, chip, th.panel, th.border, radius=chip.height // 2)
            text(
                surface,
                ctx,
                hint,
                "small",
                th.text,
                chip.center,
                anchor="center",
                max_width=chip.width - 24,
            )

    def draw_mood(self, surface: pygame.Surface, mood: str) -> None:
        ctx, th = self.ctx, self.ctx.theme
        mood_word = ctx.t("ui.mood." + mood)
        label = f"{self.scenario.customer.name} · {mood_word}"
        rect = self.mood_label
        if ctx.fonts.get("small").size(label)[0] > rect.width - 16:
            label = mood_word  # the mood must always show: it is never told by colour alone
        panel(surface, rect, th.panel, th.border, radius=rect.height // 2)
        text(
            surface,
            ctx,
            label,
            "small",
            th.text,
            rect.center,
            anchor="center",
            max_width=rect.width - 16,
        )

    def draw_top_bar(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        rect = self.top_bar
        panel(surface, rect, th.panel, th.border, radius=rect.height // 2)
        pad = rect.height // 2
        third = rect.width // 3
        # Patience: a bar and a number (never colour alone).
        left = (
            self.patience_left() if self.phase == "choosing" else self.engine.patience(self.state)
        )
        patience = self.engine.patience(self.state)
        seconds = ctx.t("ui.encounter.seconds", value=int(left + 0.999))
        label = f"{ctx.t('ui.encounter.patience')}  {seconds}"
        label_rect = text(
            surface,
            ctx,
            label,
            "small",
            th.text,
            (rect.left + pad, rect.centery),
            anchor="midleft",
            max_width=third,
        )
        bar_rect = pygame.Rect(
            label_rect.right + pad // 2,
            rect.centery - rect.height // 6,
            max(20, rect.left + int(third * 1.4) - label_rect.right - pad),
            max(6, rect.height // 3),
        )
        self.more_x = rect.left + int(third * 1.85)
        fraction = left / patience if patience else 0
        color = th.good if fraction > 0.5 else th.warn if fraction > 0.2 else th.bad
        bar(surface, bar_rect, fraction, color, th.panel_alt if th.name == "default" else th.bar_bg)
        clock = ctx.t("ui.encounter.clock", minutes=int(self.state.minute + self.elapsed / 60))
        text(
            surface,
            ctx,
            clock,
            "small",
            th.text,
            (rect.right - pad, rect.centery),
            anchor="midright",
            max_width=rect.right - self.more_x - int(third * 0.25) - pad,
        )

    def draw_bubble(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        rect = self.bubble
        u = unit(self.size)
        pad = int(16 * u)
        panel(surface, rect, th.bubble, th.border, radius=int(18 * u))
        tail = [
            (rect.left, rect.top + int(40 * u)),
            (rect.left - int(18 * u), rect.top + int(56 * u)),
            (rect.left, rect.top + int(70 * u)),
        ]
        pygame.draw.polygon(surface, th.bubble, tail)
        pygame.draw.lines(surface, th.border, False, tail, 2)
        inner = rect.inflate(-2 * pad, -2 * pad)
        if self.phase == "reacting":
            you = said(ctx.t("ui.encounter.you"), self.you_said, ctx.lang)
            used = paragraph(surface, ctx, you, "small", th.text_dim, inner, max_lines=2)
            below = pygame.Rect(
                inner.left,
                inner.top + used + int(4 * u),
                inner.width,
                inner.height - used - int(4 * u),
            )
            paragraph(
                surface,
                ctx,
                self.reply or ctx.t("ui.encounter.waiting"),
                "body",
                th.bubble_text,
                below,
            )
            return
        words = self.flash if self.flash_left > 0 and self.flash else self.engine.say(self.state)
        paragraph(surface, ctx, words, "body", th.bubble_text, inner)

    def draw_choices(self, surface: pygame.Surface, beat: Beat) -> None:
        ctx, th = self.ctx, self.ctx.theme
        u = unit(self.size)
        pad = int(12 * u)
        texts = {c.id: c.text.get(ctx.lang) for c in beat.choices}
        for i, item in enumerate(self.focus.items):
            if not item.rect.width:
                continue
            focused = i == self.focus.index
            self.card(surface, item.rect, focused, False)
            inner_pad = int(0.7 * pad)
            badge = pygame.Rect(
                item.rect.left + pad, item.rect.top + inner_pad, int(28 * u), int(28 * u)
            )
            pygame.draw.rect(surface, th.accent, badge, border_radius=badge.height // 3)
            text(
                surface,
                ctx,
                str(i + 1) if i < 9 else "·",
                "small",
                th.accent_text,
                badge.center,
                anchor="center",
            )
            body = pygame.Rect(
                badge.right + pad,
                item.rect.top + inner_pad,
                item.rect.right - badge.right - 2 * pad,
                item.rect.height - 2 * inner_pad,
            )
            paragraph(surface, ctx, texts[item.key], "body", th.text, body)
        self.draw_more(surface, len(beat.choices))

    def draw_more(self, surface: pygame.Surface, count: int) -> None:
        """When not every card fits: which ones show, in the top bar (never over the cards)."""
        ctx, th = self.ctx, self.ctx.theme
        if self.first > 0 or self.visible_last < count - 1:
            note = f"{self.first + 1}–{self.visible_last + 1} / {count}  ↑↓"
            text(
                surface,
                ctx,
                note,
                "small",
                th.text,
                (self.more_x, self.top_bar.centery),
                anchor="center",
            )

    def card(self, surface: pygame.Surface, rect: pygame.Rect, focused: bool, ticked: bool) -> None:
        th = self.ctx.theme
        panel(
            surface,
            rect,
            th.panel if not ticked else th.panel_alt,
            th.accent if ticked else th.border,
            radius=10,
            width=3 if ticked else 2,
        )
        if focused:
            pygame.draw.rect(surface, th.focus, rect.inflate(6, 6), width=4, border_radius=12)

    def draw_menu(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        u = unit(self.size)
        pad = int(12 * u)
        budget = self.scenario.authority.budget
        currency = self.scenario.authority.currency
        spent = self.spent()
        over = spent > budget
        rect = self.budget_rect
        label = ctx.t(
            "ui.encounter.budget", spent=_money(spent), budget=_money(budget), currency=currency
        )
        if over:
            label += f"  ·  {ctx.t('ui.encounter.over_budget')}"
        chip = pygame.Rect(rect.left, rect.top, rect.width, int(line_height(ctx, "small") * 1.2))
        panel(surface, chip, th.panel, th.border, radius=chip.height // 2)
        label_rect = text(
            surface,
            ctx,
            label,
            "small",
            th.bad if over else th.text,
            (chip.left + 14, chip.centery),
            anchor="midleft",
            max_width=int(chip.width * 0.6),
        )
        bar_rect = pygame.Rect(
            label_rect.right + 16,
            chip.centery - max(3, int(4 * u)),
            chip.right - label_rect.right - 32,
            max(6, int(8 * u)),
        )
        bar(
            surface,
            bar_rect,
            spent / budget if budget else (1.0 if spent else 0.0),
            th.bad if over else th.good,
            th.bar_bg,
        )
        remedies = {r.id: r for r in self.menu_remedies()}
        for i, item in enumerate(self.focus.items):
            if item.key == "offer":
                from ..widgets import button

                label = ctx.t("ui.encounter.offer", count=len(self.selected))
                button(
                    surface,
                    ctx,
                    item.rect,
                    label,
                    i == self.focus.index,
                    primary=True,
                    enabled=item.enabled,
                )
                continue
            if not item.rect.width:
                continue
            remedy = remedies[item.key]
            ticked = remedy.id in self.selected
            self.card(surface, item.rect, i == self.focus.index, ticked)
            box = pygame.Rect(
                item.rect.left + pad, item.rect.top + pad, int(26 * u), int(26 * u)
            )  # top is set below
            pygame.draw.rect(surface, th.accent if ticked else th.panel_alt, box, border_radius=6)
            pygame.draw.rect(surface, th.border, box, width=2, border_radius=6)
            text(
                surface,
                ctx,
                "✓" if ticked else str(i + 1),
                "small",
                th.accent_text if ticked else th.text,
                box.center,
                anchor="center",
            )
            inner_pad = int(0.7 * pad)
            box.top = item.rect.top + inner_pad
            body = pygame.Rect(
                box.right + pad,
                item.rect.top + inner_pad,
                item.rect.right - box.right - 2 * pad - self.cost_w,
                item.rect.height - 2 * inner_pad,
            )
            paragraph(surface, ctx, remedy.label.get(ctx.lang), "body", th.text, body, max_lines=2)
            over = not remedy.escalate and not remedy.owed and remedy.cost > budget
            if remedy.escalate:
                detail = ctx.t("ui.encounter.escalate")
            else:
                detail = ctx.t("ui.encounter.cost", cost=_money(remedy.cost), currency=currency)
            cost_x = item.rect.right - pad
            text(
                surface,
                ctx,
                detail,
                "body",
                th.bad if over else th.text_dim,
                (cost_x, item.rect.top + inner_pad),
                anchor="topright",
                max_width=self.cost_w - pad,
            )
            if over:
                text(
                    surface,
                    ctx,
                    ctx.t("ui.encounter.over_budget"),
                    "tiny",
                    th.bad,
                    (cost_x, item.rect.bottom - inner_pad),
                    anchor="bottomright",
                    max_width=self.cost_w - pad,
                )
        self.draw_more(surface, len(remedies))
