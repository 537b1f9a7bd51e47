"""Results kept in memory for one session (when no database can be opened), and for tests.

The same rule as every board (:mod:`.board`), the same checks as the SQL store on what it can
know: each run is replayed when saved (a record whose scores do not match its replay is kept as
``mismatch`` and never ranked), and only runs on trusted scenario versions are ranked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import board
from .limits import COHORT_CODE_MAX, TRAINEE_MAX, name_problem
from .records import BoardRow, CohortInfo, RunRecord, match_cohort
from .verify import OK, UNVERIFIED, replay_check

if TYPE_CHECKING:
    from ..scenario.model import Scenario


class ResultsError(ValueError):
    """A record or a request the results cannot take, said in words a person can act on."""


def trust_everything(_scenario: Scenario) -> bool:
    return True


@dataclass
class MemoryResults:
    """Results kept in memory for one session (and for tests).

    ``trusted`` says whether a scenario version may be ranked (the application passes "is it
    one of the bundled files"; the default, for tests and demos, trusts every version).
    """

    trusted: Callable[[Scenario], bool] = trust_everything
    records: list[RunRecord] = field(default_factory=list)
    checked: dict[str, str] = field(default_factory=dict)  # run id -> its replay check
    played_on: dict[str, Scenario | None] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    #: cohort code -> name (a session without a database knows only the cohorts given here)
    cohorts: dict[str, str] = field(default_factory=dict)

    def save(self, record: RunRecord, scenario: Scenario | None = None) -> None:
        for value, what, limit in (
            (record.trainee, "the trainee's name", TRAINEE_MAX),
            (record.cohort, "the cohort code", COHORT_CODE_MAX),
        ):
            problem = None if value is None else name_problem(value, what, limit)
            if problem:
                raise ResultsError(problem)
        for kept in self.records:
            if kept.run_id == record.run_id:
                if kept == record:
                    return  # saved again (a retry): nothing changes
                raise ResultsError(f"run {record.run_id} is already saved with other content")
        self.checked[record.run_id], _ = replay_check(record, scenario)
        self.played_on[record.run_id] = scenario
        self.records.append(record)

    def integrity(self, run_id: str) -> str:
        """The run's integrity: its replay check, and whether its scenario version is trusted
        (asked now, so a version trusted later ranks its runs from then on)."""
        status = self.checked[run_id]
        scenario = self.played_on[run_id]
        if status == OK and (scenario is None or not self.trusted(scenario)):
            return UNVERIFIED
        return status

    def set_hidden(self, run_id: str, hidden: bool = True) -> None:
        if hidden:
            self.hidden.add(run_id)
        else:
            self.hidden.discard(run_id)

    def runs(self, include_hidden: bool = True) -> list[tuple[RunRecord, str]]:
        """Every run with its integrity, in the order they finished."""
        return [
            (r, self.integrity(r.run_id))
            for r in sorted(self.records, key=lambda r: (r.finished_at, r.run_id))
            if include_hidden or r.run_id not in self.hidden
        ]

    def entries(self) -> list[board.Entry]:
        """The runs that may be ranked (rule 1)."""
        return [
            board.Entry(
                r.run_id,
                r.trainee,
                r.cohort,
                r.scenario_id,
                r.scores["overall"],
                r.finished_at,
            )
            for r in self.records
            if r.run_id not in self.hidden and self.integrity(r.run_id) == OK
        ]

    def best_scores(self, trainee: str) -> dict[str, int]:
        return {
            e.scenario: e.overall for e in board.best_runs(self.entries()) if e.trainee == trainee
        }

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        problem = board.limit_problem(limit)
        if problem:
            raise ResultsError(problem)
        return board.leaderboard(self.entries(), scenario, cohort, limit)

    def find_cohort(self, code: str) -> CohortInfo | None:
        return match_cohort(code, [CohortInfo(c, n) for c, n in self.cohorts.items()])

    def history(self, trainee: str) -> list[RunRecord]:
        return sorted(
            (r for r in self.records if r.trainee == trainee and r.run_id not in self.hidden),
            key=lambda r: r.finished_at,
        )

    def durable(self) -> bool:
        return False
