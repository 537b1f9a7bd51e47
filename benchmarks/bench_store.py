"""The results store's boards over a million runs, on SQLite and on PostgreSQL.

    python benchmarks/bench_store.py [--runs 1000000] [--db sqlite,postgresql]

Builds a database the way revision 0001 left it (1,000,000 real runs: played paths through four
bundled scenarios, each with its own seed, by 10,000 trainees in 100 cohorts), upgrades it to
the current revision (which seals every run and builds the best-run tables) and then measures,
in the same process:

- a **scenario board** (50 rows, everyone) and a **cohort board** (the totals of one cohort's
  trainees across scenarios, 50 rows), and everyone's totals. Every call checks every run behind
  its rows (50 runs for a scenario board, up to 50 x 4 for totals): **warm**, as a long-running
  process (the game, the server) shows a board again, a run unchanged since its last check is
  not replayed again (its seal and values are still compared); **cold**, every run is sealed
  and replayed again; and the first board of a new process, which also parses the scenario
  snapshots;
- the **floor**: reading the same runs by primary key with the same query the board uses, and
  with the bare driver;
- what the **checks** cost alone, and the board **without** them (the index read);
- the board of revision 0001 (ranking every run with a window function), on the same data;
- a save, which now also keeps the best-run tables.

Goal: each board's p95 <= 50 ms. The PostgreSQL server is started on a free port for the run
(server binaries from /usr/lib/postgresql/*/bin, as the tests do).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path[:0] = [
    str(Path(__file__).resolve().parent.parent / "tests"),
    str(Path(__file__).resolve().parent.parent / "tests" / "store"),
]

SCENARIOS = (
    "bank-double-charge",
    "hotel-overbooked-late-arrival",
    "fast-food-cold-burger",
    "restaurant-cold-soup",
)
T0 = datetime(2026, 1, 5, 8, 0, tzinfo=timezone.utc)
OLD_BOARD = """
SELECT run_id, name, overall FROM (
  SELECT r.id AS run_id, r.trainee_id, r.overall, r.finished_at,
         ROW_NUMBER() OVER (PARTITION BY r.trainee_id, r.scenario_id
                            ORDER BY r.overall DESC, r.finished_at ASC, r.id ASC) AS pos
  FROM runs r WHERE r.hidden = {false} AND r.scenario_id = {scenario}
) best JOIN trainees t ON t.id = best.trainee_id
WHERE pos = 1 ORDER BY overall DESC, finished_at ASC, run_id ASC LIMIT 50
"""


def timings(repeats: int, fn: Callable[[], object]) -> list[float]:
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def templates() -> dict[str, list[Any]]:
    """Per scenario: the scenario and records of a few real paths (best and worse), played."""
    from helpers import bundled_by_id
    from storehelpers import record

    from trainer.scoring.search import explore

    out: dict[str, list[Any]] = {}
    for sid in SCENARIOS:
        scenario = bundled_by_id(sid)
        found = explore(scenario)
        paths = [list(found.best.decisions)] + [
            list(p.decisions) for p in found.by_violation.values()
        ]
        out[sid] = [scenario] + [record(scenario, "x", decisions=path) for path in paths]
    return out


def rows(args: argparse.Namespace, made: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    """The runs to insert, as revision 0001 stored them (JSON texts written once per path)."""
    rng = random.Random(7)
    texts = {
        sid: [
            (
                rec,
                json.dumps(list(rec.decisions), ensure_ascii=False),
                json.dumps(rec.scores, sort_keys=True),
                json.dumps(rec.outcome, sort_keys=True, ensure_ascii=False),
            )
            for rec in recs[1:]
        ]
        for sid, recs in made.items()
    }
    span = 120 * 24 * 3600
    for _ in range(args.runs):
        trainee = rng.randrange(args.trainees)
        sid = SCENARIOS[rng.randrange(len(SCENARIOS))]
        rec, actions, scores, outcome = texts[sid][rng.randrange(len(texts[sid]))]
        finished = T0 + timedelta(seconds=rng.randrange(span), microseconds=rng.randrange(10**6))
        yield {
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "trainee_id": trainee + 1,
            "cohort_id": trainee % args.cohorts + 1,
            "scenario_id": sid,
            "scenario_version": rec.scenario_version,
            "scenario_sha256": rec.scenario_sha256,
            "seed": rng.randrange(2**31),
            "actions": actions,
            "engine_version": rec.engine_version,
            "locale": rec.locale,
            "started_at": finished - timedelta(seconds=90),
            "finished_at": finished,
            "scores": scores,
            "overall": rec.scores["overall"],
            "outcome": outcome,
            "hidden": False,
            "approved": False,
        }


COLUMNS = (
    "id, trainee_id, cohort_id, scenario_id, scenario_version, scenario_sha256, seed, actions, "
    "engine_version, locale, started_at, finished_at, scores, overall, outcome, hidden, approved"
)


def sqlite_time(value: datetime) -> str:  # how SQLAlchemy's DateTime stores it in SQLite
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def build(url: str, args: argparse.Namespace, made: dict[str, list[Any]]) -> float:
    """A database at revision 0001 with the runs; returns the seconds it took."""
    from trainer.store import Store

    started = time.perf_counter()
    store = Store(url, migrate=False)
    store.migrate("0001")
    store.close()
    now = T0.isoformat()
    trainees = [(i + 1, f"trainee-{i:05d}", now) for i in range(args.trainees)]
    cohorts = [(i + 1, f"c{i:03d}", f"Cohort {i}", now) for i in range(args.cohorts)]
    snapshots = [
        (
            recs[0].sha256,
            recs[0].id,
            recs[0].version,
            recs[0].raw.decode(),
            recs[0].persona.raw.decode() if recs[0].persona.raw else None,
        )
        for recs in made.values()
    ]
    names = COLUMNS.split(", ")
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url[len("sqlite:///") :]) as conn:
            conn.executemany("INSERT INTO trainees VALUES (?, ?, ?)", trainees)
            conn.executemany(
                "INSERT INTO cohorts (id, code, name, created_at) VALUES (?, ?, ?, ?)", cohorts
            )
            conn.executemany("INSERT INTO scenario_snapshots VALUES (?, ?, ?, ?, ?)", snapshots)
            batch: list[tuple[Any, ...]] = []
            sql = f"INSERT INTO runs ({COLUMNS}) VALUES ({', '.join('?' * len(names))})"
            for row in rows(args, made):
                row["started_at"] = sqlite_time(row["started_at"])
                row["finished_at"] = sqlite_time(row["finished_at"])
                batch.append(tuple(row[n] for n in names))
                if len(batch) == 50_000:
                    conn.executemany(sql, batch)
                    batch = []
            conn.executemany(sql, batch)
    else:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            with conn.cursor() as cur:
                with cur.copy("COPY trainees (id, name, created_at) FROM STDIN") as copy:
                    for t in trainees:
                        copy.write_row(t)
                with cur.copy("COPY cohorts (id, code, name, created_at) FROM STDIN") as copy:
                    for c in cohorts:
                        copy.write_row(c)
                with cur.copy("COPY scenario_snapshots FROM STDIN") as copy:
                    for s in snapshots:
                        copy.write_row(s)
                with cur.copy(f"COPY runs ({COLUMNS}) FROM STDIN") as copy:
                    for row in rows(args, made):
                        copy.write_row(tuple(row[n] for n in names))
                cur.execute("ANALYZE")
    return time.perf_counter() - started


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    from storehelpers import new_database, postgres

    with postgres("-c shared_buffers=512MB -c fsync=off -c synchronous_commit=off") as server:
        if server is None:
            raise SystemExit("no PostgreSQL server binary (initdb, pg_ctl) on this machine")
        yield new_database(server)


def behind(store: Any, board: list[Any], scope: int, total: bool) -> list[str]:
    """The ids of the runs a board's rows stand on (what its checks read)."""
    if not total:
        return [r.run_id for r in board]
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from trainer.store.schema import BestRun, Trainee

    with Session(store.engine) as session:
        return list(
            session.scalars(
                select(BestRun.run_id)
                .join(Trainee, Trainee.id == BestRun.trainee_id)
                .where(BestRun.scope == scope, Trainee.name.in_([r.trainee for r in board]))
            )
        )


