"""Integrity on read: every value a board, a report or an xAPI statement reads from a stored run
is checked before it is used.

Two checks, both on every run shown:

- the **seal**: a SHA-256 over every stored value of the run (who, cohort, scenario id, version
  and file, the persona file, seed, action log, scores, the ``overall`` column, outcome, times,
  engine version, language), written when the run is saved. Editing any one of them by hand,
  or moving the run to someone else, breaks it. The scenario snapshot must still hash to its key.
- the **replay**: the action log played again with the seed on the stored scenario file, scored
  by the rubric, must give the stored log, scores and outcome (``results.verify``).

The seal is a digest anyone who reads this code can recompute; a key kept outside the database
(an HMAC) is what makes it a signature. :func:`seal_bytes` is the one place that changes then.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..content.library import Library, bundled_scenarios
from ..results.records import RunRecord
from ..results.verify import MISMATCH, OK, UNREPLAYABLE, UNVERIFIED, remember, replay_check
from ..scenario.diagnostics import Collector
from ..scenario.model import Persona, Scenario
from ..scenario.validate import read_persona, read_scenario
from ..scenario.yamlsafe import parse_bytes
from .schema import RunRow, ScenarioSnapshot, TrustedVersion

SEAL_FORMAT = "service-recovery-trainer/run-seal/1"


def utc(value: datetime) -> datetime:
    """A stored time as an aware UTC datetime (SQLite gives it back without a zone)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def instant(value: datetime) -> str:
    return utc(value).isoformat(timespec="microseconds")


def text_sha256(text: str | None) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""


