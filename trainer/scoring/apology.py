"""Apology sincerity and interpersonal treatment.

Interactional justice. The six components and their order of importance (Lewicki, Polin &
Lount 2016); empathy in the delivery and a late apology worth less (Roschk & Kaiser 2013);
listen first, then apologise and fix (Min et al. 2020); blame-shifting and blaming the customer
are worst (principle 1).
"""

from __future__ import annotations

from ..scenario.model import APOLOGY_GOOD, Scenario
from .common import Dim, clamp, note
from .facts import Facts
from .rubric import Rubric


def factor(timing: tuple[int, bool] | None, rubric: Rubric) -> float:
    """What a part of the apology counts for, by when it was first said: in full at the first
    chance, less for every chance that passed before it, less again after the remedy."""
    if timing is None:
        return 0.0
    missed, after_offer = timing
    value = rubric.late_step**missed
    return value * rubric.late_apology_factor if after_offer else value


def content_factors(facts: Facts, rubric: Rubric) -> dict[str, float]:
    """Each good component's share of its weight, as said (0 when never said). "Sorry if you
    feel..." stands for part of the regret, none of the responsibility."""
    out = {c: factor(facts.component_timing.get(c), rubric) for c in rubric.components}
    regret = rubric.components["regret"]
    share = min(1.0, rubric.conditional_credit / regret) if regret > 0 else 0.0
    out["regret"] = max(out["regret"], factor(facts.conditional_timing, rubric) * share)
    return out


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    notes = []
    factors = content_factors(facts, rubric)
    content = min(100.0, sum(rubric.components[c] * f for c, f in factors.items()))
    said = [c for c in APOLOGY_GOOD if c in facts.component_timing]
    after_offer = [c for c in said if facts.component_timing[c][1]]
    delayed = [c for c in said if facts.component_timing[c][0] > 0]
    delivery = rubric.delivery["empathy"] * facts.empathy_share
    if facts.listened_first:
        delivery += rubric.delivery["listened_first"]
    if not facts.excessive or facts.offered:
        delivery += rubric.delivery["not_grovelling"] * (0.5 if facts.excessive else 1.0)
    value = rubric.content_share * content + rubric.delivery_share * delivery
    p = rubric.penalties
    value -= p["deflect"] * min(facts.deflects, 2)
    value -= p["argue"] * min(facts.argues, 2)
    value -= p["refuse"] * min(facts.refuses, 2)
    value -= p["interrupt"] * min(facts.interrupts, rubric.max_interrupts_counted)
    if facts.excessive:
        value -= p["excessive"]
    for tag, cost in rubric.conduct_penalties.items():
        value -= cost * min(facts.conduct.get(tag, 0), rubric.max_conduct_counted)
    value = clamp(value)
    if facts.blames_customer:
        value = min(value, rubric.cap_blame_customer)
        notes.append(note("apology.blamed_customer"))
    if facts.deflects:
        value = min(value, rubric.cap_deflect)
        notes.append(note("apology.deflected"))
    if not facts.apologised:
        value = min(value, rubric.cap_no_apology)
        notes.append(note("apology.none"))
    elif "responsibility" not in facts.good_components:
        notes.append(note("apology.no_responsibility", conditional=facts.conditional))
    if after_offer and facts.first_apology is not None and facts.first_offer is not None:
        if facts.first_apology > facts.first_offer:
            notes.append(note("apology.late"))
    if delayed:
        notes.append(note("apology.delayed", parts=tuple(delayed)))
    if facts.conduct.get("false-reassurance"):
        notes.append(note("apology.false_reassurance", count=facts.conduct["false-reassurance"]))
    if facts.conduct.get("brush-off"):
        notes.append(note("apology.brushed_off", count=facts.conduct["brush-off"]))
    if facts.refuses:
        notes.append(note("apology.refused"))
    if facts.argues:
        notes.append(note("apology.argued"))
    if facts.interrupts:
        notes.append(note("apology.interrupted", count=facts.interrupts))
    if not facts.listened_first:
        notes.append(note("apology.did_not_listen_first"))
    if facts.distress_turns and facts.distress_empathy < facts.distress_turns:
        notes.append(
            note(
                "apology.empathy_missed",
                done=facts.distress_empathy,
                total=facts.distress_turns,
            )
        )
    elif not facts.distress_turns and not facts.empathy:
        notes.append(note("apology.no_empathy"))
    missing = [
        c
        for c in ("responsibility", "repair", "regret", "explanation", "repentance")
        if c not in facts.good_components
    ]
    if facts.apologised and missing and "responsibility" in facts.good_components:
        notes.append(note("apology.missing_components", missing=tuple(missing)))
    if facts.excessive:
        notes.append(note("apology.excessive"))
    if not notes:
        notes.append(note("apology.good"))
    return Dim(value, tuple(notes))
