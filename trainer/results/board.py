"""THE leaderboard rule, written once (``RULE``, quoted in docs/results.md) and implemented once.

Every board (the in-memory results, the SQL store, the cohort report, the game's screen) ranks
with these functions: the SQL store keeps each trainee's best run per scenario in a table so that
its board reads ``limit`` rows instead of every run, but it chooses those rows with
:func:`better` and :func:`total_of`, reads them in :func:`order` / :func:`total_order`, and
numbers them with :func:`scenario_rows` / :func:`total_rows`. One contract test runs the same
hand-built cases through all of them.

Pure: no clock, no database. Times are compared, never read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..i18n import t
from .records import BoardRow

if TYPE_CHECKING:  # a type only: the rule reads no clock
    from datetime import datetime

RULE = """\
1. Only runs that are verified, visible and on a trusted scenario version are ranked: their
   stored values match their seal and their replay (integrity `ok`), no trainer has hidden them,
   and the scenario file they were played on is one the trainer ships or a trainer approved.
2. Per scenario, each trainee's best run counts: the highest overall score; between equal
   scores, the run that finished first.
3. Across scenarios, a trainee's total is the sum of their best runs, one per scenario, shown as
   a total with the number of scenarios it covers. A total is complete when the last of those
   runs finished.
4. Best first. Equal scores, or equal totals, share a rank (1, 1, 3); among them the earlier is
   listed first: the run that finished first, or the total that was complete first. (Runs that
   finished at the same instant are listed by run id.)
5. A row's cohort and run id are those of its run: on a scenario board, the best run; on a
   board of totals, the run that completed the total. A cohort's board counts only the runs
   saved with that cohort's code.
"""

LIMIT_MAX = 1000  # rows one board may ask for


@dataclass(frozen=True)
class Entry:
    """A run that may be ranked (rule 1: verified, visible, on a trusted scenario version)."""

    run_id: str
    trainee: str
    cohort: str | None
    scenario: str
    overall: int
    finished_at: datetime


@dataclass(frozen=True)
class Total:
    """One trainee's best runs across scenarios (rule 3)."""

    trainee: str
    cohort: str | None  # the cohort of the run that completed the total
    total: int
    scenarios: int
    finished_at: datetime  # when the total was complete: the last counted run finished
    run_id: str  # the run that completed the total


def order(entry: Entry) -> tuple[int, datetime, str]:
    """The order of runs: best first, then the one that finished first (rules 2 and 4)."""
    return (-entry.overall, entry.finished_at, entry.run_id)


def total_order(total: Total) -> tuple[int, datetime, str]:
    """The order of totals: highest first, then the one complete first (rule 4)."""
    return (-total.total, total.finished_at, total.run_id)


def better(candidate: Entry, current: Entry | None) -> bool:
    """Whether ``candidate`` replaces ``current`` as the trainee's best run of a scenario."""
    return current is None or order(candidate) < order(current)


def best_runs(entries: Iterable[Entry]) -> list[Entry]:
    """Each trainee's best run per scenario (rule 2)."""
    best: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        key = (entry.trainee, entry.scenario)
        if better(entry, best.get(key)):
            best[key] = entry
    return list(best.values())


def total_of(best: Sequence[Entry]) -> Total:
    """The total of one trainee's best runs (one per scenario; rule 3)."""
    if not best:
        raise ValueError("a total needs at least one run")
    if len({e.trainee for e in best}) != 1 or len({e.scenario for e in best}) != len(best):
        raise ValueError("a total is one trainee's best runs, one per scenario")
    last = max(best, key=lambda e: (e.finished_at, e.run_id))
    return Total(
        trainee=last.trainee,
        cohort=last.cohort,
        total=sum(e.overall for e in best),
        scenarios=len(best),
        finished_at=last.finished_at,
        run_id=last.run_id,
    )


def totals(best: Iterable[Entry]) -> list[Total]:
    by_trainee: dict[str, list[Entry]] = {}
    for entry in best:
        by_trainee.setdefault(entry.trainee, []).append(entry)
    return [total_of(runs) for runs in by_trainee.values()]


def _ranks(scores: Sequence[int]) -> list[int]:
    """Standard competition ranks of scores already sorted best first: 1, 1, 3."""
    ranks: list[int] = []
    for i, score in enumerate(scores):
        ranks.append(ranks[-1] if i and score == scores[i - 1] else i + 1)
    return ranks


def scenario_rows(best: Iterable[Entry], limit: int) -> list[BoardRow]:
    """A scenario's board from its best runs (any order in, the first ``limit`` rows out). Given
    the first rows of the board already in :func:`order` (as the SQL store reads them), the ranks
    are the same as over the whole board."""
    shown = sorted(best, key=order)[:limit]
    return [
        BoardRow(rank, e.trainee, e.cohort, e.scenario, e.overall, e.run_id, 1, e.finished_at)
        for rank, e in zip(_ranks([e.overall for e in shown]), shown, strict=True)
    ]


def total_rows(all_totals: Iterable[Total], limit: int) -> list[BoardRow]:
    """The board of totals (any order in, the first ``limit`` rows out)."""
    shown = sorted(all_totals, key=total_order)[:limit]
    return [
        BoardRow(rank, t.trainee, t.cohort, None, t.total, t.run_id, t.scenarios, t.finished_at)
        for rank, t in zip(_ranks([t.total for t in shown]), shown, strict=True)
    ]


def limit_problem(limit: object) -> str | None:
    """Why ``limit`` is not a number of rows a board can show, or None."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= LIMIT_MAX:
        return f"a board shows from 1 to {LIMIT_MAX} rows, not {str(limit)[:20]}"
    return None


def leaderboard(
    entries: Iterable[Entry],
    scenario: str | None = None,
    cohort: str | None = None,
    limit: int = 50,
) -> list[BoardRow]:
    """The board of ``scenario`` (or of totals across scenarios when None), over the runs of
    ``cohort`` (or of everyone when None). ``entries`` are the rankable runs (rule 1)."""
    problem = limit_problem(limit)
    if problem:
        raise ValueError(problem)
    chosen = [
        e
        for e in entries
        if (scenario is None or e.scenario == scenario) and (cohort is None or e.cohort == cohort)
    ]
    best = best_runs(chosen)
    if scenario is not None:
        return scenario_rows(best, limit)
    return total_rows(totals(best), limit)


def label(row: BoardRow, locale: str | None = None) -> str:
    """What a row covers, for people: the scenario id, or "total of 3 scenarios" in ``locale``
    (the words come from the catalogs, keys ``board.total_one`` and ``board.total``)."""
    if row.scenario is not None:
        return row.scenario
    key = "board.total_one" if row.scenarios == 1 else "board.total"
    return t(key, locale, count=row.scenarios)
