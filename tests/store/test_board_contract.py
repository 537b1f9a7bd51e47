"""The one leaderboard rule (``trainer.results.board.RULE``), one contract: the in-memory results,
the SQL store on SQLite and on PostgreSQL, and the cohort report's board give exactly the same
rows for the same runs.

Each case is built by hand: who played what, how well (the best path of a bundled scenario, or a
path that breaks a principle, which scores lower), when, in which cohort; which runs are hidden,
forged or played on an edited copy of a scenario. The expected rows name the runs that must be
shown, and their scores are those runs' own, so nothing here depends on a particular rubric
constant. A property test then plays random histories through every back end and compares them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Protocol

import pytest
from helpers import bundled_by_id
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storehelpers import new_database, record

from trainer.content.library import Library, bundled_scenarios
from trainer.reports.html import ReportRun
from trainer.reports.html import leaderboard as report_board
from trainer.results import BoardRow, MemoryResults, RunRecord
from trainer.results.board import RULE
from trainer.scenario.model import Scenario
from trainer.scoring.search import explore
from trainer.store import Store

PASS = "correct horse battery"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
SCENARIOS = {
    "bank": "bank-double-charge",
    "hotel": "hotel-overbooked-late-arrival",
    "burger": "fast-food-cold-burger",
}
COHORTS = ("nov", "dec")


@cache
def scenario(key: str) -> Scenario:
    return bundled_by_id(SCENARIOS[key])


@cache
def paths(key: str) -> tuple[tuple[object, ...], ...]:
    """Decision paths of a scenario, best first: level 0 is the best path, each next level a path
    that breaks a principle and scores strictly lower."""
    found = explore(scenario(key))
    candidates = [tuple(found.best.decisions)] + [
        tuple(p.decisions) for p in found.by_violation.values()
    ]
    by_score: dict[int, tuple[object, ...]] = {}
    for path in candidates:
        by_score.setdefault(template(key, path).scores["overall"], path)
    return tuple(by_score[s] for s in sorted(by_score, reverse=True))


@cache
def template(key: str, path: tuple[object, ...]) -> RunRecord:
    return record(scenario(key), "template", decisions=list(path))


@cache
def edited(key: str, folder: str) -> Scenario:
    """A copy of a bundled scenario, same id, one byte different: a version nobody approved."""
    original = scenario(key)
    target = Path(folder) / f"{key}-copy.yaml"
    target.write_bytes(original.raw + b"\n# my copy\n")
    loaded, diagnostics = Library([bundled_scenarios()]).load_scenario(target)
    assert loaded is not None, diagnostics
    assert loaded.id == original.id and loaded.sha256 != original.sha256
    return loaded


# -- the operations of a case ----------------------------------------------------------------


@dataclass(frozen=True)
class Play:
    key: str  # the run's name in the case
    trainee: str
    scenario: str
    level: int = 0  # 0: the best path; higher: a lower score
    minute: int = 0
    cohort: str | None = None
    forged: bool = False  # the record claims 100 overall: its replay disagrees
    copy: bool = False  # played on an edited copy of the scenario


@dataclass(frozen=True)
class Hide:
    key: str


@dataclass(frozen=True)
class Approve:
    scenario: str  # approve the edited copy of this scenario


Op = Play | Hide | Approve


def run_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


class Backend(Protocol):
    def save(self, rec: RunRecord, played_on: Scenario) -> None: ...
    def hide(self, run: str) -> None: ...
    def approve(self, played_on: Scenario) -> None: ...
    def board(self, scenario: str | None, cohort: str | None, limit: int) -> list[BoardRow]: ...
    def report(self, cohort: str | None) -> list[BoardRow]: ...


def _report(pairs: list[tuple[RunRecord, str]], cohort: str | None) -> list[BoardRow]:
    runs = [
        ReportRun(
            r.run_id,
            r.trainee,
            r.cohort,
            r.scenario_id,
            r.scenario_id,
            r.scores,
            r.finished_at,
            integrity,
        )  # fmt: skip
        for r, integrity in pairs
        if cohort is None or r.cohort == cohort
    ]
    return report_board(runs)


@dataclass
class Memory:
    approved: set[str] = field(default_factory=set)
    results: MemoryResults = field(init=False)

    def __post_init__(self) -> None:
        from trainer.content.bundled import is_bundled

        self.results = MemoryResults(trusted=lambda s: is_bundled(s) or s.sha256 in self.approved)

    def save(self, rec: RunRecord, played_on: Scenario) -> None:
        self.results.save(rec, played_on)

    def hide(self, run: str) -> None:
        self.results.set_hidden(run)

    def approve(self, played_on: Scenario) -> None:
        self.approved.add(played_on.sha256)

    def board(self, scenario: str | None, cohort: str | None, limit: int) -> list[BoardRow]:
        return self.results.leaderboard(scenario, cohort, limit)

    def report(self, cohort: str | None) -> list[BoardRow]:
        return _report(self.results.runs(include_hidden=False), cohort)


@dataclass
class Sql:
    store: Store

    def save(self, rec: RunRecord, played_on: Scenario) -> None:
        self.store.save(rec, played_on)

    def hide(self, run: str) -> None:
        self.store.set_flags(PASS, run, hidden=True)

    def approve(self, played_on: Scenario) -> None:
        self.store.approve_scenario(PASS, played_on)

    def board(self, scenario: str | None, cohort: str | None, limit: int) -> list[BoardRow]:
        return self.store.leaderboard(scenario, cohort, limit)

    def report(self, cohort: str | None) -> list[BoardRow]:
        runs = self.store.runs(cohort=cohort, include_hidden=False)
        return _report([(r.record, r.integrity) for r in runs], cohort)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def make_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Backend]]:
    """A factory of fresh, empty back ends of one kind (with the cohorts created). The
    PostgreSQL half runs with the slow tests (CI runs them all)."""
    opened: list[Store] = []

    def make() -> Backend:
        if request.param == "memory":
            return Memory()
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / f'results-{len(opened)}.db'}"
        else:
            url = new_database(request.getfixturevalue("postgres_server"))
        store = Store(url)
        opened.append(store)
        store.set_passphrase(PASS)
        for code in COHORTS:
            store.create_cohort(PASS, code, code.title())
        return Sql(store)

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def backend(make_backend: Callable[[], Backend]) -> Backend:
    return make_backend()


class Case:
    """Plays the operations on a back end and turns expected rows into BoardRows."""

    def __init__(self, backend: Backend, folder: Path, ops: list[Op]) -> None:
        self.records: dict[str, RunRecord] = {}
        self.backend = backend
        for n, op in enumerate(ops):
            if isinstance(op, Play):
                played_on = edited(op.scenario, str(folder)) if op.copy else scenario(op.scenario)
                path = paths(op.scenario)[op.level]
                base = record(played_on, op.trainee, decisions=list(path))
                finished = T0 + timedelta(minutes=op.minute)
                rec = replace(
                    base,
                    run_id=run_id(n),
                    cohort=op.cohort,
                    started_at=finished - timedelta(seconds=90),
                    finished_at=finished,
                )
                if op.forged:
                    rec = replace(rec, scores={**rec.scores, "overall": 100})
                self.records[op.key] = rec
                backend.save(rec, played_on)
            elif isinstance(op, Hide):
                backend.hide(self.records[op.key].run_id)
            else:
                backend.approve(edited(op.scenario, str(folder)))

    def row(self, rank: int, trainee: str, key: str, cohort: str | None = None) -> BoardRow:
        """A scenario board's row: ``key``'s run."""
        rec = self.records[key]
        return BoardRow(rank, trainee, cohort, rec.scenario_id, rec.scores["overall"],
                        rec.run_id, 1, rec.finished_at)  # fmt: skip

    def total(
        self, rank: int, trainee: str, keys: list[str], cohort: str | None = None
    ) -> BoardRow:
        """A row of totals: the sum of the runs ``keys``; the last of them completed it."""
        counted = [self.records[k] for k in keys]
        last = max(counted, key=lambda r: (r.finished_at, r.run_id))
        return BoardRow(rank, trainee, cohort, None, sum(r.scores["overall"] for r in counted),
                        last.run_id, len(counted), last.finished_at)  # fmt: skip

    def check(self, scenario_key: str | None, cohort: str | None, limit: int,
              expected: list[BoardRow]) -> None:  # fmt: skip
        scenario_id = SCENARIOS[scenario_key] if scenario_key else None
        assert self.backend.board(scenario_id, cohort, limit) == expected
        if scenario_id is None:  # the cohort report ranks totals by the same rule
            assert self.backend.report(cohort)[:limit] == expected


def test_the_levels_score_strictly_lower() -> None:
    for key in SCENARIOS:
        scores = [template(key, p).scores["overall"] for p in paths(key)]
        assert len(scores) >= 2 and scores == sorted(scores, reverse=True)
        assert len(set(scores)) == len(scores)
    assert "share a rank (1, 1, 3)" in RULE


# -- the cases -------------------------------------------------------------------------------


def test_ties_share_a_rank_and_the_earlier_run_is_listed_first(
    backend: Backend, tmp_path: Path
) -> None:
    case = Case(backend, tmp_path, [
        Play("ana", "Ana", "bank", minute=5),
        Play("bo", "Bo", "bank", minute=2),
        Play("cy", "Cy", "bank", level=1, minute=1),
        Play("dee", "Dee", "bank", minute=9),
    ])  # fmt: skip
    case.check("bank", None, 50, [
        case.row(1, "Bo", "bo"), case.row(1, "Ana", "ana"), case.row(1, "Dee", "dee"),
        case.row(4, "Cy", "cy"),
    ])  # fmt: skip


def test_equal_scores_at_different_times_the_earlier_run_counts(
    backend: Backend, tmp_path: Path
) -> None:
    case = Case(backend, tmp_path, [
        Play("late", "Ana", "bank", minute=30),
        Play("early", "Ana", "bank", minute=10),
        Play("lower", "Ana", "bank", level=1, minute=1),
        Play("bo", "Bo", "bank", minute=20),
    ])  # fmt: skip
    case.check("bank", None, 50, [case.row(1, "Ana", "early"), case.row(1, "Bo", "bo")])
    # Across scenarios, Ana's total was complete at minute 10, Bo's at 20.
    case.check(None, None, 50, [
        case.total(1, "Ana", ["early"]), case.total(1, "Bo", ["bo"]),
    ])  # fmt: skip


def test_hidden_runs_are_not_ranked_and_the_next_best_counts(
    backend: Backend, tmp_path: Path
) -> None:
    case = Case(backend, tmp_path, [
        Play("best", "Ana", "bank", minute=1),
        Play("next", "Ana", "bank", level=1, minute=2),
        Play("bo", "Bo", "bank", level=2, minute=3),
        Play("only", "Cy", "bank", minute=4),
        Hide("best"),
        Hide("only"),
    ])  # fmt: skip
    case.check("bank", None, 50, [case.row(1, "Ana", "next"), case.row(2, "Bo", "bo")])
    case.check(None, None, 50, [case.total(1, "Ana", ["next"]), case.total(2, "Bo", ["bo"])])


def test_mismatched_runs_are_never_ranked(backend: Backend, tmp_path: Path) -> None:
    case = Case(backend, tmp_path, [
        Play("honest", "Ana", "bank", level=1, minute=1),
        Play("forged", "Ana", "bank", level=2, minute=2, forged=True),
        Play("forged-only", "Bo", "bank", minute=3, forged=True),
        Play("cy", "Cy", "bank", level=2, minute=4),
        Play("forged-hotel", "Cy", "hotel", minute=5, forged=True),
    ])  # fmt: skip
    case.check("bank", None, 50, [case.row(1, "Ana", "honest"), case.row(2, "Cy", "cy")])
    case.check("hotel", None, 50, [])
    case.check(None, None, 50, [case.total(1, "Ana", ["honest"]), case.total(2, "Cy", ["cy"])])


def test_runs_on_an_unapproved_version_are_not_ranked_until_a_trainer_approves_it(
    backend: Backend, tmp_path: Path
) -> None:
    ops: list[Op] = [
        Play("honest", "Ana", "bank", level=1, minute=1),
        Play("copy", "Bo", "bank", minute=2, copy=True),
        Play("copy2", "Ana", "bank", minute=3, copy=True),
    ]
    case = Case(backend, tmp_path, ops)
    case.check("bank", None, 50, [case.row(1, "Ana", "honest")])
    case.check(None, None, 50, [case.total(1, "Ana", ["honest"])])
    Case(backend, tmp_path, [Approve("bank")])
    case.check("bank", None, 50, [case.row(1, "Bo", "copy"), case.row(1, "Ana", "copy2")])


def test_cohorts(backend: Backend, tmp_path: Path) -> None:
    case = Case(backend, tmp_path, [
        Play("ana-nov", "Ana", "bank", level=1, minute=1, cohort="nov"),
        Play("ana-dec", "Ana", "bank", minute=2, cohort="dec"),
        Play("ana-hotel", "Ana", "hotel", minute=3, cohort="nov"),
        Play("bo-none", "Bo", "bank", minute=4),
        Play("bo-nov", "Bo", "hotel", level=1, minute=5, cohort="nov"),
    ])  # fmt: skip
    case.check("bank", "nov", 50, [case.row(1, "Ana", "ana-nov", "nov")])
    case.check("bank", "dec", 50, [case.row(1, "Ana", "ana-dec", "dec")])
    # Everyone: a row's cohort is its run's.
    case.check("bank", None, 50, [
        case.row(1, "Ana", "ana-dec", "dec"), case.row(1, "Bo", "bo-none", None),
    ])  # fmt: skip
    case.check(None, "nov", 50, [
        case.total(1, "Ana", ["ana-nov", "ana-hotel"], "nov"),
        case.total(2, "Bo", ["bo-nov"], "nov"),
    ])  # fmt: skip
    # Across cohorts, a total's cohort is that of the run that completed it.
    case.check(None, None, 50, [
        case.total(1, "Ana", ["ana-dec", "ana-hotel"], "nov"),
        case.total(2, "Bo", ["bo-none", "bo-nov"], "nov"),
    ])  # fmt: skip
    case.check(None, "dec", 50, [case.total(1, "Ana", ["ana-dec"], "dec")])


def test_several_scenarios_totals_and_their_ties(backend: Backend, tmp_path: Path) -> None:
    case = Case(backend, tmp_path, [
        # Ana and Bo reach the same total; Bo's was complete first (minute 6 against 8).
        Play("ana-bank", "Ana", "bank", minute=1),
        Play("ana-hotel", "Ana", "hotel", minute=8),
        Play("bo-hotel", "Bo", "hotel", minute=2),
        Play("bo-bank", "Bo", "bank", minute=6),
        Play("bo-bank-again", "Bo", "bank", minute=7),
        # Cy plays three scenarios, less well: a higher total all the same.
        Play("cy-bank", "Cy", "bank", level=1, minute=3),
        Play("cy-hotel", "Cy", "hotel", level=1, minute=4),
        Play("cy-burger", "Cy", "burger", level=1, minute=5),
        # Dee: one scenario.
        Play("dee-burger", "Dee", "burger", minute=9),
    ])  # fmt: skip
    case.check(None, None, 50, [
        case.total(1, "Cy", ["cy-bank", "cy-hotel", "cy-burger"]),
        case.total(2, "Bo", ["bo-hotel", "bo-bank"]),
        case.total(2, "Ana", ["ana-bank", "ana-hotel"]),
        case.total(4, "Dee", ["dee-burger"]),
    ])  # fmt: skip
    case.check("burger", None, 50, [
        case.row(1, "Dee", "dee-burger"), case.row(2, "Cy", "cy-burger"),
    ])  # fmt: skip


def test_limit_keeps_the_first_rows_and_their_ranks(backend: Backend, tmp_path: Path) -> None:
    case = Case(backend, tmp_path, [
        Play("a", "Ana", "bank", minute=1),
        Play("b", "Bo", "bank", minute=2),
        Play("c", "Cy", "bank", level=1, minute=3),
        Play("d", "Dee", "bank", level=1, minute=4),
    ])  # fmt: skip
    case.check("bank", None, 1, [case.row(1, "Ana", "a")])
    case.check("bank", None, 3, [
        case.row(1, "Ana", "a"), case.row(1, "Bo", "b"), case.row(3, "Cy", "c"),
    ])  # fmt: skip
    case.check(None, None, 2, [case.total(1, "Ana", ["a"]), case.total(1, "Bo", ["b"])])


def test_an_empty_board(backend: Backend) -> None:
    assert backend.board(None, None, 50) == []
    assert backend.board(SCENARIOS["bank"], "nov", 50) == []


# -- random histories ------------------------------------------------------------------------

plays = st.builds(
    Play,
    key=st.just(""),
    trainee=st.sampled_from(["Ana", "Bo", "Cy"]),
    scenario=st.sampled_from(["bank", "hotel"]),
    level=st.integers(0, 1),
    minute=st.integers(0, 6),  # equal minutes: ties broken by run id
    cohort=st.sampled_from([None, "nov", "dec"]),
)


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    history=st.lists(
        st.tuples(plays, st.booleans(), st.integers(0, 4).map(lambda n: n == 0)),
        min_size=1,
        max_size=10,
    )
)
def test_random_histories_give_the_same_boards_everywhere(
    make_backend: Callable[[], Backend], tmp_path: Path, history: list[tuple[Play, bool, bool]]
) -> None:
    """Whatever is played, hidden or forged, every back end shows the memory's boards, and the
    report ranks the same totals."""
    ops: list[Op] = []
    for n, (play, hide, forged) in enumerate(history):
        ops.append(replace(play, key=f"r{n}", forged=forged))
        if hide:
            ops.append(Hide(f"r{n}"))
    memory, backend = Memory(), make_backend()
    Case(memory, tmp_path, ops)
    Case(backend, tmp_path, ops)
    for scenario_key in (None, "bank", "hotel"):
        for cohort in (None, "nov", "dec"):
            scenario_id = SCENARIOS[scenario_key] if scenario_key else None
            expected = memory.board(scenario_id, cohort, 50)
            assert backend.board(scenario_id, cohort, 50) == expected
            if scenario_id is None:
                assert backend.report(cohort) == expected
