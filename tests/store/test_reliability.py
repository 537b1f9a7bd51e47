"""Reliability: eight processes storing fifty runs each at once lose nothing, on both databases;
rival processes saving for the same trainees keep the boards right; a process killed with
SIGKILL while saving leaves every earlier run intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import ROOT
from storehelpers import wait_for

from trainer.store import Store

WORKER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{tests!r}, {store_tests!r}]
    from storehelpers import bank, record
    from trainer.store import Store
    store = Store(sys.argv[1])
    scenario = bank()
    count = int(sys.argv[3])
    for i in range(count):
        store.save(record(scenario, f"{{sys.argv[2]}}-{{i % 5}}", minute=i), scenario)
        if len(sys.argv) > 4:
            print(i + 1, flush=True)
""").format(tests=str(ROOT / "tests"), store_tests=str(Path(__file__).parent))


def spawn(url: str, who: str, count: int, report: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, "-c", WORKER, url, who, str(count)] + (["report"] if report else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_eight_processes_fifty_runs_each_lose_nothing(db_url: str) -> None:
    Store(db_url).close()  # migrate once, as the app does on first start
    workers = [spawn(db_url, f"w{n}", 50) for n in range(8)]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err[-2000:]
    store = Store(db_url)
    runs = store.runs()
    assert len(runs) == 400
    assert len({r.record.run_id for r in runs}) == 400
    assert {r.integrity for r in runs} == {"ok"}
    assert len(store.leaderboard(limit=100)) == 40  # 8 workers x 5 trainee names


@pytest.mark.slow
def test_a_process_killed_while_saving_leaves_earlier_runs_intact(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'results.db'}"
    Store(url).close()
    worker = spawn(url, "k", 10_000, report=True)
    saved = []

    def some_saved() -> bool:
        line = worker.stdout.readline() if worker.stdout else ""
        if line.strip():
            saved.append(int(line))
        return len(saved) >= 25

    assert wait_for(some_saved, 120)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    with sqlite3.connect(tmp_path / "results.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    runs = Store(url).runs()
    assert len(runs) >= saved[-1]  # every run reported as saved is there (maybe one more)
    assert {r.integrity for r in runs} == {"ok"}


@pytest.mark.parametrize("signal_after", [0.05, 0.3])
def test_killed_during_the_first_save_leaves_a_usable_database(
    tmp_path: Path, signal_after: float
) -> None:
    url = f"sqlite:///{tmp_path / 'results.db'}"
    worker = spawn(url, "first", 5)
    time.sleep(signal_after)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    store = Store(url)  # opens, migrates if it had not finished, and works
    before = len(store.runs())
    from storehelpers import bank, record

    store.save(record(bank(), "after"), bank())
    assert len(store.runs()) == before + 1


RIVALS = textwrap.dedent("""
    import random, sys
    sys.path[:0] = [{tests!r}, {store_tests!r}]
    from storehelpers import bank, hotel, record, worse
    from trainer.store import Store
    store = Store(sys.argv[1])
    rng = random.Random(int(sys.argv[2]))
    for i in range(int(sys.argv[3])):
        scenario = rng.choice([bank(), hotel()])
        make = rng.choice([record, worse])
        store.save(make(scenario, f"t{{rng.randrange(3)}}", minute=rng.randrange(8)), scenario)
""").format(tests=str(ROOT / "tests"), store_tests=str(Path(__file__).parent))


@pytest.mark.slow
def test_rival_processes_saving_for_the_same_trainees_keep_the_boards_right(db_url: str) -> None:
    """Four processes save runs for the same three trainees on the same scenarios at once: the
    boards kept in each save's transaction end up exactly as the rule computes them from all
    the runs (no lost update between two saves of one trainee)."""
    from trainer.results.board import Entry
    from trainer.results.board import leaderboard as rule

    Store(db_url).close()
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", RIVALS, db_url, str(n), "30"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err[-2000:]
    store = Store(db_url)
    runs = store.runs()
    assert len(runs) == 120 and {r.integrity for r in runs} == {"ok"}
    everything = [
        Entry(
            r.record.run_id,
            r.record.trainee,
            r.record.cohort,
            r.record.scenario_id,
            r.record.scores["overall"],
            r.record.finished_at,
        )  # fmt: skip
        for r in runs
    ]
    for scenario in (None, "bank-double-charge", "hotel-overbooked-late-arrival"):
        assert store.leaderboard(scenario) == rule(everything, scenario)
    store.close()
