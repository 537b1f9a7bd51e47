"""The encounter engine: transitions, timeouts, anger with inertia, replies, determinism."""

from __future__ import annotations

import pytest
from helpers import dump, load_text, minimal

from trainer.engine import ActionError, Choose, Engine, Offer, reactions
from trainer.scenario.model import Scenario


def scenario(**persona: object) -> Scenario:
    data = minimal()
    if persona:
        data["customer"]["persona"] = {"name": "Test", **persona}
    data["beats"]["ask"]["patience_s"] = 6
    data["beats"]["ask"]["on_timeout"] = "impatient"
    data["beats"]["impatient"] = {
        "say": "Hello? Are you going to do anything?",
        "choices": [
            {
                "id": "sorry-wait",
                "text": "Sorry, here's what I can do.",
                "apology": ["regret"],
                "next": "offer",
            },
            {
                "id": "what-would-help",
                "text": "What would help?",
                "listen": "open",
                "next": "offer",
            },
        ],
    }
    loaded, diags = load_text(dump(data))
    assert loaded is not None, [str(d) for d in diags]
    return loaded


GOOD = [
    (Choose("own-it"), 3.0),
    (Choose("what-would-help"), 4.0),
    (Offer(("remake",)), 5.0),
    (Choose("full"), 3.0),
]


def test_plays_to_the_end_and_records_turns() -> None:
    s = scenario()
    run = Engine(s).play(GOOD, seed=1)
    assert run.complete
    assert [t.beat for t in run.turns] == ["complaint", "ask", "offer", "close"]
    assert run.turns[2].offer == ("remake",)
    assert run.turns[0].choice == "own-it"
    assert run.final.minute > 3  # 1 + 1 + 1 + 1 minutes plus the seconds


def test_good_handling_lowers_anger_and_bad_raises_it() -> None:
    s = scenario()
    engine = Engine(s)
    start = engine.start()
    good, _ = engine.step(start, Choose("own-it"), 2)
    bad, _ = engine.step(start, Choose("shrug"), 2)
    assert good.anger < start.anger < bad.anger


def test_anger_has_inertia() -> None:
    """A persona with high inertia moves less on the same handling (research digest)."""
    low = scenario(temper=40, inertia=0.2)
    high = scenario(temper=40, inertia=0.95)

    def drop(s: Scenario) -> float:
        engine = Engine(s)
        state = engine.start()
        state, _ = engine.step(state, Choose("own-it"), 2)
        state, _ = engine.step(state, Choose("what-would-help"), 2)
        return engine.start().anger - state.anger

    assert drop(low) != drop(high)
    # Without any handling effect, the failure's grievance holds anger where it started.
    s = scenario(temper=40, inertia=0.6)
    assert reactions.next_anger(s, 70.0, 0.0, grievance=1.0) == pytest.approx(
        reactions.start_anger(s) + 0.6 * (70.0 - reactions.start_anger(s))
    )


def test_timeout_raises_anger_and_moves_to_on_timeout() -> None:
    s = scenario()
    engine = Engine(s)
    state, _ = engine.step(engine.start(), Choose("own-it"), 2)
    before = state.anger
    new, events = engine.step(state, Choose("what-would-help"), 7)  # patience 6 at "ask"
    assert [e.kind for e in events][:2] == ["timeout", "moved"]
    assert new.turns[-1].beat == "impatient" and new.turns[-1].asked_at == "ask"
    assert new.turns[-1].timeouts == 1
    assert new.turns[-1].anger_before == pytest.approx(min(100, before + reactions.TIMEOUT))


def test_a_choice_missing_from_the_timeout_beat_is_an_error() -> None:
    s = scenario()
    engine = Engine(s)
    state, _ = engine.step(engine.start(), Choose("own-it"), 2)
    with pytest.raises(ActionError, match="not a choice of beat 'impatient'"):
        engine.step(state, Choose("skip"), 30)


def test_ticking_in_real_time_equals_one_step_with_the_total() -> None:
    s = scenario()
    engine = Engine(s)
    state, _ = engine.step(engine.start(), Choose("own-it"), 2)
    direct, _ = engine.step(state, Choose("what-would-help"), 20.5)
    ticked = state
    for elapsed in (1, 5.9, 6.0, 6.1, 11, 12.5, 17.9, 18.2, 20.4):
        ticked, _ = engine.tick(ticked, elapsed)
    ticked, _ = engine.step(ticked, Choose("what-would-help"), 20.5)
    assert ticked == direct


