"""Blind play against best practice: can the score be won without the skill?

    python benchmarks/bench_strategies.py [--seeds 20] [--detail]

Plays six blind strategies over every bundled scenario, 20 seeds each (the seed draws the order
in which options are shown), and prints each strategy's mean and highest overall score next to
best practice (the bundled model scripts in scenarios/scripts/):

- first:     always the first option shown (at a menu, the first remedy shown);
- longest:   always the longest text (at a menu, the remedy with the longest label);
- random:    a random option (at a menu, one to three random remedies);
- escalate:  every escalation on offer (a choice that escalates; at a menu, the hand-overs);
             otherwise the first option shown;
- spend:     the most money: at a menu every remedy; a choice that offers the most; otherwise
             the first option shown;
- nothing:   offer as little as possible: at a menu the cheapest remedy, and never a choice
             that offers anything, when there is another; otherwise the first option shown.

Goal: every blind strategy's mean <= 60 and at least 30 points below best practice;
no blind run above 80. Blind players answer fast: half the decision target (within patience).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Callable

from trainer.content.library import Library, bundled_scenarios
from trainer.content.scripts import read_script
from trainer.engine import Choose, Engine, Offer
from trainer.engine.state import Action, State
from trainer.scenario.diagnostics import Collector
from trainer.scenario.model import Scenario
from trainer.scoring import score_run

Strategy = Callable[[Scenario, Engine, State, random.Random], Action]


def _choices(scenario: Scenario, engine: Engine, state: State) -> list[str]:
    return list(engine.shown(state))


def first(scenario: Scenario, engine: Engine, state: State, rng: random.Random) -> Action:
    shown = _choices(scenario, engine, state)
    beat = scenario.beats[state.beat]
    return Offer((shown[0],)) if beat.menu else Choose(shown[0])


def longest(scenario: Scenario, engine: Engine, state: State, rng: random.Random) -> Action:
    beat = scenario.beats[state.beat]
    locale = scenario.fallback
    shown = _choices(scenario, engine, state)
    if beat.menu:
        labels = {r.id: len(r.label.get(locale)) for r in scenario.remedies}
        return Offer((max(shown, key=lambda rid: labels[rid]),))
    texts = {c.id: len(c.text.get(locale)) for c in beat.choices}
    return Choose(max(shown, key=lambda cid: texts[cid]))


def random_play(scenario: Scenario, engine: Engine, state: State, rng: random.Random) -> Action:
    beat = scenario.beats[state.beat]
    shown = _choices(scenario, engine, state)
    if beat.menu:
        size = rng.randint(1, min(3, len(shown)))
        return Offer(tuple(rng.sample(shown, size)))
    return Choose(rng.choice(shown))


def escalate(scenario: Scenario, engine: Engine, state: State, rng: random.Random) -> Action:
    beat = scenario.beats[state.beat]
    shown = _choices(scenario, engine, state)
    if beat.menu:
        handovers = [rid for rid in shown if (r := scenario.remedy(rid)) and r.escalate]
        return Offer(tuple(handovers) or (shown[0],))
    for cid in shown:
        choice = beat.choice(cid)
        if choice is not None and choice.escalate:
            return Choose(cid)
    return Choose(shown[0])


def _offer_cost(scenario: Scenario, ids: tuple[str, ...]) -> float:
    return sum(r.cost for rid in ids if (r := scenario.remedy(rid)) is not None)


def spend(scenario: Scenario, engine: Engine, state: State, rng: random.Random) -> Action:
    beat = scenario.beats[state.beat]
    shown = _choices(scenario, engine, state)
    if beat.menu:
        real = [rid for rid in shown if (r := scenario.remedy(rid)) and not r.escalate]
        return Offer(tuple(real) or (shown[0],))
    best = max(shown, key=lambda cid: _offer_cost(scenario, beat.choice(cid).offer))  # type: ignore[union-attr]
    return Choose(best)


def nothing(scenario: Scenario, engine: Engine, state: State, rng: random.Random) -> Action:
    beat = scenario.beats[state.beat]
    shown = _choices(scenario, engine, state)
    if beat.menu:
        real = [r for rid in shown if (r := scenario.remedy(rid)) and not r.escalate]
        if not real:
            return Offer((shown[0],))
        cheapest = min(real, key=lambda r: (r.cost, r.value))
        return Offer((cheapest.id,))
    for cid in shown:
        choice = beat.choice(cid)
        if choice is not None and not choice.offer:
            return Choose(cid)
    return Choose(shown[0])


STRATEGIES: dict[str, Strategy] = {
    "first": first,
    "longest": longest,
    "random": random_play,
    "escalate": escalate,
    "spend": spend,
    "nothing": nothing,
}


def play(scenario: Scenario, strategy: Strategy, seed: int) -> float:
    engine = Engine(scenario)
    rng = random.Random(f"{scenario.id}:{seed}")
    state = engine.start(seed)
    decisions = []
    for _ in range(4 * len(scenario.beats) + 4):
        if state.over:
            break
        after = round(min(scenario.timing.decide_s, engine.patience(state)) * 0.5, 2)
        action = strategy(scenario, engine, state, rng)
        state, _ = engine.step(state, action, after)
        decisions.append((action, after))
    run = engine.play(decisions, seed=seed)
    return score_run(run).overall


def best_practice(scenario: Scenario) -> float | None:
    path = bundled_scenarios() / "scripts" / f"{scenario.id}.yaml"
    if not path.is_file():
        return None
    script = read_script(path.read_bytes(), Collector(str(path)))
    assert script is not None
    run = Engine(scenario).play([(s.action, s.after) for s in script.steps], seed=script.seed)
    return score_run(run).overall


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--detail", action="store_true", help="per scenario, too")
    args = parser.parse_args()
    scenarios = sorted(Library([bundled_scenarios()]).all().scenarios, key=lambda s: s.id)
    best = {s.id: best_practice(s) for s in scenarios}
    model = [v for v in best.values() if v is not None]
    model_mean = statistics.fmean(model)
    print(
        f"blind strategies over {len(scenarios)} bundled scenarios x {args.seeds} seeds "
        "(overall score)"
    )
    print(f"  {'strategy':<14}{'mean':>7}{'max':>7}{'below best':>12}   worst scenario (mean)")
    print(f"  {'best practice':<14}{model_mean:7.1f}{max(model):7.1f}{'':>12}")
    failed = []
    rows: dict[str, dict[str, list[float]]] = {}
    for name, strategy in STRATEGIES.items():
        per: dict[str, list[float]] = {}
        for scenario in scenarios:
            per[scenario.id] = [play(scenario, strategy, seed) for seed in range(args.seeds)]
        rows[name] = per
        every = [v for values in per.values() for v in values]
        mean, top = statistics.fmean(every), max(every)
        worst = max(per, key=lambda sid: statistics.fmean(per[sid]))
        gap = model_mean - mean
        print(
            f"  {name:<14}{mean:7.1f}{top:7.1f}{gap:12.1f}   "
            f"{worst} ({statistics.fmean(per[worst]):.0f})"
        )
        if mean > 60 or gap < 30 or top > 80:
            failed.append(name)
    if args.detail:
        print()
        header = "".join(f"{n[:8]:>9}" for n in STRATEGIES)
        print(f"  {'scenario':<32}{'best':>6}{header}")
        for scenario in scenarios:
            cells = "".join(
                f"{statistics.fmean(rows[n][scenario.id]):5.0f}/{max(rows[n][scenario.id]):<3.0f}"
                for n in STRATEGIES
            )
            b = best[scenario.id]
            print(f"  {scenario.id:<32}{(b or 0):6.0f}{cells}")
    goal = "met" if not failed else "not met by " + ", ".join(failed)
    print(f"  goal: every blind mean <= 60 and >= 30 below best practice, no run > 80 -> {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
