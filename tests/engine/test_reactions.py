"""Customers who answer what was said: reaction lines chosen by what the decision did and by
mood, never presuming what the trainee did not do; the mood shown follows the line said; an
in-world clock that only moves forward; a remedy total that survives a timeout."""

from __future__ import annotations

import math
from collections.abc import Iterable

from helpers import bundled, dump, load_text, minimal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import scenario_dict, script_moves

from trainer.application.play import finish, to_json
from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action, State
from trainer.scenario.model import APOLOGY_GOOD, MOODS, REACTIONS, Persona, Scenario
from trainer.scoring import score_run

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BUNDLED_PERSONAS = (
    "reasonable",
    "impatient",
    "silent",
    "never-satisfied",
    "abusive",
    "opportunist",
    "anxious",
)


def build(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags if d.is_error]
    return scenario


def bundled_persona(persona_id: str) -> Persona:
    data = minimal()
    data["customer"]["persona"] = persona_id
    return build(data).persona


def lines_of(persona: Persona, kind: str) -> set[str]:
    return {
        line
        for by_locale in persona.reactions.get(kind, {}).values()
        for lines in by_locale.values()
        for line in lines
    }


def mood_lines(persona: Persona) -> dict[str, str]:
    """Every mood line, and the mood it belongs to."""
    return {
        line: mood
        for mood in MOODS
        for lines in persona.lines.get(mood, {}).values()
        for line in lines
    }


def did(scenario: Scenario, state_before: State, action: Action, timeouts: int) -> set[str]:
    """What a decision did, read off its tags here (not by the engine's own rule)."""
    beat = scenario.beats[state_before.beat]
    out: set[str] = set()
    choice = beat.choice(action.choice) if isinstance(action, Choose) else None
    offered = list(action.remedies) if isinstance(action, Offer) else []
    if choice is not None:
        offered += list(choice.offer)
        tags = set(choice.apology)
        if tags & {"deflect", "refuse"}:
            out.add("excuses")
        if tags & {"blame-customer", "argue"}:
            out.add("blamed")
        if tags & set(APOLOGY_GOOD):
            out.add("apologised")
        if choice.boundary == "retaliate":
            out.add("retaliated")
        if choice.boundary == "calm":
            out.add("limit")
        if choice.escalate:
            out.add("escalated")
        if choice.follow_up:
            out.add("followed-up")
        slow = choice.minutes > 2 and not choice.inform
        if set(choice.conduct) & {"brush-off", "stall"} or slow:
            out.add("silence")
    remedies = [scenario.remedy(rid) for rid in offered]
    if any(r is not None and r.escalate for r in remedies):
        out.add("escalated")
    if any(r is not None and not r.escalate for r in remedies):
        out |= {"fair-offer", "low-offer", "high-offer"}
    if timeouts:
        out.add("silence")
    return out


def options(scenario: Scenario, beat_id: str) -> list[Action]:
    beat = scenario.beats[beat_id]
    if beat.menu:
        ids = [r.id for r in scenario.remedies]
        return [Offer((i,)) for i in ids] + [Offer(tuple(ids[:2]))]
    return [Choose(c.id) for c in beat.choices]


@SETTINGS
@given(scenario_dict(), script_moves, st.sampled_from(BUNDLED_PERSONAS), st.integers(0, 2**31))
def test_no_line_presumes_what_the_trainee_did_not_do(data, moves, persona_id, seed) -> None:  # type: ignore
    data["customer"]["persona"] = persona_id
    scenario = build(data)
    persona = scenario.persona
    by_kind = {kind: lines_of(persona, kind) for kind in REACTIONS}
    moods = mood_lines(persona)
    engine = Engine(scenario)
    state = engine.start(seed)
    checked = 0
    for pick, after in moves:
        ticked, _ = engine.tick(state, after)
        if ticked.over:
            break
        acts = options(scenario, ticked.beat)
        action = acts[pick % len(acts)]
        new, _ = engine.step(state, action, after)
        turn = new.turns[-1]
        reply = turn.reply
        kinds = {kind for kind, lines in by_kind.items() if reply in lines}
        if kinds:
            assert kinds & did(scenario, ticked, action, ticked.timeouts), (reply, kinds, action)
            checked += 1
        elif reply:
            assert reply in moods, reply  # otherwise a mood line, which presumes nothing
            assert turn.mood == moods[reply]  # and the mood shown is the line's
        state = new
        if state.over:
            break


