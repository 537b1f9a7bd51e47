"""The results port: what the game, the command line and the server need from a results store.

The SQL store (SQLite by default, PostgreSQL by URL) implements it; :class:`MemoryResults`
serves a session without a database, and tests. Every implementation ranks by the one rule,
``results.board.RULE``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .records import BoardRow, CohortInfo, RunRecord

if TYPE_CHECKING:
    from ..scenario.model import Scenario


class Results(Protocol):
    def save(self, record: RunRecord, scenario: Scenario) -> None:
        """Store one run (one transaction), with the scenario it was played on."""

    def best_scores(self, trainee: str) -> dict[str, int]:
        """The trainee's best ranked overall score per scenario id (the runs that count on the
        boards: verified, visible, on a trusted scenario version)."""

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        """The board of ``scenario``, or of totals across scenarios when None, over the runs of
        ``cohort`` (everyone's when None), by ``results.board.RULE``; ``limit`` 1 to 1000."""

    def find_cohort(self, code: str) -> CohortInfo | None:
        """The cohort a trainee's typed code means, letter case and surrounding spaces ignored
        (the exact code wins when two differ only by case); None if there is none."""

    def history(self, trainee: str) -> list[RunRecord]:
        """The trainee's visible runs, oldest first (scores per dimension, when, which
        scenario): their progress and their last score per scenario. Not integrity-checked:
        it shows a trainee their own record, it ranks nobody."""

    def durable(self) -> bool:
        """Whether a saved run outlives the session (False: kept in memory only)."""
