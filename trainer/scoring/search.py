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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from ..engine.engine import ActionError, Engine
from ..engine.state import Action, Choose, Offer, State
from ..scenario.model import END, Remedy, Scenario
from .facts import Facts, FactsBuilder, options
from .remedy_fit import _base, worth
from .rubric import RUBRIC, Rubric
from .score import evaluate

BEAM = 12  # partial paths kept per beat
PER_CLASS = 2  # of which at least this many per class of broken principles
LOOP_ROUNDS = 3  # rounds through a loop of beats
MAX_STEPS_FACTOR = 2  # a path longer than twice the beats is going round in circles
MAX_REMEDIES_PER_OFFER = 3
#: the work one search may do, in decisions tried: the beam narrows for scenarios so large that
#: the full beam would pass WORK, and the search stops at MAX_EXPANSIONS whatever happens (the
#: result then says ``exhausted``). At the format's limits (scenario-format.md) this keeps a
#: search within a few seconds; the bundled scenarios need a few hundred.
WORK = 30_000
MAX_EXPANSIONS = 40_000
MIN_BEAM = 2

#: principles a path can break, as lint names them
VIOLATIONS = (
    "overcompensation",
    "no_apology",
    "never_asked",
    "blamed_customer",
    "retaliation",
    "over_authority",
    "owed_missing",
)


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
    exhausted: bool = False  # the search stopped at MAX_EXPANSIONS: paths may be missing
    beam: int = BEAM  # the beam the search used (narrower than asked for large scenarios)


def nominal_after(scenario: Scenario, engine: Engine, state: State) -> float:
    """Seconds a searched decision takes: well within the target and the patience."""
    return round(min(scenario.timing.decide_s, engine.patience(state)) * 0.5, 3)


@lru_cache(maxsize=256)
def menu_offers(scenario: Scenario, rubric: Rubric = RUBRIC) -> tuple[Offer, ...]:
    """The offers worth exploring at a menu: the best fair ones within authority, the best that
    exceed it, the best that over-pay, hand-overs alone and beside the best fair one.

    Remedy fit depends on what is offered, not on the path to the menu, so the subsets can be
    ranked once per scenario instead of once per partial path (a menu of n remedies has 2^n).
    """
    real = [r for r in scenario.remedies if not r.escalate]
    owed = tuple(r for r in real if r.owed)
    others = [r for r in real if not r.owed]
    handovers = [r for r in scenario.remedies if r.escalate]
    budget = scenario.authority.budget
    top = min(MAX_REMEDIES_PER_OFFER, len(others))
    groups: dict[str, list[tuple[float, tuple[str, ...]]]] = {
        "fair": [],
        "over_budget": [],
        "overpay": [],
        "owed_missing": [],
    }
    # Up to three remedies of choice, with everything owed (and, for the loophole search,
    # without it).
    combos: list[tuple[Remedy, ...]] = [owed] if owed else []
    for size in range(1, top + 1):
        for combo in combinations(others, size):
            combos.append(owed + combo)
            if owed:
                combos.append(combo)
    for combo in combos:
        base = _base(scenario, combo, rubric)
        over_budget = sum(r.cost for r in combo if not r.owed) > budget
        overpay = worth(scenario, combo, rubric).nominal > rubric.overpay_ratio
        if overpay:
            group = "overpay"
        elif owed and not set(owed) <= set(combo):
            group = "owed_missing"
        elif over_budget:
            group = "over_budget"
        else:
            group = "fair"
        groups[group].append((base, tuple(r.id for r in combo)))
    keep: dict[str, int] = {"fair": 4, "over_budget": 2, "overpay": 2, "owed_missing": 2}
    offers: list[tuple[str, ...]] = []
    for group, items in groups.items():
        items.sort(key=lambda item: (-item[0], item[1]))
        offers.extend(ids for _, ids in items[: keep[group]])
    for handover in handovers:
        offers.append((handover.id,))
        for group in ("fair", "over_budget"):
            if groups[group]:
                offers.append(groups[group][0][1] + (handover.id,))
    return tuple(Offer(ids) for ids in dict.fromkeys(offers))


def actions(scenario: Scenario, state: State, rubric: Rubric = RUBRIC) -> Iterator[Action]:
    beat = scenario.beats[state.beat]
    if not beat.menu:
        for choice in beat.choices:
            yield Choose(choice.id)
        return
    yield from menu_offers(scenario, rubric)


