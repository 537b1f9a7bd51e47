"""The worst case at each limit of the scenario format (scenario-format.md, "Limits"): how long
`trainer validate`, `trainer lint` and `trainer run` take on the largest and most awkward files
the limits allow, against a floor measured in the same run.

    python benchmarks/bench_limits.py [--repeats 3]

Each command runs as a user runs it, in a child process (interpreter start included), and is
timed with its peak memory. The floor is libyaml composing the same file in a child process
(`yaml.compose` with `CSafeLoader`): what merely reading it costs. Goals, for every file within
the limits: validate <= 2 s, lint <= 10 s, run <= 2 s. For each run, the breakdown below the
table shows which part takes the time (the engine and the scores, or the debrief's search for
better choices). Exit status 1 when a goal is not met.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
from hostile import corpus  # noqa: E402

from trainer.scenario.limits import (  # noqa: E402
    MAX_BEATS,
    MAX_CHOICES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    MAX_REMEDIES,
    MAX_STEPS,
)

GOALS = {"validate": 2.0, "lint": 10.0, "run": 2.0}
FLOOR = (
    "import sys, yaml; "
    "yaml.compose(open(sys.argv[1], 'rb').read().decode(), Loader=yaml.CSafeLoader)"
)


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], str]
    commands: tuple[str, ...]
    script: Callable[[], str] | None = None
    valid: bool = True


def largest_wide() -> str:
    """200 beats x 12 choices in one loop, texts padded to just under 1 MiB."""
    low, high = 0, 8000
    while low < high:
        pad = (low + high + 1) // 2
        if len(corpus.wide(MAX_BEATS, MAX_CHOICES, pad=pad).encode()) <= MAX_FILE_BYTES:
            low = pad
        else:
            high = pad - 1
    return corpus.wide(MAX_BEATS, MAX_CHOICES, pad=low)


def flat_errors() -> str:
    """1 MiB of keys the format does not know: one error each (about 90,000)."""
    return corpus.flat_mapping(MAX_FILE_BYTES - 20)


CASES = (
    Case(
        f"1 MiB: {MAX_BEATS} beats x {MAX_CHOICES} choices, one loop",
        largest_wide,
        ("validate", "lint", "run"),
        lambda: corpus.wide_script(MAX_BEATS),
    ),
    Case(
        f"{MAX_BEATS} beats x {MAX_CHOICES} choices, short texts",
        lambda: corpus.wide(MAX_BEATS, MAX_CHOICES),
        ("lint", "run"),
        lambda: corpus.wide_script(MAX_BEATS),
    ),
    Case(f"{MAX_BEATS}-beat cycle", lambda: corpus.cycle(MAX_BEATS), ("validate", "lint")),
    Case(
        f"{MAX_BEATS}-beat chain, {MAX_STEPS}-step script",
        lambda: corpus.chain(MAX_BEATS),
        ("validate", "lint", "run"),
        lambda: corpus.chain_script(MAX_BEATS),
    ),
    Case(
        f"{MAX_REMEDIES} remedies, 1 hand-over",
        lambda: corpus.menu(MAX_REMEDIES),
        ("lint", "run"),
        lambda: corpus.menu_script(MAX_REMEDIES),
    ),
    Case(
        f"{MAX_REMEDIES} remedies, 5 hand-overs",
        lambda: corpus.menu_with_handovers(MAX_REMEDIES, 5),
        ("lint", "run"),
        lambda: corpus.menu_script(MAX_REMEDIES),
    ),
    Case(
        f"one repeatable beat, {MAX_STEPS}-step script",
        corpus.loop_scenario,
        ("lint", "run"),
        lambda: corpus.loop_script(MAX_STEPS),
    ),
    Case("1 MiB of unknown keys", flat_errors, ("validate", "lint"), valid=False),
    Case(
        f"aliases expanding to {MAX_NODES - 1000:,} nodes",
        lambda: corpus.aliases(MAX_NODES - 1000),
        ("validate",),
        valid=False,
    ),
    Case(f"nesting {MAX_DEPTH} deep", lambda: corpus.nested(MAX_DEPTH), ("validate",), valid=False),
)


def child(args: list[str], cwd: Path) -> tuple[float, int, int]:
    """Run a child process; its wall time, exit status and peak resident memory (KiB)."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(args, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, process.returncode, usage.ru_maxrss


