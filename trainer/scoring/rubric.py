"""Every constant of the rubric, in one place, with where it comes from.

The principles are normative (``shared/spec/scoring.md``); the numbers are design choices that
follow the direction of the research summarised in ``shared/domain/research-digest.md``. Change
a number here and the ordering tests in ``tests/scoring`` say whether a principle still holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _frozen(d: dict[str, float]) -> Mapping[str, float]:
    return MappingProxyType(d)


@dataclass(frozen=True, eq=False)
class Rubric:
    # -- speed (procedural justice; Hogreve et al. 2017 zone of tolerance) ----------------------
    #: share of the in-world part given to acknowledging vs resolving (scoring.md: ~0.4 / ~0.6)
    acknowledge_share: float = 0.4
    resolve_share: float = 0.6
    #: share of the speed score from in-world minutes vs the trainee's decision seconds
    world_share: float = 0.7
    decision_share: float = 0.3
    #: keeping the customer informed at each wait (principle 14): the share of speed lost when
    #: every wait was left unexplained (in proportion to the waits left so)
    waits_weight: float = 0.25
    #: a decision that takes longer than this (in-world minutes) keeps the customer waiting;
    #: the engine's anger rises after the same two minutes without news (Maister 1985)
    wait_min: float = 2.0
    #: stalling ("not long now") instead of real information, each time
    stall_penalty: float = 8.0
    max_stalls_counted: int = 3
    #: half-life of the decay beyond a target, as a multiple of the target ("about the target")
    half_life: float = 1.0
    #: decisions decay faster: half-life of half the decision target, so that a trainee who
    #: takes several times the target (or a day per decision) gets next to nothing for them
    decision_half_life: float = 0.5
    #: keeping a waiting customer informed stretches the resolve half-life (status updates damp
    #: dissatisfaction with waiting: Hogreve et al. 2017)
    informed_half_life: float = 2.0

    # -- apology (interactional justice; Lewicki, Polin & Lount 2016; Roschk & Kaiser 2013) ----
    components: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {
                "responsibility": 30.0,
                "repair": 20.0,
                "regret": 15.0,
                "explanation": 15.0,
                "repentance": 15.0,
                "forgiveness": 5.0,
            }
        )
    )
    #: "sorry if you feel...": some regret, none of the responsibility (inference in the digest)
    conditional_credit: float = 12.0
    #: content weighs a little more than delivery (scoring.md)
    content_share: float = 0.55
    delivery_share: float = 0.45
    #: delivery: empathy (Roschk & Kaiser 2013), listening first (Min et al. 2020), not grovelling
    delivery: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"empathy": 40.0, "listened_first": 40.0, "not_grovelling": 20.0}
        )
    )
    #: an apology only after the remedy counts for less (Roschk & Kaiser 2013)
    late_apology_factor: float = 0.6
    #: the first apology's moment weighs most (principle 14): a part of the apology said only
    #: after a chance to say it has passed (the beat offered it, the trainee said something else
    #: and was not listening) counts this much, per chance missed
    late_step: float = 0.5
    #: conduct that breaks trust, each time it happens (principle 14): promising what one cannot
    #: know (Roschk & Kaiser 2013: empathy, not platitudes), brushing the customer off
    conduct_penalties: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"false-reassurance": 15.0, "brush-off": 15.0})
    )
    max_conduct_counted: int = 2
    penalties: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"deflect": 20.0, "argue": 15.0, "refuse": 20.0, "interrupt": 8.0, "excessive": 5.0}
        )
    )
    #: caps: blaming the customer is worst, blaming a colleague or "the system" next, then no
    #: apology at all (principle 1)
    cap_blame_customer: float = 10.0
    cap_deflect: float = 25.0
    cap_no_apology: float = 30.0
    max_interrupts_counted: int = 3

    # -- remedy fit (distributive justice; Roschk & Gelbrich 2014; Gelbrich et al. 2015) -------
    #: a remedy of another kind than the loss counts for about 0.6 of its value
    other_kind: float = 0.6
    #: a voucher or credit for later counts for about 0.75 of its value
    delayed: float = 0.75
    #: below the loss: nothing at 40% or less, a smoothstep up to 100%
    under_floor: float = 0.4
    #: the plateau of good recovery: 100-150% of the loss
    plateau_top: float = 1.5
    #: beyond the plateau, a straight decline to 0.6 at 3x the loss, then a floor
    over_end: float = 3.0
    over_floor: float = 0.6
    #: an opportunist who is over-paid learns that complaining pays (Wirtz & McColl-Kennedy
    #: 2010): a steeper decline to a lower floor
    opportunist_over_end: float = 2.5
    opportunist_over_floor: float = 0.3
    #: beyond the magnitude, the kind and the timing still count, everything else equal
    other_kind_factor: float = 0.25  # quality loss when all of the worth is of another kind
    delayed_factor: float = 0.2  # quality loss when all of the worth is for later
    #: losses left unrestored weigh lightly (scoring.md: 1 - 0.4 x share missing)
    missing_loss_weight: float = 0.4
    #: a fixable problem left unfixed caps remedy fit (principle 5)
    cap_unfixed_remedy: float = 50.0
    over_authority_penalty: float = 20.0
    owed_missing_penalty: float = 20.0
    #: escalating when the fair remedy is beyond authority: the right move, short of full marks
    escalated_fair: float = 88.0
    #: handing over what one could have fixed within authority: alone, and beside a remedy that
    #: falls short of fair
    escalated_needless: float = 40.0
    handover_penalty: float = 15.0
    #: "fair within authority" means some in-budget offer reaches this remedy-fit score
    fair_threshold: float = 80.0

    # -- boundaries (de-escalation: Richmond et al. 2012; opportunists: Wirtz & McColl-Kennedy
    # 2010) ---------------------------------------------------------------------------------------
    #: boundaries: caving, paying what is demanded and conceding after "not enough" are what the
    #: research warns against most (Wirtz & McColl-Kennedy 2010; Reynolds & Harris 2005), so
    #: those items weigh double; every other applicable item weighs 1
    boundary_weights: Mapping[str, float] = field(
        default_factory=lambda: _frozen({"no_caving": 2.0, "held_line": 2.0, "no_concession": 2.0})
    )

    # -- follow-up (Van Vaerenbergh et al. 2012: "what we changed" above "checking in") --------
    follow_up: Mapping[str, float] = field(
        default_factory=lambda: _frozen(
            {"prevention": 40.0, "check-in": 25.0, "log": 20.0, "thanks": 15.0}
        )
    )

    # -- overall ---------------------------------------------------------------------------------
    #: persona weights: speed, apology, remedy_fit, follow_up, boundaries (scoring.md)
    weights: Mapping[str, tuple[float, ...]] = field(
        default_factory=lambda: MappingProxyType(
            {
                "reasonable": (0.25, 0.30, 0.30, 0.15),
                "impatient": (0.35, 0.25, 0.25, 0.15),
                "silent": (0.25, 0.25, 0.25, 0.25),
                "anxious": (0.20, 0.35, 0.25, 0.20),
                "never-satisfied": (0.15, 0.25, 0.25, 0.10, 0.25),
                "abusive": (0.10, 0.20, 0.15, 0.15, 0.40),
                "opportunist": (0.10, 0.20, 0.25, 0.10, 0.35),
            }
        )
    )
    #: gates: compensation does not fix a bad process (Wirtz & Mattila 2004)
    gate_below: float = 40.0
    gate_remedy_factor: float = 0.5
    #: procedural justice gates the others (Tax, Brown & Chandrashekaran 1998; research
    #: digest): below this speed score the overall is capped, from 100 down to the floor at a
    #: speed of 0, so that a slow recovery is never a good one whatever else it did
    speed_gate_full: float = 50.0
    speed_gate_floor: float = 40.0
    #: retaliation against an abusive customer caps the overall score
    cap_retaliation: float = 30.0
    #: every breach (a principle broken at a turn: an interruption, a blame, a brush-off, a wait
    #: without news, an owed remedy left out...) costs the overall this much besides its
    #: dimension (see breaches.py), up to the cap
    breach_cost: float = 4.0
    breach_cap: float = 40.0
    #: a fixable failure left unfixed caps the overall score (principle 16; compensation for a
    #: problem left standing is not a recovery: Roschk & Gelbrich 2014, principle 5)
    cap_unfixed: float = 50.0
    #: over-compensation threshold that counts as "caving" / breaking the fair-remedy principle
    overpay_ratio: float = 2.0

    # -- outcome (never mixed into scores) -------------------------------------------------------
    pre_failure_satisfaction: float = 85.0
    paradox_satisfaction: float = 95.0  # a first, minor failure handled excellently (Magnini 2007)
    paradox_min_score: float = 85.0
    paradox_max_severity: int = 2
    never_satisfied_cap: float = 35.0
    #: a problem left standing: at most this satisfied, however pleasant the encounter
    unfixed_satisfaction: float = 60.0
    retained_at: float = 50.0


RUBRIC = Rubric()

DIMENSIONS = ("speed", "apology", "remedy_fit", "follow_up", "boundaries")
BOUNDARY_ARCHETYPES = ("never-satisfied", "abusive", "opportunist")
