"""How each score moved, decision by decision: the rubric applied to every prefix of a run."""

from __future__ import annotations

from collections.abc import Sequence

from ..engine.state import Turn
from ..scenario.model import Scenario
from .facts import FactsBuilder
from .rubric import RUBRIC, Rubric
from .score import evaluate


def progression(
    scenario: Scenario, turns: Sequence[Turn], rubric: Rubric = RUBRIC
) -> list[dict[str, float]]:
    """For each turn, every dimension's score (and ``overall``) as if the run ended there."""
    builder = FactsBuilder(scenario)
    out: list[dict[str, float]] = []
    for turn in turns:
        builder.add(turn)
        dims, overall, _, _ = evaluate(scenario, builder.build(turn.minute), rubric)
        out.append({name: dim.score for name, dim in dims.items()} | {"overall": overall})
    return out
