"""Engine + rubric time per scripted run, on every bundled scenario's model script.

    python benchmarks/bench_engine.py [--repeats 200]

Reports, per run: the engine alone (playing the script), engine + rubric (the scores), and the
full result with the debrief (whose better-choice search replays alternatives). The floor,
measured in the same run, is the engine alone: the rubric's cost is the ratio above it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from trainer.application.play import finish
from trainer.content.library import Library, bundled_scenarios
from trainer.content.scripts import read_script
from trainer.engine import Engine
from trainer.scenario.diagnostics import Collector
from trainer.scoring import score_run


def per_run(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for _ in range(repeats):
        fn()
    return (time.perf_counter() - started) / repeats


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    loaded = Library([bundled_scenarios()]).all()
    engine_t, scored_t, full_t = [], [], []
    for scenario in sorted(loaded.scenarios, key=lambda s: s.id):
        path = bundled_scenarios() / "scripts" / f"{scenario.id}.yaml"
        script = read_script(path.read_bytes(), Collector(str(path)))
        assert script is not None
        decisions = [(step.action, step.after) for step in script.steps]
        engine = Engine(scenario)
        engine_t.append(per_run(lambda e=engine, d=decisions: e.play(d, seed=1), args.repeats))
        scored_t.append(
            per_run(lambda e=engine, d=decisions: score_run(e.play(d, seed=1)), args.repeats)
        )
        full_t.append(
            per_run(
                lambda e=engine, d=decisions: finish(e.play(d, seed=1)), max(5, args.repeats // 20)
            )
        )
    e, s, f = (statistics.median(x) for x in (engine_t, scored_t, full_t))
    print(f"engine + rubric per scripted run ({len(engine_t)} bundled scenarios, median)")
    print(f"  engine alone (floor)        {e * 1e6:8.0f} us")
    print(f"  engine + rubric (scores)    {s * 1e6:8.0f} us   x{s / e:.1f} the floor")
    print(f"  full result with debrief    {f * 1e3:8.1f} ms   x{f / e:.0f} the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
