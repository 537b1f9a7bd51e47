"""The rubric's entry point: ``score_run(run)`` -> :class:`Result` (scores, notes, outcome)."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.engine import Run
from ..scenario.model import Scenario
from . import apology, boundaries, breaches, follow_up, remedy_fit, speed
from .common import Dim, Note, note
from .facts import Facts, extract
from .outcome import Outcome, outcome
from .remedy_fit import left_unfixed
from .rubric import BOUNDARY_ARCHETYPES, RUBRIC, Rubric

_MODULES = (
    ("speed", speed),
    ("apology", apology),
    ("remedy_fit", remedy_fit),
    ("follow_up", follow_up),
    ("boundaries", boundaries),
)


def _round(value: float) -> int:
    return int(max(0.0, min(100.0, value)) + 0.5)


@dataclass(frozen=True)
class Result:
    scores: dict[str, int]  # dimension -> 0..100, plus "overall"
    raw: dict[str, float]  # unrounded, for comparisons
    notes: dict[str, tuple[Note, ...]]
    outcome: Outcome
    facts: Facts
    gated: bool
    capped: bool

    @property
    def overall(self) -> float:
        return self.raw["overall"]


def _mean(dims: dict[str, Dim], weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(dims[n].score * w for n, w in weights.items()) / total


def dimensions(scenario: Scenario) -> tuple[str, ...]:
    names = ("speed", "apology", "remedy_fit", "follow_up")
    if scenario.persona.archetype in BOUNDARY_ARCHETYPES:
        return names + ("boundaries",)
    return names


def evaluate(
    scenario: Scenario, facts: Facts, rubric: Rubric = RUBRIC
) -> tuple[dict[str, Dim], float, bool, bool]:
    """Score ``facts``: (dimension results, overall, gated, capped)."""
    names = dimensions(scenario)
    dims = {
        name: module.score(scenario, facts, rubric) for name, module in _MODULES if name in names
    }
    weights = dict(zip(names, rubric.weights[scenario.persona.archetype], strict=True))
    broken = breaches.breaches(scenario, facts, dims, rubric)
    penalty = breaches.deduction(broken, rubric)
    overall = _mean(dims, weights) - penalty
    gated = dims["apology"].score < rubric.gate_below and dims["speed"].score < rubric.gate_below
    if gated:
        # Compensation does not fix a bad process (Wirtz & Mattila 2004): remedy fit weighs
        # less, which may only lower the overall, never raise it (principle 16).
        weights["remedy_fit"] *= rubric.gate_remedy_factor
        overall = min(overall, _mean(dims, weights) - penalty)
    # Procedural justice gates the others: a slow recovery is never a good one.
    speed = dims["speed"].score
    if speed < rubric.speed_gate_full:
        floor = rubric.speed_gate_floor
        ceiling = floor + (100.0 - floor) * speed / rubric.speed_gate_full
        if overall > ceiling:
            overall, gated = ceiling, True
    overall = max(0.0, overall)
    capped = False
    if "retaliate" in facts.boundaries:
        overall, capped = min(overall, rubric.cap_retaliation), True
    if left_unfixed(scenario, facts, rubric):
        overall, capped = min(overall, rubric.cap_unfixed), True
    return dims, overall, gated, capped


def score_run(run: Run, rubric: Rubric = RUBRIC) -> Result:
    scenario = run.scenario
    facts = extract(scenario, run.turns, run.final.minute)
    dims, overall, gated, capped = evaluate(scenario, facts, rubric)
    raw = {name: dim.score for name, dim in dims.items()}
    raw["overall"] = overall
    scores = {name: _round(value) for name, value in raw.items()}
    out = outcome(scenario, facts, run.final.anger, raw, rubric)
    notes = {name: dim.notes for name, dim in dims.items()}
    notes["overall"] = overall_notes(scenario, facts, dims, rubric)
    return Result(scores, raw, notes, out, facts, gated, capped)


def overall_notes(
    scenario: Scenario, facts: Facts, dims: dict[str, Dim], rubric: Rubric = RUBRIC
) -> tuple[Note, ...]:
    """What the overall lost beyond its dimensions: every breach, and a cap that held it."""
    found = breaches.breaches(scenario, facts, dims, rubric)
    out = list(breaches.notes(found, rubric))
    if "retaliate" in facts.boundaries:
        out.append(note("overall.capped_retaliation", cap=round(rubric.cap_retaliation)))
    if left_unfixed(scenario, facts, rubric):
        out.append(note("overall.capped_unfixed", cap=round(rubric.cap_unfixed)))
    speed = dims["speed"].score
    if speed < rubric.speed_gate_full:
        ceiling = rubric.speed_gate_floor + (100.0 - rubric.speed_gate_floor) * (
            speed / rubric.speed_gate_full
        )
        out.append(note("overall.capped_slow", cap=round(ceiling)))
    return tuple(out)
