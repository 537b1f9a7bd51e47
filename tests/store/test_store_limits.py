"""Every store error is a message: what the schema cannot hold is refused before it reaches the
database, with the same limits on SQLite and PostgreSQL; a busy or damaged database, a damaged
passphrase record and a passphrase that is not UTF-8 are named, never raised as tracebacks."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from storehelpers import bank, record

from trainer.results import RunRecord
from trainer.results.limits import SEED_MAX, TRAINEE_MAX, VERSION_MAX, name_problem
from trainer.store import Store, StoreError

PASS = "correct horse battery"
RLO = "\u202e"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    s.set_passphrase(PASS)
    s.create_cohort(PASS, "nov", "November")
    yield s
    s.close()


def count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() or 0)


# -- the name rule (pure) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Ana Silva", None),
        ("阮氏兰 Nguyễn", None),
        ("O'Brien-Smith", None),
        ("👩🏽‍💼 Lan", None),  # an emoji with a zero-width joiner is a name
        ("x" * TRAINEE_MAX, None),
        ("", "is empty"),
        ("   ", "is empty"),
        ("x" * (TRAINEE_MAX + 1), "201 characters long; at most 200"),
        ("Ana\x00", "control character (U+0000"),
        ("\x1b[31mBoss", "control character (U+001B"),
        ("Ana\nBoss 100", "control character (U+000A"),
        ("Ana\x07", "control character (U+0007"),
        (f"Ana {RLO}moc.live", "reverses the direction"),
        ("Ana \u2066x\u2069", "reverses the direction"),
        ("Ana\udcff", "not valid text"),
    ],
)
def test_the_name_rule(name: str, found: str | None) -> None:
    problem = name_problem(name, "the trainee's name")
    if found is None:
        assert problem is None
    else:
        assert problem is not None and found in problem
        assert problem.startswith("the trainee's name")
        if len(name) > 10:  # never quotes the value itself
            assert name not in problem


# -- refused before the database, the same on both ----------------------------------------


def renamed(name: str) -> Callable[[RunRecord], RunRecord]:
    return lambda rec: replace(rec, trainee=name)


HOSTILE_RECORDS: dict[str, tuple[Callable[[RunRecord], RunRecord], str]] = {
    "a 201-character name": (renamed("x" * 201), "at most 200"),
    "NUL in a name": (renamed("Ana\x00Boss"), "control character"),
    "ESC in a name": (renamed("\x1b[2JBoss"), "control character"),
    "a newline in a name": (renamed("Ana\n1 Boss 100"), "control character"),
    "a right-to-left override": (renamed(f"Ana {RLO}moc.live"), "direction"),
    "a name that is not UTF-8": (renamed("Ana\udcff"), "not valid text"),
    "a 101-character cohort": (lambda r: replace(r, cohort="c" * 101), "at most 100"),
    "a cohort code with ESC": (lambda r: replace(r, cohort="nov\x1b"), "control character"),
    "seed 2**63": (lambda r: replace(r, seed=2**63), "seed must be from 0"),
    "a negative seed": (lambda r: replace(r, seed=-1), "seed must be from 0"),
    "a seed that is not a number": (lambda r: replace(r, seed=1.5), "whole number"),
    "version 2**31": (lambda r: replace(r, scenario_version=2**31), "version must be from 0"),
    "a huge version": (lambda r: replace(r, scenario_version=10**30), "a number of 31 digits"),
    "a 21-character engine version": (lambda r: replace(r, engine_version="1" * 21), "at most 20"),
    "a 21-character language": (lambda r: replace(r, locale="e" * 21), "at most 20"),
    "an id that is not a UUID": (lambda r: replace(r, run_id="run-1"), "not a UUID"),
    "a score over 100": (lambda r: replace(r, scores={**r.scores, "speed": 101}), "0 to 100"),
    "a time without a zone": (
        lambda r: replace(r, finished_at=r.finished_at.replace(tzinfo=None)),
        "time zone",
    ),
}


def test_what_the_database_cannot_hold_is_refused_with_a_message(store: Store) -> None:
    for case, (change, message) in HOSTILE_RECORDS.items():
        with pytest.raises(StoreError, match="cannot save the run: ") as raised:
            store.save(change(record(bank(), "Ana", cohort="nov")), bank())
        assert message in str(raised.value), case
        assert count(store, "runs") == 0 and count(store, "trainees") == 0, case


def test_the_largest_values_that_fit_are_stored_exactly(store: Store) -> None:
    for seed in (SEED_MAX, 2**53 + 1, 0):
        rec = replace(
            record(bank(), "x" * TRAINEE_MAX, cohort="nov", seed=seed),
            run_id=record(bank(), "x").run_id,
        )
        store.save(rec, bank())
        assert store.run(rec.run_id).record.seed == seed  # type: ignore[union-attr]
    odd = replace(record(bank(), "Ana"), scenario_version=VERSION_MAX)
    store.save(odd, bank())  # stored; its version is not the file's, so it is not ok
    assert store.run(odd.run_id).integrity == "mismatch"  # type: ignore[union-attr]


def test_a_board_limit_out_of_range_is_a_message(store: Store) -> None:
    limits: list[Any] = [0, -1, 1001, 10**20, 1e20, 2.5, True, "50"]
    for limit in limits:
        with pytest.raises(StoreError, match="a board shows from 1 to 1000 rows"):
            store.leaderboard(limit=limit)
    assert store.leaderboard(limit=1000) == []


def test_cohort_and_note_fields_are_checked(store: Store) -> None:
    bad_cohorts = [
        (("c" * 101, "Name"), "at most 100"),
        (("dec", "n" * 201), "at most 200"),
        (("dec\x1b", "December"), "control character"),
        (("dec", f"Dec {RLO}"), "direction"),
        (("dec", "December", None, None, "f" * 201), "at most 200"),
        (("dec", "December", "2026-13-01"), "YYYY-MM-DD"),
        (("dec", "December", None, "tomorrow"), "YYYY-MM-DD"),
    ]
    for args, message in bad_cohorts:
        with pytest.raises(StoreError, match=message):
            store.create_cohort(PASS, *args)  # type: ignore[arg-type]
    assert [c["code"] for c in store.cohorts()] == ["nov"]
    rec = record(bank(), "Ana")
    store.save(rec, bank())
    for author, note, message in [
        ("Lee", "n" * 10_001, "at most 10,000"),
        ("Lee", "a\x00b", "control character"),
        ("Lee", "\x1b]0;owned\x07", "control character"),
        ("L\x1bee", "fine", "control character"),
        ("Lee", "", "is empty"),
    ]:
        with pytest.raises(StoreError, match=message):
            store.add_note(PASS, rec.run_id, author, note)
    store.add_note(PASS, rec.run_id, "Lee", "Two lines:\n\tasked first, then offered.")
    assert store.notes(rec.run_id)[0]["text"].startswith("Two lines:\n\t")


# -- the trainer passphrase ------------------------------------------------------------------


DAMAGED_RECORDS = [
    "garbage",
    "scrypt$16384$8$1",
    "scrypt$x$8$1$" + "00" * 16 + "$" + "00" * 32,
    "scrypt$1099511627776$8$1$" + "00" * 16 + "$" + "00" * 32,  # would need 1 TiB
    "scrypt$16384$8$1$zz$" + "00" * 32,
    "scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 5,
    "scrypt$16385$8$1$" + "00" * 16 + "$" + "00" * 32,
    "bcrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 32,
]


def test_a_damaged_passphrase_record_is_reported(store: Store) -> None:
    for value in DAMAGED_RECORDS:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE settings SET value = :v"), {"v": value})
        with pytest.raises(StoreError, match="passphrase record in this results database is"):
            store.require_trainer(PASS)
        with pytest.raises(StoreError, match="damaged"):
            store.create_cohort(PASS, "dec", "December")


def test_a_passphrase_that_is_not_utf8_is_a_message(store: Store) -> None:
    undecodable = "pass\udcff\udcfeword"  # bytes that were not UTF-8, as Python reads them
    with pytest.raises(StoreError, match="not valid UTF-8"):
        store.require_trainer(undecodable)
    with pytest.raises(StoreError, match="not valid UTF-8"):
        store.set_passphrase(undecodable, PASS)
    with pytest.raises(StoreError, match="longer than 1024"):
        store.require_trainer("p" * 1025)
    store.require_trainer(PASS)  # unchanged


# -- a busy, a damaged database --------------------------------------------------------------


def test_a_busy_database_is_named_with_what_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'results.db'}"
    Store(url).close()
    holder = sqlite3.connect(tmp_path / "results.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, and taking its time
    try:
        store = Store(url, busy_seconds=0.2, migrate=False)
        with pytest.raises(StoreError) as raised:
            store.save(record(bank(), "Ana"), bank())
        message = str(raised.value)
        assert "is busy" in message and str(tmp_path / "results.db") in message
        assert "Close it and try again" in message
        assert store.leaderboard() == []  # reading does not wait for the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store.save(record(bank(), "Ana"), bank())  # and once it is done, saving works
    store.close()


@pytest.mark.parametrize(
    "content",
    [
        b"this is a spreadsheet, not a database" * 200,
        b"SQLite format 3\x00" + b"\xff" * 4000,
    ],
)
def test_a_damaged_database_file_is_named_with_what_to_do(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        Store(f"sqlite:///{path}")
    message = str(raised.value)
    assert str(path) in message
    assert "restore it from a backup, or move it aside" in message


def test_the_command_line_says_so_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.cli import main

    path = tmp_path / "results.db"
    path.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("TRAINER_DB_URL", f"sqlite:///{path}")
    for args in (["runs"], ["leaderboard"], ["cohort", "list"]):
        assert main(args) == 1
        err = capsys.readouterr().err
        assert "not a readable results database" in err and "Traceback" not in err


def test_a_hostile_name_on_the_command_line_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers import ROOT

    from trainer.cli import main

    monkeypatch.setenv("TRAINER_DB_URL", f"sqlite:///{tmp_path / 'results.db'}")
    script = ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml"
    for name in ("\x1b[2J1 Boss 100", "Ana\n1 Boss 100", f"Ana {RLO}moc.live", "x" * 201):
        code = main(["run", "bank-double-charge", "--script", str(script), "--store",
                     "--trainee", name])  # fmt: skip
        err = capsys.readouterr().err
        assert code == 1 and "cannot save the run: the trainee's name" in err, err
        assert "Traceback" not in err and name not in err
    assert main(["runs", "--format", "json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_seeds_are_integers_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script's seed reaches the store exactly (never through a float), up to what the BIGINT
    column holds; one past it is refused by a message that names the real range."""
    import json

    from helpers import ROOT

    from trainer.cli import main

    monkeypatch.setenv("TRAINER_DB_URL", f"sqlite:///{tmp_path / 'results.db'}")
    model = (ROOT / "scenarios" / "scripts" / "bank-double-charge.yaml").read_text("utf-8")
    body = "\n".join(line for line in model.splitlines() if not line.startswith("seed:"))
    for seed in (SEED_MAX, 2**53 + 1):
        script = tmp_path / f"s{seed}.yaml"
        script.write_text(f"seed: {seed}\n{body}\n", "utf-8")
        code = main(
            [
                "run",
                "bank-double-charge",
                "--script",
                str(script),
                "--store",
                "--json",
                "--trainee",
                "Ana",
            ]  # fmt: skip
        )
        out = capsys.readouterr().out
        assert code == 0
        run_id = json.loads(out)["run_id"]
        assert main(["runs", "--format", "json"]) == 0
        stored = {r["run_id"]: r for r in json.loads(capsys.readouterr().out)}
        store = Store(f"sqlite:///{tmp_path / 'results.db'}")
        assert store.run(run_id).record.seed == seed  # type: ignore[union-attr]
        assert stored[run_id]["integrity"] == "ok"
        store.close()
    script = tmp_path / "too-big.yaml"
    script.write_text(f"seed: {SEED_MAX + 1}\n{body}\n", "utf-8")
    assert (
        main(["run", "bank-double-charge", "--script", str(script), "--store", "--trainee", "Ana"])
        == 1
    )
    err = capsys.readouterr().err
    assert f"seed must be a whole number from 0 to {SEED_MAX}, not {SEED_MAX + 1}" in err
