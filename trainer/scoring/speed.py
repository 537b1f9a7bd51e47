"""Speed: acknowledge fast, resolve fast, decide fast, keep a waiting customer informed.

Procedural justice; the zone of tolerance (Hogreve, Bilstein & Mandl 2017): a plateau within the
scenario's targets, then a half-life decay; a status update damps the loss.
"""

from __future__ import annotations

from ..scenario.model import Scenario
from .common import Dim, decay, note
from .facts import Facts
from .rubric import Rubric


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    timing = scenario.timing
    notes = []
    if facts.ack_minute is None:
        ack = 0.0
        notes.append(note("speed.never_acknowledged"))
    else:
        ack = decay(
            facts.ack_minute, timing.acknowledge_min, timing.acknowledge_min * rubric.half_life
        )
        if ack < 1.0:
            notes.append(
                note(
                    "speed.late_acknowledgment",
                    minutes=round(facts.ack_minute, 1),
                    target=timing.acknowledge_min,
                )
            )
    if facts.resolved_at is None:
        res = 0.0
        notes.append(note("speed.never_resolved"))
    else:
        # Keeping a waiting customer informed stretches the tolerance (Hogreve et al. 2017),
        # in proportion to the waits that were explained.
        if facts.waits:
            stretch = (
                rubric.half_life
                + (rubric.informed_half_life - rubric.half_life) * facts.informed_share
            )
        else:
            stretch = rubric.informed_half_life if facts.inform else rubric.half_life
        half = timing.resolve_min * stretch
        res = decay(facts.resolved_at, timing.resolve_min, half)
        if res < 1.0:
            notes.append(
                note(
                    "speed.slow_resolution",
                    minutes=round(facts.resolved_at),
                    target=timing.resolve_min,
                    informed=facts.inform,
                )
            )
    if facts.decision_seconds:
        per = [
            decay(s, timing.decide_s, timing.decide_s * rubric.decision_half_life)
            for s in facts.decision_seconds
        ]
        decisions = sum(per) / len(per)
        slow = sum(1 for p in per if p < 1.0)
        if slow:
            notes.append(note("speed.slow_decisions", count=slow, target=timing.decide_s))
    else:
        decisions = 0.0
    world = rubric.acknowledge_share * ack + rubric.resolve_share * res
    informed = facts.informed_share
    value = 100.0 * (rubric.world_share * world + rubric.decision_share * decisions)
    value *= 1.0 - rubric.waits_weight * (1.0 - informed)
    if informed < 1.0:
        notes.append(note("speed.uninformed_waits", count=facts.waits - facts.informed_waits))
    stalls = facts.conduct.get("stall", 0)
    if stalls:
        value -= rubric.stall_penalty * min(stalls, rubric.max_stalls_counted)
        notes.append(note("speed.stalled", count=stalls))
    value = max(0.0, value)
    if not notes:
        notes.append(
            note(
                "speed.good",
                ack=round(facts.ack_minute or 0, 1),
                resolved=round(facts.resolved_at or 0),
            )
        )
    return Dim(value, tuple(notes))
