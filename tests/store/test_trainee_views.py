"""What a trainee sees of the results: the cohort a typed code means (letter case ignored) and
their own run history, the same from the SQL store and from in-memory results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from storehelpers import bank, hotel, record

from trainer.results import CohortInfo, MemoryResults, Results, match_cohort
from trainer.store import Store

PASS = "correct horse battery"


@pytest.fixture(params=["memory", "sql"])
def results(request: pytest.FixtureRequest, db_url: str) -> Iterator[Results]:
    cohorts = {"HK-0325": "Hong Kong, March", "nov": "November intake"}
    if request.param == "memory":
        yield MemoryResults(cohorts=cohorts)
        return
    store = Store(db_url)
    store.set_passphrase(PASS)
    for code, name in cohorts.items():
        store.create_cohort(PASS, code, name)
    yield store
    store.close()


def test_a_cohort_code_is_found_whatever_its_letter_case(results: Results) -> None:
    assert results.find_cohort("hk-0325") == CohortInfo("HK-0325", "Hong Kong, March")
    assert results.find_cohort("  Hk-0325 ") == CohortInfo("HK-0325", "Hong Kong, March")
    assert results.find_cohort("NOV") == CohortInfo("nov", "November intake")
    assert results.find_cohort("hk-0326") is None
    assert results.find_cohort("") is None


def test_a_saved_run_with_the_found_code_joins_the_cohort(results: Results) -> None:
    found = results.find_cohort("hk-0325")
    assert found is not None
    results.save(record(bank(), "Ana", 0, found.code), bank())
    [row] = results.leaderboard(scenario=bank().id, cohort="HK-0325")
    assert row.trainee == "Ana"


def test_history_is_the_trainees_runs_oldest_first(results: Results) -> None:
    later = record(hotel(), "Ana", 5)
    earlier = record(bank(), "Ana", 1)
    results.save(later, hotel())
    results.save(record(bank(), "Bo", 2), bank())
    results.save(earlier, bank())
    got = results.history("Ana")
    assert [r.run_id for r in got] == [earlier.run_id, later.run_id]
    assert got[0].scores == earlier.scores and got[1].scores == later.scores
    assert got[0].finished_at == earlier.finished_at
    assert results.history("Nobody") == []


def test_only_the_sql_store_is_durable(results: Results) -> None:
    assert results.durable() is isinstance(results, Store)


def test_two_codes_that_differ_only_by_case() -> None:
    both = [CohortInfo("ABC", "upper"), CohortInfo("abc", "lower")]
    assert match_cohort("abc", both) == CohortInfo("abc", "lower")  # the exact code wins
    assert match_cohort("Abc", both) is None  # ambiguous: neither is guessed
