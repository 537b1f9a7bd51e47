"""The loophole search behind `trainer lint`, on generated scenarios of 10, 20, 40 and 80 beats.

    python benchmarks/bench_lint.py [--seeds 3]

Reports the time per scenario and the growth against the 10-beat case measured in the same run
(linear growth doubles the time when the beats double). Goal: roughly linear; 40 beats <= 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import scenario_yaml  # noqa: E402

from trainer.application.lint import lint  # noqa: E402
from trainer.content.library import Library, bundled_scenarios  # noqa: E402
from trainer.scenario.diagnostics import Collector  # noqa: E402
from trainer.scenario.model import Scenario  # noqa: E402
from trainer.scenario.validate import read_scenario  # noqa: E402
from trainer.scenario.yamlsafe import parse_bytes  # noqa: E402


def build(beats: int, seed: int) -> Scenario:
    out = Collector(f"gen-{beats}-{seed}.yaml", [])
    parsed = parse_bytes(scenario_yaml(beats, seed).encode(), out)
    assert parsed.root is not None
    library = Library([bundled_scenarios()])
    resolver = library.persona_resolver(bundled_scenarios() / "x.yaml", out)
    scenario = read_scenario(parsed.root, out, resolver)
    assert scenario is not None, [str(d) for d in out.items]
    return scenario


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--sizes", default="10,20,40,80")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, float] = {}
    print("lint loophole search (median over seeds, seconds per scenario)")
    for size in sizes:
        times = []
        for seed in range(args.seeds):
            scenario = build(size, seed)
            started = time.perf_counter()
            lint(scenario)
            times.append(time.perf_counter() - started)
        results[size] = statistics.median(times)
    base = sizes[0]
    for size in sizes:
        growth = results[size] / results[base]
        print(
            f"  {size:3d} beats  {results[size]:6.3f} s   x{growth:5.2f} the {base}-beat time "
            f"(linear: x{size / base:.0f})"
        )
    if 40 in results:
        print(f"  goal: 40 beats <= 2 s -> {'met' if results[40] <= 2 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
