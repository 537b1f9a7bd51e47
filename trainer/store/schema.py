"""The results database schema (SQLAlchemy 2). Changes go through Alembic migrations
(``trainer/store/migrations``) so an upgrade keeps every result."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
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

from ..results.limits import (
    AUTHOR_MAX,
    COHORT_CODE_MAX,
    COHORT_NAME_MAX,
    ENGINE_VERSION_MAX,
    FACILITATOR_MAX,
    LOCALE_MAX,
    RUN_ID_MAX,
    SCENARIO_ID_MAX,
    TRAINEE_MAX,
)


class Base(DeclarativeBase):
    pass


class Trainee(Base):
    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(TRAINEE_MAX), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Cohort(Base):
    """An orientation session: a name, a join code, dates, a facilitator."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(COHORT_CODE_MAX), unique=True)
    name: Mapped[str] = mapped_column(String(COHORT_NAME_MAX))
    starts_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    ends_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    facilitator: Mapped[str | None] = mapped_column(String(FACILITATOR_MAX), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ScenarioSnapshot(Base):
    """The scenario as it was played (and its persona), so a run replays against the version
    it was played on even after the file changes."""

    __tablename__ = "scenario_snapshots"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX))
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    persona_source: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Derived (0002): whether a trusted version (``trusted_versions``) matches this snapshot's
    # file and persona, so the boards can choose runs in SQL. Checked again before a run shows.
    trusted: Mapped[bool] = mapped_column(Boolean, default=False)


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(RUN_ID_MAX), primary_key=True)  # UUID: xAPI registration
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"), nullable=True)
    scenario_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX))
    scenario_version: Mapped[int] = mapped_column(Integer)
    scenario_sha256: Mapped[str] = mapped_column(ForeignKey("scenario_snapshots.sha256"))
    seed: Mapped[int] = mapped_column(BigInteger)  # 0002: BIGINT (0 to 2**63 - 1)
    actions: Mapped[str] = mapped_column(Text)  # JSON: the action log
    engine_version: Mapped[str] = mapped_column(String(ENGINE_VERSION_MAX))
    locale: Mapped[str] = mapped_column(String(LOCALE_MAX))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    scores: Mapped[str] = mapped_column(Text)  # JSON, as recorded
    overall: Mapped[int] = mapped_column(Integer)  # as recorded, for ranking
    outcome: Mapped[str] = mapped_column(Text)  # JSON
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    # 0002: the seal of every stored value (store/integrity.py), and what the store last found
    # when it checked the run ("ok", "mismatch", "unreplayable"); only "ok" runs enter the boards.
    digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="ok")

    __table_args__ = (
        Index("ix_runs_rank", "scenario_id", "trainee_id", "overall", "finished_at"),
        Index("ix_runs_cohort", "cohort_id"),
        Index("ix_runs_trainee", "trainee_id"),
    )


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX))
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


class TrustedVersion(Base):
    """A scenario version whose runs may be ranked (0002): bundled with the trainer (recorded
    when a run on it is first saved) or approved by a trainer (``trainer scenario approve``).
    A version is its file's SHA-256 and its persona file's (empty for an inline persona)."""

    __tablename__ = "trusted_versions"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    persona_sha256: Mapped[str] = mapped_column(String(64))
    scenario_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX))
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20))  # "bundled" | "approved"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


ALL_COHORTS = 0  # the scope of the boards over everyone's runs; a cohort's scope is its id


class BestRun(Base):
    """Each trainee's best ranked run per scenario, per scope (0002): everyone (scope 0) and the
    run's cohort (scope = the cohort's id). Kept in the same transaction as every change that can
    alter it (save, hide/show, delete, approval, a mismatch found), so a scenario's board reads
    its first rows from an index instead of ranking every run. Derived data: rebuilt by
    ``boards.rebuild``; every row is checked against its run before it is shown."""

    __tablename__ = "best_runs"

    scope: Mapped[int] = mapped_column(Integer, primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(SCENARIO_ID_MAX), primary_key=True)
    trainee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(RUN_ID_MAX))
    overall: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    cohort_id: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_best_trainee", "scope", "trainee_id"),
        Index("ix_best_run", "run_id"),
    )


class BoardTotal(Base):
    """Each trainee's total across scenarios, per scope (0002): the sum of their rows in
    ``best_runs``, how many, and the run that completed it. Derived like ``best_runs``."""

    __tablename__ = "board_totals"

    scope: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    total: Mapped[int] = mapped_column(Integer)
    scenarios: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[str] = mapped_column(String(RUN_ID_MAX))
    cohort_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


# The boards' indexes: the first rows of a board in the rule's order, read from the index alone.
Index(
    "ix_best_board",
    BestRun.scope,
    BestRun.scenario_id,
    BestRun.overall.desc(),
    BestRun.finished_at,
    BestRun.run_id,
    BestRun.trainee_id,
)
Index(
    "ix_totals_board",
    BoardTotal.scope,
    BoardTotal.total.desc(),
    BoardTotal.finished_at,
    BoardTotal.run_id,
    BoardTotal.trainee_id,
)
