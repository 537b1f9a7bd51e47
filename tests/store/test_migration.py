"""Upgrading a database written by revision 0001 (with runs, cohorts, notes, a passphrase and
queued statements) to 0002 on SQLite and PostgreSQL: nothing is lost, every honest run reads
``ok``, the boards are right, and a run edited before the upgrade is still caught."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, select, text
from storehelpers import bank, hotel, record, worse

from trainer.content.library import Library, bundled_scenarios
from trainer.results import MemoryResults, RunRecord
from trainer.scenario.model import Scenario
from trainer.store import Store

PASS = "correct horse battery"


def write_0001(url: str, runs: list[tuple[RunRecord, Scenario]], hidden: set[str]) -> None:
    """A database as revision 0001's store wrote it (the same columns and JSON)."""
    store = Store(url, migrate=False)
    store.migrate("0001")
    assert store.revision() == "0001"
    with store.engine.begin() as conn:
        meta = MetaData()
        meta.reflect(conn)
        t = meta.tables
        conn.execute(
            t["cohorts"].insert(),
            [{"code": "nov", "name": "November", "created_at": runs[0][0].started_at}],
        )
        names = sorted({r.trainee for r, _ in runs})
        conn.execute(
            t["trainees"].insert(),
            [
                {"id": i + 1, "name": n, "created_at": runs[0][0].started_at}
                for i, n in enumerate(names)
            ],
        )
        snapshots = {s.sha256: s for _, s in runs}
        conn.execute(
            t["scenario_snapshots"].insert(),
            [
                {
                    "sha256": s.sha256,
                    "scenario_id": s.id,
                    "version": s.version,
                    "source": s.raw.decode("utf-8"),
                    "persona_source": s.persona.raw.decode("utf-8") if s.persona.raw else None,
                }
                for s in snapshots.values()
            ],
        )
        conn.execute(
            t["runs"].insert(),
            [
                {
                    "id": r.run_id,
                    "trainee_id": names.index(r.trainee) + 1,
                    "cohort_id": 1 if r.cohort else None,
                    "scenario_id": r.scenario_id,
                    "scenario_version": r.scenario_version,
                    "scenario_sha256": r.scenario_sha256,
                    "seed": r.seed,
                    "actions": json.dumps(list(r.decisions), ensure_ascii=False),
                    "engine_version": r.engine_version,
                    "locale": r.locale,
                    "started_at": r.started_at,
                    "finished_at": r.finished_at,
                    "scores": json.dumps(r.scores, sort_keys=True),
                    "overall": r.scores["overall"],
                    "outcome": json.dumps(r.outcome, sort_keys=True, ensure_ascii=False),
                    "hidden": r.run_id in hidden,
                    "approved": False,
                }
                for r, _ in runs
            ],
        )
        first = runs[0][0].run_id
        conn.execute(
            t["notes"].insert(),
            [
                {
                    "run_id": first,
                    "author": "Lee",
                    "text": "Well done.",
                    "created_at": runs[0][0].finished_at,
                }
            ],
        )
        conn.execute(
            t["xapi_outbox"].insert(),
            [
                {
                    "statement_id": "00000000-0000-0000-0000-000000000001",
                    "run_id": first,
                    "payload": "{}",
                }
            ],
        )
    store.close()


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of 0001's tables, 0001's columns only."""
    old = {
        "trainees": "id, name",
        "cohorts": "id, code, name",
        "scenario_snapshots": "sha256, scenario_id, version, source, persona_source",
        "runs": "id, trainee_id, cohort_id, scenario_id, scenario_version, scenario_sha256, "
        "seed, actions, engine_version, locale, started_at, finished_at, scores, overall, "
        "outcome, hidden, approved",
        "notes": "id, run_id, author, text",
        "settings": "key, value",
        "xapi_outbox": "statement_id, run_id, payload, sent_at",
    }
    with store.engine.connect() as conn:
        return {
            table: sorted(tuple(row) for row in conn.execute(text(f"SELECT {cols} FROM {table}")))
            for table, cols in old.items()
        }


def copy_of_bank(folder: Path) -> Scenario:
    target = folder / "bank-copy.yaml"
    target.write_bytes(bank().raw + b"\n# a copy\n")
    loaded, _ = Library([bundled_scenarios()]).load_scenario(target)
    assert loaded is not None
    return loaded


def test_upgrading_a_0001_database_keeps_everything_and_builds_right_boards(
    db_url: str, tmp_path: Path
) -> None:
    runs = [
        (record(bank(), "Ana", minute=1, cohort="nov"), bank()),
        (worse(bank(), "Ana", minute=2, cohort="nov"), bank()),
        (record(hotel(), "Ana", minute=3), hotel()),
        (worse(bank(), "Bo", minute=4, cohort="nov"), bank()),
        (record(bank(), "Cy", minute=5), bank()),  # hidden by a trainer
        (record(hotel(), "Dee", minute=6, cohort="nov"), hotel()),
    ]
    copy = copy_of_bank(tmp_path)
    runs.append((record(copy, "Eve", minute=7), copy))  # an edited copy: not trusted
    hidden = {runs[4][0].run_id}
    write_0001(db_url, runs, hidden)
    before = Store(db_url, migrate=False)
    rows_before = dump(before)
    before.close()

    store = Store(db_url)  # upgrades
    assert store.revision() == "0002"
    assert dump(store) == rows_before  # nothing lost, nothing changed
    stored = {r.record.run_id: r for r in store.runs()}
    assert {run_id: r.record for run_id, r in stored.items()} == {r.run_id: r for r, _ in runs}
    assert {r.integrity for run_id, r in stored.items() if run_id != runs[-1][0].run_id} == {"ok"}
    assert stored[runs[-1][0].run_id].integrity == "unverified scenario"
    assert store.notes(runs[0][0].run_id)[0]["text"] == "Well done."

    memory = MemoryResults(trusted=lambda s: s.sha256 != copy.sha256)
    for rec, scenario in runs:
        memory.save(rec, scenario)
    memory.set_hidden(runs[4][0].run_id)
    for scenario_id in (None, bank().id, hotel().id):
        for cohort in (None, "nov"):
            assert store.leaderboard(scenario_id, cohort) == memory.leaderboard(scenario_id, cohort)
    assert [r.trainee for r in store.leaderboard(bank().id)] == ["Ana", "Bo"]

    # The upgraded runs are sealed: an edit after the upgrade is caught.
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE runs SET seed = seed + 1 WHERE id = :id"), {"id": runs[0][0].run_id}
        )
    assert store.run(runs[0][0].run_id).integrity == "mismatch"  # type: ignore[union-attr]
    assert store.leaderboard(bank().id)[0].run_id == runs[1][0].run_id
    store.close()


def test_a_run_edited_before_the_upgrade_is_still_caught(db_url: str) -> None:
    honest = record(bank(), "Ana", minute=1)
    low = worse(bank(), "Bo", minute=2)
    write_0001(db_url, [(honest, bank()), (low, bank())], set())
    probe = Store(db_url, migrate=False)
    with probe.engine.begin() as conn:  # the attack of issue 7, on the old schema
        conn.execute(text("UPDATE runs SET overall = 100 WHERE id = :id"), {"id": low.run_id})
    probe.close()
    store = Store(db_url)
    assert store.run(low.run_id).integrity == "mismatch"  # type: ignore[union-attr]
    assert [r.trainee for r in store.leaderboard(bank().id)] == ["Ana"]
    with store.engine.connect() as conn:
        assert conn.execute(select(text("status")).select_from(text("runs")).where(
            text("id = :id")), {"id": low.run_id}).scalar() == "mismatch"  # fmt: skip
    store.close()


def test_the_upgrade_of_an_empty_0001_database(db_url: str) -> None:
    store = Store(db_url, migrate=False)
    store.migrate("0001")
    store.close()
    store = Store(db_url)
    assert store.revision() == "0002" and store.leaderboard() == [] and store.runs() == []
    store.save(replace(record(bank(), "Ana")), bank())
    assert [r.trainee for r in store.leaderboard()] == ["Ana"]
    store.close()


def test_downgrade_to_0001_and_up_again(db_url: str) -> None:
    store = Store(db_url)
    rec = record(bank(), "Ana")
    store.save(rec, bank())
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(Path(__file__).resolve().parents[2] / "trainer/store/migrations")
    )
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert store.revision() == "0001"
    store.migrate()
    assert store.run(rec.run_id).integrity == "ok"  # type: ignore[union-attr]
    assert [r.run_id for r in store.leaderboard()] == [rec.run_id]
    store.close()
