"""Runs to store: the bundled model scripts played headless, as RunRecords."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from helpers import bundled_by_id
from variants import model_decisions

from trainer.application.play import finish
from trainer.engine import Engine
from trainer.results import RunRecord
from trainer.scenario.model import Scenario

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def record(
    scenario: Scenario,
    trainee: str,
    minute: int = 0,
    cohort: str | None = None,
    decisions=None,
    seed: int = 3,
) -> RunRecord:  # type: ignore[no-untyped-def]
    run = Engine(scenario).play(decisions or model_decisions(scenario), seed=seed)
    played = finish(run)
    return RunRecord(
        run_id=str(uuid.uuid4()),
        trainee=trainee,
        cohort=cohort,
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        scenario_sha256=scenario.sha256,
        seed=seed,
        decisions=tuple(d.to_json() for d in run.decisions),
        scores=dict(played.result.scores),
        outcome=played.result.outcome.to_json(),
        started_at=T0 + timedelta(minutes=minute),
        finished_at=T0 + timedelta(minutes=minute, seconds=90),
        engine_version="1",
    )


_LOWEST: dict[str, list[object]] = {}


def worse(
    scenario: Scenario, trainee: str, minute: int = 0, cohort: str | None = None
) -> RunRecord:
    """A run on a path that breaks a principle, found by the engine: a lower overall score."""
    from trainer.scoring.search import explore

    best = record(scenario, trainee, minute, cohort)
    if scenario.sha256 not in _LOWEST:
        found = explore(scenario)
        assert found.by_violation
        path = min(found.by_violation.values(), key=lambda p: p.overall)
        _LOWEST[scenario.sha256] = list(path.decisions)
    low = record(scenario, trainee, minute, cohort, _LOWEST[scenario.sha256])
    assert low.scores["overall"] < best.scores["overall"]
    return low


def bank() -> Scenario:
    return bundled_by_id("bank-double-charge")


def hotel() -> Scenario:
    return bundled_by_id("hotel-overbooked-late-arrival")


def new_database(server: str) -> str:
    """A new, empty database on the PostgreSQL ``server`` (a URL without a database)."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    dsn = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
