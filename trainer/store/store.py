"""The results store: SQLite in the user's data folder by default, PostgreSQL (or any
SQLAlchemy URL) through ``TRAINER_DB_URL``.

Nothing stored is taken on trust. Every run carries a seal over its stored values and is
replayed on the scenario file it was played on whenever it is read (``integrity.py``): a run
that fails is reported as ``mismatch`` (or ``unreplayable``) and never ranked; a run on a
scenario version that is neither bundled nor approved by a trainer is ``unverified scenario``
and never ranked either. The boards read each trainee's best run from a table kept in the same
transaction as every change (``boards.py``), and check every run behind the rows they show
before showing them.

Every value is checked against the schema's limits before it reaches the database
(``results.limits``), so SQLite and PostgreSQL accept the same values, and every database
failure is a :class:`StoreError` with a sentence a person can act on.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import create_engine, delete, event, select, text, update
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..content.bundled import is_bundled, persona_sha256
from ..engine.engine import Run
from ..results import board
from ..results.limits import (
    AUTHOR_MAX,
    COHORT_CODE_MAX,
    COHORT_NAME_MAX,
    ENGINE_VERSION_MAX,
    FACILITATOR_MAX,
    LOCALE_MAX,
    NOTE_MAX,
    PASSPHRASE_MAX,
    PASSPHRASE_MIN,
    SCENARIO_ID_MAX,
    SEED_MAX,
    TRAINEE_MAX,
    VERSION_MAX,
    integer_problem,
    name_problem,
    text_problem,
)
from ..results.records import BoardRow, CohortInfo, RunRecord, match_cohort
from ..results.verify import MISMATCH, OK, UNREPLAYABLE, action_of, replay_check
from ..scenario.model import Scenario
from . import boards
from .errors import BUSY_SECONDS, DATABASE_ERRORS, StoreError, translate
from .integrity import (
    Found,
    Verdict,
    check_rows,
    load_snapshot,
    record_of,
    seal,
    text_sha256,
    utc,
)
from .schema import (
    ALL_COHORTS,
    Base,
    BestRun,
    Cohort,
    Note,
    Outbox,
    RunRow,
    ScenarioSnapshot,
    Setting,
    Trainee,
    TrustedVersion,
)

APP = "service-recovery-trainer"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

P = ParamSpec("P")
T = TypeVar("T")


def default_url() -> str:
    url = os.environ.get("TRAINER_DB_URL")
    if url:
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP))
    return f"sqlite:///{folder / 'results.db'}"


@dataclass(frozen=True)
class StoredRun:
    """A run as read back, with its integrity, checked now: ``ok``, ``mismatch`` (a stored value
    was edited, or the replay scores differently), ``unreplayable`` (its decisions no longer
    play on its scenario file) or ``unverified scenario`` (it checks out, but was played on a
    scenario version that is neither bundled nor approved). Only ``ok`` runs are ranked."""

    record: RunRecord
    integrity: str
    recomputed: dict[str, int]
    hidden: bool
    approved: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


def guarded(method: Callable[P, T]) -> Callable[P, T]:
    """Turn any database failure inside a public method into a :class:`StoreError`."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except DATABASE_ERRORS as exc:
            store = args[0]
            assert isinstance(store, Store)
            raise translate(
                exc, store.where, sqlite=store.is_sqlite, busy_seconds=store.busy_seconds
            ) from None

    return run


