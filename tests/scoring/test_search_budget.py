"""The path search keeps to a budget: the full beam for every scenario that fits it, a
narrower one for the largest files the format's limits allow, and a hard stop that lint
reports."""

from __future__ import annotations

import re

import pytest
from helpers import load_text
from hostile import corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.scenario import limits
from trainer.scoring import search


def test_the_bundled_scenarios_are_searched_with_the_full_beam() -> None:
    from helpers import bundled

    for scenario in bundled():
        found = search.explore(scenario)
        assert found.beam == search.BEAM and not found.exhausted, scenario.id


@pytest.mark.parametrize(
    "text",
    [corpus.wide(limits.MAX_BEATS, limits.MAX_CHOICES), corpus.cycle(limits.MAX_BEATS)],
    ids=["wide", "cycle"],
)
def test_the_search_keeps_to_its_budget_at_the_limits_and_still_finds_paths(text: str) -> None:
    scenario, diags = load_text(text)
    assert scenario is not None, diags
    found = search.explore(scenario)
    assert found.expansions <= search.MAX_EXPANSIONS
    assert found.best is not None and found.complete_paths > 0


@pytest.mark.slow
@settings(max_examples=8, deadline=None)
@given(st.integers(1, limits.MAX_BEATS), st.integers(1, limits.MAX_CHOICES))
def test_the_beam_narrows_only_as_far_as_the_budget_needs(beats: int, choices: int) -> None:
    scenario, diags = load_text(corpus.wide(beats, choices))
    assert scenario is not None, diags
    found = search.explore(scenario)
    assert found.expansions <= search.MAX_EXPANSIONS and found.best is not None
    assert search.MIN_BEAM <= found.beam <= search.BEAM
    per_path = sum(len(b.choices) for b in scenario.beats.values()) * search.LOOP_ROUNDS
    if per_path * search.BEAM <= search.WORK:
        assert found.beam == search.BEAM


def test_lint_says_when_the_search_stopped_short(monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import bundled_by_id

    from trainer.application.lint import lint

    monkeypatch.setattr(search, "MAX_EXPANSIONS", 5)
    found = [d.message for d in lint(bundled_by_id("bank-double-charge"))]
    assert any(re.search(r"the path search stopped after \d+ decisions", m) for m in found)


def test_a_caller_can_lower_the_budget() -> None:
    scenario, diags = load_text(corpus.wide(60, limits.MAX_CHOICES))
    assert scenario is not None, diags
    full = search.explore(scenario)
    small = search.explore(scenario, max_expansions=2_000)
    assert small.expansions <= 2_000 + limits.MAX_CHOICES
    assert small.beam <= full.beam
    assert search.explore(scenario, max_expansions=10**9).expansions == full.expansions
