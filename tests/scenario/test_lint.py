"""Lint: warnings for content that is valid but probably wrong, and the loophole search."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from helpers import bundled, dump, load_text, minimal

from trainer.application.lint import lint, loopholes
from trainer.scenario.model import Scenario
from trainer.scoring.rubric import RUBRIC


def build(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    return scenario


def warnings(scenario: Scenario) -> list[str]:
    return [d.message for d in lint(scenario)]


def test_the_minimal_scenario_is_clean() -> None:
    assert warnings(build(minimal())) == []


def test_unreachable_beat() -> None:
    data = minimal()
    data["beats"]["orphan"] = {
        "say": "Nobody comes here.",
        "choices": [{"id": "x", "text": "x", "next": "end"}],
    }
    scenario = build(data)
    found = [d for d in lint(scenario) if "cannot be reached" in d.message]
    assert len(found) == 1 and "'orphan'" in found[0].message
    assert found[0].line == scenario.beats["orphan"].pos.line  # type: ignore[union-attr]


def test_loop_without_exit() -> None:
    data = minimal()
    data["beats"]["ask"]["choices"][1]["next"] = "trap"
    data["beats"]["trap"] = {
        "say": "Round and round.",
        "choices": [{"id": "again", "text": "again", "next": "trap2"}],
    }
    data["beats"]["trap2"] = {
        "say": "And again.",
        "choices": [{"id": "back", "text": "back", "next": "trap"}],
    }
    msgs = warnings(build(data))
    assert any("'trap' is in a loop that never reaches end" in m for m in msgs)
    assert any("'trap2' is in a loop that never reaches end" in m for m in msgs)


def test_locale_coverage() -> None:
    data = minimal(locales=["en", "vi"])
    data["title"] = {"en": "Cold coffee", "vi": "Cà phê nguội"}
    scenario = build(data)
    found = [d for d in lint(scenario) if "no 'vi' text" in d.message]
    assert any("beat 'complaint' say" in d.message for d in found)
    assert all(d.line > 1 for d in found if "say" in d.message)
    assert not any("title has no" in d.message for d in found)


def test_no_remedy_restores_the_losses() -> None:
    data = minimal()
    for r in data["remedies"]:
        r["restores"] = ["status"]
        r.pop("fixes", None)
    assert any("cannot be put right" in m for m in warnings(build(data)))


def test_menu_all_over_budget_without_escalation() -> None:
    data = minimal()
    data["remedies"] = [r for r in data["remedies"] if not r.get("escalate")]
    data["authority"]["budget"] = 1
    assert any(
        "every remedy on the menu costs more than the budget" in m for m in warnings(build(data))
    )


def test_loophole_search_reports_a_rubric_that_rewards_skipping_the_apology() -> None:
    """With a broken rubric (apologies worth nothing, no cap without one), lint must say that
    the path that skips the apology outranks the principled one."""
    data = minimal()
    data["beats"]["complaint"]["choices"][0]["empathy"] = False
    data["beats"]["complaint"]["choices"].append(
        {"id": "skip-apology", "text": "Right, let's sort it.", "empathy": True, "next": "ask"}
    )
    scenario = build(data)
    assert loopholes(scenario) == []
    broken = replace(
        RUBRIC,
        components=MappingProxyType({k: 0.0 for k in RUBRIC.components}),
        cap_no_apology=100.0,
        content_share=0.0,
        delivery_share=1.0,
        penalties=MappingProxyType({**RUBRIC.penalties, "argue": 0.0}),
    )
    broken = replace(broken, delivery=MappingProxyType({**broken.delivery, "empathy": 60.0}))
    found = loopholes(scenario, broken)
    assert any("skips the apology" in d.message for d in found), [d.message for d in found]


def test_loophole_search_reports_a_rubric_that_rewards_overpaying() -> None:
    """Only the over-the-top remedy makes good every loss; a rubric without the decline beyond
    150% would rank it first, and lint must say so."""
    data = minimal()
    data["failure"]["losses"] = ["money", "comfort", "status"]
    data["remedies"].append(
        {
            "id": "free-year",
            "label": "Free coffee for a year",
            "cost": 15,
            "value": 500,
            "restores": ["money", "comfort", "status"],
        }
    )
    scenario = build(data)
    assert loopholes(scenario) == []
    broken = replace(RUBRIC, over_floor=1.0, over_end=1e9, plateau_top=1e9, breach_cost=0.0)
    found = loopholes(scenario, broken)
    assert any("over-compensates" in d.message for d in found), [d.message for d in found]


def test_bundled_content_lints_clean() -> None:
    for scenario in bundled():
        assert [str(d) for d in lint(scenario)] == [], scenario.id


def test_no_principled_path() -> None:
    data = minimal()
    data["beats"]["complaint"]["choices"] = [
        {
            "id": "blame",
            "text": "You ordered it iced.",
            "apology": ["blame-customer"],
            "next": "ask",
        }
    ]
    assert any(
        "no path through the scenario honours every principle" in m for m in warnings(build(data))
    )


def test_ascii_punctuation_in_chinese_text() -> None:
    data = minimal(locales=["en", "zh-Hans"])
    data["title"] = {"en": "Cold coffee", "zh-Hans": "冷咖啡"}
    data["beats"]["complaint"]["say"] = {
        "en": "This latte is cold.",
        "zh-Hans": "这杯拿铁是凉的,换一杯吧。",
    }
    found = [m for m in warnings(build(data)) if "full-width" in m]
    assert len(found) == 1 and "'，'" in found[0] and "beat 'complaint' say (zh-Hans)" in found[0]


# -- tells: the best answer recognisable without reading it ----------------------------------


def _long_best() -> dict:  # type: ignore[type-arg]
    """The minimal scenario with its best answers far longer than the mistakes at every beat."""
    data = minimal()
    beats = data["beats"]
    beats["complaint"]["choices"][0]["text"] = (
        "I'm so sorry, Mr. Lind. That's our mistake: it sat at the pass too long. I'll make you "
        "a fresh, hot one right now."
    )
    beats["ask"]["choices"][0]["text"] = "What would help you most right now? Another latte?"
    beats["close"]["choices"][0]["text"] = (
        "We'll check the machine so it doesn't happen again, and I've logged it. Thanks for "
        "telling me."
    )
    beats["complaint"]["choices"][1]["text"] = "Sorry, it was hot."
    beats["ask"]["choices"][1]["text"] = "Here's the plan."
    beats["close"]["choices"][1]["text"] = "Bye."
    return data


def test_a_best_path_that_is_always_the_longest_is_a_tell() -> None:
    found = [m for m in warnings(build(_long_best())) if "markedly the longest" in m]
    assert len(found) == 1, warnings(build(_long_best()))
    assert "at 3 of its 3 beats" in found[0] and "x the next longest" in found[0]
    # A plausible mistake as long as the best answer at two of the beats removes the tell.
    data = _long_best()
    data["beats"]["complaint"]["choices"][1]["text"] = (
        "Sorry, but it was hot when it left the bar, I watched it go out, so it must have "
        "cooled while it was sitting on your table."
    )
    data["beats"]["close"]["choices"][1]["text"] = (
        "Bye then. Have a good day, and come back soon; we're open until six every evening."
    )
    assert not [m for m in warnings(build(data)) if "tell" in m]


def test_a_best_path_that_alone_says_sorry_is_a_tell() -> None:
    data = minimal()
    data["beats"]["complaint"]["choices"][0]["text"] = "Oh, I do apologise. That's our mistake."
    data["beats"]["complaint"]["choices"][1]["text"] = "It was hot when it left the bar, I think."
    found = [m for m in warnings(build(data)) if "words of apology" in m]
    assert len(found) == 1 and "tell (en)" in found[0], warnings(build(data))
    data["beats"]["complaint"]["choices"].append(
        {
            "id": "sorry-if",
            "text": "Sorry if it isn't hot enough for you.",
            "apology": ["conditional"],
            "next": "ask",
        }
    )
    assert not [m for m in warnings(build(data)) if "words of apology" in m]


def test_apology_words_are_found_in_each_language() -> None:
    from trainer.application.lint import _apology_words

    for locale, text in (
        ("en", "I apologise for that."),
        ("zh-Hans", "真的很抱歉。"),
        ("zh-Hant", "對不起，是我們的錯。"),
        ("vi", "Em xin lỗi chị."),
    ):
        assert _apology_words(locale).search(text), locale


def test_patience_below_the_decision_target_is_named() -> None:
    data = minimal()
    data["timing"] = {"decide_s": 12}
    data["beats"]["ask"]["patience_s"] = 8
    found = [m for m in warnings(build(data)) if "below the decision target" in m]
    assert len(found) == 1 and "(timing.decide_s: 12)" in found[0] and "ask (8 s)" in found[0]
    data["customer"]["persona"] = {"name": "Quick", "patience_s": 5}
    found = [m for m in warnings(build(data)) if "below the decision" in m]
    assert len(found) == 1 and "(5 s, the persona)" in found[0], found


def test_a_fix_that_restores_nothing_is_named() -> None:
    data = minimal()
    del data["remedies"][0]["restores"]
    found = [m for m in warnings(build(data)) if "restores none of the losses" in m]
    assert len(found) == 1 and "remedy 'remake'" in found[0]


def test_always_taking_the_longest_text_close_to_best_practice_is_a_tell() -> None:
    data = _long_best()
    found = [m for m in warnings(build(data)) if "always taking the longest text scores" in m]
    assert len(found) == 1 and "within 15 points of best practice" in found[0], found
    assert "own-it -> what-would-help" in found[0]  # the path it describes
