"""The cohort report for 200 trainees (about five runs each): seconds to render the HTML file,
charts included, in a warm process (the first call's imports and font registration excluded).

    python benchmarks/bench_report.py [--trainees 200]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import datetime, timedelta, timezone

from trainer.reports.html import ReportRun, render_report

DIMS = ("speed", "apology", "remedy_fit", "follow_up")


def runs(trainees: int, seed: int = 1) -> list[ReportRun]:
    rng = random.Random(seed)
    t0 = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    out = []
    for n in range(trainees):
        for attempt in range(rng.randint(3, 7)):
            scores = {d: rng.randint(20, 100) for d in DIMS}
            scores["overall"] = sum(scores.values()) // len(DIMS)
            scenario = rng.randrange(14)
            out.append(
                ReportRun(
                    run_id=f"run-{n:04d}-{attempt}",
                    trainee=f"Trainee {n:04d}",
                    cohort="bench",
                    scenario_id=f"scenario-{scenario}",
                    scenario_title=f"Scenario {scenario}",
                    scores=scores,
                    finished_at=t0 + timedelta(minutes=n * 10 + attempt),
                    integrity="ok" if rng.random() > 0.01 else "mismatch",
                )
            )
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trainees", type=int, default=200)
    args = parser.parse_args()
    data = runs(args.trainees)
    now = datetime(2026, 11, 28, tzinfo=timezone.utc)
    render_report("bench", data[:20], generated_at=now)  # warm: imports, font registration
    started = time.perf_counter()
    html = render_report("bench", data, generated_at=now)
    elapsed = time.perf_counter() - started
    print(
        f"cohort report: {args.trainees} trainees, {len(data)} runs -> {len(html) / 1e6:.1f} MB "
        f"HTML in {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
