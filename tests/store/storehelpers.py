"""Runs to store (the bundled model scripts played headless, as RunRecords), and a real
PostgreSQL server for the store's tests and benchmark."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

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


PG_DIRS = [Path(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]


def _pg_bin(name: str) -> str | None:
    for folder in PG_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextmanager
def postgres(options: str = "") -> Iterator[str | None]:
    """A PostgreSQL server on 127.0.0.1 and a free port, for the duration (its URL, without a
    database); None where no server binary is installed. ``options``: more server settings."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        yield None
        return
    base = Path(tempfile.mkdtemp(prefix="trainer-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    os.chmod(base, 0o777)
    port = _free_port()
    subprocess.run(
        _as_postgres(
            [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run(
        _as_postgres(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(base / "log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {port} -h 127.0.0.1 -k {base} {options}".strip(),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
        timeout=90,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def wait_for(predicate: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
