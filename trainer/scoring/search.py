"""Path search: the engine explores a scenario's decisions to find the best-practice path, the
best path that breaks each principle (for lint's loophole search), and better choices (for the
debrief).

It does not enumerate paths blindly. Paths are grown one decision at a time; two partial paths
that reach the same beat with the same scoring-relevant summary (apology components, listening,
remedies offered, follow-up, boundaries...) can only differ in time taken, so only the better of
them is kept; and each depth keeps a bounded beam, with a share reserved for every class of
principle-breaking path, so the work grows with beats x options x beam, not with the number of
paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from ..engine.engine import ActionError, Engine
from ..engine.state import Action, Choose, Offer, State
from ..scenario.model import Scenario
from .facts import Facts, extract, options
from .remedy_fit import worth
from .rubric import RUBRIC, Rubric
from .score import evaluate

BEAM = 48  # partial paths kept per depth
PER_CLASS = 6  # of which at least this many per principle-breaking class
MAX_REMEDIES_PER_OFFER = 3

#: principles a path can break, as lint names them
VIOLATIONS = ("overcompensation", "no_apology", "never_asked", "blamed_customer", "retaliation",
              "over_authority")


@dataclass(frozen=True)
class Path:
    decisions: tuple[tuple[Action, float], ...]
    beats: tuple[str, ...]
    overall: float
    scores: dict[str, float]
    violations: frozenset[str]


@dataclass
class Exploration:
    best: Path | None = None  # best overall, whatever it breaks
    principled: Path | None = None  # best that breaks nothing
    by_violation: dict[str, Path] | None = None
    complete_paths: int = 0
    expansions: int = 0


def nominal_after(scenario: Scenario, engine: Engine, state: State) -> float:
    """Seconds a searched decision takes: well within the target and the patience."""
    return round(min(scenario.timing.decide_s, engine.patience(state)) * 0.5, 3)


def actions(scenario: Scenario, state: State) -> Iterator[Action]:
    beat = scenario.beats[state.beat]
    if not beat.menu:
        for choice in beat.choices:
            yield Choose(choice.id)
        return
    real = [r.id for r in scenario.remedies if not r.escalate]
    handovers = [r.id for r in scenario.remedies if r.escalate]
    top = min(MAX_REMEDIES_PER_OFFER, len(real))
    for size in range(1, top + 1):
        for combo in combinations(real, size):
            yield Offer(combo)
            for handover in handovers:
                if size < MAX_REMEDIES_PER_OFFER:
                    yield Offer(combo + (handover,))
    for handover in handovers:
        yield Offer((handover,))


def violations(scenario: Scenario, facts: Facts, rubric: Rubric = RUBRIC) -> frozenset[str]:
    """Which principles a (complete) path breaks, among those the scenario makes avoidable."""
    opt = options(scenario)
    out: set[str] = set()
    if facts.offered and worth(scenario, facts.offered, rubric).nominal > rubric.overpay_ratio:
        out.add("overcompensation")
    if "cave" in facts.boundaries:
        out.add("overcompensation")
    if not facts.good_components and _has_good_apology(scenario):
        out.add("no_apology")
    if not facts.listened and opt.listen:
        out.add("never_asked")
    if facts.blames_customer:
        out.add("blamed_customer")
    if "retaliate" in facts.boundaries:
        out.add("retaliation")
    if facts.spent > scenario.authority.budget and not facts.escalated:
        out.add("over_authority")
    return frozenset(out)


def _has_good_apology(scenario: Scenario) -> bool:
    return any(c.apology and set(c.apology) & {"responsibility", "regret", "repair"}
               for b in scenario.beats.values() for c in b.choices)


def _signature(state: State, facts: Facts) -> tuple[object, ...]:
    return (
        state.beat, facts.good_components, facts.conditional, min(facts.deflects, 2),
        facts.blames_customer, min(facts.refuses, 2), min(facts.argues, 2), facts.excessive,
        facts.empathy, facts.listened_first, facts.listened, min(facts.interrupts, 3),
        facts.inform, facts.verify, facts.proactive, tuple(sorted(r.id for r in facts.offered)),
        min(facts.offer_turns, 2), facts.escalated, facts.escalated_at is not None and
        facts.threat_at is not None and facts.escalated_at >= facts.threat_at,
        facts.follow_up, tuple(sorted(set(facts.boundaries))), facts.threat_at is not None,
        facts.first_apology is not None and facts.first_offer is not None and
        facts.first_apology > facts.first_offer, facts.ack_minute is not None,
    )


def _partial_violations(scenario: Scenario, facts: Facts, rubric: Rubric) -> frozenset[str]:
    # Only what is already broken for good: caving, overpaying, blaming, retaliating.
    return frozenset(v for v in violations(scenario, facts, rubric)
                     if v not in ("no_apology", "never_asked"))


def explore(scenario: Scenario, rubric: Rubric = RUBRIC, start: State | None = None,
            beam: int = BEAM, engine: Engine | None = None) -> Exploration:
    """Search the paths from ``start`` (default: the scenario's start) to ``end``."""
    engine = engine or Engine(scenario)
    state0 = start or engine.start(0)
    prefix_len = len(state0.turns)
    result = Exploration(by_violation={})
    frontier: list[tuple[State, tuple[tuple[Action, float], ...]]] = [(state0, ())]
    max_depth = 2 * len(scenario.beats) + 2
    for _ in range(max_depth):
        if not frontier:
            break
        candidates: dict[tuple[object, ...], tuple[float, frozenset[str], State,
                                                   tuple[tuple[Action, float], ...]]] = {}
        for state, path in frontier:
            after = nominal_after(scenario, engine, state)
            for action in actions(scenario, state):
                result.expansions += 1
                try:
                    nxt, _ = engine.step(state, action, after)
                except ActionError:
                    continue
                decisions = path + ((action, after),)
                facts = extract(scenario, nxt.turns, nxt.minute)
                if nxt.over:
                    _record(scenario, rubric, result, nxt, facts, decisions, prefix_len)
                    continue
                dims, overall, _, _ = evaluate(scenario, facts, rubric)
                key = _signature(nxt, facts)
                broken = _partial_violations(scenario, facts, rubric)
                kept = candidates.get(key)
                if kept is None or overall > kept[0]:
                    candidates[key] = (overall, broken, nxt, decisions)
        frontier = _prune(candidates.values(), beam)
    return result


def _prune(items: Iterable[tuple[float, frozenset[str], State, tuple[tuple[Action, float], ...]]],
           beam: int) -> list[tuple[State, tuple[tuple[Action, float], ...]]]:
    ranked = sorted(items, key=lambda item: -item[0])
    if len(ranked) <= beam:
        return [(state, path) for _, _, state, path in ranked]
    keep: list[int] = []
    per_class: dict[frozenset[str], int] = {}
    for index, (_, broken, _, _) in enumerate(ranked):
        if per_class.get(broken, 0) < PER_CLASS:
            per_class[broken] = per_class.get(broken, 0) + 1
            keep.append(index)
    for index in range(len(ranked)):
        if len(keep) >= beam:
            break
        if index not in keep:
            keep.append(index)
    keep.sort()
    return [(ranked[i][2], ranked[i][3]) for i in keep[: max(beam, len(per_class))]]


def _record(scenario: Scenario, rubric: Rubric, result: Exploration, final: State, facts: Facts,
            decisions: tuple[tuple[Action, float], ...], prefix_len: int) -> None:
    dims, overall, _, _ = evaluate(scenario, facts, rubric)
    broken = violations(scenario, facts, rubric)
    path = Path(decisions, tuple(t.beat for t in final.turns[prefix_len:]), overall,
                {name: dim.score for name, dim in dims.items()}, broken)
    result.complete_paths += 1
    if result.best is None or overall > result.best.overall:
        result.best = path
    if not broken and (result.principled is None or overall > result.principled.overall):
        result.principled = path
    assert result.by_violation is not None
    for name in broken:
        current = result.by_violation.get(name)
        if current is None or overall > current.overall:
            result.by_violation[name] = path
