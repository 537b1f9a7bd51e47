"""A finished run as saved (its record) and a leaderboard row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a type only: the model reads no clock
    from datetime import datetime


@dataclass(frozen=True)
class RunRecord:
    """A finished run, as saved: enough to replay it and to check its scores."""

    run_id: str
    trainee: str
    cohort: str | None
    scenario_id: str
    scenario_version: int
    scenario_sha256: str
    seed: int
    decisions: tuple[dict[str, Any], ...]  # the action log (Decision.to_json())
    scores: dict[str, int]
    outcome: dict[str, Any]
    started_at: datetime
    finished_at: datetime
    engine_version: str
    locale: str = "en"
    #: how much longer than normal the trainee had to answer (2.0: twice as long; None: no time
    #: limit). An accessibility setting; the rubric does not read it.
    time_factor: float | None = 1.0


@dataclass(frozen=True)
class BoardRow:
    """One row of a board (see ``results.board.RULE``).

    On a scenario's board: the trainee's best run (``scenario`` its id, ``scenarios`` 1). On the
    board of totals: ``scenario`` is None, ``overall`` the total and ``scenarios`` how many
    scenarios it covers; the caller words the label ("total of 3 scenarios") from its catalog.
    ``run_id``, ``cohort`` and ``finished_at`` are those of the best run, or of the run that
    completed the total.
    """

    rank: int
    trainee: str
    cohort: str | None
    scenario: str | None
    overall: int
    run_id: str
    scenarios: int
    finished_at: datetime

    @property
    def is_total(self) -> bool:
        return self.scenario is None


@dataclass(frozen=True)
class CohortInfo:
    """A cohort as a trainee sees it at sign-in: its code (as the trainer wrote it) and name."""

    code: str
    name: str


def same_code(typed: str, code: str) -> bool:
    """Whether a typed cohort code means ``code``: spaces around it and letter case ignored."""
    return typed.strip().casefold() == code.strip().casefold()


def match_cohort(typed: str, cohorts: list[CohortInfo]) -> CohortInfo | None:
    """The cohort a typed code means: the exact code first, else the one code equal to it but
    for letter case (None when there is none, or when two codes differ only by case)."""
    typed = typed.strip()
    if not typed:
        return None
    exact = [c for c in cohorts if c.code == typed]
    if exact:
        return exact[0]
    loose = [c for c in cohorts if same_code(typed, c.code)]
    return loose[0] if len(loose) == 1 else None
