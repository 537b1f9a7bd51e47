"""Integrity the ranking cannot bypass, on SQLite and PostgreSQL: editing any stored value of a
run by hand makes it ``mismatch`` in ``runs``, the review, the report and xAPI, and keeps it off
every board (the trainee's next valid run counts); so does editing the boards' own tables; and
no number of bad rows gets one onto a board."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import text
from storehelpers import bank, hotel, new_database, record, worse

from trainer.application.reporting import cohort_report, cohort_statements
from trainer.application.review import StoreReview
from trainer.results import RunRecord
from trainer.store import Store

PASS = "correct horse battery"


class NoCharts:
    """The report's charts are drawn by matplotlib in seconds; these tests read its tables."""

    def __getattr__(self, name: str) -> Callable[..., str]:
        return lambda *args, **kwargs: ""


@pytest.fixture(autouse=True)
def no_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.reports import html

    monkeypatch.setattr(html, "_Charts", NoCharts)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def any_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """Both databases; the PostgreSQL half of the long matrix runs with the slow tests (CI)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.db'}"
    return new_database(request.getfixturevalue("postgres_server"))


def opened(url: str) -> Store:
    s = Store(url)
    s.set_passphrase(PASS)
    s.create_cohort(PASS, "nov", "November")
    return s


@pytest.fixture
def matrix_store(any_url: str) -> Iterator[Store]:
    s = opened(any_url)
    yield s
    s.close()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    s.set_passphrase(PASS)
    s.create_cohort(PASS, "nov", "November")
    yield s
    s.close()


def read(store: Store, sql: str, **params: Any) -> Any:
    with store.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def write(store: Store, sql: str, **params: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def edit_json(key: str, change: Callable[[Any], Any]) -> Callable[[Store, str], None]:
    def edit(store: Store, run_id: str) -> None:
        value = json.loads(read(store, f"SELECT {key} FROM runs WHERE id = :id", id=run_id))
        new = change(value)
        assert new != value
        write(
            store,
            f"UPDATE runs SET {key} = :v WHERE id = :id",
            v=json.dumps(new, sort_keys=True),
            id=run_id,
        )

    return edit


def set_column(column: str, value: Callable[[Any], Any]) -> Callable[[Store, str], None]:
    def edit(store: Store, run_id: str) -> None:
        old = read(store, f"SELECT {column} FROM runs WHERE id = :id", id=run_id)
        assert value(old) != old
        write(store, f"UPDATE runs SET {column} = :v WHERE id = :id", v=value(old), id=run_id)

    return edit


def later_decision(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**log[0], "after": log[0]["after"] + 1.0}, *log[1:]]


def earlier(moment: Any) -> datetime:
    when = moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))
    return when - timedelta(days=1)


def move_to_bo(store: Store, run_id: str) -> None:
    bo = read(store, "SELECT id FROM trainees WHERE name = 'Bo'")
    write(store, "UPDATE runs SET trainee_id = :t WHERE id = :id", t=bo, id=run_id)


EDITS: dict[str, Callable[[Store, str], None]] = {
    "overall": set_column("overall", lambda v: 100),
    "scores": edit_json("scores", lambda s: {**s, "speed": 100 - s["speed"] or 1}),
    "scores and overall": lambda st, rid: (
        edit_json("scores", lambda s: {**s, "overall": 100})(st, rid),
        set_column("overall", lambda v: 100)(st, rid),
    ),
    "action log": edit_json("actions", later_decision),
    "seed": set_column("seed", lambda v: int(v) + 1),
    "outcome": edit_json("outcome", lambda o: {**o, "retained": not o["retained"]}),
    "finished_at": set_column("finished_at", earlier),
    "started_at": set_column("started_at", earlier),
    "scenario_version": set_column("scenario_version", lambda v: int(v) + 1),
    "locale": set_column("locale", lambda v: "vi"),
    "engine_version": set_column("engine_version", lambda v: "0"),
    "cohort": set_column("cohort_id", lambda v: None),
    "trainee": move_to_bo,
    "seal": set_column("digest", lambda v: "0" * 64),
}


def saved(store: Store) -> dict[str, RunRecord]:
    """Ana: her best bank run, then a lower one; Bo: a lower bank run; all in cohort nov."""
    runs = {
        "best": record(bank(), "Ana", minute=1, cohort="nov"),
        "next": worse(bank(), "Ana", minute=2, cohort="nov"),
        "bo": worse(bank(), "Bo", minute=3, cohort="nov"),
        "hotel": record(hotel(), "Ana", minute=4, cohort="nov"),
    }
    for rec in runs.values():
        store.save(rec, bank() if rec.scenario_id == bank().id else hotel())
    return runs


def everywhere(store: Store, run_id: str) -> dict[str, object]:
    """What each view says of one run: its integrity in ``runs`` and in the review, whether it is
    on any board, flagged in the report, and sent as xAPI."""
    stored = {r.record.run_id: r.integrity for r in store.runs()}
    review = {r.run_id: r.integrity for r in StoreReview(store).runs(None)}
    boards = [
        store.leaderboard(scenario, cohort)
        for scenario in (None, bank().id, hotel().id)
        for cohort in (None, "nov")
    ]
    html, _ = cohort_report(store, "nov", locale="en", generated_at=datetime.now(timezone.utc))
    flagged = html.split('id="leaderboard"')[0]
    sent = {s["context"]["registration"] for s in cohort_statements(store, "nov")}
    return {
        "runs": stored[run_id],
        "review": review[run_id],
        "ranked": any(row.run_id == run_id for b in boards for row in b),
        "flagged in report": run_id in flagged,
        "xapi": run_id in sent,
    }


def test_every_view_trusts_an_untouched_run(store: Store) -> None:
    runs = saved(store)
    assert everywhere(store, runs["best"].run_id) == {
        "runs": "ok",
        "review": "ok",
        "ranked": True,
        "flagged in report": False,
        "xapi": True,
    }


@pytest.mark.parametrize("column", list(EDITS))
def test_a_hand_edited_run_is_a_mismatch_everywhere_and_the_next_valid_run_counts(
    matrix_store: Store, column: str
) -> None:
    store = matrix_store
    runs = saved(store)
    assert store.leaderboard(bank().id)[0].run_id == runs["best"].run_id  # the board is built
    EDITS[column](store, runs["best"].run_id)
    assert everywhere(store, runs["best"].run_id) == {
        "runs": "mismatch",
        "review": "mismatch",
        "ranked": False,
        # Taken out of the cohort, it is no longer in the cohort's report at all.
        "flagged in report": column != "cohort",
        "xapi": False,
    }
    board = store.leaderboard(bank().id)
    assert [(r.trainee, r.run_id) for r in board] == [
        ("Ana", runs["next"].run_id),
        ("Bo", runs["bo"].run_id),
    ]
    [ana] = [r for r in store.leaderboard(cohort="nov") if r.trainee == "Ana"]
    assert ana.overall == runs["next"].scores["overall"] + runs["hotel"].scores["overall"]
    assert store.best_scores("Ana")[bank().id] == runs["next"].scores["overall"]
    assert everywhere(store, runs["next"].run_id)["runs"] == "ok"


@pytest.mark.parametrize("column", ["source", "persona_source"])
def test_an_edited_scenario_snapshot_makes_its_runs_mismatch(store: Store, column: str) -> None:
    runs = saved(store)
    assert store.leaderboard(bank().id)
    write(
        store,
        f"UPDATE scenario_snapshots SET {column} = {column} || :more WHERE sha256 = :sha",
        more="\n# easier now\n",
        sha=bank().sha256,
    )
    store._scenarios.clear()  # a new process would not have it cached either
    integrity = {r.record.run_id: r.integrity for r in store.runs()}
    assert {integrity[runs[k].run_id] for k in ("best", "next", "bo")} == {"mismatch"}
    assert integrity[runs["hotel"].run_id] == "ok"
    assert store.leaderboard(bank().id) == []
    assert [(r.trainee, r.overall) for r in store.leaderboard()] == [
        ("Ana", runs["hotel"].scores["overall"])
    ]


def test_the_board_tables_themselves_cannot_be_edited_onto_a_board(store: Store) -> None:
    runs = saved(store)
    store.leaderboard()
    # A board row raised to 100, a total raised to 1000, a best row moved to Bo's run.
    write(store, "UPDATE best_runs SET overall = 100 WHERE run_id = :id", id=runs["bo"].run_id)
    write(store, "UPDATE board_totals SET total = 1000")
    assert store.leaderboard(bank().id)[1].overall == runs["bo"].scores["overall"]
    assert [r.overall for r in store.leaderboard()] == [
        runs["best"].scores["overall"] + runs["hotel"].scores["overall"],
        runs["bo"].scores["overall"],
    ]
    ana = read(store, "SELECT id FROM trainees WHERE name = 'Ana'")
    write(
        store,
        "UPDATE best_runs SET run_id = :bo WHERE trainee_id = :ana AND scenario_id = :s",
        bo=runs["bo"].run_id,
        ana=ana,
        s=bank().id,
    )
    board = store.leaderboard(bank().id)
    assert [(r.trainee, r.run_id) for r in board] == [
        ("Ana", runs["best"].run_id),
        ("Bo", runs["bo"].run_id),
    ]
    # A run's stored status set back to "ok" by hand does not bring a forged run back either.
    EDITS["overall"](store, runs["best"].run_id)
    assert store.leaderboard(bank().id)[0].run_id == runs["next"].run_id
    write(store, "UPDATE runs SET status = 'ok'")
    assert store.leaderboard(bank().id)[0].run_id == runs["next"].run_id


@pytest.mark.parametrize("first", ["scenario", "totals"])
def test_no_number_of_forged_rows_exhausts_the_check(store: Store, first: str) -> None:
    """Sixty forged runs above one honest one, read five rows at a time: the board still shows
    only the honest run (the old board gave up after 20 rounds and ranked a forged 100)."""
    honest = worse(bank(), "Honest", minute=0)
    store.save(honest, bank())
    template = record(bank(), "x")
    forged = []
    for n in range(60):
        rec = RunRecord(
            **{**template.__dict__, "run_id": f"00000000-0000-4000-8000-{n:012d}"},
        )
        rec = _renamed(rec, f"Forger {n:02d}", n + 1)
        store.save(rec, bank())
        forged.append(rec.run_id)
    assert len(store.leaderboard(bank().id, limit=100)) == 61
    write(store, "UPDATE runs SET overall = 100, seed = seed + 1 WHERE id <> :id", id=honest.run_id)
    for limit in (5, 1, 50):
        boards = [store.leaderboard(bank().id, limit=limit), store.leaderboard(limit=limit)]
        if first == "totals":
            boards.reverse()
        for board in boards:
            assert [(r.rank, r.run_id) for r in board] == [(1, honest.run_id)]
    statuses = {
        read(store, "SELECT status FROM runs WHERE id = :id", id=run_id) for run_id in forged
    }
    assert statuses == {"mismatch"}  # recorded: later boards do not check them again


def _renamed(rec: RunRecord, trainee: str, minute: int) -> RunRecord:
    from dataclasses import replace

    return replace(
        rec,
        trainee=trainee,
        started_at=rec.started_at + timedelta(minutes=minute),
        finished_at=rec.finished_at + timedelta(minutes=minute),
    )


def test_a_copied_action_log_and_scores_read_as_mismatch(store: Store) -> None:
    """Issue 8: a run's log, scores and seed copied from a better run used to read ok."""
    best = record(bank(), "Ana", minute=1)
    low = worse(bank(), "Bo", minute=2)
    for rec in (best, low):
        store.save(rec, bank())
    columns = ("actions", "scores", "overall", "outcome", "seed")
    values = {
        c: read(store, f"SELECT {c} FROM runs WHERE id = :id", id=best.run_id) for c in columns
    }
    sets = ", ".join(f"{c} = :{c}" for c in columns)
    write(store, f"UPDATE runs SET {sets} WHERE id = :id", id=low.run_id, **values)
    assert store.run(low.run_id).integrity == "mismatch"  # type: ignore[union-attr]
    assert [r.trainee for r in store.leaderboard(bank().id)] == ["Ana"]