def test_bundled_mood_lines_never_repeat_a_reaction_line() -> None:
    """A mood line may follow any decision, so it must not be one that answers a deed."""
    for persona_id in BUNDLED_PERSONAS:
        persona = bundled_persona(persona_id)
        reaction_lines = set().union(*(lines_of(persona, k) for k in REACTIONS))
        assert not reaction_lines & set(mood_lines(persona)), persona_id
        for kind in REACTIONS:
            assert lines_of(persona, kind), (persona_id, kind)  # every kind answered


def test_every_bundled_persona_answers_every_kind_in_every_locale_it_has() -> None:
    for persona_id in BUNDLED_PERSONAS:
        persona = bundled_persona(persona_id)
        locales = set(persona.lines["calm"])
        for kind in REACTIONS:
            for by_locale in persona.reactions[kind].values():
                assert set(by_locale) == locales, (persona_id, kind)
                for locale, lines in by_locale.items():
                    if locale.startswith("zh"):
                        # Full-width punctuation in Chinese.
                        assert not any(ch in line for line in lines for ch in ",?!:;()"), (
                            persona_id,
                            kind,
                            lines,
                        )


def _scenario_with(persona: dict, **beat_changes: object) -> Scenario:  # type: ignore[type-arg]
    data = minimal()
    data["customer"]["persona"] = {"name": "Test", **persona}
    for key, value in beat_changes.items():
        beat, _, field = key.partition("__")
        data["beats"][beat][field] = value
    return build(data)


def test_a_persona_without_reactions_falls_back_to_its_mood_lines() -> None:
    s = _scenario_with({"lines": {"calm": {"en": ["Fine."]}, "tense": {"en": ["Hm."]}}})
    run = Engine(s).play([(Choose("own-it"), 3.0)], seed=1)
    assert run.turns[0].reply in ("Fine.", "Hm.")
    assert run.turns[0].mood == {"Fine.": "calm", "Hm.": "tense"}[run.turns[0].reply]


def test_reaction_lines_follow_the_deed_and_the_mood() -> None:
    persona = {
        "temper": 10,
        "lines": {
            "calm": {"en": ["Okay."]},
            "apologised": {
                "calm": {"en": ["Thanks for saying so."]},
                "angry": {"en": ["Sorry won't do."]},
            },
            "blamed": {"en": ["My fault?"]},
        },
    }
    s = _scenario_with(persona)
    calm = Engine(s).play([(Choose("own-it"), 3.0)], seed=1).turns[0]
    assert calm.reply == "Thanks for saying so." and calm.mood == "calm"
    angry_s = _scenario_with({**persona, "temper": 95})
    angry = Engine(angry_s).play([(Choose("own-it"), 3.0)], seed=1).turns[0]
    assert angry.reply == "Sorry won't do." and angry.mood == "angry"
    blamed = Engine(s).play([(Choose("shrug"), 3.0)], seed=1).turns[0]
    assert blamed.reply == "My fault?"  # shrug argues: the customer answers that, not a mood


def test_an_authored_reply_is_said_in_its_own_mood() -> None:
    data = minimal()
    data["beats"]["complaint"]["choices"][0]["reply"] = "Oh, thank you."
    data["beats"]["complaint"]["choices"][0]["reply_mood"] = "pleased"
    data["customer"]["persona"] = {"name": "Test", "temper": 95}
    s = build(data)
    turn = Engine(s).play([(Choose("own-it"), 3.0)], seed=1).turns[0]
    assert turn.anger > 60 and turn.mood == "pleased"
    data["beats"]["complaint"]["choices"][1]["reply_mood"] = "calm"  # no reply to go with
    scenario, diags = load_text(dump(data))
    assert scenario is None and any("reply_mood but no reply" in d.message for d in diags)