def test_persona_patience_applies_without_beat_patience() -> None:
    s = scenario(patience_s=4)
    engine = Engine(s)
    _, events = engine.step(engine.start(), Choose("own-it"), 9)
    assert [e.kind for e in events].count("timeout") == 2


@pytest.mark.parametrize(
    "action, message",
    [
        (Choose("nope"), "not a choice of beat 'complaint'"),
        (Offer(("refund",)), "is not a remedy menu"),
    ],
)
def test_actions_that_do_not_fit(action: object, message: str) -> None:
    engine = Engine(scenario())
    with pytest.raises(ActionError, match=message):
        engine.step(engine.start(), action, 1)  # type: ignore[arg-type]


def test_menu_errors() -> None:
    engine = Engine(scenario())
    state = engine.start()
    state, _ = engine.step(state, Choose("own-it"), 1)
    state, _ = engine.step(state, Choose("what-would-help"), 1)
    with pytest.raises(ActionError, match="use offer"):
        engine.step(state, Choose("own-it"), 1)
    with pytest.raises(ActionError, match="not on the remedy menu"):
        engine.step(state, Offer(("free-car",)), 1)
    with pytest.raises(ActionError, match="offered twice"):
        engine.step(state, Offer(("refund", "refund")), 1)
    with pytest.raises(ActionError, match="finite"):
        engine.step(state, Offer(("refund",)), float("nan"))


def test_play_reports_the_index_of_the_bad_step_and_extra_steps() -> None:
    engine = Engine(scenario())
    with pytest.raises(ActionError) as info:
        engine.play([(Choose("own-it"), 1), (Choose("bogus"), 1)])
    assert info.value.index == 1
    with pytest.raises(ActionError) as info:
        engine.play(GOOD + [(Choose("full"), 1)])
    assert info.value.index == 4


def test_same_seed_same_run_and_replies_vary_with_seed() -> None:
    s = scenario(
        lines={
            "calm": {"en": [f"calm {i}" for i in range(20)]},
            "pleased": {"en": [f"pleased {i}" for i in range(20)]},
            "tense": {"en": [f"tense {i}" for i in range(20)]},
            "angry": {"en": [f"angry {i}" for i in range(20)]},
        }
    )
    engine = Engine(s)
    assert engine.play(GOOD, seed=3) == engine.play(GOOD, seed=3)
    replies = {tuple(t.reply for t in engine.play(GOOD, seed=seed).turns) for seed in range(8)}
    assert len(replies) > 1


def test_reply_follows_mood_and_authored_reply_wins() -> None:
    s = scenario(
        temper=10,
        lines={
            "pleased": {"en": ["Lovely."]},
            "calm": {"en": ["Okay."]},
            "tense": {"en": ["Hm."]},
            "angry": {"en": ["No!"]},
            "furious": {"en": ["NO!"]},
        },
    )
    engine = Engine(s)
    state, _ = engine.step(engine.start(), Choose("shrug"), 1)
    mood = reactions.mood_of(state.anger)
    assert (
        state.turns[-1].reply
        == {
            "pleased": "Lovely.",
            "calm": "Okay.",
            "tense": "Hm.",
            "angry": "No!",
            "furious": "NO!",
        }[mood]
    )
    data = minimal()
    data["beats"]["complaint"]["choices"][1]["reply"] = {"en": "Excuse me?"}
    authored, _ = load_text(dump(data))
    assert authored is not None
    engine = Engine(authored)
    state, _ = engine.step(engine.start(), Choose("shrug"), 1)
    assert state.turns[-1].reply == "Excuse me?"


def test_five_moods() -> None:
    assert [reactions.mood_of(a) for a in (5, 30, 50, 70, 95)] == [
        "pleased",
        "calm",
        "tense",
        "angry",
        "furious",
    ]


def test_never_satisfied_stays_unhappy() -> None:
    s = scenario(satisfiable=False, temper=50)
    run = Engine(s).play(GOOD)
    assert run.final.anger >= 55


def test_step_after_end_is_an_error() -> None:
    engine = Engine(scenario())
    run = engine.play(GOOD)
    with pytest.raises(ActionError, match="over"):
        engine.step(run.final, Choose("full"), 1)
