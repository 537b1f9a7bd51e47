"""Lint: warnings for content that is valid but probably wrong, and the loophole search."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from helpers import bundled, dump, load_text, minimal

from trainer.scenario.lint import lint, loopholes
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
