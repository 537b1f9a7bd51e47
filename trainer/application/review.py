"""Trainer review, as a port: what the review screen may ask of the results (unlock with the
passphrase, list a cohort's runs, replay one, add a note), and its adapter over the SQL store.
The screen never sees the store itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from .replay import Replay, ReplayError, replay_run

if TYPE_CHECKING:
    from ..store import Store


class ReviewError(Exception):
    """Something the trainer can act on: a wrong passphrase, an unknown run."""


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    trainee: str
    cohort: str | None
    scenario_id: str
    overall: int | None
    finished_at: datetime
    integrity: str


class ReviewPort(Protocol):
    def unlock(self, passphrase: str) -> None:
        """Raise :class:`ReviewError` unless ``passphrase`` is the trainer passphrase."""

    def cohorts(self) -> list[str]:
        """Cohort codes, in order."""

    def runs(self, cohort: str | None) -> list[RunSummary]:
        """The runs of ``cohort`` (every run when None), newest first."""

    def replay(self, run_id: str) -> Replay:
        """The run replayed turn by turn (raises :class:`ReviewError`)."""

    def add_note(self, run_id: str, author: str, text: str) -> None:
        """Add a trainer note to a run (needs :meth:`unlock` first)."""


class StoreReview:
    """:class:`ReviewPort` over the results store; remembers the passphrase once unlocked."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._passphrase: str | None = None

    def unlock(self, passphrase: str) -> None:
        from ..store import StoreError

        try:
            self._store.require_trainer(passphrase)
        except StoreError as exc:
            raise ReviewError(str(exc)) from None
        self._passphrase = passphrase

    def cohorts(self) -> list[str]:
        return [c["code"] for c in self._store.cohorts()]

    def runs(self, cohort: str | None) -> list[RunSummary]:
        return [
            RunSummary(
                r.record.run_id,
                r.record.trainee,
                r.record.cohort,
                r.record.scenario_id,
                r.record.scores.get("overall"),
                r.record.finished_at,
                r.integrity,
            )
            for r in reversed(self._store.runs(cohort=cohort))
        ]

    def replay(self, run_id: str) -> Replay:
        try:
            return replay_run(self._store, run_id)
        except ReplayError as exc:
            raise ReviewError(str(exc)) from None

    def add_note(self, run_id: str, author: str, text: str) -> None:
        from ..store import StoreError

        try:
            self._store.add_note(self._passphrase, run_id, author, text)
        except StoreError as exc:
            raise ReviewError(str(exc)) from None
