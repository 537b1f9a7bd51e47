"""Boundaries, for abusive, opportunist and never-satisfied customers: a checklist per persona.

De-escalation (Richmond et al. 2012): calm, specific limits, choices, escalation on threats,
documentation. Opportunists: "believe the experience, verify the claim", never accuse without
evidence (Baker, Magnini & Perdue 2012), never pay what is demanded (Wirtz & McColl-Kennedy
2010). Never-satisfied: a fair remedy and a held line, no escalating concessions. Items the
scenario gives no way to do are not applicable, not failed.
"""

from __future__ import annotations

from ..scenario.model import Scenario
from .common import Dim, ledger, note
from .facts import Facts, options
from .remedy_fit import fair_within_authority, worth
from .rubric import Rubric


def _fair(scenario: Scenario, facts: Facts, rubric: Rubric) -> bool:
    """A fair remedy was given, or rightly left to a manager because it is beyond authority."""
    if facts.handed_over and not fair_within_authority(scenario, rubric):
        return (
            not facts.offered
            or worth(scenario, facts.offered, rubric).nominal <= rubric.plateau_top + 1e-9
        )
    if not facts.offered:
        return False
    w = worth(scenario, facts.offered, rubric)
    return (w.fixes or w.effective >= 0.6) and w.nominal <= rubric.plateau_top + 1e-9


def checklist(scenario: Scenario, facts: Facts, rubric: Rubric) -> list[tuple[str, bool]]:
    """(item, passed) for every applicable item of the persona's checklist."""
    opt = options(scenario)
    archetype = scenario.persona.archetype
    caved = "cave" in facts.boundaries
    overpaid = (
        bool(facts.offered)
        and worth(scenario, facts.offered, rubric).nominal > rubric.overpay_ratio
    )
    items: list[tuple[str, bool]] = []
    if archetype == "abusive":
        if opt.calm:
            # A limit abandoned by caving afterwards was not held.
            items.append(("calm_limit", "calm" in facts.boundaries and not caved))
        if opt.retaliate:
            items.append(("no_retaliation", "retaliate" not in facts.boundaries))
        items.append(("no_caving", not caved and not overpaid))
        if facts.threat_at is not None and opt.escalate:
            # Only an escalation at or after the threat answers it (principle 15).
            items.append(("escalated_threat", facts.escalated_after_threat))
        if opt.log:
            items.append(("documented", "log" in facts.follow_up))
    elif archetype == "opportunist":
        if opt.verify:
            items.append(("verified", facts.verify))
        items.append(("fair_remedy", _fair(scenario, facts, rubric)))
        if opt.explain:
            items.append(("explained", "explanation" in facts.good_components or facts.inform))
        items.append(("held_line", not caved and not overpaid))
        if opt.accuse:
            items.append(("no_accusation", not facts.blames_customer and not facts.argues))
    elif archetype == "never-satisfied":
        items.append(("fair_remedy", _fair(scenario, facts, rubric)))
        if opt.calm or opt.inform:
            items.append(
                ("limits_held", ("calm" in facts.boundaries or facts.inform) and not caved)
            )
        items.append(("no_concession", not caved and facts.offer_turns <= 1 and not overpaid))
        if opt.log:
            items.append(("documented", "log" in facts.follow_up))
    return items


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    items = checklist(scenario, facts, rubric)
    if not items:
        return Dim(100.0, (note("boundaries.good"),))
    weights = [rubric.boundary_weights.get(name, 1.0) for name, _ in items]
    total = sum(weights)
    passed = sum(w for w, (_, ok) in zip(weights, items, strict=True) if ok)
    value = 100.0 * passed / total
    notes = [
        note(f"boundaries.{name}", 100.0 * w / total)
        for w, (name, ok) in zip(weights, items, strict=True)
        if not ok
    ]
    return Dim(value, ledger(notes) or (note("boundaries.good"),))
