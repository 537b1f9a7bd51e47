"""The order in which a beat's choices (or a menu's remedies) are shown: drawn per run.

Where an option sits in the list must never help (scoring.md, principle 17), so the order is a
pure function of the scenario, the beat, the run's seed and how many times the run has been at
that beat before (``visit``): stable while a beat is on screen and on every replay, different
between runs. Choices an author pins (``pin: last``, e.g. a "(say nothing)" option) keep their
place at the end, in the order written.

Each item's rank is a SHA-256 of its identity, so the order is the same on every platform and
every Python version (``random.shuffle`` promises neither).
"""

from __future__ import annotations

import hashlib

from ..scenario.model import Beat, Scenario


def _rank(scenario_id: str, beat_id: str, seed: int, visit: int, item: str) -> bytes:
    key = f"{scenario_id}\x1f{beat_id}\x1f{seed}\x1f{visit}\x1f{item}".encode()
    return hashlib.sha256(key).digest()


def shown_order(scenario: Scenario, beat_id: str, seed: int, visit: int = 0) -> tuple[str, ...]:
    """The ids shown at ``beat_id``, first to last: choice ids, or remedy ids at a menu."""
    beat: Beat = scenario.beats[beat_id]
    if beat.menu:
        free = [r.id for r in scenario.remedies]
        pinned: list[str] = []
    else:
        free = [c.id for c in beat.choices if c.pin != "last"]
        pinned = [c.id for c in beat.choices if c.pin == "last"]
    free.sort(key=lambda item: _rank(scenario.id, beat_id, seed, visit, item))
    return tuple(free + pinned)
