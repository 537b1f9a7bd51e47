"""Speed: acknowledge fast, resolve fast, decide fast, keep a waiting customer informed.

Procedural justice; the zone of tolerance (Hogreve, Bilstein & Mandl 2017): a plateau within the
scenario's targets, then a half-life decay; a status update damps the loss.
"""

from __future__ import annotations

from ..scenario.model import Scenario
from .common import Dim, decay, ledger, note
from .facts import Facts
from .rubric import Rubric


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    """Speed, with what each part cost: acknowledging, resolving, deciding, informing at the
    waits, stalling (the points add up to what was lost from 100)."""
    timing = scenario.timing
    ack = 0.0
    if facts.ack_minute is not None:
        ack = decay(
            facts.ack_minute, timing.acknowledge_min, timing.acknowledge_min * rubric.half_life
        )
    res = 0.0
    if facts.resolved_at is not None:
        # Keeping a waiting customer informed stretches the tolerance (Hogreve et al. 2017),
        # in proportion to the waits that were explained.
        if facts.waits:
            stretch = (
                rubric.half_life
                + (rubric.informed_half_life - rubric.half_life) * facts.informed_share
            )
        else:
            stretch = rubric.informed_half_life if facts.inform else rubric.half_life
        res = decay(facts.resolved_at, timing.resolve_min, timing.resolve_min * stretch)
    per = [
        decay(s, timing.decide_s, timing.decide_s * rubric.decision_half_life)
        for s in facts.decision_seconds
    ]
    decisions = sum(per) / len(per) if per else 0.0
    informed = facts.informed_share
    multiplier = 1.0 - rubric.waits_weight * (1.0 - informed)
    world = rubric.acknowledge_share * ack + rubric.resolve_share * res
    base = 100.0 * (rubric.world_share * world + rubric.decision_share * decisions)
    stalls = facts.conduct.get("stall", 0)
    stall_points = rubric.stall_penalty * min(stalls, rubric.max_stalls_counted)
    value = max(0.0, base * multiplier - stall_points)

    notes = []
    ack_points = 100.0 * rubric.world_share * rubric.acknowledge_share * (1.0 - ack)
    res_points = 100.0 * rubric.world_share * rubric.resolve_share * (1.0 - res)
    dec_points = 100.0 * rubric.decision_share * (1.0 - decisions)
    if facts.ack_minute is None:
        notes.append(note("speed.never_acknowledged", ack_points))
    elif ack < 1.0:
        notes.append(
            note(
                "speed.late_acknowledgment",
                ack_points,
                minutes=round(facts.ack_minute, 1),
                target=timing.acknowledge_min,
            )
        )
    if facts.resolved_at is None:
        notes.append(note("speed.never_resolved", res_points))
    elif res < 1.0:
        notes.append(
            note(
                "speed.slow_resolution",
                res_points,
                minutes=round(facts.resolved_at),
                target=timing.resolve_min,
            )
        )
    slow = sum(1 for p in per if p < 1.0)
    if slow or not per:
        notes.append(note("speed.slow_decisions", dec_points, count=slow, target=timing.decide_s))
    if informed < 1.0:
        notes.append(
            note(
                "speed.uninformed_waits",
                base * (1.0 - multiplier),
                count=facts.waits - facts.informed_waits,
            )
        )
    if stalls:
        notes.append(note("speed.stalled", stall_points, count=stalls))
    if not any(n.points >= 5 for n in notes):
        notes.append(
            note(
                "speed.good",
                ack=round(facts.ack_minute or 0, 1),
                resolved=round(facts.resolved_at or 0),
            )
        )
    return Dim(value, ledger(notes))
