"""Results database: runs, cohorts, leaderboards, replays, the trainer role, the xAPI outbox."""

from .store import Store, StoredRun, StoreError, default_url

__all__ = ["Store", "StoreError", "StoredRun", "default_url"]
