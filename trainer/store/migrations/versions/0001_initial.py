"""The first schema: trainees, cohorts, scenario snapshots, runs, notes, settings, xAPI outbox.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainees",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(100), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("starts_on", sa.String(10)),
        sa.Column("ends_on", sa.String(10)),
        sa.Column("facilitator", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "scenario_snapshots",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("persona_source", sa.Text),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "trainee_id",
            sa.Integer,
            sa.ForeignKey("trainees.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("cohort_id", sa.Integer, sa.ForeignKey("cohorts.id")),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("scenario_version", sa.Integer, nullable=False),
        sa.Column(
            "scenario_sha256",
            sa.String(64),
            sa.ForeignKey("scenario_snapshots.sha256"),
            nullable=False,
        ),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("actions", sa.Text, nullable=False),
        sa.Column("engine_version", sa.String(20), nullable=False),
        sa.Column("locale", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scores", sa.Text, nullable=False),
        sa.Column("overall", sa.Integer, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("approved", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_runs_rank", "runs", ["scenario_id", "trainee_id", "overall", "finished_at"])
    op.create_index("ix_runs_cohort", "runs", ["cohort_id"])
    op.create_index("ix_runs_trainee", "runs", ["trainee_id"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "run_id", sa.String(36), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "xapi_outbox",
        sa.Column("statement_id", sa.String(36), primary_key=True),
        sa.Column(
            "run_id", sa.String(36), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    for table in (
        "xapi_outbox",
        "settings",
        "notes",
        "runs",
        "scenario_snapshots",
        "cohorts",
        "trainees",
    ):
        op.drop_table(table)
