"""Lint for design smells: each fires on a scenario that has the smell, at the right place, and
is silent once the smell is fixed. The bundled library has none (CI runs lint --strict)."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import bundled, dump, load_text, minimal

from trainer.application.lint import (
    beats_off_the_best_path,
    beats_without_a_wrong_choice,
    design_smells,
    fix_beyond_authority,
    mistakes_without_feedback,
    no_responsible_apology,
    patience_below_target,
)
from trainer.scenario.model import Scenario


def build(data: dict[str, Any]) -> Scenario:
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags]
    return scenario


def test_the_minimal_scenario_has_no_smell() -> None:
    assert design_smells(build(minimal())) == []


@pytest.mark.parametrize("scenario", bundled(), ids=lambda s: s.id)
def test_the_bundled_library_has_no_smell(scenario: Scenario) -> None:
    assert [str(d) for d in design_smells(scenario)] == []


def test_no_responsible_apology() -> None:
    data = minimal()
    data["beats"]["complaint"]["choices"][0]["apology"] = ["regret", "repair"]
    found = no_responsible_apology(build(data))
    assert len(found) == 1 and "no choice takes responsibility" in found[0].message
    data["failure"]["fault"] = "external"
    assert no_responsible_apology(build(data)) == []


def test_the_only_fix_beyond_authority_without_escalation() -> None:
    data = minimal()
    data["remedies"][0]["cost"] = 50  # remake: the only fix, budget 20
    scenario = build(data)
    assert fix_beyond_authority(scenario) == []  # the manager can be called
    data["remedies"] = data["remedies"][:3]
    scenario = build(data)
    found = fix_beyond_authority(scenario)
    assert len(found) == 1 and "the only remedy that fixes the problem ('remake' (50))" in (
        found[0].message
    )
    assert found[0].line == scenario.remedies[0].pos.line  # type: ignore[union-attr]
    data["beats"]["close"]["choices"][1]["escalate"] = True
    assert fix_beyond_authority(build(data)) == []
    data["beats"]["close"]["choices"][1]["escalate"] = False
    data["remedies"][0]["owed"] = True
    assert fix_beyond_authority(build(data)) == []


def test_a_mistake_without_feedback() -> None:
    data = minimal()
    del data["beats"]["complaint"]["choices"][1]["feedback"]
    scenario = build(data)
    found = mistakes_without_feedback(scenario)
    assert len(found) == 1
    assert "choice 'shrug' in beat 'complaint' is a mistake (apology: argue)" in found[0].message
    shrug = scenario.beats["complaint"].choices[1]
    assert (found[0].line, found[0].col) == (shrug.pos.line, shrug.pos.col)  # type: ignore[union-attr]
    data["beats"]["complaint"]["choices"][1]["boundary"] = "retaliate"
    assert (
        "(apology: argue, boundary: retaliate)" in mistakes_without_feedback(build(data))[0].message
    )


def test_patience_below_the_decision_target() -> None:
    data = minimal(timing={"decide_s": 25})  # the reasonable persona waits 20 s
    found = patience_below_target(build(data))
    assert len(found) == 1
    assert "complaint (20 s, the persona), ask (20 s, the persona)" in found[0].message
    assert "set decide_s to 20 or less" in found[0].message
    data["beats"]["ask"]["patience_s"] = 30
    message = patience_below_target(build(data))[0].message
    assert "ask" not in message and "complaint (20 s" in message
    data = minimal(timing={"decide_s": 10})
    data["beats"]["ask"]["patience_s"] = 6
    message = patience_below_target(build(data))[0].message
    assert "at: ask (6 s);" in message
    assert patience_below_target(build(minimal(timing={"decide_s": 20}))) == []


def with_confirm(choices: list[dict[str, Any]]) -> dict[str, Any]:
    data = minimal()
    data["beats"]["ask"]["choices"][0]["next"] = "confirm"
    data["beats"]["confirm"] = {"say": "Right?", "choices": choices}
    return data


def test_a_beat_where_every_choice_is_good() -> None:
    plain = [
        {"id": "yes", "text": "Yes.", "next": "offer"},
        {"id": "right", "text": "Right.", "next": "offer"},
    ]
    found = beats_without_a_wrong_choice(build(with_confirm(plain)))
    assert len(found) == 1 and "every choice at beat 'confirm' is good" in found[0].message
    # A choice the rubric scores lower (a long detour delays the fix) is a real decision.
    slow = [plain[0], {**plain[1], "minutes": 40}]
    assert beats_without_a_wrong_choice(build(with_confirm(slow))) == []
    marked = [plain[0], {**plain[1], "feedback": "Too curt."}]
    assert beats_without_a_wrong_choice(build(with_confirm(marked))) == []
    single = beats_without_a_wrong_choice(build(with_confirm(plain[:1])))
    assert len(single) == 1 and "has a single choice" in single[0].message


def test_a_beat_the_best_path_never_visits() -> None:
    data = minimal()
    data["beats"]["ask"]["choices"].append(
        {"id": "wander", "text": "Let me think.", "next": "detour"}
    )
    data["beats"]["detour"] = {
        "say": "Hello?",
        "choices": [
            {"id": "back", "text": "Sorry.", "next": "offer"},
            {
                "id": "shrug2",
                "text": "Hm.",
                "apology": ["argue"],
                "feedback": "No.",
                "next": "offer",
            },
        ],
    }
    scenario = build(data)
    found = beats_off_the_best_path(scenario)
    assert (
        len(found) == 1 and "beat 'detour' is never on the best-practice path" in found[0].message
    )
    assert "'wander' at 'ask'" in found[0].message
    assert found[0].line == scenario.beats["detour"].pos.line  # type: ignore[union-attr]
    data["beats"]["ask"]["choices"][-1]["feedback"] = "Silence while she waits."
    assert beats_off_the_best_path(build(data)) == []
