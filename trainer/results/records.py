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
    rank: int
    trainee: str
    cohort: str | None
    scenario: str
    overall: int
    run_id: str
