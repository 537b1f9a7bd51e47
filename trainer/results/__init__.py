"""Results: what a finished run is once it leaves the engine (its record), the port every
results store implements, the one leaderboard rule (:mod:`.board`), the check of a record
against its replay (:mod:`.verify`) and what a store can hold (:mod:`.limits`). Pure: no
database, no files."""

from .board import RULE, Entry, Total
from .limits import name_problem
from .memory import MemoryResults, ResultsError
from .port import Results
from .records import BoardRow, CohortInfo, RunRecord, match_cohort

__all__ = [
    "RULE",
    "BoardRow",
    "CohortInfo",
    "Entry",
    "MemoryResults",
    "Results",
    "ResultsError",
    "RunRecord",
    "Total",
    "match_cohort",
    "name_problem",
]
