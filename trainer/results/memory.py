"""Results kept in memory for one session (and for tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .records import BoardRow, CohortInfo, RunRecord, match_cohort

if TYPE_CHECKING:
    from ..scenario.model import Scenario


@dataclass
class MemoryResults:
    """Results kept in memory for one session (and for tests)."""

    records: list[RunRecord] = field(default_factory=list)
    #: cohort code -> name (a session without a database knows only the cohorts given here)
    cohorts: dict[str, str] = field(default_factory=dict)

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

    def find_cohort(self, code: str) -> CohortInfo | None:
        return match_cohort(code, [CohortInfo(c, n) for c, n in self.cohorts.items()])

    def history(self, trainee: str) -> list[RunRecord]:
        return sorted(
            (r for r in self.records if r.trainee == trainee), key=lambda r: r.finished_at
        )

    def durable(self) -> bool:
        return False
