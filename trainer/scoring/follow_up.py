"""Follow-up: tell the customer what will change, check back, log the root cause, thank them.

Van Vaerenbergh, Larivière & Vermeir (2012): "what we changed" raises satisfaction and
repurchase more than checking in; process recovery closes the loop (Hart, Heskett & Sasser 1990).
"""

from __future__ import annotations

from ..scenario.model import Scenario
from .common import Dim, note
from .facts import Facts
from .rubric import Rubric


def score(scenario: Scenario, facts: Facts, rubric: Rubric) -> Dim:
    value = sum(rubric.follow_up[item] for item in facts.follow_up)
    missing = [
        item for item in ("prevention", "check-in", "log", "thanks") if item not in facts.follow_up
    ]
    if not facts.follow_up:
        notes = (note("follow_up.none"),)
    elif missing:
        notes = (note("follow_up.missing", missing=tuple(missing)),)
    else:
        notes = (note("follow_up.good"),)
    return Dim(min(100.0, value), notes)
