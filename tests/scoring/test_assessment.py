"""Principles 14 to 17 of scoring.md, each shown as orderings on bundled scenarios (at least two)
and on generated scenarios nobody has seen: the first handling scores higher than the second,
everything else equal."""

from __future__ import annotations

from dataclasses import replace

from helpers import dump, load_text
from hypothesis import HealthCheck, assume, given, settings
from strategies import recovery_dict
from variants import (
    Decisions,
    bundled_with_scripts,
    first_menu_turn,
    map_choices,
    model_decisions,
    patient,
    remedy,
    replace_offer,
    result,
    walk,
)

from trainer.scenario.model import Scenario
from trainer.scoring.rubric import RUBRIC

GENERATED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def generated(data: dict) -> Scenario:  # type: ignore[type-arg]
    scenario, diags = load_text(dump(data))
    assert scenario is not None, [str(d) for d in diags if d.is_error]
    return patient(scenario)


def on_bundled(check, minimum: int = 2) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``check(scenario, decisions, menu_index)`` on every bundled model path with a menu."""
    applied = []
    for scenario in bundled_with_scripts():
        decisions = model_decisions(scenario)
        index = first_menu_turn(scenario, decisions)
        if index is None:
            continue
        if check(patient(scenario), decisions, index) is not False:
            applied.append(scenario.id)
    assert len(applied) >= minimum, f"shown on {applied} only"
    return applied


def on_generated(scenario: Scenario, check) -> None:  # type: ignore[no-untyped-def]
    """Run ``check`` on a generated scenario's path (first choice everywhere, choices' own offers
    removed so that the menu decides what is offered)."""
    scenario = map_choices(scenario, offer=())
    first_remedy = scenario.remedies[0].id
    decisions = walk(scenario, (first_remedy,))
    index = first_menu_turn(scenario, decisions)
    assume(index is not None)
    check(scenario, decisions, index)


def score_offers(scenario: Scenario, decisions: Decisions, index: int, *offers: tuple[str, ...]):  # type: ignore[no-untyped-def]
    out = []
    for ids in offers:
        r = result(scenario, replace_offer(decisions, index, *ids))
        out.append((r.raw["remedy_fit"], r.raw["overall"]))
    return out


# -- 15. escalation: for what it is for -----------------------------------------------------------


def _handover_menu(scenario: Scenario) -> Scenario:
    """Only: an in-budget part of the fair remedy, the rest of it beyond authority, a token, a huge
    over-payment beyond authority, a manager and a security call."""
    v = scenario.failure.value
    budget = scenario.authority.budget
    losses = scenario.failure.losses
    remedies = (
        remedy("x-part", v * 0.6, losses, cost=min(budget, v * 0.6)),
        remedy("x-rest", v * 0.6, losses, cost=budget + v + 1),
        remedy("x-token", v * 0.05, losses, cost=0),
        remedy("x-huge", v * 4, losses, cost=budget + v + 1),
        remedy("x-manager", 0, set(), escalate=True),
        remedy("x-security", 0, set(), escalate=True, security=True),
    )
    return replace(map_choices(scenario, offer=(), escalate=False), remedies=remedies)


def _check_handover(scenario: Scenario, decisions: Decisions, index: int) -> None:
    s = _handover_menu(scenario)
    (
        part_manager,
        manager,
        part,
        token_manager,
        part_rest,
        security,
        part_security,
        unfair_manager,
    ) = score_offers(
        s,
        decisions,
        index,
        ("x-part", "x-manager"),
        ("x-manager",),
        ("x-part",),
        ("x-token", "x-manager"),
        ("x-part", "x-rest"),
        ("x-security",),
        ("x-part", "x-security"),
        ("x-part", "x-huge", "x-manager"),
    )
    # The hand-over is credited for the part beyond authority only: the in-budget part must
    # still be given, and be fair.
    assert part_manager > manager, scenario.id
    assert part_manager > token_manager, scenario.id
    # Escalating beats refusing the rest, and beats exceeding authority.
    assert part_manager > part, scenario.id
    assert part_manager[0] > part_rest[0], scenario.id
    # A security call is not a remedy: alone it is no offer, beside one it changes nothing.
    assert security[0] == 0.0, scenario.id
    assert part_security[0] == part[0], scenario.id
    # It never turns an unfair offer into a fair one.
    assert unfair_manager[0] < RUBRIC.fair_threshold, scenario.id
    assert unfair_manager[0] < part_manager[0], scenario.id


def test_15_a_handover_counts_only_for_what_is_beyond_authority_bundled() -> None:
    on_bundled(_check_handover)


@GENERATED
@given(recovery_dict())
def test_15_a_handover_counts_only_for_what_is_beyond_authority_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_handover)