def best(repeats: int, args: list[str], cwd: Path) -> tuple[float, int, int]:
    runs = [child(args, cwd) for _ in range(repeats)]
    fastest = min(runs)
    return fastest[0], fastest[1], max(r[2] for r in runs)


def breakdown(scenario_path: Path, script_path: Path) -> tuple[float, float]:
    """In this process: seconds for the engine and the scores, and for the debrief."""
    from trainer.content.library import Library, bundled_scenarios
    from trainer.content.scripts import load_script_file
    from trainer.engine import Engine
    from trainer.scenario.diagnostics import Collector
    from trainer.scoring import score_run
    from trainer.scoring.debrief import debrief

    scenario, diags = Library([bundled_scenarios()]).load_scenario(scenario_path)
    assert scenario is not None, [str(d) for d in diags]
    script = load_script_file(script_path, Collector("s"), scenario)
    assert script is not None
    started = time.perf_counter()
    run = Engine(scenario).play([(s.action, s.after) for s in script.steps], seed=script.seed)
    result = score_run(run)
    engine_and_scores = time.perf_counter() - started
    started = time.perf_counter()
    debrief(run, result, "en")
    return engine_and_scores, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    failed: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start, _, start_memory = best(args.repeats, [python, "-c", "pass"], folder)
        print(f"limits benchmark ({args.repeats} runs each, fastest shown; peak memory of all)")
        print(f"  interpreter start alone: {start:.2f} s, {start_memory / 1024:.0f} MiB")
        print(
            f"  {'case':<42} {'size':>8} {'floor':>7}  "
            f"{'validate':>15} {'lint':>15} {'run':>15}   {'memory':>7}"
        )
        for number, case in enumerate(CASES):
            text = case.make()
            path = folder / f"case{number}.yaml"
            path.write_text(text, encoding="utf-8")
            script = folder / f"case{number}-script.yaml"
            if case.script is not None:
                script.write_text(case.script(), encoding="utf-8")
            floor, code, _ = best(args.repeats, [python, "-c", FLOOR, str(path)], folder)
            assert code == 0, f"{case.name}: libyaml could not compose it"
            cells: dict[str, str] = {}
            memory = 0
            for command in ("validate", "lint", "run"):
                if command not in case.commands:
                    cells[command] = "-"
                    continue
                argv = [python, "-m", "trainer", command, path.name]
                if command == "run":
                    argv += ["--script", script.name]
                seconds, code, peak = best(args.repeats, argv, folder)
                memory = max(memory, peak)
                expected = 0 if case.valid else 1
                if code != expected:
                    failed.append(f"{case.name}: {command} exited {code}, not {expected}")
                if seconds > GOALS[command]:
                    failed.append(
                        f"{case.name}: {command} took {seconds:.2f} s (goal {GOALS[command]:g} s)"
                    )
                cells[command] = f"{seconds:6.2f} s {seconds / floor:5.1f}x"
            size = path.stat().st_size
            print(
                f"  {case.name:<42} {size / 1024:6.0f}KB {floor:5.2f} s  "
                f"{cells['validate']:>15} {cells['lint']:>15} {cells['run']:>15}   "
                f"{memory / 1024:5.0f}MiB"
            )
            if "run" in case.commands:
                engine, brief = breakdown(path, script)
                notes.append(
                    f"  {case.name:<42} engine + scores {engine:6.2f} s, debrief {brief:6.2f} s"
                )
    print("  ratios are to the floor: libyaml composing the same file, in a child process")
    print("runs, in this process (no interpreter start):")
    for note in notes:
        print(note)
    goals = ", ".join(f"{name} <= {limit:g} s" for name, limit in GOALS.items())
    if failed:
        print(f"goals ({goals}) NOT met:")
        for line in failed:
            print(f"  {line}")
        return 1
    print(f"goals ({goals}): met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