def board_figures(
    store: Any,
    name: str,
    call: Callable[[], list[Any]],
    scope: int,
    total: bool,
    scenario: str,
    repeat: int,
) -> None:
    """Time one board (cold and warm), its floor, its checks and its index read; print them."""
    from sqlalchemy import bindparam, select, text
    from sqlalchemy.orm import Session

    from trainer.results import verify
    from trainer.store import integrity
    from trainer.store.integrity import check_rows
    from trainer.store.schema import BestRun, BoardTotal, RunRow

    def forget(models: bool = False) -> None:
        """Every run sealed and replayed again; with ``models``, as in a new process (the
        scenario snapshots read and parsed again too)."""
        if models:
            integrity._MODELS.clear()
        integrity._VERDICTS.clear()
        verify._REPLAYS.clear()

    first_times = []
    for _ in range(3):
        forget(models=True)
        first_times += timings(1, call)
    cold_times = []
    for _ in range(repeat):
        forget()
        cold_times += timings(1, call)
    board = call()
    assert len(board) == 50 or (total and scope and len(board) > 0), len(board)
    ids = behind(store, board, scope, total)

    def floor_orm() -> None:
        with Session(store.engine) as session:
            got = session.execute(store._run_query().where(RunRow.id.in_(ids))).all()
        assert len(got) == len(ids)

    raw_sql = text("SELECT * FROM runs WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )

    def floor_raw() -> None:
        with store.engine.connect() as conn:
            assert len(conn.execute(raw_sql, {"ids": ids}).all()) == len(ids)

    def checks() -> None:
        forget()
        with Session(store.engine) as session:
            got = store._triples(session.execute(store._run_query().where(RunRow.id.in_(ids))))
            verdicts, _ = check_rows(session, got)
        assert {v.integrity for v in verdicts.values()} == {"ok"}

    def index_only() -> None:
        with Session(store.engine) as session:
            if total:
                found = session.scalars(
                    select(BoardTotal)
                    .where(BoardTotal.scope == scope)
                    .order_by(BoardTotal.total.desc(), BoardTotal.finished_at, BoardTotal.run_id)
                    .limit(50)
                ).all()
            else:
                found = session.scalars(
                    select(BestRun)
                    .where(BestRun.scope == scope, BestRun.scenario_id == scenario)
                    .order_by(BestRun.overall.desc(), BestRun.finished_at, BestRun.run_id)
                    .limit(50)
                ).all()
            assert found

    call()
    t_board = timings(repeat, call)
    t_orm = timings(repeat, floor_orm)
    t_raw = timings(repeat, floor_raw)
    t_checks = timings(repeat, checks)
    t_index = timings(repeat, index_only)
    floor = statistics.median(t_orm)
    ratio = (
        f"warm {statistics.median(t_board) / floor:4.1f}x, "
        f"cold {statistics.median(cold_times) / floor:4.1f}x"
    )
    print(f"  {name}: {len(board)} rows standing on {len(ids)} runs")
    print(
        f"    board, warm (verdicts kept)      p50 {ms(statistics.median(t_board))}   "
        f"p95 {ms(p(t_board, 0.95))}   goal p95 <= 50 ms"
    )
    print(
        f"    board, cold (every run replayed) p50 {ms(statistics.median(cold_times))}   "
        f"p95 {ms(p(cold_times, 0.95))}"
    )
    print(
        f"    first board of a process (snapshots parsed too) p50 "
        f"{ms(statistics.median(first_times)).strip()}"
    )
    print(
        f"    floor: the same runs by key p50 {ms(floor)}   (bare driver "
        f"{ms(statistics.median(t_raw)).strip()})   board / floor: {ratio}"
    )
    each = statistics.median(t_checks) / len(ids) * 1e6
    print(
        f"    of which: the checks, cold p50 {ms(statistics.median(t_checks))}   "
        f"(read + seal + replay of {len(ids)} runs: {each:.0f} us each); "
        f"the index read p50 {ms(statistics.median(t_index)).strip()}"
    )


def measure(kind: str, args: argparse.Namespace, made: dict[str, list[Any]]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        run_board_figures(kind, folder, args, made)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_board_figures(
    kind: str, folder: Path, args: argparse.Namespace, made: dict[str, list[Any]]
) -> None:
    from sqlalchemy import text

    from trainer.store import Store

    with database(kind, folder) as url:
        built = build(url, args, made)
        started = time.perf_counter()
        store = Store(url)  # the upgrade: seals every run, trusts, builds the boards
        upgraded = time.perf_counter() - started
        scenario = SCENARIOS[0]
        code = f"c{min(42, args.cohorts - 1):03d}"
        with store.engine.connect() as conn:
            cohort_id = conn.execute(
                text("SELECT id FROM cohorts WHERE code = :c"), {"c": code}
            ).scalar()
        print(
            f"\n== {kind}: {args.runs:,} runs of {args.trainees:,} trainees in {args.cohorts} "
            f"cohorts, {len(SCENARIOS)} scenarios (built as revision 0001 in {built:.0f} s, "
            f"upgraded to {store.revision()} in {upgraded:.0f} s; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
        )
        boards = {
            "scenario board (everyone, 50 rows)": (lambda: store.leaderboard(scenario), 0, False),
            f"cohort board (totals of {code})": (
                lambda: store.leaderboard(cohort=code),
                cohort_id,
                True,
            ),
            "totals board (everyone, 50 rows)": (lambda: store.leaderboard(), 0, True),
        }
        for name, (call, scope, total) in boards.items():
            board_figures(store, name, call, scope, total, scenario, args.repeat)
        if kind == "sqlite":
            old = OLD_BOARD.format(false="0", scenario="?")
            import sqlite3

            raw = sqlite3.connect(url[len("sqlite:///") :])
            t_old = timings(3, lambda: raw.execute(old, (scenario,)).fetchall())
        else:
            old = OLD_BOARD.format(false="false", scenario="%s")
            import psycopg

            raw = psycopg.connect(url.replace("postgresql+psycopg", "postgresql"))
            t_old = timings(3, lambda: raw.execute(old, (scenario,)).fetchall())
        raw.close()
        print(
            f"  before: revision 0001's scenario board (a window over every run, no checks) "
            f"p50 {ms(statistics.median(t_old)).strip()}"
        )
        recs = made[scenario]
        rng = random.Random(3)

        def save() -> None:
            rec = recs[1 + rng.randrange(len(recs) - 1)]
            store.save(
                replace(
                    rec,
                    run_id=str(uuid.uuid4()),
                    trainee=f"trainee-{rng.randrange(args.trainees):05d}",
                    cohort=f"c{rng.randrange(args.cohorts):03d}",
                    seed=rng.randrange(2**31),
                    finished_at=datetime.now(timezone.utc),
                ),
                recs[0],
            )

        t_save = timings(args.repeat, save)
        print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
        print(
            f"  a save (replay check, seal, best-run tables): p50 "
            f"{ms(statistics.median(t_save)).strip()}, p95 {ms(p(t_save, 0.95)).strip()}"
        )
        with store.engine.connect() as conn:
            bad = conn.execute(text("SELECT COUNT(*) FROM runs WHERE status <> 'ok'")).scalar()
        assert bad == 0, f"{bad} runs failed their checks"
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--trainees", type=int, default=10_000)
    parser.add_argument("--cohorts", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--db", default="sqlite,postgresql")
    args = parser.parse_args()
    made = templates()
    for kind in args.db.split(","):
        measure(kind.strip(), args, made)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