def all_offers(scenario: Scenario) -> Iterator[Offer]:
    """Every offer of up to three remedies, with and without a hand-over (for the debrief)."""
    real = [r.id for r in scenario.remedies if not r.escalate]
    handovers = [r.id for r in scenario.remedies if r.escalate]
    for size in range(1, min(MAX_REMEDIES_PER_OFFER, len(real)) + 1):
        for combo in combinations(real, size):
            yield Offer(combo)
            for handover in handovers:
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
    if facts.discretionary > scenario.authority.budget and not facts.handed_over:
        out.add("over_authority")
    if facts.offer_turns and any(
        r.owed and not r.escalate and r not in facts.offered for r in scenario.remedies
    ):
        out.add("owed_missing")
    return frozenset(out)


def _has_good_apology(scenario: Scenario) -> bool:
    return any(
        c.apology and set(c.apology) & {"responsibility", "regret", "repair"}
        for b in scenario.beats.values()
        for c in b.choices
    )


def _signature(state: State, builder: FactsBuilder) -> tuple[object, ...]:
    return (state.beat, *builder.key())


def _partial_violations(scenario: Scenario, facts: Facts, rubric: Rubric) -> frozenset[str]:
    # Only what is already broken for good: caving, overpaying, blaming, retaliating.
    return frozenset(
        v
        for v in violations(scenario, facts, rubric)
        if v not in ("no_apology", "never_asked", "owed_missing")
    )


