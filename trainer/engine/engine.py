"""The encounter state machine: pure, deterministic, no I/O, no pygame.

A run is a pure function of scenario + actions + seed. Time comes in as the seconds each
decision took (``elapsed``, measured from the moment the choices appeared); randomness as the
seed, from which each turn derives its own ``random.Random`` (so a state holds no mutable RNG).

The window calls :meth:`Engine.tick` while the trainee thinks, to let the customer react to
silence in real time, then :meth:`Engine.step` with the same clock; a headless run calls only
:meth:`Engine.step`. Both reach the same state.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..scenario.model import END, Beat, Choice, Remedy, Scenario
from . import reactions
from .order import shown_order
from .state import Action, Choose, Decision, Event, Offer, State, Turn


class ActionError(ValueError):
    """An action that does not fit the current beat (unknown choice, offer at a choice beat...).

    ``index`` is the position of the decision in the log, so a script can name its line.
    """

    def __init__(self, message: str, index: int = -1) -> None:
        super().__init__(message)
        self.index = index


@dataclass(frozen=True)
class Run:
    """A finished (or abandoned) encounter: the scenario, the seed, the log and the turns."""

    scenario: Scenario
    seed: int
    decisions: tuple[Decision, ...]
    turns: tuple[Turn, ...]
    final: State
    #: the answer time it was played with (see ``Engine``): replaying it needs the same
    time_factor: float | None = 1.0

    @property
    def complete(self) -> bool:
        return self.final.over


class Engine:
    """Plays one scenario. Stateless itself: every call takes and returns a :class:`State`."""

    def __init__(
        self, scenario: Scenario, locale: str | None = None, time_factor: float | None = 1.0
    ) -> None:
        """``time_factor`` stretches every patience (2.0: twice as long to answer); None: the
        customer waits without limit. An accessibility setting: the rubric never reads it."""
        self.scenario = scenario
        self.locale = locale or scenario.fallback
        if time_factor is not None and not (time_factor > 0 and math.isfinite(time_factor)):
            raise ValueError(f"time_factor must be a positive number or None, not {time_factor}")
        self.time_factor = time_factor

    # -- queries -----------------------------------------------------------------------------
    def start(self, seed: int = 0) -> State:
        return State(
            beat=self.scenario.start,
            anger=reactions.start_anger(self.scenario),
            minute=0.0,
            seed=seed,
            asked_at=self.scenario.start,
        )

    def beat(self, state: State) -> Beat | None:
        return None if state.over else self.scenario.beats[state.beat]

    def patience(self, state: State) -> float:
        """Seconds of silence the customer tolerates at the current beat (``math.inf`` with no
        time limit)."""
        if self.time_factor is None:
            return math.inf
        beat = self.beat(state)
        if beat is not None and beat.patience_s is not None:
            return beat.patience_s * self.time_factor
        return self.scenario.persona.patience_s * self.time_factor

    def mood(self, state: State) -> str:
        return reactions.mood_of(state.anger)

    def say(self, state: State) -> str:
        beat = self.beat(state)
        return beat.say.get(self.locale) if beat else ""

    def clock(self, state: State, elapsed: float = 0.0) -> float:
        """The in-world minute now: ``elapsed`` seconds into the current decision (pass 0 while
        the customer's reaction is on screen). It only moves forward, and at the end it is the
        minute the transcript and the debrief report."""
        if state.over:
            return state.minute
        return state.minute + max(0.0, elapsed) / 60.0

    def committed(self, state: State) -> float:
        """What the offers made so far cost against the trainee's authority (owed remedies and
        hand-overs aside), each remedy once."""
        seen: dict[str, float] = {}
        for turn in state.turns:
            for rid in turn.offer:
                remedy = self.scenario.remedy(rid)
                if remedy is not None and not remedy.owed and not remedy.escalate:
                    seen[rid] = remedy.cost
        return sum(seen.values())

    def remedy_total(self, state: State, selected: Iterable[str] = ()) -> float:
        """The spend against authority if ``selected`` were offered now: what is committed plus
        the selection (a remedy already offered counts once). Timeouts never change it."""
        offered = {rid for t in state.turns for rid in t.offer}
        extra = 0.0
        for rid in dict.fromkeys(selected):
            remedy = self.scenario.remedy(rid)
            if (
                remedy is not None
                and rid not in offered
                and not remedy.owed
                and not remedy.escalate
            ):
                extra += remedy.cost
        return self.committed(state) + extra

    def shown(self, state: State) -> tuple[str, ...]:
        """The current beat's options in the order this run shows them: choice ids, or at a
        menu remedy ids (principle 17). Stable for the beat's whole visit; empty at the end."""
        if state.over:
            return ()
        visit = sum(1 for t in state.turns if state.beat in (t.beat, t.asked_at))
        return shown_order(self.scenario, state.beat, state.seed, visit)

    # -- transitions -------------------------------------------------------------------------
    def tick(self, state: State, elapsed: float) -> tuple[State, list[Event]]:
        """Let the customer react to ``elapsed`` seconds of silence at the current decision.

        Each full patience interval raises anger once; the first one also moves to the beat's
        ``on_timeout``, if it has one. Calling it again with a larger ``elapsed`` applies only the
        intervals not yet applied.
        """
        if state.over:
            return state, []
        events: list[Event] = []
        while True:
            patience = self.patience(state)
            due = int(math.floor(elapsed / patience)) if patience > 0 else 0
            if due <= state.timeouts:
                return state, events
            beat = self.scenario.beats[state.beat]
            anger = reactions.clamp(state.anger + reactions.TIMEOUT)
            rng = self._rng(state, salt=1000 + state.timeouts)
            line = self._line(rng, "timeout", anger)
            state = replace(state, anger=anger, timeouts=state.timeouts + 1)
            events.append(Event("timeout", line, anger, reactions.mood_of(anger), state.beat))
            if state.timeouts == 1 and beat.on_timeout:
                target = beat.on_timeout
                if target == END:
                    # The customer walks out now: the clock stops at this moment.
                    left_at = max(state.minute + elapsed / 60.0, state.busy_until)
                    state = replace(state, beat=END, minute=left_at)
                    events.append(
                        Event(
                            "end",
                            self._line(rng, "leave", anger),
                            anger,
                            reactions.mood_of(anger),
                            END,
                        )
                    )
                    return state, events
                state = replace(state, beat=target)
                events.append(
                    Event(
                        "moved",
                        self.scenario.beats[target].say.get(self.locale),
                        anger,
                        reactions.mood_of(anger),
                        target,
                    )
                )
                # The new beat's patience runs on the same clock: loop to apply its intervals.
                continue

    def step(self, state: State, action: Action, elapsed: float) -> tuple[State, list[Event]]:
        """Apply one decision taken ``elapsed`` seconds after the choices appeared."""
        if state.over:
            raise ActionError("the encounter is over; no further decision fits", len(state.turns))
        if elapsed < 0 or math.isnan(elapsed) or math.isinf(elapsed):
            raise ActionError(
                f"elapsed time must be a finite number of seconds, not {elapsed}", len(state.turns)
            )
        state, events = self.tick(state, elapsed)
        if state.over:
            raise ActionError(
                "the customer's patience ran out and the encounter ended before this decision",
                len(state.turns),
            )
        beat = self.scenario.beats[state.beat]
        choice, remedies = self._resolve(beat, action, len(state.turns))
        scenario = self.scenario
        persona = scenario.persona
        anger_before = state.anger
        minute = state.minute + elapsed / 60.0  # when the decision is made
        decided_at = minute

        threat_seen = state.threatened or beat.abuse == "threat"
        effects = 0.0
        if choice is not None:
            effects += reactions.choice_effect(choice, persona, threat_seen)
            remedies = remedies + [r for rid in choice.offer if (r := scenario.remedy(rid))]
        grievance = state.grievance
        if remedies:
            effects += reactions.remedy_effect(scenario, remedies) * (0.4 + persona.forgiveness)
            grievance = reactions.grievance_after(scenario, grievance, remedies)
        spent_minutes = choice.minutes if choice is not None else 1.0
        informed = choice is not None and choice.inform
        if not informed and spent_minutes > 2:
            effects += reactions.UNEXPLAINED_WAIT_PER_MIN * (spent_minutes - 2)
        anger = reactions.next_anger(scenario, state.anger, effects, grievance)
        if not persona.satisfiable:
            anger = max(anger, 55.0)  # nothing makes a never-satisfied customer content

        minute += spent_minutes

        offered_so_far = [
            r for t in state.turns for rid in t.offer if (r := scenario.remedy(rid)) is not None
        ] + remedies
        kinds = reactions.reaction_kinds(scenario, choice, remedies, offered_so_far, state.timeouts)
        reply, mood = self._reply(self._rng(state), choice, kinds, anger)
        busy_until = max([state.busy_until] + [decided_at + r.minutes for r in remedies])
        nxt = choice.next if choice is not None else (beat.next or END)
        if nxt == END:
            # The encounter ends when what was offered has been carried out: the clock the
            # window shows, the transcript and the debrief then agree on the minutes.
            minute = max(minute, busy_until)
        turn = Turn(
            index=len(state.turns),
            beat=beat.id,
            asked_at=state.asked_at,
            choice=choice.id if choice else None,
            offer=tuple(r.id for r in remedies),
            after=elapsed,
            timeouts=state.timeouts,
            minute=decided_at,
            anger_before=round(anger_before, 3),
            anger=round(anger, 3),
            reply=reply,
            mood=mood,
            shown=self.shown(state),
        )
        new = State(
            beat=nxt,
            anger=anger,
            minute=minute,
            turns=state.turns + (turn,),
            timeouts=0,
            asked_at=nxt,
            seed=state.seed,
            grievance=grievance,
            threatened=threat_seen,
            busy_until=busy_until,
        )
        events.append(Event("reaction", reply, anger, turn.mood, beat.id))
        if nxt == END:
            events.append(Event("end", "", anger, turn.mood, END))
        else:
            events.append(
                Event("beat", scenario.beats[nxt].say.get(self.locale), anger, turn.mood, nxt)
            )
        return new, events

    # -- whole runs --------------------------------------------------------------------------
    def play(self, decisions: Iterable[tuple[Action, float]], seed: int = 0) -> Run:
        """Play a sequence of (action, seconds) from the start; stops at ``end``.

        Raises :class:`ActionError` (with the decision's index) for an action that does not fit.
        """
        state = self.start(seed)
        log: list[Decision] = []
        for index, (action, after) in enumerate(decisions):
            if state.over:
                raise ActionError(
                    "the scenario ended before this step; remove the extra steps", index
                )
            try:
                new, _ = self.step(state, action, after)
            except ActionError as exc:
                raise ActionError(str(exc), index) from None
            turn = new.turns[-1]
            log.append(Decision(turn.beat, action, after, turn.shown))
            state = new
        return Run(self.scenario, seed, tuple(log), state.turns, state, self.time_factor)

    # -- helpers -----------------------------------------------------------------------------
    def _resolve(
        self, beat: Beat, action: Action, index: int
    ) -> tuple[Choice | None, list[Remedy]]:
        if isinstance(action, Choose):
            if beat.menu:
                raise ActionError(
                    f"beat '{beat.id}' is a remedy menu: use offer: [remedy ids] instead of choose",
                    index,
                )
            choice = beat.choice(action.choice)
            if choice is None:
                known = ", ".join(c.id for c in beat.choices)
                raise ActionError(
                    f"'{action.choice}' is not a choice of beat '{beat.id}' (choices: {known})",
                    index,
                )
            return choice, []
        if isinstance(action, Offer):
            if not beat.menu:
                known = ", ".join(c.id for c in beat.choices)
                raise ActionError(
                    f"beat '{beat.id}' is not a remedy menu: use choose: one of {known}", index
                )
            if not action.remedies:
                raise ActionError("an offer needs at least one remedy id", index)
            remedies: list[Remedy] = []
            for rid in action.remedies:
                remedy = self.scenario.remedy(rid)
                if remedy is None:
                    known = ", ".join(r.id for r in self.scenario.remedies)
                    raise ActionError(
                        f"'{rid}' is not on the remedy menu (remedies: {known})", index
                    )
                if remedy in remedies:
                    raise ActionError(f"remedy '{rid}' is offered twice in one step", index)
                remedies.append(remedy)
            return None, remedies
        raise ActionError(f"unknown action {action!r}", index)  # pragma: no cover

    @staticmethod
    def _rng(state: State, salt: int = 0) -> random.Random:
        return random.Random(f"{state.seed}:{len(state.turns)}:{salt}")

    def _reply(
        self, rng: random.Random, choice: Choice | None, kinds: list[str], anger: float
    ) -> tuple[str, str]:
        """What the customer says to a decision, and the mood it is said in: the author's reply
        (in its reply_mood, if given); else the persona's line for the most salient thing the
        decision did; else a line of the customer's mood, which presumes nothing."""
        mood = reactions.mood_of(anger)
        if choice is not None and choice.reply is not None:
            return choice.reply.get(self.locale), choice.reply_mood or mood
        persona = self.scenario.persona
        for kind in kinds:
            lines, said_in = persona.reaction_lines(kind, mood, self.locale, self.scenario.fallback)
            if lines:
                return rng.choice(lines), said_in
        # A mood a persona has no lines for borrows its neighbour's, and shows it.
        for said_in in {"pleased": ("pleased", "calm"), "furious": ("furious", "angry")}.get(
            mood, (mood,)
        ):
            if said_in in persona.lines:
                lines = persona.lines_for(said_in, self.locale, self.scenario.fallback)
                if lines:
                    return rng.choice(lines), said_in
        return "", mood

    def _line(self, rng: random.Random, kind: str, anger: float) -> str:
        lines = self.scenario.persona.lines_for(kind, self.locale, self.scenario.fallback)
        if not lines and kind in ("timeout", "leave"):
            lines = self.scenario.persona.lines_for(
                reactions.mood_of(anger), self.locale, self.scenario.fallback
            )
        return rng.choice(lines) if lines else ""
