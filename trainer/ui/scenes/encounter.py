"""The encounter: the customer in real time.

The scene drives the same engine as a headless run: ``Engine.tick`` while the trainee thinks
(timeouts fire as in a script), ``Engine.step`` when they decide. The decision time is measured
from the moment the choices appear, and only while the game is not paused: a pause is a dialog
on top of this scene, and a scene under a dialog is not updated, so its clock stops. Nothing here
scores or decides how the customer reacts.

What the trainee can rely on: the customer's reply stays until they dismiss it (or, if they
asked for it, for a time that grows with its length); input is ignored for a moment after new
choices appear, so a second click cannot pick a choice nobody has read; leaving a run asks
first; narration (in parentheses) is shown apart from speech, and only speech has a bubble
whose tail points at the customer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

import pygame

from ...application.play import Played, finish
from ...application.records import run_record
from ...engine import Choose, Engine, Offer
from ...engine.state import Action, Event, State
from ...i18n import said
from ...scenario.model import Beat, Choice, Remedy, Scenario
from ..art import draw_background, draw_portrait, look_for
from ..fonts import is_cjk
from ..intents import Intent
from ..scene import Pop, Push, Replace, Scene, Transition, go
from ..theme import unit
from ..widgets import (
    HIDDEN,
    FocusList,
    Item,
    Scroller,
    bar,
    button,
    button_height,
    button_width,
    focus_ring,
    line_height,
    panel,
    paragraph,
    paragraph_height,
    text,
    text_width,
)

INPUT_GUARD = 0.4  # seconds after new choices appear during which picking is ignored
REACTION_GUARD = 0.3  # seconds after a reply appears during which dismissing it is ignored
READ_CHARS_PER_SECOND = 12.0  # auto-continue: a second-language reader's pace (Latin letters)
CJK_WEIGHT = 2.5  # a Han character takes about as long to read as 2.5 Latin letters
_NARRATION = re.compile(r"[(（]([^()（）]*)[)）]")


def split_narration(words: str) -> tuple[str, str]:
    """(narration, speech) of a line: parts in parentheses are narration (what happens, what
    the trainee sees); the rest is what the customer says."""
    narration = " ".join(part.strip() for part in _NARRATION.findall(words) if part.strip())
    speech = " ".join(_NARRATION.sub(" ", words).split())
    return narration, speech


def reading_seconds(words: str) -> float:
    """How long a reply stays when reactions move on by themselves: longer for longer text."""
    weight = sum(CJK_WEIGHT if is_cjk(ch) else 1.0 for ch in words if not ch.isspace())
    return 3.0 + weight / READ_CHARS_PER_SECOND


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


@dataclass
class Piece:
    """Something in the right-hand column: narration, the bubble, cues, a card, the budget."""

    key: str | None
    height: int
    draw: Callable[[pygame.Surface, pygame.Rect, bool], None]
    label: str = ""
    enabled: bool = True
    rect: pygame.Rect | None = None  # where it is on screen now (None: scrolled away)


class EncounterScene(Scene):
    name = "encounter"
    guards_quit = True

    def __init__(self, ctx, scenario: Scenario, seed: int | None = None) -> None:  # type: ignore
        super().__init__(ctx)
        self.scenario = scenario
        self.time_factor = ctx.time_factor
        self.engine = Engine(scenario, ctx.lang, time_factor=self.time_factor)
        self.seed = ctx.new_seed() if seed is None else seed
        self.state: State = self.engine.start(self.seed)
        self.decisions: list[tuple[Action, float]] = []
        self.elapsed = 0.0  # seconds since the choices appeared (paused time not counted)
        self.phase = "choosing"  # choosing | reacting
        self.react_left: float | None = None  # auto-continue countdown (None: wait for them)
        self.guard = INPUT_GUARD
        self.you_said = ""
        self.reply = ""
        self.flash = ""  # what the customer said about the wait, while still choosing
        self.selected: list[str] = []  # remedies ticked at a menu
        self.focus = FocusList()
        self.scroller = Scroller()
        self.pieces: list[Piece] = []
        self.fixed: list[Piece] = []
        self.started_at = ctx.now()
        self.look = look_for(scenario.persona.archetype, scenario.customer.name)
        self.played: Played | None = None
        self.pending: list[str] = [self.engine.say(self.state)]
        self.pause_rect = pygame.Rect(0, 0, 0, 0)
        self.focus.clear()  # the first beat too opens with nothing chosen
        self.mood = self.engine.mood(self.state)  # the mood of the last thing said
        if ctx.encounter_hook is not None:  # trainer play --from BEAT
            ctx.encounter_hook(self)

    # -- the order choices are shown in ---------------------------------------------------------
    def shown_choices(self) -> list[Choice]:
        """The current beat's choices in the order this run shows (and numbers) them: drawn
        from the run's seed by the engine, the same order the transcript records."""
        beat = self.beat
        if beat is None or beat.menu:
            return []
        order = self.engine.shown(self.state)
        by_id = {c.id: c for c in beat.choices}
        return [by_id[i] for i in order if i in by_id]

    def shown_remedies(self) -> list[Remedy]:
        """The remedy menu in the order this run shows it (see :meth:`shown_choices`)."""
        beat = self.beat
        if beat is None or not beat.menu:
            return list(self.scenario.remedies)
        order = self.engine.shown(self.state)
        return [r for i in order if (r := self.scenario.remedy(i)) is not None]

    def menu_remedies(self) -> list[Remedy]:
        return self.shown_remedies()

    # -- queries -------------------------------------------------------------------------------
    @property
    def beat(self) -> Beat | None:
        return self.engine.beat(self.state)

    def patience_left(self) -> float:
        patience = self.engine.patience(self.state)
        return max(0.0, patience * (self.state.timeouts + 1) - self.elapsed)

    def spent(self) -> float:
        """What the offers so far and the ticked remedies cost against the trainee's authority
        (the engine's count: right through a timeout, each remedy once)."""
        return self.engine.remedy_total(self.state, self.selected)

    def accepts_input(self) -> bool:
        """False for a moment after new choices (or a reply) appear: a click meant for what
        was there before must not pick something nobody has read."""
        return self.guard <= 0

    def screenshot_key(self) -> str:
        return f"encounter-{len(self.decisions):02d}-{self.state.beat}-{self.phase}"

    def wake_in(self) -> float | None:
        return 0.0  # a live scene: the customer breathes, the patience bar runs

    def announcements(self) -> list[str]:
        out, self.pending = self.pending, []
        return [line for line in out if line]

    def speech_lang(self) -> str | None:
        lang = self.ctx.lang
        return lang if lang in self.scenario.locales else self.scenario.fallback

    def spoken(self) -> str:
        item = self.focus.focused
        if item is None:
            return ""
        return item.label

    # -- layout --------------------------------------------------------------------------------
    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        ctx = self.ctx
        u = unit(size)
        m = int(16 * u)
        small = line_height(ctx, "small")
        pause_label = f"‖ {ctx.t('ui.encounter.pause')}"
        pw = button_width(ctx, pause_label, "small")
        bar_h = int(small * 1.6)
        self.top_bar = pygame.Rect(m, m, w - 2 * m, bar_h)
        self.pause_rect = pygame.Rect(self.top_bar.left, self.top_bar.top, pw, bar_h)
        body_top = self.top_bar.bottom + int(10 * u)
        scale = ctx.settings.text_scale
        share = {1.0: 0.32, 1.25: 0.29, 1.5: 0.25, 1.75: 0.21, 2.0: 0.18}.get(scale, 0.28)
        left_w = int(w * share)
        mood_h = int(paragraph_height(ctx, self.mood_text("furious"), "small", left_w - m - 24))
        mood_h = max(mood_h, small) + int(small * 0.8)
        self.portrait = pygame.Rect(m, body_top, left_w - m, h - body_top - m - mood_h - 6)
        self.mood_label = pygame.Rect(m, self.portrait.bottom + 6, left_w - m, mood_h)
        self.right = pygame.Rect(left_w + m, body_top, w - left_w - 2 * m, h - body_top - m)
        self.layout_column()
        self.dirty = True

    def layout_column(self) -> None:
        """The right-hand column: what is said (narration, the bubble, cues), then the cards
        (or the reply and Continue). What does not fit scrolls, with a scroll bar."""
        ctx = self.ctx
        u = unit(self.size)
        right = self.right
        gap = int(8 * u)
        bar_w = max(14, int(ctx.fonts.px("small") * 1.1)) + 8
        width = right.width - bar_w
        head: list[Piece] = []
        cards: list[Piece] = []
        footer: list[Piece] = []
        beat = self.beat
        if self.phase == "reacting":
            head += self.said_pieces(self.reply or ctx.t("ui.encounter.waiting"), width, you=True)
            label = ctx.t("ui.encounter.continue")
            footer.append(
                Piece(
                    "continue",
                    button_height(ctx, label, min(width, int(420 * u))),
                    self.draw_continue,
                    label,
                )
            )
        elif beat is not None:
            head += self.said_pieces(self.engine.say(self.state), width)
            if beat.cues:
                cues = ctx.t(
                    "ui.encounter.cues", cues=", ".join(c.replace("-", " ") for c in beat.cues)
                )
                head.append(
                    Piece(
                        None,
                        paragraph_height(ctx, cues, "small", width - 28) + int(small_pad(ctx)),
                        self.draw_cues(cues),
                    )
                )
            if beat.menu:
                cards.append(Piece(None, int(line_height(ctx, "small") * 1.4), self.draw_budget))
                for i, remedy in enumerate(self.shown_remedies()):
                    words = remedy.label.get(ctx.lang)
                    cards.append(
                        Piece(
                            remedy.id,
                            self.remedy_height(remedy, width),
                            self.draw_remedy(i, remedy),
                            f"{i + 1}. {words}. {self.cost_words(remedy)}",
                        )
                    )
                label = ctx.t("ui.encounter.offer", count=len(self.selected))
                footer.append(
                    Piece(
                        "offer",
                        button_height(ctx, label, min(width, int(420 * u))),
                        self.draw_offer,
                        label,
                        enabled=bool(self.selected),
                    )
                )
            else:
                for i, choice in enumerate(self.shown_choices()):
                    words = choice.text.get(ctx.lang)
                    cards.append(
                        Piece(
                            choice.id,
                            self.choice_height(words, width),
                            self.draw_choice(i, words),
                            f"{i + 1}. {words}",
                        )
                    )
        footer_h = sum(p.height for p in footer) + (gap if footer else 0)
        head_h = sum(p.height + gap for p in head)
        space = right.height - footer_h
        smallest = min((p.height for p in cards if p.key), default=0)
        # The words stay put when they leave room for the cards; else everything scrolls.
        fixed = head_h + (smallest + gap if cards else 0) <= space
        self.fixed = head if fixed else []
        scrolled = cards if fixed else head + cards
        y = right.top
        for piece in self.fixed:
            piece.rect = pygame.Rect(right.left, y, width, piece.height)
            y += piece.height + gap
        view = pygame.Rect(right.left, y, width, max(10, right.bottom - footer_h - y))
        content = sum(p.height + gap for p in scrolled)
        self.scroller.set(view, content)
        self.scrolled = scrolled
        self.footer = footer
        fy = right.bottom - footer_h + gap
        for piece in footer:
            bw = min(width, int(420 * u))
            piece.rect = pygame.Rect(right.left + width - bw, fy, bw, piece.height)
            fy += piece.height
        self.place()

    def place(self) -> None:
        view, offset = self.scroller.view, self.scroller.offset
        gap = int(8 * unit(self.size))
        y = view.top - offset
        for piece in self.scrolled:
            rect = pygame.Rect(view.left, y, view.width, piece.height)
            piece.rect = rect if rect.colliderect(view) else None
            y += piece.height + gap
        items = []
        for piece in [*self.fixed, *self.scrolled, *self.footer]:
            if piece.key is None:
                continue
            rect = piece.rect.clip(view) if piece in self.scrolled and piece.rect else piece.rect
            items.append(
                Item(
                    piece.key, rect if rect and rect.height else HIDDEN, piece.enabled, piece.label
                )
            )
        start = items[0].key if items else None
        self.focus.set(items, start=start)

    def content_top(self, key: str) -> tuple[int, int] | None:
        gap = int(8 * unit(self.size))
        y = 0
        for piece in self.scrolled:
            if piece.key == key:
                return y, y + piece.height
            y += piece.height + gap
        return None

    def show_focused(self) -> None:
        key = self.focus.focused_key
        span = self.content_top(key) if key else None
        if span is not None:
            self.scroller.show(*span)
        self.place()

    def mood_text(self, mood: str) -> str:
        return f"{self.scenario.customer.name} · {self.ctx.t('ui.mood.' + mood)}"

    def said_pieces(self, words: str, width: int, you: bool = False) -> list[Piece]:
        """Narration (no tail), then speech (a bubble whose tail points at the customer)."""
        ctx = self.ctx
        pad = int(14 * unit(self.size))
        narration, speech = split_narration(words)
        pieces = []
        if you and self.you_said:
            mine = said(ctx.t("ui.encounter.you"), self.you_said, ctx.lang)
            pieces.append(
                Piece(
                    None,
                    paragraph_height(ctx, mine, "small", width - 2 * pad) + 2 * pad,
                    self.draw_you(mine),
                )
            )
        if narration:
            pieces.append(
                Piece(
                    None,
                    paragraph_height(ctx, narration, "body", width - 2 * pad) + 2 * pad,
                    self.draw_narration(narration),
                )
            )
        flash = self.flash if self.phase == "choosing" else ""
        if speech or flash:
            body = paragraph_height(ctx, speech, "body", width - 2 * pad) if speech else 0
            extra = (
                paragraph_height(ctx, flash, "body", width - 2 * pad) + int(pad * 0.6)
                if flash
                else 0
            )
            pieces.append(Piece(None, body + extra + 2 * pad, self.draw_bubble(speech, flash)))
        return pieces

    def badge_size(self) -> int:
        return int(line_height(self.ctx, "small") * 1.15)

    def choice_height(self, words: str, width: int) -> int:
        pad = int(12 * unit(self.size))
        inner = width - 3 * pad - self.badge_size()
        return max(paragraph_height(self.ctx, words, "body", inner), self.badge_size()) + int(
            1.4 * pad
        )

    def cost_words(self, remedy: Remedy) -> str:
        currency = self.scenario.authority.currency
        if remedy.escalate:
            return self.ctx.t("ui.encounter.escalate")
        return self.ctx.t("ui.encounter.cost", cost=_money(remedy.cost), currency=currency)

    def over_budget(self, remedy: Remedy) -> bool:
        return (
            not remedy.escalate and not remedy.owed and remedy.cost > self.scenario.authority.budget
        )

    def cost_width(self) -> int:
        return (
            max(text_width(self.ctx, self.cost_words(r), "body") for r in self.shown_remedies()) + 8
        )

    def cost_beside(self, width: int) -> bool:
        """Costs in a column of their own (wide cards), or on a line under each label."""
        return width - self.cost_width() >= self.ctx.fonts.px("body") * 22

    def remedy_height(self, remedy: Remedy, width: int) -> int:
        pad = int(12 * unit(self.size))
        beside = self.cost_beside(width)
        inner = width - 3 * pad - self.badge_size() - (self.cost_width() + pad if beside else 0)
        h = paragraph_height(self.ctx, remedy.label.get(self.ctx.lang), "body", inner)
        under = " · ".join(
            ([] if beside else [self.cost_words(remedy)])
            + ([self.ctx.t("ui.encounter.over_budget")] if self.over_budget(remedy) else [])
        )
        if under:
            h += paragraph_height(self.ctx, under, "small", inner, bold=self.over_budget(remedy))
        return max(h, self.badge_size()) + int(1.4 * pad)

    # -- input ---------------------------------------------------------------------------------
    def resume(self, result: object = None) -> Transition:
        """Back from the pause dialog: go on, or leave the run (it is not saved)."""
        if result == "leave":
            return Pop()
        self.guard = max(self.guard, INPUT_GUARD)  # the dialog's click must not pick a card
        self.layout(self.size)
        return None

    def handle(self, intent: Intent) -> Transition:
        self.dirty = True
        if intent.kind in ("back", "pause", "blur"):
            return Push(go("dialog", purpose="pause"))
        if intent.kind == "click" and intent.pos and self.pause_rect.collidepoint(intent.pos):
            return Push(go("dialog", purpose="pause"))
        if intent.kind == "click" and intent.pos and self.scroller.click(intent.pos, self.ctx):
            self.place()
            return None
        if intent.kind == "scroll":
            self.scroller.scroll(-intent.value * int(line_height(self.ctx, "body") * 2))
            self.place()
            return None
        if intent.kind in ("page_up", "page_down"):
            page = self.scroller.view.height - line_height(self.ctx, "body")
            self.scroller.scroll(page if intent.kind == "page_down" else -page)
            self.place()
            return None
        picking = intent.kind in ("select", "click", "confirm", "toggle")
        if picking and not self.accepts_input():
            return None  # too soon after the screen changed: not a decision about it
        if self.phase == "reacting":
            if intent.kind in ("confirm", "toggle"):
                return self.end_reaction()
            if intent.kind == "click":
                return self.end_reaction()  # a click anywhere continues (Continue is a button too)
            self.focus.handle(intent)
            return None
        beat = self.beat
        if beat is None:
            return None
        if beat.menu:
            return self.handle_menu(intent)
        if intent.kind == "select" and isinstance(intent.value, int):
            choices = self.shown_choices()
            if 0 <= intent.value < len(choices):
                return self.decide(Choose(choices[intent.value].id))
            return None
        if intent.kind in ("up", "down") and self.focused_hidden():
            self.show_focused()  # first show the card that has the focus, then move
            return None
        chosen = self.focus.handle(intent, numbered=False)
        if intent.kind in ("up", "down", "next", "prev", "left", "right"):
            self.show_focused()
        if chosen is not None:
            return self.decide(Choose(chosen))
        return None

    def focused_hidden(self) -> bool:
        item = self.focus.focused
        return item is not None and item.rect.height == 0

    def handle_menu(self, intent: Intent) -> Transition:
        remedies = self.shown_remedies()
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
        if intent.kind in ("up", "down") and self.focused_hidden():
            self.show_focused()
            return None
        self.focus.handle(intent, numbered=False)
        if intent.kind in ("up", "down", "next", "prev", "left", "right"):
            self.show_focused()
        return None

    def toggle(self, remedy_id: str) -> None:
        if remedy_id in self.selected:
            self.selected.remove(remedy_id)
        else:
            self.selected.append(remedy_id)
        self.layout_column()
        self.focus.focus(remedy_id)
        self.show_focused()

    def offer(self) -> Transition:
        if not self.selected:
            return None
        order = [r.id for r in self.shown_remedies() if r.id in self.selected]
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
                r.label.get(self.ctx.lang) for r in self.shown_remedies() if r.id in action.remedies
            )
        self.reply = turn.reply
        self.mood = turn.mood  # the portrait and label follow the line said
        self.pending = [turn.reply]
        self.selected = []
        self.phase = "reacting"
        self.guard = REACTION_GUARD
        settings = self.ctx.settings
        auto = settings.auto_continue and not settings.reduced_motion
        self.react_left = reading_seconds(turn.reply) if auto else None
        self.flash = ""
        self.scroller.offset = 0
        self.layout_column()
        return None

    def end_reaction(self) -> Transition:
        if self.state.over:
            return self.finish()
        self.phase = "choosing"
        self.elapsed = 0.0
        self.guard = INPUT_GUARD
        self.pending = [self.engine.say(self.state)]
        self.scroller.offset = 0
        self.focus.clear()  # a new beat opens with nothing chosen for the trainee (principle 17)
        self.layout_column()
        return None

    # -- time ----------------------------------------------------------------------------------
    def update(self, dt: float) -> Transition:
        self.guard = max(0.0, self.guard - dt)  # real time: the guard is about people
        dt *= self.ctx.time_scale
        if self.phase == "reacting":
            if self.react_left is not None:
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
            self.focus.clear()
            self.scroller.offset = 0
            self.guard = INPUT_GUARD
            self.layout_column()
        return None

    def show(self, events: list[Event]) -> None:
        for event in events:
            if event.mood:
                self.mood = event.mood
            if event.kind == "timeout" and event.text:
                self.flash = event.text
                self.pending.append(event.text)
                self.layout_column()
            elif event.kind == "moved":
                self.pending.append(event.text)

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
            time_factor=self.time_factor,
        )
        results = self.ctx.results

        def save() -> bool:
            results.save(record, self.scenario)
            return results.durable()

        saving: Future[bool] = self.ctx.jobs.submit(save)
        self.ctx.track_save(saving, record)
        return Replace(
            go("debrief", scenario=self.scenario, played=played, saving=saving, record=record)
        )

    # -- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        settings = ctx.settings
        draw_background(
            surface,
            surface.get_rect(),
            self.scenario.industry,
            high_contrast=settings.high_contrast,
            t=ctx.time,
            reduced_motion=settings.reduced_motion,
        )
        mood = self.mood
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
        for piece in self.fixed:
            if piece.rect is not None:
                piece.draw(surface, piece.rect, False)
        view = self.scroller.view
        clip = surface.get_clip()
        surface.set_clip(view.inflate(14, 6))
        focused = self.focus.focused_key
        for piece in self.scrolled:
            if piece.rect is not None:
                piece.draw(surface, piece.rect, piece.key is not None and piece.key == focused)
        surface.set_clip(clip)
        self.scroller.draw(surface, ctx)
        for piece in self.footer:
            if piece.rect is not None:
                piece.draw(surface, piece.rect, piece.key == focused)

    def draw_mood(self, surface: pygame.Surface, mood: str) -> None:
        ctx, th = self.ctx, self.ctx.theme
        rect = self.mood_label
        panel(surface, rect, th.panel, th.border, radius=min(rect.height // 2, 18))
        inner = rect.inflate(-24, -int(line_height(ctx, "small") * 0.6))
        height = paragraph_height(ctx, self.mood_text(mood), "small", inner.width)
        inner = pygame.Rect(inner.left, rect.centery - height // 2, inner.width, height)
        paragraph(surface, ctx, self.mood_text(mood), "small", th.text, inner, align="center")

    def draw_top_bar(self, surface: pygame.Surface) -> None:
        ctx, th = self.ctx, self.ctx.theme
        rect = self.top_bar
        panel(surface, rect, th.panel, th.border, radius=rect.height // 2)
        button(
            surface, ctx, self.pause_rect, f"‖ {ctx.t('ui.encounter.pause')}", False, role="small"
        )
        pad = rect.height // 2
        x = self.pause_rect.right + pad
        elapsed = self.elapsed if self.phase == "choosing" else 0.0
        clock = ctx.t("ui.encounter.clock", minutes=int(self.engine.clock(self.state, elapsed)))
        clock_w = text_width(ctx, clock, "small")
        avail = rect.right - pad - x
        show_clock = clock_w + pad < avail * 0.45
        if show_clock:
            text(
                surface,
                ctx,
                clock,
                "small",
                th.text,
                (rect.right - pad, rect.centery),
                anchor="midright",
            )
            avail -= clock_w + pad
        patience = self.engine.patience(self.state)
        if self.time_factor is None:
            label = ctx.t("ui.encounter.no_limit")
            text(
                surface,
                ctx,
                label,
                "small",
                th.text,
                (x, rect.centery),
                anchor="midleft",
                max_width=avail,
            )
            return
        left = self.patience_left() if self.phase == "choosing" else patience
        seconds = ctx.t("ui.encounter.seconds", value=int(left + 0.999))
        label = f"{ctx.t('ui.encounter.patience')}  {seconds}"
        label_rect = text(
            surface,
            ctx,
            label,
            "small",
            th.text,
            (x, rect.centery),
            anchor="midleft",
            max_width=avail,
        )
        bar_w = min(int(avail * 0.6), avail - label_rect.width - pad)
        if bar_w > 20:
            bar_rect = pygame.Rect(
                label_rect.right + pad // 2,
                rect.centery - rect.height // 6,
                bar_w,
                max(6, rect.height // 3),
            )
            fraction = left / patience if patience else 0
            color = th.good if fraction > 0.5 else th.warn if fraction > 0.2 else th.bad
            bar(
                surface,
                bar_rect,
                fraction,
                color,
                th.panel_alt if th.name == "default" else th.bar_bg,
            )

    # -- pieces --------------------------------------------------------------------------------
    def draw_you(self, words: str) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            th = self.ctx.theme
            pad = int(14 * unit(self.size))
            panel(surface, rect, th.panel_alt, th.border, radius=10)
            paragraph(surface, self.ctx, words, "small", th.text, rect.inflate(-2 * pad, -2 * pad))

        return draw

    def draw_narration(self, words: str) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            th = self.ctx.theme
            pad = int(14 * unit(self.size))
            shade = pygame.Surface(rect.size, pygame.SRCALPHA)
            fill = (20, 26, 36, 215) if th.name == "default" else (0, 0, 0, 255)
            pygame.draw.rect(shade, fill, shade.get_rect(), border_radius=4)
            surface.blit(shade, rect.topleft)
            pygame.draw.rect(surface, th.border, rect, width=1, border_radius=4)
            ink = (232, 226, 214) if th.name == "default" else th.text
            paragraph(surface, self.ctx, words, "body", ink, rect.inflate(-2 * pad, -2 * pad))

        return draw

    def draw_bubble(
        self, speech: str, flash: str
    ) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            ctx, th = self.ctx, self.ctx.theme
            u = unit(self.size)
            pad = int(14 * u)
            panel(surface, rect, th.bubble, th.border, radius=int(16 * u))
            # The tail points at the customer's face (left, about a third down the portrait).
            face_y = self.portrait.top + int(self.portrait.height * 0.3)
            base_y = max(
                rect.top + int(12 * u), min(rect.bottom - int(30 * u), face_y - int(30 * u))
            )
            reach = max(int(30 * u), min(rect.left - self.portrait.centerx, int(70 * u)))
            tip = (
                rect.left - reach,
                max(base_y + int(24 * u), min(face_y, rect.bottom + int(40 * u))),
            )
            tail = [(rect.left + 1, base_y), tip, (rect.left + 1, base_y + int(20 * u))]
            pygame.draw.polygon(surface, th.bubble, tail)
            pygame.draw.lines(surface, th.border, False, tail, 2)
            inner = rect.inflate(-2 * pad, -2 * pad)
            y = inner.top
            if speech:
                y += paragraph(surface, ctx, speech, "body", th.bubble_text, inner)
            if flash:
                y += int(pad * 0.6)
                paragraph(
                    surface,
                    ctx,
                    flash,
                    "body",
                    th.bad if th.name == "default" else th.warn,
                    pygame.Rect(inner.left, y, inner.width, inner.bottom - y),
                )

        return draw

    def draw_cues(self, cues: str) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            th = self.ctx.theme
            width = min(rect.width, text_width(self.ctx, cues, "small") + 28)
            chip = pygame.Rect(rect.left, rect.top, width, rect.height)
            panel(surface, chip, th.panel_alt, th.border, radius=min(chip.height // 2, 14))
            inner = chip.inflate(-28, -int(small_pad(self.ctx)))
            paragraph(surface, self.ctx, cues, "small", th.text, inner)

        return draw

    def draw_badge(
        self, surface: pygame.Surface, rect: pygame.Rect, label: str, ticked: bool = False
    ) -> None:
        th = self.ctx.theme
        pygame.draw.rect(
            surface,
            th.accent if ticked or label.isdigit() else th.panel_alt,
            rect,
            border_radius=rect.height // 3,
        )
        if not label.isdigit() and not ticked:
            pygame.draw.rect(surface, th.border, rect, width=2, border_radius=rect.height // 3)
        text(
            surface,
            self.ctx,
            label,
            "small",
            th.accent_text if ticked or label.isdigit() else th.text,
            rect.center,
            anchor="center",
        )

    def draw_choice(
        self, index: int, words: str
    ) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            th = self.ctx.theme
            pad = int(12 * unit(self.size))
            self.card(surface, rect, focused, False)
            size = self.badge_size()
            badge = pygame.Rect(rect.left + pad, rect.top + int(0.7 * pad), size, size)
            self.draw_badge(surface, badge, str(index + 1) if index < 9 else "·")
            body = pygame.Rect(
                badge.right + pad,
                rect.top + int(0.7 * pad),
                rect.right - badge.right - 2 * pad,
                rect.height - int(1.4 * pad),
            )
            paragraph(surface, self.ctx, words, "body", th.text, body)

        return draw

    def draw_budget(self, surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
        ctx, th = self.ctx, self.ctx.theme
        u = unit(self.size)
        budget = self.scenario.authority.budget
        spent = self.spent()
        over = spent > budget
        label = ctx.t(
            "ui.encounter.budget",
            spent=_money(spent),
            budget=_money(budget),
            currency=self.scenario.authority.currency,
        )
        if over:
            label += f"  ·  {ctx.t('ui.encounter.over_budget')}"
        panel(surface, rect, th.panel, th.border, radius=rect.height // 2)
        label_rect = text(
            surface,
            ctx,
            label,
            "small",
            th.bad if over else th.text,
            (rect.left + 14, rect.centery),
            anchor="midleft",
            max_width=int(rect.width * 0.7),
        )
        bar_rect = pygame.Rect(
            label_rect.right + 16,
            rect.centery - max(3, int(4 * u)),
            rect.right - label_rect.right - 32,
            max(6, int(8 * u)),
        )
        if bar_rect.width > 20:
            bar(
                surface,
                bar_rect,
                spent / budget if budget else (1.0 if spent else 0.0),
                th.bad if over else th.good,
                th.bar_bg,
            )

    def draw_remedy(
        self, index: int, remedy: Remedy
    ) -> Callable[[pygame.Surface, pygame.Rect, bool], None]:
        def draw(surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
            ctx, th = self.ctx, self.ctx.theme
            pad = int(12 * unit(self.size))
            ticked = remedy.id in self.selected
            self.card(surface, rect, focused, ticked)
            size = self.badge_size()
            box = pygame.Rect(rect.left + pad, rect.top + int(0.7 * pad), size, size)
            self.draw_badge(surface, box, "✓" if ticked else str(index + 1), ticked)
            beside = self.cost_beside(rect.width)
            cost_w = self.cost_width() + pad if beside else 0
            body = pygame.Rect(
                box.right + pad,
                rect.top + int(0.7 * pad),
                rect.right - box.right - 2 * pad - cost_w,
                rect.height,
            )
            used = paragraph(surface, ctx, remedy.label.get(ctx.lang), "body", th.text, body)
            over = self.over_budget(remedy)
            under = [] if beside else [self.cost_words(remedy)]
            if over:
                under.append(ctx.t("ui.encounter.over_budget"))
            if under:
                paragraph(
                    surface,
                    ctx,
                    " · ".join(under),
                    "small",
                    th.bad if over else th.text_dim,
                    pygame.Rect(
                        body.left, body.top + used, body.width, rect.bottom - body.top - used
                    ),
                    bold=over,
                )
            if beside:
                text(
                    surface,
                    ctx,
                    self.cost_words(remedy),
                    "body",
                    th.bad if over else th.text_dim,
                    (rect.right - pad, rect.top + int(0.7 * pad)),
                    anchor="topright",
                )

        return draw

    def draw_offer(self, surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
        label = self.ctx.t("ui.encounter.offer", count=len(self.selected))
        button(surface, self.ctx, rect, label, focused, primary=True, enabled=bool(self.selected))

    def draw_continue(self, surface: pygame.Surface, rect: pygame.Rect, focused: bool) -> None:
        ready = self.accepts_input()
        button(
            surface,
            self.ctx,
            rect,
            self.ctx.t("ui.encounter.continue"),
            True,
            primary=True,
            enabled=ready,
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
            focus_ring(surface, self.ctx, rect, 10)


def small_pad(ctx) -> float:  # type: ignore[no-untyped-def]
    return line_height(ctx, "small") * 0.6
