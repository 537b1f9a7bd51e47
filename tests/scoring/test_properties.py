"""Properties over random valid scenarios and random scripts: nothing crashes, scores stay in
0..100, the same input gives the same bytes, and the core principles hold on scenarios nobody
has seen."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import combinations

from helpers import dump, load_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scenario_dict, script_moves

from trainer.application.play import finish, to_json
from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action
from trainer.scenario.diagnostics import Collector
from trainer.scenario.model import Scenario
from trainer.scenario.validate import read_scenario
from trainer.scenario.yamlsafe import parse_bytes
from trainer.scoring import score_run
from trainer.scoring.search import explore

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def build(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags if d.is_error]
    return scenario


def options(scenario: Scenario, beat_id: str) -> list[Action]:
    beat = scenario.beats[beat_id]
    if beat.menu:
        ids = [r.id for r in scenario.remedies]
        return [Offer(c) for n in (1, 2) for c in combinations(ids, n)]
    return [Choose(c.id) for c in beat.choices]


def play(scenario: Scenario, moves: list[tuple[int, float]], seed: int = 0):  # type: ignore
    engine = Engine(scenario)
    state = engine.start(seed)
    decisions: list[tuple[Action, float]] = []
    for pick, after in moves:
        ticked, _ = engine.tick(state, after)
        if ticked.over:
            break
        acts = options(scenario, ticked.beat)
        action = acts[pick % len(acts)]
        state, _ = engine.step(state, action, after)
        decisions.append((action, after))
        if state.over:
            break
    return engine, state, decisions


@SETTINGS
@given(scenario_dict(), script_moves, st.integers(0, 2**31))
def test_random_scenarios_and_scripts_never_crash_and_stay_in_range(data, moves, seed) -> None:  # type: ignore
    scenario = build(data)
    engine, state, decisions = play(scenario, moves, seed)
    run = engine.play(decisions, seed=seed)
    assert run.final == state  # one step at a time or all at once: the same state
    result = score_run(run)
    for name, value in result.scores.items():
        assert 0 <= value <= 100 and isinstance(value, int), name
    assert 0 <= result.outcome.satisfaction <= 100
    if run.complete:
        one = json.dumps(to_json(finish(run)), ensure_ascii=False)
        two = json.dumps(to_json(finish(engine.play(decisions, seed=seed))), ensure_ascii=False)
        assert one == two


@SETTINGS
@given(scenario_dict())
def test_search_finds_a_complete_path_on_random_scenarios(data) -> None:  # type: ignore
    scenario = build(data)
    found = explore(scenario)
    assert found.best is not None  # a path to end always exists in a valid scenario
    engine = Engine(scenario)
    run = engine.play(found.best.decisions)
    assert run.complete
    assert score_run(run).overall == found.best.overall


@SETTINGS
@given(scenario_dict(), st.data())
def test_apology_principle_on_unseen_scenarios(data, draw) -> None:  # type: ignore
    """Principle 1 on generated scenarios: responsibility > conditional > none, at the start."""
    scenario = build(data)
    start = scenario.beats[scenario.start]
    if start.menu:
        return
    found = explore(scenario)
    assert found.best is not None
    decisions = list(found.best.decisions)
    first = decisions[0][0]
    assert isinstance(first, Choose)

    def variant(tags: tuple[str, ...]) -> float:
        beats = dict(scenario.beats)
        beats = {
            k: replace(b, choices=tuple(replace(c, apology=()) for c in b.choices))
            for k, b in beats.items()
        }
        b0 = beats[scenario.start]
        beats[scenario.start] = replace(
            b0,
            choices=tuple(
                replace(c, apology=tags) if c.id == first.choice else c for c in b0.choices
            ),
        )
        s = replace(scenario, beats=beats)
        return score_run(Engine(s).play(decisions)).raw["apology"]

    full = variant(("responsibility", "regret", "repair"))
    conditional = variant(("conditional",))
    none = variant(())
    assert full > conditional >= none
    assert variant(("blame-customer",)) <= none


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
        ),
        max_leaves=40,
    )
)
def test_the_validator_never_crashes_on_arbitrary_yaml(value) -> None:  # type: ignore
    import yaml

    text = yaml.safe_dump(value, allow_unicode=True)
    out = Collector("fuzz.yaml", [])
    parsed = parse_bytes(text.encode(), out)
    if parsed.root is not None:
        read_scenario(parsed.root, out, lambda _id: None)
    assert all(d.line >= 1 and d.col >= 1 for d in out.items)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_the_reader_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    out = Collector("fuzz.yaml", [])
    parsed = parse_bytes(data, out)
    if parsed.root is not None:
        read_scenario(parsed.root, out, lambda _id: None)
        assert out.items  # random bytes are never a valid scenario
