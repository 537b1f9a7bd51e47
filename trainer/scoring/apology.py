"""Apology sincerity and interpersonal treatment.

Interactional justice. The six components and their order of importance (Lewicki, Polin &
Lount 2016); empathy in the delivery and a late apology worth less (Roschk & Kaiser 2013);
listen first, then apologise and fix (Min et al. 2020); blame-shifting and blaming the customer
are worst (principle 1).
"""

from __future__ import annotations

from ..scenario.model import APOLOGY_GOOD, Scenario
from .common import Dim, clamp, ledger, note
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
    """The apology and the treatment, with what each shortfall cost (points out of 100)."""
    notes = []
    cs, ds = rubric.content_share, rubric.delivery_share
    factors = content_factors(facts, rubric)
    content = min(100.0, sum(rubric.components[c] * f for c, f in factors.items()))
    missing = [c for c in APOLOGY_GOOD if factors[c] == 0.0 and rubric.components[c] > 0]
    late = [c for c in APOLOGY_GOOD if 0.0 < factors[c] < 1.0]
    missing_points = cs * sum(rubric.components[c] for c in missing)
    late_points = cs * sum(rubric.components[c] * (1.0 - factors[c]) for c in late)
    if facts.apologised and missing:
        notes.append(note("apology.missing_components", missing_points, missing=tuple(missing)))
    elif not facts.apologised:
        notes.append(note("apology.none", missing_points))
    if late:
        after_offer = any(t[1] for t in facts.component_timing.values()) or bool(
            facts.conditional_timing and facts.conditional_timing[1]
        )
        key = "apology.late" if after_offer else "apology.delayed"
        notes.append(note(key, late_points, parts=tuple(late)))
    delivery = rubric.delivery["empathy"] * facts.empathy_share
    empathy_points = ds * rubric.delivery["empathy"] * (1.0 - facts.empathy_share)
    if facts.distress_turns and facts.distress_empathy < facts.distress_turns:
        notes.append(
            note(
                "apology.empathy_missed",
                empathy_points,
                done=facts.distress_empathy,
                total=facts.distress_turns,
            )
        )
    elif empathy_points > 0:
        notes.append(note("apology.no_empathy", empathy_points))
    if facts.listened_first:
        delivery += rubric.delivery["listened_first"]
    else:
        notes.append(note("apology.did_not_listen_first", ds * rubric.delivery["listened_first"]))
    grovel = rubric.delivery["not_grovelling"]
    if not facts.excessive or facts.offered:
        delivery += grovel * (0.5 if facts.excessive else 1.0)
    grovel_points = ds * (grovel - (grovel * 0.5 if facts.offered else 0.0))
    value = cs * content + ds * delivery
    p = rubric.penalties
    penalties: tuple[tuple[str, float, dict[str, object]], ...] = (
        ("apology.deflected", p["deflect"] * min(facts.deflects, 2), {}),
        ("apology.argued", p["argue"] * min(facts.argues, 2), {}),
        ("apology.refused", p["refuse"] * min(facts.refuses, 2), {}),
        (
            "apology.interrupted",
            p["interrupt"] * min(facts.interrupts, rubric.max_interrupts_counted),
            {"count": facts.interrupts},
        ),
        (
            "apology.false_reassurance",
            rubric.conduct_penalties["false-reassurance"]
            * min(facts.conduct.get("false-reassurance", 0), rubric.max_conduct_counted),
            {"count": facts.conduct.get("false-reassurance", 0)},
        ),
        (
            "apology.brushed_off",
            rubric.conduct_penalties["brush-off"]
            * min(facts.conduct.get("brush-off", 0), rubric.max_conduct_counted),
            {"count": facts.conduct.get("brush-off", 0)},
        ),
    )
    points: dict[str, float] = {}
    for key, cost, params in penalties:
        if cost > 0:
            value -= cost
            points[key] = cost
            notes.append(note(key, cost, **params))
    if facts.excessive:
        value -= p["excessive"]
        notes.append(note("apology.excessive", grovel_points + p["excessive"]))
    value = clamp(value)
    for flag, cap, key in (
        (facts.blames_customer, rubric.cap_blame_customer, "apology.blamed_customer"),
        (bool(facts.deflects), rubric.cap_deflect, "apology.deflected"),
        (not facts.apologised, rubric.cap_no_apology, "apology.none"),
    ):
        if flag and value > cap:
            cut = value - cap
            value = cap
            notes = [n for n in notes if n.key != key] + [
                note(key, cut + sum(n.points for n in notes if n.key == key))
            ]
        elif flag and not any(n.key == key for n in notes):
            notes.append(note(key))
    if facts.apologised and "responsibility" not in facts.good_components:
        notes.append(note("apology.no_responsibility", conditional=facts.conditional))
    if not any(n.points >= 5 for n in notes):
        notes.append(note("apology.good"))
    return Dim(value, ledger(notes))
