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


# -- a debrief that never contradicts itself ------------------------------------------------------

from helpers import dump, load_text  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import scenario_dict  # noqa: E402

from trainer.application.play import to_json, to_text  # noqa: E402
from trainer.scoring import score_run  # noqa: E402
from trainer.scoring.debrief import recommended  # noqa: E402


def random_runs(count: int, seed: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    for scenario in bundled():
        for _ in range(count):
            decisions = random_path(scenario, rng)
            run = Engine(scenario).play(decisions)
            if run.complete:
                yield run


def check_debrief(run) -> None:  # type: ignore[no-untyped-def]
    scenario = run.scenario
    played = finish(run)
    result, brief = played.result, played.debrief
    # Every deduction is named: the points of a dimension's notes add up to what it lost, and
    # every one of 5 points or more is in its sentence.
    for item in brief.dimensions:
        lost = sum(points for _, _, points in item.deductions)
        exact = sum(n.points for n in result.notes[item.dimension])
        raw = result.raw[item.dimension]
        if raw > 0:
            assert abs(exact - (100 - raw)) < 0.01, (scenario.id, item.dimension, exact, raw)
        else:
            assert exact >= 100 - 1e-6
        assert lost >= 0
        for _, text, points in item.deductions:
            if points >= 5:
                assert text in item.sentence, (scenario.id, item.dimension, text)
    # One better path: every dimension's advice is a step of it, so no two recommend different
    # offers, and nothing owed is ever recommended away.
    path = brief.better_path
    offers = {
        tuple(sorted(item.better_choice.action.remedies))
        for item in brief.dimensions
        if item.better_choice is not None and isinstance(item.better_choice.action, Offer)
    }
    assert len(offers) <= 1, (scenario.id, offers)
    owed = {r.id for r in scenario.remedies if r.owed and not r.escalate}
    if path is not None:
        for beat, action in zip(path.beats, path.actions, strict=True):
            assert recommended(scenario, beat, action), (scenario.id, beat, action)
            if isinstance(action, Offer):
                assert owed <= set(action.remedies), (scenario.id, action)
        for item in brief.dimensions:
            if item.better_choice is not None:
                b = item.better_choice
                i = b.turn - path.first_mistake
                assert path.actions[i] == b.action and path.beats[i] == b.beat
                assert b.after > b.before
        # The advice, applied, raises the scores it talks about.
        engine = Engine(scenario)
        prefix = [(d.action, d.after) for d in run.decisions[: path.first_mistake]]
        state = engine.start(run.seed)
        for action, after in prefix:
            state, _ = engine.step(state, action, after)
        for beat, action in zip(path.beats, path.actions, strict=True):
            assert state.beat == beat
            after = round(min(scenario.timing.decide_s, engine.patience(state)) * 0.5, 3)
            state, _ = engine.step(state, action, after)
        assert state.over
        applied = score_run(engine.play([(d.action, d.after) for d in state_decisions(state)]))
        for name, value in path.raw.items():
            assert abs(applied.raw[name] - value) < 1e-6, (scenario.id, name)
        assert path.raw["overall"] > result.raw["overall"]
    # The outcome words follow the facts.
    doc = to_json(played)
    if not result.outcome.fixed:
        assert doc["outcome"]["word_of_mouth_tone"] != "good"
        assert t("outcome.unfixed", "en") in brief.outcome_sentence
    # Authors' feedback at the decision it belongs to, in the JSON and the text.
    text = to_text(played)
    for entry, turn in zip(doc["transcript"], run.turns, strict=True):
        choice = scenario.beats[turn.beat].choice(turn.choice) if turn.choice else None
        if choice is not None and choice.feedback is not None:
            assert entry["feedback"] == choice.feedback.get("en")
            assert choice.feedback.get("en") in text
        else:
            assert "feedback" not in entry


def state_decisions(state):  # type: ignore[no-untyped-def]
    from trainer.engine.state import Decision

    return [
        Decision(t.beat, Choose(t.choice) if t.choice else Offer(t.offer), t.after)
        for t in state.turns
    ]


def test_the_debrief_never_contradicts_itself_on_bundled_runs() -> None:
    runs = list(random_runs(2, 7))
    assert len(runs) >= 20
    with_path = 0
    for run in runs:
        check_debrief(run)
        with_path += finish(run).debrief.better_path is not None
    assert with_path >= 10


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_dict(), st.integers(0, 2**31))
def test_the_debrief_never_contradicts_itself_on_generated_runs(data, seed) -> None:  # type: ignore
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags if d.is_error]
    decisions = random_path(scenario, random.Random(seed))
    run = Engine(scenario).play(decisions)
    if run.complete:
        check_debrief(run)


def test_a_caver_is_not_told_an_offer_that_still_caves() -> None:
    """The better path runs from the first mistake to the end: later mistakes are not kept."""
    scenario = bundled_by_id("ecommerce-late-delivery")
    decisions = model_decisions(scenario)
    engine = Engine(scenario)
    run = engine.play(decisions)
    # Interrupt at the needs question, then cave after "that's it?".
    bad = list(decisions)
    bad[2] = (Choose("cut-in"), bad[2][1])
    bad[4] = (Choose("cave-more"), bad[4][1])
    run = engine.play(bad)
    brief = finish(run).debrief
    assert brief.better_path is not None and brief.better_path.first_mistake == 2
    assert Choose("cave-more") not in brief.better_path.actions
    assert brief.better_path.raw["overall"] > score_run(run).raw["overall"] + 20
