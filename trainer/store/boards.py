"""The boards' tables, kept by the one rule (``results.board``).

``best_runs`` holds each trainee's best ranked run per scenario in each scope (everyone, and the
run's cohort); ``board_totals`` each trainee's total of those. Every change that can alter them
(a save, hide/show, a deletion, an approval, a mismatch found while reading) updates them in
the same transaction, through :func:`refresh`. A board then reads its first ``limit`` rows from
an index, and checks every run behind them before showing them (``Store.leaderboard``).

Which runs count (rule 1) is decided here in SQL terms: ``status`` "ok" (what the store last
found when it checked the run), not hidden, on a snapshot whose version is trusted. Which of them
is best, and what a total is, is decided by ``results.board`` in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ..results import board
from .integrity import utc
from .schema import ALL_COHORTS, BestRun, BoardTotal, RunRow, ScenarioSnapshot, Trainee


def scopes_of(cohort_id: int | None) -> tuple[int, ...]:
    return (ALL_COHORTS,) if cohort_id is None else (ALL_COHORTS, cohort_id)


def _entry(
    run_id: str,
    trainee_id: int,
    scenario_id: str,
    overall: int,
    finished: datetime,
    cohort: int | None,
) -> board.Entry:
    # The rule compares runs of one trainee at a time here; the id stands in for the name.
    return board.Entry(
        run_id,
        str(trainee_id),
        None if cohort is None else str(cohort),
        scenario_id,
        overall,
        utc(finished),
    )


def _rankable() -> list:  # type: ignore[type-arg]
    trusted = select(ScenarioSnapshot.sha256).where(ScenarioSnapshot.trusted.is_(True))
    return [
        RunRow.status == "ok",
        RunRow.hidden.is_(False),
        RunRow.scenario_sha256.in_(trusted),
    ]


def lock_trainees(session: Session, trainee_ids: Iterable[int]) -> None:
    """Serialise changes to these trainees' board rows (PostgreSQL: row locks, in id order so
    two writers never wait on each other in a circle; SQLite: the write transaction already
    holds the database)."""
    ids = sorted(set(trainee_ids))
    if ids and session.get_bind().dialect.name != "sqlite":
        session.execute(
            select(Trainee.id).where(Trainee.id.in_(ids)).order_by(Trainee.id).with_for_update()
        )


def refresh(session: Session, trainee_id: int, scenario_id: str, scopes: Iterable[int]) -> int:
    """Recompute the trainee's best run of ``scenario_id`` and total in each scope from the
    runs (the caller holds the trainee's lock). Returns how many board rows changed."""
    changed = 0
    for scope in sorted(set(scopes)):
        query = select(RunRow.id, RunRow.overall, RunRow.finished_at, RunRow.cohort_id).where(
            RunRow.trainee_id == trainee_id, RunRow.scenario_id == scenario_id, *_rankable()
        )
        if scope != ALL_COHORTS:
            query = query.where(RunRow.cohort_id == scope)
        candidates = [
            _entry(run_id, trainee_id, scenario_id, overall, finished, cohort)
            for run_id, overall, finished, cohort in session.execute(query)
        ]
        best = board.best_runs(candidates)
        current = session.get(BestRun, (scope, scenario_id, trainee_id))
        if not best:
            if current is not None:
                session.delete(current)
                changed += 1
        else:
            top = best[0]
            cohort_id = None if top.cohort is None else int(top.cohort)
            wanted = (top.run_id, top.overall, top.finished_at, cohort_id)
            if current is None:
                session.add(
                    BestRun(
                        scope=scope,
                        scenario_id=scenario_id,
                        trainee_id=trainee_id,
                        run_id=top.run_id,
                        overall=top.overall,
                        finished_at=top.finished_at,
                        cohort_id=cohort_id,
                    )
                )
                changed += 1
            elif (
                current.run_id,
                current.overall,
                utc(current.finished_at),
                current.cohort_id,
            ) != wanted:
                current.run_id, current.overall = top.run_id, top.overall
                current.finished_at, current.cohort_id = top.finished_at, cohort_id
                changed += 1
        session.flush()
        changed += refresh_total(session, trainee_id, scope)
    return changed


def refresh_total(session: Session, trainee_id: int, scope: int) -> int:
    """Recompute one trainee's total in ``scope`` from their best runs. Returns 1 if it changed."""
    rows = session.execute(
        select(
            BestRun.run_id,
            BestRun.scenario_id,
            BestRun.overall,
            BestRun.finished_at,
            BestRun.cohort_id,
        ).where(BestRun.scope == scope, BestRun.trainee_id == trainee_id)
    ).all()
    current = session.get(BoardTotal, (scope, trainee_id))
    if not rows:
        if current is None:
            return 0
        session.delete(current)
        session.flush()
        return 1
    total = board.total_of([_entry(r, trainee_id, s, o, f, c) for r, s, o, f, c in rows])
    cohort_id = None if total.cohort is None else int(total.cohort)
    wanted = (total.total, total.scenarios, total.finished_at, total.run_id, cohort_id)
    if current is None:
        session.add(
            BoardTotal(
                scope=scope,
                trainee_id=trainee_id,
                total=total.total,
                scenarios=total.scenarios,
                finished_at=total.finished_at,
                run_id=total.run_id,
                cohort_id=cohort_id,
            )
        )
    elif (
        current.total,
        current.scenarios,
        utc(current.finished_at),
        current.run_id,
        current.cohort_id,
    ) != wanted:
        current.total, current.scenarios = total.total, total.scenarios
        current.finished_at, current.run_id, current.cohort_id = (
            total.finished_at,
            total.run_id,
            cohort_id,
        )
    else:
        return 0
    session.flush()
    return 1


def offer(session: Session, row: RunRow) -> int:
    """A newly saved rankable run: it replaces the trainee's best where it is better (the
    caller holds the trainee's lock). Cheaper than :func:`refresh`: no other run is read."""
    changed = 0
    new = _entry(
        row.id, row.trainee_id, row.scenario_id, row.overall, row.finished_at, row.cohort_id
    )
    for scope in scopes_of(row.cohort_id):
        current = session.get(BestRun, (scope, row.scenario_id, row.trainee_id))
        old = (
            None
            if current is None
            else _entry(
                current.run_id,
                row.trainee_id,
                row.scenario_id,
                current.overall,
                current.finished_at,
                current.cohort_id,
            )
        )
        if not board.better(new, old):
            continue
        if current is None:
            session.add(
                BestRun(
                    scope=scope,
                    scenario_id=row.scenario_id,
                    trainee_id=row.trainee_id,
                    run_id=row.id,
                    overall=row.overall,
                    finished_at=row.finished_at,
                    cohort_id=row.cohort_id,
                )
            )
        else:
            current.run_id, current.overall = row.id, row.overall
            current.finished_at, current.cohort_id = row.finished_at, row.cohort_id
        session.flush()
        changed += 1 + refresh_total(session, row.trainee_id, scope)
    return changed


def forget_trainee(session: Session, trainee_id: int) -> None:
    session.execute(delete(BestRun).where(BestRun.trainee_id == trainee_id))
    session.execute(delete(BoardTotal).where(BoardTotal.trainee_id == trainee_id))


def refresh_snapshot(session: Session, sha256: str, trusted: bool) -> int:
    """A snapshot's trust changed (an approval, or a flag found wrong): set it, and recompute
    the board rows of every trainee and scenario with a run on it."""
    session.execute(
        update(ScenarioSnapshot).where(ScenarioSnapshot.sha256 == sha256).values(trusted=trusted)
    )
    affected = session.execute(
        select(RunRow.trainee_id, RunRow.scenario_id, RunRow.cohort_id)
        .where(RunRow.scenario_sha256 == sha256)
        .distinct()
    ).all()
    lock_trainees(session, (t for t, _, _ in affected))
    by_key: dict[tuple[int, str], set[int]] = {}
    for trainee_id, scenario_id, cohort_id in affected:
        by_key.setdefault((trainee_id, scenario_id), set()).update(scopes_of(cohort_id))
    return sum(refresh(session, t, s, scopes) for (t, s), scopes in sorted(by_key.items()))


@dataclass(frozen=True)
class Built:
    best_rows: int
    totals: int


def rebuild(conn: Connection, batch: int = 50_000) -> Built:
    """Build both tables from scratch from the runs (the migration to 0002 does this for an
    existing database). Streams the rankable runs once; memory grows with trainees x
    scenarios, not with runs."""
    conn.execute(delete(BestRun))
    conn.execute(delete(BoardTotal))
    trusted = select(ScenarioSnapshot.sha256).where(ScenarioSnapshot.trusted.is_(True))
    query = select(
        RunRow.id,
        RunRow.trainee_id,
        RunRow.scenario_id,
        RunRow.overall,
        RunRow.finished_at,
        RunRow.cohort_id,
    ).where(
        RunRow.status == "ok",
        RunRow.hidden.is_(False),
        RunRow.scenario_sha256.in_(trusted),
    )
    best: dict[tuple[int, str, int], board.Entry] = {}
    result = conn.execute(query, execution_options={"stream_results": True, "yield_per": batch})
    for run_id, trainee_id, scenario_id, overall, finished, cohort_id in result:
        entry = _entry(run_id, trainee_id, scenario_id, overall, finished, cohort_id)
        for scope in scopes_of(cohort_id):
            key = (scope, scenario_id, trainee_id)
            if board.better(entry, best.get(key)):
                best[key] = entry
    rows = [
        {
            "scope": scope,
            "scenario_id": scenario_id,
            "trainee_id": trainee_id,
            "run_id": e.run_id,
            "overall": e.overall,
            "finished_at": e.finished_at,
            "cohort_id": None if e.cohort is None else int(e.cohort),
        }
        for (scope, scenario_id, trainee_id), e in best.items()
    ]
    for i in range(0, len(rows), batch):
        conn.execute(insert(BestRun), rows[i : i + batch])
    per_trainee: dict[tuple[int, int], list[board.Entry]] = {}
    for (scope, _scenario, trainee_id), e in best.items():
        per_trainee.setdefault((scope, trainee_id), []).append(e)
    totals = []
    for (scope, trainee_id), entries in per_trainee.items():
        total = board.total_of(entries)
        totals.append(
            {
                "scope": scope,
                "trainee_id": trainee_id,
                "total": total.total,
                "scenarios": total.scenarios,
                "finished_at": total.finished_at,
                "run_id": total.run_id,
                "cohort_id": None if total.cohort is None else int(total.cohort),
            }
        )
    for i in range(0, len(totals), batch):
        conn.execute(insert(BoardTotal), totals[i : i + batch])
    return Built(len(rows), len(totals))
