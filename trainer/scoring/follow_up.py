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
    value = min(100.0, sum(rubric.follow_up[item] for item in facts.follow_up))
    missing = tuple(
        item for item in ("prevention", "check-in", "log", "thanks") if item not in facts.follow_up
    )
    lost = 100.0 - value
    if not facts.follow_up:
        notes = (note("follow_up.none", lost),)
    elif missing:
        notes = (note("follow_up.missing", lost, missing=missing),)
    else:
        notes = (note("follow_up.good"),)
    return Dim(value, notes)
