"""Building "everything else equal" variants of a run, for the principle tests.

A variant changes one thing: a choice's tags, a remedy, the persona, or a decision's time. The
rest of the scenario and of the trainee's decisions stays as it was.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from helpers import bundled, library

from trainer.content.library import bundled_scenarios
from trainer.content.scripts import read_script
from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action
from trainer.scenario.diagnostics import Collector
from trainer.scenario.model import Remedy, Scenario, Text
from trainer.scoring import score_run
from trainer.scoring.score import Result

Decisions = list[tuple[Action, float]]


def model_decisions(scenario: Scenario) -> Decisions:
    path = bundled_scenarios() / "scripts" / f"{scenario.id}.yaml"
    out = Collector(str(path), [])
    script = read_script(path.read_bytes(), out)
    assert script is not None, [str(d) for d in out.items]
    return [(step.action, step.after) for step in script.steps]


def result(scenario: Scenario, decisions: Decisions, seed: int = 0) -> Result:
    run = Engine(scenario).play(decisions, seed=seed)
    assert run.complete, "variant no longer reaches the end"
    return score_run(run)


def beats_of(scenario: Scenario, decisions: Decisions) -> list[str]:
    run = Engine(scenario).play(decisions)
    return [t.beat for t in run.turns]


def with_choice(scenario: Scenario, beat_id: str, choice_id: str, **changes: Any) -> Scenario:
    beat = scenario.beats[beat_id]
    choices = tuple(replace(c, **changes) if c.id == choice_id else c for c in beat.choices)
    beats = dict(scenario.beats)
    beats[beat_id] = replace(beat, choices=choices)
    return replace(scenario, beats=MappingProxyType(beats))


def map_choices(scenario: Scenario, **changes: Any) -> Scenario:
    """Apply ``changes`` to every choice of the scenario (to strip a tag everywhere)."""
    beats = {
        bid: replace(b, choices=tuple(replace(c, **changes) for c in b.choices))
        for bid, b in scenario.beats.items()
    }
    return replace(scenario, beats=MappingProxyType(beats))


def with_remedies(scenario: Scenario, *remedies: Remedy, keep: bool = True) -> Scenario:
    base = tuple(scenario.remedies) if keep else ()
    return replace(scenario, remedies=base + remedies)


def with_persona(scenario: Scenario, **changes: Any) -> Scenario:
    persona = replace(scenario.persona, **changes)
    return replace(scenario, customer=replace(scenario.customer, persona=persona))


def patient(scenario: Scenario) -> Scenario:
    """No timeouts: the persona's patience is endless and beats set none."""
    beats = {bid: replace(b, patience_s=None) for bid, b in scenario.beats.items()}
    s = replace(scenario, beats=MappingProxyType(beats))
    return with_persona(s, patience_s=1e9)


def remedy(
    rid: str, value: float, restores: frozenset[str] | set[str], cost: float = 0.0, **flags: Any
) -> Remedy:
    return Remedy(
        id=rid,
        label=Text.plain(rid),
        cost=cost,
        value=value,
        minutes=1.0,
        restores=frozenset(restores),
        **flags,
    )


def first_menu_turn(scenario: Scenario, decisions: Decisions) -> int | None:
    for index, (action, _) in enumerate(decisions):
        if isinstance(action, Offer):
            return index
    return None


def replace_offer(decisions: Decisions, index: int, *remedy_ids: str) -> Decisions:
    out = list(decisions)
    out[index] = (Offer(tuple(remedy_ids)), out[index][1])
    return out


def choice_turns(scenario: Scenario, decisions: Decisions) -> list[tuple[int, str, str]]:
    """(index, beat, choice id) of the choice decisions of a path."""
    beats = beats_of(scenario, decisions)
    return [(i, beats[i], a.choice) for i, (a, _) in enumerate(decisions) if isinstance(a, Choose)]


def all_bundled() -> list[Scenario]:
    return bundled()


def bundled_with_scripts() -> list[Scenario]:
    return [s for s in bundled() if (bundled_scenarios() / "scripts" / f"{s.id}.yaml").is_file()]


__all__ = ["Path", "library"]


def walk(scenario: Scenario, offer: tuple[str, ...], pick: int = 0) -> Decisions:
    """A path that takes choice number ``pick`` (or the last) at every beat and makes ``offer``
    at every menu, at half the decision target; stops at the end (at most 40 steps)."""
    engine = Engine(scenario)
    state = engine.start(0)
    decisions: Decisions = []
    after = scenario.timing.decide_s * 0.5
    while not state.over and len(decisions) < 40:
        beat = scenario.beats[state.beat]
        action: Action
        if beat.menu:
            action = Offer(offer)
        else:
            action = Choose(beat.choices[min(pick, len(beat.choices) - 1)].id)
        state, _ = engine.step(state, action, after)
        decisions.append((action, after))
    return decisions


def with_beat(scenario: Scenario, beat_id: str, **changes: Any) -> Scenario:
    beats = dict(scenario.beats)
    beats[beat_id] = replace(beats[beat_id], **changes)
    return replace(scenario, beats=MappingProxyType(beats))


def add_choice(
    scenario: Scenario, beat_id: str, like: str, new_id: str, **changes: Any
) -> Scenario:
    """A copy of choice ``like`` at ``beat_id`` (same ``next``), with ``changes``, added last."""
    beat = scenario.beats[beat_id]
    base = beat.choice(like)
    assert base is not None
    extra = replace(base, id=new_id, **changes)
    return with_beat(scenario, beat_id, choices=beat.choices + (extra,))


def map_beats(scenario: Scenario, **changes: Any) -> Scenario:
    beats = {bid: replace(b, **changes) for bid, b in scenario.beats.items()}
    return replace(scenario, beats=MappingProxyType(beats))
