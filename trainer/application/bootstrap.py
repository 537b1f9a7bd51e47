"""The composition root: where the results store is opened (the one place that constructs a
``Store``), and the lazily opened store the window uses so its first frame is not kept waiting."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..results import BoardRow, CohortInfo, MemoryResults, Results, RunRecord

if TYPE_CHECKING:
    from ..scenario.model import Scenario
    from ..store import Store
    from .review import ReviewPort


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) the results store at ``url`` (default: ``TRAINER_DB_URL`` or the
    SQLite file in the user's data folder). Raises ``StoreError`` with a message for a person."""
    from ..store import Store

    return Store(url, create=create)


class LazyStore:
    """The results store, opened on first use (after the first frame: SQLAlchemy and the
    migrations take a moment). If it cannot be opened, results are kept in memory for the
    session and ``warn`` says why."""

    def __init__(self, warn: Callable[[str], None] | None = None) -> None:
        self._inner: Results | None = None
        self._warn = warn
        self._lock = threading.Lock()  # the window opens it on a worker thread

    def _get(self) -> Results:
        with self._lock:
            return self._open()

    def _open(self) -> Results:
        if self._inner is None:
            from ..store import StoreError

            try:
                self._inner = open_store()
            except StoreError as exc:
                if self._warn is not None:
                    self._warn(f"{exc}; results are kept for this session only")
                from ..content.bundled import is_bundled

                self._inner = MemoryResults(trusted=is_bundled)
        return self._inner

    def store(self) -> Store | None:
        """The SQL store, or None when only memory results are available."""
        inner = self._get()
        return None if isinstance(inner, MemoryResults) else inner  # type: ignore[return-value]

    def save(self, record: RunRecord, scenario: Scenario) -> None:
        self._get().save(record, scenario)

    def best_scores(self, trainee: str) -> dict[str, int]:
        return self._get().best_scores(trainee)

    def leaderboard(
        self, scenario: str | None = None, cohort: str | None = None, limit: int = 50
    ) -> list[BoardRow]:
        return self._get().leaderboard(scenario, cohort, limit)

    def find_cohort(self, code: str) -> CohortInfo | None:
        return self._get().find_cohort(code)

    def history(self, trainee: str) -> list[RunRecord]:
        return self._get().history(trainee)

    def durable(self) -> bool:
        return self._get().durable()


def review_port(results: Results) -> ReviewPort | None:
    """Trainer review over the SQL store behind ``results``; None without one (memory only)."""
    from ..store import Store
    from .review import StoreReview

    store = results.store() if isinstance(results, LazyStore) else results
    return StoreReview(store) if isinstance(store, Store) else None