def _clock_walk(engine: Engine, state: State, moves: Iterable[tuple[int, float]]) -> list[float]:
    """The clock the window would show: ticking through each decision, then the reaction."""
    shown = [engine.clock(state)]
    for pick, after in moves:
        for step in (0.25, 0.5, 0.75, 1.0):
            ticked, _ = engine.tick(state, after * step)
            shown.append(engine.clock(ticked, after * step))
            if ticked.over:
                return shown
            state = ticked
        acts = options(engine.scenario, state.beat)
        state, _ = engine.step(state, acts[pick % len(acts)], after)
        shown.append(engine.clock(state))  # the reaction is on screen: no elapsed time
        if state.over:
            break
    return shown


@SETTINGS
@given(scenario_dict(), script_moves, st.integers(0, 2**31))
def test_the_in_world_clock_only_moves_forward_and_ends_where_the_debrief_does(
    data, moves, seed
) -> None:  # type: ignore
    scenario = build(data)
    engine = Engine(scenario)
    state = engine.start(seed)
    shown = _clock_walk(engine, state, moves)
    assert all(b >= a - 1e-9 for a, b in zip(shown, shown[1:], strict=False)), shown
    decisions: list[tuple[Action, float]] = []
    for pick, after in moves:
        ticked, _ = engine.tick(state, after)
        if ticked.over:
            break
        acts = options(scenario, ticked.beat)
        state, _ = engine.step(state, acts[pick % len(acts)], after)
        decisions.append((acts[pick % len(acts)], after))
        if state.over:
            break
    if not state.over or not decisions:
        return
    run = engine.play(decisions, seed=seed)
    doc = to_json(finish(run))
    minutes = engine.clock(run.final)
    assert doc["outcome"]["world_minutes"] == int(minutes + 0.5)
    assert all(e["minute"] <= minutes + 1e-9 for e in doc["transcript"])
    facts = score_run(run).facts
    assert facts.resolved_at is None or facts.resolved_at <= minutes + 1e-9


def test_the_remedy_total_stays_right_through_a_timeout_at_a_menu() -> None:
    data = minimal()
    data["beats"]["offer"]["patience_s"] = 3
    data["beats"]["offer"]["on_timeout"] = "offer-again"
    data["beats"]["offer-again"] = {"say": "Hello?", "menu": True, "next": "close"}
    data["remedies"][1]["cost"] = 9  # refund
    data["remedies"][2]["cost"] = 7  # voucher
    s = build(data)
    engine = Engine(s)
    state = engine.start(1)
    for action in (Choose("own-it"), Choose("what-would-help")):
        state, _ = engine.step(state, action, 2.0)
    assert state.beat == "offer"
    selected = ["refund", "voucher", "manager"]
    before = engine.remedy_total(state, selected)
    assert before == 16.0
    ticked, events = engine.tick(state, 7.0)  # two patience intervals: a timeout moves on
    assert [e.kind for e in events][:2] == ["timeout", "moved"] and ticked.beat == "offer-again"
    assert engine.remedy_total(ticked, selected) == before
    done, _ = engine.step(state, Offer(tuple(selected)), 7.0)
    assert engine.committed(done) == before
    # Offering one of them again later is not spending twice.
    assert engine.remedy_total(done, ["refund"]) == before
    run = engine.play(
        [(Choose("own-it"), 2.0), (Choose("what-would-help"), 2.0), (Offer(tuple(selected)), 7.0)],
        seed=1,
    )
    assert math.isclose(score_run_facts(run), before)


def score_run_facts(run) -> float:  # type: ignore[no-untyped-def]
    from trainer.scoring.facts import extract

    return extract(run.scenario, run.turns).discretionary


def test_bundled_model_runs_answer_with_reactions() -> None:
    """On the bundled model paths, most replies answer the deed (not a generic mood line)."""
    from variants import model_decisions

    answered = total = 0
    for scenario in bundled():
        run = Engine(scenario).play(model_decisions(scenario), seed=3)
        reactions = set().union(*(lines_of(scenario.persona, k) for k in REACTIONS))
        for turn in run.turns:
            choice = scenario.beats[turn.beat].choice(turn.choice) if turn.choice else None
            if choice is not None and choice.reply is not None:
                continue
            total += 1
            answered += turn.reply in reactions
    assert answered >= total * 0.6, (answered, total)
