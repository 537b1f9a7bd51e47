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
    dims, overall, gated, capped, _ = evaluate_full(scenario, facts, rubric)
    return dims, overall, gated, capped


def evaluate_full(
    scenario: Scenario, facts: Facts, rubric: Rubric = RUBRIC
) -> tuple[dict[str, Dim], float, bool, bool, tuple[Note, ...]]:
    """Score ``facts``: the dimensions, the overall, whether a gate or a cap held it, and what
    the overall lost beyond its dimensions (each breach, each gate or cap, with its points)."""
    names = dimensions(scenario)
    dims = {
        name: module.score(scenario, facts, rubric) for name, module in _MODULES if name in names
    }
    weights = dict(zip(names, rubric.weights[scenario.persona.archetype], strict=True))
    broken = breaches.breaches(scenario, facts, dims, rubric)
    penalty = breaches.deduction(broken, rubric)
    notes = list(breaches.notes(broken, rubric))
    if penalty < rubric.breach_cost * sum(c for _, c in broken):
        notes.append(note("overall.breach_cap", cap=round(rubric.breach_cap)))
    overall = _mean(dims, weights) - penalty
    gated = dims["apology"].score < rubric.gate_below and dims["speed"].score < rubric.gate_below
    if gated:
        # Compensation does not fix a bad process (Wirtz & Mattila 2004): remedy fit weighs
        # less, which may only lower the overall, never raise it (principle 16).
        weights["remedy_fit"] *= rubric.gate_remedy_factor
        lowered = min(overall, _mean(dims, weights) - penalty)
        if lowered < overall:
            notes.append(note("overall.gated", overall - lowered))
        overall = lowered
    # Procedural justice gates the others: a slow recovery is never a good one.
    speed = dims["speed"].score
    if speed < rubric.speed_gate_full:
        floor = rubric.speed_gate_floor
        ceiling = floor + (100.0 - floor) * speed / rubric.speed_gate_full
        if overall > ceiling:
            notes.append(note("overall.capped_slow", overall - ceiling, cap=round(ceiling)))
            overall, gated = ceiling, True
    overall = max(0.0, overall)
    capped = False
    for applies, cap, key in (
        ("retaliate" in facts.boundaries, rubric.cap_retaliation, "overall.capped_retaliation"),
        (left_unfixed(scenario, facts, rubric), rubric.cap_unfixed, "overall.capped_unfixed"),
    ):
        if applies:
            notes.append(note(key, max(0.0, overall - cap), cap=round(cap)))
            overall, capped = min(overall, cap), True
    return dims, overall, gated, capped, tuple(notes)


def score_run(run: Run, rubric: Rubric = RUBRIC) -> Result:
    scenario = run.scenario
    facts = extract(scenario, run.turns, run.final.minute)
    dims, overall, gated, capped, overall_notes = evaluate_full(scenario, facts, rubric)
    raw = {name: dim.score for name, dim in dims.items()}
    raw["overall"] = overall
    scores = {name: _round(value) for name, value in raw.items()}
    out = outcome(scenario, facts, run.final.anger, raw, rubric)
    notes = {name: dim.notes for name, dim in dims.items()}
    notes["overall"] = overall_notes
    return Result(scores, raw, notes, out, facts, gated, capped)
