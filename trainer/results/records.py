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