def seal_bytes(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def seal(
    *,
    run_id: str,
    trainee: str,
    cohort: str | None,
    scenario_id: str,
    scenario_version: int,
    scenario_sha256: str,
    persona_sha256: str,
    seed: int,
    actions: str,
    scores: str,
    overall: int,
    outcome: str,
    started_at: datetime,
    finished_at: datetime,
    engine_version: str,
    locale: str,
) -> str:
    """The seal of a run's stored values (the JSON texts exactly as stored)."""
    payload = json.dumps(
        [
            SEAL_FORMAT,
            run_id,
            trainee,
            cohort,
            scenario_id,
            str(scenario_version),
            scenario_sha256,
            persona_sha256,
            str(seed),
            actions,
            scores,
            str(overall),
            outcome,
            instant(started_at),
            instant(finished_at),
            engine_version,
            locale,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return seal_bytes(payload.encode("utf-8", "surrogatepass"))


def seal_row(row: RunRow, trainee: str, cohort: str | None, persona_sha256: str) -> str:
    return seal(
        run_id=row.id,
        trainee=trainee,
        cohort=cohort,
        scenario_id=row.scenario_id,
        scenario_version=row.scenario_version,
        scenario_sha256=row.scenario_sha256,
        persona_sha256=persona_sha256,
        seed=row.seed,
        actions=row.actions,
        scores=row.scores,
        overall=row.overall,
        outcome=row.outcome,
        started_at=row.started_at,
        finished_at=row.finished_at,
        engine_version=row.engine_version,
        locale=row.locale,
    )


def record_of(row: RunRow, trainee: str, cohort: str | None) -> RunRecord | None:
    """The record a row stores; None when its JSON texts no longer read as a record's."""
    try:
        decisions = json.loads(row.actions)
        scores = json.loads(row.scores)
        outcome = json.loads(row.outcome)
    except (TypeError, ValueError):
        return None
    if not (
        isinstance(decisions, list)
        and all(isinstance(d, dict) for d in decisions)
        and isinstance(scores, dict)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in scores.values())
        and isinstance(outcome, dict)
    ):
        return None
    return RunRecord(
        run_id=row.id,
        trainee=trainee,
        cohort=cohort,
        scenario_id=row.scenario_id,
        scenario_version=row.scenario_version,
        scenario_sha256=row.scenario_sha256,
        seed=row.seed,
        decisions=tuple(decisions),
        scores=scores,
        outcome=outcome,
        started_at=utc(row.started_at),
        finished_at=utc(row.finished_at),
        engine_version=row.engine_version,
        locale=row.locale,
    )


def placeholder_record(row: RunRow, trainee: str, cohort: str | None) -> RunRecord:
    """What can be shown of a run whose stored JSON is damaged (it is a ``mismatch``)."""

    def loads(text: str, empty: Any) -> Any:
        try:
            value = json.loads(text)
        except (TypeError, ValueError):
            return empty
        return value if isinstance(value, type(empty)) else empty

    return RunRecord(
        run_id=row.id,
        trainee=trainee,
        cohort=cohort,
        scenario_id=row.scenario_id,
        scenario_version=row.scenario_version,
        scenario_sha256=row.scenario_sha256,
        seed=row.seed,
        decisions=tuple(d for d in loads(row.actions, []) if isinstance(d, dict)),
        scores={
            k: v
            for k, v in loads(row.scores, {}).items()
            if isinstance(v, int) and not isinstance(v, bool)
        },
        outcome=loads(row.outcome, {}),
        started_at=utc(row.started_at),
        finished_at=utc(row.finished_at),
        engine_version=row.engine_version,
        locale=row.locale,
    )


# -- scenario snapshots ----------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """A stored scenario file as found now: whether it still hashes to its key, its persona
    file's hash, and the scenario read from it (None when it no longer loads)."""

    sha256: str
    intact: bool
    persona_sha256: str
    scenario: Scenario | None


_MODELS: dict[tuple[str, str], Scenario | None] = {}


def load_snapshot(sha256: str, source: str, persona_source: str | None) -> Snapshot:
    """Check and read a snapshot. The model is cached by content (the file's hash, which is
    checked, and the persona's), so a snapshot edited by hand is never served from the cache."""
    intact = text_sha256(source) == sha256
    persona = text_sha256(persona_source)
    if not intact:
        return Snapshot(sha256, False, persona, None)
    key = (sha256, persona)
    if key not in _MODELS:
        _MODELS[key] = _read_snapshot(sha256, source, persona_source)
    return Snapshot(sha256, True, persona, _MODELS[key])


def _read_snapshot(sha256: str, source: str, persona_source: str | None) -> Scenario | None:
    out = Collector(f"snapshot:{sha256[:12]}", [])
    persona: Persona | None = None
    if persona_source:
        parsed = parse_bytes(persona_source.encode("utf-8"), out)
        if parsed.root is not None:
            persona = read_persona(parsed.root, out)
            if persona is not None:
                persona = replace(persona, raw=persona_source.encode("utf-8"))
    library = Library([bundled_scenarios()])

    def resolve(persona_id: str) -> Persona | None:
        if persona is not None and persona.id == persona_id:
            return persona
        return library.persona_resolver(bundled_scenarios() / "x.yaml", out)(persona_id)

    data = source.encode("utf-8")
    parsed = parse_bytes(data, out)
    if parsed.root is None:
        return None
    scenario = read_scenario(parsed.root, out, resolve, sha256)
    if scenario is None or out.errors:
        return None
    return replace(scenario, raw=data)


@dataclass(frozen=True)
class Found:
    """The snapshots a set of runs was played on, as found now: each checked and read, whether
    each is trusted now (intact, and matching a trusted version, persona included), and the
    trust flag stored on it (which the boards' SQL uses)."""

    snapshots: dict[str, Snapshot]
    trusted: dict[str, bool]
    flags: dict[str, bool]


def find_snapshots(session: Session, shas: Iterable[str]) -> Found:
    """Read and check the snapshots ``shas`` with their trusted versions, in one query per 500."""
    wanted = sorted(set(shas))
    found = Found({}, {}, {})
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(
                ScenarioSnapshot.sha256,
                ScenarioSnapshot.source,
                ScenarioSnapshot.persona_source,
                ScenarioSnapshot.trusted,
                TrustedVersion.persona_sha256,
            )
            .outerjoin(TrustedVersion, TrustedVersion.sha256 == ScenarioSnapshot.sha256)
            .where(ScenarioSnapshot.sha256.in_(wanted[i : i + 500]))
        )
        for sha, source, persona_source, flag, trusted_persona in rows:
            snap = load_snapshot(sha, source, persona_source)
            found.snapshots[sha] = snap
            found.trusted[sha] = snap.intact and trusted_persona == snap.persona_sha256
            found.flags[sha] = bool(flag)
    return found


# -- checking runs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """A run as checked now. ``integrity``: ok, mismatch, unreplayable or unverified scenario;
    ``status``: what the store keeps for it ("ok", "mismatch", "unreplayable": trust is not
    stored on the run); ``trusted``: whether its scenario version may be ranked."""

    record: RunRecord
    integrity: str
    status: str
    trusted: bool
    recomputed: dict[str, int]


#: Verdicts already reached in this process, by everything a verdict depends on: every stored
#: value of the run, its trainee's name and cohort code, its snapshot as found now (file hash
#: checked, persona hash) and whether that version is trusted. A verdict is a pure function of
#: these, so an unchanged run is not replayed again; any edit changes the key. Bounded.
_VERDICTS: OrderedDict[tuple[Any, ...], Verdict] = OrderedDict()
REMEMBERED = 8192
ROW_VALUES = (
    "id", "trainee_id", "cohort_id", "scenario_id", "scenario_version", "scenario_sha256",
    "seed", "actions", "engine_version", "locale", "started_at", "finished_at", "scores",
    "overall", "outcome", "digest",
)  # fmt: skip


def check(
    row: RunRow,
    trainee: str,
    cohort: str | None,
    snapshot: Snapshot | None,
    trust: dict[str, bool],
) -> Verdict:
    """Check one stored run against its seal, its snapshot and its replay."""
    trusted = snapshot is not None and trust.get(snapshot.sha256, False)
    key = (
        tuple(getattr(row, name) for name in ROW_VALUES),
        trainee,
        cohort,
        None if snapshot is None else (snapshot.sha256, snapshot.intact, snapshot.persona_sha256),
        trusted,
    )
    found = _VERDICTS.get(key)
    if found is None:
        found = _check(row, trainee, cohort, snapshot, trusted)
        remember(_VERDICTS, key, found, REMEMBERED)
    else:
        with suppress(KeyError):  # another thread may have just forgotten it
            _VERDICTS.move_to_end(key)
    return found


def _check(
    row: RunRow,
    trainee: str,
    cohort: str | None,
    snapshot: Snapshot | None,
    trusted: bool,
) -> Verdict:
    record = record_of(row, trainee, cohort)
    if record is None:
        return Verdict(placeholder_record(row, trainee, cohort), MISMATCH, MISMATCH, False, {})
    persona = snapshot.persona_sha256 if snapshot is not None else ""
    tampered = (
        row.digest is None
        or row.digest != seal_row(row, trainee, cohort, persona)
        or row.overall != record.scores.get("overall")
        or (snapshot is not None and not snapshot.intact)
    )
    if snapshot is not None and snapshot.scenario is not None:
        replayed, recomputed = replay_check(record, snapshot.scenario)
    else:
        replayed, recomputed = UNREPLAYABLE, {}
    status = MISMATCH if tampered else replayed
    integrity = UNVERIFIED if status == OK and not trusted else status
    return Verdict(record, integrity, status, trusted, recomputed)


def check_rows(
    session: Session, rows: Iterable[tuple[RunRow, str, str | None]]
) -> tuple[dict[str, Verdict], Found]:
    """Check runs (each with its trainee's name and cohort code), reading their snapshots and
    trusted versions in one query. Returns each run's verdict, and the snapshots as found."""
    chosen = list(rows)
    found = find_snapshots(session, {row.scenario_sha256 for row, _, _ in chosen})
    verdicts = {
        row.id: check(row, name, code, found.snapshots.get(row.scenario_sha256), found.trusted)
        for row, name, code in chosen
    }
    return verdicts, found


__all__ = [
    "MISMATCH",
    "OK",
    "UNREPLAYABLE",
    "UNVERIFIED",
    "Snapshot",
    "Verdict",
    "check",
    "check_rows",
    "find_snapshots",
    "instant",
    "load_snapshot",
    "record_of",
    "seal",
    "seal_row",
    "text_sha256",
    "utc",
]
