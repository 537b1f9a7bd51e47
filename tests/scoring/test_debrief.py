"""The debrief: a sentence and a principle for every dimension, and better choices that are
found by the engine, really do better, and never break a principle themselves."""

from __future__ import annotations

import random

from helpers import bundled, bundled_by_id
from variants import model_decisions

from trainer.application.play import finish
from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action
from trainer.i18n import t
from trainer.scoring.debrief import NEVER_RECOMMENDED
from trainer.scoring.score import dimensions
from trainer.scoring.search import actions, explore


def random_path(scenario, rng: random.Random) -> list[tuple[Action, float]]:  # type: ignore
    engine = Engine(scenario)
    state = engine.start(0)
    decisions: list[tuple[Action, float]] = []
    while not state.over and len(decisions) < 30:
        options = list(actions(scenario, state))
        action = rng.choice(options)
        after = rng.choice([2.0, 5.0, 9.0])
        ticked, _ = engine.tick(state, after)
        if ticked.over:
            break
        if ticked.beat != state.beat:
            options = list(actions(scenario, ticked))
            action = rng.choice(options)
        state, _ = engine.step(state, action, after)
        decisions.append((action, after))
    return decisions


def test_every_dimension_is_explained_in_every_language() -> None:
    scenario = bundled_by_id("telecom-billing-dispute")
    run = Engine(scenario).play(model_decisions(scenario))
    for locale in ("en", "zh-Hans", "zh-Hant", "vi"):
        played = finish(run, locale)
        names = [d.dimension for d in played.debrief.dimensions]
        assert names == list(dimensions(scenario))
        for item in played.debrief.dimensions:
            assert item.sentence and item.principle == t("principle." + item.dimension, locale)
            assert "{" not in item.sentence and "term." not in item.sentence


def test_better_choices_are_real_and_principled() -> None:
    rng = random.Random(20261122)
    checked = 0
    for scenario in bundled():
        for _ in range(3):
            decisions = random_path(scenario, rng)
            run = Engine(scenario).play(decisions)
            if not run.complete:
                continue
            played = finish(run)
            for item in played.debrief.dimensions:
                better = item.better_choice
                if better is None:
                    continue
                checked += 1
                assert better.after > better.before, (scenario.id, item)
                assert item.better and item.better.count('"') >= 4
                beat = scenario.beats[better.beat]
                if isinstance(better.action, Choose):
                    choice = beat.choice(better.action.choice)
                    assert choice is not None
                    assert not set(choice.apology) & NEVER_RECOMMENDED, (scenario.id, choice.id)
                    assert choice.boundary not in ("retaliate", "cave")
                    assert choice.listen != "interrupt"
                else:
                    assert isinstance(better.action, Offer) and beat.menu
    assert checked >= 20


def test_a_flawed_run_gets_a_better_choice_for_the_apology() -> None:
    scenario = bundled_by_id("hotel-overbooked-late-arrival")
    first = scenario.beats[scenario.start]
    deflect = next(c for c in first.choices if "deflect" in c.apology)
    engine = Engine(scenario)
    state, _ = engine.step(engine.start(), Choose(deflect.id), 4.0)
    rest = explore(scenario, start=state).best
    assert rest is not None
    run = engine.play([(Choose(deflect.id), 4.0), *rest.decisions])
    played = finish(run)
    apology = next(d for d in played.debrief.dimensions if d.dimension == "apology")
    assert apology.score < 50
    assert apology.better_choice is not None
    assert apology.better_choice.turn == 0
    chosen = first.choice(apology.better_choice.action.choice)  # type: ignore[union-attr]
    assert chosen is not None and "responsibility" in chosen.apology
