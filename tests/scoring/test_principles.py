"""The orderings of scoring.md, each shown on every bundled scenario where it applies (and at
least two): the first handling scores higher than the second, everything else equal.

Each check builds its variants from the scenario's own model path by changing one thing, so the
principles are tested on the rubric, not on numbers tuned to one file.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from variants import (
    Decisions,
    beats_of,
    bundled_with_scripts,
    choice_turns,
    first_menu_turn,
    map_choices,
    model_decisions,
    patient,
    remedy,
    replace_offer,
    result,
    with_choice,
    with_persona,
    with_remedies,
)

from trainer.application.play import finish, to_json
from trainer.engine import Choose, Engine
from trainer.scenario.model import LOSSES, Scenario
from trainer.scoring.rubric import RUBRIC

Check = Callable[[Scenario, Decisions], bool]  # False: not applicable to this scenario


def across(check: Check, minimum: int = 2) -> list[str]:
    applied = []
    for scenario in bundled_with_scripts():
        if check(patient(scenario), model_decisions(scenario)):
            applied.append(scenario.id)
    assert len(applied) >= minimum, f"principle shown on {applied} only"
    return applied


def first_offer_index(scenario: Scenario, decisions: Decisions) -> int:
    run = Engine(scenario).play(decisions)
    for turn in run.turns:
        if any(not r.escalate for rid in turn.offer if (r := scenario.remedy(rid))):
            return turn.index
    return len(decisions)


# -- 1. apologies ---------------------------------------------------------------------------------


def _apology_setup(scenario: Scenario, decisions: Decisions):  # type: ignore[no-untyped-def]
    """Strip apology tags everywhere; return the first choice turn before the first offer."""
    bare = map_choices(scenario, apology=())
    offer_at = first_offer_index(bare, decisions)
    turns = [t for t in choice_turns(bare, decisions) if t[0] < offer_at]
    return bare, (turns[0] if turns else None), offer_at


def test_1_responsibility_beats_conditional_beats_none() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        bare, turn, _ = _apology_setup(scenario, decisions)
        if turn is None:
            return False
        _, beat, cid = turn

        def score(tags: tuple[str, ...]) -> tuple[float, float]:
            r = result(with_choice(bare, beat, cid, apology=tags), decisions)
            return r.raw["apology"], r.raw["overall"]

        full = score(("regret", "responsibility", "repair"))
        conditional = score(("conditional",))
        none = score(())
        deflect = score(("regret", "deflect"))
        blame = score(("blame-customer",))
        assert full[0] > conditional[0] > none[0] > deflect[0] > blame[0], scenario.id
        assert full[1] > conditional[1] > none[1], scenario.id
        return True

    across(check)


def test_1_component_weights_responsibility_then_repair_then_regret_then_forgiveness() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        bare, turn, _ = _apology_setup(scenario, decisions)
        if turn is None:
            return False
        _, beat, cid = turn

        def score(tag: str) -> float:
            return result(with_choice(bare, beat, cid, apology=(tag,)), decisions).raw["apology"]

        assert score("responsibility") > score("repair") > score("regret") > score("forgiveness")
        assert score("regret") == score("explanation") == score("repentance")
        return True

    across(check)


def test_1_an_apology_after_the_fix_counts_for_less() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        bare, turn, offer_at = _apology_setup(scenario, decisions)
        later = [t for t in choice_turns(bare, decisions) if t[0] > offer_at]
        if turn is None or not later:
            return False
        tags = ("regret", "responsibility", "repair")
        early = result(with_choice(bare, turn[1], turn[2], apology=tags), decisions)
        late = result(with_choice(bare, later[0][1], later[0][2], apology=tags), decisions)
        assert early.raw["apology"] > late.raw["apology"], scenario.id
        return True

    across(check)


# -- 2. listening ---------------------------------------------------------------------------------


def test_2_listening_first_beats_fixing_without_asking_and_interrupting_costs() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        bare = map_choices(scenario, listen=None)
        offer_at = first_offer_index(bare, decisions)
        turns = [t for t in choice_turns(bare, decisions) if t[0] < offer_at]
        if not turns:
            return False
        _, beat, cid = turns[-1]

        def score(listen: str | None) -> tuple[float, float]:
            r = result(with_choice(bare, beat, cid, listen=listen), decisions)
            return r.raw["apology"], r.raw["overall"]

        for listen in ("open", "paraphrase"):
            assert score(listen) > score(None) > score("interrupt"), scenario.id
        return True

    across(check)


# -- 3, 4, 5. remedies ----------------------------------------------------------------------------


def _remedy_setup(scenario: Scenario, decisions: Decisions, fixable: bool = False):  # type: ignore
    """The scenario without hand-overs, entitlements (owed) or, unless ``fixable``, fixes (so
    the offers compared are all that is given), and the index of the first menu decision; None
    if the model path has no menu."""
    index = first_menu_turn(scenario, decisions)
    if index is None:
        return None
    from dataclasses import replace

    base = map_choices(scenario, escalate=False)
    base = replace(
        base,
        remedies=tuple(
            replace(r, fixes=r.fixes and fixable, owed=False)
            for r in base.remedies
            if not r.escalate
        ),
    )
    return base, index


def _compare(base: Scenario, decisions: Decisions, index: int, *offers):  # type: ignore
    """Score each offer (a remedy or a tuple of remedies) with all of them on the same menu."""
    menu = {}
    for offer in offers:
        for r in offer if isinstance(offer, tuple) else (offer,):
            menu[r.id] = r
    s = with_remedies(base, *menu.values())
    out = []
    for offer in offers:
        ids = [r.id for r in (offer if isinstance(offer, tuple) else (offer,))]
        r = result(s, replace_offer(decisions, index, *ids))
        out.append((r.raw["remedy_fit"], r.raw["overall"]))
    return out


def test_3_a_remedy_of_the_kind_lost_beats_one_of_another_kind() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        losses = scenario.failure.losses
        other = [k for k in LOSSES if k not in losses]
        v = scenario.failure.value
        for factor in (0.8, 1.2, 2.0):
            same = remedy("x-same", v * factor, losses)
            diff = remedy("x-diff", v * factor, {other[0]})
            a, b = _compare(base, decisions, index, same, diff)
            assert a > b, (scenario.id, factor)
        return True

    across(check)


def test_3_making_good_every_loss_beats_only_some() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        losses = sorted(scenario.failure.losses)
        if setup is None or len(losses) < 2:
            return False
        base, index = setup
        v = scenario.failure.value * 1.2
        every = remedy("x-every", v, set(losses))
        some = remedy("x-some", v, {losses[0]})
        a, b = _compare(base, decisions, index, every, some)
        assert a > b, scenario.id
        return True

    across(check)


def test_3_money_now_beats_a_voucher_for_later() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        losses = scenario.failure.losses
        for factor in (0.9, 1.2, 2.0, 3.0):
            v = scenario.failure.value * factor
            now = remedy("x-now", v, losses)
            later = remedy("x-later", v, losses, delayed=True)
            a, b = _compare(base, decisions, index, now, later)
            assert a > b, (scenario.id, factor)
        return True

    across(check)


def test_4_about_the_value_beats_far_less_and_far_more() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        losses = scenario.failure.losses
        v = scenario.failure.value
        factors = (0.55, 1.0, 1.25, 1.5, 2.1)
        scores = dict(
            zip(
                factors,
                _compare(
                    base, decisions, index, *(remedy(f"x-{f}", v * f, losses) for f in factors)
                ),
                strict=True,
            )
        )
        for fair in (1.0, 1.25, 1.5):
            assert scores[fair] > scores[0.55] and scores[fair] > scores[2.1], (scenario.id, fair)
        assert scores[1.0][0] == scores[1.5][0]  # the plateau
        return True

    across(check)


def test_4_overcompensation_is_worse_for_an_opportunist() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        losses = scenario.failure.losses
        big = remedy("x-big", scenario.failure.value * 2.4, losses)
        fair = remedy("x-fair", scenario.failure.value * 1.2, losses)
        reasonable = with_persona(base, opportunist=False, archetype="reasonable")
        opportunist = with_persona(base, opportunist=True, archetype="opportunist")
        r_big, r_fair = _compare(reasonable, decisions, index, big, fair)
        o_big, o_fair = _compare(opportunist, decisions, index, big, fair)
        assert o_big[0] < r_big[0], scenario.id
        assert o_fair[0] == r_fair[0]
        return True

    across(check)


def test_5_fixing_beats_compensating_while_it_stays_broken() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions, fixable=True)
        if setup is None or not any(r.fixes for r in scenario.remedies):
            return False
        base, index = setup
        losses = scenario.failure.losses
        v = scenario.failure.value
        fix = remedy("x-fix", v, losses, fixes=True)
        for factor in (1.0, 1.3):
            comp = remedy(f"x-comp-{factor}", v * factor, losses)
            a, b = _compare(base, decisions, index, fix, comp)
            assert a > b, scenario.id
        return True

    across(check)


# -- 6. authority ---------------------------------------------------------------------------------


def test_6_within_authority_beats_exceeding_it() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        budget = scenario.authority.budget
        v = scenario.failure.value * 1.2
        inside = remedy("x-in", v, scenario.failure.losses, cost=budget)
        outside = remedy("x-out", v, scenario.failure.losses, cost=budget + 1)
        a, b = _compare(base, decisions, index, inside, outside)
        assert a > b, scenario.id
        return True

    across(check)


def test_6_escalating_beats_exceeding_and_refusing_when_the_fair_remedy_is_beyond_authority() -> (
    None
):  # noqa: E501
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        from dataclasses import replace

        v = scenario.failure.value
        # Only the fair remedy (above budget), a token gesture and a manager are on the menu.
        budget = scenario.authority.budget
        base = replace(base, remedies=())
        fair = remedy("x-fair", v * 1.2, scenario.failure.losses, cost=budget + v)
        token = remedy("x-token", v * 0.05, scenario.failure.losses, cost=0)
        manager = remedy("x-manager", 0, set(), escalate=True)
        base = with_remedies(base, fair, token, manager)

        def score(*ids: str) -> tuple[float, float]:
            r = result(base, replace_offer(decisions, index, *ids))
            return r.raw["remedy_fit"], r.raw["overall"]

        escalate, exceed, refuse = score("x-manager"), score("x-fair"), score("x-token")
        assert escalate > exceed > refuse, scenario.id
        assert score("x-token", "x-manager") >= escalate
        return True

    across(check)


def test_6_handing_over_what_one_could_fix_costs_and_alongside_a_fair_remedy_costs_nothing() -> (
    None
):  # noqa: E501
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        fair = remedy("x-fair", scenario.failure.value * 1.2, scenario.failure.losses, cost=0)
        manager = remedy("x-manager", 0, set(), escalate=True)
        s = with_remedies(base, fair, manager)
        alone = result(s, replace_offer(decisions, index, "x-fair")).raw["remedy_fit"]
        handover = result(s, replace_offer(decisions, index, "x-manager")).raw["remedy_fit"]
        both = result(s, replace_offer(decisions, index, "x-fair", "x-manager")).raw["remedy_fit"]
        assert alone > handover, scenario.id
        assert both == alone, scenario.id
        return True

    across(check)


def test_6_leaving_out_an_owed_remedy_costs() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        setup = _remedy_setup(scenario, decisions)
        if setup is None:
            return False
        base, index = setup
        from dataclasses import replace

        base = replace(base, remedies=tuple(r for r in base.remedies if not r.owed))
        fair = remedy("x-fair", scenario.failure.value * 1.2, scenario.failure.losses)
        owed = remedy("x-owed", scenario.failure.value * 0.3, {"money"}, owed=True)
        s = with_remedies(base, fair, owed)
        with_owed = result(s, replace_offer(decisions, index, "x-fair", "x-owed"))
        without = result(s, replace_offer(decisions, index, "x-fair"))
        assert with_owed.raw["remedy_fit"] > without.raw["remedy_fit"], scenario.id
        assert with_owed.raw["overall"] > without.raw["overall"], scenario.id
        return True

    across(check)


def test_6_bundled_owed_remedies_count() -> None:
    """On the bundled scenarios that have an owed remedy, leaving it out of the model offer
    costs."""

    def check(scenario: Scenario, decisions: Decisions) -> bool:
        index = first_menu_turn(scenario, decisions)
        owed = [r.id for r in scenario.remedies if r.owed]
        if index is None or not owed:
            return False
        offered = decisions[index][0].remedies  # type: ignore[union-attr]
        if not set(owed) <= set(offered):
            return False
        without = [rid for rid in offered if rid not in owed]
        if not without:
            return False
        full = result(scenario, decisions).raw["remedy_fit"]
        less = result(scenario, replace_offer(decisions, index, *without)).raw["remedy_fit"]
        assert full > less, scenario.id
        return True

    across(check)


# -- 7. proactive ---------------------------------------------------------------------------------


def test_7_proactive_beats_waiting_beats_never_noticing() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        if scenario.failure.visible:
            return False
        turns = choice_turns(scenario, decisions)
        _, beat, cid = turns[0]
        choice = scenario.beats[beat].choice(cid)
        if choice is None or not choice.proactive:
            return False
        proactive = result(scenario, decisions)
        waited_s = with_choice(
            scenario,
            beat,
            cid,
            proactive=False,
            minutes=choice.minutes + 10,
            apology=(),
            empathy=False,
        )
        waited = result(waited_s, decisions)
        never_s = map_choices(waited_s, apology=(), proactive=False)
        never = result(never_s, decisions)
        assert proactive.raw["speed"] > waited.raw["speed"] > never.raw["speed"], scenario.id
        assert proactive.raw["overall"] > waited.raw["overall"] > never.raw["overall"]
        return True

    across(check)


# -- 8. time --------------------------------------------------------------------------------------


def _timed(decisions: Decisions, seconds: float) -> Decisions:
    return [(action, seconds) for action, _ in decisions]


def test_8_plateau_within_targets_then_half_life_decay() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        target = scenario.timing.decide_s
        fast = result(scenario, _timed(decisions, target * 0.2))
        within = result(scenario, _timed(decisions, target * 0.95))
        slow = result(scenario, _timed(decisions, target * 2))
        slower = result(scenario, _timed(decisions, target * 4))
        assert fast.raw["speed"] == pytest.approx(within.raw["speed"], abs=1.0), scenario.id
        assert within.raw["speed"] > slow.raw["speed"] > slower.raw["speed"], scenario.id
        return True

    across(check)


def test_8_keeping_a_waiting_customer_informed_softens_a_slow_resolution() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        from dataclasses import replace

        bare = map_choices(scenario, inform=False)
        slow_remedies = tuple(
            replace(r, minutes=scenario.timing.resolve_min * 3) for r in bare.remedies
        )
        bare = replace(bare, remedies=slow_remedies)
        turns = choice_turns(bare, decisions)
        if not turns:
            return False
        _, beat, cid = turns[-1]
        informed = result(with_choice(bare, beat, cid, inform=True), decisions)
        silent = result(bare, decisions)
        assert informed.raw["speed"] > silent.raw["speed"], scenario.id
        return True

    across(check)


def test_8_decay_halves_each_interval() -> None:
    from trainer.scoring.common import decay

    assert decay(10, 10, 10) == 1.0
    assert decay(20, 10, 10) == pytest.approx(0.5)
    assert decay(30, 10, 10) == pytest.approx(0.25)


# -- 9. follow-up ---------------------------------------------------------------------------------


def test_9_prevention_beats_check_in_beats_nothing_and_logging_counts() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        bare = map_choices(scenario, follow_up=())
        turns = choice_turns(bare, decisions)
        if not turns:
            return False
        _, beat, cid = turns[-1]

        def score(*items: str) -> tuple[float, float]:
            r = result(with_choice(bare, beat, cid, follow_up=items), decisions)
            return r.raw["follow_up"], r.raw["overall"]

        assert score("prevention") > score("check-in") > score(), scenario.id
        assert score("check-in", "log") > score("check-in"), scenario.id
        return True

    across(check)


# -- 10. abuse ------------------------------------------------------------------------------------


def _abusive(scenario: Scenario) -> bool:
    return scenario.persona.archetype == "abusive"


def test_10_calm_limit_beats_retaliation_which_caps_overall_at_30() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        if not _abusive(scenario):
            return False
        bare = map_choices(scenario, boundary=None)
        turns = choice_turns(bare, decisions)
        _, beat, cid = turns[0]
        calm = result(with_choice(bare, beat, cid, boundary="calm"), decisions)
        retaliate = result(with_choice(bare, beat, cid, boundary="retaliate"), decisions)
        assert calm.raw["overall"] > retaliate.raw["overall"], scenario.id
        assert retaliate.scores["overall"] <= 30
        assert calm.raw["boundaries"] > retaliate.raw["boundaries"]
        return True

    across(check)


def test_10_calm_limit_beats_caving_with_large_compensation() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        index = first_menu_turn(scenario, decisions)
        if not _abusive(scenario) or index is None:
            return False
        bare = map_choices(scenario, boundary=None)
        turns = choice_turns(bare, decisions)
        _, beat, cid = turns[0]
        calm = result(with_choice(bare, beat, cid, boundary="calm"), decisions)
        big = remedy("x-peace", scenario.failure.value * 4, scenario.failure.losses)
        caved_s = with_remedies(with_choice(bare, beat, cid, boundary="cave"), big)
        offered = decisions[index][0].remedies  # type: ignore[union-attr]
        caved = result(caved_s, replace_offer(decisions, index, *offered, "x-peace"))
        assert calm.raw["overall"] > caved.raw["overall"], scenario.id
        return True

    across(check)


def test_10_escalation_is_expected_after_a_threat_and_neutral_after_insults() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        if not _abusive(scenario):
            return False
        beats = beats_of(scenario, decisions)
        threat = next((i for i, b in enumerate(beats) if scenario.beats[b].abuse == "threat"), None)
        if threat is None:
            return False
        from dataclasses import replace

        # The trainee escalates nowhere; the menu still lists its hand-over, so escalating is
        # something the scenario makes possible (not "not applicable").
        bare = map_choices(scenario, escalate=False, security=False)
        index = first_menu_turn(bare, decisions)
        if index is not None:
            offered = [
                rid
                for rid in decisions[index][0].remedies  # type: ignore[union-attr]
                if not bare.remedy(rid).escalate  # type: ignore[union-attr]
            ]
            decisions = replace_offer(decisions, index, *offered)
        assert any(r.escalate for r in bare.remedies), scenario.id
        at_threat = next(t for t in choice_turns(bare, decisions) if t[0] >= threat)
        escalated = result(with_choice(bare, at_threat[1], at_threat[2], escalate=True), decisions)
        not_escalated = result(bare, decisions)
        assert escalated.raw["overall"] > not_escalated.raw["overall"], scenario.id
        assert escalated.raw["boundaries"] > not_escalated.raw["boundaries"], scenario.id
        # Principle 15: an escalation before the threat does not answer it; a security call
        # after insults alone neither gains nor loses.
        first = choice_turns(bare, decisions)[0]
        assert first[0] < threat
        early = result(with_choice(bare, first[1], first[2], escalate=True), decisions)
        assert early.raw["boundaries"] == not_escalated.raw["boundaries"], scenario.id
        security = result(
            with_choice(bare, first[1], first[2], escalate=True, security=True), decisions
        )
        assert security.raw["overall"] == pytest.approx(not_escalated.raw["overall"]), scenario.id
        # The same handling where the customer only insulted: escalation neither gains nor loses.
        insults = replace(
            bare,
            beats={
                k: replace(b, abuse="insult" if b.abuse else None) for k, b in bare.beats.items()
            },
            authority=replace(bare.authority, budget=1e9),
        )
        last = choice_turns(bare, decisions)[-1]
        a = result(with_choice(insults, last[1], last[2], escalate=True), decisions)
        b = result(insults, decisions)
        assert a.raw["overall"] == pytest.approx(b.raw["overall"]), scenario.id
        return True

    across(check)


# -- 11. opportunists -----------------------------------------------------------------------------


def test_11_fair_verified_explained_beats_paying_the_demand_and_beats_accusing() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        index = first_menu_turn(scenario, decisions)
        if scenario.persona.archetype != "opportunist" or index is None:
            return False
        fair = result(scenario, decisions)
        demand = remedy("x-demand", scenario.failure.value * 3, scenario.failure.losses)
        turns = choice_turns(scenario, decisions)
        _, beat, cid = turns[-1]
        paid_s = with_remedies(with_choice(scenario, beat, cid, boundary="cave"), demand)
        paid = result(paid_s, replace_offer(decisions, index, "x-demand"))
        _, beat0, cid0 = turns[0]
        choice = scenario.beats[beat0].choice(cid0)
        assert choice is not None
        accused_s = with_choice(
            scenario, beat0, cid0, apology=tuple(choice.apology) + ("blame-customer",)
        )
        accused = result(accused_s, decisions)
        assert fair.raw["overall"] > paid.raw["overall"], scenario.id
        assert fair.raw["overall"] > accused.raw["overall"], scenario.id
        assert fair.raw["boundaries"] > paid.raw["boundaries"]
        return True

    across(check)


# -- 12. never-satisfied --------------------------------------------------------------------------


def test_12_holding_a_fair_line_beats_conceding_and_best_practice_scores_70() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        if scenario.persona.archetype != "never-satisfied":
            return False
        best = result(scenario, decisions)
        assert best.scores["overall"] >= 70, scenario.id
        assert best.outcome.satisfaction <= RUBRIC.never_satisfied_cap
        index = first_menu_turn(scenario, decisions)
        assert index is not None
        offered = set(decisions[index][0].remedies)  # type: ignore[union-attr]
        extra = next(r.id for r in scenario.remedies if r.id not in offered and not r.escalate)
        later = [t for t in choice_turns(scenario, decisions) if t[0] > index]
        _, beat, cid = later[0]
        conceded = result(
            with_choice(scenario, beat, cid, boundary="cave", offer=(extra,)), decisions
        )
        assert best.raw["overall"] > conceded.raw["overall"], scenario.id
        assert best.raw["boundaries"] > conceded.raw["boundaries"]
        return True

    across(check)


# -- 13. determinism ------------------------------------------------------------------------------


def test_13_same_scenario_actions_and_seed_give_the_same_bytes() -> None:
    def check(scenario: Scenario, decisions: Decisions) -> bool:
        def once(seed: int) -> bytes:
            run = Engine(scenario).play(decisions, seed=seed)
            return json.dumps(to_json(finish(run)), ensure_ascii=False).encode()

        assert once(7) == once(7)
        a = json.loads(once(1))
        b = json.loads(once(2))
        assert a["scores"] == b["scores"]  # the seed changes what is said, never the scores
        return True

    across(check)


def test_principles_also_hold_on_the_unpatient_bundled_runs() -> None:
    """The model paths as written (with their real patience) still score best-practice high."""
    for scenario in bundled_with_scripts():
        r = result(scenario, model_decisions(scenario))
        assert r.scores["overall"] >= 70, (scenario.id, r.scores)


def test_model_paths_choose_what_they_claim() -> None:
    for scenario in bundled_with_scripts():
        decisions = model_decisions(scenario)
        assert all(isinstance(a, Choose) or a.remedies for a, _ in decisions)
