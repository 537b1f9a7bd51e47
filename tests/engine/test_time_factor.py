"""The answer-time setting: ``Engine(time_factor=...)`` stretches every patience, or removes the
time limit, and changes nothing else. Checked on random valid scenarios."""

from __future__ import annotations

import math

import pytest
from helpers import dump, load_text, minimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scenario_dict

from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action
from trainer.scenario.model import Scenario

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def build(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags if d.is_error]
    return scenario


def first_action(scenario: Scenario, beat_id: str) -> Action:
    beat = scenario.beats[beat_id]
    if beat.menu:
        return Offer((scenario.remedies[0].id,))
    return Choose(beat.choices[0].id)


@given(data=scenario_dict(), factor=st.sampled_from([1.5, 2.0, 3.0]), share=st.floats(0.5, 0.95))
@SETTINGS
def test_a_longer_answer_time_stretches_patience_and_nothing_else(
    data: dict,
    factor: float,
    share: float,  # type: ignore[type-arg]
) -> None:
    scenario = build(data)
    normal, stretched = Engine(scenario), Engine(scenario, time_factor=factor)
    start = normal.start(seed=5)
    base = normal.patience(start)
    assert stretched.patience(start) == pytest.approx(base * factor)
    # Within the normal patience, both play the same turn.
    inside = base * share
    assert normal.step(start, first_action(scenario, start.beat), inside) == stretched.step(
        start, first_action(scenario, start.beat), inside
    )
    # Past the normal patience but within the stretched one, only the normal customer reacts.
    late = base * (1 + (factor - 1) * share)
    _, normal_events = normal.tick(start, late)
    _, stretched_events = stretched.tick(start, late)
    assert [e.kind for e in normal_events].count("timeout") >= 1
    assert stretched_events == []


@given(data=scenario_dict(), minutes=st.floats(1, 600))
@SETTINGS
def test_no_time_limit_means_the_customer_never_reacts_to_silence(
    data: dict,
    minutes: float,  # type: ignore[type-arg]
) -> None:
    scenario = build(data)
    engine = Engine(scenario, time_factor=None)
    start = engine.start(seed=2)
    assert engine.patience(start) == math.inf
    state, events = engine.tick(start, minutes * 60)
    assert events == [] and state == start
    state, _ = engine.step(start, first_action(scenario, start.beat), minutes * 60)
    assert state.turns[-1].timeouts == 0


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_a_time_factor_must_be_a_positive_number(bad: float) -> None:
    scenario = build(minimal())
    with pytest.raises(ValueError, match="time_factor"):
        Engine(scenario, time_factor=bad)


def test_a_run_keeps_its_answer_time_so_the_debrief_replays_it_the_same_way() -> None:
    """Answers slower than the normal patience but within the extended one: the debrief's
    search replays the run with the same answer time (with the normal one, the customer
    would have moved on and the trainee's choices would not fit)."""
    from helpers import bundled_by_id
    from variants import model_decisions

    from trainer.application.play import finish

    scenario = bundled_by_id("fast-food-cold-burger")
    engine = Engine(scenario, time_factor=2.0)
    normal = Engine(scenario).patience(engine.start(1))
    slow = [(action, normal * 1.5) for action, _ in model_decisions(scenario)]
    run = engine.play(slow, seed=1)
    assert run.time_factor == 2.0 and all(t.timeouts == 0 for t in run.turns)
    played = finish(run)
    for item in played.debrief.dimensions:
        if item.better_choice is not None:
            assert item.better_choice.beat in {t.beat for t in run.turns}
