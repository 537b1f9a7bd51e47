"""The results store: SQLite in the user's data folder by default, PostgreSQL (or any
SQLAlchemy URL) through ``TRAINER_DB_URL``.

Scores are recomputed from the action log when read: a stored score that disagrees with its
recomputation is reported as ``mismatch`` and never ranked. Each run keeps the scenario file it
was played on (a snapshot keyed by its SHA-256), so it replays against that version after the
file changes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, select, text, update
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..content.library import Library, bundled_scenarios
from ..engine import Choose, Engine, Offer
from ..engine.engine import ActionError, Run
from ..engine.state import Action
from ..results import BoardRow, CohortInfo, RunRecord, match_cohort
from ..scenario.diagnostics import Collector
from ..scenario.model import Persona, Scenario
from ..scenario.validate import read_persona, read_scenario
from ..scenario.yamlsafe import parse_bytes
from ..scoring import score_run
from .schema import Cohort, Note, Outbox, RunRow, ScenarioSnapshot, Setting, Trainee

APP = "service-recovery-trainer"


class StoreError(Exception):
    """A problem a user can act on (unknown cohort, wrong passphrase, unreachable database)."""


def default_url() -> str:
    url = os.environ.get("TRAINER_DB_URL")
    if url:
        return url
    from platformdirs import user_data_dir

    folder = Path(user_data_dir(APP))
    return f"sqlite:///{folder / 'results.db'}"


@dataclass(frozen=True)
class StoredRun:
    """A run as read back, with its integrity: ``ok`` or ``mismatch`` (stored scores differ
    from the recomputation), or ``unreplayable`` (its scenario snapshot no longer loads)."""

    record: RunRecord
    integrity: str
    recomputed: dict[str, int]
    hidden: bool
    approved: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _action(entry: dict[str, Any]) -> tuple[Action, float]:
    after = float(entry["after"])
    if "choose" in entry:
        return Choose(str(entry["choose"])), after
    return Offer(tuple(str(r) for r in entry["offer"])), after


class Store:
    """Opens (and migrates) the database at ``url``."""

    def __init__(
        self, url: str | None = None, *, migrate: bool = True, create: bool = True
    ) -> None:
        """``create=False`` (read-only commands): a SQLite file that does not exist is an
        error naming it, and neither the file nor its folder is created."""
        self.url = url or default_url()
        if self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:///:memory:"):
            path = Path(self.url[len("sqlite:///") :])
            folder = path.parent
            if not create and not path.exists():
                raise StoreError(
                    f"there is no results database at {path} yet (nothing has been saved "
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
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open the results database {self.safe_url}: {exc}") from None
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
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

    # -- schema ----------------------------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest revision (Alembic), one process at a time."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        try:
            with self.engine.begin() as conn:
                if self.is_sqlite:
                    conn.exec_driver_sql("SELECT 1")  # the pragma listener ran
                else:
                    conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except OperationalError as exc:
            raise StoreError(
                f"cannot reach the results database {self.safe_url}: {exc.orig}"
            ) from None

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    # -- saving ----------------------------------------------------------------------------
    def save(self, record: RunRecord, scenario: Scenario) -> None:
        """Store one finished run, in one transaction."""
        persona_raw = scenario.persona.raw.decode("utf-8") if scenario.persona.raw else None
        with Session(self.engine) as session, session.begin():
            if session.get(ScenarioSnapshot, scenario.sha256) is None:
                session.add(
                    ScenarioSnapshot(
                        sha256=scenario.sha256,
                        scenario_id=scenario.id,
                        version=scenario.version,
                        source=scenario.raw.decode("utf-8"),
                        persona_source=persona_raw,
                    )
                )
                try:
                    session.flush()
                except IntegrityError:  # another process stored the same snapshot
                    session.rollback()
                    return self.save(record, scenario)
            trainee = self._trainee(session, record.trainee)
            cohort_id = None
            if record.cohort:
                cohort = session.scalar(select(Cohort).where(Cohort.code == record.cohort))
                if cohort is None:
                    raise StoreError(
                        f"unknown cohort code '{record.cohort}': ask your trainer "
                        "for the code, or leave it out"
                    )
                cohort_id = cohort.id
            session.add(
                RunRow(
                    id=record.run_id,
                    trainee_id=trainee.id,
                    cohort_id=cohort_id,
                    scenario_id=record.scenario_id,
                    scenario_version=record.scenario_version,
                    scenario_sha256=record.scenario_sha256,
                    seed=record.seed,
                    actions=json.dumps(list(record.decisions), ensure_ascii=False),
                    engine_version=record.engine_version,
                    locale=record.locale,
                    started_at=record.started_at,
                    finished_at=record.finished_at,
                    scores=json.dumps(record.scores, sort_keys=True),
                    overall=record.scores["overall"],
                    outcome=json.dumps(record.outcome, sort_keys=True, ensure_ascii=False),
                )
            )
        return None

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

    # -- reading ---------------------------------------------------------------------------
    def scenario_for(self, sha256: str) -> Scenario | None:
        """The scenario exactly as a run was played on it (from its snapshot)."""
        if sha256 not in self._scenarios:
            with Session(self.engine) as session:
                snap = session.get(ScenarioSnapshot, sha256)
                self._scenarios[sha256] = _load_snapshot(snap) if snap is not None else None
        return self._scenarios[sha256]

    def _record(self, row: RunRow, trainee: str, cohort: str | None) -> RunRecord:
        return RunRecord(
            run_id=row.id,
            trainee=trainee,
            cohort=cohort,
            scenario_id=row.scenario_id,
            scenario_version=row.scenario_version,
            scenario_sha256=row.scenario_sha256,
            seed=row.seed,
            decisions=tuple(json.loads(row.actions)),
            scores=json.loads(row.scores),
            outcome=json.loads(row.outcome),
            started_at=_aware(row.started_at),
            finished_at=_aware(row.finished_at),
            engine_version=row.engine_version,
            locale=row.locale,
        )

    def replay(self, record: RunRecord) -> tuple[Scenario, Run] | None:
        scenario = self.scenario_for(record.scenario_sha256)
        if scenario is None:
            return None
        try:
            run = Engine(scenario, record.locale).play(
                [_action(d) for d in record.decisions], seed=record.seed
            )
        except (ActionError, KeyError, TypeError, ValueError):
            return None
        return scenario, run

    def check(self, record: RunRecord) -> tuple[str, dict[str, int]]:
        replayed = self.replay(record)
        if replayed is None or not replayed[1].complete:
            return "unreplayable", {}
        scores = dict(score_run(replayed[1]).scores)
        return ("ok" if scores == record.scores else "mismatch"), scores

    def runs(
        self, cohort: str | None = None, trainee: str | None = None, include_hidden: bool = True
    ) -> list[StoredRun]:
        query = (
            select(RunRow, Trainee.name, Cohort.code)
            .join(Trainee, RunRow.trainee_id == Trainee.id)
            .outerjoin(Cohort, RunRow.cohort_id == Cohort.id)
            .order_by(RunRow.finished_at, RunRow.id)
        )
        if cohort is not None:
            query = query.where(Cohort.code == cohort)
        if trainee is not None:
            query = query.where(Trainee.name == trainee)
        if not include_hidden:
            query = query.where(RunRow.hidden.is_(False))
        out = []
        with Session(self.engine) as session:
            for row, name, code in session.execute(query):
                record = self._record(row, name, code)
                integrity, recomputed = self.check(record)
                out.append(StoredRun(record, integrity, recomputed, row.hidden, row.approved))
        return out

    def run(self, run_id: str) -> StoredRun | None:
        with Session(self.engine) as session:
            found = session.execute(
                select(RunRow, Trainee.name, Cohort.code)
                .join(Trainee, RunRow.trainee_id == Trainee.id)
                .outerjoin(Cohort, RunRow.cohort_id == Cohort.id)
                .where(RunRow.id == run_id)
            ).first()
        if found is None:
            return None
        row, name, code = found
        record = self._record(row, name, code)
        integrity, recomputed = self.check(record)
        return StoredRun(record, integrity, recomputed, row.hidden, row.approved)

    # -- leaderboards ----------------------------------------------------------------------
    def _best_runs_query(self, scenario: str | None, cohort: str | None, exclude: Iterable[str]):  # type: ignore[no-untyped-def]
        """Best visible run per trainee and scenario (ties: the earlier run), as SQL."""
        ranked = select(
            RunRow.id.label("run_id"),
            RunRow.trainee_id,
            RunRow.scenario_id,
            RunRow.overall,
            RunRow.finished_at,
            RunRow.cohort_id,
            func.row_number()
            .over(
                partition_by=(RunRow.trainee_id, RunRow.scenario_id),
                order_by=(RunRow.overall.desc(), RunRow.finished_at.asc(), RunRow.id.asc()),
            )
            .label("pos"),
        ).where(RunRow.hidden.is_(False))
        if scenario is not None:
            ranked = ranked.where(RunRow.scenario_id == scenario)
        if cohort is not None:
            ranked = ranked.where(
                RunRow.cohort_id == select(Cohort.id).where(Cohort.code == cohort).scalar_subquery()
            )
        excluded = list(exclude)
        if excluded:
            ranked = ranked.where(RunRow.id.not_in(excluded))
        return ranked.subquery()

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        """Per scenario: the best run per trainee; across scenarios (``scenario`` None): each
        trainee's best runs summed. Runs whose scores fail the integrity check are left out
        (and the trainee's next best run counts instead)."""
        excluded: set[str] = set()
        for _ in range(20):
            rows = self._leaderboard_rows(scenario, cohort, limit, excluded)
            bad = self._mismatched(
                [r.run_id for r in rows]
                if scenario
                else self._runs_behind(rows, scenario, cohort, excluded)
            )
            if not bad:
                return rows
            excluded |= bad
        return self._leaderboard_rows(scenario, cohort, limit, excluded)

    def _leaderboard_rows(
        self, scenario: str | None, cohort: str | None, limit: int, excluded: set[str]
    ) -> list[BoardRow]:
        best = self._best_runs_query(scenario, cohort, excluded)
        with Session(self.engine) as session:
            if scenario is not None:
                query = (
                    select(
                        best.c.run_id, Trainee.name, Cohort.code, best.c.scenario_id, best.c.overall
                    )
                    .join(Trainee, Trainee.id == best.c.trainee_id)
                    .outerjoin(Cohort, Cohort.id == best.c.cohort_id)
                    .where(best.c.pos == 1)
                    .order_by(best.c.overall.desc(), best.c.finished_at.asc(), best.c.run_id.asc())
                    .limit(limit)
                )
                return [
                    BoardRow(i + 1, name, code, scen, overall, run_id)
                    for i, (run_id, name, code, scen, overall) in enumerate(session.execute(query))
                ]
            total = func.sum(best.c.overall).label("total")
            query = (
                select(
                    Trainee.name,
                    total,
                    func.count().label("n"),
                    func.min(best.c.finished_at).label("first"),
                    func.max(best.c.run_id).label("run_id"),
                )
                .join(Trainee, Trainee.id == best.c.trainee_id)
                .where(best.c.pos == 1)
                .group_by(Trainee.name)
                .order_by(total.desc(), func.min(best.c.finished_at).asc(), Trainee.name)
                .limit(limit)
            )
            rows = []
            for i, (name, score, count, _first, run_id) in enumerate(session.execute(query)):
                rows.append(
                    BoardRow(i + 1, name, cohort, f"{count} scenario(s)", int(score), run_id)
                )
            return rows

    def _runs_behind(
        self, rows: Sequence[BoardRow], scenario: str | None, cohort: str | None, excluded: set[str]
    ) -> list[str]:
        """The runs that make up the all-scenario totals of the trainees shown."""
        best = self._best_runs_query(scenario, cohort, excluded)
        names = [r.trainee for r in rows]
        if not names:
            return []
        with Session(self.engine) as session:
            query = (
                select(best.c.run_id)
                .join(Trainee, Trainee.id == best.c.trainee_id)
                .where(best.c.pos == 1, Trainee.name.in_(names))
            )
            return [run_id for (run_id,) in session.execute(query)]

    def _mismatched(self, run_ids: Sequence[str]) -> set[str]:
        bad = set()
        for run_id in run_ids:
            stored = self.run(run_id)
            if stored is None or stored.integrity != "ok":
                bad.add(run_id)
        return bad

    def best_scores(self, trainee: str) -> dict[str, int]:
        with Session(self.engine) as session:
            query = (
                select(RunRow.scenario_id, func.max(RunRow.overall))
                .join(Trainee, RunRow.trainee_id == Trainee.id)
                .where(Trainee.name == trainee, RunRow.hidden.is_(False))
                .group_by(RunRow.scenario_id)
            )
            return {scenario: int(best) for scenario, best in session.execute(query)}

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
            return [self._record(row, name, code) for row, name, code in session.execute(query)]

    def durable(self) -> bool:
        return True

    # -- trainer role ----------------------------------------------------------------------
    def has_passphrase(self) -> bool:
        with Session(self.engine) as session:
            return session.get(Setting, "trainer_passphrase") is not None

    def set_passphrase(self, new: str, old: str | None = None) -> None:
        if len(new) < 8:
            raise StoreError("the trainer passphrase needs at least 8 characters")
        if self.has_passphrase():
            self.require_trainer(old)
        salt = secrets.token_bytes(16)
        digest = _scrypt(new, salt)
        value = f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"
        with Session(self.engine) as session, session.begin():
            session.merge(Setting(key="trainer_passphrase", value=value))

    def require_trainer(self, passphrase: str | None) -> None:
        """Raise unless ``passphrase`` is the trainer passphrase."""
        with Session(self.engine) as session:
            setting = session.get(Setting, "trainer_passphrase")
        if setting is None:
            raise StoreError("no trainer passphrase is set yet: run 'trainer passphrase set' first")
        if not passphrase:
            raise StoreError("this needs the trainer passphrase (TRAINER_PASSPHRASE or the prompt)")
        _, n, r, p, salt, digest = setting.value.split("$")
        got = _scrypt(passphrase, bytes.fromhex(salt), int(n), int(r), int(p))
        if not hmac.compare_digest(got, bytes.fromhex(digest)):
            raise StoreError("wrong trainer passphrase")

    def create_cohort(
        self,
        passphrase: str | None,
        code: str,
        name: str,
        starts_on: str | None = None,
        ends_on: str | None = None,
        facilitator: str | None = None,
    ) -> None:
        self.require_trainer(passphrase)
        with Session(self.engine) as session, session.begin():
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

    def scenario_ids(self) -> list[str]:
        """The ids of every scenario a stored run was played on."""
        with Session(self.engine) as session:
            query = select(ScenarioSnapshot.scenario_id).distinct()
            return sorted(session.scalars(query))

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

    def set_flags(
        self,
        passphrase: str | None,
        run_id: str,
        *,
        hidden: bool | None = None,
        approved: bool | None = None,
    ) -> None:
        self.require_trainer(passphrase)
        values: dict[str, bool] = {}
        if hidden is not None:
            values["hidden"] = hidden
        if approved is not None:
            values["approved"] = approved
        with Session(self.engine) as session, session.begin():
            done = session.execute(update(RunRow).where(RunRow.id == run_id).values(**values))
            if done.rowcount == 0:  # type: ignore[attr-defined]
                raise StoreError(f"no run '{run_id}'")

    def add_note(self, passphrase: str | None, run_id: str, author: str, note: str) -> None:
        self.require_trainer(passphrase)
        with Session(self.engine) as session, session.begin():
            if session.get(RunRow, run_id) is None:
                raise StoreError(f"no run '{run_id}'")
            session.add(Note(run_id=run_id, author=author, text=note, created_at=_now()))

    def notes(self, run_id: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            return [
                {"author": n.author, "text": n.text, "at": _aware(n.created_at).isoformat()}
                for n in session.scalars(
                    select(Note).where(Note.run_id == run_id).order_by(Note.id)
                )
            ]

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

    def delete_trainee(self, passphrase: str | None, name: str) -> int:
        self.require_trainer(passphrase)
        with Session(self.engine) as session, session.begin():
            trainee = session.scalar(select(Trainee).where(Trainee.name == name))
            if trainee is None:
                raise StoreError(f"no trainee '{name}'")
            run_ids = list(
                session.scalars(select(RunRow.id).where(RunRow.trainee_id == trainee.id))
            )
            for model in (Outbox, Note):
                session.execute(
                    model.__table__.delete().where(  # type: ignore[attr-defined]
                        model.run_id.in_(run_ids)
                    )
                )  # type: ignore[attr-defined]
            session.execute(RunRow.__table__.delete().where(RunRow.trainee_id == trainee.id))
            session.delete(trainee)
            return len(run_ids)

    # -- xAPI outbox -----------------------------------------------------------------------
    def queue_statements(self, run_id: str, statements: Sequence[dict[str, Any]]) -> int:
        added = 0
        with Session(self.engine) as session, session.begin():
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

    def pending_statements(self) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            return [
                json.loads(o.payload)
                for o in session.scalars(
                    select(Outbox).where(Outbox.sent_at.is_(None)).order_by(Outbox.statement_id)
                )
            ]

    def mark_sent(self, statement_ids: Iterable[str]) -> None:
        ids = list(statement_ids)
        if not ids:
            return
        with Session(self.engine) as session, session.begin():
            session.execute(
                update(Outbox).where(Outbox.statement_id.in_(ids)).values(sent_at=_now())
            )

    def close(self) -> None:
        self.engine.dispose()


SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # OWASP's minimum for scrypt; ~50 ms here


def _scrypt(
    passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _load_snapshot(snap: ScenarioSnapshot) -> Scenario | None:
    out = Collector(f"snapshot:{snap.scenario_id}@{snap.sha256[:12]}", [])
    persona: Persona | None = None
    if snap.persona_source:
        parsed = parse_bytes(snap.persona_source.encode("utf-8"), out)
        if parsed.root is not None:
            persona = read_persona(parsed.root, out)
    library = Library([bundled_scenarios()])

    def resolve(persona_id: str) -> Persona | None:
        if persona is not None and persona.id == persona_id:
            return persona
        return library.persona_resolver(bundled_scenarios() / "x.yaml", out)(persona_id)

    data = snap.source.encode("utf-8")
    parsed = parse_bytes(data, out)
    if parsed.root is None:
        return None
    scenario = read_scenario(parsed.root, out, resolve, snap.sha256)
    if scenario is None or out.errors:
        return None
    return replace(scenario, raw=data)


__all__ = ["Store", "StoreError", "StoredRun", "default_url"]
