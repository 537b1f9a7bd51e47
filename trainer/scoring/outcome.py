"""The customer's side of a run, shown and stored but never mixed into the scores."""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.model import Scenario
from .facts import Facts
from .remedy_fit import left_unfixed
from .rubric import Rubric


@dataclass(frozen=True)
class Outcome:
    satisfaction: int
    retained: bool
    word_of_mouth: int  # people told: positive if well, negative if badly
    spent: float
    within_authority: bool
    world_minutes: int
    left: bool  # a silent customer nobody approached walked out
    fixed: bool = True  # False: the problem could have been fixed and was left standing

    def to_json(self) -> dict[str, object]:
        spent = int(self.spent) if float(self.spent).is_integer() else round(self.spent, 2)
        return {
            "satisfaction": self.satisfaction,
            "retained": self.retained,
            "word_of_mouth": self.word_of_mouth,
            "word_of_mouth_tone": (
                "good" if self.word_of_mouth > 0 else "bad" if self.word_of_mouth < 0 else "none"
            ),
            "spent": spent,
            "within_authority": self.within_authority,
            "world_minutes": self.world_minutes,
            "left": self.left,
            "problem_fixed": self.fixed,
        }


def outcome(
    scenario: Scenario, facts: Facts, final_anger: float, dims: dict[str, float], rubric: Rubric
) -> Outcome:
    persona = scenario.persona
    satisfaction = 100.0 - final_anger
    approached = facts.proactive or facts.apologised or bool(facts.offered) or facts.escalated
    left = not persona.complains and not approached
    excellent = all(v >= rubric.paradox_min_score for v in dims.values())
    if excellent and scenario.failure.severity <= rubric.paradox_max_severity:
        ceiling = rubric.paradox_satisfaction  # the recovery paradox: first, minor, excellent
    else:
        ceiling = rubric.pre_failure_satisfaction
    satisfaction = min(satisfaction, ceiling)
    if not persona.satisfiable:
        satisfaction = min(satisfaction, rubric.never_satisfied_cap)
    if left:
        satisfaction = min(satisfaction, 20.0)
    if not facts.offered and not facts.escalated:
        satisfaction = min(satisfaction, 45.0)
    fixed = not left_unfixed(scenario, facts, rubric)
    if not fixed:
        # However pleasant the encounter, the problem is still there when they leave.
        satisfaction = min(satisfaction, rubric.unfixed_satisfaction)
    sat = int(max(0.0, min(100.0, satisfaction)) + 0.5)
    retained = sat >= rubric.retained_at and not left
    if sat < rubric.retained_at:
        # A lost customer tells many (the seeds' "12"), more the angrier they are.
        mouth = -round(3 + 9 * (rubric.retained_at - sat) / rubric.retained_at)
    elif sat >= 70 and fixed:  # nobody praises a recovery that left the problem standing
        mouth = round(1 + 4 * (sat - 70) / 30)
    else:
        mouth = 0
    within = facts.discretionary <= scenario.authority.budget or facts.handed_over
    return Outcome(
        sat, retained, int(mouth), facts.spent, within, int(facts.world_minutes + 0.5), left, fixed
    )
