"""Apology sincerity and interpersonal treatment.

Interactional justice. The six components and their order of importance (Lewicki, Polin &
Lount 2016); empathy in the delivery and a late apology worth less (Roschk & Kaiser 2013);
listen first, then apologise and fix (Min et al. 2020); blame-shifting and blaming the customer
are worst (principle 1).
"""

from __future__ import annotations

from ..scenario.model import Scenario
from .common import Dim, clamp, note
from .facts import Facts
from .rubric import Rubric


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    notes = []
    content = sum(rubric.components[c] for c in facts.good_components)
    if facts.conditional and "responsibility" not in facts.good_components:
        content += rubric.conditional_credit
    content = min(100.0, content)
    late = (
        facts.first_apology is not None
        and facts.first_offer is not None
        and facts.first_apology > facts.first_offer
    )
    if late:
        content *= rubric.late_apology_factor
    delivery = 0.0
    if facts.empathy:
        delivery += rubric.delivery["empathy"]
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
    if late:
        notes.append(note("apology.late"))
    if facts.refuses:
        notes.append(note("apology.refused"))
    if facts.argues:
        notes.append(note("apology.argued"))
    if facts.interrupts:
        notes.append(note("apology.interrupted", count=facts.interrupts))
    if not facts.listened_first:
        notes.append(note("apology.did_not_listen_first"))
    if not facts.empathy:
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
