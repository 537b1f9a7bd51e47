"""Boards that stay instant and cannot be fooled: a seal on every run, what the store last found
when it checked each run, trusted scenario versions, each trainee's best run per scenario and
total per scope, and seeds as BIGINT.

For a database written by 0001 it seals every stored run as it is (runs edited before this
upgrade are still caught by their replay whenever their scores, outcome or action log disagree
with it), trusts the snapshots that are bundled scenario files with their bundled persona, and
builds the boards from the runs.

The data steps call the store's own code (``integrity.seal``, ``boards.rebuild``): a later
revision that changes those tables or the seal must rebuild them itself.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

PAGE = 20_000


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("runs", sa.Column("digest", sa.String(64)))
    op.add_column("runs", sa.Column("status", sa.String(20), nullable=False, server_default="ok"))
    op.add_column(
        "scenario_snapshots",
        sa.Column("trusted", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    if bind.dialect.name != "sqlite":  # SQLite's INTEGER already holds 64 bits
        op.alter_column(
            "runs",
            "seed",
            type_=sa.BigInteger,
            existing_type=sa.Integer,
            existing_nullable=False,
        )
    op.create_table(
        "trusted_versions",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("persona_sha256", sa.String(64), nullable=False),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "best_runs",
        sa.Column("scope", sa.Integer, primary_key=True),
        sa.Column("scenario_id", sa.String(200), primary_key=True),
        sa.Column("trainee_id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("overall", sa.Integer, nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cohort_id", sa.Integer),
    )
    op.create_index(
        "ix_best_board",
        "best_runs",
        ["scope", "scenario_id", sa.text("overall DESC"), "finished_at", "run_id", "trainee_id"],
    )
    op.create_index("ix_best_trainee", "best_runs", ["scope", "trainee_id"])
    op.create_index("ix_best_run", "best_runs", ["run_id"])
    op.create_table(
        "board_totals",
        sa.Column("scope", sa.Integer, primary_key=True),
        sa.Column("trainee_id", sa.Integer, primary_key=True),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("scenarios", sa.Integer, nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("cohort_id", sa.Integer),
    )
    op.create_index(
        "ix_totals_board",
        "board_totals",
        ["scope", sa.text("total DESC"), "finished_at", "run_id", "trainee_id"],
    )
    _seal_runs(bind)
    _trust_bundled(bind)
    from trainer.store.boards import rebuild

    rebuild(bind)


def _seal_runs(bind: sa.engine.Connection) -> None:
    from trainer.store.integrity import seal, text_sha256
    from trainer.store.schema import Base, Cohort, ScenarioSnapshot, Trainee

    personas = {
        sha: text_sha256(source)
        for sha, source in bind.execute(
            sa.select(ScenarioSnapshot.sha256, ScenarioSnapshot.persona_source)
        )
    }
    runs = Base.metadata.tables["runs"]
    query = (
        sa.select(runs, Trainee.name, Cohort.code)
        .join(Trainee, runs.c.trainee_id == Trainee.id)
        .outerjoin(Cohort, runs.c.cohort_id == Cohort.id)
        .order_by(runs.c.id)
        .limit(PAGE)
    )
    change = (
        sa.update(runs).where(runs.c.id == sa.bindparam("run")).values(digest=sa.bindparam("seal"))
    )
    last = ""
    while True:
        page = bind.execute(query.where(runs.c.id > last)).all()
        if not page:
            return
        bind.execute(
            change,
            [
                {
                    "run": row.id,
                    "seal": seal(
                        run_id=row.id,
                        trainee=row.name,
                        cohort=row.code,
                        scenario_id=row.scenario_id,
                        scenario_version=row.scenario_version,
                        scenario_sha256=row.scenario_sha256,
                        persona_sha256=personas.get(row.scenario_sha256, ""),
                        seed=row.seed,
                        actions=row.actions,
                        scores=row.scores,
                        overall=row.overall,
                        outcome=row.outcome,
                        started_at=row.started_at,
                        finished_at=row.finished_at,
                        engine_version=row.engine_version,
                        locale=row.locale,
                    ),
                }
                for row in page
            ],
        )
        last = page[-1].id


def _trust_bundled(bind: sa.engine.Connection) -> None:
    from datetime import datetime, timezone

    from trainer.content.bundled import is_bundled, persona_sha256
    from trainer.store.integrity import load_snapshot
    from trainer.store.schema import ScenarioSnapshot, TrustedVersion

    now = datetime.now(timezone.utc)
    for sha, source, persona_source in bind.execute(
        sa.select(ScenarioSnapshot.sha256, ScenarioSnapshot.source, ScenarioSnapshot.persona_source)
    ).all():
        scenario = load_snapshot(sha, source, persona_source).scenario
        if scenario is None or not is_bundled(scenario):
            continue
        bind.execute(
            sa.insert(TrustedVersion).values(
                sha256=sha,
                persona_sha256=persona_sha256(scenario),
                scenario_id=scenario.id,
                version=scenario.version,
                origin="bundled",
                created_at=now,
            )
        )
        bind.execute(
            sa.update(ScenarioSnapshot).where(ScenarioSnapshot.sha256 == sha).values(trusted=True)
        )


def downgrade() -> None:
    for index, table in (
        ("ix_totals_board", "board_totals"),
        ("ix_best_board", "best_runs"),
        ("ix_best_trainee", "best_runs"),
        ("ix_best_run", "best_runs"),
    ):
        op.drop_index(index, table_name=table)
    op.drop_table("board_totals")
    op.drop_table("best_runs")
    op.drop_table("trusted_versions")
    if op.get_bind().dialect.name == "sqlite":  # SQLite 3.35+ drops columns in place
        for table, column in (
            ("scenario_snapshots", "trusted"),
            ("runs", "status"),
            ("runs", "digest"),
        ):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        return
    op.drop_column("scenario_snapshots", "trusted")
    op.drop_column("runs", "status")
    op.drop_column("runs", "digest")
    op.alter_column("runs", "seed", type_=sa.Integer, existing_type=sa.BigInteger)
