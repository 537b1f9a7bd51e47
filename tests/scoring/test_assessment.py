"""Principles 14 to 17 of scoring.md, each shown as orderings on bundled scenarios (at least two)
and on generated scenarios nobody has seen: the first handling scores higher than the second,
everything else equal."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from helpers import dump, load_text
from hypothesis import HealthCheck, assume, given, settings
from strategies import recovery_dict
from variants import (
    Decisions,
    add_choice,
    bundled_with_scripts,
    choice_turns,
    first_menu_turn,
    map_beats,
    map_choices,
    model_decisions,
    patient,
    remedy,
    replace_offer,
    result,
    walk,
    with_beat,
    with_choice,
)

from trainer.engine import Choose
from trainer.scenario.model import APOLOGY_GOOD, Scenario
from trainer.scoring.rubric import RUBRIC
from trainer.scoring.score import Result

GENERATED = settings(
    max_examples=40,
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


def clean(scenario: Scenario) -> Scenario:
    """The scenario without the marks of poor handling (blame, retaliation, interruptions, poor
    conduct), so that no cap or floor hides the one thing a check changes."""
    beats = {}
    for bid, beat in scenario.beats.items():
        choices = tuple(
            replace(
                c,
                apology=tuple(t for t in c.apology if t in APOLOGY_GOOD),
                listen=None if c.listen == "interrupt" else c.listen,
                boundary=c.boundary if c.boundary == "calm" else None,
                conduct=(),
                offer=(),
            )
            for c in beat.choices
        )
        beats[bid] = replace(beat, choices=choices)
    return replace(scenario, beats=MappingProxyType(beats))


def on_generated(scenario: Scenario, check) -> None:  # type: ignore[no-untyped-def]
    """Run ``check`` on a generated scenario's path (first choice everywhere, choices' own offers
    removed so that the menu decides what is offered; no poor handling that would cap a score)."""
    scenario = clean(scenario)
    first_remedy = scenario.remedies[0].id
    decisions = walk(scenario, (first_remedy,))
    index = first_menu_turn(scenario, decisions)
    assume(index is not None)
    check(scenario, decisions, index)


def assert_ranked(results: list[Result], dim: str, scenario: Scenario) -> None:
    """Each result scores higher than the next on ``dim``; for the overall, strictly unless a cap
    or gate holds it at a ceiling (retaliation, an unfixed failure, a slow recovery, the breach
    cap) or it is at 0."""
    for better, worse in zip(results, results[1:], strict=False):
        a, b = better.raw[dim], worse.raw[dim]
        if dim == "overall" and (_held(better) or _held(worse) or b <= 0.0):
            assert a >= b - 1e-9, (scenario.id, dim, a, b)
        else:
            assert a > b, (scenario.id, dim, [r.raw[dim] for r in results])


def _held(r: Result) -> bool:
    breach_points = sum(n.points for n in r.notes["overall"] if n.key.startswith("breach."))
    return r.capped or r.gated or breach_points >= RUBRIC.breach_cap


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


# -- 14. conduct is judged at the turn it happens -------------------------------------------------

FULL = ("regret", "responsibility", "repair")


def _two_turns_before_offer(scenario: Scenario, decisions: Decisions, index: int):  # type: ignore[no-untyped-def]
    """The first two decisions before the menu that neither listen nor approach (a chance to
    apologise passes at them, as it does not while listening first)."""

    def listening(beat: str, cid: str) -> bool:
        choice = scenario.beats[beat].choice(cid)
        return choice is not None and (choice.listen in ("open", "paraphrase") or choice.proactive)

    turns = [
        t for t in choice_turns(scenario, decisions) if t[0] < index and not listening(t[1], t[2])
    ]
    return turns[:2] if len(turns) >= 2 else None


def _check_first_apology(scenario: Scenario, decisions: Decisions, index: int) -> bool:
    turns = _two_turns_before_offer(scenario, decisions, index)
    if turns is None:
        return False
    (i0, beat0, c0), (i1, beat1, c1) = turns
    bare = map_choices(scenario, apology=(), escalate=False)
    # The full apology is on offer at the first turn in every variant (a chance to say it).
    bare = add_choice(bare, beat0, c0, "x-own-it", apology=FULL)

    def run(first: str, first_tags: tuple[str, ...], second_tags: tuple[str, ...]):  # type: ignore[no-untyped-def]
        s = with_choice(bare, beat0, c0, apology=first_tags)
        s = with_choice(s, beat1, c1, apology=second_tags)
        d = list(decisions)
        d[i0] = (Choose(first), d[i0][1])
        return result(s, d)

    full_first = run("x-own-it", (), ())
    poor_then_full = run(c0, ("conditional",), FULL)
    none_then_full = run(c0, (), FULL)
    none = run(c0, (), ())
    ranked = [full_first, poor_then_full, none_then_full, none]
    assert_ranked(ranked, "apology", scenario)
    assert_ranked(ranked, "overall", scenario)
    return True


def test_14_the_first_apology_weighs_most_bundled() -> None:
    on_bundled(_check_first_apology)


@GENERATED
@given(recovery_dict())
def test_14_the_first_apology_weighs_most_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_first_apology)


def _slow(scenario: Scenario) -> Scenario:
    """Every remedy takes a while to carry out (a wait), and nothing else informs or stalls."""
    s = map_choices(scenario, inform=False, conduct=(), escalate=False)
    return replace(s, remedies=tuple(replace(r, minutes=RUBRIC.wait_min * 3) for r in s.remedies))


def _check_informing(scenario: Scenario, decisions: Decisions, index: int) -> bool:
    after = [t for t in choice_turns(scenario, decisions) if t[0] > index]
    before = [t for t in choice_turns(scenario, decisions) if t[0] < index]
    if not after or not before:
        return False
    s = _slow(scenario)
    _, wb, wc = before[-1]
    # A second wait: the last choice before the menu takes time too.
    s = with_choice(s, wb, wc, minutes=RUBRIC.wait_min * 2)
    _, ab, ac = after[0]

    def speed(*changes: tuple[str, str, dict]) -> float:  # type: ignore[type-arg]
        v = s
        for beat, cid, kw in changes:
            v = with_choice(v, beat, cid, **kw)
        return result(v, decisions).raw["speed"]

    both = speed((wb, wc, {"inform": True}), (ab, ac, {"inform": True}))
    one = speed((ab, ac, {"inform": True}))
    none = speed()
    stalled = speed((ab, ac, {"inform": True, "conduct": ("stall",)}))
    assert both > one > none, scenario.id
    assert stalled < none, scenario.id  # a stall is no news, and costs where it happens
    return True


def test_14_informing_counts_at_each_wait_bundled() -> None:
    on_bundled(_check_informing)


@GENERATED
@given(recovery_dict())
def test_14_informing_counts_at_each_wait_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_informing)


def _check_empathy_where_distressed(scenario: Scenario, decisions: Decisions, index: int) -> bool:
    turns = [t for t in choice_turns(scenario, decisions)]
    if len(turns) < 2:
        return False
    (_, b0, c0), (_, b1, c1) = turns[0], turns[-1]
    if b0 == b1:
        return False
    s = map_choices(scenario, empathy=False, conduct=())
    s = map_beats(s, distress=False)
    s = with_beat(s, b0, distress=True)
    s = with_choice(s, b0, c0, apology=FULL)  # apologised: no cap hides the delivery

    def apology(*changes: tuple[str, str, dict]) -> tuple[float, float]:  # type: ignore[type-arg]
        v = s
        for beat, cid, kw in changes:
            v = with_choice(v, beat, cid, **kw)
        r = result(v, decisions)
        return r.raw["apology"], r.raw["overall"]

    there = apology((b0, c0, {"empathy": True}))
    elsewhere = apology((b1, c1, {"empathy": True}))
    nowhere = apology()
    false_hope = apology((b0, c0, {"empathy": True, "conduct": ("false-reassurance",)}))
    brushed = apology((b0, c0, {"conduct": ("brush-off",)}))
    assert there > elsewhere and there > nowhere, scenario.id
    assert elsewhere == nowhere, scenario.id  # empathy counts where it was called for
    assert false_hope < nowhere, scenario.id  # "he'll be fine" is not empathy, and it costs
    assert brushed < nowhere, scenario.id
    return True


def test_14_empathy_counts_where_the_customer_is_distressed_bundled() -> None:
    on_bundled(_check_empathy_where_distressed)


@GENERATED
@given(recovery_dict())
def test_14_empathy_counts_where_the_customer_is_distressed_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_empathy_where_distressed)


# -- 16. caps and gates: an unfixed failure, every owed remedy, slow decisions -------------------


def _fix_menu(scenario: Scenario) -> Scenario:
    v = scenario.failure.value
    losses = scenario.failure.losses
    remedies = (
        remedy("x-fix", 0, losses, fixes=True),
        remedy("x-comp", v * 1.2, losses, cost=0),
        remedy("x-owed-a", v * 0.2, losses, owed=True),
        # An entitlement's form (a credit for later) is not the trainee's choice.
        remedy("x-owed-b", v * 0.2, losses, owed=True, delayed=True),
    )
    return replace(map_choices(scenario, offer=(), escalate=False), remedies=remedies)


def _check_unfixed_and_owed(scenario: Scenario, decisions: Decisions, index: int) -> None:
    s = _fix_menu(scenario)
    results = [
        result(s, replace_offer(decisions, index, *ids))
        for ids in (
            ("x-fix", "x-owed-a", "x-owed-b"),
            ("x-fix", "x-owed-a"),
            ("x-fix",),
            ("x-comp", "x-owed-a", "x-owed-b"),
        )
    ]
    fixed_all, one_owed_missing, both_missing, unfixed = results
    assert fixed_all.raw["remedy_fit"] == 100.0, scenario.id
    # Each owed remedy left out costs.
    assert fixed_all.raw["remedy_fit"] > one_owed_missing.raw["remedy_fit"], scenario.id
    assert one_owed_missing.raw["remedy_fit"] > both_missing.raw["remedy_fit"] or (
        both_missing.raw["remedy_fit"] == 0.0
    ), scenario.id
    assert_ranked([fixed_all, one_owed_missing], "overall", scenario)
    # A fixable failure left unfixed caps the overall, however fair the compensation.
    assert unfixed.raw["overall"] <= RUBRIC.cap_unfixed + 1e-9, scenario.id
    assert unfixed.capped
    assert fixed_all.raw["overall"] >= unfixed.raw["overall"], scenario.id


def test_16_unfixed_caps_the_overall_and_each_owed_remedy_counts_bundled() -> None:
    on_bundled(_check_unfixed_and_owed)


@GENERATED
@given(recovery_dict())
def test_16_unfixed_caps_the_overall_and_each_owed_remedy_counts_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_unfixed_and_owed)


def _check_slow_decisions(scenario: Scenario, decisions: Decisions, index: int) -> None:
    target = scenario.timing.decide_s

    def speed(factor: float) -> float:
        return result(scenario, [(a, target * factor) for a, _ in decisions]).raw["speed"]

    within, twice, four, day = speed(0.9), speed(2), speed(4), speed(86_400 / target)
    assert within > twice > four > day, scenario.id
    # Beyond the target decisions lose steeply: at twice the target, under half their share.
    assert within - twice > 100 * RUBRIC.decision_share * 0.5 - 1e-6, scenario.id
    assert day < 5, scenario.id
    r = result(scenario, [(a, 86_400.0) for a, _ in decisions])
    assert r.raw["overall"] <= RUBRIC.speed_gate_floor + 5, scenario.id


def test_16_decisions_beyond_the_target_cost_steeply_bundled() -> None:
    on_bundled(_check_slow_decisions)


@GENERATED
@given(recovery_dict())
def test_16_decisions_beyond_the_target_cost_steeply_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_slow_decisions)


# -- breaches: each moment a principle is broken costs the overall where it happens ---------------


def _check_breaches(scenario: Scenario, decisions: Decisions, index: int) -> bool:
    turns = [t for t in choice_turns(scenario, decisions) if t[0] != index]
    if len(turns) < 2:
        return False
    (_, b0, c0), (_, b1, c1) = turns[0], turns[1]
    s = clean(scenario)
    once = with_choice(s, b0, c0, listen="interrupt")
    twice = with_choice(once, b1, c1, listen="interrupt")
    r0, r1, r2 = (result(v, decisions) for v in (s, once, twice))
    assert_ranked([r0, r1, r2], "overall", scenario)
    named = {n.key: n.args() for n in r2.notes["overall"]}
    assert named["breach.interrupted"]["count"] == 2, scenario.id
    # A slow choice keeps the customer waiting while it happens: only it can explain the wait,
    # not the next decision.
    slow = with_choice(s, b0, c0, minutes=RUBRIC.wait_min * 3, inform=False)
    told_after = with_choice(slow, b1, c1, inform=True)
    told_while = with_choice(told_after, b0, c0, inform=True)
    after, during = result(told_after, decisions), result(told_while, decisions)
    assert any(n.key == "breach.uninformed_wait" for n in after.notes["overall"]), scenario.id
    assert_ranked([during, after], "overall", scenario)
    return True


def test_each_breach_costs_the_overall_where_it_happens_bundled() -> None:
    on_bundled(_check_breaches)


@GENERATED
@given(recovery_dict())
def test_each_breach_costs_the_overall_where_it_happens_generated(data) -> None:  # type: ignore
    on_generated(generated(data), _check_breaches)
