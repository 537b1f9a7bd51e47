"""The results database schema (SQLAlchemy 2). Changes go through Alembic migrations
(``trainer/store/migrations``) so an upgrade keeps every result."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Trainee(Base):
    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Cohort(Base):
    """An orientation session: a name, a join code, dates, a facilitator."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    ends_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    facilitator: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ScenarioSnapshot(Base):
    """The scenario as it was played (and its persona), so a run replays against the version
    it was played on even after the file changes."""

    __tablename__ = "scenario_snapshots"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    persona_source: Mapped[str | None] = mapped_column(Text, nullable=True)


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # UUID = xAPI registration
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"), nullable=True)
    scenario_id: Mapped[str] = mapped_column(String(200))
    scenario_version: Mapped[int] = mapped_column(Integer)
    scenario_sha256: Mapped[str] = mapped_column(ForeignKey("scenario_snapshots.sha256"))
    seed: Mapped[int] = mapped_column(Integer)
    actions: Mapped[str] = mapped_column(Text)  # JSON: the action log
    engine_version: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    scores: Mapped[str] = mapped_column(Text)  # JSON, as recorded
    overall: Mapped[int] = mapped_column(Integer)  # as recorded, for ranking
    outcome: Mapped[str] = mapped_column(Text)  # JSON
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_runs_rank", "scenario_id", "trainee_id", "overall", "finished_at"),
        Index("ix_runs_cohort", "cohort_id"),
        Index("ix_runs_trainee", "trainee_id"),
    )


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Setting(Base):
    """Store-wide settings, such as the trainer passphrase's salted scrypt hash."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Outbox(Base):
    """xAPI statements waiting to be sent to the Learning Record Store."""

    __tablename__ = "xapi_outbox"

    statement_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    payload: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (UniqueConstraint("statement_id"),)
