"""The results store: the leaderboard over one million generated runs, against the floor of the
equivalent hand-written SQL on the same SQLite database, measured in the same run.

    python benchmarks/bench_store.py [--runs 1000000]

The runs are real: a handful of different paths through a bundled scenario, played and scored,
assigned at random to 10,000 trainees, so every run passes the integrity check. Reported: the
store's ranking query (SQLAlchemy) against hand-written SQL through sqlite3 (goal <= 3x), and
the full leaderboard call, which also replays and re-scores every run it shows.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parent.parent / "tests"),
    str(Path(__file__).resolve().parent.parent / "tests" / "store"),
]

FLOOR_SQL = """
SELECT run_id, name, overall FROM (
  SELECT r.id AS run_id, r.trainee_id, r.overall, r.finished_at,
         ROW_NUMBER() OVER (PARTITION BY r.trainee_id, r.scenario_id
                            ORDER BY r.overall DESC, r.finished_at ASC, r.id ASC) AS pos
  FROM runs r WHERE r.hidden = 0 AND r.scenario_id = ?
) best JOIN trainees t ON t.id = best.trainee_id
WHERE pos = 1 ORDER BY overall DESC, finished_at ASC, run_id ASC LIMIT 50
"""


def best_of(repeats: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--trainees", type=int, default=10_000)
    args = parser.parse_args()
    from storehelpers import bank, record

    from trainer.scoring.search import explore
    from trainer.store import Store

    scenario = bank()
    found = explore(scenario)
    paths = [list(found.best.decisions)] + [
        list(p.decisions)  # type: ignore[union-attr]
        for p in (found.by_violation or {}).values()
    ]
    templates = [record(scenario, "x", decisions=p) for p in paths]
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite:///{folder / 'bench.db'}"
    store = Store(url)
    store.save(templates[0], scenario)  # the scenario snapshot
    rng = random.Random(1)
    t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    started = time.perf_counter()
    with sqlite3.connect(folder / "bench.db") as conn:
        conn.executemany(
            "INSERT INTO trainees (id, name, created_at) VALUES (?, ?, ?)",
            [(i + 2, f"trainee-{i:05d}", t0.isoformat()) for i in range(args.trainees)],
        )
        rows = []
        for _ in range(args.runs):
            tpl = templates[rng.randrange(len(templates))]
            when = (t0 + timedelta(seconds=rng.randrange(10_000_000))).isoformat()
            rows.append(
                (
                    str(uuid.UUID(int=rng.getrandbits(128))),
                    2 + rng.randrange(args.trainees),
                    tpl.scenario_id,
                    tpl.scenario_version,
                    tpl.scenario_sha256,
                    tpl.seed,
                    json.dumps(list(tpl.decisions)),
                    "1",
                    "en",
                    when,
                    when,
                    json.dumps(tpl.scores, sort_keys=True),
                    tpl.scores["overall"],
                    json.dumps(tpl.outcome, sort_keys=True),
                )
            )
            if len(rows) == 50_000:
                conn.executemany(INSERT, rows)
                rows = []
        if rows:
            conn.executemany(INSERT, rows)
        conn.execute("ANALYZE")
    built = time.perf_counter() - started
    raw = sqlite3.connect(folder / "bench.db")

    def floor() -> None:
        assert len(raw.execute(FLOOR_SQL, (scenario.id,)).fetchall()) == 50

    def query() -> None:
        assert len(store._leaderboard_rows(scenario.id, None, 50, set())) == 50

    def full() -> None:
        assert len(store.leaderboard(scenario=scenario.id, limit=50)) == 50

    t_floor = best_of(3, floor)
    t_query = best_of(3, query)
    t_full = best_of(3, full)
    print(
        f"leaderboard over {args.runs:,} runs of {args.trainees:,} trainees (built in "
        f"{built:.0f} s)"
    )
    print(f"  hand-written SQL (sqlite3), floor  {t_floor * 1000:8.0f} ms")
    print(
        f"  store ranking query (SQLAlchemy)   {t_query * 1000:8.0f} ms   ratio "
        f"{t_query / t_floor:.2f}x (goal <= 3x)"
    )
    print(
        f"  full leaderboard, integrity-checked {t_full * 1000:7.0f} ms   (replays and "
        "re-scores the 50 runs shown)"
    )
    return 0


INSERT = (
    "INSERT INTO runs (id, trainee_id, cohort_id, scenario_id, scenario_version, "
    "scenario_sha256, seed, actions, engine_version, locale, started_at, finished_at, "
    "scores, overall, outcome, hidden, approved) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, "
    "?, ?, ?, ?, ?, 0, 0)"
)

if __name__ == "__main__":
    raise SystemExit(main())