def _order(scenario: Scenario) -> list[list[str]]:
    """Beats grouped into strongly connected components, in topological order (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0

    def successors(beat_id: str) -> list[str]:
        # The search decides well within patience, so timeouts never move it: their edges
        # do not count here.
        beat = scenario.beats[beat_id]
        out = [c.next for c in beat.choices] + ([beat.next] if beat.menu and beat.next else [])
        return [t for t in dict.fromkeys(out) if t != END]

    for root in scenario.beats:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            succ = successors(node)
            if child < len(succ):
                work.append((node, child + 1))
                target = succ[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            for target in succ:
                if target in on_stack:
                    low[node] = min(low[node], low[target])
            if low[node] == index[node]:
                component = []
                while True:
                    item = stack.pop()
                    on_stack.discard(item)
                    component.append(item)
                    if item == node:
                        break
                components.append(component)
    components.reverse()  # Tarjan yields sinks first
    # Inside a loop, visit beats in breadth-first order from the start, so forward edges are
    # followed within one round and only the edges back need another.
    distance = {scenario.start: 0}
    queue = [scenario.start]
    for beat_id in queue:
        for target in successors(beat_id):
            if target not in distance:
                distance[target] = distance[beat_id] + 1
                queue.append(target)
    far = len(scenario.beats) + 1
    return [sorted(c, key=lambda b: (distance.get(b, far), b)) for c in components]


def explore(
    scenario: Scenario,
    rubric: Rubric = RUBRIC,
    start: State | None = None,
    beam: int = BEAM,
    engine: Engine | None = None,
    max_expansions: int | None = None,
    allowed: Callable[[Scenario, str, Action], bool] | None = None,
) -> Exploration:
    """Search the paths from ``start`` (default: the scenario's start) to ``end``, taking only
    the actions ``allowed`` says may be taken at a beat (default: any).

    Beats are visited in topological order of their strongly connected components; the partial
    paths that arrive at a beat, by whatever route, are merged (one per scoring signature) and
    pruned to a beam before they are extended, so each beat is expanded once (a bounded number
    of rounds inside a loop). ``max_expansions`` lowers the budget below MAX_EXPANSIONS (a
    caller that searches many times, like the debrief, can share one budget among them).
    """
    engine = engine or Engine(scenario)
    state0 = start or engine.start(0)
    prefix_len = len(state0.turns)
    order = _order(scenario)
    limit = MAX_EXPANSIONS if max_expansions is None else min(max_expansions, MAX_EXPANSIONS)
    beam = _fitting_beam(scenario, rubric, order, beam, limit * WORK // MAX_EXPANSIONS)
    result = Exploration(by_violation={}, beam=beam)
    builder0 = FactsBuilder(scenario)
    for turn in state0.turns:
        builder0.add(turn)
    pending: dict[str, dict[tuple[object, ...], _Item]] = {
        state0.beat: {("start",): (0.0, frozenset(), state0, (), builder0)}
    }
    for component in order:
        for _ in range(_rounds(scenario, component)):
            for beat_id in component:
                items = pending.pop(beat_id, None)
                if not items:
                    continue
                for item in _prune(items.values(), beam):
                    if result.expansions >= limit:
                        result.exhausted = True
                        return result
                    _expand(scenario, rubric, engine, result, pending, item, prefix_len, allowed)
    return result


def _rounds(scenario: Scenario, component: list[str]) -> int:
    """How many rounds the search makes through a component: LOOP_ROUNDS if it loops."""
    beat0 = scenario.beats[component[0]]
    cyclic = len(component) > 1 or any(c.next == beat0.id for c in beat0.choices)
    return LOOP_ROUNDS if cyclic else 1


def _fitting_beam(
    scenario: Scenario, rubric: Rubric, order: list[list[str]], beam: int, work: int = WORK
) -> int:
    """The beam, narrowed when a full one would try more than ``work`` decisions: each beat is
    expanded once per round, each kept path once per option."""
    per_path = 0
    for component in order:
        options = 0
        for beat_id in component:
            beat = scenario.beats[beat_id]
            options += len(menu_offers(scenario, rubric)) if beat.menu else len(beat.choices)
        per_path += options * _rounds(scenario, component)
    if per_path * beam <= work:
        return beam
    return max(MIN_BEAM, min(beam, work // max(per_path, 1)))


#: a partial path: (overall so far, principles broken for good, state, decisions, facts so far)
_Item = tuple[float, frozenset[str], State, tuple[tuple[Action, float], ...], FactsBuilder]


def _expand(
    scenario: Scenario,
    rubric: Rubric,
    engine: Engine,
    result: Exploration,
    pending: dict[str, dict[tuple[object, ...], _Item]],
    item: _Item,
    prefix_len: int,
    allowed: Callable[[Scenario, str, Action], bool] | None = None,
) -> None:
    _, _, state, path, builder = item
    after = nominal_after(scenario, engine, state)
    for action in actions(scenario, state, rubric):
        if allowed is not None and not allowed(scenario, state.beat, action):
            continue
        result.expansions += 1
        try:
            nxt, _ = engine.step(state, action, after)
        except ActionError:
            continue
        decisions = path + ((action, after),)
        if len(decisions) > MAX_STEPS_FACTOR * len(scenario.beats) + 2:
            continue
        grown = builder.copy().add(nxt.turns[-1])
        facts = grown.build(nxt.minute)
        if nxt.over:
            _record(scenario, rubric, result, nxt, facts, decisions, prefix_len)
            continue
        _, overall, _, _ = evaluate(scenario, facts, rubric)
        key = _signature(nxt, grown)
        bucket = pending.setdefault(nxt.beat, {})
        kept = bucket.get(key)
        if kept is None or overall > kept[0]:
            bucket[key] = (
                overall,
                _partial_violations(scenario, facts, rubric),
                nxt,
                decisions,
                grown,
            )


def _prune(items: Iterable[_Item], beam: int) -> list[_Item]:
    """Keep the ``beam`` best partial paths at a beat, at least ``PER_CLASS`` of each class of
    broken principles. Paths are only compared with others at the same beat (the same
    progress), so a path that reaches a menu early cannot crowd out one that listened first."""
    ranked = sorted(items, key=lambda item: -item[0])
    if len(ranked) <= beam:
        return ranked
    keep: set[int] = set()
    per_class: dict[frozenset[str], int] = {}
    for index, item in enumerate(ranked):
        broken = item[1]
        if per_class.get(broken, 0) < PER_CLASS:
            per_class[broken] = per_class.get(broken, 0) + 1
            keep.add(index)
    for index in range(len(ranked)):
        if len(keep) >= max(beam, len(per_class) * PER_CLASS):
            break
        keep.add(index)
    return [ranked[i] for i in sorted(keep)]


def _record(
    scenario: Scenario,
    rubric: Rubric,
    result: Exploration,
    final: State,
    facts: Facts,
    decisions: tuple[tuple[Action, float], ...],
    prefix_len: int,
) -> None:
    dims, overall, _, _ = evaluate(scenario, facts, rubric)
    broken = violations(scenario, facts, rubric)
    path = Path(
        decisions,
        tuple(t.beat for t in final.turns[prefix_len:]),
        overall,
        {name: dim.score for name, dim in dims.items()},
        broken,
    )
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
