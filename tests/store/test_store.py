"""The results store on SQLite and PostgreSQL: saving, integrity, leaderboards, replays of
changed scenarios, the trainer role, and hostile names."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import text
from storehelpers import bank, hotel, record, worse

from trainer.store import Store, StoreError

PASS = "correct horse battery"


@pytest.fixture
def store(db_url: str) -> Store:
    s = Store(db_url)
    yield s
    s.close()


def test_fresh_database_is_migrated_to_head_and_reopening_keeps_results(db_url: str) -> None:
    first = Store(db_url)
    assert first.revision() == "0002"
    first.save(record(bank(), "Ana"), bank())
    first.close()
    again = Store(db_url)  # migrating an up-to-date database changes nothing
    assert [r.record.trainee for r in again.runs()] == ["Ana"]
    again.close()


def test_saved_runs_read_back_exactly_with_integrity_ok(store: Store) -> None:
    rec = record(hotel(), "Ana")
    store.save(rec, hotel())
    [stored] = store.runs()
    assert stored.integrity == "ok"
    assert stored.record == rec
    assert stored.recomputed == rec.scores


def test_a_score_edited_by_hand_is_flagged_and_never_ranked(store: Store) -> None:
    honest = record(bank(), "Ana", minute=0)
    low = worse(bank(), "Bo", minute=1)
    low_again = worse(bank(), "Bo", minute=2)
    for rec in (honest, low, low_again):
        store.save(rec, bank())
    with store.engine.begin() as conn:  # Bo's later run is "improved" in the database
        conn.execute(
            text("UPDATE runs SET overall = 100, scores = :s WHERE id = :id"),
            {"s": json.dumps({**low_again.scores, "overall": 100}), "id": low_again.run_id},
        )
    flagged = {r.record.run_id: r.integrity for r in store.runs()}
    assert flagged[low_again.run_id] == "mismatch"
    assert flagged[honest.run_id] == flagged[low.run_id] == "ok"
    board = store.leaderboard(scenario=bank().id)
    assert [(r.trainee, r.run_id) for r in board] == [("Ana", honest.run_id), ("Bo", low.run_id)]
    assert all(r.run_id != low_again.run_id for r in store.leaderboard())


def test_leaderboard_best_run_per_trainee_ties_broken_by_the_earlier_run(store: Store) -> None:
    early = record(bank(), "Bo", minute=0)
    late = record(bank(), "Ana", minute=5)
    ana_low = worse(bank(), "Ana", minute=9)
    cy = worse(bank(), "Cy", minute=1)
    for rec in (late, early, ana_low, cy):
        store.save(rec, bank())
    board = store.leaderboard(scenario=bank().id)
    assert [r.trainee for r in board] == ["Bo", "Ana", "Cy"]  # Bo and Ana tie: Bo was earlier
    assert [r.rank for r in board] == [1, 1, 3]  # the tie shares a rank
    assert board[1].run_id == late.run_id  # Ana's best run, not her later worse one


def test_cohort_and_all_time_boards(store: Store) -> None:
    store.set_passphrase(PASS)
    store.create_cohort(PASS, "nov", "November")
    store.save(record(bank(), "Ana", 0, "nov"), bank())
    store.save(record(hotel(), "Ana", 1, "nov"), hotel())
    store.save(record(bank(), "Bo", 2), bank())
    cohort = store.leaderboard(cohort="nov")
    assert [(r.trainee, r.overall) for r in cohort] == [
        (
            "Ana",
            store.runs(trainee="Ana")[0].record.scores["overall"]
            + store.runs(trainee="Ana")[1].record.scores["overall"],
        )
    ]
    everyone = store.leaderboard()
    assert [r.trainee for r in everyone] == ["Ana", "Bo"]
    expected = {r.record.scenario_id: r.record.scores["overall"] for r in store.runs(trainee="Ana")}
    assert store.best_scores("Ana") == expected and len(expected) == 2


def test_unknown_cohort_is_refused_and_nothing_is_saved(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown cohort code 'nope'"):
        store.save(record(bank(), "Ana", cohort="nope"), bank())
    assert store.runs() == []


def test_a_run_replays_against_the_scenario_version_it_was_played_on(store: Store) -> None:
    original = bank()
    rec = record(original, "Ana")
    store.save(rec, original)
    # The scenario file changes afterwards (a new text and a costlier remedy).
    changed_raw = original.raw.replace(b"version: 1", b"version: 2", 1)
    changed = replace(original, version=2, sha256="f" * 64, raw=changed_raw)
    store.save(record(changed, "Bo"), changed)
    replayed = store.replay(rec)
    assert replayed is not None
    scenario, run = replayed
    assert scenario.sha256 == original.sha256 and scenario.version == 1
    assert [t.beat for t in run.turns] == [d["beat"] for d in rec.decisions]
    assert store.run(rec.run_id).integrity == "ok"  # type: ignore[union-attr]


def test_the_trainer_role(store: Store) -> None:
    with pytest.raises(StoreError, match="no trainer passphrase is set"):
        store.create_cohort(PASS, "nov", "November")
    with pytest.raises(StoreError, match="at least 8"):
        store.set_passphrase("short")
    store.set_passphrase(PASS)
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT value FROM settings")).scalar()
    assert stored.startswith("scrypt$") and PASS not in stored and len(stored.split("$")) == 6
    with pytest.raises(StoreError, match="wrong trainer passphrase"):
        store.create_cohort("guess", "nov", "November")
    with pytest.raises(StoreError, match="needs the trainer passphrase"):
        store.create_cohort(None, "nov", "November")
    with pytest.raises(StoreError, match="wrong trainer passphrase"):
        store.set_passphrase("a new passphrase", old="guess")
    store.create_cohort(PASS, "nov", "November", "2026-11-23", "2026-11-27", "Lee")
    rec = record(bank(), "Ana", cohort="nov")
    store.save(rec, bank())
    with pytest.raises(StoreError):
        store.set_flags("guess", rec.run_id, hidden=True)
    store.set_flags(PASS, rec.run_id, hidden=True)
    assert store.leaderboard(scenario=bank().id) == []
    store.set_flags(PASS, rec.run_id, hidden=False, approved=True)
    assert store.runs()[0].approved
    store.add_note(PASS, rec.run_id, "Lee", "Good recovery; try asking first.")
    assert store.notes(rec.run_id)[0]["text"] == "Good recovery; try asking first."
    exported = store.export_trainee(PASS, "Ana")
    assert exported["runs"][0]["run_id"] == rec.run_id
    assert exported["runs"][0]["notes"][0]["author"] == "Lee"
    with pytest.raises(StoreError):
        store.delete_trainee("guess", "Ana")
    assert store.delete_trainee(PASS, "Ana") == 1
    assert store.runs() == [] and store.leaderboard() == []


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script>",
        "Robert'); DROP TABLE runs;--",
        "阮氏兰 Nguyễn",
        '=HYPERLINK("http://x")',
    ],
)
def test_hostile_names_are_stored_and_shown_harmlessly(store: Store, name: str) -> None:
    store.save(record(bank(), name), bank())
    store.save(record(bank(), "Ana", 1), bank())
    assert {r.record.trainee for r in store.runs()} == {name, "Ana"}
    assert name in [r.trainee for r in store.leaderboard(scenario=bank().id)]
    with store.engine.connect() as conn:  # the tables are all still there
        assert conn.execute(text("SELECT COUNT(*) FROM runs")).scalar() == 2


def test_xapi_outbox_keeps_statements_until_sent(store: Store) -> None:
    rec = record(bank(), "Ana")
    store.save(rec, bank())
    statements = [{"id": f"00000000-0000-0000-0000-00000000000{i}", "verb": {}} for i in range(3)]
    assert store.queue_statements(rec.run_id, statements) == 3
    assert store.queue_statements(rec.run_id, statements) == 0  # queued once
    store.mark_sent([statements[0]["id"]])
    assert [s["id"] for s in store.pending_statements()] == [s["id"] for s in statements[1:]]


def test_saving_the_same_run_again_changes_nothing_and_other_content_is_refused(
    store: Store,
) -> None:
    first = record(bank(), "Ana", 0)
    store.save(first, bank())
    store.save(first, bank())  # a retry after an uncertain answer
    assert [r.record.run_id for r in store.runs()] == [first.run_id]
    changed = replace(first, scores={**first.scores, "overall": 100})
    with pytest.raises(StoreError, match="already saved, with other content"):
        store.save(changed, bank())
    assert store.runs()[0].record.scores == first.scores
