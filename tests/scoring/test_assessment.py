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


# -- a fix makes good its own losses; a second loss takes its own remedy ------------------------


def _two_losses(scenario: Scenario, split: float = 0.5) -> Scenario | None:
    """The scenario's failure as two losses worth ``split`` and ``1 - split`` of its value, and a
    menu of: a fix for the first loss, the fix for both, money for the second loss (fair and
    three times fair)."""
    losses = sorted(scenario.failure.losses)
    if len(losses) < 2:
        return None
    from types import MappingProxyType

    first, second = losses[0], losses[1]
    v = scenario.failure.value
    values = {first: v * split, second: v * (1 - split)}
    failure = replace(scenario.failure, losses=frozenset(values), values=MappingProxyType(values))
    remedies = (
        remedy("x-fix-one", 0, {first}, fixes=True),
        remedy("x-fix-all", 0, {first, second}, fixes=True),
        remedy("x-second", v * (1 - split), {second}),
        remedy("x-second-3x", v * (1 - split) * 3 + v, {second}),
    )
    base = map_choices(scenario, offer=(), escalate=False)
    return replace(base, failure=failure, remedies=remedies)


def _check_fix_restores(scenario: Scenario, decisions: Decisions, index: int) -> bool:
    s = _two_losses(scenario)
    if s is None:
        return False
    fix_all, fix_one, fix_and_second, fix_and_big = score_offers(
        s,
        decisions,
        index,
        ("x-fix-all",),
        ("x-fix-one",),
        ("x-fix-one", "x-second"),
        ("x-fix-one", "x-second-3x"),
    )
    # A fix makes good only the losses it restores...
    assert fix_all > fix_one, scenario.id
    # ...so fair money for the other loss completes it: fair, not over-compensation.
    assert fix_and_second > fix_one, scenario.id
    assert fix_and_second[0] >= RUBRIC.fair_threshold, scenario.id
    assert fix_and_second > fix_and_big, scenario.id
    r = result(s, replace_offer(decisions, index, "x-fix-one", "x-second"))
    assert not any(n.key == "remedy.too_much" for n in r.notes["remedy_fit"]), scenario.id
    # What each loss is worth decides how much a fix of it makes good.
    heavy = _two_losses(scenario, split=0.8)
    light = _two_losses(scenario, split=0.2)
    assert heavy is not None and light is not None
    (h,) = score_offers(heavy, decisions, index, ("x-fix-one",))
    (li,) = score_offers(light, decisions, index, ("x-fix-one",))
    assert h[0] > li[0], scenario.id
    return True


def test_a_fix_makes_good_its_own_losses_bundled() -> None:
    on_bundled(_check_fix_restores)


@GENERATED
@given(recovery_dict())
def test_a_fix_makes_good_its_own_losses_generated(data) -> None:  # type: ignore
    scenario = generated(data)
    assume(len(scenario.failure.losses) >= 2)
    on_generated(scenario, _check_fix_restores)
