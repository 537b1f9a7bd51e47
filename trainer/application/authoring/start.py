"""Starting from a beat (``trainer run --from BEAT``, ``trainer play --from BEAT``), to test one
part of a scenario without playing the rest each time.

The decisions before the beat are chosen plainly and said out loud: the best-practice path's,
when it passes the beat; otherwise the way into the beat that leaves the best finish (the one
that honours every principle after it, if any does, and scores highest), as the engine's search
finds it. A beat reached only when the customer's patience runs out is reached the same way: by
waiting that long.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...content.scripts import Script
from ...engine import ActionError, Engine
from ...engine.state import Action, Choose, Offer, State
from ...scenario.diagnostics import Diagnostic, did_you_mean
from ...scenario.model import END, Scenario
from ...scoring.facts import FactsBuilder
from ...scoring.rubric import RUBRIC, Rubric
from ...scoring.score import evaluate
from ...scoring.search import actions, explore, nominal_after, violations
from ..play import Played, finish

MAX_PREFIXES = 400  # ways into a beat considered (shortest first)
FINISHES = 6  # of which this many, the most promising, are searched to the end


class FromError(ValueError):
    """The beat cannot be started from, in words for the trainer."""


@dataclass(frozen=True)
class Assumed:
    """What is taken as already played when starting at ``beat``."""

    beat: str
    decisions: tuple[tuple[Action, float], ...]  # from the start, as the engine plays them
    beats: tuple[str, ...]  # where each decision was taken
    wait: float = 0.0  # then this many seconds of silence (a timeout leads into ``beat``)
    how: str = ""  # which path the decisions come from, in words
    waited_at: str = ""  # the beat where the silence is kept

    @property
    def empty(self) -> bool:
        return not self.decisions and not self.wait


def assume(scenario: Scenario, beat_id: str, rubric: Rubric = RUBRIC) -> Assumed:
    """The decisions assumed before ``beat_id``; :class:`FromError` if there is no way in."""
    if beat_id == END or beat_id not in scenario.beats:
        raise FromError(
            f"scenario '{scenario.id}' has no beat '{beat_id}'"
            f"{did_you_mean(beat_id, scenario.beats)}; its beats are "
            f"{', '.join(scenario.beats)}"
        )
    if beat_id == scenario.start:
        return Assumed(beat_id, (), (), 0.0, "the start")
    found = explore(scenario, rubric)
    for path, how in ((found.principled, "the best-practice path"), (found.best, "the best path")):
        if path is not None and beat_id in path.beats:
            index = path.beats.index(beat_id)
            return Assumed(beat_id, path.decisions[:index], path.beats[:index], 0.0, how)
    ways = sorted(_ways_in(scenario, beat_id, rubric), key=lambda w: w.rank, reverse=True)
    if not ways:
        raise FromError(
            f"beat '{beat_id}' cannot be reached from start '{scenario.start}' "
            "(run 'trainer lint' to see why)"
        )
    engine = Engine(scenario)
    best: tuple[tuple[bool, float], _Way] | None = None
    for way in ways[:FINISHES]:
        rest = explore(scenario, rubric, start=way.state, engine=engine)
        finish_path = rest.principled or rest.best
        if finish_path is None:
            continue
        key = (rest.principled is not None and not way.broken, finish_path.overall)
        if best is None or key > best[0]:
            best = (key, way)
    way = best[1] if best is not None else ways[0]
    how = f"the way into '{beat_id}' with the best finish"
    return Assumed(beat_id, way.decisions, way.beats, way.wait, how, way.waited_at)


@dataclass(frozen=True)
class _Way:
    decisions: tuple[tuple[Action, float], ...]
    beats: tuple[str, ...]
    wait: float
    waited_at: str
    state: State  # at the beat
    broken: bool  # it already breaks a principle for good
    rank: tuple[bool, float]  # not broken, score so far: the most promising first


def _leads_to(scenario: Scenario, target: str) -> set[str]:
    """Beats from which ``target`` can be reached."""
    found = {target}
    changed = True
    while changed:
        changed = False
        for beat in scenario.beats.values():
            if beat.id not in found and any(t in found for t in beat.successors()):
                found.add(beat.id)
                changed = True
    return found


def _ways_in(scenario: Scenario, target: str, rubric: Rubric) -> Iterator[_Way]:
    """Simple ways (no beat twice) from the start into ``target``, shortest first."""
    engine = Engine(scenario)
    useful = _leads_to(scenario, target)
    start = engine.start(0)
    queue: list[tuple[State, tuple[tuple[Action, float], ...], tuple[str, ...]]] = [(start, (), ())]
    found = 0
    while queue and found < MAX_PREFIXES:
        state, decisions, beats = queue.pop(0)
        beat = scenario.beats[state.beat]
        after = nominal_after(scenario, engine, state)
        for action in actions(scenario, state, rubric):
            try:
                nxt, _ = engine.step(state, action, after)
            except ActionError:
                continue
            if nxt.over or nxt.beat in beats or nxt.beat not in useful:
                continue
            grown = (decisions + ((action, after),), beats + (beat.id,))
            if nxt.beat == target:
                found += 1
                yield _way(scenario, rubric, nxt, *grown, 0.0, "")
            else:
                queue.append((nxt, *grown))
        if beat.on_timeout in useful and beat.on_timeout != END:
            wait = engine.patience(state)
            moved, _ = engine.tick(state, wait)
            if moved.beat == target:
                found += 1
                yield _way(scenario, rubric, moved, decisions, beats, wait, beat.id)


def _way(
    scenario: Scenario,
    rubric: Rubric,
    state: State,
    decisions: tuple[tuple[Action, float], ...],
    beats: tuple[str, ...],
    wait: float,
    waited_at: str,
) -> _Way:
    builder = FactsBuilder(scenario)
    for turn in state.turns:
        builder.add(turn)
    facts = builder.build(state.minute)
    broken = bool(violations(scenario, facts, rubric) - {"no_apology", "never_asked"}) or bool(wait)
    _, overall, _, _ = evaluate(scenario, facts, rubric)
    return _Way(decisions, beats, wait, waited_at, state, broken, (not broken, overall))


def state_at(engine: Engine, assumed: Assumed, seed: int = 0) -> State:
    """The encounter at the beat, after the assumed decisions (and any wait)."""
    state = engine.start(seed)
    for action, after in assumed.decisions:
        state, _ = engine.step(state, action, after)
    if assumed.wait:
        state, _ = engine.tick(state, assumed.wait)
    return state


def statements(scenario: Scenario, assumed: Assumed, locale: str | None = None) -> list[str]:
    """What is assumed, one line per decision, in plain words."""
    loc = locale or scenario.fallback
    if assumed.empty:
        return [f"Starting at beat '{assumed.beat}', the start: nothing is assumed."]
    lines = [f"Starting at beat '{assumed.beat}'. Assumed before it ({assumed.how}):"]
    for number, ((action, after), beat_id) in enumerate(
        zip(assumed.decisions, assumed.beats, strict=True), 1
    ):
        beat = scenario.beats[beat_id]
        if isinstance(action, Choose):
            choice = beat.choice(action.choice)
            words = choice.text.get(loc) if choice else ""
            lines.append(f"  {number}. at '{beat_id}', chose {action.choice}: \"{words}\"")
        elif isinstance(action, Offer):
            labels = " + ".join(
                f"{rid} ({r.label.get(loc)})"
                for rid in action.remedies
                if (r := scenario.remedy(rid))
            )
            lines.append(f"  {number}. at '{beat_id}', offered {labels}")
        lines[-1] += f" after {after:g} s"
    if assumed.wait:
        lines.append(
            f"  {len(assumed.decisions) + 1}. at '{assumed.waited_at}', said nothing for "
            f"{assumed.wait:g} s: the customer's patience ran out (on_timeout: {assumed.beat})"
        )
    return lines


def play_from(
    scenario: Scenario,
    assumed: Assumed,
    script: Script,
    script_file: str,
    locale: str | None = None,
) -> tuple[Played | None, list[Diagnostic]]:
    """Play the assumed decisions, then the script's steps from the beat; a step that does not
    fit is a diagnostic at the step's line."""
    steps = [(step.action, step.after) for step in script.steps]
    if assumed.wait and steps:
        # The silence and the first decision at the beat are one stretch of the clock.
        steps[0] = (steps[0][0], steps[0][1] + assumed.wait)
    prefix = list(assumed.decisions)
    try:
        run = Engine(scenario, locale).play(prefix + steps, seed=script.seed)
    except ActionError as exc:
        index = exc.index - len(prefix)
        line = script.steps[index].line if 0 <= index < len(script.steps) else 1
        message = str(exc)
        if index == 0:
            message += f"; with --from {assumed.beat} the first step is a decision there"
        return None, [Diagnostic(script_file, line, 1, message)]
    if not run.complete:
        line = script.steps[-1].line if script.steps else 1
        return None, [
            Diagnostic(
                script_file,
                line,
                1,
                f"the script ends at beat '{run.final.beat}' before the scenario does; "
                "add steps until a choice leads to end",
            )
        ]
    return finish(run, locale), []


def decisions_json(assumed: Assumed) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for (action, after), beat in zip(assumed.decisions, assumed.beats, strict=True):
        entry: dict[str, object] = {"beat": beat, "after": after}
        if isinstance(action, Choose):
            entry["choose"] = action.choice
        else:
            entry["offer"] = list(action.remedies)
        out.append(entry)
    return out


__all__: Sequence[str] = ("Assumed", "FromError", "assume", "play_from", "state_at", "statements")
