"""`trainer validate` on 1,000 generated files, against the floor of `yaml.compose` on the
same files, measured in the same run.

    python benchmarks/bench_validate.py [--files 1000]

Both sides read every file from disk. The floor is libyaml's composer (`yaml.compose` with
`CSafeLoader`), the fastest way to get a node tree with line marks; the two are run in turn,
so a busy machine slows both alike. PyYAML's pure-Python composer is shown for reference.
Goal: validate <= 2x the floor (exit status 1 otherwise).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import scenario_yaml  # noqa: E402

from trainer.content.library import Library, bundled_scenarios  # noqa: E402


def best_of(repeats: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.files):
            beats = 4 + i % 9
            (folder / f"s{i:04d}.yaml").write_text(
                scenario_yaml(beats, seed=i, scenario_id=f"gen-{i:04d}"), encoding="utf-8"
            )
        files = sorted(folder.glob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def compose_pure() -> None:
            for f in files:
                yaml.compose(f.read_text("utf-8"))

        def compose_c() -> None:
            for f in files:
                yaml.compose(f.read_text("utf-8"), Loader=yaml.CSafeLoader)

        def validate() -> None:
            loaded = Library([folder, bundled_scenarios()]).load_paths([folder])
            assert not loaded.errors, loaded.errors[:3]
            assert len(loaded.scenarios) == args.files

        # Interleaved, so that a busy machine slows both sides alike; fastest of each.
        t_validate, t_c = float("inf"), float("inf")
        for _ in range(args.repeats):
            t_validate = min(t_validate, best_of(1, validate))
            t_c = min(t_c, best_of(1, compose_c))
        t_pure = best_of(1, compose_pure)
    print(f"validate benchmark: {args.files} files, {size / 1e6:.1f} MB")
    print(f"  trainer validate (load + check + model)  {t_validate:7.3f} s")
    print(
        f"  floor yaml.compose (libyaml CSafeLoader) {t_c:7.3f} s   ratio {t_validate / t_c:.2f}x"
    )
    print(
        f"  yaml.compose (PyYAML's pure Python)      {t_pure:7.3f} s   "
        f"ratio {t_validate / t_pure:.2f}x"
    )
    met = t_validate <= 2 * t_c
    print(f"  goal: <= 2x the libyaml floor -> {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
