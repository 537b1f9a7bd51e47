"""Breaches: the moments a principle was broken, each costing the overall score directly.

A dimension says how good a part of the recovery was; a breach is an event the customer lived
through - being interrupted, blamed, brushed off, left waiting without news, refused what they
are owed. Interactional justice drives loyalty and word of mouth as much as the outcome does,
or more (Tax, Brown & Chandrashekaran 1998; Orsingher et al. 2010), so each such moment costs
the overall a few points besides what it costs its dimension, and a path with two or three of
them cannot score well however good the rest was. Every breach is named in the debrief.

Only what the trainee did (or left undone where the scenario made it possible) counts; more of
it never raises a score (principle 16).
"""

from __future__ import annotations

from ..scenario.model import Scenario
from .common import Dim, Note, note
from .facts import Facts, options
from .remedy_fit import worth
from .rubric import Rubric


def breaches(
    scenario: Scenario, facts: Facts, dims: dict[str, Dim], rubric: Rubric
) -> list[tuple[str, int]]:
    """(breach, how many times) for every principle broken on this path."""
    opt = options(scenario)
    out: list[tuple[str, int]] = []

    def add(key: str, count: int | bool) -> None:
        if count:
            out.append((key, int(count)))

    add("deflected", facts.deflects)
    add("blamed_customer", facts.blames_customer)
    add("refused", facts.refuses)
    add("argued", facts.argues)
    add("interrupted", facts.interrupts)
    add("caved", facts.boundaries.count("cave"))
    add("retaliated", facts.boundaries.count("retaliate"))
    add("false_reassurance", facts.conduct.get("false-reassurance", 0))
    add("brushed_off", facts.conduct.get("brush-off", 0))
    add("stalled", facts.conduct.get("stall", 0))
    add("uninformed_wait", facts.waits - facts.informed_waits)
    if opt.apologise:
        add("no_apology", not facts.apologised)
    if opt.listen:
        add("never_listened", not facts.listened)
    if opt.follow_up:
        add("no_follow_up", not facts.follow_up)
    remedy_notes = {n.key for n in dims["remedy_fit"].notes}
    add("nothing_offered", not facts.offered and not facts.handed_over)
    add("over_authority", "remedy.over_authority" in remedy_notes)
    add("needless_handover", "remedy.escalated_needless" in remedy_notes)
    if facts.offered:
        add("overpaid", worth(scenario, facts.offered, rubric).nominal > rubric.overpay_ratio)
    owed = [r for r in scenario.remedies if r.owed and not r.escalate]
    add("owed_missing", sum(1 for r in owed if r not in facts.offered))
    return out


def deduction(found: list[tuple[str, int]], rubric: Rubric) -> float:
    """What the breaches cost the overall, in points (bounded)."""
    return min(rubric.breach_cap, rubric.breach_cost * sum(count for _, count in found))


def notes(found: list[tuple[str, int]], rubric: Rubric) -> tuple[Note, ...]:
    return tuple(
        note(f"breach.{key}", rubric.breach_cost * count, count=count) for key, count in found
    )
