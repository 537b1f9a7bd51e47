"""Principle 16: making any one dimension's evidence worse never raises the overall score.

On generated scenarios and random paths, one thing the trainee did is made worse (a part of the
apology left out, a blame added, a wait left unexplained, a decision taken more slowly, a
follow-up item dropped, a limit abandoned, an owed remedy left out, poor conduct added...); the
path stays the same, and the overall score must not rise. Gates and caps included.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from helpers import dump, load_text
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import scenario_dict, script_moves
from variants import patient, with_choice

from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action
from trainer.scenario.model import APOLOGY_GOOD, Choice, Scenario
from trainer.scoring import score_run

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

Decisions = list[tuple[Action, float]]

#: worse evidence about one decision, by the dimension whose evidence it is
WORSE = (
    "drop-component",  # apology
    "add-deflect",
    "add-blame",
    "add-argue",
    "add-refuse",
    "add-excessive",
    "stop-listening",
    "interrupt",
    "drop-empathy",
    "drop-inform",  # speed
    "add-stall",
    "slower",
    "add-false-reassurance",  # conduct
    "add-brush-off",
    "drop-follow-up",  # follow-up
    "drop-calm",  # boundaries
    "retaliate",
    "cave",
    "drop-owed",  # remedy fit
)


def build(data: dict[str, Any]) -> Scenario:
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags if d.is_error]
    return patient(scenario)


def random_path(scenario: Scenario, moves: list[tuple[int, float]]) -> Decisions | None:
    engine = Engine(scenario)
    state = engine.start(0)
    decisions: Decisions = []
    for pick, after in moves:
        beat = scenario.beats[state.beat]
        action: Action
        if beat.menu:
            ids = [r.id for r in scenario.remedies]
            size = 1 + pick % min(3, len(ids))
            start = pick % len(ids)
            action = Offer(tuple((ids * 2)[start : start + size]))
        else:
            action = Choose(beat.choices[pick % len(beat.choices)].id)
        state, _ = engine.step(state, action, after)
        decisions.append((action, after))
        if state.over:
            return decisions
    return None


def worsen(
    scenario: Scenario, decisions: Decisions, index: int, kind: str
) -> tuple[Scenario, Decisions] | None:
    """The same path with worse evidence at decision ``index``; None where it does not apply."""
    run = Engine(scenario).play(decisions)
    turn = run.turns[index]
    action, after = decisions[index]
    if kind == "slower":
        changed = list(decisions)
        changed[index] = (action, after + 3 * scenario.timing.decide_s + 1)
        return scenario, changed
    if kind == "drop-owed":
        if not isinstance(action, Offer):
            return None
        keep = tuple(r for r in action.remedies if not scenario.remedy(r).owed)  # type: ignore[union-attr]
        if len(keep) == len(action.remedies) or not keep:
            return None
        changed = list(decisions)
        changed[index] = (Offer(keep), after)
        return scenario, changed
    if turn.choice is None:
        return None
    choice = scenario.beats[turn.beat].choice(turn.choice)
    assert choice is not None
    changes = _choice_change(choice, kind)
    if changes is None:
        return None
    return with_choice(scenario, turn.beat, choice.id, **changes), decisions


def _choice_change(choice: Choice, kind: str) -> dict[str, Any] | None:
    good = [t for t in choice.apology if t in APOLOGY_GOOD]
    add = {
        "add-deflect": "deflect",
        "add-blame": "blame-customer",
        "add-argue": "argue",
        "add-refuse": "refuse",
        "add-excessive": "excessive",
    }
    conduct = {
        "add-stall": "stall",
        "add-false-reassurance": "false-reassurance",
        "add-brush-off": "brush-off",
    }
    if kind == "drop-component":
        return {"apology": tuple(t for t in choice.apology if t != good[0])} if good else None
    if kind in add:
        tag = add[kind]
        return None if tag in choice.apology else {"apology": choice.apology + (tag,)}
    if kind in conduct:
        tag = conduct[kind]
        return None if tag in choice.conduct else {"conduct": choice.conduct + (tag,)}
    if kind == "stop-listening":
        return {"listen": None} if choice.listen in ("open", "paraphrase") else None
    if kind == "interrupt":
        return None if choice.listen == "interrupt" else {"listen": "interrupt"}
    if kind == "drop-empathy":
        return {"empathy": False} if choice.empathy else None
    if kind == "drop-inform":
        return {"inform": False} if choice.inform else None
    if kind == "drop-follow-up":
        return {"follow_up": choice.follow_up[1:]} if choice.follow_up else None
    if kind == "drop-calm":
        return {"boundary": None} if choice.boundary == "calm" else None
    if kind == "retaliate":  # where a calm limit or nothing was (caving is no better)
        return {"boundary": "retaliate"} if choice.boundary in (None, "calm") else None
    if kind == "cave":
        return {"boundary": "cave"} if choice.boundary in (None, "calm") else None
    raise AssertionError(kind)


@SETTINGS
@given(scenario_dict(), script_moves, st.sampled_from(WORSE), st.integers(0, 100))
def test_worse_evidence_never_raises_the_overall(data, moves, kind, where) -> None:  # type: ignore
    scenario = build(data)
    decisions = random_path(scenario, moves)
    assume(decisions is not None and decisions)
    assert decisions is not None
    changed = worsen(scenario, decisions, where % len(decisions), kind)
    assume(changed is not None)
    assert changed is not None
    worse_scenario, worse_decisions = changed
    before = score_run(Engine(scenario).play(decisions))
    after = score_run(Engine(worse_scenario).play(worse_decisions))
    assert after.raw["overall"] <= before.raw["overall"] + 1e-9, (
        kind,
        before.raw,
        after.raw,
    )


def test_the_gates_only_ever_lower_the_overall() -> None:
    """With apology and speed both low, remedy fit weighs less only where that lowers the
    overall; a slow recovery caps it; neither ever lifts it above the weighted mean."""
    from variants import bundled_with_scripts, model_decisions

    from trainer.scoring.rubric import RUBRIC
    from trainer.scoring.score import _mean, dimensions

    checked = 0
    for scenario in bundled_with_scripts():
        decisions = [(a, 86_400.0) for a, _ in model_decisions(scenario)]  # a day per decision
        result = score_run(Engine(patient(scenario)).play(decisions))
        names = dimensions(scenario)
        weights = dict(zip(names, RUBRIC.weights[scenario.persona.archetype], strict=True))
        dims = {n: replace_dim(result.raw[n]) for n in names}
        assert result.raw["overall"] <= _mean(dims, weights) + 1e-9
        assert result.raw["speed"] < 5, scenario.id  # a day per decision: next to no speed
        assert result.raw["overall"] <= RUBRIC.speed_gate_floor + 5, scenario.id
        checked += 1
    assert checked >= 2


def replace_dim(score: float):  # type: ignore[no-untyped-def]
    from trainer.scoring.common import Dim

    return Dim(score)


__all__ = ["replace"]
