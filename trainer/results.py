"""The results port: what the game and ``trainer run --store`` need from a results store.

The window saves each finished run through a :class:`Results` and reads the trainee's best
scores and the leaderboard from it. The SQL store (SQLite by default, PostgreSQL by URL) plugs
in here without touching the scenes; :class:`MemoryResults` serves until then, and in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .scenario.model import Scenario


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


class Results(Protocol):
    def save(self, record: RunRecord, scenario: Scenario) -> None:
        """Store one run (one transaction), with the scenario it was played on."""

    def best_scores(self, trainee: str) -> dict[str, int]:
        """The trainee's best overall score per scenario id."""

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        """Best run per trainee (per scenario, or summed across scenarios when ``scenario`` is
        None), best first, ties broken by the earlier run."""


@dataclass
class MemoryResults:
    """Results kept in memory for one session (and for tests)."""

    records: list[RunRecord] = field(default_factory=list)

    def save(self, record: RunRecord, scenario: Scenario | None = None) -> None:
        self.records.append(record)

    def best_scores(self, trainee: str) -> dict[str, int]:
        best: dict[str, int] = {}
        for r in self.records:
            if r.trainee == trainee:
                best[r.scenario_id] = max(best.get(r.scenario_id, 0), r.scores["overall"])
        return best

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        chosen = [
            r
            for r in self.records
            if (scenario is None or r.scenario_id == scenario)
            and (cohort is None or r.cohort == cohort)
        ]
        best: dict[tuple[str, str], RunRecord] = {}
        for r in sorted(chosen, key=lambda r: r.finished_at):
            key = (r.trainee, r.scenario_id)
            if key not in best or r.scores["overall"] > best[key].scores["overall"]:
                best[key] = r
        if scenario is not None:
            rows = sorted(best.values(), key=lambda r: (-r.scores["overall"], r.finished_at))
            return [
                BoardRow(i + 1, r.trainee, r.cohort, r.scenario_id, r.scores["overall"], r.run_id)
                for i, r in enumerate(rows[:limit])
            ]
        totals: dict[str, list[RunRecord]] = {}
        for r in best.values():
            totals.setdefault(r.trainee, []).append(r)
        ranked = sorted(
            totals.items(),
            key=lambda item: (
                -sum(r.scores["overall"] for r in item[1]),
                min(r.finished_at for r in item[1]),
            ),
        )
        return [
            BoardRow(
                i + 1,
                name,
                runs[0].cohort,
                f"{len(runs)} scenario(s)",
                sum(r.scores["overall"] for r in runs),
                max(runs, key=lambda r: r.finished_at).run_id,
            )
            for i, (name, runs) in enumerate(ranked[:limit])
        ]


class LazyStore:
    """The results store, opened on first use (after the first frame: SQLAlchemy and the
    migrations take a moment). If it cannot be opened, results are kept in memory for the
    session and a warning says why."""

    def __init__(self, warn: Any = None) -> None:
        self._inner: Results | None = None
        self._warn = warn

    def _get(self) -> Results:
        if self._inner is None:
            from .store import Store, StoreError

            try:
                self._inner = Store()
            except StoreError as exc:
                if self._warn is not None:
                    self._warn(f"{exc}; results are kept for this session only")
                self._inner = MemoryResults()
        return self._inner

    def store(self) -> Any:
        """The SQL store, or None when only memory results are available."""
        inner = self._get()
        return None if isinstance(inner, MemoryResults) else inner

    def save(self, record: RunRecord, scenario: Scenario) -> None:
        self._get().save(record, scenario)

    def best_scores(self, trainee: str) -> dict[str, int]:
        return self._get().best_scores(trainee)

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        return self._get().leaderboard(scenario, cohort, limit)
