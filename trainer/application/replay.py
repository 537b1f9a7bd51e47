"""Replaying a stored run turn by turn, with how each score moved: one use case for
``trainer replay``, the trainer review screen and the server's run view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..engine import Run, Turn
from ..scenario.model import Scenario
from ..scoring.progress import progression

if TYPE_CHECKING:
    from ..store import Store, StoredRun


class ReplayError(Exception):
    """A run that cannot be shown: unknown id, or its scenario snapshot no longer loads."""


@dataclass(frozen=True)
class ReplayStep:
    """One decision: the turn, every score as if the run ended here, and how each moved."""

    turn: Turn
    scores: dict[str, float]
    moved: dict[str, float]  # dimensions that moved by half a point or more


@dataclass(frozen=True)
class Replay:
    stored: StoredRun
    scenario: Scenario
    run: Run
    steps: tuple[ReplayStep, ...]
    notes: tuple[dict[str, Any], ...]


def steps_of(scenario: Scenario, run: Run) -> tuple[ReplayStep, ...]:
    out: list[ReplayStep] = []
    previous: dict[str, float] = {}
    for turn, now in zip(run.turns, progression(scenario, run.turns), strict=True):
        moved = {
            name: value - previous.get(name, 0.0)
            for name, value in now.items()
            if abs(value - previous.get(name, 0.0)) >= 0.5
        }
        out.append(ReplayStep(turn, now, moved))
        previous = now
    return tuple(out)


def replay_run(store: Store, run_id: str) -> Replay:
    """The stored run ``run_id``, replayed on the scenario version it was played on."""
    stored = store.run(run_id)
    if stored is None:
        raise ReplayError(f"no run '{run_id}'; 'trainer runs' lists them")
    replayed = store.replay(stored.record)
    if replayed is None:
        raise ReplayError(
            f"run '{run_id}' cannot be replayed: its scenario snapshot no longer loads"
        )
    scenario, run = replayed
    return Replay(stored, scenario, run, steps_of(scenario, run), tuple(store.notes(run_id)))