class Store:
    """Opens (and migrates) the database at ``url``."""

    def __init__(
        self,
        url: str | None = None,
        *,
        migrate: bool = True,
        create: bool = True,
        busy_seconds: float = BUSY_SECONDS,
    ) -> None:
        """``create=False`` (read-only commands): a SQLite file that does not exist is an
        error naming it, and neither the file nor its folder is created. ``busy_seconds``: how
        long SQLite waits for another program's write before saying the database is busy."""
        self.url = url or default_url()
        self.busy_seconds = busy_seconds
        self.path: Path | None = None
        if self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:///:memory:"):
            self.path = Path(self.url[len("sqlite:///") :])
            folder = self.path.parent
            if not create and not self.path.exists():
                raise StoreError(
                    f"there is no results database at {self.path} yet (nothing has been saved "
                    "there); check TRAINER_DB_URL, or save a run first"
                )
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder {folder} for the results database: "
                    f"{exc.strerror or exc}; set TRAINER_DB_URL to a writable "
                    "place"
                ) from None
        try:
            self.engine: SqlEngine = create_engine(
                self.url, future=True, pool_pre_ping=not self.is_sqlite
            )
        except (SQLAlchemyError, sqlite3.Error, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the results database {self.safe_url}: {exc}") from None
        if self.is_sqlite:
            event.listen(self.engine, "connect", functools.partial(_sqlite_connect, busy_seconds))
            event.listen(self.engine, "begin", _sqlite_begin)
        # Writes take the database at once on SQLite (BEGIN IMMEDIATE), so what a save reads
        # (the trainee's best run) cannot change before it writes; PostgreSQL locks rows.
        self._writer = self.engine.execution_options(trainer_write=True)
        self._scenarios: dict[str, Scenario | None] = {}
        if migrate:
            self.migrate()

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, for messages."""
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001 - a malformed URL is shown as typed, minus nothing
            return self.url

    @property
    def where(self) -> str:
        """The database, for messages: its file, or its URL without the password."""
        return str(self.path) if self.path is not None else self.safe_url

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with Session(self._writer) as session, session.begin():
            yield session

    # -- schema ----------------------------------------------------------------------------
    @guarded
    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to ``revision`` (Alembic), one process at a time."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self._writer.begin() as conn:
            if not self.is_sqlite:
                conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
            config.attributes["connection"] = conn
            command.upgrade(config, revision)

    @guarded
    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    # -- saving ----------------------------------------------------------------------------
    @guarded
    def save(self, record: RunRecord, scenario: Scenario) -> None:
        """Store one finished run, in one transaction, with the scenario file it was played on;
        the boards change in the same transaction."""
        problem = record_problem(record, scenario)
        if problem:
            raise StoreError(f"cannot save the run: {problem}")
        for attempt in range(3):
            try:
                self._save(record, scenario)
                return
            except IntegrityError:  # another process stored the same snapshot or trainee
                if attempt == 2:
                    raise StoreError(
                        f"cannot save run {record.run_id}: another program keeps changing the "
                        "same records; try again"
                    ) from None

    @staticmethod
    def _same_run(session: Session, row: RunRow, record: RunRecord) -> bool:
        trainee = session.get(Trainee, row.trainee_id)
        cohort = session.get(Cohort, row.cohort_id) if row.cohort_id is not None else None
        kept = record_of(row, trainee.name if trainee else "", cohort.code if cohort else None)
        return kept is not None and replace(kept, engine_version=record.engine_version) == replace(
            record, started_at=utc(record.started_at), finished_at=utc(record.finished_at)
        )

    def _save(self, record: RunRecord, scenario: Scenario) -> None:
        persona_source = scenario.persona.raw.decode("utf-8") if scenario.persona.raw else None
        persona = persona_sha256(scenario)
        bundled = is_bundled(scenario)
        with self._write() as session:
            existing = session.get(RunRow, record.run_id)
            if existing is not None:
                if self._same_run(session, existing, record):
                    return  # saved again (a retry after an uncertain answer): nothing changes
                raise StoreError(f"run {record.run_id} is already saved, with other content")
            if bundled and session.get(TrustedVersion, scenario.sha256) is None:
                session.add(_trusted_version(scenario, persona, "bundled"))
            snap = session.get(ScenarioSnapshot, scenario.sha256)
            if snap is None:
                trust = session.get(TrustedVersion, scenario.sha256)
                snap = ScenarioSnapshot(
                    sha256=scenario.sha256,
                    scenario_id=scenario.id,
                    version=scenario.version,
                    source=scenario.raw.decode("utf-8"),
                    persona_source=persona_source,
                    trusted=trust is not None and trust.persona_sha256 == persona,
                )
                session.add(snap)
            session.flush()
            trainee = self._trainee(session, record.trainee)
            boards.lock_trainees(session, [trainee.id])
            cohort_id = None
            if record.cohort:
                cohort = session.scalar(select(Cohort).where(Cohort.code == record.cohort))
                if cohort is None:
                    raise StoreError(
                        f"unknown cohort code '{record.cohort}': ask your trainer "
                        "for the code, or leave it out"
                    )
                cohort_id = cohort.id
            snapshot = load_snapshot(snap.sha256, snap.source, snap.persona_source)
            status, _ = replay_check(record, snapshot.scenario)
            actions = json.dumps(list(record.decisions), ensure_ascii=False)
            scores = json.dumps(record.scores, sort_keys=True)
            outcome = json.dumps(record.outcome, sort_keys=True, ensure_ascii=False)
            started, finished = utc(record.started_at), utc(record.finished_at)
            row = RunRow(
                id=record.run_id,
                trainee_id=trainee.id,
                cohort_id=cohort_id,
                scenario_id=record.scenario_id,
                scenario_version=record.scenario_version,
                scenario_sha256=record.scenario_sha256,
                seed=record.seed,
                actions=actions,
                engine_version=record.engine_version,
                locale=record.locale,
                started_at=started,
                finished_at=finished,
                scores=scores,
                overall=record.scores["overall"],
                outcome=outcome,
                hidden=False,
                approved=False,
                status=status,
                digest=seal(
                    run_id=record.run_id,
                    trainee=record.trainee,
                    cohort=record.cohort if cohort_id is not None else None,
                    scenario_id=record.scenario_id,
                    scenario_version=record.scenario_version,
                    scenario_sha256=record.scenario_sha256,
                    persona_sha256=snapshot.persona_sha256,
                    seed=record.seed,
                    actions=actions,
                    scores=scores,
                    overall=record.scores["overall"],
                    outcome=outcome,
                    started_at=started,
                    finished_at=finished,
                    engine_version=record.engine_version,
                    locale=record.locale,
                ),
            )
            session.add(row)
            session.flush()
            if status == OK and snap.trusted:
                boards.offer(session, row)

    def _trainee(self, session: Session, name: str) -> Trainee:
        trainee = session.scalar(select(Trainee).where(Trainee.name == name))
        if trainee is not None:
            return trainee
        try:
            with session.begin_nested():
                trainee = Trainee(name=name, created_at=_now())
                session.add(trainee)
        except IntegrityError:  # created by another process meanwhile
            trainee = session.scalar(select(Trainee).where(Trainee.name == name))
            assert trainee is not None
        return trainee

    # -- trusted scenario versions ---------------------------------------------------------
    @guarded
    def approve_scenario(self, passphrase: str | None, scenario: Scenario) -> int:
        """Trust this scenario version (its file and its persona, byte for byte): its runs are
        ranked from now on. Returns how many stored runs were played on it."""
        self.require_trainer(passphrase)
        if not scenario.raw:
            raise StoreError("this scenario was not read from a file; approve the file itself")
        for problem in (
            text_problem(scenario.id, "the scenario id", SCENARIO_ID_MAX),
            integer_problem(scenario.version, "the scenario version", 0, VERSION_MAX),
        ):
            if problem:
                raise StoreError(f"cannot approve the scenario: {problem}")
        persona = persona_sha256(scenario)
        with self._write() as session:
            found = session.get(TrustedVersion, scenario.sha256)
            if found is None:
                session.add(_trusted_version(scenario, persona, "approved"))
            else:
                found.persona_sha256, found.origin = persona, "approved"
                found.created_at = _now()
            session.flush()
            snap = session.get(ScenarioSnapshot, scenario.sha256)
            if snap is None:
                return 0
            matches = text_sha256(snap.persona_source) == persona
            boards.refresh_snapshot(session, scenario.sha256, matches)
            count = session.scalar(
                select(RunRow.id).where(RunRow.scenario_sha256 == scenario.sha256).limit(1)
            )
            if count is None:
                return 0
            return len(
                session.scalars(
                    select(RunRow.id).where(RunRow.scenario_sha256 == scenario.sha256)
                ).all()
            )

    @guarded
    def trusted_versions(self) -> list[dict[str, Any]]:
        """The scenario versions whose runs are ranked (bundled ones once a run was saved)."""
        with Session(self.engine) as session:
            return [
                {
                    "scenario": v.scenario_id,
                    "version": v.version,
                    "sha256": v.sha256,
                    "origin": v.origin,
                    "since": utc(v.created_at).isoformat(),
                }
                for v in session.scalars(
                    select(TrustedVersion).order_by(
                        TrustedVersion.scenario_id, TrustedVersion.version
                    )
                )
            ]

    # -- reading ---------------------------------------------------------------------------
    @guarded
    def scenario_for(self, sha256: str) -> Scenario | None:
        """The scenario exactly as a run was played on it (from its snapshot; None when the
        snapshot is missing, edited, or no longer loads)."""
        if sha256 not in self._scenarios:
            with Session(self.engine) as session:
                snap = session.get(ScenarioSnapshot, sha256)
                if snap is None:
                    return None
                loaded = load_snapshot(snap.sha256, snap.source, snap.persona_source)
                self._scenarios[sha256] = loaded.scenario
        return self._scenarios[sha256]

    def replay(self, record: RunRecord) -> tuple[Scenario, Run] | None:
        from ..engine import Engine

        scenario = self.scenario_for(record.scenario_sha256)
        if scenario is None:
            return None
        try:
            run = Engine(scenario, record.locale).play(
                [action_of(d) for d in record.decisions], seed=record.seed
            )
        except (ValueError, KeyError, TypeError, OverflowError):
            return None
        return scenario, run

    def check(self, record: RunRecord) -> tuple[str, dict[str, int]]:
        """The replay check alone of a record (integrity, recomputed scores)."""
        return replay_check(record, self.scenario_for(record.scenario_sha256))

    def _run_query(self) -> Any:
        """Runs with their trainee's name and cohort code, as plain rows (no ORM objects: a
        board reads hundreds of them per call)."""
        runs = Base.metadata.tables["runs"]
        return (
            select(runs, Trainee.name.label("trainee_name"), Cohort.code.label("cohort_code"))
            .join(Trainee, runs.c.trainee_id == Trainee.id)
            .outerjoin(Cohort, runs.c.cohort_id == Cohort.id)
        )

    @staticmethod
    def _triples(result: Iterable[Any]) -> list[Any]:
        return [(row, row.trainee_name, row.cohort_code) for row in result]

    @guarded
    def runs(
        self, cohort: str | None = None, trainee: str | None = None, include_hidden: bool = True
    ) -> list[StoredRun]:
        """Runs, in the order they finished, each checked now."""
        query = self._run_query().order_by(RunRow.finished_at, RunRow.id)
        if cohort is not None:
            query = query.where(Cohort.code == cohort)
        if trainee is not None:
            query = query.where(Trainee.name == trainee)
        if not include_hidden:
            query = query.where(RunRow.hidden.is_(False))
        with Session(self.engine) as session:
            rows = self._triples(session.execute(query))
            verdicts, found = check_rows(session, rows)
        self._note_findings(rows, verdicts, _disagreeing(found), strict=False)
        return [
            StoredRun(
                verdicts[row.id].record,
                verdicts[row.id].integrity,
                verdicts[row.id].recomputed,
                row.hidden,
                row.approved,
            )
            for row, _, _ in rows
        ]

    @guarded
    def run(self, run_id: str) -> StoredRun | None:
        with Session(self.engine) as session:
            rows = self._triples(session.execute(self._run_query().where(RunRow.id == run_id)))
            if not rows:
                return None
            verdicts, found = check_rows(session, rows)
        self._note_findings(rows, verdicts, _disagreeing(found), strict=False)
        row = rows[0][0]
        verdict = verdicts[run_id]
        return StoredRun(
            verdict.record, verdict.integrity, verdict.recomputed, row.hidden, row.approved
        )

    def _note_findings(
        self,
        rows: Sequence[Any],
        verdicts: dict[str, Verdict],
        trust: dict[str, bool],
        *,
        strict: bool,
        refresh: Iterable[tuple[int, str, int]] = (),
        totals: Iterable[tuple[int, int]] = (),
    ) -> int:
        """Record what checking found (each run's status; ``trust``: the snapshots whose stored
        trust flag was found wrong, with the right one) and bring the boards up to date, in one
        write transaction; returns how many rows changed. When only listing runs (``strict``
        False), a database that cannot be written is not an error."""
        statuses = {
            row.id: (row, verdicts[row.id].status)
            for row, _, _ in rows
            if verdicts[row.id].status != row.status
        }
        refresh, totals = list(refresh), list(totals)
        if not (statuses or trust or refresh or totals):
            return 0
        try:
            with self._write() as session:
                changed = 0
                for sha, trusted in sorted(trust.items()):
                    changed += 1 + boards.refresh_snapshot(session, sha, trusted)
                trainees = {row.trainee_id for row, _ in statuses.values()}
                trainees |= {t for t, _, _ in refresh} | {t for t, _ in totals}
                boards.lock_trainees(session, trainees)
                for run_id, (row, status) in sorted(statuses.items()):
                    done = session.execute(
                        update(RunRow)
                        .where(RunRow.id == run_id, RunRow.status != status)
                        .values(status=status)
                    )
                    changed += done.rowcount  # type: ignore[attr-defined]
                    changed += boards.refresh(
                        session, row.trainee_id, row.scenario_id, boards.scopes_of(row.cohort_id)
                    )
                for trainee_id, scenario_id, scope in sorted(set(refresh)):
                    changed += boards.refresh(session, trainee_id, scenario_id, [scope])
                for trainee_id, scope in sorted(set(totals)):
                    changed += boards.refresh_total(session, trainee_id, scope)
                return changed
        except StoreError:
            if strict:
                raise
            return 0
        except DATABASE_ERRORS as exc:
            if strict:
                raise translate(
                    exc, self.where, sqlite=self.is_sqlite, busy_seconds=self.busy_seconds
                ) from None
            return 0

    # -- leaderboards ----------------------------------------------------------------------
    @guarded
    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        """The board by ``results.board.RULE``: of ``scenario``, or of totals across scenarios;
        over ``cohort``'s runs or everyone's. Every run behind every row is checked first; a
        run that fails is recorded as such and taken off the boards (the trainee's next best
        run counts), and the board is read again, until every row shown checks out. Each round
        takes at least one bad row off for good, so no number of bad rows can exhaust it."""
        problem = board.limit_problem(limit)
        if problem:
            raise StoreError(problem)
        scope = ALL_COHORTS
        if cohort is not None:
            with Session(self.engine) as session:
                found = session.scalar(select(Cohort.id).where(Cohort.code == cohort))
            if found is None:
                return []
            scope = found
        stuck = 0
        while True:
            rows, changed = self._board_round(scope, scenario, limit)
            if rows is not None:
                return rows
            stuck = stuck + 1 if changed == 0 else 0
            if stuck >= 3:  # pragma: no cover - only if another program undoes every repair
                raise StoreError(
                    f"the leaderboard of {self.where} could not be checked: another program "
                    "keeps changing it; try again"
                )

    def _board_round(
        self, scope: int, scenario: str | None, limit: int
    ) -> tuple[list[BoardRow] | None, int]:
        best_runs = Base.metadata.tables["best_runs"]
        board_totals = Base.metadata.tables["board_totals"]
        with Session(self.engine) as session:
            totals: list[Any] = []
            if scenario is not None:
                best = session.execute(
                    select(best_runs)
                    .where(best_runs.c.scope == scope, best_runs.c.scenario_id == scenario)
                    .order_by(
                        best_runs.c.overall.desc(), best_runs.c.finished_at, best_runs.c.run_id
                    )
                    .limit(limit)
                ).all()
            else:
                totals = session.execute(
                    select(board_totals)
                    .where(board_totals.c.scope == scope)
                    .order_by(
                        board_totals.c.total.desc(),
                        board_totals.c.finished_at,
                        board_totals.c.run_id,
                    )
                    .limit(limit)
                ).all()
                best = session.execute(
                    select(best_runs).where(
                        best_runs.c.scope == scope,
                        best_runs.c.trainee_id.in_([t.trainee_id for t in totals]),
                    )
                ).all()
            rows, verdicts, flags = self._checked(
                session, {b.run_id for b in best} | {t.run_id for t in totals}
            )
        by_id = {row.id: (row, name, code) for row, name, code in rows}
        good: dict[tuple[int, str], board.Entry] = {}
        refresh: list[tuple[int, str, int]] = []
        for b in best:
            found = by_id.get(b.run_id)
            if found is None or not _stands(b, found[0], verdicts[b.run_id], scope):
                refresh.append((b.trainee_id, b.scenario_id, scope))
                continue
            row, name, code = found
            good[(b.trainee_id, b.scenario_id)] = board.Entry(
                row.id, name, code, row.scenario_id, row.overall, utc(row.finished_at)
            )
        fixed_totals: list[tuple[int, int]] = []
        shown_totals: list[board.Total] = []
        by_trainee: dict[int, list[board.Entry]] = {}
        for (trainee_id, _), entry in good.items():
            by_trainee.setdefault(trainee_id, []).append(entry)
        repairing = {trainee_id for trainee_id, _, _ in refresh}
        for t in totals:
            if t.trainee_id in repairing:
                continue  # its best runs are being repaired; its total follows
            mine = by_trainee.get(t.trainee_id, [])
            expected = board.total_of(mine) if mine else None
            if (
                expected is None
                or (expected.total, expected.scenarios, expected.finished_at, expected.run_id)
                != (t.total, t.scenarios, utc(t.finished_at), t.run_id)
                or t.cohort_id != by_id[t.run_id][0].cohort_id
            ):
                fixed_totals.append((t.trainee_id, scope))
                continue
            shown_totals.append(expected)
        if not refresh and not fixed_totals:
            if scenario is not None:
                return board.scenario_rows(good.values(), limit), 0
            return board.total_rows(shown_totals, limit), 0
        changed = self._note_findings(
            rows, verdicts, flags, strict=True, refresh=refresh, totals=fixed_totals
        )
        return None, changed

    def _checked(
        self, session: Session, run_ids: set[str]
    ) -> tuple[list[Any], dict[str, Verdict], dict[str, bool]]:
        wanted = sorted(run_ids)
        rows: list[Any] = []
        for i in range(0, len(wanted), 500):
            rows.extend(
                self._triples(
                    session.execute(self._run_query().where(RunRow.id.in_(wanted[i : i + 500])))
                )
            )
        verdicts, found = check_rows(session, rows)
        return rows, verdicts, _disagreeing(found)

    @guarded
    def best_scores(self, trainee: str) -> dict[str, int]:
        """The trainee's best ranked score per scenario (checked like a board's rows)."""
        while True:
            with Session(self.engine) as session:
                trainee_id = session.scalar(select(Trainee.id).where(Trainee.name == trainee))
                if trainee_id is None:
                    return {}
                best = list(
                    session.scalars(
                        select(BestRun).where(
                            BestRun.scope == ALL_COHORTS, BestRun.trainee_id == trainee_id
                        )
                    )
                )
                rows, verdicts, flags = self._checked(session, {b.run_id for b in best})
            by_id = {row.id: row for row, _, _ in rows}
            stale = [
                (b.trainee_id, b.scenario_id, ALL_COHORTS)
                for b in best
                if b.run_id not in by_id
                or not _stands(b, by_id[b.run_id], verdicts[b.run_id], ALL_COHORTS)
            ]
            if not stale:
                return {b.scenario_id: b.overall for b in best}
            if not self._note_findings(rows, verdicts, flags, strict=True, refresh=stale):
                raise StoreError(  # pragma: no cover - only if another program undoes repairs
                    f"the best scores in {self.where} could not be checked; try again"
                )

    def find_cohort(self, code: str) -> CohortInfo | None:
        """The cohort a trainee's typed code means (letter case and spaces ignored; the exact
        code wins when two differ only by case)."""
        if not code.strip():
            return None
        with Session(self.engine) as session:
            found = [CohortInfo(c, n) for c, n in session.execute(select(Cohort.code, Cohort.name))]
        return match_cohort(code, found)

    def history(self, trainee: str) -> list[RunRecord]:
        """The trainee's visible runs, oldest first, as recorded (no replay: a trainee's own
        progress, not a ranking)."""
        query = (
            select(RunRow, Trainee.name, Cohort.code)
            .join(Trainee, RunRow.trainee_id == Trainee.id)
            .outerjoin(Cohort, RunRow.cohort_id == Cohort.id)
            .where(Trainee.name == trainee, RunRow.hidden.is_(False))
            .order_by(RunRow.finished_at, RunRow.id)
        )
        with Session(self.engine) as session:
            found = (record_of(row, name, code) for row, name, code in session.execute(query))
            return [record for record in found if record is not None]

    def durable(self) -> bool:
        return True

    # -- trainer role ----------------------------------------------------------------------
    @guarded
    def has_passphrase(self) -> bool:
        with Session(self.engine) as session:
            return session.get(Setting, "trainer_passphrase") is not None

    @guarded
    def set_passphrase(self, new: str, old: str | None = None) -> None:
        secret = _passphrase_bytes(new)
        if len(new) < PASSPHRASE_MIN:
            raise StoreError(f"the trainer passphrase needs at least {PASSPHRASE_MIN} characters")
        if self.has_passphrase():
            self.require_trainer(old)
        salt = secrets.token_bytes(16)
        digest = _scrypt(secret, salt)
        value = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"
        with self._write() as session:
            session.merge(Setting(key="trainer_passphrase", value=value))

    @guarded
    def require_trainer(self, passphrase: str | None) -> None:
        """Raise unless ``passphrase`` is the trainer passphrase."""
        with Session(self.engine) as session:
            setting = session.get(Setting, "trainer_passphrase")
        if setting is None:
            raise StoreError("no trainer passphrase is set yet: run 'trainer passphrase set' first")
        if not passphrase:
            raise StoreError("this needs the trainer passphrase (TRAINER_PASSPHRASE or the prompt)")
        n, r, p, salt, digest = _parse_passphrase_record(setting.value)
        got = _scrypt(_passphrase_bytes(passphrase), salt, n, r, p)
        if not hmac.compare_digest(got, digest):
            raise StoreError("wrong trainer passphrase")

    @guarded
    def create_cohort(
        self,
        passphrase: str | None,
        code: str,
        name: str,
        starts_on: str | None = None,
        ends_on: str | None = None,
        facilitator: str | None = None,
    ) -> None:
        for problem in (
            name_problem(code, "the cohort code", COHORT_CODE_MAX),
            name_problem(name, "the cohort name", COHORT_NAME_MAX),
            None
            if facilitator is None
            else name_problem(facilitator, "the facilitator", FACILITATOR_MAX),
            _date_problem(starts_on, "the start date"),
            _date_problem(ends_on, "the end date"),
        ):
            if problem:
                raise StoreError(problem)
        self.require_trainer(passphrase)
        with self._write() as session:
            if session.scalar(select(Cohort).where(Cohort.code == code)) is not None:
                raise StoreError(f"cohort '{code}' already exists")
            session.add(
                Cohort(
                    code=code,
                    name=name,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    facilitator=facilitator,
                    created_at=_now(),
                )
            )

    @guarded
    def scenario_ids(self) -> list[str]:
        """The ids of every scenario a stored run was played on."""
        with Session(self.engine) as session:
            query = select(ScenarioSnapshot.scenario_id).distinct()
            return sorted(session.scalars(query))

    @guarded
    def cohorts(self) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            return [
                {
                    "code": c.code,
                    "name": c.name,
                    "starts_on": c.starts_on,
                    "ends_on": c.ends_on,
                    "facilitator": c.facilitator,
                }
                for c in session.scalars(select(Cohort).order_by(Cohort.code))
            ]

    @guarded
    def set_flags(
        self,
        passphrase: str | None,
        run_id: str,
        *,
        hidden: bool | None = None,
        approved: bool | None = None,
    ) -> None:
        self.require_trainer(passphrase)
        with self._write() as session:
            row = session.get(RunRow, run_id)
            if row is None:
                raise StoreError(f"no run '{run_id}'")
            boards.lock_trainees(session, [row.trainee_id])
            if approved is not None:
                row.approved = approved
            if hidden is not None and hidden != row.hidden:
                row.hidden = hidden
                session.flush()
                boards.refresh(
                    session, row.trainee_id, row.scenario_id, boards.scopes_of(row.cohort_id)
                )

    @guarded
    def add_note(self, passphrase: str | None, run_id: str, author: str, note: str) -> None:
        for problem in (
            name_problem(author, "the note's author", AUTHOR_MAX),
            text_problem(note, "the note", NOTE_MAX, lines=True),
        ):
            if problem:
                raise StoreError(problem)
        self.require_trainer(passphrase)
        with self._write() as session:
            if session.get(RunRow, run_id) is None:
                raise StoreError(f"no run '{run_id}'")
            session.add(Note(run_id=run_id, author=author, text=note, created_at=_now()))

    @guarded
    def notes(self, run_id: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            return [
                {"author": n.author, "text": n.text, "at": utc(n.created_at).isoformat()}
                for n in session.scalars(
                    select(Note).where(Note.run_id == run_id).order_by(Note.id)
                )
            ]

    @guarded
    def export_trainee(self, passphrase: str | None, name: str) -> dict[str, Any]:
        self.require_trainer(passphrase)
        runs = self.runs(trainee=name)
        if not runs:
            with Session(self.engine) as session:
                if session.scalar(select(Trainee).where(Trainee.name == name)) is None:
                    raise StoreError(f"no trainee '{name}'")
        return {
            "trainee": name,
            "runs": [
                {
                    "run_id": r.record.run_id,
                    "cohort": r.record.cohort,
                    "scenario": r.record.scenario_id,
                    "version": r.record.scenario_version,
                    "started_at": r.record.started_at.isoformat(),
                    "finished_at": r.record.finished_at.isoformat(),
                    "seed": r.record.seed,
                    "actions": list(r.record.decisions),
                    "scores": r.record.scores,
                    "outcome": r.record.outcome,
                    "integrity": r.integrity,
                    "notes": self.notes(r.record.run_id),
                }
                for r in runs
            ],
        }

    @guarded
    def delete_trainee(self, passphrase: str | None, name: str) -> int:
        self.require_trainer(passphrase)
        with self._write() as session:
            trainee = session.scalar(select(Trainee).where(Trainee.name == name))
            if trainee is None:
                raise StoreError(f"no trainee '{name}'")
            boards.lock_trainees(session, [trainee.id])
            run_ids = list(
                session.scalars(select(RunRow.id).where(RunRow.trainee_id == trainee.id))
            )
            for i in range(0, len(run_ids), 500):
                chunk = run_ids[i : i + 500]
                session.execute(delete(Outbox).where(Outbox.run_id.in_(chunk)))
                session.execute(delete(Note).where(Note.run_id.in_(chunk)))
            boards.forget_trainee(session, trainee.id)
            session.execute(delete(RunRow).where(RunRow.trainee_id == trainee.id))
            session.delete(trainee)
            return len(run_ids)

    # -- xAPI outbox -----------------------------------------------------------------------
    @guarded
    def queue_statements(self, run_id: str, statements: Sequence[dict[str, Any]]) -> int:
        added = 0
        with self._write() as session:
            for statement in statements:
                if session.get(Outbox, statement["id"]) is None:
                    session.add(
                        Outbox(
                            statement_id=statement["id"],
                            run_id=run_id,
                            payload=json.dumps(statement, sort_keys=True, ensure_ascii=False),
                        )
                    )
                    added += 1
        return added

    @guarded
    def pending_statements(self) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            return [
                json.loads(o.payload)
                for o in session.scalars(
                    select(Outbox).where(Outbox.sent_at.is_(None)).order_by(Outbox.statement_id)
                )
            ]

    @guarded
    def mark_sent(self, statement_ids: Iterable[str]) -> None:
        ids = list(statement_ids)
        if not ids:
            return
        with self._write() as session:
            session.execute(
                update(Outbox).where(Outbox.statement_id.in_(ids)).values(sent_at=_now())
            )

    def close(self) -> None:
        self.engine.dispose()


# -- checks ----------------------------------------------------------------------------------


def _stands(best: Any, row: Any, verdict: Verdict, scope: int) -> bool:
    """Whether a board row may be shown: its run checks out now, is visible and on a trusted
    version, and the row says what the run says."""
    return (
        verdict.integrity == OK
        and not row.hidden
        and row.trainee_id == best.trainee_id
        and row.scenario_id == best.scenario_id
        and (scope == ALL_COHORTS or row.cohort_id == scope)
        and row.cohort_id == best.cohort_id
        and row.overall == best.overall
        and utc(row.finished_at) == utc(best.finished_at)
    )


def _disagreeing(found: Found) -> dict[str, bool]:
    """The snapshots whose stored trust flag differs from their trust as checked now."""
    return {sha: now for sha, now in found.trusted.items() if found.flags.get(sha) != now}


def _trusted_version(scenario: Scenario, persona: str, origin: str) -> TrustedVersion:
    return TrustedVersion(
        sha256=scenario.sha256,
        persona_sha256=persona,
        scenario_id=scenario.id,
        version=scenario.version,
        origin=origin,
        created_at=_now(),
    )


def record_problem(record: RunRecord, scenario: Scenario) -> str | None:
    """Why ``record`` cannot be stored as it is (the same limits on SQLite and PostgreSQL)."""
    if not isinstance(record.run_id, str) or not UUID.match(record.run_id):
        return "its id is not a UUID (lowercase, 36 characters)"
    checks = (
        name_problem(record.trainee, "the trainee's name", TRAINEE_MAX),
        None
        if record.cohort is None
        else name_problem(record.cohort, "the cohort code", COHORT_CODE_MAX),
        text_problem(record.scenario_id, "the scenario id", SCENARIO_ID_MAX),
        integer_problem(record.scenario_version, "the scenario version", 0, VERSION_MAX),
        integer_problem(record.seed, "the seed", 0, SEED_MAX),
        text_problem(record.engine_version, "the engine version", ENGINE_VERSION_MAX),
        text_problem(record.locale, "the language", LOCALE_MAX),
    )
    for problem in checks:
        if problem:
            return problem
    if not isinstance(record.scenario_sha256, str) or not SHA256.match(record.scenario_sha256):
        return "the scenario file's SHA-256 is not 64 hexadecimal digits"
    if (record.scenario_id, record.scenario_sha256) != (scenario.id, scenario.sha256):
        return "the run was not played on the scenario given with it"
    if not scenario.raw:
        return "the scenario given with it was not read from a file"
    scores = record.scores
    if (
        not isinstance(scores, dict)
        or "overall" not in scores
        or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100
            for k, v in scores.items()
        )
    ):
        return "its scores are not whole numbers from 0 to 100 with an overall"
    for moment in (record.started_at, record.finished_at):
        if not isinstance(moment, datetime) or moment.tzinfo is None:
            return "its start and finish times must carry a time zone"
    return None


def _date_problem(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        if len(value) == 10 and date.fromisoformat(value).isoformat() == value:
            return None
    except (TypeError, ValueError):
        pass
    return f"{what} must be a date written YYYY-MM-DD"


# -- the passphrase --------------------------------------------------------------------------

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # OWASP's minimum for scrypt; ~50 ms here
DAMAGED = (
    "the trainer passphrase record in this results database is damaged ({what}), so no "
    "passphrase can be checked: restore the database's settings from a backup"
)


def _passphrase_bytes(passphrase: str) -> bytes:
    if len(passphrase) > PASSPHRASE_MAX:
        raise StoreError(f"the trainer passphrase is longer than {PASSPHRASE_MAX} characters")
    try:
        return passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(
            "the trainer passphrase is not valid UTF-8 text (check the encoding of the terminal "
            "or of TRAINER_PASSPHRASE)"
        ) from None


def _parse_passphrase_record(value: str) -> tuple[int, int, int, bytes, bytes]:
    """The scrypt parameters, salt and digest of the stored record, or a :class:`StoreError`
    saying it is damaged (never a traceback, never a costly or unbounded scrypt call)."""
    parts = value.split("$") if isinstance(value, str) else []
    if len(parts) != 6 or parts[0] != "scrypt":
        raise StoreError(DAMAGED.format(what="not a scrypt record"))
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        raise StoreError(DAMAGED.format(what="unreadable numbers")) from None
    if not (2**10 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        raise StoreError(DAMAGED.format(what="parameters out of range"))
    if 128 * r * n > 64 * 1024 * 1024 or not 8 <= len(salt) <= 64 or len(digest) != 32:
        raise StoreError(DAMAGED.format(what="parameters out of range"))
    return n, r, p, salt, digest


def _scrypt(
    secret: bytes, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=128 * 1024 * 1024)


# -- SQLite ----------------------------------------------------------------------------------


def _sqlite_connect(busy_seconds: float, dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    write = conn.get_execution_options().get("trainer_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


__all__ = ["MISMATCH", "OK", "UNREPLAYABLE", "Store", "StoreError", "StoredRun", "default_url"]
