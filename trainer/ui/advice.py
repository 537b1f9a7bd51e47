"""What the picker tells a trainee, worked out from their runs: best and last score per
scenario, how each dimension moved from the first attempt to the latest, what to practise next
(the scenario whose score leans most on their weakest dimension, and the next step of an
orientation track), and how long a scenario takes. Pure functions: no pygame, no store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..scoring.rubric import RUBRIC
from ..scoring.score import dimensions

if TYPE_CHECKING:
    from ..content.tracks import Track
    from ..results import RunRecord
    from ..scenario.model import Scenario

DIMENSIONS = ("speed", "apology", "remedy_fit", "follow_up", "boundaries")
MASTERED = 80  # a dimension scored this high in a scenario needs no more practice there
SECONDS_PER_DECISION = 40  # reading the customer, thinking, answering, reading the reply
BRIEFING_MINUTES = 1.5  # the briefing before, the debrief after


@dataclass(frozen=True)
class ScenarioStats:
    best: int
    last: int
    attempts: int


@dataclass(frozen=True)
class DimensionProgress:
    dimension: str
    first: int
    latest: int
    attempts: int

    @property
    def change(self) -> int:
        return self.latest - self.first


@dataclass(frozen=True)
class Suggestion:
    """A scenario to play next and why: ``kind`` is "weakest" (practise ``dimension``) or
    "track" (step ``step`` of ``track``'s ``steps``)."""

    scenario: Scenario
    kind: str
    dimension: str = ""
    score: int = 0
    track: Track | None = None
    step: int = 0
    steps: int = 0


def stats(history: Iterable[RunRecord]) -> dict[str, ScenarioStats]:
    """Best and last overall score per scenario id (history oldest first)."""
    out: dict[str, ScenarioStats] = {}
    for record in history:
        overall = int(record.scores.get("overall", 0))
        seen = out.get(record.scenario_id)
        out[record.scenario_id] = (
            ScenarioStats(overall, overall, 1)
            if seen is None
            else ScenarioStats(max(seen.best, overall), overall, seen.attempts + 1)
        )
    return out


def progress(history: Sequence[RunRecord]) -> list[DimensionProgress]:
    """Each dimension's first and latest score across attempts (only dimensions scored)."""
    out = []
    for name in DIMENSIONS:
        scores = [int(r.scores[name]) for r in history if name in r.scores]
        if scores:
            out.append(DimensionProgress(name, scores[0], scores[-1], len(scores)))
    return out


def weakest(history: Sequence[RunRecord]) -> DimensionProgress | None:
    """The dimension whose latest score is lowest (None before any run)."""
    found = progress(history)
    if not found:
        return None
    return min(found, key=lambda d: (d.latest, DIMENSIONS.index(d.dimension)))


def weight(scenario: Scenario, dimension: str) -> float:
    """How much ``dimension`` counts in ``scenario``'s overall score (0 if not scored there)."""
    names = dimensions(scenario)
    if dimension not in names:
        return 0.0
    weights = RUBRIC.weights.get(scenario.persona.archetype) or (1.0,) * len(names)
    if len(weights) != len(names):
        return 1.0 / len(names)
    return weights[names.index(dimension)] / sum(weights)


def latest_on(history: Sequence[RunRecord], scenario_id: str, dimension: str) -> int | None:
    scores = [
        int(r.scores[dimension])
        for r in history
        if r.scenario_id == scenario_id and dimension in r.scores
    ]
    return scores[-1] if scores else None


def practise(
    dimension: str, scenarios: Sequence[Scenario], history: Sequence[RunRecord]
) -> Scenario | None:
    """The scenario that best practises ``dimension``: one not yet mastered there, whose
    overall score leans most on it (the rubric's persona weights), the easier first; the
    scenario just played comes last among equals."""
    last = history[-1].scenario_id if history else None
    candidates = []
    for scenario in scenarios:
        share = weight(scenario, dimension)
        if share <= 0:
            continue
        own = latest_on(history, scenario.id, dimension)
        mastered = own is not None and own >= MASTERED
        candidates.append(
            (
                mastered,
                -round(share, 3),
                scenario.id == last,
                own if own is not None else -1,
                scenario.difficulty,
                scenario.id,
                scenario,
            )
        )
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[:6])[6]


def track_step(
    tracks: Sequence[Track], scenarios: Sequence[Scenario], history: Sequence[RunRecord]
) -> Suggestion | None:
    """The first scenario not yet played in the first track not yet finished."""
    played = {r.scenario_id for r in history}
    known = {s.id: s for s in scenarios}
    for track in tracks:
        steps = [sid for sid in track.scenarios if sid in known]
        for index, scenario_id in enumerate(steps):
            if scenario_id not in played:
                return Suggestion(
                    known[scenario_id], "track", track=track, step=index + 1, steps=len(steps)
                )
    return None


def suggestions(
    scenarios: Sequence[Scenario], history: Sequence[RunRecord], tracks: Sequence[Track]
) -> list[Suggestion]:
    """Recommended next: practise the weakest dimension (after a first run, while it is below
    :data:`MASTERED`), and the next step of an orientation track; the same scenario is not
    suggested twice."""
    out: list[Suggestion] = []
    low = weakest(history)
    if low is not None and low.latest < MASTERED:
        pick = practise(low.dimension, scenarios, history)
        if pick is not None:
            out.append(Suggestion(pick, "weakest", dimension=low.dimension, score=low.latest))
    step = track_step(tracks, scenarios, history)
    if step is not None and all(s.scenario.id != step.scenario.id for s in out):
        out.append(step)
    return out


_ROUTES: dict[tuple[str, str], tuple[int, int]] = {}


def route_lengths(scenario: Scenario) -> tuple[int, int]:
    """The fewest and (ignoring loops back) the most decisions from the start to the end."""
    key = (scenario.id, scenario.sha256)
    if key not in _ROUTES:
        _ROUTES[key] = _route_lengths(scenario)
    return _ROUTES[key]


def _route_lengths(scenario: Scenario) -> tuple[int, int]:
    beats = scenario.beats

    def nexts(beat_id: str) -> list[str]:
        beat = beats[beat_id]
        if beat.menu:
            return [beat.next or "end"]
        return sorted({c.next for c in beat.choices})

    # Fewest: breadth first.
    depth = {scenario.start: 0}
    queue = [scenario.start]
    shortest = 0
    while queue:
        beat_id = queue.pop(0)
        if beat_id not in beats:
            shortest = depth[beat_id]
            break
        for target in nexts(beat_id):
            if target not in depth:
                depth[target] = depth[beat_id] + 1
                queue.append(target)
    # Most: depth first, a beat's longest road remembered, an edge back up the road ignored.
    longest: dict[str, int] = {}
    on_road: set[str] = set()

    def most(beat_id: str) -> int:
        if beat_id not in beats:
            return 0
        if beat_id in longest:
            return longest[beat_id]
        on_road.add(beat_id)
        best = max((most(t) for t in nexts(beat_id) if t not in on_road), default=-1)
        on_road.discard(beat_id)
        longest[beat_id] = best + 1 if best >= 0 else 0
        return longest[beat_id]

    return max(1, shortest), max(1, shortest, most(scenario.start))


def minutes(scenario: Scenario) -> int:
    """About how many minutes a play takes, briefing and debrief included."""
    low, high = route_lengths(scenario)
    middle = (low + high) / 2
    return max(2, round(BRIEFING_MINUTES + middle * SECONDS_PER_DECISION / 60))
