"""Results: what a finished run is once it leaves the engine (its record), the port every
results store implements, and the one leaderboard rule. Pure: no database, no files."""

from .memory import MemoryResults
from .port import Results
from .records import BoardRow, CohortInfo, RunRecord, match_cohort

__all__ = ["BoardRow", "CohortInfo", "MemoryResults", "Results", "RunRecord", "match_cohort"]
